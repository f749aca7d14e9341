/**
 * whydenied never changes anything in AWS: the code, as written (src/, tui/, bin/) and as built
 * (dist/), reaches exactly the operations below and no other, by any route the SDK offers
 * (see sdk-calls.ts). The list is explicit, not a pattern: "Get*" would let
 * secretsmanager:GetSecretValue in, "Stop*" a state change. Each planted file under planted/
 * is one way around a looser guard, and each must be caught.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { permittedActions } from '../../src/aws/permissions.js';
import { sdkUses, violations } from './sdk-calls.js';

/** Every AWS operation whydenied calls, and why it is harmless. */
const ALLOWED_OPERATIONS = new Set([
  // ECS: what ran, what stopped and why, which revisions (reads).
  'ecs:DescribeServices',
  'ecs:ListServices',
  'ecs:ListTasks',
  'ecs:DescribeTasks',
  'ecs:DescribeTaskDefinition',
  // CloudTrail's event history (a read).
  'cloudtrail:LookupEvents',
  // Logs: a Logs Insights query (results kept by the service) and its results; container logs.
  'logs:StartQuery',
  'logs:GetQueryResults',
  'logs:FilterLogEvents',
  // Athena: the table's partition keys and projection settings (a catalog read), then a query
  // whose results go to the workgroup's output location, its state and rows.
  'athena:GetTableMetadata',
  'athena:StartQueryExecution',
  'athena:GetQueryExecution',
  'athena:GetQueryResults',
  // IAM: the denied roles' policies (reads) and the policy simulator (evaluates, stores nothing).
  'iam:GetRole',
  'iam:ListRolePolicies',
  'iam:GetRolePolicy',
  'iam:ListAttachedRolePolicies',
  'iam:GetPolicy',
  'iam:GetPolicyVersion',
  'iam:SimulatePrincipalPolicy',
  // The key, repository and secret policies on a denied request's path (reads; never a secret's value).
  'kms:GetKeyPolicy',
  'ecr:GetRepositoryPolicy',
  'secretsmanager:GetResourcePolicy',
  's3:GetBucketPolicy',
  // The SCPs over the denied role's account (reads).
  'organizations:ListParents',
  'organizations:ListPoliciesForTarget',
  'organizations:DescribePolicy',
  // The organization's id, for an aws:PrincipalOrgID condition on a denied request's path (a read).
  'organizations:DescribeOrganization',
  // The policy of the VPC endpoint a denied request went through (a read).
  'ec2:DescribeVpcEndpoints',
  // EC2's encoded authorization failure messages, opened (a read: STS stores and changes nothing).
  'sts:DecodeAuthorizationMessage',
]);

const ROOT = new URL('../../', import.meta.url).pathname;

function codeFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return codeFiles(path);
    return /\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function usesIn(files: string[]) {
  return files.flatMap((file) => sdkUses(file.slice(ROOT.length), readFileSync(file, 'utf8')));
}

const sourceFiles = ['src', 'tui', 'bin'].flatMap((dir) => codeFiles(join(ROOT, dir)));

/** dist/ as `npm ci` (prepare) or `npm run build` leaves it, the bundle bin runs included; built here when it is missing. */
function builtFiles(): string[] {
  const dist = join(ROOT, 'dist');
  if (!existsSync(join(dist, 'src', 'cli.js'))) {
    execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'pipe' });
  }
  if (!existsSync(join(dist, 'bundle', 'cli.js'))) {
    execFileSync('npx', ['tsx', 'scripts/bundle.ts'], { cwd: ROOT, stdio: 'pipe' });
  }
  return codeFiles(dist);
}

describe('read-only on AWS', () => {
  it('the source reaches exactly the allowed operations, by no unchecked route', () => {
    const uses = usesIn(sourceFiles);
    expect(violations(uses, ALLOWED_OPERATIONS)).toEqual([]);
    // Exact: an operation the code stopped calling leaves the list too.
    expect(new Set(uses.map((use) => use.action))).toEqual(ALLOWED_OPERATIONS);
  });

  it('the built output reaches exactly the same operations', () => {
    const files = builtFiles();
    expect(files.some((file) => file.endsWith(join('dist', 'src', 'cli.js')))).toBe(true);
    expect(files.some((file) => file.endsWith(join('dist', 'bundle', 'cli.js')))).toBe(true);
    const uses = usesIn(files);
    expect(violations(uses, ALLOWED_OPERATIONS)).toEqual([]);
    expect(new Set(uses.map((use) => use.action))).toEqual(ALLOWED_OPERATIONS);
  }, 120_000);

  it('`whydenied permissions` grants exactly the allowed operations', () => {
    expect(new Set(permittedActions())).toEqual(ALLOWED_OPERATIONS);
    expect(permittedActions()).toHaveLength(ALLOWED_OPERATIONS.size);
  });
});

/** Each planted file, and what the guard must say of it. */
const PLANTED: Record<string, { action: string | null; how: RegExp }> = {
  'named-import.ts.txt': { action: 'iam:PutRolePolicy', how: /^named import/ },
  'aliased-import.ts.txt': { action: 'iam:PutRolePolicy', how: /^named import/ },
  'namespace-import.ts.txt': { action: 'iam:PutRolePolicy', how: /^namespace import/ },
  'aggregated-client.ts.txt': { action: null, how: /'IAM' \(an aggregated client/ },
  'dynamic-import.ts.txt': { action: null, how: /^dynamic import\(\) of @aws-sdk\/client-iam/ },
  'required.cjs.txt': { action: null, how: /^require\(\) of @aws-sdk\/client-iam/ },
  'get-secret-value.ts.txt': { action: 'secretsmanager:GetSecretValue', how: /^named import/ },
  'stop-query.ts.txt': { action: 'athena:StopQueryExecution', how: /^named import/ },
  'built-output.js.txt': { action: 'ecs:UpdateService', how: /^named import/ },
  'send-local-command.ts.txt': { action: null, how: /^send\(\) of a command that is not imported/ },
};

describe('the guard fails on each planted violation', () => {
  const dir = new URL('./planted/', import.meta.url).pathname;

  it('has one planted file per evasion, and checks them all', () => {
    expect(readdirSync(dir).sort()).toEqual(Object.keys(PLANTED).sort());
  });

  for (const [name, expected] of Object.entries(PLANTED)) {
    it(name, () => {
      const uses = sdkUses(name, readFileSync(join(dir, name), 'utf8'));
      const refused = uses.filter((use) => use.action === null || !ALLOWED_OPERATIONS.has(use.action));
      expect(violations(uses, ALLOWED_OPERATIONS).length).toBeGreaterThan(0);
      expect(refused).toContainEqual(
        expect.objectContaining({ action: expected.action, how: expect.stringMatching(expected.how) }),
      );
    });
  }
});
