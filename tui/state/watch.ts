/**
 * Watch mode's memory across polls: for each denial, when it was last seen and, once a poll
 * finds no new occurrence, since when it has been quiet ("last seen 6m ago, not since 14:02").
 */
import type { Finding } from '../../src/domain/analysis.js';
import { findingKey } from './rows.js';

export interface Occurrence {
  lastSeen: string | null;
  count: number;
  /** Wall time (ms) of the first poll that found no new occurrence; null while it still occurs. */
  quietSince: number | null;
}

export type Occurrences = ReadonlyMap<string, Occurrence>;

/**
 * The occurrences after a poll at `pollTime`. A denial seen for the first time, or seen again
 * (more occurrences or a later lastSeen), is occurring; one that did not grow is quiet since
 * this poll, or since the earlier poll that first found it quiet.
 */
export function trackOccurrences(
  previous: Occurrences | null,
  findings: readonly Finding[],
  pollTime: number,
): Map<string, Occurrence> {
  const next = new Map<string, Occurrence>();
  for (const finding of findings) {
    const key = findingKey(finding);
    const before = previous?.get(key);
    const grew =
      !before ||
      finding.count > before.count ||
      Date.parse(finding.lastSeen ?? '') > Date.parse(before.lastSeen ?? '');
    next.set(key, {
      lastSeen: finding.lastSeen,
      count: finding.count,
      quietSince: grew ? null : (before.quietSince ?? pollTime),
    });
  }
  return next;
}
