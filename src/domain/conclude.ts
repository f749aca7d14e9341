/**
 * Second pass: every observed denial resolved and classified (denial-draft.ts), the drafts
 * that are one denial merged (merge-denials.ts) into findings with their evidence, each with
 * its revision; and the look-alikes and advisories beside them. The denials come folded
 * (analysis-fold.ts): one draft per class of sightings that say the same thing.
 */
import type { ActionCatalog } from './action-catalog.js';
import {
  type Advisory,
  type Analysis,
  type EvidenceCitation,
  type Finding,
  SCHEMA_VERSION,
} from './analysis.js';
import type { DenialClass, FoldedObservations } from './analysis-fold.js';
import { type Draft, draftOf, indexTaskDefinitions } from './denial-draft.js';
import { TASKS_SERVICE } from './ecs-steps.js';
import { formatOrigin, type InputWarning, type TaskDefinitionEvidence } from './evidence.js';
import { bySightingOrder, citedSightings, FirstSeen, OriginRanges } from './evidence-sample.js';
import { causeOf } from './iam-cause.js';
import { mergeDrafts } from './merge-denials.js';
import { policyReason } from './policy-verdict.js';
import { roleNameFromArn } from './principal.js';
import { indexRevisions, labelOf, type RevisionIndex, revisionOf } from './revisions.js';
import { timelineOf } from './timeline.js';

/** A class's draft: what its sightings resolve to, with the class to count and cite them. */
type ClassDraft = Draft & { seen: DenialClass };

export function conclude(
  observations: FoldedObservations,
  catalog: ActionCatalog,
  warnings: InputWarning[],
  sampleSize: number,
): Analysis {
  const roles = indexTaskDefinitions(observations.taskDefinitions);
  const drafts = observations.denials.map(
    (seen): ClassDraft => ({
      ...draftOf(seen.observation, observations, roles, catalog, FirstSeen.inOrder([seen.tasks])),
      time: seen.first.time,
      seen,
    }),
  );
  const revisions = indexRevisions(
    observations.taskDefinitions,
    observations.deployments,
    observations.listedRevisions,
  );
  const findings = withTaskRolesOfSameTask(
    mergeDrafts(drafts).map((group) => toFinding(group as ClassDraft[], sampleSize)),
  )
    .map((finding) => withRevision(finding, revisions))
    .map((finding) => ({ ...finding, cause: causeOf(finding, observations.policyChanges) }));
  findings.sort(byFirstSeen);
  // What was named first: a line read and not recognised says less than a look-alike named.
  const notPermission = observations.notPermission
    .map((item) => ({ ...item }))
    .sort((a, b) => Number(a.kind === 'unrecognised') - Number(b.kind === 'unrecognised'));
  const advisories = advisoriesOf(observations.taskDefinitions);
  return {
    schemaVersion: SCHEMA_VERSION,
    findings,
    notPermission,
    warnings,
    advisories,
    timeline: timelineOf(observations, findings, notPermission),
    stats: {
      inputs: 0,
      evidence: { ...observations.evidenceCounts },
      denials: observations.denialCount,
      findings: findings.length,
      notPermission: notPermission.length,
      warnings: warnings.length,
    },
  };
}

function firstNonNull<T>(values: (T | null | undefined)[]): T | null {
  for (const value of values) if (value !== null && value !== undefined) return value;
  return null;
}

function toFinding(drafts: ClassDraft[], sampleSize: number): Finding {
  // Chronological, so that the first task, principal and evidence are the first seen: a class's
  // sightings all say the same, so its earliest sighting stands for them.
  const ordered = [...drafts].sort((a, b) => bySightingOrder(a.seen.first, b.seen.first));
  const best = ordered.reduce((a, b) => (b.classification.confidence > a.classification.confidence ? b : a));
  const readings = ordered.map((draft) => draft.observation.reading);
  const times = ordered
    .flatMap((draft) => [draft.seen.earliestTime, draft.seen.latestTime])
    .filter((time): time is string => time !== null);
  times.sort();
  const action = firstNonNull([best.action, ...ordered.map((draft) => draft.action)]);
  const resources = FirstSeen.inOrder(ordered.map((draft) => draft.seen.resources));
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
  const count = ordered.reduce((sum, draft) => sum + draft.seen.count, 0);

  const reasons = [...best.classification.reasons];
  const policy = policyReason({
    policyType,
    explicitDeny,
    policyArn,
    action,
    resource,
    roleName: roleArn ? roleNameFromArn(roleArn) : (principal?.roleName ?? null),
    userName: principal?.type === 'user' ? (principal.raw.split('/').pop() ?? null) : null,
  });
  // ECS's service-linked role has AWS's policy, which no one edits: its duty's reasons say where to look instead.
  if (policy && best.classification.duty?.principal !== 'service-linked-role') reasons.push(policy);
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
    ecsDuty: best.classification.duty ?? null,
    ...passedToOf(ordered, action),
    action,
    resource,
    resources,
    principalArn,
    roleArn,
    taskId: firstNonNull(ordered.map((draft) => draft.taskId)),
    taskDefinitionArn: firstNonNull(ordered.map((draft) => draft.taskDefinitionArn)),
    service: firstNonNull(
      ordered.map((draft) =>
        draft.observation.evidence.kind === 'cloudtrail-record' ? null : draft.observation.evidence.service,
      ),
    ),
    taskDefinition: null,
    revisionChange: null,
    fix: null,
    policyType,
    policyArn,
    authorizationId: authorization?.authorizationId ?? null,
    explicitDeny,
    firstSeen: times[0] ?? null,
    lastSeen: times[times.length - 1] ?? null,
    count,
    reasons,
    ...evidenceOf(ordered, count, sampleSize),
  };
}

/**
 * One piece per denial seen, in time order (the first and last when they are many); then the
 * app's own lines said beside the pieces cited.
 */
function evidenceOf(
  drafts: ClassDraft[],
  count: number,
  sampleSize: number,
): Pick<Finding, 'evidence' | 'evidenceOmitted' | 'evidenceOrigins'> {
  const cited = citedSightings(
    drafts.map((draft) => draft.seen.sample),
    count,
    sampleSize,
  );
  const related = cited
    .flatMap((sighting) => sighting.related ?? [])
    .map((line): EvidenceCitation => ({ origin: formatOrigin(line.origin), kind: line.kind, raw: line.raw }));
  const evidence = [...cited.map((sighting) => sighting.citation), ...related];
  if (cited.length === count) return { evidence };
  return {
    evidence,
    evidenceOmitted: count - cited.length,
    evidenceOrigins: OriginRanges.describe(drafts.map((draft) => draft.seen.origins)),
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
  } else if (revision.undescribedPrevious) {
    reasons.push(
      `to see what changed since ${revision.undescribedPrevious}, add its definition (aws ecs describe-task-definition --task-definition ${revision.undescribedPrevious})`,
    );
  } else if (change) {
    reasons.push(
      `${revision.taskDefinition} changed nothing since ${change.previous} that explains this: look for a change to the policies instead`,
    );
  }
  const taskDefinitionArn = finding.taskDefinitionArn ?? revision.definition?.taskDefinitionArn ?? null;
  const deployedBy = index.deployments.find(
    (deployment) => deployment.taskDefinitionArn === taskDefinitionArn,
  );
  return {
    ...finding,
    service: finding.service ?? deployedBy?.service ?? null,
    taskDefinition: revision.taskDefinition,
    taskDefinitionArn,
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

/** The service a refused PassRole passed the role to, when it is not ECS's tasks; null when nothing says. */
export function passedToOf(
  drafts: Pick<ClassDraft, 'passedTo'>[],
  action: string | null,
): Pick<Finding, 'passedToService'> {
  if (action?.toLowerCase() !== 'iam:passrole') return {};
  const passedTo = drafts.find((draft) => draft.passedTo)?.passedTo ?? null;
  return passedTo === TASKS_SERVICE ? {} : { passedToService: passedTo };
}
