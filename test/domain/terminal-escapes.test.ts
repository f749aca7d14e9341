/**
 * A terminal's escape sequences dropped before a text is read; everything else kept. The
 * messages are real cases (their sources in the case files); the colours are put on them as a
 * coloured logger would (the mangled-corpus test does the same to every case).
 */
import { describe, expect, it } from 'vitest';
import { stripTerminalEscapes } from '../../src/domain/terminal-escapes.js';
import { firstFinding, publishedCase } from '../pasted-message.js';

const ESC = '\u001b';

describe('terminal escapes in a text', () => {
  it('colours, cursor moves and a hyperlink (OSC 8) go; the words stay', () => {
    expect(stripTerminalEscapes(`${ESC}[1;31mERROR${ESC}[0m done`)).toBe('ERROR done');
    expect(stripTerminalEscapes(`${ESC}[2K${ESC}[1Gline`)).toBe('line');
    expect(stripTerminalEscapes(`${ESC}]8;;https://example.com${ESC}\\link${ESC}]8;;${ESC}\\`)).toBe('link');
  });

  it('escapes a log wrote out as text go too (\\u001b, \\x1b, \\033)', () => {
    expect(stripTerminalEscapes(String.raw`\u001b[31mAccessDenied\u001b[0m`)).toBe('AccessDenied');
    expect(stripTerminalEscapes(String.raw`\x1b[31mAccessDenied\x1b[0m`)).toBe('AccessDenied');
    expect(stripTerminalEscapes(String.raw`\033[31mAccessDenied\033[0m`)).toBe('AccessDenied');
  });

  it("a viewer's leftovers go only as a colour and its reset: one bracket alone is the text's", () => {
    expect(stripTerminalEscapes('[31mAccessDenied[0m: x')).toBe('AccessDenied: x');
    expect(stripTerminalEscapes('retried [3m] ago')).toBe('retried [3m] ago');
    // Caret notation's '^[' is no escape here: a regular expression a log quotes writes it too.
    expect(stripTerminalEscapes('must match ^[a-zA-Z0-9]+$')).toBe('must match ^[a-zA-Z0-9]+$');
  });

  it('a text with none is returned as it is', () => {
    const text = publishedCase('ecs-01');
    expect(stripTerminalEscapes(text)).toBe(text);
  });

  it("a coloured stopped reason reads as the plain one (ecs-01: aws/copilot-cli#4504, its error's names in red)", async () => {
    const plain = publishedCase('ecs-01');
    const coloured = plain.replace(/\b(\w*(?:Error|Exception))\b/g, `${ESC}[31m$1${ESC}[0m`);
    expect(coloured).not.toBe(plain);
    expect(await firstFinding(coloured)).toMatchObject({
      role: 'execution-role',
      step: 'secret-injection',
      action: 'ssm:GetParameters',
      resource: 'arn:aws:ssm:eu-west-2:<account id>:parameter/GOOGLE_CLIENT_ID',
    });
  });
});
