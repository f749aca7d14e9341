/**
 * Plain text: pasted stopped reasons and service events, `aws logs tail` output, syslog,
 * stack traces. A message may span several lines; the grouping in message-text.ts joins them.
 */
import type { MessageEvidence, Origin } from '../../domain/evidence.js';
import { groupLines } from '../../domain/message-text.js';
import { sessionKind } from '../../domain/principal.js';
import { logEventEvidence } from './ecs-outputs.js';

/** Words without which a line cannot be a denial or a look-alike: skips the bulk of a log cheaply. */
const WORTH_READING =
  /denied|authori[sz]|not allowed|forbidden|unable|error|exception|timeout|deadline|not found|does not exist|throttl|rate exceeded|dial tcp|insufficient|permission/i;

/** A JSON log line (`{"log": ...}`, an SDK error object): its strings, in order, as one message. */
function jsonLineText(text: string): string | null {
  if (!text.startsWith('{') && !text.startsWith('"')) return null;
  try {
    const strings: string[] = [];
    const collect = (value: unknown): void => {
      // A string that spans lines (a wrapped paste logged as one JSON field) is joined like text.
      if (typeof value === 'string')
        strings.push(
          value.includes('\n')
            ? groupLines(value)
                .map((group) => group.text)
                .join(' ')
            : value,
        );
      else if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === 'object') Object.values(value).forEach(collect);
    };
    collect(JSON.parse(text));
    return strings.join(' ');
  } catch {
    return null;
  }
}

export function textEvidence(content: string, source: string): MessageEvidence[] {
  const evidence: MessageEvidence[] = [];
  for (const group of groupLines(content)) {
    if (!WORTH_READING.test(group.text)) continue;
    const body = jsonLineText(group.text) ?? group.text;
    const taskId = group.stream ? taskIdOfStream(group.stream) : null;
    const item = logEventEvidence(body, group.time, { source, line: group.line }, taskId);
    item.raw = group.text;
    evidence.push(item);
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
