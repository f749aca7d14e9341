/**
 * The loading worker posts each new analysis as what changed since the one before (findings,
 * look-alikes and timeline events, compared element by element), not the whole: structured
 * cloning a long archive's analysis every few hundred milliseconds is what made the main thread
 * fall behind. The main thread rebuilds the analysis, keeping the unchanged elements' objects.
 */
import type { Analysis } from '../src/domain/analysis.js';

type ListName = 'findings' | 'notPermission' | 'timeline' | 'warnings' | 'advisories';

/** A list's new length and the elements that differ from the previous list's at the same index. */
export interface ListDelta<T> {
  length: number;
  changed: [number, T][];
}

export type AnalysisDelta = Omit<Analysis, ListName> & {
  [name in ListName]: ListDelta<Analysis[name][number]>;
};

export class DeltaEncoder {
  private readonly previous = new Map<ListName, string[]>();

  encode(analysis: Analysis): AnalysisDelta {
    const { findings, notPermission, timeline, warnings, advisories, ...rest } = analysis;
    return {
      ...rest,
      findings: this.listDelta('findings', findings),
      notPermission: this.listDelta('notPermission', notPermission),
      timeline: this.listDelta('timeline', timeline),
      warnings: this.listDelta('warnings', warnings),
      advisories: this.listDelta('advisories', advisories),
    };
  }

  private listDelta<T>(name: ListName, items: readonly T[]): ListDelta<T> {
    const before = this.previous.get(name) ?? [];
    const now = items.map((item) => JSON.stringify(item));
    const changed: [number, T][] = [];
    now.forEach((text, index) => {
      if (before[index] !== text) changed.push([index, items[index] as T]);
    });
    this.previous.set(name, now);
    return { length: items.length, changed };
  }
}

export class DeltaDecoder {
  private current: Analysis | null = null;

  apply(delta: AnalysisDelta): Analysis {
    const { findings, notPermission, timeline, warnings, advisories, ...rest } = delta;
    const current = this.current;
    this.current = {
      ...rest,
      findings: patched(current?.findings, findings),
      notPermission: patched(current?.notPermission, notPermission),
      timeline: patched(current?.timeline, timeline),
      warnings: patched(current?.warnings, warnings),
      advisories: patched(current?.advisories, advisories),
    };
    return this.current;
  }
}

/** The list before with the delta's changes: a new array, the unchanged elements the same objects. */
function patched<T>(before: readonly T[] | undefined, delta: ListDelta<T>): T[] {
  const list = before?.slice(0, delta.length) ?? [];
  list.length = delta.length;
  for (const [index, item] of delta.changed) list[index] = item;
  return list;
}
