/**
 * Live mode: ECS first (what ran, what stopped and why, which revisions), then CloudTrail
 * lookups planned from what ECS found, then the same analysis as offline files. A call
 * whydenied may not make becomes an input warning naming the permission to add; the rest
 * of the run goes on.
 */
import { type AwsClients, type AwsOptions, createClients } from './aws/clients.js';
import {
  type AwsProblem,
  type ProblemContext,
  partialLine,
  QuerySourceError,
  warningOf,
} from './aws/errors.js';
import type { Analysis } from './domain/analysis.js';
import type { CloudTrailEvidence, Evidence, InputWarning } from './domain/evidence.js';
import { type OtherDenial, otherDenials, scopeOf, splitByScope } from './domain/scope.js';
import { parseSince } from './live-options.js';
import { verifiedAgainst, withVerifiedFindings } from './pipeline.js';
import {
  type AnalysisEvent,
  CODES,
  finalAnalysis,
  type RunOptions,
  runAnalysis,
  type Source,
  sourceOf,
} from './run-analysis.js';
import { type AthenaProgress, readAthena } from './sources/athena.js';
import { writesSince } from './sources/athena-query.js';
import type { TimeWindow } from './sources/cloudtrail-lookup.js';
import {
  containerLogGroups,
  type LogsProgress,
  readCloudTrailLogGroup,
  readContainerLogs,
} from './sources/cloudwatch-logs.js';
import { type EcsFindings, type EcsProgress, readEcs } from './sources/ecs.js';
import { readEcsEventsLogGroup } from './sources/ecs-task-events.js';
import { readFiles } from './sources/files/index.js';
import { type IncidentLookupProgress, lookupIncident } from './sources/lookup-incident.js';
import { DEFAULT_LOOKUP_BUDGET } from './sources/lookup-plan.js';
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
  /** Pages one LookupEvents lookup may read (--lookup-pages). */
  maxPagesPerLookup?: number | undefined;
  /** LookupEvents calls the whole run may make (--lookup-budget). */
  lookupBudget?: number | undefined;
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
  /** Athena or Logs Insights also read the week before the window for the policy writes (more data scanned). */
  iamLookback?: boolean | undefined;
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
  /** Cite every piece of evidence, not the first and last of each finding (--all-evidence). */
  allEvidence?: boolean | undefined;
  /** Tests pass clients pointed at the fake; otherwise built from the options. */
  clients?: AwsClients | undefined;
}

export type LiveProgress =
  | EcsProgress
  | IncidentLookupProgress
  | AthenaProgress
  | LogsProgress
  | { type: 'file-read'; source: string; evidence: number }
  | { type: 'analysing'; evidence: number };

export interface LiveResult {
  analysis: Analysis;
  /** What could not be read, said for the user (also in the analysis warnings when it matters). */
  partial: string[];
  /** Denials in the window by principals outside the run's scope: not findings, listed apart. */
  otherDenials: OtherDenial[];
}

export interface LiveListeners {
  onProgress?: (event: LiveProgress) => void;
  /**
   * Evidence as each source yields it (a file, ECS, a CloudTrail page, a query's rows), before
   * the analysis at the end.
   */
  onEvidence?: (evidence: Evidence[]) => void;
}

/** The live sources (and the files beside them) analysed by the one pipeline, for a listener. */
export async function analyzeLive(options: LiveOptions, listeners: LiveListeners = {}): Promise<LiveResult> {
  const partial: string[] = [];
  const others: CloudTrailEvidence[] = [];
  const { analysis } = await finalAnalysis(liveAnalysis(options, {}, others), (event) => {
    const line = partialOf(event);
    if (line !== null) partial.push(line);
    if (event.type === 'progress') listeners.onProgress?.(event.progress);
    else if (event.type === 'evidence') listeners.onEvidence?.(event.evidence);
    else if (event.type === 'analysing')
      listeners.onProgress?.({ type: 'analysing', evidence: event.evidence });
  });
  return { analysis, partial, otherDenials: otherDenials(others) };
}

/** What an event says could not be read, as a partial line; null for any other event. */
export function partialOf(event: AnalysisEvent<LiveProgress>): string | null {
  // A source's problem is a warning event, said as a partial line; a note is said as written.
  if (event.type === 'note') return event.text;
  if (event.type === 'warning') return partialLine(event.warning);
  return null;
}

/**
 * The run's events; what could not be read, said for the user, comes as `note` events (the
 * sources' as they meet it, the verification's and decoding's just before the final event).
 * The final analysis's fixes are verified (policy files, else IAM unless --no-iam-verify);
 * interim ones (`run.interim`) are not, since IAM is read once every source is.
 */
export function liveAnalysis(
  options: LiveOptions,
  run: Pick<RunOptions, 'interim'> = {},
  /** Collects the denials of principals outside the run's scope, listed apart. */
  others: CloudTrailEvidence[] = [],
): AsyncGenerator<AnalysisEvent<LiveProgress>> {
  const now = options.now ?? new Date();
  const start = parseSince(options.since ?? '2h', now);
  if (!start) throw new RangeError(`--since ${options.since}: expected a duration such as 30m, 2h, 1d, 7d`);
  const policies = options.policies?.length ? options.policies : null;
  // One set of clients for the whole run (sources, IAM verification, STS decoding): the
  // credentials are resolved once, not once per step.
  const clients = options.clients ?? createClients(options);
  // What the final verification could not read: said as notes before the final event, since the
  // verification runs inside the pipeline, after every source has ended.
  const verifyNotes: string[] = [];
  const events = runAnalysis([liveSource(options, clients, { start, end: now }, others)], {
    ...run,
    ...(options.allEvidence ? { evidenceSample: 'all' as const } : {}),
    verify: async (analysis, final) => {
      if (!final) return analysis;
      const verified = policies
        ? await verifiedAgainst(analysis, policies)
        : options.verifyWithIam === false
          ? analysis
          : await verifiedLive(analysis, clients, verifyNotes);
      const decoded = await decodedLive(verified, clients, {
        profile: options.profile,
        region: options.region ?? null,
      });
      verifyNotes.push(...decoded.partial);
      return decoded.analysis;
    },
  });
  const noted = notesBeforeFinal(events, verifyNotes);
  // Clients a test gave are the test's to close.
  return options.clients ? noted : closedAfter(noted, clients);
}

/** The run's events, with the notes the final verification left put just before the final event. */
async function* notesBeforeFinal(
  events: AsyncGenerator<AnalysisEvent<LiveProgress>>,
  notes: string[],
): AsyncGenerator<AnalysisEvent<LiveProgress>> {
  for await (const event of events) {
    if (event.type === 'final')
      for (const text of notes.splice(0)) yield { type: 'note', level: 'warn', code: CODES.note, text };
    yield event;
  }
}

/** The run's events, then the clients it made closed, however the listener stops reading. */
async function* closedAfter<E>(events: AsyncGenerator<E>, clients: AwsClients): AsyncGenerator<E> {
  try {
    yield* events;
  } finally {
    clients.destroy();
  }
}

/**
 * The files given, then ECS (what ran, what stopped and why), the containers' logs, then
 * CloudTrail planned from what ECS found, each as a batch when it is read (CloudTrail page by
 * page); last, what could not be read as warnings, once each.
 */
function liveSource(
  options: LiveOptions,
  clients: AwsClients,
  window: TimeWindow,
  others: CloudTrailEvidence[],
): Source<LiveProgress> {
  return sourceOf<LiveProgress>(async (push) => {
    const onProgress = (progress: LiveProgress) => push({ type: 'progress', progress });
    const note = (texts: string[]) => {
      for (const text of texts) push({ type: 'note', text });
    };
    // What was read before CloudTrail, to plan its lookups from.
    const known: Evidence[] = [];
    const batch = (source: string, evidence: Evidence[], warnings: InputWarning[] = [], inputs = 0) => {
      known.push(...evidence);
      return push({
        type: 'batch',
        source,
        format: 'live',
        evidence,
        warnings,
        inputs,
        bytes: 0,
        records: 0,
      });
    };
    const problems: AwsProblem[] = [];
    const context = { profile: options.profile, region: options.region ?? (await clients.region()) };
    for await (const file of readFiles(options.inputs ?? [])) {
      known.push(...file.evidence);
      push({ type: 'batch', ...file, inputs: 0 });
      onProgress({ type: 'file-read', source: file.source, evidence: file.evidence.length });
    }
    const ecs =
      options.cluster || options.service || options.tasks?.length
        ? await readEcs(
            clients.ecs,
            { cluster: options.cluster, service: options.service, tasks: options.tasks },
            { context, onProgress },
          )
        : null;
    if (ecs) {
      batch('api:ECS', ecs.evidence);
      problems.push(...ecs.problems);
    }
    if (options.ecsEventsLogGroup) {
      const running = new Set(
        (ecs?.evidence ?? []).flatMap((item) => (item.kind === 'ecs-task' ? [item.taskArn] : [])),
      );
      const events = await readEcsEventsLogGroup(clients.logs, options.ecsEventsLogGroup, window, {
        context,
        scope: { cluster: options.cluster, service: options.service, knownTasks: running },
      });
      batch('api:EcsTaskEvents', events.evidence, events.warnings);
      problems.push(...events.problems);
      note(events.notes);
    }
    if (ecs && options.containerLogs !== false) {
      const groups = containerLogGroups(ecs.evidence);
      if (groups.length) {
        const logs = await readContainerLogs(clients.logs, groups, window, { context, onProgress });
        batch('api:CloudWatchLogs', logs.evidence);
        problems.push(...logs.problems);
        note(logs.notes);
      }
    }
    // Whole-window sources return every principal's denials: the scope's are findings, the others' listed apart.
    const scope = scopeOf(ecs?.evidence ?? [], options.roleArns ?? []);
    const trail = await readCloudTrail(clients, options, ecs, [...known], window, context, {
      onProgress,
      onEvidence: (evidence) => {
        const scoped = splitByScope(evidence, scope);
        others.push(...scoped.others);
        return batch('api:CloudTrail', scoped.evidence);
      },
    });
    problems.push(...trail.problems);
    note(trail.notes);
    const warnings: InputWarning[] = [];
    const seen = new Set<string>();
    for (const problem of problems) {
      const warning = warningOf(problem);
      const key = `${warning.origin}\n${warning.problem}`;
      if (seen.has(key)) continue;
      seen.add(key);
      warnings.push(warning);
    }
    // The files given count one each, and the live sources one together.
    batch('live', [], warnings, (options.inputs?.length ?? 0) + 1);
  });
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
  /** What was read before CloudTrail, to plan the lookups from. */
  known: Evidence[],
  window: TimeWindow,
  context: ProblemContext,
  { onProgress, onEvidence }: LiveListeners,
): Promise<{ evidence: Evidence[]; problems: AwsProblem[]; notes: string[] }> {
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
  const trail = await lookupIncident(
    clients,
    { evidence: known, roleArns, ecsRoleArns: ecs?.roleArns ?? [], window, region: context.region ?? null },
    {
      context,
      budget: {
        calls: options.lookupBudget ?? DEFAULT_LOOKUP_BUDGET.calls,
        pagesPerLookup: options.maxPagesPerLookup ?? DEFAULT_LOOKUP_BUDGET.pagesPerLookup,
      },
      ...(options.lookupsPerSecond ? { perSecond: options.lookupsPerSecond } : {}),
      ...(onProgress ? { onProgress } : {}),
      ...(onEvidence ? { onEvidence } : {}),
    },
  );
  return {
    evidence: trail.evidence,
    problems: [...fallback, ...trail.problems],
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
        {
          table: options.athenaTable,
          window,
          accounts,
          roleArns,
          writesSince: writesSince(window, options.iamLookback === true),
        },
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
        writesSince: writesSince(window, options.iamLookback === true),
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
async function verifiedLive(analysis: Analysis, clients: AwsClients, partial: string[]): Promise<Analysis> {
  if (!analysis.findings.some((finding) => finding.fix)) return analysis;
  const warnings: InputWarning[] = [];
  const findings = await verifyFindingsLive(analysis.findings, clients, { warnings });
  for (const warning of warnings) partial.push(partialLine(warning));
  return withVerifiedFindings(analysis, findings, warnings);
}

export { isLive, parseSince } from './live-options.js';
