import { Box, Text } from 'ink';
import { useTheme } from '../contexts/ThemeContext.js';
import type { DetailLine, Tone } from '../format/detail-lines.js';

interface Props {
  lines: readonly DetailLine[];
  scroll: number;
  height: number;
  /** The selected evidence item. */
  evidenceCursor: number;
}

/** One finding in full: a window onto its detail lines, the selected evidence item marked. */
export function DetailView({ lines, scroll, height, evidenceCursor }: Props) {
  const theme = useTheme();
  const colour: Record<Tone, string | undefined> = {
    title: theme.accent,
    heading: undefined,
    text: undefined,
    dim: theme.muted,
    code: undefined,
    warning: theme.warning,
    success: theme.success,
  };
  const start = Math.max(0, Math.min(scroll, lines.length - height));
  return (
    <Box flexDirection="column" height={height}>
      {lines.slice(start, start + height).map((line, offset) => {
        const selected = line.evidence !== undefined && line.evidence === evidenceCursor;
        const text = selected ? `›${line.text.slice(1)}` : line.text;
        return (
          <Text
            // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity but their position
            key={start + offset}
            wrap="truncate"
            color={colour[line.tone]}
            bold={line.tone === 'title' || line.tone === 'heading'}
            dimColor={line.tone === 'dim'}
            inverse={selected}
          >
            {text || ' '}
          </Text>
        );
      })}
    </Box>
  );
}
