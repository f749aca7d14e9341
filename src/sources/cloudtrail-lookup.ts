/**
 * CloudTrail LookupEvents, planned within its limits: one lookup attribute a call, 50 events
 * a page, about 2 calls a second per account and region, and no filter on errorCode. So the
 * lookups are narrow ones: each known task's role session (Username = task id), each role or
 * secret the task definitions name (ResourceName), and one sweep per service an ECS task
 * calls at start-up (EventSource), every one bounded by the window and a page budget.
 */
import {
  type CloudTrailClient,
  type LookupAttributeKey,
  LookupEventsCommand,
  type LookupEventsCommandOutput,
} from '@aws-sdk/client-cloudtrail';
import { type AwsProblem, AwsProblemError, attempt, type ProblemContext } from '../aws/errors.js';
import { pacedAttempts, RateLimiter } from '../aws/rate-limiter.js';
import type { Evidence } from '../domain/evidence.js';
import { roleNameFromArn } from '../domain/principal.js';
import {
  cloudTrailEvidence,
  ecsRevisionEvidence,
  hasError,
  isEcsRevisionRecord,
  isPolicyChangeRecord,
  parseCloudTrailRecord,
  policyChangeEvidence,
} from './files/cloudtrail-record.js';

export interface Lookup {
  attribute: LookupAttributeKey;
  value: string;
}

export interface TimeWindow {
  start: Date;
  end: Date;
}

/** The services an ECS task calls before its app runs (image, secrets, keys, logs, roles). */
export const START_UP_SOURCES = [
  'ecr.amazonaws.com',
  'secretsmanager.amazonaws.com',
  'ssm.amazonaws.com',
  'kms.amazonaws.com',
  'logs.amazonaws.com',
  'sts.amazonaws.com',
];

export interface LookupPlanInput {
  taskIds?: string[];
  /** Role ARNs (--role-arn, the task definitions' roles) and secret ARNs or parameter names. */
  resourceNames?: string[];
  eventSources?: string[];
}

/**
 * Secrets Manager `valueFrom` may end in `:json-key:version-stage:version-id`; CloudTrail
 * names the secret itself.
 */
function resourceName(name: string): string {
  const parts = name.split(':');
  return parts[2] === 'secretsmanager' && parts.length > 7 ? parts.slice(0, 7).join(':') : name;
}

/** Narrow lookups first: a task's session finds its denials in one page. */
export function planLookups(input: LookupPlanInput): Lookup[] {
  const lookups: Lookup[] = [
    ...(input.taskIds ?? []).map((value) => ({ attribute: 'Username' as const, value })),
    ...(input.resourceNames ?? []).map((value) => ({
      attribute: 'ResourceName' as const,
      value: resourceName(value),
    })),
    ...(input.eventSources ?? START_UP_SOURCES).map((value) => ({
      attribute: 'EventSource' as const,
      value,
    })),
  ];
  const seen = new Set<string>();
  return lookups.filter((lookup) => {
    const key = `${lookup.attribute}=${lookup.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export type LookupProgress = {
  type: 'cloudtrail-page';
  lookup: Lookup;
  page: number;
  calls: number;
  pages: number;
  events: number;
};

export interface LookupStats {
  calls: number;
  pages: number;
  /** Distinct events read (deduplicated by EventId across lookups). */
  events: number;
  /** Events that became evidence: errors, ECS revision records and policy writes. */
  evidence: number;
}

export interface LookupResult {
  evidence: Evidence[];
  problems: AwsProblem[];
  /** Lookups that stopped at the page budget before the window's start. */
  truncated: Lookup[];
  stats: LookupStats;
}

export interface LookupOptions {
  /** LookupEvents calls a second (CloudTrail's limit is 2 per account and region). */
  perSecond?: number;
  /** Pages read per lookup at most (50 events each). */
  maxPages?: number;
  onProgress?: (event: LookupProgress) => void;
  /** The evidence of each page as it is read, for a view that shows findings before the last lookup. */
  onEvidence?: (evidence: Evidence[]) => void;
  context?: ProblemContext;
  limiter?: RateLimiter;
}

const ORIGIN = 'api:CloudTrail.LookupEvents';

/** How far before the window IAM's changes are looked for: a policy narrowed last week denies today. */
export const IAM_LOOKBACK_MS = 7 * 24 * 3600_000;

/**
 * The policy writes to each role, read where IAM records them (us-east-1), from a week before
 * the window to its end: one lookup by the role's name each. Only policy changes are kept;
 * the regional lookups read the denials.
 */
export async function lookupIamChanges(
  client: CloudTrailClient,
  roleArns: string[],
  window: TimeWindow,
  options: LookupOptions = {},
): Promise<LookupResult> {
  const names = [...new Set(roleArns.map(roleNameFromArn).filter(Boolean))];
  const lookups = names.map((value) => ({ attribute: 'ResourceName' as const, value }));
  const start = new Date(window.start.getTime() - IAM_LOOKBACK_MS);
  const { onEvidence, ...rest } = options;
  const keep = (evidence: Evidence[]) => evidence.filter((item) => item.kind === 'policy-change');
  const result = await lookupCloudTrail(
    client,
    lookups,
    { start, end: window.end },
    {
      ...rest,
      ...(onEvidence ? { onEvidence: (evidence: Evidence[]) => onEvidence(keep(evidence)) } : {}),
    },
  );
  const evidence = keep(result.evidence);
  return { ...result, evidence, stats: { ...result.stats, evidence: evidence.length } };
}

export async function lookupCloudTrail(
  client: CloudTrailClient,
  lookups: Lookup[],
  window: TimeWindow,
  options: LookupOptions = {},
): Promise<LookupResult> {
  const limiter = options.limiter ?? new RateLimiter({ perSecond: options.perSecond ?? 2 });
  const maxPages = options.maxPages ?? 20;
  const seen = new Set<string>();
  const result: LookupResult = {
    evidence: [],
    problems: [],
    truncated: [],
    stats: { calls: 0, pages: 0, events: 0, evidence: 0 },
  };

  for (const lookup of lookups) {
    let nextToken: string | undefined;
    let page = 0;
    do {
      result.stats.calls += 1;
      const command = new LookupEventsCommand({
        LookupAttributes: [{ AttributeKey: lookup.attribute, AttributeValue: lookup.value }],
        StartTime: window.start,
        EndTime: window.end,
        MaxResults: 50,
        NextToken: nextToken,
      });
      // The SDK's retries of a throttled call take their slots from the same limiter.
      command.middlewareStack.use(pacedAttempts(limiter));
      const outcome = await attempt(
        { service: 'CloudTrail', operation: 'LookupEvents' },
        () => client.send(command),
        options.context,
      );
      if (!outcome.ok) {
        if (outcome.problem.fatal) throw new AwsProblemError(outcome.problem);
        result.problems.push(outcome.problem);
        // AccessDenied is the same for every lookup: the rest would only repeat it.
        if (outcome.problem.kind === 'access-denied') return result;
        break;
      }
      page += 1;
      result.stats.pages += 1;
      const before = result.evidence.length;
      const pastWindow = read(outcome.value, window, seen, result);
      if (result.evidence.length > before) options.onEvidence?.(result.evidence.slice(before));
      options.onProgress?.({
        type: 'cloudtrail-page',
        lookup,
        page,
        calls: result.stats.calls,
        pages: result.stats.pages,
        events: result.stats.events,
      });
      nextToken = pastWindow ? undefined : outcome.value.NextToken;
      if (nextToken && page >= maxPages) {
        result.truncated.push(lookup);
        nextToken = undefined;
      }
    } while (nextToken);
  }
  return result;
}

/** Reads one page; true when it reached events older than the window (newest come first). */
function read(
  output: LookupEventsCommandOutput,
  window: TimeWindow,
  seen: Set<string>,
  result: LookupResult,
): boolean {
  let pastWindow = false;
  for (const event of output.Events ?? []) {
    const time = event.EventTime?.getTime();
    if (time !== undefined && time < window.start.getTime()) {
      pastWindow = true;
      continue;
    }
    if (time !== undefined && time > window.end.getTime()) continue;
    const id = event.EventId ?? event.CloudTrailEvent ?? '';
    if (seen.has(id)) continue;
    seen.add(id);
    result.stats.events += 1;
    const record = parseCloudTrailRecord(event.CloudTrailEvent);
    if (!record) continue;
    const origin = { source: ORIGIN, pointer: `Events[EventId=${event.EventId ?? '?'}].CloudTrailEvent` };
    const evidence = hasError(record)
      ? [cloudTrailEvidence(record, origin)]
      : isEcsRevisionRecord(record)
        ? ecsRevisionEvidence(record, origin)
        : isPolicyChangeRecord(record)
          ? [policyChangeEvidence(record, origin)]
          : [];
    result.stats.evidence += evidence.length;
    result.evidence.push(...evidence);
  }
  return pastWindow;
}
