/**
 * Sources → evidence → analysis. The views (text, JSON, later the report and the TUI) only
 * render the Analysis this returns; progress goes to the caller's listener as typed events.
 */
import { loadActionCatalog } from './domain/action-catalog.js';
import { loadActionDetails } from './domain/action-details.js';
import type { Analysis, Finding } from './domain/analysis.js';
import { conclude } from './domain/conclude.js';
import { withDecodeCommands } from './domain/encoded-authorization.js';
import type { Evidence, InputWarning } from './domain/evidence.js';
import { withFixes } from './domain/fix-synthesis.js';
import { withRestoreFixes } from './domain/iam-cause.js';
import { catalogNeeds, observe } from './domain/observe.js';
import { fullestByArn } from './domain/revisions.js';
import { type FileBatch, isRead, readFiles } from './sources/files/index.js';
import { DEFAULT_LIMITS } from './sources/files/input-bytes.js';
import { walkPaths } from './sources/files/read-inputs.js';

export type ProgressEvent =
  | { type: 'file-read'; source: string; format: string; evidence: number; bytes: number; records: number }
  | { type: 'analysing'; evidence: number };

export interface PipelineOptions {
  onProgress?: (event: ProgressEvent) => void;
  /** Policy files (--policies) to verify each fix against by simulation. */
  policies?: string[];
  /** Bytes one gzipped input may inflate to (--max-inflated). */
  maxInflatedBytes?: number;
}

export interface PipelineResult {
  analysis: Analysis;
  bytes: number;
  records: number;
}

export { isRead } from './sources/files/index.js';

/** The inputs' files one at a time, with their evidence, for views that show findings as files load. */
export async function* evidenceBatches(paths: string[]): AsyncGenerator<FileBatch> {
  yield* readFiles(paths);
}

/** How many files the inputs hold (directories walked), for a progress count. */
export async function countInputFiles(paths: string[]): Promise<number> {
  let total = 0;
  for await (const _entry of walkPaths(paths)) total += 1;
  return total;
}

export async function analyzeFiles(paths: string[], options: PipelineOptions = {}): Promise<PipelineResult> {
  const evidence: Evidence[] = [];
  const warnings: InputWarning[] = [];
  let inputs = 0;
  let bytes = 0;
  let records = 0;
  const limits = {
    ...DEFAULT_LIMITS,
    ...(options.maxInflatedBytes ? { maxInflatedBytes: options.maxInflatedBytes } : {}),
  };
  for await (const batch of readFiles(paths, limits)) {
    // whydenied's own outputs and unreadable paths are not inputs read.
    if (isRead(batch)) inputs += 1;
    bytes += batch.bytes;
    records += batch.records;
    for (const item of batch.evidence) evidence.push(item);
    warnings.push(...batch.warnings);
    options.onProgress?.({
      type: 'file-read',
      source: batch.source,
      format: batch.format,
      evidence: batch.evidence.length,
      bytes: batch.bytes,
      records: batch.records,
    });
  }
  options.onProgress?.({ type: 'analysing', evidence: evidence.length });
  const analyzed = await analyzeEvidence(evidence, warnings);
  const analysis = options.policies ? await verifiedAgainst(analyzed, options.policies) : analyzed;
  analysis.stats.inputs = inputs;
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

/** The analysis of evidence from any source. */
export async function analyzeEvidence(evidence: Evidence[], warnings: InputWarning[]): Promise<Analysis> {
  const observations = observe(evidence);
  const needs = catalogNeeds(observations);
  const catalog = await loadActionCatalog(needs.services, needs.everyService);
  const analysis = conclude(observations, catalog, warnings);
  const details = await loadActionDetails(
    analysis.findings.map((finding) => finding.action ?? '').filter(Boolean),
  );
  const definitions = fullestByArn(observations.taskDefinitions);
  return withDecodeCommands({
    ...analysis,
    findings: withRestoreFixes(withFixes(analysis.findings, definitions, details)),
  });
}
