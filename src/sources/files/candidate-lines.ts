/**
 * A long log read around the lines that can hold a message worth reading, not all of it:
 * grouping lines into messages is most of a log's reading time, and most lines of an app's
 * log are requests served and batches done.
 *
 * A message is read only when its text matches WORTH_READING. Its text is made of its lines'
 * bodies (prefix, quote and bar marks, padding taken off) joined with or without blanks, so
 * with every blank and every such mark taken off, it is a run of the lines' bodies so
 * stripped, end to end. The probe below strips at least as much from every line and looks
 * for the words without their blanks across the whole run: a message it finds nothing in
 * cannot match. Lines it finds something in are candidates; each is read with its
 * neighbours, widened until the message holding it starts and ends inside what is read.
 */
import type { MessageEvidence } from '../../domain/evidence.js';
import { groupLines, stripLinePrefix, type TextMessage } from '../../domain/message-text.js';
import { messageEvidence, textEvidence, WORTH_READING } from './text-input.js';

/**
 * The words as they read with their blanks taken off; an apostrophe may be a page's curly one,
 * which the text's reading makes straight (web-text.ts).
 */
const PROBE = new RegExp(WORTH_READING.source.replace(/ /g, '').replace(/'/g, "['\u2018\u2019]"), 'gi');
/** Marks some layouts put before a line's text (quote, box, list bar) and syslog's escaped tab. */
const LEADING_MARKS = /^(?:[\s>│|-]|#011)+/;
/** Blanks, and the zero-width ones a page puts inside long words, which the reading drops too. */
const BLANKS = /[\s\u200b-\u200d\u2060\u00ad]+/g;
/** Lines read on each side of a candidate, and added while its message reaches the edge. */
const NEIGHBOURS = 40;

/** A line as the probe reads it: every mark a message's text may drop, dropped. */
function probeText(line: string): string {
  const unmarked = line.replace(LEADING_MARKS, '');
  return stripLinePrefix(unmarked).body.replace(LEADING_MARKS, '').replace(BLANKS, '');
}

/** Indexes of the lines that a match of the probe touches. */
export function candidateLines(lines: string[]): number[] {
  const starts: number[] = [];
  let probe = '';
  for (const line of lines) {
    starts.push(probe.length);
    probe += probeText(line);
  }
  const candidates: number[] = [];
  PROBE.lastIndex = 0;
  let line = 0;
  for (let match = PROBE.exec(probe); match; match = PROBE.exec(probe)) {
    const end = match.index + match[0].length;
    // The first line whose text reaches past the match's start, through the last one it touches.
    while (line + 1 < lines.length && (starts[line + 1] as number) <= match.index) line += 1;
    for (let touched = line; touched < lines.length && (starts[touched] as number) < end; touched++) {
      if (candidates[candidates.length - 1] !== touched) candidates.push(touched);
    }
    if (match[0].length === 0) PROBE.lastIndex += 1;
  }
  return candidates;
}

/** Below this many lines a text is grouped whole: the windows around its candidates would be most of it. */
const WINDOWED_FROM_LINES = 8 * NEIGHBOURS;

/** The evidence `textEvidence` gives for a whole text, a long one read only around its candidates. */
export function textEvidenceAround(content: string, source: string): MessageEvidence[] {
  const lines = content.split(/\r?\n/);
  return lines.length < WINDOWED_FROM_LINES
    ? textEvidence(content, source)
    : candidateEvidence(lines, source);
}

/** The evidence `textEvidence` gives for the run's lines, read only around the candidates. */
export function candidateEvidence(lines: string[], source: string): MessageEvidence[] {
  const candidates = candidateLines(lines);
  const evidence: MessageEvidence[] = [];
  let next = 0;
  // Where the window before ended: windows never overlap, so no message is read twice.
  let readTo = 0;
  while (next < candidates.length) {
    let from = Math.max(readTo, (candidates[next] as number) - NEIGHBOURS);
    let to = Math.min(lines.length, (candidates[next] as number) + NEIGHBOURS + 1);
    // Widen until no message that holds a candidate touches an edge of the window (unless it is the run's).
    // Each step doubles the last: a message of thousands of lines is grouped a few times, not once per 40 lines.
    let groups: TextMessage[];
    let step = NEIGHBOURS;
    for (;;) {
      while (next < candidates.length && (candidates[next] as number) < to) next += 1;
      if (next < candidates.length && (candidates[next] as number) - NEIGHBOURS < to) {
        to = Math.min(lines.length, (candidates[next] as number) + NEIGHBOURS + 1);
        continue;
      }
      groups = groupLines(lines.slice(from, to).join('\n'));
      const edges = edgeMessages(groups, to - from);
      const heldAtStart = from > readTo && holdsCandidate(candidates, from, from + edges.firstEnd);
      const heldAtEnd = to < lines.length && holdsCandidate(candidates, from + edges.lastStart, to);
      if (!heldAtStart && !heldAtEnd) break;
      if (heldAtStart) from = Math.max(readTo, from - step);
      if (heldAtEnd) to = Math.min(lines.length, to + step);
      step *= 2;
    }
    readTo = to;
    for (const item of messageEvidence(groups, source, false)) {
      const line = item.origin.line === undefined ? undefined : item.origin.line + from;
      evidence.push({ ...item, origin: { ...item.origin, ...(line === undefined ? {} : { line }) } });
    }
  }
  return evidence;
}

/** Where the window's first message ends and its last one starts, as 0-based lines of the window. */
function edgeMessages(groups: TextMessage[], lines: number): { firstEnd: number; lastStart: number } {
  const second = groups[1];
  const last = groups[groups.length - 1];
  return {
    firstEnd: second ? second.line - 1 : lines,
    lastStart: last ? last.line - 1 : 0,
  };
}

/**
 * Whether a candidate lies in lines [from, to). The candidates are in order: a search, not a
 * walk, since each window of a long log asks it again.
 */
function holdsCandidate(candidates: number[], from: number, to: number): boolean {
  let low = 0;
  let high = candidates.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((candidates[middle] as number) < from) low = middle + 1;
    else high = middle;
  }
  return low < candidates.length && (candidates[low] as number) < to;
}
