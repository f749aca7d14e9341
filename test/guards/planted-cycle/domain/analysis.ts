import type { TimelineEvent } from './timeline.js';

export interface Analysis {
  timeline: TimelineEvent[];
}
