/** An error read and not recognised is said apart from the look-alikes: it is not known to be harmless. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.js';

// A throttled call (a look-alike) and the app's own error (not recognised), as in an app's log.
const LOG = [
  'An error occurred (ThrottlingException) when calling the GetParameters operation (reached max retries: 4): Rate exceeded',
  '[2026-11-21 10:00:40,000] ERROR orders.pricing: price list 4 failed validation',
].join('\n');

function logFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'whydenied-unrecognised-')), 'app.log');
  writeFileSync(file, `${LOG}\n`);
  return file;
}

describe('errors read and not recognised', () => {
  it('the text report lists them under their own heading, after the look-alikes', async () => {
    const { stdout } = await runCli(['analyze', logFile()]);
    const lookAlikes = stdout.indexOf('Not permission failures (no policy change will help):');
    const unrecognised = stdout.indexOf('Errors read and not recognised (look at these yourself):');
    expect(lookAlikes).toBeGreaterThan(-1);
    expect(unrecognised).toBeGreaterThan(lookAlikes);
    expect(stdout.slice(unrecognised)).toContain('price list 4 failed validation');
    expect(stdout.slice(lookAlikes, unrecognised)).not.toContain('price list 4');
  });

  it('the Markdown report too', async () => {
    const { stdout } = await runCli(['report', logFile()]);
    expect(stdout).toContain('## Errors read and not recognised');
    expect(stdout.slice(stdout.indexOf('## Errors read and not recognised'))).toContain(
      'price list 4 failed validation',
    );
  });
});
