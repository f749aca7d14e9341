/**
 * Messages as web pages print them (AWS's guides, Stack Overflow's mirrors, vendors' docs), for
 * the families the `ep-` cases found unread: authentication and signing errors quoted without
 * their error code, and the deployers' own refusals (issue 11).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { foldTrimmed } from '../fold-text.js';
import { analysePasted, firstFinding, lookAlikeOf, publishedCase } from '../pasted-message.js';

describe('authentication and signing errors quoted without their code (ep-16 to ep-19)', () => {
  it.each([
    ['ep-16', "AuthFailure's words in a query API's XML"],
    ['ep-17', "'Missing Authentication Token' in a guide's list"],
    ['ep-18', "SignatureDoesNotMatch's sentence alone"],
    ['ep-19', 'a credential scope naming the wrong Region'],
  ])('%s, %s, is named a credentials look-alike', async (id) => {
    expect(await lookAlikeOf(publishedCase(id))).toMatchObject({ kind: 'credentials' });
  });

  it.each([
    'Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP',
    "Credential should be scoped to correct service: 's3'",
    'An error occurred (AuthFailure) when calling the DescribeInstances operation: AWS was not able to validate the provided access credentials',
  ])("the same guides' other wordings: %s", async (message) => {
    expect(await lookAlikeOf(message)).toMatchObject({ kind: 'credentials' });
  });

  it("ep-16 wrapped at 80 columns and trimmed, its 'credentials' on a line apart, is still named", async () => {
    const wrapped = foldTrimmed(publishedCase('ep-16'), 80);
    expect(wrapped).toContain('access\ncredentials');
    expect(await lookAlikeOf(wrapped)).toMatchObject({ kind: 'credentials' });
  });

  it('a denial that mentions a signature stays a denial', async () => {
    const finding = await firstFinding(
      'User: arn:aws:iam::123456789012:user/signer is not authorized to perform: kms:Sign on resource: arn:aws:kms:us-east-1:123456789012:key/abc because no identity-based policy allows the kms:Sign action',
    );
    expect(finding).toMatchObject({ action: 'kms:Sign', role: 'other' });
  });
});

describe("the deployers' own refusals (ep-06, ep-15)", () => {
  it("CodePipeline's 'The provided role does not have sufficient permissions to access CodeDeploy' is its role's refusal (ep-06)", async () => {
    const finding = await firstFinding(publishedCase('ep-06'));
    expect(finding).toMatchObject({ role: 'other' });
    expect(finding?.reasons.join(' ')).toMatch(/CodePipeline's output/);
  });

  it("Lambda's check of a function's execution role keeps its own reading", async () => {
    const finding = await firstFinding(publishedCase('eh-54'));
    expect(finding?.reasons.join(' ')).not.toMatch(/CodePipeline/);
  });

  it("CloudFormation refusing a role of another account to be passed is a pass of a role, not a task's call (ep-15)", async () => {
    const finding = await firstFinding(publishedCase('ep-15'));
    expect(finding).toMatchObject({ role: 'other', step: 'pass-role', action: 'iam:PassRole' });
  });
});

describe("a person at a shell prompt, and the deployers' own look-alikes (ep-26 to ep-30)", () => {
  it("a refusal under a shell prompt's `$ aws …` line is the person's, not a task role's (ep-26)", async () => {
    const finding = await firstFinding(publishedCase('ep-26'));
    expect(finding).toMatchObject({ role: 'other', action: 'ec2:StartInstances' });
  });

  it('the same behind a log prefix, lower-cased', async () => {
    const finding = await firstFinding(`2021-11-09T10:00:00Z ${publishedCase('ep-26').toLowerCase()}`);
    expect(finding).toMatchObject({ role: 'other' });
  });

  it("an app that logs a dollar amount before an AWS word is still the task role's", async () => {
    const finding = await firstFinding(
      'charged $ 5 aws fees; An error occurred (AccessDeniedException) when calling the GetItem operation: User: arn:aws:sts::123456789012:assumed-role/app-task/0123456789abcdef0123456789abcdef is not authorized to perform: dynamodb:GetItem on resource: arn:aws:dynamodb:us-east-1:123456789012:table/t',
    );
    expect(finding).toMatchObject({ role: 'task-role' });
  });

  it.each([
    ['ep-27', 'credentials'],
    ['ep-28', 'credentials'],
    ['ep-29', 'invalid-request'],
    ['ep-30', 'missing-resource'],
  ])('%s is named a %s look-alike', async (id, kind) => {
    expect(await lookAlikeOf(publishedCase(id))).toMatchObject({ kind });
  });
});

describe('a decoded authorization message pasted as text (ep-31)', () => {
  it("reads the Knowledge Center's decoded message, its quotes escaped and a line cut (ep-31)", async () => {
    const finding = await firstFinding(publishedCase('ep-31'));
    expect(finding).toMatchObject({
      role: 'other',
      step: 'pass-role',
      action: 'iam:PassRole',
      resource: 'arn:aws:iam::accountID:role/EC2_instance_Profile_role',
      principalArn: 'arn:aws:iam::accountID:user/test-user',
    });
  });

  it("reads the aws-cli example's DecodedMessage as `--output text` prints it: the bare action takes aws:Service's prefix, the deny is explicit", async () => {
    const decoded = (
      JSON.parse(
        readFileSync(
          new URL('../fixtures/aws/sts-decode-authorization-message-awscli-example.json', import.meta.url),
          'utf8',
        ),
      ) as { DecodedMessage: string }
    ).DecodedMessage;
    const finding = await firstFinding(decoded);
    expect(finding).toMatchObject({
      action: 'ec2:RunInstances',
      resource: 'arn:aws:ec2:us-east-1:111122223333:instance/*',
      principalArn: 'arn:aws:sts::111122223333:assumed-role/Developer/Ana',
      explicitDeny: true,
    });
  });

  it('a JSON log that names a principal and an action but no decoded context is not read as one', async () => {
    const analysis = await analysePasted(
      '{"principal":{"arn":"arn:aws:iam::1:user/x"},"action":"login","result":"ok"}',
    );
    expect(analysis.findings).toEqual([]);
  });
});

describe("a page's typographic quotes around IAM's sentence (ep-32)", () => {
  it('the closing quote glued to a cut ARN is not part of the resource (ep-32)', async () => {
    const finding = await firstFinding(publishedCase('ep-32'));
    expect(finding).toMatchObject({ action: 'iam:PassRole', resource: 'arn:aws:iam' });
  });

  it('nor on a whole ARN, the opening quote glued to the principal', async () => {
    const finding = await firstFinding(
      publishedCase('ep-32').replace(
        'is not authorized to perform: iam:passrole on resource: arn:aws:iam”',
        'User: arn:aws:iam::123456789012:user/deployer is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/ecsTaskExecutionRole”',
      ),
    );
    expect(finding).toMatchObject({
      principalArn: 'arn:aws:iam::123456789012:user/deployer',
      resource: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
    });
  });
});
