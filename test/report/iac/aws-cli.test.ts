import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { MergedFix } from '../../../src/domain/merge-fixes.js';
import { renderAwsCli, shellQuote } from '../../../src/report/iac/aws-cli.js';
import { placeholdersOf, principalOf } from '../../../src/report/iac/fix-facts.js';
import { expectGolden } from './golden.js';
import { sampleFixes } from './sample-fixes.js';

/** Runs the script with `aws` as a function that prints each command's argv (NUL-separated, one record per command). */
function runWithFakeAws(
  script: string,
  env: Record<string, string>,
): { status: number | null; commands: string[][] } {
  const fake = `aws() { printf '%s\\0' "$@"; printf '\\036\\0'; }\n`;
  const run = spawnSync('bash', ['-c', `${fake}${script}`], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, ...env },
  });
  const commands = run.stdout
    .split('\u001e\0')
    .filter((record) => record !== '')
    .map((record) => record.split('\0').slice(0, -1));
  return { status: run.status, commands };
}

const argument = (argv: string[], flag: string) => argv[argv.indexOf(flag) + 1];

/** Sets each placeholder variable to its own `${Name}`, so the document the shell builds equals the fix's. */
function placeholderEnv(fixes: MergedFix[]): Record<string, string> {
  return Object.fromEntries(fixes.flatMap(placeholdersOf).map((name) => [name, `\${${name}}`]));
}

describe('renderAwsCli', () => {
  it('renders the sample fixes as in the golden file', async () => {
    expectGolden('samples.sh', renderAwsCli(await sampleFixes()));
  });

  it('is valid shell (bash -n)', async () => {
    const check = spawnSync('bash', ['-n'], { input: renderAwsCli(await sampleFixes()), encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('passes each inline fix to aws as one argument that parses back to the same document', async () => {
    const fixes = await sampleFixes();
    const { status, commands } = runWithFakeAws(renderAwsCli(fixes), placeholderEnv(fixes));
    expect(status).toBe(0);
    const runnable = fixes.filter(
      (fix) =>
        fix.policy &&
        principalOf(fix.target) &&
        ['identity-policy', 'deployer-policy'].includes(fix.placement),
    );
    expect(commands).toHaveLength(runnable.length);
    commands.forEach((argv, index) => {
      const fix = runnable[index] as MergedFix;
      const principal = principalOf(fix.target);
      expect(argv.slice(0, 2)).toEqual(['iam', `put-${principal?.kind}-policy`]);
      expect(argument(argv, `--${principal?.kind}-name`)).toBe(principal?.name);
      expect(JSON.parse(argument(argv, '--policy-document') ?? '')).toEqual(fix.policy);
    });
  });

  it('refuses to run a command whose placeholders are not set', async () => {
    const fixes = await sampleFixes();
    const { status } = runWithFakeAws(renderAwsCli(fixes), {});
    expect(status).not.toBe(0);
  });

  it('keeps single quotes, $ and backslashes literal', () => {
    const awkward = `it's $HOME \\ "quoted" \`cmd\` ''`;
    const { commands } = runWithFakeAws(`aws ${shellQuote(awkward)}`, {});
    expect(commands).toEqual([[awkward]]);
  });

  it('says that key, repository, bucket and trust policies are replaced whole', async () => {
    const rendered = renderAwsCli(await sampleFixes());
    for (const command of [
      'aws kms put-key-policy',
      'aws ecr set-repository-policy',
      'aws s3api put-bucket-policy',
      'aws iam update-assume-role-policy',
    ])
      expect(rendered).toMatch(new RegExp(`^#\\s+${command}`, 'm'));
    expect(rendered).toContain('REPLACES the whole policy');
  });
});
