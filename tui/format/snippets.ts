/**
 * One finding's fix in each format the fix view tabs between, rendered by src/report (the
 * same text `whydenied fix --format …` prints), plus the verification line.
 */
import type { Finding } from '../../src/domain/analysis.js';
import { compactJson } from '../../src/report/compact-json.js';
import { placementLabel } from '../../src/report/fix-text.js';
import { renderFixesOf } from '../../src/report/fixes.js';
import type { FixFormat } from '../state/navigation.js';

export const FORMAT_LABELS: Record<FixFormat, string> = {
  json: 'JSON',
  terraform: 'Terraform',
  cloudformation: 'CloudFormation',
  cli: 'AWS CLI',
};

/** File name extension of a written snippet. */
export const FORMAT_EXTENSIONS: Record<FixFormat, string> = {
  json: 'json',
  terraform: 'tf',
  cloudformation: 'yaml',
  cli: 'sh',
};

/**
 * The snippet of a finding's fix in one format; '' when the finding has no fix. `number` is the
 * finding's number in the list, so the snippet's comments name the finding the view is on.
 * JSON is valid JSON (the policy document itself when there is one), so a copied or written
 * snippet goes straight to `jq` or the IAM console.
 */
export function fixSnippet(finding: Finding, format: FixFormat, width = 76, number = 1): string {
  if (!finding.fix) return '';
  const rendered = renderFixesOf([finding], format, [number]).trimEnd();
  return format === 'json' ? compactJson(JSON.parse(rendered), width) : rendered;
}

/** "verified: …", "NOT verified: …" or why it was not checked. */
export function verificationLine(finding: Finding): string {
  const fix = finding.fix;
  if (!fix) return 'no fix proposed: the reasons say why';
  if (fix.verified === true) return `verified: ${fix.reason}`;
  if (fix.verified === false) return `NOT verified: ${fix.reason}`;
  return fix.reason;
}

/** "identity policy of arn:…": where the fix goes. */
export function placementText(part: {
  placement: Parameters<typeof placementLabel>[0]['placement'];
  target: string | null;
}): string {
  return `${placementLabel(part)}${part.target ? ` of ${part.target}` : ''}`;
}
