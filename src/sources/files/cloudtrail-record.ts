/**
 * A CloudTrail record (one element of `Records`, the `CloudTrailEvent` string of
 * lookup-events, a CloudWatch Logs message, a JSON Lines row) as evidence.
 */

import { s3RequestArn } from '../../domain/cloudtrail-fields.js';
import type { CloudTrailEvidence, Evidence, Origin, PolicyChangeEvidence } from '../../domain/evidence.js';
import { type Json, object, text } from '../../domain/json-value.js';
import { readPolicyDocument } from '../../domain/policy-document.js';
import { boundedJson } from './bounded-json.js';
import { taskDefinitionEvidence } from './ecs-outputs.js';
import { toIsoTime } from './time.js';

/** A CloudTrail record has an event source and name; that is enough to recognise one. */
export function isCloudTrailRecord(value: unknown): boolean {
  const record = object(value);
  return typeof record.eventSource === 'string' && typeof record.eventName === 'string';
}

/** Records without an error are not evidence of a denial: the fast path skips them unparsed. */
export function hasError(record: Json): boolean {
  return typeof record.errorCode === 'string' || typeof record.errorMessage === 'string';
}

const ARN = /^arn:[\w-]+:[\w-]*:/;

/** ARNs the request names: roles, secrets, parameters, keys, queues, S3's buckets and objects. */
function requestArns(record: Json): string[] {
  const request = object(record.requestParameters);
  const arns: string[] = [];
  for (const value of Object.values(request)) {
    if (typeof value === 'string' && ARN.test(value)) arns.push(value);
  }
  const s3Arn = s3RequestArn(text(record.eventSource), request.bucketName, request.key);
  if (s3Arn) arns.push(s3Arn);
  const region = text(record.awsRegion);
  const account = text(object(record.userIdentity).accountId) ?? text(record.recipientAccountId);
  if (text(record.eventSource) === 'ssm.amazonaws.com' && region && account) {
    const names = Array.isArray(request.names) ? request.names : [request.name];
    for (const name of names) {
      if (typeof name === 'string' && !ARN.test(name)) {
        arns.push(`arn:aws:ssm:${region}:${account}:parameter/${name.replace(/^\//, '')}`);
      }
    }
  }
  return arns;
}

export function cloudTrailEvidence(record: Json, origin: Origin): CloudTrailEvidence {
  const identity = object(record.userIdentity);
  const issuer = object(object(identity.sessionContext).sessionIssuer);
  const resources = (Array.isArray(record.resources) ? record.resources : [])
    .map((resource) => text(object(resource).ARN) ?? text(object(resource).arn))
    .filter((arn): arn is string => arn !== null);
  const request = object(record.requestParameters);
  return {
    kind: 'cloudtrail-record',
    time: toIsoTime(record.eventTime),
    origin,
    raw: boundedJson(record),
    call: {
      eventId: text(record.eventID),
      eventSource: text(record.eventSource) ?? '',
      eventName: text(record.eventName) ?? '',
      errorCode: text(record.errorCode),
      errorMessage: text(record.errorMessage),
      userIdentityType: text(identity.type),
      principalArn: text(identity.arn),
      sessionIssuerArn:
        text(issuer.type) === 'Role' || text(issuer.arn)?.includes(':role/') ? text(issuer.arn) : null,
      invokedBy: text(identity.invokedBy),
      userAgent: text(record.userAgent),
      sourceIpAddress: text(record.sourceIPAddress),
      awsRegion: text(record.awsRegion),
      accountId: text(identity.accountId) ?? text(record.recipientAccountId),
      resources: [...new Set([...resources, ...requestArns(record)])],
      requestedRoleArn: text(request.roleArn),
    },
  };
}

/** ECS calls whose successful records say which revision exists or runs: read even without an error. */
const ECS_REVISION_EVENTS = new Set([
  'RegisterTaskDefinition',
  'CreateService',
  'UpdateService',
  'RunTask',
  'StartTask',
]);

export function isEcsRevisionRecord(record: Json): boolean {
  return (
    text(record.eventSource) === 'ecs.amazonaws.com' && ECS_REVISION_EVENTS.has(text(record.eventName) ?? '')
  );
}

/**
 * A registered revision (RegisterTaskDefinition: the request holds the definition, the
 * response its ARN and revision), a service rolling out a revision (CreateService,
 * UpdateService), or tasks started from one (RunTask, StartTask).
 */
export function ecsRevisionEvidence(record: Json, origin: Origin): Evidence[] {
  const request = object(record.requestParameters);
  const response = object(record.responseElements);
  const time = toIsoTime(record.eventTime);
  const raw = boundedJson(record);
  switch (text(record.eventName)) {
    case 'RegisterTaskDefinition': {
      const registered = object(response.taskDefinition);
      const definition = taskDefinitionEvidence(
        { ...request, ...registered },
        origin.source,
        origin.pointer ?? 'record',
      );
      return definition ? [{ ...definition, time, origin, raw }] : [];
    }
    case 'CreateService':
    case 'UpdateService': {
      const service = text(request.serviceName) ?? text(request.service);
      const taskDefinitionArn = text(request.taskDefinition) ?? text(object(response.service).taskDefinition);
      if (!taskDefinitionArn) return [];
      return [{ kind: 'ecs-deployment', time, origin, raw, service, taskDefinitionArn, status: 'PRIMARY' }];
    }
    default:
      return (Array.isArray(response.tasks) ? response.tasks : []).flatMap((task) => {
        const taskArn = text(object(task).taskArn);
        if (!taskArn) return [];
        const taskDefinitionArn = text(object(task).taskDefinitionArn) ?? text(request.taskDefinition);
        return [
          {
            kind: 'ecs-task' as const,
            time,
            origin,
            raw,
            taskArn,
            taskDefinitionArn,
            launchType: text(object(task).launchType),
            stoppedAt: null,
          },
        ];
      });
  }
}

/**
 * Successful writes that can take a permission away, by event source, with the request
 * parameter that names the resource whose policy changed (null: a role's own policies). Only
 * those whose CloudTrail records the tests hold in their real shape; permissions boundaries,
 * SetDefaultPolicyVersion, ECR's DeleteRepositoryPolicy and Secrets Manager's resource
 * policies wait for real records.
 */
const POLICY_CHANGE_EVENTS: Record<string, Record<string, string | null>> = {
  'iam.amazonaws.com': {
    PutRolePolicy: null,
    DeleteRolePolicy: null,
    AttachRolePolicy: null,
    DetachRolePolicy: null,
    CreatePolicyVersion: null,
    UpdateAssumeRolePolicy: null,
  },
  // A disabled key or one pending deletion refuses every request, whatever its policy says.
  'kms.amazonaws.com': { PutKeyPolicy: 'keyId', DisableKey: 'keyId', ScheduleKeyDeletion: 'keyId' },
  's3.amazonaws.com': { PutBucketPolicy: 'bucketName', DeleteBucketPolicy: 'bucketName' },
  'ecr.amazonaws.com': { SetRepositoryPolicy: 'repositoryName' },
  // Service control policies, named by id (`p-…`): attached to an account or OU, edited, detached.
  'organizations.amazonaws.com': {
    AttachPolicy: 'policyId',
    UpdatePolicy: 'policyId',
    DetachPolicy: 'policyId',
  },
};

/** The policy writes by event source and name, for queries that select them (Athena, Logs Insights). */
export const POLICY_WRITES: { sources: string[]; names: string[] } = {
  sources: Object.keys(POLICY_CHANGE_EVENTS),
  names: [...new Set(Object.values(POLICY_CHANGE_EVENTS).flatMap((events) => Object.keys(events)))],
};

/** A successful policy write (a failed one changed nothing). */
export function isPolicyChangeRecord(record: Json): boolean {
  const source = text(record.eventSource) ?? '';
  // Own keys only: `constructor` or `__proto__` would find Object's own members.
  const events = Object.hasOwn(POLICY_CHANGE_EVENTS, source) ? POLICY_CHANGE_EVENTS[source] : undefined;
  return events !== undefined && Object.hasOwn(events, text(record.eventName) ?? '') && !hasError(record);
}

/**
 * The request's new document: IAM's `policyDocument`, S3's `bucketPolicy` (its `policy` is
 * `[""]`), KMS's `policy`, ECR's `policyText`, Organizations' `content`.
 */
function requestDocument(request: Json): unknown {
  for (const key of ['policyDocument', 'bucketPolicy', 'policy', 'policyText', 'content']) {
    const value = request[key];
    if (value !== undefined && value !== null && value !== '') return value;
  }
  return undefined;
}

const HIDDEN = 'HIDDEN_DUE_TO_SECURITY_REASONS';

export function policyChangeEvidence(record: Json, origin: Origin): PolicyChangeEvidence {
  const request = object(record.requestParameters);
  const eventSource = text(record.eventSource) ?? '';
  const eventName = text(record.eventName) ?? '';
  const identity = object(record.userIdentity);
  const issuer = object(object(identity.sessionContext).sessionIssuer);
  const resourceKey = POLICY_CHANGE_EVENTS[eventSource]?.[eventName] ?? null;
  const document = requestDocument(request);
  // CloudTrail writes this in place of some documents (Organizations' resource policy, some SCP writes).
  const hidden = document === HIDDEN;
  const read = document === undefined || hidden ? null : readPolicyDocument(document);
  // CreatePolicyVersion changes nothing in force unless it becomes the default version.
  const setAsDefault = request.setAsDefault === true || request.setAsDefault === 'true';
  const inForce = eventName !== 'CreatePolicyVersion' || setAsDefault;
  return {
    kind: 'policy-change',
    time: toIsoTime(record.eventTime),
    origin,
    raw: boundedJson(record),
    eventSource,
    eventName: inForce ? eventName : `${eventName} (not set as default)`,
    eventId: text(record.eventID),
    who: text(issuer.arn) ?? text(identity.arn) ?? text(identity.invokedBy),
    roleName: text(request.roleName),
    // KMS names its one key policy `default`: only IAM's inline policies are told apart by name.
    policyName: eventSource === 'iam.amazonaws.com' ? text(request.policyName) : null,
    policyArn: text(request.policyArn),
    resource: resourceKey ? text(request[resourceKey]) : null,
    statements: read && 'document' in read && inForce ? read.document.Statement : null,
    documentProblem: read && 'problem' in read ? read.problem : null,
    ...(hidden ? { documentHidden: true as const } : {}),
  };
}

/**
 * Every string whose presence in a record (as a key or a value) can make it evidence: the
 * error keys `hasError` reads and the event names read without an error. A record without
 * any of them gives no evidence, so a reader may count it without parsing it.
 */
export const EVIDENCE_WORDS: readonly string[] = [
  'errorCode',
  'errorMessage',
  ...ECS_REVISION_EVENTS,
  ...Object.values(POLICY_CHANGE_EVENTS).flatMap((events) => Object.keys(events)),
];

/** A CloudTrail record delivered as a JSON string (LookupEvents, CloudWatch Logs, Athena), or null. */
export function parseCloudTrailRecord(text: string | undefined): Json | null {
  if (!text) return null;
  try {
    const record: unknown = JSON.parse(text);
    return isCloudTrailRecord(record) ? (record as Json) : null;
  } catch {
    return null;
  }
}
