/**
 * `whydenied check`'s report: each start-up request with its predicted decision, then the
 * predicted findings as `analyze` would print them, with their fixes.
 */
import type { CheckResult } from '../check.js';
import { analysisOfFindings } from '../domain/analysis.js';
import { renderText } from './text.js';

const MARK: Record<string, string> = { Allowed: '✓', ImplicitlyDenied: '✗', ExplicitlyDenied: '✗' };

export function renderCheckText(result: CheckResult): string {
  const out: string[] = [];
  result.definitions.forEach((definition) => {
    const denied = definition.requests.filter(
      (request) => request.decision && request.decision !== 'Allowed',
    );
    const unknown = definition.requests.filter((request) => request.decision === null);
    const verdict =
      denied.length > 0
        ? `would NOT start: ${denied.length} of ${definition.requests.length} start-up requests would be denied`
        : unknown.length > 0
          ? `could not be checked fully: ${unknown.length} of ${definition.requests.length} start-up requests lack the policies to decide`
          : `would start: all ${definition.requests.length} start-up requests are allowed`;
    out.push(`whydenied check: ${definition.taskDefinition} ${verdict}`, '');
    for (const request of definition.requests) {
      const mark = request.decision ? (MARK[request.decision] ?? '?') : '?';
      out.push(
        `  ${mark} ${request.role.padEnd(14)} ${request.step.padEnd(16)} ${request.action.padEnd(32)} ${request.resource}`,
      );
      if (request.decision !== 'Allowed') out.push(`      ${request.reason}`);
    }
    if (definition.findings.length > 0) {
      out.push('', 'Predicted findings, as analyze would report them after the deploy:', '');
      out.push(renderText(analysisOfFindings(definition.findings)).trimEnd());
    }
    out.push('');
  });
  if (result.notes.length > 0) {
    out.push('Read as:');
    for (const note of result.notes) out.push(` - ${note}`);
    out.push('');
  }
  if (result.warnings.length > 0) {
    out.push('Warnings (not checked, or not completely):');
    for (const warning of result.warnings)
      out.push(` - ${warning.origin}: ${warning.problem}; expected ${warning.expected}`);
  }
  return `${out.join('\n').trimEnd()}\n`;
}
