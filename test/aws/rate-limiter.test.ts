/** The client-side limiter paces calls at the configured rate, in order, on a simulated clock. */
import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/aws/rate-limiter.js';
import { parseSince } from '../../src/live.js';

describe('RateLimiter', () => {
  it('spaces calls 500 ms apart at 2 a second', async () => {
    let now = 0;
    const limiter = new RateLimiter({
      perSecond: 2,
      now: () => now,
      sleep: async (ms) => {
        now += ms;
      },
    });
    const times: number[] = [];
    await Promise.all(Array.from({ length: 5 }, () => limiter.take().then(() => times.push(now))));
    expect(times).toEqual([0, 500, 1000, 1500, 2000]);
  });
});

describe('parseSince', () => {
  const now = new Date('2026-11-21T12:00:00Z');
  it.each([
    ['2h', '2026-11-21T10:00:00.000Z'],
    ['30m', '2026-11-21T11:30:00.000Z'],
    ['1d', '2026-11-20T12:00:00.000Z'],
    ['7d', '2026-11-14T12:00:00.000Z'],
    ['2026-11-21T09:15:00Z', '2026-11-21T09:15:00.000Z'],
  ])('%s', (since, start) => {
    expect(parseSince(since, now)?.toISOString()).toBe(start);
  });
  it.each(['0h', 'yesterday', '2x', ''])('rejects %j', (since) => {
    expect(parseSince(since, now)).toBeNull();
  });
});
