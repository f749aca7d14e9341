/**
 * Live verification reads the key, repository and secret policies on a denied request's path
 * (through the real KMS, ECR and Secrets Manager clients against the loopback fake) and the
 * local check evaluates them; a policy that cannot be read is named in the fix's reason.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/domain/analysis.js';
import { analyzeFiles } from '../../src/pipeline.js';
import { fetchAccountScps } from '../../src/verify/live-org-policies.js';
import { fetchResourcePolicies } from '../../src/verify/live-resource-policies.js';
import { verifyFindingsLive } from '../../src/verify/verify-live.js';
import { fakeClients } from '../fake-aws/clients.js';
import { type FakeIamPolicyDocument, type FakeIamRole, iamRoutes } from '../fake-aws/iam.js';
import {
  bucketPolicyRoute,
  delegatingKeyPolicy,
  type FakeScp,
  keyPolicyRoute,
  organizationRoutes,
  repositoryPolicyRoute,
  secretPolicyRoute,
  vpcEndpointRoute,
} from '../fake-aws/resource-policies.js';
import { type FakeAws, type FakeRoute, startFakeAws } from '../fake-aws/server.js';
import { AMAZON_ECS_TASK_EXECUTION_ROLE_POLICY } from '../fixtures/ecs-roles.js';

const ACCOUNT = '111122223333';
const ECS_EXECUTION = 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy';
const TRUST_ECS_TASKS = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' },
  ],
};

const DELEGATING_KEY_POLICY = delegatingKeyPolicy(ACCOUNT);

/** Attached by AWS to every root, OU and account unless someone detaches it. */
const FULL_AWS_ACCESS: FakeScp = {
  id: 'p-FullAWSAccess',
  name: 'FullAWSAccess',
  arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
  awsManaged: true,
  document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
};

let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

type Warning = { origin: string; problem: string; expected: string };

async function verifyLive(findings: Finding[], routes: FakeRoute[], deny: string[] = []) {
  fake = await startFakeAws({ routes });
  for (const target of deny) fake.deny(target);
  const clients = fakeClients(fake.url);
  const warnings: Warning[] = [];
  try {
    const verified = await verifyFindingsLive(findings, clients, { warnings });
    return { finding: verified[0], warnings, fake };
  } finally {
    clients.destroy();
  }
}

describe('the key policy of a secret-cmk denial (secret encrypted with a customer managed key)', () => {
  const SAMPLE = new URL('../../samples/secret-cmk/', import.meta.url).pathname;
  const KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/5d2f8a3e-91c4-4b7a-a0e6-3c8f1d9b2e47`;
  const SECRET = `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:checkout/stripe-api-key-Hq3ZtL`;
  const role: FakeIamRole = {
    arn: `arn:aws:iam::${ACCOUNT}:role/checkout-api-execution-role`,
    trust: TRUST_ECS_TASKS,
    inline: {
      'checkout-secrets': {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: SECRET }],
      },
    },
    attached: [ECS_EXECUTION],
  };
  const iam = iamRoutes({
    roles: [role],
    managed: [{ arn: ECS_EXECUTION, document: AMAZON_ECS_TASK_EXECUTION_ROLE_POLICY }],
  });
  /** Key administrators only: the execution role is in neither the key policy nor delegated to IAM. */
  const adminsOnly: FakeIamPolicyDocument = {
    Version: '2012-10-17',
    Id: 'key-consolepolicy-3',
    Statement: [
      {
        Sid: 'Allow access for Key Administrators',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/platform-admin` },
        Action: ['kms:Create*', 'kms:Describe*', 'kms:Enable*', 'kms:Put*', 'kms:Update*'],
        Resource: '*',
      },
    ],
  };

  async function findings(): Promise<Finding[]> {
    const found = (await analyzeFiles([SAMPLE])).analysis.findings;
    expect(found[0]?.fix).toMatchObject({ placement: 'key-policy', target: KEY });
    return found;
  }

  it("reads the key policy in the key's region and verifies the fix with it", async () => {
    const { finding, warnings, fake } = await verifyLive(await findings(), [
      ...iam,
      keyPolicyRoute(KEY, adminsOnly),
    ]);
    expect(warnings).toEqual([]);
    expect(fake.callsTo('KMS.GetKeyPolicy').map((call) => [call.request, call.region])).toEqual([
      [{ KeyId: KEY, PolicyName: 'default' }, 'eu-west-1'],
    ]);
    expect(finding?.fix?.verified).toBe(true);
    expect(finding?.fix?.reason).toContain('KmsDecryptSecrets');
  });

  it('a key policy that explicitly denies the role: the fix is refuted, not verified', async () => {
    const denying: FakeIamPolicyDocument = {
      ...adminsOnly,
      Statement: [
        ...adminsOnly.Statement,
        {
          Sid: 'DenyDecryptOutsideBatch',
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: 'kms:Decrypt',
          Resource: '*',
          Condition: { StringNotEquals: { 'aws:PrincipalTag/team': 'batch' } },
        },
      ],
    };
    const { finding } = await verifyLive(await findings(), [...iam, keyPolicyRoute(KEY, denying)]);
    expect(finding?.fix?.verified).toBe(false);
    expect(finding?.fix?.reason).toContain('DenyDecryptOutsideBatch');
  });

  it('kms:GetKeyPolicy denied to whydenied: not verified, naming the key policy and the permission', async () => {
    const { finding, warnings } = await verifyLive(
      await findings(),
      [...iam, keyPolicyRoute(KEY, adminsOnly)],
      ['KMS.GetKeyPolicy'],
    );
    expect(finding?.fix?.verified).toBeNull();
    expect(finding?.fix?.reason).toContain(
      `not verified: the key policy of ${KEY} could not be read: whydenied may not call kms:GetKeyPolicy`,
    );
    expect(warnings).toContainEqual({
      origin: 'api:KMS.GetKeyPolicy',
      problem: 'AccessDenied: whydenied may not call kms:GetKeyPolicy',
      expected: 'add kms:GetKeyPolicy to the role running whydenied (see `whydenied permissions`)',
    });
  });
});

describe("a task role's own kms:Decrypt denial", () => {
  const KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/0b7e3c1a-6d2f-4e8a-9c5b-1f4d7a2e6c3b`;
  const role: FakeIamRole = {
    arn: `arn:aws:iam::${ACCOUNT}:role/reports-task-role`,
    trust: TRUST_ECS_TASKS,
    inline: {
      'reports-bucket': {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports-archive/*' }],
      },
    },
  };

  async function findings(): Promise<Finding[]> {
    // The grammar of corpus case r-18 (ministryofjustice/modernisation-platform-environments#10745):
    // S3 relays KMS's identity-policy denial of the caller's session.
    const message = `Message: com.amazonaws.services.s3.model.AmazonS3Exception: User: arn:aws:sts::${ACCOUNT}:assumed-role/reports-task-role/8e1f0c2d4b6a4f3e9d7c5b3a1f0e2d4c is not authorized to perform: kms:Decrypt on resource: ${KEY} because no identity-based policy allows the kms:Decrypt action`;
    const path = join(mkdtempSync(join(tmpdir(), 'whydenied-live-key-')), 'app.log');
    writeFileSync(path, `${message}\n`);
    const found = (await analyzeFiles([path])).analysis.findings;
    expect(found[0]?.fix).toMatchObject({ placement: 'identity-policy', alsoRequired: [] });
    return found;
  }

  it('verified only because the live key policy was read: without it the local check cannot decide', async () => {
    const found = await findings();
    const iam = iamRoutes({ roles: [role] });
    // IAM's simulator refused to whydenied, so the local check alone decides.
    const unread = await verifyLive(found, iam, ['IAM.SimulatePrincipalPolicy', 'KMS.GetKeyPolicy']);
    expect(unread.finding?.fix?.verified).toBeNull();
    await fake?.close();
    const read = await verifyLive(
      found,
      [...iam, keyPolicyRoute(KEY, DELEGATING_KEY_POLICY)],
      ['IAM.SimulatePrincipalPolicy'],
    );
    expect(read.finding?.fix?.verified).toBe(true);
    expect(read.finding?.fix?.reason).toContain('AppDecrypt');
  });

  it('an OU whose SCPs allow no KMS refutes the fix, though the root allows everything', async () => {
    const found = await findings();
    // FullAWSAccess replaced at the workloads OU by an allow-list that leaves KMS out.
    const organization = organizationRoutes({
      path: [ACCOUNT, 'ou-a1b2-workload1', 'r-a1b2'],
      attached: {
        'r-a1b2': [FULL_AWS_ACCESS],
        'ou-a1b2-workload1': [
          {
            id: 'p-allowlist1',
            name: 'workloads-allow-list',
            arn: 'arn:aws:organizations::777788889999:policy/o-a1b2c3d4e5/service_control_policy/p-allowlist1',
            document: {
              Version: '2012-10-17',
              Statement: [
                {
                  Sid: 'AllowedServices',
                  Effect: 'Allow',
                  Action: ['s3:*', 'ecr:*', 'logs:*'],
                  Resource: '*',
                },
              ],
            },
          },
        ],
        [ACCOUNT]: [FULL_AWS_ACCESS],
      },
    });
    const { finding } = await verifyLive(
      found,
      [...iamRoutes({ roles: [role] }), keyPolicyRoute(KEY, DELEGATING_KEY_POLICY), ...organization],
      ['IAM.SimulatePrincipalPolicy'],
    );
    expect(finding?.fix?.verified).toBe(false);
    expect(finding?.fix?.reason).toMatch(/no SCP/);
  });

  it("an RCP over the key's account that refuses task roles the key refutes the fix", async () => {
    const found = await findings();
    const organization = organizationRoutes({
      path: [ACCOUNT, 'r-a1b2'],
      attached: { 'r-a1b2': [FULL_AWS_ACCESS], [ACCOUNT]: [FULL_AWS_ACCESS] },
      rcps: {
        'r-a1b2': [
          {
            id: 'p-rcp0data1',
            name: 'data-perimeter',
            arn: 'arn:aws:organizations::777788889999:policy/o-a1b2c3d4e5/resource_control_policy/p-rcp0data1',
            document: {
              Version: '2012-10-17',
              Statement: [
                {
                  Sid: 'DenyDecryptByTaskRoles',
                  Effect: 'Deny',
                  Principal: '*',
                  Action: 'kms:Decrypt',
                  Resource: '*',
                  Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/*-task-role' } },
                },
              ],
            },
          },
        ],
      },
    });
    const { finding } = await verifyLive(
      found,
      [...iamRoutes({ roles: [role] }), keyPolicyRoute(KEY, DELEGATING_KEY_POLICY), ...organization],
      ['IAM.SimulatePrincipalPolicy'],
    );
    expect(finding?.fix?.verified).toBe(false);
    expect(finding?.fix?.reason).toContain('DenyDecryptByTaskRoles');
  });
});

describe('fetchResourcePolicies', () => {
  const REPOSITORY = 'arn:aws:ecr:us-east-1:444455556666:repository/platform/payments-api';
  const BARE_REPOSITORY = 'arn:aws:ecr:us-east-1:444455556666:repository/platform/ledger';
  const SECRET = `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:orders/api-token-pV2mQ9`;
  const PLAIN_SECRET = `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:orders/db-a1b2c3`;
  const pull: FakeIamPolicyDocument = {
    Version: '2008-10-17',
    Statement: [
      {
        Sid: 'new statement',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:role/payments-api-execution-role' },
        Action: ['ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage', 'ecr:BatchCheckLayerAvailability'],
      },
    ],
  };
  const secretPolicy: FakeIamPolicyDocument = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
        Action: 'secretsmanager:GetSecretValue',
        Resource: '*',
      },
    ],
  };

  it("reads repository and secret policies in their own region and registry, and knows a resource's lack of one", async () => {
    fake = await startFakeAws({
      routes: [
        repositoryPolicyRoute(REPOSITORY, pull),
        repositoryPolicyRoute(BARE_REPOSITORY, null),
        secretPolicyRoute(SECRET, secretPolicy),
        secretPolicyRoute(PLAIN_SECRET, null),
      ],
    });
    const clients = fakeClients(fake.url);
    const read = await fetchResourcePolicies(clients, [
      REPOSITORY,
      BARE_REPOSITORY,
      SECRET,
      PLAIN_SECRET,
      // Read once however often it is named.
      SECRET,
    ]);
    clients.destroy();
    expect(read.warnings).toEqual([]);
    expect(read.unreadable.size).toBe(0);
    expect(read.resources.get(REPOSITORY)?.document.Statement[0]?.Action).toContain('ecr:BatchGetImage');
    expect(read.resources.get(BARE_REPOSITORY)?.document.Statement).toEqual([]);
    expect(read.resources.get(SECRET)?.document.Statement[0]?.Principal).toEqual({
      AWS: `arn:aws:iam::${ACCOUNT}:root`,
    });
    expect(read.resources.get(PLAIN_SECRET)?.document.Statement).toEqual([]);
    expect(fake.callsTo('ECR.GetRepositoryPolicy').map((call) => [call.request, call.region])).toEqual([
      [{ registryId: '444455556666', repositoryName: 'platform/payments-api' }, 'us-east-1'],
      [{ registryId: '444455556666', repositoryName: 'platform/ledger' }, 'us-east-1'],
    ]);
    expect(fake.callsTo('SecretsManager.GetResourcePolicy')).toHaveLength(2);
  });

  it('says which policy could not be read and why, and reads the rest', async () => {
    fake = await startFakeAws({ routes: [secretPolicyRoute(SECRET, secretPolicy)] });
    fake.deny('ECR.GetRepositoryPolicy');
    const clients = fakeClients(fake.url);
    const read = await fetchResourcePolicies(clients, [REPOSITORY, SECRET]);
    clients.destroy();
    expect(read.unreadable.get(REPOSITORY)).toBe(
      `the repository policy of ${REPOSITORY} could not be read: whydenied may not call ecr:GetRepositoryPolicy`,
    );
    expect(read.warnings.map((warning) => warning.origin)).toEqual(['api:ECR.GetRepositoryPolicy']);
    expect(read.resources.has(SECRET)).toBe(true);
  });

  it('a policy that is not a JSON document: a warning naming it, and the resource unread', async () => {
    fake = await startFakeAws({
      routes: [{ target: 'KMS.GetKeyPolicy', response: { Policy: 'not a policy', PolicyName: 'default' } }],
    });
    const key = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/0b7e3c1a-6d2f-4e8a-9c5b-1f4d7a2e6c3b`;
    const clients = fakeClients(fake.url);
    const read = await fetchResourcePolicies(clients, [key]);
    clients.destroy();
    expect(read.unreadable.get(key)).toMatch(
      /^the key policy of .* could not be read: a string that is not a JSON policy/,
    );
    expect(read.warnings[0]?.origin).toBe(`api:KMS.GetKeyPolicy#${key}`);
  });
});

describe("the role's permissions boundary (GetRole's PermissionsBoundary, read as a managed policy)", () => {
  const SAMPLE = new URL('../../samples/ssm-parameter/', import.meta.url).pathname;
  const BOUNDARY = `arn:aws:iam::${ACCOUNT}:policy/ecs-execution-boundary`;
  const role: FakeIamRole = {
    arn: `arn:aws:iam::${ACCOUNT}:role/orders-api-execution-role`,
    trust: TRUST_ECS_TASKS,
    inline: {
      'ecs-logs': {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' },
        ],
      },
    },
    boundary: BOUNDARY,
  };
  /** A boundary that leaves SSM out: no identity statement can grant the parameter. */
  const boundary = {
    arn: BOUNDARY,
    document: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['ecr:*', 'logs:*'], Resource: '*' }],
    },
  };

  it('a boundary that does not allow the fix refutes it', async () => {
    const findings = (await analyzeFiles([SAMPLE])).analysis.findings;
    const { finding } = await verifyLive(findings, iamRoutes({ roles: [role], managed: [boundary] }), [
      'IAM.SimulatePrincipalPolicy',
    ]);
    expect(finding?.fix?.verified).toBe(false);
    expect(finding?.fix?.reason).toContain('no permissions boundary');
  });

  it('a boundary whydenied may not read: the reason names it and the permission', async () => {
    const findings = (await analyzeFiles([SAMPLE])).analysis.findings;
    const denied: FakeRoute = {
      target: 'IAM.GetPolicy',
      request: { PolicyArn: BOUNDARY },
      error: {
        type: 'AccessDenied',
        message: `User: arn:aws:sts::${ACCOUNT}:assumed-role/oncall/whydenied is not authorized to perform: iam:GetPolicy on resource: policy ${BOUNDARY} because no identity-based policy allows the iam:GetPolicy action`,
      },
    };
    const { finding } = await verifyLive(
      findings,
      [denied, ...iamRoutes({ roles: [role], managed: [boundary] })],
      ['IAM.SimulatePrincipalPolicy'],
    );
    expect(finding?.fix?.verified).toBeNull();
    expect(finding?.fix?.reason).toContain(
      `not verified: the permissions boundary ${BOUNDARY} could not be read: whydenied may not call iam:GetPolicy`,
    );
  });
});

describe('the bucket policy of a cross-account read (bucket-policy-cross-account)', () => {
  const SAMPLE = new URL('../../samples/bucket-policy-cross-account/', import.meta.url).pathname;
  const BUCKET = 'partner-exports-444455556666';
  const role: FakeIamRole = {
    arn: `arn:aws:iam::${ACCOUNT}:role/reports-exporter-task-role`,
    trust: TRUST_ECS_TASKS,
    inline: {
      'exports-write': {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::reports-archive/*' }],
      },
    },
  };
  const iam = iamRoutes({ roles: [role] });
  /** The partner's policy names its own reader only; the second statement refuses anyone outside its organization. */
  const partnerPolicy = (guarded: boolean, organization = 'o-partner01'): FakeIamPolicyDocument => ({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'PartnerReaders',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::444455556666:role/partner-reader' },
        Action: 's3:GetObject',
        Resource: `arn:aws:s3:::${BUCKET}/*`,
      },
      ...(guarded
        ? [
            {
              Sid: 'DenyOutsideOrganization',
              Effect: 'Deny',
              Principal: '*',
              Action: 's3:*',
              Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`],
              Condition: { StringNotEquals: { 'aws:PrincipalOrgID': organization } },
            },
          ]
        : []),
    ],
  });

  async function findings(): Promise<Finding[]> {
    const found = (await analyzeFiles([SAMPLE])).analysis.findings;
    expect(found[0]?.fix).toMatchObject({ placement: 'resource-policy', target: `arn:aws:s3:::${BUCKET}` });
    return found;
  }

  it('reads the bucket policy (path style against the fake) and verifies both sides of the fix with it', async () => {
    const { finding, fake, warnings } = await verifyLive(await findings(), [
      ...iam,
      bucketPolicyRoute(BUCKET, partnerPolicy(false)),
    ]);
    expect(warnings).toEqual([]);
    expect(fake.callsTo('S3.GetBucketPolicy').map((call) => call.request)).toEqual([{ Bucket: BUCKET }]);
    expect(finding?.fix?.verified).toBe(true);
  });

  it("a bucket policy that refuses callers outside the partner's organization: the role's organization decides, and unknown it is no verdict", async () => {
    const { finding } = await verifyLive(await findings(), [
      ...iam,
      bucketPolicyRoute(BUCKET, partnerPolicy(true)),
    ]);
    // Refuted only if the role is outside o-partner01, which nothing read says (issue 12).
    expect(finding?.fix?.verified).toBeNull();
    expect(finding?.fix?.reason).toContain('aws:PrincipalOrgID');
  });

  /** The role's account in organization o-a1b2c3d4e5, as the ARN of an SCP over it says (read live). */
  const ourOrganization = organizationRoutes({
    path: [ACCOUNT, 'r-a1b2'],
    attached: {
      [ACCOUNT]: [FULL_AWS_ACCESS],
      'r-a1b2': [
        FULL_AWS_ACCESS,
        {
          id: 'p-stayin01',
          name: 'deny-leaving',
          arn: 'arn:aws:organizations::777788889999:policy/o-a1b2c3d4e5/service_control_policy/p-stayin01',
          document: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }],
          },
        },
      ],
    },
  });

  it("the SCPs read name the role's organization: outside the partner's, the fix is refuted by that statement", async () => {
    const { finding } = await verifyLive(await findings(), [
      ...iam,
      ...ourOrganization,
      bucketPolicyRoute(BUCKET, partnerPolicy(true)),
    ]);
    expect(finding?.fix?.verified).toBe(false);
    expect(finding?.fix?.reason).toContain('DenyOutsideOrganization');
  });

  it("the SCPs read name the role's organization: inside the partner's, the fix is verified", async () => {
    const { finding } = await verifyLive(await findings(), [
      ...iam,
      ...ourOrganization,
      bucketPolicyRoute(BUCKET, partnerPolicy(true, 'o-a1b2c3d4e5')),
    ]);
    expect(finding?.fix?.verified).toBe(true);
  });

  /** DescribeOrganization as the AWS CLI prints it (test/fixtures/aws/policies/describe-organization-awscli-example.json). */
  const describeOrganization: FakeRoute = {
    target: 'Organizations.DescribeOrganization',
    response: JSON.parse(
      readFileSync(
        new URL('../fixtures/aws/policies/describe-organization-awscli-example.json', import.meta.url),
        'utf8',
      ),
    ),
  };

  it("a member account reads its organization (DescribeOrganization): the role read is in it, and the partner's perimeter decides", async () => {
    const outside = await verifyLive(await findings(), [
      ...iam,
      describeOrganization,
      bucketPolicyRoute(BUCKET, partnerPolicy(true)),
    ]);
    expect(outside.fake.callsTo('Organizations.DescribeOrganization')).toHaveLength(1);
    expect(outside.finding?.fix?.verified).toBe(false);
    expect(outside.finding?.fix?.reason).toContain('DenyOutsideOrganization');
    const inside = await verifyLive(await findings(), [
      ...iam,
      describeOrganization,
      bucketPolicyRoute(BUCKET, partnerPolicy(true, 'o-exampleorgid')),
    ]);
    expect(inside.finding?.fix?.verified).toBe(true);
  });

  it('an account in no organization has no aws:PrincipalOrgID: the perimeter refutes the fix', async () => {
    const { finding } = await verifyLive(await findings(), [
      ...iam,
      {
        target: 'Organizations.DescribeOrganization',
        error: {
          type: 'AWSOrganizationsNotInUseException',
          message: 'Your account is not a member of an organization.',
        },
      },
      bucketPolicyRoute(BUCKET, partnerPolicy(true)),
    ]);
    expect(finding?.fix?.verified).toBe(false);
  });

  it('DescribeOrganization refused: no verdict, and the reason says which read and why', async () => {
    const { finding } = await verifyLive(
      await findings(),
      [...iam, describeOrganization, bucketPolicyRoute(BUCKET, partnerPolicy(true))],
      ['Organizations.DescribeOrganization'],
    );
    expect(finding?.fix?.verified).toBeNull();
    expect(finding?.fix?.reason).toContain(
      'cannot read the organization: whydenied may not call organizations:DescribeOrganization',
    );
  });

  it('no policy on the path reads an organization: DescribeOrganization is not called', async () => {
    const { fake } = await verifyLive(await findings(), [
      ...iam,
      describeOrganization,
      bucketPolicyRoute(BUCKET, partnerPolicy(false)),
    ]);
    expect(fake.callsTo('Organizations.DescribeOrganization')).toEqual([]);
  });

  it('a bucket without a policy: the fix is the whole bucket policy, and it is verified', async () => {
    const { finding, warnings } = await verifyLive(await findings(), [
      ...iam,
      bucketPolicyRoute(BUCKET, null),
    ]);
    expect(warnings).toEqual([]);
    expect(finding?.fix?.verified).toBe(true);
  });

  it("the partner's bucket refuses whydenied its policy: not verified, saying which policy and why", async () => {
    const { finding, warnings } = await verifyLive(
      await findings(),
      [...iam, bucketPolicyRoute(BUCKET, partnerPolicy(false))],
      ['S3.GetBucketPolicy'],
    );
    expect(finding?.fix?.verified).toBeNull();
    expect(finding?.fix?.reason).toContain(
      `not verified: the bucket policy of arn:aws:s3:::${BUCKET} could not be read: whydenied may not call s3:GetBucketPolicy`,
    );
    expect(warnings.map((warning) => warning.origin)).toEqual(['api:S3.GetBucketPolicy']);
  });
});

describe("the SCPs over the denied role's account (scp-explicit-deny)", () => {
  const SAMPLE = new URL('../../samples/scp-explicit-deny/', import.meta.url).pathname;
  const KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/9e1b4c7a-2d5f-4a8e-b3c6-7f0a2d4e6b81`;
  const SCP_ARN = 'arn:aws:organizations::777788889999:policy/o-a1b2c3d4e5/service_control_policy/p-abcd1234';
  const role: FakeIamRole = {
    arn: `arn:aws:iam::${ACCOUNT}:role/payments-ledger-task-role`,
    trust: TRUST_ECS_TASKS,
    inline: {
      'ledger-key': {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: KEY }],
      },
    },
  };
  const organization = organizationRoutes({
    path: [ACCOUNT, 'ou-a1b2-payments1', 'r-a1b2'],
    attached: {
      'r-a1b2': [FULL_AWS_ACCESS],
      [ACCOUNT]: [FULL_AWS_ACCESS],
      'ou-a1b2-payments1': [
        FULL_AWS_ACCESS,
        {
          id: 'p-abcd1234',
          name: 'payments-kms-guardrail',
          arn: SCP_ARN,
          document: {
            Version: '2012-10-17',
            Statement: [
              { Sid: 'DenyNewDataKeys', Effect: 'Deny', Action: 'kms:GenerateDataKey*', Resource: '*' },
            ],
          },
        },
      ],
    },
  });
  const routes = [...iamRoutes({ roles: [role] }), keyPolicyRoute(KEY, DELEGATING_KEY_POLICY)];

  it('walks the account up to the root, reads each SCP once, and the explicit deny reproduces', async () => {
    const findings = (await analyzeFiles([SAMPLE])).analysis.findings;
    expect(findings[0]?.fix).toMatchObject({ placement: 'policy-change', target: SCP_ARN });
    const { finding, fake, warnings } = await verifyLive(findings, [...routes, ...organization]);
    expect(warnings).toEqual([]);
    // Walked once for the SCPs over the role's account and the RCPs over the key's (the same one here).
    expect(fake.callsTo('Organizations.ListParents').map((call) => call.request.ChildId)).toEqual([
      ACCOUNT,
      'ou-a1b2-payments1',
    ]);
    expect(
      fake
        .callsTo('Organizations.ListPoliciesForTarget')
        .filter((call) => call.request.Filter === 'SERVICE_CONTROL_POLICY')
        .map((call) => call.request.TargetId),
    ).toEqual([ACCOUNT, 'ou-a1b2-payments1', 'r-a1b2']);
    expect(fake.callsTo('Organizations.DescribePolicy')).toHaveLength(2);
    // "verified: false" for a policy change: the deny is confirmed, and no Allow can lift it.
    expect(finding?.fix?.verified).toBe(false);
    expect(finding?.fix?.reason).toContain(`no Allow can fix this: the SCP ${SCP_ARN} explicitly denies it`);
    expect(finding?.fix?.reason).toContain('DenyNewDataKeys');
  });

  it('outside the management account: "cannot read SCPs", and the deny stays unconfirmed', async () => {
    const findings = (await analyzeFiles([SAMPLE])).analysis.findings;
    const { finding, warnings } = await verifyLive(findings, routes, ['Organizations.ListParents']);
    expect(warnings).toEqual([]);
    expect(finding?.fix?.verified).toBeNull();
    expect(finding?.fix?.reason).toContain(
      'cannot read SCPs: whydenied may not call organizations:ListParents',
    );
  });
});

describe('the repository policy of a cross-account pull (ecr-cross-account)', () => {
  const SAMPLE = new URL('../../samples/ecr-cross-account/', import.meta.url).pathname;
  const REPOSITORY = 'arn:aws:ecr:eu-west-1:444455556666:repository/payments';
  const role: FakeIamRole = {
    arn: `arn:aws:iam::${ACCOUNT}:role/payments-api-execution-role`,
    trust: TRUST_ECS_TASKS,
    attached: [ECS_EXECUTION],
  };
  const iam = iamRoutes({
    roles: [role],
    managed: [{ arn: ECS_EXECUTION, document: AMAZON_ECS_TASK_EXECUTION_ROLE_POLICY }],
  });
  /** The registry account lets its CI role pull, as in botocore's GetRepositoryPolicy example; not the payments role. */
  const registryPolicy: FakeIamPolicyDocument = {
    Version: '2008-10-17',
    Statement: [
      {
        Sid: 'new statement',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::444455556666:role/ci-deploy' },
        Action: ['ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage', 'ecr:BatchCheckLayerAvailability'],
      },
    ],
  };

  async function findings(): Promise<Finding[]> {
    const found = (await analyzeFiles([SAMPLE])).analysis.findings;
    expect(found[0]?.fix).toMatchObject({ placement: 'repository-policy', target: REPOSITORY });
    return found;
  }

  it("reads the repository policy in the registry's account and region, and verifies the fix with it", async () => {
    const { finding, fake, warnings } = await verifyLive(await findings(), [
      ...iam,
      repositoryPolicyRoute(REPOSITORY, registryPolicy),
    ]);
    expect(warnings).toEqual([]);
    expect(fake.callsTo('ECR.GetRepositoryPolicy').map((call) => [call.request, call.region])).toEqual([
      [{ registryId: '444455556666', repositoryName: 'payments' }, 'eu-west-1'],
    ]);
    expect(finding?.fix?.verified).toBe(true);
    expect(finding?.fix?.reason).toContain('EcrImagePull');
  });

  it('the registry does not let whydenied read its policy: not verified, saying which and why', async () => {
    const { finding } = await verifyLive(
      await findings(),
      [...iam, repositoryPolicyRoute(REPOSITORY, registryPolicy)],
      ['ECR.GetRepositoryPolicy'],
    );
    expect(finding?.fix?.verified).toBeNull();
    expect(finding?.fix?.reason).toContain(
      `not verified: the repository policy of ${REPOSITORY} could not be read: whydenied may not call ecr:GetRepositoryPolicy`,
    );
  });
});

describe('fetchAccountScps', () => {
  it('an account in no organization has no SCPs, and that is no failed read', async () => {
    fake = await startFakeAws({
      routes: [
        {
          target: 'Organizations.ListParents',
          // As the AWS CLI prints it for a standalone account (see test/fake-aws/SOURCES-resource-policies.md).
          error: {
            type: 'AWSOrganizationsNotInUseException',
            message: 'Your account is not a member of an organization.',
          },
        },
      ],
    });
    const clients = fakeClients(fake.url);
    const scps = await fetchAccountScps(clients, [ACCOUNT]);
    clients.destroy();
    expect(scps.get(ACCOUNT)).toEqual({ ok: true, levels: [] });
    expect(fake.callsTo('Organizations.ListPoliciesForTarget')).toEqual([]);
  });
});

describe('the VPC endpoint a denied request went through (its CloudTrail record names it)', () => {
  const SECRET = `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:inventory/supplier-api-key-Q7rT2k`;
  const ENDPOINT = 'vpce-0a1b2c3d4e5f67890';
  const role: FakeIamRole = {
    arn: `arn:aws:iam::${ACCOUNT}:role/inventory-sync-role`,
    trust: TRUST_ECS_TASKS,
    inline: {
      'inventory-queue': {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'sqs:ReceiveMessage', Resource: '*' }],
      },
    },
  };
  const endpoint = {
    id: ENDPOINT,
    vpcId: 'vpc-0f1e2d3c4b5a69788',
    serviceName: 'com.amazonaws.eu-west-1.secretsmanager',
    ownerId: ACCOUNT,
  };
  const sharedOnly: FakeIamPolicyDocument = {
    Statement: [
      {
        Sid: 'SharedSecretsOnly',
        Effect: 'Allow',
        Principal: '*',
        Action: 'secretsmanager:GetSecretValue',
        Resource: `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:shared/*`,
      },
    ],
  };
  const fullAccess: FakeIamPolicyDocument = {
    Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
  };

  /** The one-role-both-jobs sample's CloudTrail record, made through an interface endpoint (CloudTrail's vpcEndpointId). */
  async function findings(): Promise<Finding[]> {
    const session = `arn:aws:sts::${ACCOUNT}:assumed-role/inventory-sync-role/4d6f8a0c2e1b43d5a7c9e0f2b4d6a8c1`;
    const record = {
      eventVersion: '1.09',
      userIdentity: {
        type: 'AssumedRole',
        principalId: 'AROAO446ASKY5DZ34L8CI:4d6f8a0c2e1b43d5a7c9e0f2b4d6a8c1',
        arn: session,
        accountId: ACCOUNT,
        sessionContext: {
          sessionIssuer: { type: 'Role', arn: role.arn, accountId: ACCOUNT, userName: 'inventory-sync-role' },
        },
      },
      eventTime: '2026-11-22T09:14:06Z',
      eventSource: 'secretsmanager.amazonaws.com',
      eventName: 'GetSecretValue',
      awsRegion: 'eu-west-1',
      sourceIPAddress: '10.0.12.37',
      userAgent: 'aws-sdk-go-v2/1.36.3 os/linux lang/go#1.23.8 api/secretsmanager#1.35.3',
      errorCode: 'AccessDenied',
      errorMessage: `User: ${session} is not authorized to perform: secretsmanager:GetSecretValue on resource: ${SECRET} because no identity-based policy allows the secretsmanager:GetSecretValue action`,
      requestParameters: { secretId: SECRET },
      responseElements: null,
      requestID: '53d29bdb-dfb6-4e96-83ec-7f47845fe572',
      eventID: 'c6cb2c3b-e070-4a19-9227-28143d6caa8b',
      readOnly: true,
      eventType: 'AwsApiCall',
      managementEvent: true,
      recipientAccountId: ACCOUNT,
      vpcEndpointId: ENDPOINT,
      vpcEndpointAccountId: ACCOUNT,
      eventCategory: 'Management',
    };
    const path = join(mkdtempSync(join(tmpdir(), 'whydenied-live-vpce-')), 'cloudtrail.json');
    writeFileSync(path, JSON.stringify({ Records: [record] }));
    const found = (await analyzeFiles([path])).analysis.findings;
    expect(found[0]?.fix?.placement).toBe('identity-policy');
    return found;
  }

  const routes = [...iamRoutes({ roles: [role] }), secretPolicyRoute(SECRET, null)];

  it('an endpoint policy that allows the secret: the fix is verified with it', async () => {
    const { finding, fake } = await verifyLive(
      await findings(),
      [...routes, vpcEndpointRoute(endpoint, fullAccess)],
      ['IAM.SimulatePrincipalPolicy'],
    );
    expect(
      fake.callsTo('EC2.DescribeVpcEndpoints').map((call) => [call.request['VpcEndpointId.1'], call.region]),
    ).toEqual([[ENDPOINT, 'eu-west-1']]);
    expect(finding?.fix?.verified).toBe(true);
  });

  it("an endpoint policy that allows shared secrets only refutes the role's fix", async () => {
    const { finding } = await verifyLive(
      await findings(),
      [...routes, vpcEndpointRoute(endpoint, sharedOnly)],
      ['IAM.SimulatePrincipalPolicy'],
    );
    expect(finding?.fix?.verified).toBe(false);
    expect(finding?.fix?.reason).toContain('VPC endpoint policy');
  });

  it('ec2:DescribeVpcEndpoints denied: not verified, naming the endpoint and the permission', async () => {
    const { finding, warnings } = await verifyLive(
      await findings(),
      [...routes, vpcEndpointRoute(endpoint, fullAccess)],
      ['IAM.SimulatePrincipalPolicy', 'EC2.DescribeVpcEndpoints'],
    );
    expect(finding?.fix?.verified).toBeNull();
    expect(finding?.fix?.reason).toContain(
      `the VPC endpoint policy of ${ENDPOINT} could not be read: whydenied may not call ec2:DescribeVpcEndpoints`,
    );
    expect(warnings.map((warning) => warning.origin)).toContain('api:EC2.DescribeVpcEndpoints');
  });
});
