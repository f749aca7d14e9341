/**
 * The normalised observations every source yields. Everything after the sources sees only
 * these, never the file or API they came from (except `origin`, to cite it).
 */

/** Where a piece of evidence was read: a file plus a record pointer or line, or an API call. */
export interface Origin {
  /** File path, `-` for stdin, or `api:<Service>.<Operation>` for live sources. */
  source: string;
  /** JSON pointer-like path inside the file (`Records[3]`, `tasks[0].stoppedReason`). */
  pointer?: string;
  /** 1-based line number in a text or JSON Lines file. */
  line?: number;
}

export function formatOrigin(origin: Origin): string {
  if (origin.pointer !== undefined) return `${origin.source}#${origin.pointer}`;
  if (origin.line !== undefined) return `${origin.source}:${origin.line}`;
  return origin.source;
}

/** Where a message was written, which tells whose request it speaks of. */
export type MessageContext =
  /** A task's stoppedReason or a container's reason: written by the ECS agent / Fargate. */
  | 'stopped-reason'
  /** A service event from the ECS control plane. */
  | 'service-event'
  /** A line from a container's logs or any pasted text: an SDK or CLI error. */
  | 'log-line';

/** CloudTrail fields that tell who made a call and how. */
export interface CloudTrailCall {
  eventId: string | null;
  eventSource: string;
  eventName: string;
  errorCode: string | null;
  errorMessage: string | null;
  userIdentityType: string | null;
  principalArn: string | null;
  /** `sessionContext.sessionIssuer.arn`: the role with its IAM path. */
  sessionIssuerArn: string | null;
  invokedBy: string | null;
  userAgent: string | null;
  sourceIpAddress: string | null;
  awsRegion: string | null;
  accountId: string | null;
  /** Resource ARNs named by the record (`resources[]`, request parameters that are ARNs). */
  resources: string[];
  /** A role ARN the call tried to assume (sts:AssumeRole) or pass. */
  requestedRoleArn: string | null;
}

interface EvidenceBase {
  time: string | null;
  origin: Origin;
  /** The raw text or record as read, for citing and the report's appendix. */
  raw: string;
}

/** A message that may describe a permission failure (or a look-alike). */
export interface MessageEvidence extends EvidenceBase {
  kind: 'ecs-stopped-task' | 'ecs-container-reason' | 'ecs-service-event' | 'app-log-line';
  context: MessageContext;
  message: string;
  taskArn: string | null;
  taskDefinitionArn: string | null;
  cluster: string | null;
  service: string | null;
  /**
   * Words of the same paste that show where the program ran (a frame of Lambda's runtime, a
   * Mac's path), though they are no message themselves: read with this one to say whose call it was.
   */
  hostSign?: string;
}

/** One CloudTrail record with an error code (successful calls are not evidence of a denial). */
export interface CloudTrailEvidence extends EvidenceBase {
  kind: 'cloudtrail-record';
  call: CloudTrailCall;
}

/**
 * A successful write to a policy that can take a permission away: an inline policy put or
 * deleted, a managed policy detached or given a new default version, a boundary set, a trust,
 * key, repository, bucket or secret policy replaced. What was denied may have started here.
 */
export interface PolicyChangeEvidence extends EvidenceBase {
  kind: 'policy-change';
  eventSource: string;
  eventName: string;
  eventId: string | null;
  /** Who made the change: the session issuer's role ARN, else the caller's ARN. */
  who: string | null;
  /** The role whose policies changed, by name (IAM's requests name roles, not ARNs). */
  roleName: string | null;
  /** The inline policy's name (PutRolePolicy, DeleteRolePolicy). */
  policyName: string | null;
  /** The managed policy or boundary's ARN (Attach/Detach, CreatePolicyVersion, boundaries). */
  policyArn: string | null;
  /** The key, repository, bucket or secret whose resource policy changed, as the request names it. */
  resource: string | null;
  /** The new document's statements, when the request carries a readable one. */
  statements: Record<string, unknown>[] | null;
  /** Why the document could not be read, when the request carries one that is not readable. */
  documentProblem: string | null;
  /** CloudTrail wrote `HIDDEN_DUE_TO_SECURITY_REASONS` in place of the document. */
  documentHidden?: true;
}

/** What a container asks of the execution role at start-up. */
export interface ContainerFacts {
  name: string;
  image: string | null;
  /** `valueFrom` of each secret: a Secrets Manager ARN or an SSM parameter ARN or name. */
  secrets: string[];
  /** `repositoryCredentials.credentialsParameter`: the private registry's secret. */
  registryCredentials: string | null;
  logDriver: string | null;
  logOptions: Record<string, string>;
  /** S3 ARNs of environment files. */
  environmentFiles: string[];
}

/** A task definition revision: which roles the task was given and what it asks them for. */
export interface TaskDefinitionEvidence extends EvidenceBase {
  kind: 'task-definition';
  taskDefinitionArn: string;
  family: string;
  revision: number | null;
  executionRoleArn: string | null;
  taskRoleArn: string | null;
  containers: ContainerFacts[];
  /** EFS file system ids of volumes mounted with IAM authorization. */
  efsWithIam: string[];
}

/** A service deployment: which revision a service was rolling out, from when. */
export interface DeploymentEvidence extends EvidenceBase {
  kind: 'ecs-deployment';
  service: string | null;
  taskDefinitionArn: string;
  status: string | null;
}

/** A task seen in describe-tasks or an EventBridge state change: links a task id to its revision. */
export interface TaskEvidence extends EvidenceBase {
  kind: 'ecs-task';
  taskArn: string;
  taskDefinitionArn: string | null;
  launchType: string | null;
  /** When the task stopped, if it did: `time` is then this instant. */
  stoppedAt: string | null;
}

/** `aws ecs list-task-definitions`: which revisions exist (their contents need describing). */
export interface TaskDefinitionListEvidence extends EvidenceBase {
  kind: 'task-definition-list';
  taskDefinitionArns: string[];
}

export type Evidence =
  | TaskDefinitionListEvidence
  | MessageEvidence
  | CloudTrailEvidence
  | PolicyChangeEvidence
  | TaskDefinitionEvidence
  | TaskEvidence
  | DeploymentEvidence;

/** An input problem: the file, the record, what was expected. The rest is still analysed. */
export interface InputWarning {
  origin: string;
  problem: string;
  expected: string;
}

/** The task id is the last part of a task ARN (long format) or the whole string. */
export function taskIdFromArn(taskArn: string): string {
  const slash = taskArn.lastIndexOf('/');
  return slash >= 0 ? taskArn.slice(slash + 1) : taskArn;
}
