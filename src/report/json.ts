/**
 * `--format json`: the Analysis as the versioned contract in README.md ("JSON output").
 */
import type { Analysis } from '../domain/analysis.js';

export function renderJson(analysis: Analysis): string {
  return `${JSON.stringify(analysis, null, 2)}\n`;
}
