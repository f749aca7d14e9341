/**
 * Loading in a worker thread, so that reading and analysing the inputs runs on the second core
 * while the main thread loads Ink and React (~0.6 s here): the first findings are ready by the
 * time the first frame is drawn.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { Loader, LoadSnapshot } from './load-inputs.js';

type Message = { snapshot: LoadSnapshot } | { error: string };

/** The worker's side: read the inputs it was given and post every snapshot. */
async function serve(inputs: string[]) {
  try {
    const { loadFiles } = await import('./load-inputs.js');
    for await (const snapshot of loadFiles(inputs)) parentPort?.postMessage({ snapshot } satisfies Message);
  } catch (error) {
    parentPort?.postMessage({ error: (error as Error).message } satisfies Message);
  }
}

if (!isMainThread && parentPort && (workerData as { whydeniedLoad?: boolean })?.whydeniedLoad)
  void serve((workerData as { inputs: string[] }).inputs);

/** Starts loading now; the iterable yields the snapshots as the worker posts them. */
function startWorker(inputs: string[], file: string): AsyncIterable<LoadSnapshot> {
  const worker = new Worker(file, { workerData: { whydeniedLoad: true, inputs } });
  const queue: Message[] = [];
  let wake: (() => void) | null = null;
  let exited = false;
  worker.on('message', (message: Message) => {
    queue.push(message);
    wake?.();
  });
  worker.on('error', (error) => {
    queue.push({ error: error.message });
    wake?.();
  });
  worker.on('exit', () => {
    exited = true;
    wake?.();
  });
  return {
    async *[Symbol.asyncIterator]() {
      try {
        while (true) {
          // Snapshots that queued up while this thread was busy: only the newest matters.
          while (queue.length > 1 && !('error' in (queue[0] as Message))) queue.shift();
          const message = queue.shift();
          if (message && 'error' in message) throw new Error(message.error);
          if (message) {
            yield message.snapshot;
            if (message.snapshot.done) return;
            continue;
          }
          if (exited) throw new Error('the loading worker stopped before finishing');
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          wake = null;
        }
      } finally {
        void worker.terminate();
      }
    },
  };
}

/**
 * A loader that reads in a worker thread, started at once for the first load (before Ink is
 * imported) and anew for each refresh. Running from sources (tests), where no compiled worker
 * file exists, it reads in this thread.
 */
export function workerLoader(inputs: string[]): Loader {
  const file = fileURLToPath(import.meta.url);
  if (!file.endsWith('.js') || !existsSync(file))
    return (requested) => ({
      async *[Symbol.asyncIterator]() {
        const { loadFiles } = await import('./load-inputs.js');
        yield* loadFiles(requested);
      },
    });
  let primed: AsyncIterable<LoadSnapshot> | null = startWorker(inputs, file);
  return (requested) => {
    const first = primed;
    primed = null;
    return first && requested === inputs ? first : startWorker(requested, file);
  };
}
