/**
 * Hostile and huge inputs (issue 10): deep nesting, loops and special files in the walked
 * tree, sizes past what one string holds, nothing readable at all. The run never throws,
 * always prints its JSON, and what was readable beside the hostile input is still analysed.
 * Sizes are realistic for the failure (a 200,000-deep array) but generated here, small
 * enough to keep the suite fast; the 600 MB stream belongs to `npm run bench`.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusCase, corpusMessage } from '../corpus-cases.js';
import { runCli } from '../run-cli.js';

interface Output {
  findings: { action: string; evidence: unknown[] }[];
  warnings: { origin: string; problem: string; expected: string }[];
  stats: { inputs: number; denials: number };
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'whydenied-hostile-'));
}

async function analyse(...paths: string[]): Promise<{ code: number; output: Output }> {
  const { code, stdout } = await runCli(['analyze', ...paths, '--format', 'json']);
  return { code, output: JSON.parse(stdout) as Output };
}

const actions = (output: Output) => output.findings.map((finding) => finding.action).sort();

/** `[[[...]]]` as text: JSON.parse takes it, a recursive reader of the parsed value does not. */
const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** A value nested `depth` objects deep, built as text so building it recurses nowhere. */
const deepObjectText = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/** ct-03 (a LeaveOrganization denial) with a request parameter nested `depth` levels deep. */
function deepRequestRecord(depth: number): string {
  const record = JSON.stringify({ ...(corpusCase('ct-03').raw as object), requestParameters: '@' });
  return record.replace('"@"', `{"filter":${deepObjectText(depth)}}`);
}

describe('deep nesting', () => {
  it('a 200,000-deep JSON array is a warning naming the file; the good input beside it is read', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'deep.json'), deepArray(200_000));
    writeFileSync(join(dir, 'good.txt'), corpusMessage('ecs-01'));
    const { code, output } = await analyse(dir);
    expect(output.warnings).toEqual([
      expect.objectContaining({ origin: expect.stringContaining(join(dir, 'deep.json')) }),
    ]);
    expect(output.warnings[0]?.problem).toMatch(/nested/);
    expect(actions(output)).toEqual(['ssm:GetParameters']);
    expect(code).toBe(3);
  });

  it('in a directory of nine or more files, the deep one costs itself only', async () => {
    const dir = tempDir();
    for (let index = 0; index < 10; index++)
      writeFileSync(join(dir, `good-${index}.txt`), corpusMessage('ecs-01'));
    writeFileSync(join(dir, 'deep.json'), deepArray(200_000));
    const { code, output } = await analyse(dir);
    expect(output.warnings).toHaveLength(1);
    expect(output.warnings[0]?.origin).toContain('deep.json');
    expect(output.stats.inputs).toBe(11);
    expect(output.findings[0]?.evidence).toHaveLength(10);
    expect(code).toBe(3);
  });

  it('a denial whose requestParameters nest 6,000 levels deep is still found', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'trail.json'), `{"Records":[${deepRequestRecord(6_000)}]}`);
    const { output } = await analyse(dir);
    expect(actions(output)).toEqual(['organizations:LeaveOrganization']);
  });

  it('a JSON Lines row nested 4,000 levels deep is a warning naming the line; the other rows are read', async () => {
    const dir = tempDir();
    const rows = [
      JSON.stringify(corpusCase('ct-02').raw),
      `{"eventSource":"s3.amazonaws.com","eventName":"GetObject","x":${deepArray(4_000)}}`,
      deepArray(4_000),
      deepRequestRecord(4_000),
    ];
    writeFileSync(join(dir, 'trail.jsonl'), `${rows.join('\n')}\n`);
    const { output } = await analyse(dir);
    expect(actions(output)).toEqual(['organizations:LeaveOrganization', 'sts:AssumeRole']);
    expect(output.warnings.map((warning) => warning.origin)).toEqual([`${join(dir, 'trail.jsonl')}#line 3`]);
    expect(output.warnings[0]?.problem).toMatch(/nested/);
  });
});
