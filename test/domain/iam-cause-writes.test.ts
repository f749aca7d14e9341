/**
 * The IAM writes beyond a role's own policies: a trust policy replaced, a key disabled or
 * scheduled for deletion, a bucket policy deleted, a repository policy set, a service control
 * policy attached, edited or detached. Each read from a real CloudTrail record (SOURCES.md) and
 * tied to the finding it may explain.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/domain/analysis.js';
import type { PolicyChangeEvidence } from '../../src/domain/evidence.js';
import { causeOf, restoreInstruction } from '../../src/domain/iam-cause.js';
import { detectAndRead } from '../../src/sources/files/detect-format.js';
import { finding } from './finding-of.js';

const AWS = 'test/fixtures/aws';
const TRUST = `${AWS}/cloudtrail-iam-updateassumerolepolicy-stratus.json`;
const SCP = `${AWS}/cloudtrail-organizations-scp-writes.json`;
const KEY = 'arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

function read(path: string, content = readFileSync(path, 'utf8')) {
  const result = detectAndRead(content, path);
  const changes = result.evidence.filter(
    (item): item is PolicyChangeEvidence => item.kind === 'policy-change',
  );
  return { changes, warnings: result.warnings };
}

const ROLE_ARN = 'arn:aws:iam::751203476945:role/stratus-red-team-backdoor-r-role';
const ECS_MESSAGE = `ECS was unable to assume the role '${ROLE_ARN}' that was provided for this task. Please verify that the role being passed has the proper trust relationship and permissions and that your IAM user has permissions to pass this role.`;

function trustDenial(): Finding {
  return finding({
    role: 'other',
    step: 'trust',
    action: 'sts:AssumeRole',
    resource: ROLE_ARN,
    resources: [ROLE_ARN],
    roleArn: ROLE_ARN,
    firstSeen: '2024-08-01T13:35:00.000Z',
    evidence: [{ origin: 'events.json#events[0]', time: null, raw: ECS_MESSAGE } as never],
  });
}

describe('a trust policy replaced (UpdateAssumeRolePolicy)', () => {
  it('reads the role and the pretty-printed trust document of a real record', () => {
    const { changes, warnings } = read(TRUST);
    expect(warnings).toEqual([]);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      eventName: 'UpdateAssumeRolePolicy',
      roleName: 'stratus-red-team-backdoor-r-role',
      who: 'arn:aws:iam::751203476945:user/christophe',
      time: '2024-08-01T13:29:57.000Z',
    });
    expect(changes[0]?.statements).toHaveLength(2);
  });

  it('a trust denial after it: the new trust policy no longer trusts ECS tasks, the one before did', () => {
    const [update] = read(TRUST).changes as [PolicyChangeEvidence];
    const before: PolicyChangeEvidence = {
      ...update,
      time: '2024-07-01T00:00:00.000Z',
      statements: [
        { Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ],
    };
    const denial = trustDenial();
    const cause = causeOf(denial, [before, update]);
    expect(cause).toMatchObject({
      kind: 'iam-change',
      event: 'UpdateAssumeRolePolicy',
      who: 'arn:aws:iam::751203476945:user/christophe',
      when: '2024-08-01T13:29:57.000Z',
      target: 'role stratus-red-team-backdoor-r-role, trust policy',
      removed: ['sts:AssumeRole'],
    });
    expect(cause.text).toMatch(/trusted ecs-tasks.amazonaws.com to assume the role, the new one does not/);
    expect(restoreInstruction({ ...denial, cause })).toMatch(
      /^restore sts:AssumeRole \(removed by UpdateAssumeRolePolicy/,
    );
    // Without the document before: still the candidate, with nothing said to be removed.
    expect(causeOf(denial, [update])).toMatchObject({ kind: 'iam-change', removed: [] });
  });

  it('is no cause when the new trust still trusts ECS tasks, nor of a denial that is not a trust denial', () => {
    const [update] = read(TRUST).changes as [PolicyChangeEvidence];
    const trusting = {
      ...update,
      statements: [
        ...(update.statements ?? []),
        { Effect: 'Allow', Principal: { Service: ['ecs-tasks.amazonaws.com'] }, Action: 'sts:AssumeRole' },
      ],
    };
    const kept = causeOf(trustDenial(), [trusting]);
    expect(kept.kind).toBe('unknown');
    expect(kept.text).toMatch(/ruled out: UpdateAssumeRolePolicy .* still trusts ecs-tasks.amazonaws.com/);
    const appCall = finding({
      roleArn: ROLE_ARN,
      action: 's3:GetObject',
      firstSeen: '2024-08-02T00:00:00.000Z',
    });
    expect(causeOf(appCall, [update]).kind).toBe('unknown');
  });
});

describe('a key disabled or scheduled for deletion', () => {
  it('reads DisableKey and ScheduleKeyDeletion of the AWS docs, and names them for a denial on that key', () => {
    const disable = read(`${AWS}/cloudtrail-kms-disablekey-awsdocs.json`).changes;
    const schedule = read(`${AWS}/cloudtrail-kms-schedulekeydeletion-awsdocs.json`).changes;
    expect(disable.map((change) => [change.eventName, change.resource])).toEqual([
      ['DisableKey', '1234abcd-12ab-34cd-56ef-1234567890ab'],
    ]);
    expect(schedule.map((change) => change.eventName)).toEqual(['ScheduleKeyDeletion']);
    const denial = finding({
      action: 'kms:Decrypt',
      resources: [KEY],
      firstSeen: '2021-03-24T00:00:00.000Z',
    });
    const cause = causeOf(denial, [...disable, ...schedule]);
    expect(cause).toMatchObject({
      kind: 'iam-change',
      event: 'ScheduleKeyDeletion',
      who: 'arn:aws:iam::111122223333:user/Alice',
      removed: [],
    });
    expect(cause.text).toMatch(/scheduled the key for deletion/);
    const otherKey = finding({ action: 'kms:Decrypt', resources: [KEY.replace('1234abcd', '9999abcd')] });
    expect(causeOf(otherKey, [...disable, ...schedule]).kind).toBe('unknown');
  });
});

describe('resource policies deleted or set', () => {
  it('a bucket policy deleted after one that allowed the read: removed lists it and the fix says restore', () => {
    const [deleted] = read(`${AWS}/cloudtrail-s3-deletebucketpolicy-awsdocs.json`).changes as [
      PolicyChangeEvidence,
    ];
    expect(deleted).toMatchObject({
      eventName: 'DeleteBucketPolicy',
      resource: 'myawsbucket',
      statements: null,
    });
    const put: PolicyChangeEvidence = {
      ...deleted,
      eventName: 'PutBucketPolicy',
      time: '2015-08-01T00:00:00.000Z',
      statements: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: ['s3:GetObject'], Resource: '*' }],
    };
    const denial = finding({
      action: 's3:GetObject',
      resources: ['arn:aws:s3:::myawsbucket/reports/a.csv'],
      firstSeen: '2015-08-26T21:00:00.000Z',
    });
    const cause = causeOf(denial, [put, deleted]);
    expect(cause).toMatchObject({
      kind: 'iam-change',
      event: 'DeleteBucketPolicy',
      removed: ['s3:GetObject'],
    });
    expect(restoreInstruction({ ...denial, cause })).toMatch(
      /^restore s3:GetObject \(removed by DeleteBucketPolicy/,
    );
    // Without the policy deleted among the records: a candidate whose removed actions are unknown.
    expect(causeOf(denial, [deleted])).toMatchObject({ kind: 'iam-change', removed: [] });
  });

  it('reads ECR SetRepositoryPolicy (policyText) and ties it to a pull denied on that repository', () => {
    const [set] = read(`${AWS}/cloudtrail-ecr-setrepositorypolicy-panther.json`).changes as [
      PolicyChangeEvidence,
    ];
    expect(set).toMatchObject({
      eventName: 'SetRepositoryPolicy',
      resource: 'community',
      who: 'arn:aws:iam::112233445566:role/ServiceRole',
    });
    const repository = 'arn:aws:ecr:eu-west-1:112233445566:repository/community';
    const before: PolicyChangeEvidence = {
      ...set,
      time: '2020-11-01T00:00:00.000Z',
      statements: [{ Effect: 'Allow', Principal: '*', Action: ['ecr:BatchGetImage', 'ecr:ListImages'] }],
    };
    const listing = finding({
      action: 'ecr:ListImages',
      resources: [repository],
      firstSeen: '2020-11-21T00:00:00.000Z',
    });
    expect(causeOf(listing, [before, set])).toMatchObject({
      kind: 'iam-change',
      event: 'SetRepositoryPolicy',
      target: 'community',
      removed: ['ecr:ListImages'],
    });
    // The new policy still allows the pull: ruled out.
    const pull = { ...listing, action: 'ecr:BatchGetImage' };
    expect(causeOf(pull, [before, set]).kind).toBe('unknown');
  });
});

describe('service control policies (Organizations)', () => {
  it('reads AttachPolicy, UpdatePolicy and DetachPolicy of a real SCP session; CreatePolicy changes nothing in force', () => {
    const { changes, warnings } = read(SCP);
    expect(warnings).toEqual([]);
    expect(changes.map((change) => [change.eventName, change.resource])).toEqual([
      ['AttachPolicy', 'p-bvdv3rx3'],
      ['UpdatePolicy', 'p-bvdv3rx3'],
      ['DetachPolicy', 'p-bvdv3rx3'],
    ]);
    expect(changes[1]?.statements?.[0]?.Action).toEqual(['ec2:*', 'ebs:*']);
    expect(changes[0]?.who).toBe('arn:aws:iam::<MANAGEMENT_ACCT_ID>:root');
  });

  it('an SCP denial after the update that added the Deny: the update is the cause; AttachPolicy alone names the event', () => {
    const { changes } = read(SCP);
    const [attach, update] = changes as [PolicyChangeEvidence, PolicyChangeEvidence];
    const denial = finding({
      action: 'ebs:ListSnapshotBlocks',
      policyType: 'scp',
      explicitDeny: true,
      firstSeen: '2023-04-25T01:00:00.000Z',
    });
    // With the document before the update (the SCP as created) among the records.
    const created: PolicyChangeEvidence = {
      ...update,
      time: '2023-04-25T00:09:05.000Z',
      statements: [{ Effect: 'Deny', Action: ['ec2:*'], Resource: ['*'] }],
    };
    expect(causeOf(denial, [created, attach, update])).toMatchObject({
      kind: 'iam-change',
      event: 'UpdatePolicy',
      target: 'service control policy p-bvdv3rx3',
    });
    // AttachPolicy with no content among the records: the cause names the event, removed unknown.
    const attachedOnly = causeOf({ ...denial, firstSeen: '2023-04-25T00:35:00.000Z' }, [attach]);
    expect(attachedOnly).toMatchObject({ kind: 'iam-change', event: 'AttachPolicy', removed: [] });
    expect(attachedOnly.text).toMatch(/content the records do not hold/);
    // A denial by an identity policy is no SCP's doing.
    expect(causeOf({ ...denial, policyType: 'identity' }, changes).kind).toBe('unknown');
  });

  it('content hidden by CloudTrail: no warning, the change kept, the text says it is hidden', () => {
    const records = JSON.parse(readFileSync(SCP, 'utf8'));
    records.Records[2].requestParameters.content = 'HIDDEN_DUE_TO_SECURITY_REASONS';
    const { changes, warnings } = read('hidden.json', JSON.stringify(records));
    expect(warnings).toEqual([]);
    const update = changes.find((change) => change.eventName === 'UpdatePolicy');
    expect(update).toMatchObject({ statements: null, documentProblem: null, documentHidden: true });
    const cause = causeOf(
      finding({ action: 'ec2:RunInstances', policyType: 'scp', firstSeen: '2023-04-25T00:45:00.000Z' }),
      update ? [update] : [],
    );
    expect(cause).toMatchObject({ kind: 'iam-change', event: 'UpdatePolicy', removed: [] });
    expect(cause.text).toMatch(/CloudTrail hides its document/);
  });
});
