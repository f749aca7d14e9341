/**
 * `--policies`: each fix checked by simulation against the roles' real policies (issue 3's
 * acceptance): denied before and allowed after; an SCP's explicit deny stays denied and is
 * said to be; policies that already allow the request disagree with the evidence.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.js';

const root = new URL('../../', import.meta.url).pathname;
const policies = (name: string) => `${root}test/fixtures/policies/${name}`;

async function fixesOf(args: string[]) {
  return JSON.parse((await runCli(args)).stdout);
}

describe('verification with --policies', () => {
  it('the denial reproduces with the current policies and the fix allows it, naming the statement', async () => {
    const { findings, warnings } = await fixesOf([
      'analyze',
      `${root}samples/ssm-parameter`,
      '--format',
      'json',
      '--policies',
      policies('orders-api-execution-role-before-fix.json'),
    ]);
    expect(warnings).toEqual([]);
    expect(findings[0].fix).toMatchObject({
      verified: true,
      reason: expect.stringMatching(/"SsmParametersForSecrets"/),
    });
  });

  it('an SCP explicit deny stays denied and is reported as such, with no Allow proposed', async () => {
    const { findings } = await fixesOf([
      'analyze',
      `${root}samples/scp-explicit-deny`,
      '--format',
      'json',
      '--policies',
      policies('payments-ledger-task-role.json'),
      policies('scp-deny-kms.json'),
    ]);
    expect(findings[0].fix).toMatchObject({
      placement: 'policy-change',
      policy: null,
      verified: false,
      reason: expect.stringMatching(
        /no Allow can fix this: the SCP DenyKmsOutsideApprovedKeys explicitly denies it/,
      ),
    });
  });

  it("a deployer's PassRole fix is checked with the service the role is passed to (iam:PassedToService)", async () => {
    const { findings } = await fixesOf([
      'analyze',
      `${root}samples/passrole-deployer`,
      '--format',
      'json',
      '--policies',
      policies('github-actions-deployer.json'),
    ]);
    expect(findings[0].fix).toMatchObject({
      placement: 'deployer-policy',
      verified: true,
      reason: expect.stringMatching(/"PassEcsTaskRoles"/),
    });
  });

  it("an app's AssumeRole needs the caller's Allow and the target's trust: with both, it verifies", async () => {
    // app-31 of the corpus (quiltdata/quilt): the task role may not assume the registry's role.
    const message =
      'Failed to assume Quilt user role arn:aws:iam::850787717197:role/ReadWriteQuiltBucket: An error occurred (AccessDenied) when calling the AssumeRole operation: User: arn:aws:sts::850787717197:assumed-role/ecsTaskRole/6b777c1809a94925ab48098fa09824de is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::850787717197:role/ReadWriteQuiltBucket';
    const file = join(mkdtempSync(join(tmpdir(), 'whydenied-assume-')), 'app.log');
    writeFileSync(file, message);
    const { findings } = await fixesOf([
      'analyze',
      file,
      '--format',
      'json',
      '--policies',
      policies('quilt-assume-role.json'),
    ]);
    expect(findings[0].fix).toMatchObject({
      placement: 'identity-policy',
      target: 'arn:aws:iam::850787717197:role/ecsTaskRole',
      alsoRequired: [
        expect.objectContaining({
          placement: 'trust-policy',
          target: 'arn:aws:iam::850787717197:role/ReadWriteQuiltBucket',
          policy: expect.objectContaining({
            Statement: [
              expect.objectContaining({ Principal: { AWS: 'arn:aws:iam::850787717197:role/ecsTaskRole' } }),
            ],
          }),
        }),
      ],
      verified: true,
    });
  });

  it('policies that already allow the request: evidence and policies disagree', async () => {
    const { findings } = await fixesOf([
      'analyze',
      `${root}samples/ssm-parameter`,
      '--format',
      'json',
      '--policies',
      policies('orders-api-execution-role-already-fixed.json'),
    ]);
    expect(findings[0].fix).toMatchObject({
      verified: false,
      reason: expect.stringMatching(/evidence and policies disagree/),
    });
  });

  it("without the role's policies a fix is unverified, and says why", async () => {
    const { findings } = await fixesOf(['analyze', `${root}samples/ssm-parameter`, '--format', 'json']);
    expect(findings[0].fix).toMatchObject({ verified: null, reason: expect.stringMatching(/--policies/) });
  });

  it('whydenied fix prints one verified policy document per place to change', async () => {
    const { fixes } = await fixesOf([
      'fix',
      `${root}samples/ssm-parameter`,
      '--policies',
      policies('orders-api-execution-role-before-fix.json'),
    ]);
    expect(fixes).toEqual([
      expect.objectContaining({
        placement: 'identity-policy',
        target: 'arn:aws:iam::111122223333:role/orders-api-execution-role',
        findings: [1],
        verified: true,
      }),
    ]);
  });
});
