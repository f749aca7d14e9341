/**
 * A trust policy statement names a principal IAM accepts: a service principal
 * (`<name>.amazonaws.com`) or an ARN. Messages often name the assumer only in words ("Systems
 * Manager Automation", "the pipeline's role"); a statement made from those words would be
 * refused by IAM, or would trust nobody. Every real case of both files whose fix edits a trust
 * policy is checked (with the check taken out of trustFix, s-05's "the pipeline's role" and
 * ec-24's "the service's service principal" were such statements).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FixPart } from '../../src/domain/fix.js';
import { analyzeEvidence } from '../../src/pipeline.js';
import { textEvidence } from '../../src/sources/files/text-input.js';
import { type CorpusCase, corpusCases } from '../corpus-cases.js';

const extraCases = readFileSync(new URL('../extra-cases/cases.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as CorpusCase);

/**
 * An ARN may keep the placeholder a paste put for its account ('<root account ID>'), for the user
 * to fill in; a caller named only by a sign-in name is the fix's slot for its ARN, which the fix
 * says to fill ('${PrincipalArn}', gg-07).
 */
const ACCEPTED_PRINCIPAL =
  /^(?:[a-z0-9.-]+\.amazonaws\.com(?:\.cn)?|arn:[\w-]+:(?:iam|sts)::.+|\$\{PrincipalArn\})$/;

function principalsOf(part: FixPart): string[] {
  if (part.placement !== 'trust-policy' || !part.policy) return [];
  return part.policy.Statement.flatMap((statement) => {
    const principal = (statement as { Principal?: Record<string, string | string[]> }).Principal ?? {};
    return Object.values(principal).flat();
  });
}

describe('trust policy fixes', () => {
  it('name only a service principal or an ARN, in every real case whose fix edits a trust policy', async () => {
    const wrong: string[] = [];
    let trustFixes = 0;
    for (const item of [...corpusCases(), ...extraCases]) {
      if (typeof item.raw !== 'string') continue;
      const { findings } = await analyzeEvidence(textEvidence(item.raw, `${item.id}.txt`), []);
      for (const finding of findings) {
        if (!finding.fix) continue;
        for (const part of [finding.fix, ...finding.fix.alsoRequired]) {
          const principals = principalsOf(part);
          if (principals.length > 0) trustFixes += 1;
          for (const principal of principals)
            if (!ACCEPTED_PRINCIPAL.test(principal)) wrong.push(`${item.id}: ${principal}`);
        }
      }
    }
    // A check that found no trust fix at all would pass having checked nothing.
    expect(trustFixes).toBeGreaterThan(10);
    expect(wrong).toEqual([]);
  });
});
