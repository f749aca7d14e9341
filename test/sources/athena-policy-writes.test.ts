/**
 * The Athena denial query brings the policy writes too: from the day partition it reads
 * anyway by default, from the week before the window with --iam-lookback, which widens
 * the partitions pinned. The writes become the causes of the denials, as offline.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeLive } from '../../src/live.js';
import { renderDenialQuery, writesSince } from '../../src/sources/athena-query.js';
import { fakeClients } from '../fake-aws/clients.js';
import { type FakeAws, startFakeAws } from '../fake-aws/server.js';
import type { Json } from '../fake-aws/stores.js';

const NARROWED = 'test/fixtures/cause/narrowed-inline-policy.json';
const FAST_POLL = { initialMs: 1, maxMs: 5, timeoutMs: 5_000 };

let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const pinnedDays = (sql: string) => [...sql.matchAll(/'(\d{4}\/\d\d\/\d\d)'/g)].map((match) => match[1]);

describe('the denial query selects the policy writes', () => {
  const window = { start: new Date('2026-11-21T10:02:00Z'), end: new Date('2026-11-21T10:12:00Z') };

  it('by default from the first day the window reads: the same partitions, the writes bound as values', () => {
    const query = renderDenialQuery({
      table: 'cloudtrail_logs',
      window,
      regions: ['eu-west-1'],
      writesSince: writesSince(window, false),
    });
    expect(query.days).toEqual(['2026/11/21']);
    expect(pinnedDays(query.queryString)).toEqual(['2026/11/21', '2026/11/21']);
    expect(query.queryString).toContain('errorcode IS NULL');
    expect(query.executionParameters[0]).toBe("'2026-11-21T00:00:00Z'");
    // IAM and Organizations record in us-east-1: it joins the regions scanned, the denials keep theirs.
    expect(query.queryString).toMatch(/"region" IN \(\?, \?\)/);
    expect(query.executionParameters).toEqual(
      expect.arrayContaining([
        "'eu-west-1'",
        "'us-east-1'",
        "'organizations.amazonaws.com'",
        "'AttachPolicy'",
      ]),
    );
    expect(query.queryString.split('?').length - 1).toBe(query.executionParameters.length);
  });

  it('with the lookback from a week before: the pinned range widens to eight days', () => {
    const query = renderDenialQuery({
      table: 'cloudtrail_logs',
      window,
      writesSince: writesSince(window, true),
    });
    expect(query.days).toHaveLength(8);
    expect(pinnedDays(query.queryString)).toEqual(['2026/11/14', '2026/11/21']);
    expect(query.executionParameters[0]).toBe("'2026-11-14T10:02:00Z'");
  });
});

describe('Athena served by the fake: the writes become causes', () => {
  it('a put hours before the window is the cause; the week-old put before it, read with the lookback, gives what it removed', async () => {
    const served = (JSON.parse(readFileSync(NARROWED, 'utf8')) as { Records: Json[] }).Records;
    fake = await startFakeAws({ cloudTrailEvents: served });
    const clients = fakeClients(fake.url);
    const base = {
      verifyWithIam: false,
      clients,
      athenaTable: 'cloudtrail_logs',
      athenaWorkgroup: 'primary',
      since: '10m',
      now: new Date('2026-11-21T10:12:00Z'),
      queryPoll: FAST_POLL,
    };
    const sameDay = await analyzeLive(base);
    const week = await analyzeLive({ ...base, iamLookback: true });
    clients.destroy();
    expect(sameDay.partial).toEqual([]);
    expect(sameDay.analysis.findings[0]?.cause).toMatchObject({
      kind: 'iam-change',
      event: 'PutRolePolicy',
      when: '2026-11-21T10:00:00.000Z',
      who: 'arn:aws:iam::111122223333:role/terraform-deployer',
      removed: [],
    });
    expect(week.analysis.findings[0]?.cause).toMatchObject({
      event: 'PutRolePolicy',
      removed: ['dynamodb:GetItem', 'dynamodb:Get*'],
    });
    expect(week.analysis.findings[0]?.fix?.instruction).toMatch(/^restore dynamodb:GetItem/);
    const [first, second] = fake.callsTo('Athena.StartQueryExecution');
    expect(pinnedDays(String(first?.request.QueryString))).toEqual(['2026/11/21', '2026/11/21']);
    expect(pinnedDays(String(second?.request.QueryString))).toEqual(['2026/11/14', '2026/11/21']);
    // Athena answered: no LookupEvents call was needed for the writes.
    expect(fake.callsTo('CloudTrail.LookupEvents')).toHaveLength(0);
  });
});
