/**
 * The elements of one JSON document's record array, one at a time, from its bytes: the
 * `Records` of a CloudTrail file, the `Events` of lookup-events, the `events` of
 * filter-log-events, or the elements of a top-level array. A document too large for one
 * string is read this way; each element is parsed on its own, so one broken or oversized
 * element costs itself only. Everything else in the document is skipped unparsed.
 */
import {
  BACKSLASH,
  CLOSE_ARRAY,
  CLOSE_OBJECT,
  COMMA,
  isSpace,
  OPEN_ARRAY,
  OPEN_OBJECT,
  QUOTE,
} from './json-bytes.js';

/** The arrays whose elements are records, by the key that holds them at the top level. */
export const RECORD_ARRAYS = new Set(['Records', 'Events', 'events']);

export type ScannedElement =
  /** `key` is null for the elements of a top-level array. */
  { key: string | null; index: number; text: string } | { key: string | null; index: number; tooLong: true };

export class JsonElementScanner {
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** Bytes of the top-level key being read, or null when not inside one. */
  private key: number[] | null = null;
  private lastKey: string | null = null;
  /** Depth of the record array's elements, once inside one. */
  private elementDepth = -1;
  private arrayKey: string | null = null;
  private index = 0;
  private element: Buffer[] = [];
  private elementBytes = 0;
  private inElement = false;
  private scalar = false;
  private elementTooLong = false;
  /** Whether the top-level value was an object or an array, once its first byte is seen. */
  topLevel: 'object' | 'array' | null = null;
  /** Record arrays met, by key ('[]' for a top-level array). */
  readonly arrays: string[] = [];

  constructor(private readonly maxElementBytes: number) {}

  /** Whether the bytes so far end inside the document (a truncated input). */
  get unfinished(): boolean {
    return this.depth > 0 || this.inString;
  }

  /** The complete elements this chunk finishes; a partial one waits for the next chunk. */
  *push(chunk: Buffer): Generator<ScannedElement> {
    let start = this.inElement ? 0 : -1;
    for (let at = 0; at < chunk.length; at++) {
      const byte = chunk[at] as number;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (byte === BACKSLASH) this.escaped = true;
        else if (byte === QUOTE) {
          this.inString = false;
          if (this.key) {
            this.lastKey = Buffer.from(this.key).toString('utf8');
            this.key = null;
          }
        } else if (this.key && this.key.length < 64) this.key.push(byte);
        continue;
      }
      if (isSpace(byte)) continue;
      const arrayDepth = this.elementDepth;
      if (this.depth === arrayDepth && !this.inElement) {
        if (byte === COMMA) continue;
        if (byte === CLOSE_ARRAY) {
          this.depth -= 1;
          this.elementDepth = -1;
          continue;
        }
        this.inElement = true;
        this.scalar = byte !== OPEN_OBJECT && byte !== OPEN_ARRAY;
        start = at;
      }
      if (byte === QUOTE) {
        this.inString = true;
        // A string at the top level of an object, outside any element: a key (or a value, which a comma forgets).
        if (this.depth === 1 && this.topLevel === 'object') this.key = [];
      } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
        if (this.depth === 0) this.topLevel = byte === OPEN_OBJECT ? 'object' : 'array';
        this.depth += 1;
        if (this.depth === 1 && byte === OPEN_ARRAY) this.enterArray(null);
        else if (this.depth === 2 && byte === OPEN_ARRAY && this.topLevel === 'object')
          if (RECORD_ARRAYS.has(this.lastKey ?? '')) this.enterArray(this.lastKey);
      } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
        this.depth -= 1;
      } else if (byte === COMMA && this.depth === 1) {
        this.lastKey = null;
      }
      if (!this.inElement) continue;
      if (this.scalar) {
        // A scalar element ends before the comma or the bracket after it.
        const atComma = byte === COMMA && this.depth === arrayDepth;
        const atEnd = byte === CLOSE_ARRAY && this.depth === arrayDepth - 1;
        if (atComma || atEnd) {
          yield this.finishElement(chunk.subarray(start, at));
          start = -1;
          if (atEnd) this.elementDepth = -1;
        }
      } else if (this.depth === arrayDepth) {
        // The object's or array's own closing bracket.
        yield this.finishElement(chunk.subarray(start, at + 1));
        start = -1;
      }
    }
    if (this.inElement && start !== -1) this.keep(chunk.subarray(start));
  }

  private enterArray(key: string | null): void {
    this.elementDepth = this.depth;
    this.arrayKey = key;
    this.index = 0;
    this.arrays.push(key ?? '[]');
  }

  private keep(part: Buffer): void {
    if (this.elementTooLong) return;
    this.elementBytes += part.length;
    if (this.elementBytes > this.maxElementBytes) {
      this.elementTooLong = true;
      this.element = [];
      return;
    }
    // A copy: the chunk it came from must not stay in memory for one element's sake.
    this.element.push(Buffer.from(part));
  }

  private finishElement(last: Buffer): ScannedElement {
    this.keep(last);
    const index = this.index;
    this.index += 1;
    const key = this.arrayKey;
    const parts = this.element;
    const tooLong = this.elementTooLong;
    this.element = [];
    this.elementBytes = 0;
    this.inElement = false;
    this.elementTooLong = false;
    if (tooLong) return { key, index, tooLong: true };
    return { key, index, text: Buffer.concat(parts).toString('utf8') };
  }
}
