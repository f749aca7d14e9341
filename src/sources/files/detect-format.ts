/**
 * Recognises an input by its content, not its name: CloudTrail (S3 delivery files,
 * lookup-events, JSON Lines, CloudWatch Logs exports), ECS API outputs, EventBridge events,
 * whydenied's own JSON (skipped), or text. Anything else is a warning naming the file, the
 * record and what was expected; the rest of the input is still read.
 */
import { REPORT_TITLE } from '../../domain/analysis.js';
import type { Evidence, InputWarning } from '../../domain/evidence.js';
import { isObject, type Json } from '../../domain/json-value.js';
import { withoutZeroWidth } from '../../domain/web-text.js';
import { textEvidenceAround } from './candidate-lines.js';
import {
  cloudTrailEvidence,
  ecsRevisionEvidence,
  hasError,
  isCloudTrailRecord,
  isEcsRevisionRecord,
  isPolicyChangeRecord,
  policyChangeEvidence,
} from './cloudtrail-record.js';
import {
  logEventEvidence,
  serviceActionEvidence,
  serviceEvidence,
  taskDefinitionEvidence,
  taskEvidence,
} from './ecs-outputs.js';
import { logStreamEvidence, textEvidence } from './text-input.js';
import { toIsoTime } from './time.js';

export interface DetectedInput {
  format: string;
  evidence: Evidence[];
  warnings: InputWarning[];
  /** CloudTrail records read, with or without an error. */
  records: number;
}

export const EXPECTED_JSON =
  'a CloudTrail file {"Records":[...]}, lookup-events {"Events":[...]}, filter-log-events {"events":[...]}, ' +
  'describe-tasks {"tasks":[...]}, describe-services {"services":[...]}, describe-task-definition {"taskDefinition":{...}}, ' +
  'an EventBridge event, or a CloudTrail record';

/** IAM's and Organizations' policy outputs, and bare policy documents: inputs of --policies. */
function isPolicyOutput(value: Json): boolean {
  return (
    Array.isArray(value.RoleDetailList) ||
    Array.isArray(value.UserDetailList) ||
    (typeof value.Version === 'string' && 'Statement' in value) ||
    (isObject(value.Policy) && 'PolicySummary' in value.Policy) ||
    (isObject(value.Role) && 'AssumeRolePolicyDocument' in value.Role) ||
    'PolicyDocument' in value ||
    'policyText' in value ||
    'ResourcePolicy' in value
  );
}

/** Arrays inside arrays deeper than this are no AWS output: a hostile or broken input. */
const MAX_ARRAY_NESTING = 8;

/** Whether arrays nest inside `value` more than `limit` levels, found without recursion. */
function arraysNestDeeper(value: unknown[], limit: number): boolean {
  let level: unknown[][] = [value];
  for (let depth = 0; depth < limit; depth++) {
    level = level.flatMap((array) => array.filter((item): item is unknown[] => Array.isArray(item)));
    if (level.length === 0) return false;
  }
  return true;
}

/** What an unexpected failure inside one record says; a stack overflow is a value nested too deep. */
export function failureText(error: unknown): string {
  if (error instanceof RangeError) return `nested too deep to read (${error.message})`;
  return `could not be read (${error instanceof Error ? error.message : String(error)})`;
}

/** Warnings kept per input: a broken file of a million lines needs a few examples and a count. */
const MAX_WARNINGS = 100;

export class Reader {
  readonly evidence: Evidence[] = [];
  readonly warnings: InputWarning[] = [];
  private unlisted = 0;
  /** The elements of a top-level array none of which is known: warned of if its text holds nothing either. */
  unknownElements: string[] = [];
  /** The command a pasted terminal session ran before the JSON it printed, read with what it printed. */
  command: string | null = null;
  records = 0;
  format = 'json';

  constructor(private readonly source: string) {}

  warn(where: string, problem: string, expected: string): void {
    if (this.warnings.length >= MAX_WARNINGS) this.unlisted += 1;
    else this.warnings.push({ origin: where ? `${this.source}#${where}` : this.source, problem, expected });
  }

  /** The warnings, with a count of those past the first hundred. */
  allWarnings(): InputWarning[] {
    if (this.unlisted === 0) return this.warnings;
    return [
      ...this.warnings,
      {
        origin: this.source,
        problem: `${this.unlisted.toLocaleString('en')} more warnings like these, not listed`,
        expected: 'the problems above fixed, or the input split',
      },
    ];
  }

  /** What this reader read, as the input's result. */
  detected(format = this.format): DetectedInput {
    return { format, evidence: this.evidence, warnings: this.allWarnings(), records: this.records };
  }

  /** One element of a record array (`Records`, `Events`, `events`) read from a stream. */
  element(key: string, item: unknown, pointer: string): void {
    this.guarded(pointer, 'a record', () => {
      if (key === 'Records') {
        this.format = 'cloudtrail';
        this.record(item, pointer);
      } else if (key === 'Events') {
        this.format = 'cloudtrail-lookup-events';
        this.lookupEvent(item, pointer);
      } else if (isObject(item) && 'message' in item) {
        this.format = 'cloudwatch-logs-events';
        this.logEvent(item, pointer);
      } else this.warn(pointer, 'not a CloudWatch Logs event (no message)', 'a filter-log-events event');
    });
  }

  /** One record or element read on its own: what fails inside it is a warning naming it, not the input's end. */
  guarded(where: string, expected: string, read: () => void): void {
    try {
      read();
    } catch (error) {
      this.warn(where, failureText(error), expected);
    }
  }

  cloudTrail(record: Json, pointer: string, line?: number): void {
    this.records += 1;
    const origin = line === undefined ? { source: this.source, pointer } : { source: this.source, line };
    this.guarded(line === undefined ? pointer : `line ${line}`, 'a CloudTrail record', () => {
      if (hasError(record)) this.evidence.push(cloudTrailEvidence(record, origin));
      else if (isEcsRevisionRecord(record)) this.evidence.push(...ecsRevisionEvidence(record, origin));
      else if (isPolicyChangeRecord(record)) {
        const change = policyChangeEvidence(record, origin);
        this.evidence.push(change);
        if (change.documentProblem)
          this.warn(
            line === undefined ? pointer : `line ${line}`,
            `the ${change.eventName} policy document cannot be read: ${change.documentProblem}`,
            'a JSON policy document, as a string (plain or URL-encoded) or an object',
          );
      }
    });
  }

  /** One parsed line of JSON Lines, whole or streamed. */
  jsonLine(value: unknown, line: number): void {
    const where = `line ${line}`;
    this.guarded(where, 'a CloudTrail record per line', () => {
      if (!this.value(value, where, line))
        this.warn(where, 'JSON line of an unknown shape', 'a CloudTrail record per line');
    });
  }

  /** A value whose shape decides what it is; returns false when it is none of the known shapes. */
  value(value: unknown, pointer: string, line?: number, depth = 0): boolean {
    if (Array.isArray(value)) {
      if (depth === 0 && arraysNestDeeper(value, MAX_ARRAY_NESTING)) {
        this.warn(pointer, `arrays nested more than ${MAX_ARRAY_NESTING} deep`, EXPECTED_JSON);
        return true;
      }
      const unknown = value.flatMap((item, index) =>
        this.value(item, `${pointer}[${index}]`, undefined, depth + 1) ? [] : [index],
      );
      // A whole input none of whose elements is known (a tool's own JSON report, keydra's
      // [{"status": "fail", "msg": "…"}]) is read as text by the caller, or said to be unknown.
      if (depth === 0 && unknown.length === value.length) {
        this.unknownElements = unknown.map((index) => `${pointer}[${index}]`);
        return false;
      }
      for (const index of unknown) this.warn(`${pointer}[${index}]`, 'unrecognised element', EXPECTED_JSON);
      return value.length > 0;
    }
    if (!isObject(value)) return false;
    const at = (key: string) => (pointer ? `${pointer}.${key}` : key);
    if (isCloudTrailRecord(value)) {
      this.cloudTrail(value as Json, pointer || 'record', line);
      return true;
    }
    if ('@message' in value && ('@timestamp' in value || '@logStream' in value)) {
      return this.insightsRow(value as Json, pointer || 'row');
    }
    if (Array.isArray(value.Records)) {
      this.format = 'cloudtrail';
      value.Records.forEach((record, index) => {
        this.record(record, `${at('Records')}[${index}]`);
      });
      return true;
    }
    if (Array.isArray(value.Events)) {
      this.format = 'cloudtrail-lookup-events';
      value.Events.forEach((event, index) => {
        this.lookupEvent(event, `${at('Events')}[${index}]`);
      });
      return true;
    }
    if (Array.isArray(value.events) && value.events.every((event) => isObject(event) && 'message' in event)) {
      this.format = 'cloudwatch-logs-events';
      value.events.forEach((event, index) => {
        const where = `${at('events')}[${index}]`;
        this.guarded(where, 'a CloudWatch Logs event', () => this.logEvent(event as Json, where));
      });
      return true;
    }
    if (Array.isArray(value.tasks)) {
      this.format = 'ecs-describe-tasks';
      value.tasks.forEach((task, index) => {
        const where = `${at('tasks')}[${index}]`;
        this.guarded(where, 'an ECS task', () => {
          if (isObject(task)) this.evidence.push(...taskEvidence(task, this.source, where));
        });
      });
      return true;
    }
    if (isObject(value.task) && typeof value.task.taskArn === 'string') {
      // stop-task and run-task print one task under "task".
      this.format = 'ecs-task';
      this.evidence.push(...taskEvidence(value.task, this.source, at('task')));
      return true;
    }
    if (Array.isArray(value.services)) {
      this.format = 'ecs-describe-services';
      value.services.forEach((service, index) => {
        const where = `${at('services')}[${index}]`;
        this.guarded(where, 'an ECS service', () => {
          if (isObject(service)) this.evidence.push(...serviceEvidence(service, this.source, where));
        });
      });
      return true;
    }
    if (Array.isArray(value.taskDefinitionArns)) {
      this.format = 'ecs-list-task-definitions';
      const arns = value.taskDefinitionArns.filter((arn): arn is string => typeof arn === 'string');
      this.evidence.push({
        kind: 'task-definition-list',
        time: null,
        origin: { source: this.source, pointer: at('taskDefinitionArns') },
        raw: JSON.stringify(arns),
        taskDefinitionArns: arns,
      });
      return true;
    }
    if (isObject(value.taskDefinition)) {
      this.format = 'ecs-describe-task-definition';
      return this.taskDefinition(value.taskDefinition, at('taskDefinition'));
    }
    if (
      (typeof value.taskDefinitionArn === 'string' || typeof value.family === 'string') &&
      'containerDefinitions' in value
    ) {
      // A task definition as registered (register-task-definition input, often kept in a repo) or described.
      return this.taskDefinition(value, pointer || 'taskDefinition');
    }
    if (value.source === 'aws.ecs' && isObject(value.detail)) {
      this.format = 'eventbridge';
      if (value['detail-type'] === 'ECS Task State Change') {
        this.evidence.push(...taskEvidence(value.detail, this.source, at('detail')));
      } else if (
        value['detail-type'] === 'ECS Service Action' ||
        value['detail-type'] === 'ECS Deployment State Change'
      ) {
        this.evidence.push(...serviceActionEvidence(value, this.source, pointer || '$'));
      }
      return true;
    }
    if (value['detail-type'] === 'AWS API Call via CloudTrail' && isCloudTrailRecord(value.detail)) {
      this.format = 'eventbridge';
      this.cloudTrail(value.detail as Json, at('detail'), line);
      return true;
    }
    if (Array.isArray(value.EvaluationResults)) {
      this.format = 'iam-simulation';
      value.EvaluationResults.forEach((result, index) => {
        const where = `${at('EvaluationResults')}[${index}]`;
        this.guarded(where, 'an IAM policy simulator result', () => this.simulation(result, where));
      });
      return true;
    }
    if (isPolicyOutput(value)) {
      this.format = 'policies';
      this.warn(pointer, 'IAM policies, not evidence', 'policies given with --policies, to verify the fixes');
      return true;
    }
    if (
      Array.isArray(value.findings) &&
      (typeof value.schemaVersion === 'number' || Array.isArray(value.notPermission))
    ) {
      // whydenied's own output (a saved analysis, a sample's expected.json): not evidence.
      this.format = 'whydenied-output';
      return true;
    }
    return false;
  }

  /**
   * One of the policy simulator's EvaluationResults: one it did not allow is a refusal, read with
   * the command that ran the simulation (its --policy-source-arn names the principal).
   */
  private simulation(result: unknown, where: string): void {
    if (!isObject(result) || typeof result.EvalDecision !== 'string') {
      this.warn(where, 'no EvalDecision', 'an EvaluationResults entry of simulate-principal-policy');
      return;
    }
    if (result.EvalDecision === 'allowed') return;
    const json = JSON.stringify(result);
    const body = this.command ? `${this.command}\n${json}` : json;
    this.evidence.push(logEventEvidence(body, null, { source: this.source, pointer: where }, null));
  }

  /** One element of a CloudTrail file's `Records`. */
  record(record: unknown, pointer: string): void {
    if (isCloudTrailRecord(record)) this.cloudTrail(record as Json, pointer);
    else
      this.warn(pointer, 'not a CloudTrail record (no eventSource/eventName)', 'a CloudTrail record object');
  }

  private lookupEvent(event: unknown, pointer: string): void {
    const body = isObject(event) ? event.CloudTrailEvent : undefined;
    if (typeof body !== 'string') {
      this.warn(pointer, 'no CloudTrailEvent string', 'a lookup-events entry with CloudTrailEvent');
      return;
    }
    try {
      this.record(JSON.parse(body), `${pointer}.CloudTrailEvent`);
    } catch (error) {
      this.warn(
        `${pointer}.CloudTrailEvent`,
        `invalid JSON (${(error as Error).message})`,
        'a CloudTrail record as a JSON string',
      );
    }
  }

  /**
   * A row of CloudWatch Logs Insights results as the console exports them: "@message" is the
   * event (an object when it was JSON, a CloudTrail record among them; else the line as text),
   * "@timestamp" its time in UTC without a zone ("2024-04-26 16:29:16.205").
   */
  private insightsRow(row: Json, pointer: string): boolean {
    const message = row['@message'];
    if (typeof message !== 'string' && !isObject(message)) return false;
    this.format = 'cloudwatch-logs-insights';
    const where = `${pointer}.@message`;
    if (isObject(message) && isCloudTrailRecord(message)) {
      this.record(message, where);
      return true;
    }
    const stamp = typeof row['@timestamp'] === 'string' ? row['@timestamp'].trim() : '';
    const utc = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)?$/.test(stamp)
      ? `${stamp.replace(' ', 'T')}Z`
      : stamp;
    this.logEvent(
      {
        message: typeof message === 'string' ? message : JSON.stringify(message),
        logStreamName: typeof row['@logStream'] === 'string' ? row['@logStream'] : '',
        timestamp: utc || null,
      },
      pointer,
    );
    return true;
  }

  /** A CloudWatch Logs event: a CloudTrail record when CloudTrail delivers there, else a log line. */
  private logEvent(event: Json, pointer: string): void {
    const message = typeof event.message === 'string' ? event.message : '';
    const trimmed = message.trim();
    if (trimmed.startsWith('{')) {
      try {
        const parsed: unknown = JSON.parse(trimmed);
        if (isCloudTrailRecord(parsed)) {
          this.record(parsed, `${pointer}.message`);
          return;
        }
        // An EventBridge rule's target log group keeps each event whole, ECS task state changes among them.
        if (isObject(parsed) && parsed.source === 'aws.ecs' && isObject(parsed.detail)) {
          this.value(parsed, `${pointer}.message`);
          return;
        }
      } catch {
        // An app's JSON-ish line that is not valid JSON is still a log line.
      }
    }
    const stream = typeof event.logStreamName === 'string' ? event.logStreamName : '';
    const origin = { source: this.source, pointer: `${pointer}.message` };
    this.evidence.push(...logStreamEvidence(message, { stream, time: toIsoTime(event.timestamp), origin }));
  }

  private taskDefinition(definition: Json, pointer: string): boolean {
    const evidence = taskDefinitionEvidence(definition, this.source, pointer);
    if (evidence) this.evidence.push(evidence);
    else
      this.warn(
        pointer,
        'task definition without taskDefinitionArn or family',
        'describe-task-definition output',
      );
    return true;
  }
}

/** Reads one decoded input. `content` is text (UTF-8 already checked by the caller). */
export function detectAndRead(input: string, source: string): DetectedInput {
  // A page's zero-width blanks, where it let a long ARN break, are no part of a document's values
  // (nor of a text's words, which plainWebText drops too).
  const content = withoutZeroWidth(input);
  const reader = new Reader(source);
  const trimmed = content.trim();
  if (trimmed === '') {
    reader.warn('', 'empty input', `${EXPECTED_JSON}, or text with one message per line`);
    return { format: 'empty', evidence: [], warnings: reader.allWarnings(), records: 0 };
  }
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let parsed: unknown;
    let parseError: Error | null = null;
    try {
      parsed = JSON.parse(trimmed);
    } catch (error) {
      parseError = error as Error;
    }
    if (!parseError) {
      if (reader.value(parsed, '')) {
        return reader.detected();
      }
      // A JSON log entry or an SDK error object ({"message": "User: ...", "code": ...}): read its text.
      const evidence = textEvidence(trimmed.replace(/\r?\n\s*/g, ' '), source);
      if (evidence.length === 0 && reader.unknownElements.length > 0)
        for (const where of reader.unknownElements) reader.warn(where, 'unrecognised element', EXPECTED_JSON);
      else if (evidence.length === 0) reader.warn('', 'JSON of an unknown shape', EXPECTED_JSON);
      return { format: 'json-text', evidence, warnings: reader.allWarnings(), records: 0 };
    }
    const jsonLines = readJsonLines(trimmed, reader);
    if (jsonLines) return reader.detected('json-lines');
    // Not JSON after all: a pretty-printed log entry or a paste. Read it as text, and say so if it held nothing.
    const evidence = textEvidenceAround(content, source);
    if (evidence.length === 0) {
      reader.warn('', `invalid JSON (${parseError.message})`, EXPECTED_JSON);
    }
    return { format: 'text', evidence, warnings: reader.allWarnings(), records: 0 };
  }
  // whydenied's own report quotes the evidence it was made from: reading it back would count it twice.
  if (trimmed.startsWith(REPORT_TITLE))
    return { format: 'whydenied-report', evidence: [], warnings: [], records: 0 };
  const exported = readExportedEvents(trimmed, reader, source);
  if (exported) return reader.detected('cloudwatch-logs-export');
  const printed = commandThenJson(content);
  if (printed) {
    reader.command = printed.command;
    if (reader.value(printed.json, '')) {
      const around = textEvidenceAround(`${printed.before}\n${printed.after}`, source);
      return { ...reader.detected(), evidence: [...around, ...reader.evidence] };
    }
  }
  return { format: 'text', evidence: textEvidenceAround(content, source), warnings: [], records: 0 };
}

/** A pasted terminal session longer than this is a log, read as text: its JSON is not looked for. */
const MAX_PASTE_FOR_JSON = 1 << 20;
const OPENS_DOCUMENT = /^\s*[{[]\s*$/;
const CLOSES_DOCUMENT = /^\s*[}\]]\s*$/;
/**
 * The AWS CLI's command line, behind a shell's prompt, a quote's mark or nothing: unlike
 * deploy-tool's SHELL_PROMPT_AWS_CLI, which needs a prompt to say someone typed it, this only
 * finds the command whose output follows.
 */
const CLI_COMMAND = /(?:^|[\s$>#])aws\s+[a-z0-9-]+\s+[a-z0-9-]+/;

/**
 * A terminal paste: a command, then the JSON it printed, pretty-printed from a line that only
 * opens it to one that only closes it ("$ aws ecs describe-tasks …" then "{" … "}"). The JSON,
 * the text around it, and the last AWS CLI command before it.
 */
function commandThenJson(
  content: string,
): { json: unknown; before: string; after: string; command: string | null } | null {
  if (content.length > MAX_PASTE_FOR_JSON) return null;
  const lines = content.split(/\r?\n/);
  const start = lines.findIndex((line) => OPENS_DOCUMENT.test(line));
  if (start <= 0) return null;
  // The last lines that only close a document, latest first: the output may be followed by more text.
  const ends = lines
    .map((line, index) => (index > start && CLOSES_DOCUMENT.test(line) ? index : -1))
    .filter((index) => index >= 0)
    .slice(-4)
    .reverse();
  for (const end of ends) {
    try {
      const json: unknown = JSON.parse(lines.slice(start, end + 1).join('\n'));
      const before = lines.slice(0, start);
      return {
        json,
        before: before.join('\n'),
        after: lines.slice(end + 1).join('\n'),
        command: lastCommand(before),
      };
    } catch {
      // Not the document's end: try an earlier one.
    }
  }
  return null;
}

/**
 * The last AWS CLI command among the lines, with the lines its backslashes continue it on (the
 * AWS CLI's own examples write one option a line: "aws iam simulate-principal-policy \\" then
 * "--policy-source-arn … \\", then its "Output::").
 */
function lastCommand(lines: string[]): string | null {
  let at = lines.length - 1;
  while (at >= 0 && !CLI_COMMAND.test(lines[at] ?? '')) at -= 1;
  if (at < 0) return null;
  let end = at;
  while (end + 1 < lines.length && /\\\s*$/.test(lines[end] ?? '')) end += 1;
  return lines
    .slice(at, end + 1)
    .map((line) => line.trim().replace(/\s*\\$/, ''))
    .join(' ');
}

/** A CloudWatch Logs export to S3 writes each event as its ISO timestamp, a space and the message. */
const EXPORTED_LINE = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z) (\{.*\})\s*$/;

/** The JSON event an export line holds (an ECS event or a CloudTrail record), or null: the line is text. */
export function exportedEvent(line: string): Json | null {
  const match = EXPORTED_LINE.exec(line);
  if (!match) return null;
  try {
    const value: unknown = JSON.parse(match[2] ?? '');
    return isObject(value) &&
      (isCloudTrailRecord(value) || (value.source === 'aws.ecs' && isObject(value.detail)))
      ? value
      : null;
  } catch {
    return null;
  }
}

/**
 * An export whose messages are JSON events (an EventBridge rule's log group: ECS task state
 * changes, CloudTrail records): each message read as the event it holds. The other lines (an
 * app's own logs exported beside them) are read as text; with no event at all, the whole input is.
 */
function readExportedEvents(content: string, reader: Reader, source: string): boolean {
  const lines = content.split(/\r?\n/);
  const events = lines.map(exportedEvent);
  if (!events.some(Boolean)) return false;
  events.forEach((value, index) => {
    const where = `line ${index + 1}`;
    if (value)
      reader.guarded(where, 'an exported CloudWatch Logs event', () => reader.value(value, where, index + 1));
  });
  // The other lines keep their numbers: an event's line is blank to the text reader.
  reader.evidence.push(
    ...textEvidenceAround(lines.map((line, index) => (events[index] ? '' : line)).join('\n'), source),
  );
  return true;
}
/** JSON Lines: most non-empty lines parse as objects. Broken lines are warnings, not the end. */
function readJsonLines(content: string, reader: Reader): boolean {
  const lines = content.split(/\r?\n/);
  const parsed: { line: number; value: unknown }[] = [];
  const broken: { line: number; message: string }[] = [];
  lines.forEach((text, index) => {
    if (text.trim() === '') return;
    try {
      parsed.push({ line: index + 1, value: JSON.parse(text) });
    } catch (error) {
      broken.push({ line: index + 1, message: (error as Error).message });
    }
  });
  if (parsed.length < 2 || parsed.length < broken.length) return false;
  for (const { line, value } of parsed) reader.jsonLine(value, line);
  for (const { line, message } of broken)
    reader.warn(`line ${line}`, `invalid JSON (${message})`, 'one JSON object per line');
  return true;
}
