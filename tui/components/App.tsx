import { tmpdir } from 'node:os';
import { Box, useApp, useInput, useStdout } from 'ink';
import { type ReactNode, useEffect, useMemo, useReducer } from 'react';
import type { Finding } from '../../src/domain/analysis.js';
import { visibleText } from '../../src/report/visible-text.js';
import { osc52, writeSnippet } from '../clipboard.js';
import { makeTheme, ThemeContext } from '../contexts/ThemeContext.js';
import { type DetailLine, detailLines } from '../format/detail-lines.js';
import { chunkLines, hardWrap } from '../format/lines.js';
import { otherDetail, otherItems } from '../format/other-items.js';
import {
  FORMAT_EXTENSIONS,
  FORMAT_LABELS,
  fixSnippet,
  placementText,
  verificationLine,
} from '../format/snippets.js';
import { timeAnchor } from '../format/time.js';
import { useAnalysis } from '../hooks/useAnalysis.js';
import { type TerminalSize, useTerminalSize } from '../hooks/useTerminalSize.js';
import type { Loader } from '../load-inputs.js';
import { intentOf } from '../state/keys.js';
import { type Geometry, initialNavigation, navigate } from '../state/navigation.js';
import { buildRows, findingKey, searchText } from '../state/rows.js';
import { DetailView } from './DetailView.js';
import { FindingList } from './FindingList.js';
import { FIX_CHROME_LINES, FixView } from './FixView.js';
import { Header } from './Header.js';
import { HelpView } from './HelpView.js';
import { OthersView } from './OthersView.js';
import { StatusBar } from './StatusBar.js';

export interface AppProps {
  inputs: string[];
  loader: Loader;
  /** Watch from the start, polling every this many seconds. */
  watchSeconds?: number;
  now?: () => number;
  /** Fixed size (tests); otherwise the terminal's, following resizes. */
  size?: Partial<TerminalSize>;
  noColor?: boolean;
  /** Where `w` writes a snippet; the system's temporary directory by default. */
  writeDir?: string;
}

/** Header lines + status line + one spare line (a frame as tall as the terminal makes Ink clear the whole screen on every update). */
const CHROME_LINES = 4;
const DEFAULT_WATCH_SECONDS = 10;

const EMPTY: readonly Finding[] = [];

export function App({
  inputs,
  loader,
  watchSeconds,
  now = Date.now,
  size,
  noColor = false,
  writeDir,
}: AppProps) {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const { columns, rows: terminalRows } = useTerminalSize(size);
  const width = Math.max(40, columns);
  const bodyHeight = Math.max(3, terminalRows - CHROME_LINES);
  const [nav, dispatch] = useReducer(navigate, initialNavigation({ watch: Boolean(watchSeconds) }));
  const pollSeconds = nav.watch ? (watchSeconds ?? DEFAULT_WATCH_SECONDS) : null;
  const { state: loaded, refresh } = useAnalysis(loader, inputs, { watchSeconds: pollSeconds, now });
  const theme = useMemo(() => makeTheme(noColor), [noColor]);

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

  // The list changes while loading, on refresh and on resize: keep the cursor on a finding and in view.
  useEffect(() => {
    dispatch({ type: 'sync-list', geometry: listGeometry });
  }, [listGeometry]);

  const selectedRow = list.findingRows[nav.cursor] ?? -1;
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
  const others = useMemo(() => otherItems(loaded.analysis), [loaded.analysis]);
  // Nothing denied but something else failed: that is the answer, so it is what the body shows.
  const othersAsAnswer =
    nav.view === 'list' && !nav.filter && findings.length === 0 && others.length > 0 && !loaded.loading;
  const view = othersAsAnswer ? 'others' : nav.view;
  const othersCursor = Math.min(nav.othersCursor, Math.max(0, others.length - 1));
  const otherLines = useMemo(
    () => (view === 'others' && loaded.analysis ? otherDetail(loaded.analysis, othersCursor, width) : []),
    [view, loaded.analysis, othersCursor, width],
  );
  const snippetHeight = Math.max(1, bodyHeight - FIX_CHROME_LINES);

  const runIntent = (intent: NonNullable<ReturnType<typeof intentOf>>) => {
    if (typeof intent === 'object') {
      dispatch({ type: 'filter-input', text: intent.filterInput });
      return;
    }
    const page = Math.max(1, bodyHeight - 1);
    if (intent === 'others') {
      dispatch({ type: 'open-others' });
      return;
    }
    switch (intent) {
      case 'quit':
        exit();
        return;
      case 'help':
        dispatch({ type: 'toggle-help' });
        return;
      case 'filter':
        dispatch({ type: 'start-filter' });
        return;
      case 'filter-backspace':
      case 'filter-confirm':
      case 'filter-cancel':
        dispatch({ type: intent });
        return;
      case 'refresh':
        refresh();
        dispatch({ type: 'notice', text: 'reading the inputs again…' });
        return;
      case 'watch':
        dispatch({ type: 'toggle-watch' });
        dispatch({
          type: 'notice',
          text: nav.watch
            ? 'watch off'
            : `watch on: reading the inputs every ${watchSeconds ?? DEFAULT_WATCH_SECONDS}s`,
        });
        return;
      case 'back':
        dispatch({ type: 'back' });
        return;
    }
    if (view === 'others') {
      const count = others.length;
      if (intent === 'up' || intent === 'down')
        dispatch({ type: 'others-move', delta: intent === 'up' ? -1 : 1, count });
      else if (intent === 'page-up' || intent === 'page-down')
        dispatch({ type: 'others-move', delta: intent === 'page-up' ? -page : page, count });
      else if (intent === 'first' || intent === 'last')
        dispatch({ type: 'others-move', delta: intent === 'first' ? -count : count, count });
      return;
    }
    if (nav.view === 'list') {
      if (intent === 'up' || intent === 'down')
        dispatch({ type: 'move', delta: intent === 'up' ? -1 : 1, geometry: listGeometry });
      else if (intent === 'page-up' || intent === 'page-down')
        dispatch({ type: 'move', delta: intent === 'page-up' ? -page : page, geometry: listGeometry });
      else if (intent === 'first' || intent === 'last')
        dispatch({ type: 'move-to', position: intent, geometry: listGeometry });
      else if (intent === 'next-tab' || intent === 'previous-tab') dispatch({ type: 'cycle-grouping' });
      else if (intent === 'open' || intent === 'fix') {
        dispatch({ type: 'open-detail', keys: visibleKeys });
        if (intent === 'fix') dispatch({ type: 'open-fix' });
      }
      return;
    }
    if (nav.view === 'detail') {
      const geometry = { itemLines: evidenceLines, total: detail.length, height: bodyHeight };
      if (intent === 'up' || intent === 'down')
        dispatch({ type: 'evidence-move', delta: intent === 'up' ? -1 : 1, geometry });
      else if (intent === 'page-up' || intent === 'page-down')
        dispatch({ type: 'scroll', view: 'detail', delta: intent === 'page-up' ? -page : page, geometry });
      else if (intent === 'first' || intent === 'last')
        dispatch({
          type: 'scroll',
          view: 'detail',
          delta: intent === 'first' ? -detail.length : detail.length,
          geometry,
        });
      else if (intent === 'expand') dispatch({ type: 'toggle-evidence', geometry });
      else if (intent === 'fix') dispatch({ type: 'open-fix' });
      return;
    }
    // The fix view.
    const geometry = { total: snippetLines.length, height: snippetHeight };
    if (intent === 'up' || intent === 'down')
      dispatch({ type: 'scroll', view: 'fix', delta: intent === 'up' ? -1 : 1, geometry });
    else if (intent === 'page-up' || intent === 'page-down')
      dispatch({ type: 'scroll', view: 'fix', delta: intent === 'page-up' ? -page : page, geometry });
    else if (intent === 'next-tab' || intent === 'previous-tab')
      dispatch({ type: 'cycle-format', delta: intent === 'next-tab' ? 1 : -1 });
    else if (intent === 'copy' && snippet) {
      stdout.write(osc52(snippet));
      dispatch({
        type: 'notice',
        text: `copied ${FORMAT_LABELS[nav.fixFormat]} (${snippet.split('\n').length} lines) with OSC 52; if your terminal ignores it, press w to write a file`,
      });
    } else if (intent === 'write' && snippet) {
      try {
        const path = writeSnippet(
          writeDir ?? tmpdir(),
          `whydenied-fix-${openIndex + 1}.${FORMAT_EXTENSIONS[nav.fixFormat]}`,
          snippet,
        );
        dispatch({ type: 'notice', text: `wrote ${path}` });
      } catch (error) {
        dispatch({ type: 'notice', text: `could not write the snippet: ${(error as Error).message}` });
      }
    }
  };

  const keyState = view === nav.view ? nav : { ...nav, view };
  useInput((input, key) => {
    if (nav.notice) dispatch({ type: 'notice', text: null });
    // Keys typed faster than they are read arrive together ("jjj\r"): outside the filter, one at a time.
    if (input.length > 1 && !nav.editingFilter && !key.ctrl && !key.meta) {
      for (const char of input) {
        const intent = intentOf(keyState, char === '\r' ? '' : char, { return: char === '\r' });
        if (intent) runIntent(intent);
      }
      return;
    }
    const intent = intentOf(keyState, input, key);
    if (intent) runIntent(intent);
  });

  let body: ReactNode;
  let position = '';
  if (nav.help) body = <HelpView height={bodyHeight} />;
  else if (view === 'others') {
    if (others.length > 0) position = `${othersCursor + 1}/${others.length}`;
    const lookAlikes = loaded.analysis?.notPermission.length ?? 0;
    const warnings = loaded.analysis?.warnings.length ?? 0;
    const counted = `${lookAlikes} look-alike${lookAlikes === 1 ? '' : 's'} and ${warnings} warning${warnings === 1 ? '' : 's'}`;
    body = (
      <OthersView
        items={others}
        cursor={othersCursor}
        detail={others.length > 0 ? otherLines : ['no look-alike and no input warning in these inputs']}
        height={bodyHeight}
        width={width}
        heading={
          othersAsAnswer
            ? `No permission failure found. What failed instead: ${counted}`
            : `${counted}: not permission failures (Esc back)`
        }
      />
    );
  } else if (nav.view !== 'list' && open) {
    if (nav.view === 'detail') {
      position = `${nav.evidenceCursor + 1}/${open.evidence.length} evidence`;
      body = (
        <DetailView
          lines={detail}
          scroll={nav.detailScroll}
          height={bodyHeight}
          evidenceCursor={nav.evidenceCursor}
        />
      );
    } else {
      body = (
        <FixView
          title={`Fix for finding ${openIndex + 1}: ${open.fix ? placementText(open.fix) : 'none proposed'}`}
          format={nav.fixFormat}
          lines={
            snippet ? snippetLines : ['no fix proposed for this finding: the reasons in its detail say why']
          }
          verification={hardWrap(verificationLine(open), width).slice(0, 2)}
          verified={open.fix?.verified ?? null}
          scroll={nav.fixScroll}
          height={bodyHeight}
        />
      );
    }
  } else {
    if (list.findingRows.length > 0) position = `${nav.cursor + 1}/${list.findingRows.length}`;
    body = (
      <FindingList
        findings={findings}
        rows={list.rows}
        keys={keys}
        selectedRow={selectedRow}
        scroll={nav.listScroll}
        height={bodyHeight}
        width={width}
        anchor={anchor.at}
        occurrences={loaded.occurrences}
        emptyText={
          loaded.error ??
          (nav.filter
            ? `no finding matches "${visibleText(nav.filter)}" (Esc clears the filter)`
            : loaded.loading
              ? 'reading the inputs…'
              : 'no permission failure found in these inputs')
        }
      />
    );
  }

  return (
    <ThemeContext.Provider value={theme}>
      <Box flexDirection="column" width={width}>
        <Header
          inputs={inputs}
          analysis={loaded.analysis}
          loading={loaded.loading}
          filesRead={loaded.filesRead}
          filesTotal={loaded.filesTotal}
          progress={loaded.progress}
          grouping={nav.grouping}
          anchor={anchor}
          watchSeconds={pollSeconds}
          loadedAt={loaded.loadedAt}
          width={width}
        />
        {body}
        <StatusBar
          view={nav.help ? 'list' : view}
          filter={nav.filter}
          editingFilter={nav.editingFilter}
          notice={loaded.error && nav.view === 'list' ? null : nav.notice}
          position={position}
        />
      </Box>
    </ThemeContext.Provider>
  );
}
