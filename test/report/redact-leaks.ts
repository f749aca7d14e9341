/**
 * The originals a redacted report must not contain, gathered with the redactor's own detectors
 * from the unredacted analysis and from the raw input files, and the check that none is left.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { constants, gunzipSync } from 'node:zlib';
import { findSensitive, type SensitiveMatch } from '../../src/report/redact.js';

export function originalsIn(text: string): SensitiveMatch[] {
  return findSensitive(text);
}

/** Every file under a directory as text; a truncated .gz gives what it has. */
export function filesAsText(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return filesAsText(path);
    const bytes = readFileSync(path);
    const text = name.endsWith('.gz')
      ? gunzipSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH }).toString('utf8')
      : bytes.toString('utf8');
    return [text];
  });
}

/** What of the originals, or anything the detectors still find, appears in the redacted text. */
export function leaks(redacted: string, originals: readonly SensitiveMatch[]): string[] {
  const found = new Set<string>();
  for (const original of originals) {
    for (const form of [original.text, original.value]) if (redacted.includes(form)) found.add(form);
  }
  for (const match of findSensitive(redacted)) found.add(match.text);
  return [...found].sort();
}
