/**
 * What the command line checks before it starts work, so that a slip of the hand costs a clear
 * usage message (exit 2) instead of a run on the wrong thing or an internal error at the end.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

export class UsageError extends Error {}

/** Edit distance (insertions, deletions, substitutions, adjacent swaps): `analyse` is 1 from `analyze`. */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) (rows[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[];
    const above = rows[i - 1] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (above[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (above[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
      row[j] = best;
    }
  }
  return (rows[a.length] as number[])[b.length] as number;
}

/** The command nearest to a mistyped word, when it is near enough to be what was meant. */
export function nearestCommand(word: string, commands: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of commands) {
    const distance = name.startsWith(word) && word.length >= 2 ? 0 : editDistance(word, name);
    if (!best || distance < best.distance) best = { name, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(best.name.length / 3)) ? best.name : undefined;
}

/**
 * `whydenied WORD ...` where WORD is neither a command nor anything on disk: the default command
 * would take it as an input and report it missing (exit 3), which hides the typo. A word with a
 * path's marks (`/`, `.`) is left to be reported as a missing input.
 */
export function checkCommandWord(argv: readonly string[], commands: readonly string[]): void {
  const word = argv[0];
  if (word === undefined || word.startsWith('-') || commands.includes(word)) return;
  if (!/^[A-Za-z][\w-]*$/.test(word) || existsSync(word)) return;
  const nearest = nearestCommand(word.toLowerCase(), commands);
  throw new UsageError(
    `unknown command '${word}' (and no file or directory of that name)${
      nearest ? `: did you mean 'whydenied ${nearest}'?` : ''
    }\n  commands: ${commands.filter((name) => name !== 'help').join(', ')}; whydenied --help shows examples`,
  );
}

/** `-o PATH`: checked before the analysis runs, so a long run is not lost at the last step. */
export function checkOutputPath(path: string | undefined): void {
  if (path === undefined) return;
  if (path === '') throw new UsageError('-o/--output needs a file name');
  let isDirectory = false;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    // does not exist yet: its directory must
  }
  if (isDirectory) {
    throw new UsageError(
      `-o ${path}: that is a directory; name a file in it, e.g. -o ${path.replace(/\/$/, '')}/whydenied-report.md`,
    );
  }
  const directory = dirname(path);
  let directoryIsOne = false;
  try {
    directoryIsOne = statSync(directory).isDirectory();
  } catch {
    // reported below
  }
  if (!directoryIsOne) {
    throw new UsageError(
      `-o ${path}: the directory ${directory} does not exist; create it first (mkdir -p ${directory}) or choose another path`,
    );
  }
}

/** The exit codes, as every command's help prints them. */
export const EXIT_CODES_HELP = `
Exit codes:
  0  no permission failure found (look-alikes alone are 0)
  1  permission failures found
  2  bad usage: the message says what to change
  3  partial: some input or source could not be read, or nothing was read (wins over 1)
  4  internal error in whydenied (please report it)`;

/** The view's own codes, then the text report's, which it prints without a terminal. */
export const TUI_EXIT_CODES = `
In a terminal, whydenied tui exits 0 when you quit after a load that finished, 2 when the
last load failed on what was given (AWS credentials, an option), 4 when it failed otherwise.
Without a terminal it prints the text report, and exits as analyze does.
${EXIT_CODES_HELP}`;

/** Real examples for each command's help: what an on-call engineer types first. */
export const EXAMPLES: Record<string, string> = {
  root: `
Examples:
  whydenied analyze ./evidence/                    files, directories, .gz, any mix
  aws ecs describe-tasks --cluster prod --tasks $TASK | whydenied analyze -
  whydenied report --cluster prod --service api --since 2h -o incident.md
  whydenied tui samples                            the interactive view of the bundled samples`,
  analyze: `
Examples:
  whydenied analyze ./evidence/
  whydenied analyze trail.json.gz stopped-tasks.json --format json
  whydenied analyze ./evidence/ --format events    the run as JSON Lines: code, level, type, payload
  aws ecs describe-tasks --cluster prod --tasks $TASK | whydenied analyze -
  whydenied analyze --cluster prod --service api --since 2h --policies ./policies/`,
  report: `
Examples:
  whydenied report ./evidence/ -o incident.md
  whydenied report --cluster prod --service api --since 6h --redact -o incident.md`,
  fix: `
Examples:
  whydenied fix ./evidence/ --format terraform
  whydenied fix ./evidence/ --policies ./policies/ --format cli`,
  tui: `
Examples:
  whydenied tui ./evidence/
  whydenied tui ./evidence/ --watch 30
  whydenied tui --cluster prod --service api --since 2h`,
  permissions: `
Examples:
  whydenied permissions
  whydenied permissions -o whydenied-read-only.json`,
  queries: `
Examples:
  whydenied queries athena-ddl --bucket my-trail-bucket --account 111122223333
  whydenied queries athena-denials --since 2h --role-arn arn:aws:iam::111122223333:role/api-task
  whydenied queries logs-insights`,
  check: `
Examples:
  aws ecs describe-task-definition --task-definition api:42 > td.json
  whydenied check td.json --policies ./iam/
  whydenied check td.json describe-secret.json --policies ./iam/ --expect dynamodb:PutItem=arn:aws:dynamodb:eu-west-1:111122223333:table/orders`,
  completion: `
Examples:
  whydenied completion bash > /etc/bash_completion.d/whydenied
  whydenied completion zsh > "\${fpath[1]}/_whydenied"
  whydenied completion fish > ~/.config/fish/completions/whydenied.fish`,
};
