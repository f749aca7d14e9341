/**
 * Lines of a byte stream, a chunk's worth at a time, without holding more than one line
 * beyond the chunk. A line longer than `maxLineBytes` is not kept: it comes out as
 * `bytes: null` so the reader can name it. A run of empty lines comes out as one item with
 * its count: a gzip bomb of newlines is billions of them, and each must not cost an object.
 */

export interface ByteLine {
  /** 1-based, as the whole-file readers count; the first line of a run of empty ones. */
  number: number;
  /** Without its line ending; null when the line was longer than the limit. */
  bytes: Buffer | null;
  /** How many lines the item stands for: more than 1 only for a run of empty lines. */
  count: number;
}

const NEWLINE = 0x0a;
const RETURN = 0x0d;
const EMPTY = Buffer.alloc(0);

function withoutReturn(line: Buffer): Buffer {
  return line.length > 0 && line[line.length - 1] === RETURN ? line.subarray(0, line.length - 1) : line;
}

export async function* byteLines(
  chunks: AsyncIterable<Buffer>,
  maxLineBytes: number,
): AsyncGenerator<ByteLine[]> {
  let number = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let tooLong = false;
  let out: ByteLine[] = [];
  const take = (tail: Buffer) => {
    number += 1;
    const long = tooLong || pendingBytes + tail.length > maxLineBytes;
    const line = long ? null : withoutReturn(pending.length === 0 ? tail : Buffer.concat([...pending, tail]));
    pending = [];
    pendingBytes = 0;
    tooLong = false;
    const last = out[out.length - 1];
    if (line?.length === 0 && last?.bytes?.length === 0) last.count += 1;
    else out.push({ number, bytes: line, count: 1 });
  };
  for await (const chunk of chunks) {
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE, start); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      take(chunk.subarray(start, end));
      start = end + 1;
      // Consecutive newlines are counted here, not searched for one call each.
      let run = 0;
      while (start + run < chunk.length && chunk[start + run] === NEWLINE) run += 1;
      if (run > 0) {
        take(EMPTY);
        const last = out[out.length - 1] as ByteLine;
        last.count += run - 1;
        number += run - 1;
        start += run;
      }
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      if (tooLong || pendingBytes + rest.length > maxLineBytes) {
        // Only the fact is kept: a line of gigabytes must not become one buffer.
        tooLong = true;
        pending = [];
        pendingBytes = 0;
      } else {
        pending.push(rest);
        pendingBytes += rest.length;
      }
    }
    if (out.length > 0) {
      yield out;
      out = [];
    }
  }
  if (pendingBytes > 0 || tooLong) take(EMPTY);
  if (out.length > 0) yield out;
}
