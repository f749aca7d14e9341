/**
 * First pass over the evidence: every denial and look-alike each piece of evidence shows,
 * before any IAM data is needed. The second pass (conclude.ts) resolves actions and roles.
 */
import { serviceOfAction, servicePrefixFromEventSource } from './action-catalog.js';
import type { ObservationContext } from './classify.js';
import { deployToolOf } from './deploy-tool.js';
import {
  type CloudTrailEvidence,
  type DeploymentEvidence,
  type Evidence,
  type MessageEvidence,
  type PolicyChangeEvidence,
  type TaskDefinitionEvidence,
  type TaskEvidence,
  taskIdFromArn,
} from './evidence.js';
import { readLookAlike } from './look-alikes.js';
import {
  bareDenialReading,
  type DenialReading,
  type LookAlikeReading,
  withHostSign,
} from './message-reading.js';
import { flattenText } from './message-text.js';
import { sessionKind } from './principal.js';
import { readRepeatedMessage } from './repeated-messages.js';
import { readSdkError } from './sdk-error.js';

export interface DenialObservation {
  reading: DenialReading;
  evidence: MessageEvidence | CloudTrailEvidence;
  context: ObservationContext;
  /** Position in the input, to keep the order stable among equal times. */
  order: number;
  /** Error lines of the same log around this one, at the same moment: the app's own words for it. */
  related: MessageEvidence[];
}

export interface LookAlikeObservation {
  reading: LookAlikeReading;
  evidence: MessageEvidence | CloudTrailEvidence;
  order: number;
  /** What makes two of them one entry; the message's text unless said otherwise. */
  groupKey?: string;
}

export interface Observations {
  denials: DenialObservation[];
  lookAlikes: LookAlikeObservation[];
  taskDefinitions: TaskDefinitionEvidence[];
  deployments: DeploymentEvidence[];
  tasks: TaskEvidence[];
  /** Successful writes to policies, which may have taken a permission away. */
  policyChanges: PolicyChangeEvidence[];
  /** Revisions known to exist (list-task-definitions) whether or not described. */
  listedRevisions: string[];
  /** Task id → task definition ARN, from describe-tasks, EventBridge and stopped-task messages. */
  taskDefinitionOfTask: Map<string, string>;
  evidenceCounts: Record<string, number>;
}

/** CloudTrail error codes that mean the call was denied. */
const DENIAL_ERROR_CODES =
  /^(?:AccessDenied|AccessDeniedException|Client\.UnauthorizedOperation|UnauthorizedOperation|UnauthorizedAccess|AuthorizationError|Forbidden|403|VpceAccessDenied)$/i;

/** `firstOrder`: how many pieces came before, when the evidence is observed batch by batch. */
export function observe(evidence: Iterable<Evidence>, firstOrder = 0): Observations {
  const result: Observations = {
    denials: [],
    lookAlikes: [],
    taskDefinitions: [],
    deployments: [],
    tasks: [],
    policyChanges: [],
    listedRevisions: [],
    taskDefinitionOfTask: new Map(),
    evidenceCounts: {},
  };
  let order = firstOrder;
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
      case 'policy-change':
        result.policyChanges.push(item);
        break;
      default:
        if (item.taskArn && item.taskDefinitionArn) {
          result.taskDefinitionOfTask.set(taskIdFromArn(item.taskArn), item.taskDefinitionArn);
        }
        for (const read of readRepeatedMessage(item.message, item.context !== 'log-line')) {
          const reading = read.type === 'denial' && item.hostSign ? withHostSign(read, item.hostSign) : read;
          if (reading.type === 'denial')
            result.denials.push({ reading, evidence: item, context: item.context, order, related: [] });
          else result.lookAlikes.push({ reading, evidence: item, order });
        }
    }
  }
  attachNeighbourLines(result);
  return result;
}

/** How far apart, in time, a log's error line and the denial next to it may be and still be one failure. */
const SAME_MOMENT_MS = 1000;

/**
 * An app or a tool prints its own words for a failure next to the SDK's error: "ERROR could not
 * store shipping label" before the traceback, Fluent Bit's "failed to flush chunk" after the
 * denied PutRecordBatch, SAM's "Unable to upload artifact" before S3's AccessDenied. Such a
 * line, not recognised on its own, is cited by the denial beside it (the line just before or
 * after, in the same log stream, at the same moment) instead of standing as a note of its own.
 */
function attachNeighbourLines(result: Observations): void {
  // What each source said, in input order: a denial's neighbours are the observations beside it
  // (lines that say nothing, a traceback's frames, are not observations and do not separate them).
  const said = [
    ...result.denials.map((denial) => ({ order: denial.order, denial })),
    ...result.lookAlikes.map((lookAlike) => ({ order: lookAlike.order, denial: undefined })),
  ].sort((a, b) => a.order - b.order);
  const position = new Map(said.map((item, index) => [item.order, index]));
  result.lookAlikes = result.lookAlikes.filter((lookAlike) => {
    const line = lookAlike.evidence;
    if (lookAlike.reading.kind !== 'unrecognised' || line.kind !== 'app-log-line') return true;
    const index = position.get(lookAlike.order) ?? -1;
    const neighbour = [said[index - 1]?.denial, said[index + 1]?.denial].find(
      (denial) => denial && sameMoment(denial.evidence, line),
    );
    if (!neighbour) return true;
    neighbour.related.push(line);
    // A tool's own words on the line beside ("Error: Unable to upload artifact … referenced by
    // CodeUri …", then the SDK's AccessDenied) say whose call it was.
    neighbour.reading.deployTool ??= deployToolOf(flattenText(line.message));
    // The SDK's heading beside names the call that its body (S3's bare "Access Denied") does not:
    // "Error executing "PutObject" on …", its line cut by a page's dump marker (aws/aws-sdk-php#1490).
    if (!neighbour.reading.operation && !neighbour.reading.writtenAction) {
      const sdk = readSdkError(flattenText(line.message));
      if (sdk.operation)
        adoptCall(neighbour.reading, {
          operation: sdk.operation,
          operationFromWords: false,
          services: [...new Set([...sdk.services, ...neighbour.reading.services])],
        });
    }
    return false;
  });
  // Two denials side by side at one moment, one framed by a deployment tool and the other naming
  // no caller: the tool's detail on a paragraph of its own (Lambda's "Your access has been denied
  // by S3 …", then "Error Code: AccessDenied … (Service: AWSLambdaInternal …)", aws/aws-cdk#3765).
  for (let index = 1; index < said.length; index++) {
    const [before, after] = [said[index - 1]?.denial, said[index]?.denial];
    if (
      !before ||
      !after ||
      after.evidence.kind !== 'app-log-line' ||
      !sameMoment(before.evidence, after.evidence)
    )
      continue;
    for (const [framed, bare] of [
      [before, after],
      [after, before],
    ] as const) {
      if (framed.reading.deployTool && !bare.reading.deployTool && !bare.reading.principal)
        bare.reading.deployTool = framed.reading.deployTool;
      // One refusal's body printed twice (the PHP SDK's truncated copy, then the whole XML): the
      // call the first was given is the second's too.
      if (
        framed.reading.operation &&
        !bare.reading.operation &&
        !bare.reading.writtenAction &&
        !framed.reading.writtenAction &&
        framed.reading.errorCode === bare.reading.errorCode
      )
        adoptCall(bare.reading, framed.reading);
    }
  }
}

function sameMoment(denial: MessageEvidence | CloudTrailEvidence, line: MessageEvidence): boolean {
  if (denial.kind !== 'app-log-line' || denial.origin.source !== line.origin.source) return false;
  if (denial.taskArn !== line.taskArn) return false;
  if (denial.time === null || line.time === null) return denial.time === line.time;
  return Math.abs(Date.parse(denial.time) - Date.parse(line.time)) <= SAME_MOMENT_MS;
}

function observeCloudTrail(record: CloudTrailEvidence, order: number, result: Observations): void {
  const { call } = record;
  const message = call.errorMessage ?? '';
  const readings = message ? readRepeatedMessage(message, false) : [];
  const denials = readings.filter((reading): reading is DenialReading => reading.type === 'denial');
  if (DENIAL_ERROR_CODES.test(call.errorCode ?? '') || denials.length > 0) {
    const reading = denials[0] ?? bareDenialReading(message || (call.errorCode ?? ''), call.errorCode);
    result.denials.push({ reading, evidence: record, context: 'cloudtrail', order, related: [] });
    return;
  }
  // Every other failed call is answered too, but a bucket of CloudTrail holds many: one entry per
  // API and error code, with its count; a task's own failures are each kept by their message.
  const session = call.principalArn?.split('/')[2] ?? null;
  const fromTask = ['task-id', 'uuid'].includes(sessionKind(session));
  const text = [call.errorCode, message].filter(Boolean).join(': ') || 'failed call';
  const read = readings.find((reading): reading is LookAlikeReading => reading.type === 'look-alike');
  // The error code names what the message alone may not ('ValidationException' before
  // 'AutoScalingGroup name not found - null'): read with it when the message named nothing.
  const withCode = read && read.kind !== 'unrecognised' ? null : readLookAlike(text, false, null);
  const lookAlike = (withCode && withCode.kind !== 'unrecognised' ? withCode : read) ?? {
    type: 'look-alike',
    kind: 'unrecognised',
    likelyCause: `CloudTrail recorded ${call.eventName} failing with ${call.errorCode ?? 'an error message'}, not a denial; whydenied does not know this error`,
    text,
  };
  result.lookAlikes.push({
    reading: { ...lookAlike, text: `${call.eventSource} ${call.eventName}: ${lookAlike.text}` },
    evidence: record,
    order,
    groupKey: fromTask
      ? undefined
      : `${call.eventSource}|${call.eventName}|${call.errorCode ?? lookAlike.kind}`,
  });
}

/** The IAM services the catalog must know to resolve these observations, and whether all are needed. */
export function catalogNeeds(denials: Iterable<Pick<DenialObservation, 'reading' | 'evidence'>>): {
  services: Set<string>;
  everyService: boolean;
} {
  const services = new Set<string>();
  let everyService = false;
  for (const { reading, evidence } of denials) {
    for (const action of [
      reading.writtenAction,
      reading.impliedAction?.action,
      ...reading.mentionedActions,
    ]) {
      const service = action ? serviceOfAction(action) : null;
      if (service !== null) services.add(service);
    }
    for (const service of reading.services) services.add(service);
    if (evidence.kind === 'cloudtrail-record') {
      services.add(servicePrefixFromEventSource(evidence.call.eventSource));
    }
    if (reading.operation && reading.services.length === 0 && !reading.writtenAction) everyService = true;
  }
  return { services, everyService };
}

/** A reading given the call another line names: its operation, and the services it points at. */
function adoptCall(
  reading: DenialReading,
  from: Pick<DenialReading, 'operation' | 'operationFromWords' | 'services'>,
): void {
  reading.operation = from.operation;
  reading.operationFromWords = from.operationFromWords;
  reading.services = from.services;
}
