/**
 * `whydenied permissions` must name every AWS call the code can make, and every one must be a
 * read: each `XxxCommand` or `paginateXxx` imported from an @aws-sdk client anywhere in src/
 * maps to `<prefix>:Xxx` in the policy, and Xxx starts like a read or a query starter.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  athenaStatements,
  permissionsPolicy,
  permittedActions,
  renderPermissions,
} from '../../src/aws/permissions.js';
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
  'client-sts': 'sts',
};

// Stopping a query changes its state: not a read (test/guards/read-only.test.ts holds the exact list).
// DecodeAuthorizationMessage reads what an encoded message holds, and changes nothing.
const READ =
  /^(?:Describe|List|Get|Lookup|Filter|Simulate)\w*$|^(?:StartQueryExecution|StartQuery|DecodeAuthorizationMessage)$/;

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

  it('lists what Athena reads and writes on the caller’s behalf, only through Athena, the one write confined to the results location', async () => {
    const { stdout } = await runCli([
      'permissions',
      '--trail-bucket',
      'my-trail-bucket',
      '--athena-results',
      's3://my-athena-results/whydenied/',
    ]);
    const statements = JSON.parse(stdout).Statement as ReturnType<typeof athenaStatements>;
    const bySid = Object.fromEntries(statements.map((statement) => [statement.Sid, statement]));
    expect(bySid.WhydeniedQueryAthena?.Action).toContain('athena:GetTableMetadata');
    expect(bySid.AthenaReadsTheCloudTrailTable?.Action).toEqual(
      expect.arrayContaining(['glue:GetTable', 'glue:GetPartitions']),
    );
    expect(bySid.AthenaReadsTheTrailBucket).toMatchObject({
      Action: expect.arrayContaining(['s3:GetObject', 's3:ListBucket']),
      Resource: ['arn:aws:s3:::my-trail-bucket', 'arn:aws:s3:::my-trail-bucket/AWSLogs/*'],
    });
    expect(bySid.AthenaWritesQueryResults?.Resource).toEqual([
      'arn:aws:s3:::my-athena-results',
      'arn:aws:s3:::my-athena-results/whydenied/*',
    ]);
    const athena = statements.filter((statement) => statement.Sid.startsWith('Athena'));
    expect(athena).toHaveLength(3);
    for (const statement of athena) {
      expect(statement.Condition).toEqual({
        'ForAnyValue:StringEquals': { 'aws:CalledVia': 'athena.amazonaws.com' },
      });
    }
    // The only write is s3:PutObject (and its abort), on the results location alone.
    const writes = statements.flatMap((statement) =>
      statement.Action.filter((action) => /:(Put|Abort)/.test(action)).map((action) => [
        action,
        statement.Sid,
      ]),
    );
    expect(writes).toEqual([
      ['s3:PutObject', 'AthenaWritesQueryResults'],
      ['s3:AbortMultipartUpload', 'AthenaWritesQueryResults'],
    ]);
    // Without the locations, placeholders say what to replace.
    expect(JSON.stringify(athenaStatements())).toContain('arn:aws:s3:::TRAIL-BUCKET/AWSLogs/*');
  });
});
