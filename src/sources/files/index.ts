/**
 * The offline source: files and directories → evidence, with input warnings and progress.
 */
import type { Evidence, InputWarning } from '../../domain/evidence.js';
import { detectAndRead, failureText } from './detect-format.js';
import { readInput, walkPaths } from './read-inputs.js';

export interface FileBatch {
  source: string;
  format: string;
  evidence: Evidence[];
  warnings: InputWarning[];
  bytes: number;
  records: number;
}

/** How many files are read and parsed at once: gunzip runs in libuv's pool, so a few overlap. */
const CONCURRENCY = 8;

/** Yields one batch per input file, in the order the paths were given and walked. */
export async function* readFiles(paths: string[]): AsyncGenerator<FileBatch> {
  const pending: Promise<FileBatch>[] = [];
  let files = 0;
  let read = 0;
  const counted = (batch: FileBatch) => {
    if (isRead(batch)) read += 1;
    return batch;
  };
  for await (const entry of walkPaths(paths)) {
    if (typeof entry !== 'string') {
      const warning = {
        origin: entry.missing,
        problem: entry.problem,
        expected: entry.expected ?? 'a file, a directory or - for stdin',
      };
      pending.push(Promise.resolve(emptyBatch(entry.missing, [warning])));
    } else {
      files += 1;
      pending.push(readOne(entry));
    }
    if (pending.length >= CONCURRENCY) yield counted(await (pending.shift() as Promise<FileBatch>));
  }
  while (pending.length > 0) yield counted(await (pending.shift() as Promise<FileBatch>));
  // A run that read nothing must not pass for one that found nothing: a CI step would go green.
  if (paths.length > 0 && read === 0) {
    const why = files === 0 ? ': they hold no files (hidden entries are skipped)' : '';
    yield emptyBatch(paths.join(' '), [
      {
        origin: paths.join(' '),
        problem: `nothing was read${why}`,
        expected: 'at least one readable input: CloudTrail, ECS outputs, EventBridge events or logs',
      },
    ]);
  }
}

const OWN_OUTPUTS = new Set(['whydenied-output', 'whydenied-report']);

/** whydenied's own outputs (a saved report, a sample's expected.json) are skipped, not inputs. */
export function isOwnOutput(format: string): boolean {
  return OWN_OUTPUTS.has(format);
}

/** Inputs that were read: neither unreadable nor whydenied's own output. */
export function isRead(batch: FileBatch): boolean {
  return batch.format !== 'unreadable' && !isOwnOutput(batch.format);
}

function emptyBatch(source: string, warnings: InputWarning[]): FileBatch {
  return { source, format: 'unreadable', evidence: [], warnings, bytes: 0, records: 0 };
}

/** Never rejects: whatever fails inside one input is a warning naming it, and the other inputs are read. */
async function readOne(source: string): Promise<FileBatch> {
  try {
    const input = await readInput(source);
    if ('warning' in input) return emptyBatch(source, [input.warning]);
    const detected = detectAndRead(input.content, source);
    return { source, ...detected, bytes: input.bytes };
  } catch (error) {
    return emptyBatch(source, [
      { origin: source, problem: failureText(error), expected: 'JSON, JSON Lines or text, plain or gzipped' },
    ]);
  }
}
