import { describe, expect, it } from 'vitest';
import { flattenText, groupLines, isoTime, stripLinePrefix } from '../../src/domain/message-text.js';
import { corpusMessage } from '../corpus-cases.js';

describe('messages as text arrives', () => {
  it('turns literal \\n\\t escapes and syslog #011 tabs into spaces', () => {
    expect(flattenText('action\\n\\tstatus code: 400')).toBe('action status code: 400');
    expect(flattenText('Access Denied\n#011status code: 403')).toBe('Access Denied status code: 403');
  });

  it('joins a message wrapped mid-word at a fixed width, and before a hyphen (ecs-53)', () => {
    const [message] = groupLines(corpusMessage('ecs-53'));
    expect(message?.text).toContain('unable to pull secrets or registry auth');
    expect(message?.text).toContain('unable to retrieve secrets from ssm');
    expect(message?.text).toContain(
      'AccessDeniedException: User: arn:aws:sts::xxx:assumed-role/django-app-test-django-ExecutionRole-0GkTVxbLE8AS/10f3cb5a956e423b81737b131abd962d is',
    );
  });

  it('joins the lines of a message broken at its clauses (doc-01, app-16)', () => {
    const doc = groupLines(corpusMessage('doc-01'));
    expect(doc).toHaveLength(1);
    expect(doc[0]?.text).toMatch(
      /perform: iam:CreateInstanceProfile on resource: arn:\S+ with an explicit deny/,
    );
    expect(groupLines(corpusMessage('app-16'))[0]?.text).toMatch(
      /perform: codecommit:ListRepositories because/,
    );
  });

  it('joins a line that is only the error code with the message under it (app-40)', () => {
    const messages = groupLines(corpusMessage('app-40'));
    expect(messages).toHaveLength(1);
    expect(messages[0]?.text).toMatch(/^AccessDenied User: arn:aws:iam::123456789012:user\/jangirg-limited/);
  });

  it('strips syslog prefixes and keeps the continuation line of the same message (app-11)', () => {
    const messages = groupLines(corpusMessage('app-11'));
    expect(messages[0]?.text).toMatch(
      /^Error #01: unable to publish: .* AccessDenied: Access Denied\s+status code: 403/,
    );
  });

  it('keeps separate log entries apart (app-48: one line each, same prefix)', () => {
    const messages = groupLines(corpusMessage('app-48'));
    expect(messages[0]?.text).toMatch(/^03-05-2024 04:16:08 PM AccessDenied: User: /);
    expect(messages.length).toBeGreaterThan(1);
  });

  it('reads the time and log stream of `aws logs tail` output', () => {
    const line =
      '2026-11-21T10:05:12.345000+00:00 ecs/app/3f1c9a0b7d2e4c8f9a1b2c3d4e5f6a7b AccessDenied: Access Denied';
    expect(stripLinePrefix(line)).toMatchObject({
      stream: 'ecs/app/3f1c9a0b7d2e4c8f9a1b2c3d4e5f6a7b',
      body: 'AccessDenied: Access Denied',
    });
    expect(isoTime(groupLines(line)[0]?.timeText ?? null)).toBe('2026-11-21T10:05:12.345Z');
  });

  it('reads a timestamp inside a logrus line (app-14)', () => {
    expect(isoTime(groupLines(corpusMessage('app-14'))[0]?.timeText ?? null)).toBe(
      '2025-12-14T01:59:54.000Z',
    );
  });
});

describe('long text', () => {
  it('groups 130,000 indented lines under one error without overflowing the stack', () => {
    const lines = Array.from({ length: 130_000 }, (_, index) => `    detail line ${index}`);
    const messages = groupLines(
      ['AccessDeniedException: Access Denied', ...lines, '', 'next record'].join('\n'),
    );
    expect(messages.map((message) => message.line)).toEqual([1, 130_003]);
    expect(messages[0]?.text.endsWith('detail line 129999')).toBe(true);
  });

  it('groups 80,000 stack-trace lines in a time linear in their count', () => {
    const frames = Array.from(
      { length: 80_000 },
      (_, index) => `    at com.example.Service${index % 97}.call(Service.java:${index})`,
    );
    const heading =
      'com.amazonaws.services.s3.model.AmazonS3Exception: Access Denied (Service: Amazon S3; Status Code: 403)';
    const messages = groupLines([heading, ...frames].join('\n'));
    expect(messages).toHaveLength(1);
    expect(messages[0]?.text).toContain('Service.java:79999)');
  });
});
