/**
 * The incident report in Markdown: readable as plain text in a chat channel, rendered on
 * GitHub for a post-mortem. Summary, timeline, the denials by revision and role, the fixes
 * ready to paste, and every piece of evidence in a collapsible appendix.
 */
// One function at a time: the date-fns barrel costs a tenth of a second at start-up.
import { formatDistanceStrict } from 'date-fns/formatDistanceStrict';
import { type Analysis, type Finding, REPORT_TITLE, splitNotPermission } from '../domain/analysis.js';
import { causeLine } from '../domain/iam-cause.js';
import { type MergedFix, mergeFixes } from '../domain/merge-fixes.js';
import { policyName } from '../domain/policy-verdict.js';
import { diagnosisSentence } from './diagnosis.js';
import { placementLabel } from './fix-text.js';
import {
  markdownCode as code,
  markdownCell,
  markdownFence,
  markdownText as text,
} from './markdown-escape.js';
import { stepLabel } from './step-label.js';
import { visibleJson } from './visible-text.js';

/** Extra renderings of the merged fixes (Terraform, CloudFormation, the AWS CLI), by title. */
export type FixRenderers = { title: string; language: string; render: (fixes: MergedFix[]) => string }[];

const ROLE_TITLE: Record<Finding['role'], string> = {
  'execution-role': 'Execution role',
  'task-role': 'Task role',
  other: 'Other principals',
};

function utc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function window(analysis: Analysis): string | null {
  const times = analysis.timeline.map((event) => event.time);
  if (times.length === 0) return null;
  const first = times[0] ?? '';
  const last = times[times.length - 1] ?? first;
  return `${utc(first)} to ${utc(last)} UTC (${formatDistanceStrict(new Date(last), new Date(first))})`;
}

function summary(analysis: Analysis): string[] {
  const { findings, notPermission, warnings } = analysis;
  const roles = (['execution-role', 'task-role', 'other'] as const)
    .map(
      (role) =>
        [ROLE_TITLE[role].toLowerCase(), findings.filter((finding) => finding.role === role).length] as const,
    )
    .filter(([, count]) => count > 0)
    .map(([title, count]) => `${title}: ${count}`);
  const distinct = (values: (string | null)[]) => [
    ...new Set(values.filter((value): value is string => value !== null)),
  ];
  const revisions = distinct(findings.map((finding) => finding.taskDefinition));
  const services = distinct(findings.map((finding) => finding.service));
  const span = window(analysis);
  const lines = [
    '## Summary',
    '',
    `- **${plural(findings.length, 'permission failure')}**${roles.length > 0 ? ` (${roles.join(', ')})` : ''}.`,
    `- ${plural(notPermission.length, 'look-alike')} that ${notPermission.length === 1 ? 'is' : 'are'} not a permission failure; ${plural(warnings.length, 'input warning')}.`,
  ];
  if (span) lines.push(`- Window: ${span}.`);
  if (services.length > 0) lines.push(`- Services: ${services.map(code).join(', ')}.`);
  if (revisions.length > 0) lines.push(`- Task definition revisions: ${revisions.map(code).join(', ')}.`);
  lines.push(`- Inputs: ${plural(analysis.stats.inputs, 'file')} read.`);
  if (findings.length > 0) {
    lines.push('', '**Root causes**', '');
    findings.forEach((finding, index) => {
      lines.push(`${index + 1}. ${text(diagnosisSentence(finding))}`);
    });
  }
  return [...lines, ''];
}

/** Times relative to the first denial (T), so the build-up and the aftermath read at a glance. */
function relative(time: string, zero: string): string {
  if (time === zero) return 'T';
  const distance = formatDistanceStrict(new Date(time), new Date(zero));
  return time < zero ? `T - ${distance}` : `T + ${distance}`;
}

function timeline(analysis: Analysis): string[] {
  if (analysis.timeline.length === 0) return [];
  const zero =
    analysis.timeline.find((event) => event.kind === 'denial-first-seen')?.time ??
    analysis.timeline[0]?.time ??
    '';
  const rows = analysis.timeline.map((event) => {
    const what = event.finding ? `${event.text}, finding ${event.finding}` : event.text;
    return `| ${utc(event.time)} | ${relative(event.time, zero)} | ${markdownCell(text(what))} | ${markdownCell(code(event.origin))} |`;
  });
  return [
    '## Timeline',
    '',
    'T is the first denial.',
    '',
    '| UTC | relative | event | evidence |',
    '|---|---|---|---|',
    ...rows,
    '',
  ];
}

function policyLine(finding: Finding): string {
  const name = finding.policyType ? policyName(finding.policyType) : 'not named';
  const kind =
    finding.explicitDeny === true
      ? 'explicit deny'
      : finding.explicitDeny === false
        ? 'no Allow'
        : 'not said';
  return `${name}, ${kind}${finding.policyArn ? ` (${code(finding.policyArn)})` : ''}`;
}

function findingSection(finding: Finding, number: number): string[] {
  const lines = [
    `#### ${number}. ${stepLabel(finding)}: ${text(finding.action ?? 'action not named')}${finding.count > 1 ? ` (seen ${finding.count} times)` : ''}`,
    '',
    text(diagnosisSentence(finding)),
    '',
  ];
  if (finding.resource) {
    const more = finding.resources.length > 1 ? ` and ${finding.resources.length - 1} more like it` : '';
    lines.push(`- Resource: ${code(finding.resource)}${more}`);
  }
  if (finding.roleArn) lines.push(`- Role: ${code(finding.roleArn)}`);
  else if (finding.principalArn) lines.push(`- Principal: ${code(finding.principalArn)}`);
  if (finding.taskId) lines.push(`- Task: ${code(finding.taskId)}`);
  lines.push(`- Policy: ${policyLine(finding)}`);
  if (finding.firstSeen) {
    lines.push(
      `- Seen: ${utc(finding.firstSeen)}${finding.lastSeen && finding.lastSeen !== finding.firstSeen ? ` to ${utc(finding.lastSeen)}` : ''} UTC`,
    );
  }
  if (finding.cause) lines.push(`- Cause: ${text(causeLine(finding.cause, true))}`);
  lines.push('- Why:', ...finding.reasons.map((reason) => `  - ${text(reason)}`), '');
  return lines;
}

function byRevision(findings: Finding[]): string[] {
  if (findings.length === 0) return [];
  const groups = new Map<string, { number: number; finding: Finding }[]>();
  findings.forEach((finding, index) => {
    const key = finding.taskDefinition ?? '';
    groups.set(key, [...(groups.get(key) ?? []), { number: index + 1, finding }]);
  });
  const lines = ['## Denials by task definition revision', ''];
  for (const [revision, members] of groups) {
    lines.push(`### ${revision ? code(revision) : 'No revision known'}`, '');
    const change = members[0]?.finding.revisionChange;
    if (change && change.changes.length > 0) {
      lines.push(
        `Changed since ${code(change.previous)}:`,
        '',
        ...change.changes.map((changed) => `- ${text(changed)}`),
        '',
      );
    } else if (change) {
      lines.push(
        `Nothing changed since ${code(change.previous)} that explains these denials: look for a policy change.`,
        '',
      );
    }
    for (const role of ['execution-role', 'task-role', 'other'] as const) {
      const ofRole = members.filter((member) => member.finding.role === role);
      if (ofRole.length === 0) continue;
      lines.push(`**${ROLE_TITLE[role]}**`, '');
      for (const { number, finding } of ofRole) lines.push(...findingSection(finding, number));
    }
  }
  return lines;
}

function fixes(analysis: Analysis, renderers: FixRenderers): string[] {
  const merged = mergeFixes(analysis.findings);
  if (merged.length === 0) return [];
  const lines = ['## Fixes', ''];
  for (const fix of merged) {
    const where = `${placementLabel(fix)}${fix.target ? ` of ${code(fix.target)}` : ''}`;
    lines.push(`### ${where} (finding${fix.findings.length > 1 ? 's' : ''} ${fix.findings.join(', ')})`, '');
    lines.push(...fix.instructions.map((instruction) => `- ${text(instruction)}`));
    const verdict =
      fix.verified === true
        ? 'verified by simulation'
        : fix.verified === false
          ? '**not verified**: see the findings'
          : 'not verified (no --policies)';
    lines.push(`- ${verdict}`, '');
    if (fix.policy)
      lines.push(...markdownFence(visibleJson(JSON.stringify(fix.policy, null, 2)), 'json'), '');
  }
  for (const renderer of renderers) {
    lines.push(
      '<details>',
      `<summary>${renderer.title}</summary>`,
      '',
      ...markdownFence(renderer.render(merged).trimEnd(), renderer.language),
      '',
      '</details>',
      '',
    );
  }
  return lines;
}

function notPermission(analysis: Analysis): string[] {
  const line = (item: Analysis['notPermission'][number]) =>
    `- **${text(item.kind)}** (${plural(item.count, 'time')}): ${code(item.message)}. Likely cause: ${text(item.likelyCause)}. Seen in ${code(item.origin)}.`;
  const { lookAlikes, unrecognised } = splitNotPermission(analysis.notPermission);
  return [
    ...(lookAlikes.length > 0
      ? [
          '## Not permission failures',
          '',
          'No policy change will help these:',
          '',
          ...lookAlikes.map(line),
          '',
        ]
      : []),
    ...(unrecognised.length > 0
      ? [
          '## Errors read and not recognised',
          '',
          'whydenied could not place these; look at them yourself:',
          '',
          ...unrecognised.map(line),
          '',
        ]
      : []),
  ];
}

function inputs(analysis: Analysis): string[] {
  const lines: string[] = [];
  if (analysis.advisories.length > 0) {
    lines.push(
      '## Advisories',
      '',
      ...analysis.advisories.map((advisory) => `- ${text(advisory.message)} (${code(advisory.origin)})`),
      '',
    );
  }
  if (analysis.warnings.length > 0) {
    lines.push(
      '## Input warnings',
      '',
      'These inputs were not read, or not completely:',
      '',
      ...analysis.warnings.map(
        (warning) =>
          `- ${code(warning.origin)}: ${text(warning.problem)}; expected ${text(warning.expected)}`,
      ),
      '',
    );
  }
  return lines;
}

/** A CloudTrail record is one long line of JSON: indented, it can be read. */
function readable(raw: string): string {
  if (!raw.startsWith('{')) return raw;
  try {
    return JSON.stringify(JSON.parse(raw), null, 2);
  } catch {
    return raw;
  }
}

function appendix(findings: Finding[]): string[] {
  if (findings.length === 0) return [];
  const lines = ['## Appendix: evidence', ''];
  findings.forEach((finding, index) => {
    lines.push(
      '<details>',
      `<summary>Finding ${index + 1}: ${plural(finding.evidence.length + (finding.evidenceOmitted ?? 0), 'piece')} of evidence</summary>`,
      '',
    );
    if (finding.evidenceOmitted) {
      lines.push(
        `The first and last pieces are cited; ${finding.evidenceOmitted} more (\`--all-evidence\` cites every one) are in:`,
        '',
        ...(finding.evidenceOrigins ?? []).map((origin) => `- ${code(origin)}`),
        '',
      );
    }
    for (const item of finding.evidence) {
      lines.push(
        `- ${code(item.origin)} (${text(item.kind)})`,
        '',
        ...markdownFence(visibleJson(readable(item.raw)), '', '  '),
        '',
      );
    }
    lines.push('</details>', '');
  });
  return lines;
}

export function renderMarkdown(analysis: Analysis, renderers: FixRenderers = []): string {
  const lines = [
    REPORT_TITLE,
    '',
    ...summary(analysis),
    ...timeline(analysis),
    ...byRevision(analysis.findings),
    ...fixes(analysis, renderers),
    ...notPermission(analysis),
    ...inputs(analysis),
    ...appendix(analysis.findings),
  ];
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
