/**
 * `npx tsx bench/archive-floor.ts [ARCHIVE] [--jq-seconds S] [--runs N]` (`npm run bench` runs it
 * after the archive's timings, with jq's time of that run)
 *
 * The least any run of `whydenied analyze` over a CloudTrail archive can take on this machine,
 * from its parts measured alone: Node's start and whydenied's (an empty input), then, on one
 * thread of this process, every file read and inflated as whydenied inflates it, the same with
 * the byte scan that finds the records worth parsing, and with those records parsed into
 * evidence. What is left of a run beyond these is the analysis itself and the threads' traffic.
 * With C cores the reading parts divide by C at best, the starts do not: the floor printed is
 * start + reading / cores, against the goal of a tenth of jq's time. Best of a few runs each,
 * CPU time for the parts in this process (what the work costs, whatever else the machine runs).
 * Prints figures; it asserts nothing.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { readCloudTrailFile } from '../src/sources/files/cloudtrail-file.js';
import { EVIDENCE_WORDS } from '../src/sources/files/cloudtrail-record.js';
import { TrailScanner } from '../src/sources/files/cloudtrail-scan.js';
import { measure } from './measure.js';

const ROOT = resolve(import.meta.dirname, '..');

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'jq-seconds': { type: 'string' }, runs: { type: 'string', default: '3' } },
});
const archive = resolve(positionals[0] ?? join(ROOT, '.bench', 'archive'));
const runs = Math.max(1, Number(flags.runs) || 3);
const jqSeconds = flags['jq-seconds'] === undefined ? null : Number(flags['jq-seconds']);

const files = readdirSync(archive, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && entry.name.endsWith('.json.gz'))
  .map((entry) => join(entry.parentPath, entry.name))
  .sort();

/** Inflated as whydenied inflates a small file: one call, one buffer of the size gzip records. */
function inflate(file: string): Buffer {
  const bytes = readFileSync(file);
  return gunzipSync(bytes, { chunkSize: Math.max(64 * 1024, bytes.readUInt32LE(bytes.length - 4) + 1) });
}

function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** The least CPU time of `runs` passes over every file. */
function best(pass: () => number): { seconds: number; count: number } {
  let seconds = Number.POSITIVE_INFINITY;
  let count = 0;
  for (let run = 0; run < runs; run++) {
    const started = cpuSeconds();
    count = pass();
    seconds = Math.min(seconds, cpuSeconds() - started);
  }
  return { seconds, count };
}

async function startSeconds(args: string[]): Promise<number> {
  let seconds = Number.POSITIVE_INFINITY;
  const scratch = mkdtempSync(join(tmpdir(), 'whydenied-floor-'));
  try {
    for (let run = 0; run < runs; run++) {
      const result = await measure(process.execPath, args, {
        cwd: ROOT,
        reportFile: join(scratch, 'time.txt'),
      });
      seconds = Math.min(seconds, result.wallSeconds);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return seconds;
}

// A trail with no records: read, so no warning, and nothing to analyse.
const empty = mkdtempSync(join(tmpdir(), 'whydenied-empty-'));
writeFileSync(join(empty, 'trail.json'), '{"Records":[]}');
const nodeStart = await startSeconds(['-e', '0']);
const ourStart = await startSeconds([
  'bin/whydenied.js',
  'analyze',
  empty,
  '--format',
  'json',
  '--output',
  join(empty, 'out.json'),
]);
rmSync(empty, { recursive: true, force: true });

const scanner = new TrailScanner(EVIDENCE_WORDS);
const inflated = best(() => {
  let bytes = 0;
  for (const file of files) bytes += inflate(file).length;
  return bytes;
});
const scanned = best(() => {
  let candidates = 0;
  for (const file of files) candidates += scanner.scan(inflate(file))?.candidates.length ?? 0;
  return candidates;
});
const parsed = best(() => {
  let evidence = 0;
  for (const file of files) evidence += readCloudTrailFile(inflate(file), file)?.evidence.length ?? 0;
  return evidence;
});

const cores = availableParallelism();
const ms = (seconds: number) => `${(seconds * 1000).toFixed(0)} ms`;
console.log(
  `\nthe floor of a run over ${files.length} files (${(inflated.count / 1e6).toFixed(1)} MB inflated), best of ${runs}:`,
);
const rows: [string, string][] = [
  ['node -e 0 (wall)', ms(nodeStart)],
  ['whydenied analyze of an empty input (wall)', ms(ourStart)],
  ['read + inflate, one thread (cpu)', ms(inflated.seconds)],
  [`+ scan (${scanned.count} records to parse), one thread (cpu)`, ms(scanned.seconds)],
  [`+ parse them into ${parsed.count} pieces of evidence, one thread (cpu)`, ms(parsed.seconds)],
];
const width = Math.max(...rows.map(([label]) => label.length));
for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}   ${value.padStart(8)}`);
const floor = ourStart + parsed.seconds / cores;
const inflateOnly = ourStart + inflated.seconds / cores;
console.log(
  `  floor on ${cores} cores, before any analysis: start + reading / ${cores} = ${ms(floor)} ` +
    `(start + inflating alone: ${ms(inflateOnly)})`,
);
if (jqSeconds !== null && Number.isFinite(jqSeconds))
  console.log(
    `  jq took ${jqSeconds.toFixed(2)} s: 10x jq is ${ms(jqSeconds / 10)}; this floor is ${(jqSeconds / floor).toFixed(1)}x jq at best`,
  );
