/** The policy sentence names the caller as it is: a role's policy for a role, a user's for an IAM user. */

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { policyReason } from '../../src/domain/policy-verdict.js';
import { corpusMessage } from '../corpus-cases.js';
import { runCli } from '../run-cli.js';

const facts = {
  policyType: 'identity' as const,
  explicitDeny: false,
  policyArn: null,
  action: 'codedeploy:ListDeployments',
  resource: null,
};

describe('policyReason', () => {
  it("a role: the role's policy", () => {
    expect(policyReason({ ...facts, roleName: 'api-task' })).toBe(
      "no identity-based policy of role api-task allows codedeploy:ListDeployments: add an Allow statement to the role's policy",
    );
  });

  it("an IAM user: the user's policy, never the role's", () => {
    for (const policyType of ['identity', 'resource', 'boundary', 'session'] as const) {
      const reason = policyReason({ ...facts, policyType, roleName: null, userName: 'JohnDoe' }) ?? '';
      expect(reason).not.toContain('role');
      expect(reason).toMatch(/user JohnDoe|the user's policy|the session was made/);
    }
  });
});

describe('an IAM user denied (corpus app-18, a permissions boundary)', () => {
  it("the finding's reasons speak of the user", async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'whydenied-user-')), 'message.txt');
    writeFileSync(file, corpusMessage('app-18'));
    const { stdout } = await runCli(['analyze', file, '--format', 'json']);
    const reasons: string[] = JSON.parse(stdout).findings[0].reasons;
    const policy = reasons.find((reason) => reason.includes('permissions boundary')) ?? '';
    expect(policy).toContain('of user JohnDoe');
    expect(policy).toContain("as well as the user's policy");
  });
});
