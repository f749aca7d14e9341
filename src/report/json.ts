/**
 * `--format json`: the Analysis as the versioned contract in README.md ("JSON output").
 */
import { type Analysis, SCHEMA_VERSION } from '../domain/analysis.js';
import { mergeFixes } from '../domain/merge-fixes.js';
import { visibleJson } from './visible-text.js';

export function renderJson(analysis: Analysis): string {
  return `${visibleJson(JSON.stringify(analysis, null, 2))}\n`;
}

/** `whydenied fix --format json`: one policy document per place to change, with the findings each fixes. */
export function renderFixesJson(analysis: Analysis): string {
  return `${visibleJson(JSON.stringify({ schemaVersion: SCHEMA_VERSION, fixes: mergeFixes(analysis.findings) }, null, 2))}\n`;
}
