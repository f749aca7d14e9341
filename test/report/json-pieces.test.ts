/**
 * `--format json` is written in pieces (a finding, a timeline event at a time) so that a long
 * archive's analysis is never one text: the pieces must make exactly the text the whole
 * analysis stringified at once makes.
 */
import { describe, expect, it } from 'vitest';
import type { Analysis } from '../../src/domain/analysis.js';
import { analyzeFiles } from '../../src/pipeline.js';
import { jsonPieces, renderJson, renderJsonPieces } from '../../src/report/json.js';
import { visibleJson } from '../../src/report/visible-text.js';

const atOnce = (value: unknown) => `${visibleJson(JSON.stringify(value, null, 2))}\n`;

describe('the JSON written in pieces', () => {
  it('is the text of the whole analysis of the samples, in many pieces', async () => {
    const { analysis } = await analyzeFiles(['samples']);
    expect(analysis.findings.length).toBeGreaterThan(10);
    const pieces = [...renderJsonPieces(analysis)];
    expect(pieces.length).toBeGreaterThan(analysis.findings.length + analysis.timeline.length);
    expect(pieces.join('')).toBe(atOnce(analysis));
    expect(renderJson(analysis)).toBe(atOnce(analysis));
  });

  it('writes what JSON.stringify leaves out or writes as null, empty ones and dates as it does', () => {
    const value = {
      empty: [],
      none: {},
      gone: undefined,
      call: () => 1,
      list: [1, undefined, () => 2, { a: undefined }, [], [[]], 'two\nlines', '\u001b[2J'],
      nested: { deeper: { deepest: { still: [1, { x: 'y' }] } } },
      when: new Date(Date.UTC(2026, 10, 21)),
      text: 'quote " and \\ and \u2028',
    };
    for (const depth of [0, 1, 2, 3, 6]) {
      expect(`${visibleJson([...jsonPieces(value, '', depth)].join(''))}\n`).toBe(atOnce(value));
    }
    expect(renderJson(value as unknown as Analysis)).toBe(atOnce(value));
  });
});
