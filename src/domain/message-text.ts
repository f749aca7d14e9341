/**
 * Turns text as people and log pipelines deliver it (escaped, syslog-prefixed, wrapped at a
 * fixed width, split over lines) back into one message per failure.
 */

import { READS_AS_ERROR } from './look-alikes.js';
import { stripTerminalEscapes } from './terminal-escapes.js';
import { decodeHtmlEntities, plainWebText } from './web-text.js';
import {
  afterClausePunctuation,
  betweenWholeWords,
  breaksMidWord,
  clauseAfterWord,
  EDGE,
  ERROR_NAME_ALONE,
  halvesOfOneWord,
  insideFixedSentence,
  startsClause,
  wholeWords,
} from './wrapped-words.js';

/** Literal escapes left by JSON encoders, Go's `%q`, logrus and syslog (`#011` is a tab), and HTML's. */
export function unescapeText(text: string): string {
  const unescaped = stripTerminalEscapes(text)
    .replace(/\\r\\n|\\n|\\r/g, '\n')
    .replace(/\\t|#011/g, '\t')
    .replace(/#012/g, '\n')
    .replace(/\\"/g, '"')
    .replace(/\\u2019|[\u2018\u2019]/g, "'")
    .replace(UNICODE_ESCAPE, unicodeCharacter);
  return decodeHtmlEntities(unescaped);
}

/**
 * A JSON encoder's \uXXXX left as text, as Go's escapes '<', '>' and '&' in every string it
 * encodes ('…:\u003caccount id\u003e:…') and a log quoting its JSON once more keeps them.
 */
const UNICODE_ESCAPE = /\\u([0-9a-fA-F]{4})/g;
function unicodeCharacter(written: string, hex: string): string {
  const code = Number.parseInt(hex, 16);
  // Printable characters only: a control character or half a surrogate pair stays as written.
  return code >= 0x20 && code !== 0x7f && (code < 0xd800 || code > 0xdfff)
    ? String.fromCharCode(code)
    : written;
}

/**
 * One line of whitespace: what a console shows of `\n\t` tails and wrapped pastes. IAM's
 * "is not authorized" retyped with a contraction, as AWS's newer pages print it ("isn't
 * authorized to perform", fj-20), is IAM's sentence all the same.
 */
export function flattenText(text: string): string {
  return unescapeText(text)
    .replace(/\s+/g, ' ')
    .replace(/\b(is)n't(?= authori[sz]ed\b)/gi, '$1 not')
    .trim();
}

/** Which log wrote a line's prefix: lines that repeat one shape are records of one log. */
export type PrefixShape = 'logs-tail' | 'syslog' | 'time' | 'compose';

export interface LinePrefix {
  /** The prefix's time as written, when it carries a full date (isoTime converts it). */
  timeText: string | null;
  /** The log stream `aws logs tail` names (awslogs streams end with the task id). */
  stream: string | null;
  body: string;
  shape: PrefixShape | null;
}

const SYSLOG = /^(?:<\d+>)?[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d (?:\S+ )?[\w./-]+(?:\[\d+\])?: ?/;
/**
 * A zone may follow the time after a space, as git and Ruby print it (`16:33:43 -0700`). RFC 3339
 * allows 't' and 'z' in lower case, as a lower-cased paste writes them.
 */
const ZONE = String.raw`(?:[Zz]|\s?[+-]\d\d:?\d\d)`;
const ISO_TIME = new RegExp(String.raw`\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d:\d\d(?:[.,]\d+)?${ZONE}?`);
/**
 * `aws logs tail` prints `<ISO time with an offset> <log stream> <message>`; streams contain a slash, and
 * CloudWatch forbids colons in their names, so an ARN at the start of a message is not one.
 */
const LOGS_TAIL = /^(\d{4}-\d\d-\d\d[Tt]\d\d:\d\d:\d\d(?:\.\d+)?[+-]\d\d:\d\d) ([^\s/:*]+\/[^\s:*]*) /;
const LEADING_TIME = new RegExp(
  String.raw`^\[?(\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d:\d\d(?:[.,]\d+)?${ZONE}?)\]?\s+`,
);
/**
 * `docker compose logs` names the container before a bar, padded: `app-1  | ` (v1: `web_1  | `).
 * Compose names are lower case and end with the replica's number, unlike a table's first column.
 * `kubectl logs --prefix` names the pod and container the same way: `[pod/app-7c5b/app] `.
 */
const COMPOSE = /^(?:[a-z0-9][a-z0-9_.-]*[-_]\d+\s+\| |\[pod\/[^\]\s/]+\/[^\]\s]+\] )/;

/**
 * The line's time in its text: a time a field names is the record's stamp only under a time key
 * (logrus's 'time="…"'); another field's ('next_retry=2018-07-19 13:08:35') is that field's value.
 */
const BODY_STAMP = new RegExp(
  String.raw`(?<![\w-]=["']?)${ISO_TIME.source}|(?<=\b(?:time|ts|timestamp)=["']?)${ISO_TIME.source}`,
);

/** `aws logs tail` lines are timestamped lines whose first word may look like a stream. */
function family(shape: PrefixShape | null): PrefixShape | null {
  return shape === 'logs-tail' ? 'time' : shape;
}

/**
 * Two stamps a second or more apart (a record's own lines may differ in their microseconds),
 * given with their instants (NaN when a stamp names none): each line's stamp is read once.
 */
function secondsApart(
  before: string | null,
  beforeMs: number,
  after: string | null,
  afterMs: number,
): boolean {
  if (Number.isNaN(beforeMs) || Number.isNaN(afterMs))
    return before !== null && after !== null && before !== after;
  return Math.abs(afterMs - beforeMs) >= 1000;
}

/** The instant a timestamp found in a log line names, in ms (UTC when it gives no zone); NaN for none. */
function stampMillis(text: string | null): number {
  if (text === null) return Number.NaN;
  const match = ISO_TIME.exec(text);
  if (!match) return Number.NaN;
  let value = match[0]
    .toUpperCase()
    .replace(' ', 'T')
    .replace(',', '.')
    .replace(/\s?([+-]\d\d):?(\d\d)$/, '$1:$2');
  if (!/(Z|[+-]\d\d:?\d\d)$/.test(value)) value += 'Z';
  return new Date(value).getTime();
}

/** Normalises a timestamp found in a log line to ISO 8601 (UTC when the line gives no zone). */
export function isoTime(text: string | null): string | null {
  const millis = stampMillis(text);
  return Number.isNaN(millis) ? null : new Date(millis).toISOString();
}

/**
 * Strips a syslog, `aws logs tail`, timestamp or compose prefix, keeping the text that may hold
 * the line's time. After a line with a bare timestamp, the next is read the same way: its first
 * word, cut from a wrapped message, may look like a log stream.
 */
export function stripLinePrefix(line: string, shapeBefore: PrefixShape | null = null): LinePrefix {
  const tail = shapeBefore === 'time' ? null : LOGS_TAIL.exec(line);
  if (tail)
    return {
      timeText: tail[1] ?? null,
      stream: tail[2] ?? null,
      body: line.slice(tail[0].length),
      shape: 'logs-tail',
    };
  const syslog = SYSLOG.exec(line);
  if (syslog) {
    // Syslog's prefix has no year: the line it carries may have a time of its own first
    // (Lambda's "<time>\t<request id>\t…"), the line's time.
    const body = line.slice(syslog[0].length);
    const inner = LEADING_TIME.exec(body);
    return {
      timeText: inner?.[1] ?? null,
      stream: null,
      body: inner ? body.slice(inner[0].length) : body,
      shape: 'syslog',
    };
  }
  const leading = LEADING_TIME.exec(line);
  if (leading)
    return { timeText: leading[1] ?? null, stream: null, body: line.slice(leading[0].length), shape: 'time' };
  const compose = COMPOSE.exec(line);
  const body = compose ? line.slice(compose[0].length) : line;
  const timeText = BODY_STAMP.exec(body.slice(0, 200))?.[0] ?? null;
  return { timeText, stream: null, body, shape: compose ? 'compose' : null };
}

/**
 * Clauses of the IAM and SDK grammar that may start a line of a message broken over lines;
 * the PHP SDK puts the error code and message on the line after its "Error executing", and
 * botocore's "An error occurred (Code) when calling the Name operation: message" is cut
 * anywhere between its clauses (PynamoDB's '… on table (<name>) when calling …' too), as is the AWS SDK for Java's "(Service: X; Status Code: N; …)"
 * tail (retyped without its "(Service: ", eg-39); the AWS SDK for JavaScript's trace (CDK's "Call failed:
 * getBucketLocation({…}) => Access Denied") gives a call's outcome after an arrow. A line
 * that is only an aside in brackets ("(code=AccessDenied)", "(truncated...)") is no message, nor
 * one word and Guzzle's "(truncated...)": the tail of the body the PHP SDK's line before began.
 * A program's cause in brackets after its own sentence goes on with it ("… endpoint: '…'.
 * [Exception: 403 …", as collectd-cloudwatch writes it, eh-56). CloudFormation's reason for a
 * template it could not validate goes on after its code ("AccessDenied." + "User doesn't have
 * permission to call sqs:GetQueueAttributes", gq-08 wrapped). An author's elision before IAM's
 * clause goes on with the refusal above it ("unauthorized to call ec2:RunInstances" + "... explicit
 * deny in a service control policy ...", Karpenter's log in aws-samples/eks-workshop-v2#1859).
 */
const CONTINUES_MESSAGE =
  /^(?:is not authori[sz]ed to perform|on resource:|because no |with an explicit deny|go to https:|or call the GetRequestAuthorizationDetails|for complete details|status code:|caused by:|\(Service:|\w+; Status Code: \d{3}; |[a-z0-9-]+:[A-Za-z*]+ (?:on resource|because|with an)|[a-z0-9-]+:[A-Za-z*]+$|\w+ \((?:client|server)\): |\([\w.-]+\) when calling the\b|when calling the \w+ operation|(?:the \w+ )?operation(?: \(reached max retries: \d+\))?: |=> |\([^()]*\)$|\S{1,60} \(truncated\.\.\.\)|\[Exception: |User doesn't have permission to call\b|(?:\.{3}|…) ?(?:(?:with )?(?:an )?explicit deny\b|because no |on resource:))/i;
/** The AWS console's access-denied details, a field a line after "User: <arn>" (iam-denial-message.ts). */
const CONSOLE_DETAIL_FIELD =
  /^(?:Service: [a-z0-9-]+|Action: [A-Za-z0-9*]+|On resource\(s\): \S+|Context: .+)$/i;
/** An error's name on one line, IAM's sentence on the next (Ruby's `Aws::S3::Errors::AccessDenied in ...`). */
const ERROR_HEADING = /AccessDenied|Exception|Error|Forbidden|Unauthorized|denied/i;
/** IAM's sentence begun on a line, whole or stopped inside ("User: arn:… is"). */
const IAM_SENTENCE_START = /^User:?\s*(?:\S+\s+is not authori[sz]ed|\S+(?:\s+is(?:\s+not)?)?\s*$|$)/i;
/**
 * Line ends after which the grammar needs more words (IAM's short forms name the user, role,
 * group or policy after their kind; the Go SDK's "https response error" gives the status and
 * "api error" the code next, as Arrow's "AWS Error" does; Lambda's "does not have permissions to
 * call" the operation; an XML declaration, the document; containerd's "failed to resolve ref",
 * the image reference; Go's "i/o", its "timeout"; the Go SDK v2's "operation error", the
 * service and operation; a logger's separator, a dash after a
 * blank: Python's "Error listing artifacts: AccessDeniedException -" then botocore's message);
 * a line that is only an error code heads its message.
 */
const EXPECTS_MORE_AT_END =
  /(?:perform:|resource:|resource:\s*(?:user|role|group|policy)|User:|with an explicit deny in an?|because no|an error occurred|when calling(?: the(?: \w+)?)?|failed to resolve ref(?:erence)?|\bi\/o|\boperation error|[:,]\s*|\s[-–—]\s*|\s=>|https response error|api error|AWS Error|permissions to call|<\?xml\b[^<>]*\?>)$/i;
const ERROR_CODE_ALONE = /^\s*[\w.]*(?:AccessDenied\w*|Exception|Error|Unauthorized\w*)\s*:?$/i;

/** A message that has begun IAM's sentence ("User: …", "is not authorized") and not reached its end. */
const SENTENCE_BEGUN = /\bUser:?\s|\bis not\b|\bnot authori[sz]ed/i;
/** "… allows the X action" ends it; "action" inside a placeholder ("<SERVICE:ACTION>") does not. */
const SENTENCE_ENDED = /\baction\b(?![^<>]*>)|for complete details|request id|authorization id/i;
/** The words inside IAM's sentence a line can stop at when the sentence is wrapped. */
const INSIDE_SENTENCE =
  /\b(?:is|is not|not|not authori[sz]ed|authori[sz]ed|authori[sz]ed to|to perform:?|perform:?|on|on resource:|because|because no|with|with an|an explicit|explicit deny|explicit deny in|deny in|in an?|allows the|allows)$/i;

/** Whether the next line goes on with IAM's sentence that the pending message stopped inside. */
function insideSentence(pending: PendingMessage, previous: string): boolean {
  return pending.sentence === 'begun' && INSIDE_SENTENCE.test(previous.slice(-30));
}

/**
 * Where IAM's sentence stands once a line is added, read from that line and the one before (a
 * clause may be split between them), so that a long message is not read again on each line.
 */
function sentenceAfter(state: SentenceState, before: string, line: string): SentenceState {
  if (state === 'ended') return state;
  const around = `${before.slice(-40)} ${line}`;
  if (SENTENCE_ENDED.test(around) && (state === 'begun' || SENTENCE_BEGUN.test(around))) return 'ended';
  return state === 'begun' || SENTENCE_BEGUN.test(around) ? 'begun' : 'none';
}

/**
 * IAM's sentence may end once it has named the resource (older services stop there) or said
 * "this operation" (EC2's); a line after that goes on with it only by another sign.
 */
const SENTENCE_MAY_END = /on resource:?\s*\S+\s|perform this operation|\.\s*$/i;
/**
 * IAM's sentence ended at its resource: it may stop there, its reason left out. Not at IAM's short
 * form's first word ("role" of "role NAME"), nor at the colon before it, nor inside a resource
 * still open: a placeholder's bracket ('[Resource', '<account'), an ARN cut after a separator
 * ('arn:aws:dynamodb:us-east-1:').
 */
const IAM_SENTENCE_AT_RESOURCE =
  /\bon resource:?\s*(?!(?:role|user|group|policy|instance-profile)\s*$)(?!\S*[[<{(][^\]>})\s]*\s*$)[^\s:]\S*(?<![:/])\s*$/i;
function sentenceMayEnd(pending: PendingMessage): boolean {
  const count = pending.lines.length;
  return SENTENCE_MAY_END.test(
    `${(pending.lines[count - 2] ?? '').slice(-80)} ${pending.lines[count - 1] ?? ''}`,
  );
}

/**
 * A writer's own sentence ("Any idea what is wrong?", "Thanks in advance"): a capitalised word,
 * then words in lower case, none with an ARN's or a name's marks.
 */
const PROSE_LINE = /^[A-Z][a-z']*(?:\s+[a-z][a-z',]*){2,}(?:[\s?.!]|$)/;

/** A message cut after "on resource:" or "User:", followed by the writer's prose, not by the name. */
/** A line opening with an error's name and its colon ('AccessDeniedException: …', 'botocore.exceptions.ClientError: …'). */
const ERROR_NAME_OPENING = /^[\w.$]{0,120}(?:Exception|Error):\s/;

function proseAfterName(previous: string, next: string): boolean {
  return /\b(?:resource|User):\s*$/i.test(previous) && PROSE_LINE.test(next);
}

/**
 * A line opening with the same two words as the line before, the first capitalised: a log's
 * next record, though the two are as long as a terminal's wrap makes its lines ('Error while
 * putting Object AccessDenied Access Denied' + 'Error while getting object …', 53 each, fu-12).
 */
const OPENING = /^\s*([A-Z][a-z]+\s+[a-z]+)\s/;
function repeatsOpening(previous: string, next: string): boolean {
  const opening = OPENING.exec(previous)?.[1];
  return opening !== undefined && opening === OPENING.exec(next)?.[1];
}

/** Whether a line stops where the grammar needs more; only its end is read (a log has many long lines). */
function expectsMore(line: string): boolean {
  return EXPECTS_MORE_AT_END.test(line.slice(-40)) || (line.length <= 120 && ERROR_CODE_ALONE.test(line));
}

/**
 * The second of two pasted lines, the rest of the error the first began: the first reads as an
 * error, is too long to be a heading and ends no sentence; the second opens no record of its own
 * and is no longer than it, as a word wrap's last piece ('Unable to get IAM security credentials
 * from EC2' + 'Instance Metadata Service.', a terminal's copy having trimmed the blank it broke at).
 */
function tailOfError(previous: string, next: string): boolean {
  const first = previous.trim();
  return (
    first.length >= 40 &&
    next.length <= first.length &&
    READS_AS_ERROR.test(first) &&
    !/[.!?;)\]}]$/.test(first) &&
    // IAM's sentence may end once it names the resource (q-20's shape), botocore's once it gives
    // the service's message: an error's line after either is another's ('ECR get-login failed', n-15).
    !(IAM_SENTENCE_AT_RESOURCE.test(first) || /perform this operation/i.test(first)) &&
    !(/when calling the \w+ operation(?: \([^)]*\))?: \S/i.test(first) && READS_AS_ERROR.test(next)) &&
    !/^(?:at\s|\[[A-Z]+\]|User:)/.test(next) &&
    // A field's label or an error's name opens a message of its own ('STOPPED Reason: …').
    !OWN_FIELD_OR_ERROR.test(next) &&
    !ECS_REASON_HEAD.test(next)
  );
}

/** Widths terminals are commonly set to: a line of exactly one of these was likely wrapped. */
const TERMINAL_WIDTHS = new Set([80, 100, 120, 132, 160, 200]);

export interface TextMessage {
  text: string;
  /** 1-based number of the first line of the message. */
  line: number;
  /** The time as the first line writes it: isoTime reads it, for the few messages that matter. */
  timeText: string | null;
  stream: string | null;
}

type SentenceState = 'none' | 'begun' | 'ended';

interface PendingMessage {
  lines: string[];
  /** Headed by an ECS error code: a stopped reason, one line as ECS writes it. */
  ecsReason: boolean;
  sentence: SentenceState;
  /** Brackets and quotes opened and not closed yet: the message goes on until they are. */
  open: number;
  /** Per line: its length with and without its prefix (trailing blanks included). */
  fullLengths: number[];
  bodyLengths: number[];
  /** The widest line that ended on a blank (with and without its prefix): a word wrap's width. */
  keptWidth: { full: number; body: number };
  /** The widest line so far, with and without its prefix (trailing blanks left out). */
  widest: { full: number; body: number };
  /** Per line: the blanks it ended with. */
  blanks: number[];
  /** Per line: whether its prefix repeats the line's before (a log that prefixes every line). */
  repeatsPrefix: boolean[];
  /** For each line, whether the break before it fell inside a word of the grammar. */
  midWord: boolean[];
  /** For each line, whether it was joined as the rest of a word longer than the width (fold -s cut it). */
  longWord: boolean[];
  /** For each line, whether the line before it ended with a blank: a word wrap broke there. */
  atSpace: boolean[];
  /** For each line, whether the line before it could not take its first word within the width. */
  atTrimmedBlank: boolean[];
  line: number;
  timeText: string | null;
  stream: string | null;
}

/**
 * Where a log record starts, whatever came before: a log level in capitals, a logfmt field, a
 * date, a Python traceback, or an Ansible host's result ("fatal: [localhost]: FAILED! =>", after
 * the module's exception that ended on the resource's ARN, hc-05). Checked on the line's text after its prefix.
 */
const RECORD_START =
  /^(?:\[?(?:INFO|WARN|WARNING|ERROR|ERR|DEBUG|TRACE|FATAL|CRITICAL|NOTICE)\]?[\s:]|(?:fatal|failed|ok|changed): \[[^\]\n]{1,200}\](?::|\s*=>)|(?:INFO|WARN|ERRO|FATA|DEBU|TRAC|PANI)\[\d+\]|level=|time=|ts=|\d{4}[-/]\d\d[-/]\d\d[Tt ]|Traceback \(most recent call last\))/;
/**
 * The same in a text lower-cased whole (a chat or a ticket lowered the paste): a level is one in
 * brackets or before a colon ("[fatal]:", "error: "), or a field of the console's stopped task
 * ("status reason:", "container message:", z-01) whose capital no longer sets it apart. Only
 * there: in a text with capitals, a lower-case "error: " at a line's start is a sentence a wrap
 * broke ("AWS HTTP error: Client\nerror: 403").
 */
const LOWER_CASED_RECORD_START =
  /^(?:\[(?:info|warn|warning|error|err|debug|trace|fatal|critical|notice)\][\s:]|(?:info|warn|warning|error|debug|trace|fatal|critical|notice):\s|(?:info|warn|erro|fata|debu|trac|pani)\[\d+\]|traceback \(most recent call last\)|(?:status|stopped) reason:\s|container message:\s)/;
/**
 * Java prints an exception on a line of its own, its class's qualified name first
 * ('com.amazonaws.services.ecs.model.AccessDeniedException: User: …'): a message begins there,
 * unless the line before introduced it and a fold broke there ('Caused by:', 'nested exception
 * is', 'Exception in thread "main"'), or fold cut the name itself, a word wider than the wrap
 * (the line before is one word as wide as the text: 'software.amazon.s3tables.shaded.awssdk.services.s3'
 * + 'tables.model.AccessDeniedException: …').
 */
const JAVA_EXCEPTION_LINE = /^(?:[a-z_$][\w$]*\.){2,}[A-Z][\w$]*(?:Exception|Error)(?::\s|$)/;
function javaExceptionIntroduced(previous: string): boolean {
  const end = previous.trimEnd().slice(-EDGE);
  return (
    /[:,(]$/.test(end) || OPEN_WORD_AT_END.test(end.slice(-12)) || /\bException in thread "[^"]*"$/.test(end)
  );
}
/** Words that cannot end a sentence: a line stopping on one was wrapped before the next word ('unexpected value at' + 'params[:…]', hg-19). */
const OPEN_WORD_AT_END =
  /(?:^|\s)(?:a|an|the|to|of|for|from|with|by|at|and|or|that|which|is|are|was|were|be|been|has|have|not|because|when|while|during|into|than|this|your|its|their|allows?)$/i;
/** A sentence opened by its first word alone ('… with OIDC: No' + 'OpenIDConnect provider found …', gg-19). */
const SENTENCE_OPENED_AT_END = /[:.!?]\s+(?:No|The|A|An|This|That|Your|Its|There|Please)$/;
/** An HTTP status cut from its reason phrase ('…[manifests latest]: 403' + 'Forbidden', gg-08). */
const HTTP_STATUS_AT_END = /(?:^|[\s:(])[1-5]\d\d$/;
const HTTP_REASON =
  /^(?:Forbidden|Unauthorized|Not Found|Bad Request|Conflict|Too Many Requests|Internal Server Error|Service Unavailable|Bad Gateway|Gateway Timeout)\b/;
/**
 * A CloudWatch log group's name alone on a line, or with only the record's time after it: a
 * viewer's label for the record that follows, whatever that record starts with.
 */
const LOG_GROUP_LABEL = new RegExp(
  String.raw`^\s*\[?\/aws\/[\w./-]+\]?(?:\s+\d{4}[-/]\d\d[-/]\d\d(?:[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?${ZONE}?)?)?\s*$`,
);
/**
 * ECS's service event gives its reason after it ('(service x) was unable to place a task.
 * Reason: ResourceInitializationError: …'); a listing that puts the reason on a line of its own
 * still gives one event, whose reason, not the placement, says what failed.
 */
function placementEventBefore(pending: PendingMessage): boolean {
  const count = pending.lines.length;
  const end = `${(pending.lines[count - 2] ?? '').slice(-200)} ${pending.lines[count - 1] ?? ''}`;
  return /\bwas unable to place a\s+task\b[^.]*\.\s*$/.test(end);
}
/** A line ending inside an ARN, before one of its fields (`arn:aws:dynamodb:ap-southeast-1`). */
const ARN_CUT_AT_END = /(?:^|\s)arn:[\w-]+:[\w-]*:[\w-]*$/;
/**
 * A line ending inside an ARN just after one of its separators: after the account's colon
 * (`…:123456789012:`) or after a resource type's slash (`…:assumed-role/`), where no name ends.
 */
const ARN_CUT_AFTER_SEPARATOR = /(?:^|[\s'"`(])arn:[\w-]+:(?:[\w-]+:[\w-]*:[^\s:'"`]*:|[^\s'"`]*:[\w-]+\/)$/;
/**
 * A line ending inside an ARN's resource type, after its account (`…:123456789012:reposit`), and
 * a line going on with the rest of the type and its separator (`ory/cdk-…`, ft-22): a type is
 * one word, whatever blank a page put at the break.
 */
const ARN_CUT_IN_TYPE = /(?:^|[\s'"`(])arn:[\w-]+:[\w-]+:[\w-]*:[^\s:'"`]*:[a-z][a-z-]*$/;
const ARN_TYPE_REST = /^[a-z-]*[/:]\S/;
/** The next field of an ARN and the separator after it (`log-group:/aws/…`, `my-role/session`). */
const ARN_FIELD_START = /^[\w$.[\]-]+[:/]/;
/**
 * A line ending inside a placeholder an ARN opened, with blanks in it (`arn:aws:iam::<new dev
 * account`), plain or HTML-escaped (`&lt;`), and a line that closes it (`ID>:role/…`).
 */
const ARN_PLACEHOLDER_OPEN = /(?:^|[\s'"`(])arn:[^\s'"`]*(?:<|&lt;)[^<>&]{0,40}$/i;
const PLACEHOLDER_CLOSE = /^[^<>&\s][^<>&]{0,40}?(?:>|&gt;)/i;
/** Words (in lower case, as inside a sentence) that cannot start a record: the line goes on with one. */
const CONTINUES_WITH_WORD =
  /^(?:and|or|of|to|for|from|with|that|which|is|are|was|were|been|be|by|than|because|when|whose|during)\s/;
/**
 * ECS writes a stopped reason on one line, headed by its error code (after the console's
 * "STOPPED Reason:" or "Stopped reason"): a line under it goes on with it until a sentence ends,
 * unless it opens a field or an error of its own ("Container message:", "AccessDenied…Exception").
 */
const ECS_REASON_HEAD =
  /^(?:(?:STOPPED\s+)?(?:Stopped|Status)\s+reason:?\s*)?(?:Cannot\w*ContainerError|ResourceInitializationError)\b/i;
const OWN_FIELD_OR_ERROR = /^(?:[A-Z][A-Za-z ]{0,30}:\s|[\w.]*(?:Error|Exception)\b)/;
function ecsReasonGoesOn(pending: PendingMessage, previous: string, next: string): boolean {
  return pending.ecsReason && !/[.!?]$/.test(previous.trimEnd()) && !OWN_FIELD_OR_ERROR.test(next);
}

/**
 * A token that closes every bracket it opened ('getBucketLocation({…})') ends there: fold -s,
 * cutting a word longer than the width, would not happen to cut it just at its end before
 * what cannot go on a name ('=> Access Denied'); a path goes on after '[$LATEST]' with letters.
 */
function endsClosedToken(previous: string, next: string): boolean {
  const token = /\S*$/.exec(previous.slice(-EDGE))?.[0] ?? '';
  const balanced = /[([{]/.test(token) && bracketBalance(token.replace(/['"]/g, '')) === 0;
  return (
    (balanced && /[)\]}]$/.test(token) && !/^[\w$)\]}>,.;:/-]/.test(next.trimStart())) ||
    // Closed, then a colon, then words: Terraform's '(arn:…):' + 'operation error WAFV2: …' (ft-09).
    (balanced && /[)\]}]:$/.test(token) && /^[a-z]+\s/.test(next.trimStart()))
  );
}

/**
 * A line that leaves its sentence unended, too long to have taken the next line's first word
 * at the narrowest width a wrap is read at, before a word in lower case that is no label
 * ('…TargetNotConnectedException: The execute' + 'command failed due to…', '…Request' +
 * 'limit exceeded.'): the sentence goes on there. A label ('error: …') or a field ('msg=…')
 * may open a line of its own.
 */
function sentenceGoesOn(previous: string, next: string): boolean {
  const end = previous.trimEnd();
  // A word, not a dotted name ('botocore.exceptions…'); after a word, a quoted name ("Provided
  // role 'arn:…'" + 'cannot be assumed') or a file's name ('…file images.json' + 'contents invalid
  // JSON format', gg-32), not a bare ARN or path that may go on.
  const head = /^([a-z][a-z-]*)(?=[\s,;)]|\.(?:\s|$)|$)/.exec(next)?.[1];
  return (
    head !== undefined &&
    /(?:^|\s)(?:[A-Za-z][A-Za-z-]*|'[^'\s]+'|"[^"\s]+"|[\w-]+\.(?:json|ya?ml|txt|xml|zip|log|tf|env))$/.test(
      end.slice(-EDGE),
    ) &&
    !SENTENCE_ENDED.test(end.slice(-40)) &&
    end.length + 1 + head.length >= MIN_WRAP_WIDTH &&
    !/^[a-z][\w-]*:\s/.test(next)
  );
}

/** The narrowest width a wrap is read at: a paste narrower than this is not taken for one. */
const MIN_WRAP_WIDTH = 40;

/**
 * A logfmt record names each key once, all on one line: a line opening with a key the record
 * has not named yet ('level=error' + 'ts=… caller=…') is the same record, wrapped.
 */
function logfmtGoesOn(pending: PendingMessage, next: string): boolean {
  const key = /^(\w+)=/.exec(next)?.[1];
  const first = pending.lines[0] ?? '';
  const last = pending.lines[pending.lines.length - 1] ?? '';
  // A record of fields, or fields after a logger's message ('…: job_id=01GK' + 'job_op=…').
  if (key === undefined || !(/^\w+=\S/.test(first) || /(?:^|\s)\w+=\S*$/.test(last.trimEnd().slice(-EDGE))))
    return false;
  const named = new RegExp(`(?:^|\\s)${key}=`);
  return !pending.lines.some((line) => named.test(line));
}

/** Whether the message's lines are one line a wrap broke: each after the first joined at a blank or in a word. */
function oneLogicalLine(pending: PendingMessage): boolean {
  for (let i = 1; i < pending.lines.length; i++)
    if (!(pending.atSpace[i] || pending.midWord[i] || pending.atTrimmedBlank[i])) return false;
  return true;
}

/** The message is still inside brackets or quotes within this many lines: past that, a stray one is noise. */
const OPEN_BRACKET_LINES = 40;

/** How many brackets and quotes a line leaves open (negative when it closes more than it opens). */
function bracketBalance(line: string): number {
  let balance = 0;
  let single = 0;
  let double = 0;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (char === '(' || char === '[' || char === '{') balance += 1;
    else if (char === ')' || char === ']' || char === '}') balance -= 1;
    else if (char === '"') double += 1;
    // An apostrophe between letters (can't, ECS's) is not a quote.
    else if (char === "'" && !(/\w/.test(line[i - 1] ?? '') && /\w/.test(line[i + 1] ?? ''))) single += 1;
  }
  return balance + (single % 2) + (double % 2);
}

/**
 * The text without the indentation every line of it has alike: a block pasted indented as a
 * whole (Markdown's code block of four blanks, a tool's indented output) is read as its lines
 * are, so that an indentation which marks nothing is not taken for one that marks a line going
 * on. Lines indented unlike (a hard wrap a tool indented, a stack's frames) keep theirs: their
 * widths are read. (A list item's lines under its text lose theirs with its mark: web-text.ts.)
 */
function dedented(text: string): string {
  if (!/^[ \t]/.test(text)) return text;
  const lines = text.split(/(\r?\n)/);
  let common: string | null = null;
  for (let index = 0; index < lines.length; index += 2) {
    const line = lines[index] ?? '';
    if (line.trim() === '') continue;
    const indentation = /^[ \t]*/.exec(line)?.[0] ?? '';
    if (common === null) common = indentation;
    else if (indentation !== common) return text;
  }
  // Four blanks or a tab, a block's: fewer may be the message's own (x-31's two before Java's
  // exception and its frame), which the lines' widths are read with.
  if (!common || !(common.includes('\t') || common.length >= 4)) return text;
  const width = common.length;
  return lines
    .map((part, index) => (index % 2 === 1 ? part : part.trim() === '' ? '' : part.slice(width)))
    .join('');
}

/**
 * A log viewer's or an editor's line numbers, copied with the lines ("28 | [Container] …" from
 * CodeBuild's console, ga-05; "1\t…"): every line opens with its number and a bar or a tab, the
 * numbers one after another. They are the viewer's, not the text's, so they go.
 */
const LINE_NUMBER_GUTTER = /^[ \t]*(\d{1,7})(?:\t| *[|│](?:[ \t]|$))/;
function ungutteredLines(lines: string[]): string[] {
  let expected: number | null = null;
  let numbered = 0;
  for (const line of lines) {
    if (line.trim() === '' && expected === null) continue;
    const number = LINE_NUMBER_GUTTER.exec(line)?.[1];
    if (number === undefined) {
      // A blank line at the end of the copy is the copy's.
      if (line.trim() === '') continue;
      return lines;
    }
    const value = Number(number);
    if (expected !== null && value !== expected) return lines;
    expected = value + 1;
    numbered += 1;
  }
  // A numbered blank line is a blank line: its padding is the viewer's, no fold's indentation.
  const unnumbered = (line: string) => {
    const text = line.replace(LINE_NUMBER_GUTTER, '');
    return text.trim() === '' ? '' : text;
  };
  return numbered >= 2 ? lines.map(unnumbered) : lines;
}

/**
 * A paste that put a blank line after every line (a word processor's or a wiki's paragraphs, a
 * chat that double-spaces): no two written lines touch, and most gaps are one blank, or every gap
 * is one blank or a run of three (the text's own blank lines, doubled); or two lines and one blank
 * whose first cannot end there. The single blanks go, and the lines are read as lines, except
 * after a whole sentence without the blank a wrap leaves at its end (records a writer set apart,
 * IAM's sentence ending at its resource). A run of blanks stands for one. `numbers`: each line
 * kept, its index in the text as written (null when every line is kept).
 */
function undoubledSpacing(lines: string[]): { lines: string[]; numbers: number[] | null } {
  const asWritten = { lines, numbers: null };
  const blank = (index: number) => (lines[index] ?? '').trim() === '';
  const written: string[] = [];
  let singleGaps = 0;
  let gaps = 0;
  let doubleGaps = 0;
  for (let index = 0; index < lines.length; index++) {
    if (blank(index)) continue;
    written.push(lines[index] ?? '');
    if (index + 1 < lines.length && !blank(index + 1)) return asWritten;
    let next = index + 1;
    while (next < lines.length && blank(next)) next += 1;
    if (next >= lines.length) break;
    gaps += 1;
    if (next === index + 2) singleGaps += 1;
    else if (next === index + 3) doubleGaps += 1;
  }
  const [first = '', second = ''] = written;
  // Two lines that are one error's parts: the blank between is the doubling's, whatever ends the first.
  const partedPair = written.length === 2 && singleGaps === 1 && oneErrorParted(first, second);
  const doubled =
    partedPair || (written.length >= 3 && singleGaps >= 2 && (singleGaps * 2 >= gaps || doubleGaps === 0));
  if (!doubled) return asWritten;
  // The lines without the doubling's blanks, a run of blanks one: a word wrap shows in them.
  const undoubled: string[] = [];
  const undoubledIndex: number[] = [];
  for (let index = 0; index < lines.length; index++) {
    undoubledIndex[index] = undoubled.length;
    if (!blank(index)) undoubled.push(lines[index] ?? '');
    else if (blank(index + 1) && !blank(index - 1)) undoubled.push('');
  }
  const trimmed = undoubled.map((line) => line.trimEnd().length);
  const firstWordLength = (index: number) => firstWordLengthOf(undoubled[index] ?? '');
  const kept: number[] = [];
  for (let index = 0; index < lines.length; index++) {
    if (!blank(index)) kept.push(index);
    else if (index > 0 && !blank(index - 1) && index + 1 < lines.length) {
      const before = lines[index - 1] ?? '';
      const after = (lines[index + 1] ?? '').trim();
      // A sentence that filled a word wrap's line ended at the wrap, not at the writer's break.
      const filledWrap = () =>
        wordWrapWidthBefore(
          undoubledIndex[index] ?? 0,
          trimmed,
          firstWordLength,
          () => /^[a-z(["'`]/.test(after) && !/[.!?]$/.test(before.trimEnd()),
        ) > 0;
      const sentenceEnded =
        !partedPair &&
        LINE_ENDS_SENTENCE.test(before.trim()) &&
        !/\S[ \t]$/.test(before) &&
        !IAM_CLAUSE_OPENS.test(after) &&
        !SDK_DETAILS_OPEN.test(after) &&
        !filledWrap();
      if (blank(index + 1) || sentenceEnded) kept.push(index);
    }
  }
  return { lines: kept.map((index) => lines[index] ?? ''), numbers: kept };
}

/** A line that ends a sentence of prose: its last word a word, not an ARN a wrap cut at a dot. */
const PROSE_SENTENCE_ENDED = /(?:^|\s)["'(]?[A-Za-z][a-z]*[.!?]["')]?$/;
/** The same, or IAM's sentence at its resource (unless its reason follows). */
const LINE_ENDS_SENTENCE = new RegExp(
  `${PROSE_SENTENCE_ENDED.source}|${IAM_SENTENCE_AT_RESOURCE.source}`,
  'i',
);
const IAM_CLAUSE_OPENS = /^(?:because\b|with an explicit\b|\.?\s*Go to\b)/i;
/** An SDK's details after its message, in brackets: '(Service: AWSLogs; Status Code: 400; …)', '(ErrorCode: …)' (v-05, n-37). */
const SDK_DETAILS_OPEN = /^\((?:Service|ErrorCode|Error Code|Status Code|HTTP Status Code|Request ID):/i;

/**
 * A line that leaves open what it began: a bracket ('(Service: AWSBatch; Status' + 'Code: 500; …)',
 * fk-27), a quote ('“An error occurred … Access' + 'Denied”', eo-07), or a sentence at a
 * word that needs the next ('manifest for' + '<ECR…>', 'not authorized to perform' + '`ses:…').
 */
function leftOpen(line: string): boolean {
  const count = (pattern: RegExp) => line.match(pattern)?.length ?? 0;
  return (
    count(/\(/g) > count(/\)/g) ||
    count(/\[/g) > count(/\]/g) ||
    // (Curly quotes arrive straight: groupLines reads the text plainWebText made.)
    count(/"/g) % 2 === 1 ||
    OPEN_WORD_AT_END.test(line.slice(-12)) ||
    /\sperform$/i.test(line)
  );
}
/** A quoted ARN or action opening a line: the object of the line before, never a record of its own. */
const OBJECT_QUOTED = /^["'`](?:arn:|[a-z0-9-]+:[A-Z][A-Za-z0-9]+\b)/;

/**
 * Two lines that read as one message without the blank between them, as a trimmed wrap's two
 * lines do ('… failed to create' + 'Cloudwatch log stream: AccessDeniedException: …', x-07): the
 * blank is the paste's doubling. (Without a blank, groupLines reads the two as written.)
 */
function readAsOne(first: string, second: string): boolean {
  return groupLines(`${first}\n${second}`).length === 1;
}

/** Two lines a blank parts: one error's head and its tail, when the first cannot end there. */
function oneErrorParted(first: string, second: string): boolean {
  const line = first.trim();
  const next = second.trim();
  if (proseAfterName(line, next)) return false;
  // A paragraph seldom ends on the blank a wrap leaves (at a wrap's width), nor opens in lower case or a digit.
  const keptBlank =
    /\S[ \t]$/.test(first) && (line.length >= MIN_WRAP_WIDTH || !PROSE_SENTENCE_ENDED.test(line));
  // (A name cut before its hyphen goes on too: '…/ASEA-Perimeter-Phase1' + '-CustomLogs…', fe-26.)
  const goesOn =
    !LINE_ENDS_SENTENCE.test(line) && !/[:;]$/.test(line) && /^(?:[a-z0-9]|[-_][A-Za-z0-9])/.test(next);
  // One token as wide as a wrap: fold cut a word longer than its width.
  const cutToken = line.length >= MIN_WRAP_WIDTH && !/\s/.test(line);
  return (
    leftOpen(line) ||
    OBJECT_QUOTED.test(next) ||
    // A parenthesis after IAM's sentence is its tail: '(Service: …)', '(Aws::Lambda::Errors::…)' (fg-17).
    (IAM_SENTENCE_AT_RESOURCE.test(line) && next.startsWith('(')) ||
    expectsMore(line) ||
    tailOfError(line, next) ||
    IAM_CLAUSE_OPENS.test(next) ||
    keptBlank ||
    goesOn ||
    cutToken ||
    readAsOne(first, second)
  );
}

/** The length of a line's first word, after the log's prefix: what a word wrap moved to it. */
function firstWordLengthOf(line: string): number {
  return /^\S*/.exec(stripLinePrefix(line).body.trimStart())?.[0].length ?? 0;
}

/**
 * A word wrap whose blanks were trimmed (a copy from a terminal) leaves lines that could not take
 * the next line's first word within the block's width: the width when line `index - 1` is one
 * of them, else 0. The widest line nearby is that width, which it meets trivially; another line
 * nearby must meet it too, or lengths say nothing (`goesOn` alone will do beside the widest line).
 * A word goes to the next line with the blank after it: one that fits only without it moves.
 * `trimmed`: each line's length without its trailing blanks, 0 for a blank line.
 */
function wordWrapWidthBefore(
  index: number,
  trimmed: readonly number[],
  firstWordLength: (index: number) => number,
  goesOn: () => boolean,
): number {
  const previous = index - 1;
  if (previous < 0) return 0;
  let width = 0;
  let from = previous;
  let to = previous;
  while (from > 0 && previous - from < 5 && (trimmed[from - 1] ?? 0) > 0) from -= 1;
  while (to + 1 < trimmed.length && to - previous < 5 && (trimmed[to + 1] ?? 0) > 0) to += 1;
  for (let j = from; j <= to; j++) width = Math.max(width, trimmed[j] ?? 0);
  const tight = (j: number) => (trimmed[j] ?? 0) + 1 + firstWordLength(j + 1) >= width;
  // A word wrap fills its lines: one far shorter than the width ended where its text did.
  // Unless the next word is so long that half the line could not take it.
  const short = (trimmed[previous] ?? 0) * 5 < width * 3 && firstWordLength(index) * 2 < width;
  // Trimmed, a block folded at 40 columns is at most 39 wide.
  if (width < 36 || short || !tight(previous)) return 0;
  for (let j = from; j < to; j++) if (j !== previous && (trimmed[j] ?? 0) < width && tight(j)) return width;
  return goesOn() && (trimmed[previous] ?? 0) < width ? width : 0;
}

/**
 * Groups the lines of a text input into messages. A line continues the previous message when
 * it is indented, starts with a clause of the IAM grammar, or follows a line that stopped
 * mid-clause. Lines wrapped at a fixed width (all of one length) are joined without a space,
 * since such wrapping cuts mid-word. A word wrap breaks at a space: the line before keeps it at
 * its end, stops on a word that needs more, or leaves a bracket, a quote or IAM's sentence
 * open. A log that prefixes every line (CloudWatch, docker compose) is read on the text after
 * the prefix; a prefix that comes back after unprefixed lines starts a new record.
 */
export function groupLines(input: string): TextMessage[] {
  // A message copied from a web page is read as the text the page was made from; one a coloured
  // logger wrote, without the colours.
  const text = plainWebText(dedented(stripTerminalEscapes(input)));
  const spacing = undoubledSpacing(ungutteredLines(text.split(/\r?\n/)));
  const rawLines = spacing.lines;
  const lowerCased = !/[A-Z]/.test(text);
  // A log that prefixes every line (syslog, `aws logs tail`) may carry lines that open with a
  // mark of their own (a quote, a table's bar, Terraform's box): the marks are read after the prefix.
  const prefixed = prefixedLines(rawLines);
  const marked = prefixed?.bodies ?? rawLines;
  const unquoted = unquoteLines(marked);
  const lines = prefixed
    ? unquoted.map((line, index) => `${prefixed.prefixes[index] ?? ''}${line}`)
    : unquoted;
  // Terraform frames a diagnostic in a box whose every line, the blank ones too, starts with
  // `│`: a blank line inside the box is the diagnostic's, not the end of the message.
  const inBox = (index: number) => BOX_LINE.test(marked[index] ?? '');
  const blankInBox = (index: number) =>
    BOX_BLANK.test(marked[index] ?? '') && inBox(index - 1) && inBox(index + 1);
  const messages: TextMessage[] = [];
  let pending: PendingMessage | null = null;
  const flush = () => {
    if (pending) messages.push(joinPending(pending));
    pending = null;
  };
  const trimmed = lines.map((line) => line.trimEnd().length);
  // A paste of two lines, nothing else: one message a wrap may have parted, a blank trimmed.
  const twoLines = lines.filter((line) => line.trim() !== '').length === 2;
  const sameWidth = (a: number, b: number) =>
    trimmed[a] === trimmed[b] || lines[a]?.length === lines[b]?.length;
  // The text's widest lines, when two or more of them are one token each: fold -s cut words
  // longer than the width there, the blank before each trimmed by the copy (a stack's frames).
  let widest = 0;
  for (const length of trimmed) widest = Math.max(widest, length);
  let tokensAtWidest = 0;
  for (const line of lines)
    if (line.trimEnd().length === widest && !/\s/.test(line.trim())) tokensAtWidest += 1;
  // (A log's prefix on every line is not the line's text: the word is what comes after it.)
  const oneWordAtWidest = (index: number) =>
    widest >= MIN_WRAP_WIDTH &&
    trimmed[index] === widest &&
    !/\s/.test(stripLinePrefix(lines[index] ?? '').body.trim());
  const cutAtTextWidth = (index: number) => tokensAtWidest >= 2 && oneWordAtWidest(index);
  // A terminal wraps long lines at its width: a run of lines of one length (40 columns or more)
  // and the shorter line after it are one line, whatever their words.
  const wrappedByTerminal = (index: number) =>
    index >= 1 &&
    (trimmed[index - 1] ?? 0) >= 40 &&
    ((index + 1 < lines.length && sameWidth(index - 1, index)) ||
      (index >= 2 && sameWidth(index - 1, index - 2)) ||
      TERMINAL_WIDTHS.has(lines[index - 1]?.length ?? 0));
  // Read for each line from up to six neighbours: stripped once, not once per look.
  const firstWordLengths: (number | undefined)[] = [];
  const firstWordLength = (index: number) => {
    firstWordLengths[index] ??= firstWordLengthOf(lines[index] ?? '');
    return firstWordLengths[index];
  };
  const foldWidthBefore = (index: number): number =>
    wordWrapWidthBefore(
      index,
      trimmed,
      firstWordLength,
      () =>
        // Beside the widest line, only this one can tell: it alone will do when the next line goes
        // on with a sentence (a word in lower case, a bracket, a quote, a backtick as in `name') that this one left unended.
        /^[a-z(["'`]/.test(stripLinePrefix(lines[index] ?? '').body.trimStart()) &&
        !/[.!?]$/.test(lines[index - 1]?.trimEnd() ?? ''),
    );
  let joinedByWidth = false;
  // A line joined because the one before could not take its first word starts the block anew.
  let joinedByFold = false;
  let previousShape: PrefixShape | null = null;
  let previousKeptSpace = false;
  let previousTimeText: string | null = null;
  /** previousTimeText's instant once read (NaN when it names none). */
  let previousTimeMs: number | undefined;
  let previousPrefixBlanks = 0;
  lines.forEach((rawLine, index) => {
    // The prefix comes off before the blanks at the end: a line may be a prefix and a blank.
    const { timeText, stream, body: rawBody, shape } = stripLinePrefix(rawLine, previousShape);
    const body = rawBody.trimEnd();
    // A prefix eats the blanks after it; more of them than on the line before were the body's
    // own (a word wrap that cut a word leaves the blank after it at the next line's start).
    let prefixBlanks = 0;
    if (shape !== null)
      for (let i = rawLine.length - rawBody.length - 1; i >= 0 && /\s/.test(rawLine[i] ?? ''); i--)
        prefixBlanks++;
    const bodyBlank =
      shape !== null && family(shape) === family(previousShape) && prefixBlanks > previousPrefixBlanks
        ? ' '
        : '';
    const unescapedStart = bodyBlank + body.replace(/^#011/, '\t');
    if (unescapedStart.trim() === '') {
      // A run of blanks that a word wrap broke over lines is not a blank line (the body's own
      // blanks, or behind a prefix the one more than the prefix's own).
      if (previousKeptSpace && pending !== null && (rawBody !== '' || bodyBlank !== '')) return;
      // fold -s puts the blank after a word that filled the width on a line of its own.
      // (Behind a prefix, that blank is the one more than the prefix's own: bodyBlank.)
      // So does an indented line's indentation, before a word longer than the width ('  ' +
      // '(arn:aws:wafv2:…/...)', ft-09 folded at 80).
      const nextLine = lines[index + 1] ?? '';
      const indentBeforeLongWord =
        /^ {2,8}$/.test(rawBody) && nextLine.length >= MIN_WRAP_WIDTH && !/\s/.test(nextLine.trim());
      const loneBlank = rawBody === ' ' || unescapedStart === ' ' || indentBeforeLongWord;
      if (pending !== null && loneBlank && !/\s$/.test(lines[index - 1] ?? '')) {
        previousKeptSpace = true;
        return;
      }
      if (pending !== null && blankInBox(index)) return;
      // IAM's "on resource:" names its resource next, "User:" its principal: a blank line there is
      // the paste's (a wrap's blank that filled the width, trimmed), not the end.
      const open = pending as PendingMessage | null;
      const lastTwo = open
        ? `${open.lines[open.lines.length - 2] ?? ''} ${open.lines[open.lines.length - 1] ?? ''}`
        : '';
      // The next written line, a few lines on at most: a run of blank lines is read once each.
      const nextText = () => {
        for (let j = index + 1; j < Math.min(lines.length, index + 4); j++)
          if ((lines[j] ?? '').trim() !== '') return (lines[j] ?? '').trim();
        return '';
      };
      if (open && /\b(?:on\s+resource|User):\s*$/i.test(lastTwo) && !PROSE_LINE.test(nextText())) return;
      // So is one between a line ending on the colon that introduces an error and the error's
      // name: the ECS agent's "… secret <arn>:" + "AccessDeniedException: User: …", a wrap's line
      // of blanks trimmed to nothing (New Relic's ECS troubleshooting page, id-04 folded at 80).
      if (
        open &&
        /:\s*$/.test(open.lines[open.lines.length - 1] ?? '') &&
        ERROR_NAME_OPENING.test(nextText())
      )
        return;
      // A line of blanks alone where the text needs more ("User:", "[" opening a list) is a fold's:
      // a word longer than the width went to the line after, leaving the blanks before it on a
      // line of their own.
      const last = open?.lines[open.lines.length - 1] ?? '';
      if (
        open &&
        rawLine !== '' &&
        (/[[{(]\s*$/.test(last) || expectsMore(last)) &&
        !proseAfterName(last, nextText())
      )
        return;
      // Copied from a terminal, that line of blanks is empty: inside a bracket still open, before
      // one word as long as a wrap's width, it is the same fold's ('"stackTrace": [' + '' +
      // '"com.amazonaws.http.AmazonHttpClient.handleErrorResponse(AmazonHttpClient.java:1').
      const following = (lines[index + 1] ?? '').trim();
      if (open && open.open > 0 && following.length >= MIN_WRAP_WIDTH && !/\s/.test(following)) return;
      flush();
      previousShape = null;
      return;
    }
    const current = pending as PendingMessage | null;
    const previous = current?.lines[current.lines.length - 1] ?? '';
    // The line before is the pending message's last: its lengths are the ones recorded last.
    const previousFull = current?.fullLengths[current.fullLengths.length - 1] ?? 0;
    const previousBody = current?.bodyLengths[current.bodyLengths.length - 1] ?? 0;
    const repeatsPrefix = current !== null && shape !== null && family(shape) === family(previousShape);
    // A prefix of its own (not the one every line of the log repeats) opens a new record.
    const ownPrefix = shape !== null && !repeatsPrefix;
    const keptSpace = current !== null && previousKeptSpace;
    const startsRecord =
      (RECORD_START.test(unescapedStart) ||
        (lowerCased && LOWER_CASED_RECORD_START.test(unescapedStart)) ||
        (JAVA_EXCEPTION_LINE.test(unescapedStart) &&
          !keptSpace &&
          !javaExceptionIntroduced(previous) &&
          !oneWordAtWidest(index - 1))) &&
      !(
        current !== null &&
        (logfmtGoesOn(current, unescapedStart) ||
          (current.ecsReason && (keptSpace || ecsReasonGoesOn(current, previous, unescapedStart.trim()))))
      );
    const widthJoin =
      current !== null &&
      !ownPrefix &&
      !(repeatsPrefix && startsRecord) &&
      !repeatsOpening(previous, unescapedStart) &&
      wrappedByTerminal(index) &&
      (current.lines.length === 1 || joinedByWidth || joinedByFold);
    joinedByWidth = widthJoin;
    // A tool's indentation (two or more spaces) is not the message's: the word may go on after it.
    const toolIndented = /^\s{2,}\S/.test(unescapedStart);
    const foldWidth = current !== null && !ownPrefix && !startsRecord ? foldWidthBefore(index) : 0;
    // Shorter than the width of a word wrap, a line holding a blank ended at one: fold -s cuts
    // only a word longer than the width ('…eu-west-2:<account' + 'id>:parameter/…').
    // (Not one short of the width and as long as a neighbour: a hard wrap's lines, r-01.)
    const hardWrapLine =
      (trimmed[index - 1] ?? 0) >= foldWidth - 1 &&
      ((index >= 2 && sameWidth(index - 2, index - 1)) || sameWidth(index - 1, index));
    // (Not before a line a tool indented: its indentation, not its words, makes it the widest.)
    const shortOfWordWrap =
      foldWidth > 0 &&
      !toolIndented &&
      (trimmed[index - 1] ?? 0) < foldWidth &&
      /\S\s+\S/.test(previous.trim()) &&
      !hardWrapLine;
    const cutWord =
      current !== null &&
      !ownPrefix &&
      !keptSpace &&
      !startsRecord &&
      !shortOfWordWrap &&
      previous.trim().length >= 40 &&
      breaksMidWord(previous, toolIndented ? unescapedStart.trimStart() : unescapedStart);
    // A word wrap cuts a word only when it is longer than the width: the line before is one
    // word, as wide as the lines the block broke at a blank (this one, when none did before).
    const blanks = rawBody.length - body.length;
    const keptWidth =
      current === null || current.keptWidth.full > 0
        ? current?.keptWidth
        : blanks > 0 && previousFull >= 40
          ? { full: rawLine.length, body: body.length + blanks }
          : undefined;
    // An ARN cut between its fields goes on at the colon, however short the line it was cut on.
    // So does one a writer wrapped by hand right after a separator, before its next field.
    // An ARN's resource type cut: one word, whatever blank the page kept at the break (ft-22).
    const arnTypeCut =
      current !== null && ARN_CUT_IN_TYPE.test(previous.slice(-200)) && ARN_TYPE_REST.test(unescapedStart);
    const arnGoesOn =
      arnTypeCut ||
      (current !== null &&
        ((/^:/.test(unescapedStart) && ARN_CUT_AT_END.test(previous.slice(-200))) ||
          (ARN_CUT_AFTER_SEPARATOR.test(previous.slice(-200)) && ARN_FIELD_START.test(unescapedStart))));
    // A placeholder an ARN opened and a wrap cut at one of its blanks goes on to its close.
    const placeholderGoesOn =
      current !== null &&
      ARN_PLACEHOLDER_OPEN.test(previous.slice(-200)) &&
      PLACEHOLDER_CLOSE.test(unescapedStart);
    const oneWord = !/\s/.test(previous.trim());
    const longWordCut =
      current !== null &&
      !ownPrefix &&
      !keptSpace &&
      !startsRecord &&
      oneWord &&
      !startsClause(unescapedStart) &&
      !endsClosedToken(previous, unescapedStart) &&
      // A word cut at the width fills it: no line of the block is wider ('…ECSSlave[…]' ended its line).
      ((keptWidth !== undefined &&
        (previousFull >= keptWidth.full || previousBody >= keptWidth.body) &&
        (previousFull >= current.widest.full || previousBody >= current.widest.body)) ||
        (foldWidth > 0 && (trimmed[index - 1] ?? 0) === foldWidth) ||
        cutAtTextWidth(index - 1) ||
        // The next piece of a word cut at the width over several lines, each as wide as the last.
        (current.midWord[current.midWord.length - 1] === true &&
          (trimmed[index - 1] ?? 0) >= 40 &&
          trimmed[index - 1] === trimmed[index - 2]));
    const trimmedStart = unescapedStart.trim();
    const wordWrapped =
      current !== null &&
      !ownPrefix &&
      !startsRecord &&
      (keptSpace ||
        (current.open > 0 && current.lines.length < OPEN_BRACKET_LINES) ||
        (current.sentence === 'begun' && !sentenceMayEnd(current)) ||
        OPEN_WORD_AT_END.test(previous.slice(-12)) ||
        SENTENCE_OPENED_AT_END.test(previous.slice(-12)) ||
        (HTTP_STATUS_AT_END.test(previous.slice(-6)) && HTTP_REASON.test(trimmedStart)) ||
        CONTINUES_WITH_WORD.test(trimmedStart) ||
        ecsReasonGoesOn(current, previous, trimmedStart) ||
        sentenceGoesOn(previous, trimmedStart) ||
        logfmtGoesOn(current, trimmedStart) ||
        // A table's row (CDK's deploy progress) cut next to one of its column bars.
        // (A row that opens with a bar, as a Markdown table's, closes with one: it ended there.)
        ((/^\| \S/.test(trimmedStart) || / \|$/.test(previous.trimEnd())) &&
          / \| \S/.test(previous) &&
          !/^\s*\|/.test(previous)) ||
        foldWidth > 0);
    // Every line stamped, and this one later than the line before: the log wrote another record.
    // A second or more apart: the lines of one traceback, logged line by line, share their second.
    // The stamp is read only when compared, and kept for the next line; an unchanged one is the same instant.
    if (repeatsPrefix && previousTimeMs === undefined) previousTimeMs = stampMillis(previousTimeText);
    const timeMs = !repeatsPrefix
      ? undefined
      : timeText === previousTimeText
        ? previousTimeMs
        : stampMillis(timeText);
    const timeMoved =
      repeatsPrefix && secondsApart(previousTimeText, previousTimeMs as number, timeText, timeMs as number);
    const continues =
      current !== null &&
      !timeMoved &&
      (widthJoin ||
        cutWord ||
        longWordCut ||
        arnGoesOn ||
        placeholderGoesOn ||
        wordWrapped ||
        (/^\s/.test(unescapedStart) && !(repeatsPrefix && startsRecord)) ||
        CONTINUES_MESSAGE.test(trimmedStart) ||
        // The error's name under its message (the AWS SDK for C++ prints the two so, ej-34).
        ERROR_NAME_ALONE.test(trimmedStart) ||
        CONSOLE_DETAIL_FIELD.test(trimmedStart) ||
        (/^Reason:\s/i.test(trimmedStart) && placementEventBefore(current)) ||
        (!ownPrefix && !startsRecord && insideFixedSentence(previous, unescapedStart)) ||
        (expectsMore(previous) && !proseAfterName(previous, trimmedStart)) ||
        (current.lines.length === 1 && LOG_GROUP_LABEL.test(previous)) ||
        (!ownPrefix && insideSentence(current, previous)) ||
        (twoLines && !ownPrefix && !startsRecord && tailOfError(previous, trimmedStart)) ||
        // An XML tag a wrap left open at the line's end goes on with its attributes ('<BadRequest'
        // + 'xmlns=""><message>Unauthorized request.</message>', the SSM agent's em-34).
        (/<[A-Za-z][\w:.-]*$/.test(previous) && /^(?:[\w:.-]+=|\/?>)/.test(trimmedStart)) ||
        // An error's name, then alone on the next line the quoted value it was raised with
        // (amazonka's 'MissingFileError' + '"/root/.aws/credentials"', eo-27 wrapped).
        (/^"[^"]{1,300}"$/.test(trimmedStart) && /\w(?:Error|Exception)$/.test(previous.trim())) ||
        (IAM_SENTENCE_START.test(trimmedStart) &&
          oneLogicalLine(current) &&
          ERROR_HEADING.test(current.lines.join(' ')) &&
          // EC2 names the caller's sentence after its own ("…perform this operation. User: …").
          !/not authori[sz]ed(?! to perform this operation)/i.test(current.lines.join(' '))));
    if (!continues) {
      flush();
      pending = {
        lines: [],
        ecsReason: ECS_REASON_HEAD.test(unescapedStart.trim()),
        sentence: 'none',
        open: 0,
        fullLengths: [],
        bodyLengths: [],
        blanks: [],
        keptWidth: { full: 0, body: 0 },
        widest: { full: 0, body: 0 },
        repeatsPrefix: [],
        midWord: [],
        longWord: [],
        atSpace: [],
        atTrimmedBlank: [],
        line: (spacing.numbers?.[index] ?? index) + 1,
        timeText,
        stream,
      };
    }
    const target = pending as unknown as PendingMessage;
    target.sentence = sentenceAfter(
      target.sentence,
      target.lines[target.lines.length - 1] ?? '',
      unescapedStart,
    );
    target.open = Math.max(0, target.open + bracketBalance(unescapedStart));
    // The console's fields are whole lines: the one before ended with its value, not inside a word.
    target.midWord.push(
      continues && (cutWord || longWordCut || arnGoesOn) && !CONSOLE_DETAIL_FIELD.test(trimmedStart),
    );
    target.longWord.push(continues && longWordCut && !cutWord);
    // Joined only because the line before could not take this one's first word: a word wrap
    // broke there, at a blank the copy trimmed (unless the block turns out to be a hard wrap).
    target.atTrimmedBlank.push(
      continues && foldWidth > 0 && !longWordCut && !widthJoin && !cutWord && !arnGoesOn,
    );
    joinedByFold = continues && foldWidth > 0;
    target.atSpace.push(continues && keptSpace && !arnTypeCut);
    target.repeatsPrefix.push(continues && repeatsPrefix);
    target.lines.push(unescapedStart);
    target.fullLengths.push(rawLine.length);
    target.widest.full = Math.max(target.widest.full, rawLine.length - blanks);
    target.widest.body = Math.max(target.widest.body, body.length);
    target.bodyLengths.push(body.length + blanks);
    target.blanks.push(blanks);
    if (blanks > 0) {
      target.keptWidth.full = Math.max(target.keptWidth.full, rawLine.length);
      target.keptWidth.body = Math.max(target.keptWidth.body, body.length + blanks);
    }
    previousShape = shape;
    previousPrefixBlanks = bodyBlank === '' ? prefixBlanks : prefixBlanks - 1;
    // One blank is where a word wrap broke; a sentence's end padded with several is where the text ended.
    previousKeptSpace = blanks > 0 && !(blanks > 1 && /[.!?]$/.test(body));
    previousTimeText = timeText;
    previousTimeMs = timeMs;
  });
  flush();
  return messages;
}

/**
 * A line quoted in a chat, an e-mail or an issue (`> `), or framed by Terraform's diagnostic
 * box (`│ `): the marker goes, the indentation after it stays (it tells wrapped lines apart).
 */
/**
 * Each line's log prefix and the text after it, when every written line has a prefix of one
 * log (syslog, `aws logs tail`); null otherwise.
 */
function prefixedLines(lines: string[]): { prefixes: string[]; bodies: string[] } | null {
  const prefixes: string[] = [];
  const bodies: string[] = [];
  let shapeBefore: PrefixShape | null = null;
  for (const line of lines) {
    if (line.trim() === '') {
      prefixes.push('');
      bodies.push(line);
      continue;
    }
    const { body, shape } = stripLinePrefix(line, shapeBefore);
    if ((shape !== 'syslog' && shape !== 'logs-tail') || (shapeBefore !== null && shape !== shapeBefore))
      return null;
    shapeBefore = shape;
    prefixes.push(line.slice(0, line.length - body.length));
    bodies.push(body);
  }
  return shapeBefore === null ? null : { prefixes, bodies };
}

function unquoteLines(lines: string[]): string[] {
  // A quote marks the lines of a block, most of them: a wrapped line that happens to start
  // with `>` (the end of `<ID>`) is the message's own text.
  let quoted = 0;
  let written = 0;
  for (const line of lines) {
    if (line.trim() === '') continue;
    written += 1;
    if (QUOTE_MARK.test(line)) quoted += 1;
  }
  // Marks nested ('> > > ') are a quote's whatever their number: a re-wrap leaves some lines without them (fm-26).
  const unquoted =
    quoted * 2 >= written && quoted > 0
      ? lines.map((line) => line.replace(QUOTE_MARK, ''))
      : lines.map((line, index) =>
          // The first line's mark stays: a terminal wrapped it with the mark, and the width it reaches shows the wrap.
          index === 0
            ? line.replace(NESTED_QUOTE_MARKS, '')
            : line.replace(NESTED_QUOTE_MARKS, '').replace(BOX_MARK, ''),
        );
  return unbarLines(unquoted).map(unpadRows);
}

/**
 * A console that wraps a long text at a width and is copied with each row end turned into a
 * blank leaves a blank every `width` characters, inside words and ARNs (CloudFormation's
 * status reason: `return ed`, `cd-paas-ngpay-ser vice-dev`, `iam: PassRole`). A row that
 * ended on a real blank is one shorter. The blanks at the rows' ends are the copy's when they
 * fall at one width from start to end and at least two of them cut a token of the grammar.
 */
function unspaceRows(line: string): string {
  if (line.length < 3 * MIN_ROW) return line;
  for (let width = MIN_ROW; width <= MAX_ROW && width * 3 <= line.length; width++) {
    const cuts = rowCuts(line, width);
    if (cuts === null) continue;
    let evidence = 0;
    for (const cut of cuts) {
      const before = line.slice(Math.max(0, cut - 80), cut);
      const after = line.slice(cut + 1, cut + 81);
      if (breaksMidWord(before, after) || (/[A-Za-z0-9]$/.test(before) && /^[-_][A-Za-z0-9]/.test(after)))
        evidence += 1;
    }
    if (evidence < 2) continue;
    let out = '';
    let from = 0;
    for (const cut of cuts) {
      out += line.slice(from, cut);
      from = cut + 1;
    }
    return out + line.slice(from);
  }
  return line;
}

const MIN_ROW = 40;
const MAX_ROW = 200;

/** Where the copy put a blank for each row end at this width, or null when a row does not fit it. */
function rowCuts(line: string, width: number): number[] | null {
  const cuts: number[] = [];
  let rows = 0;
  // A paste wrapped again may have joined a cut token back, taking that row's blank: a few rows.
  let rejoined = 0;
  for (let start = 0; start + width < line.length; rows++) {
    if (line[start + width] === ' ' && line[start + width - 1] !== ' ') {
      cuts.push(start + width);
      start += width + 1;
    } else if (line[start + width - 1] === ' ') start += width;
    // More rows rejoined than cut: not a console's rows (and a long text is not read to its end).
    else if ((rejoined + 1) * 2 <= line.length / width && rejoined <= cuts.length) {
      rejoined += 1;
      start += width;
    } else return null;
  }
  return rows >= 3 && cuts.length >= 3 && cuts.length * 2 >= rows ? cuts : null;
}

/**
 * A terminal copy that pads each wrapped row to the window's width leaves a long run of blanks
 * inside a line where the row ended (`is not author<blanks>ized to perform`). The run goes: the
 * halves join when they make a word, an ARN or an action of the grammar, else one blank stays.
 */
function unpadRows(line: string): string {
  // Most lines have no such run: the look-behind pattern is not tried at each of their blanks.
  if (!line.includes(PADDING_RUN)) return line;
  return line.replace(ROW_PADDING, (run: string, offset: number, whole: string) => {
    const before = whole.slice(0, offset);
    const after = whole.slice(offset + run.length);
    return breaksMidWord(before, after) ? '' : ' ';
  });
}

/** Far more blanks than any layout puts between two words of a message. */
const ROW_PADDING = /(?<=\S) {40,}(?=\S)/g;
const PADDING_RUN = ' '.repeat(40);

/**
 * A tool that prints a multi-line error as an item of a list frames each of its lines with a
 * bar at one column (sops under Flux: `- | failed to … operation` then `  | error KMS: …`). The
 * bar goes when two lines or more in a row have it at the same column; a table's row, which
 * ends with a bar too, keeps it.
 */
function unbarLines(lines: string[]): string[] {
  // A bar alone on its line is one whose words a fold moved to the next line (its blank kept or trimmed).
  const barColumn = (line: string) => {
    const match = BAR_MARK.exec(line);
    if (match && !/\|\s*$/.test(line)) return match[1]?.length ?? 0;
    return BAR_ALONE.exec(line)?.[1]?.length ?? -1;
  };
  const columns = lines.map(barColumn);
  return lines.map((line, index) => {
    const column = columns[index] ?? -1;
    const framed = column >= 0 && (columns[index - 1] === column || columns[index + 1] === column);
    return framed ? `${line.slice(0, column)}${line.slice(column + 2)}` : line;
  });
}

const BAR_MARK = /^([ \t]*(?:- )?)\| \S/;
const BAR_ALONE = /^([ \t]*)\| ?$/;

const QUOTE_MARK = /^[ \t]*(?:[>│](?:[ \t]|$))+/;
const NESTED_QUOTE_MARKS = /^[ \t]*(?:>[ \t]+){2,}(?:>(?:[ \t]|$))?/;
/** Terraform's box is never a message's own text, on however few lines of a paste it is left (fz-12, folded). */
const BOX_MARK = /^[ \t]*│(?:[ \t]|$)/;
/** Terraform's box, quoted or not ("> │ Error: …" in a chat). */
const BOX_LINE = /^[ \t]*(?:>[ \t]*)*│/;
const BOX_BLANK = /^[ \t]*(?:>[ \t]*)*│[ \t]*$/;

/**
 * Text as one line per message: real line breaks, or the literal `\n` escapes of a message
 * logged inside another (a JSON field, Go's `%q`), are grouped and joined as wrapped text is,
 * so a message wrapped mid-word before it was escaped reads whole again.
 */
export function joinedText(text: string): string {
  return messageTexts(text).join(' ');
}

/**
 * The messages of a text logged inside another (a JSON field, Go's `%q`), each one line: lines
 * wrapped mid-message are joined, lines that are messages of their own stay apart (CodePipeline's
 * "Action execution failed" above the error it heads).
 */
export function messageTexts(text: string): string[] {
  const lines = text.includes('\n') ? text : /\\[nr]/.test(text) ? unescapeText(text) : null;
  if (lines === null) return [text];
  return groupLines(lines).map((group) => group.text);
}

/**
 * The width a block was wrapped at: the length most of its lines (all but the last) reach. A
 * terminal wraps whole lines (the first as long as the rest); a tool that indents what it
 * wraps leaves the first line shorter by that indentation. Either way two lines must agree.
 * A line whose wrap fell on a space lost it when the text was copied, so it is one short.
 */
function wrapWidth(rawLengths: number[], firstAdjusted: number, firstWhole = firstAdjusted): number | null {
  const continuation = rawLengths.slice(1, -1);
  const first = rawLengths[0] ?? 0;
  // Two lines, the first as wide as a terminal: the second is its wrapped tail.
  if (rawLengths.length === 2 && TERMINAL_WIDTHS.has(first)) return first;
  // A loop, not a spread: a message may run to hundreds of thousands of lines.
  let widestContinuation = 0;
  for (const length of continuation) widestContinuation = Math.max(widestContinuation, length);
  const longest =
    continuation.length === 0 || first === widestContinuation + 1
      ? Math.max(first, widestContinuation)
      : widestContinuation;
  const reaches = (length: number) => length === longest || length === longest - 1;
  const firstAgrees = reaches(first) || firstAdjusted === longest || firstWhole === longest;
  const agreeing = continuation.filter(reaches).length + (firstAgrees ? 1 : 0);
  const exact =
    continuation.includes(longest) ||
    first === longest ||
    firstAdjusted === longest ||
    firstWhole === longest;
  return agreeing >= 2 && exact ? longest : null;
}

/**
 * The width of a hard wrap, if the block is one. When lines could not take the next one's
 * first word (a word wrap's sign), two lines of one length are chance: most lines must reach it.
 */
function hardWrapWidth(
  pending: PendingMessage,
  rawLengths: number[],
  firstAdjusted: number,
  firstWhole: number,
): number | null {
  const width = wrapWidth(rawLengths, firstAdjusted, firstWhole);
  if (width === null || !pending.atTrimmedBlank.some(Boolean)) return width;
  let reaching = 0;
  for (let i = 0; i < rawLengths.length - 1; i++) {
    const length = i === 0 ? firstAdjusted : (rawLengths[i] ?? 0);
    if (length === width || length === width - 1 || (i === 0 && firstWhole === width)) reaching += 1;
  }
  return reaching * 4 >= (rawLengths.length - 1) * 3 ? width : null;
}

/**
 * A mask set apart by a blank on one side of the break ('us-east-1: ...' + ':table', 'us-east-1:'
 * + '... :table') is set apart on the other: the writer put blanks around it, the wrap took one.
 */
function maskSetApart(previous: string, next: string): boolean {
  return (
    (/(?:^|\s)\.{3}$/.test(previous) && /^:/.test(next)) || (/:$/.test(previous) && /^\.{3}\s/.test(next))
  );
}

function joinPending(pending: PendingMessage): TextMessage {
  const { lines, midWord, atSpace } = pending;
  // A log that prefixes every line wrapped the message before it added the prefixes.
  const everyLinePrefixed = pending.repeatsPrefix.slice(1).every(Boolean) && lines.length > 1;
  const blankLengths = everyLinePrefixed ? pending.bodyLengths : pending.fullLengths;
  const rawLengths = blankLengths.map((length, index) => length - (pending.blanks[index] ?? 0));
  const indents = lines.map((line) => /^\s*/.exec(line)?.[0].length ?? 0);
  let baseIndent = lines.length > 1 ? Number.POSITIVE_INFINITY : 0;
  for (let i = 1; i < indents.length; i++) baseIndent = Math.min(baseIndent, indents[i] ?? 0);
  // The first line's length as if indented like the rest (a tool that wraps indents only those).
  const firstAdjusted = (rawLengths[0] ?? 0) + baseIndent - (indents[0] ?? 0);
  // The same with the first line's own blanks kept as the message's, the tool's indentation on top.
  const firstWhole = (rawLengths[0] ?? 0) + (lines.length > 1 ? baseIndent : 0);
  const width = hardWrapWidth(pending, rawLengths, firstAdjusted, firstWhole);
  // A first line's own blanks may be the message's (a paste that opens indented): the tool's
  // indentation then comes on top of them, and the first line is as wide as the rest without it.
  const full = (index: number) =>
    width !== null &&
    (rawLengths[index] === width || (index === 0 && (firstAdjusted === width || firstWhole === width)));
  // Parts joined once at the end: testing the growing string itself would flatten it on every
  // line, quadratic in the line count. Every part is trimmed, so the text ends in a word once
  // it has any.
  const parts = [lines[0]?.trim() ?? ''];
  let endsInWord = parts[0] !== '';
  let known: Set<string> | undefined;
  const knownWords = () => {
    known ??= wholeWords(lines);
    return known;
  };
  // Indented deeper than its neighbours: the wrap fell on a space, which the line kept. A
  // tool indents by two or more; one space alone (a terminal's wrap) is the message's own.
  const toolIndent = baseIndent >= 2 ? baseIndent : 0;
  for (let i = 1; i < lines.length; i++) {
    const next = (lines[i] ?? '').trim();
    // A block whose lines reach one width is a hard wrap: only without one are trimmed blanks read.
    const keptSpace =
      (indents[i] ?? 0) > toolIndent ||
      maskSetApart(parts[i - 1] ?? '', next) ||
      atSpace[i] === true ||
      insideFixedSentence(parts[i - 1] ?? '', next) ||
      (width === null && pending.atTrimmedBlank[i] === true);
    // Wrapped blocks break mid-word at the width, or before a hyphen a little short of it.
    // Two whole words at the width are a word wrap's trimmed blank, not a cut.
    const atWidth =
      width !== null &&
      !keptSpace &&
      endsInWord &&
      (/^[-_/.:]/.test(next) ||
        (full(i - 1) &&
          !clauseAfterWord(parts[i - 1] ?? '', next, knownWords()) &&
          !afterClausePunctuation(parts[i - 1] ?? '', next) &&
          !betweenWholeWords(parts[i - 1] ?? '', next, knownWords())));
    // A line as wide as the width, of one token, is a word fold -s cut; unless it ended on a
    // whole word of prose opening a string ('"Message":"Roles' + 'may not be assumed').
    const wholeWordsApart =
      pending.longWord[i] === true && betweenWholeWords(parts[i - 1] ?? '', next, knownWords());
    // Two lines and no width: a short run that is no word, before letters that are none, was cut.
    const halves =
      width === null &&
      !keptSpace &&
      pending.atTrimmedBlank[i] !== true &&
      (lines[i - 1]?.trim().length ?? 0) >= MIN_WRAP_WIDTH &&
      halvesOfOneWord(parts[i - 1] ?? '', next, knownWords());
    // A table's column bar and its blank open no rest of a word: the cell before ended there.
    const wrappedMidWord =
      !/^\|\s/.test(next) && (atWidth || halves || (midWord[i] === true && !keptSpace && !wholeWordsApart));
    parts.push(wrappedMidWord ? next : ` ${next}`);
    endsInWord ||= next !== '';
  }
  // Read on the whole message: a paste may wrap again the text a console had spaced.
  const text = unspaceRows(parts.join(''));
  return { text, line: pending.line, timeText: pending.timeText, stream: pending.stream };
}
