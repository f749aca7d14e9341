import { Text } from 'ink';
import { memo } from 'react';
import type { Finding } from '../../src/domain/analysis.js';
import { useTheme } from '../contexts/ThemeContext.js';
import { padEnd, padStart, roleBadge, shortResource, truncateStart } from '../format/text.js';
import { relativeTime } from '../format/time.js';

export interface RowColumns {
  time: number;
  badge: number;
  step: number;
  action: number;
  resource: number;
  count: number;
}

/** Column widths for a terminal `width` wide: the action and the resource share what is left. */
export function rowColumns(width: number): RowColumns {
  const time = 8;
  const badge = width >= 100 ? 10 : 6;
  const step = 17;
  const count = 5;
  const rest = Math.max(10, width - 2 - time - badge - step - count);
  const action = Math.min(30, Math.max(8, rest - 16));
  return { time, badge, step, action, resource: Math.max(0, rest - action), count };
}

interface Props {
  finding: Finding;
  width: number;
  selected: boolean;
  anchor: number;
  /** Watch mode found no new occurrence since a poll. */
  quiet: boolean;
}

/** One finding on one line: time, role badge, step, action, short resource, count. */
function FindingRowComponent({ finding, width, selected, anchor, quiet }: Props) {
  const theme = useTheme();
  const columns = rowColumns(width);
  const badge = roleBadge(finding.role);
  const badgeText = columns.badge < 10 ? (badge === 'execution' ? 'exec' : badge) : badge;
  const resource = shortResource(finding.resource === '*' ? null : finding.resource);
  const count = `${quiet ? '✓ ' : ''}x${finding.count}`;
  return (
    <Text wrap="truncate" inverse={selected} dimColor={quiet && !selected}>
      <Text>{selected ? '› ' : '  '}</Text>
      <Text color={selected ? undefined : theme.muted}>
        {padEnd(relativeTime(finding.lastSeen, anchor), columns.time)}
      </Text>
      <Text color={selected ? undefined : theme.role[finding.role]} bold>
        {padEnd(badgeText, columns.badge)}
      </Text>
      <Text>{padEnd(finding.step, columns.step)}</Text>
      <Text bold>{padEnd(finding.action ?? '(action not named)', columns.action)}</Text>
      <Text color={selected ? undefined : theme.muted}>
        {padEnd(truncateStart(resource, columns.resource - 1), columns.resource)}
      </Text>
      <Text color={selected || quiet ? undefined : theme.warning}>{padStart(count, columns.count)}</Text>
    </Text>
  );
}

export const FindingRow = memo(FindingRowComponent);
