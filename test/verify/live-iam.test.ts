/**
 * Live verification against the loopback fake: the execution role's policies read through
 * the real IAM client (XML, URL-encoded documents, pagination), the local check, and IAM's
 * simulator as the second check.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Finding } from '../../src/domain/analysis.js';
import { lookupPrincipal } from '../../src/domain/known-policies.js';
import { analyzeLive } from '../../src/live.js';
import { analyzeFiles } from '../../src/pipeline.js';
import { contextEntries, simulateWithIam } from '../../src/verify/iam-simulate-live.js';
import { fetchRolePolicies } from '../../src/verify/live-policies.js';
import { verifyFindingsLive } from '../../src/verify/verify-live.js';
import { fakeCliArgs, fakeClients } from '../fake-aws/clients.js';
import { type FakeEvalDecision, type FakeIamRole, iamRoutes, simulationRoutes } from '../fake-aws/iam.js';
import { SSM_PARAMETER_LIVE, scenarioFromSample } from '../fake-aws/scenario.js';
import { type FakeAws, startFakeAws } from '../fake-aws/server.js';
import { AMAZON_ECS_TASK_EXECUTION_ROLE_POLICY } from '../fixtures/ecs-roles.js';
import { analyzeOrdersApi } from '../run-cli.js';

const SAMPLE = new URL('../../samples/ssm-parameter/', import.meta.url).pathname;

function writeTemp(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'whydenied-live-iam-')), name);
  writeFileSync(path, content);
  return path;
}
const ROLE = 'arn:aws:iam::111122223333:role/orders-api-execution-role';
const DB_PASSWORD = 'arn:aws:ssm:eu-west-1:111122223333:parameter/orders/db-password';
const ECS_EXECUTION = 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy';

/** The role as IAM holds it before the fix: partner-token only, not the db-password parameter. */
const executionRole: FakeIamRole = {
  arn: ROLE,
  trust: {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ],
  },
  inline: {
    'orders-secrets': {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'PartnerToken',
          Effect: 'Allow',
          Action: 'ssm:GetParameters',
          Resource: 'arn:aws:ssm:eu-west-1:111122223333:parameter/orders/api/partner-token',
        },
      ],
    },
    'ecs-logs': {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }],
    },
  },
  attached: [ECS_EXECUTION],
};

const managed = [
  {
    arn: ECS_EXECUTION,
    defaultVersion: 'v1',
    document: AMAZON_ECS_TASK_EXECUTION_ROLE_POLICY,
  },
];

function simulation(before: FakeEvalDecision, after: FakeEvalDecision = 'allowed') {
  return simulationRoutes({
    roleArn: ROLE,
    action: 'ssm:GetParameters',
    resource: DB_PASSWORD,
    before,
    after,
    beforePolicy: 'orders-secrets',
  });
}

let findings: Finding[];
let fake: FakeAws | undefined;
beforeAll(async () => {
  findings = (await analyzeFiles([SAMPLE])).analysis.findings;
  expect(findings[0]?.fix?.placement).toBe('identity-policy');
});
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function verify(routesBefore: FakeEvalDecision, deny: string[] = []) {
  fake = await startFakeAws({
    // One policy a page, so every list is read through its markers.
    routes: [...iamRoutes({ roles: [executionRole], managed, pageSize: 1 }), ...simulation(routesBefore)],
  });
  for (const target of deny) fake.deny(target);
  const clients = fakeClients(fake.url);
  const warnings: { origin: string; problem: string; expected: string }[] = [];
  try {
    const verified = await verifyFindingsLive(findings, clients, { warnings });
    return { finding: verified[0], warnings, fake };
  } finally {
    clients.destroy();
  }
}

describe('verifyFindingsLive', () => {
  it('ssm-parameter: the role read from IAM reproduces the denial; verified locally and by IAM', async () => {
    const { finding, warnings } = await verify('implicitDeny');
    expect(warnings).toEqual([]);
    expect(finding?.fix?.verified).toBe(true);
    expect(finding?.fix?.reason).toMatch(/^verified locally and by IAM's simulator: /);
    expect(finding?.fix?.reason).toContain('SsmParametersForSecrets');
    expect(finding?.fix?.reason).toContain('PolicyInputList.1');

    const calls = fake?.calls.map((call) => call.target) ?? [];
    expect(calls.filter((target) => target === 'IAM.ListRolePolicies')).toHaveLength(2);
    expect(calls.filter((target) => target === 'IAM.GetRolePolicy')).toHaveLength(2);
    const simulations = fake?.callsTo('IAM.SimulatePrincipalPolicy') ?? [];
    expect(simulations).toHaveLength(2);
    expect(simulations[0]?.request['PolicyInputList.member.1']).toBeUndefined();
    expect(simulations[0]?.request.PolicySourceArn).toBe(ROLE);
    expect(simulations[0]?.request['ActionNames.member.1']).toBe('ssm:GetParameters');
    expect(simulations[0]?.request['ResourceArns.member.1']).toBe(DB_PASSWORD);
    const added = JSON.parse(String(simulations[1]?.request['PolicyInputList.member.1']));
    expect(added.Statement[0].Resource).toContain(DB_PASSWORD);
  });

  it('a role whose GetRolePolicy is denied: not verified, naming the permission to add', async () => {
    const { finding, warnings } = await verify('implicitDeny', [
      'IAM.GetRolePolicy',
      'IAM.SimulatePrincipalPolicy',
    ]);
    expect(finding?.fix?.verified).toBeNull();
    expect(finding?.fix?.reason).toMatch(
      /^not verified: whydenied may not read the role's policies \(iam:GetRolePolicy\)/,
    );
    expect(finding?.fix?.reason).toContain('iam:SimulatePrincipalPolicy');
    expect(warnings.map((warning) => warning.origin)).toContain('api:IAM.GetRolePolicy');
    expect(warnings.find((warning) => warning.origin === 'api:IAM.GetRolePolicy')?.expected).toContain(
      'add iam:GetRolePolicy',
    );
  });

  it('IAM still decides when whydenied may not read the policies but may simulate', async () => {
    const { finding } = await verify('implicitDeny', ['IAM.GetRolePolicy']);
    expect(finding?.fix?.verified).toBe(true);
    expect(finding?.fix?.reason).toContain(
      "not verified: whydenied may not read the role's policies (iam:GetRolePolicy)",
    );
  });

  it("IAM's simulator denied to whydenied: a warning naming iam:SimulatePrincipalPolicy, once", async () => {
    const { finding, warnings } = await verify('implicitDeny', ['IAM.SimulatePrincipalPolicy']);
    // The local check still ran on the policies read from IAM.
    expect(finding?.fix?.verified).toBe(true);
    expect(finding?.fix?.reason).toContain(
      "not checked by IAM's simulator: whydenied may not call iam:SimulatePrincipalPolicy",
    );
    expect(warnings).toEqual([
      {
        origin: 'api:IAM.SimulatePrincipalPolicy',
        problem: 'AccessDenied: whydenied may not call iam:SimulatePrincipalPolicy',
        expected:
          'add iam:SimulatePrincipalPolicy to the role running whydenied (see `whydenied permissions`)',
      },
    ]);
  });

  it('the simulator allowing the request before the fix: evidence and policies disagree', async () => {
    const { finding } = await verify('allowed');
    expect(finding?.fix?.verified).toBe(false);
    expect(finding?.fix?.reason).toContain('evidence and policies disagree');
    expect(finding?.fix?.reason).toContain('orders-secrets');
    expect(finding?.fix?.reason).toContain("IAM's simulator disagrees with the local check");
  });
});

describe('live analysis, then live verification', () => {
  it('ssm-parameter served live: the live finding is verified by the role read from IAM', async () => {
    const scenario = scenarioFromSample('ssm-parameter');
    fake = await startFakeAws({
      ...scenario,
      routes: [
        ...(scenario.routes ?? []),
        ...iamRoutes({ roles: [executionRole], managed }),
        ...simulation('implicitDeny'),
      ],
    });
    const clients = fakeClients(fake.url);
    try {
      const { analysis } = await analyzeLive({
        clients,
        ...SSM_PARAMETER_LIVE,
      });
      const warnings: { origin: string; problem: string; expected: string }[] = [];
      const [finding] = await verifyFindingsLive(analysis.findings, clients, { warnings });
      expect(warnings).toEqual([]);
      expect(finding?.fix?.verified).toBe(true);
      expect(finding?.fix?.reason).toMatch(/^verified locally and by IAM's simulator/);
    } finally {
      clients.destroy();
    }
  });
});

describe('the CLI when IAM refuses whydenied its simulator', () => {
  it('exit code 3 (partial) and the permission to add on stderr, as for any other own call denied', async () => {
    const scenario = scenarioFromSample('ssm-parameter');
    fake = await startFakeAws({
      ...scenario,
      routes: [...(scenario.routes ?? []), ...iamRoutes({ roles: [executionRole], managed })],
    });
    fake.deny('IAM.SimulatePrincipalPolicy');
    const args = fakeCliArgs(fake.url).filter((arg) => arg !== '--no-iam-verify');
    const { code, stdout, stderr } = await analyzeOrdersApi([...args, '--format', 'json']);
    vi.unstubAllEnvs();
    expect(code).toBe(3);
    expect(JSON.parse(stdout).warnings).toContainEqual(
      expect.objectContaining({ origin: 'api:IAM.SimulatePrincipalPolicy' }),
    );
    expect(stderr).toContain('add iam:SimulatePrincipalPolicy to the role running whydenied');
  });
});

describe('a deployer that is an IAM user', () => {
  it("its PassRole fix is checked by IAM's simulator on the user, with iam:PassedToService", async () => {
    // ecs-09 of the corpus (LBHackney-IT/Data-Platform#1992): an IAM user running a task from Airflow.
    const message =
      'botocore.errorfactory.AccessDeniedException: An error occurred (AccessDeniedException) when calling the RunTask operation: User: arn:aws:iam::120038763019:user/parking-airflow-user is not authorized to perform: iam:PassRole on resource: arn:aws:iam::120038763019:role/dataplatform-stg-ecs-parking because no identity-based policy allows the iam:PassRole action';
    const { analysis } = await analyzeFiles([writeTemp('runtask.log', message)]);
    const user = 'arn:aws:iam::120038763019:user/parking-airflow-user';
    fake = await startFakeAws({
      routes: simulationRoutes({
        roleArn: user,
        action: 'iam:PassRole',
        resource: 'arn:aws:iam::120038763019:role/dataplatform-stg-ecs-parking',
        before: 'implicitDeny',
        after: 'allowed',
      }),
    });
    const clients = fakeClients(fake.url);
    const [finding] = await verifyFindingsLive(analysis.findings, clients);
    clients.destroy();
    expect(finding?.fix).toMatchObject({ placement: 'deployer-policy', target: user, verified: true });
    expect(finding?.fix?.reason).toContain(`the policies of the IAM user ${user} are not read`);
    const calls = fake.callsTo('IAM.SimulatePrincipalPolicy');
    expect(calls).toHaveLength(2);
    expect(calls[0]?.request).toMatchObject({
      PolicySourceArn: user,
      'ContextEntries.member.1.ContextKeyName': expect.any(String),
    });
    expect(Object.values(calls[1]?.request ?? {})).toContain('iam:PassedToService');
    expect(Object.values(calls[1]?.request ?? {})).toContain('ecs-tasks.amazonaws.com');
  });
});

describe('fetchRolePolicies', () => {
  it('decodes what IAM sends and reads a managed policy once for every role that has it', async () => {
    const other: FakeIamRole = {
      ...executionRole,
      arn: 'arn:aws:iam::111122223333:role/services/payments-execution-role',
      inline: {},
      boundary: 'arn:aws:iam::111122223333:policy/ecs-boundary',
    };
    fake = await startFakeAws({
      routes: iamRoutes({
        roles: [executionRole, other],
        managed: [
          ...managed,
          {
            arn: 'arn:aws:iam::111122223333:policy/ecs-boundary',
            document: {
              Statement: [{ Effect: 'Allow', Action: ['ssm:*', 'ecr:*', 'logs:*'], Resource: '*' }],
            },
          },
        ],
      }),
    });
    const clients = fakeClients(fake.url);
    const { policies, warnings, unreadable, arns } = await fetchRolePolicies(clients.iam, [
      ROLE,
      // A session ARN lacks the role's path; GetRole gives it back.
      'arn:aws:sts::111122223333:assumed-role/payments-execution-role/abc',
    ]);
    clients.destroy();
    expect(warnings).toEqual([]);
    expect(unreadable.size).toBe(0);
    expect(lookupPrincipal(policies.identity, ROLE)?.map((policy) => policy.name)).toEqual([
      'orders-secrets',
      'ecs-logs',
      'AmazonECSTaskExecutionRolePolicy',
    ]);
    expect(lookupPrincipal(policies.trust, ROLE)?.document.Statement[0]?.Principal).toEqual({
      Service: 'ecs-tasks.amazonaws.com',
    });
    expect(lookupPrincipal(policies.boundaries, other.arn)?.name).toBe('ecs-boundary');
    expect([...arns.values()]).toContain(other.arn);
    expect(fake.callsTo('IAM.GetPolicyVersion').map((call) => call.request.PolicyArn)).toEqual([
      ECS_EXECUTION,
      'arn:aws:iam::111122223333:policy/ecs-boundary',
    ]);
  });
});

describe('simulateWithIam', () => {
  it('does not ask IAM about a fix that goes in a resource policy', async () => {
    const finding = findings[0] as Finding;
    const fix = { ...(finding.fix as NonNullable<Finding['fix']>), placement: 'key-policy' as const };
    fake = await startFakeAws();
    const clients = fakeClients(fake.url);
    const verdict = await simulateWithIam(clients.iam, finding, fix);
    clients.destroy();
    expect(verdict.verified).toBeNull();
    expect(verdict.reason).toContain("not checked by IAM's simulator");
    expect(fake.calls).toEqual([]);
  });

  /**
   * An identity fix that also needs a key policy statement: SimulatePrincipalPolicy weighs a
   * resource policy for an IAM user as the caller only ("for IAM users only", the IAM API
   * reference: https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulatePrincipalPolicy.html),
   * so a role's fix is not asked; the reason says cross-account only when the key is in another account.
   */
  it('says why it does not ask about a fix that also needs a key policy, same account or another', async () => {
    const finding = findings[0] as Finding;
    const fix = finding.fix as NonNullable<Finding['fix']>;
    const keyIn = (account: string) => ({
      ...fix,
      alsoRequired: [
        {
          placement: 'key-policy' as const,
          target: `arn:aws:kms:eu-west-1:${account}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
          policy: null,
          instruction: 'add to the key policy',
        },
      ],
    });
    fake = await startFakeAws();
    const clients = fakeClients(fake.url);
    const same = await simulateWithIam(clients.iam, finding, keyIn('111122223333'), ROLE);
    const other = await simulateWithIam(clients.iam, finding, keyIn('444455556666'), ROLE);
    clients.destroy();
    expect(fake.calls).toEqual([]);
    expect(same.verified).toBeNull();
    expect(same.reason).not.toContain('cross-account');
    expect(same.reason).toContain('key policy');
    expect(same.reason).toContain('IAM user');
    expect(other.verified).toBeNull();
    expect(other.reason).toContain('cross-account');
    expect(other.reason).toContain('444455556666');
  });

  it('types the context keys the CloudTrail record gives, and leaves the principal keys to IAM', () => {
    const entries = contextEntries({
      'aws:RequestedRegion': 'eu-west-1',
      'aws:SourceIp': '203.0.113.7',
      'aws:CurrentTime': '2026-11-21T10:00:00Z',
      'aws:CalledVia': ['ecs.amazonaws.com'],
      'aws:PrincipalArn': ROLE,
    });
    expect(entries).toEqual([
      { ContextKeyName: 'aws:RequestedRegion', ContextKeyValues: ['eu-west-1'], ContextKeyType: 'string' },
      { ContextKeyName: 'aws:SourceIp', ContextKeyValues: ['203.0.113.7'], ContextKeyType: 'ip' },
      {
        ContextKeyName: 'aws:CurrentTime',
        ContextKeyValues: ['2026-11-21T10:00:00Z'],
        ContextKeyType: 'date',
      },
      {
        ContextKeyName: 'aws:CalledVia',
        ContextKeyValues: ['ecs.amazonaws.com'],
        ContextKeyType: 'stringList',
      },
    ]);
  });
});
