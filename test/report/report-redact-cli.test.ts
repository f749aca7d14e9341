/**
 * `whydenied report --redact`: the whole report, in every format, holds none of the account
 * ids, IP addresses or access key ids of its input, and still reads.
 */
import { describe, expect, it } from 'vitest';
import { findSensitive } from '../../src/report/redact.js';
import { runCli } from '../run-cli.js';

const run = async (args: string[]): Promise<string> => (await runCli(args)).stdout;

describe('report --redact', () => {
  for (const format of ['markdown', 'json', 'text']) {
    it(`${format}: nothing identifying survives`, async () => {
      const plain = await run(['report', 'samples', '--format', format]);
      const originals = [...new Set(findSensitive(plain).map((match) => match.text))];
      expect(originals.length).toBeGreaterThan(0);
      const redacted = await run(['report', 'samples', '--format', format, '--redact']);
      expect(findSensitive(redacted)).toEqual([]);
      expect(originals.filter((original) => redacted.includes(original))).toEqual([]);
      expect(redacted).toContain('orders-api-execution-role');
      expect(redacted).toMatch(/ACCOUNT-1/);
    });
  }
});
