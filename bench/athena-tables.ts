/**
 * What a live run reads through Athena on each CloudTrail table layout users have: 30 days of
 * trail (the ecr-pull-missing sample's records each day, plus `--filler` unrelated records a
 * day), the run's window 2 hours. Prints, per layout, the bytes the fake's Athena scanned
 * against the whole trail, the queries started, and the wall time. Run: `tsx bench/athena-tables.ts`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { analyzeLive } from '../src/live.js';
import { renderDdl } from '../src/sources/athena-query.js';
import { type FakeTable, fixtureTable, tableOfDdl } from '../test/fake-aws/athena-tables.js';
import { fakeClients } from '../test/fake-aws/clients.js';
import { startFakeAws } from '../test/fake-aws/server.js';

type Json = Record<string, unknown>;

const fillerPerDay = Number(process.argv.find((arg) => arg.startsWith('--filler='))?.slice(9) ?? 2000);

function sampleRecords(): Json[] {
  const dir = new URL('../samples/ecr-pull-missing/AWSLogs/', import.meta.url);
  const walk = (path: URL): URL[] =>
    readdirSync(path, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory()
        ? walk(new URL(`${entry.name}/`, path))
        : entry.name.endsWith('.json.gz')
          ? [new URL(entry.name, path)]
          : [],
    );
  return walk(dir).flatMap(
    (file) => (JSON.parse(gunzipSync(readFileSync(file)).toString()) as { Records: Json[] }).Records,
  );
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function trail(): { records: Json[]; now: Date } {
  const sample = sampleRecords();
  const newest = Math.max(...sample.map((record) => Date.parse(String(record.eventTime))));
  const template = sample.find((record) => !record.errorCode) ?? sample[0] ?? {};
  const records: Json[] = [];
  for (let day = 0; day < 30; day += 1) {
    const shift = day * 86_400_000;
    for (const record of sample)
      records.push({
        ...record,
        eventID: `${record.eventID}-${day}`,
        eventTime: iso(Date.parse(String(record.eventTime)) - shift),
      });
    for (let i = 0; i < fillerPerDay; i += 1) {
      // Unrelated successful calls spread over the day.
      records.push({
        ...template,
        errorCode: undefined,
        errorMessage: undefined,
        eventID: `filler-${day}-${i}`,
        eventTime: iso(newest - shift - (i * 86_400_000) / fillerPerDay),
      });
    }
  }
  return { records, now: new Date(newest + 30 * 60_000) };
}

async function main() {
  const { records, now } = trail();
  const total = records.reduce((sum, record) => sum + Buffer.byteLength(JSON.stringify(record)), 0);
  const layouts: [string, string, FakeTable, boolean][] = [
    [
      'whydenied (account, region, day)',
      'cloudtrail_logs',
      tableOfDdl(renderDdl({ bucket: 'my-trail-bucket', accounts: ['111122223333'] })),
      false,
    ],
    ['guide, projected (timestamp)', 'cloudtrail_logs_pp', fixtureTable('cloudtrail-projected.sql'), false],
    [
      'guide, manual (region, year, month, day)',
      'cloudtrail_logs',
      fixtureTable('cloudtrail-manual.sql'),
      false,
    ],
    [
      'console, unpartitioned',
      'cloudtrail_logs_amzn_s3_demo_bucket',
      fixtureTable('cloudtrail-console.sql'),
      false,
    ],
    [
      'console, unpartitioned, --athena-full-scan',
      'cloudtrail_logs_amzn_s3_demo_bucket',
      fixtureTable('cloudtrail-console.sql'),
      true,
    ],
  ];
  console.log(
    `trail: ${records.length.toLocaleString('en')} records over 30 days, ${(total / 1024 / 1024).toFixed(1)} MB; window 2 h`,
  );
  for (const [label, table, fake, fullScan] of layouts) {
    const aws = await startFakeAws(
      { cloudTrailEvents: records },
      { queries: { athenaTables: [fake], pollsBeforeDone: 0 } },
    );
    const clients = fakeClients(aws.url);
    const started = performance.now();
    const result = await analyzeLive({
      verifyWithIam: false,
      clients,
      athenaTable: table,
      athenaFullScan: fullScan,
      since: '2h',
      now,
      queryPoll: { initialMs: 1, maxMs: 5, timeoutMs: 10_000 },
    });
    const ms = performance.now() - started;
    clients.destroy();
    const scans = aws.athenaScans();
    const scanned = scans.reduce((sum, scan) => sum + scan.scannedBytes, 0);
    console.log(
      `${label.padEnd(44)} queries ${scans.length}  scanned ${(scanned / 1024 / 1024).toFixed(2).padStart(7)} MB (${((scanned / total) * 100).toFixed(1).padStart(5)}% of the trail)  whole-trail ${scans.some((scan) => scan.wholeTrail) ? 'yes' : 'no '}  findings ${result.analysis.findings.length}  LookupEvents ${aws.callsTo('CloudTrail.LookupEvents').length}  ${ms.toFixed(0)} ms`,
    );
    await aws.close();
  }
}

await main();
