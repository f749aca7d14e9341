/**
 * A text's lines are read only when they hold a word worth reading, or a look-alike's rule names
 * them as written: a look-alike worded without "error", "failed" or the like must still be read,
 * or it gets no answer at all.
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

  it('reads a line a look-alike rule names though it has none of the words (aws/containers-roadmap#653, extra case eg-03)', () => {
    // ECS refusing a capacity provider's settings: 'invalid' is in no word of the list, the rule names it.
    const message =
      'The managed termination protection setting for the capacity provider is invalid. To enable managed termination protection for a capacity provider, the Auto Scaling group must have instance protection from scale in enabled.';
    expect(textEvidence(message, 'paste.txt')).toHaveLength(1);
  });

  it("reads the Session Manager plugin's missing-plugin page named alone (widdix/mastodon-on-aws#30, extra case ec-40)", () => {
    expect(
      textEvidence(
        'http://docs.aws.amazon.com/console/systems-manager/session-manager-plugin-not-found',
        'paste.txt',
      ),
    ).toHaveLength(1);
  });
});
