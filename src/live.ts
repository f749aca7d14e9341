/**
 * Live mode: ECS first (what ran, what stopped and why, which revisions), then CloudTrail
 * lookups planned from what ECS found, then the same analysis as offline files. A call
 * whydenied may not make becomes an input warning naming the permission to add; the rest
 * of the run goes on.
 */
import { type AwsClients, type AwsOptions, createClients } from './aws/clients.js';
import { type AwsProblem, type ProblemContext, QuerySourceError, warningOf } from './aws/errors.js';
import { RateLimiter } from './aws/rate-limiter.js';
import type { Analysis } from './domain/analysis.js';
import { type Evidence, type InputWarning, type TaskEvidence, taskIdFromArn } from './domain/evidence.js';
import { parseSince } from './live-options.js';
import { analyzeEvidence, evidenceBatches, verifiedAgainst, withVerifiedFindings } from './pipeline.js';
import { type AthenaProgress, readAthena } from './sources/athena.js';
import {
  type LookupProgress,
  lookupCloudTrail,
  lookupIamChanges,
  planLookups,
  type TimeWindow,
} from './sources/cloudtrail-lookup.js';
import {
  containerLogGroups,
  type LogsProgress,
  readCloudTrailLogGroup,
  readContainerLogs,
} from './sources/cloudwatch-logs.js';
import { type EcsFindings, type EcsProgress, readEcs } from './sources/ecs.js';
import { readEcsEventsLogGroup } from './sources/ecs-task-events.js';
import type { PollOptions } from './sources/poll.js';
import { decodedLive } from './sources/sts-decode.js';
import { verifyFindingsLive } from './verify/verify-live.js';

export interface LiveOptions extends AwsOptions {
  cluster?: string | undefined;
  service?: string | undefined;
  tasks?: string[] | undefined;
  roleArns?: string[] | undefined;
  /** How far back to look: `2h`, `30m`, `1d`, `7d`, or an ISO time. Default 2h. */
  since?: string | undefined;
  /** The end of the window; now unless a test fixes it. */
  now?: Date | undefined;
  /** Evidence files to analyse together with the live sources. */
  inputs?: string[] | undefined;
  /** LookupEvents calls a second; CloudTrail allows about 2 per account and region. */
  lookupsPerSecond?: number | undefined;
  maxPagesPerLookup?: number | undefined;
  /** Stopped tasks whose role sessions are looked up one by one (newest first). */
  maxTaskLookups?: number | undefined;
  /** A log group receiving CloudTrail: read with Logs Insights instead of LookupEvents. */
  logsGroup?: string | undefined;
  /** The Athena CloudTrail table (`table` or `database.table`): read instead of LookupEvents. */
  athenaTable?: string | undefined;
  athenaWorkgroup?: string | undefined;
  athenaDatabase?: string | undefined;
  /** s3:// location for Athena's results; absent: the workgroup's. */
  athenaOutput?: string | undefined;
  /** Query an Athena table without partitions even though it reads the whole trail. */
  athenaFullScan?: boolean | undefined;
  /** A log group an EventBridge rule fills with ECS task state change events: stopped tasks past ECS's hour. */
  ecsEventsLogGroup?: string | undefined;
  /** Whether to search the task definitions' awslogs groups (default: yes, when ECS found any). */
  containerLogs?: boolean | undefined;
  /** How long and how often to wait for Athena and Logs Insights queries (tests shorten it). */
  queryPoll?: PollOptions | undefined;
  /** Policy files (--policies) to verify each fix against, as offline. */
  policies?: string[] | undefined;
  /** Read the denied roles' policies from IAM and ask IAM's simulator (default: on). */
  verifyWithIam?: boolean | undefined;
  /** Tests pass clients pointed at the fake; otherwise built from the options. */
  clients?: AwsClients | undefined;
}

export type LiveProgress =
  | EcsProgress
  | LookupProgress
  | AthenaProgress
  | LogsProgress
  | { type: 'cloudtrail-plan'; lookups: number }
  | { type: 'file-read'; source: string; evidence: number }
  | { type: 'analysing'; evidence: number };

export interface LiveResult {
  analysis: Analysis;
  /** What could not be read, said for the user (also in the analysis warnings when it matters). */
  partial: string[];
}

/**
 * A busy cluster keeps many stopped tasks (deployments, scale-in): one lookup each would
 * spend minutes at 2 calls a second. The newest ones that stopped in the window are looked up
 * by session; the event-source sweeps cover the others.
 */
const MAX_TASK_LOOKUPS = 20;

function sessionsToLookUp(
  evidence: Evidence[],
  start: Date,
  max: number,
): { taskIds: string[]; skipped: number } {
  const tasks = evidence
    .filter((item): item is TaskEvidence => item.kind === 'ecs-task')
    .filter((task) => !task.stoppedAt || Date.parse(task.stoppedAt) >= start.getTime())
    .sort((a, b) => Date.parse(b.stoppedAt ?? b.time ?? '') - Date.parse(a.stoppedAt ?? a.time ?? '') || 0);
  const ids = [...new Set(tasks.map((task) => taskIdFromArn(task.taskArn)))];
  const all = new Set(evidence.filter((item) => item.kind === 'ecs-task').map((task) => task.taskArn));
  return { taskIds: ids.slice(0, max), skipped: all.size - Math.min(ids.length, max) };
}

export interface LiveListeners {
  onProgress?: (event: LiveProgress) => void;
  /**
   * Evidence as each source yields it (a file, ECS, a CloudTrail page, a query's rows), before
   * the analysis at the end: a view can show findings while the slow lookups go on.
   */
  onEvidence?: (evidence: Evidence[]) => void;
}

export async function analyzeLive(options: LiveOptions, listeners: LiveListeners = {}): Promise<LiveResult> {
  const { onProgress } = listeners;
  const streamed = (items: Evidence[]) => {
    if (items.length) listeners.onEvidence?.(items);
  };
  const now = options.now ?? new Date();
  const start = parseSince(options.since ?? '2h', now);
  if (!start) throw new RangeError(`--since ${options.since}: expected a duration such as 30m, 2h, 1d, 7d`);
  const clients = options.clients ?? createClients(options);
  const context = { profile: options.profile, region: options.region ?? (await clients.region()) };
  const evidence: Evidence[] = [];
  const warnings: InputWarning[] = [];
  const partial: string[] = [];
  const problems: AwsProblem[] = [];
  try {
    for await (const batch of evidenceBatches(options.inputs ?? [])) {
      evidence.push(...batch.evidence);
      warnings.push(...batch.warnings);
      streamed(batch.evidence);
      onProgress?.({ type: 'file-read', source: batch.source, evidence: batch.evidence.length });
    }
    const ecs =
      options.cluster || options.service || options.tasks?.length
        ? await readEcs(
            clients.ecs,
            { cluster: options.cluster, service: options.service, tasks: options.tasks },
            { context, ...(onProgress ? { onProgress } : {}) },
          )
        : null;
    if (ecs) {
      evidence.push(...ecs.evidence);
      problems.push(...ecs.problems);
      streamed(ecs.evidence);
    }
    const window = { start, end: now };
    if (options.ecsEventsLogGroup) {
      const known = new Set(
        (ecs?.evidence ?? []).flatMap((item) => (item.kind === 'ecs-task' ? [item.taskArn] : [])),
      );
      const events = await readEcsEventsLogGroup(clients.logs, options.ecsEventsLogGroup, window, {
        context,
        scope: { cluster: options.cluster, service: options.service, knownTasks: known },
      });
      evidence.push(...events.evidence);
      warnings.push(...events.warnings);
      problems.push(...events.problems);
      partial.push(...events.notes);
      streamed(events.evidence);
    }
    if (ecs && options.containerLogs !== false) {
      const groups = containerLogGroups(ecs.evidence);
      if (groups.length) {
        const logs = await readContainerLogs(clients.logs, groups, window, {
          context,
          ...(onProgress ? { onProgress } : {}),
        });
        evidence.push(...logs.evidence);
        problems.push(...logs.problems);
        partial.push(...logs.notes);
        streamed(logs.evidence);
      }
    }
    const trail = await readCloudTrail(clients, options, ecs, window, context, listeners);
    evidence.push(...trail.evidence);
    problems.push(...trail.problems);
    partial.push(...trail.notes);
  } finally {
    if (!options.clients) clients.destroy();
  }
  const seen = new Set<string>();
  for (const problem of problems) {
    const warning = warningOf(problem);
    const key = `${warning.origin}\n${warning.problem}`;
    if (seen.has(key)) continue;
    seen.add(key);
    warnings.push(warning);
    partial.push(`${warning.origin}: ${warning.problem}; ${warning.expected}`);
  }
  onProgress?.({ type: 'analysing', evidence: evidence.length });
  const analyzed = await analyzeEvidence(evidence, warnings);
  const analysis = options.policies?.length
    ? await verifiedAgainst(analyzed, options.policies)
    : options.verifyWithIam === false
      ? analyzed
      : await verifiedLive(analyzed, options, partial);
  const decoded = await decodedLive(analysis, options, context);
  partial.push(...decoded.partial);
  decoded.analysis.stats.inputs = (options.inputs?.length ?? 0) + 1;
  return { analysis: decoded.analysis, partial };
}

/**
 * CloudTrail from the best source the user named: an Athena table or a log group receiving
 * the trail read everything in the window at once; LookupEvents, the fallback, needs planned
 * narrow lookups within its rate limit. Each hands its evidence to onEvidence as it comes:
 * a query's rows at its end, LookupEvents page by page.
 */
async function readCloudTrail(
  clients: AwsClients,
  options: LiveOptions,
  ecs: EcsFindings | null,
  window: TimeWindow,
  context: ProblemContext,
  { onProgress, onEvidence }: LiveListeners,
): Promise<{ evidence: Evidence[]; problems: AwsProblem[]; notes: string[] }> {
  const progress = onProgress ? { onProgress } : {};
  const roleArns = [...new Set([...(options.roleArns ?? []), ...(ecs?.roleArns ?? [])])];
  // A query source that cannot answer costs itself only: its problem is said, and LookupEvents reads the window instead.
  const fallback: AwsProblem[] = [];
  const notes: string[] = [];
  const queried = await queriedCloudTrail(clients, options, roleArns, window, context, {
    onProgress,
    onEvidence,
  });
  if ('evidence' in queried) return queried;
  if (queried.failed) {
    fallback.push(queried.failed);
    notes.push(`CloudTrail: ${queried.source} could not be used, so LookupEvents read the window instead`);
  }
  const sessions = sessionsToLookUp(
    ecs?.evidence ?? [],
    window.start,
    options.maxTaskLookups ?? MAX_TASK_LOOKUPS,
  );
  if (sessions.skipped > 0) {
    notes.push(
      `CloudTrail: ${sessions.skipped} older stopped tasks not looked up one by one; the event-source lookups still cover the window`,
    );
  }
  const lookups = planLookups({
    taskIds: sessions.taskIds,
    resourceNames: [...(options.roleArns ?? []), ...(ecs?.roleArns ?? []), ...(ecs?.secrets ?? [])],
  });
  onProgress?.({ type: 'cloudtrail-plan', lookups: lookups.length });
  const limiter = new RateLimiter({ perSecond: options.lookupsPerSecond ?? 2 });
  const trail = await lookupCloudTrail(clients.cloudTrail, lookups, window, {
    context,
    limiter,
    ...(options.maxPagesPerLookup ? { maxPages: options.maxPagesPerLookup } : {}),
    ...progress,
    ...(onEvidence ? { onEvidence } : {}),
  });
  // IAM records its changes in us-east-1 only: the roles' policy writes are read there, within the same pace.
  const iam = roleArns.length
    ? await lookupIamChanges(clients.cloudTrailIam, roleArns, window, {
        context,
        limiter,
        ...(options.maxPagesPerLookup ? { maxPages: options.maxPagesPerLookup } : {}),
        // Its counts go on from the regional lookups', so the progress never counts back.
        ...(onProgress
          ? {
              onProgress: (event: LookupProgress) =>
                onProgress({
                  ...event,
                  calls: event.calls + trail.stats.calls,
                  pages: event.pages + trail.stats.pages,
                  events: event.events + trail.stats.events,
                }),
            }
          : {}),
        ...(onEvidence ? { onEvidence } : {}),
      })
    : null;
  for (const lookup of [...trail.truncated, ...(iam?.truncated ?? [])]) {
    notes.push(
      `CloudTrail ${lookup.attribute}=${lookup.value}: more events than the page budget in the window; narrow --since, or query the trail with Athena`,
    );
  }
  return {
    evidence: [...trail.evidence, ...(iam?.evidence ?? [])],
    problems: [...fallback, ...trail.problems, ...(iam?.problems ?? [])],
    notes,
  };
}

type Queried =
  | { evidence: Evidence[]; problems: AwsProblem[]; notes: string[] }
  | { failed: AwsProblem | null; source: string };

/** Athena or Logs Insights when the user named one: their evidence, or why they could not answer. */
async function queriedCloudTrail(
  clients: AwsClients,
  options: LiveOptions,
  roleArns: string[],
  window: TimeWindow,
  context: ProblemContext,
  { onProgress, onEvidence }: LiveListeners,
): Promise<Queried> {
  const progress = onProgress ? { onProgress } : {};
  const poll = options.queryPoll ? { poll: options.queryPoll } : {};
  const source = options.athenaTable
    ? `Athena (${options.athenaTable})`
    : `Logs Insights (${options.logsGroup})`;
  try {
    if (options.athenaTable) {
      const accounts = [...new Set(roleArns.map((arn) => arn.split(':')[4] ?? '').filter(Boolean))];
      const athena = await readAthena(
        clients.athena,
        {
          workgroup: options.athenaWorkgroup,
          database: options.athenaDatabase,
          output: options.athenaOutput,
          fullScan: options.athenaFullScan,
        },
        { table: options.athenaTable, window, accounts, roleArns },
        { context, ...poll, ...progress },
      );
      // Denied before its query ran: nothing was read, so the fallback reads the window.
      // The table's partitions unread is no reason: the query then ran on whydenied's own layout.
      const unread = athena.problems.filter((problem) => problem.origin !== 'api:Athena.GetTableMetadata');
      if (athena.queryId === null || (unread.length > 0 && athena.evidence.length === 0)) {
        return { failed: unread[0] ?? athena.problems[0] ?? null, source };
      }
      const notes = athena.truncated
        ? [`Athena query ${athena.queryId}: the row limit was reached; narrow --since or pass --role-arn`]
        : [];
      if (athena.evidence.length) onEvidence?.(athena.evidence);
      return { evidence: athena.evidence, problems: athena.problems, notes };
    }
    if (options.logsGroup) {
      const logs = await readCloudTrailLogGroup(clients.logs, options.logsGroup, window, {
        context,
        ...poll,
        ...progress,
      });
      if (logs.problems.length > 0 && logs.evidence.length === 0)
        return { failed: logs.problems[0] ?? null, source };
      if (logs.evidence.length) onEvidence?.(logs.evidence);
      return logs;
    }
  } catch (error) {
    if (error instanceof QuerySourceError) return { failed: error.problem, source };
    throw error;
  }
  return { failed: null, source };
}

/** The denied roles' policies read from IAM, checked locally and by IAM's own simulator. */
async function verifiedLive(analysis: Analysis, options: LiveOptions, partial: string[]): Promise<Analysis> {
  if (!analysis.findings.some((finding) => finding.fix)) return analysis;
  // The sources' clients are closed by now: verification makes its own unless a test gave them.
  const clients = options.clients ?? createClients(options);
  const warnings: InputWarning[] = [];
  try {
    const findings = await verifyFindingsLive(analysis.findings, clients, { warnings });
    for (const warning of warnings)
      partial.push(`${warning.origin}: ${warning.problem}; ${warning.expected}`);
    return withVerifiedFindings(analysis, findings, warnings);
  } finally {
    if (!options.clients) clients.destroy();
  }
}

export { isLive, parseSince } from './live-options.js';
