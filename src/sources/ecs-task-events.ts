/**
 * ECS forgets a stopped task about an hour after it stops; the task state change events an
 * EventBridge rule sends to a CloudWatch Logs group keep its stopped reason for as long as the
 * group keeps logs (the pattern the ECS guide documents: rule `{"source": ["aws.ecs"],
 * "detail-type": ["ECS Task State Change"]}`, target a log group). `--ecs-events-log-group`
 * reads the window's events there with FilterLogEvents (a read) and each one as the offline
 * reader reads an exported event: the task, its stopped reason, its containers' reasons.
 */
import { type CloudWatchLogsClient, paginateFilterLogEvents } from '@aws-sdk/client-cloudwatch-logs';
import type { AwsProblem, ProblemContext } from '../aws/errors.js';
import { pagesUntilProblem } from '../aws/pages.js';
import type { Evidence, InputWarning } from '../domain/evidence.js';
import { isObject } from '../domain/json-value.js';
import type { TimeWindow } from './cloudtrail-lookup.js';
import { Reader } from './files/detect-format.js';

/** Events of tasks that stopped or are stopping: the only ones carrying a stoppedReason. */
export const TASK_EVENTS_FILTER_PATTERN = '"ECS Task State Change" stoppedReason';

export interface EcsEventsScope {
  /** A cluster name or ARN: events of other clusters are left out. */
  cluster?: string | undefined;
  service?: string | undefined;
  /** Tasks ECS still described: their events would only repeat what describe-tasks said. */
  knownTasks?: ReadonlySet<string>;
}

export interface EcsEventsResult {
  evidence: Evidence[];
  warnings: InputWarning[];
  problems: AwsProblem[];
  notes: string[];
  /** Events read, and those kept after the scope. */
  read: number;
  kept: number;
}

const clusterName = (value: string) => value.slice(value.lastIndexOf('/') + 1);

/** Whether the event's task belongs to the cluster and service asked about, and is not already known. */
function inScope(detail: Record<string, unknown>, scope: EcsEventsScope): boolean {
  const cluster = typeof detail.clusterArn === 'string' ? detail.clusterArn : '';
  if (scope.cluster && clusterName(cluster) !== clusterName(scope.cluster)) return false;
  if (scope.service && detail.group !== `service:${scope.service}`) return false;
  if (typeof detail.taskArn === 'string' && scope.knownTasks?.has(detail.taskArn)) return false;
  return true;
}

/** One log event's message: the task state change it holds, or a warning naming the event. */
export function readTaskEventMessage(
  message: string,
  where: { group: string; eventId: string },
  scope: EcsEventsScope,
  result: Pick<EcsEventsResult, 'evidence' | 'warnings' | 'kept'>,
): void {
  const source = 'api:Logs.FilterLogEvents';
  const pointer = `${where.group}/${where.eventId}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch (error) {
    result.warnings.push({
      origin: `${source}#${pointer}`,
      problem: `not JSON (${(error as Error).message})`,
      expected: 'an EventBridge "ECS Task State Change" event, as a rule targeting the log group writes it',
    });
    return;
  }
  if (
    !isObject(parsed) ||
    parsed['detail-type'] !== 'ECS Task State Change' ||
    parsed.source !== 'aws.ecs' ||
    !isObject(parsed.detail)
  ) {
    result.warnings.push({
      origin: `${source}#${pointer}`,
      problem: 'not an ECS Task State Change event',
      expected: 'events of source aws.ecs, detail-type "ECS Task State Change"',
    });
    return;
  }
  if (!inScope(parsed.detail, scope)) return;
  const reader = new Reader(source);
  reader.value(parsed, pointer);
  result.evidence.push(...reader.evidence);
  result.warnings.push(...reader.allWarnings());
  result.kept += 1;
}

export async function readEcsEventsLogGroup(
  client: CloudWatchLogsClient,
  group: string,
  window: TimeWindow,
  options: { context?: ProblemContext; scope?: EcsEventsScope; maxPages?: number } = {},
): Promise<EcsEventsResult> {
  const result: EcsEventsResult = { evidence: [], warnings: [], problems: [], notes: [], read: 0, kept: 0 };
  const maxPages = options.maxPages ?? 20;
  const search = paginateFilterLogEvents(
    { client },
    {
      logGroupName: group,
      startTime: window.start.getTime(),
      endTime: window.end.getTime(),
      filterPattern: TASK_EVENTS_FILTER_PATTERN,
    },
  );
  let pages = 0;
  for await (const page of pagesUntilProblem(
    { service: 'CloudWatchLogs', operation: 'FilterLogEvents' },
    search,
    options.context,
    (problem) => result.problems.push(problem),
  )) {
    pages += 1;
    for (const event of page.events ?? []) {
      result.read += 1;
      const eventId = event.eventId ?? `${event.logStreamName ?? ''}@${event.timestamp ?? ''}`;
      readTaskEventMessage(event.message ?? '', { group, eventId }, options.scope ?? {}, result);
    }
    if (page.nextToken && pages >= maxPages) {
      result.notes.push(
        `ECS task events ${group}: stopped after ${pages} pages (${result.read} events); narrow --since or pass --cluster/--service`,
      );
      break;
    }
  }
  return result;
}
