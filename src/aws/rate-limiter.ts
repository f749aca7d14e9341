/**
 * A client-side token bucket. CloudTrail allows LookupEvents about 2 calls a second per
 * account and region and throttles past it; pacing the calls here keeps the SDK's retries
 * for the rare throttle instead of for every other call. The pacing is a step of the SDK's
 * own request pipeline, inside its retry loop, so a retry takes its slot like a first attempt
 * (a retry strategy's backoff alone would send them milliseconds apart).
 */
import type { FinalizeRequestMiddleware, Pluggable } from '@smithy/types';

export interface RateLimiterOptions {
  perSecond: number;
  /** Calls allowed at once before pacing; 1 spaces every call evenly. */
  burst?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export class RateLimiter {
  private tokens: number;
  private last: number;
  private queue: Promise<void> = Promise.resolve();
  private readonly burst: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: RateLimiterOptions) {
    this.burst = options.burst ?? 1;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.tokens = this.burst;
    this.last = this.now();
  }

  /** Resolves when one more call may be made; callers are served in order. */
  take(): Promise<void> {
    const turn = this.queue.then(() => this.wait());
    this.queue = turn;
    return turn;
  }

  private async wait(): Promise<void> {
    for (;;) {
      const now = this.now();
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.options.perSecond);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.sleep(Math.ceil(((1 - this.tokens) / this.options.perSecond) * 1000));
    }
  }
}

/**
 * For one command: every attempt the SDK sends, the first and each retry, waits for a slot of
 * the limiter, just before it is sent.
 */
export function pacedAttempts<Input extends object, Output extends object>(
  limiter: RateLimiter,
): Pluggable<Input, Output> {
  const middleware: FinalizeRequestMiddleware<Input, Output> = (next) => async (args) => {
    await limiter.take();
    return next(args);
  };
  return {
    applyToStack(stack) {
      // In finalizeRequest below the retry middleware (high priority): once per attempt; and
      // below the stall guard (normal, timeouts.ts), so a refused attempt waits for no slot.
      stack.add(middleware, { step: 'finalizeRequest', priority: 'low', name: 'whydeniedPacedAttempts' });
    },
  };
}
