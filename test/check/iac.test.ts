/**
 * `whydenied check` on infrastructure code: a CloudFormation template and a CDK cloud assembly
 * (cdk.out), read into the same task definition evidence as the API's forms, with the roles and
 * policies they declare. The fixtures are published ones (test/fixtures/iac/SOURCES.md).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/check.js';
import { readCheckInputs } from '../../src/sources/files/check-inputs.js';
import { check, executionRoleReads, expectVerifiedSecretFix, folder } from './check-run.js';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const fixture = (name: string) => new URL(`../fixtures/iac/${name}`, import.meta.url).pathname;
const TEMPLATE = 'cloudformation-ecs-fargate-aurora-inventory.template.json';
const template = () => JSON.parse(readFileSync(fixture(TEMPLATE), 'utf8'));

const executionRole = `arn:aws:iam::${ACCOUNT}:role/ecs-task-execution-role-dev`;
const taskRole = `arn:aws:iam::${ACCOUNT}:role/ecs-task-role-dev`;
/** `check` of the given inputs, run in the account and region the templates deploy to. */
const checkIn = (...args: string[]) => check([...args, '--region', REGION, '--account', ACCOUNT]);
/** Each warning as `where in the input: what is wrong`. */
const problemsOf = (result: CheckResult) =>
  result.warnings.map((warning) => `${warning.origin.split('#')[1]}: ${warning.problem}`);
const secret = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:db-credentials-dev-AbC123`;

describe('a CloudFormation template (JSON): the ECS Fargate + Aurora inventory template', () => {
  it('is read into the task definition the register form of the same definition gives', async () => {
    const read = await readCheckInputs([fixture(TEMPLATE)], { region: REGION, account: ACCOUNT });
    // The same definition as `register-task-definition --cli-input-json` would take it, intrinsics resolved by hand.
    const registered = await readCheckInputs([
      folder({
        'register.json': {
          family: 'inventory-app-dev',
          executionRoleArn: executionRole,
          taskRoleArn: taskRole,
          containerDefinitions: [
            {
              name: 'inventory-app',
              image: 'nginx:latest',
              secrets: [
                { name: 'DB_USERNAME', valueFrom: `${secret}:username::` },
                { name: 'DB_PASSWORD', valueFrom: `${secret}:password::` },
              ],
              logConfiguration: {
                logDriver: 'awslogs',
                options: {
                  'awslogs-group': '/ecs/inventory-app-dev',
                  'awslogs-region': REGION,
                  'awslogs-stream-prefix': 'ecs',
                },
              },
            },
          ],
        },
      }),
    ]);
    const [fromTemplate] = read.definitions;
    const [fromRegister] = registered.definitions;
    const facts = (definition: typeof fromTemplate) => ({
      family: definition?.family,
      executionRoleArn: definition?.executionRoleArn,
      taskRoleArn: definition?.taskRoleArn,
      containers: definition?.containers,
    });
    expect(facts(fromTemplate)).toEqual(facts(fromRegister));
    expect(fromTemplate?.origin.pointer).toBe('Resources.ECSTaskDefinition');
    expect(read.warnings).toEqual([]);
    // The roles' own policies: trust, inline, and the AWS managed execution role policy.
    expect(read.policies.map((policy) => [policy.kind, policy.roleArn, policy.policy.name]).sort()).toEqual(
      [
        ['identity', executionRole, 'AmazonECSTaskExecutionRolePolicy'],
        ['identity', executionRole, 'SecretsManagerAccess'],
        ['identity', taskRole, 'ApplicationPermissions'],
        ['trust', executionRole, 'ECSTaskExecutionRole trust policy'],
        ['trust', taskRole, 'ECSTaskRole trust policy'],
      ].sort(),
    );
    const access = read.policies.find((policy) => policy.policy.name === 'SecretsManagerAccess');
    expect(access?.policy.document.Statement[0]?.Resource).toBe(secret);
    expect(read.notes.join('\n')).toContain('parameter EnvironmentSuffix is taken at its default, "dev"');
    expect(read.notes.join('\n')).toContain('secret DBSecret does not exist yet');
  });

  it('as published, it would start from the template alone: exit 0, no --policies', async () => {
    const { code, result, text } = await checkIn(fixture(TEMPLATE));
    expect(result.warnings).toEqual([]);
    expect(code).toBe(0);
    expect(result.definitions[0]?.requests.map((request) => request.step)).toContain('secret-injection');
    expect(text).toContain('would start: all');
    expect(text).toContain('Read as:');
  });

  it('without the secret read, it would not start: secret-injection with its fix (exit 1); with the fix, exit 0', async () => {
    const withoutRead = template();
    withoutRead.Resources.ECSTaskExecutionRole.Properties.Policies = [];
    const inputs = folder({ 'template.json': withoutRead });
    const { code, result, text } = await checkIn(inputs);
    expect(code).toBe(1);
    const [checked] = result.definitions;
    expect(checked?.requests.filter((request) => request.decision !== 'Allowed')).toMatchObject([
      executionRoleReads(secret),
      executionRoleReads(secret),
    ]);
    const [finding] = checked?.findings ?? [];
    expect(finding).toMatchObject({
      role: 'execution-role',
      step: 'secret-injection',
      roleArn: executionRole,
    });
    expectVerifiedSecretFix(finding, secret);
    expect(text).toContain('✗ execution-role secret-injection secretsmanager:GetSecretValue');

    const fixed = folder({ 'the-fix.json': { principalArn: executionRole, policy: finding?.fix?.policy } });
    const after = await checkIn(inputs, '--policies', fixed);
    expect(after.result.warnings).toEqual([]);
    expect(after.code).toBe(0);
  });

  it('without --account or --region, the pseudo parameters stay placeholders and the output says so', async () => {
    const read = await readCheckInputs([fixture(TEMPLATE)]);
    expect(read.definitions[0]?.executionRoleArn).toBe(
      'arn:aws:iam::aws-account-id:role/ecs-task-execution-role-dev',
    );
    expect(read.definitions[0]?.containers[0]?.logOptions['awslogs-region']).toBe('aws-region');
    expect(read.notes.join('\n')).toMatch(/AWS::Region is not known.*give --region/);
  });

  it('what only the deploy knows is a warning naming the logical id, and the rest is still checked', async () => {
    const imported = template();
    const definition = imported.Resources.ECSTaskDefinition.Properties;
    definition.ExecutionRoleArn = { 'Fn::ImportValue': 'shared-execution-role-arn' };
    definition.ContainerDefinitions[0].Image = { 'Fn::GetAtt': ['Repository', 'RepositoryUri'] };
    imported.Resources.ECSTaskRole.Properties.ManagedPolicyArns = [
      'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
    ];
    const { code, result } = await checkIn(folder({ 'template.json': imported }));
    expect(code).toBe(3);
    const problems = problemsOf(result);
    expect(problems).toContain(
      'Resources.ECSTaskDefinition: cannot resolve Fn::ImportValue "shared-execution-role-arn", another stack\'s export',
    );
    expect(problems).toContain(
      'Resources.ECSTaskDefinition: cannot resolve Fn::GetAtt Repository.RepositoryUri: no such resource',
    );
    expect(problems.join('\n')).toContain(
      'the managed policy arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess is attached to role ECSTaskRole, but its document is not in the template',
    );
    // The task role is still checked.
    expect(result.definitions[0]?.requests).toMatchObject([
      { role: 'task-role', step: 'trust', decision: 'Allowed' },
    ]);
  });

  it('a role without RoleName stands as its logical id, an AWS::IAM::Policy with Roles joins it, Fn::Join builds ARNs', async () => {
    const generated = template();
    delete generated.Resources.ECSTaskExecutionRole.Properties.RoleName;
    generated.Resources.ECSTaskExecutionRole.Properties.Policies = [];
    generated.Resources.ReadSecret = {
      Type: 'AWS::IAM::Policy',
      Properties: {
        PolicyName: 'ReadSecret',
        Roles: [{ Ref: 'ECSTaskExecutionRole' }],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'secretsmanager:GetSecretValue',
              Resource: {
                'Fn::Join': [
                  '',
                  [
                    'arn:',
                    { Ref: 'AWS::Partition' },
                    ':secretsmanager:',
                    { Ref: 'AWS::Region' },
                    ':',
                    { Ref: 'AWS::AccountId' },
                    ':secret:db-credentials-*',
                  ],
                ],
              },
            },
          ],
        },
      },
    };
    const { code, result, text } = await checkIn(folder({ 'template.json': generated }));
    const role = `arn:aws:iam::${ACCOUNT}:role/ECSTaskExecutionRole`;
    expect(
      result.definitions[0]?.requests.find((request) => request.step === 'secret-injection'),
    ).toMatchObject({
      roleArn: role,
      decision: 'Allowed',
    });
    expect(code).toBe(0);
    expect(text).toContain(
      `role ECSTaskExecutionRole has no RoleName: CloudFormation generates one, and the role stands here as ${role}`,
    );
  });
});

describe('a CDK cloud assembly (cdk.out): CdkFargateStack', () => {
  it('is read through its manifest: the stack template, its generated names, its task role and trust', async () => {
    const read = await readCheckInputs([fixture('cdk.out')], { region: REGION, account: ACCOUNT });
    expect(read.warnings).toEqual([]);
    expect(read.definitions).toHaveLength(1);
    expect(read.definitions[0]).toMatchObject({
      family: 'CdkFargateStackTaskDef424235B4',
      executionRoleArn: null,
      taskRoleArn: `arn:aws:iam::${ACCOUNT}:role/TaskDefTaskRole1EDB4A67`,
      containers: [{ name: 'web', image: 'amazon/amazon-ecs-sample', secrets: [] }],
    });
    expect(read.definitions[0]?.origin).toEqual({
      source: fixture('cdk.out/CdkFargateStack.template.json'),
      pointer: 'Resources.TaskDef54694570',
    });
    expect(read.policies.map((policy) => policy.kind)).toEqual(['trust']);
  });

  it("a CDK Stage's nested assembly (cdk:cloud-assembly, directoryName) is followed to its stacks", async () => {
    const top = mkdtempSync(join(tmpdir(), 'whydenied-iac-'));
    const stage = join(top, 'assembly-Prod');
    mkdirSync(stage);
    for (const name of ['manifest.json', 'CdkFargateStack.template.json'])
      writeFileSync(join(stage, name), readFileSync(fixture(`cdk.out/${name}`), 'utf8'));
    writeFileSync(
      join(top, 'manifest.json'),
      JSON.stringify({
        version: '36.0.0',
        artifacts: {
          'assembly-Prod': {
            type: 'cdk:cloud-assembly',
            properties: { directoryName: 'assembly-Prod', displayName: 'Prod' },
          },
          Tree: { type: 'cdk:tree', properties: { file: 'tree.json' } },
        },
      }),
    );
    const read = await readCheckInputs([top], { region: REGION, account: ACCOUNT });
    expect(read.warnings).toEqual([]);
    expect(read.definitions.map((definition) => definition.origin.source)).toEqual([
      join(stage, 'CdkFargateStack.template.json'),
    ]);
  });

  it('would start: the task role trusts ecs-tasks.amazonaws.com (exit 0); a trust of another service would not (exit 1)', async () => {
    const ok = await checkIn(fixture('cdk.out'));
    expect(ok.code).toBe(0);
    const dir = folder({
      'manifest.json': readFileSync(fixture('cdk.out/manifest.json'), 'utf8'),
      'CdkFargateStack.template.json': readFileSync(
        fixture('cdk.out/CdkFargateStack.template.json'),
        'utf8',
      ).replace('ecs-tasks.amazonaws.com', 'lambda.amazonaws.com'),
      // What else cdk.out holds is not an input: no warning for it.
      'tree.json': { version: 'tree-0.1', tree: {} },
      'cdk.out': { version: '36.0.0' },
    });
    const denied = await checkIn(dir);
    expect(denied.code).toBe(1);
    expect(denied.result.warnings).toEqual([]);
    expect(denied.result.definitions[0]?.findings[0]).toMatchObject({ step: 'trust' });
  });
});

describe('a Terraform plan (terraform show -json)', () => {
  const PLAN = 'terraform-plan-iam-role-policy-attachment.json';
  const plan = () => JSON.parse(readFileSync(fixture(PLAN), 'utf8'));

  it("reads the published plan's roles: the trust policy, and a policy attached by an ARN known only after apply", async () => {
    const read = await readCheckInputs([fixture(PLAN)], { account: ACCOUNT });
    const role = `arn:aws:iam::${ACCOUNT}:role/grafana-role-asume-policy`;
    expect(read.policies.map((policy) => [policy.kind, policy.roleArn, policy.policy.name])).toEqual([
      ['trust', role, 'aws_iam_role.grafana_role assume_role_policy'],
      // policy_arn is in after_unknown; configuration's references name aws_iam_policy.grafana.
      ['identity', role, 'grafana-policy'],
    ]);
    expect(read.policies[1]?.policy.document.Statement).toHaveLength(5);
    expect(read.notes).toEqual([
      `aws_iam_role.grafana_role's ARN is known after apply; it stands here as ${role}`,
    ]);
    expect(read.warnings.map((warning) => warning.problem)).toEqual([
      'a Terraform plan with no aws_ecs_task_definition resource',
    ]);
  });

  /**
   * No published plan with an aws_ecs_task_definition was found, so one is added to the real
   * plan here, each entry in the shape of the plan's own (planned_values, resource_changes with
   * after_unknown, configuration with references) and with the provider's attribute names.
   */
  function withTaskDefinition(grantSecret: boolean) {
    const value = plan();
    const planned = value.planned_values.root_module.resources;
    const changes = value.resource_changes;
    const config = value.configuration.root_module.resources;
    const add = (
      address: string,
      values: Record<string, unknown>,
      unknown: Record<string, unknown>,
      expressions: Record<string, unknown>,
    ) => {
      const [type, name] = address.split('.');
      const base = {
        address,
        mode: 'managed',
        type,
        name,
        provider_name: 'registry.terraform.io/hashicorp/aws',
      };
      planned.push({ ...base, schema_version: 0, values, sensitive_values: {} });
      changes.push({
        ...base,
        change: { actions: ['create'], before: null, after: values, after_unknown: unknown },
      });
      config.push({
        address,
        mode: 'managed',
        type,
        name,
        provider_config_key: 'aws',
        expressions,
        schema_version: 0,
      });
    };
    add(
      'aws_iam_role.execution',
      {
        name: 'app-execution',
        path: '/',
        assume_role_policy: JSON.stringify({
          Statement: [
            { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' } },
          ],
          Version: '2012-10-17',
        }),
      },
      { arn: true, id: true },
      { name: { constant_value: 'app-execution' }, assume_role_policy: {} },
    );
    add(
      'aws_iam_role_policy_attachment.execution',
      {
        role: 'app-execution',
        policy_arn: 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy',
      },
      { id: true },
      { role: { references: ['aws_iam_role.execution.name', 'aws_iam_role.execution'] } },
    );
    if (grantSecret)
      add(
        'aws_iam_role_policy.secrets',
        {
          name: 'secrets',
          policy: JSON.stringify({
            Statement: [
              { Action: 'secretsmanager:GetSecretValue', Effect: 'Allow', Resource: `${planSecret}` },
            ],
            Version: '2012-10-17',
          }),
        },
        { id: true, role: true },
        { role: { references: ['aws_iam_role.execution.id', 'aws_iam_role.execution'] } },
      );
    add(
      'aws_ecs_task_definition.app',
      {
        family: 'app',
        container_definitions: JSON.stringify([
          { name: 'app', image: 'nginx:latest', secrets: [{ name: 'DB_PASSWORD', valueFrom: planSecret }] },
        ]),
      },
      { arn: true, execution_role_arn: true, id: true, revision: true },
      { execution_role_arn: { references: ['aws_iam_role.execution.arn', 'aws_iam_role.execution'] } },
    );
    return value;
  }
  const planSecret = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:app/db-Xy12Ab`;
  const planRole = `arn:aws:iam::${ACCOUNT}:role/app-execution`;

  it('a task definition whose execution role is known after apply is followed to the role, as the register form reads it', async () => {
    const read = await readCheckInputs([folder({ 'plan.json': withTaskDefinition(false) })], {
      account: ACCOUNT,
    });
    const registered = await readCheckInputs([
      folder({
        'register.json': {
          family: 'app',
          executionRoleArn: planRole,
          containerDefinitions: [
            { name: 'app', image: 'nginx:latest', secrets: [{ name: 'DB_PASSWORD', valueFrom: planSecret }] },
          ],
        },
      }),
    ]);
    const facts = (definition: (typeof read.definitions)[number] | undefined) => ({
      family: definition?.family,
      executionRoleArn: definition?.executionRoleArn,
      taskRoleArn: definition?.taskRoleArn,
      containers: definition?.containers,
    });
    expect(facts(read.definitions[0])).toEqual(facts(registered.definitions[0]));
    expect(read.definitions[0]?.origin.pointer).toBe('aws_ecs_task_definition.app');
    expect(read.warnings).toEqual([]);
  });

  it('without the secret read, it would not start (exit 1) with the fix; with the role policy in the plan, exit 0', async () => {
    const { code, result } = await checkIn(folder({ 'plan.json': withTaskDefinition(false) }));
    expect(code).toBe(1);
    const [finding] = result.definitions[0]?.findings ?? [];
    expect(finding).toMatchObject({
      role: 'execution-role',
      step: 'secret-injection',
      roleArn: planRole,
      resource: planSecret,
    });
    expect(finding?.fix?.verified).toBe(true);
    const fixed = await checkIn(
      folder({ 'plan.json': withTaskDefinition(false) }),
      '--policies',
      folder({ 'the-fix.json': { principalArn: planRole, policy: finding?.fix?.policy } }),
    );
    expect(fixed.code).toBe(0);
    const granted = await checkIn(folder({ 'plan.json': withTaskDefinition(true) }));
    expect(granted.result.warnings).toEqual([]);
    expect(granted.code).toBe(0);
  });

  it('in a child module, addresses and references are followed the same way', async () => {
    const value = withTaskDefinition(false);
    const prefix = (resource: { address: string }) => ({
      ...resource,
      address: `module.app.${resource.address}`,
    });
    value.planned_values.root_module = {
      child_modules: [
        { address: 'module.app', resources: value.planned_values.root_module.resources.map(prefix) },
      ],
    };
    value.resource_changes = value.resource_changes.map((change: { address: string }) => ({
      ...prefix(change),
      module_address: 'module.app',
    }));
    value.configuration.root_module = {
      module_calls: {
        app: { source: './app', module: { resources: value.configuration.root_module.resources } },
      },
    };
    const read = await readCheckInputs([folder({ 'plan.json': value })], { account: ACCOUNT });
    expect(read.warnings).toEqual([]);
    expect(read.definitions[0]).toMatchObject({ family: 'app', executionRoleArn: planRole });
    expect(read.definitions[0]?.origin.pointer).toBe('module.app.aws_ecs_task_definition.app');
    expect(read.policies.map((policy) => policy.policy.name)).toContain('grafana-policy');
  });

  it('a role that cannot be followed is a warning naming the address and the attribute', async () => {
    const value = withTaskDefinition(true);
    const config = value.configuration.root_module.resources.find(
      (resource: { address: string }) => resource.address === 'aws_ecs_task_definition.app',
    );
    config.expressions.execution_role_arn = {
      references: ['module.shared.execution_role_arn', 'module.shared'],
    };
    const { code, result } = await checkIn(folder({ 'plan.json': value }));
    expect(code).toBe(3);
    expect(result.warnings).toContainEqual(
      expect.objectContaining({
        origin: expect.stringMatching(/#aws_ecs_task_definition\.app$/),
        problem: 'execution_role_arn is known only after apply and refers to no role of the plan',
      }),
    );
  });
});

describe('malformed infrastructure code never stops the check', () => {
  it('a Ref cycle, broken intrinsics and odd shapes are warnings naming the logical id; the rest is read', async () => {
    const broken = template();
    const resources = broken.Resources;
    // A secret whose name refers to itself: resolving it must end.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's own Fn::Sub syntax
    resources.DBSecret.Properties.Name = { 'Fn::Sub': '${DBSecret}-x' };
    resources.ECSTaskRole.Properties.Policies = [
      { PolicyName: { 'Fn::Join': 'not a list' }, PolicyDocument: 7 },
    ];
    resources.CloudWatchLogGroup.Properties.LogGroupName = { 'Fn::GetAtt': null };
    resources.Odd = {
      Type: 'AWS::IAM::Policy',
      Properties: { Roles: 'ECSTaskRole', PolicyDocument: { 'Fn::Sub': 5 } },
    };
    const { code, result } = await checkIn(folder({ 'template.json': broken }));
    expect(code).toBe(3);
    const problems = problemsOf(result);
    expect(
      problems.some((problem) =>
        problem.startsWith(
          'Resources.ECSTaskDefinition: cannot resolve Ref to DBSecret, which refers to itself',
        ),
      ),
    ).toBe(true);
    expect(problems.some((problem) => problem.startsWith('Resources.ECSTaskRole: '))).toBe(true);
    // The task definition is still read and checked.
    expect(result.definitions[0]?.requests.some((request) => request.step === 'trust')).toBe(true);
  });

  it('a plan or an assembly of the wrong shape is a warning, not a crash', async () => {
    const bad = {
      format_version: '1.2',
      planned_values: {
        root_module: {
          resources: [
            {
              address: 'aws_ecs_task_definition.x',
              mode: 'managed',
              type: 'aws_ecs_task_definition',
              values: { family: 'x', container_definitions: '[{' },
            },
          ],
        },
      },
    };
    const dir = folder({ 'plan.json': bad });
    const { code, result } = await check([dir]);
    expect(code).toBe(3);
    expect(result.warnings.map((warning) => warning.problem).join('\n')).toContain(
      'container_definitions is not JSON',
    );
    const assembly = folder({
      'manifest.json':
        '{"version": "36.0.0", "artifacts": {"S": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "missing.template.json"}}}}',
    });
    const missing = await check([assembly]);
    expect(missing.code).toBe(3);
    expect(missing.result.warnings.map((warning) => warning.problem)).toContain('no such file or directory');
  });
});

describe('roles named by Ref, as ECS takes a role name or ARN', () => {
  it('ExecutionRoleArn / TaskRoleArn as Ref to a role of the template are the role ARNs, with or without RoleName', async () => {
    const byRef = template();
    const definition = byRef.Resources.ECSTaskDefinition.Properties;
    definition.ExecutionRoleArn = { Ref: 'ECSTaskExecutionRole' };
    definition.TaskRoleArn = { Ref: 'ECSTaskRole' };
    delete byRef.Resources.ECSTaskRole.Properties.RoleName;
    const read = await readCheckInputs([folder({ 'template.json': byRef })], {
      region: REGION,
      account: ACCOUNT,
    });
    expect(read.warnings).toEqual([]);
    expect(read.definitions[0]).toMatchObject({
      executionRoleArn: executionRole,
      taskRoleArn: `arn:aws:iam::${ACCOUNT}:role/ECSTaskRole`,
    });
  });
});
