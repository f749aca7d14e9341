/**
 * The fixes of all findings, merged into one policy document per place (a role's identity
 * policy, a key policy, a trust policy): statements that grant the same actions under the
 * same principal and conditions become one, with the union of their resources.
 */
import type { Finding } from './analysis.js';
import type { FixPart, Placement, PolicyDocument, PolicyStatement } from './fix.js';

export interface MergedFix {
  placement: Placement;
  target: string | null;
  policy: PolicyDocument | null;
  instructions: string[];
  /** 1-based numbers of the findings this fixes, as the report numbers them. */
  findings: number[];
  verified: boolean | null;
}

function resourcesOf(statement: PolicyStatement): string[] | string | undefined {
  return statement.Resource;
}

function shapeOf(statement: PolicyStatement): string {
  return JSON.stringify([
    statement.Effect,
    [...statement.Action].sort(),
    statement.Principal ?? null,
    statement.Condition ?? null,
  ]);
}

function union(
  a: string[] | string | undefined,
  b: string[] | string | undefined,
): string[] | string | undefined {
  if (a === undefined || b === undefined) return a ?? b;
  if (a === '*' || b === '*') return '*';
  const list = [...new Set([...(Array.isArray(a) ? a : [a]), ...(Array.isArray(b) ? b : [b])])].sort();
  return list;
}

export function mergeStatements(statements: PolicyStatement[]): PolicyStatement[] {
  const byShape = new Map<string, PolicyStatement>();
  for (const statement of statements) {
    const shape = shapeOf(statement);
    const known = byShape.get(shape);
    if (!known) byShape.set(shape, { ...statement });
    else {
      const resource = union(resourcesOf(known), resourcesOf(statement));
      if (resource !== undefined) known.Resource = resource;
    }
  }
  // Sids must be unique within a policy: the same name for different grants gets a number.
  const seen = new Map<string, number>();
  return [...byShape.values()].map((statement) => {
    const count = (seen.get(statement.Sid) ?? 0) + 1;
    seen.set(statement.Sid, count);
    return count === 1 ? statement : { ...statement, Sid: `${statement.Sid}${count}` };
  });
}

/**
 * `numbers`: the report's number of each finding given, when only some are (one finding's fix
 * in the TUI is finding 4, not finding 1).
 */
export function mergeFixes(findings: Finding[], numbers?: readonly number[]): MergedFix[] {
  const merged = new Map<string, MergedFix & { statements: PolicyStatement[] }>();
  findings.forEach((finding, index) => {
    const number = numbers?.[index] ?? index + 1;
    if (!finding.fix) return;
    for (const part of [finding.fix as FixPart, ...finding.fix.alsoRequired]) {
      const key = `${part.placement}|${part.target ?? ''}`;
      const entry = merged.get(key) ?? {
        placement: part.placement,
        target: part.target,
        policy: null,
        instructions: [],
        findings: [],
        verified: finding.fix.verified,
        statements: [],
      };
      entry.statements.push(...(part.policy?.Statement ?? []));
      if (!entry.instructions.includes(part.instruction)) entry.instructions.push(part.instruction);
      if (!entry.findings.includes(number)) entry.findings.push(number);
      // One unverified part makes the merged document unverified; one failed makes it failed.
      if (entry.verified !== false)
        entry.verified = finding.fix.verified === null ? null : entry.verified && finding.fix.verified;
      merged.set(key, entry);
    }
  });
  return [...merged.values()].map(({ statements, ...entry }) => ({
    ...entry,
    policy: statements.length > 0 ? { Version: '2012-10-17', Statement: mergeStatements(statements) } : null,
  }));
}
