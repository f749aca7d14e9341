/**
 * `--format json`: the Analysis as the versioned contract in README.md ("JSON output").
 */
import { type Analysis, SCHEMA_VERSION } from '../domain/analysis.js';
import { mergeFixes } from '../domain/merge-fixes.js';
import { visibleJson } from './visible-text.js';

export function renderJson(analysis: Analysis): string {
  return [...renderJsonPieces(analysis)].join('');
}

/**
 * renderJson's text in pieces (a finding, a timeline event), for a writer that need not hold a
 * long archive's whole analysis as one text, then again as bytes: at 4 GB that text is 12 MB.
 */
export function* renderJsonPieces(analysis: Analysis): Generator<string> {
  for (const piece of jsonPieces(analysis, '', 3)) yield visibleJson(piece);
  yield '\n';
}

/**
 * `JSON.stringify(value, null, 2)` as pieces, cut `depth` levels down: a value below is indented
 * as it would be in the whole (a JSON text has no raw line break but between its tokens).
 */
export function* jsonPieces(value: unknown, indent: string, depth: number): Generator<string> {
  const whole = (inner: unknown) =>
    (JSON.stringify(inner, null, 2) ?? 'null').replaceAll('\n', `\n${indent}`);
  if (depth === 0 || value === null || typeof value !== 'object' || 'toJSON' in value) {
    yield whole(value);
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    yield '[\n';
    for (let i = 0; i < value.length; i++) {
      yield inner;
      const item: unknown = value[i];
      // As JSON.stringify writes what it cannot in an array.
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') yield 'null';
      else yield* jsonPieces(item, inner, depth - 1);
      yield i < value.length - 1 ? ',\n' : '\n';
    }
    yield `${indent}]`;
    return;
  }
  // As JSON.stringify leaves out what it cannot write in an object.
  const entries = Object.entries(value).filter(
    ([, item]) => item !== undefined && typeof item !== 'function' && typeof item !== 'symbol',
  );
  if (entries.length === 0) {
    yield '{}';
    return;
  }
  yield '{\n';
  for (let i = 0; i < entries.length; i++) {
    const [key, item] = entries[i] as [string, unknown];
    yield `${inner}${JSON.stringify(key)}: `;
    yield* jsonPieces(item, inner, depth - 1);
    yield i < entries.length - 1 ? ',\n' : '\n';
  }
  yield `${indent}}`;
}

/** `whydenied fix --format json`: one policy document per place to change, with the findings each fixes. */
export function renderFixesJson(analysis: Analysis): string {
  return `${visibleJson(JSON.stringify({ schemaVersion: SCHEMA_VERSION, fixes: mergeFixes(analysis.findings) }, null, 2))}\n`;
}
