/**
 * What the TUI shows besides findings: look-alikes (failures that are not permission failures,
 * with their likely cause) and input warnings (what was not read, and what was expected). When
 * nothing was denied, one of these is often the answer: a network timeout, a missing image.
 * A live run's notes (a fallback taken, a read stopped short) come last.
 */
import { partialLine } from '../../src/aws/errors.js';
import type { Analysis } from '../../src/domain/analysis.js';
import { hardWrap } from './lines.js';
import { utcSecond } from './time.js';

export interface OtherItem {
  kind: 'look-alike' | 'warning' | 'note';
  /** The look-alike's kind (`network`, `missing-image`…) or the warning's origin. */
  label: string;
  /** One line for the list. */
  summary: string;
  count: number;
}

/** The notes a warning does not already say: a live source's problem is both a warning and a note. */
function notesBeyondWarnings(analysis: Analysis, notes: readonly string[]): string[] {
  const said = new Set(analysis.warnings.map(partialLine));
  return notes.filter((note) => !said.has(note));
}

export function otherItems(analysis: Analysis | null, notes: readonly string[] = []): OtherItem[] {
  if (!analysis) return [];
  return [
    ...analysis.notPermission.map(
      (item): OtherItem => ({
        kind: 'look-alike',
        label: item.kind,
        summary: item.message,
        count: item.count,
      }),
    ),
    ...analysis.warnings.map(
      (warning): OtherItem => ({
        kind: 'warning',
        label: warning.origin,
        summary: warning.problem,
        count: 1,
      }),
    ),
    ...notesBeyondWarnings(analysis, notes).map(
      (note): OtherItem => ({ kind: 'note', label: 'live', summary: note, count: 1 }),
    ),
  ];
}

/** The selected item in full, wrapped to `width`: what was read, why it is not a denial, where it is. */
export function otherDetail(
  analysis: Analysis,
  index: number,
  width: number,
  notes: readonly string[] = [],
): string[] {
  const lookAlikes = analysis.notPermission.length;
  const lines: string[] = [];
  const field = (label: string, value: string) => {
    const pad = `${label.padEnd(12)}`;
    hardWrap(value, width - pad.length).forEach((line, at) => {
      lines.push(`${at === 0 ? pad : ' '.repeat(pad.length)}${line}`);
    });
  };
  if (index < lookAlikes) {
    const item = analysis.notPermission[index];
    if (!item) return [];
    lines.push(`Look-alike ${index + 1} of ${lookAlikes}: ${item.kind}, not a permission failure`);
    field('likely', item.likelyCause);
    field('message', item.message);
    field('evidence', item.origin);
    field(
      'seen',
      `${item.time ? utcSecond(item.time) : 'time not given'} · ${item.count} time${item.count === 1 ? '' : 's'}`,
    );
    return lines;
  }
  const warnings = analysis.warnings.length;
  if (index >= lookAlikes + warnings) {
    const beyond = notesBeyondWarnings(analysis, notes);
    const note = beyond[index - lookAlikes - warnings];
    if (note === undefined) return [];
    lines.push(
      `Note ${index - lookAlikes - warnings + 1} of ${beyond.length}: a live source read less, or another way`,
    );
    field('note', note);
    return lines;
  }
  const warning = analysis.warnings[index - lookAlikes];
  if (!warning) return [];
  lines.push(`Warning ${index - lookAlikes + 1} of ${warnings}: this input was not read, or not completely`);
  field('input', warning.origin);
  field('problem', warning.problem);
  field('expected', warning.expected);
  return lines;
}
