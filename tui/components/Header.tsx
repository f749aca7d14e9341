import { Text } from 'ink';
import type { Analysis } from '../../src/domain/analysis.js';
import { visibleText } from '../../src/report/visible-text.js';
import { useTheme } from '../contexts/ThemeContext.js';
import { plural, truncate } from '../format/text.js';
import { clockTime, type TimeAnchor, utcMinute } from '../format/time.js';
import type { Grouping } from '../state/rows.js';
import { Spinner } from './Spinner.js';

interface Props {
  inputs: string[];
  analysis: Analysis | null;
  loading: boolean;
  filesRead: number;
  filesTotal: number | null;
  /** A live source's progress, shown instead of the file count. */
  progress?: string | null;
  grouping: Grouping;
  anchor: TimeAnchor;
  watchSeconds: number | null;
  loadedAt: number | null;
  width: number;
}

/** Scope, loading progress per source, what was found; then grouping, time base and watch. */
export function Header(props: Props) {
  const theme = useTheme();
  const { analysis } = props;
  // The inputs are file names: a name may hold what a terminal obeys.
  const scope = truncate(visibleText(props.inputs.join(' ')), Math.max(10, Math.floor(props.width / 3)));
  const files = props.progress ?? `files ${props.filesRead}/${props.filesTotal ?? '?'}`;
  const counts = analysis
    ? [
        plural(analysis.findings.length, 'finding'),
        plural(analysis.notPermission.length, 'look-alike'),
        plural(analysis.warnings.length, 'warning'),
      ].join(' · ')
    : 'no findings yet';
  // The evidence's time window, short enough for 80 columns; "ago" counts from now, or from
  // the newest evidence when it is old.
  const times =
    analysis?.timeline.map((event) => Date.parse(event.time)).filter((time) => !Number.isNaN(time)) ?? [];
  const short = (ms: number) => utcMinute(ms).slice(5, -1);
  const window = times.length > 0 ? `${short(Math.min(...times))}–${short(Math.max(...times))}Z · ` : '';
  const time = props.anchor.live ? `${window}ago from now` : `${window}ago from ${short(props.anchor.at)}Z`;
  const watch = props.watchSeconds
    ? `watch: every ${props.watchSeconds}s${props.loadedAt ? `, polled ${clockTime(props.loadedAt)}` : ''}`
    : 'watch off';
  return (
    <>
      <Text wrap="truncate">
        <Text bold color={theme.accent}>
          whydenied
        </Text>
        <Text>{`  ${scope}  `}</Text>
        {props.loading ? <Spinner color={theme.accent} /> : <Text color={theme.success}>✓</Text>}
        <Text>{` ${files}  `}</Text>
        <Text bold color={analysis?.findings.length ? theme.danger : undefined}>
          {counts}
        </Text>
      </Text>
      <Text wrap="truncate" color={theme.muted}>
        {`by ${props.grouping} (tab) · ${watch} · ${time}`}
      </Text>
    </>
  );
}
