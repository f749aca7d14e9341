/**
 * Reading the inputs for the TUI so that findings appear while files still load: the evidence
 * read so far is re-analysed (analyzeEvidence, the same pipeline step `analyze` ends with) at
 * most every THROTTLE_MS, and once more at the end.
 *
 * The pipeline gives the inputs' files one batch at a time (evidenceBatches), so findings can
 * show before the last file is read. With --policies, every analysis shown has its fixes
 * verified: the policies are read once per load, so a watch picks up an edited policy file.
 */
import type { Analysis } from '../src/domain/analysis.js';
import type { Evidence, InputWarning } from '../src/domain/evidence.js';
import {
  analyzeEvidence,
  countInputFiles,
  evidenceBatches,
  isRead,
  policyVerifier,
} from '../src/pipeline.js';

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
  const evidence: Evidence[] = [];
  const warnings: InputWarning[] = [];
  let filesRead = 0;
  let readable = 0;
  let analysis: Analysis | null = null;
  let analysedAt = 0;
  let analysedCount = -1;
  let reportedAt = 0;
  const [filesTotal, verify] = await Promise.all([
    countInputFiles(inputs),
    options.policies?.length ? policyVerifier(options.policies) : null,
  ]);
  yield { analysis, filesRead, filesTotal, evidence: 0, done: false };
  const analyse = async () => {
    const analysed = await analyzeEvidence([...evidence], [...warnings]);
    analysis = verify ? await verify(analysed) : analysed;
    analysis.stats.inputs = readable;
    analysedAt = Date.now();
    analysedCount = evidence.length;
  };
  for await (const batch of evidenceBatches(inputs)) {
    filesRead += 1;
    if (isRead(batch)) readable += 1;
    evidence.push(...batch.evidence);
    warnings.push(...batch.warnings);
    // Until the first finding shows, every file with evidence is analysed; then at most every THROTTLE_MS.
    const due = Date.now() - analysedAt >= THROTTLE_MS || !(analysis as Analysis | null)?.findings.length;
    const analysed = due && evidence.length > analysedCount && batch.evidence.length > 0;
    if (analysed) await analyse();
    if (analysed || Date.now() - reportedAt >= PROGRESS_MS) {
      reportedAt = Date.now();
      yield { analysis, filesRead, filesTotal, evidence: evidence.length, done: false };
    }
  }
  await analyse();
  yield {
    analysis,
    filesRead,
    filesTotal: Math.max(filesTotal, filesRead),
    evidence: evidence.length,
    done: true,
  };
}
