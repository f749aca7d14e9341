/**
 * Files, directories (walked; the S3 layout AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/
 * is just a tree), gzip read transparently, and `-` for stdin.
 */
import { readdirSync, type Stats, statSync } from 'node:fs';
import { join } from 'node:path';
import type { InputWarning } from '../../domain/evidence.js';
import {
  BINARY_PROBLEM,
  DEFAULT_LIMITS,
  EXPECTED_INPUT,
  looksBinary,
  type OpenedInput,
  openInput,
  sizeText,
} from './input-bytes.js';

export type InputContent =
  | { source: string; content: string; bytes: number }
  | { source: string; warning: InputWarning };

/** A path that cannot be read as an input, and why. */
export interface UnreadablePath {
  missing: string;
  problem: string;
  expected?: string;
}

/**
 * Every file under the given paths, in a stable order; hidden entries are skipped. A file or
 * directory met again (a link back to a parent, a file named twice) is read once. A FIFO or a
 * character device named on the command line (`<(aws logs ...)`, /dev/stdin) is an input too.
 */
export async function* walkPaths(paths: string[]): AsyncGenerator<string | UnreadablePath> {
  yield* walk(paths, new Set(), true);
}

async function* walk(
  paths: string[],
  seen: Set<string>,
  named: boolean,
): AsyncGenerator<string | UnreadablePath> {
  for (const path of paths) {
    if (path === '-') {
      yield '-';
      continue;
    }
    // Synchronous: a promise call per entry queues for libuv's pool and costs more than the call.
    let info: Stats;
    try {
      info = statSync(path);
    } catch (error) {
      yield {
        missing: path,
        problem:
          (error as NodeJS.ErrnoException).code === 'ENOENT'
            ? 'no such file or directory'
            : (error as Error).message,
      };
      continue;
    }
    // The real identity, not the name: links make a tree a graph, and a loop would never end.
    const identity = `${info.dev}:${info.ino}`;
    if (seen.has(identity)) continue;
    seen.add(identity);
    if (info.isDirectory()) {
      let names: string[];
      try {
        names = readdirSync(path);
      } catch (error) {
        yield {
          missing: path,
          problem: `cannot list the directory: ${(error as Error).message}`,
          expected: 'a directory this user may list',
        };
        continue;
      }
      yield* walk(
        names
          .filter((name) => !name.startsWith('.'))
          .sort()
          .map((name) => join(path, name)),
        seen,
        false,
      );
    } else if (info.isFile() || (named && (info.isFIFO() || info.isCharacterDevice()))) {
      yield path;
    } else if (named) {
      yield { missing: path, problem: 'not a file, a directory or a pipe' };
    } else {
      // Opening a FIFO no one writes to waits for ever: inside a tree it is skipped, and said so.
      yield {
        missing: path,
        problem: 'a FIFO, socket or device inside a directory, not read',
        expected: 'a regular file; name a pipe on the command line to read it',
      };
    }
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** A whole input's bytes as text, or a warning when they are not text. */
export function decodeWhole(bytes: Buffer, source: string): { content: string } | { warning: InputWarning } {
  try {
    if (looksBinary(bytes)) throw new Error('NUL byte');
    return { content: decoder.decode(bytes).replace(/^\uFEFF/, '') };
  } catch {
    return {
      warning: {
        origin: source,
        problem: BINARY_PROBLEM,
        expected: EXPECTED_INPUT,
      },
    };
  }
}

export function cannotRead(source: string, error: unknown): InputWarning {
  return { origin: source, problem: `cannot read: ${(error as Error).message}`, expected: 'a readable file' };
}

/**
 * Reads, un-gzips and decodes one small input whole (a policy file); a problem, or an input
 * too large to be one, becomes a warning naming the file.
 */
export async function readInput(source: string): Promise<InputContent> {
  let opened: OpenedInput;
  try {
    opened = await openInput(source);
  } catch (error) {
    return { source, warning: cannotRead(source, error) };
  }
  if (opened.kind === 'stream') {
    await opened.chunks.return(undefined);
    return {
      source,
      warning: {
        origin: source,
        problem: `larger than ${sizeText(DEFAULT_LIMITS.wholeBelowBytes)}`,
        expected: 'a policy document or an IAM output, a few kilobytes',
      },
    };
  }
  if (opened.status.problem) return { source, warning: { origin: source, ...opened.status.problem } };
  const decoded = decodeWhole(opened.bytes, source);
  if ('warning' in decoded) return { source, warning: decoded.warning };
  return { source, content: decoded.content, bytes: opened.bytes.length };
}
