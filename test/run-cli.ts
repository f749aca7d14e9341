/** The CLI run in-process as a user would run it, with what it printed and its exit code. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../src/cli.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

/** `analyze` of the fake's incident service (cluster prod, service orders-api), `args` after. */
export function analyzeOrdersApi(args: string[]): Promise<CliRun> {
  return runCli(['analyze', '--cluster', 'prod', '--service', 'orders-api', ...args]);
}

/** `analyze --format json` of a pasted message and its task definition, written into `dir`, with `--policies`. */
export function analyzeMessage(
  dir: string,
  message: string,
  taskDefinition: unknown,
  policies: string,
): Promise<CliRun> {
  writeFileSync(join(dir, 'message.txt'), message);
  writeFileSync(join(dir, 'td.json'), JSON.stringify(taskDefinition));
  return runCli([
    'analyze',
    join(dir, 'message.txt'),
    join(dir, 'td.json'),
    '--policies',
    policies,
    '--format',
    'json',
  ]);
}
