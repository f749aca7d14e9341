/**
 * Which LookupEvents calls find an incident's denials cheaply. LookupEvents takes one lookup
 * attribute a call and cannot filter on errorCode, so a lookup by event source pages through
 * every principal's calls (tens of thousands an hour in a busy account). The narrow attribute
 * is the task's role session: ECS names the sessions of both a task's roles after the task id,
 * and LookupEvents' `Username` of an assumed-role event is its session name (the AWS CLI's
 * lookup-events example: `"Username": "my-session-name"` for `assumed-role/my-role/my-session-name`).
 * So one lookup a task finds what both its roles were refused, in a page or two.
 *
 * Global services' events (IAM, STS's global endpoint...) are in us-east-1's history only: a
 * task's session is looked up there too when the evidence already read names a global
 * service's action for it. The policy writes to a role are IAM events, read in us-east-1 for
 * the roles that were denied. Pure: what ECS, the logs and the files said in, lookups out.
 */
import type { Evidence, TaskEvidence } from '../domain/evidence.js';
import { taskIdFromArn } from '../domain/evidence.js';
import { isGlobalServiceAction } from '../domain/global-services.js';
import { type Json, object, text } from '../domain/json-value.js';
import { type DenialReading, readMessage } from '../domain/message-reading.js';
import { parsePrincipal, roleNameFromArn, sessionKind } from '../domain/principal.js';
import type { Lookup } from './cloudtrail-lookup.js';

/** Where a lookup reads: the region the tasks run in, or us-east-1 for global services' events. */
export type LookupPlace = 'regional' | 'global';

export interface PlannedLookup extends Lookup {
  place: LookupPlace;
  /**
   * Why it is made: a task's sessions, a task's calls to global services, a role's policy
   * writes, a denied resource's policy writes, a role's AssumeRole events to learn its
   * sessions when no task is known, or, with nothing known at all, a start-up service's events.
   */
  purpose:
    | 'task-session'
    | 'global-session'
    | 'role-changes'
    | 'resource-changes'
    | 'role-sessions'
    | 'sweep';
}

export interface LookupBudget {
  /** LookupEvents calls for the whole run, pages of every lookup and both regions together. */
  calls: number;
  /** Pages (50 events each) one lookup may read; a lookup never walks its window unbounded. */
  pagesPerLookup: number;
}

/**
 * 20 calls are about 10 s at CloudTrail's 2 calls a second; 3 pages are 150 events of one
 * task's sessions, more than a task that fails at start makes.
 */
export const DEFAULT_LOOKUP_BUDGET: LookupBudget = { calls: 20, pagesPerLookup: 3 };

type TaskDenial = { reading: DenialReading; taskArn: string | null };

function denialReadings(evidence: Evidence[]): TaskDenial[] {
  const found: TaskDenial[] = [];
  for (const item of evidence) {
    if (
      item.kind !== 'ecs-stopped-task' &&
      item.kind !== 'ecs-container-reason' &&
      item.kind !== 'ecs-service-event' &&
      item.kind !== 'app-log-line'
    ) {
      continue;
    }
    for (const reading of readMessage(item.message, item.context !== 'log-line')) {
      if (reading.type === 'denial') found.push({ reading, taskArn: item.taskArn });
    }
  }
  return found;
}

function actionOf(reading: DenialReading): string | null {
  return reading.writtenAction ?? reading.impliedAction?.action ?? reading.mentionedActions[0] ?? null;
}

/** A task id from a message's principal (`assumed-role/<role>/<task id>`), else from its task. */
function taskIdOf(reading: DenialReading, taskArn: string | null): string | null {
  const principal = parsePrincipal(reading.principal ?? '');
  if (principal.session && principal.sessionKind === 'task-id') return principal.session;
  return taskArn ? taskIdFromArn(taskArn) : null;
}

/** Tasks that ran in the window (stopped in it, or still running), newest first, then tasks only messages name. */
function tasksInWindow(evidence: Evidence[], denials: TaskDenial[], start: Date): string[] {
  const tasks = evidence
    .filter((item): item is TaskEvidence => item.kind === 'ecs-task')
    .filter((task) => !task.stoppedAt || Date.parse(task.stoppedAt) >= start.getTime())
    .sort((a, b) => Date.parse(b.stoppedAt ?? b.time ?? '') - Date.parse(a.stoppedAt ?? a.time ?? '') || 0)
    .map((task) => taskIdFromArn(task.taskArn));
  const named = denials
    .map(({ reading, taskArn }) => taskIdOf(reading, taskArn))
    .filter((id): id is string => id !== null);
  return [...new Set([...tasks, ...named])];
}

/**
 * The first lookups: each task's sessions in its region, newest task first; and in us-east-1
 * the sessions of tasks whose messages name a global service's action (needless when the
 * tasks run in us-east-1, whose history holds both).
 */
export function sessionLookups(evidence: Evidence[], start: Date, region: string | null): PlannedLookup[] {
  // Reading every message is the costly part: once for both kinds of lookup.
  const denials = denialReadings(evidence);
  const regional = tasksInWindow(evidence, denials, start).map(
    (value): PlannedLookup => ({ attribute: 'Username', value, place: 'regional', purpose: 'task-session' }),
  );
  if (region === 'us-east-1') return regional;
  const global = denials
    .filter(({ reading }) => {
      const action = actionOf(reading);
      return action !== null && isGlobalServiceAction(action);
    })
    .map(({ reading, taskArn }) => taskIdOf(reading, taskArn))
    .filter((id): id is string => id !== null);
  return [
    ...regional,
    ...[...new Set(global)].map(
      (value): PlannedLookup => ({
        attribute: 'Username',
        value,
        place: 'global',
        purpose: 'global-session',
      }),
    ),
  ];
}

/** Role names the denials read so far were made by (CloudTrail's principals, the messages' principals). */
function deniedRoleNames(evidence: Evidence[]): { named: Set<string>; unnamed: boolean } {
  const named = new Set<string>();
  let unnamed = false;
  for (const item of evidence) {
    if (item.kind !== 'cloudtrail-record') continue;
    const role =
      parsePrincipal(item.call.principalArn ?? '').roleName ??
      (item.call.sessionIssuerArn ? roleNameFromArn(item.call.sessionIssuerArn) : null);
    if (role) named.add(role);
  }
  for (const { reading } of denialReadings(evidence)) {
    const role = parsePrincipal(reading.principal ?? '').roleName;
    if (role) named.add(role);
    else unnamed = true;
  }
  return { named, unnamed };
}

/**
 * After the sessions: the policy writes to each role of the scope that was denied, where IAM
 * records them. When only denials that name no principal were read (an S3 `Access Denied`, an
 * ECS message without IAM's sentence), either role could be the one: every role is read.
 */
export function roleChangeLookups(evidence: Evidence[], scopeRoleArns: string[]): PlannedLookup[] {
  const scope = [...new Set(scopeRoleArns.map(roleNameFromArn).filter(Boolean))];
  const { named, unnamed } = deniedRoleNames(evidence);
  // A message without a principal is most often a denial CloudTrail named already (a stopped
  // reason and the record of one refusal): every role is read only when nothing named one.
  const denied = scope.filter((name) => named.has(name));
  const roles = denied.length > 0 ? denied : unnamed ? scope : [];
  return roles.map((value) => ({
    attribute: 'ResourceName',
    value,
    place: 'global',
    purpose: 'role-changes',
  }));
}

/**
 * A role whose sessions are not known (no task of it is known: ECS was not asked, may not be
 * read, or forgot the tasks an hour after they stopped; or a role the user named that no task
 * definition uses, such as a deployer's) names its sessions in its AssumeRole events: ECS
 * assumes a task's roles with the task id as the session name, and the event names the role
 * it assumed (LookupEvents finds it by the role's ARN). One lookup a role, in the region read.
 */
export function roleSessionLookups(roleArns: string[]): PlannedLookup[] {
  return [...new Set(roleArns)].map((value) => ({
    attribute: 'ResourceName',
    value,
    place: 'regional',
    purpose: 'role-sessions',
  }));
}

/** The session name an AssumeRole event of one of `roleNames` gave, or null. */
export function assumedSession(record: Json, roleNames: Set<string>): string | null {
  if (record.eventSource !== 'sts.amazonaws.com' || record.eventName !== 'AssumeRole') return null;
  const request = object(record.requestParameters);
  const role = text(request.roleArn);
  const session = text(request.roleSessionName);
  if (!role || !session || !roleNames.has(roleNameFromArn(role))) return null;
  return sessionKind(session) === 'unknown' ? null : session;
}

/** Sessions learnt from AssumeRole events, newest first, as lookups of each task's sessions. */
export function discoveredSessionLookups(sessions: string[]): PlannedLookup[] {
  return [...new Set(sessions)].map((value) => ({
    attribute: 'Username',
    value,
    place: 'regional',
    purpose: 'task-session',
  }));
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

/**
 * With no task and no role to look for (a query source failed on a run that named nothing
 * else), only the start-up services' events can be read: every principal's, so each sweep is
 * held to its page budget and the run's call budget like any lookup.
 */
export function sweepLookups(): PlannedLookup[] {
  return START_UP_SOURCES.map((value) => ({
    attribute: 'EventSource',
    value,
    place: 'regional',
    purpose: 'sweep',
  }));
}
