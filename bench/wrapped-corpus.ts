/**
 * `npx tsx bench/wrapped-corpus.ts` (MODES=folds,foldsTrim,hard,prefix,crlf; ONLY=id,...; ONE_LINE=1; SHOW=1)
 *
 * Measures how many runs of the real cases (both case files, every text case) read differently
 * once wrapped: `fold -s` at every width from 40 to 200 (blank kept, or trimmed as a terminal
 * copy leaves it), hard wraps at every width, a log prefix on every line, CRLF. A run differs
 * when a field the case states (role, step, action, resource, policyType, explicitDeny) of the
 * first finding is not the unwrapped, unprefixed run's, or when the wrap joined or split messages:
 * the count of messages read and of findings must stay too. Prints figures; it asserts nothing. Multi-line cases
 * are wrapped again line by line, which the mangled-corpus test does not ask of them.
 */
import { readFileSync } from 'node:fs';
import type { Finding } from '../src/domain/analysis.js';
import { analyzeEvidence } from '../src/pipeline.js';
import { textEvidence } from '../src/sources/files/text-input.js';
import { foldAtSpaces } from '../test/fold-text.js';

interface Case {
  id: string;
  kind: string;
  raw: unknown;
  expected: Record<string, unknown>;
}
const load = (f: string): Case[] =>
  readFileSync(new URL(`../${f}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
// ONE_LINE=1: only the messages published on one line, as the mangled-corpus test wraps them.
const cases = [...load('test/corpus/cases.jsonl'), ...load('test/extra-cases/cases.jsonl')].filter(
  (c) =>
    c.kind !== 'cloudtrail-record' &&
    typeof c.raw === 'string' &&
    !(process.env.ONE_LINE && c.raw.includes('\n')),
);
const only = process.env.ONLY?.split(',');

function hard(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => line.match(new RegExp(`.{1,${width}}`, 'g'))?.join('\n') ?? '')
    .join('\n');
}
const FIELDS = ['role', 'step', 'action', 'resource', 'policyType', 'explicitDeny'] as const;
/** The stated fields of the first finding, then the counts of messages and findings. */
function diag(f: Finding | undefined, messages: number, findings: number): string[] {
  const fields = FIELDS.map((k) =>
    f ? String((f as unknown as Record<string, unknown>)[k] ?? '').toLowerCase() : 'none',
  );
  return [...fields, `${messages} messages`, `${findings} findings`];
}
const cache = new Map<string, string[]>();
async function diagnose(text: string): Promise<string[]> {
  const ev = textEvidence(text, 'm.txt');
  const key = JSON.stringify(ev.map((e) => ({ ...e, origin: null, raw: null })));
  let d = cache.get(key);
  if (!d) {
    const { findings } = await analyzeEvidence(ev, []);
    d = diag(findings[0], ev.length, findings.length);
    cache.set(key, d);
  }
  return d;
}
const PREFIXES: Record<string, string> = {
  none: '',
  tz: '2022-10-13 16:33:43 -0700 ',
  iso: '2024-01-05T10:00:00.000Z ',
  syslog: 'Jan  5 10:00:00 ip-10-0-0-1 ecs-agent[123]: ',
  tail: '2024-01-05T10:00:00.000000+00:00 ecs/app/abc123 ',
  compose: 'app-1  | ',
};
const modes = (process.env.MODES ?? 'folds,foldsTrim,hard,prefix,crlf').split(',');
const widths = Array.from({ length: 161 }, (_, i) => 40 + i);
async function run(name: string, mangle: (raw: string, w: number) => string, ws = widths) {
  let pairs = 0,
    bad = 0;
  const badCases = new Map<string, number[]>();
  for (const c of cases) {
    if (only && !only.includes(c.id)) continue;
    const raw = String(c.raw);
    const base = await diagnose(raw);
    for (const w of ws) {
      const m = mangle(raw, w);
      if (m === raw) continue;
      pairs++;
      const d = await diagnose(m);
      const differs =
        FIELDS.some((k, i) => c.expected[k] !== null && c.expected[k] !== undefined && d[i] !== base[i]) ||
        d.slice(FIELDS.length).join() !== base.slice(FIELDS.length).join();
      if (differs) {
        bad++;
        badCases.set(c.id, [...(badCases.get(c.id) ?? []), w]);
        if (process.env.SHOW) console.log(c.id, w, base.join('|'), '->', d.join('|'));
      }
    }
  }
  const list = [...badCases].map(([id, w]) => `${id}(${w.length}:${w.slice(0, 4).join(',')})`).join(' ');
  console.log(`${name}: ${bad}/${pairs} wrapped runs differ, ${badCases.size} cases: ${list}`);
}
const t0 = Date.now();
if (modes.includes('folds')) await run('fold -s 40-200', foldAtSpaces);
if (modes.includes('foldsTrim'))
  await run('fold -s 40-200, trailing spaces trimmed', (r, w) => foldAtSpaces(r, w).replace(/ +\n/g, '\n'));
if (modes.includes('hard')) await run('hard wrap 40-200', hard);
if (modes.includes('prefix'))
  for (const [p, prefix] of Object.entries(PREFIXES)) {
    if (p === 'none') continue;
    await run(
      `prefix ${p}, fold -s 40-200 step 7`,
      (r, w) =>
        foldAtSpaces(r, w)
          .split('\n')
          .map((l) => prefix + l)
          .join('\n'),
      widths.filter((w) => w % 7 === 0),
    );
    await run(
      `prefix ${p}, unwrapped`,
      (r) =>
        r
          .split('\n')
          .map((l) => prefix + l)
          .join('\n'),
      [0],
    );
  }
if (modes.includes('crlf'))
  await run(
    'CRLF fold -s 40-200 step 7',
    (r, w) => foldAtSpaces(r, w).replace(/\n/g, '\r\n'),
    widths.filter((w) => w % 7 === 0),
  );
console.error(`${cases.length} cases, ${Date.now() - t0} ms, ${cache.size} distinct`);
