/**
 * Files, directories (walked; the S3 layout AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/
 * is just a tree), gzip read transparently, and `-` for stdin.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip as gunzipCallback } from 'node:zlib';
import type { InputWarning } from '../../domain/evidence.js';

const gunzip = promisify(gunzipCallback);

export type InputContent =
  | { source: string; content: string; bytes: number }
  | { source: string; warning: InputWarning };

/** Every file under the given paths, in a stable order; hidden entries are skipped. */
export async function* walkPaths(
  paths: string[],
): AsyncGenerator<string | { missing: string; problem: string }> {
  for (const path of paths) {
    if (path === '-') {
      yield '-';
      continue;
    }
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
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
    if (info.isDirectory()) {
      const entries = (await readdir(path)).filter((name) => !name.startsWith('.')).sort();
      yield* walkPaths(entries.map((name) => join(path, name)));
    } else if (info.isFile()) {
      yield path;
    }
  }
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Reads, un-gzips and decodes one input; a problem becomes a warning naming the file. */
export async function readInput(source: string): Promise<InputContent> {
  let bytes: Buffer;
  try {
    bytes = source === '-' ? await readStdin() : await readFile(source);
  } catch (error) {
    return {
      source,
      warning: {
        origin: source,
        problem: `cannot read: ${(error as Error).message}`,
        expected: 'a readable file',
      },
    };
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = await gunzip(bytes);
    } catch (error) {
      return {
        source,
        warning: {
          origin: source,
          problem: `broken gzip: ${(error as Error).message}`,
          expected: 'a complete .gz file (CloudTrail delivers gzipped JSON)',
        },
      };
    }
  }
  const head = bytes.subarray(0, 8192);
  let content: string;
  try {
    if (head.includes(0)) throw new Error('NUL byte');
    content = decoder.decode(bytes);
  } catch {
    return {
      source,
      warning: {
        origin: source,
        problem: 'binary content (not UTF-8 text)',
        expected: 'JSON, JSON Lines or text, plain or gzipped',
      },
    };
  }
  return { source, content: content.replace(/^\uFEFF/, ''), bytes: bytes.length };
}
