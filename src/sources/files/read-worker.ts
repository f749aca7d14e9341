/** A reader thread: reads the files it is sent, one batch back per file, tagged with its job. */
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import type { ReadLimits } from './input-bytes.js';
import { type FileBatch, readOne } from './read-one.js';

export interface ReadJob {
  id: number;
  source: string;
  limits: ReadLimits;
}

/** A file's batch, or the thread's word that it has loaded and takes files. */
export type ReadReply = { id: number; batch: FileBatch } | { ready: true };

const replies = (workerData as { replies: MessagePort } | undefined)?.replies;

parentPort?.on('message', async (job: ReadJob) => {
  replies?.postMessage({ id: job.id, batch: await readOne(job.source, job.limits) } satisfies ReadReply);
});

replies?.postMessage({ ready: true } satisfies ReadReply);
