/**
 * Second pass: resolves each observed denial's action, principal, role and task, classifies
 * it, and merges what is one denial seen several times (a CloudTrail record and the stopped
 * reason of the same task, retries) into one finding with every piece of evidence.
 */
import { type ActionCatalog, actionForOperation, actionFromCloudTrail } from './action-catalog.js';
import {
  type Advisory,
  type Analysis,
  type Finding,
  type NotPermission,
  SCHEMA_VERSION,
} from './analysis.js';
import { type Classification, classify, type RoleJobs } from './classify.js';
import { formatOrigin, type InputWarning, type TaskDefinitionEvidence, taskIdFromArn } from './evidence.js';
import type { DenialObservation, Observations } from './observe.js';
import { policyReason } from './policy-verdict.js';
import { type Principal, parsePrincipal, roleNameFromArn } from './principal.js';
import { indexRevisions, labelOf, type RevisionIndex, revisionOf } from './revisions.js';

interface Draft {
  observation: DenialObservation;
  action: string | null;
  actionNote: string | null;
  principal: Principal | null;
  roleArn: string | null;
  taskId: string | null;
  taskDefinitionArn: string | null;
  classification: Classification;
  time: string | null;
}

export function conclude(
  observations: Observations,
  catalog: ActionCatalog,
  warnings: InputWarning[],
): Analysis {
  const roles = indexTaskDefinitions(observations.taskDefinitions);
  const drafts = observations.denials.map((observation) =>
    draftOf(observation, observations, roles, catalog),
  );
  const revisions = indexRevisions(observations.taskDefinitions, observations.deployments);
  const findings = withTaskRolesOfSameTask(mergeDrafts(drafts).map(toFinding)).map((finding) =>
    withRevision(finding, revisions),
  );
  findings.sort(byFirstSeen);
  const notPermission = lookAlikesOf(observations);
  const advisories = advisoriesOf(observations.taskDefinitions);
  return {
    schemaVersion: SCHEMA_VERSION,
    findings,
    notPermission,
    warnings,
    advisories,
    stats: {
      inputs: 0,
      evidence: observations.evidenceCounts,
      denials: observations.denials.length,
      findings: findings.length,
      notPermission: notPermission.length,
      warnings: warnings.length,
    },
  };
}

interface RoleIndex {
  byArn: Map<string, TaskDefinitionEvidence>;
  /** `account:rolename` (lower case) → task definitions and the job they give the role. */
  jobs: Map<string, RoleJobs>;
  /** `account:rolename` → the role ARN with its IAM path, as the task definition writes it. */
  fullArn: Map<string, string>;
}

function roleKey(roleArn: string): string {
  const account = /^arn:[\w-]+:(?:iam|sts)::([^:]*):/.exec(roleArn)?.[1] ?? '';
  return `${account}:${roleNameFromArn(roleArn)}`.toLowerCase();
}

function indexTaskDefinitions(taskDefinitions: TaskDefinitionEvidence[]): RoleIndex {
  const index: RoleIndex = { byArn: new Map(), jobs: new Map(), fullArn: new Map() };
  for (const definition of taskDefinitions) {
    index.byArn.set(definition.taskDefinitionArn, definition);
    const label = labelOf(definition);
    const add = (roleArn: string | null, job: keyof RoleJobs) => {
      if (!roleArn) return;
      const key = roleKey(roleArn);
      const jobs = index.jobs.get(key) ?? { asExecutionRole: [], asTaskRole: [] };
      if (!jobs[job].includes(label)) jobs[job].push(label);
      index.jobs.set(key, jobs);
      index.fullArn.set(key, roleArn);
    };
    add(definition.executionRoleArn, 'asExecutionRole');
    add(definition.taskRoleArn, 'asTaskRole');
  }
  return index;
}

function draftOf(
  observation: DenialObservation,
  observations: Observations,
  roles: RoleIndex,
  catalog: ActionCatalog,
): Draft {
  const { reading, evidence, context } = observation;
  const call = evidence.kind === 'cloudtrail-record' ? evidence.call : null;
  const { action, note } = resolveAction(observation, catalog);
  const principalText = call?.principalArn ?? reading.principal;
  const principal = principalText ? parsePrincipal(principalText) : null;
  const sessionIsTask = principal?.sessionKind === 'task-id' || principal?.sessionKind === 'uuid';
  const messageTask =
    evidence.kind !== 'cloudtrail-record' && evidence.taskArn ? taskIdFromArn(evidence.taskArn) : null;
  const taskId = sessionIsTask ? (principal?.session ?? null) : messageTask;
  const taskDefinitionArn =
    (evidence.kind !== 'cloudtrail-record' ? evidence.taskDefinitionArn : null) ??
    (taskId ? (observations.taskDefinitionOfTask.get(taskId) ?? null) : null);
  const linkedDefinition = taskDefinitionArn ? (roles.byArn.get(taskDefinitionArn) ?? null) : null;

  let roleArn = call?.sessionIssuerArn ?? principal?.roleArn ?? null;
  if (roleArn) roleArn = roles.fullArn.get(roleKey(roleArn)) ?? roleArn;
  if (reading.template?.step === 'trust' && reading.template.roleArn) roleArn = reading.template.roleArn;
  // A service principal (ECS assuming a task's role) has no ARN: the role it asked for stands in.
  if (!roleArn && !principal && call?.requestedRoleArn) roleArn = call.requestedRoleArn;

  const startUp = reading.template?.actor === 'execution-role' || context === 'stopped-reason';
  if (!roleArn && !principal && linkedDefinition) {
    roleArn = startUp ? linkedDefinition.executionRoleArn : linkedDefinition.taskRoleArn;
  }
  const roleJobs = roleArn ? jobsFor(roleArn, roles, linkedDefinition) : null;
  const classification = classify({
    principal,
    action,
    template: reading.template,
    context,
    call,
    roleJobs,
    taskHasNoTaskRole: linkedDefinition !== null && linkedDefinition.taskRoleArn === null,
    fromLambda: reading.fromLambda,
  });
  if (linkedDefinition && linkedDefinition.taskRoleArn === null && classification.role === 'task-role') {
    classification.reasons.push(`task definition ${labelOf(linkedDefinition)} has no taskRoleArn`);
  }
  return {
    observation,
    action,
    actionNote: note,
    principal,
    roleArn,
    taskId,
    taskDefinitionArn,
    classification,
    time: evidence.time,
  };
}

/** Jobs of the role in the task's own revision when known, else in every revision among the inputs. */
function jobsFor(roleArn: string, roles: RoleIndex, linked: TaskDefinitionEvidence | null): RoleJobs | null {
  if (linked) {
    const key = roleKey(roleArn);
    const label = labelOf(linked);
    const jobs: RoleJobs = {
      asExecutionRole: linked.executionRoleArn && roleKey(linked.executionRoleArn) === key ? [label] : [],
      asTaskRole: linked.taskRoleArn && roleKey(linked.taskRoleArn) === key ? [label] : [],
    };
    if (jobs.asExecutionRole.length > 0 || jobs.asTaskRole.length > 0) return jobs;
  }
  return roles.jobs.get(roleKey(roleArn)) ?? null;
}

/** The message's own action wins; then what its form implies, CloudTrail's event, the SDK operation. */
function resolveAction(
  observation: DenialObservation,
  catalog: ActionCatalog,
): { action: string | null; note: string | null } {
  const { reading, evidence } = observation;
  if (reading.writtenAction) {
    const canonical = catalog.canonical(reading.writtenAction);
    if (canonical) return { action: canonical, note: null };
    if (reading.actionMayBeCut) {
      const completions = catalog.completions(reading.writtenAction);
      if (completions.length === 1) {
        return { action: completions[0] ?? null, note: `the message was cut at "${reading.writtenAction}"` };
      }
      return { action: null, note: `the message was cut at "${reading.writtenAction}"` };
    }
    return { action: reading.writtenAction, note: null };
  }
  const implied = reading.impliedAction;
  if (implied?.action.startsWith('kms:'))
    return { action: implied.action, note: `action inferred: ${implied.why}` };
  if (evidence.kind === 'cloudtrail-record') {
    return {
      action: actionFromCloudTrail(evidence.call.eventSource, evidence.call.eventName, catalog),
      note: null,
    };
  }
  for (const mentioned of reading.mentionedActions) {
    const canonical = catalog.canonical(mentioned);
    if (canonical) return { action: canonical, note: `the message names ${canonical}` };
  }
  // ECS's step says more than a verb guessed from the words around an S3 error.
  if (implied && reading.operationFromWords)
    return { action: implied.action, note: `action inferred: ${implied.why}` };
  if (reading.operation) {
    const services =
      reading.services.length > 0 ? reading.services : catalog.servicesWithAction(reading.operation);
    const candidates = services
      .map((service) => actionForOperation(service, reading.operation ?? '', catalog))
      .filter((action): action is string => action !== null);
    if (candidates.length === 1 || (candidates.length > 1 && reading.services.length > 0)) {
      return {
        action: candidates[0] ?? null,
        note: `action inferred from the ${reading.operation} operation the error names`,
      };
    }
  }
  if (implied) return { action: implied.action, note: `action inferred: ${implied.why}` };
  return { action: null, note: null };
}

function identityOf(draft: Draft): string {
  if (draft.roleArn) return roleKey(draft.roleArn);
  if (draft.principal) return draft.principal.raw.toLowerCase();
  return `unnamed:${draft.classification.role}`;
}

function keyOf(draft: Draft): { identity: string; what: string; resource: string } {
  return {
    identity: identityOf(draft),
    what: draft.action?.toLowerCase() ?? `step:${draft.classification.step}`,
    resource: resourceFamily(resourceOf(draft) ?? ''),
  };
}

function resourceOf(draft: Draft): string | null {
  return draft.observation.reading.resource ?? resourceOfCall(draft);
}

/**
 * Denials of one action on many objects of a bucket, or on the log streams of one log group
 * (one per task), are one misconfiguration: they group under the bucket or the group.
 */
export function resourceFamily(resource: string): string {
  const object = /^(arn:[\w-]+:s3:::[^/]+)\/.+$/.exec(resource);
  if (object) return `${object[1]}/*`;
  const stream = /^(arn:[\w-]+:logs:[^:]*:[^:]*:log-group:[^:]+:log-stream:).+$/.exec(resource);
  if (stream) return `${stream[1]}*`;
  return resource;
}

function resourceOfCall(draft: Draft): string | null {
  const { evidence } = draft.observation;
  return evidence.kind === 'cloudtrail-record' ? (evidence.call.resources[0] ?? null) : null;
}

/**
 * One group per (role, action, resource). A group that lacks the resource (a cut message, a
 * principal-less one) joins the only group of the same action that has one.
 */
function mergeDrafts(drafts: Draft[]): Draft[][] {
  const groups = new Map<string, { key: ReturnType<typeof keyOf>; drafts: Draft[] }>();
  for (const draft of drafts) {
    const key = keyOf(draft);
    const id = `${key.identity}|${key.what}|${key.resource}`;
    const group = groups.get(id) ?? { key, drafts: [] };
    group.drafts.push(draft);
    groups.set(id, group);
  }
  const all = [...groups.values()];
  const absorbed = new Set<(typeof all)[number]>();
  for (const group of all) {
    const { identity, what, resource } = group.key;
    const unnamed = identity.startsWith('unnamed:');
    if (resource !== '' && !unnamed) continue;
    const homes = all.filter(
      (other) =>
        other !== group &&
        !absorbed.has(other) &&
        other.key.what === what &&
        (unnamed ? !other.key.identity.startsWith('unnamed:') : other.key.identity === identity) &&
        (resource === '' || other.key.resource === resource) &&
        (!unnamed || sameTaskOrUnknown(group.drafts, other.drafts)),
    );
    const home = homes.length === 1 ? homes[0] : undefined;
    if (home) {
      home.drafts.push(...group.drafts);
      absorbed.add(group);
    }
  }
  return all.filter((group) => !absorbed.has(group)).map((group) => group.drafts);
}

function sameTaskOrUnknown(a: Draft[], b: Draft[]): boolean {
  const tasksOf = (drafts: Draft[]) => new Set(drafts.map((d) => d.taskId).filter((id) => id !== null));
  const left = tasksOf(a);
  const right = tasksOf(b);
  if (left.size === 0 || right.size === 0) return true;
  return [...left].some((id) => right.has(id));
}

function firstNonNull<T>(values: (T | null | undefined)[]): T | null {
  for (const value of values) if (value !== null && value !== undefined) return value;
  return null;
}

function toFinding(drafts: Draft[]): Finding {
  // Chronological, so that the first task, principal and evidence are the first seen.
  const ordered = [...drafts].sort(
    (a, b) =>
      (a.time ?? '\uffff').localeCompare(b.time ?? '\uffff') || a.observation.order - b.observation.order,
  );
  const best = ordered.reduce((a, b) => (b.classification.confidence > a.classification.confidence ? b : a));
  const readings = ordered.map((draft) => draft.observation.reading);
  const times = ordered.map((draft) => draft.time).filter((time): time is string => time !== null);
  times.sort();
  const action = firstNonNull([best.action, ...ordered.map((draft) => draft.action)]);
  const resources = [...new Set(ordered.map(resourceOf).filter((arn): arn is string => arn !== null))];
  const resource = resources[0] ?? null;
  const policyType = firstNonNull(readings.map((r) => r.policyType));
  const explicitDeny = firstNonNull(readings.map((r) => r.explicitDeny));
  const policyArn = firstNonNull(readings.map((r) => r.policyArn));
  const roleArn = ordered
    .map((draft) => draft.roleArn)
    .filter((arn): arn is string => arn !== null)
    .reduce<string | null>(
      (longest, arn) => (longest === null || arn.length > longest.length ? arn : longest),
      null,
    );
  const principal = firstNonNull(ordered.map((draft) => draft.principal));
  const principalArn =
    ordered.find((draft) => draft.principal?.session)?.principal?.raw ?? principal?.raw ?? null;

  const reasons = [...best.classification.reasons];
  const policy = policyReason({
    policyType,
    explicitDeny,
    policyArn,
    action,
    resource,
    roleName: roleArn ? roleNameFromArn(roleArn) : (principal?.roleName ?? null),
  });
  if (policy) reasons.push(policy);
  else if (best.classification.role !== 'other' || best.classification.step === 'trust') {
    reasons.push(
      "the message does not say which policy denied it; most often the role's own policy lacks an Allow",
    );
  }
  for (const draft of ordered) {
    if (draft.actionNote && !reasons.includes(draft.actionNote)) reasons.push(draft.actionNote);
  }
  const authorization = ordered.find((draft) => draft.observation.reading.authorizationId)?.observation
    .reading;
  if (authorization?.authorizationId) {
    reasons.push(
      `IAM kept the details under authorization id ${authorization.authorizationId} for 24 hours${authorization.detailsUrl ? ` (${authorization.detailsUrl})` : ''}`,
    );
  }
  return {
    role: best.classification.role,
    step: best.classification.step,
    action,
    resource,
    resources,
    principalArn,
    roleArn,
    taskId: firstNonNull(ordered.map((draft) => draft.taskId)),
    taskDefinitionArn: firstNonNull(ordered.map((draft) => draft.taskDefinitionArn)),
    taskDefinition: null,
    revisionChange: null,
    fix: null,
    policyType,
    policyArn,
    authorizationId: authorization?.authorizationId ?? null,
    explicitDeny,
    firstSeen: times[0] ?? null,
    lastSeen: times[times.length - 1] ?? null,
    count: ordered.length,
    reasons,
    evidence: ordered.map((draft) => ({
      origin: formatOrigin(draft.observation.evidence.origin),
      kind: draft.observation.evidence.kind,
      raw: draft.observation.evidence.raw,
    })),
  };
}

/**
 * An SDK error that names no principal (S3's bare Access Denied) came from the same task role
 * as the task's other denials that do name one: the task id ties them.
 */
function withTaskRolesOfSameTask(findings: Finding[]): Finding[] {
  const taskRoles = new Map<string, Finding>();
  for (const finding of findings) {
    if (finding.role === 'task-role' && finding.taskId && finding.roleArn)
      taskRoles.set(finding.taskId, finding);
  }
  return findings.map((finding) => {
    const named =
      finding.role === 'task-role' && !finding.roleArn && finding.taskId
        ? taskRoles.get(finding.taskId)
        : undefined;
    if (!named) return finding;
    return {
      ...finding,
      roleArn: named.roleArn,
      taskDefinitionArn: finding.taskDefinitionArn ?? named.taskDefinitionArn,
      reasons: [...finding.reasons, `the same task's other denials name its task role, ${named.roleArn}`],
    };
  });
}

/** The revision the denial belongs to, what changed in it, and that in words among the reasons. */
function withRevision(finding: Finding, index: RevisionIndex): Finding {
  const revision = revisionOf(finding, index);
  const reasons = [...finding.reasons];
  const change = revision.revisionChange;
  if (revision.taskDefinition === null) reasons.push(`no revision: ${revision.reason}`);
  else if (change && change.changes.length > 0) {
    reasons.push(
      `introduced in ${revision.taskDefinition}, which since ${change.previous}: ${change.changes.join('; ')}`,
    );
  } else if (change) {
    reasons.push(
      `${revision.taskDefinition} changed nothing since ${change.previous} that explains this: look for a change to the policies instead`,
    );
  }
  return {
    ...finding,
    taskDefinition: revision.taskDefinition,
    taskDefinitionArn: finding.taskDefinitionArn ?? revision.definition?.taskDefinitionArn ?? null,
    revisionChange: change,
    reasons,
  };
}

function byFirstSeen(a: Finding, b: Finding): number {
  if (a.firstSeen === b.firstSeen) return 0;
  if (a.firstSeen === null) return 1;
  if (b.firstSeen === null) return -1;
  return a.firstSeen < b.firstSeen ? -1 : 1;
}

function lookAlikesOf(observations: Observations): NotPermission[] {
  const byText = new Map<string, NotPermission>();
  for (const { reading, evidence } of observations.lookAlikes) {
    const existing = byText.get(reading.text);
    if (existing) {
      existing.count += 1;
      if (evidence.time && (!existing.time || evidence.time < existing.time)) existing.time = evidence.time;
      continue;
    }
    byText.set(reading.text, {
      message: reading.text,
      kind: reading.kind,
      likelyCause: reading.likelyCause,
      origin: formatOrigin(evidence.origin),
      time: evidence.time,
      count: 1,
    });
  }
  return [...byText.values()];
}

function advisoriesOf(taskDefinitions: TaskDefinitionEvidence[]): Advisory[] {
  return taskDefinitions
    .filter(
      (definition) => definition.executionRoleArn && definition.executionRoleArn === definition.taskRoleArn,
    )
    .map((definition) => ({
      origin: formatOrigin(definition.origin),
      message: `${labelOf(definition)} uses one role (${definition.taskRoleArn}) as both execution role and task role: the app gets every start-up permission (image pull, secrets) and ECS gets the app's; give each job its own role`,
    }));
}
