import { describe, expect, it } from 'vitest';
import { flattenText, groupLines, isoTime, stripLinePrefix } from '../../src/domain/message-text.js';
import { corpusMessage } from '../corpus-cases.js';
import { foldAtSpaces } from '../fold-text.js';
import { analysePasted, publishedCase } from '../pasted-message.js';

describe('messages as text arrives', () => {
  it('turns literal \\n\\t escapes and syslog #011 tabs into spaces', () => {
    expect(flattenText('action\\n\\tstatus code: 400')).toBe('action status code: 400');
    expect(flattenText('Access Denied\n#011status code: 403')).toBe('Access Denied status code: 403');
  });

  it("reads a page's HTML escapes as the characters they stand for (eo-31, a Reddit post's Markdown export)", () => {
    expect(flattenText(publishedCase('eo-31'))).toContain(
      'User: arn:aws:sts::<root account ID>:assumed-role/Jenkins/i-015333655393dd020 is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::<new dev account ID>:role/JenkinsAccessRole',
    );
    // The five XML escapes and their numeric forms, '&amp;' last: '&amp;lt;' is the text '&lt;'.
    expect(flattenText('&quot;a&quot; &#39;b&#x27; &lt;c&gt; &#96;d&#x60; e&amp;lt;')).toBe(
      `"a" 'b' <c> \`d\` e&lt;`,
    );
  });

  it("reads IAM's sentence retyped with a contraction as IAM's sentence (fj-20, a documentation page)", () => {
    expect(flattenText(publishedCase('fj-20'))).toContain(
      'user/mateojackson is not authorized to perform: ssm:GetDocument on resource: MyExampleDocument',
    );
    // Only before 'authorized': another "isn't" is the writer's own.
    expect(flattenText("it isn't allowed; isn't authorised")).toBe("it isn't allowed; is not authorised");
  });

  it("joins Terraform's indented lines that fold -s parted at the indentation before a long ARN (ft-09 at 80)", () => {
    const folded = foldAtSpaces(publishedCase('ft-09'), 80);
    expect(folded).toContain('\n  \n(arn:');
    expect(groupLines(folded).map((message) => message.text)).toEqual([flattenText(publishedCase('ft-09'))]);
  });

  it('reads two log records as long as each other apart when they open with the same words (fu-12)', () => {
    // 'Error while putting Object …' and 'Error while getting object …' are 53 columns each, as a
    // terminal's wrap would make them; their shared opening says they are two records.
    const [first] = groupLines(publishedCase('fu-12')).map((message) => message.text);
    expect(first).toBe('Error while putting Object AccessDenied Access Denied');
  });

  it('reads a double-spaced paste (a blank line after every line) as its lines, keeping records a writer set apart (fh-26)', () => {
    const wrapped = foldAtSpaces(publishedCase('fe-26'), 80);
    const doubled = wrapped.split('\n').join('\n\n');
    expect(groupLines(doubled).map((message) => message.text)).toEqual(
      groupLines(wrapped).map((message) => message.text),
    );
    // Three records and a heading, each a paragraph of its own as the page shows them: four messages.
    expect(groupLines(publishedCase('fh-26'))).toHaveLength(4);
  });

  it("takes off a log viewer's line numbers, numbered one after another (CodeBuild's console, ga-05)", () => {
    const texts = groupLines(publishedCase('ga-05')).map((message) => message.text);
    expect(texts.some((text) => text.startsWith('An error occurred (AccessDeniedException)'))).toBe(true);
    expect(texts.every((text) => !/^\d+ \|/.test(text))).toBe(true);
    // Numbers out of their order are the text's own: nothing is taken off.
    expect(groupLines('12 | Error one\n40 | Error two').map((message) => message.text)).toEqual([
      '12 | Error one',
      '40 | Error two',
    ]);
  });

  it("opens a record at a log's tag and date, not gluing it to the ARN before (CodeBuild's '[Container] 2022/11/01 …', ec-19)", () => {
    const lines = publishedCase('ec-19').replace(/\n\n/g, '\n');
    const texts = groupLines(lines).map((message) => message.text);
    expect(texts).toHaveLength(3);
    expect(texts[1]).toMatch(/role\/idp-DeploymentPipeli-CodeBuildServiceRole-abcd1234$/);
  });

  it("ends a message cut after 'on resource:' at a blank line before the writer's own question (ex-24)", () => {
    const cut = publishedCase('ex-24');
    const messages = groupLines(`${cut}\n\nAny idea what is wrong here?`).map((message) => message.text);
    expect(messages).toEqual([cut, 'Any idea what is wrong here?']);
    // The name itself after that blank line is still the message's: a fold's blank, trimmed.
    expect(groupLines(`${cut}\n\narn:aws:cloudformation:us-east-1:1:stack/x`)).toHaveLength(1);
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

  it("keeps a service event's 'Reason:' on the next line with the event it explains (ek-09)", async () => {
    // quiltdata/benchling-webhook: `aws ecs describe-services` events as the incident note shows them.
    const [event, ...rest] = groupLines(publishedCase('ek-09'));
    expect(rest).toEqual([]);
    expect(event?.text).toMatch(
      /^\(service benchling-webhook-service\) was unable to place a task\. Reason: ResourceInitializationError: /,
    );
    // Not a placement failure: the reason says the secret lacks a key.
    const { notPermission } = await analysePasted(publishedCase('ek-09'));
    expect(notPermission.map((item) => item.kind)).not.toContain('placement');
    // A line of its own that opens with "Reason:" after another message stays apart.
    expect(groupLines('Task stopped at 10:00.\nReason: the user asked').length).toBe(2);
  });

  it("reads a hard wrap whose first line opens with the message's own blanks, the tool's indentation on the rest (eh-42)", () => {
    // silvermine/serverless-plugin-cloudfront-lambda-edge#51: Serverless's error, indented by two, wrapped at 60 by a tool that indents by eight.
    const wrapped = (publishedCase('eh-42').match(/.{1,60}/g) ?? [])
      .map((line, index) => (index === 0 ? line : `        ${line}`))
      .join('\n');
    const [message, ...rest] = groupLines(wrapped);
    expect(rest).toEqual([]);
    expect(message?.text).toContain('The user is not authorized to create or assume a service linked role.');
  });

  it("goes on with PynamoDB's '(<table>) when calling the … operation' on the next line, a table name with a hyphen (eh-25 at 40)", () => {
    // chanzuckerberg/napari-hub#1048: 'An error occurred (AccessDeniedException) on request (…) on table (staging-category) when calling …'.
    const folded = foldAtSpaces(publishedCase('eh-25'), 40).replace(/ +\n/g, '\n');
    const messages = groupLines(folded);
    expect(messages.map((message) => message.text.slice(0, 40))).toEqual([
      'PutError: Failed to batch write items: A',
    ]);
  });

  it("goes on after Lambda's 'does not have permissions to call' with the operation it names (ej-03 at 62, eh-54 at 41)", () => {
    // scribd/terraform-oxbow#30 and coinbase/fenrir#1: Lambda's check of a function's execution role.
    for (const [id, width] of [
      ['ej-03', 62],
      ['eh-54', 41],
    ] as const) {
      const folded = foldAtSpaces(publishedCase(id), width).replace(/ +\n/g, '\n');
      expect(groupLines(folded), id).toHaveLength(1);
    }
  });

  it("keeps the blank before a table's column bar that opens a line, after a cell of one long token (ej-13 at 77, trimmed)", () => {
    // goodycy3's gist: a CloudTrail query's row, the secret's ARN the cell before '| AccessDenied |'.
    const folded = foldAtSpaces(publishedCase('ej-13'), 77).replace(/ +\n/g, '\n');
    const [row] = groupLines(folded);
    expect(row?.text).toContain('secret:AppEncryptionKey-73a0iL | AccessDenied |');
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

describe('word-wrapped pastes (issue 11)', () => {
  /** GNU `fold -s -w 80` of one line: breaks after the last blank within 80 columns, keeping it. */
  function fold80(line: string): string {
    const out: string[] = [];
    let rest = line;
    while (rest.length > 80) {
      const blank = rest.lastIndexOf(' ', 79);
      const cut = blank >= 0 ? blank + 1 : 80;
      out.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    return [...out, rest].join('\n');
  }

  it('joins a service event with its timestamp, wrapped at spaces, back into one message (ecs-05)', () => {
    const event = `2022-10-13 16:33:43 -0700 ${corpusMessage('ecs-05')}`;
    const wrapped = fold80(event);
    expect(wrapped.split('\n').length).toBeGreaterThan(3);
    const messages = groupLines(wrapped);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.text).toBe(corpusMessage('ecs-05'));
    expect(isoTime(messages[0]?.timeText ?? null)).toBe('2022-10-13T23:33:43.000Z');
  });

  it('joins the same event copied from a terminal, the blanks at the line ends trimmed (ecs-05, ecs-45)', () => {
    for (const id of ['ecs-05', 'ecs-45']) {
      const wrapped = fold80(corpusMessage(id)).replace(/ +$/gm, '');
      expect(groupLines(wrapped).map((message) => message.text)).toEqual([corpusMessage(id)]);
    }
  });

  it('keeps the blank between whole words when the trimmed lines are of one length (x-16, r-15 at 80)', () => {
    // Lines of 79 (78) columns look like a hard wrap, but 'execution' + 'resource', 'has' + 'been',
    // 'is' + 'not' are words of their own that make none together.
    for (const event of [
      "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): invalid character '\\'' looking for beginning of value",
      'AccessDeniedException: User: arn:aws:iam::858XXXXXXXXX:user/AmazonSpListing is not authorized to perform: secretsmanager:GetSecretValue on resource: settings because no identity-based policy allows the secretsmanager:GetSecretValue action',
    ]) {
      const wrapped = fold80(event).replace(/ +$/gm, '');
      const lengths = wrapped.split('\n').map((line) => line.length);
      expect(lengths[0]).toBe(lengths[1]);
      expect(groupLines(wrapped).map((message) => message.text)).toEqual([event]);
    }
  });

  it('joins three trimmed lines where only the shorter first one tells the width (x-45 at 70, q-24 at 71)', () => {
    const fold = (line: string, width: number) => {
      const out: string[] = [];
      let rest = line;
      while (rest.length > width) {
        const cut = rest.lastIndexOf(' ', width - 1) + 1;
        out.push(rest.slice(0, cut).trimEnd());
        rest = rest.slice(cut);
      }
      return [...out, rest].join('\n');
    };
    const cases: [string, number][] = [
      [
        'botocore.errorfactory.AccessDeniedException: An error occurred (AccessDeniedException) when calling the ListTasks operation: User: XXXX is not authorized to perform: ecs:ListTasks on resource: *',
        70,
      ],
      [
        'botocore.exceptions.ClientError: An error occurred (AccessDenied) when calling the ReceiveMessage operation: Access to the resource https://eu-west-3.queue.amazonaws.com/ is denied.',
        71,
      ],
    ];
    for (const [event, width] of cases) {
      const wrapped = fold(event, width);
      expect(wrapped.split('\n')).toHaveLength(3);
      expect(groupLines(wrapped).map((message) => message.text)).toEqual([event]);
    }
  });

  it("joins botocore's message cut between its clauses (app-08 at 80, the blanks trimmed)", () => {
    const event = corpusMessage('app-08');
    const wrapped = fold80(event).replace(/ +$/gm, '');
    expect(wrapped.split('\n')[1]).toMatch(/^the PutObject operation:/);
    expect(groupLines(wrapped).map((message) => message.text)).toEqual([event]);
    const cut = event.replace(' when calling', '\nwhen calling');
    expect(groupLines(cut).map((message) => message.text)).toEqual([event]);
  });

  it('keeps a stopped reason one line when a copy trimmed the blank where it broke (ecs-15 at 136, x-03 at 132)', () => {
    const stopped = corpusMessage('ecs-15');
    const trimmed = foldAtSpaces(stopped, 136).replace(/ +$/gm, '');
    expect(trimmed.split('\n')[1]).toMatch(/^log group: AccessDeniedException/);
    expect(groupLines(trimmed).map((message) => message.text)).toEqual([stopped]);
    const pull =
      'CannotPullContainerError: pull image manifest has been retried 1 time(s): failed to resolve ref\n123456789123.dkr.ecr.us-east-1.amazonaws.com/a2-ecr-app-repo:latest: 403 Forbidden';
    expect(groupLines(pull)).toHaveLength(1);
    // A field of the console's own, or another error, is not the reason's.
    expect(groupLines(`${pull}\nContainer message: Essential container in task exited`)).toHaveLength(2);
  });

  it("goes on past 'failed to create' into the awslogs driver's 'Cloudwatch log stream' (x-07 at 109, the blank trimmed)", () => {
    // Extra case x-07.
    const stopped =
      'CannotStartContainerError: Error response from daemon: failed to initialize logging driver: failed to create Cloudwatch log stream: AccessDeniedException: User: <BatchContainerDefinitionExecutionRole ARN>.';
    const trimmed = foldAtSpaces(stopped, 109).replace(/ +$/gm, '');
    expect(trimmed.split('\n')[1]).toMatch(/^Cloudwatch log stream:/);
    expect(groupLines(trimmed).map((message) => message.text)).toEqual([stopped]);
  });

  it("reads IAM's sentence on past a placeholder that says ACTION (x-48 at 160, the blank trimmed)", () => {
    // Extra case x-48.
    const denial =
      'An error occurred (AccessDeniedException) when calling the GetAuthorizationToken operation: User: <USER> is not authorized to perform: <AWS_SERVICES:ACTION> on resource: * with an explicit deny';
    const trimmed = foldAtSpaces(denial, 160).replace(/ +$/gm, '');
    expect(trimmed.split('\n')[1]).toMatch(/^resource: \*/);
    expect(groupLines(trimmed).map((message) => message.text)).toEqual([denial]);
  });

  it("waits for the name after IAM's short form 'on resource: user' (extra case s-17 at 118, the blank trimmed)", () => {
    const denial =
      'User: arn:aws:iam::xxxxxxxxxxxx:user/some_username is not authorized to perform: iam:ListAccessKeys on resource: user nullsome_username';
    const broken = denial.replace('user nullsome', 'user\nnullsome');
    expect(groupLines(broken).map((message) => message.text)).toEqual([denial]);
  });

  it("keeps a Ruby error's heading with IAM's sentence under it when a paste wraps either (extra case x-25 at 40 and 95)", () => {
    const denial =
      'Aws::S3::Errors::AccessDenied in avatars#show\nUser: arn:aws:sts::681735686245:assumed-role/webserver-ecs/d00ae663a22d443396b75ce7c61e875d is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::exercism-v3-attachments/wzwhr9tc2cgfezvve7irhnc80h6u" because no VPC endpoint policy allows the s3:GetObject action';
    const [unwrapped] = groupLines(denial).map((message) => message.text);
    for (const width of [40, 95])
      expect(groupLines(foldAtSpaces(denial, width)).map((message) => message.text)).toEqual([unwrapped]);
  });

  it("keeps the resource after a blank line when a wrap put 'on' and 'resource:' on two lines (extra case s-18 at 41)", () => {
    const denial =
      'botocore.exceptions.ClientError: An error occurred (AccessDenied) when calling the AssumeRole operation: User: arn:aws:sts::2xxxxx5:assumed-role/cirrusstorage-cirrusstoragecdkPipelineBuildSynthCd-CTLNH22505KL/AWSCodeBuild-575b75c7-c90f-4d9d-b51e-7f9210bda64d is not authorized to perform: sts:AssumeRole on resource:\n\narn:aws:iam::5xxxxxxx16:role/cdk-fudawl-lookup-role';
    const wrapped = foldAtSpaces(denial, 41);
    expect(wrapped).toContain(' on \nresource:\n\narn:');
    expect(groupLines(wrapped)).toHaveLength(1);
    expect(groupLines(wrapped)[0]?.text).toMatch(
      /on resource: arn:aws:iam::5xxxxxxx16:role\/cdk-fudawl-lookup-role$/,
    );
  });

  it("reads a Go error framed by a bar on every line, the first led by a list's dash (extra case r-17, sops under Flux)", () => {
    const text = [
      'Group 0: FAILED',
      '  <edited>: FAILED',
      '    - | failed to decrypt sops data key with AWS KMS: operation',
      '      | error KMS: Decrypt, https response error StatusCode: 400,',
      '      | RequestID: <edited>, api error',
      '      | AccessDeniedException: The ciphertext refers to a customer',
    ].join('\n');
    const [message] = groupLines(text).map((group) => group.text);
    expect(message).toContain('with AWS KMS: operation error KMS: Decrypt, https response error');
    expect(message).toContain('api error AccessDeniedException: The ciphertext');
    // A table's rows end with their bar: they keep it.
    const table = '| a | b |\n| c | d |';
    expect(groupLines(table).map((group) => group.text)).toEqual(['| a | b |', '| c | d |']);
  });

  it("keeps a Terraform diagnostic whole across the blank '│' line of its box (extra case s-20)", () => {
    const text = [
      '│ Error: reading EC2 Instance Type (t2.micro): UnauthorizedOperation: You are not authorized to perform this operation.',
      '│       status code: 403, request id: 0d394442-5c7b-456b-b1f4-45edd2d60b6b',
      '│',
      '│   with module.ec2_instance["IA_demo_1-1"].aws_instance.this[0],',
    ].join('\n');
    expect(groupLines(text)).toHaveLength(1);
    expect(groupLines(text)[0]?.text).toMatch(/request id: \S+ with module\.ec2_instance/);
    // Outside a box a blank line still ends the message.
    expect(groupLines(text.replace(/^│ ?/gm, ''))).toHaveLength(2);
  });

  it("joins a terminal's rows padded to its width with blanks, cut mid-word (extra case p-09)", () => {
    const pad = ' '.repeat(117);
    const line = `AccessDeniedException: User: arn:aws:iam::1:user/u is not author${pad}ized to perform: iam:PassRole on resource: arn:aws:iam::1:role/ecsTas${pad}kExecutionRole`;
    expect(groupLines(line).map((message) => message.text)).toEqual([
      'AccessDeniedException: User: arn:aws:iam::1:user/u is not authorized to perform: iam:PassRole on resource: arn:aws:iam::1:role/ecsTaskExecutionRole',
    ]);
    // Padding between two whole words leaves one blank.
    expect(groupLines(`service call has${pad}been retried`)[0]?.text).toBe('service call has been retried');
  });

  it('takes out the blanks a copy put at the row ends of a console that wrapped at a width (extra case p-14)', () => {
    const message =
      'Message returned: User: arn:aws:sts::193980408680:assumed-role/cd-paas-ngpay-service-dev-ngpay-EnvControllerRole-fMcu2P8hPESe/cd-paas-ngpay-service-dev-ng-EnvControllerFunction-J7PWnRaTHdEe is not authorized to perform: iam:PassRole on resource: arn:aws:iam::193980408680:role/cd-paas-ngpay-service-dev-CFNExecutionRole because no identity-based policy allows the iam:PassRole action';
    for (const width of [60, 70, 83]) {
      const rows = message.match(new RegExp(`.{1,${width}}`, 'g')) ?? [];
      // A row that ended on a blank shows it once.
      const spaced = rows.map((row) => row.trimEnd()).join(' ');
      expect(groupLines(spaced).map((group) => group.text)).toEqual([message]);
    }
    // Prose whose blanks fall anywhere keeps them all.
    const prose =
      'Please verify that the role being passed has the proper trust relationship and permissions and that your IAM user has permissions to pass this role.';
    expect(groupLines(prose)[0]?.text).toBe(prose);
  });

  it('still joins a hard wrap that cut a word, or two halves that make a word together', () => {
    const event =
      'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secrets from ssm: service call has been retried 1 time(s)';
    const hard = event.match(/.{1,60}/g)?.join('\n') ?? '';
    expect(groupLines(hard).map((message) => message.text)).toEqual([event]);
  });

  it('starts a new record where the prefix comes back after the wrapped lines', () => {
    const event = `2022-10-13 16:33:43 -0700 ${corpusMessage('ecs-05')}`;
    const messages = groupLines(`${fold80(event)}\n${fold80(event.replace('16:33:43', '16:40:01'))}`);
    expect(messages.map((message) => message.text)).toEqual([
      corpusMessage('ecs-05'),
      corpusMessage('ecs-05'),
    ]);
  });

  it('strips a prefix every line repeats, then joins the wrapped message (app-1  | )', () => {
    const lines = fold80(corpusMessage('ecs-01'))
      .split('\n')
      .map((line) => `app-1  | ${line}`);
    expect(groupLines(lines.join('\n')).map((message) => message.text)).toEqual([corpusMessage('ecs-01')]);
  });

  it('ends an open IAM sentence once it has named its resource or said "this operation" (q-20\'s shape)', () => {
    for (const denial of [
      'User: arn:aws:sts::1:assumed-role/app/x is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::b/k',
      'UnauthorizedOperation: You are not authorized to perform this operation.',
    ]) {
      expect(groupLines(`${denial}\nretrying in 5 seconds`)).toHaveLength(2);
    }
  });

  it('keeps records apart that each start with their prefix and a log level, even ending on a blank', () => {
    const log = [
      '2024-01-05T10:00:00.000Z INFO GET /api/orders/1 200 12ms ',
      '2024-01-05T10:00:01.000Z ERROR AccessDenied: Access Denied ',
      '2024-01-05T10:00:02.000Z INFO worker processed batch 7 of 9 records in 40 ms',
    ].join('\n');
    expect(groupLines(log)).toHaveLength(3);
  });

  it('reads a compose or kubectl --prefix prefix, a compose one only with its replica number (a CDK event column is not one, r-19)', () => {
    expect(stripLinePrefix('app-1  | AccessDenied: Access Denied')).toMatchObject({
      shape: 'compose',
      body: 'AccessDenied: Access Denied',
    });
    expect(stripLinePrefix('web_1  | AccessDenied').shape).toBe('compose');
    expect(stripLinePrefix('[pod/app-7c5b9d-x2k4q/app] AccessDenied: Access Denied')).toMatchObject({
      shape: 'compose',
      body: 'AccessDenied: Access Denied',
    });
    expect(stripLinePrefix('CREATE_FAILED        | AWS::SecretsManager::Secret | Secret').shape).toBeNull();
  });
});

describe('lines stamped one by one', () => {
  const at = (time: string) => `${time} ecs/app/5b8e0d2c4a6f48e19c3b7d5f1a2e4c6b`;
  it("a traceback's frames, microseconds apart, stay with it; a line seconds later starts another record", () => {
    const text = [
      `${at('2026-11-21T10:00:05.100000+00:00')} Traceback (most recent call last):`,
      `${at('2026-11-21T10:00:05.100200+00:00')}   File "/app/labels.py", line 12, in store`,
      `${at('2026-11-21T10:00:05.100400+00:00')} botocore.exceptions.ClientError: An error occurred (AccessDenied) when calling the PutObject operation: Access Denied`,
      `${at('2026-11-21T10:00:40.000000+00:00')} ERROR orders.pricing: price list 0 failed validation`,
    ].join('\n');
    const messages = groupLines(text).map((message) => message.text);
    expect(messages[0]).toBe('Traceback (most recent call last): File "/app/labels.py", line 12, in store');
    expect(messages.at(-1)).toBe('ERROR orders.pricing: price list 0 failed validation');
  });

  it('compares each stamp with the line just before, as the instant it names in any zone', () => {
    const frames = (times: string[]) =>
      groupLines(
        times.map((time, i) => `${at(time)}   File "/app/step${i}.py", line ${i}, in run`).join('\n'),
      );
    // Each line within a second of the one before, though the last is 1.5 s after the first.
    expect(
      frames([
        '2026-11-21T10:00:05.000000+00:00',
        '2026-11-21T10:00:05.000000+00:00',
        '2026-11-21T11:00:05.900000+01:00',
        '2026-11-21T10:00:06.500000+00:00',
      ]),
    ).toHaveLength(1);
    // A second after the line before, repeated: the repeat is the same instant, the next one a second later.
    expect(
      frames([
        '2026-11-21T10:00:05.000000+00:00',
        '2026-11-21T10:00:06.000000+00:00',
        '2026-11-21T10:00:06.000000+00:00',
        '2026-11-21T09:00:07.000000-01:00',
      ]).map((message) => message.line),
    ).toEqual([1, 2, 4]);
    // A stamp naming no instant (month 13) differs from the line before only by its text.
    expect(
      frames([
        '2026-13-21T10:00:05.000000+00:00',
        '2026-13-21T10:00:05.000000+00:00',
        '2026-13-21T10:00:09.000000+00:00',
      ]).map((message) => message.line),
    ).toEqual([1, 3]);
  });
});

describe("the PHP SDK's error over several lines (Guzzle's response, then the SDK's code)", () => {
  it('goes on after an XML declaration alone on its line: the document follows (thephpleague/flysystem#1784, el-39)', () => {
    const published = [
      'Error executing "PutObject" on "https://[bucketname].s3.amazonaws.com/Brand%20Resources/test/"',
      'AWS HTTP error: ',
      'Client error: `PUT https://[bucketname].s3.amazonaws.com/Brand%20Resources/test/` resulted in a `403 Forbidden` response:',
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>T9W6QS (truncated...)',
      ' AccessDenied (client): Access Denied - <?xml version="1.0" encoding="UTF-8"?>',
    ].join('\n');
    const messages = groupLines(published);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.text).toMatch(/Error executing "PutObject".*AccessDenied \(client\): Access Denied/);
  });

  it("goes on with Guzzle's body where a trimmed fold left its tail and '(truncated...)' (flysystem-aws-s3-v3#176, el-40 at 152)", () => {
    const folded = foldAtSpaces(
      'Uncaught Aws\\S3\\Exception\\S3Exception: Error executing "PutObject" on "https://bucket.s3.ap-southeast-2.amazonaws.com/public/test.txt"; AWS HTTP error: Client error: `PUT https://bucket.s3.ap-southeast-2.amazonaws.com/public/test.txt` resulted in a `403 Forbidden` response: AccessDeniedAccess Denied9C83D1 (truncated...) AccessDenied (client): Access Denied - AccessDeniedAccess',
      152,
    ).replace(/ +\n/g, '\n');
    expect(groupLines(folded)).toHaveLength(1);
  });
});

it("joins CloudFormation's reason to its code when a trimmed wrap parts them ('AccessDenied.' + 'User doesn't have permission to call …', gq-08 at 80)", () => {
  const folded = foldAtSpaces(publishedCase('gq-08'), 80).replace(/ +\n/g, '\n');
  expect(folded.split('\n')).toHaveLength(2);
  expect(groupLines(folded)).toHaveLength(1);
});
