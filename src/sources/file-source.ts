/** The files and directories given as a Source: one batch per file, each read input counted once. */
import type { Source } from '../run-analysis.js';
import { isRead, readFiles } from './files/index.js';
import { DEFAULT_LIMITS, type ReadLimits } from './files/input-bytes.js';

export async function* fileSource(paths: string[], limits: ReadLimits = DEFAULT_LIMITS): Source {
  for await (const batch of readFiles(paths, limits)) {
    // whydenied's own outputs and unreadable paths are not inputs read.
    yield { type: 'batch', ...batch, inputs: isRead(batch) ? 1 : 0 };
  }
}
