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

export interface Case {
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

export interface CaseOutput {
  findings: Record<string, unknown>[];
  notPermission: Record<string, unknown>[];
}

export interface Verdict {
  field: string;
  right: boolean;
  text: string;
  /** Why a mismatch here is known, when it is listed as pending. */
  pending: string | null;
}

/**
 * Every field the case states against the first finding, and whether the case got an answer:
 * a `none` case is right only when nothing was found and a look-alike was named.
 */
export function judgeCase(item: Case, output: CaseOutput, pending: PendingMisses = {}): Verdict[] {
  const { findings, notPermission } = output;
  const first = findings[0];
  const known = (field: string) => pending[item.id]?.[field as keyof PendingMisses[string]] ?? null;
  const verdicts: Verdict[] = [];
  for (const field of FIELDS) {
    const expected = item.expected[field];
    if (expected === null || expected === undefined) continue;
    const none = expected === 'none' || expected === 'not-permission';
    const actual = first ? first[field] : none ? 'none' : '(no finding)';
    const right = none ? first === undefined && notPermission.length > 0 : same(field, expected, actual);
    const got = none && first === undefined ? 'no look-alike named' : actual;
    verdicts.push({
      field,
      right,
      text: `expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`,
      pending: known(field),
    });
  }
  verdicts.push({
    field: 'answered',
    right: findings.length + notPermission.length > 0,
    text: 'no finding, no look-alike, no note',
    pending: known('answered'),
  });
  return verdicts;
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

  async function analyse(item: Case): Promise<CaseOutput> {
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
        for (const verdict of judgeCase(item, await analyse(item), pending)) {
          score(verdict.field).total += 1;
          if (verdict.right) score(verdict.field).right += 1;
          if (verdict.right && verdict.pending)
            stale.push(`${item.id} ${verdict.field} now matches: remove it from the pending misses`);
          if (verdict.right) continue;
          mismatches.push(
            `${item.id} ${verdict.field}: ${verdict.text}${verdict.pending ? ` (pending: ${verdict.pending})` : ''}`,
          );
          if (!verdict.pending) unexpected.push(`${item.id} ${verdict.field}: ${verdict.text}`);
        }
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
