/**
 * The installed command as a user runs it: package.json's bin, compiled and bundled by
 * `npm run build` (which `npm ci` runs through `prepare`), in a child process.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { corpusMessage } from '../corpus-cases.js';

const root = new URL('../../', import.meta.url).pathname;
const bin = JSON.parse(readFileSync(`${root}package.json`, 'utf8')).bin.whydenied as string;

function run(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: root, input, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    cwd: root,
  });
  execFileSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/bundle.ts'], { cwd: root });
}, 180_000);

describe('whydenied (bin)', () => {
  it('analyses the bundled samples as `npm start` does, exit 0 with --exit-zero', () => {
    const { code, stdout, stderr } = run(['analyze', 'samples', '--exit-zero']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^whydenied: \d+ permission failures/);
    expect(stdout).toMatch(/orders-api:43, since orders-api:42: container app gets a new secret/);
    expect(stdout).toMatch(/ {2}EXECUTION ROLE\n +\d+ {2}secret-injection {2}ssm:GetParameters/);
  });

  it('npm start without a terminal: the text report, with a one-line notice', () => {
    const { code, stdout, stderr } = run(['tui', 'samples', '--exit-zero']);
    expect(code).toBe(0);
    expect(stderr).toMatch(/^whydenied: not an interactive terminal, so here is the text report/);
    expect(stdout).toMatch(/^whydenied: \d+ permission failures/);
  });

  it('exit 1 when denials are found, and JSON with schemaVersion', () => {
    const { code, stdout } = run(['analyze', 'samples/ecr-pull-missing', '--format', 'json']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({
      schemaVersion: 1,
      findings: [{ role: 'execution-role', step: 'registry-auth' }],
    });
  });

  it('reads - from stdin', () => {
    const { code, stdout } = run(['analyze', '-', '--format', 'json'], corpusMessage('ecs-44'));
    expect(code).toBe(1);
    expect(JSON.parse(stdout).findings[0]).toMatchObject({
      policyType: 'vpc-endpoint',
      evidence: [{ origin: '-:1' }],
    });
  });

  it.skipIf(spawnSync('script', ['--version']).status !== 0)(
    '`analyze -` on a terminal says it is reading a paste and how to end it; Ctrl-D ends it',
    () => {
      // script(1) gives the command a real terminal; the ^D is the terminal's end of input.
      const result = spawnSync(
        'script',
        ['-qec', `${process.execPath} ${bin} analyze - --format json`, '/dev/null'],
        { cwd: root, input: `${corpusMessage('ecs-44')}\n\u0004`, encoding: 'utf8', timeout: 30_000 },
      );
      expect(result.stdout).toContain('reading the evidence you paste or type here; end it with Ctrl-D');
      expect(result.stdout).toContain('"policyType": "vpc-endpoint"');
    },
  );

  it('a pipe on stdin gets no paste notice', () => {
    const { stderr } = run(['analyze', '-', '--format', 'json'], corpusMessage('ecs-44'));
    expect(stderr).not.toContain('Ctrl-D');
  });

  it('finds queries/ from the compiled CLI: `queries athena-ddl` prints the filled DDL', () => {
    const { code, stdout, stderr } = run([
      'queries',
      'athena-ddl',
      '--bucket',
      'my-trail-bucket',
      '--org',
      'o-abc123defg',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^CREATE EXTERNAL TABLE IF NOT EXISTS default\.cloudtrail_logs \(/);
  });

  it('exit 0 when nothing is denied (a look-alike only)', () => {
    expect(run(['analyze', 'samples/network-timeout']).code).toBe(0);
  });

  it('exit 3 when some input was unreadable, with the warning printed', () => {
    const { code, stdout } = run(['analyze', 'samples/malformed-inputs']);
    expect(code).toBe(3);
    expect(stdout).toMatch(/Warnings \(these inputs were not read, or not completely\):/);
  });

  it('exit 2 with a clear message on bad usage, never a stack trace', () => {
    const noInput = run(['analyze']);
    expect(noInput.code).toBe(2);
    expect(noInput.stderr).toMatch(/analyze needs at least one input/);
    const badFormat = run(['analyze', 'samples', '--format', 'yaml']);
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toMatch(/Allowed choices are text, json/);
    expect(badFormat.stderr).not.toMatch(/\n\s+at /);
    expect(run([]).code).toBe(2);
  });

  it('exit 4, the internal error, for an error thrown outside main (Node would exit 1: "denials found")', () => {
    const planted = spawnSync(
      process.execPath,
      ['--import', './test/cli/planted/throw-after-write.mjs', bin, 'analyze', 'samples/network-timeout'],
      { cwd: root, encoding: 'utf8' },
    );
    expect(planted.stderr).toMatch(
      /^whydenied: internal error: planted: thrown outside main\nPlease report it/,
    );
    expect(planted.stderr).not.toMatch(/\n\s+at /);
    expect(planted.status).toBe(4);
  });
});
