import type { Analysis } from './analysis.js';

export interface TimelineEvent {
  time: string;
}

export function firstTime(analysis: Analysis): string | null {
  return analysis.timeline[0]?.time ?? null;
}
