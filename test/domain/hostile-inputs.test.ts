/**
 * Hostile text against the message grammar: an opening the patterns look for, then a long run
 * of one character class. Each case is one `npm run bench:fuzz` (bench/fuzz-readers.ts) found
 * slow, at a size that took seconds to hours before its pattern was bounded; here it must
 * read within the suite's timeout (30 s). What the reading says is checked too, so a fix that
 * gave up on the text would fail.
 */
import { describe, expect, it } from 'vitest';
import { readMessage } from '../../src/domain/message-reading.js';
import { parsePrincipal } from '../../src/domain/principal.js';

const denials = (message: string) =>
  readMessage(message, false).filter((reading) => reading.type === 'denial');

describe('placeholders in a principal', () => {
  // A placeholder ('<account id>', '[account]', '{id}') could be read whole or one character at
  // a time: a run of them that no "is not authorized" followed was split every way, 2^n tries
  // (24 '<a>' took 1.6 s, 28 took 5.5 s).
  it.each(['<a>', '[a]', '{a}'])('"User: " and 2,000 %s then AccessDenied is read as a denial', (unit) => {
    const message = `User: arn:aws:iam::${unit.repeat(2_000)} AccessDenied`;
    expect(denials(message)).toHaveLength(1);
  });
});

describe('long runs where a principal is read', () => {
  // 'User' (its colon optional) began a principal that ran to the first blank: from each 'User'
  // of a run the token was read to the end, a square of the run (40 KB: 2.4 s).
  it('a 200 KB run of "User" then AccessDenied is read as one denial', () => {
    expect(denials(`${'User'.repeat(50_000)} AccessDenied`)).toHaveLength(1);
  });

  // The closing brackets stuck to a principal were taken off one at a time, each time counting
  // every bracket of the token (40 KB of ')': 17 s, 80 KB over a minute).
  it('"User: arn:aws:iam::" and 80,000 ")" then AccessDenied is read as one denial', () => {
    expect(denials(`User: arn:aws:iam::${')'.repeat(80_000)} AccessDenied`)).toHaveLength(1);
  });
});

describe('a long run of closing brackets after a link', () => {
  // The closing brackets stuck to a link were taken off one at a time, each time counting every
  // bracket of it: a square of the run (20,000: 2.9 s).
  it('80,000 ")" after the details link of an explicit deny leave the link without them', () => {
    const message = `User: arn:aws:iam::123456789012:user/x is not authorized to perform: s3:GetObject with an explicit deny in a service control policy. go to https://a${')'.repeat(80_000)}`;
    const [reading] = denials(message);
    expect(reading?.type === 'denial' && reading.detailsUrl).toBe('https://a');
  });
});

describe('a long word after a service\'s "not authorized to perform"', () => {
  // The operation's name was read as lowercase letters then any letters: every split of a long
  // word was tried before the colon after it turned it down, a square of its length (20 KB: 0.6 s).
  it('a 200 KB capitalised word ending in a colon after "perform" is read, and names no operation', () => {
    const message = `User with accountId: 123456789012 is not authorized to perform A${'a'.repeat(200_000)}:`;
    const [reading] = denials(message);
    expect(reading?.type).toBe('denial');
    expect(reading?.type === 'denial' ? (reading.operation ?? '') : '').not.toMatch(/^Aa/);
  });
});

describe("an ARN's placeholders kept while its blanks go", () => {
  // A placeholder ('<account id>') was read up to its closing bracket however far: from each
  // '<' of a run that none closes, to the end (40 KB: 2 s; a finding parses its principal often).
  it('"arn:" and 200,000 "<" parse as an ARN of unknown kind, without its blanks', () => {
    const principal = parsePrincipal(`arn: ${'<'.repeat(200_000)}`);
    expect(principal.raw).toBe(`arn:${'<'.repeat(200_000)}`);
    expect(principal.type).toBe('unknown');
  });
});
