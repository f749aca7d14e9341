/**
 * What the screen shows and where the cursor is: a pure reducer, so every key's effect is
 * tested without a terminal. Geometry (how many rows fit, where a row lies) comes in the
 * actions; the reducer keeps the selected line inside the window it is given.
 */
import { GROUPINGS, type Grouping } from './rows.js';

/** `others`: look-alikes and input warnings, each with its likely cause or what was expected. */
export type View = 'list' | 'detail' | 'fix' | 'others';

export type FixFormat = 'json' | 'terraform' | 'cloudformation' | 'cli';

export const FIX_FORMATS: readonly FixFormat[] = ['json', 'terraform', 'cloudformation', 'cli'];

export interface NavigationState {
  view: View;
  help: boolean;
  grouping: Grouping;
  /** Index into the visible findings (ListRows.findingRows). */
  cursor: number;
  /** First row of the list window. */
  listScroll: number;
  filter: string;
  editingFilter: boolean;
  /** The finding open in the detail and fix views, by findingKey: it stays put while findings load. */
  openKey: string | null;
  evidenceCursor: number;
  /** Evidence items whose raw record is unfolded. */
  expanded: number[];
  detailScroll: number;
  fixFormat: FixFormat;
  fixScroll: number;
  /** The selected look-alike or warning in the others view. */
  othersCursor: number;
  watch: boolean;
  /** One line for the status bar ("copied 12 lines…"); cleared by the next key. */
  notice: string | null;
}

export const initialNavigation = (overrides: Partial<NavigationState> = {}): NavigationState => ({
  view: 'list',
  help: false,
  grouping: 'revision',
  cursor: 0,
  listScroll: 0,
  filter: '',
  editingFilter: false,
  openKey: null,
  evidenceCursor: 0,
  expanded: [],
  detailScroll: 0,
  fixFormat: 'json',
  fixScroll: 0,
  othersCursor: 0,
  watch: false,
  notice: null,
  ...overrides,
});

/** Where the selectable items lie among the lines of a window, and how many lines fit. */
export interface Geometry {
  /** Line (row) of each selectable item. */
  itemLines: readonly number[];
  /** Total lines. */
  total: number;
  /** Lines that fit on screen. */
  height: number;
}

export type NavigationAction =
  | { type: 'move'; delta: number; geometry: Geometry }
  | { type: 'move-to'; position: 'first' | 'last'; geometry: Geometry }
  | { type: 'sync-list'; geometry: Geometry }
  /** `keys`: the findingKey of each visible finding, in list order; the one under the cursor opens. */
  | { type: 'open-detail'; keys: readonly string[] }
  | { type: 'open-fix' }
  | { type: 'open-others' }
  /** `count`: how many look-alikes and warnings there are. */
  | { type: 'others-move'; delta: number; count: number }
  | { type: 'back' }
  | { type: 'cycle-grouping' }
  | { type: 'start-filter' }
  | { type: 'filter-input'; text: string }
  | { type: 'filter-backspace' }
  | { type: 'filter-confirm' }
  | { type: 'filter-cancel' }
  | { type: 'toggle-help' }
  | { type: 'evidence-move'; delta: number; geometry: Geometry }
  /** `geometry`: the evidence items' lines, to bring an unfolded record into view. */
  | { type: 'toggle-evidence'; geometry: Geometry }
  | { type: 'scroll'; view: 'detail' | 'fix'; delta: number; geometry: Pick<Geometry, 'total' | 'height'> }
  | { type: 'cycle-format'; delta: number }
  | { type: 'toggle-watch' }
  | { type: 'notice'; text: string | null };

const clamp = (value: number, low: number, high: number) => Math.max(low, Math.min(high, value));

/** The window's first line after making `line` visible, moving as little as possible. */
export function follow(scroll: number, line: number, height: number, total: number): number {
  const maxScroll = Math.max(0, total - height);
  let next = scroll;
  if (line < next) next = line;
  else if (line >= next + height) next = line - height + 1;
  return clamp(next, 0, maxScroll);
}

function listAt(state: NavigationState, cursor: number, geometry: Geometry): NavigationState {
  const count = geometry.itemLines.length;
  const next = count === 0 ? 0 : clamp(cursor, 0, count - 1);
  // Keep the group heading above the first finding in view when the cursor reaches the top.
  const line = next === 0 ? 0 : (geometry.itemLines[next] ?? 0);
  return {
    ...state,
    cursor: next,
    listScroll: follow(state.listScroll, line, geometry.height, geometry.total),
  };
}

const cycle = <T>(list: readonly T[], current: T, delta: number): T =>
  list[(list.indexOf(current) + delta + list.length) % list.length] as T;

export function navigate(state: NavigationState, action: NavigationAction): NavigationState {
  switch (action.type) {
    case 'move':
      return listAt(state, state.cursor + action.delta, action.geometry);
    case 'move-to':
      return listAt(
        state,
        action.position === 'first' ? 0 : action.geometry.itemLines.length - 1,
        action.geometry,
      );
    case 'sync-list':
      return listAt(state, state.cursor, action.geometry);
    case 'open-detail': {
      const key = action.keys[state.cursor];
      if (key === undefined) return state;
      return {
        ...state,
        view: 'detail',
        openKey: key,
        evidenceCursor: 0,
        expanded: [],
        detailScroll: 0,
      };
    }
    case 'open-fix':
      return state.openKey === null ? state : { ...state, view: 'fix', fixScroll: 0 };
    case 'open-others':
      return { ...state, view: 'others', openKey: null };
    case 'others-move':
      return {
        ...state,
        othersCursor: clamp(state.othersCursor + action.delta, 0, Math.max(0, action.count - 1)),
      };
    case 'back':
      if (state.help) return { ...state, help: false };
      if (state.view === 'others') return { ...state, view: 'list' };
      if (state.view === 'fix') return { ...state, view: 'detail' };
      if (state.view === 'detail') return { ...state, view: 'list', openKey: null };
      if (state.filter) return { ...state, filter: '', cursor: 0, listScroll: 0 };
      return state;
    case 'cycle-grouping':
      return { ...state, grouping: cycle(GROUPINGS, state.grouping, 1), cursor: 0, listScroll: 0 };
    case 'start-filter':
      return { ...state, view: 'list', editingFilter: true };
    case 'filter-input':
      return { ...state, filter: state.filter + action.text, cursor: 0, listScroll: 0 };
    case 'filter-backspace':
      return { ...state, filter: state.filter.slice(0, -1), cursor: 0, listScroll: 0 };
    case 'filter-confirm':
      return { ...state, editingFilter: false };
    case 'filter-cancel':
      return { ...state, editingFilter: false, filter: '', cursor: 0, listScroll: 0 };
    case 'toggle-help':
      return { ...state, help: !state.help };
    case 'evidence-move': {
      const count = action.geometry.itemLines.length;
      const cursor = count === 0 ? 0 : clamp(state.evidenceCursor + action.delta, 0, count - 1);
      const line = action.geometry.itemLines[cursor] ?? 0;
      // At either end of the evidence, the arrows scroll on (to the fix below, the sentence above).
      const atEdge = cursor === state.evidenceCursor;
      const scroll = atEdge
        ? clamp(
            state.detailScroll + action.delta,
            0,
            Math.max(0, action.geometry.total - action.geometry.height),
          )
        : follow(state.detailScroll, line, action.geometry.height, action.geometry.total);
      return { ...state, evidenceCursor: cursor, detailScroll: scroll };
    }
    case 'toggle-evidence': {
      const open = state.expanded.includes(state.evidenceCursor);
      const line = action.geometry.itemLines[state.evidenceCursor] ?? 0;
      return {
        ...state,
        // Unfolding puts the item at the top, so that its record shows below it.
        detailScroll: open ? state.detailScroll : Math.max(0, line - 1),
        expanded: open
          ? state.expanded.filter((item) => item !== state.evidenceCursor)
          : [...state.expanded, state.evidenceCursor],
      };
    }
    case 'scroll': {
      const max = Math.max(0, action.geometry.total - action.geometry.height);
      if (action.view === 'detail')
        return { ...state, detailScroll: clamp(state.detailScroll + action.delta, 0, max) };
      return { ...state, fixScroll: clamp(state.fixScroll + action.delta, 0, max) };
    }
    case 'cycle-format':
      return { ...state, fixFormat: cycle(FIX_FORMATS, state.fixFormat, action.delta), fixScroll: 0 };
    case 'toggle-watch':
      return { ...state, watch: !state.watch };
    case 'notice':
      return { ...state, notice: action.text };
  }
}
