/** A reader thread: reads the files it is sent, one batch back per file, tagged with its job. */
import { parentPort } from 'node:worker_threads';
import type { ReadLimits } from './input-bytes.js';
import { readOne } from './read-one.js';

export interface ReadJob {
  id: number;
  source: string;
  limits: ReadLimits;
}

parentPort?.on('message', async (job: ReadJob) => {
  parentPort?.postMessage({ id: job.id, batch: await readOne(job.source, job.limits) });
});
