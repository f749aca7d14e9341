/** The CLI run in-process as a user would run it, with what it printed and its exit code. */
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
