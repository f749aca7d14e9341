/**
 * SDK outputs carry `Date` objects where the CLI's JSON has strings; the evidence parsers
 * were written for the CLI's JSON. A round trip through JSON gives them ISO strings (which
 * `toIsoTime` reads) and drops the SDK's `$metadata`.
 */
export type PlainJson = Record<string, unknown>;

export function plain(value: unknown): PlainJson {
  if (value === null || typeof value !== 'object') return {};
  const { $metadata: _metadata, ...rest } = value as PlainJson;
  return JSON.parse(JSON.stringify(rest)) as PlainJson;
}
