/**
 * The revision behind a denial and what changed since the revision before it.
 */
import { describe, expect, it } from 'vitest';
import type {
  ContainerFacts,
  DeploymentEvidence,
  TaskDefinitionEvidence,
} from '../../src/domain/evidence.js';
import { changesBetween, indexRevisions, relevantChanges, revisionOf } from '../../src/domain/revisions.js';
import { ecsRevisionEvidence } from '../../src/sources/files/cloudtrail-record.js';

const EXECUTION = 'arn:aws:iam::111122223333:role/orders-api-execution-role';
const TASK = 'arn:aws:iam::111122223333:role/orders-api-task-role';

function container(facts: Partial<ContainerFacts> = {}): ContainerFacts {
  return {
    name: 'app',
    image: '111122223333.dkr.ecr.eu-west-1.amazonaws.com/orders-api:1',
    secrets: [],
    registryCredentials: null,
    logDriver: 'awslogs',
    logOptions: { 'awslogs-group': '/ecs/orders-api' },
    environmentFiles: [],
    ...facts,
  };
}

function revision(number: number, facts: Partial<TaskDefinitionEvidence> = {}): TaskDefinitionEvidence {
  return {
    kind: 'task-definition',
    time: `2026-11-${10 + number}T10:00:00.000Z`,
    origin: { source: 'td.json' },
    raw: '',
    taskDefinitionArn: `arn:aws:ecs:eu-west-1:111122223333:task-definition/orders-api:${number}`,
    family: 'orders-api',
    revision: number,
    executionRoleArn: EXECUTION,
    taskRoleArn: TASK,
    containers: [container()],
    efsWithIam: [],
    ...facts,
  };
}

const denial = {
  taskDefinitionArn: null,
  roleArn: EXECUTION,
  resource: null,
  role: 'execution-role' as const,
  step: 'secret-injection' as const,
  firstSeen: '2026-11-14T12:00:00.000Z',
};

describe('what changed between revisions', () => {
  it('names each kind of change', () => {
    const before = revision(1);
    const after = revision(2, {
      taskRoleArn: 'arn:aws:iam::111122223333:role/other-task-role',
      containers: [
        container({
          image: '444455556666.dkr.ecr.eu-west-1.amazonaws.com/orders-api:2',
          secrets: ['arn:aws:ssm:eu-west-1:111122223333:parameter/orders/db-password'],
          logOptions: { 'awslogs-group': '/ecs/orders-api-v2', 'awslogs-create-group': 'true' },
          environmentFiles: ['arn:aws:s3:::orders-config/prod.env'],
        }),
      ],
      efsWithIam: ['fs-0123456789abcdef0'],
    });
    expect(changesBetween(before, after).map((change) => change.text)).toEqual([
      `changed the task role from ${TASK} to arn:aws:iam::111122223333:role/other-task-role`,
      'container app pulls from another repository: 444455556666.dkr.ecr.eu-west-1.amazonaws.com/orders-api (was 111122223333.dkr.ecr.eu-west-1.amazonaws.com/orders-api)',
      'container app gets a new secret from arn:aws:ssm:eu-west-1:111122223333:parameter/orders/db-password',
      'container app logs to a new log group /ecs/orders-api-v2',
      'container app now asks awslogs to create its log group (awslogs-create-group)',
      'container app reads a new environment file arn:aws:s3:::orders-config/prod.env',
      'mounts EFS file system fs-0123456789abcdef0 with IAM authorization',
    ]);
  });

  it('keeps only the changes that bear on the denied step', () => {
    const before = revision(1);
    const after = revision(2, {
      containers: [
        container({ secrets: ['arn:aws:ssm:eu-west-1:111122223333:parameter/x'], image: 'nginx:2' }),
      ],
    });
    expect(relevantChanges(before, after, 'secret-injection')).toEqual([
      'container app gets a new secret from arn:aws:ssm:eu-west-1:111122223333:parameter/x',
    ]);
    expect(relevantChanges(before, after, 'log-delivery')).toEqual([]);
  });
});

describe('the revision of a denial', () => {
  it('is the one the service was rolling out when the denial began', () => {
    const deployments: DeploymentEvidence[] = [
      {
        kind: 'ecs-deployment',
        time: '2026-11-12T09:00:00.000Z',
        origin: { source: 's' },
        raw: '',
        service: 'orders-api',
        taskDefinitionArn: revision(2).taskDefinitionArn,
        status: 'ACTIVE',
      },
      {
        kind: 'ecs-deployment',
        time: '2026-11-14T11:00:00.000Z',
        origin: { source: 's' },
        raw: '',
        service: 'orders-api',
        taskDefinitionArn: revision(3).taskDefinitionArn,
        status: 'PRIMARY',
      },
    ];
    const index = indexRevisions([revision(1), revision(2), revision(3), revision(4)], deployments);
    const found = revisionOf(denial, index);
    expect(found).toMatchObject({
      taskDefinition: 'orders-api:3',
      revisionChange: { previous: 'orders-api:2', changes: [] },
    });
    expect(found.reason).toMatch(/rolling out/);
  });

  it('is the newest registration naming the role before the denial, without deployments', () => {
    const index = indexRevisions([revision(1), revision(2), revision(5)], []);
    expect(revisionOf(denial, index).taskDefinition).toBe('orders-api:2');
  });

  it('names a listed but undescribed revision before it, so the user can describe it', () => {
    const listed = ['arn:aws:ecs:eu-west-1:111122223333:task-definition/orders-api:1'];
    const found = revisionOf(
      { ...denial, taskDefinitionArn: revision(2).taskDefinitionArn },
      indexRevisions([revision(2)], [], listed),
    );
    expect(found).toMatchObject({
      taskDefinition: 'orders-api:2',
      revisionChange: null,
      undescribedPrevious: 'orders-api:1',
    });
  });

  it('says why there is none', () => {
    expect(revisionOf(denial, indexRevisions([], [])).reason).toMatch(/no task definition evidence/);
    const other = revision(1, { executionRoleArn: 'arn:aws:iam::111122223333:role/someone-else' });
    expect(revisionOf(denial, indexRevisions([other], [])).reason).toMatch(/names this role/);
  });
});

describe("CloudTrail's ECS records (shapes from Datadog Security Labs' ECS crypto-mining write-up)", () => {
  // https://securitylabs.datadoghq.com/articles/tales-from-the-cloud-trenches-ecs-crypto-mining/
  it('RegisterTaskDefinition gives the definition from its request', () => {
    const record = {
      eventSource: 'ecs.amazonaws.com',
      eventName: 'RegisterTaskDefinition',
      requestParameters: {
        networkMode: 'awsvpc',
        memory: '32768',
        cpu: '16384',
        family: '[random string]',
        requiresCompatibilities: ['FARGATE'],
        containerDefinitions: [{ image: 'yzsqbe/ka:si', name: '[random string]', cpu: 0 }],
      },
    };
    const [evidence] = ecsRevisionEvidence(record, { source: 'trail.json', pointer: 'Records[0]' });
    expect(evidence).toMatchObject({
      kind: 'task-definition',
      family: '[random string]',
      containers: [{ image: 'yzsqbe/ka:si' }],
    });
  });

  it('CreateService gives the revision the service rolls out', () => {
    const record = {
      eventSource: 'ecs.amazonaws.com',
      eventName: 'CreateService',
      requestParameters: {
        cluster: '[random string]',
        serviceName: '[random string]-service',
        networkConfiguration: { awsvpcConfiguration: { assignPublicIp: 'ENABLED', subnets: ['...'] } },
        desiredCount: 25,
        taskDefinition: '[random string]',
      },
    };
    expect(ecsRevisionEvidence(record, { source: 'trail.json' })).toEqual([
      expect.objectContaining({
        kind: 'ecs-deployment',
        service: '[random string]-service',
        taskDefinitionArn: '[random string]',
      }),
    ]);
  });
});
