/**
 * Argument parsing and exit codes only; the work is in pipeline.ts and the renderers.
 * Exit codes: 0 no denials, 1 denials found, 2 bad usage, 3 partial (some input unreadable),
 * 4 internal error.
 */
import { readFileSync } from 'node:fs';
import { open, writeFile } from 'node:fs/promises';
import { Argument, Command, CommanderError, Option } from 'commander';
import { AwsProblemError } from './aws/errors.js';
import { renderPermissions } from './aws/permissions.js';
import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS, parseSeconds } from './aws/timeouts.js';
import type { Listener } from './cli-listeners.js';
import {
  checkCommandWord,
  checkOutputPath,
  EXAMPLES,
  EXIT_CODES_HELP,
  TUI_EXIT_CODES,
  UsageError,
} from './cli-usage.js';
import { completionScript, SHELLS, type Shell } from './completion.js';
import type { Analysis } from './domain/analysis.js';
import type { CloudTrailEvidence } from './domain/evidence.js';
import { EVIDENCE_SAMPLE } from './domain/evidence-sample.js';
import type { LiveOptions, LiveProgress } from './live.js';
import { isLive, isRegionName, parseSince } from './live-options.js';
import { describeLiveProgress, describeOtherDenials } from './live-progress.js';
import { queriesCommand } from './queries-command.js';
import type { RedactionMap } from './report/redact.js';
import { visibleJson, visibleText } from './report/visible-text.js';
import type { AnalysisEvent } from './run-analysis.js';
import { QueryInputError } from './sources/athena-query.js';
import { DEFAULT_LOOKUP_BUDGET } from './sources/lookup-plan.js';

export const EXIT = { clean: 0, denials: 1, usage: 2, partial: 3, internal: 4 } as const;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether `-` would read a person typing (or pasting) rather than a pipe. */
  stdinIsTerminal?: () => boolean;
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdinIsTerminal: () => process.stdin.isTTY === true,
};

/** package.json sits one level above src/, two above dist/src/. */
function packageVersion(): string {
  for (const up of ['../package.json', '../../package.json']) {
    try {
      const manifest = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8'));
      if (manifest.name === 'whydenied') return manifest.version as string;
    } catch {
      // not at this level
    }
  }
  return 'unknown';
}

/** The pipeline and the renderers, loaded when a command that analyses runs. */
const work = () => import('./cli-work.js');

export function exitCodeOf(analysis: Analysis): number {
  if (analysis.warnings.length > 0) return EXIT.partial;
  return analysis.findings.length > 0 ? EXIT.denials : EXIT.clean;
}

interface AnalyzeOptions extends LiveCliOptions {
  redact?: boolean;
  format: 'text' | 'json' | 'events';
  output?: string;
  policies?: string[];
  exitZero?: boolean;
}

interface FixOptions extends LiveCliOptions {
  redact?: boolean;
  format: 'json' | 'terraform' | 'cloudformation' | 'cli';
  output?: string;
  policies?: string[];
  exitZero?: boolean;
}

interface TuiCommandOptions extends LiveCliOptions {
  watch?: string | boolean;
  policies?: string[];
  exitZero?: boolean;
}

/** The TUI in a terminal; elsewhere (a pipe, CI) the text report, saying so in one line. */
async function runTuiCommand(inputs: string[], options: TuiCommandOptions, io: CliIo): Promise<number> {
  const live = liveOptionsOf(options);
  if (inputs.length === 0 && !isLive(live)) {
    throw new UsageError(
      'tui needs at least one input (a file or a directory) or live options (--cluster, --task, ...)',
    );
  }
  // Loads no Ink or React: they load only when the view starts.
  const { canRunTui, runTui } = await import('../tui/index.js');
  // Under CI, Ink paints only its last frame: a terminal there is not one a person watches.
  if (!canRunTui() || process.env.CI) {
    io.stderr(
      'whydenied: not an interactive terminal, so here is the text report (whydenied tui needs a terminal)\n',
    );
    return runAnalyze(inputs, { ...options, format: 'text' }, io);
  }
  const watchSeconds = options.watch === undefined ? undefined : Number(options.watch) || 10;
  const code = await runTui({
    inputs,
    policies: options.policies,
    ...(watchSeconds ? { watchSeconds } : {}),
    ...(isLive(live) ? { live: { ...live, inputs: [] } } : {}),
  });
  return options.exitZero ? EXIT.clean : code;
}

/**
 * Runs the evidence command's analysis with its outputs as listeners of the one event stream:
 * progress on stderr (live sources, unless --quiet), then, on the final event, what live mode
 * could not read and `output` with the analysis as shown (redacted with --redact); with
 * `--format events`, the stream itself on stdout instead. Resolves to the analysis as shown.
 */
async function analyzeInputs(
  command: string,
  inputs: string[],
  options: {
    policies?: string[] | undefined;
    redact?: boolean | undefined;
    maxInflated?: string | undefined;
    allEvidence?: boolean | undefined;
    format?: string | undefined;
    output?: string | undefined;
  } & LiveCliOptions,
  io: CliIo,
  output: (analysis: Analysis) => Promise<void>,
): Promise<Analysis> {
  checkOutputPath(options.output);
  if (inputs.includes('-') && io.stdinIsTerminal?.()) {
    io.stderr(
      'whydenied: reading the evidence you paste or type here; end it with Ctrl-D on a line of its own (Ctrl-C cancels)\n',
    );
  }
  const live = liveOptionsOf(options);
  if (!isLive(live) && inputs.length === 0) {
    throw new UsageError(
      `${command} needs at least one input: a file, a directory, a .gz file, or - for stdin; or live options (--cluster, --service, --task, --role-arn)`,
    );
  }
  if (isLive(live)) checkLiveOptions(live);
  const { eventsListener, fileAnalysis, listen, onFinal, RedactionMap, redactAnalysis } = await work();
  // One map for the whole run: a token means the same on stderr, in the report and on every event line.
  const map = options.redact ? new RedactionMap() : undefined;
  const shown = (analysis: Analysis) => (map ? redactAnalysis(analysis, map) : analysis);
  const lines: string[] = [];
  // After the run's own listeners (live mode's stderr): the output, or the stream itself.
  const run = <P>(events: AsyncIterable<AnalysisEvent<P>>, before: Listener<P>[] = []) =>
    listen(events, [
      ...before,
      options.format === 'events'
        ? eventsListener<P>(options.output ? (line) => lines.push(line) : io.stdout, map)
        : onFinal<P>(({ analysis }) => output(shown(analysis))),
    ]);
  const { analysis } = isLive(live)
    ? await run(
        ...(await liveRun(
          { ...live, inputs, allEvidence: options.allEvidence },
          options.quiet ? undefined : io,
          map,
        )),
      )
    : await run(
        await fileAnalysis(inputs, {
          ...(options.policies ? { policies: options.policies } : {}),
          ...(options.maxInflated
            ? { maxInflatedBytes: bytesOfMegabytes('--max-inflated', options.maxInflated) }
            : {}),
          ...(options.allEvidence ? { evidenceSample: 'all' as const } : {}),
        }),
      );
  if (options.format === 'events' && options.output) await writeFile(options.output, lines.join(''));
  return shown(analysis);
}

function bytesOfMegabytes(option: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const megabytes = Number(value);
  if (!Number.isFinite(megabytes) || megabytes <= 0)
    throw new UsageError(`${option} takes a number of megabytes, not "${value}"`);
  return Math.round(megabytes * 1024 * 1024);
}

/** A rendering in pieces is written piece by piece: a long archive's JSON is never one text. */
async function emit(
  rendered: string | Iterable<string>,
  output: string | undefined,
  io: CliIo,
): Promise<void> {
  const chunks = typeof rendered === 'string' ? [rendered] : gathered(rendered);
  if (!output) {
    for (const chunk of chunks) io.stdout(chunk);
    return;
  }
  const file = await open(output, 'w');
  try {
    for (const chunk of chunks) await file.write(chunk);
  } finally {
    await file.close();
  }
}

/** Pieces gathered to some 64 kB: a write a piece made thousands of system calls. */
function* gathered(pieces: Iterable<string>): Generator<string> {
  let pending = '';
  for (const piece of pieces) {
    pending += piece;
    if (pending.length >= 65_536) {
      yield pending;
      pending = '';
    }
  }
  if (pending) yield pending;
}

interface ReportOptions extends LiveCliOptions {
  redact?: boolean;
  format: 'markdown' | 'json' | 'text';
  output?: string;
  policies?: string[];
  exitZero?: boolean;
}

async function runReport(inputs: string[], options: ReportOptions, io: CliIo): Promise<number> {
  const { IAC_RENDERERS, renderJsonPieces, renderMarkdown, renderText } = await work();
  const analysis = await analyzeInputs('report', inputs, options, io, (shown) =>
    emit(
      options.format === 'json'
        ? renderJsonPieces(shown)
        : options.format === 'text'
          ? renderText(shown)
          : renderMarkdown(shown, IAC_RENDERERS),
      options.output,
      io,
    ),
  );
  return options.exitZero ? EXIT.clean : exitCodeOf(analysis);
}

async function runFix(inputs: string[], options: FixOptions, io: CliIo): Promise<number> {
  const { renderFixes } = await work();
  const analysis = await analyzeInputs('fix', inputs, options, io, (shown) =>
    emit(renderFixes(shown, options.format), options.output, io),
  );
  return options.exitZero ? EXIT.clean : exitCodeOf(analysis);
}

async function runAnalyze(inputs: string[], options: AnalyzeOptions, io: CliIo): Promise<number> {
  const { renderJsonPieces, renderText } = await work();
  const analysis = await analyzeInputs('analyze', inputs, options, io, (shown) =>
    emit(options.format === 'json' ? renderJsonPieces(shown) : renderText(shown), options.output, io),
  );
  if (analysis.warnings.length > 0 && options.format === 'json') {
    io.stderr(`whydenied: ${analysis.warnings.length} input warning(s); see "warnings" in the output\n`);
  }
  return options.exitZero ? EXIT.clean : exitCodeOf(analysis);
}

function program(io: CliIo, result: { code: number }): Command {
  const root = new Command('whydenied')
    .description(
      'Why did AWS say AccessDenied to my ECS task? Which role is missing what, and the smallest fix.',
    )
    .version(packageVersion(), '-V, --version', 'the version of whydenied')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(whydenied --help lists the commands)')
    .addHelpText('after', `${EXAMPLES.root}\n${EXIT_CODES_HELP}`);
  evidenceCommand(root, 'analyze', ['text', 'json', 'events'], 'text')
    .description(
      'analyse evidence files: CloudTrail, ECS outputs, EventBridge events, logs (directories walked, .gz read, - is stdin)',
    )
    .action(async (inputs: string[], options: AnalyzeOptions) => {
      result.code = await runAnalyze(inputs, options, io);
    });
  evidenceCommand(root, 'report', ['markdown', 'json', 'text'], 'markdown')
    .description(
      'a one-shot incident report: summary, timeline, denials by revision and role, fixes, evidence',
    )
    .action(async (inputs: string[], options: ReportOptions) => {
      result.code = await runReport(inputs, options, io);
    });
  evidenceCommand(root, 'fix', ['json', 'terraform', 'cloudformation', 'cli'], 'json')
    .description('only the fixes: one policy document per role, key, repository or trust policy to change')
    .action(async (inputs: string[], options: FixOptions) => {
      result.code = await runFix(inputs, options, io);
    });
  withLiveOptions(
    root
      .command('tui', { isDefault: true })
      .description('the interactive terminal view of the analysis (the text report when not in a terminal)')
      .argument('[inputs...]', 'files, directories, .gz files')
      .option(
        '--watch [seconds]',
        're-read the inputs every N seconds (default 10) and mark denials that stopped',
      )
      .option('--policies <paths...>', POLICIES_HELP)
      .option('--exit-zero', 'exit 0 whenever the view or the report ran'),
  ).action(async (inputs: string[], options: TuiCommandOptions) => {
    result.code = await runTuiCommand(inputs, options, io);
  });
  root
    .command('permissions')
    .description('print the read-only IAM policy whydenied needs for live mode (--cluster, --task, ...)')
    .option('-o, --output <file>', 'write the policy to a file instead of stdout')
    .option('--trail-bucket <bucket>', "the trail's bucket, which Athena reads for --athena-table")
    .option('--athena-results <s3-uri>', "Athena's results location (the workgroup's or --athena-output)")
    .action(async (options: { output?: string; trailBucket?: string; athenaResults?: string }) => {
      checkOutputPath(options.output);
      const locations = { trailBucket: options.trailBucket, resultsLocation: options.athenaResults };
      await emit(renderPermissions(locations), options.output, io);
      result.code = EXIT.clean;
    });
  root
    .command('check')
    .description(
      'before the deploy: would this task definition start, and may its app do what it declares? (simulated)',
    )
    .argument(
      '<inputs...>',
      'task definitions (describe-task-definition output or register input, a CloudFormation template in JSON or YAML and its parameter file, a cdk.out directory, a terraform show -json plan), describe-secret / describe-parameters outputs',
    )
    .option('--policies <paths...>', `${POLICIES_HELP} (a template's own roles are read from it)`)
    .option(
      '--expect <action=arn>',
      'a call the app makes with the task role, repeatable (dynamodb:PutItem=arn:aws:dynamodb:…)',
      collect,
    )
    .option(
      '--region <region>',
      "the region the task runs in (default: the task definition's ARN or awslogs-region)",
    )
    .option(
      '--account <id>',
      'the account a template deploys to: its AWS::AccountId (default: a placeholder, said)',
    )
    .option('--profile <name>', 'without --policies: the AWS profile the policies are read with')
    .option('--no-live', 'without --policies: never read the policies from AWS')
    .addOption(
      new Option('--endpoint-url <url>', 'one endpoint for every AWS service (tests, LocalStack)').hideHelp(),
    )
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('-o, --output <file>', 'write the output to a file instead of stdout')
    .action(async (inputs: string[], options: CheckCliOptions) => {
      result.code = await runCheck(inputs, options, io);
    });
  queriesCommand(root, io, result);
  root
    .command('completion')
    .description('print a shell completion script: bash, zsh or fish')
    .addArgument(new Argument('<shell>', 'the shell').choices(SHELLS))
    .action((shell: Shell) => {
      io.stdout(completionScript(root, shell));
      result.code = EXIT.clean;
    });
  // Every command's help ends with its examples, and the exit codes where the command has its own.
  const exitCodes: Record<string, string> = {
    analyze: EXIT_CODES_HELP,
    report: EXIT_CODES_HELP,
    fix: EXIT_CODES_HELP,
    tui: TUI_EXIT_CODES,
    check: CHECK_EXIT_CODES,
  };
  for (const command of root.commands) {
    const examples = EXAMPLES[command.name()];
    const codes = exitCodes[command.name()];
    if (examples) command.addHelpText('after', codes ? `${examples}\n${codes}` : examples);
  }
  return root;
}

interface CheckCliOptions {
  policies?: string[];
  account?: string;
  profile?: string;
  endpointUrl?: string;
  live: boolean;
  expect?: string[];
  region?: string;
  format: 'text' | 'json';
  output?: string;
}

const CHECK_EXIT_CODES = `
Exit codes:
  0  every start-up request (and every --expect) is allowed
  1  some start-up request would be denied: the task would not start (or the app would be denied)
  2  bad usage
  3  something could not be checked (a policy or an input missing), and nothing was found denied
  4  internal error in whydenied`;

async function runCheck(inputs: string[], options: CheckCliOptions, io: CliIo): Promise<number> {
  checkOutputPath(options.output);
  const expect = (options.expect ?? []).map((pair) => {
    const [, action, resource] = /^([\w-]+:[\w*]+)=(.+)$/s.exec(pair) ?? [];
    if (!action || !resource) {
      throw new UsageError(
        `--expect ${pair}: expected service:Action=resource-arn, e.g. dynamodb:PutItem=arn:aws:dynamodb:eu-west-1:111122223333:table/orders`,
      );
    }
    return { action, resource };
  });
  if (options.account !== undefined && !/^\d{12}$/.test(options.account))
    throw new UsageError(`--account ${options.account}: expected a 12-digit AWS account id`);
  const { checkExitCode, checkTaskDefinitions } = await import('./check.js');
  const { renderCheckText } = await import('./report/check-text.js');
  const { hasCredentialsInEnvironment, livePolicyReader } = await import('./check-live-policies.js');
  // Without --policies, what the inputs do not hold is read from AWS, read-only, when there are credentials.
  const live =
    options.live &&
    !options.policies &&
    (options.profile !== undefined || options.endpointUrl !== undefined || hasCredentialsInEnvironment());
  const reader = live
    ? livePolicyReader({ profile: options.profile, region: options.region, endpointUrl: options.endpointUrl })
    : undefined;
  const checked = await checkTaskDefinitions(inputs, {
    policies: options.policies ?? [],
    expect,
    region: options.region,
    account: options.account,
    live: reader,
  }).finally(() => reader?.close());
  // Task definitions and policies come from anywhere: what they say shows as text, never acts.
  await emit(
    options.format === 'json'
      ? `${visibleJson(JSON.stringify(checked, null, 2))}\n`
      : visibleText(renderCheckText(checked)),
    options.output,
    io,
  );
  return checkExitCode(checked);
}

const POLICIES_HELP =
  "the roles' policies, SCPs, boundaries, resource policies: verify each fix by simulation";

/** A command that reads evidence: the inputs and the options every such command shares. */
function evidenceCommand(root: Command, name: string, formats: string[], format: string): Command {
  const command = root
    .command(name)
    .argument('[inputs...]', 'files, directories, .gz files, or - for stdin')
    .addOption(new Option('-f, --format <format>', 'output format').choices(formats).default(format))
    .option('-o, --output <file>', 'write the output to a file instead of stdout')
    .option('--policies <paths...>', POLICIES_HELP)
    .option('--redact', 'mask account ids, IP addresses and access key ids, consistently across the output')
    .option('--exit-zero', 'exit 0 whenever the analysis ran (for demos and pipelines that read the output)')
    .option(
      '--max-inflated <MB>',
      'un-gzip at most this many MB of one input; past it, a warning (default 2048)',
    )
    .option(
      '--all-evidence',
      `cite every piece of evidence; by default a finding seen more than ${2 * EVIDENCE_SAMPLE} times cites its first and last ${EVIDENCE_SAMPLE}, its count and where the rest are`,
    );
  return withLiveOptions(command);
}

/** The live sources' options, the same on every command that reads evidence (the TUI too). */
function withLiveOptions(command: Command): Command {
  return command
    .option('--cluster <name>', 'live: read this ECS cluster (stopped tasks, services, task definitions)')
    .option('--service <name>', 'live: one service of the cluster (its events, deployments, stopped tasks)')
    .option(
      '--task <id>',
      'live: a task id or ARN, repeatable (ECS keeps stopped tasks only about an hour)',
      collect,
    )
    .option('--role-arn <arn>', 'live: a role to look up in CloudTrail, repeatable', collect)
    .option('--since <duration>', 'live: how far back to look in CloudTrail (30m, 2h, 1d, 7d)', '2h')
    .option('--profile <name>', 'live: the AWS profile (default: the standard credential chain)')
    .option('--region <region>', 'live: the AWS region (default: AWS_REGION or the profile)')
    .option(
      '--logs-group <name>',
      'live: a log group receiving CloudTrail, read with Logs Insights instead of LookupEvents',
    )
    .option(
      '--ecs-events-log-group <name>',
      'live: a log group an EventBridge rule fills with ECS task state change events (stopped tasks ECS no longer describes)',
    )
    .option(
      '--athena-table <table>',
      'live: the Athena CloudTrail table (see `whydenied queries athena-ddl`), read instead of LookupEvents',
    )
    .option('--athena-workgroup <name>', 'live: the Athena workgroup (default: primary)')
    .option('--athena-database <name>', 'live: the Glue database of --athena-table (default: default)')
    .option(
      '--athena-output <s3-uri>',
      "live: where Athena writes results (default: the workgroup's location)",
    )
    .option(
      '--athena-full-scan',
      'live: query an --athena-table without date partitions anyway (reads, and bills, the whole trail)',
    )
    .option(
      '--iam-lookback',
      'live: Athena or Logs Insights also read the week before the window for IAM policy writes (reads, and bills, that week)',
    )
    .option(
      '--connect-timeout <seconds>',
      `live: give up connecting to AWS after this long (default ${DEFAULT_CONNECT_TIMEOUT_MS / 1000}, or WHYDENIED_CONNECT_TIMEOUT)`,
    )
    .option(
      '--request-timeout <seconds>',
      `live: give up on an AWS answer that stops coming for this long (default ${DEFAULT_REQUEST_TIMEOUT_MS / 1000}, or WHYDENIED_REQUEST_TIMEOUT)`,
    )
    .option(
      '--lookup-budget <calls>',
      `live: CloudTrail LookupEvents calls the run may make (default ${DEFAULT_LOOKUP_BUDGET.calls}, about 2 a second)`,
    )
    .option(
      '--lookup-pages <pages>',
      `live: pages of 50 events one LookupEvents lookup may read (default ${DEFAULT_LOOKUP_BUDGET.pagesPerLookup})`,
    )
    .option('--quiet', 'live: no progress on stderr')
    .option('--no-iam-verify', "live: do not read the roles' policies from IAM nor ask IAM's simulator")
    .addOption(
      new Option(
        '--endpoint-url <url>',
        'live: one endpoint for every AWS service (tests, LocalStack)',
      ).hideHelp(),
    );
}

/** A repeatable option (`--task a --task b` or `--task a,b`): not variadic, so inputs may follow it. */
function collect(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').filter(Boolean)];
}

/** The live options every evidence command accepts; any of them switches the live sources on. */
interface LiveCliOptions {
  policies?: string[];
  cluster?: string;
  service?: string;
  task?: string[];
  roleArn?: string[];
  since?: string;
  profile?: string;
  region?: string;
  endpointUrl?: string;
  logsGroup?: string;
  athenaTable?: string;
  athenaWorkgroup?: string;
  athenaDatabase?: string;
  athenaOutput?: string;
  athenaFullScan?: boolean;
  iamLookback?: boolean;
  ecsEventsLogGroup?: string;
  quiet?: boolean;
  iamVerify?: boolean;
  connectTimeout?: string;
  requestTimeout?: string;
  lookupBudget?: string;
  lookupPages?: string;
}

/** A count from its option (`--lookup-budget 10`); undefined: the default. */
function countOption(option: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\s*[1-9]\d*\s*$/.test(value))
    throw new UsageError(`${option} ${value}: expected a whole number above 0`);
  return Number(value);
}

/** A timeout in seconds from its option, else its environment variable; undefined: the default. */
function timeoutMs(option: string, value: string | undefined, variable: string): number | undefined {
  const [text, named] = value !== undefined ? [value, option] : [process.env[variable], variable];
  if (text === undefined || text === '') return undefined;
  const ms = parseSeconds(text);
  if (ms === null) throw new UsageError(`${named} ${text}: expected a number of seconds, such as 5 or 0.5`);
  return ms;
}

function liveOptionsOf(options: LiveCliOptions): LiveOptions {
  return {
    cluster: options.cluster,
    service: options.service,
    tasks: options.task,
    roleArns: options.roleArn,
    since: options.since,
    profile: options.profile,
    region: options.region,
    endpointUrl: options.endpointUrl,
    policies: options.policies,
    verifyWithIam: options.iamVerify,
    logsGroup: options.logsGroup,
    athenaTable: options.athenaTable,
    athenaWorkgroup: options.athenaWorkgroup,
    athenaDatabase: options.athenaDatabase,
    athenaOutput: options.athenaOutput,
    athenaFullScan: options.athenaFullScan,
    iamLookback: options.iamLookback,
    ecsEventsLogGroup: options.ecsEventsLogGroup,
    connectTimeoutMs: timeoutMs('--connect-timeout', options.connectTimeout, 'WHYDENIED_CONNECT_TIMEOUT'),
    requestTimeoutMs: timeoutMs('--request-timeout', options.requestTimeout, 'WHYDENIED_REQUEST_TIMEOUT'),
    lookupBudget: countOption('--lookup-budget', options.lookupBudget),
    maxPagesPerLookup: countOption('--lookup-pages', options.lookupPages),
  };
}

function checkLiveOptions(options: LiveOptions): void {
  if (options.since && !parseSince(options.since)) {
    throw new UsageError(
      `--since ${options.since}: expected a duration such as 30m, 2h, 1d or 7d, or an ISO time`,
    );
  }
  if (options.region !== undefined && !isRegionName(options.region)) {
    throw new UsageError(`--region ${options.region}: expected a region name such as eu-west-1 or us-east-1`);
  }
  if (options.service && !options.cluster) {
    throw new UsageError('--service needs --cluster: ECS names services within a cluster');
  }
}

/**
 * The live run's events, and its listeners on stderr (none with --quiet): each source's
 * progress as it goes, then, on the final event, what could not be read and the denials of
 * principals outside the run's scope. Those lines name roles and tasks with their accounts, and
 * CI logs keep stderr: with --redact they are redacted with the report's own map.
 */
async function liveRun(
  options: LiveOptions,
  io: CliIo | undefined,
  map: RedactionMap | undefined,
): Promise<[AsyncIterable<AnalysisEvent<LiveProgress>>, Listener<LiveProgress>[]]> {
  // The AWS SDK costs most of a second to load: only live runs pay for it.
  const [{ liveAnalysis, partialOf }, { onFinal, progressListener, redactText }, { otherDenials }] =
    await Promise.all([import('./live.js'), work(), import('./domain/scope.js')]);
  const others: CloudTrailEvidence[] = [];
  const events = liveAnalysis(options, {}, others);
  if (!io) return [events, []];
  const stderr = map ? (text: string) => io.stderr(redactText(text, map)) : io.stderr;
  // The notes are said together at the end, after the progress lines, where a reader looks.
  const partial: string[] = [];
  return [
    events,
    [
      progressListener(stderr, describeLiveProgress, (evidence) =>
        describeLiveProgress({ type: 'analysing', evidence }),
      ),
      (event) => {
        const line = partialOf(event);
        if (line !== null) partial.push(line);
      },
      onFinal(() => {
        for (const line of partial) stderr(`whydenied: partial: ${line}\n`);
        for (const line of describeOtherDenials(otherDenials(others))) stderr(`whydenied: ${line}\n`);
      }),
    ],
  ];
}

/** Runs the command line; returns the exit code instead of exiting, so tests can call it. */
export async function main(argv: string[], given: CliIo = processIo): Promise<number> {
  // Warnings and errors name files and quote AWS: nothing in them may act on the terminal.
  const io: CliIo = { ...given, stderr: (text) => given.stderr(visibleText(text)) };
  const result = { code: EXIT.clean as number };
  const root = program(io, result);
  try {
    if (argv.length === 0) {
      root.outputHelp();
      return EXIT.usage;
    }
    checkCommandWord(argv, [...root.commands.map((command) => command.name()), 'help']);
    await root.parseAsync(argv, { from: 'user' });
    return result.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.clean : EXIT.usage;
    }
    if (error instanceof AwsProblemError) {
      io.stderr(`whydenied: ${error.problem.message}\n  try: ${error.problem.tryThis}\n`);
      return EXIT.usage;
    }
    if (error instanceof UsageError || error instanceof QueryInputError) {
      io.stderr(`whydenied: ${error.message}\n`);
      return EXIT.usage;
    }
    return internalError(error, io);
  }
}

/**
 * An error whydenied did not expect, wherever it is caught (main, or the process's last resort
 * for one thrown outside it): said once, and exit 4, never a code a pipeline reads as an answer.
 */
export function internalError(error: unknown, given: CliIo = processIo): number {
  const io: CliIo = { ...given, stderr: (text) => given.stderr(visibleText(text)) };
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(
    `whydenied: internal error: ${message}\nPlease report it with the command you ran; set WHYDENIED_DEBUG=1 for the stack.\n`,
  );
  if (process.env.WHYDENIED_DEBUG) io.stderr(`${error instanceof Error ? error.stack : message}\n`);
  return EXIT.internal;
}
