/**
 * The offline source: files and directories → evidence, with input warnings and progress.
 */
import type { InputWarning } from '../../domain/evidence.js';
import { DEFAULT_LIMITS, type ReadLimits } from './input-bytes.js';
import { type UnreadablePath, walkPaths } from './read-inputs.js';
import { emptyBatch, type FileBatch } from './read-one.js';
import { type Reading, ReadPool, readInThread } from './read-pool.js';
import { IN_THREAD_FILES } from './reader-threads.js';

export type { FileBatch } from './read-one.js';

/**
 * Files read ahead of the one yielded. While the oldest is still in a reader thread, this
 * thread reads the next files itself rather than wait: both cores stay busy, and this one
 * waits only when it is this far ahead (the batches held are a file's evidence each, small).
 */
const READ_AHEAD = 64;
/**
 * Files being read at once, at most: a file past 16 MB streams, its chunks in memory while
 * it is read, so the many read ahead must not all be in flight.
 */
const IN_FLIGHT = 16;

/**
 * Yields one batch per input file, in the order the paths were given and walked, whatever
 * order the reader threads finish them in.
 */
export async function* readFiles(
  paths: string[],
  limits: ReadLimits = DEFAULT_LIMITS,
): AsyncGenerator<FileBatch> {
  const pending: Reading[] = [];
  let files = 0;
  let read = 0;
  // Started by the look-ahead, below: typed so that the loop does not take it for null for ever.
  let pool = null as ReadPool | null;
  const walk = walkPaths(paths);
  let walking = true;
  // The walk looked ahead before any file is read: with more files than IN_THREAD_FILES the
  // reader threads start now and load while this thread reads, not after its first files
  // (they take 100-300 ms to load, this thread alone the while).
  const ahead: (string | UnreadablePath)[] = [];
  let walked = false;
  for (let aheadFiles = 0; aheadFiles <= IN_THREAD_FILES; ) {
    const step = await walk.next();
    if (step.done) {
      walked = true;
      break;
    }
    ahead.push(step.value);
    if (typeof step.value === 'string' && step.value !== '-') aheadFiles += 1;
    if (aheadFiles > IN_THREAD_FILES) pool = ReadPool.start();
  }
  const counted = (batch: FileBatch) => {
    if (isRead(batch)) read += 1;
    return batch;
  };
  /** Walks to the next entry and starts reading it, in a reader thread with room or else here. */
  const next = async (): Promise<void> => {
    const entry = ahead.length > 0 ? ahead.shift() : walked ? undefined : (await walk.next()).value;
    if (entry === undefined) {
      walking = false;
      return;
    }
    if (typeof entry !== 'string') {
      const warning: InputWarning = {
        origin: entry.missing,
        problem: entry.problem,
        expected: entry.expected ?? 'a file, a directory or - for stdin',
      };
      const batch = emptyBatch(entry.missing, [warning]);
      pending.push({ promise: Promise.resolve(batch), batch });
      return;
    }
    files += 1;
    pending.push(pool && entry !== '-' ? pool.reading(entry, limits) : readInThread(entry, limits));
  };
  try {
    while (walking || pending.length > 0) {
      pool?.collect();
      // The reader threads are topped up before each batch is yielded: the caller folds it, and
      // while it does, a thread with nothing left would wait (14-40% of the reader thread's run).
      while (walking && pending.length < READ_AHEAD && pool?.hasRoom()) await next();
      const head = pending[0];
      if (head?.batch) {
        pending.shift();
        yield counted(head.batch);
      } else if (walking && pending.length < READ_AHEAD && inFlight(pending) < IN_FLIGHT) {
        await next();
      } else if (head) {
        pending.shift();
        yield counted(await head.promise);
      }
    }
  } finally {
    await walk.return(undefined);
    await pool?.close();
  }
  // A run that read nothing must not pass for one that found nothing: a CI step would go green.
  if (paths.length > 0 && read === 0) {
    const where = paths.length === 1 ? 'in it' : 'in them';
    const why = files === 0 ? `: no files ${where} (hidden entries are skipped)` : '';
    yield emptyBatch(paths.join(' '), [
      {
        origin: paths.join(' '),
        problem: `nothing was read${why}`,
        expected: 'at least one readable input: CloudTrail, ECS outputs, EventBridge events or logs',
      },
    ]);
  }
}

function inFlight(pending: Reading[]): number {
  let count = 0;
  for (const reading of pending) if (!reading.batch) count += 1;
  return count;
}

const OWN_OUTPUTS = new Set(['whydenied-output', 'whydenied-report']);

/** whydenied's own outputs (a saved report, a sample's expected.json) are skipped, not inputs. */
export function isOwnOutput(format: string): boolean {
  return OWN_OUTPUTS.has(format);
}

/** Inputs that were read: neither unreadable nor whydenied's own output. */
export function isRead(batch: FileBatch): boolean {
  return batch.format !== 'unreadable' && !isOwnOutput(batch.format);
}
