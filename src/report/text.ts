/**
 * The default terminal rendering: readable at 80 columns, one block per finding with the
 * diagnosis first and the evidence it rests on last.
 */
// One function at a time: the date-fns barrel costs a tenth of a second at start-up.
import { formatDistanceStrict } from 'date-fns/formatDistanceStrict';
import { type Analysis, type Finding, splitNotPermission } from '../domain/analysis.js';
import { causeLine } from '../domain/iam-cause.js';
import type { PolicyType } from '../domain/iam-denial-message.js';
import { denyWords, policyName } from '../domain/policy-verdict.js';
import { fixLines } from './fix-text.js';
import { stepLabel } from './step-label.js';
import { visibleStrings } from './visible-text.js';
import { wrap } from './wrap.js';

const WIDTH = 80;
const LABEL = 12;

const ROLE_LABEL: Record<Finding['role'], string> = {
  'execution-role': 'EXECUTION ROLE',
  'task-role': 'TASK ROLE',
  other: 'OTHER',
};

function field(label: string, values: string[]): string[] {
  const indent = ' '.repeat(4 + LABEL);
  // One value, one line: a line break inside an ARN would print a line of its own making.
  return values.map(
    (value, index) =>
      `${index === 0 ? `    ${label.padEnd(LABEL)}` : indent}${value.replace(/\s*\n\s*/g, ' ')}`,
  );
}

function bulletField(label: string, items: string[]): string[] {
  const lines = items.flatMap((item) =>
    wrap(item, WIDTH - 4 - LABEL - 2).map((line, index) => `${index === 0 ? '- ' : '  '}${line}`),
  );
  return field(label, lines);
}

function shortTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}Z`;
}

function seen(finding: Finding): string | null {
  if (!finding.firstSeen) return null;
  if (!finding.lastSeen || finding.lastSeen === finding.firstSeen) return shortTime(finding.firstSeen);
  const span = formatDistanceStrict(new Date(finding.lastSeen), new Date(finding.firstSeen));
  // The end's date only when it is another day than the start's.
  const end = shortTime(finding.lastSeen);
  const sameDay = end.slice(0, 10) === finding.firstSeen.slice(0, 10);
  return `${shortTime(finding.firstSeen)} to ${sameDay ? end.slice(11) : end} (${span})`;
}

function policyLine(type: PolicyType | null, explicit: boolean | null, arn: string | null): string {
  const kind = denyWords(explicit) ?? 'not said';
  const name = type ? policyName(type) : 'policy type not named';
  return `${name}, ${kind}${arn ? ` ${arn}` : ''}`;
}

function renderFinding(finding: Finding, index: number): string[] {
  const count = finding.count > 1 ? `x${finding.count}` : '';
  const head = ` ${String(index + 1).padStart(2)}  ${stepLabel(finding)}  ${finding.action ?? '(action not named)'}`;
  const lines = [count ? `${head.padEnd(WIDTH - count.length - 1)} ${count}` : head];
  if (finding.resource) {
    const more = finding.resources.length - 1;
    lines.push(
      ...field('resource', more > 0 ? [finding.resource, `and ${more} more like it`] : [finding.resource]),
    );
  }
  const who = finding.roleArn ?? finding.principalArn;
  if (who) lines.push(...field(finding.roleArn ? 'role' : 'principal', [who]));
  if (finding.taskId) lines.push(...field('task', [finding.taskId]));
  lines.push(
    ...field(
      'policy',
      wrap(policyLine(finding.policyType, finding.explicitDeny, finding.policyArn), WIDTH - 4 - LABEL),
    ),
  );
  const when = seen(finding);
  if (when) lines.push(...field('seen', [when]));
  if (finding.cause) lines.push(...field('cause', wrap(causeLine(finding.cause, true), WIDTH - 4 - LABEL)));
  lines.push(...bulletField('why', finding.reasons));
  const origins = finding.evidence.map((item) => item.origin);
  const shown = origins.slice(0, 3);
  const more = origins.length - shown.length + (finding.evidenceOmitted ?? 0);
  if (more > 0) shown.push(`and ${more} more`);
  lines.push(...field('evidence', shown));
  if (finding.fix) lines.push(...field('fix', fixLines(finding.fix)));
  return lines;
}

/** The revision a finding belongs to, with what changed in it: the heading of its group. */
function revisionHeading(finding: Finding): string {
  if (!finding.taskDefinition) return 'No task definition revision known';
  const change = finding.revisionChange;
  if (!change) return finding.taskDefinition;
  if (change.changes.length === 0)
    return `${finding.taskDefinition} (nothing since ${change.previous} explains these)`;
  return `${finding.taskDefinition}, since ${change.previous}: ${change.changes.join('; ')}`;
}

/** Findings by revision, then by role, keeping their numbers (first-seen order) so JSON and text agree. */
function renderGroups(findings: Finding[]): string[] {
  const groups = new Map<string, Map<Finding['role'], { finding: Finding; index: number }[]>>();
  findings.forEach((finding, index) => {
    const heading = revisionHeading(finding);
    const roles = groups.get(heading) ?? new Map();
    const members = roles.get(finding.role) ?? [];
    members.push({ finding, index });
    roles.set(finding.role, members);
    groups.set(heading, roles);
  });
  const out: string[] = [];
  for (const [heading, roles] of groups) {
    out.push(...wrap(heading, WIDTH), '');
    for (const [role, members] of roles) {
      out.push(`  ${ROLE_LABEL[role]}`);
      for (const { finding, index } of members) out.push(...renderFinding(finding, index), '');
    }
  }
  return out;
}

export function renderText(evidenceAnalysis: Analysis): string {
  const analysis = visibleStrings(evidenceAnalysis);
  const { findings, notPermission, warnings, advisories } = analysis;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const out: string[] = [
    `whydenied: ${plural(findings.length, 'permission failure')}, ${plural(notPermission.length, 'look-alike')}, ${plural(warnings.length, 'warning')} (${plural(analysis.stats.inputs, 'input')} read)`,
    '',
  ];
  out.push(...renderGroups(findings));
  const { lookAlikes, unrecognised } = splitNotPermission(notPermission);
  const sections: [string, typeof notPermission][] = [
    ['Not permission failures (no policy change will help):', lookAlikes],
    ['Errors read and not recognised (look at these yourself):', unrecognised],
  ];
  for (const [heading, items] of sections) {
    if (items.length === 0) continue;
    out.push(heading);
    for (const item of items) {
      out.push(
        ...wrap(`${item.kind}: ${item.message}`, WIDTH - 5).map(
          (line, i) => `${i === 0 ? ' - ' : '   '}${line}`,
        ),
      );
      out.push(...wrap(`likely cause: ${item.likelyCause}`, WIDTH - 5).map((line) => `   ${line}`));
      out.push(`   seen in ${item.origin}${item.count > 1 ? ` and ${item.count - 1} more` : ''}`);
    }
    out.push('');
  }
  if (advisories.length > 0) {
    out.push('Advisories:');
    for (const advisory of advisories) {
      out.push(
        ...wrap(`${advisory.message} (${advisory.origin})`, WIDTH - 5).map(
          (line, i) => `${i === 0 ? ' - ' : '   '}${line}`,
        ),
      );
    }
    out.push('');
  }
  if (warnings.length > 0) {
    out.push('Warnings (these inputs were not read, or not completely):');
    for (const warning of warnings) {
      out.push(
        ...wrap(`${warning.origin}: ${warning.problem}; expected ${warning.expected}`, WIDTH - 5).map(
          (line, i) => `${i === 0 ? ' - ' : '   '}${line}`,
        ),
      );
    }
    out.push('');
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}
