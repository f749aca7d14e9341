/**
 * Whether a line break fell inside a word of the grammar: a message wrapped at a width no
 * terminal uses (a log viewer's, a chat's) breaks mid-word on two lines whose lengths say
 * nothing. The two halves make a word of the grammar ("Acc" + "essDeniedException"), an ARN
 * goes on ("arn:aws:iam::2811" + "74624655:role/..."), an action goes on after "perform:", or
 * the next line starts with what cannot start a message (a closing bracket, a colon).
 */
import { templateWords } from './ecs-steps.js';

/** The IAM sentence, the SDKs' error wording and ECS's, in lower case. */
const GRAMMAR_WORDS = new Set(
  [
    ...templateWords(),
    'AccessDenied',
    'AccessDeniedException',
    'UnauthorizedOperation',
    'UnauthorizedAccess',
    'AuthorizationError',
    'ResourceInitializationError',
    'CannotPullContainerError',
    'CannotStartContainerError',
    'CannotPullECRContainerError',
    'ClientError',
    'Exception',
    'authorized',
    'authorised',
    'perform',
    'resource',
    'because',
    'identity',
    'identity-based',
    'resource-based',
    'permissions',
    'boundary',
    'session',
    'policy',
    'allows',
    'action',
    'explicit',
    'service',
    'control',
    'endpoint',
    'operation',
    'occurred',
    'calling',
    'retried',
    'retrieve',
    'retrieval',
    'execution',
    'secrets',
    'registry',
    'assumed-role',
    'status',
    'request',
    'Denied',
    'Access',
    'failed',
    'unable',
    'error',
    'response',
    'daemon',
    'logging',
    'driver',
    // The short words of IAM's sentence: "sts:AssumeRole o" + "n resource" is cut too.
    'User',
    'is',
    'not',
    'to',
    'on',
    'no',
    'the',
    'with',
    'an',
    'in',
    'deny',
  ].map((word) => word.toLowerCase()),
);

const TAIL_WORD = /([A-Za-z][A-Za-z-]*)$/;
const HEAD_WORD = /^([A-Za-z][A-Za-z-]*)/;
const ARN_START_TAIL = /(?:^|[\s'"(])(a|ar|arn|arn:a|arn:aw)$/;
const ARN_TAIL = /(?:^|\s|['"(])arn:[^\s'"]*$/;
const ACTION_CUT = /(?:perform:|allows the)\s*[a-z0-9-]+(?::[A-Za-z]*)?$/i;
/** botocore's "when calling the PutObjec" + "t operation". */
const OPERATION_CUT = /when calling the \w+$/i;
/** "retried 1 time" + "(s)". */
const PLURAL_MARK = /^\(s\)/;
/** What the next line starts when the break fell between words: a clause of the IAM sentence or the SDK's tail. */
const CLAUSE_START =
  /^(?:is not authori[sz]ed|is invalid or cannot be assumed|on resource|because|with an|status code|caused by|go to|or call|for complete)\b/i;

/** The next line opens a clause of the grammar: whatever the line before ends with, it ended there. */
export function startsClause(next: string): boolean {
  return CLAUSE_START.test(next.trimStart());
}
const CANNOT_START = /^[)\]}>,.;:]/;

export function breaksMidWord(previous: string, next: string): boolean {
  if (/\s$/.test(previous) || /^\s/.test(next) || previous === '' || next === '') return false;
  if (CANNOT_START.test(next)) return true;
  if (CLAUSE_START.test(next)) return false;
  // The next line starts with a whole word of the grammar ("on r…"): the break fell before it.
  const wholeWord = /^([A-Za-z]+)(?:\s|$)/.exec(next)?.[1];
  if (wholeWord && GRAMMAR_WORDS.has(wholeWord.toLowerCase())) return false;
  // An ARN goes on with more of itself, not with a plain word ("… role/ReadWrite" + "Automatic role …").
  if (ARN_TAIL.test(previous) && !/^[A-Za-z]+(?:\s|$)/.test(next)) return true;
  // An ARN cut in its first word: "... on resource: a" + "rn:aws:iam::...".
  const arnStart = ARN_START_TAIL.exec(previous)?.[1];
  if (arnStart && /^arn:aws/.test(`${arnStart}${/^\S*/.exec(next)?.[0] ?? ''}`)) return true;
  if (ACTION_CUT.test(previous) && /^[a-z0-9-]*:?[A-Za-z]/.test(next)) return true;
  if (OPERATION_CUT.test(previous)) return !/^operation\b/i.test(next);
  if (PLURAL_MARK.test(next)) return true;
  const tail = TAIL_WORD.exec(previous)?.[1];
  const head = HEAD_WORD.exec(next)?.[1];
  return Boolean(tail && head && GRAMMAR_WORDS.has(`${tail}${head}`.toLowerCase()));
}
