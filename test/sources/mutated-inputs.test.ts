/**
 * Property: real inputs of every format, mutated (bytes flipped, cut, inserted, nested deep,
 * a huge line added, gzipped or not), never throw out of the pipeline; the run always prints
 * its JSON; and the good inputs beside the mutated one give the findings they give alone.
 * Read whole (through the command line) and as a stream (readFiles past a lowered size).
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type FileBatch, readFiles } from '../../src/sources/files/index.js';
import { DEFAULT_LIMITS, type ReadLimits } from '../../src/sources/files/input-bytes.js';
import { corpusCase, corpusMessage } from '../corpus-cases.js';
import { runCli } from '../run-cli.js';

const FIXTURES = new URL('../fixtures/aws/', import.meta.url).pathname;

/** Every published AWS output of the fixtures, plus JSON Lines and a log made of corpus cases. */
function realInputs(): { name: string; bytes: Buffer }[] {
  const fixtures = readdirSync(FIXTURES)
    .filter((name) => /\.(json|txt)$/.test(name))
    .map((name) => ({ name, bytes: readFileSync(join(FIXTURES, name)) }));
  const jsonLines = ['ct-01', 'ct-02', 'ct-06', 'ct-08', 'ct-09']
    .map((id) => JSON.stringify(corpusCase(id).raw))
    .join('\n');
  const log = ['ecs-09', 'ecs-25', 'ecs-50']
    .map((id, index) => `2026-11-21T10:0${index}:00.000000+00:00 ecs/app/0a1b2c ${corpusMessage(id)}`)
    .join('\n');
  return [
    ...fixtures,
    { name: 'trail.jsonl', bytes: Buffer.from(jsonLines) },
    { name: 'app.log', bytes: Buffer.from(log) },
  ];
}

type Mutation =
  | { kind: 'flip'; at: number; byte: number }
  | { kind: 'cut'; at: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'nest'; at: number; depth: number; open: string }
  | { kind: 'huge-line'; at: number; length: number; char: string };

const fraction = fc.double({ min: 0, max: 1, noNaN: true });

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fraction, byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fraction }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fraction,
    text: fc.oneof(fc.string(), fc.constantFrom('\n', '\u0000', '{', '"', '\\', '\ufeff', ']}', '\r\n\r\n')),
  }),
  fc.record({
    kind: fc.constant('nest' as const),
    at: fraction,
    depth: fc.integer({ min: 1_000, max: 120_000 }),
    open: fc.constantFrom('[', '{"a":', '{"Records":[', '{"requestParameters":'),
  }),
  fc.record({
    kind: fc.constant('huge-line' as const),
    at: fraction,
    length: fc.integer({ min: 100_000, max: 1_500_000 }),
    char: fc.constantFrom('x', '{', '[', '"', ' '),
  }),
);

function mutate(bytes: Buffer, change: Mutation): Buffer {
  const at = Math.floor(change.at * bytes.length);
  switch (change.kind) {
    case 'flip': {
      const copy = Buffer.from(bytes);
      if (copy.length > 0) copy[Math.min(at, copy.length - 1)] = change.byte;
      return copy;
    }
    case 'cut':
      return bytes.subarray(0, at);
    case 'insert':
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(change.text), bytes.subarray(at)]);
    case 'nest': {
      const close = change.open === '[' ? ']' : change.open === '{"Records":[' ? ']}' : '}';
      const inner = `${change.open.repeat(change.depth)}1${close.repeat(change.depth)}`;
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(inner), bytes.subarray(at)]);
    }
    case 'huge-line':
      return Buffer.concat([
        bytes.subarray(0, at),
        Buffer.from(`\n${change.char.repeat(change.length)}\n`),
        bytes.subarray(at),
      ]);
  }
}

const inputs = new Map(realInputs().map((input) => [input.name, input.bytes]));
// By name, so a counterexample prints as a file name and its mutations, not a buffer's bytes.
const mutatedInput = fc.record({
  input: fc.constantFrom(...inputs.keys()),
  changes: fc.array(mutation, { minLength: 1, maxLength: 3 }),
  gzip: fc.boolean(),
});

function writeMutated(sample: { input: string; changes: Mutation[]; gzip: boolean }) {
  const mutated = sample.changes.reduce(mutate, inputs.get(sample.input) as Buffer);
  const dir = mkdtempSync(join(tmpdir(), 'whydenied-mutated-'));
  const path = join(dir, sample.gzip ? `${sample.input}.gz` : sample.input);
  writeFileSync(path, sample.gzip ? gzipSync(mutated) : mutated);
  return path;
}

/** Good inputs whose findings cannot depend on the mutated one: their own messages name the action. */
let goodDir = '';
beforeAll(() => {
  goodDir = mkdtempSync(join(tmpdir(), 'whydenied-good-'));
  writeFileSync(join(goodDir, 'stopped-reason.txt'), corpusMessage('ecs-01'));
  writeFileSync(join(goodDir, 'trail.json'), JSON.stringify({ Records: [corpusCase('ct-03').raw] }));
});

interface Output {
  findings: { action: string; evidence: { origin: string }[] }[];
}

/** Each piece of the good inputs' evidence and the action of the finding it landed in. */
function goodFindings(output: Output): string[] {
  return output.findings
    .flatMap((finding) =>
      finding.evidence
        .filter((item) => item.origin.startsWith(goodDir))
        .map((item) => `${item.origin} -> ${finding.action}`),
    )
    .sort();
}

describe('mutated real inputs', () => {
  it('never throw, always print JSON, and leave the good inputs’ findings as they were', async () => {
    const alone = await runCli(['analyze', goodDir, '--format', 'json']);
    const expected = goodFindings(JSON.parse(alone.stdout));
    expect(expected).toHaveLength(2);
    await fc.assert(
      fc.asyncProperty(mutatedInput, async (sample) => {
        const path = writeMutated(sample);
        const { code, stdout } = await runCli(['analyze', goodDir, path, '--format', 'json']);
        expect([0, 1, 3]).toContain(code);
        expect(goodFindings(JSON.parse(stdout) as Output)).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('read as streams, never reject, and leave the good inputs’ evidence as it was', async () => {
    const streamed: ReadLimits = { ...DEFAULT_LIMITS, wholeBelowBytes: 1024, maxRecordBytes: 512 * 1024 };
    const read = async (paths: string[]) => {
      const batches: FileBatch[] = [];
      for await (const batch of readFiles(paths, streamed)) batches.push(batch);
      return batches;
    };
    const good = (batches: FileBatch[]) =>
      batches
        .filter((batch) => batch.source.startsWith(goodDir))
        .map((batch) => ({ source: batch.source, evidence: batch.evidence, warnings: batch.warnings }));
    const expected = good(await read([goodDir]));
    // Compared with nothing, the good inputs' evidence would be "as it was" whatever the mutants did.
    expect(expected.flatMap((batch) => batch.evidence).length).toBeGreaterThan(0);
    await fc.assert(
      fc.asyncProperty(mutatedInput, async (sample) => {
        const path = writeMutated(sample);
        const batches = await read([goodDir, path]);
        expect(batches.map((batch) => batch.source)).toContain(path);
        expect(good(batches)).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
