/**
 * The candidate lines of a run of raw lines, found in their bytes: most of a long log is read
 * without ever becoming a string. Only lines the byte search cannot clear alone are decoded.
 *
 * The string probe (candidate-lines.ts) reads each line with its prefix and marks taken off
 * and every blank dropped, end to end. In bytes each line is read whole with its blanks
 * dropped and its letters in lower case (the probe's words are ASCII, and a case-insensitive
 * JavaScript pattern folds no other letter into them): what is left of a line after its
 * prefix is an end of that, so a word the probe finds inside one line is found here too.
 * A word cut over lines is where the prefix matters: its first part ends a line, and the
 * rest starts the next line's text after that line's prefix. A line ending in the first
 * letters of a word whose next line could go on with it is decoded with the lines after it
 * and read by the string probe itself. So the candidates are never fewer than the probe's.
 */
import { candidateLines, probeText } from './candidate-lines.js';
import { WORTH_READING } from './text-input.js';

/**
 * WORTH_READING's words as the probe reads them, without blanks, one spelling each: its
 * bracketed choices (`authori[sz]`) spelled out. Anything else of a pattern's syntax would need
 * reading here too: it throws, so that a change to the words cannot pass unread.
 */
export function probeWords(pattern: RegExp): string[] {
  const source = pattern.source.replace(/ /g, '').toLowerCase();
  const alternatives = source.split('|');
  const all: string[] = [];
  for (const alternative of alternatives) {
    let words = [''];
    for (let at = 0; at < alternative.length; at++) {
      const char = alternative[at] as string;
      if (char === '[') {
        const close = alternative.indexOf(']', at);
        const choices = alternative.slice(at + 1, close);
        if (close < 0 || /[\\^\-\]]/.test(choices))
          throw new Error(`probe word ${alternative}: unread class`);
        words = words.flatMap((word) => [...choices].map((choice) => word + choice));
        at = close;
      } else if (/[\\.*+?(){}^$]/.test(char)) {
        throw new Error(`probe word ${alternative}: unread syntax ${char}`);
      } else {
        words = words.map((word) => word + char);
      }
    }
    all.push(...words);
  }
  return all;
}

const WORDS = probeWords(WORTH_READING).map((word) => Buffer.from(word, 'latin1'));
const LONGEST = Math.max(...WORDS.map((word) => word.length));
/** The probe's words, blanks dropped, in lower case as the squeezed bytes are. */
const PROBE = new RegExp(WORTH_READING.source.replace(/ /g, '').toLowerCase(), 'g');

/** By a line's last byte: the words and lengths `k` whose first k letters end with that byte. */
const WORD_STARTS_ENDING: [word: Buffer, k: number][][] = Array.from({ length: 256 }, () => []);
for (const word of WORDS) {
  for (let k = 1; k < word.length; k++) WORD_STARTS_ENDING[word[k - 1] as number]?.push([word, k]);
}

/**
 * Words a prefix can have at most: syslog's `<13>Nov 12 10:00:00 host app[12]:`. A line with
 * no more words than that, marks aside, may have nothing left after its prefix and marks.
 */
const PREFIX_WORDS = 5;
/** The bytes marks are made of (`>`, `|`, `-`, `#011`, and `│`'s three): a word of only these may be marks. */
const MARK_BYTES = new Uint8Array(256);
for (const byte of [0x3e, 0x7c, 0x2d, 0x23, 0x30, 0x31, 0xe2, 0x94, 0x82]) MARK_BYTES[byte] = 1;

/**
 * How many bytes of a blank start at `at` (0: none): ASCII blanks and the UTF-8 of every other
 * character `\s` matches (no-break and other Unicode spaces, line and paragraph separators, BOM).
 */
function blankLength(bytes: Uint8Array, at: number, end: number): number {
  const byte = bytes[at] as number;
  if (byte === 0x20 || (byte >= 0x09 && byte <= 0x0d)) return 1;
  if (byte < 0xc2) return 0;
  const second = at + 1 < end ? (bytes[at + 1] as number) : -1;
  if (byte === 0xc2) return second === 0xa0 ? 2 : 0;
  const third = at + 2 < end ? (bytes[at + 2] as number) : -1;
  if (byte === 0xe1) return second === 0x9a && third === 0x80 ? 3 : 0;
  if (byte === 0xe2) {
    if (second === 0x80)
      return (third >= 0x80 && third <= 0x8a) || third === 0xa8 || third === 0xa9 || third === 0xaf ? 3 : 0;
    return second === 0x81 && third === 0x9f ? 3 : 0;
  }
  if (byte === 0xe3) return second === 0x80 && third === 0x80 ? 3 : 0;
  if (byte === 0xef) return second === 0xbb && third === 0xbf ? 3 : 0;
  return 0;
}

/** A run's lines with their blanks dropped and their letters lowered, end to end. */
interface Squeezed {
  bytes: Buffer;
  /** Where each line starts in `bytes`; one more entry, the end. */
  starts: Int32Array;
  /** Per line: whether nothing of it may be left after its prefix and marks (the probe reads it as empty). */
  mayBeEmpty: Uint8Array;
}

function squeeze(lines: readonly (Uint8Array | null)[]): Squeezed {
  let total = 0;
  for (const line of lines) total += line?.length ?? 0;
  const bytes = Buffer.allocUnsafe(total);
  const starts = new Int32Array(lines.length + 1);
  const mayBeEmpty = new Uint8Array(lines.length);
  let length = 0;
  for (let index = 0; index < lines.length; index++) {
    starts[index] = length;
    const line = lines[index];
    const end = line?.length ?? 0;
    let words = 0;
    let inWord = false;
    let markWord = true;
    for (let at = 0; at < end; ) {
      const byte = (line as Uint8Array)[at] as number;
      const blank =
        byte === 0x20 || (byte >= 0x09 && byte <= 0x0d)
          ? 1
          : byte >= 0xc2
            ? blankLength(line as Uint8Array, at, end)
            : 0;
      if (blank > 0) {
        if (inWord && !markWord) words += 1;
        inWord = false;
        at += blank;
        continue;
      }
      if (!inWord) {
        inWord = true;
        markWord = true;
      }
      if (!MARK_BYTES[byte]) markWord = false;
      bytes[length++] = byte >= 0x41 && byte <= 0x5a ? byte | 0x20 : byte;
      at += 1;
    }
    if (inWord && !markWord) words += 1;
    mayBeEmpty[index] = words <= PREFIX_WORDS ? 1 : 0;
  }
  starts[lines.length] = length;
  return { bytes, starts, mayBeEmpty };
}

/** Whether bytes[from, to) end with the first `count` bytes of `word` starting at `offset`. */
function endsWith(
  bytes: Buffer,
  from: number,
  to: number,
  word: Buffer,
  offset: number,
  count: number,
): boolean {
  if (to - from < count) return false;
  for (let i = 0; i < count; i++) if (bytes[to - count + i] !== word[offset + i]) return false;
  return true;
}

/** Whether bytes[from, to) hold word[offset...] anywhere. */
function holds(bytes: Buffer, from: number, to: number, word: Buffer, offset: number): boolean {
  const length = word.length - offset;
  for (let at = from; at + length <= to; at++) {
    let i = 0;
    while (i < length && bytes[at + i] === word[offset + i]) i++;
    if (i === length) return true;
  }
  return false;
}

/**
 * Whether the next line may go on with a word whose first `k` letters end this one: nothing of
 * it may be left, it holds the rest of the word, or it ends with the rest's beginning (and the
 * line after it goes on).
 */
function mayGoOn(squeezed: Squeezed, next: number, word: Buffer, k: number): boolean {
  if (squeezed.mayBeEmpty[next]) return true;
  const from = squeezed.starts[next] as number;
  const to = squeezed.starts[next + 1] as number;
  if (holds(squeezed.bytes, from, to, word, k)) return true;
  for (let count = 1; count < word.length - k; count++)
    if (endsWith(squeezed.bytes, from, to, word, k, count)) return true;
  return false;
}

/**
 * The indexes of the lines the string probe would make candidates, and maybe a few more
 * (`null`: an empty line, or one read otherwise). `decode` gives a line's text, for the few
 * read by the string probe.
 */
export function byteCandidateLines(
  lines: readonly (Uint8Array | null)[],
  decode: (index: number) => string,
): number[] {
  const squeezed = squeeze(lines);
  const found = new Set<number>();
  const { bytes, starts } = squeezed;
  // Words inside one line (and, harmlessly, over a line and the prefix of the next).
  const text = bytes.toString('latin1', 0, starts[lines.length]);
  PROBE.lastIndex = 0;
  let line = 0;
  for (let match = PROBE.exec(text); match; match = PROBE.exec(text)) {
    const end = match.index + match[0].length;
    while (line + 1 < lines.length && (starts[line + 1] as number) <= match.index) line += 1;
    for (let touched = line; touched < lines.length && (starts[touched] as number) < end; touched++)
      found.add(touched);
  }
  // Words cut over lines: a line ending in a word's first letters, and a next line that may go on with it.
  for (let index = 0; index + 1 < lines.length; index++) {
    const from = starts[index] as number;
    const to = starts[index + 1] as number;
    if (to === from) continue;
    const starting = WORD_STARTS_ENDING[bytes[to - 1] as number] ?? [];
    const cut = starting.some(
      ([word, k]) => endsWith(bytes, from, to, word, 0, k) && mayGoOn(squeezed, index + 1, word, k),
    );
    if (!cut) continue;
    // Read by the string probe, with the lines after until they hold any word's rest.
    const texts = [decode(index)];
    let after = 0;
    for (let next = index + 1; next < lines.length && after < LONGEST - 1; next++) {
      const nextText = decode(next);
      texts.push(nextText);
      after += probeText(nextText).length;
    }
    for (const candidate of candidateLines(texts)) found.add(index + candidate);
  }
  return [...found].sort((a, b) => a - b);
}
