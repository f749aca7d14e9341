/**
 * `analyze --format events`: the run's event stream as JSON Lines, one event a line with its
 * code, level, type and payload, for a CI or another tool; the last line is the final analysis,
 * the same analysis `--format json` prints.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CODES } from '../../src/run-analysis.js';
import { runCli } from '../run-cli.js';

const SAMPLE = 'samples/ecr-pull-missing';
const directory = mkdtempSync(join(tmpdir(), 'whydenied-events-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

interface EventLine {
  code: string;
  level: string;
  type: string;
  payload: Record<string, unknown>;
}

const CODE_OF_TYPE: Record<string, string> = {
  progress: CODES.progress,
  'input-read': CODES.inputRead,
  analysing: CODES.analysing,
  evidence: CODES.evidence,
  warning: CODES.warning,
  note: CODES.note,
  interim: CODES.interim,
  final: CODES.final,
};

function parseLines(stdout: string): EventLine[] {
  expect(stdout.endsWith('\n')).toBe(true);
  return stdout
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as EventLine);
}

describe('analyze --format events', () => {
  it('prints every event as one JSON line, with its code, level, type and payload, the final analysis last', async () => {
    const run = await runCli(['analyze', SAMPLE, '--format', 'events']);
    const json = await runCli(['analyze', SAMPLE, '--format', 'json']);
    const lines = parseLines(run.stdout);
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(['code', 'level', 'type', 'payload']);
      expect(line.code).toBe(CODE_OF_TYPE[line.type]);
    }
    const types = lines.map((line) => line.type);
    // The sample's three files and its CloudTrail delivery file, each read once.
    expect(types.filter((type) => type === 'input-read')).toHaveLength(4);
    expect(types.indexOf('evidence')).toBeLessThan(types.indexOf('analysing'));
    expect(types.slice(-2)).toEqual(['analysing', 'final']);
    const final = lines.at(-1) as EventLine;
    expect(final.level).toBe('result');
    expect(final.payload.analysis).toEqual(JSON.parse(json.stdout));
    expect(run.code).toBe(json.code);
    expect(run.code).toBe(1);
  });

  it('says what an input could not give as a warning event naming the file, and goes on', async () => {
    const broken = join(directory, 'broken-trail.json');
    writeFileSync(broken, '{"Records": [{"eventVersion": "1.08", "eventSource": "ecr.amazonaws.com"');
    const run = await runCli(['analyze', SAMPLE, broken, '--format', 'events']);
    const warnings = parseLines(run.stdout).filter((line) => line.type === 'warning');
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.every((line) => line.code === CODES.warning && line.level === 'warn')).toBe(true);
    expect(JSON.stringify(warnings.map((line) => line.payload))).toContain('broken-trail.json');
    const final = parseLines(run.stdout).at(-1) as EventLine;
    expect((final.payload.analysis as { findings: unknown[] }).findings.length).toBeGreaterThan(0);
    expect(run.code).toBe(3);
  });

  it('with --redact, no line names the account, and a token means the same on every line', async () => {
    const plain = await runCli(['analyze', SAMPLE, '--format', 'events']);
    expect(plain.stdout).toContain('111122223333');
    const run = await runCli(['analyze', SAMPLE, '--format', 'events', '--redact']);
    expect(run.stdout).not.toMatch(/111122223333/);
    const lines = parseLines(run.stdout);
    const token = /arn:aws:iam::([^:]+):role\//.exec(
      JSON.stringify((lines.at(-1) as EventLine).payload),
    )?.[1];
    expect(token).toBeDefined();
    const evidence = lines.filter((line) => line.type === 'evidence').map((line) => JSON.stringify(line));
    expect(evidence.some((line) => line.includes(`arn:aws:iam::${token}:role/`))).toBe(true);
  });

  it('writes the same lines to -o', async () => {
    const file = join(directory, 'events.jsonl');
    const run = await runCli(['analyze', SAMPLE, '--format', 'events', '-o', file]);
    expect(run.stdout).toBe('');
    const lines = parseLines(readFileSync(file, 'utf8'));
    expect(lines.map((line) => line.type)).toEqual(
      parseLines((await runCli(['analyze', SAMPLE, '--format', 'events'])).stdout).map((line) => line.type),
    );
  });

  it('is in analyze --help, with what a line holds', async () => {
    const { stdout } = await runCli(['analyze', '--help']);
    expect(stdout).toMatch(/choices: "text",\s+"json",\s+"events"/);
    expect(stdout).toContain('--format events');
    expect(stdout).toContain('code, level, type, payload');
  });
});
