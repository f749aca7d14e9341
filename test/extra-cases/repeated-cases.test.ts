/**
 * A case added twice (the same message from the same source, found again by a later set)
 * counts twice in every figure and makes a "never seen" set look better than it is. A later set
 * often quotes the same message a little longer or shorter (a "Getting this error:" in front, cut
 * a line earlier), so one reading holding the other is a repeat too. The same message from
 * another source is another real occurrence (a console cuts every reason at the same length), so
 * it stays.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface StoredCase {
  id: string;
  raw: unknown;
  source?: string;
  /** The given corpus, kept equal to ../shared/corpus: its own repeats are not this project's to remove. */
  given?: boolean;
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
  const earlierOfSource = new Map<string, { item: StoredCase; text: string }[]>();
  const repeats: string[] = [];
  for (const item of cases) {
    const text = reading(item.raw);
    const earlier = earlierOfSource.get(item.source ?? '') ?? [];
    const repeated = earlier.find(
      (other) =>
        !(other.item.given && item.given) && (other.text.includes(text) || text.includes(other.text)),
    );
    if (repeated) repeats.push(`${item.id} repeats ${repeated.item.id}`);
    else earlierOfSource.set(item.source ?? '', [...earlier, { item, text }]);
  }
  return repeats;
}

describe('the real cases', () => {
  it('hold each message of each source once, across the corpus and the extra cases', () => {
    const given = readCases('../corpus/cases.jsonl').map((item) => ({ ...item, given: true }));
    const cases = [...given, ...readCases('./cases.jsonl')];
    expect(repeatedCases(cases)).toEqual([]);
  });

  it('find a planted repeat, whatever its blanks and case', () => {
    const planted = [
      { id: 'a-1', raw: 'User: x is not authorized', source: 'https://example.org/1' },
      { id: 'a-2', raw: 'user: x  is not\nauthorized', source: 'https://example.org/1' },
      { id: 'a-3', raw: 'User: x is not authorized', source: 'https://example.org/2' },
      { id: 'a-4', raw: 'Getting this error: user: x is not authorized', source: 'https://example.org/2' },
      { id: 'a-5', raw: 'User: x is not', source: 'https://example.org/1' },
    ];
    expect(repeatedCases(planted)).toEqual(['a-2 repeats a-1', 'a-4 repeats a-3', 'a-5 repeats a-1']);
  });
});
