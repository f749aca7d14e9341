/**
 * Parse the grammar, not the examples: every text case of the corpus and of the extra cases,
 * mangled the ways real messages arrive (lower-cased, wrapped mid-word at a terminal's width or
 * by a tool that indents, inside a JSON log field, behind syslog or `aws logs tail` prefixes),
 * must give the same diagnosis as the message as published.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeEvidence } from '../../src/pipeline.js';
import { detectAndRead } from '../../src/sources/files/detect-format.js';
import { type CorpusCase, corpusCases } from '../corpus-cases.js';
import { foldAtSpaces } from '../fold-text.js';
import { WEB_MANGLES, type WebMangle } from '../web-mangles.js';

/** The text cases of both files (a CloudTrail record is an object, not a text a paste mangles). */
const textCases = [...corpusCases(), ...extraCases()].filter(
  (item) => item.kind !== 'cloudtrail-record' && typeof item.raw === 'string',
);

function chunks(text: string, width: number): string[] {
  return text.match(new RegExp(`.{1,${width}}`, 'g')) ?? [];
}

/** The words a coloured logger paints: an error's name and the level's. */
const COLOURED_WORDS = /\b(\w*(?:Error|Exception|Denied|ERROR|error))\b/g;
const COLOURED_WORD = new RegExp(COLOURED_WORDS.source);

const MANGLES: Record<string, WebMangle> = {
  'lower-cased': { applies: () => true, mangle: (raw) => raw.toLowerCase() },
  'wrapped at 80 columns by a terminal': {
    applies: (raw) => !raw.includes('\n') && raw.length > 100,
    mangle: (raw) => chunks(raw, 80).join('\n'),
  },
  'wrapped at 60 and indented by a tool': {
    applies: (raw) => !raw.includes('\n') && raw.length > 100,
    mangle: (raw) =>
      chunks(raw, 60)
        .map((line, index) => (index === 0 ? line : `        ${line}`))
        .join('\n'),
  },
  'inside a JSON log field': {
    applies: () => true,
    mangle: (raw) => JSON.stringify({ log: raw, stream: 'stderr', time: '2026-11-21T10:00:00Z' }),
  },
  'behind a syslog prefix': {
    applies: () => true,
    mangle: (raw) =>
      raw
        .split('\n')
        .map((line) => `Nov 21 10:00:00 ip-10-0-0-1 app[123]: ${line}`)
        .join('\n'),
  },
  'with literal \\n and \\t escapes in one line': {
    applies: (raw) => raw.includes('\n'),
    mangle: (raw) => raw.replace(/\n/g, '\\n').replace(/\t/g, '\\t'),
  },
  'wrapped at 120 columns by a terminal': {
    applies: (raw) => !raw.includes('\n') && raw.length > 140,
    mangle: (raw) => chunks(raw, 120).join('\n'),
  },
  ...Object.fromEntries(
    [50, 56, 64, 72, 90, 150, 180].map((width) => [
      `wrapped at ${width} columns, a width no length rule knows`,
      {
        applies: (raw: string) => !raw.includes('\n') && raw.length > width + 5,
        mangle: (raw: string) => chunks(raw, width).join('\n'),
      },
    ]),
  ),
  // A log viewer's line numbers copied with its lines (CodeBuild's console, ga-05), or an editor's gutter.
  'numbered by a log viewer ("28 | " before each line)': {
    applies: (raw) => raw.includes('\n'),
    mangle: (raw) =>
      raw
        .split('\n')
        .map((line, index) => `${index + 28} | ${line}`)
        .join('\n'),
  },
  'numbered by an editor (the number and a tab before each line)': {
    applies: (raw) => raw.includes('\n'),
    mangle: (raw) =>
      raw
        .split('\n')
        .map((line, index) => `${index + 1}\t${line}`)
        .join('\n'),
  },
  // Markdown's code block as its source holds it, and a tool's output indented by a tab.
  'indented as a code block (four blanks on every line)': {
    applies: () => true,
    mangle: (raw) =>
      raw
        .split('\n')
        .map((line) => `    ${line}`)
        .join('\n'),
  },
  'every line behind a tab, with Windows line endings': {
    applies: () => true,
    mangle: (raw) =>
      raw
        .split('\n')
        .map((line) => `\t${line}`)
        .join('\r\n'),
  },
  // Go's JSON encoder escapes '<', '>' and '&' in every string; a log that quotes its JSON once
  // more keeps the escapes as text, as some keep an apostrophe's.
  "with JSON's \\u003c, \\u003e and \\u0027 escapes left as text": {
    applies: (raw) => !raw.includes('\n') && /[<>']/.test(raw),
    mangle: (raw) => raw.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/'/g, '\\u0027'),
  },
  'with Windows line endings': {
    applies: (raw) => raw.includes('\n'),
    mangle: (raw) => raw.replace(/\n/g, '\r\n'),
  },
  'JSON inside a JSON log field (FireLens to CloudWatch)': {
    applies: () => true,
    mangle: (raw) => JSON.stringify({ log: JSON.stringify({ level: 'error', msg: raw }), source: 'stderr' }),
  },
  'quoted in a chat or an issue ("> ")': {
    applies: () => true,
    mangle: (raw) =>
      raw
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n'),
  },
  // A coloured logger's words for errors, kept in a saved or shipped log (NestJS, colorlog, Compose).
  'coloured by a terminal logger (ANSI escapes around its error words)': {
    applies: (raw) => COLOURED_WORD.test(raw),
    mangle: (raw) => raw.replace(COLOURED_WORDS, '\u001b[1;31m$1\u001b[0m'),
  },
  'coloured, inside a JSON log field (the escapes escaped)': {
    applies: (raw) => COLOURED_WORD.test(raw),
    mangle: (raw) =>
      JSON.stringify({ level: 'error', message: raw.replace(COLOURED_WORDS, '\u001b[31m$1\u001b[39m') }),
  },
  'coloured, the escape character dropped by a viewer ("[31mError[0m")': {
    applies: (raw) => COLOURED_WORD.test(raw),
    mangle: (raw) => raw.replace(COLOURED_WORDS, '[31m$1[0m'),
  },
  'behind an aws logs tail prefix': {
    applies: () => true,
    mangle: (raw) =>
      raw
        .split('\n')
        .map((line) => `2026-11-21T10:00:00.000000+00:00 ecs/app/0123456789abcdef0123456789abcdef ${line}`)
        .join('\n'),
  },
  // How a page changes a message before it is pasted (test/web-mangles.ts, with the pages seen).
  ...WEB_MANGLES,
};

/**
 * Mangles known to read a case differently, `<mangle>: <id>` → why; a listed mangle that reads
 * the same again fails the test, so the list only shrinks.
 */
/** The widths from `from` to `to`, both included. */
function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, index) => from + index);
}

const KNOWN_MANGLE_MISSES: Record<string, string> = {
  'wrapped at 150 columns, a width no length rule knows: gz-19':
    "a line cut mid-word at 150 columns inside CodeDeploy's exception's name ('{ I' + 'nvalidFileExistsBehaviorException'), a width no rule knows: the halves are joined with a space, so no Invalid…Exception is left to name",
  ...Object.fromEntries(
    [
      'wrapped at 50 columns, a width no length rule knows',
      'wrapped at 56 columns, a width no length rule knows',
      'wrapped at 90 columns, a width no length rule knows',
      'wrapped at 60 and indented by a tool',
    ].map((mangle) => [
      `${mangle}: eo-31`,
      "the page's HTML escapes ('&lt;new dev account ID&gt;') were wrapped as written: a page's escapes are read before its lines, as a page escapes text a terminal already wrapped, so the lines are no longer of the width they were cut at and the role's name is joined at the wrong place",
    ]),
  ),
  ...Object.fromEntries(
    ['inside a JSON log field', 'JSON inside a JSON log field (FireLens to CloudWatch)'].flatMap((mangle) => [
      [
        `${mangle}: p-14`,
        "the published text is hard-wrapped at 72 columns mid-word; inside one field its lines are joined by another rule, with a space ('return ed', 'ser vice-dev'), so the role's ARN is cut",
      ],
    ]),
  ),
  ...Object.fromEntries(
    ['account id as ****', 'account id as [REDACTED]', 'account id as ACCOUNT_ID'].flatMap((mangle) =>
      ['p-14', 'ee-03'].map((id) => [
        `${mangle}: ${id}`,
        "hard-wrapped at a terminal's width mid-word: a mask shorter than the twelve digits makes the lines it is on shorter, so nothing shows the width any more and the cut words are joined with a space",
      ]),
    ),
  ),
  ...Object.fromEntries(
    ['eh-34', 'ff-11'].map((id) => [
      `lower-cased: ${id}`,
      "a Mac's home in the paste's path ('/Users/<name>/…') says a developer's machine ran it; lower-cased, it reads as a web path ('/users/42/'), which an app in a task prints too, so the caller-less denial is read as the task role's",
    ]),
  ),
  'wrapped at 64 columns, a width no length rule knows: ff-17':
    "Envoy's line hard-wrapped in two inside the endpoint's host ('…appmesh-envoy-ma' + 'nagement.…amazonaws.com:443 closed: 13,') at a width no terminal has: neither line holds an error's word or the look-alike's words whole, so neither is read",
  'a list item of several lines, the later ones under its text: fu-12':
    "the C++ sample's two records ('Error while putting Object …', 'Error while getting object …') indented under a list item's text are one item by the list's form: read as one message, its two operations name none, where apart the first is read as PutObject",
  ...Object.fromEntries(
    ['account id as <account-id>', 'account id as [REDACTED]', 'account id as ACCOUNT_ID'].map((mangle) => [
      `${mangle}: fu-20`,
      "the writer's account has ten digits, so the mangle's twelve-digit pattern takes the end of the instance id instead ('i-0b79d679574316228'): the session is no instance's any more, and the call is read as another caller's",
    ]),
  ),
  ...Object.fromEntries(
    ['gd-17', 'gd-18'].map((id) => [
      `wrapped at 50 columns, a width no length rule knows: ${id}`,
      "the ECS Exec Checker's one-line verdict hard-wrapped in two at a width no terminal has, cut inside 'implicitDeny': with two lines, nothing shows a width was hit, so the halves are joined with a blank and the verdict is not read",
    ]),
  ),
  'wrapped at 120 columns by a terminal: fz-15':
    "a placeholder cut at the width ('<REDAC' + 'TED>') with no blank either side: a placeholder may hold blanks ('<account' + 'id>'), so nothing says the cut fell inside a word, and the resource is read with a blank in it",
  'lower-cased: ef-18':
    "Lambda's 'RequestId: <uuid>' is its only sign there; lower-cased, it is the Go SDK v2's 'RequestID: <uuid>' lower-cased too, which any program's error carries, so the caller-less refusal is read as the task role's",
  'lower-cased: fm-17':
    "the ECS agent's line at INFO in brackets ('[INFO] Managed task …: unable to create task state change event'), whose capitals leave it an error-looking line read and named as not recognised; lower-cased, '[info]' is the bracketed level a logger writes in lower case, so the line is no error and gets no answer",
  'lower-cased: fk-04':
    "Airflow's line at INFO ('INFO … Cannot find log stream yet … If this error persists …'): a level in capitals says the line is no error; lower-cased, 'info' is also a word of prose, so the line is read as an error and named as not recognised",
  ...Object.fromEntries(
    ['wrapped at 180 columns, a width no length rule knows: fr-16'].map((key) => [
      key,
      "IAM's sentence translated into Italian: the action is read only as an action written in the text ('ec2:RunInstances'), which a wrap at a width no terminal has cuts in two",
    ]),
  ),
  'wrapped at 50 columns, a width no length rule knows: hq-09':
    "Terraform's one-line error hard-wrapped in two at a width no terminal has, cut inside the exception's name ('InvalidParameterE' + 'xception: Creation of service was not idempotent.'): with two lines, nothing shows a width was hit, so neither half names the exception",
  'behind an aws logs tail prefix: x-34':
    "Lambda's line '<time>\\t<request id>\\t…' behind the tail's prefix: the tail's time is the line's, and Lambda's own time is kept as the line's text (a report cites it), so the request id does not open the message (Lambda's sign)",
  // Documents the CLI reads as JSON (whydenied reads a file as its format says, as here): a mangle
  // that leaves no JSON document leaves text, read as a log's lines.
  ...Object.fromEntries(
    [
      'behind a syslog prefix',
      'behind an aws logs tail prefix',
      'numbered by a log viewer ("28 | " before each line)',
      'numbered by an editor (the number and a tab before each line)',
      'quoted in a chat or an issue ("> ")',
      'curly quotes (“ ” ‘ ’) set by a page',
      'HTML entities left in (&quot; &#39; &lt; &gt; &amp;)',
      'non-breaking spaces for blanks',
      'inside backticks',
      "inside HTML's '<pre><code>' as a page's source keeps it",
      "inside a Jira code block ('{code:java}' and '{code}' on lines of their own)",
      "inside Jira's '{noformat}' on the text's own first and last lines",
      'line breaks left as <br>',
      'line breaks left as <br /> before each break',
      'inside French quotes (« … »)',
      'lower-cased',
    ].map((mangle) => [
      `${mangle}: fg-14`,
      "the IAM policy simulator's JSON after its command, marked on every line or lower-cased, is no document any more: read as text, its record's values are taken as a log record's ('ecs:ExecuteCommand arn:… implicitDeny', read as the action's refusal) without the organizations' verdict, and the command naming the simulated principal is a message apart",
    ]),
  ),
  ...Object.fromEntries(
    ['r-22', 'hh-01', 'hh-02', 'hh-03', 'hh-04', 'hh-05'].map((id) => [
      `lower-cased: ${id}`,
      "an EventBridge event lower-cased whole: its keys ('eventtype', 'eventname') and values ('ecs service action', 'error') no longer name the event's fields, so it is read as JSON of an unknown shape, whose words name nothing",
    ]),
  ),
  ...Object.fromEntries(
    ['r-22', 'hh-02'].map((id) => [
      `coloured, the escape character dropped by a viewer ("[31mError[0m"): ${id}`,
      'an EventBridge event whose type a viewer painted inside the JSON string (\'"eventType": "[31mERROR[0m"\'): the document still parses, but its type is no ERROR any more, so the event is read as one that says nothing went wrong',
    ]),
  ),
  'wrapped at 64 columns, a width no length rule knows: id-02':
    "the instance metadata's address hard-wrapped in two at a width no terminal has ('http://169.254.169.' + '254/latest/…'): with two lines, nothing shows a width was hit, so the halves are joined with a blank and the address is not read",
  'wrapped at 64 columns, a width no length rule knows: id-10':
    "RDS's code hard-wrapped in two at a width no terminal has ('DBInstanceNot' + 'Found: …'): with two lines, nothing shows a width was hit, so the halves are joined with a blank and the code is not read",
  'en and em dashes for " - " and "--": ih-32':
    "the role's name holds '--' ('ansible-test--glue-crawler'), which the mangle sets as a page's em dash: read back as a hyphen, one of the two is lost",
  'wrapped at 72 columns, a width no length rule knows: ih-34':
    'a one-line message hard-wrapped in two at a width no terminal has: with two lines, nothing shows a width was hit, so the halves are joined with a blank and the words that name the invalid request are parted',
  'wrapped at 90 columns, a width no length rule knows: ih-68':
    "CloudFormation's 'API: s3:PutBucket' + 'Versioning …' hard-wrapped inside the action at a width no terminal has: joined with a blank, the action is read as its first half and mapped to another",
  ...Object.fromEntries(
    [
      'a list number in front ("1. ")',
      'inside a JSON log field',
      'with literal \\n and \\t escapes in one line',
      'JSON inside a JSON log field (FireLens to CloudWatch)',
      'coloured, inside a JSON log field (the escapes escaped)',
    ].map((mangle) => [
      `${mangle}: ij-10`,
      "Amplify's exception printed over two lines ('message: …' + 'recoverySuggestion: …'): the list's mark, the escapes or the JSON field make the lines one record whose message field is read, where the host's sign (recoverySuggestion) is looked for on the paste's lines, so the caller-less upload reads as an app's",
    ]),
  ),
  'en and em dashes for " - " and "--": ib-03':
    "the endpoint's name holds '--' ('endpoint-setu4993--labse'), which the mangle sets as a page's em dash: read back as a hyphen, one of the two is lost, as it is when a page does it",
  ...Object.fromEntries(
    ['behind an aws logs tail prefix', 'behind a syslog prefix'].map((mangle) => [
      `${mangle}: ia-05`,
      "the simulator's rows as a person lined them up, two of them of one length: behind a log's prefix they read as a terminal's hard wrap, so 'allowed' and the next row's action are joined into one word ('allowedkms:Decrypt')",
    ]),
  ),
  'with literal \\n and \\t escapes in one line: p-08':
    "a console table of two FireLens records, read apart as published (S3's 'Access Denied' without the line naming the bucket's region call); escaped in one line, the table's rows are joined and the S3 call is read as GetBucketLocation (the better reading)",
};

describe('the corpus and the extra cases, mangled as real messages arrive', () => {
  for (const [name, { applies, mangle, expected }] of Object.entries(MANGLES)) {
    it(`${name}: same diagnosis`, async () => {
      const changed: string[] = [];
      // A mangle that applies to no case, or leaves every text as it was, would pass having tested nothing.
      let mangled = 0;
      for (const item of textCases.filter((c) => applies(String(c.raw)))) {
        const text = mangle(String(item.raw));
        if (text !== String(item.raw)) mangled += 1;
        // Every field, stated by the case or not (the first finding's), and no count: a JSON
        // field or a prefix may carry a message's lines as one.
        const plain = await statedFields(String(item.raw), ALL_FIELDS, false);
        const before = expected ? expected(String(item.raw), plain) : plain;
        const after = await statedFields(text, ALL_FIELDS, false);
        const known = KNOWN_MANGLE_MISSES[`${name}: ${item.id}`] !== undefined;
        if (known && after === before)
          changed.push(`${name}: ${item.id} reads the same now: take it off KNOWN_MANGLE_MISSES`);
        if (!known && after !== before) changed.push(`${item.id}: ${before}  ->  ${after}`);
      }
      expect(mangled).toBeGreaterThan(0);
      expect(changed).toEqual([]);
    });
  }
});

/**
 * Prefixes logs put in front of every line, in the shapes of the corpus: a timestamp with a
 * zone after a space (git, Ruby; the service event of issue 11), ISO 8601 (n-22, q-13), syslog
 * (ecs-49, x-38), `aws logs tail`, docker compose's service column and `kubectl logs --prefix`.
 */
const LINE_PREFIXES = [
  '2022-10-13 16:33:43 -0700 ',
  '2024-01-05T10:00:00.000Z ',
  'Jan  5 10:00:00 ip-10-0-0-1 ecs-agent[123]: ',
  '2024-01-05T10:00:00.000000+00:00 ecs/app/abc123 ',
  'app-1  | ',
  '[pod/app-7c5b9d-x2k4q/app] ',
];

const FIELDS = ['role', 'step', 'action', 'resource', 'policyType', 'explicitDeny'] as const;
/** A case that states every field: the whole first finding is compared. */
const ALL_FIELDS: CorpusCase = {
  id: 'every field',
  kind: 'text',
  raw: '',
  expected: Object.fromEntries(FIELDS.map((field) => [field, 'stated'])),
};

function extraCases(): CorpusCase[] {
  return readFileSync(new URL('../extra-cases/cases.jsonl', import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as CorpusCase);
}

/**
 * The fields a case states, as the first finding gives them, and how many messages and findings
 * were read: a wrap must neither split a message nor join two. Findings depend only on the
 * evidence, so one analysis serves every wrapping that reads back to the same evidence. The text
 * is read as the CLI reads a file (its format detected: a JSON document is read as the document it
 * is), so a case the CLI reads from its JSON is compared with what its mangled text reads as.
 */
const findingsByEvidence = new Map<string, Promise<string>>();
function statedFields(text: string, item: CorpusCase, counts = true): Promise<string> {
  const evidence = detectAndRead(text, 'wrapped.txt').evidence;
  const key = JSON.stringify(evidence.map((entry) => ({ ...entry, origin: null, raw: null })));
  let fields = findingsByEvidence.get(key);
  if (!fields) {
    fields = analyzeEvidence(evidence, []).then(({ findings, notPermission }) => {
      const first = findings[0] as unknown as Record<string, unknown> | undefined;
      // With no finding, what the report leads with instead: the look-alike named (a paste read
      // as several messages may name it on any of them), a note that it was read and not
      // recognised, or no answer at all.
      const named = notPermission.find((item) => item.kind !== 'unrecognised') ?? notPermission[0];
      const none = `none (${named?.kind ?? 'no answer'})`;
      const fields = FIELDS.map((field) => String(first ? (first[field] ?? 'none') : none).toLowerCase());
      return [...fields, `${evidence.length} messages`, `${findings.length} findings`].join(' | ');
    });
    findingsByEvidence.set(key, fields);
  }
  return fields.then((all) =>
    all
      .split(' | ')
      .filter((_, index) =>
        index >= FIELDS.length ? counts : item.expected[FIELDS[index] as string] != null,
      )
      .join(' | '),
  );
}

describe('word-wrapped pastes (fold -s) at every width from 40 to 200', () => {
  // A message is one line when ECS, an SDK or a log gives it; one the case already shows broken
  // over lines (by the tool that printed it) is not wrapped a second time.
  const oneLine = [...corpusCases(), ...extraCases()].filter(
    (item) => item.kind !== 'cloudtrail-record' && typeof item.raw === 'string' && !item.raw.includes('\n'),
  );
  const widths = Array.from({ length: 161 }, (_, index) => 40 + index);

  /**
   * Wraps known to read differently, each with why; a listed wrap that reads the same again fails
   * the test, so the list only shrinks.
   */
  const SPLIT_CODEBUILD =
    "CodeBuild's log published as one line with its records joined ('… [Container] 2023/04/15 22:23:51 Phase complete …'): a wrap that puts '[Container] <time>' at a line's start starts a record there, as CodeBuild prints it, so two messages are read; the finding is the same";
  const SPLIT_PANIC =
    "Go's panic ('pull command failed: panic: runtime error: …') wrapped so that 'panic:' or 'runtime error:' opens a line: read as a record of its own, as Go prints a panic; the same look-alike, no finding either way";
  const SPLIT_SESSION =
    "Session Manager's message for a session whose credentials had expired ('----------ERROR------- Setting up data channel … they were retrieved at <time> and expired at <time>'), wrapped so that a line is read as a message of its own: the same look-alike, no finding either way (the em- sample's base reads it so too)";
  const LOOK_ALIKE_PARTED =
    "a look-alike's one-line message trimmed at a wrap whose first half ends on a whole word or an author's '...' and whose second opens as a message may ('Failed to register task definition in' + 'ECS: Role is not valid', '… Amazon ECR...' + 'i/o timeout'): read as two messages, so the words that name it are parted; no finding either way, and the report names the other half's look-alike or says the first was read and not recognised";
  const SPLIT_SKAFFOLD =
    "Skaffold's one-line warning ('… level=warning msg=\"error checking cache, caching may not work as expected: getting hash for artifact …') wrapped so that a line opens as a record may: read as three messages, each read and not recognised as the whole was; the same answer, more messages";
  const em36 = (widths: number[]) =>
    Object.fromEntries(widths.map((width) => [`em-36 at ${width}`, SPLIT_SESSION]));
  const KNOWN_MISSES_EVERY_LAYOUT: Record<string, string> = {
    ...Object.fromEntries(
      [
        48,
        49,
        50,
        51,
        59,
        60,
        61,
        62,
        90,
        91,
        92,
        ...Array.from({ length: 11 }, (_, index) => 171 + index),
      ].map((width) => [`ej-24 at ${width}`, SPLIT_CODEBUILD]),
    ),
    ...Object.fromEntries([40, 41, 42].map((width) => [`ek-05 at ${width}`, SPLIT_PANIC])),
    ...Object.fromEntries(
      [40, 45, 46, 90, 91, 92, 93, 194].map((width) => [`ig-31 at ${width}`, SPLIT_SKAFFOLD]),
    ),
    ...Object.fromEntries(
      [42, 43, 48, 56, 82, 83, 98, 99, 100, 101, 161, 162, 163].map((width) => [
        `ig-32 at ${width}`,
        SPLIT_SKAFFOLD,
      ]),
    ),
  };
  const KNOWN_MISSES: Record<string, string> = {
    ...KNOWN_MISSES_EVERY_LAYOUT,
    ...em36([
      40, 41, 47, 48, 49, 50, 51, 52, 57, 58, 59, 69, 70, 71, 72, 73, 74, 75, 76, 81, 82, 83, 96, 97, 98, 99,
      100, 101, 132, 133, 134, 135, 136, 137, 138, 139, 191, 192, 193, 194, 195, 196, 197, 198, 199, 200,
    ]),
  };
  /** The same behind a prefix on every line, which moves some of em-36's wraps. */
  const KNOWN_PREFIXED_MISSES: Record<string, string> = {
    ...KNOWN_MISSES_EVERY_LAYOUT,
    ...em36([
      40, 41, 47, 48, 49, 51, 52, 53, 57, 58, 59, 69, 70, 71, 72, 73, 75, 76, 77, 81, 82, 83, 96, 97, 99, 100,
      101, 132, 133, 135, 136, 137, 138, 139, 191, 192, 193, 195, 196, 197, 198, 199,
    ]),
  };

  /** The same two, with the first line's timestamp moving each wrap. */
  const KNOWN_STAMPED_MISSES: Record<string, string> = {
    // The OpenTelemetry collector's zap record, its fields object folded onto a line of its own.
    ...Object.fromEntries(
      range(170, 178).map((width) => [
        `gs-15 at ${width}`,
        'a zap record (\'… Exporting failed. …  {"kind": "exporter", …}\') behind a console\'s time, folded at the blanks before its fields: a JSON object opening a line opens a record, so the record is read as two messages (both named as the same credentials look-alike)',
      ]),
    ),
    ...Object.fromEntries(
      [42, 43, 44, 45, 46, 52, 53, 54, 55, 56, 57, 197, 198, 199, 200].map((width) => [
        `ej-24 at ${width}`,
        SPLIT_CODEBUILD,
      ]),
    ),
    ...Object.fromEntries([62, 63, 64, 65, 66, 67, 68].map((width) => [`ek-05 at ${width}`, SPLIT_PANIC])),
    ...Object.fromEntries(
      [40, 45, 46, 90, 91, 92, 93, 200].map((width) => [`ig-31 at ${width}`, SPLIT_SKAFFOLD]),
    ),
    ...Object.fromEntries(
      [42, 43, 48, 56, 69, 81, 168, 169, 170].map((width) => [`ig-32 at ${width}`, SPLIT_SKAFFOLD]),
    ),
    ...em36([
      41, 42, 44, 45, 46, 47, 48, 49, 50, 51, 52, 56, 57, 58, 71, 72, 73, 74, 75, 76, 86, 107, 108, 109, 135,
      136, 137, 138, 139, 140, 141, 142, 143, 144, 145,
    ]),
  };

  /**
   * Wraps that read differently only once the blank at each line end is trimmed: the space the
   * wrap was made at is gone, and nothing in the text says there was one.
   */
  const KNOWN_TRIMMED_MISSES: Record<string, string> = {
    // A look-alike's words parted by a trimmed wrap, the report naming the other half or neither.
    ...Object.fromEntries(
      (
        [
          ['eg-29', [40]],
          ['el-41', [196, 197, 198, 199]],
          ['ff-17', [54, 55, 56, 57, 58, 59, 60, 61, 102, 103, 104, 105, 106, 107, 108, 109]],
          ['fh-02', [51, 52, 53]],
          ['fh-03', [48, 49, 50]],
          ['fk-04', [115, 116, 190, 191]],
          ['gd-21', [40]],
          ['ge-20', range(52, 63)],
          // ('The image definition file images.json contents invalid' + 'JSON format', gg-32.)
          ['gg-32', range(55, 59)],
          // ('…failed with status code [manifests v2.4.1]: 401 Unauthorized' read apart from kubelet's
          // 'Failed to pull image …', hl-06.)
          ['hl-06', [143, 144]],
          // ('… cannot be deleted while Container' + 'Instances are active or draining.', ho-09.)
          ['ho-09', range(40, 43)],
          // ('Service <arn>' + 'did not stabilize', hy-07: the ARN fills the line, the verdict alone on the next.)
          ['hy-07', range(71, 74)],
        ] as const
      ).flatMap(([id, widths]) => widths.map((width) => [`${id} at ${width}`, LOOK_ALIKE_PARTED])),
    ),
    ...Object.fromEntries(
      range(43, 45).map((width) => [
        `hv-10 at ${width}`,
        "STS's 'IncompleteSignature: The request signature' + 'we calculated does not match the signature', trimmed: two lines of one length read as a terminal's hard wrap, so the words are glued ('signaturewe'), and with no error word left in it the line is no error to try the glued rules on",
      ]),
    ),
    // The ig- to ij- sample's one-line messages, a trimmed wrap parting or gluing the words their reading needs.
    ...Object.fromEntries(
      (
        [
          [
            'ig-02',
            [78, 109, 110, 111, 112],
            "the registry's answer ('unexpected status code 401 Unauthorized: Not authorized') parted from the ECR address it was for onto a line read apart, so the login's look-alike is not named",
          ],
          [
            'ig-19',
            range(40, 51),
            "CloudFormation's 'No export named <name>' + 'found. …': the sentence's end opens a line of its own, so the words that name the missing export are parted",
          ],
          [
            'ih-03',
            [71, 72],
            "Terraform's heading ('Error: creating Glue Catalog Database' + '(tf-acc-…): operation error …') parted before its bracket: the heading alone is no Terraform line, so the refusal reads as an app's",
          ],
          [
            'ih-25',
            [53, 137, 138, 139],
            "MWAA's role's ARN glued to the next sentence ('…/mwaa-prod-execution-role.' + 'This could be …' read 'role.This'): a role's name may hold a full stop, so nothing says where it ends",
          ],
          [
            'ih-25',
            [140, 141, ...range(183, 189)],
            "MWAA's sentence parted after the role's ARN ('…execution-role.' + 'This could be due to the role's trust policy. Please ensure …'): the sentence naming the principal to trust is read apart from the ARN, and the first half reads as the ValidationException it is",
          ],
          [
            'ih-55',
            range(98, 102),
            "Step Functions' 'Invalid' + 'Role Arn: …' glued ('InvalidRole Arn'): the words that name the invalid request are no longer read as written",
          ],
          [
            'ii-37',
            range(121, 136),
            "IAM's short form 'on resource: role' + 'now-default-role' glued ('rolenow-default-role'): the kind and the name are one word, which no rule can part",
          ],
          [
            'ij-01',
            [...range(59, 63), ...range(95, 99), ...range(192, 195)],
            "the AWS .NET SDK's exception name and IAM's sentence parted onto lines read apart at these widths, so the Lambda function's session under 'User:' and the refusal are read as two messages",
          ],
          [
            'ij-11',
            range(124, 129),
            "Lambda's 'permission to GetObject for' + '<bucket/key>' parted: the object's name opens a line read apart from the sentence",
          ],
        ] as const
      ).flatMap(([id, widths, why]) => widths.map((width) => [`${id} at ${width}`, why])),
    ),
    // The agent's 'asm fetching secret from the service for <secret>' with its colon lost in the
    // paste: a trimmed wrap at that blank leaves 'AccessDeniedException:' opening a line, which
    // starts a message of its own, apart from the agent's words (fv-16).
    ...Object.fromEntries(
      range(56, 65).map((width) => [
        `fv-16 at ${width}`,
        "the ECS agent's words and the SDK's error read apart: the paste lost the colon between them, and a trimmed wrap there leaves the error's name opening a line",
      ]),
    ),
    // The same with the author's elision: 'ResourceInitializationError: ...' + 'AccessDeniedException:
    // Access to KMS is not allowed' (hk-01, a team's note): the elision ends the line as a sentence's
    // stop would, and the error's name opens the next.
    ...Object.fromEntries(
      range(40, 55).map((width) => [
        `hk-01 at ${width}`,
        "ECS's stopped reason with its middle elided ('ResourceInitializationError: ...') and the SDK's error on the next line: the elision reads as the end of a sentence and the error's name opens a message of its own, so KMS's refusal is read without ECS's words",
      ]),
    ),
    ...Object.fromEntries(
      range(99, 124).map((width) => [
        `gd-01 at ${width}`,
        "the page glued IAM's 'on' to the action ('ecr:GetWidgeton resource:…'); a trimmed wrap at the blank before 'resource:' glues that too, and 'GetWidgetonresource' is read as the action",
      ]),
    ),
    'fy-07 at 53':
      "CodeBuild's status ('… Unable to pull customer's container image.') and Docker's 'CannotPullContainerError: …' after it: a trimmed wrap at the sentence's end leaves the error's name opening a line, a message of its own, and without CodeBuild's words it is ECS's pull with the execution role",
    // IAM's sentence in Italian or Japanese: its action is read only as written in the text, and a
    // trimmed wrap glues it to the word before ('eseguire:' + 'ec2:RunInstances').
    ...Object.fromEntries(
      [
        ...[...range(88, 98), ...range(143, 160)].map((width) => `fr-16 at ${width}`),
        ...[...range(61, 66), ...range(122, 139)].map((width) => `fr-17 at ${width}`),
      ].map((key) => [
        key,
        "IAM's sentence translated into Italian or Japanese: the action, read only where the text writes one, is glued to the translated word a trimmed wrap put before it",
      ]),
    ),
  };

  // IAM's sentence with words where its ARNs go, a placeholder of several words cut by the trim
  // ('<assume role' + 'arn>', fl-14; '{account' + 'id }', fr-02; 'Account' + 'B', fr-22), or CloudFormation's 'API: s3:PutBucketPolicy' parted from
  // its 'Access Denied' (fj-19): the placeholder is glued, the call not named.
  Object.assign(
    KNOWN_TRIMMED_MISSES,
    Object.fromEntries(
      (
        [
          ['fl-14', [41, 42, 43, 44]],
          ['fj-19', [41, 42]],
          ['fr-02', [44, 45, 46, 124]],
          ['fr-22', [68, ...range(187, 200)]],
          ['ge-07', [51, 52, 53, 96, 97, 98, 99]],
          ['ge-10', range(113, 117)],
        ] as const
      ).flatMap(([id, widths]) =>
        widths.map((width) => [
          `${id} at ${width}`,
          "a trimmed wrap's blank inside IAM's or CloudFormation's words where nothing says a blank was there: a placeholder of several words ('<assume role' + 'arn>') is glued, or 'API: s3:PutBucketPolicy' is read apart from its 'Access Denied'",
        ]),
      ),
    ),
  );

  // Firehose's sentence parted before a capitalised word ('…for the provided' + 'IAM role allows …'):
  // the second line opens as a sentence may, so the trust's words are read apart.
  for (const key of ['gl-01 at 68', 'gl-02 at 48', 'gl-02 at 49'])
    KNOWN_TRIMMED_MISSES[key] =
      "Firehose's sentence trimmed at a blank before a capitalised word ('Ensure that the trust policy for the provided' + 'IAM role allows Kinesis Firehose to assume the role'): the next line opens as a sentence may, so the words that name the trust are parted";
  // A service's name parted from its words by a trimmed wrap: SageMaker's '…in registry' + 'ID: <account>.'
  // (a label opening a line opens a record), EMR Serverless's '…failed to start. EMR' + 'Serverless service
  // principal …' (a sentence ended before a capitalised word).
  for (const key of [...range(155, 158).map((width) => `gm-02 at ${width}`), 'gm-07 at 40', 'gm-07 at 41'])
    KNOWN_TRIMMED_MISSES[key] =
      "a service's own words parted by a trimmed wrap where the next line opens as a record may ('in registry' + 'ID: 314815235551.', 'to start. EMR' + 'Serverless service principal is not'): read apart, the words that say the service pulled are not whole, and the refusal reads as an app's";
  // Copilot's 'upload deploy resources for service' + '<name>: upload custom …': a name and a colon
  // open the line as a label does, after a whole word (gg-02 at 40 and 41).
  for (const width of [40, 41])
    KNOWN_TRIMMED_MISSES[`gg-02 at ${width}`] =
      "a trimmed wrap before a service's name and a colon ('…for service' + 'xxxxxxxxxxxxx-lbws: upload custom'): the name opens its line as a label opens a record, so Copilot's words are read apart from S3's Access Denied";

  // A service's message whose first sentence fills the line ('…mounting '127.0.0.1:/' failed.' +
  // 'permission denied', gx-01, or '…' + 'connection reset by peer', gx-02; 'The COPY command was unable to access the S3 bucket.' + 'Ensure
  // that the access policy for the provided IAM role …', gx-20): a trimmed wrap at a sentence's end
  // leaves nothing to say the next line continues it, so the refusal and the words naming its
  // caller are read apart.
  for (const key of [
    ...range(45, 55).map((width) => `gx-01 at ${width}`),
    ...range(45, 55).map((width) => `gx-02 at ${width}`),
    ...range(56, 59).map((width) => `gx-20 at ${width}`),
  ])
    KNOWN_TRIMMED_MISSES[key] =
      "a service's first sentence fills its line and a trimmed wrap falls at its full stop ('… failed.' + 'permission denied'; '… the S3 bucket.' + 'Ensure that the access policy …'): nothing shows the next line continues it, so the refusal and the words that name its caller are read apart";
  // ECS-native blue/green's rollback parted from the infrastructure role it names ('… due to missing' +
  // 'permissions on ECS Infrastructure Role …', hn-04 at 76): the rollback's own words are named first.
  KNOWN_TRIMMED_MISSES['hn-04 at 76'] =
    "a trimmed wrap parts ECS's 'unable to manage the ELB resources due to missing' from 'permissions on ECS Infrastructure Role …': the rollback's first line is named as its load balancer setup, the role's refusal read apart";
  // The ECS agent's 'error creating container' alone on a line of 24 columns, folded at 45 before
  // '[~internal~ecs~pause];' (22 columns): a line under three fifths of the width, the next word under
  // half of it, reads as a line that ended on its own (hc-07 at 45, aws/amazon-ecs-agent#2193).
  KNOWN_TRIMMED_MISSES['hc-07 at 45'] =
    "a trimmed wrap leaves 'error creating container' on a line of its own, under three fifths of the width, before a word just under half of it: read as a line that ended there, the agent's words are parted from the pause container they name";
  // A query's table row of two ARN columns, trimmed at the blank between them: the trail's ARN and
  // the caller's are glued into one resource (ha-23 at 66, a gist of flaws.cloud's CloudTrail rows).
  KNOWN_TRIMMED_MISSES['ha-23 at 66'] =
    "a table row's two ARN columns trimmed at the blank between them: the trail's ARN and the user's read as one resource";

  /** Trimmed and double-spaced: the trimmed misses, and a blank after a whole sentence the writer's. */
  const KNOWN_TRIMMED_DOUBLED_MISSES: Record<string, string> = {
    ...KNOWN_TRIMMED_MISSES,
    'q-20 at 145':
      "EC2's sentence ends its line ('…perform this operation.') on the widest line but one, so nothing shows the line was full: the blank after it is kept as the writer's, and the caller's sentence is read apart",
    ...Object.fromEntries(
      range(49, 51).map((width) => [
        `er-08 at ${width}`,
        "a logfmt record's quoted message ends a sentence ('…alert panel image.\"'): the blank after it is kept as the writer's, so the next key ('logger=… error=\"AccessDenied…') is read as a record of its own",
      ]),
    ),
  };

  /** Each wrapping against the same message unwrapped (with the same prefix, when it has one). */
  async function changedBy(
    wrap: (raw: string, width: number) => string,
    unwrapped: (raw: string, width: number) => string = (raw) => raw,
    counts = true,
    knownMisses: Record<string, string> = KNOWN_MISSES,
  ): Promise<string[]> {
    const changed: string[] = [];
    for (const item of oneLine) {
      const raw = String(item.raw);
      for (const width of widths) {
        if (raw.length <= width) break;
        const before = await statedFields(unwrapped(raw, width), item, counts);
        const after = await statedFields(wrap(raw, width), item, counts);
        const known = knownMisses[`${item.id} at ${width}`] !== undefined;
        if (known && after === before)
          changed.push(`${item.id} at ${width} reads right now: take it off KNOWN_MISSES`);
        if (!known && after !== before) changed.push(`${item.id} at ${width}: ${before}  ->  ${after}`);
      }
    }
    return changed;
  }

  it('with the blank kept at each line end: same diagnosis', async () => {
    expect(oneLine.length).toBeGreaterThan(150);
    expect(await changedBy(foldAtSpaces)).toEqual([]);
  });

  it('with the blank at each line end trimmed, as a copy from a terminal leaves it: same diagnosis', async () => {
    // The fields only: a few two-line wraps still split in two messages (the bench counts them).
    const trimmed = (raw: string, width: number) => foldAtSpaces(raw, width).replace(/ +\n/g, '\n');
    expect(await changedBy(trimmed, undefined, false, KNOWN_TRIMMED_MISSES)).toEqual([]);
  });

  it('double-spaced, a blank line after every line, as a word processor, a wiki or a chat pastes it: same diagnosis', async () => {
    // The fields only: a message a writer set apart from the next stays apart, so counts may differ.
    const doubleSpaced = (raw: string, width: number) => foldAtSpaces(raw, width).split('\n').join('\n\n');
    // Three wraps the fold alone reads wrong at some widths read right double-spaced: a blank line
    // after each line, every line stands alone, so the joins that went wrong are not made.
    const knownMisses = Object.fromEntries(
      Object.entries(KNOWN_MISSES).filter(([key]) => !/^(?:ej-24|ek-05|em-36|ig-31|ig-32) at /.test(key)),
    );
    expect(await changedBy(doubleSpaced, undefined, false, knownMisses)).toEqual([]);
  });

  it("trimmed and double-spaced, a terminal's copy pasted into a word processor or a chat: same diagnosis", async () => {
    const trimmedDoubled = (raw: string, width: number) =>
      foldAtSpaces(raw, width).replace(/ +\n/g, '\n').split('\n').join('\n\n');
    expect(await changedBy(trimmedDoubled, undefined, false, KNOWN_TRIMMED_DOUBLED_MISSES)).toEqual([]);
  });

  it('with a log prefix on every line, each prefix with Unix and Windows line endings: same diagnosis', async () => {
    const prefixOf = (width: number) => LINE_PREFIXES[width % LINE_PREFIXES.length];
    const changed = await changedBy(
      (raw, width) => {
        const lines = foldAtSpaces(raw, width)
          .split('\n')
          .map((line) => `${prefixOf(width)}${line}`);
        return lines.join(Math.floor(width / LINE_PREFIXES.length) % 2 === 1 ? '\r\n' : '\n');
      },
      (raw, width) => `${prefixOf(width)}${raw}`,
      true,
      KNOWN_PREFIXED_MISSES,
    );
    expect(changed).toEqual([]);
  });

  it('with a timestamp on the first line only, as a service event pasted from the console: same diagnosis', async () => {
    const stamped = (raw: string) => `${LINE_PREFIXES[0]}${raw}`;
    expect(
      await changedBy((raw, width) => foldAtSpaces(stamped(raw), width), stamped, true, KNOWN_STAMPED_MISSES),
    ).toEqual([]);
  });
});
