/**
 * Watch mode's memory across polls: for each denial, when it was last seen and, once it has
 * been quiet for long enough, since when ("last seen 6m ago, not since 14:02").
 */
import type { Finding } from '../../src/domain/analysis.js';
import { findingKey } from './rows.js';

export interface Occurrence {
  lastSeen: string | null;
  count: number;
  /** Wall time (ms) of the poll that last found it new or growing. */
  grewAt: number;
  /** Wall time (ms) of the first poll that judged it stopped; null while it may still occur. */
  quietSince: number | null;
}

export type Occurrences = ReadonlyMap<string, Occurrence>;

/** Polls without a new occurrence before a denial counts as stopped: one quiet poll is chance. */
export const QUIET_POLLS = 3;

/**
 * How long a denial must go without a new occurrence to have stopped: a few polls, and longer
 * than its own rhythm (ECS retries a failing task every few minutes, so a denial that recurs
 * every 5 minutes is not "stopped" after 30 seconds).
 */
export function quietAfter(finding: Finding, pollMs: number): number {
  const first = Date.parse(finding.firstSeen ?? '');
  const last = Date.parse(finding.lastSeen ?? '');
  const rhythm = finding.count > 1 && last > first ? (last - first) / (finding.count - 1) : 0;
  return Math.max(QUIET_POLLS * pollMs, 1.5 * rhythm);
}

/**
 * The occurrences after a poll at `pollTime`, polling every `pollMs`. A denial seen for the
 * first time, or seen again (more occurrences or a later lastSeen), is occurring; one that has
 * not grown for `quietAfter` is quiet since the poll that found it so.
 */
export function trackOccurrences(
  previous: Occurrences | null,
  findings: readonly Finding[],
  pollTime: number,
  pollMs: number,
): Map<string, Occurrence> {
  const next = new Map<string, Occurrence>();
  for (const finding of findings) {
    const key = findingKey(finding);
    const before = previous?.get(key);
    const grew =
      !before ||
      finding.count > before.count ||
      Date.parse(finding.lastSeen ?? '') > Date.parse(before.lastSeen ?? '');
    const grewAt = grew ? pollTime : before.grewAt;
    const stopped = !grew && pollTime - grewAt >= quietAfter(finding, pollMs);
    next.set(key, {
      lastSeen: finding.lastSeen,
      count: finding.count,
      grewAt,
      quietSince: stopped ? (before.quietSince ?? pollTime) : null,
    });
  }
  return next;
}
