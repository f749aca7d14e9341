/** A message read as a user's pasted text file, and the first finding whydenied makes of it. */
import type { Finding } from '../src/domain/analysis.js';
import { analyzeEvidence } from '../src/pipeline.js';
import { textEvidence } from '../src/sources/files/text-input.js';

export async function firstFinding(message: string, fileName = 'pasted.txt'): Promise<Finding | undefined> {
  const analysis = await analyzeEvidence(textEvidence(message, fileName), []);
  return analysis.findings[0];
}
