/**
 * AWS tools print one instant in several ways: CLI v1 epoch seconds (`1557134011.644`),
 * CLI v2 ISO strings with an offset, EventBridge ISO with trimmed fractions, CloudWatch Logs
 * epoch milliseconds. All become ISO 8601 UTC.
 */
export function toIsoTime(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) {
    const millis = value > 1e11 ? value : value * 1000;
    return new Date(millis).toISOString();
  }
  if (typeof value === 'string' && value.trim() !== '') {
    const text = value.trim();
    const plain = plainUtcTime(text);
    if (plain !== null) return plain;
    if (/^\d+(\.\d+)?$/.test(text)) return toIsoTime(Number(text));
    const date = new Date(text);
    return Number.isNaN(date.getTime()) ? null : date.toISOString();
  }
  return null;
}

/** CloudTrail's eventTime: second precision, UTC. */
const PLAIN_UTC = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)Z$/;

/**
 * CloudTrail's own form read without Date's string parser, which costs microseconds a call
 * (a tenth of reading a denial); null when the text is not that form or not a real instant
 * (a 30 February), and Date decides.
 */
function plainUtcTime(text: string): string | null {
  const parts = PLAIN_UTC.exec(text);
  if (!parts) return null;
  const [year, month, day, hour, minute, second] = parts.slice(1).map(Number) as number[];
  const date = new Date(Date.UTC(year as number, (month as number) - 1, day, hour, minute, second));
  const real =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === (month as number) - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second;
  return real ? `${text.slice(0, 19)}.000Z` : null;
}
