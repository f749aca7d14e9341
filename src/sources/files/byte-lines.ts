/**
 * Lines of a byte stream, one at a time, without holding more than one line. A line longer
 * than `maxLineBytes` is not kept: it comes out as `bytes: null` so the reader can name it.
 */

export interface ByteLine {
  /** 1-based, as the whole-file readers count. */
  number: number;
  /** Without its line ending; null when the line was longer than the limit. */
  bytes: Buffer | null;
}

const NEWLINE = 0x0a;
const RETURN = 0x0d;

function withoutReturn(line: Buffer): Buffer {
  return line.length > 0 && line[line.length - 1] === RETURN ? line.subarray(0, line.length - 1) : line;
}

export async function* byteLines(
  chunks: AsyncIterable<Buffer>,
  maxLineBytes: number,
): AsyncGenerator<ByteLine> {
  let number = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let tooLong = false;
  const take = (tail: Buffer): ByteLine => {
    number += 1;
    const long = tooLong || pendingBytes + tail.length > maxLineBytes;
    const line = long ? null : withoutReturn(pending.length === 0 ? tail : Buffer.concat([...pending, tail]));
    pending = [];
    pendingBytes = 0;
    tooLong = false;
    return { number, bytes: line };
  };
  for await (const chunk of chunks) {
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE, start); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      yield take(chunk.subarray(start, end));
      start = end + 1;
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
  }
  if (pendingBytes > 0 || tooLong) yield take(Buffer.alloc(0));
}
