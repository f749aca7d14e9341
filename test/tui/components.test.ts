/**
 * The TUI's components in ink-testing-library: frames asserted for the list, the detail, the
 * fix view, the filter and the help, at 80×24, on the samples' analysis.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { createElement } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type AwsProblem, AwsProblemError } from '../../src/aws/errors.js';
import type { Analysis } from '../../src/domain/analysis.js';
import { analyzeFiles } from '../../src/pipeline.js';
import { App, type AppProps } from '../../tui/components/App.js';
import { FindingList } from '../../tui/components/FindingList.js';
import { FixView } from '../../tui/components/FixView.js';
import { HelpView } from '../../tui/components/HelpView.js';
import { fixSnippet } from '../../tui/format/snippets.js';
import { exitCodeAfter } from '../../tui/start.js';
import { buildRows, findingKey } from '../../tui/state/rows.js';
import { analysisOf, fixedLoader, generateFindings, SAMPLES_NOW, samplesAnalysis } from './fixtures.js';

let analysis: Analysis;
beforeAll(async () => {
  analysis = await samplesAnalysis();
}, 30_000);

const instances: ReturnType<typeof render>[] = [];
afterEach(() => {
  for (const instance of instances.splice(0)) instance.unmount();
});

const tick = (ms = 30) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The frame once Ink has drawn what a key or a load changed: changed from `before` and quiet
 * for a moment, or unchanged for `quietMs` (a key that changes nothing). A fixed sleep is too
 * short on a loaded machine.
 */
async function settled(frame: () => string, before: string, quietMs = 400): Promise<string> {
  const deadline = Date.now() + 3000;
  let last = frame();
  let since = Date.now();
  while (Date.now() < deadline) {
    await tick(10);
    const now = frame();
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= (now === before ? quietMs : 30)) {
      return now;
    }
  }
  return frame();
}

/** Waits until the frame shows `text` (a load finishing), up to 3 s. */
async function showing(frame: () => string, text: string): Promise<string> {
  const deadline = Date.now() + 3000;
  while (!frame().includes(text) && Date.now() < deadline) await tick(10);
  return frame();
}

async function app(props: Partial<AppProps> = {}) {
  const instance = render(
    createElement(App, {
      inputs: ['samples'],
      loader: fixedLoader(analysis),
      now: () => SAMPLES_NOW,
      size: { columns: 80, rows: 24 },
      noColor: true,
      ...props,
    }),
  );
  instances.push(instance);
  const frame = () => instance.lastFrame() ?? '';
  await settled(frame, '', 80);
  const press = async (...keys: string[]) => {
    for (const key of keys) {
      const before = frame();
      instance.stdin.write(key);
      await settled(frame, before);
    }
    return frame();
  };
  return { instance, frame, press };
}

const lines = (frame: string) => frame.split('\n');
const DOWN = '\u001b[B';
const ESC = '\u001b';
const TAB = '\t';

describe('the list', () => {
  it('shows the header, the findings grouped by revision then role, and the keys, in 80×24', async () => {
    const { frame } = await app();
    const screen = lines(frame());
    expect(screen.length).toBeLessThanOrEqual(23);
    expect(screen.every((line) => line.length <= 80)).toBe(true);
    expect(screen[0]).toContain('whydenied  samples  ✓ files 3/3  18 findings · 3 look-alikes · 4 warnings');
    expect(screen[1]).toBe('by revision (tab) · watch off · 11-18 16:22–11-22 15:03Z · ago from now');
    expect(screen[2]).toBe('notifications-api:12');
    expect(screen[3]).toBe('  EXECUTION ROLE (1)');
    expect(screen[4]).toMatch(/^› 45h ago exec {2}log-delivery {5}logs:CreateLogStream +…\S+ +x1$/);
    expect(frame()).toMatch(/ {2}29h ago exec {2}secret-injection ssm:GetParameters +…\S*db-password +x4/);
    expect(screen.at(-1)).toMatch(/^1\/18 {2}\? help · q quit · ↑↓ move/);
  });

  it('moves with j and arrows, switches grouping with tab', async () => {
    const { press } = await app();
    expect(await press('j', 'j', DOWN)).toMatch(/^4\/18 /m);
    expect(await press()).toMatch(/^› 29h ago exec {2}secret-injection ssm:GetParameters/m);
    expect(await press('j', 'j', DOWN)).toMatch(/^› 29h ago task {2}app-call {9}sqs:ReceiveMessage/m);
    expect(await press('k')).toMatch(/^› .*s3:PutObject/m);
    const byRole = await press(TAB);
    expect(byRole).toContain('by role (tab)');
    expect(lines(byRole)[2]).toBe('execution role  9');
    expect(lines(await press(TAB))[2]).toMatch(/^logs:CreateLogStream {2}1/);
  });

  it('renders only the rows in the window: 10,000 findings, 19 lines', () => {
    const findings = generateFindings(10_000);
    const { rows, findingRows } = buildRows(findings, 'revision');
    const instance = render(
      createElement(FindingList, {
        findings,
        rows,
        keys: findings.map(findingKey),
        selectedRow: findingRows[5_000] ?? -1,
        scroll: (findingRows[5_000] ?? 0) - 10,
        height: 19,
        width: 80,
        anchor: Date.parse('2026-11-27T00:00:00Z'),
        occurrences: null,
        emptyText: '',
      }),
    );
    instances.push(instance);
    const screen = lines(instance.lastFrame() ?? '');
    expect(screen).toHaveLength(19);
    expect(screen.filter((line) => line.startsWith('› '))).toHaveLength(1);
  });
});

describe('the filter', () => {
  it('narrows the list as the text is typed; Enter keeps it, Esc clears it', async () => {
    const { press, frame } = await app();
    let screen = await press('/', 'k', 'm', 's');
    expect(lines(screen).at(-1)).toMatch(/^\/kms {3}Enter keep · Esc clear/);
    expect(screen).toContain('checkout-api:27');
    expect(screen).toContain('kms:Decrypt');
    expect(screen).toContain('kms:GenerateDataKey');
    expect(screen).not.toContain('ssm:GetParameters');
    screen = await press('\r');
    expect(lines(screen).at(-1)).toMatch(/^1\/2 {2}filter "kms" \(Esc clears\)/);
    await press('/', 'x', 'y', 'z', '\r');
    expect(frame()).toContain('no finding matches "kmsxyz" (Esc clears the filter)');
    screen = await press(ESC);
    expect(screen).toContain('ssm:GetParameters');
    expect(lines(screen).at(-1)).toMatch(/^1\/18 /);
  });
});

describe('the detail', () => {
  it('shows the diagnosis, reasons, evidence with origins (unfolded on e) and the fix; Esc goes back', async () => {
    const { press } = await app();
    let screen = await press('j', 'j', 'j', '\r');
    expect(screen).toContain('Finding 4 of 18 · orders-api:43 · execution role · secret-injection');
    expect(screen).toContain('The execution role orders-api-execution-role cannot read the secret');
    expect(screen).toContain('policy      identity-based policy, no Allow (implicit deny)');
    expect(screen).toContain('  - the role is the execution role of orders-api:43');
    screen = await press('j');
    expect(screen).toContain('Evidence (4)');
    expect(screen).toMatch(/› ecs-stopped-task\n/);
    expect(lines(screen).at(-1)).toMatch(/^2\/4 evidence/);
    screen = await press('e');
    expect(screen).toContain('samples/ssm-parameter/describe-tasks-stopped.json#tasks[2].stoppedR');
    expect(screen).toMatch(/^ {4}ResourceInitializationError: unable to pull secrets or registry auth:$/m);
    screen = await press('G');
    expect(screen).toContain('  identity policy of');
    expect(screen).toContain('"Action": ["ssm:GetParameters"]');
    expect(lines(screen).at(-2)).toBe('  simulation');
    screen = await press(ESC);
    expect(screen).toMatch(/^› .*ssm:GetParameters/m);
  });
});

describe('the fix view', () => {
  it('tabs between JSON, Terraform, CloudFormation and the AWS CLI, with the verification', async () => {
    const { press } = await app();
    let screen = await press('j', 'j', 'j', 'f');
    expect(screen).toContain(
      'Fix for finding 4: identity policy of arn:aws:iam::111122223333:role/orders-api…',
    );
    expect(screen).toContain('"Version": "2012-10-17"');
    expect(screen).toContain('"Sid": "SsmParametersForSecrets"');
    expect(screen).toContain('not verified: give the roles');
    screen = await press(TAB);
    expect(screen).toContain('data "aws_iam_policy_document"');
    expect(screen).toMatch(/↓ \d+ more lines/);
    expect(await press(' ')).toContain('resource "aws_iam_role_policy"');
    screen = await press(TAB);
    expect(screen).toContain('Type: AWS::IAM::RolePolicy');
    screen = await press(TAB);
    expect(screen).toContain('aws iam put-role-policy');
    screen = await press(ESC);
    expect(screen).toContain('Finding 4 of 18');
  });

  it('c copies with OSC 52 and says so; w writes the snippet to a file and shows its path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'whydenied-tui-'));
    const { press, instance } = await app({ writeDir: dir });
    await press('j', 'j', 'j', 'f', TAB);
    const screen = await press('c');
    const snippet = fixSnippet(analysis.findings[3] as Analysis['findings'][number], 'terraform', 78, 4);
    expect(snippet).toContain('finding 4');
    expect(snippet).not.toContain('finding 1');
    expect(instance.frames).toContain(`\u001b]52;c;${Buffer.from(snippet).toString('base64')}\u0007`);
    expect(lines(screen).at(-1)).toMatch(/^copied Terraform \(\d+ lines\) with OSC 52/);
    const written = await press('w');
    const path = join(dir, 'whydenied-fix-4.tf');
    expect(written).toContain(`wrote ${path}`);
    expect(readFileSync(path, 'utf8')).toBe(`${snippet}\n`);
  });

  it('the JSON snippet, copied or written, is JSON: the policy document that jq and IAM take', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'whydenied-tui-'));
    const { press } = await app({ writeDir: dir });
    await press('j', 'j', 'j', 'f');
    await press('w');
    const written = readFileSync(join(dir, 'whydenied-fix-4.json'), 'utf8');
    expect(written.startsWith('//')).toBe(false);
    expect(JSON.parse(written)).toMatchObject({ Version: '2012-10-17', Statement: expect.any(Array) });
    for (const finding of analysis.findings) {
      if (finding.fix) expect(() => JSON.parse(fixSnippet(finding, 'json', 60, 1))).not.toThrow();
    }
  });

  it('FixView alone: the tabs, the snippet window and what is below it', () => {
    const instance = render(
      createElement(FixView, {
        title: 'Fix for finding 1',
        format: 'cloudformation',
        lines: Array.from({ length: 30 }, (_unused, index) => `line ${index}`),
        verification: ['verified: allowed by statement X'],
        verified: true,
        scroll: 0,
        height: 10,
      }),
    );
    instances.push(instance);
    expect(instance.lastFrame()).toBe(
      [
        'Fix for finding 1',
        ' JSON  Terraform  CloudFormation  AWS CLI    tab: next format',
        'line 0',
        'line 1',
        'line 2',
        'line 3',
        'line 4',
        '↓ 25 more lines (j/k, space)',
        'verified: allowed by statement X',
        '',
      ].join('\n'),
    );
  });
});

describe('the help', () => {
  it('? lists every key; ? again closes it', async () => {
    const { press } = await app();
    const screen = await press('?');
    expect(screen).toContain('Keys (? or Esc closes this)');
    for (const key of ['↑ ↓  j k', 'Enter', '/', 'tab  shift-tab', 'c', 'w', 'r', 'q  Ctrl-C'])
      expect(screen).toContain(`  ${key}`);
    expect(await press('?')).toContain('notifications-api:12');
  });

  it('HelpView fits 80 columns', () => {
    const instance = render(createElement(HelpView, { height: 20 }));
    instances.push(instance);
    expect((instance.lastFrame() ?? '').split('\n').every((line) => line.length <= 80)).toBe(true);
  });
});

describe('loading and watching', () => {
  it('shows findings of a partial load with the progress, then the whole', async () => {
    const partial = analysisOf(analysis.findings.slice(0, 2));
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const loader = async function* () {
      yield { analysis: null, filesRead: 0, filesTotal: 40, evidence: 0, done: false };
      yield { analysis: partial, filesRead: 12, filesTotal: 40, evidence: 30, done: false };
      await gate;
      yield { analysis, filesRead: 40, filesTotal: 40, evidence: 300, done: true };
    };
    const { frame } = await app({ loader });
    expect(frame()).toMatch(/files 12\/40 {2}2 findings/);
    expect(frame()).toContain('logs:CreateLogStream');
    release();
    expect(await showing(frame, '✓ files 40/40')).toContain('✓ files 40/40  18 findings');
  });

  it("shows a live source's progress in words instead of the file count", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const loader = async function* () {
      yield {
        analysis: null,
        filesRead: 0,
        filesTotal: null,
        evidence: 0,
        done: false,
        progress: 'connecting to AWS',
      };
      yield {
        analysis: null,
        filesRead: 0,
        filesTotal: null,
        evidence: 0,
        done: false,
        progress: 'ECS DescribeTasks: 4 tasks',
      };
      await gate;
      yield {
        analysis,
        filesRead: 0,
        filesTotal: null,
        evidence: 4,
        done: true,
        progress: 'live sources read',
      };
    };
    const { frame } = await app({ loader });
    expect(frame()).toContain('ECS DescribeTasks: 4 tasks');
    release();
    expect(await showing(frame, '✓ live sources read')).toContain('✓ live sources read  18 findings');
  });

  it('marks a denial that stopped occurring: last seen, not since the poll', async () => {
    // A clock that runs 100 times faster than the wall's, so that a few 50 ms polls are quiet long enough.
    const start = Date.now();
    const now = () => Date.parse('2026-11-22T14:02:00Z') + (Date.now() - start) * 100;
    const { press, frame } = await app({ watchSeconds: 0.05, now });
    expect(frame()).toContain('watch: every 0.05s');
    expect(await showing(frame, '✓ x1')).toMatch(/✓ x1/);
    const screen = await press('\r');
    expect(screen).toMatch(/watch {7}last seen \d+h ago, not since 14:02 \(stopped occurring\)/);
  });

  it('watch listens to each load: the next starts a poll after the last one ended, never during it', async () => {
    const runs: { started: number; done: number | null }[] = [];
    const loader = async function* () {
      const run = { started: Date.now(), done: null as number | null };
      runs.push(run);
      yield { analysis: null, filesRead: 0, filesTotal: 3, evidence: 0, done: false };
      // A load longer than the poll: a timer of its own would start the next one 20 ms after it.
      await tick(80);
      run.done = Date.now();
      yield { analysis, filesRead: 3, filesTotal: 3, evidence: 10, done: true };
    };
    await app({ loader, watchSeconds: 0.05 });
    const deadline = Date.now() + 3000;
    while (runs.length < 4 && Date.now() < deadline) await tick(10);
    expect(runs.length).toBeGreaterThanOrEqual(4);
    for (const [index, run] of runs.slice(1).entries()) {
      const before = runs[index] as { done: number | null };
      expect(before.done).not.toBeNull();
      // Timers may fire a millisecond or two early.
      expect(run.started - (before.done as number)).toBeGreaterThanOrEqual(45);
    }
  });

  it('says how each load ended, so quitting after a failed one exits 4 (2 for AWS credentials), after a good one 0', async () => {
    const outcomes: unknown[] = [];
    let fail = true;
    const loader = async function* () {
      yield { analysis: null, filesRead: 0, filesTotal: 3, evidence: 0, done: false };
      if (fail) throw new Error('the loading worker stopped before finishing');
      yield { analysis, filesRead: 3, filesTotal: 3, evidence: 10, done: true };
    };
    const { frame, press } = await app({ loader, onOutcome: (error) => outcomes.push(error) });
    expect(await showing(frame, 'could not read the inputs')).toContain('press r to retry');
    expect(exitCodeAfter(outcomes.at(-1))).toBe(4);
    fail = false;
    await press('r');
    await showing(frame, '✓ files 3/3');
    expect(outcomes.at(-1)).toBeNull();
    expect(exitCodeAfter(outcomes.at(-1))).toBe(0);
    const problem: AwsProblem = {
      kind: 'no-credentials',
      origin: 'api:ECS.ListTasks',
      message: 'no AWS credentials found',
      tryThis: 'aws sso login',
      permission: null,
      fatal: true,
    };
    const credentials = new AwsProblemError(problem);
    expect(exitCodeAfter(credentials)).toBe(2);
  });

  it('nothing denied: the look-alike and the warnings are the answer, browsable with their causes', async () => {
    const { analysis: timeout } = await analyzeFiles(['samples/network-timeout', 'samples/malformed-inputs']);
    const lookAlikes = timeout.notPermission.filter(() => true);
    expect(timeout.findings.length).toBeGreaterThan(0);
    const none = { ...timeout, findings: [] };
    const { frame, press } = await app({ loader: fixedLoader(none) });
    let screen = frame();
    expect(screen).toContain(
      `No permission failure found. What failed instead: ${lookAlikes.length} look-alike${lookAlikes.length === 1 ? '' : 's'} and ${none.warnings.length} warnings`,
    );
    expect(screen).toContain('› look-alike network');
    expect(screen).toMatch(/likely {6}/);
    expect(screen).toContain((lookAlikes[0]?.likelyCause ?? '').slice(0, 40));
    screen = await press('j');
    expect(screen).toContain('› warning');
    expect(screen).toMatch(/Warning 1 of \d+: this input was not read/);
    expect(screen).toMatch(/expected {4}/);
  });

  it("nothing denied in a live run: the run's note (a fallback taken) is on screen with the answer", async () => {
    const fallback =
      'CloudTrail: Logs Insights (trail) could not be used, so LookupEvents read the window instead';
    const empty = analysisOf([]);
    const { frame } = await app({
      loader: fixedLoader(empty, [
        { analysis: empty, filesRead: 0, filesTotal: null, evidence: 0, done: true, notes: [fallback] },
      ]),
    });
    const screen = frame();
    // The heading is cut at 80 columns; the note itself is listed and opened below it.
    expect(screen).toContain(
      'No permission failure found. What failed instead: 0 look-alikes, 0 warnings and',
    );
    expect(screen).toContain('› note');
    expect(screen).toContain('Note 1 of 1: a live source read less, or another way');
  });

  it('l opens the look-alikes and warnings beside the findings; Esc goes back', async () => {
    const { press } = await app();
    let screen = await press('l');
    expect(screen).toContain(
      `${analysis.notPermission.length} look-alikes and ${analysis.warnings.length} warning`,
    );
    expect(screen).toContain('Look-alike 1 of');
    screen = await press(ESC);
    expect(screen).toContain('EXECUTION ROLE');
  });

  it('respects NO_COLOR: no colour codes at all', async () => {
    const colourless = await app({ noColor: true });
    expect(colourless.frame()).not.toMatch(new RegExp(`${String.fromCharCode(27)}\\[3\\dm`));
  });
});
