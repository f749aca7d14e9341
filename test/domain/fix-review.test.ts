/**
 * Fixes a security reviewer would approve (issue 12): each case is a real message, its fix as
 * `analyze` proposes it, and the IAM simulator showing the fix allows what the workload needs and
 * denies the neighbouring requests it must not allow.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/domain/analysis.js';
import type { PolicyDocument } from '../../src/domain/fix.js';
import { mergeFixes } from '../../src/domain/merge-fixes.js';
import { policyNameOf } from '../../src/report/iac/fix-facts.js';
import { corpusMessage } from '../corpus-cases.js';
import { ecsTaskRoleTrust } from '../fixtures/ecs-roles.js';
import { runCli } from '../run-cli.js';

async function findingsOf(text: string, name = 'message.txt'): Promise<Finding[]> {
  const dir = mkdtempSync(join(tmpdir(), 'whydenied-fix-review-'));
  writeFileSync(join(dir, name), text);
  const { stdout } = await runCli(['analyze', dir, '--format', 'json']);
  return JSON.parse(stdout).findings;
}

/** `${Name}` as fix synthesis writes it. */
const slot = (name: string) => `\${${name}}`;

/** Fills the placeholders a user is told to fill, as the user would. */
function filled(policy: PolicyDocument | null, values: Record<string, string>): PolicyDocument {
  let text = JSON.stringify(policy);
  for (const [name, value] of Object.entries(values)) text = text.replaceAll(slot(name), value);
  return JSON.parse(text);
}

async function decision(simulation: Simulation): Promise<string> {
  const result = await runSimulation(simulation, {});
  if (result.resultType === 'error') throw new Error(result.errors.message);
  return result.overallResult;
}

function identityRequest(
  principal: string,
  action: string,
  resource: string,
  policy: PolicyDocument,
  resourcePolicy?: PolicyDocument,
): Simulation {
  return {
    request: {
      principal,
      action,
      resource: { resource, accountId: /:(\d{12}):/.exec(resource)?.[1] ?? '' },
      contextVariables: {},
    },
    identityPolicies: [{ name: 'fix', policy }],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    ...(resourcePolicy ? { resourcePolicy } : {}),
  };
}

const noPlaceholderLeftUnsaid = (finding: Finding) => {
  for (const part of [finding.fix, ...(finding.fix?.alsoRequired ?? [])]) {
    const names = [...JSON.stringify(part?.policy ?? {}).matchAll(/\$\{([A-Za-z]+)\}/g)].map(
      (match) => match[1],
    );
    for (const name of names) expect(part?.instruction).toContain(slot(name ?? ''));
  }
};

describe('a secret named without its ARN (mongodb/awscdk-resources-mongodbatlas#207)', () => {
  const message =
    'Resource handler returned message: "AccessDeniedException: User: arn:aws:sts::903779448426:assumed-role/MongoDB-Atlas-CDK-Excecution/8ce94db6-f347-1447-0e88-762666244885 is not authorized to perform: secretsmanager:GetSecretValue on resource: cfn/atlas/profile/development because no identity-based policy allows the secretsmanager:GetSecretValue action status code: 400, request id: 332c0e26-bdf4-4cc0-add0-805f2acf50e5" (RequestToken: 8ce94db6-f347-1447-0e88-762666244885, HandlerErrorCode: NotFound)';

  it("is the secret's ARN pattern in the caller's account, the region left to fill and said", async () => {
    const [finding] = await findingsOf(message);
    const statement = finding?.fix?.policy?.Statement[0];
    expect(statement?.Action).toEqual(['secretsmanager:GetSecretValue']);
    expect(statement?.Resource).toEqual([
      `arn:aws:secretsmanager:${slot('Region')}:903779448426:secret:cfn/atlas/profile/development-??????`,
    ]);
    expect(JSON.stringify(finding?.fix)).not.toContain('ssm:');
    expect(finding?.fix?.instruction).toContain(`replace ${slot('Region')} with the task's region`);
  });

  it('allows that secret and no other', async () => {
    const [finding] = await findingsOf(message);
    const policy = filled(finding?.fix?.policy ?? null, { Region: 'us-east-1' });
    const role = 'arn:aws:iam::903779448426:role/MongoDB-Atlas-CDK-Excecution';
    const secret = (name: string) => `arn:aws:secretsmanager:us-east-1:903779448426:secret:${name}`;
    const get = (resource: string) =>
      decision(identityRequest(role, 'secretsmanager:GetSecretValue', resource, policy));
    expect(await get(secret('cfn/atlas/profile/development-AbC123'))).toBe('Allowed');
    expect(await get(secret('cfn/atlas/profile/production-AbC123'))).toBe('ImplicitlyDenied');
    expect(await get(secret('cfn/atlas/profile/development-admin-AbC123'))).toBe('ImplicitlyDenied');
    expect(await get(secret('cfn/atlas/profile/development-AbC123').replace('us-east-1', 'eu-west-1'))).toBe(
      'ImplicitlyDenied',
    );
  });
});

describe('"Access to KMS is not allowed" (corpus ecs-02)', () => {
  it('the key policy names a principal, never an empty one, and says what to fill', async () => {
    const [finding] = await findingsOf(corpusMessage('ecs-02'));
    const keyPolicy = finding?.fix?.alsoRequired.find((part) => part.placement === 'key-policy');
    const principal = keyPolicy?.policy?.Statement[0]?.Principal as { AWS: string };
    expect(principal.AWS).not.toBe('');
    expect(principal.AWS).toBe(slot('ExecutionRoleArn'));
    expect(keyPolicy?.instruction).toContain(
      `replace ${slot('ExecutionRoleArn')} with the task definition's executionRoleArn`,
    );
    // The key is in the region of the secret the message names.
    expect(finding?.fix?.policy?.Statement[0]?.Resource).toEqual([
      `arn:aws:kms:eu-central-1:${slot('Account')}:key/${slot('KeyId')}`,
    ]);
    noPlaceholderLeftUnsaid(finding as Finding);
  });

  it('with the task definition (samples/secret-cmk without its CloudTrail), the key policy names its execution role, and lets only it decrypt', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'whydenied-fix-review-'));
    for (const file of ['describe-tasks.json', 'describe-task-definition-checkout-api-27.json'])
      copyFileSync(`samples/secret-cmk/${file}`, join(dir, file));
    const { stdout } = await runCli(['analyze', dir, '--format', 'json']);
    const finding: Finding = JSON.parse(stdout).findings[0];
    const account = '111122223333';
    const executionRole = `arn:aws:iam::${account}:role/checkout-api-execution-role`;
    const keyPart = [finding.fix, ...(finding.fix?.alsoRequired ?? [])].find(
      (part) => part?.placement === 'key-policy',
    );
    expect(keyPart?.policy?.Statement[0]?.Principal).toEqual({ AWS: executionRole });
    const identity = [finding.fix, ...(finding.fix?.alsoRequired ?? [])].find(
      (part) => part?.placement === 'identity-policy',
    );
    const keyId = '1234abcd-12ab-34cd-56ef-1234567890ab';
    const key = `arn:aws:kms:eu-west-1:${account}:key/${keyId}`;
    const identityPolicy = filled(identity?.policy ?? null, { KeyId: keyId });
    const decrypt = (principal: string, action = 'kms:Decrypt') =>
      decision(identityRequest(principal, action, key, identityPolicy, keyPart?.policy as PolicyDocument));
    expect(await decrypt(executionRole)).toBe('Allowed');
    expect(await decrypt(`arn:aws:iam::${account}:role/other-role`)).not.toBe('Allowed');
    expect(await decrypt('arn:aws:iam::444455556666:role/checkout-api-execution-role')).not.toBe('Allowed');
    expect(await decrypt(executionRole, 'kms:Encrypt')).not.toBe('Allowed');
  });
});

describe('a VPC endpoint policy that allows nothing (corpus app-16)', () => {
  it('its fix has the Principal an endpoint policy must ("*"), and lets only that principal through', async () => {
    const [finding] = await findingsOf(corpusMessage('app-16'));
    const statement = finding?.fix?.policy?.Statement[0];
    expect(statement?.Principal).toBe('*');
    expect(statement?.Condition).toEqual({
      ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:user/JohnDoe' },
    });
    const request = (principal: string, action: string): Simulation => ({
      request: {
        principal,
        action,
        resource: { resource: '*', accountId: '123456789012' },
        contextVariables: { 'aws:SourceVpce': 'vpce-1a2b3c4d', 'aws:PrincipalArn': principal },
      },
      identityPolicies: [
        {
          name: 'user',
          policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
        },
      ],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      vpcEndpointPolicies: [{ name: 'endpoint', policy: finding?.fix?.policy }],
    });
    expect(
      await decision(request('arn:aws:iam::123456789012:user/JohnDoe', 'codecommit:ListRepositories')),
    ).toBe('Allowed');
    expect(
      await decision(request('arn:aws:iam::123456789012:user/Mallory', 'codecommit:ListRepositories')),
    ).not.toBe('Allowed');
    expect(
      await decision(request('arn:aws:iam::123456789012:user/JohnDoe', 'codecommit:DeleteRepository')),
    ).not.toBe('Allowed');
  });
});

describe('inline policy names', () => {
  it('differ for different fixes of one role, and stay the same for the same fix', async () => {
    const [ssm] = await findingsOf(corpusMessage('ecs-01'));
    const [other] = await findingsOf(corpusMessage('ecs-01').replaceAll('GOOGLE_CLIENT_ID', 'STRIPE_KEY'));
    const name = (finding: Finding | undefined) => policyNameOf(mergeFixes([finding as Finding])[0] as never);
    expect(name(ssm)).toMatch(/^whydenied-fix-[0-9a-f]{8}$/);
    expect(name(ssm)).toBe(name(ssm));
    expect(name(ssm)).not.toBe(name(other));
  });
});

describe('a trust fix under the confused-deputy conditions AWS recommends (samples/trust-policy)', () => {
  const role = 'arn:aws:iam::111122223333:role/search-indexer-task-role';
  const trustPolicy = (account: string) => ecsTaskRoleTrust(role, 'eu-west-1', account);

  async function analyseWith(account: string): Promise<Finding> {
    const dir = mkdtempSync(join(tmpdir(), 'whydenied-fix-review-'));
    const policy = join(dir, 'get-role.json');
    writeFileSync(policy, JSON.stringify(trustPolicy(account)));
    const { stdout } = await runCli([
      'analyze',
      'samples/trust-policy',
      '--policies',
      policy,
      '--format',
      'json',
    ]);
    return JSON.parse(stdout).findings[0];
  }

  it('keeps the conditions in the fix', async () => {
    const finding = await analyseWith('111122223333');
    expect(finding.fix?.policy?.Statement[0]?.Condition).toEqual({
      StringEquals: { 'aws:SourceAccount': '111122223333' },
      ArnLike: { 'aws:SourceArn': 'arn:aws:ecs:eu-west-1:111122223333:*' },
    });
  });

  it('a trust policy whose conditions match what ECS sends does not "reproduce" the denial: never verified', async () => {
    const finding = await analyseWith('111122223333');
    expect(finding.fix?.verified).toBe(false);
    expect(finding.fix?.reason).toContain('evidence and policies disagree');
  });

  it('conditions naming another account do reproduce it, and the fix is verified', async () => {
    const finding = await analyseWith('444455556666');
    expect(finding.fix?.verified).toBe(true);
  });

  it("the fix lets ECS in this account assume the role, and not another account's tasks", async () => {
    const finding = await analyseWith('444455556666');
    const trust = { Version: '2012-10-17', Statement: finding.fix?.policy?.Statement };
    const assume = (account: string) =>
      decision({
        request: {
          principal: 'ecs-tasks.amazonaws.com',
          action: 'sts:AssumeRole',
          resource: { resource: role, accountId: '111122223333' },
          contextVariables: {
            'aws:SourceAccount': account,
            'aws:SourceArn': `arn:aws:ecs:eu-west-1:${account}:task/prod/0123456789abcdef0123456789abcdef`,
          },
        },
        identityPolicies: [],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: trust,
      });
    expect(await assume('111122223333')).toBe('Allowed');
    expect(await assume('444455556666')).not.toBe('Allowed');
  });
});

describe('ECS Exec', () => {
  /**
   * `copilot svc exec` denied (a blog post "Run Django Migration with AWS Copilot", a GitHub Pages
   * repository read through the code index, file id 46786733000; the account is the post's `xxx`).
   */
  const copilotExec = [
    'Found only one deployed service core-api in environment test',
    'Execute `/bin/sh` in container allen-core-api in task xxx.',
    '✘ Failed to execute command /bin/sh. Is `exec: true` set in your manifest?',
    '✘ execute command /bin/sh in container core-api: execute command: AccessDeniedException: User: arn:aws:sts::xxx is not authorized to perform: ecs:ExecuteCommand on resource: arn:aws:ecs:us-west-1:xxxx',
  ].join('\n');

  it("the caller denied ecs:ExecuteCommand gets it on the cluster and its tasks, not the task role's channels", async () => {
    const [finding] = await findingsOf(copilotExec);
    expect(finding).toMatchObject({ role: 'other', step: 'exec', action: 'ecs:ExecuteCommand' });
    const statement = finding?.fix?.policy?.Statement[0];
    expect(statement?.Action).toEqual(['ecs:ExecuteCommand']);
    expect(statement?.Resource).toEqual([
      `arn:aws:ecs:us-west-1:${slot('Account')}:cluster/${slot('ClusterName')}`,
      `arn:aws:ecs:us-west-1:${slot('Account')}:task/${slot('ClusterName')}/*`,
    ]);
    expect(JSON.stringify(finding?.fix)).not.toContain('ssmmessages:Create');
    expect(finding?.fix?.instruction).toContain('enableExecuteCommand');
    noPlaceholderLeftUnsaid(finding as Finding);

    const policy = filled(finding?.fix?.policy ?? null, { Account: '111122223333', ClusterName: 'test' });
    const user = 'arn:aws:iam::111122223333:user/deployer';
    const exec = (resource: string, action = 'ecs:ExecuteCommand') =>
      decision(identityRequest(user, action, resource, policy));
    expect(await exec('arn:aws:ecs:us-west-1:111122223333:task/test/0123456789abcdef0123456789abcdef')).toBe(
      'Allowed',
    );
    expect(await exec('arn:aws:ecs:us-west-1:111122223333:cluster/test')).toBe('Allowed');
    expect(
      await exec('arn:aws:ecs:us-west-1:111122223333:task/prod/0123456789abcdef0123456789abcdef'),
    ).not.toBe('Allowed');
    expect(
      await exec(
        'arn:aws:ecs:us-west-1:111122223333:task/test/0123456789abcdef0123456789abcdef',
        'ecs:StopTask',
      ),
    ).not.toBe('Allowed');
  });

  it('the task role denied a channel (extra case m-16) gets the four ssmmessages channel actions', async () => {
    const raw = readFileSync(new URL('../extra-cases/cases.jsonl', import.meta.url), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line))
      .find((item) => item.id === 'm-16')?.raw as string;
    const [finding] = await findingsOf(raw);
    expect(finding).toMatchObject({ role: 'task-role', step: 'exec' });
    expect(finding?.fix?.policy?.Statement[0]?.Action).toEqual([
      'ssmmessages:CreateControlChannel',
      'ssmmessages:CreateDataChannel',
      'ssmmessages:OpenControlChannel',
      'ssmmessages:OpenDataChannel',
    ]);
  });
});

/**
 * ECS's infrastructure role (EBS task volumes, Service Connect TLS, VPC Lattice, Managed
 * Instances). The developer guide's trust policy for it, "Amazon ECS infrastructure IAM role"
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/infrastructure_IAM_role.html), is
 * `{"Sid": "AllowAccessToECSForInfrastructureManagement", "Effect": "Allow", "Principal":
 * {"Service": "ecs.amazonaws.com"}, "Action": "sts:AssumeRole"}` with no condition: unlike the
 * task role's page, it names no aws:SourceAccount / aws:SourceArn that ECS would send. The message
 * is hashicorp/terraform-provider-aws#38538 (extra case s-03) with an account in place of XXXXX.
 */
describe("a trust fix for ECS's infrastructure role, as the developer guide writes its trust policy", () => {
  const role = 'arn:aws:iam::111122223333:role/ecsInfrastructureRole';
  const message = `Error: creating ECS Service (web): InvalidParameterException: ECS was unable to assume the configured ECS Infrastructure Role '${role}'. Please verify that the role being passed has the proper trust relationship with Amazon ECS.`;
  const getRole = (principal: string) => ({
    Role: {
      Arn: role,
      RoleName: 'ecsInfrastructureRole',
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'AllowAccessToECSForInfrastructureManagement',
            Effect: 'Allow',
            Principal: { Service: principal },
            Action: 'sts:AssumeRole',
          },
        ],
      },
    },
  });

  async function analyseWith(trusted: string | null): Promise<Finding> {
    const dir = mkdtempSync(join(tmpdir(), 'whydenied-fix-review-'));
    writeFileSync(join(dir, 'message.txt'), message);
    const args = ['analyze', join(dir, 'message.txt'), '--format', 'json'];
    if (trusted) {
      const policies = mkdtempSync(join(tmpdir(), 'whydenied-fix-review-'));
      writeFileSync(join(policies, 'get-role.json'), JSON.stringify(getRole(trusted)));
      args.push('--policies', join(policies, 'get-role.json'));
    }
    const { stdout } = await runCli(args);
    return JSON.parse(stdout).findings[0];
  }

  it('trusts ecs.amazonaws.com with no condition AWS does not document for this role', async () => {
    const statement = (await analyseWith(null)).fix?.policy?.Statement[0];
    expect(statement?.Principal).toEqual({ Service: 'ecs.amazonaws.com' });
    expect(statement?.Condition).toBeUndefined();
    expect((await analyseWith(null)).fix?.instruction).not.toContain('aws:SourceAccount');
  });

  it('a trust copied from a task role (ecs-tasks.amazonaws.com) reproduces the denial, and the fix is verified as ECS assumes the role', async () => {
    const finding = await analyseWith('ecs-tasks.amazonaws.com');
    expect(finding.fix?.reason).toContain('reproduces');
    expect(finding.fix?.verified).toBe(true);
  });

  it("AWS's documented trust policy lets ECS in: the denial does not reproduce", async () => {
    const finding = await analyseWith('ecs.amazonaws.com');
    expect(finding.fix?.verified).toBe(false);
    expect(finding.fix?.reason).toContain('evidence and policies disagree');
  });
});

/**
 * Environment files: the developer guide's "Pass environment variables to an Amazon ECS container"
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/use-environment-file.html) sends the
 * reader to the execution role's permissions for them, which grant s3:GetObject on the file and
 * s3:GetBucketLocation on its bucket ("Amazon ECS task execution IAM role",
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html).
 * samples/env-file-s3: orders-worker:22 stopped on its .env file.
 */
describe("an environment file's fix grants what the guide lists for the execution role", () => {
  const role = 'arn:aws:iam::111122223333:role/orders-worker-execution-role';
  const bucket = 'arn:aws:s3:::orders-config-111122223333';
  const file = `${bucket}/orders-worker/prod.env`;

  it('s3:GetObject on the file and s3:GetBucketLocation on its bucket, nothing wider', async () => {
    const { stdout } = await runCli(['analyze', 'samples/env-file-s3', '--format', 'json']);
    const finding = (JSON.parse(stdout).findings as Finding[]).find((item) => item.step === 'env-files');
    const policy = finding?.fix?.policy as PolicyDocument;
    // An S3 ARN names no account: the sample's bucket is the role's account's.
    const allows = async (action: string, resource: string) => {
      const simulation = identityRequest(role, action, resource, policy);
      return decision({
        ...simulation,
        request: { ...simulation.request, resource: { resource, accountId: '111122223333' } },
      });
    };
    expect(await allows('s3:GetObject', file)).toBe('Allowed');
    expect(await allows('s3:GetBucketLocation', bucket)).toBe('Allowed');
    expect(await allows('s3:GetObject', `${bucket}/orders-worker/other.env`)).not.toBe('Allowed');
    expect(await allows('s3:GetBucketLocation', 'arn:aws:s3:::someone-elses-bucket')).not.toBe('Allowed');
    expect(await allows('s3:ListBucket', bucket)).not.toBe('Allowed');
  });
});
