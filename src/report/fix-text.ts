/**
 * A fix as text: where it goes, the policy to paste, and whether it was verified.
 */
import type { Fix, FixPart } from '../domain/fix.js';
import { compactJson } from './compact-json.js';
import { wrap } from './wrap.js';

const PLACEMENT_LABEL: Record<FixPart['placement'], string> = {
  'identity-policy': 'identity policy',
  'key-policy': 'KMS key policy',
  'repository-policy': 'ECR repository policy',
  'resource-policy': 'resource policy',
  'trust-policy': 'trust policy',
  'deployer-policy': "deployer's policy",
  'policy-change': 'change the denying policy',
};

export function placementLabel(part: Pick<FixPart, 'placement'>): string {
  return PLACEMENT_LABEL[part.placement];
}

function partLines(part: FixPart, width: number): string[] {
  // The target (an ARN) on a line of its own: it rarely fits beside the label at 80 columns.
  const where = part.target
    ? [`${placementLabel(part)} of`, `${part.target}:`]
    : [`${placementLabel(part)}:`];
  const lines = [...where, ...wrap(part.instruction, width)];
  if (part.policy) lines.push(...compactJson(part.policy, width).split('\n'));
  return lines;
}

/** The fix's parts in order (the main change, then what else the same denial needs), and its verification. */
export function fixLines(fix: Fix, width = 64): string[] {
  const lines = partLines(fix, width);
  for (const part of fix.alsoRequired) lines.push('and also:', ...partLines(part, width));
  const verdict =
    fix.verified === true
      ? `verified: ${fix.reason}`
      : fix.verified === false
        ? `NOT verified: ${fix.reason}`
        : fix.reason;
  lines.push(...wrap(verdict, width));
  return lines;
}
