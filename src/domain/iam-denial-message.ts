/**
 * IAM's authorization-failure sentence, in all the forms AWS has written it:
 *
 *   User: <principal> is not authorized to perform: <action> [on resource: <resource>]
 *     [because no <type> policy allows the <action> action | with an explicit deny [in a <type> policy]]
 *     [: <policy ARN>] [. Go to <url> for complete details, or call the
 *     GetRequestAuthorizationDetails API with the following authorization id: <id>]
 *
 * Messages arrive lower-cased, cut short, with placeholders (`<account id>`) in ARNs, so
 * every part after the principal is optional and matched case-insensitively.
 */

export type PolicyType = 'identity' | 'resource' | 'scp' | 'rcp' | 'boundary' | 'session' | 'vpc-endpoint';

export interface IamDenial {
  principal: string | null;
  /** The action as the message writes it (case kept); null when cut before it. */
  action: string | null;
  /** True when the action token ends the (cut) message and may be incomplete. */
  actionMayBeCut: boolean;
  resource: string | null;
  policyType: PolicyType | null;
  explicitDeny: boolean | null;
  policyArn: string | null;
  authorizationId: string | null;
  detailsUrl: string | null;
}

/**
 * An ARN or placeholder as people paste it: runs of non-space characters, where `<...>`,
 * `{...}` and `[...]` placeholders may hold spaces (`arn:aws:ssm:eu-west-2:<account id>:parameter/X`,
 * `arn:aws:sts::[account id]:assumed-role/...`), and so may a quoted one between an ARN's colons
 * (`arn:aws:iam::"another account number":role/X`). An XML closing tag ends it (`…role/X</Message>`).
 * A bracket is read alone only where it opens no placeholder: read either way, a run of
 * placeholders that no clause follows was split every way (2^n tries).
 */
/**
 * Pieces a token may hold: more than any ARN a message names (an S3 object's runs longest).
 * Unbounded, a line of 'UserUser…' was read from each 'User' to its end, a square of its length.
 */
const TOKEN_PIECES = 1100;
const TOKEN = String.raw`(?:<(?!/)[^<>\n]{1,40}>|\{[^{}\n]{1,40}\}|\[[^\[\]\n]{1,40}\]|(?<=:)"[^"\n]{1,40}"(?=:)|[^\s"'<>{}[]|<(?!/|[^<>\n]{1,40}>)|\{(?![^{}\n]{1,40}\})|\[(?![^[\]\n]{1,40}\])|[>}]){1,${TOKEN_PIECES}}`;
/** Services quote names `like this', 'like this' or "like this"; older SES and SNS messages do. */
const QUOTE = String.raw`[\x60'"]?`;
/**
 * A principal's ARN with blanks the paste put in it: an autocorrect ('arn:aws:I am::…:user/x'),
 * a formatter ('arn: aws: iam::1:user / x'). An ARN holds no blank, so the principal is all
 * between "User:" and "is not authorized", within one line and one sentence, and no second "User:".
 */
const GARBLED_ARN = String.raw`arn\s?:(?:(?!User:|[.;,]\s)[^\n]){1,120}?`;
/** A person's sign-in name, which a provider (Pulumi's, richard@pulumi.com in pulumi/pulumi-aws#4849) writes for the caller. */
const EMAIL = String.raw`[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}`;
const SIGN_IN_NAME = new RegExp(`^${EMAIL}$`);
/** Whether a caller read from IAM's sentence is a person's sign-in name, not an ARN. */
export function isSignInName(caller: string): boolean {
  return SIGN_IN_NAME.test(caller);
}
/**
 * `User: <principal> is not authorized to perform:`; the principal part may be missing or cut.
 * Some services write the principal's ARN without "User:" (Step Functions relaying ECS's
 * answer), a quote may keep only its "assumed-role/<role>/<session>" (aws-secure-environment-
 * accelerator#1293), a person's sign-in name may stand for it, and a paste can lose the blank
 * between the principal and "is". A writer may elide the words before the action ("is
 * not...logs:CreateLogGroup on resource: …", fz-04).
 */
const CLAUSE = new RegExp(
  String.raw`(?:(?:User:?\s*${QUOTE}(${TOKEN})${QUOTE}|(arn:[\w-]+:(?:sts|iam)::${TOKEN}|(?<![\w:/-])assumed-role\/${TOKEN})|User:\s*(${GARBLED_ARN})|(?<![\w.+-])(${EMAIL}))\s*is\s+)?(?:not\s+authori[sz]ed\s+to\s+perform:?|(?<=\bis\s+)not\s*(?:\.{2,}|…)\s*(?=[a-z0-9-]+:[A-Za-z*]))`,
  'gi',
);
const USER_ONLY = new RegExp(String.raw`User:\s*(arn:${TOKEN})`, 'i');
const ACTION = new RegExp(String.raw`^\s*${QUOTE}([a-z0-9][a-z0-9-]*:[a-z0-9*]+)\b${QUOTE}`, 'i');
/**
 * An IAM role's, user's, group's or instance profile's ARN, then a colon and an error's name a
 * trimmed wrap glued to it: no IAM name holds a colon, so the name ends there. (A whole ARN
 * after the colon is a malformed ARN a user passed, kept as written: es-09.)
 */
const IAM_NAME_THEN_COLON =
  /^(arn:[\w-]+:iam::[^:\s]*:(?:role|user|group|instance-profile)\/[^:\s]+):[\w.]*(?:Error|Exception|Denied)\w*$/i;
const ON_RESOURCE = new RegExp(String.raw`^\s*on\s+resource:?\s*${QUOTE}(${TOKEN})?${QUOTE}`, 'i');
/**
 * IAM's short forms for its own entities: "on resource: role ecsTaskExecutionRole", "on resource:
 * user deploy-user" (and "user nullNAME" when the request named none), kept as IAM writes them.
 */
const SHORT_FORM_KIND = /^(?:role|user|group|policy|instance-profile)$/i;
const POLICY_PATH = /^\s+path\s+(\/[^\s]*)/i;
const SHORT_FORM_NAME = new RegExp(String.raw`^\s+${QUOTE}(?!(?:because|with)\b)(${TOKEN})${QUOTE}`, 'i');
/** Words of a resource's name up to IAM's clause after it (no colon, no quote: a name's words only). */
const NAME_WITH_BLANKS_REST = /^((?: [\w.@+=,()-]{1,64}){1,12})(?= (?:because no |with an explicit deny\b))/;
/** KMS names no key: "on this resource", "on the resource associated with this ciphertext". */
const ON_UNNAMED_RESOURCE =
  /^\s*on\s+(?:this\s+resource|the\s+resource\s+associated\s+with\s+this\s+ciphertext)\b/i;
/** A placeholder where the action was (`<AWS_SERVICES:ACTION>`): skipped so the clauses after it are read. */
const PLACEHOLDER = /^\s*(?:<[^<>\s]{1,60}>|\{[^{}\s]{1,60}\})/;
/** An action written as words where IAM writes the action ("perform API action on resource: …"). */
const ACTION_IN_WORDS = /^\s*(?:[A-Za-z][\w-]*\s+){1,3}(?=on\s+resource:)/i;
const IMPLICIT = /^\s*[.,]?\s*(?:because\s+)?no\s+([a-z -]{1,60})/i;
/**
 * The IAM User Guide's example of a trust policy's implicit denial drops the "no": "because the role
 * trust policy allows the sts:AssumeRole action" (ha-08). Said of an action refused, it is IAM's
 * implicit clause; the action named after it keeps the sentence from being read into other words.
 */
const IMPLICIT_NO_DROPPED =
  /^\s*[.,]?\s*because\s+the\s+([a-z -]{1,40}?)\s+policy\s+allows\s+the\s+[a-z0-9-]+:[A-Za-z0-9*]+\s+action\b/i;
/**
 * KMS's clause, which does not say which of its cases it is: the key is missing, or the key
 * policy (a resource-based policy) allows nothing, or denies explicitly.
 */
const KEY_POLICY =
  /^\s*[.,]?\s*because\s+the\s+resource\s+does\s+not\s+exist\s+in\s+this\s+Region,\s*no\s+resource-based\s+polic/i;
/** "in a VPC endpoint policy transitively through a service control policy": the SCP's deny. */
const TRANSITIVE = /^[^.]{0,80}?\btransitively\s+through\s+an?\s+([a-z -]{1,40})/i;
// (An author's elision may stand for "with an": "... explicit deny in a service control policy ...",
// Karpenter's log as aws-samples/eks-workshop-v2#1859 quotes it.)
const EXPLICIT =
  /^\s*[.,]?\s*(?:with\s+an|\.{3}|…)\s*explicit\s+deny(?:\s+in\s+(?:an?\s+)?([a-z -]{1,60}))?/i;
/**
 * An SCP's refusal as the IAM User Guide warns it may be worded, "due to an explicit deny in a
 * Service Control Policy", even when the deny was implicit: the policy is named, not the kind of
 * deny. So does CloudTrail's network activity event: "The request was denied due to a VPC endpoint
 * policy" (VpceAccessDenied, the CloudTrail guide's example).
 */
const DUE_TO_DENY =
  /^\s*[.,]?\s*(?:due\s+to\s+an\s+explicit\s+deny\s+in|(?:The\s+request\s+was\s+)?denied\s+due\s+to)\s+an?\s+([a-z -]{1,60})/i;
/**
 * The console's access-denied panel gives the clause as its Context line, the policy first: "a
 * service control policy explicitly denies the action" (dev.classmethod.jp's Bedrock note, ey-06).
 */
const CONTEXT_EXPLICIT =
  /^\s*[.,:]?\s*(?:Context:\s*)?an?\s+([a-z -]{1,60}?)\s+explicitly\s+denies\s+the\s+action\b/i;
/** The policy-type words end where "policy" or "allows" begins (a boundary has no "policy"). */
function typeWords(phrase: string): string {
  return phrase.split(/polic|allow/i)[0] ?? phrase;
}
const POLICY_ARN = /:\s*(arn:[\w-]+:(?:iam|organizations)::[^\s"']+)/i;
const AUTHORIZATION_ID = /authorization\s+id:\s*([A-Za-z0-9_-]+)/i;
const DETAILS_URL = /go\s+to\s+(https:\/\/\S+?)(?:\s+for\s+complete|\s|$)/i;

/** Maps the words IAM uses for a policy type ("sessions policy" and "permissions boundary" too). */
export function policyTypeFromWords(words: string): PolicyType | null {
  const text = words.toLowerCase();
  if (/control/.test(text)) return /resource/.test(text) ? 'rcp' : 'scp';
  if (/boundar/.test(text)) return 'boundary';
  if (/endpoint/.test(text)) return 'vpc-endpoint';
  if (/session/.test(text)) return 'session';
  if (/identity/.test(text)) return 'identity';
  if (/resource/.test(text)) return 'resource';
  return null;
}

const CLOSING: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

const TYPOGRAPHIC_CLOSE = /[”»」』]/;

/**
 * Strips what a sentence, a JSON string or markdown leaves stuck to an ARN: a full stop (not an
 * ellipsis, which marks an elided id, though a fourth dot after one is the sentence's stop),
 * commas, quotes, backticks, and closing brackets it did not open.
 */
function cleanToken(token: string): string {
  // A page's typographic quotes (and CJK quote brackets) never belong to an ARN: one glued to it
  // ends it, whatever the page's words run on after it.
  let text = (token.split(TYPOGRAPHIC_CLOSE)[0] ?? token).replace(/^["'(\x60“„«「『]+/, '');
  // Each bracket counted once, then kept as the end is taken off: counting again for every
  // bracket taken off was a square of a run of them.
  const counts = new Map<string, number>();
  const countOf = (char: string) => counts.get(char) ?? counts.set(char, count(text, char)).get(char) ?? 0;
  for (;;) {
    const last = text.at(-1) ?? '';
    const opening = CLOSING[last];
    // A backtick is markdown's code span around the ARN (`arn:…`), never part of it.
    const stuck =
      /[,;"'\\\x60]/.test(last) ||
      (last === '.' && (!text.endsWith('..') || /(?:^|[^.])\.{4}$/.test(text))) ||
      (opening !== undefined && countOf(last) > countOf(opening));
    if (!stuck) return text;
    text = text.slice(0, -1);
    const left = counts.get(last);
    if (left !== undefined) counts.set(last, left - 1);
  }
}

/** Every IAM denial sentence in a message (ASM errors repeat theirs; joined errors hold several). */
export function findIamDenials(message: string): IamDenial[] {
  const matches = [...message.matchAll(CLAUSE)];
  const found: IamDenial[] = [];
  matches.forEach((match, index) => {
    const start = (match.index ?? 0) + match[0].length;
    const end = matches[index + 1]?.index ?? message.length;
    const denial = readClauses(match[1] ?? match[2] ?? match[3] ?? match[4] ?? '', message.slice(start, end));
    // "You are not authorized to perform this operation." (EC2) names none: not a sentence of its own.
    if (denial.principal || denial.action || denial.resource) found.push(denial);
  });
  return found;
}

/**
 * A service's own sentence that names its API operation where IAM names an action, without
 * "User:" or a colon: CloudWatch Logs' "User with accountId: 1 is not authorized to perform
 * CreateLogGroup with Tags", whose " with Tags" says the request's tags were refused.
 */
// One lowercase letter, then any: '[a-z]+[A-Za-z0-9]*' read the same names, a long word split every way.
// Lower-cased, the name is one word that is not the sentence's own ("perform this operation").
const BARE_OPERATION =
  /[Nn]ot\s+authori[sz]ed\s+to\s+perform\s+(?:([A-Z][a-z][A-Za-z0-9]*)|(?!(?:this|that|these|those|the|an?|any|all|some|such|operations?|actions?|requests?|it)\b)([a-z][a-z0-9]{2,}))\b(?!:)(\s+with\s+[Tt]ags\b)?/;

/** The operation such a sentence names, and whether it was refused for the tags it carries. */
export function findBareOperation(message: string): { operation: string; withTags: boolean } | null {
  const match = BARE_OPERATION.exec(message);
  const operation = match?.[1] ?? match?.[2];
  if (!match || !operation) return null;
  return { operation, withTags: match[3] !== undefined };
}

/** A principal named before the message was cut short of "is not authorized". */
export function findCutPrincipal(message: string): string | null {
  const match = USER_ONLY.exec(message);
  return match?.[1] ? cleanToken(match[1]) : null;
}

/** A denial whose sentence is missing or cut: only the principal, if any, is known. */
export function unreadDenial(principal: string | null): IamDenial {
  return {
    principal,
    action: null,
    actionMayBeCut: false,
    resource: null,
    policyType: null,
    explicitDeny: null,
    policyArn: null,
    authorizationId: null,
    detailsUrl: null,
  };
}

/**
 * The AWS console's access-denied details, a field a line: "User: <arn> / Service: iam / Action:
 * ListAccessKeys / On resource(s): user / Context: because no identity-based policy allows …".
 */
export const CONSOLE_DETAILS =
  /\bService:\s*([a-z0-9-]+)\s+Action:\s*([A-Za-z0-9*]+)\s+On\s+resource\(s\):\s*(\S+)/i;

/**
 * The policy clause of a sentence whose head is missing ("AccessDeniedException because no
 * identity-based policy allows the secretsmanager:GetSecretValue action"): a fragment people
 * quote still says which policy denied.
 */
export function headlessDenial(text: string, principal: string | null): IamDenial {
  const denial = unreadDenial(principal ?? namedPrincipal(text));
  // The ECS agent's relay for Service Connect: "Unauthorized to perform ecs:Poll for arn:…".
  const relay = /\bUnauthorized to perform ([a-z0-9-]+:[A-Za-z]+) for (arn:\S+)/i.exec(text);
  if (relay) {
    denial.action = relay[1] ?? null;
    // Its sentence's stop, and the quotes and bracket of a string it was quoted in ('….")').
    denial.resource = relay[2] ? cleanToken(relay[2]) || null : null;
  }
  const details = CONSOLE_DETAILS.exec(text);
  if (details && !denial.action) {
    denial.action = `${details[1]}:${details[2]}`;
    // The console writes the resource's type ("user") when the request named no ARN.
    denial.resource = details[3]?.startsWith('arn:') ? cleanToken(details[3]) : null;
  }
  const clause =
    /(?:\.{3}|…)\s*explicit\s+deny\s+in\b|\b(?:because\s+no\s|no\s+[a-z -]{1,40}?polic(?:y|ies)\s+allows?\s|because\s+the\s+resource\s+does\s+not\s+exist|(?:with|due\s+to)\s+an\s+explicit\s+deny|denied\s+due\s+to\s+an?\s+[a-z -]{1,40}?polic|an?\s+[a-z -]{1,60}?\s+explicitly\s+denies\s+the\s+action\b)/i.exec(
      text,
    );
  if (clause) readPolicyClause(text.slice(clause.index), denial);
  // A repository that "does not grant" a service principal the pull: its own policy (SageMaker's words, gm-01).
  else if (REPOSITORY_DOES_NOT_GRANT.test(text)) denial.policyType = 'resource';
  return denial;
}

const REPOSITORY_DOES_NOT_GRANT =
  /\brepository of your image \S+?\s*does not grant\b[^.]{0,200}?\bpermission to \S+ service principal\b/i;

/**
 * A service naming the role it refused in its own words ("'arn:…:role/step-functions-role' is
 * not authorized to create managed-rule"): no "User:", no action, but the principal is named.
 */
export const SERVICE_NAMED_REFUSAL = new RegExp(
  String.raw`(?:^|[\s(:])${QUOTE}(arn:[\w-]+:(?:iam|sts)::[^\s'"\x60]+)${QUOTE}\s+is\s+not\s+authori[sz]ed\s+to\b`,
  'i',
);

function namedPrincipal(text: string): string | null {
  const match = SERVICE_NAMED_REFUSAL.exec(text);
  return match?.[1] ? cleanToken(match[1]) : null;
}

/**
 * "because no <type> policy allows …" or "with an explicit deny in <type> …" at the start of
 * `text`, into the denial; the length of the clause read, or 0 when there is none.
 */
function readPolicyClause(text: string, denial: IamDenial): number {
  const implicit = IMPLICIT.exec(text) ?? IMPLICIT_NO_DROPPED.exec(text);
  if (implicit) {
    denial.explicitDeny = false;
    denial.policyType = policyTypeFromWords(typeWords(implicit[1] ?? ''));
    // IAM names the permission it found missing, which a call needs besides its own: the
    // permission-only vpce:AllowMultiRegion for ec2:CreateVpcEndpoint across Regions (fr-39). A
    // clause quoted alone names the only action there is ('…no VPC endpoint policy allows the
    // ssm:GetParameters' + 'action', its blank trimmed by a wrap, hk-03).
    const required = ALLOWS_ACTION.exec(text)?.[1];
    if (required && (!denial.action || required.toLowerCase() !== denial.action.toLowerCase()))
      denial.action = required;
    return implicit[0].length;
  }
  const explicit = EXPLICIT.exec(text);
  if (explicit) {
    denial.explicitDeny = true;
    denial.policyType = explicit[1] ? policyTypeFromWords(typeWords(explicit[1])) : null;
    const through = TRANSITIVE.exec(text.slice(explicit.index));
    if (through?.[1]) denial.policyType = policyTypeFromWords(typeWords(through[1])) ?? denial.policyType;
    return through ? Math.max(explicit[0].length, through[0].length) : explicit[0].length;
  }
  const context = CONTEXT_EXPLICIT.exec(text);
  if (context) {
    denial.explicitDeny = true;
    denial.policyType = policyTypeFromWords(typeWords(context[1] ?? ''));
    return context[0].length;
  }
  const dueTo = DUE_TO_DENY.exec(text);
  if (dueTo) {
    denial.policyType = policyTypeFromWords(typeWords(dueTo[1] ?? ''));
    return dueTo[0].length;
  }
  const keyPolicy = KEY_POLICY.exec(text);
  if (keyPolicy) {
    denial.policyType = 'resource';
    return keyPolicy[0].length;
  }
  return 0;
}

const ELIDED_REST = /^\s+(?:\.{3}|\u2026)\s+\S+/;
/** The rest of IAM's implicit clause: "… allows the <action> action". */
const ALLOWS_ACTION =
  /^\s*[.,]?\s*(?:because\s+)?no\s+[a-z -]{1,60}?\ballows\s*the\s*([a-z0-9-]+:[A-Za-z0-9]+)\s*action\b/i;
/**
 * An ARN whose account a writer replaced by words ('arn:aws:glue:us-east-1:Account B:database/x',
 * fr-22): the token read stops at the blank, before the name's last word and the rest.
 */
const ARN_AT_ACCOUNT_WORD = /^arn:[\w-]+:[\w-]+:[\w-]*:[A-Za-z][a-z]{2,15}$/;
const ACCOUNT_WORD_REST = /^ ([A-Za-z0-9]{1,12}:[^\s'"]+)/;
/**
 * An ARN a paste parted with a blank after its Region's colon ('arn:aws:batch:us-west-2:
 * 123456789012:job/…', aws/amazon-genomics-cli#205, hj-02): the account and the rest are the ARN's,
 * and the blank is no part of it (a policy names the ARN without it).
 */
const ARN_AT_REGION_COLON = /^arn:[\w-]+:[\w-]+:[\w-]*:$/;
/** An account or its mask ('****', '<account-id>', '[REDACTED]', 'ACCOUNT_ID'), then the ARN's rest. */
const ACCOUNT_REST =
  /^ ((?:\d{12}|\*{3,}|[xX]{12}|<[\w-]{1,40}>|\[[\w-]{1,40}\]|[A-Z][A-Z_]{2,30}):[^\s'"]+)/;

const PLACEHOLDER_ARN_WORDS = /^((?:\s+[a-z]+){0,3}\s+arn)\b(?=\s*(?:\(|$|because\b|with an\b|\.))/i;
/** "resource:" where IAM writes "on resource:": the "on" went with the action before it. */
const GLUED_ON_REST = /^\s*resource:/i;

function readClauses(principal: string, afterPerform: string): IamDenial {
  let rest = afterPerform;
  const denial = unreadDenial(cleanToken(principal) || null);
  const action = ACTION.exec(rest);
  if (action?.[1]) {
    denial.action = action[1];
    rest = rest.slice(action[0].length);
    denial.actionMayBeCut = rest.trim() === '';
    // "on" glued to the action, its blank lost ('ecr:GetWidgeton resource:my-example-widget', gd-01).
    const gluedOn = /on$/i.test(action[1]) && GLUED_ON_REST.exec(rest);
    if (gluedOn) {
      denial.action = action[1].slice(0, -2);
      rest = ` on ${rest.trimStart()}`;
    }
  } else {
    const placeholder = PLACEHOLDER.exec(rest) ?? ACTION_IN_WORDS.exec(rest);
    if (placeholder) rest = rest.slice(placeholder[0].length);
  }
  const unnamed = ON_UNNAMED_RESOURCE.exec(rest);
  const resource = unnamed ? null : ON_RESOURCE.exec(rest);
  if (unnamed) rest = rest.slice(unnamed[0].length);
  if (resource) {
    rest = rest.slice(resource[0].length);
    const kind = resource[1] ?? '';
    // iam:ListPolicies' resource is a path: "on resource: policy path / with an explicit deny" (nccgroup/ScoutSuite#727).
    const path = /^policy$/i.test(kind) ? POLICY_PATH.exec(rest) : null;
    const short = SHORT_FORM_KIND.test(kind) && !path ? SHORT_FORM_NAME.exec(rest) : null;
    if (path?.[1]) {
      denial.resource = `policy path ${path[1]}`;
      rest = rest.slice(path[0].length);
    } else if (short?.[1]) {
      denial.resource = `${kind} ${cleanToken(short[1])}`;
      rest = rest.slice(short[0].length);
    } else {
      denial.resource = kind ? cleanToken(kind) || null : null;
      // The quoting language's own words after the ARN ("…role/name: ClientError", lower-cased
      // too), not IAM's clauses.
      if (denial.resource?.endsWith(':') && /^\s+[\w.]*(?:Error|Exception|Denied)\b/i.test(rest)) {
        denial.resource = denial.resource.slice(0, -1);
      }
      // "…role/name:" + "ClientError", glued by a trimmed wrap.
      const iamName = denial.resource ? IAM_NAME_THEN_COLON.exec(denial.resource) : null;
      if (iamName?.[1]) denial.resource = iamName[1];
      // A placeholder of words AWS's guides print where the ARN goes ('document arn', 'automation
      // assume role arn', ge-07, ge-08): one word read, its others up to 'arn' follow.
      const arnWords =
        denial.resource && /^[a-z]+$/i.test(denial.resource) ? PLACEHOLDER_ARN_WORDS.exec(rest) : null;
      if (arnWords?.[1]) {
        denial.resource = `${denial.resource}${arnWords[1]}`;
        rest = rest.slice(arnWords[0].length);
      }
      const accountWords =
        denial.resource && ARN_AT_ACCOUNT_WORD.test(denial.resource) ? ACCOUNT_WORD_REST.exec(rest) : null;
      if (accountWords?.[1]) {
        denial.resource = `${denial.resource} ${cleanToken(accountWords[1])}`;
        rest = rest.slice(accountWords[0].length);
      }
      const account =
        denial.resource && ARN_AT_REGION_COLON.test(denial.resource) ? ACCOUNT_REST.exec(rest) : null;
      if (account?.[1]) {
        denial.resource = `${denial.resource}${cleanToken(account[1])}`;
        rest = rest.slice(account[0].length);
      }
    }
  }
  // A name with blanks (a Glue job's, an S3 key's): IAM writes the resource and then its clause, so
  // plain words between an ARN and "because no …" or "with an explicit deny" are the name's ("…:job/Copy
  // parking Liberator landing zone to raw because no identity-based policy allows …",
  // LBHackney-IT/Data-Platform#2274).
  const blanks = denial.resource?.startsWith('arn:') ? NAME_WITH_BLANKS_REST.exec(rest) : null;
  if (blanks?.[1]) {
    denial.resource = `${denial.resource}${blanks[1]}`;
    rest = rest.slice(blanks[1].length);
  }
  // An author's elision inside the ARN ("us-east-1: ... :table/AuthTable"): its rest comes before the clauses.
  const elided = ELIDED_REST.exec(rest);
  if (resource && elided) rest = rest.slice(elided[0].length);
  const context = rest;
  const clause = readPolicyClause(rest, denial);
  rest = rest.slice(clause);
  if (clause > 0) {
    const policyArn = POLICY_ARN.exec(context.split(/go\s+to\s+https:/i)[0] ?? '');
    if (policyArn?.[1]) denial.policyArn = cleanToken(policyArn[1]);
  }
  denial.authorizationId = AUTHORIZATION_ID.exec(rest)?.[1] ?? null;
  const url = DETAILS_URL.exec(rest)?.[1];
  denial.detailsUrl = url ? cleanToken(url) : null;
  return denial;
}
