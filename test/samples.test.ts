/**
 * Each bundled scenario under samples/ through `whydenied analyze <folder> --format json`,
 * compared with its expected.json: the findings in order (only the fields the scenario
 * states; a fix by its placement, target, actions, resources and other parts needed), the
 * look-alikes by kind, and the number of input warnings.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Fix } from '../src/domain/fix.js';
import { runCli } from './run-cli.js';

const SAMPLES = new URL('../samples/', import.meta.url).pathname;

interface Expected {
  description: string;
  findings: Record<string, unknown>[];
  notPermission: { kind: string }[];
  warnings: number;
}

/** What a sample states of a fix: where it goes, the actions and resources it grants, what else it needs. */
function fixSummary(fix: Fix | null) {
  if (!fix) return null;
  const statements = fix.policy?.Statement ?? [];
  const resources = statements.flatMap((statement) =>
    statement.Resource === undefined
      ? []
      : Array.isArray(statement.Resource)
        ? statement.Resource
        : [statement.Resource],
  );
  return {
    placement: fix.placement,
    target: fix.target,
    actions: [...new Set(statements.flatMap((statement) => statement.Action))].sort(),
    resources: [...new Set(resources)].sort(),
    alsoRequired: fix.alsoRequired.map((part) => part.placement),
  };
}

const scenarios = readdirSync(SAMPLES).filter((name) => statSync(join(SAMPLES, name)).isDirectory());

async function analyse(folder: string): Promise<{ code: number; output: Record<string, unknown[]> }> {
  const { code, stdout } = await runCli(['analyze', folder, '--format', 'json']);
  return { code, output: JSON.parse(stdout) };
}

describe('bundled samples', () => {
  it('has at least ten scenarios', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(10);
  });

  for (const scenario of scenarios) {
    it(`${scenario} matches expected.json`, async () => {
      const folder = join(SAMPLES, scenario);
      const expected: Expected = JSON.parse(readFileSync(join(folder, 'expected.json'), 'utf8'));
      const { code, output } = await analyse(folder);
      const findings = output.findings as Record<string, unknown>[];
      const summary = (items: Record<string, unknown>[]) =>
        items.map((finding) => `${finding.role} ${finding.step} ${finding.action}`);
      expect(summary(findings), 'findings (role step action) in order').toEqual(summary(expected.findings));
      expected.findings.forEach((want, index) => {
        const got = findings[index] ?? {};
        const picked = Object.fromEntries(
          Object.keys(want).map((key) => [key, key === 'fix' ? fixSummary(got.fix as Fix | null) : got[key]]),
        );
        expect(picked, `finding ${index + 1}`).toEqual(want);
      });
      const kinds = (output.notPermission as { kind: string }[]).map((item) => item.kind).sort();
      expect(kinds, 'look-alikes').toEqual(expected.notPermission.map((item) => item.kind).sort());
      expect(output.warnings, 'input warnings').toHaveLength(expected.warnings);
      const wantCode = expected.warnings > 0 ? 3 : expected.findings.length > 0 ? 1 : 0;
      expect(code, 'exit code').toBe(wantCode);
    });
  }
});
