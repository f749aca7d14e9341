/**
 * The SDK's paginators (`paginateLookupEvents`, `paginateListTasks`...) carry the tokens from
 * page to page; these helpers fit them to the sources' rules: a failed page is a problem
 * returned, never a throw, and every call a paginator sends can be paced by a rate limiter.
 */
import type { Command } from '@smithy/types';
import {
  type AwsCall,
  type AwsProblem,
  AwsProblemError,
  type AwsResult,
  type ProblemContext,
  translateAwsError,
} from './errors.js';
import { pacedAttempts, type RateLimiter } from './rate-limiter.js';

/**
 * Each page, or the problem that ended the walk (then nothing more). Leaving the loop early
 * (a page budget) ends the paginator too, so no further page is asked for.
 */
export async function* attemptPages<T>(
  call: AwsCall,
  pages: AsyncIterable<T>,
  context: ProblemContext = {},
): AsyncGenerator<AwsResult<T>> {
  const iterator = pages[Symbol.asyncIterator]();
  try {
    for (;;) {
      let next: IteratorResult<T>;
      try {
        next = await iterator.next();
      } catch (error) {
        yield { ok: false, problem: translateAwsError(error, call, context) };
        return;
      }
      if (next.done) return;
      yield { ok: true, value: next.value };
    }
  } finally {
    await iterator.return?.();
  }
}

// The paginator's hook is typed with the SDK's widest command; the pacing reads no shape.
// biome-ignore lint/suspicious/noExplicitAny: the SDK's own PaginationConfiguration.withCommand type
type AnyCommand = Command<any, any, any, any, any>;

/** A paginator's `withCommand`: each page's call (and each retry of it) waits for the limiter. */
export function pacedCommands(limiter: RateLimiter): (command: AnyCommand) => AnyCommand {
  return (command) => {
    command.middlewareStack.use(pacedAttempts(limiter));
    return command;
  };
}

/**
 * The pages of a walk whose failure is handed on: a fatal problem (no credentials) ends the
 * run, any other is given to `onProblem` and ends this walk only, keeping the pages before it.
 */
export async function* pagesUntilProblem<T>(
  call: AwsCall,
  pages: AsyncIterable<T>,
  context: ProblemContext | undefined,
  onProblem: (problem: AwsProblem) => void,
): AsyncGenerator<T> {
  for await (const outcome of attemptPages(call, pages, context)) {
    if (outcome.ok) {
      yield outcome.value;
      continue;
    }
    if (outcome.problem.fatal) throw new AwsProblemError(outcome.problem);
    onProblem(outcome.problem);
  }
}

/** Pages a listing reads at most: a role's policies or an organization's levels are never more. */
const MAX_LISTING_PAGES = 100;

/** Every item of a listing's pages; a failed page throws, for `attempt` to say. */
export async function allItems<P, T>(
  pages: AsyncIterable<P>,
  items: (page: P) => T[] | undefined,
): Promise<T[]> {
  const all: T[] = [];
  let read = 0;
  for await (const page of pages) {
    all.push(...(items(page) ?? []));
    read += 1;
    if (read >= MAX_LISTING_PAGES) break;
  }
  return all;
}
