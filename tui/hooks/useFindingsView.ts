/**
 * What the screen shows of the analysis, derived once per change: the findings' stable keys,
 * the rows of the list (grouped and filtered), the finding open and its detail lines, its fix
 * snippet, and the look-alikes and warnings.
 */
import { useMemo } from 'react';
import type { Analysis, Finding } from '../../src/domain/analysis.js';
import { type DetailLine, detailLines } from '../format/detail-lines.js';
import { chunkLines } from '../format/lines.js';
import { otherDetail, otherItems } from '../format/other-items.js';
import { fixSnippet } from '../format/snippets.js';
import { timeAnchor } from '../format/time.js';
import type { Geometry, NavigationState } from '../state/navigation.js';
import { buildRows, findingKey, searchText } from '../state/rows.js';
import type { Occurrences } from '../state/watch.js';

const EMPTY: readonly Finding[] = [];

export interface LoadedView {
  analysis: Analysis | null;
  loading: boolean;
  occurrences: Occurrences | null;
  /** A live run's notes; none for files. */
  notes?: readonly string[];
}

export function useFindingsView(
  loaded: LoadedView,
  nav: NavigationState,
  layout: { width: number; bodyHeight: number; now: () => number },
) {
  const { width, bodyHeight, now } = layout;
  const findings = loaded.analysis?.findings ?? EMPTY;
  const keys = useMemo(() => {
    const seen = new Map<string, number>();
    return findings.map((finding) => {
      const key = findingKey(finding);
      const times = (seen.get(key) ?? 0) + 1;
      seen.set(key, times);
      return times === 1 ? key : `${key}#${times}`;
    });
  }, [findings]);
  const haystacks = useMemo(() => findings.map(searchText), [findings]);
  const list = useMemo(
    () => buildRows(findings, nav.grouping, nav.filter, haystacks),
    [findings, nav.grouping, nav.filter, haystacks],
  );
  const listGeometry: Geometry = useMemo(
    () => ({ itemLines: list.findingRows, total: list.rows.length, height: bodyHeight }),
    [list, bodyHeight],
  );
  const anchor = useMemo(() => timeAnchor(loaded.analysis, now()), [loaded.analysis, now]);
  const visibleKeys = useMemo(
    () =>
      list.findingRows.map((row) => {
        const entry = list.rows[row];
        return entry?.kind === 'finding' ? (keys[entry.index] ?? '') : '';
      }),
    [list, keys],
  );
  const openIndex = nav.openKey === null ? -1 : keys.indexOf(nav.openKey);
  const open = openIndex >= 0 ? (findings[openIndex] as Finding) : null;

  const detail: DetailLine[] = useMemo(
    () =>
      open && nav.view !== 'list'
        ? detailLines(open, {
            width,
            number: openIndex + 1,
            total: findings.length,
            expanded: nav.expanded,
            anchor: anchor.at,
            occurrence: loaded.occurrences?.get(keys[openIndex] ?? '') ?? null,
          })
        : [],
    [open, openIndex, nav.view, width, findings.length, nav.expanded, anchor, loaded.occurrences, keys],
  );
  const evidenceLines = useMemo(
    () => detail.flatMap((line, index) => (line.evidence === undefined ? [] : [index])),
    [detail],
  );
  const snippet = useMemo(
    () =>
      open && nav.view === 'fix'
        ? fixSnippet(open, nav.fixFormat, Math.min(width, 100) - 2, openIndex + 1)
        : '',
    [open, openIndex, nav.view, nav.fixFormat, width],
  );
  const snippetLines = useMemo(() => chunkLines(snippet, width), [snippet, width]);
  const others = useMemo(() => otherItems(loaded.analysis, loaded.notes), [loaded.analysis, loaded.notes]);
  // Nothing denied but something else failed: that is the answer, so it is what the body shows.
  const othersAsAnswer =
    nav.view === 'list' && !nav.filter && findings.length === 0 && others.length > 0 && !loaded.loading;
  const view = othersAsAnswer ? 'others' : nav.view;
  const othersCursor = Math.min(nav.othersCursor, Math.max(0, others.length - 1));
  const otherLines = useMemo(
    () =>
      view === 'others' && loaded.analysis
        ? otherDetail(loaded.analysis, othersCursor, width, loaded.notes)
        : [],
    [view, loaded.analysis, loaded.notes, othersCursor, width],
  );
  return {
    findings,
    keys,
    list,
    listGeometry,
    anchor,
    visibleKeys,
    openIndex,
    open,
    detail,
    evidenceLines,
    snippet,
    snippetLines,
    others,
    othersAsAnswer,
    view,
    othersCursor,
    otherLines,
  };
}

export type FindingsView = ReturnType<typeof useFindingsView>;
