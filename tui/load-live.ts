/**
 * The live sources as a loader for the TUI: the header says what each source is doing
 * ("ECS DescribeTasks: 12 tasks", "CloudTrail ... page 3") while analyzeLive runs, and the
 * findings show when it is done. The AWS SDK loads only here, only for a live view.
 */
import type { LiveOptions, LiveProgress } from '../src/live.js';
import type { Loader, LoadSnapshot } from './load-inputs.js';

export function liveLoader(options: LiveOptions): Loader {
  return async function* load(inputs: string[]): AsyncGenerator<LoadSnapshot> {
    const [{ analyzeLive }, { describeLiveProgress }] = await Promise.all([
      import('../src/live.js'),
      import('../src/live-progress.js'),
    ]);
    const snapshot = (progress: string | null, done = false): LoadSnapshot => ({
      analysis: null,
      filesRead: 0,
      filesTotal: null,
      evidence: 0,
      done,
      progress,
    });
    yield snapshot('connecting to AWS');
    // Progress events arrive while analyzeLive runs: each one, and its end, wakes the loop.
    const events: LiveProgress[] = [];
    let finished = false;
    let wake: (() => void) | null = null;
    const signal = () => {
      wake?.();
      wake = null;
    };
    const run = analyzeLive(
      { ...options, inputs: [...(options.inputs ?? []), ...inputs] },
      {
        onProgress: (event) => {
          events.push(event);
          signal();
        },
      },
    ).finally(() => {
      finished = true;
      signal();
    });
    while (!finished || events.length > 0) {
      if (events.length === 0 && !finished) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
      const latest = events.at(-1);
      events.length = 0;
      if (latest) yield snapshot(describeLiveProgress(latest));
    }
    const { analysis } = await run;
    yield {
      analysis,
      filesRead: 0,
      filesTotal: null,
      evidence: analysis.stats.denials,
      done: true,
      progress: 'live sources read',
    };
  };
}
