/**
 * readMessage for evidence that repeats itself: a trail holds the same denial's message for
 * every retry and every task (the benchmark archive: 2,987 messages, 916 distinct), and reading
 * one through every pattern is most of what folding a denial costs. The last RECENT distinct
 * messages are remembered; every caller gets readings of its own, as observe.ts completes one
 * in place (its deployTool).
 */
import { type MessageReading, readMessage } from './message-reading.js';

/** Distinct messages remembered: a bound on memory, whatever the input's length. */
export const RECENT = 1024;
/** Longer messages (a whole log's worth, say) are read each time, not kept. */
const LONGEST = 4096;

const recent = new Map<string, MessageReading[]>();

export function readRepeatedMessage(raw: string, fromEcs: boolean): MessageReading[] {
  if (raw.length > LONGEST) return readMessage(raw, fromEcs);
  const key = `${fromEcs ? 'e' : 'o'}${raw}`;
  let readings = recent.get(key);
  if (readings === undefined) {
    readings = readMessage(raw, fromEcs);
    // The oldest goes first: a Map iterates in insertion order.
    if (recent.size >= RECENT) recent.delete(recent.keys().next().value as string);
    recent.set(key, readings);
  }
  return readings.map((reading) => ({ ...reading }));
}
