/**
 * --policies inputs recognised by content, on real published outputs
 * (test/fixtures/aws/policies/SOURCES.md). Wrappers are built around the real documents.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lookupPrincipal, lookupResourcePolicy } from '../../src/domain/known-policies.js';
import { loadPolicies } from '../../src/sources/files/policies.js';

const fixturePath = (name: string) => new URL(`../fixtures/aws/policies/${name}`, import.meta.url).pathname;
const fixture = (name: string) => readFileSync(fixturePath(name), 'utf8');

function tempFile(name: string, content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'whydenied-policies-'));
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('loadPolicies', () => {
  it('get-account-authorization-details: roles, users with their groups, default managed versions', async () => {
    const path = fixturePath('get-account-authorization-details-awscli-example.json');
    const { policies, warnings } = await loadPolicies([path]);
    // EC2role's two AWS managed policies are attached but not listed: known role, missing statements, warned.
    expect(lookupPrincipal(policies.identity, 'arn:aws:iam::123456789012:role/EC2role')).toEqual([]);
    expect(warnings.filter((w) => w.problem.includes('AmazonS3FullAccess'))).toHaveLength(1);
    expect(warnings[0]?.origin).toMatch(/#RoleDetailList\[0\]\.AttachedManagedPolicies\[0\]$/);
    const trust = lookupPrincipal(policies.trust, 'arn:aws:sts::123456789012:assumed-role/EC2role/i-0abc');
    expect(trust?.document.Statement[0]).toMatchObject({ Principal: { Service: 'ec2.amazonaws.com' } });
    const bob = lookupPrincipal(policies.identity, 'arn:aws:iam::123456789012:user/Bob') ?? [];
    expect(bob.map((p) => p.name)).toEqual(['DenyBillingAndIAMPolicy']);
    // A single statement object is read as a list of one.
    expect(bob[0]?.document.Statement).toHaveLength(1);
    expect(bob[0]?.origin).toBe(`${path}#UserDetailList[1].UserPolicyList[0].PolicyDocument`);
    // Alice's group Admins has AdministratorAccess attached as a single object (sic), not listed: warned.
    expect(warnings.some((w) => w.problem.includes('AdministratorAccess'))).toBe(true);
  });

  it('get-role with a trust object, and the CLI placeholder "<URL-encoded-JSON>" as a warning', async () => {
    const { policies, warnings } = await loadPolicies([
      fixturePath('create-role-trust-object-awscli-example.json'),
      fixturePath('get-role-awscli-example.json'),
    ]);
    expect(
      lookupPrincipal(policies.trust, 'arn:aws:iam::12345678012:role/Test-Role')?.document.Statement[0]?.Sid,
    ).toBe('Statement1');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.origin).toMatch(/get-role-awscli-example\.json#Role\.AssumeRolePolicyDocument$/);
    // get-role says nothing of the role's permissions.
    expect(policies.identity.size).toBe(0);
  });

  it('a URL-encoded trust policy, as the SDKs return it', async () => {
    const role = JSON.parse(fixture('create-role-trust-object-awscli-example.json'));
    role.Role.AssumeRolePolicyDocument = encodeURIComponent(
      JSON.stringify(role.Role.AssumeRolePolicyDocument),
    );
    const { policies, warnings } = await loadPolicies([tempFile('role.json', JSON.stringify(role))]);
    expect(warnings).toEqual([]);
    expect(policies.trust.size).toBe(1);
  });

  it('get-role-policy: keyed by role name, and by account once another input names the role', async () => {
    const inline = fixturePath('get-role-policy-ecs-execution-role-note.json');
    const alone = await loadPolicies([inline]);
    expect(alone.warnings).toEqual([]);
    const found = lookupPrincipal(
      alone.policies.identity,
      'arn:aws:sts::695590128999:assumed-role/ecsTaskExecutionRole/abc',
    );
    expect(found?.[0]?.name).toBe('ECS-SecretsManager-Permission');

    const trust = tempFile(
      'trust.json',
      JSON.stringify({
        resourceArn: 'arn:aws:iam::695590128999:role/ecsTaskExecutionRole',
        policy: JSON.parse(fixture('create-role-trust-object-awscli-example.json')).Role
          .AssumeRolePolicyDocument,
      }),
    );
    const both = await loadPolicies([inline, trust]);
    expect([...both.policies.identity.keys()]).toEqual(['695590128999:ecstaskexecutionrole']);
    expect(both.policies.trust.has('695590128999:ecstaskexecutionrole')).toBe(true);
  });

  it("AWS's own get-role-policy example is not valid JSON: a warning naming the file", async () => {
    const path = fixturePath('get-role-policy-awscli-example-invalid.txt');
    const { warnings } = await loadPolicies([path]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ origin: path });
    expect(warnings[0]?.problem).toMatch(/^invalid JSON/);
  });

  it('get-policy-version needs the principal: a warning alone, an identity policy in the wrapper', async () => {
    const bare = await loadPolicies([fixturePath('get-policy-version-awscli-example.json')]);
    expect(bare.policies.identity.size).toBe(0);
    expect(bare.warnings[0]?.expected).toContain('principalArn');
    const wrapped = tempFile(
      'wrapped.json',
      JSON.stringify({
        principalArn: 'arn:aws:iam::123456789012:role/app',
        policy: JSON.parse(fixture('get-policy-version-awscli-example.json')),
      }),
    );
    const { policies, warnings } = await loadPolicies([wrapped]);
    expect(warnings).toEqual([]);
    expect(
      lookupPrincipal(policies.identity, 'arn:aws:iam::123456789012:role/app')?.[0]?.document.Statement[0],
    ).toMatchObject({
      Action: 'iam:*',
    });
  });

  it('Organizations describe-policy and create-policy outputs: SCPs and RCPs', async () => {
    const { policies, warnings } = await loadPolicies([
      fixturePath('describe-policy-scp-awscli-example.json'),
      fixturePath('create-policy-deny-iam-scp-orgs-userguide.json'),
      fixturePath('create-policy-deny-iam-rcp-orgs-userguide.json'),
    ]);
    expect(warnings).toEqual([]);
    expect(policies.scps.map((p) => p.name)).toEqual(['AllowAllS3Actions', 'DenyIAMSCP']);
    expect(policies.rcps.map((p) => p.name)).toEqual(['DenyIAMRCP']);
    // Two organizations' policies (two AWS examples) do not say which one the principals are in.
    expect(policies.organizationId).toBeUndefined();
    expect(policies.scps[1]?.document.Statement[0]).toMatchObject({ Sid: 'Statement1', Effect: 'Deny' });
  });

  it('bucket policies keyed by the one bucket their statements name', async () => {
    const { policies, warnings } = await loadPolicies([
      fixturePath('get-bucket-policy-awscli-example.json'),
      fixturePath('get-bucket-policy-botocore-example.json'),
    ]);
    expect(warnings).toEqual([]);
    expect(
      lookupResourcePolicy(policies, 'arn:aws:s3:::amzn-s3-demo-bucket/secret/x')?.document.Statement,
    ).toHaveLength(2);
    expect(policies.resources.has('arn:aws:s3:::policytest1')).toBe(true);
  });

  it('a key policy names no key ("Resource": "*"): a warning, and the wrapper keys it', async () => {
    const bare = await loadPolicies([fixturePath('get-key-policy-botocore-example.json')]);
    expect(bare.policies.resources.size).toBe(0);
    expect(bare.warnings[0]?.problem).toContain('does not name its resource');
    const key = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const wrapped = tempFile(
      'key.json',
      JSON.stringify({
        resourceArn: key,
        policy: JSON.parse(fixture('get-key-policy-botocore-example.json')),
      }),
    );
    const { policies, warnings } = await loadPolicies([wrapped]);
    expect(warnings).toEqual([]);
    expect(policies.resources.get(key)?.document.Statement[0]?.Sid).toBe('Enable IAM User Permissions');
  });

  it('an ECR repository policy needs a region: a warning alone, keyed inside the wrapper', async () => {
    const bare = await loadPolicies([
      fixturePath('get-repository-policy-botocore-example.json'),
      fixturePath('get-repository-policy-awscli-example.json'),
    ]);
    expect(bare.policies.resources.size).toBe(0);
    expect(bare.warnings.map((w) => w.problem)).toEqual([
      expect.stringContaining('ubuntu'),
      expect.stringContaining('cluster-autoscaler'),
    ]);
  });

  it('get-resource-policy of a secret, keyed by its ARN; the CLI example broken across lines is a warning', async () => {
    const { policies, warnings } = await loadPolicies([
      fixturePath('get-resource-policy-botocore-example.json'),
      fixturePath('get-resource-policy-awscli-example-invalid.txt'),
    ]);
    expect(
      lookupResourcePolicy(
        policies,
        'arn:aws:secretsmanager:us-west-2:123456789012:secret:MyTestDatabaseSecret',
      ),
    ).toBeDefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.origin).toMatch(/invalid\.txt$/);
  });

  it('an identity policy with no principal, unknown JSON, and a missing path are warnings, not throws', async () => {
    const identity = JSON.parse(fixture('get-role-policy-ecs-execution-role-note.json')).PolicyDocument;
    const { policies, warnings } = await loadPolicies([
      tempFile('ExecutionRole.json', JSON.stringify(identity)),
      tempFile('other.json', '{"hello": 1}'),
      '/nonexistent/policies',
    ]);
    expect(policies.identity.size).toBe(0);
    expect(warnings.map((w) => w.problem)).toEqual([
      'an identity policy document that does not say which role or user it belongs to',
      'JSON of an unknown shape',
      'no such file or directory',
    ]);
    expect(warnings[0]?.expected).toContain('"principalArn"');
  });
});
