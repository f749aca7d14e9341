/** The real cases of test/corpus/cases.jsonl, by id, for unit tests that need real messages. */
import { readFileSync } from 'node:fs';

export interface CorpusCase {
  id: string;
  kind: string;
  raw: unknown;
  expected: Record<string, string | boolean | null>;
}

const cases = new Map<string, CorpusCase>(
  readFileSync(new URL('./corpus/cases.jsonl', import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as CorpusCase)
    .map((item) => [item.id, item]),
);

export function corpusCases(): CorpusCase[] {
  return [...cases.values()];
}

export function corpusCase(id: string): CorpusCase {
  const item = cases.get(id);
  if (!item) throw new Error(`no corpus case ${id}`);
  return item;
}

/** The raw message of a text case. */
export function corpusMessage(id: string): string {
  return String(corpusCase(id).raw);
}
