/**
 * Waiting for a query (Athena, Logs Insights) to finish: short waits first, because most
 * queries over a narrow window finish in seconds, growing to a ceiling so that a long one
 * costs few status calls; and a deadline, past which the caller says which query to look at.
 */
export interface PollOptions {
  /** The first wait, in ms (default 250). */
  initialMs?: number;
  /** The longest wait between two status calls (default 5000). */
  maxMs?: number;
  /** Give up after this long (default 10 minutes). */
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export type PollOutcome<T> = { done: true; value: T } | { done: false; waitedMs: number };

/** Calls `check` until it returns a value (finished, in whatever state) or the deadline passes. */
export async function pollUntil<T>(
  check: () => Promise<T | null>,
  options: PollOptions = {},
): Promise<PollOutcome<T>> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const started = now();
  const deadline = started + (options.timeoutMs ?? 600_000);
  let wait = options.initialMs ?? 250;
  for (;;) {
    const value = await check();
    if (value !== null) return { done: true, value };
    if (now() + wait > deadline) return { done: false, waitedMs: now() - started };
    await sleep(wait);
    wait = Math.min(wait * 2, options.maxMs ?? 5000);
  }
}
