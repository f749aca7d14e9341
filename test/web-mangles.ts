/**
 * How a message changes on its way through a web page (AWS re:Post and its Knowledge Center,
 * Stack Overflow, AWS documentation, blogs) before it is pasted: shared by the mangled-corpus
 * test and test/domain/web-text.test.ts. Seen on real pages:
 * - French Knowledge Center (https://www.repost.aws/fr/knowledge-center/ecs-unable-to-pull-secrets):
 *   each stopped reason a bullet ("  • "), inside « » with non-breaking spaces, the message's
 *   " - " set as an en dash ("found. – (minimum field size…"), placeholders `<region>:<accountID>`;
 * - curly quotes around a message: https://hatchjs.com/user-is-not-authorized-to-perform-stsassumerole-on-resource/
 *   (“User is not authorized to perform: sts:assumerole on resource.”), and a closing one on an
 *   exception's name in the Portuguese AWS RAM guide (https://docs.aws.amazon.com/pt_br/ram/latest/userguide/tshoot-access-denied.html:
 *   `Erro: "AccessDeniedException”`);
 * - a message in a code span with a comma after it (https://github.com/doctorray117/minecraft-ondemand/issues/53),
 *   in a fenced block (https://github.com/pulumi/pulumi/issues/6725), `XXXX` for the account;
 * - a line break of the page's layout inside IAM's sentence (the IAM User Guide's
 *   troubleshoot_access-denied page, corpus app-16 to app-20);
 * - numbered steps ("1.    Open your /etc/ecs/ecs.config file."): https://aws.amazon.com/premiumsupport/knowledge-center/ecs-iam-task-roles-config-errors/;
 * - placeholders: `accountID` (https://repost.aws/knowledge-center/ec2-not-auth-launch), `111122223333`
 *   (https://repost.aws/knowledge-center/backup-decode-encoded-error), `<account-id>`
 *   (https://blog.gitcode.com/0a091f48c7ef6b8cdca1add2aa09facb.html), `ACCOUNT_ID`
 *   (https://openillumi.com/en/en-fix-ecs-runtask-no-revision-access-denied), `*****`
 *   (https://github.com/fabfuel/ecs-deploy/issues/119);
 * - HTML entities left in an S3 error pasted from a page (`&lt;Error&gt;&lt;Code&gt;AccessDenied&lt;/Code&gt;`):
 *   seen in public repositories' pasted text; no stored page showed a non-breaking, a
 *   zero-width space or a `<br>` in an AWS message, which HTML renders unseen: they are
 *   here because a copy from an HTML page carries them (`&nbsp;`, `<wbr>`/U+200B in long words).
 */

export interface WebMangle {
  applies: (raw: string) => boolean;
  mangle: (raw: string) => string;
  /** The plain read as the mangled text must give it, when the mangle changes what it names. */
  expected?: (raw: string, plain: string) => string;
}

/** Typographic quotes as a page's editor sets them: opening after a blank or a bracket, closing elsewhere. */
export function curlyQuotes(raw: string): string {
  return raw
    .replace(/(^|[\s([{])"/g, '$1\u201c')
    .replace(/"/g, '\u201d')
    .replace(/(^|[\s([{])'/g, '$1\u2018')
    .replace(/'/g, '\u2019');
}

/** What an HTML escape of the text shows when a page prints it escaped twice. */
export function htmlEntities(raw: string): string {
  return raw
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const ALL_TEXT = () => true;

/** Twelve-digit account ids, as a page's author hides them. */
const ACCOUNT = /(?<![\d])\d{12}(?![\d])/g;

function placeholder(mark: string): WebMangle {
  return {
    applies: (raw) => /(?<!\d)\d{12}(?!\d)/.test(raw),
    mangle: (raw) => raw.replace(ACCOUNT, mark),
    expected: (raw, plain) => {
      let read = plain;
      for (const id of new Set(raw.match(ACCOUNT) ?? [])) read = read.split(id).join(mark.toLowerCase());
      return read;
    },
  };
}

export const WEB_MANGLES: Record<string, WebMangle> = {
  'curly quotes (“ ” ‘ ’) set by a page': { applies: (raw) => /["']/.test(raw), mangle: curlyQuotes },
  'HTML entities left in (&quot; &#39; &lt; &gt; &amp;)': {
    applies: (raw) => /["'<>&]/.test(raw),
    mangle: htmlEntities,
  },
  'non-breaking spaces for blanks': { applies: ALL_TEXT, mangle: (raw) => raw.replace(/ /g, '\u00a0') },
  'zero-width spaces where a page lets a long ARN break': {
    applies: (raw) => /[:/]/.test(raw),
    mangle: (raw) => raw.replace(/([:/])(?=\S)/g, '$1\u200b'),
  },
  'en and em dashes for " - " and "--"': {
    applies: (raw) => / - |--/.test(raw),
    mangle: (raw) => raw.replace(/ - /g, ' \u2013 ').replace(/--/g, '\u2014'),
  },
  'a bullet in front ("• ")': { applies: ALL_TEXT, mangle: (raw) => `\u2022 ${raw}` },
  'a list dash in front ("- ")': { applies: ALL_TEXT, mangle: (raw) => `- ${raw}` },
  'a list number in front ("1. ")': { applies: ALL_TEXT, mangle: (raw) => `1. ${raw}` },
  // Markdown's list item of several lines: its later lines indented under its text.
  'a list item of several lines, the later ones under its text': {
    applies: (raw) => raw.includes('\n'),
    mangle: (raw) =>
      raw
        .split('\n')
        .map((line, index) => (index === 0 ? `- ${line}` : `  ${line}`))
        .join('\n'),
  },
  'inside backticks': { applies: (raw) => !raw.includes('`'), mangle: (raw) => `\`${raw}\`` },
  'inside a fenced block': { applies: ALL_TEXT, mangle: (raw) => `\`\`\`\n${raw}\n\`\`\`` },
  "inside HTML's '<pre><code>' as a page's source keeps it": {
    applies: ALL_TEXT,
    mangle: (raw) => `<pre><code>${raw}</code></pre>`,
  },
  // A Jira ticket's wiki markup, as its source or its notification mail holds it.
  "inside a Jira code block ('{code:java}' and '{code}' on lines of their own)": {
    applies: ALL_TEXT,
    mangle: (raw) => `{code:java}\n${raw}\n{code}`,
  },
  "inside Jira's '{noformat}' on the text's own first and last lines": {
    applies: ALL_TEXT,
    mangle: (raw) => `{noformat}${raw}{noformat}`,
  },
  'line breaks left as <br>': {
    applies: (raw) => raw.includes('\n'),
    mangle: (raw) => raw.replace(/\n/g, '<br>'),
  },
  'line breaks left as <br /> before each break': {
    applies: (raw) => raw.includes('\n'),
    mangle: (raw) => raw.replace(/\n/g, '<br />\n'),
  },
  'inside French quotes (« … »)': { applies: ALL_TEXT, mangle: (raw) => `\u00ab\u00a0${raw}\u00a0\u00bb` },
  'account id as <account-id>': placeholder('<account-id>'),
  'account id as 111122223333': placeholder('111122223333'),
  'account id as xxxxxxxxxxxx': placeholder('xxxxxxxxxxxx'),
  'account id as ****': placeholder('****'),
  'account id as [REDACTED]': placeholder('[REDACTED]'),
  'account id as ACCOUNT_ID': placeholder('ACCOUNT_ID'),
};
