/**
 * `whydenied report --redact`: the analysis with account ids, IP addresses, access key ids,
 * IAM unique ids, organization ids, email addresses and session tokens replaced by stable
 * placeholders (see redact/tokens.ts), everything else (role and resource names, actions,
 * services, times) left readable. The value is walked generically, keys included, so a field
 * added to the Analysis later is redacted without anyone remembering to list it here.
 */
import type { Analysis } from '../domain/analysis.js';
import { scan } from './redact/detectors.js';
import { RedactionMap } from './redact/tokens.js';

export { findSensitive, type SensitiveKind, type SensitiveMatch } from './redact/detectors.js';
export { RedactionMap } from './redact/tokens.js';

/**
 * A deep copy of the analysis, redacted. Pass a map to share tokens with other text redacted
 * for the same report (`redactText`); the input is not changed.
 */
export function redactAnalysis(analysis: Analysis, map: RedactionMap = new RedactionMap()): Analysis {
  return redactValue(analysis, map);
}

/** One text redacted; with the map of an analysis, an original gets the same token as there. */
export function redactText(text: string, map: RedactionMap = new RedactionMap()): string {
  return scan(text, (match) => map.tokenFor(match));
}

/** Any JSON-like value, deep-copied with every string (and key) redacted. */
export function redactValue<T>(value: T, map: RedactionMap = new RedactionMap()): T {
  return walk(value, map) as T;
}

function walk(value: unknown, map: RedactionMap): unknown {
  if (typeof value === 'string') return redactText(value, map);
  if (Array.isArray(value)) return value.map((item) => walk(item, map));
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[redactText(key, map)] = walk(item, map);
    return copy;
  }
  // Numbers, booleans and null carry no identifier in an Analysis (counts, flags).
  return value;
}
