/**
 * Inputs read as a stream (past the whole-file size, or from a pipe) give the evidence the
 * whole-file readers give, record for record and line for line. The size past which an input
 * streams is lowered here so a few megabytes generated in the test exercise the same code a
 * 600 MB export does (`npm run bench` measures that one).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { type FileBatch, readFiles } from '../../src/sources/files/index.js';
import { DEFAULT_LIMITS, type ReadLimits } from '../../src/sources/files/input-bytes.js';
import { corpusCase, corpusMessage } from '../corpus-cases.js';
import { runCli } from '../run-cli.js';

const STREAMED: ReadLimits = { ...DEFAULT_LIMITS, wholeBelowBytes: 64 * 1024 };

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/aws/${name}`, import.meta.url), 'utf8')) as Record<
    string,
    object[]
  >;

/** Real records, with and without an error (flaws.cloud's CloudTrail), and two corpus denials. */
const RECORDS = [
  ...(fixture('cloudtrail-flaws2-mixed-accessdenied-ecr.json').Records ?? []),
  corpusCase('ct-02').raw,
  corpusCase('ct-03').raw,
] as object[];

/** `count` records cycling through the real ones, each with its own event id. */
function records(count: number): object[] {
  return Array.from({ length: count }, (_, index) => ({
    ...RECORDS[index % RECORDS.length],
    eventID: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
  }));
}

function tempFile(name: string, content: string | Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), 'whydenied-stream-')), name);
  writeFileSync(path, content);
  return path;
}

async function readOne(path: string, limits: ReadLimits): Promise<FileBatch> {
  const batches: FileBatch[] = [];
  for await (const batch of readFiles([path], limits)) batches.push(batch);
  expect(batches).toHaveLength(1);
  return batches[0] as FileBatch;
}

/** What a batch found, in the terms a view shows: kind, where, and the call or message. */
function found(batch: FileBatch) {
  return {
    records: batch.records,
    warnings: batch.warnings,
    evidence: batch.evidence.map((item) => ({ kind: item.kind, origin: item.origin, raw: item.raw })),
  };
}

/** A container log as `aws logs tail` prints it, with denials, some wrapped at 120 columns. */
function containerLog(lines: number): string {
  const out: string[] = [];
  const stream = 'ecs/orders-api/8d2e4f6a0b1c4d3e9f8a7b6c5d4e3f21';
  for (let index = 0; out.length < lines; index++) {
    const prefix = `2026-11-21T10:${String(Math.floor(index / 6000) % 60).padStart(2, '0')}:00.000000+00:00 ${stream} `;
    if (index % 997 === 0) {
      const line = prefix + corpusMessage('ecs-01');
      out.push(...(index % 2 === 0 ? (line.match(/.{1,120}/g) ?? []) : [line]));
    } else out.push(`${prefix}INFO GET /api/orders/${index} 200 ${index % 900}ms`);
    // Blank lines, alone and in runs, as a paste or a `--format short` tail leaves them.
    if (index % 61 === 0) out.push('');
    if (index % 173 === 0) out.push('', '', '');
  }
  return `${out.join('\n')}\n`;
}

describe('streamed inputs read as the whole ones are', () => {
  const lines = records(3_000).map((record) => JSON.stringify(record));
  it.each([
    ['JSON Lines', 'trail.jsonl', () => `${lines.join('\n')}\n`],
    ['gzipped JSON Lines', 'trail.jsonl.gz', () => gzipSync(`${lines.join('\r\n')}\r\n`)],
    ['a CloudTrail file on one line', 'trail.json', () => JSON.stringify({ Records: records(3_000) })],
    [
      'a pretty-printed CloudTrail file',
      'trail.json',
      () => JSON.stringify({ Records: records(1_500) }, null, 2),
    ],
    [
      'lookup-events output',
      'events.json',
      () => {
        const events = fixture('lookup-events-awscli-example.json').Events ?? [];
        const cloudTrailEvents = records(1_000).map((record) => ({
          ...events[0],
          CloudTrailEvent: JSON.stringify(record),
        }));
        return JSON.stringify({ Events: cloudTrailEvents, NextToken: 'x' }, null, 4);
      },
    ],
    ['a top-level array of records', 'records.json', () => JSON.stringify(records(2_000))],
    ['a container log, wrapped lines across runs', 'app.log', () => containerLog(45_000)],
  ])('%s', async (_kind, name, content) => {
    const path = tempFile(name, content());
    const whole = await readOne(path, DEFAULT_LIMITS);
    const streamed = await readOne(path, STREAMED);
    expect(whole.evidence.length).toBeGreaterThan(10);
    expect(found(streamed)).toEqual(found(whole));
    expect(streamed.format).toBe(whole.format);
  });
});

describe('streamed inputs: what the whole readers never meet', () => {
  it('a document without a record array is a warning saying what to do', async () => {
    const path = tempFile('big.json', JSON.stringify({ Something: records(1_000) }));
    const batch = await readOne(path, STREAMED);
    expect(batch.warnings).toEqual([
      {
        origin: path,
        problem: expect.stringMatching(/without a Records, Events or events array: too large to read whole/),
        expected: expect.stringContaining(`jq -c '.Records[]' ${path}`),
      },
    ]);
  });

  it('a truncated document keeps the records before its end', async () => {
    const text = JSON.stringify({ Records: records(2_000) });
    const path = tempFile('cut.json', text.slice(0, Math.floor(text.length / 2)));
    const batch = await readOne(path, STREAMED);
    expect(batch.records).toBeGreaterThan(900);
    expect(batch.evidence.length).toBeGreaterThan(500);
    expect(batch.warnings.map((warning) => warning.problem)).toEqual([
      expect.stringMatching(/stops before its end/),
    ]);
  });

  it('a line past the record limit is named and skipped; the lines after it are read', async () => {
    const all = records(500).map((record) => JSON.stringify(record));
    all.splice(250, 0, `{"padding":"${'x'.repeat(300_000)}"}`);
    const path = tempFile('long.jsonl', all.join('\n'));
    const batch = await readOne(path, { ...STREAMED, maxRecordBytes: 100_000 });
    expect(batch.warnings).toEqual([
      {
        origin: `${path}#line 251`,
        problem: 'a line longer than 100,000 bytes, not read',
        expected: expect.any(String),
      },
    ]);
    const whole = await readOne(
      tempFile(
        'short.jsonl',
        records(500)
          .map((r) => JSON.stringify(r))
          .join('\n'),
      ),
      DEFAULT_LIMITS,
    );
    expect(batch.evidence).toHaveLength(whole.evidence.length);
  });

  it('a gzipped input is cut where it inflates past the limit, named in a warning, what came before read', async () => {
    const text = `${records(4_000)
      .map((record) => JSON.stringify(record))
      .join('\n')}\n`;
    const path = tempFile('big.jsonl.gz', gzipSync(text));
    const whole = await readOne(path, DEFAULT_LIMITS);
    const capped = await readOne(path, { ...STREAMED, maxInflatedBytes: Math.floor(text.length / 2) });
    expect(capped.warnings.at(-1)).toEqual({
      origin: path,
      problem: expect.stringMatching(/^inflates past [\d,]+ (bytes|MB): read up to there only$/),
      expected: expect.stringContaining('--max-inflated'),
    });
    expect(capped.evidence.length).toBeGreaterThan(whole.evidence.length * 0.4);
    expect(capped.evidence.length).toBeLessThan(whole.evidence.length * 0.6);
  });
});

describe('gzip bombs', () => {
  it('a streamed bomb of blank lines stops at the limit, with a warning', async () => {
    // 64 MB of newlines gzip to about 64 KB; only the first 8 MB are inflated and counted.
    const path = tempFile('bomb.log.gz', gzipSync(Buffer.alloc(64 * 1024 * 1024, '\n'), { level: 1 }));
    const batch = await readOne(path, { ...STREAMED, maxInflatedBytes: 8 * 1024 * 1024 });
    expect(batch.bytes).toBe(8 * 1024 * 1024);
    expect(batch.warnings).toEqual([
      { origin: path, problem: 'inflates past 8 MB: read up to there only', expected: expect.any(String) },
    ]);
  });
});

describe('pipes and bombs through the command line', () => {
  it('a gzip bomb stops at --max-inflated; the good input beside it is analysed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'whydenied-bomb-'));
    // 24 MB of blank lines gzip to about 24 KB.
    writeFileSync(join(dir, 'bomb.log.gz'), gzipSync(Buffer.alloc(24 * 1024 * 1024, '\n'), { level: 1 }));
    writeFileSync(join(dir, 'good.txt'), corpusMessage('ecs-01'));
    const { code, stdout } = await runCli(['analyze', dir, '--format', 'json', '--max-inflated', '4']);
    const output = JSON.parse(stdout);
    expect(output.warnings).toEqual([
      {
        origin: join(dir, 'bomb.log.gz'),
        problem: 'inflates past 4 MB: read up to there only',
        expected: expect.any(String),
      },
    ]);
    expect(output.findings.map((finding: { action: string }) => finding.action)).toEqual([
      'ssm:GetParameters',
    ]);
    expect(code).toBe(3);
  });

  it('--max-inflated that is not a number is bad usage', async () => {
    const { code, stderr } = await runCli(['analyze', '.', '--max-inflated', 'lots']);
    expect(stderr).toMatch(/--max-inflated takes a number of megabytes/);
    expect(code).toBe(2);
  });

  it('a FIFO named on the command line is read (as `<(aws logs ...)` is)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'whydenied-fifo-'));
    const fifo = join(dir, 'events');
    spawnSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', 'printf "%s\\n" "$1" > "$2"', 'sh', corpusMessage('ecs-01'), fifo]);
    const { code, stdout } = await runCli(['analyze', fifo, '--format', 'json']);
    writer.kill();
    expect(JSON.parse(stdout).findings.map((finding: { action: string }) => finding.action)).toEqual([
      'ssm:GetParameters',
    ]);
    expect(code).toBe(1);
  });

  it('a FIFO inside a walked directory is a warning, not a wait for ever', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'whydenied-fifo-'));
    spawnSync('mkfifo', [join(dir, 'pipe')]);
    writeFileSync(join(dir, 'good.txt'), corpusMessage('ecs-01'));
    const { code, stdout } = await runCli(['analyze', dir, '--format', 'json']);
    const output = JSON.parse(stdout);
    expect(output.warnings).toEqual([
      { origin: join(dir, 'pipe'), problem: expect.stringMatching(/FIFO/), expected: expect.any(String) },
    ]);
    expect(output.findings).toHaveLength(1);
    expect(code).toBe(3);
  });

  it('JSON Lines on stdin (-) are read', () => {
    const input = `${records(200)
      .map((record) => JSON.stringify(record))
      .join('\n')}\n`;
    const script = `import { main } from './src/cli.ts';
process.exitCode = await main(['analyze', '-', '--format', 'json']);`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: new URL('../../', import.meta.url).pathname,
      input,
      encoding: 'utf8',
    });
    const output = JSON.parse(child.stdout);
    expect(output.stats.inputs).toBe(1);
    expect(output.findings.length).toBeGreaterThan(2);
    expect(output.warnings).toEqual([]);
  });
});
