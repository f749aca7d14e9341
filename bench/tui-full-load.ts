/**
 * The TUI's full load of an archive (bench/tui-load.ts, in its own process) beside
 * `whydenied analyze` of it: the goal is the load within 1.5x analyze's time.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { type Measurement, measure } from './measure.js';

export interface FullLoad {
  analyze: Measurement;
  /** The load's own time to its last snapshot, NaN when it printed none. */
  loadSeconds: number;
  firstFindingSeconds: number;
  findings: number;
}

/** `archive` relative to `root`, the package's folder. */
export async function tuiFullLoad(root: string, archive: string): Promise<FullLoad> {
  const analyze = await measure(
    process.execPath,
    ['bin/whydenied.js', 'analyze', archive, '--format', 'json', '--output', '.bench/tui-analyze.json'],
    { cwd: root, reportFile: join(root, '.bench', 'time-tui-analyze.txt') },
  );
  const output: string[] = [];
  await new Promise<void>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/tui-load.ts', archive], { cwd: root });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.on('close', () => resolve());
  });
  const figures = JSON.parse(output.join('').trim().split('\n').at(-1) || '{}') as {
    firstFindingMs?: number;
    totalMs?: number;
    findings?: number;
  };
  return {
    analyze,
    loadSeconds: (figures.totalMs ?? Number.NaN) / 1000,
    firstFindingSeconds: (figures.firstFindingMs ?? Number.NaN) / 1000,
    findings: figures.findings ?? 0,
  };
}

export function fullLoadLine(
  archive: string,
  { analyze, loadSeconds, firstFindingSeconds, findings }: FullLoad,
) {
  return `full load of ${archive}: TUI ${loadSeconds.toFixed(2)} s (first finding ${firstFindingSeconds.toFixed(2)} s, ${findings} findings), analyze ${analyze.wallSeconds.toFixed(2)} s: ${(loadSeconds / analyze.wallSeconds).toFixed(2)}x (goal: 1.5x or less); analyze peak RSS ${((analyze.peakRssBytes ?? 0) / 1e6).toFixed(0)} MB`;
}
