/** A message read as a user's pasted text file, and the first finding whydenied makes of it. */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Finding } from '../src/domain/analysis.js';
import { analyzeEvidence } from '../src/pipeline.js';
import { textEvidence } from '../src/sources/files/text-input.js';

export async function firstFinding(message: string, fileName = 'pasted.txt'): Promise<Finding | undefined> {
  const analysis = await analyzeEvidence(textEvidence(message, fileName), []);
  return analysis.findings[0];
}

/** A pasted message's analysis, and its look-alike when the message is no denial. */
export function analysePasted(message: string) {
  return analyzeEvidence(textEvidence(message, 'pasted.txt'), []);
}

export async function lookAlikeOf(message: string) {
  const analysis = await analysePasted(message);
  expect(analysis.findings).toEqual([]);
  return analysis.notPermission[0];
}

const publishedById = new Map<string, unknown>(
  ['corpus/cases.jsonl', 'extra-cases/cases.jsonl'].flatMap((file) =>
    readFileSync(new URL(file, import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as { id: string; raw: unknown })
      .map((item): [string, unknown] => [item.id, item.raw]),
  ),
);

/** A real case as published: a message's raw text, or a CloudTrail record's object. */
export function publishedRaw(id: string): unknown {
  if (!publishedById.has(id)) throw new Error(`no case ${id}`);
  return publishedById.get(id);
}

/** A real case's message as published (the corpus's or an extra case's raw text). */
export function publishedCase(id: string): string {
  return String(publishedRaw(id));
}
