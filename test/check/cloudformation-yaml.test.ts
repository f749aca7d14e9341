/**
 * `whydenied check` on a CloudFormation template written in YAML, the form most templates take:
 * the short-form tags become the long form the template reader resolves, and parameter values
 * come from a template configuration file or the create-stack --parameters list. The template is
 * the one AWS Copilot renders for a backend service (test/fixtures/iac/SOURCES.md).
 */
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/check.js';
import { readCheckInputs } from '../../src/sources/files/check-inputs.js';
import { readCloudFormationYaml } from '../../src/sources/files/cloudformation-yaml.js';
import { check, folder } from './check-run.js';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
const fixture = (name: string) => new URL(`../fixtures/iac/${name}`, import.meta.url).pathname;
const TEMPLATE = fixture('copilot-backend-simple-http.template.yml');
const PARAMETERS = fixture('copilot-backend-simple-http.params.json');
const checkIn = (...args: string[]) => check([...args, '--region', REGION, '--account', ACCOUNT]);
const problemsOf = (result: { warnings: CheckResult['warnings'] }) =>
  result.warnings.map((warning) => `${warning.origin.split('#')[1] ?? warning.origin}: ${warning.problem}`);

const executionRole = `arn:aws:iam::${ACCOUNT}:role/ExecutionRole`;
const taskRole = `arn:aws:iam::${ACCOUNT}:role/TaskRole`;
/** The env file Copilot's own template comment gives as an example of EnvFileARN. */
const ENV_FILE =
  'arn:aws:s3:::stackset-demo-infrastruc-pipelinebuiltartifactbuc-11dj7ctf52wyf/manual/1638391936/env';

describe("the short-form tags, as the CloudFormation User Guide's intrinsic function reference spells them", () => {
  it('each becomes its long form, in scalar, sequence and mapping form', () => {
    const yaml = [
      'a: !Ref Bucket',
      'b: !GetAtt Role.Arn',
      'c: !GetAtt [Role, Arn]',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's own Fn::Sub syntax
      'd: !Sub "arn:${AWS::Partition}:s3:::${Bucket}"',
      'e: !Sub',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's own Fn::Sub syntax
      '  - "${Name}-x"',
      '  - Name: !Ref Env',
      'f: !Join [":", [a, !Ref B]]',
      'g: !If [IsProd, !Ref P, !Ref AWS::NoValue]',
      'h: !Select [0, !GetAZs ""]',
      'i: !ImportValue shared-vpc',
      'j: !FindInMap [RegionMap, !Ref "AWS::Region", AMI]',
      'k: !Base64 text',
      'l: !Split [",", !ImportValue subnets]',
      'm: !And [!Condition A, !Or [!Equals [x, y], !Not [!Condition B]]]',
      'n: !Cidr [10.0.0.0/16, 4, 8]',
    ].join('\n');
    const read = readCloudFormationYaml(yaml);
    expect(read).toEqual({
      problems: [],
      value: {
        a: { Ref: 'Bucket' },
        b: { 'Fn::GetAtt': 'Role.Arn' },
        c: { 'Fn::GetAtt': ['Role', 'Arn'] },
        // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's own Fn::Sub syntax
        d: { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Bucket}' },
        // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's own Fn::Sub syntax
        e: { 'Fn::Sub': ['${Name}-x', { Name: { Ref: 'Env' } }] },
        f: { 'Fn::Join': [':', ['a', { Ref: 'B' }]] },
        g: { 'Fn::If': ['IsProd', { Ref: 'P' }, { Ref: 'AWS::NoValue' }] },
        h: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] },
        i: { 'Fn::ImportValue': 'shared-vpc' },
        j: { 'Fn::FindInMap': ['RegionMap', { Ref: 'AWS::Region' }, 'AMI'] },
        k: { 'Fn::Base64': 'text' },
        l: { 'Fn::Split': [',', { 'Fn::ImportValue': 'subnets' }] },
        m: {
          'Fn::And': [
            { Condition: 'A' },
            { 'Fn::Or': [{ 'Fn::Equals': ['x', 'y'] }, { 'Fn::Not': [{ Condition: 'B' }] }] },
          ],
        },
        n: { 'Fn::Cidr': ['10.0.0.0/16', 4, 8] },
      },
    });
  });
});

describe("a YAML template: AWS Copilot's backend service, with its parameter file", () => {
  it('is read: names built by !Join and !Sub from the parameters, roles by !GetAtt, a policy chosen by !If left out', async () => {
    const read = await readCheckInputs([TEMPLATE, PARAMETERS], { region: REGION, account: ACCOUNT });
    expect(read.warnings).toEqual([]);
    expect(read.definitions).toHaveLength(1);
    const [definition] = read.definitions;
    expect(definition).toMatchObject({
      family: 'my-app-my-env-simple-http',
      executionRoleArn: executionRole,
      taskRoleArn: taskRole,
    });
    expect(definition?.containers[0]).toMatchObject({
      name: 'simple-http',
      // HasEnvFile is false with EnvFileARN "": the !If element is AWS::NoValue, and gone.
      environmentFiles: [],
      logOptions: {
        'awslogs-group': '/copilot/my-app-my-env-simple-http',
        'awslogs-region': REGION,
        'awslogs-stream-prefix': 'copilot',
      },
    });
    expect(read.policies.map((policy) => [policy.kind, policy.roleArn, policy.policy.name]).sort()).toEqual(
      [
        ['identity', executionRole, 'my-app-my-env-simple-httpSecretsPolicy'],
        ['identity', executionRole, 'AmazonECSTaskExecutionRolePolicy'],
        ['identity', taskRole, 'DenyIAMExceptTaggedRoles'],
        ['identity', taskRole, 'ExecuteCommand'],
        ['trust', executionRole, 'ExecutionRole trust policy'],
        ['trust', taskRole, 'TaskRole trust policy'],
        ['trust', `arn:aws:iam::${ACCOUNT}:role/CustomResourceRole`, 'CustomResourceRole trust policy'],
        ['identity', `arn:aws:iam::${ACCOUNT}:role/CustomResourceRole`, 'DNSandACMAccess'],
      ].sort(),
    );
    const secrets = read.policies.find((policy) => policy.policy.name.endsWith('SecretsPolicy'));
    expect(secrets?.policy.document.Statement[1]).toEqual({
      Effect: 'Allow',
      Action: ['secretsmanager:GetSecretValue'],
      Resource: [`arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:*`],
      Condition: {
        StringEquals: {
          'secretsmanager:ResourceTag/copilot-application': 'my-app',
          'secretsmanager:ResourceTag/copilot-environment': 'my-env',
        },
      },
    });
  });

  it('would start from the template alone (exit 0); the custom resource role no task uses is not checked', async () => {
    const { code, result } = await checkIn(TEMPLATE, PARAMETERS);
    expect(problemsOf(result)).toEqual([]);
    expect(
      result.definitions[0]?.requests.map((request) => [request.role, request.step, request.action]),
    ).toEqual([
      ['execution-role', 'log-delivery', 'logs:CreateLogStream'],
      ['execution-role', 'log-delivery', 'logs:PutLogEvents'],
      ['execution-role', 'trust', 'sts:AssumeRole'],
      ['task-role', 'trust', 'sts:AssumeRole'],
    ]);
    expect(code).toBe(0);
  });

  it('with an env file (create-stack --parameters list), !If takes the env file policy whose bucket !Select and !Split cut out', async () => {
    const overrides = folder({
      'overrides.json': [{ ParameterKey: 'EnvFileARN', ParameterValue: ENV_FILE }],
    });
    const { code, result } = await checkIn(
      TEMPLATE,
      PARAMETERS,
      overrides,
      '--expect',
      `logs:PutLogEvents=arn:aws:logs:${REGION}:${ACCOUNT}:log-group:app:log-stream:x`,
      '--expect',
      `dynamodb:PutItem=arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/orders`,
    );
    const requests = result.definitions[0]?.requests ?? [];
    expect(requests.filter((request) => request.step === 'env-files')).toMatchObject([
      { action: 's3:GetObject', resource: ENV_FILE, decision: 'Allowed' },
      {
        action: 's3:GetBucketLocation',
        resource: 'arn:aws:s3:::stackset-demo-infrastruc-pipelinebuiltartifactbuc-11dj7ctf52wyf',
        decision: 'Allowed',
      },
    ]);
    // The task role's ExecuteCommand policy allows logs; nothing allows the table.
    expect(requests.filter((request) => request.step === 'app-call')).toMatchObject([
      { action: 'logs:PutLogEvents', decision: 'Allowed' },
      { action: 'dynamodb:PutItem', decision: 'ImplicitlyDenied' },
    ]);
    expect(code).toBe(1);
    expect(result.definitions[0]?.findings).toMatchObject([
      { role: 'task-role', roleArn: taskRole, action: 'dynamodb:PutItem', fix: { verified: true } },
    ]);
    // The app's own calls are made by the running app, not by ECS before it starts.
    const [predicted] = result.definitions[0]?.findings[0]?.reasons ?? [];
    expect(predicted).toMatch(
      /^predicted, not seen: the running app of .* makes this call with its task role \(--expect\)$/,
    );
    expect(predicted).not.toContain('before the app starts');
  });

  it('without its parameter values, what has no default is a warning naming the resource; nothing is guessed (exit 3)', async () => {
    const { code, result } = await checkIn(TEMPLATE);
    expect(code).toBe(3);
    expect(problemsOf(result)).toContain(
      'Resources.TaskDefinition: cannot resolve parameter AppName has no default and no value was given',
    );
    // The roles are still read and their trust checked.
    expect(result.definitions[0]?.requests.filter((request) => request.step === 'trust')).toHaveLength(2);
  });
});

describe('conditions and mappings, as the template says them', () => {
  it('!If on !And / !Or / !Condition of parameters, !FindInMap and !Base64 resolve; !GetAZs is a warning', async () => {
    const template = [
      'Parameters:',
      '  Stage: {Type: String, Default: prod}',
      // YAML reads an unquoted false as a boolean; CloudFormation takes it as the string "false".
      '  Sidecar: {Type: String, Default: false}',
      'Mappings:',
      '  Stages:',
      '    prod: {Group: /ecs/orders-prod}',
      'Conditions:',
      '  IsProd: !Equals [!Ref Stage, prod]',
      '  Logs: !And [!Condition IsProd, !Or [!Equals [a, b], !Not [!Equals [a, b]]], !Equals [!Ref Sidecar, "false"]]',
      'Resources:',
      '  Task:',
      '    Type: AWS::ECS::TaskDefinition',
      '    Properties:',
      '      Family: !If [Logs, orders, other]',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's own Fn::Sub syntax
      '      ExecutionRoleArn: !Sub arn:aws:iam::${AWS::AccountId}:role/orders-exec',
      '      ContainerDefinitions:',
      '        - Name: app',
      '          Image: !Base64 never-an-image',
      '          LogConfiguration:',
      '            LogDriver: awslogs',
      '            Options:',
      '              awslogs-group: !FindInMap [Stages, !Ref Stage, Group]',
      '              awslogs-region: !Select [0, !GetAZs ""]',
    ].join('\n');
    const read = await readCheckInputs([folder({ 'template.yaml': template })], { account: ACCOUNT });
    const [definition] = read.definitions;
    expect(definition?.family).toBe('orders');
    expect(definition?.executionRoleArn).toBe(`arn:aws:iam::${ACCOUNT}:role/orders-exec`);
    expect(definition?.containers[0]?.image).toBe(Buffer.from('never-an-image').toString('base64'));
    expect(definition?.containers[0]?.logOptions['awslogs-group']).toBe('/ecs/orders-prod');
    expect(problemsOf(read)).toEqual([
      'Resources.Task: cannot resolve Fn::GetAZs, which is decided at deploy time',
    ]);
  });
});

describe('malformed YAML never stops the check', () => {
  it('broken YAML, an unknown tag, an alias bomb and a YAML file of another kind are warnings naming the file', async () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
      'Resources: {R: {Type: AWS::SNS::Topic, Properties: {X: *f}}}',
    ].join('\n');
    const dir = folder({
      'broken.yaml': 'Resources:\n  Task:\n    Type: [unclosed\n',
      'unknown-tag.yaml':
        'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n      Name: !Whatever x\n',
      'bomb.yaml': bomb,
      'workflow.yml': 'on: push\njobs:\n  check:\n    runs-on: ubuntu-latest\n',
    });
    const read = await readCheckInputs([dir]);
    const problems = read.warnings.map((warning) => `${warning.origin.split('/').pop()}: ${warning.problem}`);
    expect(problems.find((problem) => problem.startsWith('broken.yaml: invalid YAML'))).toBeDefined();
    expect(problems.find((problem) => problem.startsWith('bomb.yaml: invalid YAML'))).toMatch(/alias/i);
    expect(problems).toContain('unknown-tag.yaml: Unresolved tag: !Whatever');
    expect(problems).toContain('workflow.yml: not a shape check reads');
  });
});
