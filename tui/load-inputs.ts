/**
 * Reading the inputs for the TUI so that findings appear while files still load: each file's
 * evidence is folded in as it is read (AnalysisFold, the same fold `analyze` uses), and what is
 * folded so far is concluded at most every THROTTLE_MS (or four times as long as concluding
 * took, so that concluding never takes most of the load), and once more at the end.
 *
 * The pipeline gives the inputs' files one batch at a time (evidenceBatches), so findings can
 * show before the last file is read. With --policies, every analysis shown has its fixes
 * verified: the policies are read once per load, so a watch picks up an edited policy file.
 */
import type { Analysis } from '../src/domain/analysis.js';
import { AnalysisFold } from '../src/domain/analysis-fold.js';
import { analyzeFold, countInputFiles, evidenceBatches, isRead, policyVerifier } from '../src/pipeline.js';

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
  const fold = new AnalysisFold();
  let filesRead = 0;
  let readable = 0;
  let analysis: Analysis | null = null;
  let analysedAt = 0;
  let analysedVersion = -1;
  let interval = THROTTLE_MS;
  let reportedAt = 0;
  const [filesTotal, verify] = await Promise.all([
    countInputFiles(inputs),
    options.policies?.length ? policyVerifier(options.policies) : null,
  ]);
  yield { analysis, filesRead, filesTotal, evidence: 0, done: false };
  const analyse = async () => {
    const started = Date.now();
    const analysed = await analyzeFold(fold);
    analysis = verify ? await verify(analysed) : analysed;
    analysis.stats.inputs = readable;
    analysedAt = Date.now();
    analysedVersion = fold.version;
    interval = Math.max(THROTTLE_MS, 4 * (analysedAt - started));
  };
  for await (const batch of evidenceBatches(inputs)) {
    filesRead += 1;
    if (isRead(batch)) readable += 1;
    fold.add(batch.evidence, batch.warnings);
    // Until the first finding shows, every file with evidence is analysed; then at most every interval.
    const due = Date.now() - analysedAt >= interval || !(analysis as Analysis | null)?.findings.length;
    const analysed = due && fold.version > analysedVersion && batch.evidence.length > 0;
    if (analysed) await analyse();
    if (analysed || Date.now() - reportedAt >= PROGRESS_MS) {
      reportedAt = Date.now();
      yield { analysis, filesRead, filesTotal, evidence: fold.evidenceCount, done: false };
    }
  }
  await analyse();
  yield {
    analysis,
    filesRead,
    filesTotal: Math.max(filesTotal, filesRead),
    evidence: fold.evidenceCount,
    done: true,
  };
}
