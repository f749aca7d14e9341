/**
 * JSON text of a parsed value whatever its depth. JSON.parse takes values nested far deeper
 * than JSON.stringify can write back (V8 overflows its stack at a few thousand levels), and
 * a CloudTrail record's requestParameters are whatever the caller sent.
 */

/** Levels kept when a value is too deep to write whole; no AWS record needs more. */
const KEPT_DEPTH = 64;

export function boundedJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return JSON.stringify(pruned(value, KEPT_DEPTH));
  }
}

/** The value down to `depth` levels; what lies deeper is replaced by a note saying so. */
function pruned(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth === 0) return `(nested deeper than ${KEPT_DEPTH} levels)`;
  if (Array.isArray(value)) return value.map((item) => pruned(item, depth - 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, pruned(item, depth - 1)]));
}
