/**
 * One input file read to its evidence: the work a reader thread does for a file, the same in
 * the main thread and in a worker.
 */
import type { Evidence, InputWarning } from '../../domain/evidence.js';
import { readCloudTrailFile } from './cloudtrail-file.js';
import { type DetectedInput, detectAndRead, failureText } from './detect-format.js';
import { EXPECTED_INPUT, type OpenedInput, openInput, type ReadLimits } from './input-bytes.js';
import { cannotRead, decodeWhole } from './read-inputs.js';
import { readStreamed } from './stream-format.js';

export interface FileBatch {
  source: string;
  format: string;
  evidence: Evidence[];
  warnings: InputWarning[];
  bytes: number;
  records: number;
}

export function emptyBatch(source: string, warnings: InputWarning[]): FileBatch {
  return { source, format: 'unreadable', evidence: [], warnings, bytes: 0, records: 0 };
}

/** Never rejects: whatever fails inside one input is a warning naming it, and the other inputs are read. */
export async function readOne(source: string, limits: ReadLimits): Promise<FileBatch> {
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
