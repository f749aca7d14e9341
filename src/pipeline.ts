/**
 * Sources → evidence → analysis for the files given: the one pipeline (run-analysis.ts) on the
 * file source, with the fixes verified against policy files when some are given: its events
 * for listeners (the CLI's outputs), or only its final analysis.
 */
import { analyzeEvidence, analyzeFold } from './analyze-fold.js';
import type { Analysis, Finding } from './domain/analysis.js';
import type { FoldOptions } from './domain/analysis-fold.js';
import type { InputWarning } from './domain/evidence.js';
import { type AnalysisEvent, finalAnalysis, type RunOptions, runAnalysis } from './run-analysis.js';
import { fileSource } from './sources/file-source.js';
import { DEFAULT_LIMITS } from './sources/files/input-bytes.js';
import { walkPaths } from './sources/files/read-inputs.js';

export { analyzeEvidence, analyzeFold };

export interface PipelineOptions {
  /** Policy files (--policies) to verify each fix against by simulation. */
  policies?: string[];
  /** Bytes one gzipped input may inflate to (--max-inflated). */
  maxInflatedBytes?: number;
  /** Pieces of evidence each finding cites first and last, or every piece (--all-evidence). */
  evidenceSample?: FoldOptions['evidenceSample'];
  /** Interim analyses while the files load, each verified as the final one (the TUI). */
  interim?: RunOptions['interim'];
}

export interface PipelineResult {
  analysis: Analysis;
  bytes: number;
  records: number;
}

/** How many files the inputs hold (directories walked), for a progress count. */
export async function countInputFiles(paths: string[]): Promise<number> {
  let total = 0;
  for await (const _entry of walkPaths(paths)) total += 1;
  return total;
}

/** The files' run as the one pipeline's events, for listeners (the CLI's outputs, the TUI, analyzeFiles). */
export async function fileAnalysis(
  paths: string[],
  options: PipelineOptions = {},
): Promise<AsyncGenerator<AnalysisEvent>> {
  const limits = {
    ...DEFAULT_LIMITS,
    ...(options.maxInflatedBytes ? { maxInflatedBytes: options.maxInflatedBytes } : {}),
  };
  const verify = options.policies ? await policyVerifier(options.policies) : undefined;
  return runAnalysis([fileSource(paths, limits)], {
    evidenceSample: options.evidenceSample,
    interim: options.interim,
    verify,
  });
}

/** The final analysis of the files, for a caller that wants only it (tests, the samples). */
export async function analyzeFiles(paths: string[], options: PipelineOptions = {}): Promise<PipelineResult> {
  const { analysis, bytes, records } = await finalAnalysis(await fileAnalysis(paths, options));
  return { analysis, bytes, records };
}

/** The fixes checked against policy files (--policies), whatever the evidence's source. */
export async function verifiedAgainst(analysis: Analysis, paths: string[]): Promise<Analysis> {
  return (await policyVerifier(paths))(analysis);
}

/**
 * Reads the policy files once and returns what checks an analysis's fixes against them: a
 * view that re-analyses as evidence arrives (the TUI) verifies each analysis without
 * reading the policies again.
 */
export async function policyVerifier(paths: string[]): Promise<(analysis: Analysis) => Promise<Analysis>> {
  // The simulator loads only when there are policies to check fixes against.
  const [{ loadPolicies }, { verifyFindings }] = await Promise.all([
    import('./sources/files/policies.js'),
    import('./verify/verify-findings.js'),
  ]);
  const { policies, warnings } = await loadPolicies(paths);
  return async (analysis) =>
    withVerifiedFindings(analysis, await verifyFindings(analysis.findings, policies), warnings);
}

/** The analysis with its findings' fixes verified, and what could not be read for that. */
export function withVerifiedFindings(
  analysis: Analysis,
  findings: Finding[],
  warnings: InputWarning[],
): Analysis {
  return {
    ...analysis,
    findings,
    warnings: [...analysis.warnings, ...warnings],
    stats: { ...analysis.stats, warnings: analysis.stats.warnings + warnings.length },
  };
}
