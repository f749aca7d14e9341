/**
 * Hostile evidence reaches no terminal and renders nothing: every view (the text report, the
 * Markdown report, the fix snippets, JSON, the TUI's frames, its clipboard copy and written
 * snippet, the worker's first frame, warnings and errors on stderr) is run on real messages
 * and a real CloudTrail record carrying terminal escapes (title, clear screen, OSC 52
 * clipboard, a C1 CSI, a right-to-left override) and markup (`<img onerror>`, a javascript:
 * link, `<script>`, a backtick fence, a pipe, a line break), in files whose names hold ESC.
 * The checker (output-safety.ts) is shown to catch planted violations (planted-output/).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { createElement } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Analysis } from '../../src/domain/analysis.js';
import { analyzeFiles } from '../../src/pipeline.js';
import { App } from '../../tui/components/App.js';
import { firstFrame } from '../../tui/first-frame.js';
import { corpusMessage } from '../corpus-cases.js';
import { runCli } from '../run-cli.js';
import { fixedLoader } from '../tui/fixtures.js';
import { controlCharacters, liveMarkup } from './output-safety.js';

const ESC = '\u001b';
const BEL = '\u0007';
/** Sets the title, clears the screen, writes "echo pwned" to the clipboard; a C1 CSI; a right-to-left override. */
const TERMINAL = `${ESC}]0;pwned${BEL}${ESC}[2J${ESC}]52;c;ZWNobyBwd25lZA==${BEL}\u009b31m\u202etxt.exe`;
/** Markup without spaces, so that it stays inside the ARN a message parser reads. */
const MARKUP = '<img/src=x/onerror=alert(1)>[x](javascript:alert(1))<script>alert(1)</script>```|';
/** Markup with spaces and a line break, for the parts of the evidence shown whole. */
const PROSE_MARKUP =
  '<img src=x onerror=alert(1)> [click](javascript:alert(document.cookie)) <script>alert(1)</script>\n# heading | cell ``` https://evil.example/x www.evil.example';

const root = new URL('../../', import.meta.url).pathname;
const directory = mkdtempSync(join(tmpdir(), 'whydenied-hostile-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function realRecord(id: string): Record<string, unknown> {
  const line = readFileSync(join(root, 'test/extra-cases/cases.jsonl'), 'utf8')
    .split('\n')
    .find((text) => text.includes(`"id": "${id}"`));
  return JSON.parse(line ?? '{}').raw;
}

/** The hostile inputs, in a folder of their own; file names with ESC in them. */
function writeHostileInputs(): string {
  const folder = join(directory, 'inputs');
  mkdirSync(folder);
  // ecs-01: a real stopped reason (aws/copilot-cli#4504), the parameter name made hostile.
  writeFileSync(
    join(folder, `stopped-${ESC}]0;pwned${BEL}.txt`),
    `${corpusMessage('ecs-01').replace('GOOGLE_CLIENT_ID', `GOOGLE_CLIENT_ID${TERMINAL}${MARKUP}`)}\n${corpusMessage('ecs-16')} ${TERMINAL} ${PROSE_MARKUP.replace('\n', ' ')}\n`,
  );
  // m-07: a real CloudTrail record (pypanther's GetSecretValue denial), its names made hostile.
  const record = realRecord('m-07');
  writeFileSync(
    join(folder, `trail-${ESC}[2J.json`),
    JSON.stringify({
      Records: [
        {
          ...record,
          eventSource: `secretsmanager${TERMINAL}.amazonaws.com`,
          errorMessage: `${PROSE_MARKUP} ${TERMINAL}`,
          requestParameters: {
            secretId: `arn:aws:secretsmanager:us-west-2:123123123123:secret:db${TERMINAL}${MARKUP}`,
          },
        },
        {
          ...record,
          eventSource: 'secretsmanager.amazonaws.com',
          errorMessage: `${PROSE_MARKUP}${TERMINAL}`,
        },
      ],
    }),
  );
  // ef-31: a real CloudTrail record of S3 (an IAM user's ListObjects), whose resource is read from
  // requestParameters alone: its bucket, and an object's key, made hostile.
  const s3Record = realRecord('ef-31');
  const s3Parameters = s3Record.requestParameters as Record<string, unknown>;
  writeFileSync(
    join(folder, 's3-trail.json'),
    JSON.stringify({
      Records: [
        { ...s3Record, requestParameters: { ...s3Parameters, bucketName: `recovery${TERMINAL}${MARKUP}` } },
        {
          ...s3Record,
          eventName: 'GetObject',
          requestParameters: { bucketName: 'recovery', key: `notes/${TERMINAL}${PROSE_MARKUP}` },
        },
      ],
    }),
  );
  // Unreadable, so that the warning names the file.
  writeFileSync(join(folder, `broken-${ESC}]52;c;ZWNobyBwd25lZA==${BEL}.json`), '{"Records": [');
  return folder;
}

let inputs: string;
let analysis: Analysis;
beforeAll(async () => {
  inputs = writeHostileInputs();
  analysis = (await analyzeFiles([inputs])).analysis;
}, 30_000);

function expectNoControl(view: string, text: string, options: { allowSgr?: boolean } = {}) {
  expect(controlCharacters(text, options), `${view} holds control characters`).toEqual([]);
}

describe('the hostile evidence reaches the analysis (so that the views below are tested on it)', () => {
  it('the findings, the look-alike and the warning carry the escapes and the markup', () => {
    const json = JSON.stringify(analysis);
    expect(json).toContain('\\u001b]52;c;ZWNobyBwd25lZA==');
    expect(json).toContain('onerror=alert(1)');
    expect(json).toContain('javascript:alert');
    expect(analysis.findings.length).toBeGreaterThanOrEqual(2);
    expect(analysis.notPermission.length).toBeGreaterThanOrEqual(1);
    expect(analysis.warnings.map((warning) => warning.origin).join()).toContain(`broken-${ESC}`);
    expect(analysis.findings.map((finding) => finding.resource).join()).toContain(`${ESC}]0;pwned`);
    const resources = analysis.findings.map((finding) => finding.resource ?? '');
    expect(resources.some((arn) => arn.startsWith(`arn:aws:s3:::recovery${ESC}`))).toBe(true);
    expect(resources.some((arn) => arn.startsWith(`arn:aws:s3:::recovery/notes/${ESC}`))).toBe(true);
  });
});

describe('every view of hostile evidence', () => {
  it('analyze (text): no control character, and the escapes are shown', async () => {
    const { stdout, stderr } = await runCli(['analyze', inputs]);
    expectNoControl('analyze stdout', stdout);
    expectNoControl('analyze stderr', stderr);
    expect(stdout).toContain('\\x1b]52;c;ZWNobyBwd25lZA==\\x07');
    expect(stdout).toContain('\\u202e');
    expect(stdout).toContain('broken-\\x1b]52;c;');
    // Only line breaks inside a value are folded: the fix's JSON keeps its indentation.
    expect(stdout).toMatch(/^ {18}"Version": "2012-10-17",$/m);
  });

  it('analyze --format json: the same value, every control escaped as JSON', async () => {
    const { stdout } = await runCli(['analyze', inputs, '--format', 'json']);
    expectNoControl('analyze json', stdout);
    expect(JSON.stringify(JSON.parse(stdout).findings)).toBe(JSON.stringify(analysis.findings));
  });

  it('report (Markdown): no control character, no live markup, the table and fences intact', async () => {
    const { stdout } = await runCli(['report', inputs, '--format', 'markdown']);
    expectNoControl('report markdown', stdout);
    expect(liveMarkup(stdout)).toEqual([]);
    // The evidence is there, as text.
    expect(stdout).toContain('onerror=alert(1)');
    expect(stdout).toContain('javascript:alert');
  });

  it('report --format text and --output FILE', async () => {
    const { stdout } = await runCli(['report', inputs, '--format', 'text']);
    expectNoControl('report text', stdout);
    const file = join(directory, 'report.md');
    await runCli(['report', inputs, '--output', file]);
    const written = readFileSync(file, 'utf8');
    expectNoControl('report file', written);
    expect(liveMarkup(written)).toEqual([]);
  });

  it('fix in every format', async () => {
    for (const format of ['json', 'terraform', 'cloudformation', 'cli']) {
      const { stdout, stderr } = await runCli(['fix', inputs, '--format', format]);
      expectNoControl(`fix --format ${format}`, stdout);
      expectNoControl(`fix --format ${format} stderr`, stderr);
    }
  });

  it('errors and warnings on stderr name a hostile file name visibly', async () => {
    const missing = join(directory, `missing-${ESC}]0;pwned${BEL}.json`);
    for (const args of [
      ['analyze', missing],
      ['analyze', missing, '--format', 'json'],
      ['analyze', inputs, '--format', 'json'],
      ['analyze', '--since', `${ESC}[2J`, '--cluster', 'x'],
    ]) {
      const { stdout, stderr } = await runCli(args);
      expectNoControl(`${args.join(' ')} stderr`, stderr);
      expectNoControl(`${args.join(' ')} stdout`, stdout);
    }
    // The usage error quotes the hostile value: it did reach stderr, as text.
    const { stderr } = await runCli(['analyze', '--since', `${ESC}[2J`, '--cluster', 'x']);
    expect(stderr).toContain('--since \\x1b[2J');
  });

  it("the worker's first frame", () => {
    const frame = firstFrame(analysis, [inputs, `x${ESC}]0;t${BEL}`], 80, 24);
    // Its own escapes: the alternate screen, and CR LF between lines.
    const own = frame.replace('\u001b[?1049h\u001b[H\u001b[2J', '').replace(/\r\n/g, '\n');
    expectNoControl('first frame', own);
  });
});

describe('the TUI on hostile evidence', () => {
  const instances: ReturnType<typeof render>[] = [];
  afterEach(() => {
    for (const instance of instances.splice(0)) instance.unmount();
  });
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  /** Until Ink has drawn what the last key changed: a new frame, then a quiet moment (a loaded machine is slow). */
  async function drawn(instance: ReturnType<typeof render>, before: number): Promise<void> {
    const deadline = Date.now() + 1500;
    while (instance.frames.length === before && Date.now() < deadline) await sleep(10);
    let count = instance.frames.length;
    do {
      count = instance.frames.length;
      await sleep(30);
    } while (instance.frames.length !== count);
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the TUI's own OSC 52 write, told apart from a frame
  const OSC52_FRAME = /^\u001b\]52;c;([A-Za-z0-9+/=]*)\u0007$/;

  it('every frame of the list, the detail with the evidence unfolded, the fix in each format; the copy and the file', async () => {
    const writeDir = join(directory, 'snippets');
    mkdirSync(writeDir);
    const instance = render(
      createElement(App, {
        inputs: [inputs, `x${ESC}]0;t${BEL}`],
        loader: fixedLoader(analysis),
        now: () => Date.parse('2024-10-18T00:00:00Z'),
        size: { columns: 100, rows: 40 },
        noColor: true,
        writeDir,
      }),
    );
    instances.push(instance);
    await drawn(instance, 0);
    const press = async (...keys: string[]) => {
      for (const key of keys) {
        const before = instance.frames.length;
        instance.stdin.write(key);
        await drawn(instance, before);
      }
    };
    // Each finding in turn: its detail, its evidence unfolded, its fix copied and written in each format.
    for (const _finding of analysis.findings) {
      await press('\r', 'e', '\u001b[B', 'e', 'f');
      // A finding without a fix has nothing to copy or write.
      if (!(instance.lastFrame() ?? '').includes('none proposed'))
        for (let format = 0; format < 4; format += 1) await press('c', 'w', '\t');
      await press('\u001b', '\u001b', 'j');
    }
    // Then the look-alikes and input warnings, each in full.
    await press(
      'l',
      ...Array.from({ length: analysis.notPermission.length + analysis.warnings.length }, () => 'j'),
    );
    const copies: string[] = [];
    for (const frame of instance.frames) {
      const copy = OSC52_FRAME.exec(frame);
      if (copy) copies.push(Buffer.from(copy[1] ?? '', 'base64').toString('utf8'));
      else expectNoControl('a TUI frame', frame, { allowSgr: true });
    }
    expect(copies.length).toBeGreaterThanOrEqual(4);
    for (const copy of copies) expectNoControl('a clipboard copy', copy);
    const shown = instance.frames.join('\n');
    expect(shown).toContain('\\x1b]');
    expect(shown).toMatch(/Look-alike 1 of/);
    expect(shown).toMatch(/Warning 1 of/);
    const written = readdirSync(writeDir);
    expect(written.length).toBeGreaterThanOrEqual(4);
    for (const name of written)
      expectNoControl(`the written ${name}`, readFileSync(join(writeDir, name), 'utf8'));
  });
});

describe('the checker catches planted violations (planted-output/)', () => {
  const planted = (name: string) => readFileSync(join(root, 'test/guards/planted-output', name), 'utf8');

  it('raw terminal output: OSC title, clear screen, OSC 52, C1 CSI, bidi override', () => {
    const found = controlCharacters(planted('terminal-output.txt'));
    expect(found).toEqual(expect.arrayContaining(['U+001b', 'U+0007', 'U+009b', 'U+202e']));
  });

  it('live Markdown: HTML, a javascript: link, an autolink, a bare URL, a closed fence, a broken table', () => {
    const found = liveMarkup(planted('live-markup.md')).join('\n');
    expect(found).toMatch(/line 3: raw HTML/);
    expect(found).toMatch(/line 5: a link/);
    expect(found).toMatch(/line 7: a bare URL/);
    // The evidence's own ``` closed the fence on line 10: line 11 is live.
    expect(found).toMatch(/line 11: raw HTML/);
    expect(found).toMatch(/line 16: a table row with 4 cells, not 3/);
    expect(found).toMatch(/line 18: an autolink/);
    expect(found).toMatch(/a code fence is never closed/);
  });

  it('and finds nothing in the golden reports of the samples', () => {
    for (const scenario of ['scp-explicit-deny', 'malformed-inputs', 'ecr-cross-account']) {
      const golden = readFileSync(join(root, `test/report/golden/${scenario}.md`), 'utf8');
      expect(liveMarkup(golden), scenario).toEqual([]);
      expect(controlCharacters(golden), scenario).toEqual([]);
    }
  });
});
