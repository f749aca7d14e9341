/**
 * The plain first frame the loading worker paints before Ink is ready: the same layout as the
 * list (revision, role, the first finding selected), within the terminal's size.
 */
import { describe, expect, it } from 'vitest';
import { firstFrame } from '../../tui/first-frame.js';
import { samplesAnalysis } from './fixtures.js';

describe('first frame', () => {
  it('shows the first finding selected, grouped by revision then role, within 80x24', async () => {
    const analysis = await samplesAnalysis();
    const frame = firstFrame(analysis, ['samples'], 80, 24);
    const clear = '\u001b[?1049h\u001b[H\u001b[2J';
    expect(frame.startsWith(clear)).toBe(true);
    const lines = frame.slice(clear.length).split('\r\n');
    expect(lines[0]).toMatch(/^whydenied {2}samples {2}loading… {2}18 findings/);
    expect(lines[2]).toBe('notifications-api:12');
    expect(lines[3]).toBe('  EXECUTION ROLE (1)');
    expect(lines[4]).toMatch(/^› .*log-delivery +logs:CreateLogStream/);
    expect(lines.length).toBeLessThanOrEqual(23);
    expect(lines.every((line) => line.length <= 80)).toBe(true);
  });
});
