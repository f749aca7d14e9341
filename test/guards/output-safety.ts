/**
 * What the output-safety guard looks for, written apart from the code it checks (it does not
 * call src/report/visible-text.ts or markdown-escape.ts): characters a terminal would act on,
 * and Markdown that GitHub would render as HTML, a link or a broken table.
 */

/**
 * C0 controls but line feed and tab, DEL, C1 controls, bidirectional controls and marks,
 * line and paragraph separators. `allowSgr`: the TUI's own colours (ESC [ … m) are allowed.
 */
export function controlCharacters(text: string, options: { allowSgr?: boolean } = {}): string[] {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the TUI's own colours are the one escape allowed
  const checked = options.allowSgr ? text.replace(/\u001b\[[0-9;]*m/g, '') : text;
  const found: string[] = [];
  for (const character of checked) {
    const code = character.codePointAt(0) ?? 0;
    const control =
      (code < 0x20 && code !== 0x0a && code !== 0x09) ||
      (code >= 0x7f && code <= 0x9f) ||
      code === 0x061c ||
      code === 0x200e ||
      code === 0x200f ||
      (code >= 0x2028 && code <= 0x202e) ||
      (code >= 0x2066 && code <= 0x2069);
    if (control) found.push(`U+${code.toString(16).padStart(4, '0')}`);
  }
  return found;
}

/** The HTML blocks the report writes itself (its collapsible sections); anything else is evidence. */
const OWN_HTML = /^<\/?details>$|^<summary>[^<>]*<\/summary>$/;

interface Fence {
  character: string;
  length: number;
}

/** A fence line (up to three spaces of indentation beyond the list's), or null. */
function fenceOf(line: string): Fence | null {
  const match = /^\s*(`{3,}|~{3,})(.*)$/.exec(line);
  if (!match?.[1]) return null;
  // A backtick fence's info string holds no backtick (CommonMark 4.5).
  if (match[1].startsWith('`') && match[2]?.includes('`')) return null;
  return { character: match[1].charAt(0), length: match[1].length };
}

/** The line with its code spans removed (a run of n backticks to the next run of exactly n). */
function withoutCodeSpans(line: string): string {
  let out = '';
  let at = 0;
  while (at < line.length) {
    if (line[at] === '\\') {
      out += line.slice(at, at + 2);
      at += 2;
      continue;
    }
    if (line[at] !== '`') {
      out += line[at];
      at += 1;
      continue;
    }
    const run = /^`+/.exec(line.slice(at))?.[0] ?? '`';
    const close = new RegExp(`(?<!\`)${run}(?!\`)`, 'g');
    close.lastIndex = at + run.length;
    const end = close.exec(line);
    if (!end) {
      out += run;
      at += run.length;
      continue;
    }
    out += ' ';
    at = end.index + run.length;
  }
  return out;
}

/** Pipes that delimit cells: not escaped (GFM splits cells before reading code spans). */
const cellPipes = (line: string) => (line.replace(/\\./g, '').match(/\|/g) ?? []).length;

/**
 * What in a Markdown document GitHub (CommonMark + GFM) would render live: raw HTML, a link
 * or an autolink, an image, an entity, outside code; a table row with more or fewer cells
 * than its header. Code fences and spans are followed as CommonMark closes them, so evidence
 * that closes its own fence shows up as live text after it.
 */
export function liveMarkup(markdown: string): string[] {
  const problems: string[] = [];
  let fence: Fence | null = null;
  let tableCells: number | null = null;
  markdown.split('\n').forEach((line, index) => {
    const where = `line ${index + 1}`;
    if (fence) {
      const closing = fenceOf(line);
      if (
        closing &&
        closing.character === fence.character &&
        closing.length >= fence.length &&
        /^\s*[`~]+\s*$/.test(line)
      )
        fence = null;
      return;
    }
    const opening = fenceOf(line);
    if (opening) {
      fence = opening;
      return;
    }
    const trimmed = line.trim();
    if (OWN_HTML.test(trimmed)) return;
    if (trimmed.startsWith('|')) {
      const cells = cellPipes(trimmed);
      if (tableCells === null) tableCells = cells;
      else if (cells !== tableCells)
        problems.push(`${where}: a table row with ${cells - 1} cells, not ${tableCells - 1}`);
    } else tableCells = null;
    const prose = withoutCodeSpans(line).replace(/\\[!-/:-@[-`{-~]/g, ' ');
    const checks: [RegExp, string][] = [
      [/<[A-Za-z/!?]/, 'raw HTML'],
      [/<[a-z][a-z0-9+.-]*:/i, 'an autolink'],
      [/\]\(|\]\[|^\s*(?:[-*+]\s+)?\[[^\]]*\]:/, 'a link'],
      [/\b(?:https?|ftp):\/\/|\bwww\./i, 'a bare URL GitHub links'],
      [/&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i, 'an HTML entity'],
    ];
    for (const [pattern, what] of checks)
      if (pattern.test(prose)) problems.push(`${where}: ${what}: ${line}`);
  });
  if (fence) problems.push('a code fence is never closed: the rest of the document is code');
  return problems;
}
