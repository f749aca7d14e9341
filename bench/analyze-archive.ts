/**
 * `npm run bench [-- [--regenerate] [--size-mb N] [--scale MB,MB...] [--build]]`
 *
 * Times `whydenied analyze` on a ~200 MB (uncompressed) CloudTrail archive in the S3 layout,
 * generated once into .bench/archive/, beside its peers in the same run: when jq is installed,
 * the plain `zcat | jq 'select(.errorCode)'` pass over the same files, and the floor no reader
 * of gzipped files goes under, zcat alone into /dev/null on one core and on two (two zcat
 * processes over halves of the files). With --scale (`npm run bench` passes 1000,2000), the
 * same analysis of larger archives (each generated once into .bench/archive-<N>mb/) for its
 * peak memory, and the TUI's full load of the first of them against analyze's time. Prints
 * figures; it asserts nothing about speed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type ArchiveTotals,
  GENERATOR_VERSION,
  type GeneratedManifest,
  generateArchive,
} from './cloudtrail-archive.js';
import { type Measurement, measure } from './measure.js';
import { fullLoadLine, tuiFullLoad } from './tui-full-load.js';

const ROOT = resolve(import.meta.dirname, '..');
const BENCH_DIR = join(ROOT, '.bench');
const ARCHIVE = join(BENCH_DIR, 'archive');
/** Outside the archive, so neither whydenied nor the jq baseline reads it. */
const MANIFEST = join(BENCH_DIR, 'archive-manifest.json');
const OUTPUT = join(BENCH_DIR, 'out.json');
const JQ_OUTPUT = join(BENCH_DIR, 'jq-errors.jsonl');
const SEED = 'whydenied-bench';
const MB = 1_000_000;

interface Manifest extends GeneratedManifest {
  generationSeconds: number;
  generatedAt: string;
}

interface AnalysisOutput {
  findings: unknown[];
  stats: Record<string, unknown>;
  bytes: number;
}

async function main(): Promise<void> {
  const { values: flags } = parseArgs({
    options: {
      regenerate: { type: 'boolean', default: false },
      'size-mb': { type: 'string', default: '200' },
      scale: { type: 'string', default: '' },
      build: { type: 'boolean', default: false },
    },
  });
  const scales = flags.scale === '' ? [] : flags.scale.split(',').map(Number);
  if (scales.some((size) => !Number.isFinite(size) || size <= 0)) {
    console.error(`--scale takes sizes in MB separated by commas, not ${flags.scale}`);
    process.exit(2);
  }

  const sizeMb = Number(flags['size-mb']);
  if (!Number.isFinite(sizeMb) || sizeMb <= 0) {
    console.error(`--size-mb must be a positive number, not ${flags['size-mb']}`);
    process.exit(2);
  }

  const manifest = await ensureArchive(flags.regenerate, sizeMb, ARCHIVE, MANIFEST);
  const { totals } = manifest;
  ensureBuilt(flags.build);

  console.log(
    `\nrunning: node bin/whydenied.js analyze .bench/archive --format json --output .bench/out.json`,
  );
  const whydenied = await measure(
    process.execPath,
    ['bin/whydenied.js', 'analyze', rel(ARCHIVE), '--format', 'json', '--output', rel(OUTPUT)],
    { cwd: ROOT, reportFile: join(BENCH_DIR, 'time-whydenied.txt') },
  );
  // 1 means denials were found and 3 that some input was unreadable: both still wrote the analysis.
  const whydeniedOk = whydenied.signal === null && [0, 1, 3].includes(whydenied.exitCode ?? -1);
  const analysis = whydeniedOk ? await readAnalysis() : null;

  const jq = hasJq() ? await runJqBaseline() : null;
  const floors = [await runGunzipFloor(1), await runGunzipFloor(2)];
  const nodeFloor = await runNodeGunzipFloor();

  printArchive(manifest);
  printTimings(totals, [
    ['whydenied', whydenied],
    ...(jq ? [['zcat | jq', jq.measurement] as const] : []),
    ['gunzip, 1 core', floors[0] as Measurement],
    ['gunzip, 2 cores', floors[1] as Measurement],
    ['node zlib, 1 core', nodeFloor],
  ]);
  printRatios(whydenied, jq?.measurement ?? null, floors, nodeFloor);
  printResults(totals, whydenied, analysis, jq?.errorRecords ?? null);
  printFloor(jq?.measurement ?? null);
  if (!whydeniedOk) process.exitCode = 1;
  if (scales.length > 0) await runScales(scales, flags.regenerate);
}

/** Peak memory as the archive grows (goal: under 300 MB and flat), then the TUI's full load of the first. */
async function runScales(sizes: number[], regenerate: boolean): Promise<void> {
  const rows = [['archive', 'files', 'uncompressed', 'wall', 'cpu', 'peak RSS', 'denials found / generated']];
  let first: string | null = null;
  const peaks: { size: number; bytes: number | null }[] = [];
  for (const size of sizes) {
    const archive = join(BENCH_DIR, `archive-${size}mb`);
    const manifest = await ensureArchive(regenerate, size, archive, `${archive}-manifest.json`);
    first ??= rel(archive);
    const output = join(BENCH_DIR, `out-${size}mb.json`);
    console.log(
      `running: node bin/whydenied.js analyze ${rel(archive)} --format json --output ${rel(output)}`,
    );
    const run = await measure(
      process.execPath,
      ['bin/whydenied.js', 'analyze', rel(archive), '--format', 'json', '--output', rel(output)],
      { cwd: ROOT, reportFile: join(BENCH_DIR, `time-whydenied-${size}mb.txt`) },
    );
    const denials = (await readAnalysis(output))?.stats.denials;
    peaks.push({ size, bytes: run.peakRssBytes });
    rows.push([
      rel(archive),
      number(manifest.totals.files),
      megabytes(manifest.totals.uncompressedBytes),
      `${run.wallSeconds.toFixed(2)} s`,
      run.cpuSeconds === null ? 'n/a' : `${run.cpuSeconds.toFixed(2)} s`,
      run.peakRssBytes === null ? 'n/a' : megabytes(run.peakRssBytes),
      `${typeof denials === 'number' ? number(denials) : 'missing'} / ${number(manifest.totals.denials)}`,
    ]);
  }
  console.log('\nwhydenied analyze as the archive grows (peak RSS goal: under 300 MB, flat)');
  printRows(rows);
  printGrowth(peaks);
  if (first) {
    console.log(`\nrunning: the TUI's full load of ${first} (bench/tui-load.ts) and analyze of it`);
    console.log(`  ${fullLoadLine(first, await tuiFullLoad(ROOT, first))}`);
  }
}

/** Each size's peak RSS against the size before it: flat is a ratio near 1 however much larger the archive. */
function printGrowth(peaks: { size: number; bytes: number | null }[]): void {
  for (let i = 1; i < peaks.length; i++) {
    const [before, after] = [peaks[i - 1], peaks[i]];
    if (!before?.bytes || !after?.bytes) continue;
    console.log(
      `  peak RSS at ${after.size} MB / at ${before.size} MB: ${(after.bytes / before.bytes).toFixed(2)} ` +
        `for an archive ${(after.size / before.size).toFixed(1)}x as large (goal: flat, within 1.10)`,
    );
  }
}

/** The cached archive if it matches this generator and size and is complete; else a new one. */
async function ensureArchive(
  regenerate: boolean,
  size: number,
  archive: string,
  manifestFile: string,
): Promise<Manifest> {
  const cached = regenerate ? null : await readManifest(manifestFile);
  if (
    cached &&
    cached.generator === GENERATOR_VERSION &&
    cached.seed === SEED &&
    cached.sizeMb === size &&
    (await countFiles(archive)) === cached.totals.files
  ) {
    return cached;
  }
  // The manifest is written last and removed first, so an interrupted run regenerates.
  await rm(manifestFile, { force: true });
  await rm(archive, { recursive: true, force: true });
  await mkdir(archive, { recursive: true });
  console.log(`generating a ~${size} MB CloudTrail archive in ${rel(archive)} ...`);
  const started = performance.now();
  const generated = await generateArchive({
    root: archive,
    targetBytes: size * MB,
    seed: SEED,
    onProgress: (done, total) => {
      if (process.stderr.isTTY) process.stderr.write(`\r  ${done}/${total} files`);
    },
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  const fresh: Manifest = {
    generator: GENERATOR_VERSION,
    seed: SEED,
    sizeMb: size,
    totals: generated,
    generationSeconds: (performance.now() - started) / 1000,
    generatedAt: new Date().toISOString(),
  };
  await writeFile(manifestFile, `${JSON.stringify(fresh, null, 2)}\n`);
  console.log(`generated in ${fresh.generationSeconds.toFixed(1)} s`);
  return fresh;
}

async function readManifest(file: string): Promise<Manifest | null> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Manifest;
  } catch {
    return null;
  }
}

async function countFiles(directory: string): Promise<number> {
  if (!existsSync(directory)) return 0;
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).length;
}

/** Builds only when there is nothing built (or --build): others may be mid-edit in src/. */
function ensureBuilt(force: boolean): void {
  if (!force && existsSync(join(ROOT, 'dist', 'bundle', 'cli.js'))) return;
  console.log('building the CLI (npm run build) ...');
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('npm run build failed');
    process.exit(1);
  }
}

async function readAnalysis(output = OUTPUT): Promise<AnalysisOutput | null> {
  try {
    const text = await readFile(output, 'utf8');
    const parsed = JSON.parse(text) as Partial<AnalysisOutput>;
    return { findings: parsed.findings ?? [], stats: parsed.stats ?? {}, bytes: Buffer.byteLength(text) };
  } catch (error) {
    console.error(`cannot read ${rel(output)}: ${(error as Error).message}`);
    return null;
  }
}

function hasJq(): boolean {
  return spawnSync('jq', ['--version']).error === undefined;
}

/**
 * What someone without whydenied would run. find/xargs rather than a glob, which would
 * overflow the argument list on a real archive.
 */
async function runJqBaseline(): Promise<{ measurement: Measurement; errorRecords: number }> {
  const script = `set -o pipefail
find "$1" -type f -name '*.json.gz' -print0 | xargs -0 zcat | jq -c '.Records[] | select(.errorCode)' > "$2"`;
  console.log(`running: find .bench/archive ... | xargs -0 zcat | jq -c '.Records[] | select(.errorCode)'`);
  const measurement = await measure('bash', ['-c', script, 'jq-baseline', rel(ARCHIVE), rel(JQ_OUTPUT)], {
    cwd: ROOT,
    reportFile: join(BENCH_DIR, 'time-jq.txt'),
  });
  const output = existsSync(JQ_OUTPUT) ? await readFile(JQ_OUTPUT) : Buffer.alloc(0);
  let lines = 0;
  for (const byte of output) if (byte === 0x0a) lines += 1;
  return { measurement, errorRecords: lines };
}

/** zcat alone into /dev/null, over the files split between `cores` processes running at once. */
async function runGunzipFloor(cores: number): Promise<Measurement> {
  const files = (await readdir(ARCHIVE, { recursive: true, withFileTypes: true })).filter((entry) =>
    entry.isFile(),
  ).length;
  const perProcess = Math.max(1, Math.ceil(files / cores));
  const script = `find "$1" -type f -name '*.json.gz' -print0 | xargs -0 -n ${perProcess} -P ${cores} zcat > /dev/null`;
  console.log(`running: find .bench/archive ... | xargs -0 -n ${perProcess} -P ${cores} zcat > /dev/null`);
  return measure('bash', ['-c', `set -o pipefail\n${script}`, 'gunzip-floor', rel(ARCHIVE)], {
    cwd: ROOT,
    reportFile: join(BENCH_DIR, `time-gunzip-${cores}.txt`),
  });
}

/**
 * For information beside the floor the goal is set against: Node's own zlib, faster than
 * zcat, inflating every file in one call into one buffer, on one thread, reading nothing else.
 */
async function runNodeGunzipFloor(): Promise<Measurement> {
  const script = `import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
for (const entry of readdirSync(process.argv[1], { recursive: true, withFileTypes: true }))
  if (entry.isFile() && entry.name.endsWith('.json.gz')) {
    const bytes = readFileSync(join(entry.parentPath ?? entry.path, entry.name));
    // One output buffer sized by gzip's own record of the size, as whydenied inflates.
    gunzipSync(bytes, { chunkSize: Math.max(64 * 1024, bytes.readUInt32LE(bytes.length - 4) + 1) });
  }`;
  console.log('running: node: gunzipSync of every file of .bench/archive, one thread');
  return measure(process.execPath, ['--input-type=module', '-e', script, rel(ARCHIVE)], {
    cwd: ROOT,
    reportFile: join(BENCH_DIR, 'time-node-gunzip.txt'),
  });
}

function rel(path: string): string {
  return relative(ROOT, path);
}

const number = (value: number) => Math.round(value).toLocaleString('en-US');
const megabytes = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;

function printRows(rows: string[][]): void {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((row) => row[i]?.length ?? 0)));
  for (const row of rows) {
    console.log(
      `  ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('   ')}`,
    );
  }
}

function printArchive(manifest: Manifest): void {
  const { totals } = manifest;
  console.log(
    `\narchive ${rel(ARCHIVE)} (seed "${manifest.seed}", generated ${manifest.generatedAt} in ${manifest.generationSeconds.toFixed(1)} s)`,
  );
  printRows([
    ['files', number(totals.files)],
    ['records', number(totals.records)],
    ['uncompressed', megabytes(totals.uncompressedBytes)],
    ['compressed (gzip)', megabytes(totals.compressedBytes)],
    ['denial records generated', number(totals.denials)],
    ['other error records generated', number(totals.otherErrors)],
  ]);
}

function timingColumn(totals: ArchiveTotals, run: Measurement): string[] {
  return [
    `${run.wallSeconds.toFixed(2)} s`,
    run.cpuSeconds === null ? 'n/a' : `${run.cpuSeconds.toFixed(2)} s`,
    number(totals.records / run.wallSeconds),
    (totals.uncompressedBytes / MB / run.wallSeconds).toFixed(1),
    run.peakRssBytes === null ? 'n/a' : megabytes(run.peakRssBytes),
  ];
}

function printTimings(totals: ArchiveTotals, runs: (readonly [string, Measurement])[]): void {
  const labels = ['wall', 'cpu (user + sys)', 'records/s', 'MB/s (uncompressed)', 'peak RSS'];
  const columns = runs.map(([, run]) => timingColumn(totals, run));
  console.log('');
  printRows([
    ['', ...runs.map(([name]) => name)],
    ...labels.map((label, i) => [label, ...columns.map((c) => c[i] ?? '')]),
  ]);
  const method = runs[0]?.[1].rssMethod === 'gnu-time' ? '/usr/bin/time %M' : runs[0]?.[1].rssMethod;
  console.log(`  (peak RSS by ${method}; for a pipeline it is its largest process)`);
  if (!runs.some(([name]) => name === 'zcat | jq')) console.log('  jq is not installed: no baseline');
}

/** whydenied's wall time against its peers': the goals are 10x jq and 1.5x the one-core floor. */
function printRatios(
  whydenied: Measurement,
  jq: Measurement | null,
  floors: Measurement[],
  nodeFloor: Measurement,
): void {
  const ours = whydenied.wallSeconds;
  const [one, two] = floors.map((floor) => floor.wallSeconds);
  console.log('');
  if (jq)
    console.log(`  jq takes ${(jq.wallSeconds / ours).toFixed(1)}x whydenied's time (goal: 10x or more)`);
  if (one)
    console.log(
      `  whydenied takes ${(ours / one).toFixed(2)}x the one-core gunzip floor (goal: 1.5x or less)`,
    );
  if (two) console.log(`  whydenied takes ${(ours / two).toFixed(2)}x the two-core gunzip floor`);
  console.log(
    `  whydenied takes ${(ours / nodeFloor.wallSeconds).toFixed(2)}x node zlib on one core (for information)`,
  );
}

/** What no run can go under on this machine: its start, then inflating and scanning on every core (bench/archive-floor.ts). */
function printFloor(jq: Measurement | null): void {
  const args = ['--import', 'tsx', 'bench/archive-floor.ts', rel(ARCHIVE)];
  if (jq) args.push('--jq-seconds', jq.wallSeconds.toFixed(3));
  spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
}

function printResults(
  totals: ArchiveTotals,
  whydenied: Measurement,
  analysis: AnalysisOutput | null,
  jqErrorRecords: number | null,
): void {
  const ended = whydenied.signal ? `signal ${whydenied.signal}` : `exit code ${whydenied.exitCode}`;
  console.log(`\nwhydenied: ${ended}`);
  if (!analysis) {
    console.log('  no analysis to report');
    return;
  }
  console.log(`  findings: ${analysis.findings.length}`);
  console.log(`  stats: ${JSON.stringify(analysis.stats)}`);
  const denials = analysis.stats.denials;
  if (jqErrorRecords !== null) {
    console.log(
      `  jq found ${number(jqErrorRecords)} records with an errorCode (${number(totals.denials)} of them denials by construction); ` +
        `whydenied stats.denials: ${typeof denials === 'number' ? number(denials) : 'missing'}` +
        (denials === totals.denials ? ' (exact)' : ' (NOT the number generated)'),
    );
  }
  console.log(`  output: ${rel(OUTPUT)} (${megabytes(analysis.bytes)})`);
}

await main();
