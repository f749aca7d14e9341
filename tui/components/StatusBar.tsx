import { Text } from 'ink';
import { visibleText } from '../../src/report/visible-text.js';
import { useTheme } from '../contexts/ThemeContext.js';
import type { View } from '../state/navigation.js';

interface Props {
  view: View;
  filter: string;
  editingFilter: boolean;
  notice: string | null;
  position: string;
}

const HINTS: Record<View, string> = {
  list: '? help · q quit · ↑↓ move · Enter detail · f fix · l look-alikes · / filter · tab group · r refresh · w watch',
  detail: '? help · Esc back · ↑↓ evidence · e unfold · space page · f fix · q quit',
  fix: '? help · Esc back · tab format · c copy · w write file · ↑↓ scroll · q quit',
  others: '? help · Esc back · ↑↓ move · r refresh · q quit',
};

/** The bottom line: the filter being typed, a notice, or the keys of the view. */
export function StatusBar({ view, filter: typed, editingFilter, notice: said, position }: Props) {
  const theme = useTheme();
  // A pasted filter and a notice naming a file (an error's message) may hold control characters.
  const filter = visibleText(typed);
  const notice = said === null ? null : visibleText(said);
  if (editingFilter)
    return (
      <Text wrap="truncate">
        <Text bold color={theme.accent}>
          /
        </Text>
        <Text>{filter}</Text>
        <Text inverse> </Text>
        <Text color={theme.muted}>{'  Enter keep · Esc clear'}</Text>
      </Text>
    );
  return (
    <Text wrap="truncate">
      {position ? <Text bold>{`${position}  `}</Text> : null}
      {filter ? <Text color={theme.accent}>{`filter "${filter}" (Esc clears)  `}</Text> : null}
      {notice ? <Text color={theme.warning}>{notice}</Text> : <Text color={theme.muted}>{HINTS[view]}</Text>}
    </Text>
  );
}
