/**
 * Reading the inputs for the TUI so that findings appear while files still load: the files'
 * run of the one pipeline (fileAnalysis, as `analyze` runs it), with interim analyses at most
 * every THROTTLE_MS once the first finding shows, each turned into a snapshot the screen draws.
 *
 * With --policies, every analysis shown has its fixes verified: the policies are read once
 * per load, so a watch picks up an edited policy file.
 */
import type { Analysis } from '../src/domain/analysis.js';
import { countInputFiles, fileAnalysis } from '../src/pipeline.js';

export interface LoadSnapshot {
  /** The analysis of the evidence read so far; null before the first one. */
  analysis: Analysis | null;
  filesRead: number;
  /** null while the inputs are still being walked. */
  filesTotal: number | null;
  evidence: number;
  done: boolean;
  /** What a live source is doing ("ECS DescribeTasks: 12 tasks"), shown instead of the file count. */
  progress?: string | null;
  /** What a live source could not read or fell back from ("stopped after N pages"), in order. */
  notes?: string[];
}

/** Any source of snapshots: the files here, later the live sources; tests give fixed ones. */
export type Loader = (inputs: string[]) => AsyncIterable<LoadSnapshot>;

export const THROTTLE_MS = 150;
/** Progress alone (files read) is reported at most this often: every snapshot re-renders the screen. */
export const PROGRESS_MS = 50;

export interface LoadOptions {
  /** Policy files (--policies) to verify each fix against, as `analyze` does. */
  policies?: string[] | undefined;
}

export async function* loadFiles(inputs: string[], options: LoadOptions = {}): AsyncGenerator<LoadSnapshot> {
  const [filesTotal, events] = await Promise.all([
    countInputFiles(inputs),
    fileAnalysis(inputs, {
      ...(options.policies?.length ? { policies: options.policies } : {}),
      interim: { throttleMs: THROTTLE_MS },
    }),
  ]);
  let analysis: Analysis | null = null;
  let filesRead = 0;
  let evidence = 0;
  let reportedAt = 0;
  yield { analysis, filesRead, filesTotal, evidence, done: false };
  for await (const event of events) {
    if (event.type === 'input-read') {
      filesRead = event.batches;
      evidence += event.evidence;
      // Progress alone (files read) is drawn at most every PROGRESS_MS.
      if (Date.now() - reportedAt < PROGRESS_MS) continue;
    } else if (event.type === 'interim') {
      analysis = event.analysis;
    } else if (event.type === 'final') {
      const total = Math.max(filesTotal, filesRead);
      yield { analysis: event.analysis, filesRead, filesTotal: total, evidence, done: true };
      return;
    } else continue;
    reportedAt = Date.now();
    yield { analysis, filesRead, filesTotal, evidence, done: false };
  }
}
