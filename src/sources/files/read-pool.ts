/**
 * Reader threads, one per core beside this one, which reads too: inflating and scanning a
 * file is CPU work, and the files of an archive are independent. A file goes to a thread
 * that has loaded and has fewer than QUEUED files in hand, so none waits for work; when every
 * thread has that many, or none has loaded yet, this thread reads it itself. A batch comes back as plain data, and is set on its
 * Reading the moment this thread takes it, so a caller can tell without waiting whether it is
 * back. A thread that dies hands its files back to this thread.
 */
import { availableParallelism } from 'node:os';
import { type MessagePort, receiveMessageOnPort, type Worker } from 'node:worker_threads';
import type { ReadLimits } from './input-bytes.js';
import { type FileBatch, readOne } from './read-one.js';
import type { ReadJob, ReadReply } from './read-worker.js';
import { startReaderThread, takeEarly } from './reader-threads.js';

/**
 * Files a thread holds, the one it reads included: enough that it never waits while this
 * thread reads a file or folds batches. This thread reads the rest (readFiles reads while the
 * oldest file is still out), so more would only hold back the batch the caller waits for.
 */
const QUEUED = 6;

/** A file being read; `batch` is set as soon as it is back. */
export interface Reading {
  promise: Promise<FileBatch>;
  batch: FileBatch | undefined;
}

interface Job {
  source: string;
  limits: ReadLimits;
  reading: Reading;
  resolve: (batch: FileBatch) => void;
}

interface Reader {
  worker: Worker;
  /**
   * Whether the thread has loaded. Until then this thread reads every file itself: files sent
   * to a thread still starting (some 100-200 ms on a busy machine) held up the batches in order
   * behind them, and this thread waited, idle, for the first of them (100 ms of a 1.2 s run).
   */
  ready: boolean;
  /** The thread's batches come back here, where this thread can take them without yielding. */
  replies: MessagePort;
  jobs: Map<number, Job>;
}

export class ReadPool {
  private readonly readers: Reader[] = [];
  private nextId = 0;

  private constructor(size: number) {
    for (let i = 0; i < size; i++) this.readers.push(this.reader());
  }

  /** `size` threads in all, this one included. */
  static start(size = availableParallelism()): ReadPool {
    return new ReadPool(Math.max(0, size - 1));
  }

  private reader(): Reader {
    const reader: Reader = { ...(takeEarly() ?? startReaderThread()), ready: false, jobs: new Map() };
    const { worker, replies, jobs } = reader;
    replies.on('message', (reply: ReadReply) => this.settle(reader, reply));
    const orphaned = () => {
      const index = this.readers.indexOf(reader);
      if (index !== -1) this.readers.splice(index, 1);
      replies.close();
      for (const job of jobs.values())
        void readOne(job.source, job.limits).then((batch) => {
          job.reading.batch = batch;
          job.resolve(batch);
        });
      jobs.clear();
    };
    worker.on('error', orphaned);
    worker.on('exit', orphaned);
    this.idle(reader);
    return reader;
  }

  private settle(reader: Reader, reply: ReadReply): void {
    if ('ready' in reply) {
      reader.ready = true;
      return;
    }
    const { id, batch } = reply;
    const job = reader.jobs.get(id);
    if (job) {
      job.reading.batch = batch;
      job.resolve(batch);
    }
    reader.jobs.delete(id);
    if (reader.jobs.size === 0) this.idle(reader);
  }

  /** An idle thread must not keep the process alive, nor may a busy one let it end. */
  private idle({ worker, replies }: Reader): void {
    worker.unref();
    replies.unref();
  }

  read(source: string, limits: ReadLimits): Promise<FileBatch> {
    return this.reading(source, limits).promise;
  }

  /** Whether a loaded thread has fewer than QUEUED files in hand: the next file would go to it. */
  hasRoom(): boolean {
    return this.readers.some((reader) => reader.ready && reader.jobs.size < QUEUED);
  }

  /** Starts reading a file, in a thread with room or else in this one. */
  reading(source: string, limits: ReadLimits): Reading {
    this.collect();
    let least: Reader | undefined;
    for (const reader of this.readers)
      if (reader.ready && (!least || reader.jobs.size < least.jobs.size)) least = reader;
    if (!least || least.jobs.size >= QUEUED) return readInThread(source, limits);
    const id = this.nextId++;
    const { worker, replies, jobs } = least;
    let resolve: (batch: FileBatch) => void = () => {};
    const reading: Reading = {
      promise: new Promise<FileBatch>((settle) => {
        resolve = settle;
      }),
      batch: undefined,
    };
    jobs.set(id, { source, limits, reading, resolve });
    worker.ref();
    replies.ref();
    worker.postMessage({ id, source, limits } satisfies ReadJob);
    return reading;
  }

  /** Once every thread has loaded (or died): until then this thread reads every file itself. */
  async ready(): Promise<void> {
    while (this.readers.some((reader) => !reader.ready)) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      this.collect();
    }
  }

  /** Takes the batches already back: this thread may have been reading, not listening. */
  collect(): void {
    for (const reader of this.readers) {
      for (
        let reply = receiveMessageOnPort(reader.replies);
        reply;
        reply = receiveMessageOnPort(reader.replies)
      )
        this.settle(reader, reply.message as ReadReply);
    }
  }

  async close(): Promise<void> {
    const readers = this.readers.splice(0);
    // Files no one waits for any more (the reading stopped early) are not read again here.
    for (const reader of readers) {
      reader.jobs.clear();
      reader.replies.close();
    }
    await Promise.all(readers.map(({ worker }) => worker.terminate()));
  }
}

/** A file read by this thread; a small one is read before this returns, its batch set a turn later. */
export function readInThread(source: string, limits: ReadLimits): Reading {
  const reading: Reading = {
    promise: readOne(source, limits).then((batch) => {
      reading.batch = batch;
      return batch;
    }),
    batch: undefined,
  };
  return reading;
}
