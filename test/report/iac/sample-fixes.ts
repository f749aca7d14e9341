/**
 * The renderers' inputs, made the way users get them: the real pipeline over samples/ (every
 * placement, cross-account pulls, a null target, placeholders), plus real corpus messages of
 * IAM users (an inline user policy, a user deployer's PassRole), which no sample has.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MergedFix } from '../../../src/domain/merge-fixes.js';
import { mergeFixes } from '../../../src/domain/merge-fixes.js';
import { analyzeFiles } from '../../../src/pipeline.js';
import { corpusMessage } from '../../corpus-cases.js';

const SAMPLES = new URL('../../../samples/', import.meta.url).pathname;
/** app-40: a user's own call; ecs-09: a user deploying with RunTask, denied iam:PassRole. */
const USER_CASES = ['app-40', 'ecs-09'];

let cached: Promise<MergedFix[]> | undefined;

async function build(): Promise<MergedFix[]> {
  const folder = mkdtempSync(join(tmpdir(), 'whydenied-iac-'));
  try {
    for (const id of USER_CASES) writeFileSync(join(folder, `${id}.txt`), `${corpusMessage(id)}\n`);
    const { analysis } = await analyzeFiles([SAMPLES, folder]);
    return mergeFixes(analysis.findings);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

export function sampleFixes(): Promise<MergedFix[]> {
  cached ??= build();
  return cached;
}
