/**
 * Athena over the CloudTrail table: the scale-out engine for months of organisation-wide
 * CloudTrail. One query (queries/athena/denials.sql) pinned to the window's day partitions,
 * polled to completion, its rows rebuilt into CloudTrail records and read as any other.
 * Athena bills by data scanned, so the run reports it with the estimated cost.
 */
import {
  type AthenaClient,
  GetQueryExecutionCommand,
  type GetQueryExecutionCommandOutput,
  GetTableMetadataCommand,
  paginateGetQueryResults,
  type Row,
  StartQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import {
  type AwsProblem,
  AwsProblemError,
  type KeptCall,
  keepingProblems,
  type ProblemContext,
  QuerySourceError,
} from '../aws/errors.js';
import { pagesUntilProblem } from '../aws/pages.js';
import type { Evidence } from '../domain/evidence.js';
import type { Json } from '../domain/json-value.js';
import {
  type DenialQueryInput,
  MIN_BILLED_BYTES,
  QueryInputError,
  renderDenialQuery,
  USD_PER_TB,
  WholeTrailScanError,
} from './athena-query.js';
import { describeLayout, layoutOf, type TableLayout } from './athena-table.js';
import {
  cloudTrailEvidence,
  hasError,
  isPolicyChangeRecord,
  policyChangeEvidence,
} from './files/cloudtrail-record.js';
import { type PollOptions, pollUntil } from './poll.js';

export interface AthenaTarget {
  workgroup?: string | undefined;
  database?: string | undefined;
  /** s3://... for the results; absent: the workgroup's output location. */
  output?: string | undefined;
  /** The user asked for a query over a table whose time cannot be pinned (--athena-full-scan). */
  fullScan?: boolean | undefined;
}

export type AthenaProgress =
  | { type: 'athena-started'; queryId: string; days: number; layout: string; fullScan: boolean }
  | { type: 'athena-state'; queryId: string; state: string }
  | { type: 'athena-done'; queryId: string; rows: number; scannedBytes: number; estimatedCostUsd: number };

export interface AthenaOptions {
  context?: ProblemContext;
  poll?: PollOptions;
  onProgress?: (event: AthenaProgress) => void;
}

export interface AthenaResult {
  evidence: Evidence[];
  problems: AwsProblem[];
  queryId: string | null;
  /** The query's row limit was reached: older denials in the window may be missing. */
  truncated: boolean;
  scannedBytes: number;
  estimatedCostUsd: number;
}

const ROW_LIMIT = 10_000;

export function estimatedCostUsd(scannedBytes: number): number {
  return (Math.max(scannedBytes, MIN_BILLED_BYTES) / 1024 ** 4) * USD_PER_TB;
}

/** The denial query's column aliases, and where each lives in a CloudTrail record. */
const COLUMNS: Record<string, string[]> = {
  event_time: ['eventTime'],
  event_source: ['eventSource'],
  event_name: ['eventName'],
  aws_region: ['awsRegion'],
  error_code: ['errorCode'],
  error_message: ['errorMessage'],
  source_ip: ['sourceIPAddress'],
  user_agent: ['userAgent'],
  event_id: ['eventID'],
  recipient_account: ['recipientAccountId'],
  request_parameters: ['requestParameters'],
  identity_type: ['userIdentity', 'type'],
  identity_arn: ['userIdentity', 'arn'],
  identity_account: ['userIdentity', 'accountId'],
  invoked_by: ['userIdentity', 'invokedBy'],
  issuer_type: ['userIdentity', 'sessionContext', 'sessionIssuer', 'type'],
  issuer_arn: ['userIdentity', 'sessionContext', 'sessionIssuer', 'arn'],
};

function setPath(record: Json, path: string[], value: unknown): void {
  let node = record;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Json;
  }
  node[path[path.length - 1] ?? ''] = value;
}

/** The table keeps requestParameters as the JSON text CloudTrail wrote. */
function parsedJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** One result row as a CloudTrail record; NULL cells (`{}` without VarCharValue) stay absent. */
export function recordOfRow(columns: string[], row: Row): Json {
  const record: Json = {};
  columns.forEach((column, index) => {
    const value = row.Data?.[index]?.VarCharValue;
    if (value === undefined) return;
    if (column === 'resource_arns') {
      if (value) record.resources = value.split(',').map((arn) => ({ ARN: arn }));
      return;
    }
    const path = COLUMNS[column];
    if (path) setPath(record, path, column === 'request_parameters' ? parsedJson(value) : value);
  });
  return record;
}

function stopped(queryId: string, state: string, reason: string, layoutRead: boolean): AwsProblemError {
  const missingTable = /does not exist|not found|TABLE_NOT_FOUND|SCHEMA_NOT_FOUND/i.test(reason);
  const missingColumn = /COLUMN_NOT_FOUND/.test(reason);
  return new QuerySourceError({
    kind: 'other',
    origin: 'api:Athena.GetQueryExecution',
    message: `Athena query ${queryId} ${state}: ${reason || 'no reason given'}`,
    tryThis: missingTable
      ? 'Create the table first (`whydenied queries athena-ddl --bucket <trail bucket> ...`), or pass --athena-database / --athena-table as it is named.'
      : missingColumn && !layoutRead
        ? "whydenied could not read the table's partitions, so it assumed its own layout (`whydenied queries athena-ddl`); add athena:GetTableMetadata (see `whydenied permissions`) and the query will fit the table's partitions."
        : `Open query ${queryId} under "Recent queries" in the Athena console; check --athena-workgroup and its output location, and the table's DDL.`,
    permission: null,
    fatal: true,
  });
}

/** The Glue catalog Athena reads tables from unless told otherwise. */
const CATALOG = 'AwsDataCatalog';

/**
 * The table's partition keys and projection settings; null when they cannot be read (the
 * problem is kept): the query then assumes whydenied's own layout, which on another table
 * fails on its missing "day" column instead of reading the whole trail.
 */
async function tableLayout(
  client: AthenaClient,
  target: AthenaTarget,
  table: string,
  call: KeptCall,
): Promise<TableLayout | null> {
  const parts = table.split('.');
  const name = parts.length === 2 ? parts[1] : parts[0];
  const database = parts.length === 2 ? parts[0] : (target.database ?? 'default');
  if (!name || !database || parts.length > 2) return null;
  const output = await call('GetTableMetadata', () =>
    client.send(
      new GetTableMetadataCommand({
        CatalogName: CATALOG,
        DatabaseName: database,
        TableName: name,
        ...(target.workgroup ? { WorkGroup: target.workgroup } : {}),
      }),
    ),
  );
  return output?.TableMetadata ? layoutOf(output.TableMetadata) : null;
}

export async function readAthena(
  client: AthenaClient,
  target: AthenaTarget,
  input: DenialQueryInput,
  options: AthenaOptions = {},
): Promise<AthenaResult> {
  const result: AthenaResult = {
    evidence: [],
    problems: [],
    queryId: null,
    truncated: false,
    scannedBytes: 0,
    estimatedCostUsd: 0,
  };
  const call = keepingProblems('Athena', result.problems, options.context);

  const layout = await tableLayout(client, target, input.table, call);
  let rendered: ReturnType<typeof renderDenialQuery>;
  try {
    rendered = renderDenialQuery({ ...input, layout: layout ?? undefined, fullScan: target.fullScan });
  } catch (error) {
    if (error instanceof WholeTrailScanError) {
      throw new QuerySourceError({
        kind: 'other',
        origin: 'api:Athena.GetTableMetadata',
        message: `${error.message}; no query was started.`,
        tryThis:
          'Create a table partitioned by day (`whydenied queries athena-ddl --bucket <trail bucket> ...`) and pass it as --athena-table, or pass --athena-full-scan to read the whole trail at $5 a TB.',
        permission: null,
        fatal: true,
      });
    }
    if (!(error instanceof QueryInputError)) throw error;
    throw new AwsProblemError({
      kind: 'other',
      origin: 'api:Athena.StartQueryExecution',
      message: error.message,
      tryThis: 'Pass the value in the form shown; whydenied sends only checked values to Athena.',
      permission: null,
      fatal: true,
    });
  }
  if (target.output && !/^s3:\/\/[^/]+/.test(target.output)) {
    throw new AwsProblemError({
      kind: 'other',
      origin: 'api:Athena.StartQueryExecution',
      message: `--athena-output ${target.output}: expected an S3 URI such as s3://my-athena-results/whydenied/`,
      tryThis: 'Pass an s3:// location, or leave it out to use the workgroup output location.',
      permission: null,
      fatal: true,
    });
  }
  const started = await call('StartQueryExecution', () =>
    client.send(
      new StartQueryExecutionCommand({
        QueryString: rendered.queryString,
        ExecutionParameters: rendered.executionParameters,
        ...(target.workgroup ? { WorkGroup: target.workgroup } : {}),
        ...(target.database ? { QueryExecutionContext: { Database: target.database } } : {}),
        ...(target.output ? { ResultConfiguration: { OutputLocation: target.output } } : {}),
      }),
    ),
  );
  const queryId = started?.QueryExecutionId;
  if (!queryId) return result;
  result.queryId = queryId;
  options.onProgress?.({
    type: 'athena-started',
    queryId,
    days: rendered.days.length,
    layout: layout ? describeLayout(layout) : "assumed whydenied's own layout",
    fullScan: rendered.fullScan,
  });

  let lastState = '';
  const finished = await pollUntil<GetQueryExecutionCommandOutput | 'denied'>(async () => {
    const output = await call('GetQueryExecution', () =>
      client.send(new GetQueryExecutionCommand({ QueryExecutionId: queryId })),
    );
    if (!output) return 'denied';
    const state = output.QueryExecution?.Status?.State ?? 'UNKNOWN';
    if (state !== lastState) options.onProgress?.({ type: 'athena-state', queryId, state });
    lastState = state;
    return state === 'QUEUED' || state === 'RUNNING' ? null : output;
  }, options.poll);
  if (!finished.done) {
    throw new QuerySourceError({
      kind: 'other',
      origin: 'api:Athena.GetQueryExecution',
      message: `Athena query ${queryId} was still ${lastState || 'running'} after ${Math.round(finished.waitedMs / 1000)} s.`,
      tryThis: `Look at query ${queryId} in the Athena console, or narrow --since (the query reads ${rendered.days.length} day(s) of partitions).`,
      permission: null,
      fatal: true,
    });
  }
  if (finished.value === 'denied') return result;
  const execution = finished.value.QueryExecution;
  const state = execution?.Status?.State ?? 'UNKNOWN';
  if (state !== 'SUCCEEDED')
    throw stopped(queryId, state, execution?.Status?.StateChangeReason ?? '', layout !== null);
  result.scannedBytes = execution?.Statistics?.DataScannedInBytes ?? 0;
  result.estimatedCostUsd = estimatedCostUsd(result.scannedBytes);

  let rows = 0;
  let columns: string[] = [];
  let first = true;
  const pages = paginateGetQueryResults({ client, pageSize: 1000 }, { QueryExecutionId: queryId });
  const kept = (problem: AwsProblem) => result.problems.push(problem);
  for await (const page of pagesUntilProblem(
    { service: 'Athena', operation: 'GetQueryResults' },
    pages,
    options.context,
    kept,
  )) {
    if (first) {
      columns = (page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []).map((column) => column.Name ?? '');
    }
    const pageRows = page.ResultSet?.Rows ?? [];
    pageRows.forEach((row, index) => {
      // A SELECT's first page starts with the column names as a row.
      if (first && index === 0 && row.Data?.every((cell, i) => cell.VarCharValue === columns[i])) return;
      const record = recordOfRow(columns, row);
      const origin = { source: 'api:Athena.GetQueryResults', pointer: `${queryId}/rows[${rows}]` };
      rows += 1;
      if (typeof record.eventSource === 'string' && hasError(record))
        result.evidence.push(cloudTrailEvidence(record, origin));
      else if (isPolicyChangeRecord(record)) result.evidence.push(policyChangeEvidence(record, origin));
    });
    first = false;
  }
  result.truncated = rows >= ROW_LIMIT;
  options.onProgress?.({
    type: 'athena-done',
    queryId,
    rows,
    scannedBytes: result.scannedBytes,
    estimatedCostUsd: result.estimatedCostUsd,
  });
  return result;
}
