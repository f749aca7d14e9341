/**
 * The fake itself, driven by the real SDK clients: routing on X-Amz-Target (CloudTrail, ECS,
 * Logs, Athena) and on Action= (IAM), recorded responses with pagination tokens, throttling,
 * AccessDenied, the LookupEvents rate limit, and the call log.
 */
import { GetQueryExecutionCommand } from '@aws-sdk/client-athena';
import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { ListTasksCommand } from '@aws-sdk/client-ecs';
import { GetRoleCommand } from '@aws-sdk/client-iam';
import { afterEach, describe, expect, it } from 'vitest';
import { readEcs } from '../../src/sources/ecs.js';
import { fakeClients } from './clients.js';
import { incidentScenario } from './incident.js';
import { loadScenario } from './scenario.js';
import { type FakeAws, startFakeAws } from './server.js';

let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const FIXTURES = new URL('../fixtures/aws/', import.meta.url).pathname;
const SCENARIO = new URL('./scenarios/paginated-stopped-tasks/', import.meta.url).pathname;

describe('the loopback fake', () => {
  it('routes JSON 1.1 on X-Amz-Target and IAM on Action=, and records every call', async () => {
    const { readFileSync } = await import('node:fs');
    const logs = JSON.parse(readFileSync(`${FIXTURES}filter-log-events-awscli-example.json`, 'utf8'));
    fake = await startFakeAws({
      routes: [
        {
          target: 'CloudWatchLogs.FilterLogEvents',
          request: { logGroupName: '/ecs/orders-api' },
          response: logs,
        },
        {
          target: 'Athena.GetQueryExecution',
          response: {
            QueryExecution: {
              QueryExecutionId: 'q-1',
              Status: {
                State: 'FAILED',
                StateChangeReason: 'TABLE_NOT_FOUND: line 1:15: Table cloudtrail_logs does not exist',
              },
            },
          },
        },
        {
          target: 'IAM.GetRole',
          request: { RoleName: 'Test-Role' },
          response:
            '<GetRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetRoleResult><Role><Path>/</Path><RoleName>Test-Role</RoleName><RoleId>AROA1234567890EXAMPLE</RoleId><Arn>arn:aws:iam::123456789012:role/Test-Role</Arn><CreateDate>2019-11-13T16:45:56Z</CreateDate><MaxSessionDuration>3600</MaxSessionDuration></Role></GetRoleResult><ResponseMetadata><RequestId>df37e965-9967-11e1-a4c3-270EXAMPLE04</RequestId></ResponseMetadata></GetRoleResponse>',
        },
      ],
    });
    const clients = fakeClients(fake.url);
    const events = await clients.logs.send(new FilterLogEventsCommand({ logGroupName: '/ecs/orders-api' }));
    const query = await clients.athena.send(new GetQueryExecutionCommand({ QueryExecutionId: 'q-1' }));
    const role = await clients.iam.send(new GetRoleCommand({ RoleName: 'Test-Role' }));
    const trail = await clients.cloudTrail.send(new LookupEventsCommand({}));
    clients.destroy();
    expect(events.events?.map((event) => event.message)).toEqual(['Test MESSAGE1', 'Test MESSAGE2']);
    expect(query.QueryExecution?.Status?.State).toBe('FAILED');
    expect(role.Role?.Arn).toBe('arn:aws:iam::123456789012:role/Test-Role');
    expect(role.Role?.CreateDate).toEqual(new Date('2019-11-13T16:45:56Z'));
    expect(trail.Events).toEqual([]);
    expect(fake.calls.map((call) => `${call.target} ${call.status} ${call.region}`)).toEqual([
      'CloudWatchLogs.FilterLogEvents 200 eu-west-1',
      'Athena.GetQueryExecution 200 eu-west-1',
      'IAM.GetRole 200 eu-west-1',
      'CloudTrail.LookupEvents 200 eu-west-1',
    ]);
  });

  it('replays a scenario folder with pagination tokens; the SDK parses epoch-second times', async () => {
    fake = await startFakeAws(loadScenario(SCENARIO));
    const clients = fakeClients(fake.url);
    const found = await readEcs(clients.ecs, { cluster: 'prod' });
    clients.destroy();
    expect(fake.callsTo('ECS.ListTasks').map((call) => call.request.nextToken ?? null)).toEqual([
      null,
      'eyJ2ZXJzaW9uIjoxLCJvZmZzZXQiOjJ9',
    ]);
    expect(found.taskIds).toHaveLength(4);
    const stopped = found.evidence.find((item) => item.kind === 'ecs-stopped-task');
    expect(stopped?.time).toMatch(/^2026-11-21T10:\d\d:\d\d\.\d{3}Z$/);
    expect(stopped?.origin).toEqual({ source: 'api:ECS.DescribeTasks', pointer: 'tasks[0].stoppedReason' });
    // orders-api:43 and the revision before it, which this scenario does not have: no problem.
    expect(fake.callsTo('ECS.DescribeTaskDefinition').map((call) => call.request.taskDefinition)).toEqual([
      'arn:aws:ecs:eu-west-1:111122223333:task-definition/orders-api:43',
      'orders-api:42',
    ]);
    expect(found.problems).toEqual([]);
  });

  it('answers ThrottlingException and AccessDeniedException for chosen calls', async () => {
    fake = await startFakeAws(loadScenario(SCENARIO));
    fake.throttle('ECS.ListTasks', 1);
    fake.deny('ECS.DescribeTasks');
    const clients = fakeClients(fake.url);
    const listed = await clients.ecs.send(
      new ListTasksCommand({ cluster: 'prod', desiredStatus: 'STOPPED' }),
    );
    const denied = await clients.ecs
      .send(new ListTasksCommand({ cluster: 'prod' }))
      .then(() => null)
      .catch((error: Error) => error);
    expect(listed.taskArns).toHaveLength(2);
    expect(fake.callsTo('ECS.ListTasks').map((call) => call.status)).toEqual([400, 200, 200]);
    expect(denied).toBeNull();
    const found = await readEcs(clients.ecs, { cluster: 'prod' });
    clients.destroy();
    expect(found.problems.map((problem) => problem.permission)).toEqual(['ecs:DescribeTasks']);
  });

  it('enforces 2 LookupEvents a second per account and region', async () => {
    fake = await startFakeAws(incidentScenario(), { lookupEventsPerSecond: 2 });
    const clients = fakeClients(fake.url, { maxAttempts: 1, retryStrategy: undefined });
    const send = () =>
      clients.cloudTrail
        .send(new LookupEventsCommand({ MaxResults: 1 }))
        .then(() => 'ok')
        .catch((error: Error) => error.name);
    const burst = await Promise.all([send(), send(), send(), send()]);
    await new Promise((resolve) => setTimeout(resolve, 600));
    const later = await send();
    clients.destroy();
    expect(burst.sort()).toEqual(['ThrottlingException', 'ThrottlingException', 'ok', 'ok']);
    expect(later).toBe('ok');
  });

  it('serves LookupEvents from CloudTrail records: one attribute, 50 a page, newest first', async () => {
    fake = await startFakeAws(incidentScenario());
    const clients = fakeClients(fake.url);
    const first = await clients.cloudTrail.send(
      new LookupEventsCommand({
        LookupAttributes: [{ AttributeKey: 'EventSource', AttributeValue: 'sts.amazonaws.com' }],
      }),
    );
    const two = await clients.cloudTrail
      .send(
        new LookupEventsCommand({
          LookupAttributes: [
            { AttributeKey: 'EventSource', AttributeValue: 'sts.amazonaws.com' },
            { AttributeKey: 'Username', AttributeValue: 'x' },
          ],
        }),
      )
      .catch((error: Error) => error.name);
    clients.destroy();
    expect(first.Events).toHaveLength(50);
    expect(first.NextToken).toBeTruthy();
    const times = (first.Events ?? []).map((event) => event.EventTime?.getTime() ?? 0);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(two).toBe('InvalidLookupAttributesException');
  });
});
