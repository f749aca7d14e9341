/**
 * The Athena tables users already have: the guide's partition-projected table (`timestamp`),
 * the guide's manual one (`region, year, month, day`), the CloudTrail console's (no
 * partitions) and whydenied's own (`account, region, day`). Their DDL (test/fixtures/athena/,
 * from the AWS guides) makes the fake's catalog; GetTableMetadata's answer decides the
 * partition predicate; the fake reads only the partitions the query keeps, fails on a column
 * the table lacks as Athena does, and says whether a query read the whole trail.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { StartQueryExecutionCommand } from '@aws-sdk/client-athena';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeLive } from '../../src/live.js';
import { renderDdl, renderDenialQuery, WholeTrailScanError } from '../../src/sources/athena-query.js';
import { layoutOf, PROJECT_LAYOUT } from '../../src/sources/athena-table.js';
import { fixtureTable, tableOfDdl } from '../fake-aws/athena-tables.js';
import { fakeClients } from '../fake-aws/clients.js';
import { essentials } from '../fake-aws/essentials.js';
import { type FakeAws, startFakeAws } from '../fake-aws/server.js';
import type { Json } from '../fake-aws/stores.js';

const FAST_POLL = { initialMs: 1, maxMs: 5, timeoutMs: 5_000 };

const projected = fixtureTable('cloudtrail-projected.sql');
const manual = fixtureTable('cloudtrail-manual.sql');
const consoleTable = fixtureTable('cloudtrail-console.sql');
const own = tableOfDdl(renderDdl({ bucket: 'my-trail-bucket', accounts: ['111122223333'] }));

const layoutOfTable = (table: { metadata: Json }) =>
  layoutOf(table.metadata as Parameters<typeof layoutOf>[0]);

/** Crosses midnight, so the window reaches two day partitions (CloudTrail delivers minutes late). */
const window = { start: new Date('2026-11-21T22:00:00Z'), end: new Date('2026-11-21T23:55:00Z') };
const roleArns = ['arn:aws:iam::111122223333:role/orders-task'];
const query = (table: { metadata: Json }, name: string, fullScan = false) =>
  renderDenialQuery({
    table: name,
    window,
    accounts: ['111122223333'],
    roleArns,
    layout: layoutOfTable(table),
    fullScan,
  });

describe('each layout gets the predicate that pins its partitions to the window', () => {
  it('reads the layouts from GetTableMetadata answers built from the guides’ DDL', () => {
    expect(layoutOfTable(projected).time).toEqual({
      kind: 'date',
      column: 'timestamp',
      format: 'yyyy/MM/dd',
    });
    expect(layoutOfTable(manual).time).toMatchObject({ kind: 'year-month-day' });
    expect(layoutOfTable(manual).regionPartition).toBe('region');
    expect(layoutOfTable(consoleTable).time).toEqual({ kind: 'none', why: 'the table has no partitions' });
    expect(layoutOfTable(own)).toEqual(PROJECT_LAYOUT);
    // aws-cli's own get-table-metadata example (awscli/examples/athena/get-table-metadata.rst).
    const counties = {
      Name: 'counties',
      TableType: 'EXTERNAL_TABLE',
      PartitionKeys: [],
      Parameters: {
        EXTERNAL: 'TRUE',
        inputformat: 'com.esri.json.hadoop.EnclosedJsonInputFormat',
        location: 's3://awsdoc-example-bucket/json',
      },
    };
    expect(layoutOf(counties).time.kind).toBe('none');
  });

  it('projected `timestamp`: a string range over the projected days, the account by recipientaccountid', () => {
    const sql = query(projected, 'cloudtrail_logs_pp').queryString;
    expect(sql).toContain(`"timestamp" >= '2026/11/21' AND "timestamp" <= '2026/11/22'`);
    expect(sql).not.toContain('"day"');
    expect(sql).not.toContain('"account"');
    expect(sql).toContain('recipientaccountid IN (?)');
  });

  it('manual `region, year, month, day`: one (year, month, day) per window day', () => {
    const sql = query(manual, 'cloudtrail_logs').queryString;
    expect(sql).toContain(
      `(("year" = '2026' AND "month" = '11' AND "day" = '21') OR ("year" = '2026' AND "month" = '11' AND "day" = '22'))`,
    );
    expect(sql).toContain('recipientaccountid IN (?)');
    // Partitions typed int take numbers, not zero-padded strings.
    const ints = tableOfDdl(
      "CREATE EXTERNAL TABLE t (eventtime STRING) PARTITIONED BY (region string, year int, month int, day int) LOCATION 's3://b/AWSLogs/1/'",
    );
    expect(query(ints, 't').queryString).toContain(`("year" = 2026 AND "month" = 11 AND "day" = 21)`);
  });

  it('whydenied’s own table: its `day` partition and its `account` partition', () => {
    const sql = query(own, 'cloudtrail_logs').queryString;
    expect(sql).toContain(`"day" >= '2026/11/21' AND "day" <= '2026/11/22'`);
    expect(sql).toContain('"account" IN (?)');
  });

  it('no partitions: no query unless the whole-trail scan is asked for, and then no partition predicate', () => {
    expect(() => query(consoleTable, 'cloudtrail_logs_amzn_s3_demo_bucket')).toThrow(WholeTrailScanError);
    const full = query(consoleTable, 'cloudtrail_logs_amzn_s3_demo_bucket', true);
    expect(full.fullScan).toBe(true);
    expect(full.queryString).not.toMatch(/"(day|timestamp|year)"/);
    expect(full.queryString).toContain('eventtime >= ?');
  });

  it('a date projection in a format whose strings do not sort is not pinned by a range', () => {
    const table = tableOfDdl(
      "CREATE EXTERNAL TABLE t (eventtime STRING) PARTITIONED BY (`dt` string) LOCATION 's3://b/' TBLPROPERTIES ('projection.enabled'='true', 'projection.dt.type'='date', 'projection.dt.format'='dd-MM-yyyy')",
    );
    expect(layoutOfTable(table).time).toMatchObject({
      kind: 'none',
      why: expect.stringContaining('dd-MM-yyyy'),
    });
    expect(() => query(table, 't')).toThrow(WholeTrailScanError);
  });
});

/** The sample's records, and the same records on each of the 29 days before: a month of trail. */
function monthOfTrail(): { records: Json[]; now: Date } {
  const dir = new URL('../../samples/ecr-pull-missing/AWSLogs/', import.meta.url);
  const files = (function walk(path: URL): URL[] {
    return readdirSync(path, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory()
        ? walk(new URL(`${entry.name}/`, path))
        : entry.name.endsWith('.json.gz')
          ? [new URL(entry.name, path)]
          : [],
    );
  })(dir);
  const sample = files.flatMap(
    (file) => (JSON.parse(gunzipSync(readFileSync(file)).toString()) as { Records: Json[] }).Records,
  );
  const newest = Math.max(...sample.map((record) => Date.parse(String(record.eventTime))));
  const older = Array.from({ length: 29 }, (_, k) =>
    sample.map((record) => ({
      ...record,
      eventID: `${String(record.eventID)}-${k + 1}`,
      eventTime: new Date(Date.parse(String(record.eventTime)) - (k + 1) * 86_400_000)
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z'),
    })),
  ).flat();
  return { records: [...sample, ...older], now: new Date(newest + 30 * 60_000) };
}

let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('live, against the fake catalog', () => {
  const trail = monthOfTrail();
  const total = trail.records.reduce((sum, record) => sum + Buffer.byteLength(JSON.stringify(record)), 0);

  async function run(table: string, tables: ReturnType<typeof fixtureTable>[], fullScan = false) {
    fake = await startFakeAws(
      { cloudTrailEvents: trail.records },
      { queries: { athenaTables: tables, pollsBeforeDone: 0 } },
    );
    const clients = fakeClients(fake.url);
    const result = await analyzeLive({
      verifyWithIam: false,
      clients,
      athenaTable: table,
      athenaFullScan: fullScan,
      since: '2h',
      now: trail.now,
      queryPoll: FAST_POLL,
    });
    clients.destroy();
    return result;
  }

  const baseline = async () => {
    const result = await run('cloudtrail_logs', [own]);
    return essentials(result.analysis);
  };

  for (const [name, table] of [
    ['cloudtrail_logs_pp', projected],
    ['cloudtrail_logs', manual],
  ] as const) {
    it(`${name}: finds the window's denials reading only the window's partitions`, async () => {
      const expected = await baseline();
      await fake?.close();
      const result = await run(name, [table]);
      expect(result.partial).toEqual([]);
      expect(essentials(result.analysis)).toEqual(expected);
      expect(result.analysis.findings.length).toBeGreaterThan(0);
      const scans = fake?.athenaScans() ?? [];
      expect(scans).toHaveLength(1);
      expect(scans[0]?.wholeTrail).toBe(false);
      // One or two days of thirty.
      expect(scans[0]?.scannedBytes).toBeGreaterThan(0);
      expect(scans[0]?.scannedBytes).toBeLessThan(total / 10);
      expect(fake?.callsTo('CloudTrail.LookupEvents')).toHaveLength(0);
    });
  }

  it('the console’s unpartitioned table: no query without --athena-full-scan; the message names athena-ddl', async () => {
    const result = await run('cloudtrail_logs_amzn_s3_demo_bucket', [consoleTable]);
    expect(fake?.callsTo('Athena.GetTableMetadata')).toHaveLength(1);
    expect(fake?.callsTo('Athena.StartQueryExecution')).toHaveLength(0);
    const warning = result.analysis.warnings.find((item) => item.origin === 'api:Athena.GetTableMetadata');
    expect(warning?.problem).toContain('the table has no partitions');
    expect(warning?.expected).toContain('whydenied queries athena-ddl');
    expect(warning?.expected).toContain('--athena-full-scan');
    // LookupEvents read the window instead.
    expect(fake?.callsTo('CloudTrail.LookupEvents').length).toBeGreaterThan(0);
  });

  it('the console’s table with --athena-full-scan: one query, and it reads the whole trail', async () => {
    const result = await run('cloudtrail_logs_amzn_s3_demo_bucket', [consoleTable], true);
    expect(result.analysis.findings.length).toBeGreaterThan(0);
    const scans = fake?.athenaScans() ?? [];
    expect(scans).toHaveLength(1);
    expect(scans[0]).toMatchObject({ wholeTrail: true, scannedBytes: total });
  });

  it('GetTableMetadata refused: the query assumes whydenied’s layout, which fails on the column, never scanning the trail', async () => {
    fake = await startFakeAws(
      { cloudTrailEvents: trail.records },
      { queries: { athenaTables: [consoleTable], pollsBeforeDone: 0 } },
    );
    fake.deny('Athena.GetTableMetadata');
    const clients = fakeClients(fake.url);
    const result = await analyzeLive({
      verifyWithIam: false,
      clients,
      athenaTable: 'cloudtrail_logs_amzn_s3_demo_bucket',
      since: '2h',
      now: trail.now,
      queryPoll: FAST_POLL,
    });
    clients.destroy();
    const warning = result.analysis.warnings.find((item) => item.origin === 'api:Athena.GetQueryExecution');
    expect(warning?.problem).toMatch(/COLUMN_NOT_FOUND: line \d+:\d+: Column 'day' cannot be resolved/);
    expect(warning?.expected).toContain('athena:GetTableMetadata');
    expect(fake.athenaScans()).toEqual([
      expect.objectContaining({ failed: true, scannedBytes: 0, wholeTrail: false }),
    ]);
  });

  it('the whole-trail guard catches a planted unpinned query (test/guards/planted-athena/)', async () => {
    fake = await startFakeAws(
      { cloudTrailEvents: trail.records },
      { queries: { athenaTables: [projected], pollsBeforeDone: 0 } },
    );
    const clients = fakeClients(fake.url);
    const planted = readFileSync(
      new URL('../guards/planted-athena/unpinned-denials.sql', import.meta.url),
      'utf8',
    )
      .split('\n')
      .filter((line) => !line.startsWith('--'))
      .join('\n');
    await clients.athena.send(
      new StartQueryExecutionCommand({
        QueryString: planted,
        ExecutionParameters: ["'2026-11-21T08:30:00Z'", "'2026-11-21T10:30:00Z'"],
      }),
    );
    clients.destroy();
    expect(fake.athenaScans()).toEqual([expect.objectContaining({ wholeTrail: true, scannedBytes: total })]);
  });

  it('GetTableMetadata refused on whydenied’s own table: the query still runs and answers, no LookupEvents', async () => {
    fake = await startFakeAws(
      { cloudTrailEvents: trail.records },
      { queries: { athenaTables: [own], pollsBeforeDone: 0 } },
    );
    fake.deny('Athena.GetTableMetadata');
    const clients = fakeClients(fake.url);
    const result = await analyzeLive({
      verifyWithIam: false,
      clients,
      athenaTable: 'cloudtrail_logs',
      since: '2h',
      // A window of the trail without denials.
      now: new Date(trail.now.getTime() - 12 * 3_600_000),
      queryPoll: FAST_POLL,
    });
    clients.destroy();
    expect(fake.athenaScans()).toEqual([expect.objectContaining({ failed: false, wholeTrail: false })]);
    expect(fake.callsTo('CloudTrail.LookupEvents')).toHaveLength(0);
    expect(result.partial.join('\n')).toContain('athena:GetTableMetadata');
    expect(result.partial.join('\n')).not.toContain('could not be used');
  });
});
