/**
 * A live run's notes in the TUI's look-alikes and warnings view: listed after the warnings,
 * once each; a live source's problem, already a warning, is not listed again as a note.
 */
import { describe, expect, it } from 'vitest';
import { otherDetail, otherItems } from '../../tui/format/other-items.js';
import { analysisOf } from './fixtures.js';

// What the ECS reader warns when whydenied may not call DescribeTasks (test/aws/access-denied.test.ts).
const WARNING = {
  origin: 'api:ECS.DescribeTasks',
  problem: 'AccessDenied: whydenied may not call ecs:DescribeTasks',
  expected: 'add ecs:DescribeTasks to the role running whydenied (see `whydenied permissions`)',
};
const RESTATED = `${WARNING.origin}: ${WARNING.problem}; ${WARNING.expected}`;
const FALLBACK =
  'CloudTrail: Logs Insights (trail) could not be used, so LookupEvents read the window instead';

describe('live notes among the other items', () => {
  const analysis = { ...analysisOf([]), warnings: [WARNING] };

  it('lists a note no warning says, after the warnings, and not one a warning already says', () => {
    const items = otherItems(analysis, [RESTATED, FALLBACK]);
    expect(items.map((item) => [item.kind, item.summary])).toEqual([
      ['warning', WARNING.problem],
      ['note', FALLBACK],
    ]);
  });

  it('opens a note in full', () => {
    const lines = otherDetail(analysis, 1, 200, [RESTATED, FALLBACK]);
    expect(lines[0]).toBe('Note 1 of 1: a live source read less, or another way');
    expect(lines.slice(1)).toEqual([`note        ${FALLBACK}`]);
  });

  it('without notes, the files view is as before', () => {
    expect(otherItems(analysis).map((item) => item.kind)).toEqual(['warning']);
    expect(otherDetail(analysis, 1, 80)).toEqual([]);
  });
});
