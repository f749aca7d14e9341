/**
 * `npm run bench:stream [-- --size-mb N]` (the last part of `npm run bench`)
 *
 * A ~600 MB JSON Lines CloudTrail export, as `jq -c '.Records[]'` over an archive prints it,
 * piped into `whydenied analyze -` (stdin): larger than V8's largest string, so only a
 * streaming reader finds its denials. The stream is generated once into .bench/stream/ from a
 * fixed seed and piped from there. Prints wall time, records, denials found against those
 * generated, and peak RSS; it asserts nothing about speed.
 */
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type ArchiveTotals,
  emptyTotals,
  GENERATOR_VERSION,
  type GeneratedManifest,
  jsonLinesStream,
} from './cloudtrail-archive.js';
import { measure } from './measure.js';

const ROOT = resolve(import.meta.dirname, '..');
const DIR = join(ROOT, '.bench', 'stream');
const OUTPUT = join(ROOT, '.bench', 'stream-out.json');
const SEED = 'whydenied-bench-stream';
const MB = 1_000_000;

async function ensureStream(sizeMb: number): Promise<{ file: string; totals: ArchiveTotals }> {
  const file = join(DIR, `records-${sizeMb}mb.jsonl`);
  const manifestFile = `${file}.manifest.json`;
  if (existsSync(manifestFile)) {
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as GeneratedManifest;
    if (manifest.generator === GENERATOR_VERSION && manifest.seed === SEED && existsSync(file))
      return { file, totals: manifest.totals };
  }
  await mkdir(DIR, { recursive: true });
  await rm(manifestFile, { force: true });
  console.log(`generating a ~${sizeMb} MB JSON Lines stream in ${file.slice(ROOT.length + 1)} ...`);
  const totals = emptyTotals();
  const out = createWriteStream(file);
  for (const chunk of jsonLinesStream(SEED, sizeMb * MB, totals)) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  // The manifest is written last, so an interrupted run generates again.
  await writeFile(manifestFile, JSON.stringify({ generator: GENERATOR_VERSION, seed: SEED, sizeMb, totals }));
  return { file, totals };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'size-mb': { type: 'string', default: '600' } } });
  const sizeMb = Number(values['size-mb']);
  if (!Number.isFinite(sizeMb) || sizeMb <= 0) {
    console.error(`--size-mb must be a positive number, not ${values['size-mb']}`);
    process.exit(2);
  }
  const { file, totals } = await ensureStream(sizeMb);
  if (!existsSync(join(ROOT, 'dist', 'bundle', 'cli.js')))
    spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });

  console.log(
    '\nrunning: <stream> | node bin/whydenied.js analyze - --format json --output .bench/stream-out.json',
  );
  const run = await measure(
    process.execPath,
    ['bin/whydenied.js', 'analyze', '-', '--format', 'json', '--output', OUTPUT],
    { cwd: ROOT, reportFile: join(ROOT, '.bench', 'time-stream.txt'), stdinFile: file },
  );
  const ok = run.signal === null && [0, 1, 3].includes(run.exitCode ?? -1);
  const analysis = ok
    ? (JSON.parse(await readFile(OUTPUT, 'utf8')) as {
        stats: { denials: number; findings: number; warnings: number; evidence: Record<string, number> };
      })
    : null;
  const mb = totals.uncompressedBytes / MB;
  console.log(
    `\nJSON Lines on stdin: ${mb.toFixed(1)} MB, ${totals.records.toLocaleString('en')} records, ${totals.denials.toLocaleString('en')} denials generated`,
  );
  console.log(`  exit code       ${run.exitCode}${run.signal ? ` (signal ${run.signal})` : ''}`);
  console.log(
    `  wall            ${run.wallSeconds.toFixed(2)} s (${(mb / run.wallSeconds).toFixed(1)} MB/s)`,
  );
  console.log(`  records/s       ${Math.round(totals.records / run.wallSeconds).toLocaleString('en')}`);
  console.log(
    `  peak RSS        ${run.peakRssBytes ? `${(run.peakRssBytes / MB).toFixed(1)} MB` : '?'} (${run.rssMethod})`,
  );
  if (analysis) {
    console.log(
      `  denials found   ${analysis.stats.denials.toLocaleString('en')} of ${totals.denials.toLocaleString('en')} generated, in ${analysis.stats.findings} finding(s); ${analysis.stats.warnings} warning(s)`,
    );
  } else {
    console.log('  no analysis: the run failed');
    process.exitCode = 1;
  }
}

await main();
