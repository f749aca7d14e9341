/**
 * The Athena texts whydenied sends or prints, rendered from queries/athena/. Athena cannot
 * bind identifiers, and Hive DDL takes no parameters at all, so everything a user types is
 * checked against the shape AWS allows for it before it reaches a query; the denial query's
 * values go through ExecutionParameters on top of that.
 */
// One function at a time: the date-fns barrel costs a tenth of a second at start-up.
import { addMinutes } from 'date-fns/addMinutes';
import { eachDayOfInterval } from 'date-fns/eachDayOfInterval';
import {
  DELIVERY_DELAY_MINUTES,
  filterColumns,
  PROJECT_LAYOUT,
  partitionPredicate,
  type TableLayout,
} from './athena-table.js';
import type { TimeWindow } from './cloudtrail-lookup.js';
import { POLICY_WRITES } from './files/cloudtrail-record.js';
// Not from cloudtrail-lookup.js: that loads the CloudTrail client, 50 ms of every offline run's start.
import { IAM_LOOKBACK_MS } from './iam-lookback.js';
import { fill, loadQuery } from './query-text.js';

/** Athena's price: $5 per TB scanned. */
export const USD_PER_TB = 5;
/** Athena bills at least 10 MB a query. */
export const MIN_BILLED_BYTES = 10 * 1024 * 1024;

export class QueryInputError extends Error {}

const SHAPES = {
  identifier: /^[A-Za-z_][A-Za-z0-9_]{0,127}$/,
  bucket: /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
  org: /^o-[a-z0-9]{10,32}$/,
  account: /^\d{12}$/,
  region: /^[a-z]{2}(?:-gov|-iso[a-z]*)?-[a-z]+-\d$/,
  roleArn: /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/,
  eventSource: /^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.amazonaws\.com$/,
  eventName: /^[A-Z][A-Za-z0-9]{1,127}$/,
  day: /^\d{4}\/\d\d\/\d\d$/,
  isoTime: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
} as const;

type Shape = keyof typeof SHAPES;

const EXAMPLES: Record<Shape, string> = {
  identifier: 'letters, digits and _ (e.g. cloudtrail_logs)',
  bucket: 'an S3 bucket name (e.g. my-trail-bucket)',
  org: 'an organization id (e.g. o-abc123defg)',
  account: 'a 12-digit account id',
  region: 'a region (e.g. eu-west-1)',
  roleArn: 'a role ARN (e.g. arn:aws:iam::123456789012:role/orders-task)',
  eventSource: 'an event source (e.g. ecr.amazonaws.com)',
  eventName: 'an event name (e.g. PutRolePolicy)',
  day: 'a day as yyyy/MM/dd',
  isoTime: 'an ISO time in seconds, UTC',
};

export function checked(shape: Shape, value: string, what: string): string {
  if (!SHAPES[shape].test(value))
    throw new QueryInputError(`${what} "${value}": expected ${EXAMPLES[shape]}`);
  return value;
}

/** A SQL string literal of a value already checked against its shape (none of which admits a quote). */
function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** The regions partition projection enumerates when none are named: the commercial regions. */
export const DEFAULT_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'af-south-1',
  'ap-east-1',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-south-1',
  'eu-south-2',
  'eu-north-1',
  'il-central-1',
  'me-south-1',
  'me-central-1',
  'sa-east-1',
];

export interface DdlInput {
  bucket: string;
  /** Organization trail: AWSLogs/<org-id>/<account>/...; absent: AWSLogs/<account>/... */
  org?: string | undefined;
  accounts?: string[] | undefined;
  database?: string | undefined;
  table?: string | undefined;
  regions?: string[] | undefined;
  /** The first day partition projection knows; default 2020/01/01 as in the Athena guide. */
  startDay?: string | undefined;
}

export function renderDdl(input: DdlInput): string {
  const accounts = (input.accounts ?? []).map((account) => checked('account', account, '--account'));
  const common = {
    bucket: checked('bucket', input.bucket, '--bucket'),
    database: checked('identifier', input.database ?? 'default', '--database'),
    table: checked('identifier', input.table ?? 'cloudtrail_logs', '--table'),
    regions: (input.regions?.length ? input.regions : DEFAULT_REGIONS)
      .map((region) => checked('region', region, '--region'))
      .join(','),
    startDay: checked('day', input.startDay ?? '2020/01/01', '--start-day'),
  };
  if (input.org) {
    return `${fill(loadQuery('athena/cloudtrail-table-org.sql'), {
      ...common,
      org: checked('org', input.org, '--org'),
      // Without a list of accounts, `injected` takes them from each query's WHERE clause.
      accountProjection: accounts.length ? 'enum' : 'injected',
      accountValues: accounts.length ? `    'projection.account.values' = '${accounts.join(',')}',` : '',
    }).replace(/\n\n/g, '\n')};\n`;
  }
  if (!accounts.length) {
    throw new QueryInputError(
      'athena-ddl needs --org <o-id> for an organization trail, or --account <id> for an account trail',
    );
  }
  return `${fill(loadQuery('athena/cloudtrail-table-account.sql'), { ...common, accounts: accounts.join(',') })};\n`;
}

/**
 * The `yyyy/MM/dd` day partitions (UTC) that can hold the window's events. CloudTrail files
 * sit in the folder of their delivery, which trails the events by minutes: an event at 23:58
 * may sit in the next day's folder.
 */
export function windowDays(window: TimeWindow): string[] {
  const utcDay = (date: Date) => date.toISOString().slice(0, 10).replaceAll('-', '/');
  const end = addMinutes(window.end, DELIVERY_DELAY_MINUTES);
  const days = eachDayOfInterval({
    start: new Date(`${window.start.toISOString().slice(0, 10)}T00:00:00Z`),
    end: new Date(`${end.toISOString().slice(0, 10)}T00:00:00Z`),
  }).map(utcDay);
  return [...new Set(days)];
}

export interface DenialQueryInput {
  /** `table` or `database.table`. */
  table: string;
  window: TimeWindow;
  accounts?: string[] | undefined;
  regions?: string[] | undefined;
  roleArns?: string[] | undefined;
  eventSources?: string[] | undefined;
  /** The table's partitions as GetTableMetadata said them; absent: the table athena-ddl creates. */
  layout?: TableLayout | undefined;
  /** Run even when the table's time cannot be pinned: the query reads the whole trail. */
  fullScan?: boolean | undefined;
  /**
   * Also select the successful policy writes from this time (before the window) to its end;
   * the partitions pinned then start on its day. Absent: denials of the window only.
   */
  writesSince?: Date | undefined;
}

/** The table has no partition the window can pin, and the user did not ask for a whole-trail scan. */
export class WholeTrailScanError extends QueryInputError {}

export interface RenderedQuery {
  queryString: string;
  /** StartQueryExecution's ExecutionParameters, in the order of the `?` they bind. */
  executionParameters: string[];
  days: string[];
  /** No partition predicate: the query reads every object of the table (--athena-full-scan). */
  fullScan: boolean;
}

function tableName(table: string): string {
  const parts = table.split('.');
  if (parts.length > 2)
    throw new QueryInputError(`--athena-table "${table}": expected table or database.table`);
  return parts.map((part) => `"${checked('identifier', part, '--athena-table')}"`).join('.');
}

const isoSeconds = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Where the denial query's policy writes start. By default the first day partition the window
 * reads anyway (a write hours before the window costs nothing more to select); with the
 * lookback, a week before the window, as LookupEvents looks, which widens the partitions the
 * query reads to that week's days.
 */
export function writesSince(window: TimeWindow, lookback: boolean): Date {
  if (lookback) return new Date(window.start.getTime() - IAM_LOOKBACK_MS);
  return new Date(`${window.start.toISOString().slice(0, 10)}T00:00:00Z`);
}

/** IAM and Organizations write their events in us-east-1 whatever region the caller named. */
const GLOBAL_EVENTS_REGION = 'us-east-1';

export function renderDenialQuery(input: DenialQueryInput): RenderedQuery {
  const layout = input.layout ?? PROJECT_LAYOUT;
  const writesSince =
    input.writesSince && input.writesSince < input.window.start ? input.writesSince : undefined;
  const scanned = { start: writesSince ?? input.window.start, end: input.window.end };
  const partitions = partitionPredicate(layout, scanned);
  if (partitions === null && !input.fullScan) {
    throw new WholeTrailScanError(
      `--athena-table ${input.table}: ${layout.time.kind === 'none' ? layout.time.why : 'no partition says time'}, so a query would read every CloudTrail file the table holds, not only the window's`,
    );
  }
  const days = partitions === null ? [] : windowDays(scanned).map((day) => checked('day', day, 'window day'));
  const regions = (input.regions ?? []).map((value) => checked('region', value, 'region'));
  const writes = input.writesSince !== undefined;
  const lists: Record<string, string[]> = {
    since: [checked('isoTime', isoSeconds(scanned.start), 'writes start')],
    start: [checked('isoTime', isoSeconds(input.window.start), 'window start')],
    end: [checked('isoTime', isoSeconds(input.window.end), 'window end')],
    accounts: (input.accounts ?? []).map((value) => checked('account', value, 'account')),
    regions,
    scanRegions: writes && regions.length ? [...new Set([...regions, GLOBAL_EVENTS_REGION])] : [],
    writeSources: writes
      ? POLICY_WRITES.sources.map((value) => checked('eventSource', value, 'write event source'))
      : [],
    writeEvents: writes ? POLICY_WRITES.names.map((value) => checked('eventName', value, 'write event')) : [],
    roleArns: (input.roleArns ?? []).map((value) => checked('roleArn', value, 'role ARN')),
    eventSources: (input.eventSources ?? []).map((value) => checked('eventSource', value, 'event source')),
  };
  const kept = loadQuery('athena/denials.sql')
    .split('\n')
    .flatMap((line) => {
      const condition = /\s*-- if:(\w+)\s*$/.exec(line);
      if (!condition) return [line];
      const name = condition[1] ?? '';
      const kept = name === 'partitions' ? partitions !== null : Boolean(lists[name]?.length);
      return kept ? [line.slice(0, condition.index)] : [];
    })
    .join('\n');
  const executionParameters: string[] = [];
  const bound = kept.replace(/\{\{\?(\w+)\}\}/g, (_, name: string) => {
    const values = lists[name] ?? [];
    executionParameters.push(...values.map(literal));
    return values.map(() => '?').join(', ');
  });
  const columns = filterColumns(layout);
  const queryString = fill(bound, {
    table: tableName(input.table),
    partitions: partitions ?? '',
    account: columns.account,
    region: columns.region,
  });
  return { queryString, executionParameters, days, fullScan: partitions === null };
}
