/**
 * What a live run is about. A run scoped to a cluster, a service, tasks or roles reports the
 * denials of those roles and tasks; a CloudTrail source that reads the whole window (Athena,
 * Logs Insights) also returns every other principal's denials, which belong to other
 * workloads: they are listed apart, never made findings of the service under investigation.
 */
import type { CloudTrailEvidence, Evidence } from './evidence.js';
import { taskIdFromArn } from './evidence.js';
import { parsePrincipal, roleNameFromArn } from './principal.js';

export interface Scope {
  /** The roles of the tasks ECS described and the roles the user named, by name. */
  roleNames: Set<string>;
  taskIds: Set<string>;
}

/** A denial in the window by a principal outside the scope, counted per principal and call. */
export interface OtherDenial {
  principalArn: string;
  /** `eventSource eventName` as CloudTrail names the call. */
  call: string;
  errorCode: string | null;
  count: number;
  firstSeen: string | null;
  lastSeen: string | null;
}

/** The scope ECS's evidence and the user's role ARNs give; null when neither names anything. */
export function scopeOf(evidence: Evidence[], roleArns: string[]): Scope | null {
  const roleNames = new Set(roleArns.map(roleNameFromArn).filter(Boolean));
  const taskIds = new Set<string>();
  for (const item of evidence) {
    if (item.kind === 'ecs-task') taskIds.add(taskIdFromArn(item.taskArn));
    if (item.kind === 'task-definition') {
      for (const arn of [item.executionRoleArn, item.taskRoleArn])
        if (arn) roleNames.add(roleNameFromArn(arn));
    }
  }
  return roleNames.size || taskIds.size ? { roleNames, taskIds } : null;
}

/**
 * Whether a CloudTrail record concerns the scope: made by one of its roles or tasks' sessions,
 * or aimed at one of its roles (a deployer refused iam:PassRole on it, ECS refused its
 * AssumeRole).
 */
export function inScope(item: CloudTrailEvidence, scope: Scope): boolean {
  const { call } = item;
  const principal = parsePrincipal(call.principalArn ?? '');
  if (principal.roleName && scope.roleNames.has(principal.roleName)) return true;
  if (principal.session && scope.taskIds.has(principal.session)) return true;
  if (call.sessionIssuerArn && scope.roleNames.has(roleNameFromArn(call.sessionIssuerArn))) return true;
  const aimedAt = [call.requestedRoleArn, ...call.resources].filter((arn): arn is string => Boolean(arn));
  return aimedAt.some((arn) => /:iam::[^:]*:role\//.test(arn) && scope.roleNames.has(roleNameFromArn(arn)));
}

/** Splits CloudTrail denials into the scope's and the others'; every other kind of evidence stays. */
export function splitByScope(
  evidence: Evidence[],
  scope: Scope | null,
): { evidence: Evidence[]; others: CloudTrailEvidence[] } {
  if (!scope) return { evidence, others: [] };
  const kept: Evidence[] = [];
  const others: CloudTrailEvidence[] = [];
  for (const item of evidence) {
    if (item.kind === 'cloudtrail-record' && !inScope(item, scope)) others.push(item);
    else kept.push(item);
  }
  return { evidence: kept, others };
}

/** The others' denials, one line per principal and call, most frequent first. */
export function otherDenials(others: CloudTrailEvidence[]): OtherDenial[] {
  const byKey = new Map<string, OtherDenial>();
  for (const { call, time } of others) {
    const principalArn = call.principalArn ?? call.invokedBy ?? 'unknown principal';
    const name = `${call.eventSource} ${call.eventName}`;
    const key = `${principalArn}\n${name}\n${call.errorCode ?? ''}`;
    const entry = byKey.get(key) ?? {
      principalArn,
      call: name,
      errorCode: call.errorCode,
      count: 0,
      firstSeen: time,
      lastSeen: time,
    };
    entry.count += 1;
    if (time && (!entry.firstSeen || time < entry.firstSeen)) entry.firstSeen = time;
    if (time && (!entry.lastSeen || time > entry.lastSeen)) entry.lastSeen = time;
    byKey.set(key, entry);
  }
  return [...byKey.values()].sort(
    (a, b) => b.count - a.count || a.principalArn.localeCompare(b.principalArn),
  );
}
