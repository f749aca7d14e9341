/**
 * The conclusion step every run ends with (and a view's interim analyses): the evidence folded
 * so far, resolved against the IAM action catalog, with the fixes synthesised.
 */
import { loadActionCatalog } from './domain/action-catalog.js';
import { loadActionDetails } from './domain/action-details.js';
import type { Analysis } from './domain/analysis.js';
import { AnalysisFold, type FoldOptions } from './domain/analysis-fold.js';
import { conclude } from './domain/conclude.js';
import { withDecodeCommands } from './domain/encoded-authorization.js';
import type { Evidence, InputWarning } from './domain/evidence.js';
import { withFixes } from './domain/fix-synthesis.js';
import { withRestoreFixes } from './domain/iam-cause.js';
import { catalogNeeds } from './domain/observe.js';
import { fullestByArn } from './domain/revisions.js';

/** The analysis of the evidence folded so far; the fold goes on taking batches after. */
export async function analyzeFold(fold: AnalysisFold): Promise<Analysis> {
  const observations = fold.observations();
  const needs = catalogNeeds(observations.denials.map((denial) => denial.observation));
  const catalog = await loadActionCatalog(needs.services, needs.everyService);
  const analysis = conclude(observations, catalog, [...fold.warnings], fold.sampleSize);
  const details = await loadActionDetails(
    analysis.findings.map((finding) => finding.action ?? '').filter(Boolean),
  );
  const definitions = fullestByArn(observations.taskDefinitions);
  return withDecodeCommands({
    ...analysis,
    findings: withRestoreFixes(withFixes(analysis.findings, definitions, details)),
  });
}

/** The analysis of these pieces of evidence, read as one batch (a pasted message, a test's). */
export async function analyzeEvidence(
  evidence: Evidence[],
  warnings: InputWarning[],
  options: FoldOptions = {},
): Promise<Analysis> {
  const fold = new AnalysisFold(options);
  fold.add(evidence, warnings);
  return analyzeFold(fold);
}
