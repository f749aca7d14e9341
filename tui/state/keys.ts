/**
 * Keys → intents, for each view. Pure: the App turns an intent into a navigation action
 * (adding the geometry it knows) or a command (quit, refresh, copy, write).
 */
import type { NavigationState } from './navigation.js';

/** The subset of Ink's Key this reads (so tests need not build a whole one). */
export interface KeyPress {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  home?: boolean;
  end?: boolean;
  return?: boolean;
  escape?: boolean;
  ctrl?: boolean;
  shift?: boolean;
  tab?: boolean;
  backspace?: boolean;
  delete?: boolean;
  meta?: boolean;
}

export type Intent =
  | 'up'
  | 'down'
  | 'page-up'
  | 'page-down'
  | 'first'
  | 'last'
  | 'open'
  | 'expand'
  | 'back'
  | 'fix'
  | 'others'
  | 'next-tab'
  | 'previous-tab'
  | 'filter'
  | 'help'
  | 'refresh'
  | 'watch'
  | 'copy'
  | 'write'
  | 'quit'
  | { filterInput: string }
  | 'filter-backspace'
  | 'filter-confirm'
  | 'filter-cancel';

/** Every key, as the help screen lists them. */
export const KEY_HELP: readonly { keys: string; what: string }[] = [
  { keys: '↑ ↓  j k', what: 'move (list: findings; detail: evidence)' },
  { keys: 'PgUp PgDn  space', what: 'page up / down' },
  { keys: 'g G  Home End', what: 'first / last' },
  { keys: 'Enter', what: 'open the finding; in detail: unfold the raw record' },
  { keys: 'e', what: 'in detail: unfold / fold the raw record' },
  { keys: 'f', what: 'the fix: JSON, Terraform, CloudFormation, AWS CLI' },
  { keys: 'l', what: 'look-alikes and input warnings, each with its likely cause' },
  { keys: 'tab  shift-tab', what: 'list: group by revision / role / action; fix: format' },
  { keys: '/', what: 'filter by text (Enter keeps it, Esc clears it)' },
  { keys: 'c', what: 'in fix: copy the snippet to the clipboard (OSC 52)' },
  { keys: 'w', what: 'in fix: write the snippet to a file; elsewhere: watch on/off' },
  { keys: 'r', what: 'refresh: read the inputs again' },
  { keys: 'Esc  ← ', what: 'back' },
  { keys: '?', what: 'this help' },
  { keys: 'q  Ctrl-C', what: 'quit' },
];

export function intentOf(state: NavigationState, input: string, key: KeyPress): Intent | null {
  if (key.ctrl && input === 'c') return 'quit';
  if (state.editingFilter) {
    if (key.escape) return 'filter-cancel';
    if (key.return || key.upArrow || key.downArrow) return 'filter-confirm';
    if (key.backspace || key.delete) return 'filter-backspace';
    if (key.ctrl || key.meta || key.tab) return null;
    return input ? { filterInput: input } : null;
  }
  if (state.help) return key.escape || input === '?' || input === 'q' ? 'help' : null;
  if (key.upArrow || input === 'k') return 'up';
  if (key.downArrow || input === 'j') return 'down';
  if (key.pageUp || input === 'b') return 'page-up';
  if (key.pageDown || input === ' ') return 'page-down';
  if (key.home || input === 'g') return 'first';
  if (key.end || input === 'G') return 'last';
  if (key.tab) return key.shift ? 'previous-tab' : 'next-tab';
  if (key.escape || key.leftArrow) return 'back';
  if (key.return) return state.view === 'list' ? 'open' : state.view === 'detail' ? 'expand' : null;
  if (key.rightArrow) return state.view === 'list' ? 'open' : null;
  switch (input) {
    case 'q':
      return 'quit';
    case '?':
      return 'help';
    case '/':
      return 'filter';
    case 'r':
      return 'refresh';
    case 'e':
      return state.view === 'detail' ? 'expand' : null;
    case 'f':
      return state.view === 'list' || state.view === 'detail' ? 'fix' : null;
    case 'l':
      return state.view === 'list' ? 'others' : state.view === 'others' ? 'back' : null;
    case 'c':
      return state.view === 'fix' ? 'copy' : null;
    case 'w':
      return state.view === 'fix' ? 'write' : 'watch';
    default:
      return null;
  }
}
