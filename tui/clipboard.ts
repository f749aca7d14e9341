/**
 * Getting a snippet out of the terminal: OSC 52 asks the terminal itself to set the clipboard
 * (works over SSH and in tmux with `set-clipboard on`); the fallback writes a file.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The escape sequence that sets the system clipboard to `text`. */
export function osc52(text: string): string {
  return `\u001b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
}

/** Writes the snippet to `dir/name` and returns the path. */
export function writeSnippet(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text.endsWith('\n') ? text : `${text}\n`);
  return path;
}
