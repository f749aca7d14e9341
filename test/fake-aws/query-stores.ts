/**
 * CloudWatch Logs and Athena as the fake answers them: log events searched by
 * FilterLogEvents and Logs Insights, and CloudTrail records served by an Athena "table".
 * The fake runs no SQL or Insights language: it applies the filters whydenied's query texts
 * express (denied calls, the window, the bound accounts and roles) and answers in the
 * shapes the real APIs return (SOURCES.md): Insights rows of {field, value}, Athena rows of
 * {VarCharValue} with the column names as the first row of the first page, NULL as `{}`.
 */
import { randomUUID } from 'node:crypto';
import { renderDdl } from '../../src/sources/athena-query.js';
import { type FakeTable, missingColumn, scannedRecords, tableOfDdl } from './athena-tables.js';
import type { Json, StoreAnswer } from './stores.js';

export interface LogEvent {
  logGroupName: string;
  logStreamName: string;
  /** Epoch milliseconds. */
  timestamp: number;
  message: string;
}

export interface QueryStoreOptions {
  /** Status polls a query stays Running (Insights) or QUEUED/RUNNING (Athena) before it ends. */
  pollsBeforeDone?: number;
  /** Events a FilterLogEvents page holds (AWS: up to 10,000 or 1 MB). */
  logsPageSize?: number;
  /** Rows a GetQueryResults page holds at most (AWS: 1000). */
  athenaPageSize?: number;
  /** Every Athena query ends FAILED with this StateChangeReason. */
  athenaFailure?: string;
  /**
   * The Glue catalog's CloudTrail tables (athena-tables.ts); absent: any table asked for is
   * whydenied's own (`queries athena-ddl`), as before tables were read.
   */
  athenaTables?: FakeTable[];
}

/** whydenied's own table, under whatever name a test asks for. */
const PROJECT_TABLE_DDL = renderDdl({ bucket: 'my-trail-bucket', accounts: ['111122223333'] });

const ok = (body: Json): StoreAnswer => ({ status: 200, body });
const fail = (type: string, message: string): StoreAnswer => ({
  status: 400,
  body: { __type: type, message },
});
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const token = (n: number) => Buffer.from(`page-${n}`).toString('base64');
const fromToken = (value: unknown) =>
  Number(/^page-(\d+)$/.exec(Buffer.from(str(value) ?? '', 'base64').toString())?.[1] ?? '0');

const DENIAL_CODES = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'Client.UnauthorizedOperation',
  'UnauthorizedAccess',
  'AuthorizationError',
  'Forbidden',
]);

function isDenial(record: Json): boolean {
  return (
    DENIAL_CODES.has(str(record.errorCode) ?? '') ||
    /not authorized to perform/.test(str(record.errorMessage) ?? '')
  );
}

function parseJson(text: string): Json | null {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' ? (value as Json) : null;
  } catch {
    return null;
  }
}

/** Filter-pattern terms: `?a ?"b c"` matches any, `a "b c"` all; case-sensitive substrings. */
export function matchesFilterPattern(pattern: string, message: string): boolean {
  const terms = [...pattern.matchAll(/(\?)?(?:"([^"]*)"|(\S+))/g)].map((match) => ({
    any: match[1] === '?',
    text: match[2] ?? match[3] ?? '',
  }));
  if (terms.length === 0) return true;
  const optional = terms.filter((term) => term.any);
  const required = terms.filter((term) => !term.any);
  return (
    required.every((term) => message.includes(term.text)) &&
    (optional.length === 0 || optional.some((term) => message.includes(term.text)))
  );
}

/** Insights prints @timestamp as `2024-05-19 06:10:35.743`. */
const insightsTime = (millis: number) => new Date(millis).toISOString().replace('T', ' ').replace('Z', '');

interface InsightsQuery {
  group: string[];
  start: number;
  end: number;
  polls: number;
  queryString: string;
}

/**
 * What an Insights query text selects, as the fake reads it: the policy writes query
 * (`not ispresent(errorCode)` and the event sources and names it lists), else denials.
 */
function insightsSelects(queryString: string): (record: Json) => boolean {
  if (!/not ispresent\(errorCode\)/.test(queryString)) return isDenial;
  const listed = (field: string) =>
    new Set(
      [
        ...(new RegExp(`${field} in \\[([^\\]]*)\\]`).exec(queryString)?.[1] ?? '').matchAll(/"([^"]+)"/g),
      ].map((match) => match[1] ?? ''),
    );
  const [sources, names] = [listed('eventSource'), listed('eventName')];
  return (record) =>
    record.errorCode === undefined &&
    sources.has(str(record.eventSource) ?? '') &&
    names.has(str(record.eventName) ?? '');
}

interface AthenaQuery {
  id: string;
  request: Json;
  polls: number;
  submitted: number;
}

/** The denial query's aliases, as the fake's table computes them from a record. */
const ATHENA_COLUMNS: Record<string, (record: Json) => string | null> = {
  event_time: (r) => str(r.eventTime),
  event_source: (r) => str(r.eventSource),
  event_name: (r) => str(r.eventName),
  aws_region: (r) => str(r.awsRegion),
  error_code: (r) => str(r.errorCode),
  error_message: (r) => str(r.errorMessage),
  source_ip: (r) => str(r.sourceIPAddress),
  user_agent: (r) => str(r.userAgent),
  event_id: (r) => str(r.eventID),
  recipient_account: (r) => str(r.recipientAccountId),
  request_parameters: (r) =>
    r.requestParameters === undefined || r.requestParameters === null
      ? null
      : JSON.stringify(r.requestParameters),
  identity_type: (r) => str(identity(r).type),
  identity_arn: (r) => str(identity(r).arn),
  identity_account: (r) => str(identity(r).accountId),
  invoked_by: (r) => str(identity(r).invokedBy),
  issuer_type: (r) => str(issuer(r).type),
  issuer_arn: (r) => str(issuer(r).arn),
  resource_arns: (r) =>
    Array.isArray(r.resources)
      ? (r.resources as Json[]).map((resource) => str(resource.ARN) ?? str(resource.arn) ?? '').join(',')
      : null,
};

function identity(record: Json): Json {
  return (record.userIdentity ?? {}) as Json;
}

function issuer(record: Json): Json {
  return (((identity(record).sessionContext ?? {}) as Json).sessionIssuer ?? {}) as Json;
}

export class QueryStores {
  private readonly insights = new Map<string, InsightsQuery>();
  private readonly athena = new Map<string, AthenaQuery>();

  constructor(
    private readonly logEvents: LogEvent[],
    private readonly records: Json[],
    private readonly options: QueryStoreOptions = {},
  ) {}

  answerLogs(operation: string, request: Json): StoreAnswer | null {
    switch (operation) {
      case 'FilterLogEvents':
        return this.filterLogEvents(request);
      case 'StartQuery': {
        const groups = Array.isArray(request.logGroupNames)
          ? (request.logGroupNames as string[])
          : [str(request.logGroupName) ?? ''];
        if (
          typeof request.startTime !== 'number' ||
          typeof request.endTime !== 'number' ||
          !request.queryString
        ) {
          return fail('InvalidParameterException', 'startTime, endTime and queryString are required');
        }
        const queryId = randomUUID();
        this.insights.set(queryId, {
          group: groups,
          start: request.startTime * 1000,
          end: request.endTime * 1000,
          polls: this.options.pollsBeforeDone ?? 2,
          queryString: String(request.queryString),
        });
        return ok({ queryId });
      }
      case 'GetQueryResults': {
        const query = this.insights.get(str(request.queryId) ?? '');
        if (!query) return fail('ResourceNotFoundException', 'Query not found');
        if (query.polls > 0) {
          query.polls -= 1;
          return ok({
            results: [],
            statistics: { recordsMatched: 0, recordsScanned: 0, bytesScanned: 0 },
            status: 'Running',
          });
        }
        const scanned = this.logEvents.filter(
          (event) =>
            query.group.includes(event.logGroupName) &&
            event.timestamp >= query.start &&
            event.timestamp <= query.end,
        );
        const selects = insightsSelects(query.queryString);
        const matched = scanned
          .filter((event) => {
            const record = parseJson(event.message);
            return record !== null && selects(record);
          })
          .sort((a, b) => a.timestamp - b.timestamp);
        return ok({
          results: matched.map((event) => [
            { field: '@timestamp', value: insightsTime(event.timestamp) },
            { field: '@message', value: event.message },
            { field: '@logStream', value: event.logStreamName },
            {
              field: '@ptr',
              value: Buffer.from(`${event.logStreamName}/${event.timestamp}`).toString('base64'),
            },
          ]),
          statistics: {
            recordsMatched: matched.length,
            recordsScanned: scanned.length,
            bytesScanned: scanned.reduce((sum, event) => sum + Buffer.byteLength(event.message), 0),
          },
          status: 'Complete',
        });
      }
      default:
        return null;
    }
  }

  private filterLogEvents(request: Json): StoreAnswer {
    const group = str(request.logGroupName) ?? '';
    const prefix = str(request.logStreamNamePrefix) ?? '';
    const start = typeof request.startTime === 'number' ? request.startTime : Number.NEGATIVE_INFINITY;
    const end = typeof request.endTime === 'number' ? request.endTime : Number.POSITIVE_INFINITY;
    const pattern = str(request.filterPattern) ?? '';
    const matching = this.logEvents
      .filter(
        (event) =>
          event.logGroupName === group &&
          event.logStreamName.startsWith(prefix) &&
          event.timestamp >= start &&
          event.timestamp <= end &&
          matchesFilterPattern(pattern, event.message),
      )
      .sort((a, b) => a.timestamp - b.timestamp);
    const size = Math.min(Number(request.limit ?? 10_000), this.options.logsPageSize ?? 10_000);
    const at = fromToken(request.nextToken);
    const events = matching.slice(at, at + size).map((event, index) => ({
      logStreamName: event.logStreamName,
      timestamp: event.timestamp,
      message: event.message,
      ingestionTime: event.timestamp + 995,
      eventId: String(at + index).padStart(56, '0'),
    }));
    const next = at + size < matching.length ? token(at + size) : null;
    return ok({ events, searchedLogStreams: [], ...(next ? { nextToken: next } : {}) });
  }

  /** The table `name` (`table`, `db.table`, `"db"."table"`) in `database`; null: no such table. */
  table(name: string, database: string): FakeTable | null {
    const parts = name.replaceAll('"', '').toLowerCase().split('.');
    const key = parts.length === 2 ? parts.join('.') : `${database.toLowerCase()}.${parts[0]}`;
    if (!this.options.athenaTables) {
      const [db = 'default', table = ''] = key.split('.');
      return tableOfDdl(PROJECT_TABLE_DDL.replace('default.cloudtrail_logs', `${db}.${table}`));
    }
    return this.options.athenaTables.find((table) => table.key === key) ?? null;
  }

  private queriedTable(query: AthenaQuery): FakeTable | null {
    const from = /\bFROM\s+("?\w+"?(?:\."?\w+"?)?)/i.exec(str(query.request.QueryString) ?? '')?.[1] ?? '';
    const database = str((query.request.QueryExecutionContext as Json | undefined)?.Database) ?? 'default';
    return this.table(from, database);
  }

  /** Why Athena would fail the query on its table, or null. */
  private failure(query: AthenaQuery): string | null {
    if (this.options.athenaFailure) return this.options.athenaFailure;
    const table = this.queriedTable(query);
    if (!table) {
      const database = str((query.request.QueryExecutionContext as Json | undefined)?.Database) ?? 'default';
      return `TABLE_NOT_FOUND: line 21:6: Table 'awsdatacatalog.${database}' does not exist`;
    }
    return missingColumn(table, str(query.request.QueryString) ?? '');
  }

  answerAthena(operation: string, request: Json): StoreAnswer | null {
    switch (operation) {
      case 'GetTableMetadata': {
        const table = this.table(str(request.TableName) ?? '', str(request.DatabaseName) ?? '');
        if (!table) {
          return fail(
            'MetadataException',
            `Table ${str(request.TableName)} not found in database ${str(request.DatabaseName)}`,
          );
        }
        return ok({ TableMetadata: table.metadata });
      }
      case 'StartQueryExecution': {
        if (!str(request.QueryString)) return fail('InvalidRequestException', 'QueryString is required');
        const id = randomUUID();
        this.athena.set(id, {
          id,
          request,
          polls: this.options.pollsBeforeDone ?? 2,
          submitted: Date.now() / 1000,
        });
        return ok({ QueryExecutionId: id });
      }
      case 'GetQueryExecution': {
        const query = this.athena.get(str(request.QueryExecutionId) ?? '');
        if (!query) return fail('InvalidRequestException', 'QUERY_NOT_FOUND: Query not found');
        const failure = query.polls > 0 ? null : this.failure(query);
        const state =
          query.polls > 1 ? 'QUEUED' : query.polls > 0 ? 'RUNNING' : failure ? 'FAILED' : 'SUCCEEDED';
        if (query.polls > 0) query.polls -= 1;
        const done = state === 'SUCCEEDED' || state === 'FAILED';
        const scanned = done && state === 'SUCCEEDED' ? this.scannedBytes(query) : 0;
        return ok({
          QueryExecution: {
            QueryExecutionId: query.id,
            Query: query.request.QueryString,
            StatementType: 'DML',
            ResultConfiguration: {
              OutputLocation: `${str((query.request.ResultConfiguration as Json | undefined)?.OutputLocation) ?? 's3://aws-athena-query-results-111122223333-eu-west-1/'}${query.id}.csv`,
            },
            QueryExecutionContext: {
              Catalog: 'awsdatacatalog',
              ...((query.request.QueryExecutionContext as Json | undefined) ?? {}),
            },
            Status: {
              State: state,
              SubmissionDateTime: query.submitted,
              ...(done ? { CompletionDateTime: query.submitted + 1.2 } : {}),
              ...(state === 'FAILED' ? { StateChangeReason: failure } : {}),
            },
            Statistics: {
              EngineExecutionTimeInMillis: done ? 1180 : 0,
              DataScannedInBytes: scanned,
              TotalExecutionTimeInMillis: done ? 1420 : 0,
              QueryQueueTimeInMillis: 120,
            },
            WorkGroup: str(query.request.WorkGroup) ?? 'primary',
            EngineVersion: {
              SelectedEngineVersion: 'AUTO',
              EffectiveEngineVersion: 'Athena engine version 3',
            },
            ...(query.request.ExecutionParameters
              ? { ExecutionParameters: query.request.ExecutionParameters }
              : {}),
          },
        });
      }
      case 'GetQueryResults':
        return this.athenaResults(request);
      default:
        return null;
    }
  }

  /** The records the denial query selects: denied, in the bound window, of the bound accounts and roles. */
  private selected(query: AthenaQuery): Json[] {
    const table = this.queriedTable(query);
    const scanned = table ? scannedRecords(table, str(query.request.QueryString) ?? '', this.records) : [];
    const params = (
      Array.isArray(query.request.ExecutionParameters) ? query.request.ExecutionParameters : []
    ).map((value) => String(value).replace(/^'|'$/g, ''));
    const times = params.filter((value) => /^\d{4}-\d\d-\d\dT/.test(value));
    const accounts = params.filter((value) => /^\d{12}$/.test(value));
    const roles = params.filter((value) => value.startsWith('arn:') && value.includes(':role/'));
    // Bound in the query's order: the writes' start, the end, then the window's start.
    const [since = '', end = '\uffff', start = since] = times;
    // The policy writes the query names (event names are the only capitalised words bound).
    const writes = new Set(params.filter((value) => /^[A-Z][A-Za-z0-9]+$/.test(value)));
    return scanned
      .filter((record) => {
        const time = str(record.eventTime) ?? '';
        const denial =
          isDenial(record) &&
          time >= start &&
          (!roles.length || roles.includes(str(issuer(record).arn) ?? ''));
        const write =
          record.errorCode === undefined && writes.has(str(record.eventName) ?? '') && time >= since;
        return (
          (denial || write) &&
          time <= end &&
          (!accounts.length ||
            accounts.includes(str(record.recipientAccountId) ?? str(identity(record).accountId) ?? ''))
        );
      })
      .sort((a, b) => (str(a.eventTime) ?? '').localeCompare(str(b.eventTime) ?? ''));
  }

  /** What a scan of the partitions the query keeps reads: every record in them, not only the denials. */
  private scannedBytes(query: AthenaQuery): number {
    const table = this.queriedTable(query);
    if (!table) return 0;
    return scannedRecords(table, str(query.request.QueryString) ?? '', this.records).reduce(
      (sum, record) => sum + Buffer.byteLength(JSON.stringify(record)),
      0,
    );
  }

  /**
   * Each query started, with the bytes it read and whether it read the whole trail: a day
   * years before any window is still in what its partitions keep.
   */
  athenaScans(): {
    id: string;
    table: string | null;
    failed: boolean;
    scannedBytes: number;
    wholeTrail: boolean;
  }[] {
    const probe = { eventTime: '2001-01-01T00:00:00Z' };
    return [...this.athena.values()].map((query) => {
      const table = this.queriedTable(query);
      const sql = str(query.request.QueryString) ?? '';
      // A query Athena refuses (no such column, no such table) reads nothing.
      const failed = this.failure(query) !== null;
      return {
        id: query.id,
        table: table?.key ?? null,
        failed,
        scannedBytes: failed ? 0 : this.scannedBytes(query),
        wholeTrail: !failed && table !== null && scannedRecords(table, sql, [probe]).length === 1,
      };
    });
  }

  private athenaResults(request: Json): StoreAnswer {
    const query = this.athena.get(str(request.QueryExecutionId) ?? '');
    if (!query) return fail('InvalidRequestException', 'QUERY_NOT_FOUND: Query not found');
    if (query.polls > 0 || this.failure(query)) {
      return fail(
        'InvalidRequestException',
        `Query has not yet finished. Current state: ${query.polls > 0 ? 'RUNNING' : 'FAILED'}`,
      );
    }
    const select = /SELECT([\s\S]*?)\bFROM\b/i.exec(str(query.request.QueryString) ?? '')?.[1] ?? '';
    const columns = [...select.matchAll(/\bAS\s+(\w+)/gi)].map((match) => match[1] ?? '');
    const header = { Data: columns.map((name) => ({ VarCharValue: name })) };
    const rows = this.selected(query).map((record) => ({
      Data: columns.map((name) => {
        const value = ATHENA_COLUMNS[name]?.(record) ?? null;
        return value === null ? {} : { VarCharValue: value };
      }),
    }));
    // The header row counts against the first page's size, as Athena's does.
    const all = [header, ...rows];
    const size = Math.min(Number(request.MaxResults ?? 1000), this.options.athenaPageSize ?? 1000);
    const at = fromToken(request.NextToken);
    const next = at + size < all.length ? token(at + size) : null;
    return ok({
      UpdateCount: 0,
      ResultSet: {
        Rows: all.slice(at, at + size),
        ResultSetMetadata: {
          ColumnInfo: columns.map((name) => ({
            CatalogName: 'hive',
            SchemaName: '',
            TableName: '',
            Name: name,
            Label: name,
            Type: 'varchar',
            Precision: 2147483647,
            Scale: 0,
            Nullable: 'UNKNOWN',
            CaseSensitive: true,
          })),
        },
      },
      ...(next ? { NextToken: next } : {}),
    });
  }
}
