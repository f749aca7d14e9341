/**
 * First pass over the evidence: every denial and look-alike each piece of evidence shows,
 * before any IAM data is needed. The second pass (conclude.ts) resolves actions and roles.
 */
import { servicePrefixFromEventSource } from './action-catalog.js';
import type { ObservationContext } from './classify.js';
import {
  type CloudTrailEvidence,
  type DeploymentEvidence,
  type Evidence,
  type MessageEvidence,
  type TaskDefinitionEvidence,
  type TaskEvidence,
  taskIdFromArn,
} from './evidence.js';
import {
  bareDenialReading,
  type DenialReading,
  type LookAlikeReading,
  readMessage,
} from './message-reading.js';
import { sessionKind } from './principal.js';

export interface DenialObservation {
  reading: DenialReading;
  evidence: MessageEvidence | CloudTrailEvidence;
  context: ObservationContext;
  /** Position in the input, to keep the order stable among equal times. */
  order: number;
}

export interface LookAlikeObservation {
  reading: LookAlikeReading;
  evidence: MessageEvidence | CloudTrailEvidence;
  order: number;
}

export interface Observations {
  denials: DenialObservation[];
  lookAlikes: LookAlikeObservation[];
  taskDefinitions: TaskDefinitionEvidence[];
  deployments: DeploymentEvidence[];
  tasks: TaskEvidence[];
  /** Revisions known to exist (list-task-definitions) whether or not described. */
  listedRevisions: string[];
  /** Task id → task definition ARN, from describe-tasks, EventBridge and stopped-task messages. */
  taskDefinitionOfTask: Map<string, string>;
  evidenceCounts: Record<string, number>;
}

/** CloudTrail error codes that mean the call was denied. */
const DENIAL_ERROR_CODES =
  /^(?:AccessDenied|AccessDeniedException|Client\.UnauthorizedOperation|UnauthorizedOperation|UnauthorizedAccess|AuthorizationError|Forbidden|403)$/i;

export function observe(evidence: Iterable<Evidence>): Observations {
  const result: Observations = {
    denials: [],
    lookAlikes: [],
    taskDefinitions: [],
    deployments: [],
    tasks: [],
    listedRevisions: [],
    taskDefinitionOfTask: new Map(),
    evidenceCounts: {},
  };
  let order = 0;
  for (const item of evidence) {
    result.evidenceCounts[item.kind] = (result.evidenceCounts[item.kind] ?? 0) + 1;
    order += 1;
    switch (item.kind) {
      case 'task-definition':
        result.taskDefinitions.push(item);
        break;
      case 'ecs-deployment':
        result.deployments.push(item);
        break;
      case 'task-definition-list':
        result.listedRevisions.push(...item.taskDefinitionArns);
        break;
      case 'ecs-task':
        result.tasks.push(item);
        if (item.taskDefinitionArn) {
          result.taskDefinitionOfTask.set(taskIdFromArn(item.taskArn), item.taskDefinitionArn);
        }
        break;
      case 'cloudtrail-record':
        observeCloudTrail(item, order, result);
        break;
      default:
        if (item.taskArn && item.taskDefinitionArn) {
          result.taskDefinitionOfTask.set(taskIdFromArn(item.taskArn), item.taskDefinitionArn);
        }
        for (const reading of readMessage(item.message, item.context !== 'log-line')) {
          if (reading.type === 'denial')
            result.denials.push({ reading, evidence: item, context: item.context, order });
          else result.lookAlikes.push({ reading, evidence: item, order });
        }
    }
  }
  return result;
}

function observeCloudTrail(record: CloudTrailEvidence, order: number, result: Observations): void {
  const { call } = record;
  const message = call.errorMessage ?? '';
  const readings = message ? readMessage(message, false) : [];
  const denials = readings.filter((reading): reading is DenialReading => reading.type === 'denial');
  if (DENIAL_ERROR_CODES.test(call.errorCode ?? '') || denials.length > 0) {
    const reading = denials[0] ?? bareDenialReading(message || (call.errorCode ?? ''), call.errorCode);
    result.denials.push({ reading, evidence: record, context: 'cloudtrail', order });
    return;
  }
  // Other errors matter only when a task made the call: a bucket of CloudTrail holds many.
  const session = call.principalArn?.split('/')[2] ?? null;
  const fromTask = ['task-id', 'uuid'].includes(sessionKind(session));
  const lookAlike = readings.find((reading): reading is LookAlikeReading => reading.type === 'look-alike');
  if (fromTask && lookAlike) result.lookAlikes.push({ reading: lookAlike, evidence: record, order });
}

/** The IAM services the catalog must know to resolve these observations, and whether all are needed. */
export function catalogNeeds(observations: Observations): { services: Set<string>; everyService: boolean } {
  const services = new Set<string>();
  let everyService = false;
  for (const { reading, evidence } of observations.denials) {
    for (const action of [
      reading.writtenAction,
      reading.impliedAction?.action,
      ...reading.mentionedActions,
    ]) {
      if (action?.includes(':')) services.add(action.slice(0, action.indexOf(':')).toLowerCase());
    }
    for (const service of reading.services) services.add(service);
    if (evidence.kind === 'cloudtrail-record') {
      services.add(servicePrefixFromEventSource(evidence.call.eventSource));
    }
    if (reading.operation && reading.services.length === 0 && !reading.writtenAction) everyService = true;
  }
  return { services, everyService };
}
