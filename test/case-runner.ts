/**
 * Runs a file of real cases (the corpus format: test/corpus/README.md) through the CLI's
 * `analyze FILE --format json`, compares the first finding with each case's expectation,
 * prints per-field accuracy and every mismatch, and gates on role accuracy.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

interface Case {
  id: string;
  kind: string;
  raw: unknown;
  expected: Record<string, string | boolean | null>;
}

const FIELDS = ['role', 'step', 'action', 'resource', 'policyType', 'explicitDeny'] as const;

/** IAM actions are case-insensitive; the contract prints iam-data's case, some cases the message's. */
function same(field: string, expected: unknown, actual: unknown): boolean {
  if (field === 'action' && typeof expected === 'string' && typeof actual === 'string') {
    return expected.toLowerCase() === actual.toLowerCase();
  }
  return expected === actual;
}

export function runCaseFile(title: string, casesFile: string, minimumRoleAccuracy: number): void {
  const cases: Case[] = readFileSync(casesFile, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
  const directory = mkdtempSync(join(tmpdir(), 'whydenied-cases-'));
  const tally = new Map(FIELDS.map((field) => [field as string, { right: 0, total: 0 }]));
  const score = (field: string) => tally.get(field) ?? { right: 0, total: 0 };
  const mismatches: string[] = [];

  async function analyse(item: Case): Promise<{ findings: Record<string, unknown>[] }> {
    // Each case as a user would save it: a record as a CloudTrail file, a message as text.
    const file = join(directory, `${item.id}.input`);
    writeFileSync(
      file,
      item.kind === 'cloudtrail-record' ? JSON.stringify({ Records: [item.raw] }) : String(item.raw),
    );
    return JSON.parse((await runCli(['analyze', file, '--format', 'json'])).stdout);
  }

  describe(title, () => {
    for (const item of cases) {
      it(`${item.id} is analysed`, async () => {
        const { findings } = await analyse(item);
        const first = findings[0];
        for (const field of FIELDS) {
          const expected = item.expected[field];
          if (expected === null || expected === undefined) continue;
          score(field).total += 1;
          const none = expected === 'none' || expected === 'not-permission';
          const actual = first ? first[field] : none ? 'none' : '(no finding)';
          const right = none ? first === undefined : same(field, expected, actual);
          if (right) score(field).right += 1;
          else
            mismatches.push(
              `${item.id} ${field}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`,
            );
        }
      });
    }

    afterAll(() => {
      const lines = FIELDS.map((field) => {
        const { right, total } = score(field);
        return `  ${field.padEnd(13)} ${right}/${total} (${((100 * right) / Math.max(total, 1)).toFixed(1)}%)`;
      });
      console.log(`${title}: accuracy over ${cases.length} cases\n${lines.join('\n')}`);
      if (mismatches.length > 0) console.log(`mismatches:\n  ${mismatches.join('\n  ')}`);
    });

    it(`role accuracy is at least ${minimumRoleAccuracy * 100}%`, () => {
      // Runs after the per-case tests above: vitest runs a file's tests in order.
      const { right, total } = score('role');
      expect(total).toBeGreaterThan(0);
      expect(right / total).toBeGreaterThanOrEqual(minimumRoleAccuracy);
    });
  });
}
