/**
 * Times on screen. Relative times ("4m ago") are measured from an anchor: now while the
 * evidence is fresh (its newest record is less than an hour old, as when debugging live or
 * watching), otherwise the newest evidence itself, so that a bundle from last week still
 * reads "4m ago" for what happened 4 minutes before its end; the header says which.
 */
import type { Analysis } from '../../src/domain/analysis.js';

export const FRESH_MS = 60 * 60 * 1000;

export interface TimeAnchor {
  /** Milliseconds since the epoch that "ago" is measured from. */
  at: number;
  /** true: the anchor is now; false: the newest evidence (the data is old). */
  live: boolean;
}

export function newestEvidence(analysis: Analysis | null): number | null {
  let newest: number | null = null;
  for (const finding of analysis?.findings ?? []) {
    const time = Date.parse(finding.lastSeen ?? finding.firstSeen ?? '');
    if (!Number.isNaN(time) && (newest === null || time > newest)) newest = time;
  }
  return newest;
}

export function timeAnchor(analysis: Analysis | null, now: number): TimeAnchor {
  const newest = newestEvidence(analysis);
  if (newest === null || now - newest < FRESH_MS) return { at: now, live: true };
  return { at: newest, live: false };
}

/** "now", "42s ago", "4m ago", "3h ago", "2d ago"; "" without a time. */
export function relativeTime(iso: string | null, anchor: number): string {
  const time = Date.parse(iso ?? '');
  if (Number.isNaN(time)) return '';
  const seconds = Math.max(0, Math.round((anchor - time) / 1000));
  if (seconds < 5) return 'now';
  if (seconds < 60) return `${seconds}s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h ago`;
  return `${Math.floor(hours / 24)}d ago`;
}

const two = (value: number) => String(value).padStart(2, '0');

/** `14:02` in the terminal's time zone. */
export function clockTime(ms: number): string {
  const date = new Date(ms);
  return `${two(date.getHours())}:${two(date.getMinutes())}`;
}

/** `2026-11-21 10:05Z`: an absolute UTC time, short. */
export function utcMinute(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')}Z`;
}

/** `2026-11-21 10:05:33Z`. */
export function utcSecond(iso: string | null): string {
  const time = Date.parse(iso ?? '');
  if (Number.isNaN(time)) return 'unknown';
  return `${new Date(time).toISOString().slice(0, 19).replace('T', ' ')}Z`;
}
