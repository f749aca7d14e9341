/**
 * Reader threads, one per core beside this one, which reads too: inflating and scanning a
 * file is CPU work, and the files of an archive are independent. Each file goes to the thread
 * with the fewest files in hand, this one included; a batch comes back as plain data. A
 * thread that dies hands its files back to this thread.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ReadLimits } from './input-bytes.js';
import { type FileBatch, readOne } from './read-one.js';
import type { ReadJob } from './read-worker.js';

interface Job {
  source: string;
  limits: ReadLimits;
  resolve: (batch: FileBatch) => void;
}

interface Reader {
  worker: Worker;
  jobs: Map<number, Job>;
}

/** The worker's module beside this one; from the TypeScript sources (tests, tsx) it is loaded through tsx. */
function startWorker(): Worker {
  const compiled = import.meta.url.endsWith('.js');
  const url = new URL(`./read-worker.${compiled ? 'js' : 'ts'}`, import.meta.url);
  if (compiled) return new Worker(url);
  const code = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(code, { eval: true });
}

export class ReadPool {
  private readonly readers: Reader[] = [];
  private nextId = 0;
  /** Files this thread is reading. */
  private here = 0;

  private constructor(size: number) {
    for (let i = 0; i < size; i++) this.readers.push(this.reader());
  }

  /** `size` threads in all, this one included. */
  static start(size = availableParallelism()): ReadPool {
    return new ReadPool(Math.max(0, size - 1));
  }

  private reader(): Reader {
    const reader: Reader = { worker: startWorker(), jobs: new Map() };
    const { worker, jobs } = reader;
    worker.on('message', ({ id, batch }: { id: number; batch: FileBatch }) => {
      jobs.get(id)?.resolve(batch);
      jobs.delete(id);
      // An idle thread must not keep the process alive, nor may a busy one let it end.
      if (jobs.size === 0) worker.unref();
    });
    const orphaned = () => {
      const index = this.readers.indexOf(reader);
      if (index !== -1) this.readers.splice(index, 1);
      for (const job of jobs.values()) void readOne(job.source, job.limits).then(job.resolve);
      jobs.clear();
    };
    worker.on('error', orphaned);
    worker.on('exit', orphaned);
    worker.unref();
    return reader;
  }

  read(source: string, limits: ReadLimits): Promise<FileBatch> {
    let least: Reader | undefined;
    for (const reader of this.readers) if (!least || reader.jobs.size < least.jobs.size) least = reader;
    if (!least || least.jobs.size > this.here) return this.readHere(source, limits);
    const id = this.nextId++;
    const { worker, jobs } = least;
    return new Promise<FileBatch>((resolve) => {
      jobs.set(id, { source, limits, resolve });
      worker.ref();
      worker.postMessage({ id, source, limits } satisfies ReadJob);
    });
  }

  private async readHere(source: string, limits: ReadLimits): Promise<FileBatch> {
    this.here += 1;
    try {
      return await readOne(source, limits);
    } finally {
      this.here -= 1;
    }
  }

  async close(): Promise<void> {
    const readers = this.readers.splice(0);
    // Files no one waits for any more (the reading stopped early) are not read again here.
    for (const reader of readers) reader.jobs.clear();
    await Promise.all(readers.map(({ worker }) => worker.terminate()));
  }
}
