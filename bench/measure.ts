/**
 * Runs a command and measures its wall-clock time and peak resident set size. GNU time reports
 * the peak of the whole process tree it waited for; without it, /proc is polled instead.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';

const GNU_TIME = '/usr/bin/time';
const POLL_INTERVAL_MS = 20;

export interface Measurement {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  wallSeconds: number;
  /** null when neither GNU time nor /proc could tell. */
  peakRssBytes: number | null;
  /** User plus system CPU time of the process tree (GNU time only): what the run cost, whatever else the machine ran. */
  cpuSeconds: number | null;
  rssMethod: 'gnu-time' | 'proc-poll' | 'none';
}

let gnuTime: boolean | undefined;

/** BusyBox and the shell keyword `time` do not take `-f`: try it. */
function hasGnuTime(): boolean {
  if (gnuTime === undefined) {
    const probe = existsSync(GNU_TIME)
      ? spawnSync(GNU_TIME, ['-f', '%M', 'true'], { encoding: 'utf8' })
      : null;
    gnuTime = probe?.status === 0 && /^\d+\s*$/.test(probe.stderr.trim().split('\n').at(-1) ?? '');
  }
  return gnuTime;
}

/**
 * Runs `command` with stdout/stderr passed through. `reportFile` is scratch space for GNU
 * time's report (kept out of the child's stderr).
 */
export async function measure(
  command: string,
  args: string[],
  options: { cwd: string; reportFile: string; stdinFile?: string },
): Promise<Measurement> {
  if (hasGnuTime()) {
    await rm(options.reportFile, { force: true });
    const run = await runChild(
      GNU_TIME,
      ['-f', '%M %U %S', '-o', options.reportFile, command, ...args],
      options.cwd,
      undefined,
      options.stdinFile,
    );
    // GNU time writes "Command exited with non-zero status N" before the format's line.
    const report = await readFile(options.reportFile, 'utf8').catch(() => '');
    const [kilobytes, user, system] = (report.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
    const cpu = (user ?? Number.NaN) + (system ?? Number.NaN);
    return {
      ...run,
      peakRssBytes: Number.isFinite(kilobytes) ? (kilobytes as number) * 1024 : null,
      cpuSeconds: Number.isFinite(cpu) ? cpu : null,
      rssMethod: 'gnu-time',
    };
  }
  let peak = 0;
  const run = await runChild(
    command,
    args,
    options.cwd,
    (pid) => {
      peak = Math.max(peak, treePeak(pid));
    },
    options.stdinFile,
  );
  return {
    ...run,
    peakRssBytes: peak > 0 ? peak : null,
    cpuSeconds: null,
    rssMethod: peak > 0 ? 'proc-poll' : 'none',
  };
}

async function runChild(
  command: string,
  args: string[],
  cwd: string,
  poll?: (pid: number) => void,
  stdinFile?: string,
): Promise<Pick<Measurement, 'exitCode' | 'signal' | 'wallSeconds'>> {
  const started = performance.now();
  const child = spawn(command, args, { cwd, stdio: [stdinFile ? 'pipe' : 'ignore', 'inherit', 'inherit'] });
  // Through a pipe, not a redirect: the child sees a stream it cannot seek or measure, as from a shell pipeline.
  if (stdinFile && child.stdin) {
    child.stdin.on('error', () => {});
    createReadStream(stdinFile).pipe(child.stdin);
  }
  const timer = poll && child.pid !== undefined ? setInterval(poll, POLL_INTERVAL_MS, child.pid) : undefined;
  try {
    const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>(
      (resolve, reject) => {
        child.once('error', reject);
        child.once('close', (code, signal) => resolve([code, signal]));
      },
    );
    return { exitCode, signal, wallSeconds: (performance.now() - started) / 1000 };
  } finally {
    clearInterval(timer);
  }
}

/** The largest VmHWM (peak RSS) among a process and its descendants, in bytes; 0 if unreadable. */
function treePeak(pid: number): number {
  let peak = 0;
  const pending = [pid];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    try {
      const status = readFileSync(`/proc/${next}/status`, 'utf8');
      const kilobytes = Number.parseInt(/^VmHWM:\s+(\d+)/m.exec(status)?.[1] ?? '0', 10);
      peak = Math.max(peak, kilobytes * 1024);
      for (const thread of readdirSync(`/proc/${next}/task`)) {
        const children = readFileSync(`/proc/${next}/task/${thread}/children`, 'utf8').trim();
        if (children) pending.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return peak;
}
