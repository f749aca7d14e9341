/**
 * ECS's principals beyond a task's two roles (issue 12, item 11): the container instance's role,
 * the infrastructure role, ECS's service-linked role and Fargate with a cluster's ephemeral
 * storage key. Each is named with the duty it was denied in, and its fix, run through the IAM
 * simulator, allows what ECS needs and refuses the neighbouring requests (another cluster,
 * another account, resources ECS did not tag, other actions).
 *
 * Messages: zp-01 is real (aws/aws-cdk#25305). The infrastructure role's session names are the
 * ones the ECS developer guide documents ("Amazon ECS infrastructure IAM role": ECS uses the
 * roleSessionName ECSTaskVolumesForEBS, ECSServiceConnectForTLS, ECSManagedInstancesForCompute);
 * no public denial of that role was found, so its messages are IAM's sentence (the corpus's
 * grammar) with those sessions and the guide's example role name ecsInfrastructureRole.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/domain/analysis.js';
import { ecsDutyOf } from '../../src/domain/ecs-principals.js';
import type { PolicyDocument } from '../../src/domain/fix.js';
import { parsePrincipal } from '../../src/domain/principal.js';
import { firstFinding, publishedCase } from '../pasted-message.js';
import { runCli } from '../run-cli.js';

const ACCOUNT = '111122223333';
const OTHER_ACCOUNT = '444455556666';

async function findingsOf(text: string): Promise<Finding[]> {
  const dir = mkdtempSync(join(tmpdir(), 'whydenied-ecs-principals-'));
  writeFileSync(join(dir, 'message.txt'), text);
  const { stdout } = await runCli(['analyze', dir, '--format', 'json']);
  return JSON.parse(stdout).findings;
}

function extraCase(id: string): string {
  const line = readFileSync(new URL('../extra-cases/cases.jsonl', import.meta.url), 'utf8')
    .split('\n')
    .find((text) => text.includes(`"id": "${id}"`));
  return JSON.parse(line ?? '{}').raw;
}

/** `${Name}` as fix synthesis writes a placeholder. */
const slot = (name: string) => `\${${name}}`;

/** What a user puts where the evidence left a value out (a masked account, a placeholder). */
function filled(policy: PolicyDocument | null | undefined, values: Record<string, string>): PolicyDocument {
  let text = JSON.stringify(policy);
  for (const [from, to] of Object.entries(values)) text = text.replaceAll(from, to);
  return JSON.parse(text);
}

interface Request {
  principal: string;
  action: string;
  resource: string;
  context?: Record<string, string | string[]>;
}

async function decision(
  request: Request,
  identity: PolicyDocument | null,
  resourcePolicy?: PolicyDocument,
): Promise<string> {
  const simulation: Simulation = {
    request: {
      principal: request.principal,
      action: request.action,
      resource: {
        resource: request.resource,
        accountId: /^arn:[^:]+:[^:]+:[^:]*:(\d{12}):/.exec(request.resource)?.[1] ?? ACCOUNT,
      },
      contextVariables: request.context ?? {},
    },
    identityPolicies: identity ? [{ name: 'fix', policy: identity }] : [],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    ...(resourcePolicy ? { resourcePolicy } : {}),
  };
  const result = await runSimulation(simulation, {});
  if (result.resultType === 'error') throw new Error(JSON.stringify(result.errors));
  return result.overallResult;
}

describe("the container instance's role denied the ECS agent's registration (aws/aws-cdk#25305)", () => {
  const cluster =
    'arn:aws:ecs:us-east-1:***:cluster/AWSBatch-gpuModelEtlComputeEnv775-FgPkH7AlQz6YeGud-fc1bce46-cf4f-3cc9-9529-903f0c428dba';
  const role =
    'arn:aws:iam::111122223333:role/model-etl-gpuModelEtlComputeEnvInstanceProfileRole-1LCGMU0AF61LQ';

  it('is the agent registering the instance, with AWS managed policy named', async () => {
    const [finding] = await findingsOf(extraCase('zp-01'));
    expect(finding).toMatchObject({ role: 'other', step: 'other' });
    expect(finding?.reasons[0]).toContain("the container instance's role");
    expect(finding?.reasons.join(' ')).toContain('AmazonEC2ContainerServiceforEC2Role');
  });

  it("gets the agent's whole set on that cluster, and nothing on another cluster or another call", async () => {
    const [finding] = await findingsOf(extraCase('zp-01'));
    expect(finding?.fix?.placement).toBe('identity-policy');
    const policy = filled(finding?.fix?.policy, { '***': ACCOUNT });
    const own = cluster.replace('***', ACCOUNT);
    const instance = own
      .replace(':cluster/', ':container-instance/')
      .concat('/0123456789abcdef0123456789abcdef');
    const allowed = async (action: string, resource: string) =>
      decision({ principal: role, action, resource }, policy);
    expect(await allowed('ecs:RegisterContainerInstance', own)).toBe('Allowed');
    // What the agent calls next, once registered: fixing RegisterContainerInstance alone would reveal them one by one.
    expect(await allowed('ecs:DiscoverPollEndpoint', '*')).toBe('Allowed');
    expect(await allowed('ecs:Poll', instance)).toBe('Allowed');
    expect(await allowed('ecs:StartTelemetrySession', instance)).toBe('Allowed');
    expect(await allowed('ecs:SubmitTaskStateChange', own)).toBe('Allowed');
    expect(await allowed('ecs:RegisterContainerInstance', own.replace(/cluster\/.*/, 'cluster/other'))).toBe(
      'ImplicitlyDenied',
    );
    expect(await allowed('ecs:RegisterContainerInstance', own.replace(ACCOUNT, OTHER_ACCOUNT))).toBe(
      'ImplicitlyDenied',
    );
    expect(await allowed('ecs:DeleteCluster', own)).toBe('ImplicitlyDenied');
    expect(
      await allowed('ecs:Poll', instance.replace(/container-instance\/[^/]+/, 'container-instance/other')),
    ).toBe('ImplicitlyDenied');
  });
});

const infrastructureRole = `arn:aws:iam::${ACCOUNT}:role/ecsInfrastructureRole`;
const infrastructureMessage = (session: string, action: string, resource: string) =>
  `User: arn:aws:sts::${ACCOUNT}:assumed-role/ecsInfrastructureRole/${session} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;

describe("ECS's infrastructure role managing a task's EBS volume", () => {
  const volume = `arn:aws:ec2:us-east-1:${ACCOUNT}:volume/*`;
  const message = infrastructureMessage('ECSTaskVolumesForEBS', 'ec2:CreateVolume', volume);
  const ecsTags = {
    'aws:RequestTag/AmazonECSManaged': 'true',
    'aws:RequestTag/AmazonECSCreated': `arn:aws:ecs:us-east-1:${ACCOUNT}:task/prod/0123456789abcdef0123456789abcdef`,
    'aws:TagKeys': ['AmazonECSManaged', 'AmazonECSCreated'],
  };

  it('is named as the infrastructure role creating volumes, with its managed policy', async () => {
    const [finding] = await findingsOf(message);
    expect(finding).toMatchObject({ role: 'other', step: 'other', action: 'ec2:CreateVolume' });
    expect(finding?.ecsDuty).toMatchObject({
      principal: 'infrastructure-role',
      name: 'ebs-volumes',
      managedPolicy: 'AmazonECSInfrastructureRolePolicyForVolumes',
    });
    expect(finding?.reasons[0]).toContain("ECS's infrastructure role ecsInfrastructureRole");
    expect(finding?.reasons[0]).toContain('EBS volumes');
    expect(finding?.reasons.join(' ')).toContain('AmazonECSInfrastructureRolePolicyForVolumes');
  });

  it('lets ECS create and attach the volumes it tags, and no other volume, in no other account', async () => {
    const [finding] = await findingsOf(message);
    expect(finding?.fix?.placement).toBe('identity-policy');
    expect(finding?.fix?.target).toBe(infrastructureRole);
    const policy = finding?.fix?.policy ?? null;
    const request = (action: string, resource: string, context: Record<string, string | string[]> = {}) =>
      decision({ principal: infrastructureRole, action, resource, context }, policy);
    const created = `arn:aws:ec2:us-east-1:${ACCOUNT}:volume/vol-0123456789abcdef0`;
    expect(await request('ec2:CreateVolume', created, ecsTags)).toBe('Allowed');
    // Conditions kept: a volume without ECS's tags, or in another account, is not ECS's.
    expect(await request('ec2:CreateVolume', created)).toBe('ImplicitlyDenied');
    expect(await request('ec2:CreateVolume', created.replace(ACCOUNT, OTHER_ACCOUNT), ecsTags)).toBe(
      'ImplicitlyDenied',
    );
    // The same duty's next calls, on volumes ECS tagged, and not on others.
    const tagged = { 'aws:ResourceTag/AmazonECSManaged': 'true' };
    expect(await request('ec2:AttachVolume', created, tagged)).toBe('Allowed');
    expect(await request('ec2:AttachVolume', created)).toBe('ImplicitlyDenied');
    expect(await request('ec2:DeleteVolume', created)).toBe('ImplicitlyDenied');
    expect(await request('ec2:CreateSnapshot', created, tagged)).toBe('ImplicitlyDenied');
  });

  it('a key for encrypted volumes gets a key policy statement for the role, used through EC2 only', async () => {
    const key = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const [finding] = await findingsOf(
      infrastructureMessage('ECSTaskVolumesForEBS', 'kms:CreateGrant', key).replace(
        'identity-based',
        'resource-based',
      ),
    );
    expect(finding?.fix?.placement).toBe('key-policy');
    expect(finding?.fix?.target).toBe(key);
    const keyPolicy = finding?.fix?.policy ?? undefined;
    const viaEc2 = { 'kms:ViaService': 'ec2.us-east-1.amazonaws.com', 'kms:GrantIsForAWSResource': 'true' };
    const request = (principal: string, action: string, context: Record<string, string>) =>
      decision({ principal, action, resource: key, context }, null, keyPolicy);
    expect(await request(infrastructureRole, 'kms:CreateGrant', viaEc2)).toBe('Allowed');
    expect(await request(infrastructureRole, 'kms:GenerateDataKeyWithoutPlaintext', viaEc2)).toBe('Allowed');
    expect(
      await request(infrastructureRole, 'kms:CreateGrant', { 'kms:GrantIsForAWSResource': 'true' }),
    ).toBe('ImplicitlyDenied');
    expect(await request(infrastructureRole, 'kms:ScheduleKeyDeletion', viaEc2)).toBe('ImplicitlyDenied');
    expect(
      await request(`arn:aws:iam::${OTHER_ACCOUNT}:role/ecsInfrastructureRole`, 'kms:CreateGrant', viaEc2),
    ).toBe('ImplicitlyDenied');
  });
});

describe("ECS's infrastructure role issuing Service Connect TLS certificates", () => {
  const authority = `arn:aws:acm-pca:us-east-1:${ACCOUNT}:certificate-authority/11111111-2222-3333-4444-555555555555`;
  const message = infrastructureMessage('ECSServiceConnectForTLS', 'acm-pca:IssueCertificate', authority);

  it('issues end-entity certificates from the CA ECS manages, and nothing else', async () => {
    const [finding] = await findingsOf(message);
    expect(finding?.reasons[0]).toContain('Service Connect');
    const policy = finding?.fix?.policy ?? null;
    const issue = (context: Record<string, string>) =>
      decision(
        { principal: infrastructureRole, action: 'acm-pca:IssueCertificate', resource: authority, context },
        policy,
      );
    const managed = { 'aws:ResourceTag/AmazonECSManaged': 'true' };
    const endEntity = 'arn:aws:acm-pca:::template/EndEntityCertificate/V1';
    expect(await issue({ ...managed, 'acm-pca:TemplateArn': endEntity })).toBe('Allowed');
    // A subordinate CA certificate from the same CA would let the holder mint its own.
    expect(
      await issue({
        ...managed,
        'acm-pca:TemplateArn': 'arn:aws:acm-pca:::template/SubordinateCACertificate_PathLen0/V1',
      }),
    ).toBe('ImplicitlyDenied');
    expect(await issue({ 'acm-pca:TemplateArn': endEntity })).toBe('ImplicitlyDenied');
  });
});

describe("ECS's infrastructure role launching ECS Managed Instances", () => {
  const instanceRole = `arn:aws:iam::${ACCOUNT}:role/ecsInstanceRole`;
  const message = infrastructureMessage('ECSManagedInstancesForCompute', 'iam:PassRole', instanceRole);

  it("is the infrastructure role passing the instance profile's role to EC2, not to ECS tasks", async () => {
    const [finding] = await findingsOf(message);
    expect(finding).toMatchObject({ role: 'other', step: 'pass-role' });
    expect(finding?.reasons[0]).toContain('Managed Instances');
    const policy = finding?.fix?.policy ?? null;
    const pass = (resource: string, to: string) =>
      decision(
        {
          principal: infrastructureRole,
          action: 'iam:PassRole',
          resource,
          context: { 'iam:PassedToService': to },
        },
        policy,
      );
    expect(await pass(instanceRole, 'ec2.amazonaws.com')).toBe('Allowed');
    expect(await pass(instanceRole, 'ecs-tasks.amazonaws.com')).toBe('ImplicitlyDenied');
    expect(await pass(`arn:aws:iam::${ACCOUNT}:role/admin`, 'ec2.amazonaws.com')).toBe('ImplicitlyDenied');
    expect(await pass(instanceRole.replace(ACCOUNT, OTHER_ACCOUNT), 'ec2.amazonaws.com')).toBe(
      'ImplicitlyDenied',
    );
  });
});

describe("ECS's service-linked role", () => {
  const serviceLinked = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS`;
  const key = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
  const message = (action: string, resource: string, type: string) =>
    `User: arn:aws:sts::${ACCOUNT}:assumed-role/AWSServiceRoleForECS/... is not authorized to perform: ${action} on resource: ${resource} because no ${type} policy allows the ${action} action`;

  it('is never given an identity policy: its own is AWS’s', async () => {
    const [finding] = await findingsOf(
      message(
        'ec2:CreateNetworkInterface',
        `arn:aws:ec2:eu-west-1:${ACCOUNT}:subnet/subnet-0abc1234`,
        'identity-based',
      ),
    );
    expect(finding).toMatchObject({ role: 'other', step: 'other' });
    expect(finding?.reasons[0]).toContain('network interface');
    expect(finding?.fix?.placement).toBe('policy-change');
    expect(finding?.fix?.policy).toBeNull();
    expect(finding?.fix?.instruction).toContain('cannot be edited');
    expect(finding?.reasons.join(' ')).not.toContain("to the role's policy");
  });

  it("a key refusing it gets a key policy statement naming the role's real ARN, path included", async () => {
    const [finding] = await findingsOf(message('kms:CreateGrant', key, 'resource-based'));
    expect(finding?.fix?.placement).toBe('key-policy');
    const keyPolicy = finding?.fix?.policy ?? undefined;
    expect(JSON.stringify(keyPolicy)).toContain(serviceLinked);
    const request = (principal: string, action: string) =>
      decision({ principal, action, resource: key }, null, keyPolicy);
    expect(await request(serviceLinked, 'kms:CreateGrant')).toBe('Allowed');
    expect(await request(serviceLinked, 'kms:Decrypt')).toBe('ImplicitlyDenied');
    expect(await request(serviceLinked.replace(ACCOUNT, OTHER_ACCOUNT), 'kms:CreateGrant')).toBe(
      'ImplicitlyDenied',
    );
  });
});

describe("the infrastructure role's fixes verified against its real policies (--policies)", () => {
  // The role as `aws iam get-account-authorization-details` shows it: the guide's trust policy, no permissions yet.
  const details = {
    UserDetailList: [],
    GroupDetailList: [],
    RoleDetailList: [
      {
        Path: '/',
        RoleName: 'ecsInfrastructureRole',
        RoleId: 'AROAQXAMPLEINFRA0001',
        Arn: infrastructureRole,
        CreateDate: '2025-03-02T09:00:00Z',
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'AllowAccessToECSForInfrastructureManagement',
              Effect: 'Allow',
              Principal: { Service: 'ecs.amazonaws.com' },
              Action: 'sts:AssumeRole',
            },
          ],
        },
        InstanceProfileList: [],
        RolePolicyList: [],
        AttachedManagedPolicies: [],
      },
    ],
    Policies: [],
  };

  async function verifiedFix(message: string) {
    const dir = mkdtempSync(join(tmpdir(), 'whydenied-infra-verify-'));
    writeFileSync(join(dir, 'message.txt'), message);
    const policies = join(mkdtempSync(join(tmpdir(), 'whydenied-infra-policies-')), 'details.json');
    writeFileSync(policies, JSON.stringify(details));
    const { stdout } = await runCli(['analyze', dir, '--format', 'json', '--policies', policies]);
    return (JSON.parse(stdout).findings as Finding[])[0]?.fix;
  }

  it('creating a volume: denied as the policies stand, allowed with the fix, with the tags ECS sends', async () => {
    const fix = await verifiedFix(
      infrastructureMessage(
        'ECSTaskVolumesForEBS',
        'ec2:CreateVolume',
        `arn:aws:ec2:us-east-1:${ACCOUNT}:volume/*`,
      ),
    );
    expect(fix).toMatchObject({ verified: true, reason: expect.stringMatching(/"CreateEBSManagedVolume"/) });
  });

  it("Managed Instances passing the instance role: checked as passed to EC2, not to ECS's tasks", async () => {
    const fix = await verifiedFix(
      infrastructureMessage(
        'ECSManagedInstancesForCompute',
        'iam:PassRole',
        `arn:aws:iam::${ACCOUNT}:role/ecsInstanceRole`,
      ),
    );
    expect(fix).toMatchObject({
      verified: true,
      reason: expect.stringMatching(/"PassInstanceRoleForManagedInstances"/),
    });
  });
});

describe("Fargate refused a cluster's ephemeral storage key", () => {
  const key = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
  // CloudTrail's record of a service's own call (userIdentity type AWSService, invokedBy the
  // service: CloudTrail's userIdentity reference) with KMS's CreateGrant request parameters (the
  // KMS guide's CreateGrant record); Fargate's grant is bound to the cluster's encryption context
  // ("Managing AWS KMS keys for Fargate ephemeral storage": aws:ecs:clusterAccount, aws:ecs:clusterName).
  const record = {
    eventVersion: '1.08',
    userIdentity: { type: 'AWSService', invokedBy: 'fargate.amazonaws.com' },
    eventTime: '2026-11-21T10:05:33Z',
    eventSource: 'kms.amazonaws.com',
    eventName: 'CreateGrant',
    awsRegion: 'us-east-1',
    sourceIPAddress: 'fargate.amazonaws.com',
    userAgent: 'fargate.amazonaws.com',
    errorCode: 'AccessDeniedException',
    requestParameters: {
      keyId: key,
      granteePrincipal: 'fargate.us-east-1.amazonaws.com',
      operations: ['Decrypt'],
      constraints: {
        encryptionContextSubset: { 'aws:ecs:clusterAccount': ACCOUNT, 'aws:ecs:clusterName': 'prod' },
      },
    },
    responseElements: null,
    readOnly: false,
    resources: [{ accountId: ACCOUNT, type: 'AWS::KMS::Key', ARN: key }],
    eventType: 'AwsApiCall',
    recipientAccountId: ACCOUNT,
  };

  async function finding(): Promise<Finding | undefined> {
    return (await findingsOf(JSON.stringify({ Records: [record] })))[0];
  }

  it("is Fargate's own call, not a task's app", async () => {
    const found = await finding();
    expect(found).toMatchObject({ role: 'other', step: 'other', principalArn: 'fargate.amazonaws.com' });
    expect(found?.reasons[0]).toContain('ephemeral storage');
  });

  it('gets the key policy statements for this cluster only, and only the Decrypt grant', async () => {
    const found = await finding();
    expect(found?.fix).toMatchObject({ placement: 'key-policy', target: key });
    // The grant's constraint names the cluster: nothing is left to fill.
    expect(JSON.stringify(found?.fix)).not.toContain(slot('ClusterName'));
    const keyPolicy = found?.fix?.policy as PolicyDocument;
    // Bound to this cluster by KMS's encryption context, as the ECS guide writes it.
    const cluster = {
      'kms:EncryptionContext:aws:ecs:clusterAccount': ACCOUNT,
      'kms:EncryptionContext:aws:ecs:clusterName': 'prod',
    };
    const [dataKey, grant, describe] = keyPolicy.Statement;
    expect(dataKey?.Condition).toEqual({ StringEquals: cluster });
    expect(grant?.Condition).toEqual({
      StringEquals: cluster,
      'ForAllValues:StringEquals': { 'kms:GrantOperations': ['Decrypt'] },
    });
    expect(describe?.Condition).toBeUndefined();
    // iam-simulate cannot evaluate kms:EncryptionContext:<key> keys (it finds no context value for
    // any of them): the principal, the actions and the grant's operations are simulated without them.
    const simulated: PolicyDocument = {
      ...keyPolicy,
      Statement: keyPolicy.Statement.map((statement) => {
        const { StringEquals: _cluster, ...rest } = statement.Condition ?? {};
        return { ...statement, Condition: rest };
      }),
    };
    const request = (principal: string, action: string, context: Record<string, string | string[]> = {}) =>
      decision({ principal, action, resource: key, context }, null, simulated);
    const fargate = 'fargate.amazonaws.com';
    expect(await request(fargate, 'kms:CreateGrant', { 'kms:GrantOperations': ['Decrypt'] })).toBe('Allowed');
    expect(await request(fargate, 'kms:GenerateDataKeyWithoutPlaintext')).toBe('Allowed');
    expect(await request(fargate, 'kms:DescribeKey')).toBe('Allowed');
    // Neighbours: a wider grant, a direct decrypt, deleting the key, another service.
    expect(await request(fargate, 'kms:CreateGrant', { 'kms:GrantOperations': ['Decrypt', 'Encrypt'] })).toBe(
      'ImplicitlyDenied',
    );
    expect(await request(fargate, 'kms:Decrypt')).toBe('ImplicitlyDenied');
    expect(await request(fargate, 'kms:ScheduleKeyDeletion')).toBe('ImplicitlyDenied');
    expect(await request('ecs-tasks.amazonaws.com', 'kms:GenerateDataKeyWithoutPlaintext')).toBe(
      'ImplicitlyDenied',
    );
  });
});

describe("Fargate's cluster in the fix comes from its KMS request's encryption context", () => {
  const key = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
  // GenerateDataKeyWithoutPlaintext as Fargate calls it: "Managing AWS KMS keys for Fargate
  // ephemeral storage" (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-managing-kms-key.html):
  // CreateGrant, GenerateDataKeyWithoutPlaintext and Decrypt "show the aws:ecs:clusterAccount and
  // aws:ecs:clusterName as part of the encryptionContext"; KMS records it as
  // requestParameters.encryptionContext (the KMS guide's GenerateDataKey records).
  const record = (encryptionContext: Record<string, string> | undefined) => ({
    eventVersion: '1.08',
    userIdentity: { type: 'AWSService', invokedBy: 'fargate.amazonaws.com' },
    eventTime: '2026-11-21T10:05:31Z',
    eventSource: 'kms.amazonaws.com',
    eventName: 'GenerateDataKeyWithoutPlaintext',
    awsRegion: 'us-east-1',
    sourceIPAddress: 'fargate.amazonaws.com',
    userAgent: 'fargate.amazonaws.com',
    errorCode: 'AccessDeniedException',
    requestParameters: { keyId: key, numberOfBytes: 64, ...(encryptionContext ? { encryptionContext } : {}) },
    responseElements: null,
    readOnly: true,
    resources: [{ accountId: ACCOUNT, type: 'AWS::KMS::Key', ARN: key }],
    eventType: 'AwsApiCall',
    recipientAccountId: ACCOUNT,
  });
  const names = (policy: PolicyDocument | null | undefined) =>
    (policy?.Statement ?? []).map(
      (statement) => statement.Condition?.StringEquals?.['kms:EncryptionContext:aws:ecs:clusterName'],
    );

  it('fills the cluster the data key was asked for', async () => {
    const context = { 'aws:ecs:clusterAccount': ACCOUNT, 'aws:ecs:clusterName': 'payments-fargate' };
    const [found] = await findingsOf(JSON.stringify({ Records: [record(context)] }));
    expect(names(found?.fix?.policy)).toEqual(['payments-fargate', 'payments-fargate', undefined]);
    expect(JSON.stringify(found?.fix)).not.toContain(slot('ClusterName'));
  });

  it('leaves the slot, said, when the record carries no context or a name that is no cluster name', async () => {
    for (const context of [undefined, { 'aws:ecs:clusterName': 'no such/name' }]) {
      const [found] = await findingsOf(JSON.stringify({ Records: [record(context)] }));
      expect(names(found?.fix?.policy)).toEqual([slot('ClusterName'), slot('ClusterName'), undefined]);
      expect(found?.fix?.instruction).toContain(slot('ClusterName'));
    }
  });
});

describe('the reports name the principal and its duty', () => {
  async function report(format: string, message: string): Promise<string> {
    const dir = mkdtempSync(join(tmpdir(), 'whydenied-ecs-principal-report-'));
    writeFileSync(join(dir, 'message.txt'), message);
    const args = format === 'markdown' ? ['report', dir] : ['analyze', dir, '--format', format];
    return (await runCli(args)).stdout;
  }

  it('Markdown: the infrastructure role creating a volume, in one sentence', async () => {
    const markdown = await report(
      'markdown',
      infrastructureMessage(
        'ECSTaskVolumesForEBS',
        'ec2:CreateVolume',
        `arn:aws:ec2:us-east-1:${ACCOUNT}:volume/*`,
      ),
    );
    expect(markdown).toContain('#### 1. ebs-volumes: ec2:CreateVolume');
    expect(markdown).toContain(
      "ECS's infrastructure role ecsInfrastructureRole is denied ec2:CreateVolume on volume/\\* while creating, attaching and deleting the Amazon EBS volumes of tasks",
    );
  });

  it('Markdown: Managed Instances pass the instance role to EC2, not to ECS', async () => {
    const markdown = await report(
      'markdown',
      infrastructureMessage(
        'ECSManagedInstancesForCompute',
        'iam:PassRole',
        `arn:aws:iam::${ACCOUNT}:role/ecsInstanceRole`,
      ),
    );
    expect(markdown).toContain('may not pass role/ecsInstanceRole to EC2 while launching');
  });

  it("text: the container instance's agent and the managed policy that holds its calls", async () => {
    const text = (await report('text', extraCase('zp-01'))).replace(/\s+/g, ' ');
    // The duty stands where the list would only say "other".
    expect(text).toContain(' 1 ecs-agent ecs:RegisterContainerInstance');
    expect(text).toContain("the container instance's role");
    expect(text).toContain('AmazonEC2ContainerServiceforEC2Role');
  });
});

describe("which of ECS's principals a caller is", () => {
  const duty = (arn: string, action: string) => ecsDutyOf(parsePrincipal(arn), action)?.name ?? null;
  const session = (role: string, name: string) => `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/${name}`;

  it('the infrastructure role by the session names ECS gives each duty, and only those', () => {
    expect(duty(session('ecsInfrastructureRole', 'ECSTaskVolumesForEBS'), 'ec2:CreateVolume')).toBe(
      'ebs-volumes',
    );
    expect(duty(session('any-name', 'ECSServiceConnectForTLS'), 'acm-pca:IssueCertificate')).toBe(
      'connect-tls',
    );
    expect(duty(session('ecsInfrastructureRole', 'ECSManagedInstancesForCompute'), 'ec2:RunInstances')).toBe(
      'managed-instances',
    );
    // A person or a script using the same role is not ECS at work.
    expect(duty(session('ecsInfrastructureRole', 'alice'), 'ec2:CreateVolume')).toBeNull();
  });

  it("the container instance's role on the ECS agent's calls, not on the SSM agent's or an app's", () => {
    const instance = session('ecsInstanceRole', 'i-0abc1234def567890');
    expect(duty(instance, 'ecs:RegisterContainerInstance')).toBe('ecs-agent');
    expect(ecsDutyOf(parsePrincipal(instance), 'ecs:ListTagsForResource')?.doing).toContain('task metadata');
    expect(duty(instance, 'ssm:UpdateInstanceInformation')).toBeNull();
    expect(duty(instance, 's3:GetObject')).toBeNull();
  });

  it('the service-linked role by its name; Fargate by its service principal', () => {
    expect(duty(session('AWSServiceRoleForECS', 'ecs'), 'ec2:CreateNetworkInterface')).toBe('service-linked');
    expect(duty('fargate.amazonaws.com', 'kms:CreateGrant')).toBe('ephemeral-storage');
    expect(duty('ecs-tasks.amazonaws.com', 'kms:CreateGrant')).toBeNull();
  });
});

describe("the container instance's role standing in for a missing execution role (m-23)", () => {
  it('gets the pull where it was denied, and the advice that an execution role confines it to the task', async () => {
    const [finding] = await findingsOf(extraCase('m-23'));
    expect(finding).toMatchObject({ role: 'execution-role', step: 'image-pull', ecsDuty: null });
    expect(finding?.fix?.target).toBe('arn:aws:iam::111111111111:role/ecsInstanceRole');
    expect(finding?.fix?.instruction).toContain('executionRoleArn');
    expect(finding?.fix?.instruction).toContain('every task on the host');
  });
});

it("reads an instance session of EMR's default EC2 role as an EMR host's, not an ECS task's fallback (gl-13: the EMR management guide)", async () => {
  const finding = await firstFinding(publishedCase('gl-13'));
  expect(finding).toMatchObject({ role: 'other', action: 'secretsmanager:GetSecretValue' });
  expect(finding?.reasons.join(' ')).toMatch(/Amazon EMR/);
});

it("reads an instance session of a role named for Kubernetes nodes (Gardener's 'shoot--…-nodes') as a node's, not an ECS task's fallback (gp-20: grafana/loki#13206)", async () => {
  expect(await firstFinding(publishedCase('gp-20'))).toMatchObject({
    role: 'other',
    action: 'kms:GenerateDataKey',
  });
});
