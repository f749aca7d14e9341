/**
 * The live sources as a loader for the TUI: the header says what each source is doing
 * ("ECS DescribeTasks: 12 tasks", "CloudTrail ... page 3") while the live run goes on, and the
 * findings show as the sources yield evidence (the run's interim analyses), so a denial read on
 * the first CloudTrail page shows while the other lookups, at 2 a second, go on. The final
 * analysis (with the fixes verified) replaces them at the end.
 * The AWS SDK loads only here, only for a live view.
 */
import type { Analysis } from '../src/domain/analysis.js';
import type { LiveOptions } from '../src/live.js';
import { type Loader, type LoadSnapshot, THROTTLE_MS } from './load-inputs.js';

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
    const [{ liveAnalysis }, { describeLiveProgress }] = await Promise.all([
      import('../src/live.js'),
      import('../src/live-progress.js'),
    ]);
    const verifies = Boolean(options.policies?.length) || options.verifyWithIam !== false;
    let progress: string | null = 'connecting to AWS';
    let analysis: Analysis | null = null;
    let evidence = 0;
    const notes: string[] = [];
    const snapshot = (): LoadSnapshot => ({
      analysis,
      filesRead: 0,
      filesTotal: null,
      evidence,
      done: false,
      progress,
      notes: [...notes],
    });
    yield snapshot();
    const run = liveAnalysis(
      { ...options, inputs: [...(options.inputs ?? []), ...inputs] },
      {
        interim: { throttleMs: THROTTLE_MS },
      },
    );
    for await (const event of run) {
      if (event.type === 'progress') progress = describeLiveProgress(event.progress);
      else if (event.type === 'evidence') evidence += event.evidence.length;
      else if (event.type === 'note') notes.push(event.text);
      else if (event.type === 'interim')
        // The fixes are verified once every source is read: until then they say so.
        analysis = verifies ? awaitingVerification(event.analysis) : event.analysis;
      else if (event.type === 'final') {
        yield {
          analysis: event.analysis,
          filesRead: 0,
          filesTotal: null,
          evidence: event.analysis.stats.denials,
          done: true,
          progress: 'live sources read',
          notes: [...notes],
        };
        return;
      } else continue;
      yield snapshot();
    }
  };
}
