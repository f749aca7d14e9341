import { Box, Text } from 'ink';
import type { Finding } from '../../src/domain/analysis.js';
import { useTheme } from '../contexts/ThemeContext.js';
import type { ListRow } from '../state/rows.js';
import type { Occurrences } from '../state/watch.js';
import { FindingRow } from './FindingRow.js';

interface Props {
  findings: readonly Finding[];
  rows: readonly ListRow[];
  /** findingKey of each finding, to look up watch occurrences. */
  keys: readonly string[];
  /** Row index of the selected finding, or -1. */
  selectedRow: number;
  scroll: number;
  height: number;
  width: number;
  anchor: number;
  occurrences: Occurrences | null;
  emptyText: string;
}

/** The grouped list. Only the rows in the window render, so 10,000 findings scroll like 10. */
export function FindingList(props: Props) {
  const theme = useTheme();
  const { rows, scroll, height, width } = props;
  if (rows.length === 0)
    return (
      <Box height={height}>
        <Text color={theme.muted}>{props.emptyText}</Text>
      </Box>
    );
  const visible = rows.slice(scroll, scroll + height);
  return (
    <Box flexDirection="column" height={height}>
      {visible.map((row, offset) => {
        const at = scroll + offset;
        if (row.kind === 'group')
          return (
            <Text key={`g${at}`} wrap="truncate">
              <Text bold color={theme.accent}>
                {row.label}
              </Text>
              {row.detail ? <Text color={theme.muted}>{`  ${row.detail}`}</Text> : null}
            </Text>
          );
        if (row.kind === 'subgroup')
          return (
            <Text key={`s${at}`} wrap="truncate" bold>
              {`  ${row.label.toUpperCase()} (${row.count})`}
            </Text>
          );
        const finding = props.findings[row.index] as Finding;
        const quiet = Boolean(props.occurrences?.get(props.keys[row.index] ?? '')?.quietSince);
        return (
          <FindingRow
            key={`f${row.index}`}
            finding={finding}
            width={width}
            selected={at === props.selectedRow}
            anchor={props.anchor}
            quiet={quiet}
          />
        );
      })}
    </Box>
  );
}
