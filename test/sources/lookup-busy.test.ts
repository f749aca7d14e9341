/**
 * The LookupEvents plan in a busy account (test/fake-aws/busy-account.ts: ~20,000 unrelated
 * events an hour, 2% of them other principals' denials), with CloudTrail's 2 calls a second
 * per account and region enforced by the fake: the typical 3-task incident in at most 5
 * calls, budgets that bound every walk and say what they cut, global services read in
 * us-east-1, and other principals' denials kept out of the findings.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeLive, type LiveProgress } from '../../src/live.js';
import { describeLiveProgress, describeOtherDenials } from '../../src/live-progress.js';
import { lookupCloudTrail } from '../../src/sources/cloudtrail-lookup.js';
import { busyIncidentScenario } from '../fake-aws/busy-account.js';
import { fakeClients } from '../fake-aws/clients.js';
import { INCIDENT_NOW } from '../fake-aws/incident.js';
import { type FakeAws, startFakeAws } from '../fake-aws/server.js';
import type { Json } from '../fake-aws/stores.js';

let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const WINDOW = { start: new Date(INCIDENT_NOW.getTime() - 2 * 3600_000), end: INCIDENT_NOW };
const NEWEST_TASK = '2b4d6f8a0c1e4a3b5c7d9e1f3a5b7c9d';
const OURS = /assumed-role\/checkout-api-(execution|task)-role\//;

const live = { verifyWithIam: false, cluster: 'prod', since: '2h', now: INCIDENT_NOW } as const;

describe('the typical incident in a busy account', () => {
  it('the incident found in at most 5 LookupEvents calls at 2 a second, none throttled, no event-source walk', async () => {
    const generated = performance.now();
    const { scenario } = busyIncidentScenario();
    const generation = (performance.now() - generated) / 1000;
    fake = await startFakeAws(scenario, { lookupEventsPerSecond: 2 });
    // The SDK's standard retry: the wall time a user would see.
    const clients = fakeClients(fake.url, { retryStrategy: undefined, retryMode: 'standard' });
    const progress: LiveProgress[] = [];
    const started = performance.now();
    const { analysis, partial, otherDenials } = await analyzeLive(
      { ...live, clients },
      { onProgress: (event) => progress.push(event) },
    );
    const seconds = (performance.now() - started) / 1000;
    clients.destroy();
    const lookups = fake.callsTo('CloudTrail.LookupEvents');
    console.log(
      `[busy] ${scenario.cloudTrailEvents?.length} events (generated in ${generation.toFixed(1)} s), 2 LookupEvents/s enforced: ` +
        `${lookups.length} calls (${lookups.filter((call) => call.status !== 200).length} throttled), wall time ${seconds.toFixed(1)} s`,
    );
    expect(lookups.length).toBeLessThanOrEqual(5);
    expect(lookups.every((call) => call.status === 200)).toBe(true);
    expect(lookups.some((call) => JSON.stringify(call.request).includes('EventSource'))).toBe(false);
    expect(partial).toEqual([]);
    expect(otherDenials).toEqual([]);
    expect(
      analysis.findings.map((finding) => [finding.action, finding.principalArn?.match(OURS)?.[1]]),
    ).toEqual([['kms:Decrypt', 'execution']]);
    expect(analysis.findings[0]?.taskDefinition).toBe('checkout-api:27');
    const lines = progress.map(describeLiveProgress);
    expect(lines).toContain(
      `CloudTrail Username=${NEWEST_TASK} in eu-west-1 page 1 of at most 3: 1 of 20 calls, 2 events`,
    );
  }, 120_000);

  it("the task role's denial too: both roles' denials and both roles' policy writes in 5 calls", async () => {
    const { scenario } = busyIncidentScenario();
    const records = scenario.cloudTrailEvents ?? [];
    // The app of the newest task refused kms:Decrypt with the task role: the incident's denied
    // record (the secret-cmk sample's shape) as that role's, a minute after the task started.
    const template = records.find(
      (record) => record.errorCode && JSON.stringify(record).includes(NEWEST_TASK),
    );
    const byTaskRole = {
      ...(JSON.parse(
        JSON.stringify(template).replaceAll('checkout-api-execution-role', 'checkout-api-task-role'),
      ) as Json),
      eventID: '3c5e7a9b-1d2f-4a6b-8c0d-2e4f6a8b0c1d',
      eventTime: new Date(Date.parse(String(template?.eventTime)) + 60_000).toISOString().replace('.000', ''),
    };
    fake = await startFakeAws(
      { ...scenario, cloudTrailEvents: [...records, byTaskRole] },
      { lookupEventsPerSecond: 2 },
    );
    const clients = fakeClients(fake.url, { retryStrategy: undefined, retryMode: 'standard' });
    const { analysis } = await analyzeLive({ ...live, clients });
    clients.destroy();
    const lookups = fake.callsTo('CloudTrail.LookupEvents');
    expect(lookups).toHaveLength(5);
    expect(lookups.every((call) => call.status === 200)).toBe(true);
    expect(
      lookups.filter((call) => call.region === 'us-east-1').map((call) => call.request.LookupAttributes),
    ).toEqual([
      [{ AttributeKey: 'ResourceName', AttributeValue: 'checkout-api-execution-role' }],
      [{ AttributeKey: 'ResourceName', AttributeValue: 'checkout-api-task-role' }],
    ]);
    expect(
      analysis.findings.map((finding) => [finding.action, finding.principalArn?.match(OURS)?.[1]]).sort(),
    ).toEqual([
      ['kms:Decrypt', 'execution'],
      ['kms:Decrypt', 'task'],
    ]);
  }, 120_000);

  it('a call budget bounds the run: the lookups it left are named in the progress and the partial lines', async () => {
    fake = await startFakeAws(busyIncidentScenario().scenario, { lookupEventsPerSecond: 2 });
    const clients = fakeClients(fake.url);
    const progress: LiveProgress[] = [];
    const { partial } = await analyzeLive(
      { ...live, clients, lookupBudget: 2, lookupsPerSecond: 2 },
      { onProgress: (event) => progress.push(event) },
    );
    clients.destroy();
    const lookups = fake.callsTo('CloudTrail.LookupEvents');
    // One call is kept for the denied role's policy writes; the newest task's sessions take the other.
    expect(lookups.map((call) => [call.region, call.request.LookupAttributes])).toEqual([
      ['eu-west-1', [{ AttributeKey: 'Username', AttributeValue: NEWEST_TASK }]],
      ['us-east-1', [{ AttributeKey: 'ResourceName', AttributeValue: 'checkout-api-execution-role' }]],
    ]);
    const skipped = progress.find((event) => event.type === 'cloudtrail-skipped');
    expect(skipped && describeLiveProgress(skipped)).toBe(
      'CloudTrail: call budget (2) spent; skipped 2 lookup(s) in eu-west-1: Username=7c1e9b3a5d2f4e6a8b0c2d4e6f8a1b3c, Username=d58f1e2a7b3c4d9e8f6a5b4c3d2e1f0a',
    );
    expect(partial).toEqual([
      'api:CloudTrail.LookupEvents: the call budget (2 LookupEvents calls) ran out; 2 lookup(s) not made: Username=7c1e9b3a5d2f4e6a8b0c2d4e6f8a1b3c in eu-west-1, Username=d58f1e2a7b3c4d9e8f6a5b4c3d2e1f0a in eu-west-1; raise --lookup-budget or query the trail with Athena',
    ]);
  }, 120_000);

  it("a page budget ends a lookup that would walk every principal's events, and says which part of the window it skipped", async () => {
    fake = await startFakeAws(busyIncidentScenario().scenario);
    const clients = fakeClients(fake.url);
    const progress: string[] = [];
    const lookup = { attribute: 'EventSource' as const, value: 'kms.amazonaws.com' };
    const result = await lookupCloudTrail(clients.cloudTrail, [lookup], WINDOW, {
      perSecond: 50,
      maxPages: 3,
      region: 'eu-west-1',
      onProgress: (event) => progress.push(describeLiveProgress(event)),
    });
    clients.destroy();
    expect(result.stats.calls).toBe(3);
    expect(fake.callsTo('CloudTrail.LookupEvents')).toHaveLength(3);
    const [cut] = result.skipped;
    expect(cut).toMatchObject({ lookup, reason: 'page-budget', region: 'eu-west-1' });
    // 150 of the window's thousands of KMS events: most of the window is unread, and said so.
    expect(Date.parse(cut?.readBackTo ?? '')).toBeGreaterThan(WINDOW.start.getTime() + 3600_000);
    expect(progress.at(-2)).toMatch(
      /^CloudTrail EventSource=kms\.amazonaws\.com in eu-west-1 page 3 of at most 3: 3 calls, 150 events$/,
    );
    expect(progress.at(-1)).toBe(
      `CloudTrail EventSource=kms.amazonaws.com in eu-west-1: page budget (3) reached; skipped the window before ${cut?.readBackTo}`,
    );
  }, 120_000);
});

/** data.all's ECS task role refused sts:AssumeRole (test/extra-cases x-23, https://github.com/data-dot-all/dataall/issues/140), as checkout-api's task role. */
function assumeRoleDenial(): string {
  const found = readFileSync('test/extra-cases/cases.jsonl', 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { id: string; raw: string })
    .find((item) => item.id === 'x-23');
  if (!found) throw new Error('extra case x-23 is missing');
  return found.raw
    .replace(
      /arn:aws:sts::\d+:assumed-role\/[^/]+\/[0-9a-f]{32}/,
      `arn:aws:sts::111122223333:assumed-role/checkout-api-task-role/${NEWEST_TASK}`,
    )
    .replace(/arn:aws:iam::\d+:role\/[\w-]+/, 'arn:aws:iam::111122223333:role/reporting-reader');
}

/**
 * The record of that refusal on STS's global endpoint: the incident's denied record (the
 * secret-cmk sample's shape) turned into the task role's AssumeRole, logged in us-east-1.
 */
function globalDenialRecord(incident: Json[]): Json {
  const template = incident.find(
    (record) => record.errorCode && JSON.stringify(record).includes(NEWEST_TASK),
  );
  if (!template) throw new Error('the incident has no denial of the newest task');
  const text = JSON.stringify(template).replaceAll('checkout-api-execution-role', 'checkout-api-task-role');
  const message = /User: \S+ is not authorized to perform: sts:AssumeRole on resource: \S+/.exec(
    assumeRoleDenial(),
  )?.[0];
  return {
    ...(JSON.parse(text) as Json),
    eventSource: 'sts.amazonaws.com',
    eventName: 'AssumeRole',
    awsRegion: 'us-east-1',
    errorCode: 'AccessDenied',
    errorMessage: message,
    requestParameters: {
      roleArn: 'arn:aws:iam::111122223333:role/reporting-reader',
      roleSessionName: 'reporting',
    },
    resources: undefined,
    eventID: '0f6e2c1a-7b3d-4e5f-9a8b-1c2d3e4f5a6b',
    eventTime: new Date(INCIDENT_NOW.getTime() - 14 * 60_000).toISOString().replace('.000', ''),
  };
}

describe('global services in us-east-1', () => {
  it('a task whose logs name an STS denial: its session is looked up in us-east-1 and the record found there', async () => {
    const { scenario } = busyIncidentScenario();
    const records = scenario.cloudTrailEvents ?? [];
    fake = await startFakeAws({ ...scenario, cloudTrailEvents: [...records, globalDenialRecord(records)] });
    const dir = mkdtempSync(join(tmpdir(), 'whydenied-global-'));
    const log = join(dir, 'checkout-api.log');
    writeFileSync(log, `${assumeRoleDenial()}\n`);
    const clients = fakeClients(fake.url);
    const { analysis } = await analyzeLive({ ...live, clients, inputs: [log], lookupsPerSecond: 50 });
    clients.destroy();
    const lookups = fake.callsTo('CloudTrail.LookupEvents');
    const inUsEast1 = lookups.filter((call) => call.region === 'us-east-1');
    expect(inUsEast1.map((call) => call.request.LookupAttributes)).toEqual(
      expect.arrayContaining([[{ AttributeKey: 'Username', AttributeValue: NEWEST_TASK }]]),
    );
    // Every denied role's policy writes, in us-east-1 too; the sessions of the tasks in their region.
    expect(inUsEast1.map((call) => JSON.stringify(call.request.LookupAttributes))).toEqual(
      expect.arrayContaining([
        expect.stringContaining('"checkout-api-task-role"'),
        expect.stringContaining('"checkout-api-execution-role"'),
      ]),
    );
    expect(lookups.filter((call) => call.region === 'eu-west-1')).toHaveLength(3);
    const assume = analysis.findings.find((finding) => finding.action === 'sts:AssumeRole');
    expect(assume?.role).toBe('task-role');
    expect(assume?.evidence.map((item) => item.origin)).toEqual(
      expect.arrayContaining([expect.stringContaining('api:CloudTrail.LookupEvents')]),
    );
  }, 120_000);
});

describe('a run scoped to a service', () => {
  it("reads the whole window with Logs Insights: other principals' denials are listed apart, never findings", async () => {
    const { scenario, otherDenials: generated } = busyIncidentScenario();
    const group = 'aws-cloudtrail-logs-111122223333-busy';
    const records = scenario.cloudTrailEvents ?? [];
    fake = await startFakeAws({
      ...scenario,
      logEvents: records.map((record) => ({
        logGroupName: group,
        logStreamName: `111122223333_CloudTrail_${String(record.awsRegion)}`,
        timestamp: Date.parse(String(record.eventTime)),
        message: JSON.stringify(record),
      })),
    });
    const clients = fakeClients(fake.url);
    const { analysis, otherDenials } = await analyzeLive({
      ...live,
      clients,
      logsGroup: group,
      queryPoll: { initialMs: 1, maxMs: 5, timeoutMs: 10_000 },
    });
    clients.destroy();
    expect(analysis.findings.length).toBeGreaterThan(0);
    for (const finding of analysis.findings) expect(finding.principalArn ?? '').toMatch(OURS);
    const inWindow = generated.filter(
      (record) => Date.parse(String(record.eventTime)) >= WINDOW.start.getTime(),
    );
    const principals = new Set(otherDenials.map((other) => other.principalArn));
    expect(principals.size).toBeGreaterThanOrEqual(8);
    expect(otherDenials.reduce((sum, other) => sum + other.count, 0)).toBe(inWindow.length);
    const lines = describeOtherDenials(otherDenials);
    expect(lines[0]).toBe(
      `other principals' denials in the window (not findings of this run): ${inWindow.length} by ${principals.size} principal(s)`,
    );
    expect(lines.at(-1)).toMatch(/^ {2}and \d+ more$/);
  }, 120_000);
});
