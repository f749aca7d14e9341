/**
 * CloudWatch Logs, two ways. (a) A log group that receives CloudTrail (`--logs-group`): a
 * Logs Insights query (queries/cloudwatch-logs/cloudtrail-denials.insights) over the window,
 * then one for the policy writes from before it (cloudtrail-policy-writes.insights), each
 * row's @message a CloudTrail record. (b) The containers' own logs, in the groups the
 * task definitions name for the awslogs driver: FilterLogEvents for the words SDKs print
 * when AWS says no, each line read as pasted log text would be.
 */
import {
  type CloudWatchLogsClient,
  GetQueryResultsCommand,
  type GetQueryResultsCommandOutput,
  paginateFilterLogEvents,
  StartQueryCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { type AwsProblem, keepingProblems, type ProblemContext, QuerySourceError } from '../aws/errors.js';
import { pagesUntilProblem } from '../aws/pages.js';
import type { Evidence } from '../domain/evidence.js';
import type { TimeWindow } from './cloudtrail-lookup.js';
import {
  cloudTrailEvidence,
  hasError,
  isPolicyChangeRecord,
  parseCloudTrailRecord,
  policyChangeEvidence,
} from './files/cloudtrail-record.js';
import { logStreamEvidence } from './files/text-input.js';
import { type PollOptions, pollUntil } from './poll.js';
import { loadQuery } from './query-text.js';

export type LogsProgress =
  | { type: 'insights-started'; queryId: string; group: string }
  | { type: 'insights-done'; queryId: string; rows: number; bytesScanned: number }
  | { type: 'container-logs'; group: string; pages: number; events: number };

export interface LogsOptions {
  context?: ProblemContext;
  poll?: PollOptions;
  /** FilterLogEvents pages read per log group at most. */
  maxPages?: number;
  onProgress?: (event: LogsProgress) => void;
  /**
   * Also query the successful policy writes from this time (before the window) to its end
   * (queries/cloudwatch-logs/cloudtrail-policy-writes.insights); absent: the denials only.
   */
  writesSince?: Date;
}

export interface LogsResult {
  evidence: Evidence[];
  problems: AwsProblem[];
  /** Said to the user: a limit reached, a group in another region. */
  notes: string[];
}

/** Insights returns at most 10,000 rows a query (the query text's `limit`). */
const INSIGHTS_ROW_LIMIT = 10_000;
const INSIGHTS_FINISHED = new Set(['Complete', 'Failed', 'Cancelled', 'Timeout', 'Unknown']);

export async function readCloudTrailLogGroup(
  client: CloudWatchLogsClient,
  group: string,
  window: TimeWindow,
  options: LogsOptions = {},
): Promise<LogsResult> {
  const result: LogsResult = { evidence: [], problems: [], notes: [] };
  await insightsQuery(client, group, window, 'cloudwatch-logs/cloudtrail-denials.insights', result, options);
  if (options.writesSince && result.problems.length === 0) {
    const writes = { start: options.writesSince, end: window.end };
    try {
      await insightsQuery(
        client,
        group,
        writes,
        'cloudwatch-logs/cloudtrail-policy-writes.insights',
        result,
        options,
      );
    } catch (error) {
      // The writes are the causes, not the denials: their query failing keeps the denials read.
      if (!(error instanceof QuerySourceError)) throw error;
      result.problems.push({ ...error.problem, fatal: false });
    }
  }
  return result;
}

/** One Insights query over the span; its rows' CloudTrail records read into `result`. */
async function insightsQuery(
  client: CloudWatchLogsClient,
  group: string,
  window: TimeWindow,
  queryFile: string,
  result: LogsResult,
  options: LogsOptions,
): Promise<void> {
  const call = keepingProblems('CloudWatchLogs', result.problems, options.context);
  const started = await call('StartQuery', () =>
    client.send(
      new StartQueryCommand({
        logGroupNames: [group],
        // Epoch seconds, inclusive at both ends (StartQuery's API reference), unlike FilterLogEvents' milliseconds.
        startTime: Math.floor(window.start.getTime() / 1000),
        endTime: Math.ceil(window.end.getTime() / 1000),
        queryString: loadQuery(queryFile),
      }),
    ),
  );
  const queryId = started?.queryId;
  if (!queryId) return;
  options.onProgress?.({ type: 'insights-started', queryId, group });
  let status = '';
  const finished = await pollUntil<GetQueryResultsCommandOutput | 'denied'>(async () => {
    const output = await call('GetQueryResults', () => client.send(new GetQueryResultsCommand({ queryId })));
    if (!output) return 'denied';
    status = output.status ?? 'Unknown';
    return INSIGHTS_FINISHED.has(status) ? output : null;
  }, options.poll);
  if (!finished.done || (finished.value !== 'denied' && finished.value.status !== 'Complete')) {
    throw new QuerySourceError({
      kind: 'other',
      origin: 'api:CloudWatchLogs.GetQueryResults',
      message: finished.done
        ? `Logs Insights query ${queryId} on ${group} ended ${status}.`
        : `Logs Insights query ${queryId} on ${group} was still ${status || 'running'} after ${Math.round(finished.waitedMs / 1000)} s.`,
      tryThis: `Look at query ${queryId} in the CloudWatch console (Logs Insights, History), or narrow --since.`,
      permission: null,
      fatal: true,
    });
  }
  if (finished.value === 'denied') return;
  const rows = finished.value.results ?? [];
  rows.forEach((fields, index) => {
    const message = fields.find((field) => field.field === '@message')?.value;
    const record = parseCloudTrailRecord(message);
    if (!record) return;
    const origin = { source: 'api:Logs.GetQueryResults', pointer: `${queryId}/results[${index}]` };
    if (hasError(record)) result.evidence.push(cloudTrailEvidence(record, origin));
    else if (isPolicyChangeRecord(record)) result.evidence.push(policyChangeEvidence(record, origin));
  });
  if (rows.length >= INSIGHTS_ROW_LIMIT) {
    result.notes.push(
      `Logs Insights on ${group}: ${rows.length} rows, the query's limit; narrow --since to see them all`,
    );
  }
  options.onProgress?.({
    type: 'insights-done',
    queryId,
    rows: rows.length,
    bytesScanned: finished.value.statistics?.bytesScanned ?? 0,
  });
}

export interface ContainerLogGroup {
  group: string;
  /** `awslogs-stream-prefix`: streams are named `<prefix>/<container>/<task id>`. */
  streamPrefix: string | null;
  region: string | null;
}

/** The awslogs groups of the task definitions ECS described, once each. */
export function containerLogGroups(evidence: Evidence[]): ContainerLogGroup[] {
  const groups = new Map<string, ContainerLogGroup>();
  for (const item of evidence) {
    if (item.kind !== 'task-definition') continue;
    for (const container of item.containers) {
      const group = container.logOptions['awslogs-group'];
      if (container.logDriver !== 'awslogs' || !group) continue;
      const streamPrefix = container.logOptions['awslogs-stream-prefix'] ?? null;
      const region = container.logOptions['awslogs-region'] ?? null;
      const key = `${region}\n${group}`;
      const known = groups.get(key);
      // Containers of one group with different prefixes: read the whole group.
      if (known && known.streamPrefix !== streamPrefix) known.streamPrefix = null;
      if (!known) groups.set(key, { group, streamPrefix, region });
    }
  }
  return [...groups.values()];
}

/**
 * What SDKs and CLIs print when AWS denies a call: `AccessDenied` (and
 * `AccessDeniedException`), IAM's "... is not authorized to perform", S3's "Access Denied",
 * EC2's UnauthorizedOperation. Filter-pattern terms are case-sensitive substrings; `?` ORs them.
 */
export const DENIAL_FILTER_PATTERN =
  '?AccessDenied ?"not authorized" ?"Access Denied" ?UnauthorizedOperation';

export async function readContainerLogs(
  client: CloudWatchLogsClient,
  groups: ContainerLogGroup[],
  window: TimeWindow,
  options: LogsOptions = {},
): Promise<LogsResult> {
  const result: LogsResult = { evidence: [], problems: [], notes: [] };
  const maxPages = options.maxPages ?? 20;
  const here = options.context?.region ?? null;
  for (const { group, streamPrefix, region } of groups) {
    if (region && here && region !== here) {
      result.notes.push(
        `container logs ${group} are in ${region}, not ${here}: run again with --region ${region}`,
      );
      continue;
    }
    let pages = 0;
    let events = 0;
    const search = paginateFilterLogEvents(
      { client },
      {
        logGroupName: group,
        ...(streamPrefix ? { logStreamNamePrefix: `${streamPrefix}/` } : {}),
        startTime: window.start.getTime(),
        endTime: window.end.getTime(),
        filterPattern: DENIAL_FILTER_PATTERN,
      },
    );
    const kept = (problem: AwsProblem) => result.problems.push(problem);
    for await (const output of pagesUntilProblem(
      { service: 'CloudWatchLogs', operation: 'FilterLogEvents' },
      search,
      options.context,
      kept,
    )) {
      pages += 1;
      for (const event of output.events ?? []) {
        events += 1;
        result.evidence.push(
          ...eventEvidence(group, event.logStreamName ?? '', event.timestamp, event.message),
        );
      }
      // FilterLogEvents may return an empty page with a token: the search goes on, to the page budget.
      if (output.nextToken && pages >= maxPages) {
        result.notes.push(`container logs ${group}: stopped after ${pages} pages; narrow --since`);
        break;
      }
    }
    options.onProgress?.({ type: 'container-logs', group, pages, events });
  }
  return result;
}

function eventEvidence(
  group: string,
  stream: string,
  timestamp: number | undefined,
  message = '',
): Evidence[] {
  const time = timestamp === undefined ? null : new Date(timestamp).toISOString();
  const origin = { source: 'api:Logs.FilterLogEvents', pointer: `${group}/${stream}` };
  return logStreamEvidence(message, { stream, time, origin });
}
