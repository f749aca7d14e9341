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
    if (/^\d+(\.\d+)?$/.test(text)) return toIsoTime(Number(text));
    const date = new Date(text);
    return Number.isNaN(date.getTime()) ? null : date.toISOString();
  }
  return null;
}
