/**
 * A message as a web page hands it over (AWS re:Post and its Knowledge Center, Stack Overflow,
 * AWS documentation, blogs), back to the text the console or the log printed: the page's
 * typography, its HTML left in, and the list item or code span it was set in.
 */

/**
 * Signs of a page's hand: typographic quotes and dashes, non-breaking and zero-width blanks,
 * bullets, French quotes, a backtick, an HTML entity or line break, Jira's markup. Most logs
 * have none, and are given back as they are after this one test.
 */
const WEB_SIGNS =
  /[\u00a0\u00ab\u00ad\u00bb\u2000-\u201f\u2022\u2028\u2029\u202f\u2060\u2212\ufeff`]|&(?:#\d{1,7}|#x[\da-f]{1,6}|[a-z]{2,6});|<br\b|\{(?:code|noformat|quote|panel)\b/i;
/** HTML's code tags, in lower case only (see CODE_TAG). */
const CODE_TAG_SIGN = /<\/?(?:pre|code)\b/;
/** A list item's mark opening the text: "- ", "• ", "1. ", "2) ". */
const LEADING_LIST_MARK = /^\s*(?:[-\u2022\u2013]|\d{1,2}[.)])[ \t\u00a0]/;

/**
 * Characters a page sets for plain ones. Curly quotes for straight ones (an editor's "smart
 * quotes"), dashes and a minus for a hyphen, blanks of every width for a space; the zero-width
 * ones (a page lets a long ARN break there; a soft hyphen; a byte-order mark) are dropped.
 */
const PLAIN: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201b': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u201f': '"',
  '\u00ab': '"',
  '\u00bb': '"',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2015': '-',
  '\u2212': '-',
  '\u2028': '\n',
  '\u2029': '\n',
};
const TYPOGRAPHY =
  /[\u00a0\u00ab\u00ad\u00bb\u2000-\u2015\u2018-\u201f\u2028\u2029\u202f\u2060\u2212\ufeff]/g;

function plainCharacter(character: string): string {
  const plain = PLAIN[character];
  if (plain !== undefined) return plain;
  // What is left of the class: blanks of every width (a space), zero-width ones (nothing).
  return /[\u00a0\u2000-\u200a\u202f]/.test(character) ? ' ' : '';
}

/** The entities a page leaves in when it escapes a message twice (re:Post's `&quot;`). */
const NAMED_ENTITIES: Record<string, string> = {
  quot: '"',
  apos: "'",
  amp: '&',
  lt: '<',
  gt: '>',
  nbsp: ' ',
  lsquo: "'",
  rsquo: "'",
  ldquo: '"',
  rdquo: '"',
  laquo: '"',
  raquo: '"',
  ndash: '-',
  mdash: '-',
};
const ENTITY = /&(#\d{1,7}|#x[\da-f]{1,6}|[a-z]{2,6});/gi;

function decodedEntity(entity: string, name: string): string {
  if (name.startsWith('#')) {
    const code =
      name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
    // A control character or a code point past Unicode's is no text a message holds.
    if (!Number.isInteger(code) || code < 32 || code > 0x10ffff) return entity;
    // A no-break space reads as a blank.
    return code === 0xa0 ? ' ' : String.fromCodePoint(code);
  }
  return NAMED_ENTITIES[name.toLowerCase()] ?? entity;
}

/**
 * The characters a page's HTML escapes stand for ('arn:aws:sts::&lt;root account ID&gt;:…').
 * One pass, so '&amp;lt;' is the text '&lt;'.
 */
export function decodeHtmlEntities(text: string): string {
  return text.includes('&') ? text.replace(ENTITY, decodedEntity) : text;
}

/**
 * HTML's preformatted and code tags a page's source keeps around a message ('<pre><code>…</code></pre>'),
 * in lower case as pages write them: S3's XML error names its code in '<Code>' (z-15).
 */
const CODE_TAG = /<\/?(?:pre|code)(?:\s[^<>\n]*)?>/g;
/** A break the page's HTML wrote as a tag: one line break, whether the text broke there too or not. */
const BREAK_TAG = /<br\s*\/?>(?:\r?\n)?/gi;
/** A Markdown fence's line (three backticks, a language after them). */
const FENCE_LINE = /^[ \t]*```[\w+-]*[ \t]*$/gm;
/** A fence glued to the text it opens or closes. */
const GLUED_FENCE = /^([ \t]*)```(?=\S)|(?<=\S)```[ \t]*$/gm;
/**
 * Jira's wiki markup, as a ticket's source or its mail holds it: a block's marks on lines of
 * their own ("{code:java}", "{noformat}", "{quote}", "{panel:title=…}"), or on the first and last
 * lines of the text they enclose. (Not its monospace, "{{…}}": a template's placeholder is
 * written so too, "arn:aws:iam::{{account_id}}:user/…", x-47.)
 */
const JIRA_MARK = String.raw`\{(?:code|noformat|quote|panel)(?::[^}\n]*)?\}`;
const JIRA_BLOCK_LINE = new RegExp(String.raw`^[ \t]*${JIRA_MARK}[ \t]*$`, 'gm');
const GLUED_JIRA_MARK = new RegExp(String.raw`^([ \t]*)${JIRA_MARK}|${JIRA_MARK}[ \t]*$`, 'gm');

/**
 * What a page puts before the message on its first line: a list's mark (or marks: a list
 * inside a list) and the opening of a code span or a French quotation.
 */
const OPENING = /^(\s*?)((?:(?:[-\u2022]|\d{1,2}[.)])[ \t]+|`|\u00ab[ \t\u00a0\u202f]*)+)/;
/** What closes that code span or quotation at the end of the last line. */
const CLOSING = /(?:`|[ \t\u00a0\u202f]*\u00bb)([.,;:]?)[ \t]*$/;

/** The zero-width characters a page puts where it lets a long word break (the ones plainWebText drops). */
const ZERO_WIDTH = /[\u00ad\u200b-\u200f\u2060\ufeff]/;
const ZERO_WIDTH_ALL = new RegExp(ZERO_WIDTH.source, 'g');

/**
 * The text without a page's zero-width characters and nothing else changed: for a document
 * (JSON) whose quotes and dashes must stay as they are, but whose values a page broke ('arn:\u200baws').
 */
export function withoutZeroWidth(text: string): string {
  return ZERO_WIDTH.test(text) ? text.replace(ZERO_WIDTH_ALL, '') : text;
}

/**
 * The text as a console or a log printed it, from what a web page shows. Only what a page
 * adds goes: a message's own backticks (Go's `name'), quotes and words stay.
 */
export function plainWebText(text: string): string {
  if (!WEB_SIGNS.test(text) && !CODE_TAG_SIGN.test(text) && !LEADING_LIST_MARK.test(text)) return text;
  let plain = text.replace(BREAK_TAG, '\n');
  plain = decodeHtmlEntities(plain);
  plain = plain.replace(JIRA_BLOCK_LINE, '').replace(GLUED_JIRA_MARK, '$1').replace(CODE_TAG, '');
  plain = unenclosed(plain.replace(FENCE_LINE, '').replace(GLUED_FENCE, '$1'));
  return plain.replace(TYPOGRAPHY, plainCharacter);
}

/**
 * The text without the list mark and the code span or quotation a page set it in. On a text of
 * several lines the marks become blanks, so the first line keeps its width (a terminal's hard
 * wrap is read from its lines' lengths); on one line they go, so the message opens the line.
 */
function unenclosed(text: string): string {
  const opening = OPENING.exec(text);
  const marks = opening?.[2] ?? '';
  if (marks === '') return text;
  const spanOpened = marks.endsWith('`') || marks.includes('\u00ab');
  let rest = text.slice((opening?.[0] ?? '').length);
  if (spanOpened) {
    const closing = CLOSING.exec(rest);
    if (closing) rest = `${rest.slice(0, closing.index)}${closing[1] ?? ''}`;
  }
  const lead = opening?.[1] ?? '';
  if (keepsWidth(lead, marks, rest)) return `${lead}${' '.repeat(marks.length)}${rest}`;
  // The item's later lines without the blanks that only put them under its text.
  const under = itemIndentation(lead, marks, rest);
  const lines = under === null ? rest : rest.split(`\n${under}`).join('\n');
  // The list's own indentation goes with its mark; the blank lines before it stay (they are counted).
  return `${lead.replace(/[^\n]+$/, '')}${lines}`;
}

/**
 * The blanks that put a list item's later lines under its text, past the mark ("- [ERROR]: …"
 * then "  [FATAL]: …"), when every later line has them: once the mark is gone they mark
 * nothing, where a line's own indentation would mark it going on. Null when not so set.
 */
function itemIndentation(lead: string, marks: string, rest: string): string | null {
  const later = rest
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '');
  const under = ' '.repeat(lead.length - lead.lastIndexOf('\n') - 1 + marks.length);
  return later.length > 0 && later.every((line) => line.startsWith(under)) ? under : null;
}

/**
 * Whether the first line is as long as a later one, with its marks or without them: a
 * terminal's hard wrap, whose width the marks' blanks keep. Otherwise the marks go.
 */
function keepsWidth(lead: string, marks: string, rest: string): boolean {
  const lines = rest.split('\n');
  if (lines.length < 2) return false;
  const bare = lead.length - lead.lastIndexOf('\n') - 1 + (lines[0]?.trimEnd().length ?? 0);
  if (bare < 40) return false;
  return lines.slice(1).some((line) => {
    const length = line.trimEnd().length;
    return length === bare || length === bare + marks.length;
  });
}
