/**
 * SDK failures said the way a user can act on them. A live run never shows a stack trace:
 * each failure becomes an `AwsProblem` with what happened and what to try, and the sources
 * decide whether to stop (no credentials, no region) or carry on with what can be read
 * (AccessDenied on one of whydenied's own calls).
 */
import type { InputWarning } from '../domain/evidence.js';

/** The services whydenied calls, by the SDK's service id. */
export type AwsService =
  | 'ECS'
  | 'CloudTrail'
  | 'CloudWatchLogs'
  | 'Athena'
  | 'IAM'
  | 'KMS'
  | 'ECR'
  | 'SecretsManager'
  | 'S3'
  | 'Organizations'
  | 'EC2'
  | 'STS';

/** The IAM prefix of each service: the permission for `Operation` is `<prefix>:<Operation>`. */
export const IAM_PREFIX: Record<AwsService, string> = {
  ECS: 'ecs',
  CloudTrail: 'cloudtrail',
  CloudWatchLogs: 'logs',
  Athena: 'athena',
  IAM: 'iam',
  KMS: 'kms',
  ECR: 'ecr',
  SecretsManager: 'secretsmanager',
  S3: 's3',
  Organizations: 'organizations',
  EC2: 'ec2',
  STS: 'sts',
};

export interface AwsCall {
  service: AwsService;
  operation: string;
}

export type AwsProblemKind =
  | 'no-credentials'
  | 'sso-expired'
  | 'expired-credentials'
  | 'invalid-credentials'
  | 'no-region'
  | 'unknown-region'
  | 'not-found'
  | 'access-denied'
  | 'throttled'
  | 'timeout'
  | 'other';

export interface AwsProblem {
  kind: AwsProblemKind;
  /** `api:ECS.DescribeTasks`: cited as a warning's origin. */
  origin: string;
  /** What happened, in one sentence. */
  message: string;
  /** What the user can do about it. */
  tryThis: string;
  /** For access-denied: the IAM action whydenied's own identity lacks. */
  permission: string | null;
  /** Whether the rest of the run can still be useful without this call. */
  fatal: boolean;
}

/** Why a read could not be made, short enough to end a reason: the permission whydenied lacks, or what happened. */
export function whyUnread(problem: AwsProblem): string {
  return problem.permission ? `whydenied may not call ${problem.permission}` : problem.message;
}

/** A warning as a live run's `partial` line, said on stderr once the run is over. */
export function partialLine(warning: InputWarning): string {
  return `${warning.origin}: ${warning.problem}; ${warning.expected}`;
}

/** The problem as the run's warnings carry it. */
export function warningOf(problem: AwsProblem): InputWarning {
  return { origin: problem.origin, problem: problem.message, expected: problem.tryThis };
}

export type AwsResult<T> = { ok: true; value: T } | { ok: false; problem: AwsProblem };

/** Thrown by the sources for a problem that ends the live run; the CLI prints it plainly. */
export class AwsProblemError extends Error {
  constructor(readonly problem: AwsProblem) {
    super(`${problem.message} ${problem.tryThis}`);
    this.name = 'AwsProblemError';
  }
}

/**
 * A query source (Athena, Logs Insights) that ran and could not answer: the query failed,
 * ended, or outlived its wait. Only that source is lost: the run goes on with another.
 */
export class QuerySourceError extends AwsProblemError {
  constructor(problem: AwsProblem) {
    super(problem);
    this.name = 'QuerySourceError';
  }
}

export function permissionOf(call: AwsCall): string {
  return `${IAM_PREFIX[call.service]}:${call.operation}`;
}

interface ErrorFields {
  name: string;
  message: string;
  code: string;
  hostname: string;
}

function fieldsOf(error: unknown): ErrorFields {
  const record = error !== null && typeof error === 'object' ? (error as Record<string, unknown>) : {};
  const str = (value: unknown) => (typeof value === 'string' ? value : '');
  return {
    name: str(record.name) || str(record.Code) || str(record.__type),
    message: str(record.message) || (typeof error === 'string' ? error : ''),
    code: str(record.code),
    hostname: str(record.hostname),
  };
}

const ACCESS_DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
  'AuthorizationError',
]);
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired']);
const INVALID = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
]);
const THROTTLED = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
]);
const NOT_FOUND = /NotFound|ResourceNotFound|^ClientException$/;

export interface ProblemContext {
  profile?: string | undefined;
  region?: string | null | undefined;
}

/** The user-fixable reading of any error an SDK call or the credential chain threw. */
export function translateAwsError(error: unknown, call: AwsCall, context: ProblemContext = {}): AwsProblem {
  const { name, message, code, hostname } = fieldsOf(error);
  const origin = `api:${call.service}.${call.operation}`;
  const profileFlag = context.profile ? ` --profile ${context.profile}` : '';
  const problem = (kind: AwsProblemKind, text: string, tryThis: string, fatal: boolean): AwsProblem => ({
    kind,
    origin,
    message: text,
    tryThis,
    permission: kind === 'access-denied' ? permissionOf(call) : null,
    fatal,
  });
  if (/sso/i.test(message) && /(expired|invalid|not found|sso login)/i.test(message)) {
    return problem(
      'sso-expired',
      `The SSO session${context.profile ? ` of profile ${context.profile}` : ''} has expired or is not signed in.`,
      `Run \`aws sso login${profileFlag}\` and try again.`,
      true,
    );
  }
  if (name === 'CredentialsProviderError' || /could not load credentials/i.test(message)) {
    return problem(
      'no-credentials',
      `No AWS credentials were found${context.profile ? ` for profile ${context.profile}` : ''}.`,
      'Set AWS_PROFILE or pass --profile, run `aws configure` or `aws sso login`, or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.',
      true,
    );
  }
  if (/region is missing/i.test(message)) {
    return problem(
      'no-region',
      'No AWS region is set.',
      'Pass --region (e.g. --region eu-west-1), set AWS_REGION, or set `region` in the profile.',
      true,
    );
  }
  // The SDK refuses a region that cannot be part of a host name (AWS_REGION, a profile's region).
  if (/Region not accepted|Invalid region in client config/i.test(message)) {
    const region = /region="([^"]*)"/.exec(message)?.[1] ?? context.region ?? '';
    return problem(
      'unknown-region',
      `"${region}" is not an AWS region.`,
      "Check --region / AWS_REGION / the profile's region (e.g. eu-west-1).",
      true,
    );
  }
  if ((code === 'ENOTFOUND' || code === 'EAI_AGAIN') && /amazonaws\.com$/.test(hostname)) {
    return problem(
      'unknown-region',
      `${hostname} could not be resolved: ${context.region ? `"${context.region}" may not be a region, or ` : ''}the network has no route to AWS.`,
      'Check --region / AWS_REGION (e.g. eu-west-1) and your network or proxy.',
      true,
    );
  }
  if (EXPIRED.has(name)) {
    return problem(
      'expired-credentials',
      'The AWS credentials have expired.',
      context.profile
        ? `Refresh them (\`aws sso login${profileFlag}\` for an SSO profile) and try again.`
        : 'Refresh them (a new session, `aws sso login`, or new environment variables) and try again.',
      true,
    );
  }
  if (INVALID.has(name)) {
    return problem(
      'invalid-credentials',
      `AWS did not accept the credentials (${name}).`,
      'Check that the access key is active and belongs to this partition, and that the clock is right.',
      true,
    );
  }
  if (ACCESS_DENIED.has(name) || /not authorized to perform/i.test(message)) {
    return problem(
      'access-denied',
      `AccessDenied: whydenied may not call ${permissionOf(call)}`,
      `add ${permissionOf(call)} to the role running whydenied (see \`whydenied permissions\`)`,
      false,
    );
  }
  if (THROTTLED.has(name)) {
    return problem(
      'throttled',
      `${call.service} kept throttling ${call.operation} after the retries.`,
      'Try again in a minute, or narrow the window (--since) or the lookups (--task, --service).',
      false,
    );
  }
  if (name === 'TimeoutError' || name === 'UnresponsiveServiceError') {
    return problem(
      'timeout',
      // One text whichever attempt or call ended on it, so a stalled service is one warning per operation.
      `${call.service} ${call.operation}: ${stallOf(message)}`,
      'Check the network, proxy or --endpoint-url; if the service is only slow, raise --request-timeout or --connect-timeout (seconds).',
      false,
    );
  }
  if (NOT_FOUND.test(name)) {
    return problem(
      'not-found',
      `${call.service} ${call.operation}: ${message || name}`,
      `Check the names and the region${context.region ? ` (${context.region})` : ''}: a cluster or task in another region is not found here; pass --region.`,
      false,
    );
  }
  return problem(
    'other',
    `${call.service} ${call.operation} failed: ${name ? `${name}: ` : ''}${message}`,
    'Try again; if it persists, run with WHYDENIED_DEBUG=1 and report it.',
    false,
  );
}

/** The SDK's timeout messages, said the same way whichever attempt or call gave them. */
function stallOf(message: string): string {
  const ms = /(\d+) ms/.exec(message)?.[1];
  if (/establish a connection/.test(message)) return `could not connect within ${ms ?? '?'} ms`;
  if (ms) return `no answer within ${ms} ms`;
  return `the connection failed before an answer came (${message || 'no message'})`;
}

/** Runs one SDK call and returns its value or the problem, never throwing. */
export async function attempt<T>(
  call: AwsCall,
  run: () => Promise<T>,
  context: ProblemContext = {},
): Promise<AwsResult<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, problem: translateAwsError(error, call, context) };
  }
}

/** A call of one service that gives its value, or null. */
export type KeptCall = <T>(operation: string, run: () => Promise<T>) => Promise<T | null>;

/**
 * Calls of one service whose non-fatal problems are kept in `problems` and the run goes on
 * (the call gives null); a fatal one (no credentials) ends the run.
 */
export function keepingProblems(
  service: AwsService,
  problems: AwsProblem[],
  context: ProblemContext | undefined,
): KeptCall {
  return async (operation, run) => {
    const outcome = await attempt({ service, operation }, run, context);
    if (outcome.ok) return outcome.value;
    if (outcome.problem.fatal) throw new AwsProblemError(outcome.problem);
    problems.push(outcome.problem);
    return null;
  };
}
