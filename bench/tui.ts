/**
 * `npm run bench:tui`: the TUI's two figures.
 *
 * 1. Start to first finding on screen: `whydenied tui samples` (what npm start runs) and the
 *    built TUI alone (`node dist/tui/main.js samples`), each in a
 *    real terminal (tmux, 100×30), from launching the process to the first capture-pane that
 *    shows a selected finding line. Without tmux: in this process, from rendering to that frame.
 * 2. When the archive of `npm run bench` is in .bench/ (any --size-mb), the TUI's full load of it
 *    (bench/tui-load.ts, in its own process) beside `whydenied analyze` of it: wall time, CPU
 *    time and peak memory of each, and the time to the first finding.
 * 3. Time per keypress scrolling 10,000 generated findings: `j` pressed 300 times in the App
 *    (ink-testing-library, unthrottled), each timed from the key to its frame; beside it the
 *    same for 100 findings, to show the cost does not grow with the list (only visible rows render).
 */
process.env.NODE_ENV = 'production';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const root = new URL('../', import.meta.url).pathname;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A selected finding row on screen: its action (`service:Action`) shows. */
const FIRST_FINDING = /^› .*\b[a-z0-9-]+:[A-Z]\w+/m;

async function firstFindingInTmux(command: string): Promise<number | null> {
  if (spawnSync('tmux', ['-V']).status !== 0) return null;
  const runs: number[] = [];
  // A session kept open keeps the tmux server up, so each run times the TUI and not a server start.
  const keeper = `whydenied-bench-keeper-${process.pid}`;
  execFileSync('tmux', ['new-session', '-d', '-s', keeper, '-x', '20', '-y', '5', 'sleep 120']);
  for (let run = 0; run < 5; run += 1) {
    const session = `whydenied-bench-${process.pid}-${run}`;
    const started = performance.now();
    execFileSync('tmux', [
      'new-session',
      '-d',
      '-s',
      session,
      '-x',
      '100',
      '-y',
      '30',
      '-c',
      root,
      `env -u CI -u CONTINUOUS_INTEGRATION -u NODE_OPTIONS ${process.execPath} ${command}`,
    ]);
    let elapsed: number | null = null;
    while (performance.now() - started < 10_000) {
      const screen = execFileSync('tmux', ['capture-pane', '-t', session, '-p'], { encoding: 'utf8' });
      if (FIRST_FINDING.test(screen)) {
        elapsed = performance.now() - started;
        break;
      }
      await sleep(20);
    }
    spawnSync('tmux', ['kill-session', '-t', session]);
    if (elapsed !== null) runs.push(elapsed);
  }
  spawnSync('tmux', ['kill-session', '-t', keeper]);
  return runs.length > 0 ? median(runs) : null;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;
}

async function main() {
  const { render } = await import('ink-testing-library');
  const { createElement } = await import('react');
  const { App } = await import('../tui/components/App.js');
  const { loadFiles } = await import('../tui/load-inputs.js');
  const { analysisOf, fixedLoader, generateFindings } = await import('../test/tui/fixtures.js');

  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    cwd: root,
  });
  // What `npm start` runs (the CLI, then the TUI), and the TUI's own entry point.
  const viaCli = await firstFindingInTmux('bin/whydenied.js tui samples');
  const inTmux = await firstFindingInTmux('dist/tui/main.js samples');
  let inProcess: number;
  {
    const started = performance.now();
    const instance = render(
      createElement(App, { inputs: [`${root}samples`], loader: loadFiles, size: { columns: 100, rows: 30 } }),
    );
    while (!FIRST_FINDING.test(instance.lastFrame() ?? '')) await sleep(1);
    inProcess = performance.now() - started;
    instance.unmount();
  }

  const perKey = async (count: number, presses: number) => {
    const analysis = analysisOf(generateFindings(count));
    const instance = render(
      createElement(App, {
        inputs: ['generated'],
        loader: fixedLoader(analysis),
        size: { columns: 100, rows: 30 },
      }),
    );
    while (!FIRST_FINDING.test(instance.lastFrame() ?? '')) await sleep(1);
    const times: number[] = [];
    for (let press = 0; press < presses; press += 1) {
      const frames = instance.frames.length;
      const started = performance.now();
      instance.stdin.write(press % 50 === 49 ? ' ' : 'j');
      while (instance.frames.length === frames) await new Promise((resolve) => setImmediate(resolve));
      times.push(performance.now() - started);
    }
    const last = instance.lastFrame() ?? '';
    instance.unmount();
    return { times, position: /^(\d+)\/(\d+) /m.exec(last)?.[0] ?? '?' };
  };
  await fullLoad();
  const big = await perKey(10_000, 300);
  const small = await perKey(100, 300);

  const ms = (value: number) => `${value.toFixed(1)} ms`;
  console.log('whydenied TUI benchmark');
  if (viaCli !== null) {
    console.log(
      `  start to first finding, whydenied tui samples (as npm start): ${ms(viaCli)} (tmux, median of 5)`,
    );
  }
  console.log(
    `  start to first finding on screen (samples): ${
      inTmux === null
        ? 'tmux not installed'
        : `${ms(inTmux)} in a real terminal (tmux, median of 5, from launch, polled every 20 ms)`
    }; ${ms(inProcess)} in process (render to frame)`,
  );
  console.log(
    `  per keypress, 10,000 findings: median ${ms(median(big.times))}, p95 ${ms(percentile(big.times, 95))} (300 keys, ended at ${big.position.trim()})`,
  );
  console.log(
    `  per keypress, 100 findings:    median ${ms(median(small.times))}, p95 ${ms(percentile(small.times, 95))}`,
  );
}

/** The TUI's full load of the bench archive against `analyze` of it, each in its own process. */
async function fullLoad() {
  if (!existsSync(`${root}.bench/archive`)) {
    console.log('  full load: no .bench/archive (run npm run bench first)');
    return;
  }
  const { fullLoadLine, tuiFullLoad } = await import('./tui-full-load.js');
  console.log(`  ${fullLoadLine('.bench/archive', await tuiFullLoad(root, '.bench/archive'))}`);
}

await main();
