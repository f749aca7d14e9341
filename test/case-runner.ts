/**
 * Runs a file of real cases (the corpus format: test/corpus/README.md) through the CLI's
 * `analyze FILE --format json`, compares the first finding with each case's expectation,
 * prints per-field accuracy and every mismatch, and fails on any mismatch of any field a case
 * states, and on any case that gets no answer at all (no finding and no look-alike or note:
 * issue 11 wants a pasted error always answered). A mismatch known and explained elsewhere is
 * listed as pending with its reason; it is printed, and the test fails once it matches, so the
 * list cannot go stale.
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

/** Case id → field → why the mismatch is known and who owns it. */
export type PendingMisses = Record<string, Partial<Record<(typeof FIELDS)[number] | 'answered', string>>>;

export function runCaseFile(title: string, casesFile: string, pending: PendingMisses = {}): void {
  const cases: Case[] = readFileSync(casesFile, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
  const directory = mkdtempSync(join(tmpdir(), 'whydenied-cases-'));
  const tally = new Map([...FIELDS, 'answered'].map((field) => [field as string, { right: 0, total: 0 }]));
  const score = (field: string) => tally.get(field) ?? { right: 0, total: 0 };
  const mismatches: string[] = [];
  const unexpected: string[] = [];
  const stale: string[] = [];

  async function analyse(
    item: Case,
  ): Promise<{ findings: Record<string, unknown>[]; notPermission: Record<string, unknown>[] }> {
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
        const { findings, notPermission } = await analyse(item);
        const first = findings[0];
        const record = (field: string, right: boolean, text: string) => {
          score(field).total += 1;
          const known = pending[item.id]?.[field as keyof PendingMisses[string]];
          if (right) {
            score(field).right += 1;
            if (known) stale.push(`${item.id} ${field} now matches: remove it from the pending misses`);
            return;
          }
          mismatches.push(`${item.id} ${field}: ${text}${known ? ` (pending: ${known})` : ''}`);
          if (!known) unexpected.push(`${item.id} ${field}: ${text}`);
        };
        for (const field of FIELDS) {
          const expected = item.expected[field];
          if (expected === null || expected === undefined) continue;
          const none = expected === 'none' || expected === 'not-permission';
          const actual = first ? first[field] : none ? 'none' : '(no finding)';
          // A look-alike is right only when it is named as one, not merely left without a finding.
          const right = none
            ? first === undefined && notPermission.length > 0
            : same(field, expected, actual);
          record(
            field,
            right,
            `expected ${JSON.stringify(expected)}, got ${JSON.stringify(none && first === undefined ? 'no look-alike named' : actual)}`,
          );
        }
        record('answered', findings.length + notPermission.length > 0, 'no finding, no look-alike, no note');
      });
    }

    afterAll(() => {
      const lines = [...FIELDS, 'answered'].map((field) => {
        const { right, total } = score(field);
        return `  ${field.padEnd(13)} ${right}/${total} (${((100 * right) / Math.max(total, 1)).toFixed(1)}%)`;
      });
      console.log(`${title}: accuracy over ${cases.length} cases\n${lines.join('\n')}`);
      if (mismatches.length > 0) console.log(`mismatches:\n  ${mismatches.join('\n  ')}`);
    });

    it('every field a case states is right, but for the pending misses listed with their reasons', () => {
      // Runs after the per-case tests above: vitest runs a file's tests in order.
      expect(score('role').total).toBeGreaterThan(0);
      expect(unexpected).toEqual([]);
      expect(stale).toEqual([]);
    });
  });
}
