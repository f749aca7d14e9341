/**
 * One input's bytes, un-gzipped as they arrive. An input that ends within `wholeBelowBytes`
 * is handed over whole (fast, and a CloudTrail object is small); a larger one, or one that
 * never says how large it is (stdin, a pipe), is handed over as a stream of chunks, so no
 * input ever needs one string as large as itself. Inflation stops at `maxInflatedBytes`.
 */
import { createReadStream, readFileSync, type Stats, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { createGunzip, gunzipSync } from 'node:zlib';
import { countInflated, freeDeadBuffers } from './dead-buffers.js';

export interface ReadLimits {
  /** Inputs that end within this many bytes (after gunzip) are read whole; larger ones as a stream. */
  wholeBelowBytes: number;
  /** Bytes one gzipped input may inflate to before it is cut: a small .gz can hold gigabytes. */
  maxInflatedBytes: number;
  /** A line or a record longer than this is no log line and no CloudTrail record: named, not read. */
  maxRecordBytes: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
  wholeBelowBytes: 16 * 1024 * 1024,
  maxInflatedBytes: 2 * 1024 * 1024 * 1024,
  maxRecordBytes: 32 * 1024 * 1024,
};

/** What stopped an input's bytes before their end; what came before it is still read. */
export interface ByteProblem {
  problem: string;
  expected: string;
}

/** How the bytes went, known in full once they are consumed. */
export interface ByteStatus {
  /** Bytes after gunzip. */
  bytes: number;
  problem: ByteProblem | null;
}

export type OpenedInput =
  | { kind: 'whole'; bytes: Buffer; status: ByteStatus }
  | { kind: 'stream'; chunks: AsyncGenerator<Buffer>; status: ByteStatus };

const CHUNK_BYTES = 1024 * 1024;

function rawChunks(source: string): AsyncIterable<Buffer> {
  // A FIFO and a character device stream like stdin; fs reads them in order, without seeking.
  return source === '-' ? process.stdin : createReadStream(source, { highWaterMark: CHUNK_BYTES });
}

/** The first bytes, at least `count` of them unless the input ends first, and the rest. */
export async function peek(
  iterator: AsyncIterator<Buffer>,
  count: number,
): Promise<{ head: Buffer[]; headBytes: number; done: boolean }> {
  const head: Buffer[] = [];
  let headBytes = 0;
  while (headBytes < count) {
    const next = await iterator.next();
    if (next.done) return { head, headBytes, done: true };
    head.push(next.value);
    headBytes += next.value.length;
  }
  return { head, headBytes, done: false };
}

/** The peeked head again, then the rest. */
export async function* replayed(head: Buffer[], iterator: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  while (head.length > 0) yield head.shift() as Buffer;
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
}

async function* inflated(
  compressed: AsyncGenerator<Buffer>,
  limits: ReadLimits,
  status: ByteStatus,
): AsyncGenerator<Buffer> {
  const gunzip = createGunzip({ chunkSize: 256 * 1024 });
  const input = Readable.from(compressed);
  input.on('error', (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  let total = 0;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      const room = limits.maxInflatedBytes - total;
      total += chunk.length;
      if (chunk.length > room) {
        if (room > 0) yield chunk.subarray(0, room);
        status.problem = {
          problem: `inflates past ${sizeText(limits.maxInflatedBytes)}: read up to there only`,
          expected: 'a gzipped input within --max-inflated (in MB), raised if this one is genuine',
        };
        return;
      }
      yield chunk;
    }
  } finally {
    input.destroy();
    gunzip.destroy();
  }
}

/** What every input is expected to be, as its warnings say. */
export const EXPECTED_INPUT = 'JSON, JSON Lines or text, plain or gzipped';

export const BINARY_PROBLEM = 'binary content (not UTF-8 text)';

/** A NUL byte near the start: no text input has one, whole or streamed. */
export function looksBinary(head: Buffer): boolean {
  return head.subarray(0, 8192).includes(0);
}

/** A size as a person reads it in a warning. */
export function sizeText(bytes: number): string {
  if (bytes < 1024 * 1024) return `${bytes.toLocaleString('en')} bytes`;
  return `${Math.round(bytes / (1024 * 1024)).toLocaleString('en')} MB`;
}

/** Counts the bytes and turns a failure of the source into a problem, ending the chunks there. */
async function* counted(
  chunks: AsyncGenerator<Buffer>,
  status: ByteStatus,
  gzipped: boolean,
): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of chunks) {
      status.bytes += chunk.length;
      yield chunk;
    }
  } catch (error) {
    const message = (error as Error).message;
    status.problem = gzipped
      ? {
          problem: `broken gzip: ${message}`,
          expected: 'a complete .gz file (CloudTrail delivers gzipped JSON)',
        }
      : { problem: `cannot read: ${message}`, expected: 'a readable file' };
  }
}

/** Bytes asked of zlib for an output of unknown size: its minimum is 64 KB. */
const MIN_INFLATE_CHUNK = 64 * 1024;

/**
 * A regular file small enough to read whole, read in one call and inflated in one call into
 * one buffer sized by the size gzip records at its end (a hint: a wrong one costs a copy, not
 * a wrong result). Null for anything else, and for a gzip that inflates past the limit or
 * fails: the streamed path reads those, cuts them where they must be cut and says why.
 */
function readSmallFile(source: string, limits: ReadLimits): OpenedInput | null {
  if (source === '-') return null;
  // Synchronous even in the main thread: a small file is read in well under a millisecond, while
  // each promise call queues for libuv's pool and costs more than the read (3x the run's I/O time).
  let info: Stats | undefined;
  try {
    info = statSync(source, { throwIfNoEntry: false });
  } catch {
    return null;
  }
  if (!info?.isFile() || info.size > limits.wholeBelowBytes) return null;
  const bytes = readFileSync(source);
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
    return { kind: 'whole', bytes, status: { bytes: bytes.length, problem: null } };
  }
  const limit = Math.min(limits.wholeBelowBytes, limits.maxInflatedBytes);
  const recorded = bytes.length >= 4 ? bytes.readUInt32LE(bytes.length - 4) : 0;
  freeDeadBuffers();
  try {
    const inflated = gunzipSync(bytes, {
      // One byte more than the output: zlib takes a full buffer for a sign that more may come.
      chunkSize: Math.max(MIN_INFLATE_CHUNK, Math.min(recorded, limit) + 1),
      maxOutputLength: limit,
    });
    countInflated(inflated.length);
    return { kind: 'whole', bytes: inflated, status: { bytes: inflated.length, problem: null } };
  } catch {
    return null;
  }
}

/**
 * Opens an input. The bytes are whole when the input ended within the limit; a stream
 * otherwise. A source that cannot be opened at all throws, for the caller's warning.
 */
export async function openInput(source: string, limits: ReadLimits = DEFAULT_LIMITS): Promise<OpenedInput> {
  const whole = readSmallFile(source, limits);
  if (whole) return whole;
  const status: ByteStatus = { bytes: 0, problem: null };
  const raw = rawChunks(source)[Symbol.asyncIterator]();
  const start = await peek(raw, 2);
  const first = Buffer.concat(start.head);
  const gzipped = first[0] === 0x1f && first[1] === 0x8b;
  const replay = replayed(start.head, raw);
  const chunks = counted(gzipped ? inflated(replay, limits, status) : replay, status, gzipped);
  const iterator = chunks[Symbol.asyncIterator]();
  const head = await peek(iterator, limits.wholeBelowBytes + 1);
  if (head.done) return { kind: 'whole', bytes: Buffer.concat(head.head), status };
  return { kind: 'stream', chunks: replayed(head.head, iterator), status };
}
