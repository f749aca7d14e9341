/**
 * CloudWatch Logs against the loopback fake: (a) a log group receiving CloudTrail, read with
 * Logs Insights, gives the findings the same records give offline; (b) the awslogs groups
 * of the task definitions ECS describes, searched with FilterLogEvents, give the app-call
 * findings the containers' log lines give offline.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeLive } from '../../src/live.js';
import { analyzeFiles } from '../../src/pipeline.js';
import { DENIAL_FILTER_PATTERN } from '../../src/sources/cloudwatch-logs.js';
import { fakeClients } from '../fake-aws/clients.js';
import { essentials } from '../fake-aws/essentials.js';
import { type LogEvent, matchesFilterPattern } from '../fake-aws/query-stores.js';
import { scenarioFromSample, toApiShape } from '../fake-aws/scenario.js';
import { type FakeAws, startFakeAws } from '../fake-aws/server.js';
import type { Json } from '../fake-aws/stores.js';

const SAMPLES = new URL('../../samples/', import.meta.url).pathname;
const FAST_POLL = { initialMs: 1, maxMs: 5, timeoutMs: 5_000 };

let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('the container-log filter pattern', () => {
  it('matches the ways SDKs say AccessDenied, and not ordinary errors', () => {
    for (const line of [
      'botocore.exceptions.ClientError: An error occurred (AccessDenied) when calling the PutObject operation: Access Denied',
      'api error AccessDeniedException: User: arn:aws:sts::111122223333:assumed-role/r/s is not authorized to perform: dynamodb:PutItem',
      'software.amazon.awssdk.services.sqs.model.SqsException: User: x is not authorized to perform: sqs:receivemessage',
      'An error occurred (UnauthorizedOperation) when calling the DescribeInstances operation',
    ]) {
      expect(matchesFilterPattern(DENIAL_FILTER_PATTERN, line)).toBe(true);
    }
    expect(matchesFilterPattern(DENIAL_FILTER_PATTERN, 'ERROR could not store shipping label')).toBe(false);
  });
});

describe('Logs Insights over a log group receiving CloudTrail', () => {
  it('secret-cmk: the CloudTrail log group read live gives the offline findings of the same records', async () => {
    const file = `${SAMPLES}secret-cmk/filter-log-events-cloudtrail.json`;
    const { events } = JSON.parse(readFileSync(file, 'utf8')) as { events: LogEvent[] };
    const group = 'aws-cloudtrail-logs-111122223333-4f1a';
    fake = await startFakeAws({ logEvents: events.map((event) => ({ ...event, logGroupName: group })) });
    const clients = fakeClients(fake.url);
    const newest = Math.max(...events.map((event) => event.timestamp));
    const live = await analyzeLive({
      verifyWithIam: false,
      clients,
      logsGroup: group,
      since: '6h',
      now: new Date(newest + 60_000),
      queryPoll: FAST_POLL,
    });
    clients.destroy();
    const offline = await analyzeFiles([file]);
    expect(live.partial).toEqual([]);
    expect(live.analysis.findings.length).toBeGreaterThan(0);
    expect(essentials(live.analysis)).toEqual(essentials(offline.analysis));
    expect(live.analysis.findings[0]?.evidence[0]?.origin).toMatch(
      /^api:Logs\.GetQueryResults#[\w-]+\/results\[\d+\]$/,
    );
    const [start] = fake.callsTo('CloudWatchLogs.StartQuery');
    expect(start?.request).toMatchObject({
      logGroupNames: [group],
      startTime: Math.floor((newest + 60_000) / 1000) - 6 * 3600,
    });
    expect(String(start?.request.queryString)).toMatch(/filter errorCode in \[/);
    expect(String(start?.request.queryString)).not.toMatch(/^#/m);
    // Running, Running, Complete; then the same for the policy writes' query.
    expect(fake.callsTo('CloudWatchLogs.StartQuery')).toHaveLength(2);
    expect(fake.callsTo('CloudWatchLogs.GetQueryResults')).toHaveLength(6);
    expect(fake.callsTo('CloudTrail.LookupEvents')).toHaveLength(0);
  });

  it('a query that does not finish in time names its id, and costs Logs Insights only: LookupEvents reads the window', async () => {
    fake = await startFakeAws({}, { queries: { pollsBeforeDone: 1000 } });
    const clients = fakeClients(fake.url);
    const { analysis, partial } = await analyzeLive({
      verifyWithIam: false,
      clients,
      logsGroup: 'trail',
      queryPoll: { initialMs: 1, maxMs: 2, timeoutMs: 30 },
    });
    clients.destroy();
    const queryId = String(fake.callsTo('CloudWatchLogs.GetQueryResults')[0]?.request.queryId);
    expect(analysis.warnings.map((warning) => warning.problem)).toContainEqual(
      expect.stringMatching(
        new RegExp(`^Logs Insights query ${queryId} on trail was still Running after \\d+ s\\.$`),
      ),
    );
    expect(partial).toContain(
      'CloudTrail: Logs Insights (trail) could not be used, so LookupEvents read the window instead',
    );
    expect(fake.callsTo('CloudTrail.LookupEvents').length).toBeGreaterThan(0);
  });
});

/** `aws logs tail` lines (`<ISO time> <stream> <message>`) as the log events they were. */
function tailEvents(path: string, group: string): LogEvent[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [time = '', stream = ''] = line.split(' ', 2);
      return {
        logGroupName: group,
        logStreamName: stream,
        timestamp: Date.parse(time),
        message: line.slice(time.length + stream.length + 2),
      };
    });
}

describe("the containers' awslogs groups", () => {
  it('task-role-app-calls served live gives its three findings from FilterLogEvents', async () => {
    const sample = `${SAMPLES}task-role-app-calls/`;
    const scenario = scenarioFromSample('task-role-app-calls');
    const definition = scenario.ecs?.taskDefinitions?.[0] as Json;
    const taskId = '5b8e0d2c4a6f48e19c3b7d5f1a2e4c6b';
    const task = toApiShape({
      taskArn: `arn:aws:ecs:eu-west-1:111122223333:task/prod/${taskId}`,
      clusterArn: 'arn:aws:ecs:eu-west-1:111122223333:cluster/prod',
      taskDefinitionArn: definition.taskDefinitionArn,
      group: 'service:fulfilment',
      lastStatus: 'RUNNING',
      desiredStatus: 'RUNNING',
      launchType: 'FARGATE',
      createdAt: '2026-11-21T10:11:20.000Z',
      startedAt: '2026-11-21T10:11:38.000Z',
    });
    const logEvents = tailEvents(`${sample}logs-tail-fulfilment.txt`, '/ecs/fulfilment');
    fake = await startFakeAws(
      { ...scenario, ecs: { ...scenario.ecs, tasks: [task] }, logEvents },
      { queries: { logsPageSize: 3 } },
    );
    const clients = fakeClients(fake.url);
    const live = await analyzeLive({
      verifyWithIam: false,
      clients,
      cluster: 'prod',
      tasks: [taskId],
      since: '2h',
      now: new Date('2026-11-21T11:00:00Z'),
      lookupsPerSecond: 50,
    });
    clients.destroy();
    const offline = await analyzeFiles([sample]);
    expect(live.partial).toEqual([]);
    expect(live.analysis.findings.map((finding) => finding.action)).toEqual([
      's3:PutObject',
      'sqs:ReceiveMessage',
      'dynamodb:PutItem',
    ]);
    expect(essentials(live.analysis)).toEqual(essentials(offline.analysis));
    const calls = fake.callsTo('CloudWatchLogs.FilterLogEvents');
    // Seven matching lines, three a page: the nextToken is followed to the end.
    expect(calls).toHaveLength(3);
    expect(calls[0]?.request).toMatchObject({
      logGroupName: '/ecs/fulfilment',
      logStreamNamePrefix: 'ecs/',
      filterPattern: DENIAL_FILTER_PATTERN,
      startTime: Date.parse('2026-11-21T09:00:00Z'),
      endTime: Date.parse('2026-11-21T11:00:00Z'),
    });
    const evidence = live.analysis.findings.flatMap((finding) => finding.evidence);
    expect(evidence.map((item) => item.origin)).toContain(
      `api:Logs.FilterLogEvents#/ecs/fulfilment/ecs/api/${taskId}`,
    );
  });
});
