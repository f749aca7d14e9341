/** The TUI's pure state: grouping and filtering rows, the navigation reducer, the key map, watch mode. */
import { describe, expect, it } from 'vitest';
import { intentOf } from '../../tui/state/keys.js';
import { follow, type Geometry, initialNavigation, navigate } from '../../tui/state/navigation.js';
import { buildRows, findingKey, matchesFilter } from '../../tui/state/rows.js';
import { QUIET_POLLS, quietAfter, trackOccurrences } from '../../tui/state/watch.js';
import { generateFindings } from './fixtures.js';

const geometry = (itemLines: number[], total = 100, height = 10): Geometry => ({ itemLines, total, height });

describe('buildRows', () => {
  const findings = generateFindings(12);

  it('groups by revision, then role, in order of first appearance; every finding once', () => {
    const { rows, findingRows } = buildRows(findings, 'revision');
    expect(rows[0]).toEqual({ kind: 'group', label: 'service-0:1', detail: null });
    expect(rows[1]).toEqual({ kind: 'subgroup', label: 'execution role', count: 1 });
    expect(rows[2]).toEqual({ kind: 'finding', index: 0 });
    expect(findingRows).toHaveLength(12);
    expect(findingRows.every((row) => rows[row]?.kind === 'finding')).toBe(true);
  });

  it('groups by role (execution, task, other) and by action', () => {
    const byRole = buildRows(findings, 'role').rows.filter((row) => row.kind === 'group');
    expect(byRole.map((row) => row.label)).toEqual(['execution role', 'task role', 'other principals']);
    const byAction = buildRows(findings, 'action').rows.filter((row) => row.kind === 'group');
    expect(byAction.map((row) => row.label)).toEqual([
      'ecr:BatchGetImage',
      'ssm:GetParameters',
      'logs:CreateLogStream',
      's3:GetObject',
      'iam:PassRole',
    ]);
  });

  it('filters by every word of the text, in any field, ignoring case', () => {
    expect(matchesFilter('execution-role image-pull ecr:batchgetimage', 'EXEC ecr')).toBe(true);
    expect(matchesFilter('execution-role image-pull', 'task')).toBe(false);
    const { rows, findingRows } = buildRows(findings, 'revision', 'ssm:getparameters');
    expect(findingRows.map((row) => rows[row])).toEqual([
      { kind: 'finding', index: 1 },
      { kind: 'finding', index: 6 },
      { kind: 'finding', index: 11 },
    ]);
    expect(buildRows(findings, 'revision', 'nothing-like-this').rows).toEqual([]);
  });
});

describe('navigate', () => {
  it('moves the cursor within the findings and scrolls the window to follow it', () => {
    const lines = Array.from({ length: 30 }, (_unused, index) => index * 3 + 2);
    let state = initialNavigation();
    state = navigate(state, { type: 'move', delta: 1, geometry: geometry(lines) });
    expect(state).toMatchObject({ cursor: 1, listScroll: 0 });
    state = navigate(state, { type: 'move', delta: 5, geometry: geometry(lines) });
    expect(state.cursor).toBe(6);
    expect(state.listScroll).toBe((lines[6] ?? 0) - 9);
    state = navigate(state, { type: 'move', delta: -100, geometry: geometry(lines) });
    expect(state).toMatchObject({ cursor: 0, listScroll: 0 });
    state = navigate(state, { type: 'move-to', position: 'last', geometry: geometry(lines, 90) });
    expect(state).toMatchObject({ cursor: 29, listScroll: 80 });
  });

  it('follow moves the window as little as possible', () => {
    expect(follow(0, 5, 10, 100)).toBe(0);
    expect(follow(0, 10, 10, 100)).toBe(1);
    expect(follow(50, 40, 10, 100)).toBe(40);
    expect(follow(0, 99, 10, 50)).toBe(40);
  });

  it('opens the finding under the cursor, then its fix; Esc goes back one level', () => {
    let state = navigate(initialNavigation({ cursor: 1 }), { type: 'open-detail', keys: ['a', 'b'] });
    expect(state).toMatchObject({ view: 'detail', openKey: 'b', evidenceCursor: 0 });
    state = navigate(state, { type: 'open-fix' });
    expect(state.view).toBe('fix');
    state = navigate(state, { type: 'cycle-format', delta: 1 });
    expect(state.fixFormat).toBe('terraform');
    state = navigate(state, { type: 'cycle-format', delta: -2 });
    expect(state.fixFormat).toBe('cli');
    state = navigate(state, { type: 'back' });
    expect(state.view).toBe('detail');
    state = navigate(state, { type: 'back' });
    expect(state).toMatchObject({ view: 'list', openKey: null });
    expect(navigate(initialNavigation(), { type: 'open-detail', keys: [] }).view).toBe('list');
  });

  it('edits the filter, resetting the cursor; Esc clears it', () => {
    let state = navigate(initialNavigation({ cursor: 4 }), { type: 'start-filter' });
    expect(state.editingFilter).toBe(true);
    for (const text of ['s', 's', 'x']) state = navigate(state, { type: 'filter-input', text });
    state = navigate(state, { type: 'filter-backspace' });
    expect(state).toMatchObject({ filter: 'ss', cursor: 0 });
    state = navigate(state, { type: 'filter-confirm' });
    expect(state).toMatchObject({ filter: 'ss', editingFilter: false });
    state = navigate(state, { type: 'back' });
    expect(state.filter).toBe('');
    state = navigate(navigate(state, { type: 'start-filter' }), { type: 'filter-input', text: 'x' });
    expect(navigate(state, { type: 'filter-cancel' })).toMatchObject({ filter: '', editingFilter: false });
  });

  it('cycles the grouping and toggles help, watch and unfolded evidence', () => {
    let state = initialNavigation();
    state = navigate(state, { type: 'cycle-grouping' });
    expect(state.grouping).toBe('role');
    state = navigate(navigate(state, { type: 'cycle-grouping' }), { type: 'cycle-grouping' });
    expect(state.grouping).toBe('revision');
    expect(navigate(state, { type: 'toggle-help' }).help).toBe(true);
    expect(navigate(navigate(state, { type: 'toggle-help' }), { type: 'back' }).help).toBe(false);
    expect(navigate(state, { type: 'toggle-watch' }).watch).toBe(true);
    const evidence = geometry([20, 25, 30], 60, 10);
    state = navigate({ ...state, view: 'detail' }, { type: 'evidence-move', delta: 1, geometry: evidence });
    expect(state).toMatchObject({ evidenceCursor: 1, detailScroll: 16 });
    state = navigate(state, { type: 'toggle-evidence', geometry: evidence });
    expect(state).toMatchObject({ expanded: [1], detailScroll: 24 });
    expect(navigate(state, { type: 'toggle-evidence', geometry: evidence }).expanded).toEqual([]);
  });
});

describe('intentOf', () => {
  const list = initialNavigation();
  it('maps the keys of each view', () => {
    expect(intentOf(list, 'j', {})).toBe('down');
    expect(intentOf(list, '', { upArrow: true })).toBe('up');
    expect(intentOf(list, '', { return: true })).toBe('open');
    expect(intentOf(list, '', { tab: true })).toBe('next-tab');
    expect(intentOf(list, '/', {})).toBe('filter');
    expect(intentOf(list, 'w', {})).toBe('watch');
    expect(intentOf(list, 'q', {})).toBe('quit');
    expect(intentOf(list, 'c', { ctrl: true })).toBe('quit');
    const detail = { ...list, view: 'detail' as const };
    expect(intentOf(detail, '', { return: true })).toBe('expand');
    expect(intentOf(detail, 'e', {})).toBe('expand');
    expect(intentOf(detail, 'f', {})).toBe('fix');
    const fix = { ...list, view: 'fix' as const };
    expect(intentOf(fix, 'c', {})).toBe('copy');
    expect(intentOf(fix, 'w', {})).toBe('write');
    expect(intentOf(fix, '', { escape: true })).toBe('back');
  });

  it('sends typed text to the filter while it is edited, and only ? q Esc close the help', () => {
    const editing = { ...list, editingFilter: true };
    expect(intentOf(editing, 'q', {})).toEqual({ filterInput: 'q' });
    expect(intentOf(editing, '', { return: true })).toBe('filter-confirm');
    expect(intentOf(editing, '', { escape: true })).toBe('filter-cancel');
    expect(intentOf(editing, '', { backspace: true })).toBe('filter-backspace');
    const help = { ...list, help: true };
    expect(intentOf(help, 'j', {})).toBeNull();
    expect(intentOf(help, '?', {})).toBe('help');
  });
});

describe('the look-alikes and warnings view', () => {
  it('l opens it from the list, the cursor stays within the items, Esc and l go back', () => {
    const list = initialNavigation();
    expect(intentOf(list, 'l', {})).toBe('others');
    const others = navigate(list, { type: 'open-others' });
    expect(others.view).toBe('others');
    expect(navigate(others, { type: 'others-move', delta: 5, count: 3 }).othersCursor).toBe(2);
    expect(navigate(others, { type: 'others-move', delta: -1, count: 3 }).othersCursor).toBe(0);
    expect(intentOf(others, 'l', {})).toBe('back');
    expect(navigate(others, { type: 'back' }).view).toBe('list');
    expect(intentOf({ ...list, view: 'fix' }, 'l', {})).toBeNull();
  });
});

describe('trackOccurrences (watch mode)', () => {
  const [generated] = generateFindings(1);
  if (!generated) throw new Error('no finding');
  const finding = { ...generated, count: 1 };
  const key = findingKey(finding);
  const POLL = 10_000;

  it('a denial is stopped only after QUIET_POLLS polls without a new occurrence, until it occurs again', () => {
    let occurrences = trackOccurrences(null, [finding], 0, POLL);
    for (let poll = 1; poll < QUIET_POLLS; poll++) {
      occurrences = trackOccurrences(occurrences, [finding], poll * POLL, POLL);
      expect(occurrences.get(key)?.quietSince).toBeNull();
    }
    occurrences = trackOccurrences(occurrences, [finding], QUIET_POLLS * POLL, POLL);
    expect(occurrences.get(key)?.quietSince).toBe(QUIET_POLLS * POLL);
    occurrences = trackOccurrences(occurrences, [finding], (QUIET_POLLS + 1) * POLL, POLL);
    expect(occurrences.get(key)?.quietSince).toBe(QUIET_POLLS * POLL);
    const again = { ...finding, count: 2, lastSeen: '2030-01-01T00:00:00Z' };
    expect(trackOccurrences(occurrences, [again], 99 * POLL, POLL).get(key)?.quietSince).toBeNull();
  });

  it('a denial that first appears in a new file is occurring, not stopped, at the poll that finds it', () => {
    const [other] = generateFindings(2).slice(1);
    if (!other) throw new Error('no finding');
    let occurrences = trackOccurrences(null, [finding], 0, POLL);
    for (let poll = 1; poll <= QUIET_POLLS + 1; poll++) {
      occurrences = trackOccurrences(occurrences, [finding], poll * POLL, POLL);
    }
    const withNew = trackOccurrences(occurrences, [finding, other], (QUIET_POLLS + 2) * POLL, POLL);
    expect(withNew.get(findingKey(other))?.quietSince).toBeNull();
    expect(withNew.get(key)?.quietSince).not.toBeNull();
    const next = trackOccurrences(withNew, [finding, other], (QUIET_POLLS + 3) * POLL, POLL);
    expect(next.get(findingKey(other))?.quietSince).toBeNull();
  });

  it('a denial recurring every 5 minutes is not stopped after a few 10 s polls', () => {
    const recurring = {
      ...finding,
      count: 4,
      firstSeen: '2026-11-21T10:00:00Z',
      lastSeen: '2026-11-21T10:15:00Z',
    };
    expect(quietAfter(recurring, POLL)).toBe(1.5 * 5 * 60_000);
    let occurrences = trackOccurrences(null, [recurring], 0, POLL);
    occurrences = trackOccurrences(occurrences, [recurring], 6 * POLL, POLL);
    expect(occurrences.get(findingKey(recurring))?.quietSince).toBeNull();
    occurrences = trackOccurrences(occurrences, [recurring], 46 * POLL, POLL);
    expect(occurrences.get(findingKey(recurring))?.quietSince).toBe(46 * POLL);
  });
});
