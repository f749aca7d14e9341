/**
 * The list as rows: findings grouped (by task definition revision then role, by role then
 * revision, or by action), narrowed by the text filter. Pure, and linear in the number of
 * findings: it runs when the analysis, the grouping or the filter changes, never per keypress.
 */
import type { Finding } from '../../src/domain/analysis.js';
import { roleHeading } from '../format/text.js';

export type Grouping = 'revision' | 'role' | 'action';

export const GROUPINGS: readonly Grouping[] = ['revision', 'role', 'action'];

export type ListRow =
  | { kind: 'group'; label: string; detail: string | null }
  | { kind: 'subgroup'; label: string; count: number }
  /** `index`: the finding's position in `analysis.findings` (its number in the report is index + 1). */
  | { kind: 'finding'; index: number };

export interface ListRows {
  rows: ListRow[];
  /** The row of each selectable finding, in list order: the cursor is an index into this. */
  findingRows: number[];
}

const ROLE_ORDER: Finding['role'][] = ['execution-role', 'task-role', 'other'];
const NO_REVISION = 'no task definition revision';

/** Everything a filter matches against, lower case, computed once per analysis. */
export function searchText(finding: Finding): string {
  return [
    finding.role,
    finding.step,
    finding.ecsDuty?.name,
    finding.action,
    finding.resource,
    finding.roleArn,
    finding.principalArn,
    finding.taskDefinition,
    finding.taskId,
    finding.service,
    finding.policyType,
  ]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
}

/** Every word of the filter must occur (in any field): `exec ssm` finds the execution role's SSM denials. */
export function matchesFilter(haystack: string, filter: string): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  return words.every((word) => haystack.includes(word));
}

function revisionLabel(finding: Finding): string {
  return finding.taskDefinition ?? NO_REVISION;
}

function revisionDetail(finding: Finding): string | null {
  const change = finding.revisionChange;
  if (!change) return null;
  return `since ${change.previous}${change.changes[0] ? `: ${change.changes[0]}` : ''}`;
}

/** Groups in order of first appearance (findings come ordered by firstSeen). */
function groupBy<K>(indices: number[], keyOf: (index: number) => K): Map<K, number[]> {
  const groups = new Map<K, number[]>();
  for (const index of indices) {
    const key = keyOf(index);
    const members = groups.get(key);
    if (members) members.push(index);
    else groups.set(key, [index]);
  }
  return groups;
}

export function buildRows(
  findings: readonly Finding[],
  grouping: Grouping,
  filter = '',
  haystacks?: readonly string[],
): ListRows {
  const visible: number[] = [];
  findings.forEach((finding, index) => {
    if (!filter || matchesFilter(haystacks?.[index] ?? searchText(finding), filter)) visible.push(index);
  });
  const rows: ListRow[] = [];
  const findingRows: number[] = [];
  const pushFindings = (indices: number[]) => {
    for (const index of indices) {
      findingRows.push(rows.length);
      rows.push({ kind: 'finding', index });
    }
  };
  const at = (index: number) => findings[index] as Finding;

  if (grouping === 'action') {
    for (const [action, indices] of groupBy(visible, (index) => at(index).action ?? 'action not named')) {
      rows.push({ kind: 'group', label: action, detail: `${indices.length}` });
      pushFindings(indices);
    }
    return { rows, findingRows };
  }
  if (grouping === 'revision') {
    for (const [label, indices] of groupBy(visible, (index) => revisionLabel(at(index)))) {
      const detail = indices.map((index) => revisionDetail(at(index))).find(Boolean) ?? null;
      rows.push({ kind: 'group', label, detail });
      const byRole = groupBy(indices, (index) => at(index).role);
      for (const role of ROLE_ORDER) {
        const members = byRole.get(role);
        if (!members) continue;
        rows.push({ kind: 'subgroup', label: roleHeading(role), count: members.length });
        pushFindings(members);
      }
    }
    return { rows, findingRows };
  }
  const byRole = groupBy(visible, (index) => at(index).role);
  for (const role of ROLE_ORDER) {
    const members = byRole.get(role);
    if (!members) continue;
    rows.push({ kind: 'group', label: roleHeading(role), detail: `${members.length}` });
    for (const [label, indices] of groupBy(members, (index) => revisionLabel(at(index)))) {
      rows.push({ kind: 'subgroup', label, count: indices.length });
      pushFindings(indices);
    }
  }
  return { rows, findingRows };
}

/** A key that names the same denial across reloads (its firstSeen may move as more evidence loads). */
export function findingKey(finding: Finding): string {
  return [
    finding.role,
    finding.step,
    finding.action,
    finding.resource,
    finding.roleArn,
    finding.principalArn,
    finding.taskDefinition,
  ].join('|');
}
