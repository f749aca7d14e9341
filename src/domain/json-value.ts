/** Reading fields of parsed JSON whose shape is not trusted: AWS outputs, CloudTrail records, policies. */

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The object, or an empty one, so a missing level reads as missing fields. */
export function object(value: unknown): Json {
  return isObject(value) ? value : {};
}

/** A non-empty string, or null. */
export function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** A policy field written as one string or a list of them (Action, Resource), as a list of its strings. */
export function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
