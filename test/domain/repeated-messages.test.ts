/**
 * A message read again is remembered, and reads as it did the first time: equal readings,
 * each caller's own (observe.ts completes a reading in place), whatever else was read between.
 */
import { describe, expect, it } from 'vitest';
import type { DenialReading } from '../../src/domain/message-reading.js';
import { readMessage } from '../../src/domain/message-reading.js';
import { RECENT, readRepeatedMessage } from '../../src/domain/repeated-messages.js';
import { corpusCases } from '../corpus-cases.js';

const messages = corpusCases()
  .map((item) => item.raw)
  .filter((raw): raw is string => typeof raw === 'string');

describe('a repeated message', () => {
  it('reads as readMessage reads it, the first time and every time after', () => {
    expect(messages.length).toBeGreaterThan(20);
    for (const fromEcs of [false, true])
      for (const message of messages) {
        const expected = readMessage(message, fromEcs);
        expect(readRepeatedMessage(message, fromEcs)).toEqual(expected);
        expect(readRepeatedMessage(message, fromEcs)).toEqual(expected);
      }
  });

  it("gives each caller readings of its own, so that one's completion does not leak to the next", () => {
    const message = messages.find((raw) => readMessage(raw, false)[0]?.type === 'denial') as string;
    const first = readRepeatedMessage(message, false)[0] as DenialReading;
    first.deployTool = 'Terraform';
    expect((readRepeatedMessage(message, false)[0] as DenialReading).deployTool).toEqual(
      (readMessage(message, false)[0] as DenialReading).deployTool,
    );
  });

  it('is still read right once more distinct messages than it remembers came between', () => {
    const message = messages[0] as string;
    readRepeatedMessage(message, false);
    for (let i = 0; i < RECENT + 10; i++)
      readRepeatedMessage(
        `User: arn:aws:iam::111122223333:user/u${i} is not authorized to perform: s3:GetObject`,
        false,
      );
    expect(readRepeatedMessage(message, false)).toEqual(readMessage(message, false));
  });
});
