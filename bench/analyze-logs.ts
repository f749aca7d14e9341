/**
 * `npm run bench:logs [-- --lines N]`
 *
 * Times `whydenied analyze` on a container log as `aws logs tail` prints it (~92 MB for the
 * default 600,000 lines, generated once into .bench/logs/ from a fixed seed): app lines of
 * several shapes, one in 2,000 a botocore AccessDenied, a few wrapped over two lines. The
 * baseline is `grep -c` for the denials. Prints figures; it asserts nothing about speed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type Measurement, measure } from './measure.js';
import { Random } from './random.js';

const ROOT = resolve(import.meta.dirname, '..');
const DIR = join(ROOT, '.bench', 'logs');
const OUTPUT = join(ROOT, '.bench', 'logs-out.json');
const GENERATOR = 1;

const DENIAL =
  'ERROR botocore.exceptions.ClientError: An error occurred (AccessDeniedException) when calling the GetItem operation: User: arn:aws:sts::111122223333:assumed-role/orders-api-task-role/8d2e4f6a0b1c4d3e9f8a7b6c5d4e3f21 is not authorized to perform: dynamodb:GetItem on resource: arn:aws:dynamodb:eu-west-1:111122223333:table/orders-prod because no identity-based policy allows the dynamodb:GetItem action';

function generate(lines: number): { text: string; denials: number } {
  const random = new Random(`whydenied-logs-${GENERATOR}`);
  const stream = 'ecs/orders-api/8d2e4f6a0b1c4d3e9f8a7b6c5d4e3f21';
  const start = Date.parse('2026-11-21T10:00:00Z');
  const out: string[] = [];
  let denials = 0;
  for (let index = 0; index < lines; index++) {
    const prefix = `${new Date(start + index * 7).toISOString().replace('Z', '000+00:00')} ${stream} `;
    if (random.chance(1 / 2000)) {
      denials += 1;
      // One in four denials wrapped at 120 columns, as a terminal copy would.
      const line = prefix + DENIAL;
      out.push(...(random.chance(0.25) ? (line.match(/.{1,120}/g) ?? []) : [line]));
      continue;
    }
    out.push(
      prefix +
        random.pick([
          `INFO GET /api/orders/${random.int(1e6)} 200 ${random.int(900)}ms trace=${random.hex(32)}`,
          `INFO worker processed batch ${random.int(1e5)} of ${random.int(99)} records in ${random.int(900)} ms`,
          `DEBUG cache miss for key order:${random.int(1e6)}:${random.alnum(8)} refreshing from dynamodb table orders-prod`,
          `WARN slow query on orders-prod took ${random.int(5000)} ms (threshold 1000 ms)`,
        ]),
    );
  }
  return { text: `${out.join('\n')}\n`, denials };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { lines: { type: 'string', default: '600000' } } });
  const lines = Number(values.lines);
  const file = join(DIR, `app-${GENERATOR}-${lines}.log`);
  const manifest = `${file}.json`;
  if (!existsSync(manifest)) {
    await mkdir(DIR, { recursive: true });
    const { text, denials } = generate(lines);
    await writeFile(file, text);
    await writeFile(manifest, JSON.stringify({ lines, denials, bytes: Buffer.byteLength(text) }));
  }
  const facts = JSON.parse(await readFile(manifest, 'utf8')) as {
    lines: number;
    denials: number;
    bytes: number;
  };
  if (!existsSync(join(ROOT, 'dist', 'bundle', 'cli.js')))
    spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });

  const run = await measure(
    process.execPath,
    ['bin/whydenied.js', 'analyze', file, '--format', 'json', '--output', OUTPUT],
    {
      cwd: ROOT,
      reportFile: join(ROOT, '.bench', 'time-logs.txt'),
    },
  );
  // Its count is dropped (through cat: GNU grep stops at the first match when writing to /dev/null).
  const grep = await measure('sh', ['-c', 'grep -c AccessDenied "$0" | cat > /dev/null', file], {
    cwd: ROOT,
    reportFile: join(ROOT, '.bench', 'time-grep.txt'),
  });
  const analysis = JSON.parse(await readFile(OUTPUT, 'utf8')) as {
    stats: { denials: number; findings: number };
  };
  const mb = facts.bytes / 1e6;
  const row = (name: string, a: string, b: string) =>
    console.log(`  ${name.padEnd(20)} ${a.padStart(12)} ${b.padStart(12)}`);
  console.log(
    `\ncontainer log ${file.slice(ROOT.length + 1)}: ${facts.lines.toLocaleString('en')} lines, ${mb.toFixed(1)} MB, ${facts.denials} denials generated`,
  );
  row('', 'whydenied', 'grep -c');
  row('wall', `${run.wallSeconds.toFixed(2)} s`, `${grep.wallSeconds.toFixed(2)} s`);
  const cpu = (m: Measurement) => (m.cpuSeconds === null ? 'n/a' : `${m.cpuSeconds.toFixed(2)} s`);
  row('cpu (user + sys)', cpu(run), cpu(grep));
  row('MB/s', (mb / run.wallSeconds).toFixed(1), (mb / grep.wallSeconds).toFixed(1));
  row(
    'lines/s',
    Math.round(facts.lines / run.wallSeconds).toLocaleString('en'),
    Math.round(facts.lines / grep.wallSeconds).toLocaleString('en'),
  );
  row(
    'peak RSS',
    run.peakRssBytes ? `${(run.peakRssBytes / 1e6).toFixed(1)} MB` : '?',
    grep.peakRssBytes ? `${(grep.peakRssBytes / 1e6).toFixed(1)} MB` : '?',
  );
  console.log(
    `  whydenied found ${analysis.stats.denials} denials (${facts.denials} generated) in ${analysis.stats.findings} finding(s)`,
  );
}

await main();
