/**
 * The CloudTrail tables users already have, read from their partition keys and projection
 * settings (Athena GetTableMetadata): the Athena guide's projected table partitions on
 * `timestamp` ('yyyy/MM/dd'), the older manual one on `region, year, month, day`, whydenied's
 * own on `account, region, day`, and the CloudTrail console's has no partitions at all. Each
 * layout gets the partition predicate that pins the query to the window's days; a table whose
 * time cannot be pinned gets none, and the caller refuses to scan the whole trail with it.
 */
import { addMinutes } from 'date-fns/addMinutes';
import type { TimeWindow } from './cloudtrail-lookup.js';

export interface PartitionKey {
  name: string;
  type: string;
}

/** How the table's partitions say time. */
export type TimePartitions =
  /** One column of dates in a sortable format (`timestamp` 'yyyy/MM/dd', whydenied's `day`). */
  | { kind: 'date'; column: string; format: string }
  /** The manual layout's `year`, `month`, `day` columns. */
  | { kind: 'year-month-day'; year: PartitionKey; month: PartitionKey; day: PartitionKey }
  /** None, or none whydenied can read: a query on it reads every object of the trail. */
  | { kind: 'none'; why: string };

export interface TableLayout {
  partitionKeys: PartitionKey[];
  time: TimePartitions;
  /** The partition holding the account id, when there is one; else the query filters on recipientaccountid. */
  accountPartition: string | null;
  /** The partition holding the region, when there is one; else the query filters on awsregion. */
  regionPartition: string | null;
}

/** What GetTableMetadata answers, as far as the layout needs it. */
export interface TableMetadataShape {
  PartitionKeys?: { Name?: string | undefined; Type?: string | undefined }[] | undefined;
  Parameters?: Record<string, string> | undefined;
}

/** The table `whydenied queries athena-ddl` creates (queries/athena/cloudtrail-table-*.sql). */
export const PROJECT_LAYOUT: TableLayout = {
  partitionKeys: [
    { name: 'account', type: 'string' },
    { name: 'region', type: 'string' },
    { name: 'day', type: 'string' },
  ],
  time: { kind: 'date', column: 'day', format: 'yyyy/MM/dd' },
  accountPartition: 'account',
  regionPartition: 'region',
};

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/**
 * The date tokens whydenied formats, in the order a sortable value has them: with only these,
 * left to right, and separators between, string order is time order and a range predicate is exact.
 */
const TOKENS = ['yyyy', 'MM', 'dd', 'HH'] as const;

function sortableFormat(format: string): boolean {
  const parts = format.split(/(yyyy|MM|dd|HH)/).filter(Boolean);
  const tokens = parts.filter((part) => (TOKENS as readonly string[]).includes(part));
  const separators = parts.filter((part) => !(TOKENS as readonly string[]).includes(part));
  // A letter outside the four tokens is a pattern whydenied does not format (e.g. 'MMM', 'yy').
  if (separators.some((part) => /[A-Za-z']/.test(part))) return false;
  return tokens.length > 0 && tokens.every((token, index) => token === TOKENS[index]);
}

export function formatDate(date: Date, format: string): string {
  const iso = date.toISOString();
  const values: Record<string, string> = {
    yyyy: iso.slice(0, 4),
    MM: iso.slice(5, 7),
    dd: iso.slice(8, 10),
    HH: iso.slice(11, 13),
  };
  return format.replace(/yyyy|MM|dd|HH/g, (token) => values[token] ?? token);
}

const enabled = (value: string | undefined) => value?.trim().toLowerCase() === 'true';

/** Partition keys whose names are dates of CloudTrail's folders when nothing says their format. */
const DATE_NAMES = new Set(['timestamp', 'day', 'date', 'dt']);

export function layoutOf(metadata: TableMetadataShape): TableLayout {
  const parameters = metadata.Parameters ?? {};
  const keys = (metadata.PartitionKeys ?? [])
    .map((key) => ({ name: (key.Name ?? '').toLowerCase(), type: (key.Type ?? 'string').toLowerCase() }))
    .filter((key) => IDENTIFIER.test(key.name));
  const named = (name: string) => keys.find((key) => key.name === name);
  const projected = enabled(parameters['projection.enabled']);
  const layout = (time: TimePartitions): TableLayout => ({
    partitionKeys: keys,
    time,
    accountPartition: named('account')?.name ?? null,
    regionPartition: named('region')?.name ?? null,
  });
  if (keys.length === 0) return layout({ kind: 'none', why: 'the table has no partitions' });

  // A projected date column says its own format.
  const projectedDate = projected
    ? keys.find((key) => parameters[`projection.${key.name}.type`]?.trim().toLowerCase() === 'date')
    : undefined;
  if (projectedDate) {
    const format = parameters[`projection.${projectedDate.name}.format`]?.trim() ?? '';
    return sortableFormat(format)
      ? layout({ kind: 'date', column: projectedDate.name, format })
      : layout({
          kind: 'none',
          why: `its date partition "${projectedDate.name}" has the format '${format}', which whydenied cannot pin`,
        });
  }
  const [year, month, day] = [named('year'), named('month'), named('day')];
  if (year && month && day) return layout({ kind: 'year-month-day', year, month, day });
  // Managed by hand (ALTER TABLE ADD PARTITION) from CloudTrail's yyyy/MM/dd folders.
  const dateKey = keys.find((key) => DATE_NAMES.has(key.name) && key.type === 'string');
  if (dateKey) return layout({ kind: 'date', column: dateKey.name, format: 'yyyy/MM/dd' });
  return layout({
    kind: 'none',
    why: `none of its partitions (${keys.map((key) => key.name).join(', ')}) is a date`,
  });
}

/** CloudTrail files sit in the folder of their delivery, minutes after the events. */
export const DELIVERY_DELAY_MINUTES = 15;

const quoted = (name: string) => `"${name}"`;
const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;
const INTEGER = /^(tinyint|smallint|int|integer|bigint)$/;

/** A folder's number as the partition's type wants it: '07' for a string, 7 for an int. */
function folderValue(key: PartitionKey, digits: string): string {
  return INTEGER.test(key.type) ? String(Number(digits)) : literal(digits);
}

/** The UTC days from the window's start to its end plus the delivery delay. */
function daysOf(window: TimeWindow): Date[] {
  const days: Date[] = [];
  const end = addMinutes(window.end, DELIVERY_DELAY_MINUTES).getTime();
  const day = new Date(`${window.start.toISOString().slice(0, 10)}T00:00:00Z`);
  while (day.getTime() <= end) {
    days.push(new Date(day));
    day.setUTCDate(day.getUTCDate() + 1);
  }
  return days;
}

/**
 * The SQL that keeps the query inside the window's partitions, from values whydenied computes
 * (never user text) and partition names checked as identifiers; null when the layout has no
 * time to pin.
 */
export function partitionPredicate(layout: TableLayout, window: TimeWindow): string | null {
  const time = layout.time;
  if (time.kind === 'date') {
    const first = formatDate(window.start, time.format);
    const last = formatDate(addMinutes(window.end, DELIVERY_DELAY_MINUTES), time.format);
    return `${quoted(time.column)} >= ${literal(first)} AND ${quoted(time.column)} <= ${literal(last)}`;
  }
  if (time.kind === 'year-month-day') {
    const days = daysOf(window).map((day) => {
      const [y = '', m = '', d = ''] = day.toISOString().slice(0, 10).split('-');
      return `(${quoted(time.year.name)} = ${folderValue(time.year, y)} AND ${quoted(time.month.name)} = ${folderValue(time.month, m)} AND ${quoted(time.day.name)} = ${folderValue(time.day, d)})`;
    });
    return days.length === 1 ? (days[0] ?? null) : `(${days.join(' OR ')})`;
  }
  return null;
}

/** Where the account and region filters go: the partitions when the table has them, else the record's fields. */
export function filterColumns(layout: TableLayout): { account: string; region: string } {
  return {
    account: layout.accountPartition ? quoted(layout.accountPartition) : 'recipientaccountid',
    region: layout.regionPartition ? quoted(layout.regionPartition) : 'awsregion',
  };
}

/** The layout in a few words, for the progress line and the messages. */
export function describeLayout(layout: TableLayout): string {
  const time = layout.time;
  if (time.kind === 'date') return `partitioned by ${time.column} ('${time.format}')`;
  if (time.kind === 'year-month-day')
    return `partitioned by ${layout.partitionKeys.map((key) => key.name).join(', ')}`;
  return time.why;
}
