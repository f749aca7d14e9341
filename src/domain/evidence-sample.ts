/**
 * A finding seen ten thousand times cites a bounded sample of its evidence (the first and last
 * pieces, in time order), its exact count, and where every piece is (compacted origin ranges):
 * memory and output stay flat however long the archive, and nothing seen goes uncounted.
 */
import type { EvidenceCitation } from './analysis.js';
import type { MessageEvidence } from './evidence.js';

/** How many of the first and of the last pieces a finding cites, unless every piece is asked for. */
export const EVIDENCE_SAMPLE = 10;

/** One sighting of a denial: when, where in the input order, and what to cite. */
export interface Sighting {
  time: string | null;
  order: number;
  citation: EvidenceCitation;
  /** The app's own lines said beside it, cited after the denials when it is. */
  related?: readonly MessageEvidence[];
}

/** Time order, undated last, input order among equals: the order a finding lists its evidence in. */
export function bySightingOrder(a: Pick<Sighting, 'time' | 'order'>, b: Pick<Sighting, 'time' | 'order'>) {
  // Times are ISO 8601 UTC (toIsoTime), whose code-unit order is time order: a locale's
  // collation (localeCompare) is not needed, and is 2-3 times slower on every sighting.
  const x = a.time ?? '\uffff';
  const y = b.time ?? '\uffff';
  return x < y ? -1 : x > y ? 1 : a.order - b.order;
}

/**
 * The first and last `size` sightings of a stream that arrives in any order. With every
 * sighting kept in `head` or `tail`, a group of at most 2 × size is complete.
 */
export class SightingSample {
  readonly head: Sighting[] = [];
  readonly tail: Sighting[] = [];

  constructor(private readonly size: number) {}

  add(sighting: Sighting): void {
    insertBounded(this.head, sighting, this.size, 'first');
    insertBounded(this.tail, sighting, this.size, 'last');
  }
}

function insertBounded(list: Sighting[], item: Sighting, size: number, keep: 'first' | 'last'): void {
  if (size <= 0) return;
  if (list.length >= size) {
    const edge = keep === 'first' ? list[list.length - 1] : list[0];
    if (edge && (keep === 'first' ? bySightingOrder(item, edge) >= 0 : bySightingOrder(item, edge) <= 0))
      return;
  }
  // Input mostly arrives in time order: look for the place from the end.
  let at = list.length;
  while (at > 0 && bySightingOrder(list[at - 1] as Sighting, item) > 0) at -= 1;
  list.splice(at, 0, item);
  if (list.length > size) {
    if (keep === 'first') list.pop();
    else list.shift();
  }
}

/**
 * The pieces a finding cites from the samples of its parts: every piece when they number at
 * most 2 × size, else the first and the last `size` pieces.
 */
export function citedSightings(samples: readonly SightingSample[], count: number, size: number): Sighting[] {
  const all = new Map<number, Sighting>();
  for (const sample of samples)
    for (const item of [...sample.head, ...sample.tail]) all.set(item.order, item);
  const ordered = [...all.values()].sort(bySightingOrder);
  if (count <= 2 * size) return ordered;
  return [...ordered.slice(0, size), ...ordered.slice(-size)];
}

/**
 * Each distinct value (a task, a resource) with its first sighting: what a class of sightings
 * leaves out of its key is still known, in the order it was first seen, at a few bytes a value.
 */
export class FirstSeen {
  private readonly seen = new Map<string, Pick<Sighting, 'time' | 'order'>>();

  add(value: string, at: Pick<Sighting, 'time' | 'order'>): void {
    const known = this.seen.get(value);
    if (!known || bySightingOrder(at, known) < 0) this.seen.set(value, { time: at.time, order: at.order });
  }

  /** The values of all of these, each once, in the order of its first sighting. */
  static inOrder(parts: readonly FirstSeen[]): string[] {
    const merged = new Map<string, Pick<Sighting, 'time' | 'order'>>();
    for (const part of parts)
      for (const [value, at] of part.seen) {
        const known = merged.get(value);
        if (!known || bySightingOrder(at, known) < 0) merged.set(value, at);
      }
    return [...merged].sort((a, b) => bySightingOrder(a[1], b[1])).map(([value]) => value);
  }
}

/**
 * The forms origins take (`file#Records[\0]`, one a file and pointer form), each text kept once
 * and shared by every class of a fold: a class's ranges name them by number.
 */
export class OriginTemplates {
  private readonly ids = new Map<string, number>();
  readonly texts: string[] = [];

  idOf(template: string): number {
    let id = this.ids.get(template);
    if (id === undefined) {
      id = this.texts.length;
      this.texts.push(template);
      this.ids.set(template, id);
    }
    return id;
  }
}

/**
 * Where every piece of evidence was read, compacted: `file#Records[*]` with records 3 to 7 and
 * 12 is kept as its form's number and the ranges [3, 7] and [12, 12], three numbers a range.
 */
export class OriginRanges {
  /** Triples: the form's number, the first index and the last. */
  private readonly ranges: number[] = [];
  private readonly single = new Set<string>();

  constructor(private readonly templates = new OriginTemplates()) {}

  add(origin: string): void {
    const parsed = templateOf(origin);
    if (!parsed) {
      this.single.add(origin);
      return;
    }
    const id = this.templates.idOf(parsed.template);
    const { ranges } = this;
    const at = ranges.length - 3;
    // A batch is one file read in order: its sightings mostly extend the last range.
    if (
      at >= 0 &&
      ranges[at] === id &&
      parsed.index >= (ranges[at + 1] as number) &&
      parsed.index <= (ranges[at + 2] as number) + 1
    ) {
      ranges[at + 2] = Math.max(ranges[at + 2] as number, parsed.index);
    } else {
      ranges.push(id, parsed.index, parsed.index);
    }
  }

  /** Every origin of these, merged: one string per file and record form, in first-read order. */
  static describe(parts: readonly OriginRanges[]): string[] {
    const templates = new Map<string, [number, number][]>();
    const singles = new Set<string>();
    for (const part of parts) {
      for (const origin of part.single) singles.add(origin);
      const { ranges } = part;
      for (let i = 0; i < ranges.length; i += 3) {
        const template = part.templates.texts[ranges[i] as number] as string;
        const list = templates.get(template) ?? [];
        templates.set(template, list);
        list.push([ranges[i + 1] as number, ranges[i + 2] as number]);
      }
    }
    const described = [...templates].map(([template, list]) =>
      template.replace(RANGE_MARK, mergeRanges(list)),
    );
    return [...described, ...singles];
  }
}

const RANGE_MARK = '\u0000';

/**
 * `file#Records[12]` → `file#Records[\0]` and 12; `file#services[0].events[7].message` varies
 * in its last index; `file:34` → `file:\0` and 34.
 */
function templateOf(origin: string): { template: string; index: number } | null {
  const hash = origin.lastIndexOf('#');
  const pattern = hash >= 0 ? /\[(\d+)\](?!.*\[\d+\])/ : /:(\d+)$/;
  const found = pattern.exec(hash >= 0 ? origin.slice(hash) : origin);
  if (!found) return null;
  const at = (hash >= 0 ? hash : 0) + found.index;
  const mark = hash >= 0 ? `[${RANGE_MARK}]` : `:${RANGE_MARK}`;
  return {
    template: `${origin.slice(0, at)}${mark}${origin.slice(at + found[0].length)}`,
    index: Number(found[1]),
  };
}

function mergeRanges(list: [number, number][]): string {
  list.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of list) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1] + 1) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged.map(([start, end]) => (start === end ? `${start}` : `${start}-${end}`)).join(',');
}
