/**
 * A long log read only around its candidate lines gives the evidence reading every line
 * gives: real messages from the corpus, whole, wrapped at a terminal's width (cut mid-word),
 * folded at blanks, quoted, prefixed line by line, among thousands of app lines.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupLines } from '../../src/domain/message-text.js';
import {
  candidateEvidence,
  candidateLines,
  textEvidenceAround,
} from '../../src/sources/files/candidate-lines.js';
import { detectAndRead } from '../../src/sources/files/detect-format.js';
import { messageEvidence, textEvidence } from '../../src/sources/files/text-input.js';
import { corpusCases } from '../corpus-cases.js';
import { foldAtSpaces } from '../fold-text.js';
import { publishedCase } from '../pasted-message.js';

const STREAM = 'ecs/orders-api/8d2e4f6a0b1c4d3e9f8a7b6c5d4e3f21';
const prefix = (index: number) =>
  `${new Date(Date.UTC(2026, 10, 21, 10) + index * 7).toISOString().replace('Z', '000+00:00')} ${STREAM} `;

const NOISE = [
  (i: number) => `INFO GET /api/orders/${i * 7919} 200 ${i % 900}ms trace=${(i * 2654435761).toString(16)}`,
  (i: number) => `INFO worker processed batch ${i} of ${i % 99} records in ${i % 900} ms`,
  (i: number) => `DEBUG cache miss for key order:${i}:k${i % 97} refreshing from dynamodb table orders-prod`,
  (i: number) => `WARN slow query on orders-prod took ${i % 5000} ms (threshold 1000 ms)`,
];

const messages = corpusCases()
  .filter((item) => typeof item.raw === 'string')
  .map((item) => String(item.raw));

type Layout = 'line' | 'terminal' | 'fold' | 'quoted' | 'prefixed-wrap' | 'bare';

/**
 * Every line of a long log read as a log, not as one program's paste: the words one message shows
 * of where its program ran (app-35's Kubernetes controller) do not go with the other programs'
 * messages, nor is a line read only for a look-alike's words.
 */
function everyLine(content: string): ReturnType<typeof textEvidence> {
  return messageEvidence(groupLines(content), 'app.log', false);
}

/** One message laid out as a log or a paste would have it, as lines. */
function laidOut(message: string, layout: Layout, index: number): string[] {
  const flat = message.replace(/\s*\n\s*/g, ' ');
  switch (layout) {
    case 'line':
      return [prefix(index) + flat];
    case 'terminal':
      return (prefix(index) + flat).match(/.{1,120}/g) ?? [];
    case 'fold':
      return foldAtSpaces(prefix(index) + flat, 80).split('\n');
    case 'quoted':
      return foldAtSpaces(flat, 72)
        .split('\n')
        .map((line) => `> ${line}`);
    case 'prefixed-wrap':
      return (flat.match(/.{1,100}/g) ?? []).map((part) => prefix(index) + part);
    case 'bare':
      return message.split('\n');
  }
}

function log(picks: { message: number; layout: Layout; gap: number }[]): string[] {
  const lines: string[] = [];
  let index = 0;
  for (const pick of picks) {
    for (let i = 0; i < pick.gap; i++, index++)
      lines.push(prefix(index) + (NOISE[index % 4] as (i: number) => string)(index));
    lines.push(...laidOut(messages[pick.message % messages.length] as string, pick.layout, index));
    index += 1;
  }
  for (let i = 0; i < 50; i++, index++)
    lines.push(prefix(index) + (NOISE[index % 4] as (i: number) => string)(index));
  return lines;
}

describe('reading a log around its candidate lines', () => {
  it('gives the evidence of reading every line, every corpus message in every layout', () => {
    const layouts: Layout[] = ['line', 'terminal', 'fold', 'quoted', 'prefixed-wrap', 'bare'];
    const picks = messages.flatMap((_, message) =>
      layouts.map((layout, i) => ({ message, layout, gap: 10 + ((message * 7 + i * 13) % 60) })),
    );
    const lines = log(picks);
    const full = everyLine(lines.join('\n'));
    expect(full.length).toBeGreaterThanOrEqual(messages.length);
    expect(candidateEvidence(lines, 'app.log')).toEqual(full);
    // And it skipped most of the log: the app's own lines hold none of the words.
    expect(candidateLines(lines).length).toBeLessThan(lines.length / 4);
  });

  it('gives the evidence of reading every line, messages close together', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            message: fc.nat(),
            layout: fc.constantFrom<Layout>('line', 'terminal', 'fold', 'quoted', 'prefixed-wrap', 'bare'),
            gap: fc.integer({ min: 0, max: 90 }),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        (picks) => {
          const lines = log(picks);
          expect(candidateEvidence(lines, 'app.log')).toEqual(everyLine(lines.join('\n')));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('reads a text input read whole around its candidates, with the evidence of reading every line', () => {
    const layouts: Layout[] = ['line', 'terminal', 'fold', 'quoted', 'prefixed-wrap', 'bare'];
    const picks = messages.flatMap((_, message) =>
      layouts.map((layout, i) => ({ message, layout, gap: (message * 11 + i * 17) % 90 })),
    );
    const lines = log(picks);
    for (const end of ['\n', '\r\n']) {
      const content = `${lines.join(end)}${end}`;
      const full = everyLine(content);
      expect(full.length).toBeGreaterThanOrEqual(messages.length);
      expect(detectAndRead(content, 'app.log').evidence).toEqual(full);
    }
    // A short paste is grouped whole, as before.
    const paste = laidOut(messages[0] as string, 'fold', 0).join('\n');
    expect(textEvidenceAround(paste, 'paste.txt')).toEqual(textEvidence(paste, 'paste.txt'));
  });

  it("finds a message whose only word holds a page's curly apostrophe", () => {
    // aws-containers/amazon-ecs-exec-checker#79 (extra case q-29): "couldn't" is its one word of
    // WORTH_READING; copied from a page, it is "couldn’t", which the reading makes straight.
    const exec = publishedCase('q-29').replace(/'/g, '\u2019');
    const noise = Array.from(
      { length: 400 },
      (_, i) => prefix(i) + (NOISE[i % NOISE.length] as (i: number) => string)(i),
    );
    const lines = [...noise.slice(0, 200), ...exec.split('\n'), ...noise.slice(200)];
    const full = textEvidence(lines.join('\n'), 'app.log');
    expect(full.length).toBeGreaterThan(0);
    expect(candidateEvidence(lines, 'app.log')).toEqual(full);
  });

  it('finds a word cut over two lines, and over a prefix on each', () => {
    const lines = ['INFO request served', 'ERROR the role was den', 'ied access', 'INFO request served'];
    expect(candidateLines(lines)).toContain(2);
    expect(candidateLines([`${prefix(0)}it was acc`, `${prefix(1)}ess den`, `${prefix(2)}ied`])).toEqual([
      1, 2,
    ]);
    expect(candidateLines([`${prefix(0)}INFO all good`, `${prefix(1)}INFO fine`])).toEqual([]);
  });
});

describe('a message of thousands of lines around one candidate', () => {
  // The window around a candidate grew by 40 lines a step and was grouped again at each: a
  // square of the message's lines (8,000 lines a terminal wrapped at 40 columns: 51 s).
  it('8,000 rows of one wrapped line, a denial word at its end, are read as one message', () => {
    const line = `${'a=b '.repeat(80_000)}AccessDenied`;
    const rows = line.match(/.{1,40}/g) ?? [];
    const evidence = textEvidenceAround(rows.join('\n'), 'wrapped.txt');
    expect(evidence).toHaveLength(1);
    expect(evidence[0]?.message.endsWith('AccessDenied')).toBe(true);
  });
});
