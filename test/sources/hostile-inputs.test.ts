/**
 * Hostile and huge inputs (issue 10): deep nesting, loops and special files in the walked
 * tree, sizes past what one string holds, nothing readable at all. The run never throws,
 * always prints its JSON, and what was readable beside the hostile input is still analysed.
 * Sizes are realistic for the failure (a 200,000-deep array) but generated here, small
 * enough to keep the suite fast; the 600 MB stream belongs to `npm run bench`.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { corpusCase, corpusMessage } from '../corpus-cases.js';
import { runCli } from '../run-cli.js';

interface Output {
  findings: { action: string; evidence: unknown[] }[];
  warnings: { origin: string; problem: string; expected: string }[];
  stats: { inputs: number; denials: number };
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'whydenied-hostile-'));
}

async function analyse(...paths: string[]): Promise<{ code: number; output: Output }> {
  const { code, stdout } = await runCli(['analyze', ...paths, '--format', 'json']);
  return { code, output: JSON.parse(stdout) as Output };
}

const actions = (output: Output) => output.findings.map((finding) => finding.action).sort();

/** `[[[...]]]` as text: JSON.parse takes it, a recursive reader of the parsed value does not. */
const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** A value nested `depth` objects deep, built as text so building it recurses nowhere. */
const deepObjectText = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/** ct-03 (a LeaveOrganization denial) with a request parameter nested `depth` levels deep. */
function deepRequestRecord(depth: number): string {
  const record = JSON.stringify({ ...(corpusCase('ct-03').raw as object), requestParameters: '@' });
  return record.replace('"@"', `{"filter":${deepObjectText(depth)}}`);
}

describe('deep nesting', () => {
  it('a 200,000-deep JSON array is a warning naming the file; the good input beside it is read', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'deep.json'), deepArray(200_000));
    writeFileSync(join(dir, 'good.txt'), corpusMessage('ecs-01'));
    const { code, output } = await analyse(dir);
    expect(output.warnings).toEqual([
      expect.objectContaining({ origin: expect.stringContaining(join(dir, 'deep.json')) }),
    ]);
    expect(output.warnings[0]?.problem).toMatch(/nested/);
    expect(actions(output)).toEqual(['ssm:GetParameters']);
    expect(code).toBe(3);
  });

  it('in a directory of nine or more files, the deep one costs itself only', async () => {
    const dir = tempDir();
    for (let index = 0; index < 10; index++)
      writeFileSync(join(dir, `good-${index}.txt`), corpusMessage('ecs-01'));
    writeFileSync(join(dir, 'deep.json'), deepArray(200_000));
    const { code, output } = await analyse(dir);
    expect(output.warnings).toHaveLength(1);
    expect(output.warnings[0]?.origin).toContain('deep.json');
    expect(output.stats.inputs).toBe(11);
    expect(output.findings[0]?.evidence).toHaveLength(10);
    expect(code).toBe(3);
  });

  it('a denial whose requestParameters nest 6,000 levels deep is still found', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'trail.json'), `{"Records":[${deepRequestRecord(6_000)}]}`);
    const { output } = await analyse(dir);
    expect(actions(output)).toEqual(['organizations:LeaveOrganization']);
  });

  it('a JSON Lines row nested 4,000 levels deep is a warning naming the line; the other rows are read', async () => {
    const dir = tempDir();
    const rows = [
      JSON.stringify(corpusCase('ct-02').raw),
      `{"eventSource":"s3.amazonaws.com","eventName":"GetObject","x":${deepArray(4_000)}}`,
      deepArray(4_000),
      deepRequestRecord(4_000),
    ];
    writeFileSync(join(dir, 'trail.jsonl'), `${rows.join('\n')}\n`);
    const { output } = await analyse(dir);
    expect(actions(output)).toEqual(['organizations:LeaveOrganization', 'sts:AssumeRole']);
    expect(output.warnings.map((warning) => warning.origin)).toEqual([`${join(dir, 'trail.jsonl')}#line 3`]);
    expect(output.warnings[0]?.problem).toMatch(/nested/);
  });
});

/** A directory holding one CloudTrail file with one denial (ct-03, LeaveOrganization). */
function trailDir(): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'trail.json'), JSON.stringify({ Records: [corpusCase('ct-03').raw] }));
  return dir;
}

const ROOT = new URL('../../', import.meta.url).pathname;

/**
 * The CLI in a child process as another user: root lists any directory, so an unreadable one
 * can only be met by a process that is not root.
 */
function analyseAsNobody(path: string): { code: number | null; output: Output } {
  const script = `import { main } from './src/cli.ts';
process.exitCode = await main(['analyze', ${JSON.stringify(path)}, '--format', 'json']);`;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
    uid: 65534,
    gid: 65534,
    env: { ...process.env, TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.json') },
  });
  if (child.stdout === '') throw new Error(`no output: ${child.stderr}`);
  return { code: child.status, output: JSON.parse(child.stdout) as Output };
}

describe('directory walking', () => {
  const locked: string[] = [];
  afterEach(() => {
    for (const dir of locked.splice(0)) chmodSync(dir, 0o755);
  });

  it('a link back to a parent directory is not followed round: the file is read once', async () => {
    const dir = trailDir();
    mkdirSync(join(dir, 'sub'));
    symlinkSync('..', join(dir, 'sub', 'up'));
    const { output } = await analyse(dir);
    expect(output.stats.inputs).toBe(1);
    expect(output.findings[0]?.evidence).toHaveLength(1);
  });

  it('two links back to the top finish, reading each file once', async () => {
    const dir = trailDir();
    for (const name of ['a', 'b']) {
      mkdirSync(join(dir, name));
      symlinkSync(dir, join(dir, name, 'top'));
    }
    symlinkSync(join(dir, 'trail.json'), join(dir, 'a', 'same-trail.json'));
    const { output } = await analyse(dir);
    expect(output.stats.inputs).toBe(1);
    expect(output.findings[0]?.evidence).toHaveLength(1);
  });

  it('an unreadable subdirectory is a warning naming it; the rest of the tree is read', async () => {
    const dir = trailDir();
    chmodSync(dir, 0o755);
    const secret = join(dir, 'secret');
    mkdirSync(secret);
    writeFileSync(join(secret, 'hidden.txt'), corpusMessage('ecs-01'));
    chmodSync(secret, 0o000);
    locked.push(secret);
    const { code, output } = process.getuid?.() === 0 ? analyseAsNobody(dir) : await analyse(dir);
    expect(output.warnings).toEqual([
      {
        origin: secret,
        problem: expect.stringMatching(/EACCES|permission denied/i),
        expected: expect.any(String),
      },
    ]);
    expect(actions(output)).toEqual(['organizations:LeaveOrganization']);
    expect(code).toBe(3);
  });
});

describe('nothing read is not a success', () => {
  it('an empty directory is exit 3 with a warning naming it', async () => {
    const dir = tempDir();
    const { code, output } = await analyse(dir);
    expect(output.stats.inputs).toBe(0);
    expect(output.warnings).toEqual([
      { origin: dir, problem: expect.stringMatching(/nothing was read/), expected: expect.any(String) },
    ]);
    expect(code).toBe(3);
  });

  it('a directory holding only hidden files is nothing read too', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.trail.json'), JSON.stringify({ Records: [corpusCase('ct-03').raw] }));
    const { code, output } = await analyse(dir);
    expect(output.warnings[0]?.problem).toMatch(/hidden/);
    expect(code).toBe(3);
  });

  it('a path that does not exist stays a warning, exit 3, nothing counted as read', async () => {
    const { code, output } = await analyse('/nonexistent/whydenied');
    expect(output.warnings[0]).toMatchObject({ origin: '/nonexistent/whydenied' });
    expect(output.stats.inputs).toBe(0);
    expect(code).toBe(3);
  });
});
