/**
 * Athena against the loopback fake: the samples' CloudTrail records served as the Athena
 * table give the offline findings; the query is pinned to the window's day partitions with
 * every user value bound as a parameter; a failed query says its id and Athena's reason.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli.js';
import { analyzeLive } from '../../src/live.js';
import { analyzeFiles } from '../../src/pipeline.js';
import { estimatedCostUsd } from '../../src/sources/athena.js';
import { QueryInputError, renderDdl, renderDenialQuery, windowDays } from '../../src/sources/athena-query.js';
import { fakeClients } from '../fake-aws/clients.js';
import { essentials } from '../fake-aws/essentials.js';
import { type FakeAws, startFakeAws } from '../fake-aws/server.js';
import type { Json } from '../fake-aws/stores.js';

const SAMPLES = new URL('../../samples/', import.meta.url).pathname;
const FAST_POLL = { initialMs: 1, maxMs: 5, timeoutMs: 5_000 };

function gzFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return gzFiles(path);
    return name.endsWith('.json.gz') ? [path] : [];
  });
}

function records(files: string[]): Json[] {
  return files.flatMap(
    (file) => (JSON.parse(gunzipSync(readFileSync(file)).toString()) as { Records: Json[] }).Records,
  );
}

let fake: FakeAws | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await fake?.close();
  fake = undefined;
});

describe('the denial query', () => {
  const window = { start: new Date('2026-11-21T08:30:00Z'), end: new Date('2026-11-21T10:30:00Z') };

  it('pins a 2-hour window to its one day partition and binds every value', () => {
    const query = renderDenialQuery({
      table: 'security.cloudtrail_logs',
      window,
      accounts: ['111122223333'],
      roleArns: ['arn:aws:iam::111122223333:role/service/orders-task'],
    });
    expect(query.days).toEqual(['2026/11/21']);
    expect(query.queryString).toContain(`AND "day" >= '2026/11/21' AND "day" <= '2026/11/21'`);
    expect(query.queryString).toContain('FROM "security"."cloudtrail_logs"');
    expect(query.queryString).toContain('"account" IN (?)');
    expect(query.queryString).toContain('sessionissuer.arn IN (?)');
    expect(query.queryString).not.toContain('"region" IN');
    expect(query.queryString).not.toContain('{{');
    expect(query.queryString).not.toContain('111122223333');
    // Without policy writes asked for, the scan starts at the window's start, bound twice.
    expect(query.executionParameters).toEqual([
      "'2026-11-21T08:30:00Z'",
      "'2026-11-21T10:30:00Z'",
      "'111122223333'",
      "'2026-11-21T08:30:00Z'",
      "'arn:aws:iam::111122223333:role/service/orders-task'",
    ]);
    expect(query.queryString).not.toContain('errorcode IS NULL');
    expect(query.queryString.split('?').length - 1).toBe(query.executionParameters.length);
  });

  it('takes the next day when the window ends near midnight (CloudTrail delivers minutes late)', () => {
    expect(
      windowDays({ start: new Date('2026-11-21T22:00:00Z'), end: new Date('2026-11-21T23:55:00Z') }),
    ).toEqual(['2026/11/21', '2026/11/22']);
    expect(
      windowDays({ start: new Date('2026-11-14T10:00:00Z'), end: new Date('2026-11-21T10:00:00Z') }),
    ).toHaveLength(8);
  });

  it('refuses values that are not what they claim, instead of quoting them into SQL', () => {
    for (const input of [
      { table: 'logs; DROP TABLE x' },
      { table: 'cloudtrail_logs', roleArns: ["arn:aws:iam::111122223333:role/x') OR (1=1"] },
      { table: 'cloudtrail_logs', accounts: ["1111' OR '1'='1"] },
    ]) {
      expect(() => renderDenialQuery({ window, ...input })).toThrow(QueryInputError);
    }
  });

  it('renders the table DDL for both layouts', () => {
    const org = renderDdl({ bucket: 'my-trail-bucket', org: 'o-abc123defg' });
    expect(org).toContain("LOCATION 's3://my-trail-bucket/AWSLogs/o-abc123defg/'");
    expect(org).toContain("'projection.account.type' = 'injected'");
    expect(org).toContain(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Athena's location template spells ${...} literally
      "'storage.location.template' = 's3://my-trail-bucket/AWSLogs/o-abc123defg/${account}/CloudTrail/${region}/${day}'",
    );
    expect(org).not.toMatch(/\{\{|^--/m);
    const account = renderDdl({ bucket: 'my-trail-bucket', accounts: ['111122223333'], table: 'trail' });
    expect(account).toContain('CREATE EXTERNAL TABLE IF NOT EXISTS default.trail');
    expect(account).toContain("'projection.account.values' = '111122223333'");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Athena's location template spells ${...} literally
    expect(account).toContain("'s3://my-trail-bucket/AWSLogs/${account}/CloudTrail/${region}/${day}'");
    expect(() => renderDdl({ bucket: 'my-trail-bucket' })).toThrow(/--org .* or --account/);
  });
});

describe('Athena served by the fake', () => {
  for (const sample of ['ecr-pull-missing', 'one-role-both-jobs']) {
    it(`${sample}: live analysis through Athena equals the offline analysis of the same records`, async () => {
      const files = gzFiles(join(SAMPLES, sample));
      const served = records(files);
      const newest =
        served.map((record) => Date.parse(String(record.eventTime))).sort((a, b) => b - a)[0] ?? 0;
      fake = await startFakeAws({ cloudTrailEvents: served }, { queries: { athenaPageSize: 2 } });
      const clients = fakeClients(fake.url);
      const progress: string[] = [];
      const live = await analyzeLive(
        {
          verifyWithIam: false,
          clients,
          athenaTable: 'cloudtrail_logs',
          athenaWorkgroup: 'primary',
          since: '2h',
          now: new Date(newest + 30 * 60_000),
          queryPoll: FAST_POLL,
        },
        { onProgress: (event) => progress.push(event.type) },
      );
      clients.destroy();
      const offline = await analyzeFiles(files);
      expect(live.partial).toEqual([]);
      expect(live.analysis.findings.length).toBeGreaterThan(0);
      expect(essentials(live.analysis)).toEqual(essentials(offline.analysis));
      expect(live.analysis.findings[0]?.evidence[0]?.origin).toMatch(
        /^api:Athena\.GetQueryResults#[\w-]+\/rows\[\d+\]$/,
      );
      // QUEUED, RUNNING, SUCCEEDED; then the results over pages of two rows, the header first.
      expect(fake.callsTo('Athena.GetQueryExecution')).toHaveLength(3);
      expect(fake.callsTo('Athena.GetQueryResults').length).toBeGreaterThan(1);
      expect(fake.callsTo('CloudTrail.LookupEvents')).toHaveLength(0);
      expect(progress).toContain('athena-done');
    });
  }

  it('sends SQL whose day partitions are the 2-hour window and the workgroup asked for', async () => {
    fake = await startFakeAws({ cloudTrailEvents: [] });
    const clients = fakeClients(fake.url);
    await analyzeLive({
      verifyWithIam: false,
      clients,
      athenaTable: 'cloudtrail_logs',
      athenaWorkgroup: 'security',
      athenaDatabase: 'trails',
      athenaOutput: 's3://my-athena-results/whydenied/',
      roleArns: ['arn:aws:iam::111122223333:role/orders-task'],
      since: '2h',
      now: new Date('2026-11-21T10:30:00Z'),
      queryPoll: FAST_POLL,
    });
    clients.destroy();
    const [start] = fake.callsTo('Athena.StartQueryExecution');
    const sql = String(start?.request.QueryString);
    const days = [...sql.matchAll(/'(\d{4}\/\d\d\/\d\d)'/g)].map((match) => match[1]);
    expect(days).toEqual(['2026/11/21', '2026/11/21']);
    expect(sql).toContain(`"day" >= '2026/11/21' AND "day" <= '2026/11/21'`);
    // The table's partitions were read from the catalog first, in the database asked for.
    expect(fake.callsTo('Athena.GetTableMetadata')[0]?.request).toMatchObject({
      CatalogName: 'AwsDataCatalog',
      DatabaseName: 'trails',
      TableName: 'cloudtrail_logs',
      WorkGroup: 'security',
    });
    expect(sql).toContain('eventtime >= ?');
    expect(start?.request).toMatchObject({
      WorkGroup: 'security',
      QueryExecutionContext: { Database: 'trails' },
      ResultConfiguration: { OutputLocation: 's3://my-athena-results/whydenied/' },
    });
    // The policy writes from the start of the day read anyway, then the window's denials.
    expect(start?.request.ExecutionParameters).toEqual(
      expect.arrayContaining(["'PutRolePolicy'", "'UpdateAssumeRolePolicy'", "'iam.amazonaws.com'"]),
    );
    expect(((start?.request.ExecutionParameters ?? []) as string[]).slice(0, 5)).toEqual([
      "'2026-11-21T00:00:00Z'",
      "'2026-11-21T10:30:00Z'",
      "'111122223333'",
      "'2026-11-21T08:30:00Z'",
      "'arn:aws:iam::111122223333:role/orders-task'",
    ]);
  });

  it('a failed query is a warning with its id, reason and what to do; the run goes on', async () => {
    const reason =
      "TABLE_NOT_FOUND: line 21:6: Table 'awsdatacatalog.default.cloudtrail_logs' does not exist";
    fake = await startFakeAws({}, { queries: { athenaFailure: reason } });
    const clients = fakeClients(fake.url);
    const run = analyzeLive({
      verifyWithIam: false,
      clients,
      athenaTable: 'cloudtrail_logs',
      since: '1d',
      queryPoll: FAST_POLL,
    });
    const { analysis } = await run;
    clients.destroy();
    const queryId = String(fake.callsTo('Athena.GetQueryExecution')[0]?.request.QueryExecutionId);
    expect(queryId).toMatch(/^[\w-]{36}$/);
    const warning = analysis.warnings.find((item) => item.origin === 'api:Athena.GetQueryExecution');
    expect(warning?.problem).toBe(`Athena query ${queryId} FAILED: ${reason}`);
    expect(warning?.expected).toContain('whydenied queries athena-ddl');
  });

  it('through the CLI: a failed query costs Athena only (a warning naming it, LookupEvents instead, exit 3); a good one reports data scanned and cost', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAFAKEFAKEFAKEFAKE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'fake-secret');
    fake = await startFakeAws(
      {},
      { queries: { athenaFailure: 'HIVE_BAD_DATA: Error parsing field value', pollsBeforeDone: 0 } },
    );
    let stderr = '';
    const io = { stdout: () => {}, stderr: (text: string) => (stderr += text) };
    const args = [
      'analyze',
      '--athena-table',
      'cloudtrail_logs',
      '--region',
      'eu-west-1',
      '--no-iam-verify',
      '--endpoint-url',
      fake.url,
    ];
    expect(await main(args, io)).toBe(3);
    expect(stderr).toMatch(/Athena query [\w-]{36} FAILED: HIVE_BAD_DATA: Error parsing field value/);
    expect(stderr).toContain(
      'Athena (cloudtrail_logs) could not be used, so LookupEvents read the window instead',
    );
    expect(fake.callsTo('CloudTrail.LookupEvents').length).toBeGreaterThan(0);
    await fake.close();

    // The denials LookupEvents finds are still reported, beside the warning about Athena.
    fake = await startFakeAws(
      { cloudTrailEvents: records(gzFiles(join(SAMPLES, 'ecr-pull-missing'))) },
      {
        queries: {
          athenaFailure: "COLUMN_NOT_FOUND: line 4:10: Column 'day' cannot be resolved",
          pollsBeforeDone: 0,
        },
      },
    );
    let stdout = '';
    const withOutput = { stdout: (text: string) => (stdout += text), stderr: io.stderr };
    const partial = await main(
      [...args.slice(0, -1), fake.url, '--since', '2026-11-21T09:00:00Z', '--format', 'json'],
      withOutput,
    );
    expect(partial).toBe(3);
    const analysis = JSON.parse(stdout);
    expect(analysis.findings.length).toBeGreaterThan(0);
    expect(analysis.warnings.map((warning: { problem: string }) => warning.problem).join('\n')).toContain(
      "COLUMN_NOT_FOUND: line 4:10: Column 'day' cannot be resolved",
    );
    await fake.close();

    const served = records(gzFiles(join(SAMPLES, 'ecr-pull-missing')));
    fake = await startFakeAws({ cloudTrailEvents: served }, { queries: { pollsBeforeDone: 0 } });
    stderr = '';
    const code = await main(
      [...args.slice(0, -1), fake.url, '--since', '2026-11-21T09:00:00Z', '--format', 'json'],
      io,
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /Athena query [\w-]{36}: 2 rows, [\d.]+ KB scanned, about \$0\.000048 \(at \$5\/TB, billed as the 10 MB minimum\)/,
    );
  });

  it('estimates cost at $5 a TB with the 10 MB minimum', () => {
    expect(estimatedCostUsd(1024 ** 4)).toBe(5);
    expect(estimatedCostUsd(0)).toBeCloseTo((10 * 1024 * 1024 * 5) / 1024 ** 4);
  });
});
