/**
 * CloudTrail's network activity events: a call a VPC endpoint's policy refused is recorded with
 * errorCode VpceAccessDenied and "The request was denied due to a VPC endpoint policy" (the
 * CloudTrail guide's example, gj-02; a detection rule's fixture, gj-03). A denial, by the endpoint's policy.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishedRaw } from '../pasted-message.js';
import { runCli } from '../run-cli.js';

async function findingsOf(id: string) {
  const dir = mkdtempSync(join(tmpdir(), 'whydenied-vpce-'));
  writeFileSync(join(dir, 'trail.json'), JSON.stringify({ Records: [publishedRaw(id)] }));
  return JSON.parse((await runCli(['analyze', dir, '--format', 'json'])).stdout).findings;
}

describe('VpceAccessDenied records', () => {
  it.each([
    [
      "KMS's ListKeys from another account's principal (gj-02: the CloudTrail guide)",
      'gj-02',
      'kms:ListKeys',
    ],
    ["S3's GetObject (gj-03: panther-labs/pypanther's fixture)", 'gj-03', 's3:GetObject'],
  ])('%s', async (_, id, action) => {
    const [finding, ...rest] = await findingsOf(id);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ role: 'other', action, policyType: 'vpc-endpoint', explicitDeny: null });
  });
});
