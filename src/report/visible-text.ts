/**
 * Evidence is text an attacker may write (a stopped reason, an app's log line, a file name),
 * and a terminal obeys what it prints: ESC ] 0 sets the window title, ESC [ 2J clears the
 * screen, ESC ] 52 writes the clipboard, a right-to-left override turns `exe.txt` into
 * `txt.exe`. Every view (the text and Markdown reports, the fix snippets, the TUI, the
 * warnings on stderr) passes what it shows through here, so such a character is shown as
 * its escape (`\x1b`, `\u202e`) instead of acting: the user sees that something was there.
 */

/**
 * C0 controls but line feed and tab (layout), DEL, C1 controls (U+009B is a CSI on its own),
 * bidirectional controls and marks, line and paragraph separators, the BOM, the interlinear
 * annotation characters.
 */
const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this module's job
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff\ufff9-\ufffb]/g;
const UNSAFE_ONE = new RegExp(UNSAFE.source);

function escaped(character: string): string {
  const code = character.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** The text with every character a terminal or a renderer would act on shown as its escape. */
export function visibleText(text: string): string {
  if (!UNSAFE_ONE.test(text)) return text;
  // A Windows line end is a line end, not a carriage return to show.
  return text.replace(/\r\n/g, '\n').replace(UNSAFE, escaped);
}

/**
 * A value with every string in it made visible: the Analysis a view renders. Objects and
 * arrays without such a character are returned as they are, so a clean analysis costs one
 * walk and no copy.
 */
export function visibleStrings<T>(value: T): T {
  if (typeof value === 'string') return visibleText(value) as T;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let index = 0; index < value.length; index += 1) {
      const item = value[index];
      const visible = visibleStrings(item);
      if (visible !== item) {
        copy ??= [...value];
        copy[index] = visible;
      }
    }
    return (copy ?? value) as T;
  }
  let copy: Record<string, unknown> | null = null;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const item = record[key];
    const visible = visibleStrings(item);
    if (visible !== item) {
      copy ??= { ...record };
      copy[key] = visible;
    }
  }
  return (copy ?? value) as T;
}

/**
 * Serialised JSON with the characters JSON.stringify leaves raw (C1 controls, bidirectional
 * controls, separators) written as `\u` escapes: the same JSON value, safe to print.
 */
export function visibleJson(json: string): string {
  return json.replace(UNSAFE, (found) => `\\u${found.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
