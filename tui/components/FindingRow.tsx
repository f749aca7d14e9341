import { Text } from 'ink';
import { memo } from 'react';
import type { Finding } from '../../src/domain/analysis.js';
import { stepLabel } from '../../src/report/step-label.js';
import { useTheme } from '../contexts/ThemeContext.js';
import { rowColumns } from '../format/columns.js';
import { padEnd, padStart, roleBadge, shortResource, truncateStart } from '../format/text.js';
import { relativeTime } from '../format/time.js';

export { type RowColumns, rowColumns } from '../format/columns.js';

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
      <Text>{padEnd(stepLabel(finding), columns.step)}</Text>
      <Text bold>{padEnd(finding.action ?? '(action not named)', columns.action)}</Text>
      <Text color={selected ? undefined : theme.muted}>
        {padEnd(truncateStart(resource, columns.resource - 1), columns.resource)}
      </Text>
      <Text color={selected || quiet ? undefined : theme.warning}>{padStart(count, columns.count)}</Text>
    </Text>
  );
}

export const FindingRow = memo(FindingRowComponent);
