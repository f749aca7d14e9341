/** Shared by the mangled-corpus test and bench/wrapped-corpus.ts: text wrapped as a terminal or a ticket would. */

/**
 * GNU `fold -s -w WIDTH`: a line longer than the width breaks after the last blank within it,
 * which stays at the line's end; a word longer than the width is cut at the width.
 */
export function foldAtSpaces(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => {
      const out: string[] = [];
      let rest = line;
      while (rest.length > width) {
        const blank = Math.max(rest.lastIndexOf(' ', width - 1), rest.lastIndexOf('\t', width - 1));
        const cut = blank >= 0 ? blank + 1 : width;
        out.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      out.push(rest);
      return out.join('\n');
    })
    .join('\n');
}

/** The same with the blank each wrapped line ends on trimmed, as a copy from a terminal leaves it. */
export function foldTrimmed(text: string, width: number): string {
  return foldAtSpaces(text, width)
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}
