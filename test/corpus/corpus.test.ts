/**
 * Every real case of test/corpus/cases.jsonl (a copy of ../shared/corpus/) through the CLI's
 * `analyze FILE --format json`, compared on the first finding. Prints per-field accuracy and
 * every mismatch; gates on role accuracy (issue 2: at least 95%).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';

interface CorpusCase {
  id: string;
  kind: string;
  raw: unknown;
  expected: Record<string, string | boolean | null>;
  source: string;
}

const FIELDS = ['role', 'step', 'action', 'resource', 'policyType', 'explicitDeny'] as const;
const casesFile = process.env.WHYDENIED_CASES ?? new URL('./cases.jsonl', import.meta.url).pathname;
const cases: CorpusCase[] = readFileSync(casesFile, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line));

const directory = mkdtempSync(join(tmpdir(), 'whydenied-corpus-'));
const tally: Record<string, { right: number; total: number }> = Object.fromEntries(
  FIELDS.map((field) => [field, { right: 0, total: 0 }]),
);
const score = (field: string) => tally[field] ?? { right: 0, total: 0 };
const mismatches: string[] = [];

async function analyse(item: CorpusCase): Promise<{ findings: Record<string, unknown>[]; notPermission: unknown[] }> {
  const file = join(directory, `${item.id}.input`);
  writeFileSync(file, item.kind === 'cloudtrail-record' ? JSON.stringify({ Records: [item.raw] }) : String(item.raw));
  let stdout = '';
  await main(['analyze', file, '--format', 'json'], { stdout: (text) => (stdout += text), stderr: () => {} });
  return JSON.parse(stdout);
}

/** IAM actions are case-insensitive; the contract prints iam-data's case, some cases the message's. */
function same(field: string, expected: unknown, actual: unknown): boolean {
  if (field === 'action' && typeof expected === 'string' && typeof actual === 'string') {
    return expected.toLowerCase() === actual.toLowerCase();
  }
  return expected === actual;
}

describe('corpus of real AccessDenied evidence', () => {
  for (const item of cases) {
    it(`${item.id} is analysed without error`, async () => {
      const analysis = await analyse(item);
      const first = analysis.findings[0];
      for (const field of FIELDS) {
        const expected = item.expected[field];
        if (expected === null || expected === undefined) continue;
        score(field).total += 1;
        let right: boolean;
        let actual: unknown;
        if (expected === 'none' || expected === 'not-permission') {
          actual = first ? first[field] : 'none';
          right = first === undefined;
        } else {
          actual = first ? first[field] : '(no finding)';
          right = same(field, expected, actual);
        }
        if (right) score(field).right += 1;
        else mismatches.push(`${item.id} ${field}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
      }
      expect(analysis.findings.length + analysis.notPermission.length).toBeGreaterThanOrEqual(0);
    });
  }

  afterAll(() => {
    const lines = FIELDS.map((field) => {
      const { right, total } = score(field);
      return `  ${field.padEnd(13)} ${right}/${total} (${((100 * right) / Math.max(total, 1)).toFixed(1)}%)`;
    });
    console.log(`corpus accuracy over ${cases.length} cases:\n${lines.join('\n')}`);
    if (mismatches.length > 0) console.log(`mismatches:\n  ${mismatches.join('\n  ')}`);
  });

  it('role accuracy is at least 95%', async () => {
    // Runs after the per-case tests above (vitest runs a file's tests in order).
    const { right, total } = score('role');
    expect(total).toBeGreaterThan(0);
    expect(right / total).toBeGreaterThanOrEqual(0.95);
  });
});
