/**
 * The two escapers every view uses: characters a terminal acts on shown as escapes
 * (visible-text.ts), and evidence in Markdown kept to text (markdown-escape.ts).
 */
import { describe, expect, it } from 'vitest';
import { markdownCell, markdownCode, markdownFence, markdownText } from '../../src/report/markdown-escape.js';
import { visibleJson, visibleStrings, visibleText } from '../../src/report/visible-text.js';
import { liveMarkup } from '../guards/output-safety.js';

const ESC = '\u001b';
const BEL = '\u0007';

describe('visibleText', () => {
  it('shows the issue’s stopped reason escapes instead of sending them', () => {
    const reason = `CannotPullContainerError: ${ESC}]0;pwned${BEL}${ESC}[2J${ESC}]52;c;ZWNobyBwd25lZA==${BEL}`;
    expect(visibleText(reason)).toBe(
      'CannotPullContainerError: \\x1b]0;pwned\\x07\\x1b[2J\\x1b]52;c;ZWNobyBwd25lZA==\\x07',
    );
  });

  it('shows C1 controls, DEL, bidi overrides and isolates, and line separators', () => {
    expect(visibleText('a\u009b31mb\u007fc\u202etxt.exe\u2066d\u2028e')).toBe(
      'a\\x9b31mb\\x7fc\\u202etxt.exe\\u2066d\\u2028e',
    );
  });

  it('keeps line feeds and tabs, folds CR LF, shows a lone CR (it would overwrite the line)', () => {
    expect(visibleText('one\ttwo\r\nthree\rfour')).toBe('one\ttwo\nthree\\x0dfour');
  });

  it('returns a clean string, object or array as it is (no copy)', () => {
    const clean = { a: ['x', { b: 'y' }], n: 1, z: null };
    expect(visibleStrings(clean)).toBe(clean);
    const dirty = { a: ['x', { b: `y${ESC}` }], n: 1, z: null };
    expect(visibleStrings(dirty)).toEqual({ a: ['x', { b: 'y\\x1b' }], n: 1, z: null });
    expect(dirty.a[1]).toEqual({ b: `y${ESC}` });
  });

  it('visibleJson writes what JSON.stringify leaves raw as \\u escapes: the same value', () => {
    const value = { s: `a\u009bb\u202ec${ESC}` };
    const json = visibleJson(JSON.stringify(value));
    expect(json).toBe('{"s":"a\\u009bb\\u202ec\\u001b"}');
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('Markdown escapes', () => {
  it('prose: HTML, links and images are text; an underscore inside a word stays', () => {
    const text = markdownText(
      '<img src=x onerror=alert(1)> [x](javascript:alert(1)) ![i](y) service_control_policy *a*',
    );
    expect(text).toBe(
      '\\<img src=x onerror=alert(1)\\> \\[x\\](javascript:alert(1)) !\\[i\\](y) service_control_policy \\*a\\*',
    );
    expect(liveMarkup(text)).toEqual([]);
  });

  it('prose: a URL goes in a code span (no link), without the sentence’s closing parenthesis', () => {
    expect(markdownText('details (https://console.aws.amazon.com/iam/home#/x).')).toBe(
      'details (`https://console.aws.amazon.com/iam/home#/x`).',
    );
    expect(liveMarkup(markdownText('see www.evil.example and http://evil.example/a_b'))).toEqual([]);
  });

  it('prose: a line break cannot start a heading or end the list item', () => {
    expect(markdownText('a\n# heading\n\n- item')).toBe('a \\# heading - item');
  });

  it('code span: a backtick run inside cannot close it', () => {
    expect(markdownCode('User `arn:aws:iam::1:user/x` is not')).toBe(
      '``User `arn:aws:iam::1:user/x` is not``',
    );
    expect(markdownCode('``` and `')).toBe('```` ``` and ` ````');
    expect(markdownCode('`edge`')).toBe('`` `edge` ``');
  });

  it('fence: longer than any backtick run in the evidence, controls made visible', () => {
    expect(markdownFence(`line\n\`\`\`\n<script>${ESC}`, 'json', '  ')).toEqual([
      '  ````json',
      '  line',
      '  ```',
      '  <script>\\x1b',
      '  ````',
    ]);
    expect(liveMarkup(markdownFence('```\n<script>alert(1)</script>').join('\n'))).toEqual([]);
  });

  it('table cell: pipes escaped in text and in code, line breaks folded', () => {
    const row = `| ${markdownCell(markdownText('a|b\nc'))} | ${markdownCell(markdownCode('x|y'))} |`;
    expect(row).toBe('| a\\|b c | `x\\|y` |');
    expect(liveMarkup(['| a | b |', '|---|---|', row].join('\n'))).toEqual([]);
  });
});
