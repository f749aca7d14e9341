/**
 * Plain text: pasted stopped reasons and service events, `aws logs tail` output, syslog,
 * stack traces. A message may span several lines; the grouping in message-text.ts joins them.
 */

import { SHELL_PROMPT_AWS_CLI } from '../../domain/deploy-tool.js';
import type { MessageEvidence, Origin } from '../../domain/evidence.js';
import { namesLookAlike } from '../../domain/look-alikes.js';
import { hostSignOf, SNS_DELIVERY_STATUS } from '../../domain/message-reading.js';
import { groupLines, isoTime, messageTexts, type TextMessage } from '../../domain/message-text.js';
import { sessionKind } from '../../domain/principal.js';
import { logEventEvidence } from './ecs-outputs.js';

/**
 * Words without which a line cannot be a denial, nor most look-alikes: skips the bulk of a log
 * cheaply (a line a look-alike's rule names without them is read too, worthReading below; a long
 * log's probe, candidate-lines.ts, finds its windows by these words alone).
 * Telegraf's and the CloudWatch agent's `E!` level counts after a time or a bracket.
 * AWS's authentication refusals may carry none of the others ('The request signature we
 * calculated does not match…', 'Credential should be scoped to…'). The policy simulator's
 * decisions are one camel-cased word ("ecs:ExecuteCommand: implicitDeny" in the ECS Exec Checker's
 * verdicts, "kms:Decrypt   implicitDeny" in its rows).
 */
export const WORTH_READING =
  /denied|authori[sz]|not allowed|forbidden|unable|unavailable|not available|(?:^|[\dZ\]] ?)E!|error|exception|fail|cannot|can(?:'|\\u0027)t|could not|couldn(?:'|\\u0027)t|timeout|timed out|deadline|not found|does not exist|does not have an associated|throttl|rate exceeded|rate limit|dial tcp|insufficient|permission|expired|exited|interrupted|terminated|deregistration|scaling activity|maintenance|assume|policy allows|explicit deny|explicitly denies|invalid (?:ssm )?parameters|invalid request|operation not permitted|config stream\b[^\n]{0,160}?closed|connection issue|network configuration|is not valid|did not contain json key|no basic auth credentials|invalid reference format|\bmount\.nfs4?:|\bInvalid\w*Token\b|token is malformed|signature|credential|not able to validate|requires capabilities|(?:implicit|explicit)Deny|\|\s*Not Configured|\\?"principal\\?"\s*:/i;

/** A message with one of the words, or (when asked) one a look-alike's rule names as written. */
function worthReading(text: string, lookAlikes: boolean): boolean {
  return WORTH_READING.test(text) || (lookAlikes && namesLookAlike(text));
}

/** The fields of a log record that hold its message: Docker's `log`, a JSON logger's `msg` or `message`. */
const MESSAGE_KEYS = new Set(['log', 'msg', 'message']);
/**
 * The fields a log pipeline puts around the message: Docker's json-file (`stream`, `time`:
 * docs.docker.com, "JSON File logging driver"), FireLens's (`source`, `container_id`,
 * `container_name`, `ecs_cluster`, `ecs_task_arn`, `ecs_task_definition`: ECS Developer Guide,
 * "Send Amazon ECS logs to an AWS service or AWS Partner"), a JSON logger's level and time.
 * Read as words, they would run on the message ("… on resource: stderr").
 */
const RECORD_KEYS = new Set([
  'stream',
  'time',
  'timestamp',
  '@timestamp',
  'ts',
  'level',
  'severity',
  'source',
  'container_id',
  'container_name',
  'ecs_cluster',
  'ecs_task_arn',
  'ecs_task_definition',
]);

/** A log record's own fields, when the object is one (it has a message field): not the message's words. */
function messageFields(object: object): unknown[] {
  const entries = Object.entries(object);
  const record = entries.some(([key, value]) => MESSAGE_KEYS.has(key) && typeof value === 'string');
  return entries.filter(([key]) => !record || !RECORD_KEYS.has(key)).map(([, value]) => value);
}

/** Lambda's runtime error: `errorType` and `errorMessage` (in any case: a paste may lower-case them). */
function lambdaError(value: unknown): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = new Set(Object.keys(value).map((key) => key.toLowerCase()));
  return keys.has('errortype') && keys.has('errormessage');
}

/**
 * A decoded authorization message (`aws sts decode-authorization-message --output text`): a
 * "context" whose "principal" is an object. Its keys are its meaning (principal, action,
 * resource), so it is read as written, not as its strings.
 */
function decodedAuthorization(value: unknown): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const context = (value as Record<string, unknown>).context;
  if (!context || typeof context !== 'object') return false;
  const principal = (context as Record<string, unknown>).principal;
  return Boolean(principal) && typeof principal === 'object';
}

/**
 * A JSON log line (`{"log": ...}`, an SDK error object): its strings, in order, as one message.
 * A string that is itself JSON (an app's JSON log inside FireLens's or Docker's) is read the
 * same way; a string that spans lines (a wrapped paste logged as one field) is joined like text.
 * A record whose one string is its message gives that message's own messages, each apart.
 */
function jsonLineTexts(text: string): string[] | null {
  if (!text.startsWith('{') && !text.startsWith('"') && !text.startsWith('[')) return null;
  try {
    const strings: string[][] = [];
    const collect = (value: unknown): void => {
      if (typeof value === 'string') strings.push(jsonLineTexts(value.trim()) ?? messageTexts(value));
      else if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === 'object') messageFields(value).forEach(collect);
    };
    const parsed: unknown = JSON.parse(text);
    // Lambda's runtimes report a function's failure as JSON with errorType and errorMessage: its
    // keys are the sign it is a function's (message-reading.ts), so it is read as written; so is
    // a decoded authorization message, whose keys say who was refused what, and SNS's delivery
    // status, whose keys say SNS made the call.
    if (lambdaError(parsed) || decodedAuthorization(parsed) || SNS_DELIVERY_STATUS.test(text)) return null;
    collect(parsed);
    if (strings.length === 1) return strings[0] ?? [];
    return [strings.map((texts) => texts.join(' ')).join(' ')];
  } catch {
    return null;
  }
}

export function textEvidence(content: string, source: string): MessageEvidence[] {
  return messageEvidence(groupLines(content), source);
}

/**
 * The evidence of messages already grouped from lines. `pasted`: the groups are a whole text, one
 * program's: a message only a look-alike's rule names is read too, and the words that show where
 * the program ran go with each message. A long log's windows, found by the words alone, are
 * neither: they mix programs, and testing the rules on each window's lines cost a sixth of the
 * log's time.
 */
export function messageEvidence(groups: TextMessage[], source: string, pasted = true): MessageEvidence[] {
  const evidence: MessageEvidence[] = [];
  // A pasted terminal session: what follows a shell prompt running the AWS CLI is that command's
  // output, so each message after it is read with the command line before it (the person who
  // typed it is the caller), until the next prompt.
  let command: string | null = null;
  // Where the program ran, as any line of it shows (a Lambda runtime's frame, a Mac's path),
  // though that line is no message itself.
  let hostSign: string | null = null;
  for (const group of pasted ? groups : []) {
    hostSign = hostSignOf(group.text);
    if (hostSign) break;
  }
  for (const group of groups) {
    const prompt = SHELL_PROMPT_AWS_CLI.test(group.text);
    if (!prompt && !worthReading(group.text, pasted)) continue;
    const taskId = group.stream ? taskIdOfStream(group.stream) : null;
    for (const text of jsonLineTexts(group.text) ?? messageTexts(group.text)) {
      if (prompt && SHELL_PROMPT_AWS_CLI.test(text)) command = text;
      if (!worthReading(text, pasted)) continue;
      const body = command && command !== text ? `${command}\n${text}` : text;
      const item = logEventEvidence(body, isoTime(group.timeText), { source, line: group.line }, taskId);
      item.raw = group.text;
      if (hostSign) item.hostSign = hostSign;
      evidence.push(item);
    }
  }
  return evidence;
}

/** awslogs streams end with the task id (`prefix/container/<task id>`; old tasks have UUIDs). */
export function taskIdOfStream(stream: string): string | null {
  const last = stream.slice(stream.lastIndexOf('/') + 1);
  const kind = sessionKind(last);
  return kind === 'task-id' || kind === 'uuid' ? last : null;
}

/**
 * One CloudWatch Logs event (filter-log-events output, or FilterLogEvents live): its message
 * read as text, at the event's time, tied to the task its stream names.
 */
export function logStreamEvidence(
  message: string,
  event: { stream: string; time: string | null; origin: Origin },
): MessageEvidence[] {
  const taskId = taskIdOfStream(event.stream);
  return textEvidence(message, event.origin.source).map((item) => ({
    ...item,
    origin: event.origin,
    time: event.time ?? item.time,
    taskArn: item.taskArn ?? taskId,
  }));
}
