/**
 * The analysis of the inputs as it loads, reloaded on refresh. Watch mode listens to each load:
 * its final snapshot updates the occurrences watch compares against and starts the next load
 * `watchSeconds` later, so there is no timer of its own and never two loads at once.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Analysis } from '../../src/domain/analysis.js';
import { visibleStrings, visibleText } from '../../src/report/visible-text.js';
import type { Loader } from '../load-inputs.js';
import { type Occurrences, trackOccurrences } from '../state/watch.js';

export interface AnalysisState {
  analysis: Analysis | null;
  filesRead: number;
  filesTotal: number | null;
  evidence: number;
  /** A live source's progress, in words; null for files. */
  progress: string | null;
  /** What a live source could not read or fell back from, as the loader says it. */
  notes: string[];
  loading: boolean;
  /** Wall time (ms) the last complete load finished. */
  loadedAt: number | null;
  occurrences: Occurrences | null;
  error: string | null;
}

const initial: AnalysisState = {
  analysis: null,
  filesRead: 0,
  filesTotal: null,
  evidence: 0,
  progress: null,
  notes: [],
  loading: true,
  loadedAt: null,
  occurrences: null,
  error: null,
};

export function useAnalysis(
  loader: Loader,
  inputs: string[],
  options: {
    watchSeconds: number | null;
    now: () => number;
    /** How each load ended: null when done, else the error it failed on (the exit code on quit). */
    onOutcome?: ((error: unknown) => void) | undefined;
  },
): { state: AnalysisState; refresh: () => void } {
  const [state, setState] = useState<AnalysisState>(initial);
  const generation = useRef(0);
  const next = useRef<ReturnType<typeof setTimeout> | null>(null);
  const { now, watchSeconds, onOutcome } = options;

  const load = useCallback(async () => {
    const mine = ++generation.current;
    if (next.current) clearTimeout(next.current);
    next.current = null;
    setState((previous) => ({ ...previous, loading: true, filesRead: 0, error: null }));
    try {
      for await (const snapshot of loader(inputs)) {
        if (generation.current !== mine) return;
        setState((previous) => ({
          ...previous,
          // Keep the previous complete analysis on screen until this load has something to show.
          // Every view below renders evidence: what a terminal would obey is shown as its escape.
          analysis: snapshot.analysis
            ? visibleStrings(snapshot.analysis)
            : previous.loadedAt
              ? previous.analysis
              : null,
          filesRead: snapshot.filesRead,
          filesTotal: snapshot.filesTotal,
          evidence: snapshot.evidence,
          progress: snapshot.progress ? visibleText(snapshot.progress) : null,
          notes: (snapshot.notes ?? []).map(visibleText),
          ...(snapshot.done
            ? {
                loading: false,
                loadedAt: now(),
                occurrences: trackOccurrences(
                  previous.occurrences,
                  snapshot.analysis?.findings ?? [],
                  now(),
                  (watchSeconds ?? 0) * 1000,
                ),
              }
            : {}),
        }));
        if (snapshot.done) onOutcome?.(null);
        if (snapshot.done && watchSeconds) next.current = setTimeout(() => void load(), watchSeconds * 1000);
      }
    } catch (error) {
      if (generation.current === mine) onOutcome?.(error);
      if (generation.current === mine)
        setState((previous) => ({
          ...previous,
          loading: false,
          error: visibleText(
            `could not read the inputs: ${(error as Error).message}. Check the paths and press r to retry.`,
          ),
        }));
    }
  }, [loader, inputs, now, watchSeconds, onOutcome]);

  useEffect(() => {
    void load();
    return () => {
      generation.current += 1;
      if (next.current) clearTimeout(next.current);
    };
  }, [load]);

  return { state, refresh: () => void load() };
}
