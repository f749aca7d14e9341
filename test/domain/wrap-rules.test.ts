/**
 * Rules of the grammar that tell where a wrapped paste broke a message: each pinned on a real
 * case (test/corpus, test/extra-cases) wrapped at a width where it once read differently.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { groupLines } from '../../src/domain/message-text.js';
import { foldAtSpaces } from '../fold-text.js';

const byId = new Map<string, string>(
  ['../corpus/cases.jsonl', '../extra-cases/cases.jsonl'].flatMap((file) =>
    readFileSync(new URL(file, import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as { id: string; raw: unknown })
      .map((item): [string, string] => [item.id, String(item.raw)]),
  ),
);
function message(id: string): string {
  const raw = byId.get(id);
  if (raw === undefined) throw new Error(`no case ${id}`);
  return raw;
}

/** `fold -s` copied from a terminal, which drops the blank at each line's end. */
const foldTrimmed = (text: string, width: number) => foldAtSpaces(text, width).replace(/ +\n/g, '\n');
/** A console that cuts every line at the width, words and all. */
const hardWrap = (text: string, width: number): string =>
  text.match(new RegExp(`.{1,${width}}`, 'g'))?.join('\n') ?? '';

/**
 * The messages read from a wrapped text must be the ones read from it unwrapped, text for text
 * (a run of blanks a wrap broke comes back as one).
 */
function expectSameMessages(raw: string, wrapped: string): void {
  expect(wrapped).not.toBe(raw);
  const texts = (text: string) => groupLines(text).map((item) => item.text.replace(/ {2,}/g, ' '));
  expect(texts(wrapped)).toEqual(texts(raw));
}

describe('a word longer than the width, cut by fold -s, and what only looks like one', () => {
  it("an ARN as wide as the width goes on before 'on', which only a sentence's name-filled place would end it at (ef-12 at 83)", () => {
    expectSameMessages(message('ef-12'), foldAtSpaces(message('ef-12'), 83));
    expectSameMessages(message('ef-12'), foldTrimmed(message('ef-12'), 83));
  });

  it('keeps the blank between two whole words of a JSON string (q-22 at 49, trimmed)', () => {
    const texts = groupLines(foldTrimmed(message('q-22'), 49)).map((item) => item.text);
    expect(texts.join('\n')).toContain('"Message":"Roles may not be assumed by root accounts."');
  });

  it('keeps the blank after a token whose brackets all closed (t-06 at 76, trimmed)', () => {
    expectSameMessages(message('t-06'), foldTrimmed(message('t-06'), 76));
  });
});

describe('a line shorter than the word wrap it is part of', () => {
  it("ended at a blank, though an ARN's placeholder goes on after it (ecs-01 at 41 and 51, trimmed)", () => {
    for (const width of [41, 51])
      expectSameMessages(message('ecs-01'), foldTrimmed(message('ecs-01'), width));
  });
});

describe('a word longer than the width, cut over several lines', () => {
  it('joins every piece of an ARN cut at 40 columns, not only the first two (x-32, trimmed)', () => {
    expectSameMessages(message('x-32'), foldTrimmed(message('x-32'), 40));
  });
});

describe('lines that go on with the message before them, however short the text', () => {
  it("reads CDK's '=> error' after the call it failed as that call's (t-06 at 100, trimmed)", () => {
    expectSameMessages(message('t-06'), foldTrimmed(message('t-06'), 100));
    expectSameMessages(message('t-06'), foldTrimmed(message('t-06'), 103));
    expectSameMessages(message('t-06'), foldTrimmed(message('t-06'), 117));
  });

  it("reads IAM's sentence after EC2's 'You are not authorized to perform this operation.' as EC2's message (q-20 at 145, trimmed)", () => {
    expectSameMessages(message('q-20'), foldTrimmed(message('q-20'), 145));
  });
});

describe("a console's row blanks, in a text a paste wrapped again", () => {
  it('are found though the wrap joined some cut tokens back, taking their blanks (p-14 at 49, 61, 142, trimmed)', () => {
    for (const width of [49, 61, 142]) {
      const [read] = groupLines(foldTrimmed(message('p-14'), width));
      expect(read?.text).toContain(
        'iam:PassRole on resource: arn:aws:iam::193980408680:role/cd-paas-ngpay-service-dev-CFNExecutionRole because',
      );
      expect(read?.text).toContain('Message returned: User:');
    }
  });
});

describe('fold -s, the blank kept: what opens a line is not always a new record', () => {
  it('puts the blank after a word that filled the width, alone on its line, back in the message (p-26 at 44, q-11 at 66)', () => {
    expectSameMessages(message('p-26'), foldAtSpaces(message('p-26'), 44));
    expectSameMessages(message('q-11'), foldAtSpaces(message('q-11'), 66));
  });

  it("starts a record at logrus's short level and seconds ('FATA[0000]' after 'ERRO[0000] …', ec-22 at 100)", () => {
    expectSameMessages(message('ec-22'), foldAtSpaces(message('ec-22'), 100));
  });

  it("starts a message at a Java exception's qualified name on a line of its own (n-03 at 100, ed-03 at 100)", () => {
    expectSameMessages(message('n-03'), foldAtSpaces(message('n-03'), 100));
    expectSameMessages(message('ed-03'), foldAtSpaces(message('ed-03'), 100));
  });

  it("goes on into a Java exception's name when fold cut the name itself, a word wider than the wrap (eh-50 at 50)", () => {
    expectSameMessages(message('eh-50'), foldAtSpaces(message('eh-50'), 50));
  });

  it('reads a logfmt field the record has not named yet as the same record (x-22 at 40)', () => {
    expectSameMessages(message('x-22'), foldAtSpaces(message('x-22'), 40));
  });

  it("keeps a traceback inside ECS's one-line stopped reason after a kept blank (m-28 at 46)", () => {
    expectSameMessages(message('m-28'), foldAtSpaces(message('m-28'), 46));
  });

  it("reads a line of blanks alone, logrus's padding the wrap broke over lines, as the record's (ed-14 at 40)", () => {
    expectSameMessages(message('ed-14'), foldAtSpaces(message('ed-14'), 40));
  });

  it("reads a time a field names ('next_retry=2018-…') as the field's, not as a later stamp behind docker compose's prefix (ed-29 at 82)", () => {
    const prefixed = (text: string) =>
      text
        .split('\n')
        .map((line) => `app-1  | ${line}`)
        .join('\n');
    expectSameMessages(prefixed(message('ed-29')), prefixed(foldAtSpaces(message('ed-29'), 82)));
  });
});

describe('fold -s, the blank trimmed: two lines that are one message', () => {
  const same = (id: string, width: number) =>
    expectSameMessages(message(id), foldTrimmed(message(id), width));

  it('goes on with a sentence left unended before a word in lower case (ecs-51 at 104, n-37 at 107, s-05 at 55)', () => {
    same('ecs-51', 104);
    same('n-37', 107);
    same('s-05', 55);
  });

  it("goes on with the rest of an error on the second of two lines, no record's opening and no longer (el-46 at 48, eo-20 at 57, eg-40 at 97, em-08 at 131)", () => {
    same('el-46', 48);
    same('eo-20', 57);
    same('eg-40', 97);
    same('em-08', 131);
  });

  it("keeps apart an error's line after botocore's whole error, its service's message given (n-15: the CLI's throttled call, then the tool's 'ECR get-login failed')", () => {
    expect(groupLines(message('n-15'))).toHaveLength(2);
  });

  it('goes on over the empty line a fold left of the indentation before a word longer than the width, inside an open list (ee-44 at 80)', () => {
    same('ee-44', 80);
  });

  it("goes on to a Java exception's name after what introduces it: 'nested exception is', 'Exception in thread \"main\"' (ed-18 at 100, ed-28 at 100, x-31 at 100)", () => {
    same('ed-18', 100);
    same('ed-28', 100);
    same('x-31', 100);
  });

  it("goes on inside the Session Manager plugin's 'Plugin with name x not found' (ec-41 at 80)", () => {
    same('ec-41', 80);
  });

  it("drops a viewer's continuation bar the fold left alone on its line, its blank trimmed (ee-33 at 80)", () => {
    same('ee-33', 80);
  });

  it("goes on inside Lambda's refusal to decrypt a function's environment (gr-06 at 85 and 119, gr-05 at 85)", () => {
    same('gr-06', 85);
    same('gr-06', 119);
    same('gr-05', 85);
  });

  it("goes on after the Go SDK's 'https response error' and 'api error' (v-03 at 66, r-08 at 154)", () => {
    same('v-03', 66);
    same('r-08', 154);
  });

  it('goes on with logfmt fields the record has not named, after a record or a message (n-01 at 66, m-14 at 58)', () => {
    same('n-01', 66);
    same('m-14', 58);
  });

  it("goes on with a table's row cut next to a column bar (r-19 at 40 and 68)", () => {
    same('r-19', 40);
    same('r-19', 68);
  });

  it("goes on inside SQS's and S3's fixed sentences (ecs-50 at 99, x-26 at 40)", () => {
    same('ecs-50', 99);
    same('x-26', 40);
  });

  it("keeps a traceback inside ECS's stopped reason (m-28 at 46)", () => {
    same('m-28', 46);
  });

  it("goes on inside the PHP SDK's fixed sentence, after 'on', the URL's ';' and 'Client' (eb-14 at 114, 118 and 141)", () => {
    same('eb-14', 114);
    same('eb-14', 118);
    same('eb-14', 141);
  });

  it("goes on after a line the next one's quoted name could not fit on, a backtick opening the quote (ee-20 at 125)", () => {
    same('ee-20', 125);
  });

  it("goes on inside the PHP SDK v2's list of fields, cut after 'AWS' or 'AWS Error' (eb-01 at 153 and 183)", () => {
    same('eb-01', 153);
    same('eb-01', 183);
  });

  it('goes on with a sentence left unended after a quoted name, before a word in lower case (ec-27 at 143)', () => {
    same('ec-27', 143);
  });

  it("keeps the blank after Envoy's 'Unauthorized', a whole word, where two lines are one length by chance (ea-24 at 115)", () => {
    same('ea-24', 115);
  });

  it("reads past the empty line left where the blank after IAM's 'User:' filled the width (ee-26 at 50)", () => {
    same('ee-26', 50);
  });

  it("keeps the blank on each side of a mask set apart in an ARN ('us-east-1: ... :table'), cut on either side (ee-46 at 107, 194 and 197)", () => {
    same('ee-46', 107);
    same('ee-46', 194);
    same('ee-46', 197);
  });

  it("keeps the blank inside Step Functions', EventBridge Scheduler's and Lambda's fixed refusals (ec-26 at 40, ec-38 at 45 and 67, ec-28 at 55)", () => {
    same('ec-26', 40);
    same('ec-38', 45);
    same('ec-38', 67);
    // (The Java SDK's '…400;' + 'Error Code:' after it is still joined as a cut: no fixed sentence tells it.)
    const lambda = groupLines(foldTrimmed(message('ec-28'), 55));
    expect(lambda).toHaveLength(1);
    expect(lambda[0]?.text).toMatch(
      /^The role defined for the function cannot be assumed by Lambda\. \(Service:/,
    );
  });
});

describe('a hard wrap in two lines, no width to go by', () => {
  const same = (id: string, width: number) => expectSameMessages(message(id), hardWrap(message(id), width));

  it("finishes the principal's or the resource's name cut before IAM's next clause (x-49 at 166, p-11 at 145, r-15 at 153, s-04 at 140)", () => {
    same('x-49', 166);
    same('p-11', 145);
    same('r-15', 153);
    same('s-04', 140);
  });

  it('finishes an ARN cut after a separator (q-31 at 155)', () => {
    same('q-31', 155);
  });

  it("joins an error's name cut in its last word, though a fixed sentence has a name there ('ResourceNotFoundExcepti' + 'on: The', ecs-16 at 57)", () => {
    same('ecs-16', 57);
  });

  it("joins a short run that is no word with letters that are none ('that was p' + 'rovided', ecs-04 at 194, ecs-23 at 140)", () => {
    same('ecs-04', 194);
    same('ecs-23', 140);
  });
});

describe('a hard wrap in two lines: names and quotes', () => {
  const same = (id: string, width: number) => expectSameMessages(message(id), hardWrap(message(id), width));

  it("goes on with an operation a service's sentence names after 'perform', without IAM's colon (gr-07 at 54, gr-10 at 40)", () => {
    expectSameMessages(message('gr-07'), hardWrap(message('gr-07'), 54));
    expectSameMessages(message('gr-10'), hardWrap(message('gr-10'), 40));
  });

  it('finishes a name whose rest is alone on the last line, or before a word of the grammar (ecs-10 at 145, s-17 at 119, x-36 at 172, n-27 at 95)', () => {
    same('ecs-10', 145);
    same('s-17', 119);
    same('x-36', 172);
    same('n-27', 95);
  });

  it("reads the name a quote opened at the line's end without a blank before it (s-03 at 130)", () => {
    same('s-03', 130);
  });

  it("joins a CamelCase action cut before 'on on resource' and a lower-case 'i' cut from its word (w-06 at 49, q-02 at 115)", () => {
    same('w-06', 49);
    same('q-02', 115);
  });
});

describe('a one-token line narrower than the widest line of its block', () => {
  it("ended where its text did, not at a cut of the width (n-03's first line at 40, blank kept)", () => {
    const text = groupLines(foldAtSpaces(message('n-03'), 40))
      .map((item) => item.text)
      .join('\n');
    expect(text).toMatch(/ECSSlave\[ecs-cloud-ecs-8thbs\]\s+com\.amazonaws/);
  });
});

describe("an error's name on a line of its own after the message", () => {
  it('ends the name before it: the AWS SDK for C++ prints the message, then the exception name under it (ej-34, pastebin.com/xYXzBKWe)', () => {
    const texts = groupLines(message('ej-34')).map((item) => item.text);
    expect(texts.join('\n')).toMatch(/table\/rai_counters AccessDeniedException/);
    // A name a hard wrap cut goes on all the same ('…/ecsEvents' + 'Role').
    expect(groupLines('on resource: arn:aws:iam::1:role/ecsEvents\nRole').map((item) => item.text)).toEqual([
      'on resource: arn:aws:iam::1:role/ecsEventsRole',
    ]);
  });
});

describe('an ARN a writer wrapped by hand at one of its separators', () => {
  it("goes on with its next field, however short the line (eo-15, a blog's Lambda log wrapped after 'assumed-role/' and after the account's colon)", () => {
    const texts = groupLines(message('eo-15')).map((item) => item.text);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain(
      'User: arn:aws:sts::123456789012:assumed-role/my-lambda-role/my-function is not',
    );
    expect(texts[0]).toContain(
      'on resource: arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/my-function:log-stream:2026/05/24/[$LATEST]abc123',
    );
  });
});

describe('a placeholder with blanks inside an ARN, cut at one of its blanks', () => {
  it("goes on to the placeholder's close, escaped or not (eo-31 at 60, trimmed: 'arn:aws:iam::&lt;new dev account' + 'ID&gt;:role/…')", () => {
    const raw = message('eo-31');
    expectSameMessages(raw, foldTrimmed(raw, 60));
    const unescaped = raw.replace(/&lt;/g, '<').replace(/&gt;/g, '>');
    const cut = unescaped.replace('<new dev account ID>', '<new dev account\nID>');
    expect(groupLines(cut).map((item) => item.text)).toEqual([unescaped.trim()]);
  });
});
