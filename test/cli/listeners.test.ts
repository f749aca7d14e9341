/** The CLI's listeners: every event to each listener in order, and the final event as the result. */
import { describe, expect, it } from 'vitest';
import { eventLine, listen, onFinal, progressListener } from '../../src/cli-listeners.js';
import type { Analysis } from '../../src/domain/analysis.js';
import { RedactionMap } from '../../src/report/redact.js';
import { type AnalysisEvent, CODES } from '../../src/run-analysis.js';

const analysis = { findings: [], warnings: [] } as unknown as Analysis;

async function* run(final = true): AsyncGenerator<AnalysisEvent<string>> {
  yield { type: 'progress', level: 'info', code: CODES.progress, progress: 'ECS ListTasks: 3' };
  yield { type: 'analysing', level: 'info', code: CODES.analysing, evidence: 3 };
  if (final)
    yield { type: 'final', level: 'result', code: CODES.final, analysis, evidence: 3, bytes: 0, records: 0 };
}

describe('listen', () => {
  it("hands each event to every listener in turn, the run's own before the output, and resolves to the final", async () => {
    const seen: string[] = [];
    const final = await listen(run(), [
      progressListener(
        (text) => seen.push(text),
        (progress) => progress,
        (evidence) => `analysing ${evidence}`,
      ),
      onFinal(async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        seen.push('rendered');
      }),
      (event) => void seen.push(event.type),
    ]);
    expect(seen).toEqual([
      'whydenied: ECS ListTasks: 3\n',
      'progress',
      'whydenied: analysing 3\n',
      'analysing',
      'rendered',
      'final',
    ]);
    expect(final.analysis).toBe(analysis);
  });

  it('a run that ends without a final event is an error, not an empty report', async () => {
    await expect(listen(run(false), [])).rejects.toThrow('the analysis ended without a result');
  });

  it("an event line redacts its payload with the run's map, the same token each time", () => {
    const map = new RedactionMap();
    const event: AnalysisEvent<string> = {
      type: 'progress',
      level: 'info',
      code: CODES.progress,
      progress: 'arn:aws:iam::111122223333:role/app',
    };
    const first = JSON.parse(eventLine(event, map));
    const again = JSON.parse(eventLine(event, map));
    expect(first).toEqual(again);
    expect(first.payload.progress).not.toContain('111122223333');
    expect(Object.keys(first)).toEqual(['code', 'level', 'type', 'payload']);
  });
});
