/**
 * `whydenied check` on a whole Terraform plan holding an aws_ecs_task_definition: `terraform show
 * -json` of a plan made here by Terraform 1.11.4 with the hashicorp/aws provider 5.100.0
 * (test/fixtures/iac/SOURCES.md says how), so every attribute, every `after_unknown` and every
 * `configuration` reference is the tool's own. The role ARNs, the role policy's role and the
 * task definition's roles are all known only after apply.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCheckInputs } from '../../src/sources/files/check-inputs.js';
import { check, executionRoleReads, folder } from './check-run.js';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const PLAN = new URL('../fixtures/iac/terraform-plan-ecs-task-definition-offline.json', import.meta.url)
  .pathname;
const executionRole = `arn:aws:iam::${ACCOUNT}:role/orders-execution-role`;
const taskRole = `arn:aws:iam::${ACCOUNT}:role/orders-task-role`;
const secret = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:orders/db-password-a1B2c3`;
const checkIn = (...args: string[]) => check([...args, '--region', REGION, '--account', ACCOUNT]);

/** The plan without one resource, cut from each of its sections as if it had never been written. */
function planWithout(address: string) {
  const plan = JSON.parse(readFileSync(PLAN, 'utf8'));
  const other = (resource: { address: string }) => resource.address !== address;
  plan.planned_values.root_module.resources = plan.planned_values.root_module.resources.filter(other);
  plan.resource_changes = plan.resource_changes.filter(other);
  plan.configuration.root_module.resources = plan.configuration.root_module.resources.filter(other);
  return plan;
}

describe('a Terraform plan with an aws_ecs_task_definition, as terraform show -json writes it', () => {
  it('is read: the roles known after apply are followed through configuration references', async () => {
    const read = await readCheckInputs([PLAN], { account: ACCOUNT });
    expect(read.warnings).toEqual([]);
    expect(read.definitions).toHaveLength(1);
    const [definition] = read.definitions;
    expect(definition).toMatchObject({
      family: 'orders',
      executionRoleArn: executionRole,
      taskRoleArn: taskRole,
    });
    expect(definition?.origin.pointer).toBe('aws_ecs_task_definition.orders');
    expect(definition?.containers[0]).toMatchObject({
      name: 'orders',
      image: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/orders:1.4.2`,
      secrets: [secret],
      logOptions: { 'awslogs-group': '/ecs/orders', 'awslogs-region': REGION },
    });
    expect(read.policies.map((policy) => [policy.kind, policy.roleArn, policy.policy.name]).sort()).toEqual(
      [
        ['identity', executionRole, 'AmazonECSTaskExecutionRolePolicy'],
        ['identity', executionRole, 'read-db-password'],
        ['trust', executionRole, 'aws_iam_role.execution assume_role_policy'],
        ['trust', taskRole, 'aws_iam_role.task assume_role_policy'],
      ].sort(),
    );
  });

  it('would start as planned: every start-up request allowed from the plan alone (exit 0)', async () => {
    const { code, result } = await checkIn(PLAN);
    expect(result.warnings).toEqual([]);
    expect(
      result.definitions[0]?.requests.map((request) => [request.step, request.action, request.decision]),
    ).toEqual([
      ['registry-auth', 'ecr:GetAuthorizationToken', 'Allowed'],
      ['image-pull', 'ecr:BatchCheckLayerAvailability', 'Allowed'],
      ['image-pull', 'ecr:GetDownloadUrlForLayer', 'Allowed'],
      ['image-pull', 'ecr:BatchGetImage', 'Allowed'],
      ['log-delivery', 'logs:CreateLogStream', 'Allowed'],
      ['log-delivery', 'logs:PutLogEvents', 'Allowed'],
      ['secret-injection', 'secretsmanager:GetSecretValue', 'Allowed'],
      ['trust', 'sts:AssumeRole', 'Allowed'],
      ['trust', 'sts:AssumeRole', 'Allowed'],
    ]);
    expect(code).toBe(0);
  });

  it('without its aws_iam_role_policy, the secret read is predicted denied at secret-injection, with a verified fix (exit 1)', async () => {
    const { code, result } = await checkIn(
      folder({ 'plan.json': planWithout('aws_iam_role_policy.read_db_password') }),
    );
    expect(code).toBe(1);
    expect(result.definitions[0]?.findings).toMatchObject([
      { ...executionRoleReads(secret), roleArn: executionRole, fix: { verified: true } },
    ]);
  });
});
