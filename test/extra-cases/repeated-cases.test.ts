/**
 * A case added twice (the same message from the same source, found again by a later set)
 * counts twice in every figure and makes a "never seen" set look better than it is. The same
 * message from another source is another real occurrence (a console cuts every reason at the
 * same length), so it stays.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface StoredCase {
  id: string;
  raw: unknown;
  source?: string;
}

const readCases = (file: string): StoredCase[] =>
  readFileSync(new URL(file, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as StoredCase);

/** A message as it reads, whatever the paste did to its blanks and case. */
const reading = (raw: unknown) =>
  (typeof raw === 'string' ? raw : JSON.stringify(raw)).replace(/\s+/g, ' ').trim().toLowerCase();

/** Each later case that repeats an earlier one's message from the same source, as 'later repeats earlier'. */
function repeatedCases(cases: StoredCase[]): string[] {
  const first = new Map<string, string>();
  const repeats: string[] = [];
  for (const item of cases) {
    const key = `${item.source ?? ''}\u0000${reading(item.raw)}`;
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, item.id);
    else repeats.push(`${item.id} repeats ${earlier}`);
  }
  return repeats;
}

describe('the real cases', () => {
  it('hold each message of each source once, across the corpus and the extra cases', () => {
    const cases = [...readCases('../corpus/cases.jsonl'), ...readCases('./cases.jsonl')];
    expect(repeatedCases(cases)).toEqual([]);
  });

  it('find a planted repeat, whatever its blanks and case', () => {
    const planted = [
      { id: 'a-1', raw: 'User: x is not authorized', source: 'https://example.org/1' },
      { id: 'a-2', raw: 'user: x  is not\nauthorized', source: 'https://example.org/1' },
      { id: 'a-3', raw: 'User: x is not authorized', source: 'https://example.org/2' },
    ];
    expect(repeatedCases(planted)).toEqual(['a-2 repeats a-1']);
  });
});
