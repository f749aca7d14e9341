/**
 * A whole CloudTrail delivery file read by parsing only the records that can be evidence (see
 * cloudtrail-scan.ts); the rest are counted. The result is the full parse's, record for record;
 * null when the scan cannot vouch for the file, and the caller parses it whole.
 */
import { EVIDENCE_WORDS } from './cloudtrail-record.js';
import { TrailScanner } from './cloudtrail-scan.js';
import { type DetectedInput, Reader } from './detect-format.js';
import { looksBinary } from './input-bytes.js';

// Made at the first CloudTrail file, not at load: its warm-up scans would cost every run,
// a text-only one included (about 2 ms: `new TrailScanner` timed alone).
let scanner: TrailScanner | undefined;

export function readCloudTrailFile(bytes: Buffer, source: string): DetectedInput | null {
  if (looksBinary(bytes)) return null;
  scanner ??= new TrailScanner(EVIDENCE_WORDS);
  const scanned = scanner.scan(bytes);
  if (!scanned) return null;
  const parsed: unknown[] = [];
  for (const { start, end } of scanned.candidates) {
    try {
      parsed.push(JSON.parse(bytes.toString('utf8', start, end)));
    } catch {
      // Something the scan does not check (a raw control character in a string): the full parse says what.
      return null;
    }
  }
  const reader = new Reader(source);
  reader.format = 'cloudtrail';
  reader.records = scanned.records - scanned.candidates.length;
  scanned.candidates.forEach(({ index }, i) => {
    reader.record(parsed[i], `Records[${index}]`);
  });
  return reader.detected();
}
