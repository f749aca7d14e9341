/**
 * Mounting the App on a terminal: the alternate screen (so quitting gives the shell back as it
 * was), and the exit code once the user quits.
 */
import { render } from 'ink';
import { AwsProblemError } from '../src/aws/errors.js';
import { UsageError } from '../src/cli-usage.js';
import { App } from './components/App.js';
import { noColorRequested } from './contexts/ThemeContext.js';
import type { Loader } from './load-inputs.js';

export interface StartOptions {
  inputs: string[];
  watchSeconds?: number;
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
  loader?: Loader;
  /** Called before anything is drawn: the worker may be painting a first frame. */
  beforeRender?: () => void;
}

// Cleared too: a first frame the loading worker painted is replaced, not overdrawn.
const ENTER_ALTERNATE_SCREEN = '\u001b[?1049h\u001b[H\u001b[2J';
const LEAVE_ALTERNATE_SCREEN = '\u001b[?1049l';
const SHOW_CURSOR = '\u001b[?25h';

export async function start(options: StartOptions): Promise<number> {
  const stdout = options.stdout ?? process.stdout;
  const stdin = options.stdin ?? process.stdin;
  // runTui passes a loader (the worker's, or the live one): the pipeline loads here only when not.
  const loader = options.loader ?? (await import('./load-inputs.js')).loadFiles;
  options.beforeRender?.();
  stdout.write(ENTER_ALTERNATE_SCREEN);
  const restore = () => stdout.write(SHOW_CURSOR + LEAVE_ALTERNATE_SCREEN);
  process.once('exit', restore);
  // The last load's outcome: quitting after it failed is not a clean exit.
  let failure: unknown = null;
  try {
    const instance = render(
      <App
        inputs={options.inputs}
        loader={loader}
        noColor={noColorRequested()}
        onOutcome={(error) => {
          failure = error;
        }}
        {...(options.watchSeconds ? { watchSeconds: options.watchSeconds } : {})}
      />,
      { stdout, stdin, exitOnCtrlC: true, patchConsole: true },
    );
    await instance.waitUntilExit();
    return exitCodeAfter(failure);
  } finally {
    process.off('exit', restore);
    restore();
  }
}

/** 0 after a load that finished; 2 when it failed on what the user gave (AWS credentials, an option); else 4. */
export function exitCodeAfter(failure: unknown): number {
  if (failure === null) return 0;
  return failure instanceof AwsProblemError || failure instanceof UsageError ? 2 : 4;
}
