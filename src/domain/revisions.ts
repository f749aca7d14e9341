/**
 * Which task definition revision a denial belongs to, and what changed since the revision
 * before it that explains the denial (a new secret, another image registry, a new log group,
 * a role swapped).
 */
import type { RoleKind } from './classify.js';
import type { Step } from './ecs-steps.js';
import type { ContainerFacts, DeploymentEvidence, TaskDefinitionEvidence } from './evidence.js';
import { roleNameFromArn } from './principal.js';

export interface RevisionChange {
  /** `family:revision` of the revision before. */
  previous: string;
  /** What changed that bears on this denial, in words; empty when nothing does. */
  changes: string[];
}

export interface RevisionOfDenial {
  /** `family:revision`, or null when no task definition evidence names the role or the task. */
  taskDefinition: string | null;
  definition: TaskDefinitionEvidence | null;
  revisionChange: RevisionChange | null;
  /** The revision before, known to exist but not described: describing it would show what changed. */
  undescribedPrevious: string | null;
  /** How the revision was found, or why none was. */
  reason: string;
}

export interface DenialForRevision {
  taskDefinitionArn: string | null;
  roleArn: string | null;
  resource: string | null;
  role: RoleKind;
  step: Step;
  firstSeen: string | null;
}

export interface RevisionIndex {
  byArn: Map<string, TaskDefinitionEvidence>;
  definitions: TaskDefinitionEvidence[];
  deployments: DeploymentEvidence[];
  /** `family:revision` labels known to exist, described or not. */
  listed: string[];
}

/** `orders-api:43` from a task definition ARN or a `family:revision` string. */
export function revisionLabelOf(arnOrLabel: string): string {
  return /task-definition\/(.+)$/.exec(arnOrLabel)?.[1] ?? arnOrLabel;
}

export function labelOf(definition: TaskDefinitionEvidence): string {
  return definition.revision === null ? definition.family : `${definition.family}:${definition.revision}`;
}

/** The same revision read from several inputs keeps its fullest copy (a described one over a bare ARN). */
export function fullestByArn(definitions: TaskDefinitionEvidence[]): Map<string, TaskDefinitionEvidence> {
  const byArn = new Map<string, TaskDefinitionEvidence>();
  for (const definition of definitions) {
    const known = byArn.get(definition.taskDefinitionArn);
    if (!known || definition.containers.length > known.containers.length)
      byArn.set(definition.taskDefinitionArn, definition);
  }
  return byArn;
}

export function indexRevisions(
  definitions: TaskDefinitionEvidence[],
  deployments: DeploymentEvidence[],
  listed: string[] = [],
): RevisionIndex {
  const byArn = fullestByArn(definitions);
  const labels = [...listed, ...deployments.map((deployment) => deployment.taskDefinitionArn)].map(
    revisionLabelOf,
  );
  return { byArn, definitions: [...byArn.values()], deployments, listed: [...new Set(labels)] };
}

const sameRole = (a: string | null, b: string | null) =>
  a !== null && b !== null && roleNameFromArn(a).toLowerCase() === roleNameFromArn(b).toLowerCase();

/** The revisions that give the denied role the job the denial was about. */
function revisionsNaming(denial: DenialForRevision, index: RevisionIndex): TaskDefinitionEvidence[] {
  const role = denial.step === 'pass-role' ? denial.resource : denial.roleArn;
  return index.definitions.filter((definition) => {
    if (denial.role === 'execution-role') return sameRole(definition.executionRoleArn, role);
    if (denial.role === 'task-role') return sameRole(definition.taskRoleArn, role);
    return sameRole(definition.executionRoleArn, role) || sameRole(definition.taskRoleArn, role);
  });
}

export function revisionOf(denial: DenialForRevision, index: RevisionIndex): RevisionOfDenial {
  if (denial.taskDefinitionArn) {
    const definition = index.byArn.get(denial.taskDefinitionArn) ?? null;
    return withChange(
      revisionLabelOf(denial.taskDefinitionArn),
      definition,
      denial,
      index,
      'the task that was denied ran this revision',
    );
  }
  const candidates = revisionsNaming(denial, index);
  if (candidates.length === 0) {
    return {
      taskDefinition: null,
      definition: null,
      revisionChange: null,
      undescribedPrevious: null,
      reason:
        index.definitions.length === 0
          ? 'no task definition evidence among the inputs (add describe-task-definition output or RegisterTaskDefinition records)'
          : 'no task definition among the inputs names this role',
    };
  }
  const inUse = deployedAt(candidates, index.deployments, denial.firstSeen);
  if (inUse)
    return withChange(
      labelOf(inUse),
      inUse,
      denial,
      index,
      'the service was rolling out this revision when the denial began',
    );
  const latest = latestBefore(candidates, denial.firstSeen);
  const how =
    candidates.length === 1
      ? 'the only revision among the inputs that gives this role this job'
      : 'the newest revision giving this role this job that was registered before the denial';
  return withChange(labelOf(latest), latest, denial, index, how);
}

/** The revision of the newest deployment created before the denial began, among the candidates. */
function deployedAt(
  candidates: TaskDefinitionEvidence[],
  deployments: DeploymentEvidence[],
  firstSeen: string | null,
): TaskDefinitionEvidence | null {
  const arns = new Map(candidates.map((definition) => [definition.taskDefinitionArn, definition]));
  const before = deployments
    .filter((deployment) => arns.has(deployment.taskDefinitionArn))
    .filter((deployment) => !firstSeen || !deployment.time || deployment.time <= firstSeen)
    .sort((a, b) => (a.time ?? '').localeCompare(b.time ?? ''));
  const newest = before[before.length - 1];
  return newest ? (arns.get(newest.taskDefinitionArn) ?? null) : null;
}

function latestBefore(
  candidates: TaskDefinitionEvidence[],
  firstSeen: string | null,
): TaskDefinitionEvidence {
  const registeredBefore = candidates.filter(
    (definition) => !firstSeen || !definition.time || definition.time <= firstSeen,
  );
  const pool = registeredBefore.length > 0 ? registeredBefore : candidates;
  return pool.reduce((a, b) => ((b.revision ?? 0) > (a.revision ?? 0) ? b : a));
}

function withChange(
  label: string,
  definition: TaskDefinitionEvidence | null,
  denial: DenialForRevision,
  index: RevisionIndex,
  reason: string,
): RevisionOfDenial {
  const previous = definition ? previousRevision(definition, index) : null;
  const revisionChange =
    definition && previous
      ? { previous: labelOf(previous), changes: relevantChanges(previous, definition, denial.step) }
      : null;
  const undescribedPrevious = previous ? null : listedBefore(label, index);
  return { taskDefinition: label, definition, revisionChange, undescribedPrevious, reason };
}

/** The newest listed revision of the family before this one. */
function listedBefore(label: string, index: RevisionIndex): string | null {
  const [family, number] = label.split(':');
  const before = index.listed
    .map((listed) => listed.split(':'))
    .filter(([other, revision]) => other === family && Number(revision) < Number(number))
    .sort((a, b) => Number(b[1]) - Number(a[1]))[0];
  return before ? before.join(':') : null;
}

function previousRevision(
  definition: TaskDefinitionEvidence,
  index: RevisionIndex,
): TaskDefinitionEvidence | null {
  const current = definition.revision;
  if (current === null) return null;
  const earlier = index.definitions.filter(
    (other) => other.family === definition.family && other.revision !== null && other.revision < current,
  );
  return earlier.reduce<TaskDefinitionEvidence | null>(
    (a, b) => (a === null || (b.revision ?? 0) > (a.revision ?? 0) ? b : a),
    null,
  );
}

type ChangeTopic = 'role' | 'secret' | 'image' | 'registry-credentials' | 'logs' | 'env-file' | 'efs';

interface Change {
  topic: ChangeTopic;
  text: string;
}

/** Which changes can explain a denial in each step. */
const TOPICS_OF_STEP: Record<Step, ChangeTopic[]> = {
  'secret-injection': ['role', 'secret'],
  'registry-auth': ['role', 'image', 'registry-credentials'],
  'image-pull': ['role', 'image', 'registry-credentials'],
  'log-delivery': ['role', 'logs'],
  'env-files': ['role', 'env-file'],
  efs: ['role', 'efs'],
  // A new image is new code: it may make calls the old one did not.
  'app-call': ['role', 'image'],
  exec: ['role'],
  trust: ['role'],
  'pass-role': ['role'],
  other: ['role', 'secret', 'image', 'registry-credentials', 'logs', 'env-file', 'efs'],
};

export function relevantChanges(
  before: TaskDefinitionEvidence,
  after: TaskDefinitionEvidence,
  step: Step,
): string[] {
  const topics = TOPICS_OF_STEP[step];
  return changesBetween(before, after)
    .filter((change) => topics.includes(change.topic))
    .map((change) => change.text);
}

function roleChange(job: string, before: string | null, after: string | null): Change[] {
  if (before === after) return [];
  if (!after) return [{ topic: 'role', text: `removed the ${job} (${before})` }];
  if (!before) return [{ topic: 'role', text: `added the ${job} ${after}` }];
  return [{ topic: 'role', text: `changed the ${job} from ${before} to ${after}` }];
}

/** `444455556666.dkr.ecr.eu-west-1.amazonaws.com/payments:1.2` → the image without its tag or digest. */
function repositoryOf(image: string | null): string | null {
  return image ? image.replace(/@sha256:.*$/, '').replace(/:[^/:]+$/, '') : null;
}

function containerChanges(name: string, before: ContainerFacts | undefined, after: ContainerFacts): Change[] {
  const changes: Change[] = [];
  const where = `container ${name}`;
  const beforeRepository = repositoryOf(before?.image ?? null);
  const afterRepository = repositoryOf(after.image);
  if (before && beforeRepository !== afterRepository) {
    changes.push({
      topic: 'image',
      text: `${where} pulls from another repository: ${afterRepository} (was ${beforeRepository})`,
    });
  } else if (before && before.image !== after.image) {
    changes.push({ topic: 'image', text: `${where} runs a new image ${after.image} (was ${before.image})` });
  } else if (!before) {
    changes.push({ topic: 'image', text: `added ${where} with image ${after.image}` });
  }
  for (const secret of after.secrets.filter((value) => !before?.secrets.includes(value))) {
    changes.push({ topic: 'secret', text: `${where} gets a new secret from ${secret}` });
  }
  if (after.registryCredentials && after.registryCredentials !== before?.registryCredentials) {
    changes.push({
      topic: 'registry-credentials',
      text: `${where} uses registry credentials from ${after.registryCredentials}`,
    });
  }
  const group = after.logOptions['awslogs-group'];
  if (after.logDriver !== (before?.logDriver ?? null)) {
    changes.push({
      topic: 'logs',
      text: `${where} logs with the ${after.logDriver ?? 'no'} driver (was ${before?.logDriver ?? 'none'})`,
    });
  } else if (group && group !== before?.logOptions['awslogs-group']) {
    changes.push({ topic: 'logs', text: `${where} logs to a new log group ${group}` });
  }
  if (
    after.logOptions['awslogs-create-group'] === 'true' &&
    before?.logOptions['awslogs-create-group'] !== 'true'
  ) {
    changes.push({
      topic: 'logs',
      text: `${where} now asks awslogs to create its log group (awslogs-create-group)`,
    });
  }
  for (const file of after.environmentFiles.filter((value) => !before?.environmentFiles.includes(value))) {
    changes.push({ topic: 'env-file', text: `${where} reads a new environment file ${file}` });
  }
  return changes;
}

export function changesBetween(before: TaskDefinitionEvidence, after: TaskDefinitionEvidence): Change[] {
  const beforeContainers = new Map(before.containers.map((container) => [container.name, container]));
  return [
    ...roleChange('execution role', before.executionRoleArn, after.executionRoleArn),
    ...roleChange('task role', before.taskRoleArn, after.taskRoleArn),
    ...after.containers.flatMap((container) =>
      containerChanges(container.name, beforeContainers.get(container.name), container),
    ),
    ...after.efsWithIam
      .filter((id) => !before.efsWithIam.includes(id))
      .map((id) => ({ topic: 'efs' as const, text: `mounts EFS file system ${id} with IAM authorization` })),
  ];
}
