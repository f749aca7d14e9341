/**
 * The LookupEvents plan of a live run, made within its budgets: first each task's sessions in
 * the tasks' region (and in us-east-1 for the tasks whose messages name a global service),
 * then, from what they found, the policy writes to the roles that were denied, in us-east-1
 * where IAM records them. Every call shares one pace and one call budget; each lookup has a
 * page budget; what a budget cut off is a problem of the run (a partial result) and said in the progress.
 */
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { AwsProblem, ProblemContext } from '../aws/errors.js';
import { RateLimiter } from '../aws/rate-limiter.js';
import type { Evidence } from '../domain/evidence.js';
import { GLOBAL_EVENTS_REGION } from '../domain/global-services.js';
import { roleNameFromArn } from '../domain/principal.js';
import {
  CallBudget,
  type Lookup,
  type LookupOptions,
  type LookupProgress,
  type LookupResult,
  type LookupStats,
  lookupCloudTrail,
  lookupIamChanges,
  lookupPolicyWrites,
  type SkippedLookup,
  type TimeWindow,
} from './cloudtrail-lookup.js';
import {
  assumedSession,
  DEFAULT_LOOKUP_BUDGET,
  discoveredSessionLookups,
  type LookupBudget,
  type PlannedLookup,
  roleChangeLookups,
  roleSessionLookups,
  sessionLookups,
  sweepLookups,
} from './lookup-plan.js';
import { resourceChangeLookups } from './resource-policy-lookups.js';

export type IncidentLookupProgress =
  | LookupProgress
  | {
      type: 'cloudtrail-plan';
      lookups: number;
      budget: LookupBudget;
      purpose: 'sessions' | 'role-changes' | 'resource-changes' | 'role-sessions';
    };

export interface IncidentLookupInput {
  /** What was read before CloudTrail: ECS's tasks and messages, container logs, input files. */
  evidence: Evidence[];
  /** The scope's roles: the task definitions' and the user's. */
  roleArns: string[];
  /** The task definitions' roles, whose sessions are the tasks'. */
  ecsRoleArns: string[];
  window: TimeWindow;
  /** The region the regional client reads; null when unknown. */
  region: string | null;
}

export interface IncidentLookupOptions {
  budget?: LookupBudget;
  perSecond?: number;
  context?: ProblemContext;
  onProgress?: (event: IncidentLookupProgress) => void;
  onEvidence?: (evidence: Evidence[]) => void;
}

export interface IncidentLookupResult {
  evidence: Evidence[];
  /** What could not be read, and what the budgets left unread. */
  problems: AwsProblem[];
  stats: LookupStats;
  skipped: SkippedLookup[];
}

/** Lookups a note names when the call budget left many out; the rest are counted. */
const NAMED_SKIPS = 3;

function describeLookup(lookup: Lookup): string {
  return `${lookup.attribute}=${lookup.value}`;
}

const LOOKUP_ORIGIN = 'api:CloudTrail.LookupEvents';

function budgetCut(message: string, tryThis: string): AwsProblem {
  return { kind: 'other', origin: LOOKUP_ORIGIN, message, tryThis, permission: null, fatal: false };
}

/**
 * One problem per kind of cut: the lookups a page budget stopped, the lookups the call budget
 * left out. Events were left unread, so the run's result is partial (a warning, exit 3), as for
 * any read that could not be made.
 */
function budgetCutsOf(skipped: SkippedLookup[], budget: LookupBudget): AwsProblem[] {
  const cuts: AwsProblem[] = [];
  for (const cut of skipped.filter((item) => item.reason === 'page-budget')) {
    cuts.push(
      budgetCut(
        `${describeLookup(cut.lookup)}${cut.region ? ` in ${cut.region}` : ''}: the page budget (${budget.pagesPerLookup} pages) ran out; events before ${cut.readBackTo ?? 'its last page'} were not read`,
        'raise --lookup-pages, narrow --since, or query the trail with Athena',
      ),
    );
  }
  const left = skipped.filter((item) => item.reason === 'call-budget');
  if (left.length) {
    const named = left
      .slice(0, NAMED_SKIPS)
      .map((item) => `${describeLookup(item.lookup)}${item.region ? ` in ${item.region}` : ''}`)
      .join(', ');
    cuts.push(
      budgetCut(
        `the call budget (${budget.calls} LookupEvents calls) ran out; ${left.length} lookup(s) not made: ${named}${left.length > NAMED_SKIPS ? ` and ${left.length - NAMED_SKIPS} more` : ''}`,
        'raise --lookup-budget or query the trail with Athena',
      ),
    );
  }
  return cuts;
}

export async function lookupIncident(
  clients: { cloudTrail: CloudTrailClient; cloudTrailIam: CloudTrailClient },
  input: IncidentLookupInput,
  options: IncidentLookupOptions = {},
): Promise<IncidentLookupResult> {
  const budget = options.budget ?? DEFAULT_LOOKUP_BUDGET;
  const calls = new CallBudget(budget.calls);
  // One pace for both regions: calls go one at a time, and a throttled retry waits its turn.
  const limiter = new RateLimiter({ perSecond: options.perSecond ?? 2 });
  const results: LookupResult[] = [];
  const totals = () => ({
    calls: calls.used,
    pages: results.reduce((sum, result) => sum + result.stats.pages, 0),
    events: results.reduce((sum, result) => sum + result.stats.events, 0),
    skipped: results.reduce((sum, result) => sum + result.skipped.length, 0),
  });
  const common = (region: string | null): LookupOptions => {
    const before = totals();
    return {
      limiter,
      budget: calls,
      maxPages: budget.pagesPerLookup,
      region,
      skippedBefore: before.skipped,
      ...(options.context ? { context: options.context } : {}),
      ...(options.onEvidence ? { onEvidence: options.onEvidence } : {}),
      // Each lookup counts from zero; the progress goes on from the lookups before it.
      ...(options.onProgress
        ? {
            onProgress: (event: LookupProgress) =>
              options.onProgress?.(
                event.type === 'cloudtrail-page'
                  ? { ...event, pages: event.pages + before.pages, events: event.events + before.events }
                  : event,
              ),
          }
        : {}),
    };
  };
  /** Says the plan, then makes its lookups where each is recorded: the region read, then us-east-1. */
  const run = async (
    purpose: Extract<IncidentLookupProgress, { type: 'cloudtrail-plan' }>['purpose'],
    planned: PlannedLookup[],
    read: (lookups: Lookup[], region: string | null) => Promise<LookupResult>,
  ) => {
    options.onProgress?.({ type: 'cloudtrail-plan', lookups: planned.length, budget, purpose });
    for (const place of ['regional', 'global'] as const) {
      const lookups = planned
        .filter((lookup) => lookup.place === place)
        .map(({ attribute, value }) => ({ attribute, value }));
      if (lookups.length)
        results.push(await read(lookups, place === 'global' ? GLOBAL_EVENTS_REGION : input.region));
    }
  };

  // The sessions may not spend the calls the roles' policy writes need afterwards.
  calls.reserved = Math.min(new Set(input.roleArns.map(roleNameFromArn)).size, budget.calls - 1);
  let sessions = sessionLookups(input.evidence, input.window.start, input.region);
  const tasksKnown = sessions.some((lookup) => lookup.purpose === 'task-session');
  const ecsRoles = new Set(input.ecsRoleArns.map(roleNameFromArn));
  const unknownSessions = tasksKnown
    ? input.roleArns.filter((arn) => !ecsRoles.has(roleNameFromArn(arn)))
    : input.roleArns;
  if (unknownSessions.length) {
    // The roles' AssumeRole events name the sessions to look up.
    const roleNames = new Set(unknownSessions.map(roleNameFromArn));
    const assumed: { session: string; time: string }[] = [];
    await run('role-sessions', roleSessionLookups(unknownSessions), (lookups, region) =>
      lookupCloudTrail(clients.cloudTrail, lookups, input.window, {
        ...common(region),
        onRecord: (record) => {
          const session = assumedSession(record, roleNames);
          if (session) assumed.push({ session, time: String(record.eventTime ?? '') });
        },
      }),
    );
    const newest = assumed.sort((a, b) => b.time.localeCompare(a.time)).map((item) => item.session);
    sessions = [...sessions, ...discoveredSessionLookups(newest)];
  }
  if (sessions.length === 0 && input.roleArns.length === 0) sessions = sweepLookups();
  await run('sessions', sessions, (lookups, region) =>
    lookupCloudTrail(
      region === GLOBAL_EVENTS_REGION && input.region !== GLOBAL_EVENTS_REGION
        ? clients.cloudTrailIam
        : clients.cloudTrail,
      lookups,
      input.window,
      common(region),
    ),
  );
  const found = results.flatMap((result) => result.evidence);
  const denied = results.some((result) =>
    result.problems.some((problem) => problem.kind === 'access-denied'),
  );
  const changes = denied ? [] : roleChangeLookups([...input.evidence, ...found], input.roleArns);
  calls.reserved = 0;
  if (changes.length) {
    await run('role-changes', changes, (lookups) =>
      lookupIamChanges(
        clients.cloudTrailIam,
        lookups.map((lookup) => lookup.value),
        input.window,
        common(GLOBAL_EVENTS_REGION),
      ),
    );
  }
  // A key, repository or bucket policy that refused a call: its writes, where it lives.
  const rolesWithWrites = new Set(
    results
      .flatMap((result) => result.evidence)
      .flatMap((item) => (item.kind === 'policy-change' && item.roleName ? [item.roleName] : [])),
  );
  const resources = denied
    ? []
    : resourceChangeLookups([...input.evidence, ...found], input.region, rolesWithWrites);
  if (resources.length) {
    await run('resource-changes', resources, (lookups, region) =>
      lookupPolicyWrites(clients.cloudTrail, lookups, input.window, common(region)),
    );
  }
  const skipped = results.flatMap((result) => result.skipped);
  return {
    evidence: results.flatMap((result) => result.evidence),
    problems: [...results.flatMap((result) => result.problems), ...budgetCutsOf(skipped, budget)],
    stats: {
      calls: calls.used,
      pages: totals().pages,
      events: totals().events,
      evidence: results.reduce((sum, result) => sum + result.stats.evidence, 0),
    },
    skipped,
  };
}
