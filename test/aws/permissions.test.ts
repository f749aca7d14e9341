/**
 * `whydenied permissions` must name every AWS call the code can make, and every one must be a
 * read: each `XxxCommand` or `paginateXxx` imported from an @aws-sdk client anywhere in src/
 * maps to `<prefix>:Xxx` in the policy, and Xxx starts like a read or a query starter.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { permissionsPolicy, permittedActions, renderPermissions } from '../../src/aws/permissions.js';
import { runCli } from '../run-cli.js';

const PREFIX: Record<string, string> = {
  'client-ecs': 'ecs',
  'client-cloudtrail': 'cloudtrail',
  'client-cloudwatch-logs': 'logs',
  'client-athena': 'athena',
  'client-iam': 'iam',
  'client-kms': 'kms',
  'client-ecr': 'ecr',
  'client-secrets-manager': 'secretsmanager',
  'client-s3': 's3',
  'client-organizations': 'organizations',
  'client-ec2': 'ec2',
};

// Stopping a query changes its state: not a read (test/guards/read-only.test.ts holds the exact list).
const READ = /^(?:Describe|List|Get|Lookup|Filter|Simulate)\w*$|^(?:StartQueryExecution|StartQuery)$/;

/** The IAM action of every SDK command a source file imports. */
function importedActions(source: string): { command: string; action: string }[] {
  const found: { command: string; action: string }[] = [];
  for (const match of source.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'@aws-sdk\/([\w-]+)'/g)) {
    const prefix = PREFIX[match[2] ?? ''] ?? `?${match[2]}`;
    for (const raw of (match[1] ?? '').split(',')) {
      const name =
        raw
          .replace(/^\s*type\s+/, '')
          .split(/\s+as\s+/)[0]
          ?.trim() ?? '';
      // Types such as LookupEventsCommandOutput are not calls; a paginator sends its operation's command.
      if (/^\w+Command$/.test(name))
        found.push({ command: name, action: `${prefix}:${name.slice(0, -'Command'.length)}` });
      if (/^paginate\w+$/.test(name))
        found.push({ command: name, action: `${prefix}:${name.slice('paginate'.length)}` });
    }
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

const SRC = new URL('../../src/', import.meta.url).pathname;
const used = sourceFiles(SRC).flatMap((file) =>
  importedActions(readFileSync(file, 'utf8')).map((item) => ({ ...item, file: file.slice(SRC.length) })),
);

describe('whydenied permissions', () => {
  it('the code sends SDK commands (the scan finds them)', () => {
    expect(used.map((item) => item.action)).toContain('ecs:DescribeTasks');
    expect(used.map((item) => item.action)).toContain('cloudtrail:LookupEvents');
  });

  it('names every SDK command the code imports', () => {
    const granted = new Set(permittedActions());
    expect(
      used.filter((item) => !granted.has(item.action)).map((item) => `${item.file}: ${item.action}`),
    ).toEqual([]);
  });

  it('grants only reads and query starters', () => {
    const writes = permittedActions().filter((action) => !READ.test(action.split(':')[1] ?? ''));
    expect(writes).toEqual([]);
  });

  it('fails on a planted mutating command (the check can fail)', () => {
    const planted = readFileSync(new URL('../guards/planted/named-import.ts.txt', import.meta.url), 'utf8');
    const actions = importedActions(planted).map((item) => item.action);
    expect(actions).toEqual(['iam:PutRolePolicy', 'ecs:DescribeTasks']);
    const granted = new Set(permittedActions());
    expect(actions.filter((action) => !granted.has(action))).toEqual(['iam:PutRolePolicy']);
    expect(READ.test('PutRolePolicy')).toBe(false);
  });

  it('prints a policy document', async () => {
    const { code, stdout } = await runCli(['permissions']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(permissionsPolicy());
    expect(stdout).toBe(renderPermissions());
    expect(permissionsPolicy().Statement.every((statement) => statement.Effect === 'Allow')).toBe(true);
  });
});
