import { Box, Text } from 'ink';
import { useTheme } from '../contexts/ThemeContext.js';
import { KEY_HELP } from '../state/keys.js';

interface Props {
  height: number;
}

/** Every key, one line each. */
export function HelpView({ height }: Props) {
  const theme = useTheme();
  return (
    <Box flexDirection="column" height={height}>
      <Text bold color={theme.accent}>
        Keys (? or Esc closes this)
      </Text>
      {KEY_HELP.map(({ keys, what }) => (
        <Text key={keys} wrap="truncate">
          <Text bold>{`  ${keys.padEnd(18)}`}</Text>
          <Text>{what}</Text>
        </Text>
      ))}
    </Box>
  );
}
