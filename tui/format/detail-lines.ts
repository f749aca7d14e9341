/**
 * The detail view as lines of the terminal's width: the diagnosis sentence, the facts, the
 * reasons, every piece of evidence with its origin (its raw record unfolded on request) and
 * the proposed fix. Pure, so the view only slices it.
 */
import type { Finding } from '../../src/domain/analysis.js';
import { causeLine } from '../../src/domain/iam-cause.js';
import { denyWords, policyName } from '../../src/domain/policy-verdict.js';
import { diagnosisSentence } from '../../src/report/diagnosis.js';
import { fixLines } from '../../src/report/fix-text.js';
import { stepLabel } from '../../src/report/step-label.js';
import type { Occurrence } from '../state/watch.js';
import { hardWrap } from './lines.js';
import { roleHeading } from './text.js';
import { clockTime, relativeTime, utcSecond } from './time.js';

export type Tone = 'title' | 'heading' | 'text' | 'dim' | 'code' | 'warning' | 'success';

export interface DetailLine {
  text: string;
  tone: Tone;
  /** Set on the first line of an evidence item: its index. */
  evidence?: number;
}

export interface DetailOptions {
  width: number;
  number: number;
  total: number;
  expanded: readonly number[];
  anchor: number;
  occurrence: Occurrence | null;
}

const RAW_LIMIT = 400;

/** `4m ago, not since 14:02`, once a poll found no new occurrence; null while it still occurs. */
export function quietText(occurrence: Occurrence | null, anchor: number): string | null {
  if (!occurrence?.quietSince) return null;
  const seen = relativeTime(occurrence.lastSeen, anchor);
  return `last seen ${seen || 'earlier'}, not since ${clockTime(occurrence.quietSince)}`;
}

function policyText(finding: Finding): string {
  if (!finding.policyType) return 'the message does not name the policy';
  return [policyName(finding.policyType), denyWords(finding.explicitDeny), finding.policyArn]
    .filter(Boolean)
    .join(', ');
}

function prettyRaw(raw: string): string {
  try {
    return JSON.stringify(JSON.parse(raw), null, 2);
  } catch {
    return raw;
  }
}

export function detailLines(finding: Finding, options: DetailOptions): DetailLine[] {
  const width = Math.max(20, options.width);
  const lines: DetailLine[] = [];
  const add = (text: string, tone: Tone = 'text', indent = '') => {
    for (const line of hardWrap(text, width - indent.length)) lines.push({ text: indent + line, tone });
  };
  const fact = (label: string, value: string | null | undefined) => {
    if (!value) return;
    const pad = `${label.padEnd(10)}  `;
    hardWrap(value, width - pad.length).forEach((line, index) => {
      lines.push({ text: (index === 0 ? pad : ' '.repeat(pad.length)) + line, tone: 'text' });
    });
  };

  add(
    `Finding ${options.number} of ${options.total} · ${finding.taskDefinition ?? 'no revision'} · ${roleHeading(finding.role)} · ${stepLabel(finding)}`,
    'title',
  );
  add(diagnosisSentence(finding), 'heading');
  lines.push({ text: '', tone: 'text' });
  fact('action', finding.action ?? 'not named by the evidence');
  fact('resource', finding.resource);
  fact('role', finding.roleArn ?? finding.principalArn);
  fact('task', finding.taskId);
  fact('service', finding.service);
  fact('policy', policyText(finding));
  const seen =
    finding.firstSeen && finding.lastSeen && finding.firstSeen !== finding.lastSeen
      ? `${utcSecond(finding.firstSeen)} to ${utcSecond(finding.lastSeen)}`
      : utcSecond(finding.firstSeen ?? finding.lastSeen);
  fact('seen', `${seen} · ${finding.count} time${finding.count === 1 ? '' : 's'}`);
  const quiet = quietText(options.occurrence, options.anchor);
  if (quiet) {
    const pad = `${'watch'.padEnd(10)}  `;
    for (const line of hardWrap(`${quiet} (stopped occurring)`, width - pad.length))
      lines.push({ text: pad + line, tone: 'success' });
  }
  if (finding.revisionChange) {
    fact(
      'changed',
      `since ${finding.revisionChange.previous}: ${finding.revisionChange.changes.join('; ') || 'nothing that bears on this'}`,
    );
  }

  if (finding.cause) fact('cause', causeLine(finding.cause, true));

  lines.push({ text: '', tone: 'text' });
  add('Why', 'title');
  for (const reason of finding.reasons) {
    hardWrap(reason, width - 4).forEach((line, index) => {
      lines.push({ text: `${index === 0 ? '  - ' : '    '}${line}`, tone: 'text' });
    });
  }

  lines.push({ text: '', tone: 'text' });
  const omitted = finding.evidenceOmitted ?? 0;
  const cited =
    omitted > 0
      ? `${finding.evidence.length} of ${finding.evidence.length + omitted}`
      : `${finding.evidence.length}`;
  add(`Evidence (${cited})  ↑↓ select · Enter/e unfold the raw record`, 'title');
  finding.evidence.forEach((item, index) => {
    const first = lines.length;
    add(`${item.kind}  ${item.origin}`, 'text', '  ');
    (lines[first] as DetailLine).evidence = index;
    if (options.expanded.includes(index)) {
      const raw = hardWrap(prettyRaw(item.raw), width - 4);
      for (const line of raw.slice(0, RAW_LIMIT)) lines.push({ text: `    ${line}`, tone: 'code' });
      if (raw.length > RAW_LIMIT)
        lines.push({ text: `    … ${raw.length - RAW_LIMIT} more lines in ${item.origin}`, tone: 'dim' });
    }
  });
  if (omitted > 0) {
    add(`${omitted} more, not cited (the first and last are); all of them in:`, 'dim', '  ');
    for (const origin of finding.evidenceOrigins ?? []) add(origin, 'dim', '    ');
  }

  lines.push({ text: '', tone: 'text' });
  if (finding.fix) {
    add('Fix  (f: as JSON, Terraform, CloudFormation or AWS CLI, to copy)', 'title');
    for (const line of fixLines(finding.fix, width - 2))
      for (const piece of hardWrap(line, width - 2)) lines.push({ text: `  ${piece}`, tone: 'code' });
  } else {
    add('Fix', 'title');
    add('no fix proposed: the reasons say why', 'dim', '  ');
  }
  return lines;
}
