/**
 * Loading in a worker thread, so that reading and analysing the inputs runs on the second core
 * while the main thread loads Ink and React (~0.6 s here): the first findings are ready by the
 * time the first frame is drawn.
 */
import { existsSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { type AnalysisDelta, DeltaDecoder, DeltaEncoder } from './analysis-delta.js';
import type { Loader, LoadOptions, LoadSnapshot } from './load-inputs.js';

/** A snapshot as posted: its analysis as the change since the one posted before. */
type PostedSnapshot = Omit<LoadSnapshot, 'analysis'> & { delta: AnalysisDelta | null };
type Message = { snapshot: PostedSnapshot } | { error: string };

/** The terminal's size and a flag the two threads share to decide who draws first. */
export interface FirstPaint {
  columns: number;
  rows: number;
  /** Int32 [0]: 0 free, 1 claimed by Ink, 2 the worker is painting, 3 painted. */
  flag: SharedArrayBuffer;
}

const FREE = 0;
const CLAIMED = 1;
const PAINTING = 2;
const PAINTED = 3;

/** The worker's side: read the inputs it was given and post every snapshot. */
async function serve(inputs: string[], options: LoadOptions, paint: FirstPaint | undefined) {
  try {
    const { loadFiles } = await import('./load-inputs.js');
    let painted = !paint;
    const encoder = new DeltaEncoder();
    let posted: LoadSnapshot['analysis'] = null;
    for await (const snapshot of loadFiles(inputs, options)) {
      const { analysis, ...rest } = snapshot;
      // Progress alone (the same analysis) posts no analysis at all.
      const delta = analysis && analysis !== posted ? encoder.encode(analysis) : null;
      posted = analysis;
      parentPort?.postMessage({ snapshot: { ...rest, delta } } satisfies Message);
      if (!painted && paint && snapshot.analysis?.findings.length) {
        painted = true;
        await paintFirstFrame(paint, snapshot, inputs);
      }
    }
  } catch (error) {
    parentPort?.postMessage({ error: (error as Error).message } satisfies Message);
  }
}

/**
 * Writes straight to the terminal (fd 1, not through the main thread, which is busy loading
 * Ink), unless Ink has already claimed the screen.
 */
async function paintFirstFrame(paint: FirstPaint, snapshot: LoadSnapshot, inputs: string[]) {
  const flag = new Int32Array(paint.flag);
  if (Atomics.compareExchange(flag, 0, FREE, PAINTING) !== FREE || !snapshot.analysis) return;
  try {
    const { firstFrame } = await import('./first-frame.js');
    writeSync(1, firstFrame(snapshot.analysis, inputs, paint.columns, paint.rows));
  } catch {
    // A first frame is a courtesy: Ink draws the real one either way.
  } finally {
    Atomics.store(flag, 0, PAINTED);
  }
}

/** The main thread takes the screen for Ink; waits the few milliseconds of a paint under way. */
export function claimScreen(paint: FirstPaint): void {
  const flag = new Int32Array(paint.flag);
  while (Atomics.compareExchange(flag, 0, FREE, CLAIMED) === PAINTING) Atomics.wait(flag, 0, PAINTING, 50);
}

if (!isMainThread && parentPort && (workerData as { whydeniedLoad?: boolean })?.whydeniedLoad) {
  const data = workerData as { inputs: string[]; options: LoadOptions; paint?: FirstPaint };
  void serve(data.inputs, data.options, data.paint);
}

/** Starts loading now; the iterable yields the snapshots as the worker posts them. */
function startWorker(
  inputs: string[],
  options: LoadOptions,
  file: string,
  paint?: FirstPaint,
): AsyncIterable<LoadSnapshot> {
  const worker = new Worker(file, {
    workerData: { whydeniedLoad: true, inputs, options, ...(paint ? { paint } : {}) },
  });
  const queue: ({ snapshot: LoadSnapshot } | { error: string })[] = [];
  let wake: (() => void) | null = null;
  let exited = false;
  // Every delta is applied as it arrives, so that skipping to the newest snapshot below loses nothing.
  const decoder = new DeltaDecoder();
  let analysis: LoadSnapshot['analysis'] = null;
  worker.on('message', (message: Message) => {
    if ('error' in message) queue.push(message);
    else {
      const { delta, ...rest } = message.snapshot;
      if (delta) analysis = decoder.apply(delta);
      queue.push({ snapshot: { ...rest, analysis } });
    }
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
          while (queue.length > 1 && !('error' in (queue[0] as object))) queue.shift();
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
export function workerLoader(inputs: string[], options: LoadOptions = {}, paint?: FirstPaint): Loader {
  const file = fileURLToPath(import.meta.url);
  if (!file.endsWith('.js') || !existsSync(file))
    return (requested) => ({
      async *[Symbol.asyncIterator]() {
        const { loadFiles } = await import('./load-inputs.js');
        yield* loadFiles(requested, options);
      },
    });
  // Only the first load paints before Ink: later ones (refresh, watch) happen under Ink.
  let primed: AsyncIterable<LoadSnapshot> | null = startWorker(inputs, options, file, paint);
  return (requested) => {
    const first = primed;
    primed = null;
    return first && requested === inputs ? first : startWorker(requested, options, file);
  };
}
