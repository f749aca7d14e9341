/**
 * The minimal statements that make a denied request succeed: the denied actions on the exact
 * resources, plus what the same ECS step needs besides (an image pull needs four ECR actions),
 * and nothing else. A wildcard only where the action takes no resource, for Secrets Manager's
 * random suffix, or for a log group's streams.
 */
import type { ActionDetails } from './action-details.js';
import type { Finding } from './analysis.js';
import { ecsPrincipalFix, withStandInAdvice } from './ecs-principal-fixes.js';
import { type EcsTemplate, TASKS_SERVICE } from './ecs-steps.js';
import type { TaskDefinitionEvidence } from './evidence.js';
import { type Fix, type FixPart, type PolicyDocument, type PolicyStatement, placeholdersIn } from './fix.js';
import { policyName } from './policy-verdict.js';
import { isServicePrincipal, parsePrincipal, roleNameFromArn } from './principal.js';
import { trustTemplateOf } from './service-assume-role.js';

const ECR_LAYER_ACTIONS = [
  'ecr:BatchCheckLayerAvailability',
  'ecr:GetDownloadUrlForLayer',
  'ecr:BatchGetImage',
];
/** A pull through cache rule's first pull imports the upstream image, and creates the repository if need be. */
const PULL_THROUGH_ACTIONS = ['ecr:BatchImportUpstreamImage', 'ecr:CreateRepository'];
const EXEC_ACTIONS = [
  'ssmmessages:CreateControlChannel',
  'ssmmessages:CreateDataChannel',
  'ssmmessages:OpenControlChannel',
  'ssmmessages:OpenDataChannel',
];
/** Policies whose explicit deny no Allow elsewhere can override. */
const GUARDRAILS = new Set(['scp', 'rcp', 'boundary', 'session', 'vpc-endpoint']);

interface ArnParts {
  partition: string;
  service: string;
  region: string;
  account: string;
  rest: string;
}

function arnParts(arn: string | null): ArnParts | null {
  const match = /^arn:([\w-]+):([\w-]+):([\w-]*):(\d{12}|[^:]*):(.*)$/.exec(arn ?? '');
  if (!match) return null;
  const [, partition = 'aws', service = '', region = '', account = '', rest = ''] = match;
  return { partition, service, region, account, rest };
}

/** An ARN template's placeholder (`${Region}`), left for the user where the evidence does not say. */
const slot = (name: string) => `\${${name}}`;

/** Stable, readable statement ids: letters and digits only. */
export function sid(...words: string[]): string {
  return words
    .join(' ')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]?.toUpperCase() + word.slice(1))
    .join('');
}

function document(...statements: PolicyStatement[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: statements };
}

function allow(id: string, actions: string[], resources: string[] | string): PolicyStatement {
  const resource = Array.isArray(resources) ? [...new Set(resources)].sort() : resources;
  return { Sid: id, Effect: 'Allow', Action: [...new Set(actions)], Resource: resource };
}

/** The ECR repository ARN of an image in a private ECR registry, else null (Docker Hub, public ECR). */
export function ecrRepositoryOfImage(image: string): string | null {
  const match = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([^:@]+)/.exec(image);
  return match ? `arn:aws:ecr:${match[2]}:${match[1]}:repository/${match[3]}` : null;
}

/**
 * The names a secret's ARN may end in. An ARN ends in "-" and six random characters, which a name
 * given without them (a partial ARN, a bare name) lacks. The six are almost always mixed case or
 * hold a digit; a lower-case word of six ("test-secret") may be the suffix or the name's own end,
 * so both are granted.
 */
function secretNames(name: string): string[] {
  const tail = /-([A-Za-z0-9]{6})$/.exec(name)?.[1];
  if (!tail) return [`${name}-??????`];
  if (/[A-Z0-9]/.test(tail)) return [name];
  return [name, `${name}-??????`];
}

/**
 * A secret as IAM sees it: Secrets Manager ARNs lose the JSON key and version ECS appends and
 * gain the random suffix when given without it; SSM names become parameter ARNs.
 */
export function secretResources(
  valueFrom: string,
  region: string,
  account: string,
  /** What a bare name is: ECS reads a non-ARN valueFrom as an SSM parameter; an app's Secrets Manager call names its secret. */
  bareName: 'ssm' | 'secretsmanager' = 'ssm',
): string[] {
  const parts = arnParts(valueFrom);
  if (!parts && bareName === 'secretsmanager') {
    return secretNames(valueFrom).map(
      (name) =>
        `arn:aws:secretsmanager:${region || slot('Region')}:${account || slot('Account')}:secret:${name}`,
    );
  }
  if (parts?.service === 'secretsmanager') {
    const [stem = ''] = parts.rest.replace(/^secret:/, '').split(':');
    return secretNames(stem).map(
      (name) => `arn:${parts.partition}:secretsmanager:${parts.region}:${parts.account}:secret:${name}`,
    );
  }
  if (parts) return [valueFrom];
  return [
    `arn:aws:ssm:${region || slot('Region')}:${account || slot('Account')}:parameter/${valueFrom.replace(/^\//, '')}`,
  ];
}

/** A resource the evidence names without its ARN (Secrets Manager echoes the SecretId as called), as IAM matches it. */
function asArns(resource: string, action: string | null, context: Context): string[] {
  const service = action?.split(':')[0]?.toLowerCase();
  if (
    service === 'secretsmanager' &&
    (!arnParts(resource) || arnParts(resource)?.service === 'secretsmanager')
  )
    return secretResources(resource, context.region, context.account, 'secretsmanager');
  if (resource === '*' || arnParts(resource)) return [resource];
  if (service === 'ssm') return secretResources(resource, context.region, context.account, 'ssm');
  return [resource];
}

function fillTemplate(
  template: string,
  known: { partition: string; region: string; account: string },
): string {
  return template
    .replace(slot('Partition'), known.partition)
    .replace(slot('Region'), known.region || slot('Region'))
    .replace(slot('Account'), known.account || slot('Account'));
}

/** Many objects of one bucket become their common prefix and a wildcard; a few stay exact. */
function narrowest(resources: string[]): string[] {
  if (resources.length <= 5) return resources;
  let prefix = resources[0] ?? '';
  for (const resource of resources) while (!resource.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return [`${prefix}*`];
}

/**
 * The principal a resource policy must name: the denied role, else the role the task definition
 * gives for that job, else a placeholder the fix says to fill (an empty principal is invalid JSON
 * to IAM and KMS, and would name nobody).
 */
function principalOrSlot(context: Context): string {
  if (context.roleArn) return context.roleArn;
  if (context.finding.principalArn) return context.finding.principalArn;
  return slot(
    context.finding.role === 'task-role'
      ? 'TaskRoleArn'
      : context.finding.role === 'execution-role'
        ? 'ExecutionRoleArn'
        : 'PrincipalArn',
  );
}

/** aws:PrincipalArn of a role session is its role's ARN: a condition on the session's ARN would never match. */
function principalArnOf(arn: string): string {
  const principal = parsePrincipal(arn);
  return principal.type === 'assumed-role' && principal.roleArn ? principal.roleArn : arn;
}

interface Context {
  finding: Finding;
  definition: TaskDefinitionEvidence | null;
  details: ActionDetails;
  roleArn: string | null;
  roleName: string;
  region: string;
  account: string;
  partition: string;
}

function identityPart(
  context: Context,
  statements: PolicyStatement[],
  principalArn?: string | null,
): FixPart {
  const target = principalArn ?? context.roleArn;
  return {
    placement: 'identity-policy',
    target,
    policy: document(...statements),
    instruction: target
      ? 'add as an inline policy, or to a customer managed policy attached to it'
      : 'add to the policy of the role that made the call (the message does not name it)',
  };
}

/** Exactly the denied action on the denied resources, or the action's ARN template when none was named. */
function exactStatement(context: Context, prefix: string): PolicyStatement | null {
  const { finding, details } = context;
  if (!finding.action) return null;
  const [, name = ''] = finding.action.split(':');
  if (details.wildcardOnly(finding.action)) return allow(sid(prefix, name), [finding.action], '*');
  const named = finding.resources.flatMap((resource) => asArns(resource, finding.action, context));
  const resources = named.length > 0 ? narrowest(named) : [];
  if (resources.length > 0) return allow(sid(prefix, name), [finding.action], resources);
  const template = details.arnTemplates(finding.action)[0];
  return allow(sid(prefix, name), [finding.action], template ? [fillTemplate(template, context)] : '*');
}

function repositoriesOf(context: Context): string[] {
  const named = context.finding.resources.filter(
    (arn) => arnParts(arn)?.service === 'ecr' && /repository\//.test(arn),
  );
  if (named.length > 0) return named;
  const images = context.definition?.containers.map((container) => container.image ?? '') ?? [];
  return images.map(ecrRepositoryOfImage).filter((arn): arn is string => arn !== null);
}

function isPullThroughAction(action: string | null): boolean {
  return /^ecr:(batchimportupstreamimage|createrepository)$/i.test(action ?? '');
}

/**
 * A pull through cache names its repositories `<cache rule prefix>/<upstream path>`, and creates
 * them on the first pull: the grant covers the prefix (the repository name's first part), not one
 * repository that may not exist yet, and no other repository of the registry.
 */
function cachePrefixOf(repository: string): string | null {
  const parts = arnParts(repository);
  const name = parts?.rest.replace(/^repository\//, '') ?? '';
  const [prefix] = name.split('/');
  if (!parts || !prefix || prefix === name) return null;
  return `arn:${parts.partition}:ecr:${parts.region}:${parts.account}:repository/${prefix}/*`;
}

function pullThroughStatement(context: Context, repositories: string[]): PolicyStatement | null {
  if (!isPullThroughAction(context.finding.action)) return null;
  const prefixes = repositories.map(cachePrefixOf).filter((arn): arn is string => arn !== null);
  return prefixes.length > 0 ? allow('EcrPullThroughCache', PULL_THROUGH_ACTIONS, prefixes) : null;
}

function imagePullFix(context: Context): Fix | null {
  const repositories = repositoriesOf(context);
  const pullThrough = pullThroughStatement(context, repositories);
  const layers = allow(
    'EcrImagePull',
    ECR_LAYER_ACTIONS,
    repositories.length > 0
      ? repositories
      : [
          `arn:${context.partition}:ecr:${context.region || slot('Region')}:${context.account || slot('Account')}:repository/${slot('RepositoryName')}`,
        ],
  );
  const identity = identityPart(context, [
    allow('EcrAuthorizationToken', ['ecr:GetAuthorizationToken'], '*'),
    layers,
    ...(pullThrough ? [pullThrough] : []),
  ]);
  const part: FixPart = pullThrough
    ? {
        ...identity,
        instruction: `${identity.instruction}; the pull through cache's repositories are taken to be under the prefix ${[
          pullThrough.Resource,
        ]
          .flat()
          .map((arn) => arn.replace(/^.*:repository\//, ''))
          .join(
            ', ',
          )} (the repository name's first part): if the cache rule's prefix is longer, narrow it to that`,
      }
    : identity;
  const crossAccount = repositories.filter(
    (arn) => arnParts(arn)?.account !== context.account && context.account !== '',
  );
  const repositorySide: FixPart[] = crossAccount.map((repository) => ({
    placement: 'repository-policy',
    target: repository,
    policy: document({
      Sid: sid('AllowPullBy', context.roleName),
      Effect: 'Allow',
      Principal: { AWS: principalOrSlot(context) },
      Action: pullThrough ? [...ECR_LAYER_ACTIONS, 'ecr:BatchImportUpstreamImage'] : ECR_LAYER_ACTIONS,
      Resource: [],
    }),
    instruction: `in account ${arnParts(repository)?.account}: a cross-account pull needs both the role's and the repository's Allow${pullThrough ? "; a repository the cache has not created yet has no policy: ecr:CreateRepository and ecr:BatchImportUpstreamImage for it go in that registry's permissions policy (aws ecr put-registry-policy)" : ''}`,
  }));
  const [first, ...rest] = repositorySide.map(withoutResource);
  // The repository refused (a resource-based deny): its policy is the change to make first.
  if (first && context.finding.policyType === 'resource') return withParts(first, [...rest, part]);
  return withParts(part, [...repositorySide.map(withoutResource)]);
}

/** Repository, key and trust policies name the principal and apply to themselves: no Resource. */
function withoutResource(part: FixPart): FixPart {
  if (!part.policy) return part;
  return {
    ...part,
    policy: {
      ...part.policy,
      Statement: part.policy.Statement.map(
        ({ Resource: _resource, ...statement }) => statement as PolicyStatement,
      ),
    },
  };
}

function logGroupOf(context: Context): string | null {
  for (const resource of context.finding.resources) {
    const match = /:log-group:([^:]+)/.exec(resource);
    if (match?.[1]) return match[1];
  }
  const awslogs = context.definition?.containers.find((container) => container.logDriver === 'awslogs');
  return awslogs?.logOptions['awslogs-group'] ?? null;
}

function awslogsFix(context: Context): Fix | null {
  const group = logGroupOf(context) ?? slot('LogGroupName');
  const base = `arn:${context.partition}:logs:${context.region || slot('Region')}:${context.account || slot('Account')}:log-group:${group}`;
  const statements = [
    allow('AwslogsDelivery', ['logs:CreateLogStream', 'logs:PutLogEvents'], [`${base}:log-stream:*`]),
  ];
  const createsGroup =
    context.finding.action === 'logs:CreateLogGroup' ||
    context.definition?.containers.some(
      (container) => container.logOptions['awslogs-create-group'] === 'true',
    );
  if (createsGroup) statements.push(allow('AwslogsCreateLogGroup', ['logs:CreateLogGroup'], [`${base}:*`]));
  return withParts(identityPart(context, statements), []);
}

function secretsFix(context: Context): Fix | null {
  const { finding, definition } = context;
  const valueFroms = definition?.containers.flatMap((container) => container.secrets) ?? [];
  const bareName = finding.action?.toLowerCase().startsWith('secretsmanager:') ? 'secretsmanager' : 'ssm';
  const resources = [
    ...finding.resources.flatMap((value) =>
      secretResources(value, context.region, context.account, bareName),
    ),
    ...valueFroms.flatMap((value) => secretResources(value, context.region, context.account)),
  ];
  const ssm = resources.filter((arn) => arnParts(arn)?.service === 'ssm');
  const asm = [
    ...resources.filter((arn) => arnParts(arn)?.service === 'secretsmanager'),
    ...ssm.flatMap(referencedSecret),
  ];
  const keys = finding.resources.filter((arn) => arnParts(arn)?.service === 'kms');
  const statements: PolicyStatement[] = [];
  if (ssm.length > 0 || finding.action?.startsWith('ssm:'))
    statements.push(allow('SsmParametersForSecrets', ['ssm:GetParameters'], ssm.length > 0 ? ssm : '*'));
  if (asm.length > 0 || finding.action?.startsWith('secretsmanager:')) {
    statements.push(
      allow('SecretsManagerSecrets', ['secretsmanager:GetSecretValue'], asm.length > 0 ? asm : '*'),
    );
  }
  if (finding.action === 'kms:Decrypt') {
    // The key that failed is the one that encrypts the secret ECS was fetching: same region, and the message names the secret.
    const secret = secretNamedIn(finding);
    const secretParts = arnParts(secret);
    const region = context.region || secretParts?.region || slot('Region');
    const account =
      context.account ||
      (/^\d{12}$/.test(secretParts?.account ?? '') ? secretParts?.account : null) ||
      slot('Account');
    const keyArns =
      keys.length > 0 ? keys : [`arn:${context.partition}:kms:${region}:${account}:key/${slot('KeyId')}`];
    statements.push(allow('KmsDecryptSecrets', ['kms:Decrypt'], keyArns));
    // A key policy applies to its own key, which it names as "*" (KMS rejects a statement without Resource).
    const keyPolicy: FixPart = {
      placement: 'key-policy',
      target: keys[0] ?? null,
      policy: document({
        Sid: sid('AllowDecryptBy', context.roleName),
        Effect: 'Allow',
        Principal: { AWS: principalOrSlot(context) },
        Action: ['kms:Decrypt'],
        Resource: '*',
      }),
      instruction: keys[0]
        ? 'the key policy must let the role decrypt (or delegate to IAM policies)'
        : 'the customer managed key that encrypts the secret must let the role decrypt (the message does not name the key)',
    };
    const identity = identityPart(context, statements);
    // KMS says which side refused when it can: the key policy, or the role's policy.
    if (finding.policyType === 'resource') return withParts(keyPolicy, [identity]);
    return withParts(identity, [keyPolicy]);
  }
  return withParts(identityPart(context, statements), []);
}

/**
 * Parameter Store's /aws/reference/secretsmanager/<secret id> parameters hand a Secrets Manager
 * secret through, and Parameter Store honours the secret's permissions: the caller must be
 * allowed to read the secret as well.
 */
function referencedSecret(parameterArn: string): string[] {
  const parts = arnParts(parameterArn);
  const id = /^parameter\/aws\/reference\/secretsmanager\/(.+)$/.exec(parts?.rest ?? '')?.[1];
  return parts && id ? secretResources(id, parts.region, parts.account, 'secretsmanager') : [];
}

/** The secret or parameter ARN a stopped reason names ("failed to fetch secret arn:…"): the failed decryption was of it. */
function secretNamedIn(finding: Finding): string | null {
  for (const item of finding.evidence) {
    const match =
      /arn:aws[\w-]*:(?:secretsmanager|ssm):[a-z0-9-]+:[^:\s]*:(?:secret:|parameter\/)[^\s"'(),]+/.exec(
        item.raw,
      );
    if (match) return match[0];
  }
  return null;
}

/**
 * What the execution role needs for environment files, as the developer guide lists it: s3:GetObject
 * on each file and s3:GetBucketLocation on the bucket it is in ("Amazon ECS task execution IAM
 * role", the environment files' permissions).
 */
function envFilesFix(context: Context): Fix | null {
  const files = context.definition?.containers.flatMap((container) => container.environmentFiles) ?? [];
  const s3 = [...context.finding.resources, ...files].filter((arn) => arnParts(arn)?.service === 's3');
  const objects = s3.filter((arn) => /^arn:[\w-]+:s3:::[^/]+\/./.test(arn));
  const buckets = objects.map((arn) => arn.slice(0, arn.indexOf('/')));
  if (objects.length === 0) {
    const statement = exactStatement(context, 'EnvironmentFiles');
    return statement ? withParts(identityPart(context, [statement]), []) : null;
  }
  return withParts(
    identityPart(context, [
      allow('EnvironmentFiles', ['s3:GetObject'], objects),
      allow('EnvironmentFilesBucketLocation', ['s3:GetBucketLocation'], buckets),
    ]),
    [],
  );
}

/**
 * The role's trust policy must name who failed to assume it: ECS's tasks, ECS itself (a service or
 * infrastructure role), another service (App Runner), or a role (CodePipeline's). ECS's
 * service-linked role is AWS's to define: it is created, not edited, so no statement. A task's
 * role keeps the confused-deputy conditions the guide's "Task IAM role" page recommends
 * (aws:SourceAccount, aws:SourceArn): without them another account's tasks could assume it. ECS's
 * own roles (infrastructure, service) get the guide's trust policy as written, without conditions:
 * it documents none, nor that ECS sends those keys when it assumes them, and a condition on a key
 * ECS does not send would lock ECS out.
 */
function trustFix(context: Context, template: EcsTemplate | null): Fix | null {
  if (template?.advice) return null;
  const target = context.roleArn ?? context.finding.resource;
  const service = template?.trustedService ?? TASKS_SERVICE;
  const byArn = service.startsWith('arn:');
  // A message that names the assumer only in words ('the pipeline's role', a service's name no
  // table maps) gives no principal to trust: one made up from the words would be refused by IAM.
  if (!byArn && !isServicePrincipal(service)) return null;
  const account = arnParts(target)?.account ?? context.account;
  const scoped = /^\d{12}$/.test(account) && service === TASKS_SERVICE;
  const statement: PolicyStatement = {
    Sid: service === TASKS_SERVICE ? 'EcsTasksAssumeRole' : byArn ? 'TrustCaller' : 'EcsAssumeRole',
    Effect: 'Allow',
    Principal: byArn ? { AWS: service } : { Service: service },
    Action: ['sts:AssumeRole'],
    Resource: [],
    ...(scoped
      ? {
          Condition: {
            StringEquals: { 'aws:SourceAccount': account },
            ArnLike: {
              'aws:SourceArn': `arn:${context.partition}:ecs:${context.region || '*'}:${account}:*`,
            },
          },
        }
      : {}),
  };
  return withParts(
    withoutResource({
      placement: 'trust-policy',
      target,
      policy: document(statement),
      instruction: scoped
        ? `make this a statement of the trust policy (aws iam update-assume-role-policy); where a statement for ${service} is there already, keep its aws:SourceAccount / aws:SourceArn conditions and make them match account ${account}${context.region ? ` and region ${context.region}` : ''}`
        : 'make this a statement of the trust policy (aws iam update-assume-role-policy)',
    }),
    [],
  );
}

function passRoleFix(context: Context): Fix {
  const { finding, definition } = context;
  const deployer = finding.principalArn ? parsePrincipal(finding.principalArn) : null;
  const target = deployer?.type === 'user' ? finding.principalArn : (finding.roleArn ?? finding.principalArn);
  // The refused call passed the role to another service (a Lambda, Bedrock): allowed for ECS's
  // tasks only, the same call would be refused again.
  const service = finding.passedToService;
  if (service && finding.resource?.includes(':role/')) {
    return withParts(
      {
        placement: 'deployer-policy',
        target,
        policy: document({
          ...allow('PassRoleToService', ['iam:PassRole'], [finding.resource]),
          Condition: { StringEquals: { 'iam:PassedToService': service } },
        }),
        instruction: `the caller configures ${service} to use this role: it must be allowed to pass the role to ${service}`,
      },
      [],
    );
  }
  if (service === null && finding.resource?.includes(':role/')) {
    return withParts(
      {
        placement: 'deployer-policy',
        target,
        policy: document(allow('PassRole', ['iam:PassRole'], [finding.resource])),
        instruction: `nothing read names the service the role was passed to: once known, narrow this with the condition iam:PassedToService = that service's principal (${TASKS_SERVICE} when it is a task's role)`,
      },
      [],
    );
  }
  const roles = [finding.resource, definition?.executionRoleArn, definition?.taskRoleArn].filter(
    (arn): arn is string => typeof arn === 'string' && arn.includes(':role/'),
  );
  const statement: PolicyStatement = {
    ...allow('PassEcsTaskRoles', ['iam:PassRole'], roles),
    Condition: { StringEquals: { 'iam:PassedToService': TASKS_SERVICE } },
  };
  return withParts(
    {
      placement: 'deployer-policy',
      target,
      policy: document(statement),
      instruction:
        'the deployer registers task definitions or runs tasks and services: it must be allowed to pass both roles to ECS',
    },
    [],
  );
}

/**
 * ECS Exec has two sides. Whoever runs `execute-command` needs ecs:ExecuteCommand on the cluster
 * and its tasks (not the channels); the task role needs the four ssmmessages channel actions,
 * which take no resource.
 */
function execFix(context: Context): Fix {
  const { finding } = context;
  if (finding.action?.toLowerCase() !== 'ecs:executecommand') {
    return withParts(identityPart(context, [allow('EcsExecChannels', EXEC_ACTIONS, '*')]), []);
  }
  // The resource may be cut (`arn:aws:ecs:us-west-1:xxxx`): take what it gives.
  const resource = finding.resource ?? '';
  const where = /^arn:([\w-]+):ecs:([a-z0-9-]+):(\d{12})?/.exec(resource);
  const partition = where?.[1] ?? context.partition;
  const region = where?.[2] ?? (context.region || slot('Region'));
  const account = where?.[3] ?? (context.account || slot('Account'));
  const cluster = /:(?:cluster|task)\/([^/\s]+)/.exec(resource)?.[1] ?? slot('ClusterName');
  const base = `arn:${partition}:ecs:${region}:${account}`;
  const caller = finding.principalArn ?? context.roleArn;
  const part = identityPart(
    context,
    [
      allow(
        'EcsExecuteCommand',
        ['ecs:ExecuteCommand'],
        [`${base}:cluster/${cluster}`, `${base}:task/${cluster}/*`],
      ),
    ],
    caller,
  );
  return withParts(
    {
      ...part,
      instruction: `${part.instruction}; ECS Exec also needs the task started with enableExecuteCommand (Copilot: exec: true) and its task role allowed the ssmmessages channel actions`,
    },
    [],
  );
}

/** An explicit deny in a guardrail (or any deny): no Allow helps; the denying policy must change. */
function policyChangeFix(context: Context): Fix {
  const { finding } = context;
  const name = finding.policyType ? policyName(finding.policyType) : 'policy';
  const what = `${finding.action ?? 'the call'}${finding.resource ? ` on ${finding.resource}` : ''}`;
  return withParts(
    {
      placement: 'policy-change',
      target: finding.policyArn,
      policy: null,
      instruction: `no Allow can fix this: change the ${name}${finding.policyArn ? ` ${finding.policyArn}` : ''} so that its Deny no longer matches ${what} for ${context.roleArn ?? finding.principalArn ?? 'this principal'} (narrow the Deny, or add an exception condition)`,
    },
    [],
  );
}

/** An implicit deny by a guardrail: the guardrail must allow it too (and the role, if it does not). */
function guardrailAllowFix(context: Context): Fix | null {
  const statement = exactStatement(context, 'Allow');
  if (!statement) return null;
  const name = policyName(context.finding.policyType ?? 'boundary');
  // An endpoint policy must have a Principal, and only "*": who may use the endpoint is said by aws:PrincipalArn.
  const guardrail: PolicyStatement =
    context.finding.policyType === 'vpc-endpoint'
      ? {
          ...statement,
          Principal: '*',
          Condition: { ArnEquals: { 'aws:PrincipalArn': principalArnOf(principalOrSlot(context)) } },
        }
      : statement;
  return withParts(
    {
      placement: 'policy-change',
      target: context.finding.policyArn,
      policy: document(guardrail),
      instruction: `the ${name}${context.finding.policyArn ? ` ${context.finding.policyArn}` : ''} must allow this as well: add the statement there`,
    },
    [],
  );
}

/** Where a resource's policy lives: a bucket's for its objects, else the resource's own. */
function policyHolderOf(resource: string): string {
  const object = /^(arn:[\w-]+:s3:::[^/]+)\//.exec(resource);
  return object?.[1] ?? resource;
}

function resourcePolicyFix(context: Context): Fix | null {
  const statement = exactStatement(context, 'Allow');
  const resource = context.finding.resource;
  if (!statement || !resource) return null;
  const service = arnParts(resource)?.service;
  const placement =
    service === 'kms' ? 'key-policy' : service === 'ecr' ? 'repository-policy' : 'resource-policy';
  const granted: PolicyStatement = {
    ...statement,
    Sid: sid(statement.Sid, 'By', context.roleName),
    Principal: { AWS: principalOrSlot(context) },
  };
  const resourceSide: FixPart = {
    placement,
    target: policyHolderOf(resource),
    policy: document(granted),
    instruction: 'the resource refused the request: its policy must name the role',
  };
  // Key and repository policies apply to themselves (Resource "*" or none); bucket, queue and topic policies name it.
  const side =
    service === 'kms' || service === 'secretsmanager'
      ? { ...resourceSide, policy: document({ ...granted, Resource: '*' }) }
      : service === 'ecr'
        ? withoutResource(resourceSide)
        : resourceSide;
  return withParts(side, [identityPart(context, [statement])]);
}

/** What each placeholder stands for, and where the user finds it. */
const PLACEHOLDER_MEANING: Record<string, string> = {
  Region: "the task's region",
  Account: 'the account id',
  KeyId:
    'the id of the KMS key that encrypts the secret (aws secretsmanager describe-secret --secret-id SECRET --query KmsKeyId, or aws ssm describe-parameters for a parameter)',
  RepositoryName: "the image's ECR repository",
  LogGroupName: "the container's awslogs-group",
  ExecutionRoleArn: "the task definition's executionRoleArn",
  TaskRoleArn: "the task definition's taskRoleArn",
  PrincipalArn: 'the ARN of the role or user that made the call',
  ClusterName: 'the cluster the task runs in',
};

/** `${Region}` → "the task's region"; an ARN template's own slot (`${BucketName}`) in words. */
function meaningOf(name: string): string {
  return PLACEHOLDER_MEANING[name] ?? `the ${name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`;
}

/** A part whose document or target still holds placeholders says which, and what to put there. */
function sayPlaceholders(part: FixPart): FixPart {
  const names = placeholdersIn(part);
  if (names.length === 0) return part;
  const fill = names.map((name) => `\${${name}} with ${meaningOf(name)}`).join('; ');
  return { ...part, instruction: `${part.instruction}. The evidence does not say it: replace ${fill}` };
}

function withParts(primary: FixPart, alsoRequired: FixPart[]): Fix {
  return {
    ...sayPlaceholders(primary),
    alsoRequired: alsoRequired.map(sayPlaceholders),
    verified: null,
    reason: "not verified: give the roles' policies with --policies to check the fix by simulation",
  };
}

const ROLE_ARN = /^arn:[\w-]+:iam::[^:]*:role\//;

/**
 * sts:AssumeRole on a role is decided by two policies: the caller's identity policy and the
 * target's trust policy, which must name the caller (a role assuming itself too: IAM stopped
 * trusting that implicitly in 2022). The message does not say which one refused, so both.
 */
function assumeRoleFix(context: Context, statement: PolicyStatement, caller: string, target: string): Fix {
  const self =
    roleNameFromArn(caller) === roleNameFromArn(target) &&
    arnParts(caller)?.account === arnParts(target)?.account;
  const trust: FixPart = withoutResource({
    placement: 'trust-policy',
    target,
    policy: document({
      Sid: self ? 'TrustItself' : 'TrustCaller',
      Effect: 'Allow',
      // A caller the message names only by a sign-in name (richard@pulumi.com, gg-07) is trusted by
      // its ARN, which the fix asks for: IAM refuses a principal that is no ARN.
      Principal: { AWS: caller.startsWith('arn:') ? caller : slot('PrincipalArn') },
      Action: ['sts:AssumeRole'],
      Resource: [],
    }),
    instruction: self
      ? 'a role that assumes itself must be named in its own trust policy: IAM no longer trusts that implicitly (since 2022)'
      : `the trust policy of the role to assume must name the caller (aws iam update-assume-role-policy)`,
  });
  return withParts(identityPart(context, [statement], caller), [trust]);
}

/** The app fell back to the EC2 instance's role: the fix is a task role, not a wider instance role. */
function noTaskRoleFix(context: Context, statement: PolicyStatement): Fix {
  const taskRole = context.definition?.taskRoleArn ?? null;
  const family = context.definition?.family ?? 'the task definition';
  return withParts(
    {
      placement: 'identity-policy',
      target: taskRole,
      policy: document(statement),
      instruction: taskRole
        ? `add to an identity policy of the task role ${taskRole}`
        : `create a task role (trusting ecs-tasks.amazonaws.com) with this policy and set it as taskRoleArn of ${family}; do not widen the instance role, which every task on the host shares`,
    },
    [],
  );
}

/**
 * The fix of one finding, or null when there is nothing to allow (a permission failure whose
 * action is unknown and whose step has no fixed set of actions).
 */
export function fixOf(
  finding: Finding,
  definition: TaskDefinitionEvidence | null,
  details: ActionDetails,
): Fix | null {
  const roleArn =
    finding.roleArn ??
    (finding.principalArn && parsePrincipal(finding.principalArn).type === 'user'
      ? finding.principalArn
      : null) ??
    // The message did not name the role (KMS's "Access to KMS is not allowed"): the task definition does.
    (finding.role === 'execution-role' ? definition?.executionRoleArn : null) ??
    (finding.role === 'task-role' && !finding.principalArn ? definition?.taskRoleArn : null) ??
    null;
  const where = arnParts(finding.resource) ?? arnParts(roleArn) ?? arnParts(finding.principalArn);
  const taskDefinition =
    arnParts(finding.taskDefinitionArn) ?? arnParts(definition?.taskDefinitionArn ?? null);
  const context: Context = {
    finding,
    definition,
    details,
    roleArn,
    roleName: roleArn ? roleNameFromArn(roleArn) : 'Role',
    region: arnParts(finding.resource)?.region || taskDefinition?.region || '',
    account: arnParts(roleArn)?.account || where?.account || taskDefinition?.account || '',
    partition: where?.partition ?? 'aws',
  };
  if (finding.step === 'trust') {
    const template = trustTemplateOf(finding.evidence.map((item) => item.raw));
    // ECS (or another service) failed to assume the role; a named caller's failure is the caller's
    // policy and the target's trust, as for any sts:AssumeRole below.
    if (template || !finding.principalArn || parsePrincipal(finding.principalArn).type === 'service')
      return trustFix(context, template);
  }
  const ecsOwn = ecsPrincipalFix(finding, roleArn, context);
  if (ecsOwn) return withParts(ecsOwn.primary, ecsOwn.alsoRequired);
  if (finding.step === 'pass-role') return passRoleFix(context);
  if (finding.explicitDeny) return policyChangeFix(context);
  if (finding.policyType && GUARDRAILS.has(finding.policyType)) return guardrailAllowFix(context);
  if (finding.role === 'execution-role') {
    switch (finding.step) {
      case 'registry-auth':
        if (finding.action?.startsWith('secretsmanager:') || finding.action?.startsWith('kms:'))
          return secretsFix(context);
        return imagePullFix(context);
      case 'image-pull':
        return imagePullFix(context);
      case 'log-delivery':
        return awslogsFix(context);
      case 'secret-injection':
        return secretsFix(context);
      case 'env-files':
        return envFilesFix(context);
    }
  }
  if (finding.step === 'exec') return execFix(context);
  if (finding.policyType === 'resource') return resourcePolicyFix(context);
  const statement = exactStatement(context, finding.role === 'task-role' ? 'App' : 'Allow');
  if (!statement) return null;
  if (
    finding.role === 'task-role' &&
    finding.principalArn &&
    parsePrincipal(finding.principalArn).sessionKind === 'instance'
  ) {
    return noTaskRoleFix(context, statement);
  }
  const principal = finding.role === 'other' ? (roleArn ?? finding.principalArn) : roleArn;
  if (
    finding.action?.toLowerCase() === 'sts:assumerole' &&
    principal &&
    ROLE_ARN.test(finding.resource ?? '')
  )
    return assumeRoleFix(context, statement, principal, finding.resource ?? '');
  return withParts(identityPart(context, [statement], principal), []);
}

/** Every finding with its fix, from the revision it belongs to (for the whole step's resources). */
export function withFixes(
  findings: Finding[],
  definitions: Map<string, TaskDefinitionEvidence>,
  details: ActionDetails,
): Finding[] {
  return findings.map((finding) => ({
    ...finding,
    fix: withStandInAdvice(
      fixOf(finding, definitions.get(finding.taskDefinitionArn ?? '') ?? null, details),
      finding,
    ),
  }));
}
