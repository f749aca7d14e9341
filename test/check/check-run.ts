/** What the check tests share: a folder of inputs written for one test, and `check` run as text and as JSON. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { CheckResult } from '../../src/check.js';
import { runCli } from '../run-cli.js';

export function folder(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'whydenied-check-'));
  for (const [name, content] of Object.entries(files))
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return dir;
}

/** The same check as JSON and as text: one exit code for both. */
export async function check(args: string[]): Promise<{ code: number; result: CheckResult; text: string }> {
  const json = await runCli(['check', ...args, '--format', 'json']);
  const text = await runCli(['check', ...args]);
  expect(text.code).toBe(json.code);
  return { code: json.code, result: JSON.parse(json.stdout), text: text.stdout };
}

/** The request ECS makes with the execution role to inject a Secrets Manager secret. */
export function executionRoleReads(secret: string) {
  return {
    role: 'execution-role',
    step: 'secret-injection',
    action: 'secretsmanager:GetSecretValue',
    resource: secret,
  };
}

/** The fix for a secret the execution role cannot read: one statement granting that secret alone, verified. */
export function expectVerifiedSecretFix(
  finding:
    | { fix?: { policy?: { Statement?: unknown } | null; verified?: boolean | null } | null }
    | undefined,
  secret: string,
): void {
  expect(finding?.fix?.policy?.Statement).toEqual([
    {
      Sid: 'SecretsManagerSecrets',
      Effect: 'Allow',
      Action: ['secretsmanager:GetSecretValue'],
      Resource: [secret],
    },
  ]);
  expect(finding?.fix?.verified).toBe(true);
}
