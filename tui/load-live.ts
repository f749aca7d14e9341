/**
 * The live sources as a loader for the TUI: the header says what each source is doing
 * ("ECS DescribeTasks: 12 tasks", "CloudTrail ... page 3") while analyzeLive runs, and the
 * findings show as the sources yield evidence: the evidence so far is analysed again whenever
 * more arrived, so a denial read on the first CloudTrail page shows while the other lookups,
 * at 2 a second, go on. The final analysis (with the fixes verified) replaces them at the end.
 * The AWS SDK loads only here, only for a live view.
 */
import type { Analysis } from '../src/domain/analysis.js';
import type { Evidence } from '../src/domain/evidence.js';
import type { LiveOptions, LiveProgress } from '../src/live.js';
import type { Loader, LoadSnapshot } from './load-inputs.js';

/** What an interim finding's fix says while its verification waits for the end of the read. */
export const VERIFICATION_PENDING = 'not verified yet: the fix is checked once every live source is read';

/** The interim analysis, its unverified fixes saying that verification is still to come. */
export function awaitingVerification(analysis: Analysis): Analysis {
  return {
    ...analysis,
    findings: analysis.findings.map((finding) =>
      finding.fix && finding.fix.verified === null
        ? { ...finding, fix: { ...finding.fix, reason: VERIFICATION_PENDING } }
        : finding,
    ),
  };
}

export function liveLoader(options: LiveOptions): Loader {
  return async function* load(inputs: string[]): AsyncGenerator<LoadSnapshot> {
    const [{ analyzeLive }, { describeLiveProgress }, { analyzeEvidence }] = await Promise.all([
      import('../src/live.js'),
      import('../src/live-progress.js'),
      import('../src/pipeline.js'),
    ]);
    const verifies = Boolean(options.policies?.length) || options.verifyWithIam !== false;
    let progress: string | null = 'connecting to AWS';
    let analysis: Analysis | null = null;
    const snapshot = (): LoadSnapshot => ({
      analysis,
      filesRead: 0,
      filesTotal: null,
      evidence: collected.length,
      done: false,
      progress,
    });
    // Progress and evidence arrive while analyzeLive runs: each one, and its end, wakes the loop.
    const events: LiveProgress[] = [];
    const collected: Evidence[] = [];
    let analysedCount = 0;
    let finished = false;
    let wake: (() => void) | null = null;
    const signal = () => {
      wake?.();
      wake = null;
    };
    yield snapshot();
    const run = analyzeLive(
      { ...options, inputs: [...(options.inputs ?? []), ...inputs] },
      {
        onProgress: (event) => {
          events.push(event);
          signal();
        },
        onEvidence: (evidence) => {
          collected.push(...evidence);
          signal();
        },
      },
    ).finally(() => {
      finished = true;
      signal();
    });
    while (!finished || events.length > 0) {
      if (events.length === 0 && collected.length === analysedCount && !finished) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
      const latest = events.at(-1);
      events.length = 0;
      if (latest) progress = describeLiveProgress(latest);
      // Evidence that came while the last analysis ran is taken in the next one: the analyses
      // keep pace with the sources without one per event. At the end, the final one is shown.
      if (collected.length > analysedCount && !finished) {
        analysedCount = collected.length;
        const interim = await analyzeEvidence([...collected], []);
        analysis = verifies ? awaitingVerification(interim) : interim;
      }
      if (latest || analysedCount > 0) yield snapshot();
    }
    const result = await run;
    yield {
      analysis: result.analysis,
      filesRead: 0,
      filesTotal: null,
      evidence: result.analysis.stats.denials,
      done: true,
      progress: 'live sources read',
    };
  };
}
