import { describe, expect, it } from 'vitest';
import {
  findBareOperation,
  findCutPrincipal,
  findIamDenials,
  headlessDenial,
} from '../../src/domain/iam-denial-message.js';
import { flattenText } from '../../src/domain/message-text.js';
import { parsePrincipal } from '../../src/domain/principal.js';
import { corpusMessage } from '../corpus-cases.js';
import { firstFinding, publishedCase } from '../pasted-message.js';

const first = (message: string) => findIamDenials(flattenText(message))[0];

describe("IAM's authorization-failure sentence", () => {
  it('reads principal, action, resource and an implicit identity-based deny (ecs-01)', () => {
    const denial = first(corpusMessage('ecs-01'));
    expect(denial).toMatchObject({
      principal:
        'arn:aws:sts::<account id>:assumed-role/aits-demo-app-test-demo-app-ExecutionRole-28VBAJL3T0YT/f83b93a4dc3442a18eaaf8c2a235cd37',
      action: 'ssm:GetParameters',
      resource: 'arn:aws:ssm:eu-west-2:<account id>:parameter/GOOGLE_CLIENT_ID',
      policyType: 'identity',
      explicitDeny: false,
    });
  });

  it('reads the same sentence lower-cased, as some consoles print it', () => {
    const denial = first(corpusMessage('ecs-01').toLowerCase());
    expect(denial?.action).toBe('ssm:getparameters');
    expect(denial?.policyType).toBe('identity');
    expect(denial?.explicitDeny).toBe(false);
  });

  it('keeps the policy ARN and the authorization id of the 2026 form, and no link in the resource (doc-01)', () => {
    const denial = first(corpusMessage('doc-01'));
    expect(denial).toMatchObject({
      action: 'iam:CreateInstanceProfile',
      resource: 'arn:aws:iam::123456789012:instance-profile/my-instance-profile',
      policyType: 'identity',
      explicitDeny: true,
      policyArn: 'arn:aws:iam::123456789012:policy/ExampleDenyPolicy',
      authorizationId: 'EXAMPLE1a2b3c4d5e6f7g8h9i0j',
    });
    expect(denial?.detailsUrl).toMatch(/^https:\/\/us-east-1\.console\.aws\.amazon\.com\/iam\/home/);
  });

  it.each([
    ['app-16', 'vpc-endpoint', false],
    ['app-17', 'vpc-endpoint', true],
    ['app-18', 'boundary', false],
    ['app-19', 'boundary', true],
    ['app-20', 'session', false],
    ['app-21', 'session', true],
    ['app-35', 'scp', true],
    ['app-44', 'resource', false],
    ['app-49', 'identity', true],
  ])('names the policy type of %s as %s (explicit: %s)', (id, policyType, explicitDeny) => {
    expect(first(corpusMessage(id))).toMatchObject({ policyType, explicitDeny });
  });

  it('reads the old explicit form that names no policy type (app-36)', () => {
    expect(first(corpusMessage('app-36'))).toMatchObject({ explicitDeny: true, policyType: null });
  });

  it('reads a sentence with no context clause and keeps a resource that ends in a colon (app-43)', () => {
    expect(first(corpusMessage('app-43'))).toMatchObject({
      action: 'logs:StartQuery',
      resource: 'arn:aws:logs:us-east-2:***********:log-group:null:log-stream:',
      policyType: null,
      explicitDeny: null,
    });
  });

  it("tolerates a missing space ('allowsthe') and literal \\n\\t escapes (ecs-43)", () => {
    expect(first(corpusMessage('ecs-43'))).toMatchObject({
      action: 'ecr:GetAuthorizationToken',
      resource: '*',
    });
  });

  it('keeps placeholders and elisions inside ARNs ({...}, ...)', () => {
    expect(first(corpusMessage('ecs-27'))?.resource).toBe(
      'arn:aws:ssm:{REGION}:{ACCOUNT_ID}:parameter/{PARAMETER_NAME}',
    );
    expect(first(corpusMessage('app-44'))?.resource).toBe('arn:aws:kms:eu-central-1:...:key/0063c4a6-...');
  });

  it('stops the resource at the quote of a JSON string (ecs-11)', () => {
    expect(first(corpusMessage('ecs-11'))?.resource).toBe(
      'arn:aws:iam::563873274798:role/crossfeed-staging-worker',
    );
  });

  it('marks an action that ends a cut message as possibly cut (ecs-20)', () => {
    const denial = first(corpusMessage('ecs-20'));
    expect(denial?.action).toBe('ecr:GetAuthorizationToken');
    expect(denial?.resource).toBeNull();
    const cut = first(
      'AccessDeniedException: User: arn:aws:sts::111122223333:assumed-role/r/s is not authorized to perform: ecr:GetAuthoriz',
    );
    expect(cut).toMatchObject({ action: 'ecr:GetAuthoriz', actionMayBeCut: true });
  });

  it('finds the principal of a message cut before "is not authorized" (ecs-53)', () => {
    expect(
      findCutPrincipal(
        'AccessDeniedException: User: arn:aws:sts::xxx:assumed-role/django-ExecutionRole-0GkTVxbLE8AS/10f3cb5a956e423b81737b131abd962d is',
      ),
    ).toBe(
      'arn:aws:sts::xxx:assumed-role/django-ExecutionRole-0GkTVxbLE8AS/10f3cb5a956e423b81737b131abd962d',
    );
  });

  it('reads the sentence inside EC2 UnauthorizedOperation with its encoded message (ct-01 errorMessage)', () => {
    const message =
      'You are not authorized to perform this operation. User: arn:aws:sts::751353041310:assumed-role/stratus-red-team-ec2-get-password-data-role/aws-go-sdk-1722375070115152000 is not authorized to perform: ec2:GetPasswordData on resource: arn:aws:ec2:apiso-northsouth-3r:751353041310:instance/* because no identity-based policy allows the ec2:GetPasswordData action. Encoded authorization failure message: fqhg8CzmasrUP43_LGsSm';
    expect(first(message)).toMatchObject({
      action: 'ec2:GetPasswordData',
      resource: 'arn:aws:ec2:apiso-northsouth-3r:751353041310:instance/*',
      policyType: 'identity',
    });
  });

  it('reads each distinct sentence of a message that holds several', () => {
    const one = corpusMessage('ecs-44').replace(/^.*?AccessDeniedException: /, '');
    const two = one.replaceAll('CFN-PLMSecretParameter-BlcjtHm1Fj7R', 'other-parameter');
    expect(findIamDenials(`${one}; ${two}`).map((denial) => denial.resource)).toEqual([
      'arn:aws:ssm:us-west-2:8XXXXXXXXX0:parameter/CFN-PLMSecretParameter-BlcjtHm1Fj7R',
      'arn:aws:ssm:us-west-2:8XXXXXXXXX0:parameter/other-parameter',
    ]);
  });
});

describe('every policy clause and resource form IAM and KMS write (issue 11)', () => {
  it('gives the deny of a VPC endpoint policy "transitively through a service control policy" to the SCP', () => {
    // IAM User Guide, "Troubleshoot access denied error messages" (extra case s-01).
    const denial = first(
      'User: arn:aws:sts::111122223333:assumed-role/role-name/role-session-name is not authorized to perform: SNS:Publish on resource: arn:aws:sns:us-east-1:444455556666:role-name-2 with an explicit deny in a VPC endpoint policy transitively through a service control policy',
    );
    expect(denial).toMatchObject({
      resource: 'arn:aws:sns:us-east-1:444455556666:role-name-2',
      policyType: 'scp',
      explicitDeny: true,
    });
  });

  it("reads KMS's clause as the key policy's, without saying explicit or implicit (onnela-lab/beiwe-backend#363)", () => {
    const denial = first(
      '<Message>User: ****/us-east-2-cstore-role/elasticbeanstalk-aws is not authorized to perform: kms:Decrypt on the resource associated with this ciphertext because the resource does not exist in this Region, no resource-based policies allow access, or a resource-based policy explicitly denies access</Message>',
    );
    expect(denial).toMatchObject({
      action: 'kms:Decrypt',
      resource: null,
      policyType: 'resource',
      explicitDeny: null,
    });
    // The same clause after "on this resource", as AWS Backup's guide quotes it.
    expect(
      first(
        'User: <assumed role> is not authorized to perform: kms:CreateGrant on this resource because the resource does not exist in this Region, no resource-based policies allow access, or a resource-based policy explicitly denies access',
      ),
    ).toMatchObject({
      action: 'kms:CreateGrant',
      resource: null,
      policyType: 'resource',
      explicitDeny: null,
    });
  });

  it("keeps IAM's short forms 'user NAME' and 'role NAME' as the resource (gist maishsk/f79d2757…)", () => {
    expect(
      first(
        'User: arn:aws:iam::xxxxxxxxxxxx:user/some_username is not authorized to perform: iam:ListAccessKeys on resource: user nullsome_username',
      )?.resource,
    ).toBe('user nullsome_username');
    expect(
      first(
        'User: arn:aws:iam::792671221040:user/test-user is not authorized to perform: iam:GetUser on resource: user deploy-user because no identity-based policy allows the iam:GetUser action',
      ),
    ).toMatchObject({ resource: 'user deploy-user', policyType: 'identity', explicitDeny: false });
  });

  it('drops the colon the quoting language put after the ARN, and keeps a colon that ends the ARN (app-43)', () => {
    expect(
      first(
        'User: arn:aws:iam::1:user/ci is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::1:role/deploy: ClientError',
      )?.resource,
    ).toBe('arn:aws:iam::1:role/deploy');
    expect(first(corpusMessage('app-43'))?.resource).toMatch(/log-stream:$/);
  });

  it('names the principal a service quotes in its own words (terraform-aws-modules/terraform-aws-step-functions#11)', () => {
    const text = flattenText(
      "Error: AccessDeniedException: 'arn:aws:iam::xxxx:role/step-functions-role' is not authorized to create managed-rule.",
    );
    expect(findIamDenials(text)).toEqual([]);
    expect(headlessDenial(text, null)).toMatchObject({
      principal: 'arn:aws:iam::xxxx:role/step-functions-role',
      action: null,
    });
  });
});

describe("a service's sentence naming its operation, not IAM's action", () => {
  it("reads CloudWatch Logs' operation and its tags (awslabs/aws-well-architected-labs#745)", () => {
    expect(
      findBareOperation('User with accountId: <> is not authorized to perform CreateLogGroup with Tags'),
    ).toEqual({ operation: 'CreateLogGroup', withTags: true });
  });

  it('reads it through the blanks a copied table left (awslabs/aws-well-architected-labs#747)', () => {
    expect(
      findBareOperation(
        'Resource handler   returned message: "User with accountId: 254377943029 is not authorized   to perform CreateLogGroup with Tags (Service: CloudWatchLogs, Status Code:   400',
      ),
    ).toEqual({ operation: 'CreateLogGroup', withTags: true });
  });

  it("is nothing for IAM's own sentence, an action written service:Action, or EC2's 'this operation'", () => {
    expect(
      findBareOperation('User: arn:aws:iam::1:user/u is not authorized to perform: ssm:GetParameter'),
    ).toBeNull();
    expect(findBareOperation('You are not authorized to perform this operation.')).toBeNull();
  });
});

describe('ARNs a paste garbled', () => {
  it("reads a principal the paste broke with a blank ('arn:aws:I am::', anomalyco/sst#4176)", () => {
    const [denial] = findIamDenials(
      'api error AccessDeniedException: User: arn:aws:I am::...:user/s3-iam is not authorized to perform: ssm:GetParameter on resource: arn:aws:ssm:eu-west-2:...:parameter/sst/bootstrap because no identity-based policy allows the ssm:GetParameter action',
    );
    expect(denial?.principal).toBe('arn:aws:I am::...:user/s3-iam');
    expect(parsePrincipal(denial?.principal ?? '')).toMatchObject({ type: 'user' });
    expect(denial).toMatchObject({ action: 'ssm:GetParameter', policyType: 'identity' });
  });

  it('reads ARNs whose account was replaced by quoted words with blanks (Netflix/security_monkey#77)', () => {
    const [denial] = findIamDenials(
      '<Message>User: arn:aws:sts::"my account number":assumed-role/SecurityMonkeyInstanceProfile/i-e68888 is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::"another account number":role/SecurityMonkey</Message>',
    );
    expect(denial).toMatchObject({
      principal: 'arn:aws:sts::"my account number":assumed-role/SecurityMonkeyInstanceProfile/i-e68888',
      action: 'sts:AssumeRole',
      resource: 'arn:aws:iam::"another account number":role/SecurityMonkey',
    });
  });

  it("reads an ARN a paste parted after its Region's colon without the blank (hj-02: aws/amazon-genomics-cli#205)", () => {
    const [denial] = findIamDenials(
      'ERROR AccessDeniedException, User: arn:aws:sts::123456789012:assumed-role/Agc-Context-ScaledJointGe-miniwdlHeadBatchBatchRol-IO0I9REMOUDL/1040aebb4a584db1be4383b79cfa1cd8 is not authorized to perform: batch:TerminateJob on resource: arn:aws:batch:us-west-2: 123456789012:job/9bc7488f-e2ae-4d59-b6a5-37bdfa8be6d8',
    );
    expect(denial?.resource).toBe(
      'arn:aws:batch:us-west-2:123456789012:job/9bc7488f-e2ae-4d59-b6a5-37bdfa8be6d8',
    );
  });

  it('does not take a sentence or an earlier principal into a principal with blanks', () => {
    const [denial] = findIamDenials(
      'Retrying for User: arn:aws:iam::123456789012:user/bob. Now User: arn:aws:iam::123456789012:user/alice is not authorized to perform: s3:GetObject',
    );
    expect(denial?.principal).toBe('arn:aws:iam::123456789012:user/alice');
  });
});

it("reads a person's sign-in name written where IAM writes the caller's ARN as a person's call (gg-07: pulumi/pulumi-aws#4849)", async () => {
  const [denial] = findIamDenials(publishedCase('gg-07'));
  expect(denial?.principal).toBe('richard@pulumi.com');
  expect(await firstFinding(publishedCase('gg-07'))).toMatchObject({
    role: 'other',
    step: 'trust',
    action: 'sts:AssumeRole',
    resource: 'arn:aws:iam::{}:role/role-to-be-assumed',
  });
});

it("reads iam:ListPolicies' resource, a path ('on resource: policy path / with an explicit deny'), and the clause after it (gs-05: nccgroup/ScoutSuite#727)", () => {
  const [denial] = findIamDenials(publishedCase('gs-05'));
  expect(denial).toMatchObject({ action: 'iam:ListPolicies', resource: 'policy path /', explicitDeny: true });
});

it("reads a resource whose name holds blanks up to IAM's clause after it (ih-06: LBHackney-IT/Data-Platform#2274, a Glue job)", () => {
  const [denial] = findIamDenials(publishedCase('ih-06'));
  expect(denial).toMatchObject({
    action: 'glue:GetJobRuns',
    resource: 'arn:aws:glue:eu-west-2:120038763019:job/Copy parking Liberator landing zone to raw',
    policyType: 'identity',
    explicitDeny: false,
  });
  // Words after the resource that lead to no clause of IAM's are no part of it.
  const [plain] = findIamDenials(
    'User: arn:aws:sts::123456789012:assumed-role/app/1 is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::bucket/key please check your role',
  );
  expect(plain?.resource).toBe('arn:aws:s3:::bucket/key');
});
