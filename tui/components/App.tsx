/**
 * The terminal UI: the analysis as it loads (useAnalysis), what of it the screen shows
 * (useFindingsView), the keys (useKeys) and the body for the view (Body.tsx).
 */
import { Box } from 'ink';
import { useEffect, useMemo, useReducer } from 'react';
import { makeTheme, ThemeContext } from '../contexts/ThemeContext.js';
import { useAnalysis } from '../hooks/useAnalysis.js';
import { useFindingsView } from '../hooks/useFindingsView.js';
import { useKeys } from '../hooks/useKeys.js';
import { type TerminalSize, useTerminalSize } from '../hooks/useTerminalSize.js';
import type { Loader } from '../load-inputs.js';
import { initialNavigation, navigate } from '../state/navigation.js';
import { body } from './Body.js';
import { FIX_CHROME_LINES } from './FixView.js';
import { Header } from './Header.js';
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
  /** How each load ended: null when done, else the error it failed on. */
  onOutcome?: (error: unknown) => void;
}

/** Header lines + status line + one spare line (a frame as tall as the terminal makes Ink clear the whole screen on every update). */
const CHROME_LINES = 4;
const DEFAULT_WATCH_SECONDS = 10;

export function App({
  inputs,
  loader,
  watchSeconds,
  now = Date.now,
  size,
  noColor = false,
  writeDir,
  onOutcome,
}: AppProps) {
  const { columns, rows: terminalRows } = useTerminalSize(size);
  const width = Math.max(40, columns);
  const bodyHeight = Math.max(3, terminalRows - CHROME_LINES);
  const [nav, dispatch] = useReducer(navigate, initialNavigation({ watch: Boolean(watchSeconds) }));
  const pollSeconds = nav.watch ? (watchSeconds ?? DEFAULT_WATCH_SECONDS) : null;
  const { state: loaded, refresh } = useAnalysis(loader, inputs, {
    watchSeconds: pollSeconds,
    now,
    onOutcome,
  });
  const theme = useMemo(() => makeTheme(noColor), [noColor]);
  const shown = useFindingsView(loaded, nav, { width, bodyHeight, now });

  // The list changes while loading, on refresh and on resize: keep the cursor on a finding and in view.
  useEffect(() => {
    dispatch({ type: 'sync-list', geometry: shown.listGeometry });
  }, [shown.listGeometry]);

  useKeys({
    nav,
    dispatch,
    shown,
    bodyHeight,
    snippetHeight: Math.max(1, bodyHeight - FIX_CHROME_LINES),
    refresh,
    watchSeconds: watchSeconds ?? DEFAULT_WATCH_SECONDS,
    writeDir,
  });
  const { body: content, position } = body(nav, shown, loaded, { width, bodyHeight });

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
          anchor={shown.anchor}
          watchSeconds={pollSeconds}
          loadedAt={loaded.loadedAt}
          width={width}
        />
        {content}
        <StatusBar
          view={nav.help ? 'list' : shown.view}
          filter={nav.filter}
          editingFilter={nav.editingFilter}
          notice={loaded.error && nav.view === 'list' ? null : nav.notice}
          position={position}
        />
      </Box>
    </ThemeContext.Provider>
  );
}
