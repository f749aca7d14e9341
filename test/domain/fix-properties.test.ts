/**
 * Properties of the proposed fixes over generated denials (fast-check): every fix allows the
 * denied request in the IAM simulator (from a role with no permissions, the denial reproduces
 * first), grants no action outside the ECS step's set, and never a wildcard action.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadActionDetails } from '../../src/domain/action-details.js';
import type { Finding } from '../../src/domain/analysis.js';
import type { Step } from '../../src/domain/ecs-steps.js';
import type { ContainerFacts, TaskDefinitionEvidence } from '../../src/domain/evidence.js';
import { fixOf } from '../../src/domain/fix-synthesis.js';
import { emptyPolicies, principalKey } from '../../src/domain/known-policies.js';
import { verifyFix } from '../../src/verify/simulate.js';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';

interface Denial {
  role: Finding['role'];
  step: Step;
  action: string;
  resource: string;
  /** Every action the step may need: the fix must stay inside it. */
  stepActions: string[];
  definition: Partial<ContainerFacts>;
}

const name = fc.stringMatching(/^[a-z][a-z0-9-]{2,20}$/);
const hex = (length: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${length}}$`));

const ecrDenial = fc
  .tuple(
    name,
    fc.constantFrom('ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'),
  )
  .map(
    ([repository, action]): Denial => ({
      role: 'execution-role',
      step: 'image-pull',
      action,
      resource: `arn:aws:ecr:${REGION}:${ACCOUNT}:repository/${repository}`,
      stepActions: [
        'ecr:GetAuthorizationToken',
        'ecr:BatchGetImage',
        'ecr:GetDownloadUrlForLayer',
        'ecr:BatchCheckLayerAvailability',
      ],
      definition: { image: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/${repository}:v1` },
    }),
  );

const tokenDenial = name.map(
  (repository): Denial => ({
    role: 'execution-role',
    step: 'registry-auth',
    action: 'ecr:GetAuthorizationToken',
    resource: '*',
    stepActions: [
      'ecr:GetAuthorizationToken',
      'ecr:BatchGetImage',
      'ecr:GetDownloadUrlForLayer',
      'ecr:BatchCheckLayerAvailability',
    ],
    definition: { image: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/${repository}:latest` },
  }),
);

const logsDenial = fc.tuple(name, hex(32), fc.constantFrom('logs:CreateLogStream', 'logs:PutLogEvents')).map(
  ([service, task, action]): Denial => ({
    role: 'execution-role',
    step: 'log-delivery',
    action,
    resource: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/ecs/${service}:log-stream:ecs/${service}/${task}`,
    stepActions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:CreateLogGroup'],
    definition: { logDriver: 'awslogs', logOptions: { 'awslogs-group': `/ecs/${service}` } },
  }),
);

const ssmDenial = fc.array(name, { minLength: 1, maxLength: 3 }).map((path): Denial => {
  const parameter = `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/${path.join('/')}`;
  return {
    role: 'execution-role',
    step: 'secret-injection',
    action: 'ssm:GetParameters',
    resource: parameter,
    stepActions: ['ssm:GetParameters', 'secretsmanager:GetSecretValue', 'kms:Decrypt'],
    definition: { secrets: [parameter] },
  };
});

const secretDenial = fc.tuple(name, fc.stringMatching(/^[A-Za-z0-9]{6}$/)).map(([secret, suffix]): Denial => {
  const arn = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${secret}-${suffix}`;
  return {
    role: 'execution-role',
    step: 'secret-injection',
    action: 'secretsmanager:GetSecretValue',
    resource: arn,
    stepActions: ['ssm:GetParameters', 'secretsmanager:GetSecretValue', 'kms:Decrypt'],
    definition: { secrets: [`${arn}:password::`] },
  };
});

const appDenial = fc
  .tuple(
    name,
    fc.constantFrom(
      ['s3:PutObject', (n: string) => `arn:aws:s3:::${n}-bucket/exports/${n}.csv`],
      ['s3:GetObject', (n: string) => `arn:aws:s3:::${n}-bucket/${n}`],
      ['dynamodb:PutItem', (n: string) => `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${n}`],
      ['sqs:SendMessage', (n: string) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${n}`],
      ['sns:Publish', (n: string) => `arn:aws:sns:${REGION}:${ACCOUNT}:${n}`],
      ['firehose:PutRecordBatch', (n: string) => `arn:aws:firehose:${REGION}:${ACCOUNT}:deliverystream/${n}`],
    ) as fc.Arbitrary<[string, (n: string) => string]>,
  )
  .map(
    ([resourceName, [action, arn]]): Denial => ({
      role: 'task-role',
      step: 'app-call',
      action,
      resource: arn(resourceName),
      stepActions: [action],
      definition: {},
    }),
  );

const denials = fc.oneof(ecrDenial, tokenDenial, logsDenial, ssmDenial, secretDenial, appDenial);

function findingOf(denial: Denial, roleArn: string): Finding {
  return {
    role: denial.role,
    step: denial.step,
    action: denial.action,
    resource: denial.resource,
    resources: [denial.resource],
    principalArn: `arn:aws:sts::${ACCOUNT}:assumed-role/${roleArn.split('/')[1]}/0123456789abcdef0123456789abcdef`,
    roleArn,
    taskId: '0123456789abcdef0123456789abcdef',
    taskDefinitionArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/app:1`,
    taskDefinition: 'app:1',
    service: null,
    revisionChange: null,
    fix: null,
    policyType: 'identity',
    policyArn: null,
    authorizationId: null,
    explicitDeny: false,
    firstSeen: null,
    lastSeen: null,
    count: 1,
    reasons: [],
    evidence: [],
  };
}

function definitionOf(denial: Denial, roleArn: string): TaskDefinitionEvidence {
  const container: ContainerFacts = {
    name: 'app',
    image: null,
    secrets: [],
    registryCredentials: null,
    logDriver: null,
    logOptions: {},
    environmentFiles: [],
    ...denial.definition,
  };
  return {
    kind: 'task-definition',
    time: null,
    origin: { source: 'generated' },
    raw: '',
    taskDefinitionArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/app:1`,
    family: 'app',
    revision: 1,
    executionRoleArn: denial.role === 'execution-role' ? roleArn : null,
    taskRoleArn: denial.role === 'task-role' ? roleArn : null,
    containers: [container],
    efsWithIam: [],
  };
}

describe('proposed fixes', () => {
  it('allow the denied request in the simulator, and nothing outside the step', async () => {
    const details = await loadActionDetails([
      'ecr:GetAuthorizationToken',
      'ecr:BatchGetImage',
      'ecr:GetDownloadUrlForLayer',
      'ecr:BatchCheckLayerAvailability',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'ssm:GetParameters',
      'secretsmanager:GetSecretValue',
      's3:PutObject',
      's3:GetObject',
      'dynamodb:PutItem',
      'sqs:SendMessage',
      'sns:Publish',
      'firehose:PutRecordBatch',
    ]);
    await fc.assert(
      fc.asyncProperty(denials, name, async (denial, role) => {
        const roleArn = `arn:aws:iam::${ACCOUNT}:role/${role}`;
        const fix = fixOf(findingOf(denial, roleArn), definitionOf(denial, roleArn), details);
        expect(fix).not.toBeNull();
        if (!fix) return;
        const actions = [fix, ...fix.alsoRequired].flatMap(
          (part) => part.policy?.Statement.flatMap((s) => s.Action) ?? [],
        );
        expect(actions.filter((action) => !denial.stepActions.includes(action))).toEqual([]);
        expect(actions.some((action) => action.includes('*'))).toBe(false);
        // A role with no permissions at all: the denial must reproduce, and the fix must allow it.
        const policies = emptyPolicies();
        policies.identity.set(principalKey(roleArn), []);
        const result = await verifyFix(
          { principalArn: roleArn, action: denial.action, resource: denial.resource, context: {} },
          fix,
          policies,
        );
        expect(result, result.reason).toMatchObject({
          verified: true,
          before: 'ImplicitlyDenied',
          after: 'Allowed',
        });
      }),
      { numRuns: 200 },
    );
  });
});
