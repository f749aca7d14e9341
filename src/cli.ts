/**
 * Argument parsing and exit codes only; the work is in pipeline.ts and the renderers.
 * Exit codes: 0 no denials, 1 denials found, 2 bad usage, 3 partial (some input unreadable).
 */
import { writeFile } from 'node:fs/promises';
import { Command, CommanderError, Option } from 'commander';
import type { Analysis } from './domain/analysis.js';
import { analyzeFiles } from './pipeline.js';
import { IAC_RENDERERS, renderFixes } from './report/fixes.js';
import { renderJson } from './report/json.js';
import { renderMarkdown } from './report/markdown.js';
import { redactAnalysis } from './report/redact.js';
import { renderText } from './report/text.js';

export const EXIT = { clean: 0, denials: 1, usage: 2, partial: 3 } as const;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

class UsageError extends Error {}

export function exitCodeOf(analysis: Analysis): number {
  if (analysis.warnings.length > 0) return EXIT.partial;
  return analysis.findings.length > 0 ? EXIT.denials : EXIT.clean;
}

interface AnalyzeOptions {
  redact?: boolean;
  format: 'text' | 'json';
  output?: string;
  policies?: string[];
  exitZero?: boolean;
}

interface FixOptions {
  redact?: boolean;
  format: 'json' | 'terraform' | 'cloudformation' | 'cli';
  output?: string;
  policies?: string[];
  exitZero?: boolean;
}

async function analyzeInputs(
  command: string,
  inputs: string[],
  { policies, redact }: { policies?: string[] | undefined; redact?: boolean | undefined },
) {
  if (inputs.length === 0) {
    throw new UsageError(
      `${command} needs at least one input: a file, a directory, a .gz file, or - for stdin`,
    );
  }
  const { analysis } = await analyzeFiles(inputs, policies ? { policies } : {});
  return redact ? redactAnalysis(analysis) : analysis;
}

async function emit(rendered: string, output: string | undefined, io: CliIo): Promise<void> {
  if (output) await writeFile(output, rendered);
  else io.stdout(rendered);
}

interface ReportOptions {
  redact?: boolean;
  format: 'markdown' | 'json' | 'text';
  output?: string;
  policies?: string[];
  exitZero?: boolean;
}

async function runReport(inputs: string[], options: ReportOptions, io: CliIo): Promise<number> {
  const analysis = await analyzeInputs('report', inputs, options);
  const rendered =
    options.format === 'json'
      ? renderJson(analysis)
      : options.format === 'text'
        ? renderText(analysis)
        : renderMarkdown(analysis, IAC_RENDERERS);
  await emit(rendered, options.output, io);
  return options.exitZero ? EXIT.clean : exitCodeOf(analysis);
}

async function runFix(inputs: string[], options: FixOptions, io: CliIo): Promise<number> {
  const analysis = await analyzeInputs('fix', inputs, options);
  await emit(renderFixes(analysis, options.format), options.output, io);
  return options.exitZero ? EXIT.clean : exitCodeOf(analysis);
}

async function runAnalyze(inputs: string[], options: AnalyzeOptions, io: CliIo): Promise<number> {
  const analysis = await analyzeInputs('analyze', inputs, options);
  await emit(options.format === 'json' ? renderJson(analysis) : renderText(analysis), options.output, io);
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
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(whydenied --help lists the commands)');
  evidenceCommand(root, 'analyze', ['text', 'json'], 'text')
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
  return root;
}

/** A command that reads evidence: the inputs and the options every such command shares. */
function evidenceCommand(root: Command, name: string, formats: string[], format: string): Command {
  return root
    .command(name)
    .argument('[inputs...]', 'files, directories, .gz files, or - for stdin')
    .addOption(new Option('-f, --format <format>', 'output format').choices(formats).default(format))
    .option('-o, --output <file>', 'write the output to a file instead of stdout')
    .option(
      '--policies <paths...>',
      "the roles' policies, SCPs, boundaries, resource policies: verify each fix by simulation",
    )
    .option('--redact', 'mask account ids, IP addresses and access key ids, consistently across the output')
    .option('--exit-zero', 'exit 0 whenever the analysis ran (for demos and pipelines that read the output)');
}

/** Runs the command line; returns the exit code instead of exiting, so tests can call it. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const result = { code: EXIT.clean as number };
  const root = program(io, result);
  try {
    if (argv.length === 0) {
      root.outputHelp();
      return EXIT.usage;
    }
    await root.parseAsync(argv, { from: 'user' });
    return result.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.clean : EXIT.usage;
    }
    if (error instanceof UsageError) {
      io.stderr(`whydenied: ${error.message}\n`);
      return EXIT.usage;
    }
    io.stderr(
      `whydenied: internal error: ${(error as Error).message}\nPlease report it with the command you ran; set WHYDENIED_DEBUG=1 for the stack.\n`,
    );
    if (process.env.WHYDENIED_DEBUG) io.stderr(`${(error as Error).stack}\n`);
    return EXIT.usage;
  }
}
