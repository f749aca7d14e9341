/**
 * Evidence in a Markdown report shows as text wherever the report is rendered (GitHub,
 * GitLab, Confluence): `<img onerror>`, `<script>`, `[x](javascript:…)` and a bare URL link
 * or run nothing; a backtick run cannot close the code around it; `|` and a line break cannot
 * break a table. Control characters are made visible first (visible-text.ts).
 */
import { visibleText } from './visible-text.js';

/**
 * Characters CommonMark gives a meaning to inline, or HTML does: each is backslash-escaped.
 * An underscore inside a word (`service_control_policy`) emphasises nothing and stays.
 */
const INLINE_MARKUP = /[\\`*[\]<>&#~|]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g;
/** What GitHub and GitLab turn into a link by themselves (autolinks and extended autolinks). */
const BARE_LINK = /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s<>`|]*/gi;

/** Any run of white space (line breaks too) as one space: a line break would end a list item or a heading. */
const oneLine = (text: string) => visibleText(text).replace(/\s+/g, ' ');

/** The shortest backtick run that the text does not hold, for a code span or fence around it. */
function fenceFor(text: string, minimum: number): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  return '`'.repeat(Math.max(minimum, longest + 1));
}

/** A URL in a sentence ends before the sentence's punctuation and an unbalanced `)`. */
function withoutTrailingPunctuation(url: string): string {
  let end = url.length;
  while (end > 0) {
    const last = url[end - 1] ?? '';
    const opened = (url.slice(0, end).match(/\(/g) ?? []).length;
    const closed = (url.slice(0, end).match(/\)/g) ?? []).length;
    if (/[.,:;!?'"]/.test(last) || (last === ')' && closed > opened)) end -= 1;
    else break;
  }
  return url.slice(0, end);
}

/**
 * Text in prose: markup characters escaped, a URL in a code span (a code span links nothing,
 * and the address is still there to read and copy).
 */
export function markdownText(text: string): string {
  const line = oneLine(text);
  let out = '';
  let at = 0;
  for (const match of line.matchAll(BARE_LINK)) {
    const link = withoutTrailingPunctuation(match[0]);
    out += line.slice(at, match.index).replace(INLINE_MARKUP, '\\$&');
    out += markdownCode(link);
    at = match.index + link.length;
  }
  return out + line.slice(at).replace(INLINE_MARKUP, '\\$&');
}

/** A code span that holds the text as it is: its fence is longer than any backtick run inside. */
export function markdownCode(text: string): string {
  const line = oneLine(text);
  const fence = fenceFor(line, 1);
  // A span starting or ending with a backtick needs a space between it and the fence.
  const pad = line.startsWith('`') || line.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${line}${pad}${fence}`;
}

/**
 * A table cell: `|` escaped even inside code (GitHub splits cells before it reads code spans;
 * the escaped pipe shows as `|`).
 */
export function markdownCell(markdown: string): string {
  return markdown.replace(/(?<!\\)\|/g, '\\|');
}

/** A fenced code block around the text; the fence is longer than any backtick run inside. */
export function markdownFence(text: string, language = '', indent = ''): string[] {
  const body = visibleText(text);
  const fence = fenceFor(body, 3);
  return [
    `${indent}${fence}${language}`,
    ...body.split('\n').map((line) => `${indent}${line}`),
    `${indent}${fence}`,
  ];
}
