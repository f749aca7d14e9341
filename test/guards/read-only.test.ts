/**
 * whydenied never changes anything in AWS: the only SDK commands the code may name are reads
 * (Describe/List/Get/Lookup/Filter), IAM's Simulate*, and the query starters whose results go
 * to the query service's own output (Athena StartQueryExecution, Logs StartQuery).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const READ_ONLY =
  /^(?:Describe|List|Get|Lookup|Filter|Simulate)\w*Command$|^(?:StartQueryExecution|StartQuery|StopQuery|StopQueryExecution)Command$/;

/** Every `XxxCommand` the source names, with whether it is allowed. */
function sdkCommandsIn(source: string): { command: string; allowed: boolean }[] {
  const names = new Set<string>();
  for (const match of source.matchAll(/\b([A-Z]\w*Command)\b/g)) names.add(match[1] ?? '');
  // Only names that come from an AWS SDK client count; the CLI's own `Command` (commander) does not.
  const fromSdk = [...names].filter(
    (name) =>
      name !== 'Command' &&
      new RegExp(
        `\\b${name}\\b[^;]*from '@aws-sdk/|import \\{[^}]*\\b${name}\\b[^}]*\\} from '@aws-sdk/`,
      ).test(source),
  );
  return fromSdk.map((command) => ({ command, allowed: READ_ONLY.test(command) }));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|js|mjs)$/.test(name) ? [path] : [];
  });
}

const root = new URL('../../', import.meta.url).pathname;
const roots = ['src', 'tui', 'bin']
  .map((dir) => join(root, dir))
  .filter((dir) => {
    try {
      return statSync(dir).isDirectory();
    } catch {
      return false;
    }
  });

describe('read-only on AWS', () => {
  it('the code names only read-only SDK commands', () => {
    const violations = roots.flatMap(sourceFiles).flatMap((file) =>
      sdkCommandsIn(readFileSync(file, 'utf8'))
        .filter((c) => !c.allowed)
        .map((c) => `${file}: ${c.command}`),
    );
    expect(violations).toEqual([]);
  });

  it('catches a planted mutating command (the guard can fail)', () => {
    const planted = readFileSync(new URL('./planted/mutating-client.ts.txt', import.meta.url), 'utf8');
    expect(sdkCommandsIn(planted)).toEqual([
      { command: 'PutRolePolicyCommand', allowed: false },
      { command: 'DescribeTasksCommand', allowed: true },
    ]);
  });
});
