/**
 * What an IAM principal string says about who called: an ECS task's role session, an EC2
 * instance profile, a human or deployer, or something else.
 */

export type SessionKind =
  /** 32 hex characters: an ECS task id (long ARN format). */
  | 'task-id'
  /** A dashed UUID: an old-format ECS task id, or App Runner and others (a hint only). */
  | 'uuid'
  /** `i-0abc...`: an EC2 instance profile. */
  | 'instance'
  /** Cut, elided (`...`, `xxx`) or a template placeholder: unknown. */
  | 'unknown'
  /** Any other session name (an SDK default, a Lambda function, a person). */
  | 'other';

export type PrincipalType =
  | 'assumed-role'
  | 'role'
  | 'user'
  | 'root'
  | 'federated-user'
  | 'service'
  | 'unknown';

export interface Principal {
  raw: string;
  type: PrincipalType;
  account: string | null;
  /** The role's name for assumed-role and role principals. */
  roleName: string | null;
  /** `arn:<partition>:iam::<account>:role/<name>`, without the IAM path an assumed-role ARN omits. */
  roleArn: string | null;
  session: string | null;
  sessionKind: SessionKind;
}

const TASK_ID = /^[0-9a-f]{32}$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** 8 or 17 hex digits, a few more tolerated: pasted and fixture ids are not always well formed. */
const INSTANCE_ID = /^i-[0-9a-f]{8,20}$/i;
/** An instance id masked in a paste (`i-XXXXXXX`, `i-0abc****`, `i-...`): still an instance's session. */
const MASKED_INSTANCE_ID = /^i-(?:(?=[0-9a-f]*[x*])[0-9a-fx*]{3,20}|\.{2,}|…)$/i;
/** Pure masks, which stand for a value without saying what it was (`<eks-pod-role>` says). */
const MASK_FORMS = String.raw`\.{2,}|…|x+|\*+`;
const MASK = new RegExp(`^(?:${MASK_FORMS})$`, 'i');
/** Placeholders that name what they stand for: `<id>`, `{...}`, `$InstanceId`, `[id]`. */
const NAMING_FORMS = String.raw`<[^>]*>|\{[^}]*\}|\$\w+|\[[^\]]*\]`;
/** Placeholders people put in pasted messages: the masks and the naming placeholders. */
const ELIDED = new RegExp(`^(?:${MASK_FORMS}|${NAMING_FORMS})$`, 'i');
/** An instance id a paste replaced by its name or a placeholder (`i-instanceId`, `i-<instance-id>`). */
const NAMED_INSTANCE_ID = new RegExp(`^i-(?:instance[-_]?id|id|${NAMING_FORMS})$`, 'i');

export function sessionKind(session: string | null): SessionKind {
  if (session === null || session === '') return 'unknown';
  if (TASK_ID.test(session)) return 'task-id';
  if (UUID.test(session)) return 'uuid';
  if (INSTANCE_ID.test(session) || MASKED_INSTANCE_ID.test(session) || NAMED_INSTANCE_ID.test(session))
    return 'instance';
  if (ELIDED.test(session) || session.endsWith('...') || session.endsWith('…')) return 'unknown';
  return 'other';
}

/**
 * A placeholder, kept whole, or a run of blanks. Its length is bounded: read up to a closing
 * bracket however far, a run of '<' that none closes was read from each to its end.
 */
const PLACEHOLDER_OR_BLANKS = /("[^"\n]{0,40}"|<[^<>\n]{0,40}>|\[[^[\]\n]{0,40}\]|\{[^{}\n]{0,40}\})|\s+/g;

/** A service principal as a trust policy names it (`ecs-tasks.amazonaws.com`; China's end in `.com.cn`). */
export function isServicePrincipal(text: string): boolean {
  return /^[a-z0-9.-]+\.amazonaws\.com(?:\.cn)?$/i.test(text);
}

/** Parses `arn:aws:sts::123:assumed-role/Name/session`, IAM user/role ARNs, and service principals. */
export function parsePrincipal(raw: string): Principal {
  // An ARN holds no blank: one inside it is the paste's ('arn:aws:I am::…', 'user / name'), but
  // for a placeholder's ('"my account number"', '<account id>'), as short as the message reader's.
  const text = /^arn\s?:/i.test(raw.trim())
    ? raw.trim().replace(PLACEHOLDER_OR_BLANKS, (_, kept?: string) => kept ?? '')
    : raw.trim();
  const empty: Principal = {
    raw: text,
    type: 'unknown',
    account: null,
    roleName: null,
    roleArn: null,
    session: null,
    sessionKind: 'unknown',
  };
  if (isServicePrincipal(text)) return { ...empty, type: 'service' };
  // A paste that elided the ARN's head ('...assumed-role/.../name...'), or quoted only the part
  // after it ('assumed-role/<role>/<session>'), still shows a role session.
  const elidedHead = /^(?:(?:\.{2,}|…)\s*)?(assumed-role\/.+)$/i.exec(text);
  // An account elided with the colon after it ('sts::...assumed-role/…') is as unknown as one
  // elided alone ('sts::...:assumed-role/…').
  // A mask that took the empty Region's colon with it ('arn:aws:sts:xxxxxxxx:assumed-role/…',
  // crossplane-contrib/provider-upjet-aws#1949) still leaves the account where it was.
  const arn = elidedHead
    ? ['', 'aws', 'sts', '', elidedHead[1] as string]
    : (/^arn:([\w-]+):(sts|iam)::(?:([^:]*):|(?:\.{2,}|…)(?=[a-z-]+\/))(.+)$/i.exec(text) ??
      /^arn:([\w-]+):(sts|iam):(\d{12}|[xX*#]{4,14}):([a-z-]+\/.+)$/i.exec(text));
  if (!arn) return empty;
  const [, partition, service, accountOrElided, rest] = arn as unknown as [
    string,
    string,
    string,
    string | undefined,
    string,
  ];
  const elidedAccount = accountOrElided === undefined;
  const account = accountOrElided ?? '';
  const slash = rest.indexOf('/');
  // A masking slip can glue a character to the type ('xassumed-role'): the type is what it ends with.
  const kind = (slash >= 0 ? rest.slice(0, slash) : rest).toLowerCase().replace(/^\w+(?=assumed-role$)/, '');
  const tail = slash >= 0 ? rest.slice(slash + 1) : '';
  const base = { ...empty, account: account || null };
  if (service.toLowerCase() === 'sts' && kind === 'assumed-role') {
    const cut = tail.indexOf('/');
    const roleName = cut >= 0 ? tail.slice(0, cut) : tail;
    const session = cut >= 0 ? tail.slice(cut + 1) : null;
    const known =
      roleName !== '' &&
      !ELIDED.test(roleName) &&
      !/\.\.\.|…/.test(roleName) &&
      !elidedHead &&
      !elidedAccount;
    return {
      ...base,
      type: 'assumed-role',
      roleName: roleName || null,
      roleArn: known ? `arn:${partition}:iam::${account}:role/${roleName}` : null,
      session,
      sessionKind: sessionKind(session),
    };
  }
  if (kind === 'role') {
    const name = tail.slice(tail.lastIndexOf('/') + 1);
    return { ...base, type: 'role', roleName: name, roleArn: text };
  }
  if (kind === 'user') return { ...base, type: 'user' };
  if (kind === 'root') return { ...base, type: 'root' };
  if (kind === 'federated-user') return { ...base, type: 'federated-user' };
  return base;
}

/**
 * Nothing of the role is left to read: its name and its session are each masked (`***` and `***`).
 * One mask over the whole (`assumed-role/xxxxxxxx`) or a named placeholder keeps other meanings.
 */
export function maskedWhole(principal: Principal): boolean {
  const { roleName, session } = principal;
  return principal.type === 'assumed-role' && MASK.test(roleName ?? '') && MASK.test(session ?? '');
}

/**
 * The role's name as far as a paste shows it: when the name itself is elided, the fragment left
 * after it (`.../TaskExecutionRole...`) is the only name there is to read a hint from.
 */
export function visibleRoleName(principal: Principal): string | null {
  const name = principal.roleName;
  if (name && !ELIDED.test(name)) return name;
  return principal.sessionKind === 'unknown' && principal.session ? principal.session : name;
}

/**
 * Sessions that an AWS service names after itself when it assumes a role for its own work: the
 * caller is that service (a build, a stack), never an ECS task.
 */
const SERVICE_SESSIONS: [RegExp, string][] = [
  [/^AWSCodeBuild-/i, 'CodeBuild (a build project)'],
  [/^AWSCloudFormation$/i, 'CloudFormation (a stack operation)'],
];

export function serviceOfSession(session: string | null): string | null {
  if (!session) return null;
  return SERVICE_SESSIONS.find(([pattern]) => pattern.test(session))?.[1] ?? null;
}

/** The 12-digit account of any ARN that has one (not S3's, which leave it empty). */
export function accountOfArn(arn: string): string | null {
  return /^arn:[\w-]+:[\w-]+:[^:]*:(\d{12}):/.exec(arn)?.[1] ?? null;
}

/** The resource as people say it: what follows an ARN's account (`parameter/orders/db`); not an ARN: as given. */
export function resourceAfterAccount(resource: string): string {
  return /^arn:[^:]*:[^:]*:[^:]*:[^:]*:(.+)$/.exec(resource)?.[1] ?? resource;
}

/** The role name from a role ARN (`arn:aws:iam::1:role/path/name` → `name`). */
export function roleNameFromArn(roleArn: string): string {
  return roleArn.slice(roleArn.lastIndexOf('/') + 1);
}

/**
 * The service that names the instance roles it makes for EC2 hosts of its own, not an ECS
 * cluster's: Elastic Beanstalk's default instance profile (its multicontainer Docker platform,
 * retired in 2022, alone ran the ECS agent), CodeStar's project workers
 * ('CodeStarWorker-<project>-WebApp', aws/aws-dotnet-extensions-configuration#39), EMR's
 * clusters' hosts ('EMR_EC2_DefaultRole').
 */
export function instancePlatformOf(roleName: string | null): string | null {
  if (!roleName) return null;
  if (/elasticbeanstalk/i.test(roleName)) return 'Elastic Beanstalk';
  if (/^CodeStarWorker-/i.test(roleName)) return 'CodeStar';
  // EMR's default role for its clusters' EC2 hosts (the EMR management guide's Ranger errors, gl-13).
  if (/^EMR_EC2_/i.test(roleName)) return 'Amazon EMR';
  return null;
}

export type RoleNameHint = 'execution' | 'task' | 'both' | 'instance' | 'kubernetes' | null;

/**
 * What a role's name suggests (CloudFormation, Copilot and CDK names carry the job): a hint
 * to say as a hint, never proof.
 */
export function roleNameHint(roleName: string | null): RoleNameHint {
  if (!roleName) return null;
  // eksctl, EKS's own CLI, names the roles it makes after itself ('…-EKSCTLRole-…', ex-23); kops
  // its nodes' 'nodes.<cluster>' and control plane's 'masters.<cluster>' (kubernetes/kops#13361), Gardener
  // its shoots' 'shoot--<project>--<name>-nodes' (grafana/loki#13206),
  // others their workers' '…-workernodes' (q-20).
  if (
    /k8s|kubernetes|(?:^|[^a-z])eks(?:[^a-z]|$)|eksctl|nodegroup|^(?:nodes|masters)\.|^shoot--|[-_](?:worker-?)?nodes$/i.test(
      roleName,
    )
  )
    return 'kubernetes';
  const execution = /exec(ution)?[-_]?role|execution|taskexec/i.test(roleName);
  const withoutExecution = roleName.replace(/task[-_]?execution/gi, '');
  // "orders-task-role", "…TaskRole-AB12", or a role named after its task or tasks: "…-queue-worker-task",
  // "production-inspect-ai-api-tasks" (hb-04).
  const task =
    /task[-_]?role/i.test(withoutExecution) ||
    /AndTaskRole/i.test(roleName) ||
    /[-_]tasks?$/i.test(withoutExecution);
  if (execution && task) return 'both';
  if (execution) return 'execution';
  if (task) return 'task';
  if (/instance[-_]?role|ec2[-_]?role|instanceprofile|node[-_]?role/i.test(roleName)) return 'instance';
  return null;
}
