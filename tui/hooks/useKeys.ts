/**
 * The keys, as intents (state/keys.ts), acted on: navigation goes to the reducer, the rest
 * (quit, refresh, watch, copy and write a fix) happens here.
 */
import { tmpdir } from 'node:os';
import { useApp, useInput, useStdout } from 'ink';
import type { Dispatch } from 'react';
import { osc52, writeSnippet } from '../clipboard.js';
import { FORMAT_EXTENSIONS, FORMAT_LABELS } from '../format/snippets.js';
import { intentOf } from '../state/keys.js';
import type { NavigationAction, NavigationState } from '../state/navigation.js';
import type { FindingsView } from './useFindingsView.js';

type Intent = NonNullable<ReturnType<typeof intentOf>>;

export interface KeyContext {
  nav: NavigationState;
  dispatch: Dispatch<NavigationAction>;
  shown: FindingsView;
  bodyHeight: number;
  snippetHeight: number;
  refresh: () => void;
  watchSeconds: number;
  /** Where `w` writes a snippet; the system's temporary directory by default. */
  writeDir: string | undefined;
}

export function useKeys(context: KeyContext): void {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const { nav, dispatch, shown } = context;
  const act = (intent: Intent) => {
    if (typeof intent === 'object') {
      dispatch({ type: 'filter-input', text: intent.filterInput });
      return;
    }
    if (intent === 'quit') exit();
    else if (!appIntent(intent, context)) viewIntent(intent, context, (text) => stdout.write(text));
  };
  const keyState = shown.view === nav.view ? nav : { ...nav, view: shown.view };
  useInput((input, key) => {
    if (nav.notice) dispatch({ type: 'notice', text: null });
    // Keys typed faster than they are read arrive together ("jjj\r"): outside the filter, one at a time.
    if (input.length > 1 && !nav.editingFilter && !key.ctrl && !key.meta) {
      for (const char of input) {
        const intent = intentOf(keyState, char === '\r' ? '' : char, { return: char === '\r' });
        if (intent) act(intent);
      }
      return;
    }
    const intent = intentOf(keyState, input, key);
    if (intent) act(intent);
  });
}

/** The keys that mean the same in every view; false when the intent is the view's to act on. */
function appIntent(intent: Exclude<Intent, object>, { nav, dispatch, refresh, watchSeconds }: KeyContext) {
  switch (intent) {
    case 'others':
      dispatch({ type: 'open-others' });
      return true;
    case 'help':
      dispatch({ type: 'toggle-help' });
      return true;
    case 'filter':
      dispatch({ type: 'start-filter' });
      return true;
    case 'filter-backspace':
    case 'filter-confirm':
    case 'filter-cancel':
      dispatch({ type: intent });
      return true;
    case 'refresh':
      refresh();
      dispatch({ type: 'notice', text: 'reading the inputs again…' });
      return true;
    case 'watch':
      dispatch({ type: 'toggle-watch' });
      dispatch({
        type: 'notice',
        text: nav.watch ? 'watch off' : `watch on: reading the inputs every ${watchSeconds}s`,
      });
      return true;
    case 'back':
      dispatch({ type: 'back' });
      return true;
    default:
      return false;
  }
}

function viewIntent(intent: Exclude<Intent, object>, context: KeyContext, write: (text: string) => void) {
  const { nav, dispatch, shown, bodyHeight } = context;
  const page = Math.max(1, bodyHeight - 1);
  const step = (up: boolean, amount: number) => (up ? -amount : amount);
  if (shown.view === 'others') {
    const count = shown.others.length;
    if (intent === 'up' || intent === 'down')
      dispatch({ type: 'others-move', delta: step(intent === 'up', 1), count });
    else if (intent === 'page-up' || intent === 'page-down')
      dispatch({ type: 'others-move', delta: step(intent === 'page-up', page), count });
    else if (intent === 'first' || intent === 'last')
      dispatch({ type: 'others-move', delta: step(intent === 'first', count), count });
    return;
  }
  if (nav.view === 'list') {
    const geometry = shown.listGeometry;
    if (intent === 'up' || intent === 'down')
      dispatch({ type: 'move', delta: step(intent === 'up', 1), geometry });
    else if (intent === 'page-up' || intent === 'page-down')
      dispatch({ type: 'move', delta: step(intent === 'page-up', page), geometry });
    else if (intent === 'first' || intent === 'last')
      dispatch({ type: 'move-to', position: intent, geometry });
    else if (intent === 'next-tab' || intent === 'previous-tab') dispatch({ type: 'cycle-grouping' });
    else if (intent === 'open' || intent === 'fix') {
      dispatch({ type: 'open-detail', keys: shown.visibleKeys });
      if (intent === 'fix') dispatch({ type: 'open-fix' });
    }
    return;
  }
  if (nav.view === 'detail') {
    const total = shown.detail.length;
    const geometry = { itemLines: shown.evidenceLines, total, height: bodyHeight };
    if (intent === 'up' || intent === 'down')
      dispatch({ type: 'evidence-move', delta: step(intent === 'up', 1), geometry });
    else if (intent === 'page-up' || intent === 'page-down')
      dispatch({ type: 'scroll', view: 'detail', delta: step(intent === 'page-up', page), geometry });
    else if (intent === 'first' || intent === 'last')
      dispatch({ type: 'scroll', view: 'detail', delta: step(intent === 'first', total), geometry });
    else if (intent === 'expand') dispatch({ type: 'toggle-evidence', geometry });
    else if (intent === 'fix') dispatch({ type: 'open-fix' });
    return;
  }
  fixIntent(intent, context, write);
}

function fixIntent(intent: Exclude<Intent, object>, context: KeyContext, write: (text: string) => void) {
  const { nav, dispatch, shown, bodyHeight, snippetHeight, writeDir } = context;
  const page = Math.max(1, bodyHeight - 1);
  const geometry = { total: shown.snippetLines.length, height: snippetHeight };
  const { snippet } = shown;
  if (intent === 'up' || intent === 'down')
    dispatch({ type: 'scroll', view: 'fix', delta: intent === 'up' ? -1 : 1, geometry });
  else if (intent === 'page-up' || intent === 'page-down')
    dispatch({ type: 'scroll', view: 'fix', delta: intent === 'page-up' ? -page : page, geometry });
  else if (intent === 'next-tab' || intent === 'previous-tab')
    dispatch({ type: 'cycle-format', delta: intent === 'next-tab' ? 1 : -1 });
  else if (intent === 'copy' && snippet) {
    write(osc52(snippet));
    dispatch({
      type: 'notice',
      text: `copied ${FORMAT_LABELS[nav.fixFormat]} (${snippet.split('\n').length} lines) with OSC 52; if your terminal ignores it, press w to write a file`,
    });
  } else if (intent === 'write' && snippet) {
    try {
      const path = writeSnippet(
        writeDir ?? tmpdir(),
        `whydenied-fix-${shown.openIndex + 1}.${FORMAT_EXTENSIONS[nav.fixFormat]}`,
        snippet,
      );
      dispatch({ type: 'notice', text: `wrote ${path}` });
    } catch (error) {
      dispatch({ type: 'notice', text: `could not write the snippet: ${(error as Error).message}` });
    }
  }
}
