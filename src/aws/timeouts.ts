/**
 * How long whydenied waits for AWS, and what it does when an endpoint stops answering. The SDK
 * waits forever by default: a proxy or endpoint that takes the connection and never answers
 * would hang the run. Each attempt gets a connect and a request timeout (and, as a whole, at
 * most the two together, however slowly the answer trickles in); once two attempts to
 * one service have timed out, that service counts as unresponsive for the rest of the run and
 * its further calls fail at once (as a source failure: a warning, a partial result), instead
 * of each waiting out its own timeouts and retries.
 */
import type { DeserializeMiddleware, FinalizeRequestMiddleware, Pluggable } from '@smithy/types';

export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export interface Timeouts {
  connectTimeoutMs: number;
  /** No answer, or no new byte of it, for this long ends the attempt. */
  requestTimeoutMs: number;
}

/** The SDK's Node HTTP handler options for these timeouts. */
export function requestHandlerOptions(timeouts: Timeouts) {
  return {
    connectionTimeout: timeouts.connectTimeoutMs,
    // Until the headers arrive; without throwOnRequestTimeout it only logs.
    requestTimeout: timeouts.requestTimeoutMs,
    throwOnRequestTimeout: true,
    // After the headers: a body that stops coming.
    socketTimeout: timeouts.requestTimeoutMs,
  };
}

/** Attempts that timed out before a service counts as unresponsive: one retry after a stall. */
const STALLS_BEFORE_GIVING_UP = 2;

/** Thrown instead of calling a service that already stalled; not a transient error, so not retried. */
export class UnresponsiveServiceError extends Error {
  constructor(readonly firstTimeout: string) {
    super(firstTimeout);
    this.name = 'UnresponsiveServiceError';
  }
}

function isTimeout(error: unknown): error is Error {
  return error instanceof Error && error.name === 'TimeoutError';
}

/**
 * A plugin for one client: it sits inside the SDK's retry loop, so it sees every attempt, and
 * after the second timed-out attempt refuses the next ones (the retry strategy does not retry
 * a client-side error). It also bounds each attempt as a whole (connect, then request), which
 * the socket's idle timeout alone does not: an answer trickling a byte at a time never idles.
 */
export function giveUpOnStalls<Input extends object, Output extends object>(
  timeouts: Timeouts,
): Pluggable<Input, Output> {
  let stalls = 0;
  let first: string | null = null;
  const middleware: FinalizeRequestMiddleware<Input, Output> = (next) => async (args) => {
    if (first !== null && stalls >= STALLS_BEFORE_GIVING_UP) throw new UnresponsiveServiceError(first);
    try {
      return await next(args);
    } catch (error) {
      if (isTimeout(error)) {
        stalls += 1;
        first ??= error.message;
      }
      throw error;
    }
  };
  const limit = timeouts.connectTimeoutMs + timeouts.requestTimeoutMs;
  const deadline: DeserializeMiddleware<Input, Output> = (next) => (args) => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new Error(
          `the answer was not complete within ${limit} ms (connect and request timeouts)`,
        );
        reject(Object.assign(error, { name: 'TimeoutError' }));
      }, limit);
    });
    return Promise.race([next(args), late]).finally(() => clearTimeout(timer));
  };
  return {
    applyToStack(stack) {
      // Inside the retry loop (high priority), before the LookupEvents pacing (low).
      stack.add(middleware, { step: 'finalizeRequest', priority: 'normal', name: 'whydeniedGiveUpOnStalls' });
      // Around the HTTP exchange and the reading of the body only, after any pacing.
      stack.add(deadline, { step: 'deserialize', priority: 'high', name: 'whydeniedAttemptDeadline' });
    },
  };
}

/** `--request-timeout 0.3` / WHYDENIED_REQUEST_TIMEOUT=30: seconds, fractions allowed. Null when unreadable. */
export function parseSeconds(text: string): number | null {
  if (!/^\s*\d+(\.\d+)?\s*$/.test(text)) return null;
  const ms = Math.round(Number(text) * 1000);
  return ms > 0 ? ms : null;
}
