/**
 * The one pipeline: sources → evidence → analysis, as a stream of typed events every view
 * listens to (the CLI's text, JSON and Markdown, the TUI, watch mode), in the spirit of the
 * AWS CDK toolkit's message host: each event has a level and a stable code.
 *
 * A source (the files, the live readers) is an async iterable of batches of evidence with the
 * problems met reading them, progress, and notes; `runAnalysis` folds each batch as it comes
 * (AnalysisFold), concludes an interim analysis when one is due, and the final one at the end.
 */

import { analyzeFold } from './analyze-fold.js';
import type { Analysis } from './domain/analysis.js';
import { AnalysisFold, type FoldOptions } from './domain/analysis-fold.js';
import type { Evidence, InputWarning } from './domain/evidence.js';

/** What a source yields. */
export type SourceItem<P> =
  | {
      type: 'batch';
      /** The file, `-`, or the API the batch was read from. */
      source: string;
      format: string;
      evidence: Evidence[];
      warnings: InputWarning[];
      /** How many inputs this batch counts for in `stats.inputs` (0: unreadable, or not an input). */
      inputs: number;
      bytes: number;
      records: number;
    }
  | { type: 'progress'; progress: P }
  /** Something the user should know about a partial read (a budget reached, a fallback taken). */
  | { type: 'note'; text: string };

export type Source<P = never> = AsyncIterable<SourceItem<P>>;

/** Levels as a host would filter them; `result` is the analysis itself. */
export type Level = 'debug' | 'info' | 'warn' | 'result';

/** Every code an event can have: stable, so a listener can filter by code. */
export const CODES = {
  progress: 'WHYDENIED_I1000',
  inputRead: 'WHYDENIED_I1001',
  analysing: 'WHYDENIED_I1002',
  evidence: 'WHYDENIED_D1100',
  warning: 'WHYDENIED_W2000',
  note: 'WHYDENIED_W2001',
  interim: 'WHYDENIED_I3000',
  final: 'WHYDENIED_R4000',
} as const;

export type AnalysisEvent<P = never> =
  /** What a source is doing (a live source's call, page or query). */
  | { type: 'progress'; level: 'info'; code: typeof CODES.progress; progress: P }
  /** A batch was read and folded in. */
  | {
      type: 'input-read';
      level: 'info';
      code: typeof CODES.inputRead;
      source: string;
      format: string;
      evidence: number;
      bytes: number;
      records: number;
      /** Batches read so far, this one included. */
      batches: number;
    }
  /** The evidence of the batch just read, for a listener that keeps it (most do not). */
  | { type: 'evidence'; level: 'debug'; code: typeof CODES.evidence; evidence: Evidence[] }
  /** An input problem: the file, the record, what was expected. */
  | { type: 'warning'; level: 'warn'; code: typeof CODES.warning; warning: InputWarning }
  | { type: 'note'; level: 'warn'; code: typeof CODES.note; text: string }
  /** Every source is read; the final analysis is being concluded. */
  | { type: 'analysing'; level: 'info'; code: typeof CODES.analysing; evidence: number }
  /** The analysis of the evidence read so far, while sources are still being read. */
  | { type: 'interim'; level: 'info'; code: typeof CODES.interim; analysis: Analysis; evidence: number }
  | {
      type: 'final';
      level: 'result';
      code: typeof CODES.final;
      analysis: Analysis;
      evidence: number;
      bytes: number;
      records: number;
    };

export interface RunOptions {
  evidenceSample?: FoldOptions['evidenceSample'];
  /**
   * Interim analyses, for views that show findings while sources load: every batch with
   * evidence until the first finding, then at most every `throttleMs` (or four times as long as
   * concluding took, so that concluding never takes most of the run). Off by default.
   */
  interim?: { throttleMs: number } | undefined;
  /** Checks the fixes (policy files, IAM), of the final analysis and, when `interim`, of each interim one. */
  verify?: ((analysis: Analysis, final: boolean) => Promise<Analysis>) | undefined;
}

export async function* runAnalysis<P = never>(
  sources: Source<P>[],
  options: RunOptions = {},
): AsyncGenerator<AnalysisEvent<P>> {
  const fold = new AnalysisFold({ evidenceSample: options.evidenceSample });
  let inputs = 0;
  let bytes = 0;
  let records = 0;
  let batches = 0;
  let concludedAt = 0;
  let concludedVersion = -1;
  let interval = options.interim?.throttleMs ?? 0;
  let hasFindings = false;
  const conclude = async (final: boolean): Promise<Analysis> => {
    const started = Date.now();
    const folded = await analyzeFold(fold);
    const analysis = options.verify ? await options.verify(folded, final) : folded;
    analysis.stats.inputs = inputs;
    concludedAt = Date.now();
    concludedVersion = fold.version;
    interval = Math.max(options.interim?.throttleMs ?? 0, 4 * (concludedAt - started));
    hasFindings = analysis.findings.length > 0;
    return analysis;
  };
  for (const source of sources) {
    for await (const item of source) {
      if (item.type === 'progress') {
        yield { type: 'progress', level: 'info', code: CODES.progress, progress: item.progress };
        continue;
      }
      if (item.type === 'note') {
        yield { type: 'note', level: 'warn', code: CODES.note, text: item.text };
        continue;
      }
      batches += 1;
      inputs += item.inputs;
      bytes += item.bytes;
      records += item.records;
      fold.add(item.evidence, item.warnings);
      if (item.evidence.length > 0)
        yield { type: 'evidence', level: 'debug', code: CODES.evidence, evidence: item.evidence };
      for (const warning of item.warnings)
        yield { type: 'warning', level: 'warn', code: CODES.warning, warning };
      yield {
        type: 'input-read',
        level: 'info',
        code: CODES.inputRead,
        source: item.source,
        format: item.format,
        evidence: item.evidence.length,
        bytes: item.bytes,
        records: item.records,
        batches,
      };
      const due = !hasFindings || Date.now() - concludedAt >= interval;
      if (options.interim && due && item.evidence.length > 0 && fold.version > concludedVersion) {
        const analysis = await conclude(false);
        yield { type: 'interim', level: 'info', code: CODES.interim, analysis, evidence: fold.evidenceCount };
      }
    }
  }
  yield { type: 'analysing', level: 'info', code: CODES.analysing, evidence: fold.evidenceCount };
  const analysis = await conclude(true);
  yield {
    type: 'final',
    level: 'result',
    code: CODES.final,
    analysis,
    evidence: fold.evidenceCount,
    bytes,
    records,
  };
}

/** The final analysis of a run, for a listener that wants only it (and, on the way, progress). */
export async function finalAnalysis<P>(
  events: AsyncIterable<AnalysisEvent<P>>,
  listener?: (event: AnalysisEvent<P>) => void | Promise<void>,
): Promise<Extract<AnalysisEvent<P>, { type: 'final' }>> {
  for await (const event of events) {
    await listener?.(event);
    if (event.type === 'final') return event;
  }
  throw new Error('the analysis ended without a result');
}

/**
 * A Source from a reader that reports through callbacks (the live readers call back per page):
 * what it pushes is yielded in order, and what it throws is thrown after what it pushed.
 */
export function sourceOf<P>(produce: (push: (item: SourceItem<P>) => void) => Promise<void>): Source<P> {
  return {
    async *[Symbol.asyncIterator]() {
      const queue: SourceItem<P>[] = [];
      let finished = false;
      let failure: { error: unknown } | null = null;
      let wake: (() => void) | null = null;
      const signal = () => {
        wake?.();
        wake = null;
      };
      produce((item) => {
        queue.push(item);
        signal();
      }).then(
        () => {
          finished = true;
          signal();
        },
        (error: unknown) => {
          failure = { error };
          finished = true;
          signal();
        },
      );
      while (true) {
        while (queue.length > 0) yield queue.shift() as SourceItem<P>;
        if (finished) {
          if (failure) throw (failure as { error: unknown }).error;
          return;
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    },
  };
}
