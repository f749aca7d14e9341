/**
 * The execution role's start-up failures and their look-alikes as web pages quote them, with
 * the real text of extra cases en- (test/extra-cases/cases.jsonl, sources there): an EFS mount
 * refused or reset in the mount helper's own words, a registry asked for a token with no login,
 * an elided role name closed by its sentence's full stop.
 */
import { describe, expect, it } from 'vitest';
import { analysePasted, lookAlikeOf, publishedCase } from '../pasted-message.js';

describe("the EFS mount helper's own words, without ECS's wrapper around them", () => {
  it("a mount the file system's policy refused is the EFS mount, not an app's call (en-05, kubelet on EKS)", async () => {
    const { findings } = await analysePasted(publishedCase('en-05'));
    expect(findings[0]).toMatchObject({ step: 'efs' });
  });

  it('NFS reset by the mount target is a network failure, and gets an answer (en-04)', async () => {
    const lookAlike = await lookAlikeOf(publishedCase('en-04'));
    expect(lookAlike).toMatchObject({ kind: 'network' });
    expect(lookAlike?.likelyCause).toMatch(/2049/);
  });
});

describe('a registry asked for a token with no login, or a wrong one', () => {
  it("GHCR's 401 to Fargate's anonymous token request is the registry's login, not the execution role (en-06)", async () => {
    const lookAlike = await lookAlikeOf(publishedCase('en-06'));
    expect(lookAlike).toMatchObject({ kind: 'credentials' });
    expect(lookAlike?.likelyCause).toMatch(/repositoryCredentials/);
  });

  it("Docker's push after its ECR login expired, hard-wrapped (en-03)", async () => {
    expect(await lookAlikeOf(publishedCase('en-03'))).toMatchObject({ kind: 'credentials' });
  });

  it("ECR's 403 after the token was fetched stays the execution role's pull (ea-09)", async () => {
    const { findings } = await analysePasted(publishedCase('ea-09'));
    expect(findings[0]).toMatchObject({ role: 'execution-role', step: 'image-pull' });
  });
});

describe('an elided name closed by its sentence', () => {
  it("an ellipsis and the sentence's full stop after a role's elided name: the stop is not the ARN's (en-11)", async () => {
    const { findings } = await analysePasted(publishedCase('en-11'));
    expect(findings[0]).toMatchObject({
      action: 'iam:PassRole',
      resource: 'arn:aws-us-gov:iam::...:role/...',
    });
  });
});

describe('look-alikes the pages quote, named and not only read', () => {
  it("Docker unable to reach a registry's endpoint is a network failure (en-16, the ECR guide's example)", async () => {
    expect(await lookAlikeOf(publishedCase('en-16'))).toMatchObject({ kind: 'network' });
  });

  it('a host port another container holds is no permission (en-09)', async () => {
    const lookAlike = await lookAlikeOf(publishedCase('en-09'));
    expect(lookAlike).toMatchObject({ kind: 'other' });
    expect(lookAlike?.likelyCause).toMatch(/host port/);
  });

  it("an SDK waiter that gave up on a task's state says nothing of why (en-10, a GitLab runner's log)", async () => {
    const lookAlike = await lookAlikeOf(publishedCase('en-10'));
    expect(lookAlike).toMatchObject({ kind: 'other' });
    expect(lookAlike?.likelyCause).toMatch(/stopped reason/);
  });

  it("the ECS guide's CannotStartContainerError 'failed to get container status' (en-19)", async () => {
    const lookAlike = await lookAlikeOf(publishedCase('en-19'));
    expect(lookAlike).toMatchObject({ kind: 'other' });
    expect(lookAlike?.likelyCause).toMatch(/memory/);
  });
});

describe("a pull answered 401 is the registry's login, however the message is cut", () => {
  it('the token request cut mid-word by a terminal at 150 columns (en-06)', async () => {
    const raw = publishedCase('en-06');
    const lookAlike = await lookAlikeOf(`${raw.slice(0, 150)}\n${raw.slice(150)}`);
    expect(lookAlike).toMatchObject({ kind: 'credentials' });
  });
});

describe('failures with no error word, answered and named', () => {
  it("Go's resolver finding no such host, masked by the page (en-28)", async () => {
    const lookAlike = await lookAlikeOf(publishedCase('en-28'));
    expect(lookAlike).toMatchObject({ kind: 'network' });
    expect(lookAlike?.likelyCause).toMatch(/DNS/);
  });

  it("S3's InvalidToken for a malformed credential (en-29)", async () => {
    expect(await lookAlikeOf(publishedCase('en-29'))).toMatchObject({ kind: 'credentials' });
  });

  it("the ECS guide's CannotStopContainerError, the runtime's and not a policy's (en-23)", async () => {
    const lookAlike = await lookAlikeOf(publishedCase('en-23'));
    expect(lookAlike).toMatchObject({ kind: 'other' });
    expect(lookAlike?.likelyCause).toMatch(/container runtime/);
  });
});
