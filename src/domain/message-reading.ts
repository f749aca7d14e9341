/**
 * Reads one message (a stopped reason, a service event, an SDK error line) into what it says
 * about a permission failure, or into a look-alike that is not one.
 */
import { type DeployTool, deployToolOf } from './deploy-tool.js';
import { type EcsTemplate, findEcsTemplate } from './ecs-steps.js';
import {
  findCutPrincipal,
  findIamDenials,
  headlessDenial,
  type IamDenial,
  unreadDenial,
} from './iam-denial-message.js';
import { flattenText } from './message-text.js';
import { operationFromWords, readSdkError, type SdkErrorHints, s3OperationFromWords } from './sdk-error.js';
import { findServiceAssumeFailure } from './service-assume-role.js';

/** What IAM's sentence says, carried as read (the resource may come from ECS's template instead). */
type SentenceFacts = Pick<
  IamDenial,
  'principal' | 'resource' | 'policyType' | 'explicitDeny' | 'policyArn' | 'authorizationId' | 'detailsUrl'
>;

export interface DenialReading extends SentenceFacts {
  type: 'denial';
  /** The action as the message writes it. */
  writtenAction: string | null;
  actionMayBeCut: boolean;
  /** The action the wrapper or the message's form implies when none is written, and why. */
  impliedAction: { action: string; why: string } | null;
  /** The operation and the services the SDK text names, to derive an action from. */
  operation: string | null;
  /** True when the operation was guessed from the words around an S3 error, not named. */
  operationFromWords: boolean;
  /** `service:Action` tokens the message names outside IAM's sentence (redacted or reworded messages). */
  mentionedActions: string[];
  /** The line is in AWS Lambda's log format (`<time> <request id> ...`): a function, not a task. */
  fromLambda: boolean;
  /** The message is framed by a deployment tool (Terraform, CloudFormation): a deployer's call. */
  deployTool: DeployTool | null;
  /** A language SDK's typed exception: a program's error, not the AWS CLI's. */
  programException: boolean;
  services: string[];
  errorCode: string | null;
  template: EcsTemplate | null;
  /** The message as one line, for display. */
  text: string;
}

export type LookAlikeKind =
  | 'network'
  | 'missing-resource'
  | 'throttling'
  | 'credentials'
  | 'placement'
  | 'invalid-request'
  | 'other'
  /** Read as an error, but neither a permission failure nor a known look-alike. */
  | 'unrecognised';

export interface LookAlikeReading {
  type: 'look-alike';
  kind: LookAlikeKind;
  likelyCause: string;
  text: string;
}

export type MessageReading = DenialReading | LookAlikeReading;

const DENIAL_SIGNALS: RegExp[] = [
  /is not authori[sz]ed to perform/i,
  /not authori[sz]ed to perform this operation/i,
  /\bAccessDenied(?:Exception)?\b/i,
  /\bAccess Denied\b/i,
  /Access to KMS is not allowed/i,
  /you are not allowed to access/i,
  /ECS was unable to assume the (?:configured ECS Infrastructure )?role/i,
  /Error in assuming (?:access|instance) role/i,
  // Elastic Beanstalk's answer for a call its caller may not make ("… for IAM PassRole Action.").
  /\bInsufficientPrivilegesException\b|\bInsufficient privileges for\b/i,
  /Unable to assume (?:role and validate|the service linked role)/i,
  /Insufficient permissions to execute command/i,
  /\b(?:Client\.)?UnauthorizedOperation\b/i,
  /\bUnauthorizedAccess\b/i,
  /\bAuthorizationError\b/i,
  /Access to the resource \S+ is denied/i,
  /does not have permissions to assume/i,
  /denied: User:/i,
  // A fragment that lost "User: … is", and the ECS agent's relay refusing Service Connect's Envoy.
  /\bnot authori[sz]ed to perform: [a-z0-9-]+:/i,
  /\bUnauthorized to perform [a-z0-9-]+:[A-Za-z]+/,
  // S3 answers a denied HEAD with a bare 403 (no body for an error code): the SDKs say Forbidden.
  /(?:StatusCode|Status Code|status code):? 403\b.{0,200}?\bForbidden\b|\bapi error Forbidden\b|An error occurred \(403\) when calling/i,
];

/** What a KMS refusal looks like when another service relays it without a principal or action. */
const KMS_RELAYED = /Access to KMS is not allowed|ciphertext refers to a customer master key/i;

interface LookAlikeRule {
  kind: LookAlikeKind;
  pattern: RegExp;
  /** Specific to AWS/ECS, so safe to report from any log line (others need an ECS wrapper). */
  awsSpecific: boolean;
  /** A cause more precise than the kind's, when the message says it. */
  cause?: string;
}

const LOOK_ALIKES: LookAlikeRule[] = [
  {
    kind: 'other',
    pattern:
      /TargetNotConnectedException|execute command failed due to an internal error|execute command was not enabled when the task was run|execute command agent isn.t running/i,
    awsSpecific: true,
    cause:
      "ECS Exec could not reach the SSM agent in the container: the task started before enableExecuteCommand was set, the agent is not running or cannot reach ssmmessages (network), or the local AWS credentials differ; run amazon-ecs-exec-checker. The task role's ssmmessages permissions are one of its checks",
  },
  {
    kind: 'missing-resource',
    pattern:
      /Unable to describe task definition|TaskDefinition not found|ClusterNotFoundException|ServiceNotFoundException|ServiceNotActiveException|Cluster not found|Service not found/i,
    awsSpecific: true,
    cause:
      'ECS found no task definition, cluster or service by that name (a typo, another region or account, or not registered yet); not a permission problem',
  },
  {
    kind: 'invalid-request',
    pattern: /Role is not valid|Invalid role ARN|is not a valid role|Invalid Role/i,
    awsSpecific: true,
    cause:
      'ECS rejected the role ARN given for the task or service: it is malformed, names a role that does not exist, or is not a role ARN; not a permission problem',
  },
  {
    kind: 'placement',
    pattern:
      /unable to place a task|no container instance met|doesn't have the agent connected|\b[A-Z_]*(?:PLACEMENT_FAILURE|PLACEMENT_CONSTRAINT_VIOLATED)\b/i,
    awsSpecific: true,
  },
  {
    kind: 'throttling',
    pattern:
      /ThrottlingException|Rate exceeded|TooManyRequestsException|RequestLimitExceeded|SlowDown|toomanyrequests|pull rate limit|\b[A-Z_]*OPERATION_THROTTLED\b/i,
    awsSpecific: true,
  },
  {
    kind: 'credentials',
    pattern:
      /security token included in the request is (?:invalid|expired)|authorization token has expired|ExpiredToken|InvalidClientTokenId|UnrecognizedClientException|SignatureDoesNotMatch|InvalidAccessKeyId|Unable to locate credentials|NoCredentialProviders|Could not load credentials/i,
    awsSpecific: true,
  },
  {
    kind: 'network',
    pattern:
      /RequestError: send request failed|RequestCanceled|connection issue between the task|check your (?:task )?network configuration/i,
    awsSpecific: true,
  },
  {
    kind: 'network',
    pattern:
      /context deadline exceeded|i\/o timeout|dial tcp|send request failed|request canceled|connection (?:reset|refused|timed out)|no such host|TLS handshake timeout/i,
    awsSpecific: false,
  },
  {
    kind: 'missing-resource',
    pattern:
      /ResourceNotFoundException|ParameterNotFound|RepositoryNotFoundException|ImageNotFoundException|NoSuchBucket|NoSuchKey|invalid (?:ssm )?parameters|did not contain json key/i,
    awsSpecific: true,
  },
  {
    kind: 'missing-resource',
    pattern: /does not exist|not found|manifest unknown|requested access to the resource is denied/i,
    awsSpecific: false,
  },
  {
    // After the specific rules: a request the service refused as invalid, whatever its detail.
    kind: 'invalid-request',
    pattern:
      /\b(?:ClientException|InvalidParameter(?:Exception|Value(?:Exception)?|Combination)?|ValidationException|ValidationError|InvalidRequestException|InvalidStructureException|MalformedPolicyDocument(?:Exception)?)\b/,
    awsSpecific: true,
  },
];

/** A line that reads as an error: it gets an answer, if only that it was read and not recognised. */
const READS_AS_ERROR =
  /\b(?:error|errors?:|exception|denied|forbidden|fail(?:ed|ure|s)?|unable|cannot|can't|could not|couldn't|not authori[sz]ed)\b|\w(?:Error|Exception)\b|_(?:FAILURE|FAILED|ERROR)\b/i;

const LIKELY_CAUSE: Record<LookAlikeKind, string> = {
  network:
    'the call never reached AWS: check the task network (VPC endpoints or NAT/public IP, security groups, DNS); not a permission problem',
  'missing-resource':
    'the image, secret, parameter or log group named does not exist (wrong name, ARN, tag or region); not a permission problem',
  throttling: 'AWS throttled the calls: retry with backoff or raise the quota; not a permission problem',
  credentials:
    'the caller had no valid credentials (missing, expired or wrong keys; an SDK too old for the task role endpoint): fix how it gets credentials, not a policy',
  placement:
    'ECS could not place the task (capacity, constraints or a disconnected agent); not a permission problem',
  'invalid-request':
    'the service refused the request as invalid (a parameter, a value or a combination it does not accept); not a permission problem: fix the request',
  other: 'not a permission failure',
  unrecognised:
    'read as an error, and recognised neither as a permission failure nor as a known look-alike: whydenied cannot say what caused it',
};

/**
 * Docker's answer for an image it cannot find: "pull access denied for <image>, repository does
 * not exist or may require 'docker login'". From ECR it goes on with IAM's sentence; from Docker
 * Hub or another registry it ends there, and means a wrong name or a private repository.
 */
const REGISTRY_REPOSITORY_MISSING =
  /pull access denied(?: for \S+?)?,? repository does not exist or may require/i;
const IAM_OR_ECR = /is not authori[sz]ed|denied: User|\.dkr\.ecr\.|AccessDeniedException/i;
const REPOSITORY_MISSING_CAUSE =
  "the image's repository does not exist on its registry (a misspelt name or tag) or is private there: check the image name; a private registry other than ECR needs the container's repositoryCredentials. Not an IAM denial";

/** Reads every permission failure a message describes; a look-alike when it describes none. */
export function readMessage(raw: string, fromEcs = false): MessageReading[] {
  const text = flattenText(raw);
  if (REGISTRY_REPOSITORY_MISSING.test(text) && !IAM_OR_ECR.test(text))
    return [{ type: 'look-alike', kind: 'missing-resource', likelyCause: REPOSITORY_MISSING_CAUSE, text }];
  const template = findEcsTemplate(text) ?? findServiceAssumeFailure(text);
  const denied =
    DENIAL_SIGNALS.some((signal) => signal.test(text)) ||
    (template?.step === 'image-pull' && /\b40[13]\b|forbidden|unauthorized/i.test(text));
  if (denied) return readDenials(text, template);
  const lookAlike = LOOK_ALIKES.find(
    (rule) => rule.pattern.test(text) && (rule.awsSpecific || fromEcs || template !== null),
  );
  if (lookAlike) {
    const likelyCause = lookAlike.cause ?? LIKELY_CAUSE[lookAlike.kind];
    return [{ type: 'look-alike', kind: lookAlike.kind, likelyCause, text }];
  }
  if (READS_AS_ERROR.test(text) && !QUIET_LEVEL.test(text) && !TABLE_ROW.test(text)) {
    return [{ type: 'look-alike', kind: 'unrecognised', likelyCause: unrecognisedCause(template), text }];
  }
  return [];
}

/** A log line its own logger marks informational ("INFO uvicorn.error: Started server process"). */
const QUIET_LEVEL =
  /(?:^|[\s\]])(?:INFO|DEBUG|TRACE|NOTICE)\s|\blevel=(?:info|debug|trace)\b|\[\s*(?:info|debug|trace)\s*\]/;

/** A row of a Markdown table ("| `trust-policy` | … cannot assume it … |"): a document's words, not a log's. */
const TABLE_ROW = /^\|(?:[^|]*\|){2,}\s*$/;

/** What was read and not recognised, with the ECS step when its template was read. */
function unrecognisedCause(template: EcsTemplate | null): string {
  if (!template) return LIKELY_CAUSE.unrecognised;
  return `read as ECS's error for ${template.doing}, but its cause is cut or unknown: it may be a denial, a network failure or a missing resource; find the full message (describe-tasks stoppedReason, the agent's log) or the CloudTrail record`;
}

function readDenials(text: string, template: EcsTemplate | null): DenialReading[] {
  const sdk = readSdkError(text);
  const sentences = findIamDenials(text);
  const unique = sentences.filter(
    (sentence, index) => sentences.findIndex((other) => sameSentence(other, sentence)) === index,
  );
  const base: IamDenial[] = unique.length > 0 ? unique : [headlessDenial(text, findCutPrincipal(text))];
  return base.map((iam) => toReading(iam, text, template, sdk));
}

/** A denial known only from an error code or an unparsed message (a CloudTrail record's). */
export function bareDenialReading(text: string, errorCode: string | null): DenialReading {
  return toReading(unreadDenial(null), text, null, { ...readSdkError(text), errorCode });
}

function toReading(
  iam: IamDenial,
  text: string,
  template: EcsTemplate | null,
  sdk: SdkErrorHints,
): DenialReading {
  return {
    type: 'denial',
    principal: iam.principal,
    writtenAction: iam.action,
    actionMayBeCut: iam.actionMayBeCut,
    impliedAction: impliedAction(text, template),
    operation:
      sdk.operation ??
      (sdk.services.includes('s3') ? s3OperationFromWords(text) : null) ??
      operationFromWords(text),
    operationFromWords: !sdk.operation,
    mentionedActions: iam.action ? [] : mentionedActions(text),
    fromLambda: LAMBDA_LINE.test(text),
    deployTool: deployToolOf(text),
    programException: sdk.programException,
    services: sdk.services,
    errorCode: sdk.errorCode,
    template,
    resource: iam.resource ?? template?.roleArn ?? null,
    policyType: iam.policyType,
    explicitDeny: iam.explicitDeny,
    policyArn: iam.policyArn,
    authorizationId: iam.authorizationId,
    detailsUrl: iam.detailsUrl,
    text,
  };
}

/** Lambda's runtimes prefix every line with the request id; START/END/REPORT lines name it too. */
const LAMBDA_LINE =
  /^[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}\s|\bRequestId: [0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}\b/i;

/** `ecs:DescribeClusters` in a message whose IAM sentence was redacted; condition keys (`aws:...`) are not actions. */
function mentionedActions(text: string): string[] {
  const found = [...text.matchAll(/(?:^|[\s(["'`])([a-z][a-z0-9-]*:[A-Z][A-Za-z0-9]+)\b/g)].map(
    (match) => match[1] ?? '',
  );
  return [...new Set(found.filter((action) => !action.startsWith('aws:') && !action.startsWith('arn:')))];
}

function impliedAction(text: string, template: EcsTemplate | null): DenialReading['impliedAction'] {
  if (/Insufficient privileges for IAM PassRole/i.test(text)) {
    return {
      action: 'iam:PassRole',
      why: 'the service says the caller may not pass the role (IAM PassRole)',
    };
  }
  if (/Roles may not be assumed by root accounts/i.test(text)) {
    return { action: 'sts:AssumeRole', why: "STS's answer to a root user calling AssumeRole" };
  }
  if (KMS_RELAYED.test(text)) {
    return {
      action: 'kms:Decrypt',
      why: 'KMS refused to decrypt (the message is the one KMS returns through Secrets Manager, SSM or S3)',
    };
  }
  if (template?.impliedAction) {
    return { action: template.impliedAction, why: `the message is ECS's error for ${template.doing}` };
  }
  return null;
}

function sameSentence(a: IamDenial, b: IamDenial): boolean {
  return a.principal === b.principal && a.action === b.action && a.resource === b.resource;
}
