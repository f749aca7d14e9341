/**
 * Broken input never stops the run: each kind gives a warning naming the file (and the
 * record or line) and what was expected, and the good input beside it is still analysed.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { corpusCase, corpusMessage } from '../corpus-cases.js';
import { runCli } from '../run-cli.js';

interface Output {
  findings: { action: string }[];
  warnings: { origin: string; problem: string; expected: string }[];
}

async function analyse(
  files: Record<string, string | Buffer>,
): Promise<{ code: number; output: Output; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'whydenied-malformed-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  // A good input beside every broken one: it must still be analysed.
  writeFileSync(join(dir, 'good.txt'), corpusMessage('ecs-01'));
  const { code, stdout } = await runCli(['analyze', dir, '--format', 'json']);
  return { code, output: JSON.parse(stdout), dir };
}

const record = JSON.stringify({ Records: [corpusCase('ct-03').raw] });

describe('malformed input', () => {
  it.each([
    ['truncated gzip', 'a.json.gz', gzipSync(record).subarray(0, 40), /broken gzip/],
    ['invalid JSON', 'b.json', '{"Records":[{"eventName": ', /invalid JSON/],
    ['an empty file', 'c.json', '', /empty input/],
    ['binary content', 'd.bin', Buffer.from([0x00, 0x01, 0xff, 0xfe, 0x00, 0x42]), /binary content/],
    ['JSON of an unknown shape', 'e.json', '{"hello": "world"}', /unknown shape/],
  ])('%s: a warning names the file, and the rest is analysed', async (_kind, name, content, problem) => {
    const { code, output, dir } = await analyse({ [name]: content });
    expect(output.warnings).toHaveLength(1);
    expect(output.warnings[0]?.origin).toBe(join(dir, name));
    expect(output.warnings[0]?.problem).toMatch(problem);
    expect(output.warnings[0]?.expected).not.toBe('');
    expect(output.findings.map((finding) => finding.action)).toEqual(['ssm:GetParameters']);
    expect(code).toBe(3);
  });

  it('a broken line of JSON Lines names the line; the other lines are read', async () => {
    const line = JSON.stringify(corpusCase('ct-03').raw);
    const { output, dir } = await analyse({
      'f.jsonl': `${line}\n{"eventName": broken\n${JSON.stringify(corpusCase('ct-02').raw)}\n`,
    });
    expect(output.warnings).toEqual([
      {
        origin: `${join(dir, 'f.jsonl')}#line 2`,
        problem: expect.stringMatching(/invalid JSON/),
        expected: 'one JSON object per line',
      },
    ]);
    expect(output.findings.map((finding) => finding.action).sort()).toEqual([
      'organizations:LeaveOrganization',
      'ssm:GetParameters',
      'sts:AssumeRole',
    ]);
  });

  it('a record that is not a CloudTrail record names its index', async () => {
    const { output, dir } = await analyse({
      'g.json': JSON.stringify({ Records: [corpusCase('ct-03').raw, { nope: 1 }] }),
    });
    expect(output.warnings[0]?.origin).toBe(`${join(dir, 'g.json')}#Records[1]`);
    expect(output.findings).toHaveLength(2);
  });

  it('a path that does not exist is a warning, not a crash', async () => {
    const { code, stdout } = await runCli(['analyze', '/nonexistent/whydenied', '--format', 'json']);
    expect(JSON.parse(stdout).warnings[0]).toMatchObject({
      origin: '/nonexistent/whydenied',
      problem: 'no such file or directory',
    });
    expect(code).toBe(3);
  });
});
