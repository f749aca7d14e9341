/**
 * Two denials are one finding only when the role, the action and the resource agree (issue 11,
 * item 8): a task role's own kms:Decrypt, logged by its app many times, and another task's stopped
 * reason "Access to KMS is not allowed" (the execution role injecting a secret) stay two findings.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusMessage } from '../corpus-cases.js';
import { runCli } from '../run-cli.js';

const TASK = '3f1c9e2b7a4d4c0e9b1a2c3d4e5f6a7b';

/** The Go SDK v2 form of app-44 (aws/aws-nitro-enclaves-sdk), here from an ECS task's own session. */
function appDecryptLine(index: number): string {
  const second = String(index % 60).padStart(2, '0');
  return `2026-11-20T10:0${Math.floor(index / 60)}:${second}Z ERROR sealing payload failed: operation error KMS: Decrypt, https response error StatusCode: 400, RequestID: 9a473643-0000-4000-8000-${String(index).padStart(12, '0')}, api error AccessDeniedException: User: arn:aws:sts::111122223333:assumed-role/ledger-task-role/${TASK} is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:eu-central-1:111122223333:key/0063c4a6-1f2e-4d5c-8b7a-9e8d7c6b5a43 because no identity-based policy allows the kms:Decrypt action`;
}

describe('merging denials', () => {
  it("keeps a task role's kms:Decrypt apart from another task's 'Access to KMS is not allowed'", async () => {
    const folder = mkdtempSync(join(tmpdir(), 'whydenied-merge-'));
    const lines = Array.from({ length: 40 }, (_, index) => appDecryptLine(index));
    writeFileSync(join(folder, 'ledger-app.log'), `${lines.join('\n')}\n`);
    // ecs-02, verbatim, pasted on its own: another task's execution role could not decrypt its secret,
    // and nothing in it names the task, so only the kind of role tells the two apart.
    writeFileSync(join(folder, 'stopped-reason.txt'), `${corpusMessage('ecs-02')}\n`);
    const { findings } = JSON.parse((await runCli(['analyze', folder, '--format', 'json'])).stdout) as {
      findings: { role: string; step: string; action: string; roleArn: string | null; count: number }[];
    };
    const summary = findings.map((f) => `${f.role} ${f.step} ${f.action} ${f.roleArn} x${f.count}`).sort();
    expect(summary).toEqual([
      'execution-role secret-injection kms:Decrypt null x1',
      'task-role app-call kms:Decrypt arn:aws:iam::111122223333:role/ledger-task-role x40',
    ]);
  });
});
