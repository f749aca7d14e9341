/**
 * The analysis as it was before it was folded batch by batch (analysis-fold.ts): every piece of
 * evidence observed at once and every denial drafted on its own. Kept as the reference the
 * folded analysis must equal (analysis-fold.test.ts); not used by the program.
 *
 * Second pass: every observed denial resolved and classified (denial-draft.ts), the drafts
 * that are one denial merged (merge-denials.ts) into findings with every piece of evidence,
 * each with its revision; and the look-alikes and advisories beside them.
 */
import { type ActionCatalog, loadActionCatalog } from '../../src/domain/action-catalog.js';
import { loadActionDetails } from '../../src/domain/action-details.js';
import {
  type Advisory,
  type Analysis,
  type Finding,
  type NotPermission,
  SCHEMA_VERSION,
} from '../../src/domain/analysis.js';
import { passedToOf } from '../../src/domain/conclude.js';
import { type Draft, draftOf, indexTaskDefinitions } from '../../src/domain/denial-draft.js';
import { withDecodeCommands } from '../../src/domain/encoded-authorization.js';
import {
  type Evidence,
  formatOrigin,
  type InputWarning,
  type TaskDefinitionEvidence,
} from '../../src/domain/evidence.js';
import { withFixes } from '../../src/domain/fix-synthesis.js';
import { causeOf, withRestoreFixes } from '../../src/domain/iam-cause.js';
import { mergeDrafts, resourceOf } from '../../src/domain/merge-denials.js';
import { catalogNeeds, type Observations, observe } from '../../src/domain/observe.js';
import { policyReason } from '../../src/domain/policy-verdict.js';
import { roleNameFromArn } from '../../src/domain/principal.js';
import {
  fullestByArn,
  indexRevisions,
  labelOf,
  type RevisionIndex,
  revisionOf,
} from '../../src/domain/revisions.js';
import { timelineOf } from '../../src/domain/timeline.js';

export function batchConclude(
  observations: Observations,
  catalog: ActionCatalog,
  warnings: InputWarning[],
): Analysis {
  const roles = indexTaskDefinitions(observations.taskDefinitions);
  const drafts = observations.denials.map((observation) =>
    draftOf(observation, observations, roles, catalog),
  );
  const revisions = indexRevisions(
    observations.taskDefinitions,
    observations.deployments,
    observations.listedRevisions,
  );
  const findings = withTaskRolesOfSameTask(mergeDrafts(drafts).map(toFinding))
    .map((finding) => withRevision(finding, revisions))
    .map((finding) => ({ ...finding, cause: causeOf(finding, observations.policyChanges) }));
  findings.sort(byFirstSeen);
  const notPermission = lookAlikesOf(observations);
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
      evidence: observations.evidenceCounts,
      denials: observations.denials.length,
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
    userName: principal?.type === 'user' ? (principal.raw.split('/').pop() ?? null) : null,
  });
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
    count: ordered.length,
    reasons,
    // One piece per denial seen, in time order; then the app's own lines said beside them.
    evidence: [
      ...ordered.map((draft) => draft.observation.evidence),
      ...ordered.flatMap((draft) => draft.observation.related),
    ].map((evidence) => ({
      origin: formatOrigin(evidence.origin),
      kind: evidence.kind,
      raw: evidence.raw,
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

function lookAlikesOf(observations: Observations): NotPermission[] {
  const byText = new Map<string, NotPermission>();
  for (const { reading, evidence, groupKey } of observations.lookAlikes) {
    const key = groupKey ?? reading.text;
    const existing = byText.get(key);
    if (existing) {
      existing.count += 1;
      if (evidence.time && (!existing.time || evidence.time < existing.time)) existing.time = evidence.time;
      continue;
    }
    byText.set(key, {
      message: reading.text,
      kind: reading.kind,
      likelyCause: reading.likelyCause,
      origin: formatOrigin(evidence.origin),
      time: evidence.time,
      count: 1,
    });
  }
  // Those named first, in the order met; the lines read and not recognised after them.
  const all = [...byText.values()];
  return [
    ...all.filter((item) => item.kind !== 'unrecognised'),
    ...all.filter((item) => item.kind === 'unrecognised'),
  ];
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

/** What `analyzeEvidence` returned before the fold: the same steps, on every piece at once. */
export async function batchAnalysis(evidence: Evidence[], warnings: InputWarning[]): Promise<Analysis> {
  const observations = observe(evidence);
  const needs = catalogNeeds(observations.denials);
  const catalog = await loadActionCatalog(needs.services, needs.everyService);
  const analysis = batchConclude(observations, catalog, warnings);
  const details = await loadActionDetails(
    analysis.findings.map((finding) => finding.action ?? '').filter(Boolean),
  );
  const definitions = fullestByArn(observations.taskDefinitions);
  return withDecodeCommands({
    ...analysis,
    findings: withRestoreFixes(withFixes(analysis.findings, definitions, details)),
  });
}
