/** Hard wrapping for the terminal: words first, then anything still too long (an ARN) is cut into pieces. */
import { wrap } from '../../src/report/wrap.js';

export function hardWrap(text: string, width: number): string[] {
  const size = Math.max(1, width);
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    const indent = /^\s*/.exec(paragraph)?.[0] ?? '';
    const words = indent.length < size / 2 ? wrap(paragraph, size - indent.length) : [paragraph.trim()];
    if (words.length === 0) lines.push('');
    for (const line of words) {
      const full = indent + line;
      for (let start = 0; start < full.length; start += size) lines.push(full.slice(start, start + size));
    }
  }
  return lines;
}

/** Code stays as written: a line too long for the screen is cut into pieces, never re-flowed. */
export function chunkLines(text: string, width: number): string[] {
  const size = Math.max(1, width);
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    if (line.length === 0) lines.push('');
    for (let start = 0; start < line.length; start += size) lines.push(line.slice(start, start + size));
  }
  return lines;
}
