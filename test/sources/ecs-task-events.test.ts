/**
 * Stopped tasks past ECS's hour, from the task state change events an EventBridge rule keeps
 * in a log group: offline in filter-log-events output and in an export to S3 (timestamp, space,
 * message), live with --ecs-events-log-group. The event is the real STOPPED one of
 * test/fixtures/aws/eventbridge-task-state-change-stopped-elb-public-readme.json; its stopped
 * reason is replaced by corpus case ecs-43's (a real CannotPullECRContainerError), so that it
 * is a denial.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeLive } from '../../src/live.js';
import { analyzeFiles } from '../../src/pipeline.js';
import { readEcsEventsLogGroup, TASK_EVENTS_FILTER_PATTERN } from '../../src/sources/ecs-task-events.js';
import { type FileBatch, readFiles } from '../../src/sources/files/index.js';
import { DEFAULT_LIMITS } from '../../src/sources/files/input-bytes.js';
import { fakeClients } from '../fake-aws/clients.js';
import type { LogEvent } from '../fake-aws/query-stores.js';
import { type FakeAws, startFakeAws } from '../fake-aws/server.js';
import type { Json } from '../fake-aws/stores.js';

const STOPPED_EVENT = JSON.parse(
  readFileSync(
    new URL('../fixtures/aws/eventbridge-task-state-change-stopped-elb-public-readme.json', import.meta.url),
    'utf8',
  ),
) as Json;

const ECS_43 = (() => {
  const line = readFileSync(new URL('../corpus/cases.jsonl', import.meta.url), 'utf8')
    .split('\n')
    .find((text) => text.includes('"id": "ecs-43"'));
  return (JSON.parse(line ?? '{}') as { raw: string }).raw;
})();

/** The real event, stopped with ecs-43's reason at `stoppedAt`, in `cluster`, task `id`. */
function deniedEvent(stoppedAt: string, cluster = 'Example', id = 'cdd887a827a4432db19f6059310a4817'): Json {
  const detail = STOPPED_EVENT.detail as Json;
  const taskArn = `arn:aws:ecs:us-east-1:123456789012:task/${cluster}/${id}`;
  return {
    ...STOPPED_EVENT,
    time: stoppedAt,
    resources: [taskArn],
    detail: {
      ...detail,
      clusterArn: `arn:aws:ecs:us-east-1:123456789012:cluster/${cluster}`,
      taskArn,
      stopCode: 'TaskFailedToStart',
      stoppedReason: ECS_43,
      stoppedAt,
      executionStoppedAt: stoppedAt,
      stoppingAt: stoppedAt,
    },
  };
}

function inputFile(name: string, text: string): string {
  const path = join(tmpdir(), `whydenied-ecs-events-${process.pid}-${name}`);
  writeFileSync(path, text);
  return path;
}

function stoppedReasons(analysis: { findings: { evidence: { kind: string; origin: string }[] }[] }) {
  return analysis.findings.flatMap((finding) =>
    finding.evidence.filter((item) => item.kind === 'ecs-stopped-task').map((item) => item.origin),
  );
}

describe('offline: the events kept in a log group', () => {
  it('filter-log-events output: each message read as the event it holds', async () => {
    const event = deniedEvent('2024-11-13T21:22:46.71Z');
    const output = {
      events: [
        {
          logStreamName: '95fb0ab4-e6f9-ba18-da16-ea0a3191d1b4',
          timestamp: Date.parse('2024-11-13T21:23:11Z'),
          message: JSON.stringify(event),
          ingestionTime: Date.parse('2024-11-13T21:23:12Z'),
          eventId: '38529381035237052347392058624584931373384224066387050496',
        },
      ],
      searchedLogStreams: [],
    };
    const { analysis } = await analyzeFiles([inputFile('filter.json', JSON.stringify(output))]);
    const finding = analysis.findings.find((item) => item.action === 'ecr:GetAuthorizationToken');
    expect(finding?.role).toBe('execution-role');
    // The role session in ecs-43's message names its own task.
    expect(finding?.taskId).toBe('0565d0c4e65d46b6be9a2f5fdcdc0a9f');
    expect(stoppedReasons(analysis)[0]).toMatch(/#events\[0\]\.message\.detail\.stoppedReason$/);
  });

  it('an export to S3: the event lines as events, the other lines as text', async () => {
    const lines = [
      `2024-11-13T21:23:11.000Z ${JSON.stringify(deniedEvent('2024-11-13T21:22:46.71Z'))}`,
      '2024-11-13T21:23:12.000Z level=error msg="upload failed: AccessDenied: Access Denied"',
    ];
    const { analysis } = await analyzeFiles([inputFile('000000', lines.join('\n'))]);
    expect(analysis.findings.map((item) => item.action)).toContain('ecr:GetAuthorizationToken');
    expect(stoppedReasons(analysis)[0]).toMatch(/#line 1\.detail\.stoppedReason$/);
    // The app's line was read as text, not dropped.
    const all = [...analysis.findings.flatMap((item) => item.evidence), ...analysis.notPermission];
    expect(JSON.stringify(all)).toContain('upload failed');
  });
});

describe('an export too large to read whole', () => {
  it('streamed, gives the same evidence as read whole, line numbers included', async () => {
    // An export of a few megabytes: the app's lines, a denied task's event every 500 lines.
    const lines: string[] = [];
    for (let index = 0; index < 6000; index += 1) {
      const time = new Date(Date.parse('2024-11-13T00:00:00Z') + index * 1000).toISOString();
      lines.push(
        index % 500 === 0
          ? `${time} ${JSON.stringify(deniedEvent(time, 'Example', index.toString(16).padStart(32, '0')))}`
          : `${time} level=info msg="request ${index} served" path=/orders status=200`,
      );
    }
    lines[4321] = '2024-11-13T01:12:01.000Z level=error msg="upload failed: AccessDenied: Access Denied"';
    const path = inputFile('export-000001', lines.join('\n'));
    const read = async (wholeBelowBytes: number) => {
      const batches: FileBatch[] = [];
      for await (const batch of readFiles([path], { ...DEFAULT_LIMITS, wholeBelowBytes }))
        batches.push(batch);
      return batches
        .flatMap((batch) => batch.evidence)
        .map((item) => ({ kind: item.kind, origin: item.origin }));
    };
    const whole = await read(DEFAULT_LIMITS.wholeBelowBytes);
    const streamed = await read(64 * 1024);
    expect(whole.filter((item) => item.kind === 'ecs-stopped-task')).toHaveLength(12);
    expect(whole).toContainEqual({ kind: 'app-log-line', origin: { source: path, line: 4322 } });
    expect(streamed).toEqual(whole);
  });
});

let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('live: --ecs-events-log-group', () => {
  const group = '/aws/events/ecs-task-state';
  const now = new Date('2024-11-14T09:00:00Z');
  const at = (iso: string) => Date.parse(iso);

  it('reads the window’s stopped tasks of the cluster asked about, past ECS’s hour', async () => {
    const inWindow = deniedEvent('2024-11-14T03:00:00Z');
    fake = await startFakeAws({
      logEvents: [
        {
          logGroupName: group,
          logStreamName: 's1',
          timestamp: at('2024-11-14T03:00:05Z'),
          message: JSON.stringify(inWindow),
        },
        // Another cluster's task, in the window.
        {
          logGroupName: group,
          logStreamName: 's1',
          timestamp: at('2024-11-14T04:00:05Z'),
          message: JSON.stringify(
            deniedEvent('2024-11-14T04:00:00Z', 'Other', '0a1b2c3d4e5f40718293a4b5c6d7e8f9'),
          ),
        },
        // Before the window.
        {
          logGroupName: group,
          logStreamName: 's1',
          timestamp: at('2024-11-12T03:00:05Z'),
          message: JSON.stringify(
            deniedEvent('2024-11-12T03:00:00Z', 'Example', 'ffffffffffffffffffffffffffffffff'),
          ),
        },
        // Broken: the terms match, the JSON does not parse.
        {
          logGroupName: group,
          logStreamName: 's2',
          timestamp: at('2024-11-14T05:00:00Z'),
          message: '{"detail-type":"ECS Task State Change","detail":{"stoppedReason":"x"',
        },
      ],
    });
    const clients = fakeClients(fake.url);
    const { analysis } = await analyzeLive({
      verifyWithIam: false,
      clients,
      cluster: 'Example',
      ecsEventsLogGroup: group,
      since: '1d',
      now,
    });
    clients.destroy();
    const [call] = fake
      .callsTo('CloudWatchLogs.FilterLogEvents')
      .filter((item) => item.request.logGroupName === group);
    expect(call?.request).toMatchObject({
      filterPattern: TASK_EVENTS_FILTER_PATTERN,
      startTime: at('2024-11-13T09:00:00Z'),
      endTime: now.getTime(),
    });
    const finding = analysis.findings.find((item) => item.action === 'ecr:GetAuthorizationToken');
    expect(finding?.count).toBe(1);
    expect(stoppedReasons(analysis)).toEqual([
      `api:Logs.FilterLogEvents#${group}/${String(0).padStart(56, '0')}.detail.stoppedReason`,
    ]);
    const warning = analysis.warnings.find((item) =>
      item.origin.startsWith(`api:Logs.FilterLogEvents#${group}/`),
    );
    expect(warning?.problem).toMatch(/^not JSON/);
    expect(warning?.expected).toContain('ECS Task State Change');
  });

  it('refused: the rest of the run goes on, and the warning names logs:FilterLogEvents', async () => {
    fake = await startFakeAws({});
    fake.deny('CloudWatchLogs.FilterLogEvents');
    const clients = fakeClients(fake.url);
    const { partial } = await analyzeLive({
      verifyWithIam: false,
      clients,
      ecsEventsLogGroup: group,
      since: '1d',
      now,
    });
    clients.destroy();
    expect(partial.join('\n')).toContain('logs:FilterLogEvents');
  });
});

describe('live: the log group read page by page', () => {
  const group = '/aws/events/ecs-task-state';
  const window = { start: new Date('2024-11-14T00:00:00Z'), end: new Date('2024-11-14T09:00:00Z') };
  /** Five stopped tasks an hour apart, one event a page. */
  const fiveTasks = async () => {
    const logEvents: LogEvent[] = [];
    for (let hour = 1; hour <= 5; hour += 1) {
      const stoppedAt = `2024-11-14T0${hour}:00:00Z`;
      logEvents.push({
        logGroupName: group,
        logStreamName: 's1',
        timestamp: Date.parse(stoppedAt) + 5000,
        message: JSON.stringify(deniedEvent(stoppedAt, 'Example', `${hour}`.repeat(32))),
      });
    }
    fake = await startFakeAws({ logEvents }, { queries: { logsPageSize: 1 } });
    return fakeClients(fake.url);
  };

  it('follows the nextToken to the last page', async () => {
    const clients = await fiveTasks();
    const read = await readEcsEventsLogGroup(clients.logs, group, window);
    clients.destroy();
    expect(fake?.callsTo('CloudWatchLogs.FilterLogEvents')).toHaveLength(5);
    expect(read).toMatchObject({ read: 5, kept: 5, problems: [], notes: [] });
    expect(read.evidence.filter((item) => item.kind === 'ecs-stopped-task')).toHaveLength(5);
  });

  it('stops at the page budget and says so', async () => {
    const clients = await fiveTasks();
    const read = await readEcsEventsLogGroup(clients.logs, group, window, { maxPages: 2 });
    clients.destroy();
    expect(fake?.callsTo('CloudWatchLogs.FilterLogEvents')).toHaveLength(2);
    expect(read).toMatchObject({ read: 2, kept: 2, problems: [] });
    expect(read.notes).toEqual([
      `ECS task events ${group}: stopped after 2 pages (2 events); narrow --since or pass --cluster/--service`,
    ]);
  });

  it('a page refused keeps the pages before it and the problem', async () => {
    const clients = await fiveTasks();
    fake?.addRoute({
      target: 'CloudWatchLogs.FilterLogEvents',
      request: { nextToken: Buffer.from('page-2').toString('base64') },
      error: { type: 'AccessDeniedException', message: 'not authorized to perform: logs:FilterLogEvents' },
    });
    const read = await readEcsEventsLogGroup(clients.logs, group, window);
    clients.destroy();
    expect(read).toMatchObject({ read: 2, kept: 2, notes: [] });
    expect(read.problems.map((problem) => problem.permission)).toEqual(['logs:FilterLogEvents']);
  });
});
