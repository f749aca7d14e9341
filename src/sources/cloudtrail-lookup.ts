/**
 * CloudTrail LookupEvents within its limits: one lookup attribute a call, 50 events a page,
 * about 2 calls a second per account and region, and no filter on errorCode. Every lookup is
 * bounded by the window, a page budget of its own and the run's call budget; what a budget cut
 * off is said (lookup-plan.ts chooses the lookups).
 */
import {
  type CloudTrailClient,
  type LookupAttributeKey,
  type LookupEventsCommandOutput,
  paginateLookupEvents,
} from '@aws-sdk/client-cloudtrail';
import { type AwsProblem, AwsProblemError, type ProblemContext } from '../aws/errors.js';
import { attemptPages, pacedCommands } from '../aws/pages.js';
import { RateLimiter } from '../aws/rate-limiter.js';
import type { Evidence } from '../domain/evidence.js';
import type { Json } from '../domain/json-value.js';
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
import { IAM_LOOKBACK_MS } from './iam-lookback.js';

export interface Lookup {
  attribute: LookupAttributeKey;
  value: string;
}

export interface TimeWindow {
  start: Date;
  end: Date;
}

/** The run's LookupEvents calls: how many it may make, and how many it has made. */
export class CallBudget {
  used = 0;
  /** Calls kept back for a later stage of the plan: the earlier ones may not use them. */
  reserved = 0;
  constructor(readonly calls: number) {}
  take(): boolean {
    if (this.used >= this.calls - this.reserved) return false;
    this.used += 1;
    return true;
  }
}

export type LookupProgress =
  | {
      type: 'cloudtrail-page';
      lookup: Lookup;
      /** The region the lookup reads. */
      region: string | null;
      page: number;
      /** The lookup's page budget. */
      maxPages: number;
      calls: number;
      /** The run's call budget. */
      maxCalls: number;
      pages: number;
      events: number;
      /** Lookups so far that a budget cut short or left out. */
      skipped: number;
    }
  | {
      type: 'cloudtrail-skipped';
      reason: 'page-budget' | 'call-budget';
      lookups: Lookup[];
      region: string | null;
      /** For a lookup cut at its page budget: the oldest event it read; the window before is unread. */
      readBackTo: string | null;
      maxPages: number;
      maxCalls: number;
    };

export interface LookupStats {
  calls: number;
  pages: number;
  /** Distinct events read (deduplicated by EventId across lookups). */
  events: number;
  /** Events that became evidence: errors, ECS revision records and policy writes. */
  evidence: number;
}

/** A lookup a budget cut short (its page budget) or left out (the run's call budget). */
export interface SkippedLookup {
  lookup: Lookup;
  region: string | null;
  reason: 'page-budget' | 'call-budget';
  readBackTo: string | null;
}

export interface LookupResult {
  evidence: Evidence[];
  problems: AwsProblem[];
  /** Lookups that stopped at the page budget before the window's start. */
  truncated: Lookup[];
  /** Every lookup a budget cut short or left out, with what the window lost. */
  skipped: SkippedLookup[];
  stats: LookupStats;
}

export interface LookupOptions {
  /** LookupEvents calls a second (CloudTrail's limit is 2 per account and region). */
  perSecond?: number;
  /** Pages read per lookup at most (50 events each). */
  maxPages?: number;
  /** The run's calls, shared by every lookup of both regions; absent: only the page budget bounds them. */
  budget?: CallBudget;
  /** The region the client reads, for the progress line. */
  region?: string | null;
  /** Lookups a budget already skipped earlier in the run, so the progress line counts on. */
  skippedBefore?: number;
  onProgress?: (event: LookupProgress) => void;
  /** Every record in the window, errors or not (the plan learns task sessions from AssumeRole events). */
  onRecord?: (record: Json) => void;
  /** The evidence of each page as it is read, for a view that shows findings before the last lookup. */
  onEvidence?: (evidence: Evidence[]) => void;
  context?: ProblemContext;
  limiter?: RateLimiter;
}

const ORIGIN = 'api:CloudTrail.LookupEvents';

/**
 * The policy writes to each role, read where IAM records them (us-east-1), from a week before
 * the window to its end: one lookup by the role's name each. Only policy changes are kept;
 * the regional lookups read the denials.
 */
export async function lookupIamChanges(
  client: CloudTrailClient,
  /** Role ARNs or names. */
  roles: string[],
  window: TimeWindow,
  options: LookupOptions = {},
): Promise<LookupResult> {
  const names = [...new Set(roles.map(roleNameFromArn).filter(Boolean))];
  const lookups = names.map((value) => ({ attribute: 'ResourceName' as const, value }));
  return lookupPolicyWrites(client, lookups, window, options);
}

/**
 * The policy writes the lookups find, from a week before the window to its end: a key or
 * bucket policy replaced last week denies today too. Only policy changes are kept.
 */
export async function lookupPolicyWrites(
  client: CloudTrailClient,
  lookups: Lookup[],
  window: TimeWindow,
  options: LookupOptions = {},
): Promise<LookupResult> {
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
  const budget = options.budget ?? new CallBudget(Number.POSITIVE_INFINITY);
  const region = options.region ?? null;
  const seen = new Set<string>();
  const result: LookupResult = {
    evidence: [],
    problems: [],
    truncated: [],
    skipped: [],
    stats: { calls: 0, pages: 0, events: 0, evidence: 0 },
  };
  const skip = (lookups: Lookup[], reason: SkippedLookup['reason'], readBackTo: string | null) => {
    result.skipped.push(...lookups.map((lookup) => ({ lookup, region, reason, readBackTo })));
    options.onProgress?.({
      type: 'cloudtrail-skipped',
      reason,
      lookups,
      region,
      readBackTo,
      maxPages,
      maxCalls: budget.calls,
    });
  };

  for (const [index, lookup] of lookups.entries()) {
    if (!budget.take()) {
      skip(lookups.slice(index), 'call-budget', null);
      break;
    }
    result.stats.calls += 1;
    const pages = paginateLookupEvents(
      // The SDK's retries of a throttled call take their slots from the same limiter.
      { client, pageSize: 50, withCommand: pacedCommands(limiter) },
      {
        LookupAttributes: [{ AttributeKey: lookup.attribute, AttributeValue: lookup.value }],
        StartTime: window.start,
        EndTime: window.end,
      },
    );
    let page = 0;
    for await (const outcome of attemptPages(
      { service: 'CloudTrail', operation: 'LookupEvents' },
      pages,
      options.context,
    )) {
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
      const { pastWindow, oldest } = read(outcome.value, window, seen, result, options.onRecord);
      if (result.evidence.length > before) options.onEvidence?.(result.evidence.slice(before));
      options.onProgress?.({
        type: 'cloudtrail-page',
        lookup,
        region,
        page,
        maxPages,
        calls: budget.calls === Number.POSITIVE_INFINITY ? result.stats.calls : budget.used,
        maxCalls: budget.calls,
        pages: result.stats.pages,
        events: result.stats.events,
        skipped: (options.skippedBefore ?? 0) + result.skipped.length,
      });
      if (pastWindow || !outcome.value.NextToken) break;
      if (page >= maxPages) {
        result.truncated.push(lookup);
        skip([lookup], 'page-budget', oldest);
        break;
      }
      // The next page is one more call of the run's budget.
      if (!budget.take()) {
        skip([lookup], 'call-budget', oldest);
        break;
      }
      result.stats.calls += 1;
    }
  }
  return result;
}

/**
 * Reads one page: whether it reached events older than the window (newest come first), and
 * the oldest event time it held.
 */
function read(
  output: LookupEventsCommandOutput,
  window: TimeWindow,
  seen: Set<string>,
  result: LookupResult,
  onRecord?: (record: Json) => void,
): { pastWindow: boolean; oldest: string | null } {
  let pastWindow = false;
  let oldest: Date | null = null;
  for (const event of output.Events ?? []) {
    const time = event.EventTime?.getTime();
    if (event.EventTime && (!oldest || event.EventTime < oldest)) oldest = event.EventTime;
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
    onRecord?.(record);
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
  return { pastWindow, oldest: oldest ? oldest.toISOString() : null };
}
