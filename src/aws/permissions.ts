/**
 * The read-only IAM policy whydenied needs for live mode: every action the code can call,
 * grouped by service. test/aws/permissions.test.ts checks that each SDK command the code
 * imports is listed here and is a read.
 */
import { type AwsService, IAM_PREFIX } from './errors.js';

interface ServicePermissions {
  /** The statement id in the printed policy. */
  sid: string;
  operations: string[];
  /** Why whydenied calls them, for whoever reviews the policy. */
  why: string;
}

export const PERMISSIONS: Partial<Record<AwsService, ServicePermissions>> = {
  ECS: {
    sid: 'WhydeniedReadEcs',
    operations: ['DescribeServices', 'ListServices', 'ListTasks', 'DescribeTasks', 'DescribeTaskDefinition'],
    why: 'service events and deployments, stopped tasks and their reasons, task definition revisions',
  },
  CloudTrail: {
    sid: 'WhydeniedLookupCloudTrail',
    operations: ['LookupEvents'],
    why: "the denied calls of the tasks' role sessions and of the ECS start-up services",
  },
  CloudWatchLogs: {
    sid: 'WhydeniedReadLogs',
    operations: ['StartQuery', 'GetQueryResults', 'FilterLogEvents'],
    why: "a Logs Insights query over a log group receiving CloudTrail (--logs-group); the containers' awslogs groups searched for AccessDenied",
  },
  Athena: {
    sid: 'WhydeniedQueryAthena',
    operations: ['GetTableMetadata', 'StartQueryExecution', 'GetQueryExecution', 'GetQueryResults'],
    why: "the CloudTrail table's partitions, then the denial query pinned to them (--athena-table); what Athena itself reads and writes for it is in the statements below",
  },
  IAM: {
    sid: 'WhydeniedReadRolePolicies',
    operations: [
      'GetRole',
      'ListRolePolicies',
      'GetRolePolicy',
      'ListAttachedRolePolicies',
      'GetPolicy',
      'GetPolicyVersion',
      'SimulatePrincipalPolicy',
    ],
    why: "the denied roles' policies and boundary to verify each fix, and IAM's simulator as the second check",
  },
  KMS: {
    sid: 'WhydeniedReadKeyPolicies',
    operations: ['GetKeyPolicy'],
    why: 'the key policy of a KMS key a denied request used (a secret or parameter encrypted with a customer managed key), to verify the fix with it',
  },
  ECR: {
    sid: 'WhydeniedReadRepositoryPolicies',
    operations: ['GetRepositoryPolicy'],
    why: 'the repository policy of an image a denied pull asked for (a registry in another account decides with it)',
  },
  SecretsManager: {
    sid: 'WhydeniedReadSecretPolicies',
    operations: ['GetResourcePolicy'],
    why: "the resource policy of a secret a denied request named; never the secret's value",
  },
  S3: {
    sid: 'WhydeniedReadBucketPolicies',
    operations: ['GetBucketPolicy'],
    why: "the bucket policy of a bucket a denied request used (another account's bucket lets whydenied read it only if its owner allows); never an object",
  },
  Organizations: {
    sid: 'WhydeniedReadScps',
    operations: ['ListParents', 'ListPoliciesForTarget', 'DescribePolicy', 'DescribeOrganization'],
    why: "the SCPs over the denied role's account, from the account up to the root (Organizations answers only the management account or a delegated administrator); and the organization's id, which any member may read, when a policy on a denied request's path has an aws:PrincipalOrgID condition",
  },
  EC2: {
    sid: 'WhydeniedReadEndpointPolicies',
    operations: ['DescribeVpcEndpoints'],
    why: 'the policy of the VPC endpoint a denied request went through (its CloudTrail record names it)',
  },
  STS: {
    sid: 'WhydeniedDecodeAuthorizationMessages',
    operations: ['DecodeAuthorizationMessage'],
    why: "EC2's encoded authorization failure messages (RunInstances, CreateVolume, CreateNetworkInterface): the statement that decided and the request's context",
  },
};

/** `ecs:DescribeTasks` and the like, every action the policy grants. */
export function permittedActions(): string[] {
  return Object.entries(PERMISSIONS).flatMap(([service, permissions]) =>
    (permissions?.operations ?? []).map((operation) => `${IAM_PREFIX[service as AwsService]}:${operation}`),
  );
}

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: '*' | string[];
  Condition?: Record<string, Record<string, string>>;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

/** Where Athena reads the trail and writes its results, for the statements it needs. */
export interface AthenaLocations {
  /** The bucket the trail delivers to; absent: a placeholder to replace. */
  trailBucket?: string | undefined;
  /** s3://bucket/prefix/ of the query results (the workgroup's or --athena-output); absent: a placeholder. */
  resultsLocation?: string | undefined;
}

/**
 * Athena reads the table's catalog entry and the trail's files, and writes the results, with
 * the caller's own credentials: whydenied never calls these itself, so they are not in
 * permittedActions(), and aws:CalledVia confines them to requests Athena makes.
 */
const VIA_ATHENA = { 'ForAnyValue:StringEquals': { 'aws:CalledVia': 'athena.amazonaws.com' } };

function s3Location(uri: string | undefined, placeholder: string): { bucket: string; prefix: string } {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri ?? '');
  return match
    ? { bucket: match[1] ?? placeholder, prefix: match[2] ?? '' }
    : { bucket: placeholder, prefix: '' };
}

export function athenaStatements(locations: AthenaLocations = {}): PolicyStatement[] {
  const trail = locations.trailBucket ?? 'TRAIL-BUCKET';
  const results = s3Location(locations.resultsLocation, 'ATHENA-RESULTS-BUCKET');
  return [
    {
      Sid: 'AthenaReadsTheCloudTrailTable',
      Effect: 'Allow',
      Action: ['glue:GetDatabase', 'glue:GetTable', 'glue:GetPartitions'],
      Resource: '*',
      Condition: VIA_ATHENA,
    },
    {
      Sid: 'AthenaReadsTheTrailBucket',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:ListBucket', 's3:GetBucketLocation'],
      Resource: [`arn:aws:s3:::${trail}`, `arn:aws:s3:::${trail}/AWSLogs/*`],
      Condition: VIA_ATHENA,
    },
    {
      // The one write a run causes: the query's results, in Athena's results location only.
      Sid: 'AthenaWritesQueryResults',
      Effect: 'Allow',
      Action: [
        's3:GetObject',
        's3:PutObject',
        's3:ListBucket',
        's3:GetBucketLocation',
        's3:AbortMultipartUpload',
      ],
      Resource: [`arn:aws:s3:::${results.bucket}`, `arn:aws:s3:::${results.bucket}/${results.prefix}*`],
      Condition: VIA_ATHENA,
    },
  ];
}

/**
 * `Resource: *` because these reads either support no resource-level permission
 * (cloudtrail:LookupEvents, ecs:ListServices, ecs:DescribeTaskDefinition) or take the
 * cluster and service names the user passes at run time.
 */
export function permissionsPolicy(locations: AthenaLocations = {}): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      ...Object.entries(PERMISSIONS).map(([service, permissions]) => ({
        Sid: permissions?.sid ?? service,
        Effect: 'Allow' as const,
        Action: (permissions?.operations ?? []).map(
          (operation) => `${IAM_PREFIX[service as AwsService]}:${operation}`,
        ),
        Resource: '*' as const,
      })),
      ...athenaStatements(locations),
    ],
  };
}

export function renderPermissions(locations: AthenaLocations = {}): string {
  return `${JSON.stringify(permissionsPolicy(locations), null, 2)}\n`;
}
