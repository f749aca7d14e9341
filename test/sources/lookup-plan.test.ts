/**
 * The LookupEvents plan as a pure function of what was read before CloudTrail: the tasks' own
 * sessions first, us-east-1 only for a task whose messages name a global service, the policy
 * writes of the roles that were denied, and AssumeRole events when no task is known.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Evidence, MessageEvidence, TaskEvidence } from '../../src/domain/evidence.js';
import {
  assumedSession,
  roleChangeLookups,
  roleSessionLookups,
  sessionLookups,
} from '../../src/sources/lookup-plan.js';

const ACCOUNT = '111122223333';
const START = new Date('2026-11-21T13:00:00Z');
const ROLES = [
  `arn:aws:iam::${ACCOUNT}:role/checkout-api-execution-role`,
  `arn:aws:iam::${ACCOUNT}:role/checkout-api-task-role`,
];

function task(id: string, stoppedAt: string | null): TaskEvidence {
  return {
    kind: 'ecs-task',
    taskArn: `arn:aws:ecs:eu-west-1:${ACCOUNT}:task/prod/${id}`,
    taskDefinitionArn: `arn:aws:ecs:eu-west-1:${ACCOUNT}:task-definition/checkout-api:27`,
    launchType: 'FARGATE',
    stoppedAt,
    time: stoppedAt,
    origin: { source: 'api:ECS.DescribeTasks' },
    raw: '{}',
  };
}

function logLine(message: string): MessageEvidence {
  return {
    kind: 'app-log-line',
    context: 'log-line',
    message,
    taskArn: null,
    taskDefinitionArn: null,
    cluster: null,
    service: null,
    time: null,
    origin: { source: 'app.log', line: 1 },
    raw: message,
  };
}

/** data.all's ECS task role refused sts:AssumeRole (test/extra-cases x-23, https://github.com/data-dot-all/dataall/issues/140). */
function assumeRoleDenial(): string {
  const cases = readFileSync('test/extra-cases/cases.jsonl', 'utf8').split('\n').filter(Boolean);
  const found = cases
    .map((line) => JSON.parse(line) as { id: string; raw: string })
    .find((c) => c.id === 'x-23');
  if (!found) throw new Error('extra case x-23 is missing');
  return found.raw;
}

describe('sessionLookups', () => {
  it('one Username lookup a task, newest first, only tasks that ran in the window; no event-source sweep', () => {
    const evidence: Evidence[] = [
      task('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', '2026-11-21T13:41:46Z'),
      task('bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', '2026-11-21T14:47:09Z'),
      task('cccccccccccccccccccccccccccccccc', '2026-11-21T11:02:00Z'),
      task('dddddddddddddddddddddddddddddddd', null),
    ];
    const plan = sessionLookups(evidence, START, 'eu-west-1');
    expect(plan.map((lookup) => [lookup.attribute, lookup.value, lookup.place])).toEqual([
      ['Username', 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', 'regional'],
      ['Username', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'regional'],
      ['Username', 'dddddddddddddddddddddddddddddddd', 'regional'],
    ]);
  });

  it("a task whose logs name a global service's action is looked up in us-east-1 too, unless it runs there", () => {
    const message = assumeRoleDenial();
    const session = /assumed-role\/[^/]+\/([0-9a-f]{32})/.exec(message)?.[1];
    expect(session).toBeDefined();
    const evidence = [logLine(message)];
    const plan = sessionLookups(evidence, START, 'eu-west-1');
    expect(plan).toContainEqual({
      attribute: 'Username',
      value: session,
      place: 'global',
      purpose: 'global-session',
    });
    // The message's task is looked up in its region as well.
    expect(plan).toContainEqual({
      attribute: 'Username',
      value: session,
      place: 'regional',
      purpose: 'task-session',
    });
    expect(sessionLookups(evidence, START, 'us-east-1').some((lookup) => lookup.place === 'global')).toBe(
      false,
    );
  });

  it('a regional service named in the logs sends nothing to us-east-1', () => {
    // The corpus's Copilot stopped reason (ecs-01): ssm:GetParameters by the execution role.
    const message =
      'Resourceinitializationerror: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secrets from ssm: service call has been retried 1 time(s): AccessDeniedException: User: arn:aws:sts::111122223333:assumed-role/aits-demo-app-test-demo-app-ExecutionRole-28VBAJL3T0YT/f83b93a4dc3442a18eaaf8c2a235cd37 is not authorized to perform: ssm:GetParameters on resource: arn:aws:ssm:eu-west-2:111122223333:parameter/GOOGLE_CLIENT_ID because no identity-based policy allows the ssm:GetParameters action status code: 400, request id: 1adcb55f-f798-4503-b8a3-cd1533290001';
    const plan = sessionLookups([logLine(message)], START, 'eu-west-2');
    expect(plan.map((lookup) => lookup.place)).toEqual(['regional']);
  });
});

describe('roleChangeLookups', () => {
  it("reads in us-east-1 the policy writes of the roles denials name, not the scope's others", () => {
    const message = assumeRoleDenial().replace(
      /assumed-role\/[^/]+\//,
      'assumed-role/checkout-api-task-role/',
    );
    expect(roleChangeLookups([logLine(message)], ROLES)).toEqual([
      {
        attribute: 'ResourceName',
        value: 'checkout-api-task-role',
        place: 'global',
        purpose: 'role-changes',
      },
    ]);
  });

  it('no denial read: no lookup; only denials without a principal: every role of the scope', () => {
    expect(roleChangeLookups([], ROLES)).toEqual([]);
    const bare = logLine(
      'botocore.exceptions.ClientError: An error occurred (AccessDenied) when calling the PutObject operation: Access Denied',
    );
    expect(roleChangeLookups([bare], ROLES).map((lookup) => lookup.value)).toEqual([
      'checkout-api-execution-role',
      'checkout-api-task-role',
    ]);
  });
});

describe('when no task is known', () => {
  it('looks the roles up by ARN and takes the sessions their AssumeRole events name', () => {
    expect(roleSessionLookups(ROLES).map((lookup) => [lookup.attribute, lookup.value])).toEqual(
      ROLES.map((arn) => ['ResourceName', arn]),
    );
    const names = new Set(['checkout-api-task-role']);
    // The shape of ECS assuming a task role (bench/cloudtrail-archive.ts assumedByEcs, after DOMAIN.md).
    const assumed = {
      eventSource: 'sts.amazonaws.com',
      eventName: 'AssumeRole',
      userIdentity: { type: 'AWSService', invokedBy: 'ecs-tasks.amazonaws.com' },
      requestParameters: {
        roleArn: `arn:aws:iam::${ACCOUNT}:role/checkout-api-task-role`,
        roleSessionName: '7c1e9b3a5d2f4e6a8b0c2d4e6f8a1b3c',
      },
    };
    expect(assumedSession(assumed, names)).toBe('7c1e9b3a5d2f4e6a8b0c2d4e6f8a1b3c');
    // Another call of the same shape is no assumption.
    expect(assumedSession({ ...assumed, eventName: 'GetCallerIdentity' }, names)).toBeNull();
    const other = {
      ...assumed,
      requestParameters: {
        ...assumed.requestParameters,
        roleArn: `arn:aws:iam::${ACCOUNT}:role/orders-api-task-role`,
      },
    };
    expect(assumedSession(other, names)).toBeNull();
  });
});
