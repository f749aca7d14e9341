/**
 * The offline source: files and directories → evidence, with input warnings and progress.
 */
import type { Evidence, InputWarning } from '../../domain/evidence.js';
import { readCloudTrailFile } from './cloudtrail-file.js';
import { type DetectedInput, detectAndRead, failureText } from './detect-format.js';
import {
  DEFAULT_LIMITS,
  EXPECTED_INPUT,
  type OpenedInput,
  openInput,
  type ReadLimits,
} from './input-bytes.js';
import { cannotRead, decodeWhole, walkPaths } from './read-inputs.js';
import { readStreamed } from './stream-format.js';

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
export async function* readFiles(
  paths: string[],
  limits: ReadLimits = DEFAULT_LIMITS,
): AsyncGenerator<FileBatch> {
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
      pending.push(readOne(entry, limits));
    }
    if (pending.length >= CONCURRENCY) yield counted(await (pending.shift() as Promise<FileBatch>));
  }
  while (pending.length > 0) yield counted(await (pending.shift() as Promise<FileBatch>));
  // A run that read nothing must not pass for one that found nothing: a CI step would go green.
  if (paths.length > 0 && read === 0) {
    const where = paths.length === 1 ? 'in it' : 'in them';
    const why = files === 0 ? `: no files ${where} (hidden entries are skipped)` : '';
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
async function readOne(source: string, limits: ReadLimits): Promise<FileBatch> {
  try {
    let opened: OpenedInput;
    try {
      opened = await openInput(source, limits);
    } catch (error) {
      return emptyBatch(source, [cannotRead(source, error)]);
    }
    const detected =
      opened.kind === 'stream'
        ? await readStreamed(source, opened.chunks, limits.maxRecordBytes)
        : readWhole(opened.bytes, source);
    const { problem } = opened.status;
    // What came before the bytes stopped (a cap, a broken gzip, a read error) is still read; when
    // it held nothing, what the cut end looks like (invalid JSON, say) is noise beside the cause.
    const beforeCut = detected.evidence.length > 0 ? detected.warnings : [];
    const warnings = problem ? [...beforeCut, { origin: source, ...problem }] : detected.warnings;
    return { source, ...detected, warnings, bytes: opened.status.bytes };
  } catch (error) {
    return emptyBatch(source, [{ origin: source, problem: failureText(error), expected: EXPECTED_INPUT }]);
  }
}

function readWhole(bytes: Buffer, source: string): DetectedInput {
  const trail = readCloudTrailFile(bytes, source);
  if (trail) return trail;
  const decoded = decodeWhole(bytes, source);
  if ('warning' in decoded)
    return { format: 'unreadable', evidence: [], warnings: [decoded.warning], records: 0 };
  return detectAndRead(decoded.content, source);
}
