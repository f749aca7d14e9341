/**
 * The built TUI in a real terminal: tmux at 100×30 runs `node dist/tui/main.js samples`, keys
 * are sent with send-keys and the screens read back with capture-pane. Skipped, with a notice,
 * where tmux is not installed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
if (!hasTmux)
  console.warn('test/tui/terminal.test.ts: tmux is not installed, the TUI end-to-end test is skipped');

const session = `whydenied-e2e-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });
const capture = () => tmux('capture-pane', '-t', session, '-p');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until the screen matches and has stopped changing, returning it: the TUI renders
 * asynchronously, and a capture can land in the middle of a frame being written.
 */
async function screenMatching(pattern: RegExp, timeout = 20_000): Promise<string> {
  const deadline = Date.now() + timeout;
  let previous = '';
  let screen = capture();
  while ((!pattern.test(screen) || screen !== previous) && Date.now() < deadline) {
    await sleep(50);
    previous = screen;
    screen = capture();
  }
  return screen;
}

async function keys(...names: string[]) {
  for (const name of names) {
    tmux('send-keys', '-t', session, name);
    await sleep(60);
  }
}

describe.skipIf(!hasTmux)('whydenied TUI in tmux', () => {
  beforeAll(() => {
    execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
      cwd: root,
    });
    // The shell stays after the TUI exits, so its exit code and the restored screen can be read.
    // Ink renders only the last frame when it thinks it runs in CI: the terminal here is real.
    tmux('new-session', '-d', '-s', session, '-x', '100', '-y', '30', '-c', root, 'sh');
    tmux(
      'send-keys',
      '-t',
      session,
      `clear; env -u CI -u CONTINUOUS_INTEGRATION -u NODE_OPTIONS ${process.execPath} dist/tui/main.js samples; echo "exit=$?"`,
      'Enter',
    );
  }, 180_000);

  afterAll(() => {
    if (hasTmux) spawnSync('tmux', ['kill-session', '-t', session]);
  });

  it('opens, moves to a finding, opens its fix, switches to Terraform, quits', async () => {
    const opened = await screenMatching(/✓ files \d+\/\d+ {2}18 findings/);
    expect(opened).toMatch(
      /^whydenied {2}samples {2}✓ files (\d+)\/\1 {2}18 findings · 3 look-alikes · 4 warnings/m,
    );
    expect(opened).toMatch(/^notifications-api:12$/m);
    expect(opened).toMatch(/^› \d+h ago execution log-delivery +logs:CreateLogStream/m);
    expect(opened).toMatch(/^1\/18 {2}\? help · q quit/m);

    await keys('j', 'j', 'j');
    const moved = await screenMatching(/^4\/18 /m);
    expect(moved).toMatch(/^› \d+h ago execution secret-injection ssm:GetParameters +…\S*db-password +x4$/m);

    await keys('Enter');
    const detail = await screenMatching(/Finding 4 of 18/);
    expect(detail).toContain('The execution role orders-api-execution-role cannot read the secret');

    await keys('f');
    const fix = await screenMatching(/Fix for finding 4/);
    expect(fix).toContain(' JSON  Terraform  CloudFormation  AWS CLI');
    expect(fix).toContain('"Sid": "SsmParametersForSecrets"');

    await keys('Tab');
    const terraform = await screenMatching(/data "aws_iam_policy_document"/);
    expect(terraform).toMatch(/actions += \["ssm:GetParameters"\]/);
    expect(terraform).toContain('not verified: give the roles');

    await keys('q');
    const after = await screenMatching(/exit=\d+/);
    expect(after).toMatch(/^exit=0$/m);
    // The alternate screen is gone: the shell's screen is back, without the TUI's frame.
    expect(after).not.toContain('Fix for finding 4');
  }, 120_000);
});
