/**
 * The IAM change that caused a denial: policy writes read from real CloudTrail records, related
 * to the finding by role, policy or resource, and their documents diffed by allowed actions.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PolicyChangeEvidence } from '../../src/domain/evidence.js';
import {
  actionMatches,
  allowsAction,
  causeOf,
  removedActions,
  restoreInstruction,
} from '../../src/domain/iam-cause.js';
import { analyzeFiles } from '../../src/pipeline.js';
import { detectAndRead } from '../../src/sources/files/detect-format.js';
import { finding } from './finding-of.js';

const AWS = 'test/fixtures/aws';
const TERRAFORM_PUT = `${AWS}/eventbridge-cloudtrail-iam-putrolepolicy-terraform.json`;
const POLICY_WRITES = `${AWS}/eventbridge-cloudtrail-iam-policy-writes.json`;
const NARROWED = 'test/fixtures/cause/narrowed-inline-policy.json';
const DENIED_ONLY = 'test/fixtures/cause/denied-only.json';

function changesIn(path: string, content = readFileSync(path, 'utf8')): PolicyChangeEvidence[] {
  return detectAndRead(content, path).evidence.filter(
    (item): item is PolicyChangeEvidence => item.kind === 'policy-change',
  );
}

describe('policy writes read from CloudTrail', () => {
  it('keeps a successful PutRolePolicy by Terraform with its role, policy, author and document', () => {
    const [change, ...rest] = changesIn(TERRAFORM_PUT);
    expect(rest).toEqual([]);
    expect(change).toMatchObject({
      eventName: 'PutRolePolicy',
      roleName: 'passbolt-Prod-notification-us-east-1',
      policyName: 'passbolt-Prod-notification-policy',
      who: 'arn:aws:iam::873370528721:role/AdministratorAccess',
      time: '2025-10-06T06:33:34.000Z',
      documentProblem: null,
    });
    expect(change?.statements).toHaveLength(3);
    expect(allowsAction(change?.statements ?? [], 'ssm:GetParameter')).toBe(true);
    expect(allowsAction(change?.statements ?? [], 'ssm:GetParameters')).toBe(false);
  });

  it('reads a URL-encoded policyDocument as the same document', () => {
    const record = JSON.parse(readFileSync(TERRAFORM_PUT, 'utf8'));
    const request = record.detail.requestParameters;
    request.policyDocument = encodeURIComponent(request.policyDocument);
    const [change] = changesIn('encoded.json', JSON.stringify(record));
    expect(change?.statements).toEqual(changesIn(TERRAFORM_PUT)[0]?.statements);
  });

  it('says why a document cannot be read, and still keeps the change', () => {
    const record = JSON.parse(readFileSync(TERRAFORM_PUT, 'utf8'));
    record.detail.requestParameters.policyDocument = '{"Version":"2012-10-17","Statement":[';
    const read = detectAndRead(JSON.stringify(record), 'broken.json');
    const [change] = read.evidence as PolicyChangeEvidence[];
    expect(change?.statements).toBeNull();
    expect(change?.documentProblem).toMatch(/invalid JSON/);
    expect(read.warnings).toEqual([
      {
        origin: 'broken.json#detail',
        problem: expect.stringMatching(/^the PutRolePolicy policy document cannot be read: invalid JSON/),
        expected: 'a JSON policy document, as a string (plain or URL-encoded) or an object',
      },
    ]);
  });

  it('keeps AttachRolePolicy, DetachRolePolicy, CreatePolicyVersion set as default, a pretty-printed PutRolePolicy and DeleteRolePolicy', () => {
    const [attach, ...changes] = changesIn(POLICY_WRITES);
    expect(attach).toMatchObject({
      eventName: 'AttachRolePolicy',
      roleName: 'practicum_test_role1',
      policyArn: 'arn:aws:iam::01234567890:policy/AllowKMS',
    });
    expect(changes.map((change) => change.eventName)).toEqual([
      'DetachRolePolicy',
      'CreatePolicyVersion',
      'PutRolePolicy',
      'DeleteRolePolicy',
    ]);
    expect(changes[0]).toMatchObject({
      roleName: 'practicum_test_role1',
      policyArn: 'arn:aws:iam::014824332634:policy/movie-db-policy',
      who: 'arn:aws:iam::014824332634:user/thien',
      statements: null,
    });
    expect(allowsAction(changes[1]?.statements ?? [], 's3:GetObject')).toBe(true);
    expect(changes[2]?.statements?.[0]?.Action).toHaveLength(10);
    expect(changes[3]).toMatchObject({
      roleName: 'practicum_test_role_inline',
      policyName: 'test_inline_policy2',
    });
  });

  it('reads S3 console PutBucketPolicy: the document as an object under bucketPolicy, beside policy [""]', () => {
    const [change] = changesIn(`${AWS}/eventbridge-cloudtrail-s3-putbucketpolicy-console.json`);
    expect(change).toMatchObject({
      eventName: 'PutBucketPolicy',
      resource: 'jcazure2-dummy-bucket6',
      who: 'arn:aws:iam::012345678901:user/johndoe',
      documentProblem: null,
    });
    expect(allowsAction(change?.statements ?? [], 's3:ListBucket')).toBe(true);
    // A denial on an object of that bucket after the put: the new policy does not allow the read.
    const cause = causeOf(
      finding({
        action: 's3:GetObject',
        resources: ['arn:aws:s3:::jcazure2-dummy-bucket6/exports/a.csv'],
        policyType: 'resource',
        firstSeen: '2018-04-25T23:10:00.000Z',
      }),
      change ? [change] : [],
    );
    expect(cause).toMatchObject({
      kind: 'iam-change',
      event: 'PutBucketPolicy',
      target: 'jcazure2-dummy-bucket6',
    });
    const other = causeOf(
      finding({
        resources: ['arn:aws:s3:::jcazure2-dummy-bucket60/a'],
        firstSeen: '2018-04-25T23:10:00.000Z',
      }),
      change ? [change] : [],
    );
    expect(other.kind).toBe('unknown');
  });

  it('reads KMS PutKeyPolicy: the key by id, its policy named default is no inline policy, and a denial on that key relates', () => {
    const [change] = changesIn(`${AWS}/cloudtrail-kms-putkeypolicy-awsdocs.json`);
    expect(change).toMatchObject({
      eventName: 'PutKeyPolicy',
      resource: '1234abcd-12ab-34cd-56ef-1234567890ab',
      policyName: null,
      who: 'arn:aws:iam::111122223333:user/Alice',
    });
    const key = 'arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const denial = finding({
      action: 'kms:Decrypt',
      resources: [key],
      firstSeen: '2022-09-01T20:10:00.000Z',
    });
    // The new key policy still allows kms:* (to the account): this put did not take kms:Decrypt away.
    expect(causeOf(denial, change ? [change] : [])).toMatchObject({ kind: 'unknown' });
    // With the key policy before it among the records, a narrowing is found by diff.
    const before = {
      ...(change as PolicyChangeEvidence),
      time: '2022-08-01T00:00:00.000Z',
      statements: [{ Effect: 'Allow', Principal: '*', Action: ['kms:Decrypt', 'kms:Get*'], Resource: '*' }],
    };
    const narrowed = {
      ...(change as PolicyChangeEvidence),
      statements: [{ Effect: 'Allow', Principal: '*', Action: 'kms:GetKeyPolicy', Resource: '*' }],
    };
    expect(causeOf(denial, [before, narrowed])).toMatchObject({
      kind: 'iam-change',
      event: 'PutKeyPolicy',
      target: '1234abcd-12ab-34cd-56ef-1234567890ab',
      removed: ['kms:Decrypt', 'kms:Get*'],
    });
  });

  it('a policy write that failed changed nothing: it is not a policy change', () => {
    const record = JSON.parse(readFileSync(TERRAFORM_PUT, 'utf8'));
    record.detail.errorCode = 'AccessDenied';
    record.detail.errorMessage = 'User: x is not authorized to perform: iam:PutRolePolicy';
    const evidence = detectAndRead(JSON.stringify(record), 'failed.json').evidence;
    expect(evidence.map((item) => item.kind)).toEqual(['cloudtrail-record']);
  });

  it('a policy version not set as default is kept but never a cause', () => {
    const events = JSON.parse(readFileSync(POLICY_WRITES, 'utf8'));
    const version = events[2];
    version.detail.requestParameters.setAsDefault = false;
    const [change] = changesIn('version.json', JSON.stringify(version));
    expect(change?.eventName).toBe('CreatePolicyVersion (not set as default)');
    const cause = causeOf(
      finding({ policyArn: 'arn:aws:iam::014824332634:policy/Dome9CloudBots', firstSeen: null }),
      change ? [change] : [],
    );
    expect(cause.kind).toBe('unknown');
  });
});

describe('actions allowed and removed', () => {
  it('matches IAM wildcards case-insensitively', () => {
    expect(actionMatches('s3:Get*', 's3:GetObject')).toBe(true);
    expect(actionMatches('S3:get*', 's3:GetObject')).toBe(true);
    expect(actionMatches('s3:Get?bject', 's3:GetObject')).toBe(true);
    expect(actionMatches('s3:Get*', 's3:PutObject')).toBe(false);
    expect(actionMatches('s3:*', 's3.x:GetObject')).toBe(false);
  });

  it('reads NotAction in an Allow as every other action', () => {
    const statements = [{ Effect: 'Allow', NotAction: ['iam:*'], Resource: '*' }];
    expect(allowsAction(statements, 's3:GetObject')).toBe(true);
    expect(allowsAction(statements, 'iam:PassRole')).toBe(false);
  });

  it('names the denied action a removed wildcard covered, then the written actions gone', () => {
    const before = [{ Effect: 'Allow', Action: ['s3:Get*', 's3:PutObject', 'sqs:SendMessage'] }];
    const after = [{ Effect: 'Allow', Action: ['s3:PutObject', 'sqs:*'] }];
    expect(removedActions(before, after, 's3:GetObject')).toEqual(['s3:GetObject', 's3:Get*']);
    expect(removedActions(before, after, 'sqs:SendMessage')).toEqual(['s3:Get*']);
  });
});

describe('the cause of a finding', () => {
  it('an inline policy narrowed by PutRolePolicy five minutes before the denial: iam-change, and the fix says restore', async () => {
    const { analysis } = await analyzeFiles([NARROWED]);
    const [only, ...others] = analysis.findings;
    expect(others).toEqual([]);
    expect(only?.action).toBe('dynamodb:GetItem');
    expect(only?.cause).toMatchObject({
      kind: 'iam-change',
      who: 'arn:aws:iam::111122223333:role/terraform-deployer',
      when: '2026-11-21T10:00:00.000Z',
      event: 'PutRolePolicy',
      target: 'role orders-api-task-role, inline policy orders-api-table',
      removed: ['dynamodb:GetItem', 'dynamodb:Get*'],
    });
    // The put before the narrowing is the document compared, not a change ruled out.
    expect(only?.cause?.text).not.toMatch(/ruled out/);
    expect(only?.fix?.instruction).toMatch(
      /^restore dynamodb:GetItem \(removed by PutRolePolicy at 2026-11-21T10:00:00.000Z by arn:aws:iam::111122223333:role\/terraform-deployer\); /,
    );
    expect(analysis.stats.evidence['policy-change']).toBe(2);
  });

  it('a denial with no policy change among the inputs: unknown, and the fix says nothing of restoring', async () => {
    const { analysis } = await analyzeFiles([DENIED_ONLY]);
    expect(analysis.findings[0]?.cause).toMatchObject({ kind: 'unknown', event: null, removed: [] });
    expect(analysis.findings[0]?.fix?.instruction).not.toMatch(/restore/);
  });

  it('a change to another role, or one after the first denial, is not the cause', async () => {
    const { analysis } = await analyzeFiles([DENIED_ONLY, TERRAFORM_PUT]);
    expect(analysis.findings[0]?.cause?.kind).toBe('unknown');
    const [put] = changesIn(TERRAFORM_PUT);
    const late = finding({
      roleArn: 'arn:aws:iam::873370528721:role/passbolt-Prod-notification-us-east-1',
      action: 'ssm:GetParameters',
      firstSeen: '2025-10-06T06:30:00.000Z',
    });
    expect(causeOf(late, put ? [put] : []).kind).toBe('unknown');
    expect(causeOf({ ...late, firstSeen: '2025-10-06T06:40:00.000Z' }, put ? [put] : []).kind).toBe(
      'iam-change',
    );
  });

  it('only the new document known: a candidate when it lacks the action, ruled out when it still allows it', () => {
    const [put] = changesIn(TERRAFORM_PUT);
    const changes = put ? [put] : [];
    const role = 'arn:aws:iam::873370528721:role/passbolt-Prod-notification-us-east-1';
    const lacking = causeOf(
      finding({ roleArn: role, action: 'ssm:GetParameters', firstSeen: '2025-10-06T06:38:34.000Z' }),
      changes,
    );
    expect(lacking).toMatchObject({ kind: 'iam-change', event: 'PutRolePolicy', removed: [] });
    expect(lacking.text).toMatch(/does not allow ssm:GetParameters; the one before is not among the inputs/);
    const allowed = causeOf(
      finding({ roleArn: role, action: 'ssm:GetParameter', firstSeen: '2025-10-06T06:38:34.000Z' }),
      changes,
    );
    expect(allowed.kind).toBe('unknown');
    expect(allowed.text).toMatch(/ruled out: PutRolePolicy .* still allows ssm:GetParameter/);
    expect(restoreInstruction({ ...finding({ action: 'ssm:GetParameters' }), cause: lacking })).toBeNull();
  });

  it('a managed policy detached from the denied role is a candidate, its document unknown', () => {
    const changes = changesIn(POLICY_WRITES);
    const cause = causeOf(
      finding({
        roleArn: 'arn:aws:iam::014824332634:role/practicum_test_role1',
        action: 'dynamodb:Query',
        firstSeen: '2023-05-31T05:00:00.000Z',
      }),
      changes,
    );
    // The attach the day before adds permissions: not the cause; the detach is.
    expect(cause.text).not.toMatch(/AttachRolePolicy/);
    expect(cause).toMatchObject({
      kind: 'iam-change',
      event: 'DetachRolePolicy',
      who: 'arn:aws:iam::014824332634:user/thien',
      target: 'role practicum_test_role1, policy arn:aws:iam::014824332634:policy/movie-db-policy',
      removed: [],
    });
  });

  it('a managed policy attached is no cause of a denial without an explicit deny', () => {
    const [attach] = changesIn(POLICY_WRITES);
    const denial = finding({
      roleArn: 'arn:aws:iam::01234567890:role/practicum_test_role1',
      action: 'kms:Decrypt',
      firstSeen: '2023-05-30T06:00:00.000Z',
    });
    const added = causeOf(denial, attach ? [attach] : []);
    expect(added.kind).toBe('unknown');
    expect(added.text).toMatch(/ruled out: AttachRolePolicy .* adds permissions/);
    expect(causeOf({ ...denial, explicitDeny: true }, attach ? [attach] : []).event).toBe('AttachRolePolicy');
  });

  it('an inline policy deleted after it was put: removed lists what it allowed', () => {
    const changes = changesIn(POLICY_WRITES);
    const put = changes.find((change) => change.eventName === 'PutRolePolicy') as PolicyChangeEvidence;
    const deleted = changes.find((change) => change.eventName === 'DeleteRolePolicy') as PolicyChangeEvidence;
    // The same policy name as the one put, so that the records hold the document deleted.
    const cause = causeOf(
      finding({
        roleArn: 'arn:aws:iam::014824332634:role/practicum_test_role_inline',
        action: 's3:ListBucket',
        firstSeen: '2023-05-31T06:00:00.000Z',
      }),
      [put, { ...deleted, policyName: put.policyName }],
    );
    expect(cause.kind).toBe('iam-change');
    expect(cause.event).toBe('DeleteRolePolicy');
    expect(cause.removed[0]).toBe('s3:ListBucket');
    expect(cause.removed).toHaveLength(10);
  });

  it('a new default version of a managed policy named by the denial, diffed against the version before', () => {
    const [, , version] = changesIn(POLICY_WRITES);
    const older = {
      ...(version as PolicyChangeEvidence),
      time: '2023-05-01T00:00:00.000Z',
      statements: [{ Effect: 'Allow', Action: ['sns:*', 's3:GetObject'], Resource: '*' }],
    };
    const cause = causeOf(
      finding({
        action: 'sns:ListTopics',
        policyArn: 'arn:aws:iam::014824332634:policy/Dome9CloudBots',
        firstSeen: '2023-05-31T05:00:00.000Z',
      }),
      [older, version as PolicyChangeEvidence],
    );
    expect(cause).toMatchObject({ kind: 'iam-change', event: 'CreatePolicyVersion' });
    expect(cause.removed).toEqual(['sns:ListTopics', 'sns:*']);
  });

  it('a revision change alone is the revision; with an IAM change, both', () => {
    const revisionChange = { previous: 'orders-api:42', changes: ['container app gets a new secret from x'] };
    const revision = causeOf(finding({ taskDefinition: 'orders-api:43', revisionChange }), []);
    expect(revision).toMatchObject({ kind: 'revision', event: null });
    expect(revision.text).toMatch(
      /^orders-api:43 changed since orders-api:42: container app gets a new secret/,
    );
    const [put] = changesIn(TERRAFORM_PUT);
    const both = causeOf(
      finding({
        taskDefinition: 'orders-api:43',
        revisionChange,
        roleArn: 'arn:aws:iam::873370528721:role/passbolt-Prod-notification-us-east-1',
        action: 'ssm:GetParameters',
        firstSeen: '2025-10-06T07:00:00.000Z',
      }),
      put ? [put] : [],
    );
    expect(both.kind).toBe('both');
    const nothing = causeOf(
      finding({
        taskDefinition: 'orders-api:43',
        revisionChange: { previous: 'orders-api:42', changes: [] },
      }),
      [],
    );
    expect(nothing.kind).toBe('unknown');
  });
});
