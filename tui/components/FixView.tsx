import { Box, Text } from 'ink';
import { useTheme } from '../contexts/ThemeContext.js';
import { FORMAT_LABELS } from '../format/snippets.js';
import { FIX_FORMATS, type FixFormat } from '../state/navigation.js';

interface Props {
  title: string;
  format: FixFormat;
  /** The snippet, already wrapped to the width. */
  lines: readonly string[];
  /** The verification result, at most two lines. */
  verification: readonly string[];
  verified: boolean | null;
  scroll: number;
  height: number;
}

/** Number of lines FixView uses around the snippet (title, tabs, "more", two of verification). */
export const FIX_CHROME_LINES = 5;

/** A finding's fix in one of four formats, with the verification result. */
export function FixView({ title, format, lines, verification, verified, scroll, height }: Props) {
  const theme = useTheme();
  const snippetHeight = Math.max(1, height - FIX_CHROME_LINES);
  const start = Math.max(0, Math.min(scroll, lines.length - snippetHeight));
  const more = lines.length - start - snippetHeight;
  return (
    <Box flexDirection="column" height={height}>
      <Text wrap="truncate" bold color={theme.accent}>
        {title}
      </Text>
      <Text wrap="truncate">
        {FIX_FORMATS.map((name) => (
          <Text key={name} inverse={name === format} bold={name === format}>
            {` ${FORMAT_LABELS[name]} `}
          </Text>
        ))}
        <Text color={theme.muted}>{'   tab: next format'}</Text>
      </Text>
      <Box flexDirection="column" height={snippetHeight}>
        {lines.slice(start, start + snippetHeight).map((line, offset) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: snippet lines have no identity but their position
          <Text key={start + offset} wrap="truncate">
            {line || ' '}
          </Text>
        ))}
      </Box>
      <Text wrap="truncate" color={theme.muted}>
        {more > 0 ? `↓ ${more} more lines (j/k, space)` : ' '}
      </Text>
      {verification.slice(0, 2).map((line) => (
        <Text
          key={line}
          wrap="truncate"
          color={verified === true ? theme.success : verified === false ? theme.danger : theme.warning}
        >
          {line}
        </Text>
      ))}
    </Box>
  );
}
