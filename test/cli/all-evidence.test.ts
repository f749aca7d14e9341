/**
 * A finding seen many times cites its first and last pieces of evidence, its exact count and
 * where every piece is; --all-evidence cites every piece.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusCases } from '../corpus-cases.js';
import { runCli } from '../run-cli.js';

const directory = mkdtempSync(join(tmpdir(), 'whydenied-all-evidence-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** A real CloudTrail denial (the corpus's first) retried 60 times a minute apart, in one delivery file. */
function retriedDenial(): string {
  const record = corpusCases().find((item) => item.kind === 'cloudtrail-record')?.raw as Record<
    string,
    unknown
  >;
  const start = Date.parse('2026-11-21T10:00:00Z');
  const records = Array.from({ length: 60 }, (_, index) => ({
    ...record,
    eventID: `0000-${index}`,
    eventTime: new Date(start + index * 60_000).toISOString().replace('.000', ''),
  }));
  const file = join(directory, 'retries.json');
  writeFileSync(file, JSON.stringify({ Records: records }));
  return file;
}

describe('evidence of a finding seen many times', () => {
  const file = retriedDenial();

  it('cites the first and last ten, counts all 60, and names where the other 40 are', async () => {
    const { stdout } = await runCli(['analyze', file, '--format', 'json']);
    const [finding] = JSON.parse(stdout).findings;
    expect(finding.count).toBe(60);
    expect(finding.evidence.map((item: { origin: string }) => item.origin)).toEqual([
      ...Array.from({ length: 10 }, (_, index) => `${file}#Records[${index}]`),
      ...Array.from({ length: 10 }, (_, index) => `${file}#Records[${50 + index}]`),
    ]);
    expect(finding.evidenceOmitted).toBe(40);
    expect(finding.evidenceOrigins).toEqual([`${file}#Records[0-59]`]);
    const text = await runCli(['analyze', file]);
    expect(text.stdout).toMatch(/and 57 more/);
  });

  it('--all-evidence cites all 60', async () => {
    const { stdout } = await runCli(['analyze', file, '--format', 'json', '--all-evidence']);
    const [finding] = JSON.parse(stdout).findings;
    expect(finding.evidence).toHaveLength(60);
    expect(finding.evidenceOmitted).toBeUndefined();
    expect(finding.evidence[59].raw).toContain('0000-59');
  });

  it('the report says how many more there are and where', async () => {
    const { stdout } = await runCli(['report', file]);
    expect(stdout).toMatch(/Finding 1: 60 pieces of evidence/);
    expect(stdout).toMatch(/40 more \(`--all-evidence` cites every one\) are in:/);
  });
});
