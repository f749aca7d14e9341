/**
 * `whydenied check` with no --policies and credentials: the roles' policies, the key's policy and
 * the secret's resource policy are read live, read-only, through the readers live verification
 * uses, from the loopback AWS fake (the real SDK clients, IAM's XML and URL-encoded documents).
 * The task definition is the project's checkout-api sample (describe-task-definition output).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeCliArgs } from '../fake-aws/clients.js';
import { type FakeEvalDecision, type FakeIamRole, iamRoutes, simulationRoutes } from '../fake-aws/iam.js';
import {
  delegatingKeyPolicy,
  keyPolicyRoute,
  repositoryPolicyRoute,
  secretPolicyRoute,
} from '../fake-aws/resource-policies.js';
import { type FakeAws, startFakeAws } from '../fake-aws/server.js';
import { AMAZON_ECS_TASK_EXECUTION_ROLE_POLICY, ecsTaskRoleTrust } from '../fixtures/ecs-roles.js';
import { check, folder } from './check-run.js';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const DEFINITION = 'samples/secret-cmk/describe-task-definition-checkout-api-27.json';
const executionRole = `arn:aws:iam::${ACCOUNT}:role/checkout-api-execution-role`;
const taskRole = `arn:aws:iam::${ACCOUNT}:role/checkout-api-task-role`;
const secret = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:checkout/stripe-api-key-Hq3ZtL`;
const key = `arn:aws:kms:${REGION}:${ACCOUNT}:key/5d2f8a3e-91c4-4b7a-a0e6-3c8f1d9b2e47`;
const repository = `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/checkout-api`;
const ECS_EXECUTION = 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy';
const describeSecret = { ARN: secret, Name: 'checkout/stripe-api-key', KmsKeyId: key };

interface Grants {
  secret: boolean;
  decrypt: boolean;
}

function roles(grants: Grants): FakeIamRole[] {
  const statements: Record<string, unknown>[] = [];
  if (grants.secret)
    statements.push({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: secret });
  if (grants.decrypt) statements.push({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: key });
  return [
    {
      arn: executionRole,
      trust: ecsTaskRoleTrust(executionRole, REGION, ACCOUNT).Role.AssumeRolePolicyDocument,
      inline: { 'checkout-secrets': { Version: '2012-10-17', Statement: statements } },
      attached: [ECS_EXECUTION],
    },
    { arn: taskRole, trust: ecsTaskRoleTrust(taskRole, REGION, ACCOUNT).Role.AssumeRolePolicyDocument },
  ];
}

const DEFAULT_KEY_POLICY = delegatingKeyPolicy(ACCOUNT);

let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
  vi.unstubAllEnvs();
});

async function liveCheck(grants: Grants, deny: string[] = [], afterFix: FakeEvalDecision = 'allowed') {
  fake = await startFakeAws({
    routes: [
      ...iamRoutes({
        roles: roles(grants),
        managed: [
          { arn: ECS_EXECUTION, defaultVersion: 'v1', document: AMAZON_ECS_TASK_EXECUTION_ROLE_POLICY },
        ],
      }),
      keyPolicyRoute(key, DEFAULT_KEY_POLICY),
      secretPolicyRoute(secret, null),
      repositoryPolicyRoute(repository, null),
      // IAM's simulator on the secret read: denied with the role's policies, allowed with the fix (unless said).
      ...simulationRoutes({
        roleArn: executionRole,
        action: 'secretsmanager:GetSecretValue',
        resource: secret,
        before: 'implicitDeny',
        after: afterFix,
      }),
    ],
  });
  for (const target of deny) fake.deny(target);
  // The fake's credentials in the environment, as a user's would be; its URL as the endpoint.
  fakeCliArgs(fake.url);
  const run = await check([
    DEFINITION,
    folder({ 'describe-secret.json': describeSecret }),
    '--endpoint-url',
    fake.url,
  ]);
  return { ...run, calls: fake.calls.map((call) => call.target) };
}

describe('check without --policies, with credentials: the policies read live', () => {
  it("the execution role lacks the key's decrypt: read from IAM, predicted denied with its fix (exit 1)", async () => {
    const { code, result, calls } = await liveCheck({ secret: true, decrypt: false });
    expect(result.warnings).toEqual([]);
    expect(code).toBe(1);
    expect(result.definitions[0]?.findings).toMatchObject([
      { step: 'secret-injection', action: 'kms:Decrypt', resource: key, fix: { verified: true } },
    ]);
    // The fix reaches the key policy too, which IAM's simulator cannot add: it is not asked, and says so.
    // The key is in the role's account: the reason says so, not "cross-account".
    const reason = result.definitions[0]?.findings[0]?.fix?.reason;
    expect(reason).toContain(
      "not checked by IAM's simulator: the fix also needs a key policy statement in the same account",
    );
    expect(reason).not.toContain('cross-account');
    expect(calls).not.toContain('IAM.SimulatePrincipalPolicy');
    // check() runs the CLI twice (JSON, then text). In each run each role is read once, its
    // trust from GetRole, and the key's policy and the secret's once each.
    expect(calls.filter((target) => target === 'IAM.GetRole')).toHaveLength(2 * 2);
    expect(calls).toContain('IAM.GetRolePolicy');
    expect(calls).toContain('IAM.GetPolicyVersion');
    expect(calls.filter((target) => target === 'KMS.GetKeyPolicy')).toHaveLength(2);
    expect(calls.filter((target) => target === 'SecretsManager.GetResourcePolicy')).toHaveLength(2);
    // Reads only: every call is a Get or a List.
    expect(calls.every((target) => /\.(Get|List)/.test(target))).toBe(true);
  });

  it('with the decrypt granted in IAM, every start-up request is allowed (exit 0)', async () => {
    const { code, result } = await liveCheck({ secret: true, decrypt: true });
    expect(result.warnings).toEqual([]);
    expect(result.definitions[0]?.requests.every((request) => request.decision === 'Allowed')).toBe(true);
    expect(code).toBe(0);
  });

  it("the secret read missing: the identity-policy fix is simulated locally, then by IAM's simulator (2 calls)", async () => {
    const { code, result, calls } = await liveCheck({ secret: false, decrypt: true });
    expect(code).toBe(1);
    const [finding] = result.definitions[0]?.findings ?? [];
    expect(finding).toMatchObject({ action: 'secretsmanager:GetSecretValue', resource: secret });
    expect(finding?.fix?.verified).toBe(true);
    expect(finding?.fix?.reason).toMatch(/^verified locally and by IAM's simulator: /);
    // check() runs the CLI twice: without the fix, then with it, in each run.
    expect(calls.filter((target) => target === 'IAM.SimulatePrincipalPolicy')).toHaveLength(2 * 2);
  });

  it("IAM's simulator still denying with the fix (an SCP, a boundary whydenied cannot read): IAM decides", async () => {
    const { code, result } = await liveCheck({ secret: false, decrypt: true }, [], 'implicitDeny');
    expect(code).toBe(1);
    const fix = result.definitions[0]?.findings[0]?.fix;
    expect(fix?.verified).toBe(false);
    expect(fix?.reason).toContain("IAM's simulator disagrees with the local check, and IAM decides");
  });

  it('a policy whydenied may not read is a warning naming the permission; that role stays undecided (exit 3)', async () => {
    const { code, result } = await liveCheck({ secret: true, decrypt: true }, ['IAM.GetRolePolicy']);
    expect(code).toBe(3);
    expect(result.warnings.map((warning) => warning.origin)).toContain('api:IAM.GetRolePolicy');
    expect(result.warnings.find((warning) => warning.origin === 'api:IAM.GetRolePolicy')?.expected).toContain(
      'add iam:GetRolePolicy',
    );
  });

  it('--no-live, or --policies given: nothing is read from AWS', async () => {
    fake = await startFakeAws({});
    fakeCliArgs(fake.url);
    const offline = await check([DEFINITION, '--endpoint-url', fake.url, '--no-live']);
    expect(offline.code).toBe(3);
    const given = await check([DEFINITION, '--endpoint-url', fake.url, '--policies', folder({})]);
    expect(given.code).toBe(3);
    expect(fake.calls).toEqual([]);
  });
});
