import { Box, Text } from 'ink';
import { useTheme } from '../contexts/ThemeContext.js';
import type { OtherItem } from '../format/other-items.js';

interface Props {
  items: readonly OtherItem[];
  cursor: number;
  /** The selected item in full. */
  detail: readonly string[];
  height: number;
  width: number;
  /** Why the view is shown: opened with a key, or because nothing was denied. */
  heading: string;
}

/** Look-alikes and warnings: a short list on top, the selected one in full below. */
export function OthersView({ items, cursor, detail, height, width, heading }: Props) {
  const theme = useTheme();
  const listHeight = Math.max(1, Math.min(items.length, Math.floor((height - 2) / 2)));
  // The cursor on the list's last line once it passes it (min(…) ≤ cursor, so it stays in view).
  const first = Math.max(0, Math.min(cursor - listHeight + 1, items.length - listHeight));
  return (
    <Box flexDirection="column" height={height}>
      <Text bold color={theme.accent} wrap="truncate">
        {heading}
      </Text>
      {items.slice(first, first + listHeight).map((item, offset) => {
        const index = first + offset;
        const count = item.count > 1 ? ` x${item.count}` : '';
        // A file's name is at its path's end: keep the end of a long label.
        const label = item.label.length > 24 ? `…${item.label.slice(-23)}` : item.label.padEnd(24);
        const text = `${index === cursor ? '›' : ' '} ${item.kind.padEnd(10)} ${label} ${item.summary}`;
        return (
          <Text
            key={`${item.kind}-${index}`}
            wrap="truncate"
            inverse={index === cursor}
            color={index === cursor ? undefined : item.kind === 'warning' ? theme.warning : undefined}
          >
            {`${text.slice(0, Math.max(1, width - count.length))}${count}`}
          </Text>
        );
      })}
      <Text color={theme.muted}>{'─'.repeat(Math.max(1, width))}</Text>
      {detail.slice(0, Math.max(0, height - listHeight - 2)).map((line, offset) => (
        <Text
          // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity but their position
          key={offset}
          wrap="truncate"
          bold={offset === 0}
        >
          {line || ' '}
        </Text>
      ))}
    </Box>
  );
}
