/**
 * Reader threads, started before the pool that uses them when the command line already says a
 * run will read a tree of many files: a thread takes some 100-200 ms to load, and started first
 * thing (bin/whydenied.js) it loads while this thread loads the CLI, rather than after. The
 * pool (read-pool.ts) takes them; one it never takes is unreferenced and ends with the process.
 */
import { type Dirent, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';

export interface ReaderThread {
  worker: Worker;
  /** The thread's replies (read-worker.ts), queued here until the pool listens. */
  replies: MessagePort;
}

interface Early extends ReaderThread {
  exited: boolean;
}

const early: Early[] = [];

/** The worker's module beside this one; from the TypeScript sources (tests, tsx) it is loaded through tsx. */
export function startReaderThread(): ReaderThread {
  const channel = new MessageChannel();
  const options = { workerData: { replies: channel.port2 }, transferList: [channel.port2] };
  const compiled = import.meta.url.endsWith('.js');
  const url = new URL(`./read-worker.${compiled ? 'js' : 'ts'}`, import.meta.url);
  if (compiled) return { worker: new Worker(url, options), replies: channel.port1 };
  const code = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`;
  return { worker: new Worker(code, { ...options, eval: true }), replies: channel.port1 };
}

/** Starts `count` reader threads for the pool to take, unreferenced until it does. */
export function startEarly(count: number): void {
  for (let i = 0; i < count; i++) {
    const thread: Early = { ...startReaderThread(), exited: false };
    // The pool listens for its own exit events once it takes the thread; one gone before is not taken.
    thread.worker.once('exit', () => {
      thread.exited = true;
    });
    thread.worker.unref();
    thread.replies.unref();
    early.push(thread);
  }
}

/** A reader thread started early and still running, or undefined. */
export function takeEarly(): ReaderThread | undefined {
  for (let thread = early.shift(); thread; thread = early.shift()) if (!thread.exited) return thread;
  return undefined;
}

/** Files read in the calling thread before reader threads start: a few files are not worth a thread's start. */
export const IN_THREAD_FILES = 8;

/** The commands that read files into evidence (cli.ts). */
const READING_COMMANDS = new Set(['analyze', 'report', 'fix']);

/**
 * Whether the arguments name a command that reads files and a directory holding more than
 * IN_THREAD_FILES files, when readFiles starts reader threads. A guess from the words alone,
 * before the CLI parses them: a wrong one costs a thread's start (some 80 ms of CPU).
 */
export function readsATree(args: readonly string[]): boolean {
  if (!READING_COMMANDS.has(args[0] ?? '')) return false;
  let files = 0;
  /** Counts the files under `path`, hidden entries skipped as the walk skips them, until there are enough. */
  const enough = (path: string, depth: number): boolean => {
    let entries: Dirent[];
    try {
      entries = readdirSync(path, { withFileTypes: true });
    } catch {
      return false;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      if (entry.isFile()) files += 1;
      else if (entry.isDirectory() && depth < MAX_DEPTH && enough(join(path, entry.name), depth + 1))
        return true;
      if (files > IN_THREAD_FILES) return true;
    }
    return false;
  };
  return args.slice(1).some((arg) => !arg.startsWith('-') && enough(arg, 0));
}

/** CloudTrail's S3 layout is eight levels deep (AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD). */
const MAX_DEPTH = 12;

/** bin/whydenied.js, first thing: reader threads for a run over a tree, one per core beside this one. */
export function startForArguments(args: readonly string[]): void {
  if (readsATree(args)) startEarly(Math.max(0, availableParallelism() - 1));
}
