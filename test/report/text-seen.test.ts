/** The text report's "seen" line: the end's date is written when it is another day than the start's. */
import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/report/text.js';
import { analysisOf, generateFindings } from '../tui/fixtures.js';

function seenLine(firstSeen: string, lastSeen: string): string {
  const [finding] = generateFindings(1);
  const text = renderText(analysisOf([{ ...(finding as NonNullable<typeof finding>), firstSeen, lastSeen }]));
  return /seen +(.*)/.exec(text)?.[1] ?? '';
}

describe('seen', () => {
  it('one day: the end is a time only', () => {
    expect(seenLine('2026-11-21T10:05:33Z', '2026-11-21T10:10:43Z')).toBe(
      '2026-11-21 10:05:33Z to 10:10:43Z (5 minutes)',
    );
  });

  it('across midnight: the end keeps its date', () => {
    expect(seenLine('2026-11-20T00:00:39Z', '2026-11-21T02:29:05Z')).toBe(
      '2026-11-20 00:00:39Z to 2026-11-21 02:29:05Z (1 day)',
    );
  });
});
