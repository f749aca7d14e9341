import { describe, expect, it } from 'vitest';
import type { Analysis } from '../../src/domain/analysis.js';
import { DeltaDecoder, DeltaEncoder } from '../../tui/analysis-delta.js';
import { loadFiles } from '../../tui/load-inputs.js';

/** Every analysis a load of the samples shows, as the worker would post them. */
async function loadedAnalyses(): Promise<Analysis[]> {
  const analyses: Analysis[] = [];
  for await (const snapshot of loadFiles(['samples'])) {
    if (snapshot.analysis && snapshot.analysis !== analyses.at(-1)) analyses.push(snapshot.analysis);
  }
  return analyses;
}

describe('the worker posts each analysis as the change since the one before', () => {
  it('rebuilds every analysis of a load, and posts only what changed', async () => {
    const analyses = await loadedAnalyses();
    expect(analyses.length).toBeGreaterThan(3);
    const encoder = new DeltaEncoder();
    const decoder = new DeltaDecoder();
    let previous: Analysis | null = null;
    for (const analysis of analyses) {
      // As the worker posts it: a structured clone of the delta.
      const delta = structuredClone(encoder.encode(analysis));
      const rebuilt = decoder.apply(delta);
      expect(rebuilt).toEqual(analysis);
      if (previous) {
        const changed = new Set(delta.findings.changed.map(([index]) => index));
        rebuilt.findings.forEach((finding, index) => {
          if (!changed.has(index)) expect(finding).toBe(previous?.findings[index]);
        });
      }
      previous = rebuilt;
    }
    const last = analyses.at(-1) as Analysis;
    const again = encoder.encode(last);
    expect(again.findings.changed).toEqual([]);
    expect(again.timeline.changed).toEqual([]);
    expect(decoder.apply(again)).toEqual(last);
  });

  it('shortens a list that lost elements', () => {
    const encoder = new DeltaEncoder();
    const decoder = new DeltaDecoder();
    const base = {
      schemaVersion: 1 as const,
      findings: [],
      notPermission: [],
      advisories: [],
      timeline: [],
      stats: { inputs: 1, evidence: {}, denials: 0, findings: 0, notPermission: 0, warnings: 2 },
    };
    const two = { origin: 'a', problem: 'p', expected: 'e' };
    decoder.apply(encoder.encode({ ...base, warnings: [two, { ...two, origin: 'b' }] }));
    expect(decoder.apply(encoder.encode({ ...base, warnings: [two] })).warnings).toEqual([two]);
  });
});
