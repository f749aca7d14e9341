/**
 * Logs Insights brings the policy writes too: a second query (cloudtrail-policy-writes.insights)
 * from the start of the window's day, or a week before with --iam-lookback, after the denials.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeLive } from '../../src/live.js';
import { POLICY_WRITES } from '../../src/sources/files/cloudtrail-record.js';
import { loadQuery } from '../../src/sources/query-text.js';
import { fakeClients } from '../fake-aws/clients.js';
import { type FakeAws, startFakeAws } from '../fake-aws/server.js';
import type { Json } from '../fake-aws/stores.js';

const NARROWED = 'test/fixtures/cause/narrowed-inline-policy.json';
const FAST_POLL = { initialMs: 1, maxMs: 5, timeoutMs: 5_000 };
const GROUP = 'aws-cloudtrail-logs-111122223333';

let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const quoted = (text: string, field: string) =>
  [...(new RegExp(`${field} in \\[([^\\]]*)\\]`).exec(text)?.[1] ?? '').matchAll(/"([^"]+)"/g)].map(
    (match) => match[1],
  );

describe('the Insights policy-writes query', () => {
  it('names every write whydenied reads, by source and name (the query text and the reader agree)', () => {
    const text = loadQuery('cloudwatch-logs/cloudtrail-policy-writes.insights');
    expect(quoted(text, 'eventSource').sort()).toEqual([...POLICY_WRITES.sources].sort());
    expect(quoted(text, 'eventName').sort()).toEqual([...POLICY_WRITES.names].sort());
    expect(text).toContain('not ispresent(errorCode)');
  });
});

describe('Logs Insights served by the fake: the writes become causes', () => {
  it('the put before the window is the cause; with --iam-lookback the week-old put gives what it removed', async () => {
    const records = (JSON.parse(readFileSync(NARROWED, 'utf8')) as { Records: Json[] }).Records;
    const logEvents = records.map((record, index) => ({
      logGroupName: GROUP,
      logStreamName: '111122223333_CloudTrail_us-east-1',
      timestamp: Date.parse(String(record.eventTime)),
      ingestionTime: Date.parse(String(record.eventTime)) + 60_000,
      message: JSON.stringify(record),
      eventId: String(index),
    }));
    fake = await startFakeAws({ logEvents });
    const clients = fakeClients(fake.url);
    const now = new Date('2026-11-21T10:12:00Z');
    const base = { verifyWithIam: false, clients, logsGroup: GROUP, since: '10m', now, queryPoll: FAST_POLL };
    const sameDay = await analyzeLive(base);
    const week = await analyzeLive({ ...base, iamLookback: true });
    clients.destroy();
    expect(sameDay.partial).toEqual([]);
    expect(sameDay.analysis.findings[0]?.cause).toMatchObject({
      kind: 'iam-change',
      event: 'PutRolePolicy',
      when: '2026-11-21T10:00:00.000Z',
      removed: [],
    });
    expect(week.analysis.findings[0]?.cause?.removed).toEqual(['dynamodb:GetItem', 'dynamodb:Get*']);
    const starts = fake.callsTo('CloudWatchLogs.StartQuery').map((call) => call.request);
    expect(starts).toHaveLength(4);
    const seconds = (iso: string) => Date.parse(iso) / 1000;
    // Denials over the window; writes from the day's start, then from a week before the window.
    expect(starts.map((request) => request.startTime)).toEqual([
      seconds('2026-11-21T10:02:00Z'),
      seconds('2026-11-21T00:00:00Z'),
      seconds('2026-11-21T10:02:00Z'),
      seconds('2026-11-14T10:02:00Z'),
    ]);
    expect(String(starts[1]?.queryString)).toContain('not ispresent(errorCode)');
    expect(fake.callsTo('CloudTrail.LookupEvents')).toHaveLength(0);
  });
});
