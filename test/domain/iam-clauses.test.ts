/**
 * IAM's sentence in the forms issue 11's families 5 and 6 name: a principal whose account was
 * masked with a bracketed placeholder, and the SCP wording the IAM User Guide warns about.
 */
import { describe, expect, it } from 'vitest';
import { findIamDenials } from '../../src/domain/iam-denial-message.js';
import { analyzeEvidence } from '../../src/pipeline.js';
import { textEvidence } from '../../src/sources/files/text-input.js';
import { publishedCase } from '../pasted-message.js';

/** aws-solutions/quota-monitor-for-aws#51: the Lambda's own log, its account masked "[account id]". */
const BRACKETED_ACCOUNT =
  'INFO\t[ERROR]AccessDeniedException: User: arn:aws:sts::[account id]:assumed-role/limit-monitor-limitCheckStack-GQH-LimitMonitorRole-1HLZ084R28ABB/limit-monitor-limitCheckStack-LimitMonitorFunction-ENB26B3ETQB8 is not authorized to perform: servicequotas:GetAWSDefaultServiceQuota with an explicit deny';

describe('a principal masked with a bracketed placeholder holding a space', () => {
  it('keeps the whole ARN, so the Lambda function session is read as such', async () => {
    expect(findIamDenials(BRACKETED_ACCOUNT)[0]).toMatchObject({
      principal:
        'arn:aws:sts::[account id]:assumed-role/limit-monitor-limitCheckStack-GQH-LimitMonitorRole-1HLZ084R28ABB/limit-monitor-limitCheckStack-LimitMonitorFunction-ENB26B3ETQB8',
      action: 'servicequotas:GetAWSDefaultServiceQuota',
      explicitDeny: true,
      policyType: null,
    });
    const analysis = await analyzeEvidence(textEvidence(BRACKETED_ACCOUNT, 'pasted.txt'), []);
    expect(analysis.findings[0]?.role).toBe('other');
  });
});

describe("the SCP's own wording (IAM User Guide, troubleshoot_access-denied: \"When an SCP denies access, the error message can include the phrase 'due to an explicit deny in a Service Control Policy', even if the denial is implicit\")", () => {
  it('names the SCP and leaves explicit or implicit open', () => {
    const denial = findIamDenials(
      'User: arn:aws:iam::777788889999:user/JohnDoe is not authorized to perform: codecommit:ListRepositories due to an explicit deny in a Service Control Policy',
    )[0];
    expect(denial).toMatchObject({
      action: 'codecommit:ListRepositories',
      policyType: 'scp',
      explicitDeny: null,
    });
  });
});

describe("the IAM User Guide's trust policy example that drops the 'no' (ha-08)", () => {
  it("reads 'because the role trust policy allows the sts:AssumeRole action' as the implicit clause it is", () => {
    expect(findIamDenials(publishedCase('ha-08'))[0]).toMatchObject({
      action: 'sts:AssumeRole',
      explicitDeny: false,
      policyType: null,
    });
  });

  it("leaves KMS's 'because the resource does not exist' to its own clause", () => {
    const denial = findIamDenials(
      'User: arn:aws:iam::111122223333:user/u is not authorized to perform: kms:Decrypt on this resource because the resource does not exist in this Region, no resource-based policies allow access, or a resource-based policy explicitly denies access',
    )[0];
    expect(denial).toMatchObject({ policyType: 'resource', explicitDeny: null });
  });
});

describe("STS's refusal of a web identity's token, without a colon or a principal", () => {
  it.each([
    // aws-actions/configure-aws-credentials#1100: the action's own framing.
    'Assuming role with OIDC\nError: Could not assume role with OIDC: Not authorized to perform sts:AssumeRoleWithWebIdentity',
    // aws-actions/configure-aws-credentials#318: the older action's bare STS message.
    'Error: Not authorized to perform sts:AssumeRoleWithWebIdentity',
  ])('is the token holder failing the role trust, not a task role: %s', async (message) => {
    const analysis = await analyzeEvidence(textEvidence(message, 'pasted.txt'), []);
    expect(analysis.findings[0]).toMatchObject({
      role: 'other',
      step: 'trust',
      action: 'sts:AssumeRoleWithWebIdentity',
    });
  });
});

describe('a role trust refusing the session tags of an assume-role (sts:TagSession)', () => {
  it.each([
    // aws-actions/configure-aws-credentials#54: the role's trust policy must allow sts:TagSession too.
    [
      '##[error]User: arn:aws:iam::***:user/deployer is not authorized to perform: sts:TagSession on resource: arn:aws:iam::***:role/devops',
      'arn:aws:iam::***:role/devops',
    ],
    // aws/aws-cdk-cli#762: markdown's backticks around every part, which are not the ARN's.
    [
      'Could not assume role in target account using current credentials (which are for account `<TRUSTED_ACCOUT>`) User: `arn:aws:sts::<TRUSTED_ACCOUT>:assumed-role/<eks-pod-role>` is not authorized to perform: `sts:TagSession` on resource: `arn:aws:iam::<TARGET_ACCOUNT>:role/cdk-hnb659fds-lookup-role-<TARGET_ACCOUNT>-us-east-1`',
      'arn:aws:iam::<TARGET_ACCOUNT>:role/cdk-hnb659fds-lookup-role-<TARGET_ACCOUNT>-us-east-1',
    ],
  ])('is the trust step of the role named: %s', async (message, resource) => {
    const analysis = await analyzeEvidence(textEvidence(message, 'pasted.txt'), []);
    expect(analysis.findings[0]).toMatchObject({
      role: 'other',
      step: 'trust',
      action: 'sts:TagSession',
      resource,
    });
  });
});

describe("an action and a principal written as words, the resource and clause still IAM's (extra cases eh-)", () => {
  it("reads the resource after 'perform API action on resource:' (repost.aws knowledge center, iam-organizations-scp-deny-error)", () => {
    expect(
      findIamDenials(
        '"The IAM Entity is not authorized to perform API action on resource: arn:aws:iam::123456789012:role/Admin with an explicit deny in a service control policy".',
      )[0],
    ).toMatchObject({
      principal: null,
      action: null,
      resource: 'arn:aws:iam::123456789012:role/Admin',
      policyType: 'scp',
      explicitDeny: true,
    });
  });

  it("still reads EC2's 'not authorized to perform this operation' as no sentence of IAM's", () => {
    expect(
      findIamDenials(
        'You are not authorized to perform this operation. Encoded authorization failure message: abc',
      ),
    ).toEqual([]);
  });
});
