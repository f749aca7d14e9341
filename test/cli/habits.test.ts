/**
 * The command line as an on-call engineer's hands expect it: --version, a typo in a command
 * named as one, -o checked before the run, help with examples and exit codes, completion.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nearestCommand } from '../../src/cli-usage.js';
import { runCli as run } from '../run-cli.js';

const root = new URL('../../', import.meta.url).pathname;
const version = JSON.parse(readFileSync(`${root}package.json`, 'utf8')).version as string;
const has = (shell: string) => spawnSync(shell, ['-c', 'true']).status === 0;

describe('whydenied --version', () => {
  it.each([['--version'], ['-V']])('%s prints the package version, exit 0', async (flag) => {
    const { code, stdout } = await run([flag]);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(version);
  });
});

describe('a mistyped command', () => {
  it('is a usage error naming the nearest command, not an input reported missing', async () => {
    const { code, stdout, stderr } = await run(['analyse', 'samples']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain("unknown command 'analyse'");
    expect(stderr).toContain("did you mean 'whydenied analyze'?");
  });

  it('suggests nothing when no command is near', async () => {
    const { code, stderr } = await run(['zzzzzz']);
    expect(code).toBe(2);
    expect(stderr).not.toContain('did you mean');
  });

  it('nearestCommand: a swap, a missing letter, a prefix', () => {
    const commands = ['analyze', 'report', 'fix', 'tui', 'permissions', 'queries', 'completion'];
    expect(nearestCommand('anlayze', commands)).toBe('analyze');
    expect(nearestCommand('reprot', commands)).toBe('report');
    expect(nearestCommand('perm', commands)).toBe('permissions');
    expect(nearestCommand('tiu', commands)).toBe('tui');
    expect(nearestCommand('kubectl', commands)).toBeUndefined();
  });

  it('a path that does not exist stays an input warning (exit 3)', async () => {
    const { code, stdout } = await run(['analyze', 'evidence/missing.json']);
    expect(code).toBe(3);
    expect(stdout).toContain('evidence/missing.json: no such file or directory');
  });

  it('a directory whose name is a plain word is still an input of the default command', async () => {
    const { code, stderr } = await run(['samples', '--exit-zero']);
    expect(stderr).not.toContain('unknown command');
    expect(code).toBe(0);
  });
});

describe('-o/--output', () => {
  it('a directory is a usage error that says what to give, before any analysis', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'whydenied-out-'));
    const { code, stdout, stderr } = await run(['analyze', 'samples', '-o', dir]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`-o ${dir}: that is a directory; name a file in it`);
    expect(stderr).not.toContain('internal error');
  });

  it.each([['analyze'], ['report'], ['fix'], ['permissions']])(
    '%s: a file in a missing directory is a usage error',
    async (command) => {
      const args = command === 'permissions' ? [command] : [command, 'samples'];
      const { code, stderr } = await run([...args, '-o', '/missing/dir/x.md']);
      expect(code).toBe(2);
      expect(stderr).toContain('the directory /missing/dir does not exist');
    },
  );

  it('a file in an existing directory is written', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'whydenied-out-')), 'report.md');
    const { code } = await run(['report', 'samples/ecr-pull-missing', '-o', file]);
    expect(code).toBe(1);
    expect(readFileSync(file, 'utf8')).toMatch(/^# /);
  });
});

describe('help', () => {
  it.each([['analyze'], ['report'], ['fix'], ['tui']])(
    '%s --help has examples and the exit codes',
    async (command) => {
      const { code, stdout } = await run([command, '--help']);
      expect(code).toBe(0);
      expect(stdout).toMatch(new RegExp(`Examples:\n(  whydenied ${command} .*\n){1,}`));
      expect(stdout).toMatch(/Exit codes:\n {2}0 .*\n {2}1 .*\n {2}2 .*\n {2}3 .*\n {2}4 +internal error/);
    },
  );

  it("the README's exit codes are --help's, each row starting with its words", async () => {
    const { stdout } = await run(['analyze', '--help']);
    const help = [...stdout.matchAll(/^ {2}(\d) {2}(.+)$/gm)].map(([, code, meaning]) => [code, meaning]);
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('### Exit codes'), readme.indexOf('### Read-only'));
    const rows = [...section.matchAll(/^\| (\d) \| (.+) \|$/gm)].map(([, code, meaning]) => [code, meaning]);
    expect(rows.map(([code]) => code)).toEqual(['0', '1', '2', '3', '4']);
    expect(help.map(([code]) => code)).toEqual(['0', '1', '2', '3', '4']);
    for (const [index, [, meaning = '']] of help.entries())
      expect(rows[index]?.[1]?.slice(0, meaning.length)).toBe(meaning);
    const tui = (await run(['tui', '--help'])).stdout;
    expect(tui).toContain('exits 0 when you quit after a load that finished');
    expect(section).toContain('exits 0 when you quit after a load that finished');
  });

  it('the top level: commands, examples, exit codes', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('completion');
    expect(stdout).toContain('Examples:');
    expect(stdout).toContain('Exit codes:');
  });

  it('queries promises Logs Insights text and prints it', async () => {
    const help = await run(['queries', '--help']);
    expect(help.stdout).toContain('logs-insights');
    const { code, stdout } = await run(['queries', 'logs-insights']);
    expect(code).toBe(0);
    expect(stdout).toContain('fields @timestamp, @message');
    expect(stdout).toContain('filter errorCode in');
  });
});

describe('whydenied completion', () => {
  it('refuses a shell it does not know, exit 2', async () => {
    const { code, stderr } = await run(['completion', 'csh']);
    expect(code).toBe(2);
    expect(stderr).toContain('bash, zsh, fish');
  });

  it('bash: commands, options and --format choices complete', async () => {
    const { code, stdout } = await run(['completion', 'bash']);
    expect(code).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'whydenied-completion-'));
    writeFileSync(join(dir, 'whydenied.bash'), stdout);
    const complete = (words: string[]) =>
      execFileSync(
        'bash',
        [
          '-c',
          `source "$1"; COMP_WORDS=(${words.map((word) => `'${word}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _whydenied; printf '%s\\n' "\${COMPREPLY[@]}"`,
          'bash',
          join(dir, 'whydenied.bash'),
        ],
        { encoding: 'utf8', cwd: dir },
      )
        .split('\n')
        .filter(Boolean);
    expect(complete(['whydenied', 'ana'])).toEqual(['analyze']);
    expect(complete(['whydenied', 'analyze', '--format', ''])).toEqual(['text', 'json', 'events']);
    expect(complete(['whydenied', 'fix', '--format', 't'])).toEqual(['terraform']);
    expect(complete(['whydenied', 'report', '--re'])).toEqual(['--redact', '--region', '--request-timeout']);
    expect(complete(['whydenied', 'queries', ''])).toContain('logs-insights');
  });

  it.skipIf(!has('fish'))('fish: the same, through fish itself', async () => {
    const { stdout } = await run(['completion', 'fish']);
    const dir = mkdtempSync(join(tmpdir(), 'whydenied-completion-'));
    writeFileSync(join(dir, 'whydenied.fish'), stdout);
    const complete = (line: string) =>
      execFileSync('fish', ['-c', `source $argv[1]; complete -C '${line}'`, join(dir, 'whydenied.fish')], {
        encoding: 'utf8',
      })
        .split('\n')
        .filter(Boolean)
        .map((row) => row.split('\t')[0]);
    expect(complete('whydenied ana')).toEqual(['analyze']);
    expect(complete('whydenied analyze --format ').sort()).toEqual(['events', 'json', 'text']);
  });

  it.skipIf(!has('zsh'))('zsh: the script parses', async () => {
    const { stdout } = await run(['completion', 'zsh']);
    const dir = mkdtempSync(join(tmpdir(), 'whydenied-completion-'));
    writeFileSync(join(dir, '_whydenied'), stdout);
    expect(spawnSync('zsh', ['-n', join(dir, '_whydenied')]).status).toBe(0);
    expect(stdout).toMatch(/^#compdef whydenied/);
  });
});
