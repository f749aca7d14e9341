/**
 * What every IaC renderer needs to know about a merged fix besides its policy: whose policy it
 * is (a role or user by name, a key, a repository, a bucket), in which account, what the
 * evidence left as `${Placeholder}`, and the comment lines that tell the reader why it is there.
 */
import { PLACEHOLDER, placeholdersIn } from '../../domain/fix.js';
import type { MergedFix } from '../../domain/merge-fixes.js';
import { wrap } from '../wrap.js';

export interface Principal {
  kind: 'role' | 'user';
  /** The name IAM's APIs take: the last path segment, without the path. */
  name: string;
}

const ARN = /^arn:[\w-]+:([\w-]+):[^:]*:([^:]*):(.*)$/;

export function serviceOf(target: string | null): string | null {
  return (target && ARN.exec(target)?.[1]) || null;
}

export function accountOf(target: string | null): string | null {
  return (target && ARN.exec(target)?.[2]) || null;
}

export function principalOf(target: string | null): Principal | null {
  const match = target ? ARN.exec(target) : null;
  if (match?.[1] !== 'iam') return null;
  const [type, ...path] = (match[3] ?? '').split('/');
  const name = path.at(-1);
  if (!name || (type !== 'role' && type !== 'user')) return null;
  return { kind: type, name };
}

/** The readable end of the target (role name, key id, repository, bucket, policy id). */
export function shortName(target: string | null): string {
  if (!target) return 'unknown-target';
  const rest = ARN.exec(target)?.[3] ?? target;
  return rest.split(/[/:]/).filter(Boolean).at(-1) ?? rest;
}

/** FNV-1a, 32 bits: a short, stable digest of a document (not a security boundary). */
function digest(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/**
 * An inline policy's name, unique to its statements and the same run after run: put-role-policy
 * replaces a policy of the same name, so one name for every fix would make the second fix
 * (another finding, a later incident) silently remove the first.
 */
export function policyNameOf(fix: MergedFix): string {
  const kind = fix.placement === 'deployer-policy' ? 'whydenied-deployer-fix' : 'whydenied-fix';
  return `${kind}-${digest(JSON.stringify(fix.policy?.Statement ?? fix.instructions))}`;
}

/** Placeholder names in the target and policy, in order of first appearance. */
export function placeholdersOf(fix: MergedFix): string[] {
  return placeholdersIn(fix);
}

export function splitPlaceholders(value: string): { text: string; placeholder: boolean }[] {
  const parts: { text: string; placeholder: boolean }[] = [];
  let from = 0;
  for (const match of value.matchAll(PLACEHOLDER)) {
    if (match.index > from) parts.push({ text: value.slice(from, match.index), placeholder: false });
    parts.push({ text: match[1] ?? '', placeholder: true });
    from = match.index + match[0].length;
  }
  if (from < value.length) parts.push({ text: value.slice(from), placeholder: false });
  return parts;
}

/** Words from the placement and the target, for labels and logical ids that stay the same run after run. */
export function labelWords(fix: MergedFix): string[] {
  const words = `${fix.placement} ${shortName(fix.target)}`.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return words.length > 0 ? words : ['fix'];
}

/** Makes labels unique in their output, in input order, so the same fixes always get the same labels. */
export function uniqueLabels(fixes: MergedFix[], label: (fix: MergedFix) => string, join: string): string[] {
  const seen = new Map<string, number>();
  return fixes.map((fix) => {
    const base = label(fix);
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base}${join}${count}`;
  });
}

const WIDTH = 96;

/** The comment lines above a snippet: which findings, the instructions, the account, verification, what to fill in. */
export function describe(fix: MergedFix): string[] {
  const findings = fix.findings.length === 1 ? 'finding' : 'findings';
  const lines = [
    `${fix.placement} of ${fix.target ?? 'an unknown target'} (${findings} ${fix.findings.join(', ')})`,
  ];
  const account = accountOf(fix.target);
  if (account) lines.push(`apply in account ${account}`);
  for (const instruction of fix.instructions) lines.push(...wrap(instruction, WIDTH));
  if (fix.verified === false) lines.push('WARNING: simulation says this does not allow the denied request');
  const placeholders = placeholdersOf(fix);
  if (placeholders.length > 0) {
    lines.push(
      ...wrap(
        `the evidence did not say ${placeholders.map((name) => `\${${name}}`).join(', ')}: fill in`,
        WIDTH,
      ),
    );
  }
  return lines;
}
