/**
 * The TUI's file loader with --policies: every analysis it shows, the first as well as the
 * last, has its fixes checked against the policies, as `analyze --policies` has; and
 * `whydenied tui --policies` without a terminal prints the verified text report.
 */
import { describe, expect, it } from 'vitest';
import { type LoadSnapshot, loadFiles } from '../../tui/load-inputs.js';
import { runCli } from '../run-cli.js';

const root = new URL('../../', import.meta.url).pathname;
const sample = `${root}samples/ssm-parameter`;
const policy = `${root}test/fixtures/policies/orders-api-execution-role-before-fix.json`;

async function snapshotsOf(options: Parameters<typeof loadFiles>[1]): Promise<LoadSnapshot[]> {
  const snapshots: LoadSnapshot[] = [];
  for await (const snapshot of loadFiles([sample], options)) snapshots.push(snapshot);
  return snapshots;
}

const fixesOf = (snapshot: LoadSnapshot | undefined) =>
  (snapshot?.analysis?.findings ?? []).map((finding) => finding.fix);

describe('loadFiles with --policies', () => {
  it('verifies the fixes of every analysis it yields', async () => {
    const snapshots = await snapshotsOf({ policies: [policy] });
    const analysed = snapshots.filter((snapshot) => snapshot.analysis?.findings.length);
    expect(analysed.length).toBeGreaterThan(0);
    for (const snapshot of analysed) {
      expect(fixesOf(snapshot)).toEqual([
        expect.objectContaining({
          verified: true,
          reason: expect.stringMatching(/"SsmParametersForSecrets"/),
        }),
      ]);
    }
    expect(snapshots.at(-1)?.done).toBe(true);
  });

  it('without policies, says how to verify', async () => {
    const snapshots = await snapshotsOf({});
    expect(fixesOf(snapshots.at(-1))).toEqual([
      expect.objectContaining({ verified: null, reason: expect.stringMatching(/--policies/) }),
    ]);
  });

  it('an unreadable policy file is a warning of the load, not a crash', async () => {
    const snapshots = await snapshotsOf({ policies: [`${root}test/fixtures/policies/no-such-file.json`] });
    const last = snapshots.at(-1);
    expect(last?.done).toBe(true);
    expect(last?.analysis?.warnings.map((warning) => warning.origin).join('\n')).toMatch(
      /no-such-file\.json/,
    );
  });
});

describe('whydenied tui --policies without a terminal', () => {
  it('prints the text report with the fix verified', async () => {
    const { code, stdout, stderr } = await runCli(['tui', sample, '--policies', policy]);
    expect(stderr).toMatch(/not an interactive terminal/);
    expect(code).toBe(1);
    expect(stdout).toMatch(/verified/i);
    expect(stdout).toMatch(/SsmParametersForSecrets/);
  });
});

describe('loadFiles counts what it read as analyze does', () => {
  it('an unreadable input is not an input read, and reading nothing is said', async () => {
    const snapshots: LoadSnapshot[] = [];
    for await (const snapshot of loadFiles([`${root}samples/malformed-inputs/capture.bin`, '/no/such/file']))
      snapshots.push(snapshot);
    const last = snapshots.at(-1)?.analysis;
    expect(last?.stats.inputs).toBe(0);
    expect(last?.warnings.map((warning) => warning.problem)).toContainEqual(
      expect.stringMatching(/^nothing was read/),
    );
  });
});
