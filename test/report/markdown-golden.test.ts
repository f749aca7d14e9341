/**
 * The Markdown report of each sample scenario against its golden file (test/report/golden/).
 * The report holds no clock time of its own (only the evidence's), so it is reproducible.
 * After a deliberate change: UPDATE_GOLDEN=1 npx vitest run test/report/markdown-golden.test.ts,
 * then read the diff as an on-call engineer would.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../run-cli.js';

const scenarios = readdirSync('samples').filter((name) => statSync(`samples/${name}`).isDirectory());

const report = async (folder: string): Promise<string> => (await runCli(['report', folder])).stdout;

/** Headings followed by a heading of the same or a higher level: sections with nothing in them. */
function emptySections(markdown: string): string[] {
  // Comments in code blocks (Terraform, shell) start with # too: only prose lines count.
  let inCode = false;
  const lines = markdown.split('\n').filter((line) => {
    if (line.trim().startsWith('```')) inCode = !inCode;
    return !inCode && line.trim() !== '';
  });
  const level = (line: string) => /^(#+) /.exec(line)?.[1]?.length ?? 0;
  return lines.filter((line, index) => {
    const next = lines[index + 1];
    return level(line) > 0 && (next === undefined || (level(next) > 0 && level(next) <= level(line)));
  });
}

describe('Markdown report of each sample', () => {
  for (const scenario of scenarios) {
    it(scenario, async () => {
      const golden = `test/report/golden/${scenario}.md`;
      const rendered = await report(`samples/${scenario}`);
      // A missing golden file fails: writing it here would let the test pass on anything.
      if (process.env.UPDATE_GOLDEN) writeFileSync(golden, rendered);
      expect(existsSync(golden), `${golden} is missing: UPDATE_GOLDEN=1 writes it`).toBe(true);
      expect(rendered).toBe(readFileSync(golden, 'utf8'));
    });
  }

  it('samples/REPORT.md is the report of all the samples (npm run samples:report regenerates it)', async () => {
    expect(await report('samples')).toBe(readFileSync('samples/REPORT.md', 'utf8'));
  });

  it('has no empty sections and no raw internal ids without meaning', async () => {
    for (const scenario of scenarios) {
      const rendered = await report(`samples/${scenario}`);
      expect(emptySections(rendered), scenario).toEqual([]);
      expect(rendered, scenario).not.toMatch(/undefined|\[object Object\]|NaN/);
    }
  });
});
