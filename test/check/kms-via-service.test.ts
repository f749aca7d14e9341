/**
 * A customer managed key whose key policy lets the execution role decrypt only through one
 * service (`kms:ViaService`): ECS reads a Secrets Manager secret through Secrets Manager and an
 * SSM SecureString through SSM, and KMS sees each request arrive via that service. The key
 * policy statement is the KMS Developer Guide's kms:ViaService example
 * (https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service),
 * with the execution role as its principal and ECS's secret services as the services.
 */
import { describe, expect, it } from 'vitest';
import { AMAZON_ECS_TASK_EXECUTION_ROLE_POLICY, ecsTaskRoleTrust } from '../fixtures/ecs-roles.js';
import { check, folder } from './check-run.js';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const executionRole = `arn:aws:iam::${ACCOUNT}:role/checkout-api-execution-role`;
const secret = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:checkout/stripe-api-key-Hq3ZtL`;
const parameter = `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/checkout/db-password`;
const key = `arn:aws:kms:${REGION}:${ACCOUNT}:key/5d2f8a3e-91c4-4b7a-a0e6-3c8f1d9b2e47`;

/** The register form of a definition with one secret of each kind, both under the key. */
const taskDefinition = {
  family: 'checkout-api',
  executionRoleArn: executionRole,
  containerDefinitions: [
    {
      name: 'checkout',
      image: 'public.ecr.aws/docker/library/nginx:latest',
      secrets: [
        { name: 'STRIPE_API_KEY', valueFrom: secret },
        { name: 'DB_PASSWORD', valueFrom: parameter },
      ],
    },
  ],
};
/** describe-secret and describe-parameters output naming the key, in the AWS CLI examples' shape. */
const describeSecret = { ARN: secret, Name: 'checkout/stripe-api-key', KmsKeyId: key };
const describeParameters = {
  Parameters: [
    { Name: '/checkout/db-password', Type: 'SecureString', KeyId: key, Version: 1, Tier: 'Standard' },
  ],
};

/** The KMS guide's statement: decrypt allowed to the role only when the request comes via these services. */
function keyPolicy(services: string[]) {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: executionRole },
        Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
        Resource: '*',
        Condition: { StringEquals: { 'kms:ViaService': services } },
      },
    ],
  };
}

function policies(services: string[]) {
  return folder({
    'execution-role.json': { principalArn: executionRole, policy: AMAZON_ECS_TASK_EXECUTION_ROLE_POLICY },
    'execution-role-secrets.json': {
      principalArn: executionRole,
      policy: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: secret },
          { Effect: 'Allow', Action: 'ssm:GetParameters', Resource: parameter },
        ],
      },
    },
    'execution-role-trust.json': ecsTaskRoleTrust(executionRole, REGION, ACCOUNT),
    'key-policy.json': { resourceArn: key, policy: keyPolicy(services) },
  });
}

const inputs = () =>
  folder({
    'task-definition.json': taskDefinition,
    'describe-secret.json': describeSecret,
    'describe-parameters.json': describeParameters,
  });

const decryptions = (result: Awaited<ReturnType<typeof check>>['result']) =>
  (result.definitions[0]?.requests ?? [])
    .filter((request) => request.action === 'kms:Decrypt')
    .map((request) => [request.via, request.decision]);

describe('a key policy that allows decryption only via one service (kms:ViaService)', () => {
  it('via secretsmanager only: the secret is read, the SSM parameter under the same key is predicted denied', async () => {
    const { code, result } = await check([
      inputs(),
      '--policies',
      policies([`secretsmanager.${REGION}.amazonaws.com`]),
    ]);
    expect(decryptions(result)).toEqual([
      ['secretsmanager', 'Allowed'],
      ['ssm', 'ImplicitlyDenied'],
    ]);
    expect(code).toBe(1);
    const [finding] = result.definitions[0]?.findings ?? [];
    expect(finding).toMatchObject({
      role: 'execution-role',
      step: 'secret-injection',
      action: 'kms:Decrypt',
      resource: key,
    });
    expect(finding?.reasons.join('\n')).toContain(parameter);
    // The key policy names the role itself, with no statement delegating to IAM: the fix must
    // reach the key policy too, and with it the parameter's decryption is simulated allowed.
    expect(finding?.fix?.alsoRequired?.map((part) => [part.placement, part.target])).toEqual([
      ['key-policy', key],
    ]);
    expect(finding?.fix?.verified).toBe(true);
  });

  it('via both services: both are read (exit 0)', async () => {
    const { code, result } = await check([
      inputs(),
      '--policies',
      policies([`secretsmanager.${REGION}.amazonaws.com`, `ssm.${REGION}.amazonaws.com`]),
    ]);
    expect(decryptions(result)).toEqual([
      ['secretsmanager', 'Allowed'],
      ['ssm', 'Allowed'],
    ]);
    expect(code).toBe(0);
  });

  it("via the services of another region: neither, since kms:ViaService names the task's region", async () => {
    const { code, result } = await check([
      inputs(),
      '--policies',
      policies(['secretsmanager.us-west-2.amazonaws.com', 'ssm.us-west-2.amazonaws.com']),
    ]);
    expect(decryptions(result)).toEqual([
      ['secretsmanager', 'ImplicitlyDenied'],
      ['ssm', 'ImplicitlyDenied'],
    ]);
    expect(code).toBe(1);
  });
});
