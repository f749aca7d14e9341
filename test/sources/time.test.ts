/**
 * CloudTrail's eventTime read by the fast path gives what Date's own parser gives, for real
 * instants and for digits that are none (a 30 February, hour 24, year 0050).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toIsoTime } from '../../src/sources/files/time.js';

/** What toIsoTime gave before the fast path: Date's parser decides. */
function byDate(text: string): string | null {
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

const digits = (count: number, max: number) =>
  fc.integer({ min: 0, max }).map((n) => String(n).padStart(count, '0'));

describe('toIsoTime', () => {
  it('reads CloudTrail eventTime as Date does, out-of-range fields included', () => {
    fc.assert(
      fc.property(
        digits(4, 9999),
        digits(2, 13),
        digits(2, 32),
        digits(2, 25),
        digits(2, 61),
        digits(2, 61),
        (year, month, day, hour, minute, second) => {
          const text = `${year}-${month}-${day}T${hour}:${minute}:${second}Z`;
          expect(toIsoTime(text)).toBe(byDate(text));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('keeps the real example and the forms around it', () => {
    // eventTime of the AWS documentation's CloudTrail record example:
    // https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html
    expect(toIsoTime('2014-03-06T21:22:54Z')).toBe('2014-03-06T21:22:54.000Z');
    expect(toIsoTime('2024-02-29T23:59:59Z')).toBe('2024-02-29T23:59:59.000Z');
    expect(toIsoTime('2023-02-29T00:00:00Z')).toBe(byDate('2023-02-29T00:00:00Z'));
    expect(toIsoTime(' 2026-11-21T01:00:38Z ')).toBe('2026-11-21T01:00:38.000Z');
    expect(toIsoTime('2026-11-21T01:00:38.5Z')).toBe('2026-11-21T01:00:38.500Z');
    expect(toIsoTime('2026-11-21T01:00:38+02:00')).toBe('2026-11-20T23:00:38.000Z');
  });
});
