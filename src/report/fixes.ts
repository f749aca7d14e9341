/**
 * `whydenied fix`: only the fixes, merged into one document per place to change, in the
 * format the user pastes (IAM JSON, Terraform, CloudFormation, AWS CLI commands).
 */
import type { Analysis, Finding } from '../domain/analysis.js';
import { type MergedFix, mergeFixes } from '../domain/merge-fixes.js';
import { renderAwsCli } from './iac/aws-cli.js';
import { renderCloudFormation } from './iac/cloudformation.js';
import { renderTerraform } from './iac/terraform.js';
import { renderFixesJson } from './json.js';
import type { FixRenderers } from './markdown.js';

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
  const rendered = RENDER[format](mergeFixes(analysis.findings));
  return rendered.endsWith('\n') ? rendered : `${rendered}\n`;
}

/** The fixes of some findings only (one finding's, in the terminal UI's fix view), in an IaC format. */
export function renderFixesOf(findings: Finding[], format: Exclude<FixFormat, 'json'>): string {
  return RENDER[format](mergeFixes(findings));
}
