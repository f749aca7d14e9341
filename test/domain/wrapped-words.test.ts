/**
 * A break inside a word of the grammar, told from one between words, on the lines of corpus
 * messages wrapped at widths that line lengths alone do not reveal.
 */
import { describe, expect, it } from 'vitest';
import { breaksMidWord } from '../../src/domain/wrapped-words.js';

describe('breaksMidWord', () => {
  it('joins the halves of a word of the grammar', () => {
    expect(breaksMidWord('failed to create Cloudwatch log group: Acc', 'essDeniedException: User: arn')).toBe(
      true,
    );
    expect(breaksMidWord('unable to retrieve secrets from ssm: servic', 'e call has been retried')).toBe(
      true,
    );
    expect(breaksMidWord('is not authorized to perform: sts:AssumeRole o', 'n resource: arn:aws:iam::')).toBe(
      true,
    );
  });

  it('joins an ARN, an action and an operation cut short', () => {
    expect(
      breaksMidWord("unable to assume the role 'arn:aws:iam::2811", "74624655:role/MythicalMysfits'"),
    ).toBe(true);
    expect(
      breaksMidWord('is not authorized to perform: cloudformation:De', 'scribeStackResource on resource'),
    ).toBe(true);
    expect(breaksMidWord('is not authorized to perform: ia', 'm:PassRole on resource')).toBe(true);
    expect(breaksMidWord('An error occurred (AccessDenied) when calling the PutObjec', 't operation')).toBe(
      true,
    );
    expect(breaksMidWord('An error occurred (AccessDenied', ') when calling the PutObject operation')).toBe(
      true,
    );
    expect(breaksMidWord('service call has been retried 1 time', '(s): AccessDeniedException')).toBe(true);
  });

  it('keeps the space where the break fell between words', () => {
    expect(breaksMidWord('is not authorized to perform: ecr:GetAuthorizationToken', 'on r')).toBe(false);
    expect(
      breaksMidWord('on resource: arn:aws:iam::850787717197:role/ReadWriteQuiltBucket', 'Automatic role'),
    ).toBe(false);
    expect(
      breaksMidWord('on resource: arn:aws:s3:::orders-config/prod.env', 'because no identity-based'),
    ).toBe(false);
    expect(breaksMidWord('Please verify that the', 'role being passed')).toBe(false);
    expect(breaksMidWord('when calling the PutObject', 'operation: Access Denied')).toBe(false);
    expect(breaksMidWord('is not authorized to perform: iam:PassRole', ' on resource')).toBe(false);
  });
});

describe('breaksMidWord on an ARN cut in its first word (ecs-10 wrapped at 115)', () => {
  it('joins "a" + "rn:aws:…" and keeps the article "a" apart from a word', () => {
    expect(
      breaksMidWord('is not authorized to perform: iam:PassRole on resource: a', 'rn:aws:iam::***:role/x'),
    ).toBe(true);
    expect(breaksMidWord("unable to assume the role 'ar", "n:aws:iam::1:role/x'")).toBe(true);
    expect(breaksMidWord('failed to launch a', 'task with (error ECS')).toBe(false);
  });
});
