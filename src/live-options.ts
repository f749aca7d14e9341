/**
 * What the command line says of live mode, readable without loading the AWS SDK (which costs
 * most of a second at start-up): whether live sources are asked for, and the window.
 */
// One function at a time: the date-fns barrel costs a tenth of a second at start-up.
import { parseISO } from 'date-fns/parseISO';
import { sub } from 'date-fns/sub';

const SINCE = /^(\d+)\s*(m|min|h|d|w)$/i;

/** `--since 2h` → the window's start; an ISO time is taken as is. Null when unreadable. */
export function parseSince(since: string, now: Date = new Date()): Date | null {
  const match = SINCE.exec(since.trim());
  if (match) {
    const amount = Number(match[1]);
    const unit = (match[2] ?? '').toLowerCase();
    const duration =
      unit === 'd'
        ? { days: amount }
        : unit === 'w'
          ? { weeks: amount }
          : unit === 'h'
            ? { hours: amount }
            : { minutes: amount };
    return amount > 0 ? sub(now, duration) : null;
  }
  const time = parseISO(since.trim());
  return Number.isNaN(time.getTime()) || time >= now ? null : time;
}

/** Whether any option asks for the live sources. */
export function isLive(options: {
  cluster?: string | undefined;
  service?: string | undefined;
  tasks?: string[] | undefined;
  roleArns?: string[] | undefined;
  logsGroup?: string | undefined;
  athenaTable?: string | undefined;
  ecsEventsLogGroup?: string | undefined;
}): boolean {
  return Boolean(
    options.cluster ||
      options.service ||
      options.tasks?.length ||
      options.roleArns?.length ||
      options.athenaTable ||
      options.logsGroup ||
      options.ecsEventsLogGroup,
  );
}

/**
 * An AWS region's name, in every partition: `eu-west-1`, `us-gov-west-1`, `cn-north-1`,
 * `us-isob-east-1`. Anything else would only fail later as an unreachable host name.
 */
export function isRegionName(text: string): boolean {
  return /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/.test(text);
}
