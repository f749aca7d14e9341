/**
 * Offline verification of proposed fixes against real policy documents
 * (test/fixtures/aws/policies/SOURCES.md). The fixes are this program's own output, so they are
 * written here; every AWS document they are checked against is a published one.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FixPart, PolicyDocument } from '../../src/domain/fix.js';
import type { KnownPolicies } from '../../src/domain/known-policies.js';
import { loadPolicies } from '../../src/sources/files/policies.js';
import { type SimulationRequest, verifyFix } from '../../src/verify/simulate.js';

const fixturePath = (name: string) => new URL(`../fixtures/aws/policies/${name}`, import.meta.url).pathname;
const fixture = (name: string): unknown => JSON.parse(readFileSync(fixturePath(name), 'utf8'));

const ACCOUNT = '695590128999';
const EXECUTION_ROLE = `arn:aws:iam::${ACCOUNT}:role/ecsTaskExecutionRole`;
const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/ecsTaskExecutionRole/0123456789abcdef0123456789abcdef`;
const REPOSITORY = 'arn:aws:ecr:ap-northeast-1:012345678901:repository/ubuntu';
const SCP_ARN = 'arn:aws:organizations::123456789012:policy/o-aa111bb222/service_control_policy/p-i9j8k7l6m5';
const PULL = ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'];

const executionRolePolicy = fixturePath('get-role-policy-ecs-execution-role-note.json');

function wrapper(content: object): string {
  const path = join(mkdtempSync(join(tmpdir(), 'whydenied-verify-')), 'wrapper.json');
  writeFileSync(path, JSON.stringify(content));
  return path;
}

async function load(...paths: string[]): Promise<KnownPolicies> {
  const { policies, warnings } = await loadPolicies(paths);
  expect(warnings).toEqual([]);
  return policies;
}

function allow(sid: string, actions: string[], resource: string, principal?: string): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: sid,
        Effect: 'Allow',
        ...(principal ? { Principal: { AWS: principal } } : {}),
        Action: actions,
        Resource: resource,
      },
    ],
  };
}

function request(action: string, resource: string, principalArn = SESSION): SimulationRequest {
  return { principalArn, action, resource, context: { 'aws:RequestedRegion': 'ap-northeast-1' } };
}

describe('verifyFix', () => {
  it('a missing log permission reproduces, and the fix allows it by its Sid', async () => {
    const policies = await load(executionRolePolicy);
    const group = `arn:aws:logs:ap-northeast-1:${ACCOUNT}:log-group:/ecs/web`;
    const fix = allow(
      'AllowLogDelivery',
      ['logs:CreateLogStream', 'logs:PutLogEvents'],
      `${group}:log-stream:*`,
    );
    const outcome = await verifyFix(
      request('logs:CreateLogStream', `${group}:log-stream:ecs/web/0123456789abcdef0123456789abcdef`),
      { placement: 'identity-policy', target: EXECUTION_ROLE, policy: fix, alsoRequired: [] },
      policies,
    );
    expect(outcome).toMatchObject({
      verified: true,
      before: 'ImplicitlyDenied',
      after: 'Allowed',
      grantingStatement: 'AllowLogDelivery',
    });
    expect(outcome.reason).toContain('statement "AllowLogDelivery" of the identity policy');
  });

  it('an SCP explicit deny stays denied: no Allow can fix it', async () => {
    const policies = await load(
      executionRolePolicy,
      fixturePath('create-policy-deny-iam-scp-orgs-userguide.json'),
    );
    const denied = request('iam:PassRole', `arn:aws:iam::${ACCOUNT}:role/app`);
    const change = await verifyFix(
      denied,
      { placement: 'policy-change', target: SCP_ARN, policy: null, alsoRequired: [] },
      policies,
    );
    expect(change).toMatchObject({ verified: false, before: 'ExplicitlyDenied', after: null });
    expect(change.reason).toBe(
      'no Allow can fix this: the SCP DenyIAMSCP explicitly denies it (statement "Statement1")',
    );

    // An identity Allow is simulated too, and shown not to help.
    const identityAllow = allow('PassAppRole', ['iam:PassRole'], denied.resource);
    const allowAnyway = await verifyFix(
      denied,
      { placement: 'identity-policy', target: EXECUTION_ROLE, policy: identityAllow, alsoRequired: [] },
      policies,
    );
    expect(allowAnyway).toMatchObject({ verified: false, after: 'ExplicitlyDenied' });
    expect(allowAnyway.reason).toContain('the SCP DenyIAMSCP explicitly denies it');
  });

  it('policies that already allow the request disagree with the evidence', async () => {
    const policies = await load(executionRolePolicy);
    const secret = `arn:aws:secretsmanager:ap-northeast-1:${ACCOUNT}:secret:prod/db-AbCdEf`;
    const fix = allow('ReadDbSecret', ['secretsmanager:GetSecretValue'], secret);
    const outcome = await verifyFix(
      request('secretsmanager:GetSecretValue', secret),
      { placement: 'identity-policy', target: EXECUTION_ROLE, policy: fix, alsoRequired: [] },
      policies,
    );
    expect(outcome).toEqual({
      verified: false,
      reason:
        'evidence and policies disagree: these policies allow the request (a policy may have been changed since)',
      before: 'Allowed',
      after: null,
      grantingStatement: null,
    });
  });

  it('a role whose policies were not given is not checked', async () => {
    const policies = await load(executionRolePolicy);
    const outcome = await verifyFix(
      request('s3:GetObject', 'arn:aws:s3:::bucket/key', 'arn:aws:sts::111122223333:assumed-role/other/abc'),
      {
        placement: 'identity-policy',
        target: null,
        policy: allow('Read', ['s3:GetObject'], 'arn:aws:s3:::bucket/key'),
        alsoRequired: [],
      },
      policies,
    );
    expect(outcome).toMatchObject({
      verified: null,
      reason: "the role's policies were not given (--policies)",
    });
  });

  describe('a cross-account ECR pull needs both the identity statement and the repository policy', () => {
    // The real repository policy allows another account's CodeDeployDemo role only.
    const repositoryPolicy = () =>
      wrapper({ resourceArn: REPOSITORY, policy: fixture('get-repository-policy-botocore-example.json') });
    const pull = request('ecr:BatchGetImage', REPOSITORY);
    const identity = {
      placement: 'identity-policy' as const,
      target: EXECUTION_ROLE,
      policy: allow('PullUbuntu', PULL, REPOSITORY),
    };
    const repository: FixPart = {
      placement: 'repository-policy',
      target: REPOSITORY,
      policy: allow('AllowPullFromExecutionRole', PULL, REPOSITORY, EXECUTION_ROLE),
      instruction: 'add to the repository policy in 012345678901',
    };

    it('the identity statement alone is not enough', async () => {
      const policies = await load(executionRolePolicy, repositoryPolicy());
      const outcome = await verifyFix(pull, { ...identity, alsoRequired: [] }, policies);
      expect(outcome).toMatchObject({
        verified: false,
        before: 'ImplicitlyDenied',
        after: 'ImplicitlyDenied',
      });
      expect(outcome.reason).toContain('no resource policy allows it');
    });

    it('the repository statement alone is not enough', async () => {
      const policies = await load(executionRolePolicy, repositoryPolicy());
      const outcome = await verifyFix(pull, { ...repository, alsoRequired: [] }, policies);
      expect(outcome).toMatchObject({ verified: false, after: 'ImplicitlyDenied' });
      expect(outcome.reason).toContain('no identity policy allows it');
    });

    it('both together allow the pull', async () => {
      const policies = await load(executionRolePolicy, repositoryPolicy());
      const outcome = await verifyFix(pull, { ...identity, alsoRequired: [repository] }, policies);
      expect(outcome).toMatchObject({ verified: true, after: 'Allowed' });
      expect(['PullUbuntu', 'AllowPullFromExecutionRole']).toContain(outcome.grantingStatement);
    });

    it('without the repository policy the cross-account request cannot be judged', async () => {
      const policies = await load(executionRolePolicy);
      const outcome = await verifyFix(pull, { ...identity, alsoRequired: [] }, policies);
      expect(outcome).toMatchObject({ verified: null });
      expect(outcome.reason).toBe(`the resource policy of ${REPOSITORY} was not given (--policies)`);
    });
  });

  it('a trust policy that does not name ecs-tasks.amazonaws.com, fixed by adding it', async () => {
    const { policies } = await loadPolicies([
      fixturePath('get-account-authorization-details-awscli-example.json'),
    ]);
    const role = 'arn:aws:iam::123456789012:role/EC2role';
    const trust = {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AllowEcsTasks',
          Effect: 'Allow',
          Principal: { Service: 'ecs-tasks.amazonaws.com' },
          Action: ['sts:AssumeRole'],
        },
      ],
    } as unknown as PolicyDocument; // A trust statement has no Resource, which the fix type requires.
    const outcome = await verifyFix(
      { principalArn: 'ecs-tasks.amazonaws.com', action: 'sts:AssumeRole', resource: role, context: {} },
      { placement: 'trust-policy', target: role, policy: trust, alsoRequired: [] },
      policies,
    );
    expect(outcome).toMatchObject({
      verified: true,
      before: 'ImplicitlyDenied',
      grantingStatement: 'AllowEcsTasks',
    });
  });
});
