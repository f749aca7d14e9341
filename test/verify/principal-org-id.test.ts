/**
 * aws:PrincipalOrgID in the simulation (issue 12): an organization perimeter on a key, bucket or
 * endpoint policy (`"StringEquals": {"aws:PrincipalOrgID": "o-…"}`) reads a key IAM sets from the
 * caller's account. Left out of the request context, the condition never matches and a correct
 * fix looks refuted. Known (describe-organization, or the organization an SCP given belongs to),
 * it is in the context; unknown, a verdict that depends on it is no verdict.
 *
 * The message is extra case r-18 (ministryofjustice/modernisation-platform-environments#10745)
 * with its redacted accounts and key filled in (the role's account and the key's differ in the
 * source too: `xxxx` and `xxx`). The key policy statement is the aws:PrincipalOrgID example of the
 * IAM User Guide's global condition keys page
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid)
 * on a KMS key policy, next to the key administrators' statement of KMS's default key policy.
 */
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/domain/analysis.js';
import { analyzeMessage } from '../run-cli.js';

const role = 'arn:aws:iam::111122223333:role/observability-platform';
const key = 'arn:aws:kms:eu-west-2:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const message = `Message: com.amazonaws.services.s3.model.AmazonS3Exception: User: arn:aws:sts::111122223333:assumed-role/observability-platform/0f9e8d7c6b5a49382716054f3e2d1c0b is not authorized to perform: kms:Decrypt on resource: ${key} because no identity-based policy allows the kms:Decrypt action`;

const taskDefinition = {
  taskDefinition: {
    taskDefinitionArn: 'arn:aws:ecs:eu-west-2:111122223333:task-definition/observability:7',
    family: 'observability',
    revision: 7,
    taskRoleArn: role,
    containerDefinitions: [{ name: 'grafana', image: 'grafana/grafana:11.1.0' }],
  },
};

const keyPolicy = (organization: string) => ({
  resourceArn: key,
  policy: {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'Enable IAM User Permissions',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::444455556666:root' },
        Action: 'kms:*',
        Resource: '*',
      },
      {
        Sid: 'AllowOrganizationToDecrypt',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: { StringEquals: { 'aws:PrincipalOrgID': [organization] } },
      },
    ],
  },
});

const rolePolicies = {
  principalArn: role,
  policy: {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::observability-data/*' }],
  },
};

/** Where the organization comes from: describe-organization, an SCP given (its ARN names it), or nothing. */
type OrganizationSource = 'describe-organization' | 'scp' | null;

const ORGANIZATION_FILES: Record<string, string> = {
  'describe-organization': 'test/fixtures/aws/policies/describe-organization-awscli-example.json',
  scp: 'test/fixtures/aws/policies/describe-policy-scp-awscli-example.json',
};

async function verified(organization: string, source: OrganizationSource): Promise<Finding> {
  const dir = mkdtempSync(join(tmpdir(), 'whydenied-org-'));
  const policies = join(dir, 'policies');
  mkdirSync(policies);
  writeFileSync(join(policies, 'role.json'), JSON.stringify(rolePolicies));
  writeFileSync(join(policies, 'key.json'), JSON.stringify(keyPolicy(organization)));
  if (source) copyFileSync(ORGANIZATION_FILES[source] ?? '', join(policies, 'organization.json'));
  const { stdout, stderr } = await analyzeMessage(dir, message, taskDefinition, policies);
  expect(stderr).not.toContain('unknown shape');
  return JSON.parse(stdout).findings[0];
}

describe('a key policy open to the organization (aws:PrincipalOrgID)', () => {
  it("verifies the task role's fix when the role's organization is the key policy's", async () => {
    const finding = await verified('o-exampleorgid', 'describe-organization');
    expect(finding).toMatchObject({ role: 'task-role', action: 'kms:Decrypt' });
    expect(finding.fix?.placement).toBe('identity-policy');
    expect(finding.fix?.verified).toBe(true);
  });

  it('takes the organization from an SCP given, whose ARN names it', async () => {
    const finding = await verified('o-exampleorgid', 'scp');
    expect(finding.fix?.verified).toBe(true);
  });

  it('refutes it when the organization is known and is another one', async () => {
    const finding = await verified('o-anotherorg99', 'describe-organization');
    expect(finding.fix?.verified).toBe(false);
  });

  it('says the organization is unknown, rather than refuting the fix, when nothing gives it', async () => {
    const finding = await verified('o-exampleorgid', null);
    expect(finding.fix?.verified).toBeNull();
    expect(finding.fix?.reason).toContain('aws:PrincipalOrgID');
    expect(finding.fix?.reason).toContain('describe-organization');
  });
});
