/**
 * A CloudTrail delivery file ({"Records":[...]}) read from its bytes without parsing the
 * records that cannot be evidence. Most records of a trail succeeded and say nothing about a
 * denial; parsing them is most of the time a whole-file JSON.parse costs.
 *
 * The scan checks the whole document's JSON grammar token by token (strings are skipped to
 * their closing quote natively, their escapes checked one by one), finds each record's bounds,
 * and marks a record a candidate when any string in it, key or value, once its escapes are
 * decoded, is a word the evidence readers look for (`errorCode`, `errorMessage`, an event name
 * read even without an error), or when it may not be a CloudTrail record at all. A record with
 * none of those words can only be counted, which is all the full parse does with it: so the
 * candidates are a superset of the records that give evidence, whatever the spelling.
 *
 * Anything the scan does not vouch for (not UTF-8, another shape, a grammar error, a key of
 * the document it cannot read plainly) returns null: the caller parses the file whole, as
 * before, and says what is wrong there. What the scan does not check: raw control characters
 * inside strings of records it skips, which JSON.parse would refuse.
 */
import { isUtf8 } from 'node:buffer';
import {
  BACKSLASH,
  CLOSE_ARRAY,
  CLOSE_OBJECT,
  COLON,
  COMMA,
  isSpace,
  OPEN_ARRAY,
  OPEN_OBJECT,
  QUOTE,
} from './json-bytes.js';

export interface ScannedRecord {
  /** Index in `Records`. */
  index: number;
  start: number;
  /** Exclusive. */
  end: number;
}

export interface ScannedTrail {
  /** Every element of `Records`. */
  records: number;
  /** The records to parse, in order; every other one is a CloudTrail record without evidence. */
  candidates: ScannedRecord[];
}

/** What the grammar expects next. */
const VALUE = 0;
const VALUE_OR_CLOSE = 1;
const KEY_OR_CLOSE = 2;
const KEY = 3;
const COLON_NEXT = 4;
const COMMA_OR_CLOSE = 5;
const END = 6;

const IN_OBJECT = 0;
const IN_ARRAY = 1;

/** Deeper than this the scan gives up and the full parse decides (it reads any depth). */
const MAX_DEPTH = 512;
/** An escape is at most 6 bytes for one UTF-16 unit: longer raw strings cannot spell a word of ours. */
const ESCAPED_WORD_BYTES = 6 * 24;

const isDigit = (byte: number) => byte >= 0x30 && byte <= 0x39;
const isHex = (byte: number) =>
  isDigit(byte) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66);
const ESCAPABLE = new Set([...'"\\/bfnrtu'].map((char) => char.charCodeAt(0)));

const ascii = (word: string) => Uint8Array.from(word, (char) => char.charCodeAt(0));
const EVENT_SOURCE = ascii('eventSource');
const EVENT_NAME = ascii('eventName');
const RECORDS = ascii('Records');

/** The words by length, as bytes, for a plain string's comparison. */
function byLength(words: Iterable<string>): Uint8Array[][] {
  const table: Uint8Array[][] = [];
  for (const word of words) {
    if (!/^[\x20-\x7e]{2,}$/.test(word))
      throw new Error(`not a plain ASCII word of two letters or more: ${word}`);
    const list = table[word.length] ?? [];
    list.push(ascii(word));
    table[word.length] = list;
  }
  return table;
}

function equalAt(bytes: Uint8Array, start: number, end: number, word: Uint8Array): boolean {
  if (end - start !== word.length) return false;
  for (let i = 0; i < word.length; i++) if (bytes[start + i] !== word[i]) return false;
  return true;
}

/**
 * A plain string's length, second and last byte, hashed: a record holds many strings of a
 * word's length, first and last letter (`eventName` beside `errorCode`), few that share these.
 */
const sketch = (length: number, second: number, last: number) => (length * 977 + second * 31 + last) & 0xffff;

/**
 * A small trail that takes every path of the scan: a byte order mark, the four blanks, every
 * escape, numbers of every form, the literals, nested and empty containers, a word spelled
 * with an escape, a long string, and records whose eventSource or eventName is no string.
 */
export const WARM_UP_TRAIL = Buffer.from(
  '\ufeff{"a": [1, -0.5, 2e+10, 3E-2, 0, true, false, null, {}, []],\r\n\t"Records": [\n' +
    ' {"eventVersion":"1.08","eventSource":"ecs.amazonaws.com","eventName":"RunTask","x":{"y":["a\\"b\\\\c\\/\\b\\f\\n\\r\\t\\u00e9"]}},\n' +
    ' {"eventSource":"iam.amazonaws.com","eventName":"GetRole","error\\u0043ode":"AccessDenied","n":12.5e-3,"t":true,"f":false,"z":null},\n' +
    ` {"eventSource":"s3.amazonaws.com","eventName":"GetObject","requestParameters":{"a":[[1,2],{"b":"c"}],"long":"${'a'.repeat(300)}","e":"\\u0041\\u0042"}},\n` +
    ' {"eventSource":1,"eventName":{"a":1}},{"eventName":[]},{"eventSource":"x","eventName":"y","errorCode":"x"}\n' +
    '], "b": "c"}',
);

export class TrailScanner {
  private readonly table: Uint8Array[][];
  private readonly words: Set<string>;
  /** Non-zero where a word's sketch falls: a string elsewhere cannot be one. */
  private readonly sketches = new Uint8Array(0x10000);

  /** `words`: the strings that make a record worth parsing (plain ASCII). */
  constructor(words: Iterable<string>) {
    this.words = new Set(words);
    this.table = byLength(this.words);
    for (const word of this.words)
      this.sketches[sketch(word.length, word.charCodeAt(1), word.charCodeAt(word.length - 1))] = 1;
    // Every branch taken before V8 optimises the scan, so that it optimises it once: each branch
    // a real file took first (an escape, a number) cost a deoptimisation and a new compilation
    // of this long function, 50 to 150 ms of CPU each, several times per thread. Three times,
    // as V8 records what a branch saw only from a function's second call on.
    for (let i = 0; i < 3; i++) this.scan(WARM_UP_TRAIL);
  }

  /** The records of a CloudTrail file, or null when the full parse must decide. */
  scan(bytes: Buffer): ScannedTrail | null {
    if (!isUtf8(bytes)) return null;
    const length = bytes.length;
    let at = 0;
    if (length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) at = 3;
    const stack = new Uint8Array(MAX_DEPTH + 1);
    let depth = 0;
    let expect = VALUE;
    let backslash = -1;
    // The document's own keys and the Records array.
    let lastTopKey: 'records' | 'other' = 'other';
    let recordsKeys = 0;
    let recordsArrays = 0;
    let recordsDepth = -1;
    // The record being read.
    let recordStart = -1;
    let index = 0;
    let candidate = false;
    let sources = 0;
    let names = 0;
    /** 1: the value of eventSource comes next, 2: of eventName. */
    let identityKey = 0;
    const candidates: ScannedRecord[] = [];

    while (at < length) {
      const byte = bytes[at] as number;
      if (byte === QUOTE) {
        const isKey = expect === KEY || expect === KEY_OR_CLOSE;
        if (!isKey && expect !== VALUE && expect !== VALUE_OR_CLOSE) return null;
        const start = at + 1;
        // The closing quote: the first quote that no backslash escapes; each escape is checked.
        let end = -1;
        let escaped = false;
        let from = start;
        for (;;) {
          const quote = bytes.indexOf(QUOTE, from);
          if (quote === -1) return null;
          if (backslash < from) {
            backslash = bytes.indexOf(BACKSLASH, from);
            if (backslash === -1) backslash = length;
          }
          if (backslash > quote) {
            end = quote;
            break;
          }
          escaped = true;
          const code = bytes[backslash + 1] as number;
          if (!ESCAPABLE.has(code)) return null;
          if (code === 0x75) {
            for (let i = 2; i < 6; i++) if (!isHex(bytes[backslash + i] as number)) return null;
            from = backslash + 6;
          } else from = backslash + 2;
        }
        at = end + 1;
        if (depth === 1 && isKey) {
          // The document's keys: a record at the top, or a spelling the scan does not read, is the parse's.
          if (escaped) return null;
          if (equalAt(bytes, start, end, EVENT_SOURCE) || equalAt(bytes, start, end, EVENT_NAME)) return null;
          lastTopKey = equalAt(bytes, start, end, RECORDS) ? 'records' : 'other';
          // A second Records replaces the first when parsed: the parse decides which one counts.
          if (lastTopKey === 'records') recordsKeys += 1;
        }
        if (recordStart !== -1) {
          if (!candidate && this.isWord(bytes, start, end, escaped)) candidate = true;
          if (isKey && depth === recordsDepth + 1) {
            identityKey = equalAt(bytes, start, end, EVENT_SOURCE)
              ? 1
              : equalAt(bytes, start, end, EVENT_NAME)
                ? 2
                : 0;
          } else if (identityKey !== 0) {
            if (identityKey === 1) sources += 1;
            else names += 1;
            identityKey = 0;
          }
        }
        if (depth === 1 && !isKey) lastTopKey = 'other';
        expect = isKey ? COLON_NEXT : depth === 0 ? END : COMMA_OR_CLOSE;
        continue;
      }
      if (isSpace(byte)) {
        at += 1;
        continue;
      }
      if (byte === COLON) {
        if (expect !== COLON_NEXT) return null;
        expect = VALUE;
        at += 1;
        continue;
      }
      if (byte === COMMA) {
        if (expect !== COMMA_OR_CLOSE) return null;
        expect = stack[depth] === IN_OBJECT ? KEY : VALUE;
        at += 1;
        continue;
      }
      if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
        if (expect !== VALUE && expect !== VALUE_OR_CLOSE) return null;
        if (depth === MAX_DEPTH) return null;
        if (identityKey !== 0) {
          // eventSource or eventName holds no string: only the parse can say what this record is.
          candidate = true;
          identityKey = 0;
        }
        if (depth === recordsDepth && recordStart === -1) {
          // An element of Records that is no object: the parse names it.
          if (byte !== OPEN_OBJECT) return null;
          recordStart = at;
          candidate = false;
          sources = 0;
          names = 0;
        }
        if (depth === 1 && lastTopKey === 'records') {
          if (byte !== OPEN_ARRAY) return null;
          recordsArrays += 1;
          recordsDepth = 2;
        }
        depth += 1;
        stack[depth] = byte === OPEN_OBJECT ? IN_OBJECT : IN_ARRAY;
        expect = byte === OPEN_OBJECT ? KEY_OR_CLOSE : VALUE_OR_CLOSE;
        at += 1;
        continue;
      }
      if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
        const inObject = stack[depth] === IN_OBJECT;
        if (depth === 0 || inObject !== (byte === CLOSE_OBJECT)) return null;
        if (expect !== COMMA_OR_CLOSE && expect !== (inObject ? KEY_OR_CLOSE : VALUE_OR_CLOSE)) return null;
        depth -= 1;
        at += 1;
        if (depth === recordsDepth && recordStart !== -1) {
          if (candidate || sources === 0 || names === 0)
            candidates.push({ index, start: recordStart, end: at });
          index += 1;
          recordStart = -1;
        } else if (depth === 1 && recordsDepth === 2) {
          recordsDepth = -1;
        }
        if (depth === 1) lastTopKey = 'other';
        expect = depth === 0 ? END : COMMA_OR_CLOSE;
        continue;
      }
      // A number or a literal.
      if (expect !== VALUE && expect !== VALUE_OR_CLOSE) return null;
      const end = scalarEnd(bytes, at);
      if (end === -1) return null;
      if (identityKey !== 0) {
        candidate = true;
        identityKey = 0;
      }
      // A scalar element of Records: the parse names it.
      if (depth === recordsDepth && recordStart === -1) return null;
      if (depth === 1) lastTopKey = 'other';
      at = end;
      expect = depth === 0 ? END : COMMA_OR_CLOSE;
    }
    if (expect !== END || recordsKeys !== 1 || recordsArrays !== 1) return null;
    return { records: index, candidates };
  }

  /** Whether the string between the quotes is one of the words, its escapes decoded. */
  private isWord(bytes: Buffer, start: number, end: number, escaped: boolean): boolean {
    if (!escaped) {
      if (
        end - start < 2 ||
        this.sketches[sketch(end - start, bytes[start + 1] as number, bytes[end - 1] as number)] === 0
      )
        return false;
      // Not past the table's end: V8 drops its optimised code at the first read out of an array's bounds.
      const list = end - start < this.table.length ? this.table[end - start] : undefined;
      if (list === undefined) return false;
      for (let i = 0; i < list.length; i++)
        if (equalAt(bytes, start, end, list[i] as Uint8Array)) return true;
      return false;
    }
    if (end - start > ESCAPED_WORD_BYTES) return false;
    try {
      return this.words.has(JSON.parse(bytes.toString('utf8', start - 1, end + 1)) as string);
    } catch {
      // A raw control character inside: the parse of this record refuses it too.
      return true;
    }
  }
}

/** Where the number or literal starting at `at` ends, or -1 when it is none. */
function scalarEnd(bytes: Uint8Array, at: number): number {
  const byte = bytes[at] as number;
  for (const literal of LITERALS)
    if (byte === literal[0])
      return equalAt(bytes, at, at + literal.length, literal) ? at + literal.length : -1;
  let i = at;
  if (bytes[i] === 0x2d) i += 1;
  if (bytes[i] === 0x30) i += 1;
  else if (isDigit(bytes[i] as number)) while (isDigit(bytes[i] as number)) i += 1;
  else return -1;
  if (bytes[i] === 0x2e) {
    i += 1;
    if (!isDigit(bytes[i] as number)) return -1;
    while (isDigit(bytes[i] as number)) i += 1;
  }
  if (bytes[i] === 0x65 || bytes[i] === 0x45) {
    i += 1;
    if (bytes[i] === 0x2b || bytes[i] === 0x2d) i += 1;
    if (!isDigit(bytes[i] as number)) return -1;
    while (isDigit(bytes[i] as number)) i += 1;
  }
  return i;
}

const LITERALS = [ascii('true'), ascii('false'), ascii('null')];
