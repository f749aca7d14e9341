/**
 * `whydenied fix`: only the fixes, merged into one document per place to change, in the
 * format the user pastes (IAM JSON, Terraform, CloudFormation, AWS CLI commands).
 */
import { type Analysis, type Finding, SCHEMA_VERSION } from '../domain/analysis.js';
import { type MergedFix, mergeFixes } from '../domain/merge-fixes.js';
import { renderAwsCli } from './iac/aws-cli.js';
import { renderCloudFormation } from './iac/cloudformation.js';
import { renderTerraform } from './iac/terraform.js';
import { renderFixesJson } from './json.js';
import type { FixRenderers } from './markdown.js';
import { visibleStrings } from './visible-text.js';

export type FixFormat = 'json' | 'terraform' | 'cloudformation' | 'cli';

/** The snippets the Markdown report offers beside each policy document. */
export const IAC_RENDERERS: FixRenderers = [
  { title: 'Terraform', language: 'hcl', render: renderTerraform },
  { title: 'CloudFormation', language: 'yaml', render: renderCloudFormation },
  { title: 'AWS CLI', language: 'sh', render: renderAwsCli },
];

const RENDER: Record<Exclude<FixFormat, 'json'>, (fixes: MergedFix[]) => string> = {
  terraform: renderTerraform,
  cloudformation: renderCloudFormation,
  cli: renderAwsCli,
};

export function renderFixes(analysis: Analysis, format: FixFormat): string {
  if (format === 'json') return renderFixesJson(analysis);
  // Snippets print to the terminal and are pasted into code: no evidence character acts there.
  const rendered = RENDER[format](mergeFixes(visibleStrings(analysis.findings)));
  return rendered.endsWith('\n') ? rendered : `${rendered}\n`;
}

/**
 * The fixes of some findings only (one finding's, in the terminal UI's fix view), numbered as
 * the report numbers them. JSON is the document a user pastes into IAM when there is one,
 * else the `fix --format json` shape: valid JSON either way, so `jq` and the console take it.
 */
export function renderFixesOf(findings: Finding[], format: FixFormat, numbers?: readonly number[]): string {
  // Snippets print to the terminal and are pasted into code: no evidence character acts there.
  const merged = mergeFixes(visibleStrings(findings), numbers);
  if (format !== 'json') return RENDER[format](merged);
  const only = merged.length === 1 ? merged[0] : undefined;
  if (only?.policy && only.instructions.length <= 1) return `${JSON.stringify(only.policy, null, 2)}\n`;
  return `${JSON.stringify({ schemaVersion: SCHEMA_VERSION, fixes: merged }, null, 2)}\n`;
}
