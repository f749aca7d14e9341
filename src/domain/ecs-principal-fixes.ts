/**
 * Fixes for the principals ECS acts as besides a task's two roles (ecs-principals.ts): each gets
 * the calls of its duty, where they belong, and no more.
 * - The container instance's role: the ECS agent's whole registration and polling set on the
 *   cluster (fixing RegisterContainerInstance alone would only reveal Poll next).
 * - The infrastructure role: AWS's own statements for the duty, with AWS's conditions (only what
 *   ECS tags AmazonECSManaged), narrowed to the role's account; a key used for EBS volumes also
 *   needs the key policy to let the role use it for EC2.
 * - ECS's service-linked role: never its own policy (AWS's, not editable): the resource's.
 * - Fargate and a cluster's ephemeral storage key: the key policy statements the ECS guide gives,
 *   bound to the cluster by KMS's encryption context.
 */
import type { Finding } from './analysis.js';
import { MANAGED_POLICY_STATEMENTS } from './ecs-managed-policies.js';
import { ECS_SERVICE_LINKED_ROLE, type EcsDuty } from './ecs-principals.js';
import type { Fix, FixPart, PolicyDocument, PolicyStatement } from './fix.js';
import { actionMatches } from './iam-cause.js';
import { object, text } from './json-value.js';
import { parsePrincipal } from './principal.js';

export interface Whereabouts {
  partition: string;
  region: string;
  account: string;
}

export interface PrincipalFix {
  primary: FixPart;
  alsoRequired: FixPart[];
}

const GUARDRAILS = new Set(['scp', 'rcp', 'boundary', 'session', 'vpc-endpoint']);

const slot = (name: string) => `\${${name}}`;

function document(...statements: PolicyStatement[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: statements };
}

/** The calls the ECS agent makes to join a cluster and keep its connection (AmazonEC2ContainerServiceforEC2Role's ECS part). */
const AGENT_ON_CLUSTER = [
  'ecs:DeregisterContainerInstance',
  'ecs:RegisterContainerInstance',
  'ecs:SubmitAttachmentStateChanges',
  'ecs:SubmitContainerStateChange',
  'ecs:SubmitTaskStateChange',
];
const AGENT_ON_INSTANCES = ['ecs:Poll', 'ecs:StartTelemetrySession', 'ecs:UpdateContainerInstancesState'];
const AGENT_ENDPOINT = ['ecs:DiscoverPollEndpoint'];
const AGENT_REGISTRATION = new Set(
  [...AGENT_ON_CLUSTER, ...AGENT_ON_INSTANCES, ...AGENT_ENDPOINT].map((action) => action.toLowerCase()),
);

/** `cluster/<name>` or `container-instance/<cluster>/<id>`: the cluster the agent joins. */
function clusterOf(resource: string | null): string | null {
  return /:(?:cluster|container-instance)\/([^/\s]+)/.exec(resource ?? '')?.[1] ?? null;
}

function agentFix(finding: Finding, roleArn: string | null, where: Whereabouts): PrincipalFix | null {
  if (!AGENT_REGISTRATION.has(finding.action?.toLowerCase() ?? '')) return null;
  const cluster = clusterOf(finding.resource) ?? slot('ClusterName');
  const prefix = `arn:${where.partition}:ecs:${where.region || slot('Region')}:${where.account || slot('Account')}`;
  return {
    primary: {
      placement: 'identity-policy',
      target: roleArn,
      policy: document(
        {
          Sid: 'EcsAgentCluster',
          Effect: 'Allow',
          Action: AGENT_ON_CLUSTER,
          Resource: [`${prefix}:cluster/${cluster}`],
        },
        {
          Sid: 'EcsAgentContainerInstances',
          Effect: 'Allow',
          Action: AGENT_ON_INSTANCES,
          Resource: [`${prefix}:container-instance/${cluster}/*`],
        },
        { Sid: 'EcsAgentEndpoint', Effect: 'Allow', Action: AGENT_ENDPOINT, Resource: '*' },
      ),
      instruction:
        "add to the container instance's role (the instance profile's role): the ECS agent's calls to join this cluster and keep polling it; AWS's AmazonEC2ContainerServiceforEC2Role holds the same on every cluster, with the ECR pull and awslogs calls of tasks that have no execution role",
    },
    alsoRequired: [],
  };
}

/** AWS writes `arn:aws:<service>:*:*:…` (any account): a fix names the role's own account and partition. */
function inAccount(value: string, where: Whereabouts): string {
  if (!/^\d{12}$/.test(where.account)) return value.replace(/^arn:aws:/, `arn:${where.partition}:`);
  return value
    .replace(/^arn:aws:([\w-]+):([^:]*):\*:/, `arn:${where.partition}:$1:$2:${where.account}:`)
    .replace(/^arn:aws:/, `arn:${where.partition}:`);
}

function narrowed(statement: PolicyStatement, where: Whereabouts): PolicyStatement {
  const resource = Array.isArray(statement.Resource)
    ? statement.Resource.map((arn) => inAccount(arn, where))
    : inAccount(statement.Resource, where);
  const condition = statement.Condition
    ? Object.fromEntries(
        Object.entries(statement.Condition).map(([operator, keys]) => [
          operator,
          Object.fromEntries(
            Object.entries(keys).map(([key, value]) => [
              key,
              Array.isArray(value) ? value.map((item) => inAccount(item, where)) : inAccount(value, where),
            ]),
          ),
        ]),
      )
    : undefined;
  return { ...statement, Resource: resource, ...(condition ? { Condition: condition } : {}) };
}

/** What EC2 needs of a customer managed key to create and attach an encrypted volume (EBS's requirements). */
const EBS_KEY_ACTIONS = [
  'kms:Decrypt',
  'kms:DescribeKey',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
];

function volumeKeyFix(finding: Finding, roleArn: string | null, where: Whereabouts): PrincipalFix {
  const key = finding.resource?.includes(':key/')
    ? finding.resource
    : `arn:${where.partition}:kms:${where.region || slot('Region')}:${where.account || slot('Account')}:key/${slot('VolumeKeyId')}`;
  const via = where.region
    ? { StringEquals: { 'kms:ViaService': `ec2.${where.region}.amazonaws.com` } }
    : undefined;
  const statements = (principal?: { AWS: string }): PolicyStatement[] => [
    {
      Sid: 'EcsVolumesUseKey',
      Effect: 'Allow',
      ...(principal ? { Principal: principal } : {}),
      Action: EBS_KEY_ACTIONS,
      Resource: principal ? '*' : [key],
      ...(via ? { Condition: via } : {}),
    },
    {
      Sid: 'EcsVolumesGrantToEc2',
      Effect: 'Allow',
      ...(principal ? { Principal: principal } : {}),
      Action: ['kms:CreateGrant'],
      Resource: principal ? '*' : [key],
      Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' }, ...(via ?? {}) },
    },
  ];
  const role = roleArn ?? slot('PrincipalArn');
  return {
    primary: {
      placement: 'key-policy',
      target: key,
      policy: document(...statements({ AWS: role })),
      instruction:
        "add to the key policy of the key that encrypts the tasks' EBS volumes, so that ECS's infrastructure role may use it through EC2 (and grant it to EC2 for the attachment)",
    },
    alsoRequired: [
      {
        placement: 'identity-policy',
        target: roleArn,
        policy: document(...statements()),
        instruction:
          'and to the infrastructure role, where the key policy leaves the decision to IAM policies (its "Enable IAM User Permissions" statement)',
      },
    ],
  };
}

function infrastructureFix(
  finding: Finding,
  duty: EcsDuty,
  roleArn: string | null,
  where: Whereabouts,
): PrincipalFix | null {
  const action = finding.action;
  if (!action) return null;
  if (duty.name === 'ebs-volumes' && action.toLowerCase().startsWith('kms:'))
    return volumeKeyFix(finding, roleArn, where);
  const managed = duty.managedPolicy ? MANAGED_POLICY_STATEMENTS[duty.managedPolicy] : undefined;
  if (!managed?.some((statement) => statement.Action.some((granted) => actionMatches(granted, action))))
    return null;
  return {
    primary: {
      placement: 'identity-policy',
      target: roleArn,
      policy: document(...managed.map((statement) => narrowed(statement, where))),
      instruction: `add to ECS's infrastructure role: every call of this duty (${duty.doing}) as AWS's ${duty.managedPolicy} grants it, only on resources ECS tags AmazonECSManaged, in this account; attaching that managed policy instead grants the same in every account`,
    },
    alsoRequired: [],
  };
}

/** The service-linked role's real ARN has AWS's path, which a key or resource policy must name. */
function serviceLinkedRoleArn(where: Whereabouts): string {
  return `arn:${where.partition}:iam::${where.account || slot('Account')}:role/aws-service-role/ecs.amazonaws.com/${ECS_SERVICE_LINKED_ROLE}`;
}

function serviceLinkedFix(finding: Finding, where: Whereabouts): PrincipalFix {
  const action = finding.action ?? 'the call';
  const role = serviceLinkedRoleArn(where);
  if (finding.action?.toLowerCase().startsWith('kms:') || finding.policyType === 'resource') {
    const key = finding.action?.toLowerCase().startsWith('kms:');
    return {
      primary: {
        placement: key ? 'key-policy' : 'resource-policy',
        target: finding.resource,
        policy: document({
          Sid: 'EcsServiceLinkedRole',
          Effect: 'Allow',
          Principal: { AWS: role },
          Action: [action],
          Resource: key ? '*' : [finding.resource ?? '*'],
        }),
        instruction: `add to the ${key ? 'key' : "resource's"} policy: ECS's service-linked role cannot be given permissions any other way (its own policy is AWS's)`,
      },
      alsoRequired: [],
    };
  }
  return {
    primary: {
      placement: 'policy-change',
      target: finding.policyArn,
      policy: null,
      instruction: `ECS's service-linked role ${role} has AWS's own policy (AmazonECSServiceRolePolicy), which cannot be edited, and SCPs do not restrict it: find the policy that refused ${action}${finding.resource ? ` on ${finding.resource}` : ''} (the resource's own policy, a VPC endpoint policy) and let ECS's service-linked role through; if the role was deleted, recreate it with \`aws iam create-service-linked-role --aws-service-name ecs.amazonaws.com\``,
    },
    alsoRequired: [],
  };
}

/** An ECS cluster's name: up to 255 letters, numbers, hyphens and underscores (CreateCluster). */
const CLUSTER_NAME = /^[A-Za-z0-9_-]{1,255}$/;

/**
 * The cluster Fargate named in its KMS request: the encryption context of a data key
 * (requestParameters.encryptionContext) or of a grant's constraint
 * (requestParameters.constraints.encryptionContextSubset / encryptionContextEquals). The ECS guide
 * says these calls carry aws:ecs:clusterAccount and aws:ecs:clusterName there.
 */
function fargateClusterOf(finding: Finding): { name: string | null; account: string | null } {
  for (const item of finding.evidence) {
    if (item.kind !== 'cloudtrail-record') continue;
    let record: unknown;
    try {
      record = JSON.parse(item.raw);
    } catch {
      continue;
    }
    const parameters = object(object(record).requestParameters);
    const constraints = object(parameters.constraints);
    for (const context of [
      parameters.encryptionContext,
      constraints.encryptionContextSubset,
      constraints.encryptionContextEquals,
    ]) {
      const name = text(object(context)['aws:ecs:clusterName']);
      if (!name || !CLUSTER_NAME.test(name)) continue;
      const account = text(object(context)['aws:ecs:clusterAccount']);
      return { name, account: account && /^\d{12}$/.test(account) ? account : null };
    }
  }
  return { name: null, account: null };
}

/** The ECS developer guide's key policy for Fargate ephemeral storage ("Create an encryption key for Fargate ephemeral storage"). */
function ephemeralStorageFix(finding: Finding, where: Whereabouts): PrincipalFix {
  const key = finding.resource?.includes(':key/') ? finding.resource : null;
  const named = fargateClusterOf(finding);
  const cluster = {
    'kms:EncryptionContext:aws:ecs:clusterAccount': named.account ?? (where.account || slot('Account')),
    'kms:EncryptionContext:aws:ecs:clusterName': named.name ?? slot('ClusterName'),
  };
  const fargate = { Service: 'fargate.amazonaws.com' };
  return {
    primary: {
      placement: 'key-policy',
      target: key,
      policy: document(
        {
          Sid: 'FargateGenerateDataKey',
          Effect: 'Allow',
          Principal: fargate,
          Action: ['kms:GenerateDataKeyWithoutPlaintext'],
          Resource: '*',
          Condition: { StringEquals: cluster },
        },
        {
          Sid: 'FargateCreateGrant',
          Effect: 'Allow',
          Principal: fargate,
          Action: ['kms:CreateGrant'],
          Resource: '*',
          Condition: {
            StringEquals: cluster,
            'ForAllValues:StringEquals': { 'kms:GrantOperations': ['Decrypt'] },
          },
        },
        {
          Sid: 'FargateDescribeKey',
          Effect: 'Allow',
          Principal: fargate,
          Action: ['kms:DescribeKey'],
          Resource: '*',
        },
      ),
      instruction:
        "add to the key policy of the cluster's Fargate ephemeral storage key (managedStorageConfiguration.fargateEphemeralStorageKmsKeyId): Fargate generates the storage's data key and a grant to decrypt it, for this cluster only",
    },
    alsoRequired: [],
  };
}

/** The fix of a finding made by one of ECS's own principals, or null when it is not one of theirs. */
export function ecsPrincipalFix(
  finding: Finding,
  roleArn: string | null,
  where: Whereabouts,
): PrincipalFix | null {
  const duty = finding.ecsDuty;
  if (!duty || finding.explicitDeny) return null;
  // A guardrail's implicit deny is the guardrail's to lift, whoever the principal.
  if (finding.policyType && GUARDRAILS.has(finding.policyType)) return null;
  switch (duty.principal) {
    case 'container-instance-role':
      return agentFix(finding, roleArn, where);
    case 'infrastructure-role':
      return infrastructureFix(finding, duty, roleArn, where);
    case 'service-linked-role':
      return serviceLinkedFix(finding, where);
    case 'fargate-service':
      return finding.action?.toLowerCase().startsWith('kms:') ? ephemeralStorageFix(finding, where) : null;
  }
}

/**
 * On EC2 the container instance's role pulls images and writes awslogs for a task without an
 * execution role: granting it there works, but for every task on the host; the task's own
 * execution role confines it.
 */
export function withStandInAdvice(fix: Fix | null, finding: Finding): Fix | null {
  if (!fix || finding.role !== 'execution-role' || !finding.principalArn) return fix;
  if (parsePrincipal(finding.principalArn).sessionKind !== 'instance') return fix;
  return {
    ...fix,
    instruction: `${fix.instruction}. This is the container instance's role, standing in because the task has no execution role: it serves every task on the host, so giving the task definition an executionRoleArn with this policy confines the permission to this task`,
  };
}
