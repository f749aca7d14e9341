/**
 * `whydenied check`: a task definition's start-up requests simulated before the deploy. The task
 * definitions are AWS's (the ECS guide's secrets tutorial, register form) and the project's
 * checkout-api sample (describe form); the policies are AWS's managed execution role policy, the
 * trust policy ECS recommends, and the default key policy (botocore's example).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCheckInputs } from '../../src/sources/files/check-inputs.js';
import { AMAZON_ECS_TASK_EXECUTION_ROLE_POLICY, ecsTaskRoleTrust } from '../fixtures/ecs-roles.js';
import { controlCharacters } from '../guards/output-safety.js';
import { runCli } from '../run-cli.js';
import { check, executionRoleReads, expectVerifiedSecretFix, folder } from './check-run.js';

const ACCOUNT = '111122223333';
const fixture = (name: string) => new URL(`../fixtures/aws/${name}`, import.meta.url).pathname;

const ecsTrust = (role: string, region: string) => ecsTaskRoleTrust(role, region, ACCOUNT);

describe("the register-task-definition input form (the ECS guide's secrets tutorial)", () => {
  const role = `arn:aws:iam::${ACCOUNT}:role/ecsTaskExecutionRole`;
  // The tutorial's placeholders, filled as it tells its reader to.
  const definition = readFileSync(fixture('task-definition-secrets-tutorial-awsdocs.json'), 'utf8')
    .replaceAll('aws_account_id', ACCOUNT)
    .replaceAll(':region:', ':us-east-1:');
  const secret = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:username_value-u9bH6K`;
  const policies = () =>
    folder({
      'execution-role.json': { principalArn: role, policy: AMAZON_ECS_TASK_EXECUTION_ROLE_POLICY },
      'execution-role-trust.json': ecsTrust(role, 'us-east-1'),
    });

  it('without the secret read the tutorial adds, it would not start: secret-injection, with the fix', async () => {
    const inputs = folder({ 'task-definition.json': definition });
    const { code, result, text } = await check([inputs, '--policies', policies()]);
    expect(code).toBe(1);
    const [checked] = result.definitions;
    const denied = checked?.requests.filter((request) => request.decision !== 'Allowed');
    expect(denied).toMatchObject([executionRoleReads(secret)]);
    const [finding] = checked?.findings ?? [];
    expect(finding).toMatchObject({
      role: 'execution-role',
      step: 'secret-injection',
      action: 'secretsmanager:GetSecretValue',
      resource: secret,
      roleArn: role,
      policyType: 'identity',
      explicitDeny: false,
    });
    expectVerifiedSecretFix(finding, secret);
    expect(text).toContain('would NOT start: 1 of');
    expect(text).toContain('✗ execution-role secret-injection secretsmanager:GetSecretValue');
  });

  it('with the fix applied, it would start: exit 0', async () => {
    const inputs = folder({ 'task-definition.json': definition });
    const { result } = await check([inputs, '--policies', policies()]);
    const fix = result.definitions[0]?.findings[0]?.fix?.policy;
    const fixed = policies();
    writeFileSync(join(fixed, 'the-fix.json'), JSON.stringify({ principalArn: role, policy: fix }));
    const after = await check([inputs, '--policies', fixed]);
    expect(after.code).toBe(0);
    expect(after.text).toContain('would start: all');
  });
});

describe('the describe-task-definition output form (samples/secret-cmk), a secret under a customer managed key', () => {
  const executionRole = `arn:aws:iam::${ACCOUNT}:role/checkout-api-execution-role`;
  const taskRole = `arn:aws:iam::${ACCOUNT}:role/checkout-api-task-role`;
  const secret = `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:checkout/stripe-api-key-Hq3ZtL`;
  const key = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/5d2f8a3e-91c4-4b7a-a0e6-3c8f1d9b2e47`;
  // describe-secret's output, in the AWS CLI example's shape, for this sample's secret.
  const describeSecret = {
    ARN: secret,
    Name: 'checkout/stripe-api-key',
    KmsKeyId: key,
    LastChangedDate: 1523477145.729,
  };
  const readsSecret = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: secret }],
  };
  const policies = () =>
    folder({
      'execution-role.json': { principalArn: executionRole, policy: AMAZON_ECS_TASK_EXECUTION_ROLE_POLICY },
      'execution-role-secret.json': { principalArn: executionRole, policy: readsSecret },
      'execution-role-trust.json': ecsTrust(executionRole, 'eu-west-1'),
      'task-role-trust.json': ecsTrust(taskRole, 'eu-west-1'),
      'key-policy.json': {
        resourceArn: key,
        policy: JSON.parse(readFileSync(fixture('policies/get-key-policy-botocore-example.json'), 'utf8')),
      },
    });

  it("the key's decryption is predicted to fail at secret-injection; both roles' trust under ECS's conditions holds", async () => {
    const inputs = folder({ 'describe-secret.json': describeSecret });
    const { code, result } = await check([
      'samples/secret-cmk/describe-task-definition-checkout-api-27.json',
      inputs,
      '--policies',
      policies(),
    ]);
    expect(code).toBe(1);
    const requests = result.definitions[0]?.requests ?? [];
    expect(requests.filter((request) => request.step === 'trust').map((request) => request.decision)).toEqual(
      ['Allowed', 'Allowed'],
    );
    expect(requests.filter((request) => request.decision !== 'Allowed')).toMatchObject([
      { step: 'secret-injection', action: 'kms:Decrypt', resource: key },
    ]);
    const [finding] = result.definitions[0]?.findings ?? [];
    expect(finding).toMatchObject({
      step: 'secret-injection',
      action: 'kms:Decrypt',
      resource: key,
      policyType: 'identity',
    });
    expect(finding?.fix?.verified).toBe(true);
    expect(JSON.stringify(finding?.fix)).toContain('"kms:Decrypt"');
  });

  it("a trust policy whose conditions name another account is predicted to fail the role's trust", async () => {
    const dir = policies();
    writeFileSync(
      join(dir, 'task-role-trust.json'),
      JSON.stringify(ecsTrust(taskRole, 'eu-west-1')).replaceAll(`:${ACCOUNT}:*`, ':444455556666:*'),
    );
    const { code, result } = await check([
      'samples/secret-cmk/describe-task-definition-checkout-api-27.json',
      '--policies',
      dir,
    ]);
    expect(code).toBe(1);
    expect(result.definitions[0]?.findings.map((finding) => [finding.step, finding.roleArn])).toContainEqual([
      'trust',
      taskRole,
    ]);
  });

  it('a role whose policies were not given is not guessed: exit 3, and it says which', async () => {
    const { code, text } = await check([
      'samples/secret-cmk/describe-task-definition-checkout-api-27.json',
      '--policies',
      folder({}),
    ]);
    expect(code).toBe(3);
    expect(text).toContain(`the policies of ${executionRole} were not given (--policies)`);
  });
});

describe('the key of each secret, from AWS CLI output', () => {
  it("describe-secret's KmsKeyId and describe-parameters' KeyId of a SecureString; AWS managed keys need nothing", async () => {
    const inputs = await readCheckInputs([
      fixture('describe-secret-awscli-example.json'),
      fixture('describe-parameters-awscli-example.json'),
    ]);
    expect(inputs.warnings).toEqual([]);
    expect([...inputs.keys]).toEqual([
      [
        'arn:aws:secretsmanager:us-west-2:123456789012:secret:MyTestSecret-Ca8JGt',
        'arn:aws:kms:us-west-2:123456789012:key/EXAMPLE1-90ab-cdef-fedc-ba987EXAMPLE',
      ],
    ]);
  });

  it('--expect that is not action=arn is a usage error', async () => {
    const { code, stderr } = await runCli([
      'check',
      'samples/secret-cmk',
      '--policies',
      'samples/secret-cmk',
      '--expect',
      'PutItem',
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain('--expect PutItem: expected service:Action=resource-arn');
  });
});

describe('hostile task definitions', () => {
  it('a container name holding terminal controls shows them as text, in text and JSON', async () => {
    const definition = readFileSync(fixture('task-definition-secrets-tutorial-awsdocs.json'), 'utf8')
      .replaceAll('aws_account_id', ACCOUNT)
      .replaceAll(':region:', ':us-east-1:')
      .replace('"ecs-secrets-container"', '"evil\\u001b]0;pwned\\u0007\\u001b[2J"');
    const inputs = folder({ 'task-definition.json': definition });
    const text = await runCli(['check', inputs, '--policies', folder({})]);
    const json = await runCli(['check', inputs, '--policies', folder({}), '--format', 'json']);
    for (const output of [text.stdout, json.stdout]) expect(controlCharacters(output)).toEqual([]);
    // JSON keeps the value, written as escapes: nothing raw reaches the terminal.
    expect(json.stdout).toContain('evil\\u001b]0;pwned\\u0007\\u001b[2J');
  });
});
