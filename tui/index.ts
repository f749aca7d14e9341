/**
 * The interactive terminal UI, as the CLI reaches it: `canRunTui()` to decide, `runTui()` to
 * run. Ink and React load only inside runTui, so importing this costs a non-TUI command nothing.
 */
import type { LiveOptions } from '../src/live.js';

export interface TuiOptions {
  /** Files and directories, as `analyze` takes them. */
  inputs: string[];
  /** Watch from the start: read the inputs again every this many seconds. */
  watchSeconds?: number;
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
  /** Policy files (--policies) to verify each fix against by simulation. */
  policies?: string[] | undefined;
  /** Live sources to read (--cluster, --task, ...), with the inputs as extra files. */
  live?: LiveOptions;
}

/** True when both ends are a terminal: without one Ink cannot read keys (raw mode) and the CLI prints the text report instead. */
export function canRunTui(
  stdin: { isTTY?: boolean } = process.stdin,
  stdout: { isTTY?: boolean } = process.stdout,
): boolean {
  return Boolean(stdin.isTTY && stdout.isTTY);
}

/** Runs the TUI until the user quits (q or Ctrl-C); resolves to the exit code, 0 on a clean quit. */
export async function runTui(options: TuiOptions): Promise<number> {
  if (options.live) {
    const [{ liveLoader }, { start }] = await Promise.all([import('./load-live.js'), import('./start.js')]);
    const live = options.policies?.length ? { ...options.live, policies: options.policies } : options.live;
    return start({ ...options, loader: liveLoader(live) });
  }
  // Reading starts first, in a worker, while Ink and React load here; the worker paints a
  // plain first frame if it has findings before Ink is ready.
  const { claimScreen, workerLoader } = await import('./load-worker.js');
  const stdout = options.stdout ?? process.stdout;
  const paint = {
    columns: stdout.columns || 80,
    rows: stdout.rows || 24,
    flag: new SharedArrayBuffer(4),
  };
  const loader = workerLoader(options.inputs, { policies: options.policies }, paint);
  const { start } = await import('./start.js');
  return start({ ...options, loader, beforeRender: () => claimScreen(paint) });
}
