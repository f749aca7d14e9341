/**
 * A text's lines are read only when they hold a word worth reading: a look-alike worded
 * without "error", "failed" or the like must still hold one, or it gets no answer at all.
 */
import { describe, expect, it } from 'vitest';
import { candidateLines } from '../../src/sources/files/candidate-lines.js';
import { textEvidence } from '../../src/sources/files/text-input.js';

describe('words worth reading', () => {
  it('reads an expired token named without an error word (pplu/aws-sdk-perl#347, extra case ec-13)', () => {
    const message = 'The security token included in the request is expired';
    expect(textEvidence(message, 'paste.txt')).toHaveLength(1);
    const log = [...Array.from({ length: 500 }, (_, i) => `INFO request ${i} served`), message];
    expect(candidateLines(log)).toEqual([500]);
  });

  it('reads a stopped reason that says only that a container exited (extra case ec-33)', () => {
    expect(textEvidence('Essential container in task exited', 'paste.txt')).toHaveLength(1);
  });

  it('reads a service saying what a role must allow it to assume (extra case ec-38)', () => {
    const message = 'The execution role you provide must allow AWS EventBridge Scheduler to assume the role.';
    expect(textEvidence(message, 'paste.txt')).toHaveLength(1);
  });
});
