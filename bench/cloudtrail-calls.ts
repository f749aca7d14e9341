/**
 * The workload behind the benchmark archive (regions, ECS services and their resources) and
 * how CloudTrail logs each operation they call: request parameters, response elements,
 * resources, data or management event.
 */
import { Random } from './random.js';

export type Json = Record<string, unknown>;

export const ACCOUNT = '111122223333';
export const TASKS_PER_SERVICE = 3;

export interface Region {
  name: string;
  weight: number;
  peakHourUtc: number;
  natIp: string;
}

export const REGIONS: Region[] = [
  { name: 'eu-west-1', weight: 5, peakHourUtc: 13, natIp: '54.78.201.36' },
  { name: 'us-east-1', weight: 3, peakHourUtc: 18, natIp: '3.218.45.112' },
  { name: 'eu-central-1', weight: 2, peakHourUtc: 12, natIp: '18.184.77.9' },
];

export const SDK = {
  java: 'aws-sdk-java/2.29.52 Linux/5.10.234-225.895.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/21.0.6+7-LTS Java/21.0.6 vendor/Amazon.com_Inc. exec-env/AWS_ECS_FARGATE io/sync http/Apache cfg/retry-mode/legacy',
  node: 'aws-sdk-js/3.723.0 ua/2.1 os/linux#5.10.234-225.895.amzn2.x86_64 lang/js md/nodejs#20.18.1 api/dynamodb#3.723.0 m/E,N exec-env/AWS_ECS_FARGATE',
  python:
    'Boto3/1.35.90 md/Botocore#1.35.90 ua/2.0 os/linux#5.10.234-225.895.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.8 md/pyimpl#CPython exec-env/AWS_ECS_FARGATE cfg/retry-mode#legacy Botocore/1.35.90',
  go: 'aws-sdk-go-v2/1.36.3 ua/2.1 os/linux lang/go#1.23.8 md/GOOS#linux md/GOARCH#amd64 api/dynamodb#1.41.1 exec-env/AWS_ECS_FARGATE',
  /** Fargate's agent, which pulls images and fetches secrets with the execution role. */
  fargate: 'aws-sdk-go-v2/1.36.3 os/linux lang/go#1.23.8 md/GOOS#linux md/GOARCH#amd64 api/ecr#1.44.0',
  agent:
    'aws-sdk-go/1.55.5 (go1.22.7; linux; amd64) Amazon ECS Agent - v1.89.2 (3f0bd8d4) exec-env/AWS_ECS_EC2',
  cli: 'aws-cli/2.22.26 md/awscrt#0.23.4 ua/2.0 os/linux#6.5.0-1025-azure md/arch#x86_64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/distrib#ubuntu.22 md/prompt#off md/command#ecs.update-service',
  ssoCli:
    'aws-cli/2.22.26 md/awscrt#0.23.4 ua/2.0 os/macos#24.1.0 md/arch#arm64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#source md/prompt#off md/command#ecs.describe-services',
  terraform:
    'APN/1.0 HashiCorp/1.0 Terraform/1.10.3 (+https://www.terraform.io) terraform-provider-aws/5.82.2 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.32.7 ua/2.1 os/linux lang/go#1.23.3 md/GOOS#linux md/GOARCH#amd64 api/ec2#1.198.1',
} as const;

/** An ECS service: its task role's calls and the resources it owns in each region. */
export interface App {
  name: string;
  regions: string[];
  sdk: string;
  calls: [string, number][];
  secretSuffix: string;
  keyIds: Record<string, string>;
  revision: number;
}

export const APP_SPECS: Omit<App, 'secretSuffix' | 'keyIds' | 'revision'>[] = [
  {
    name: 'orders-api',
    regions: ['eu-west-1', 'us-east-1'],
    sdk: SDK.java,
    calls: [
      ['dynamodb:GetItem', 5],
      ['dynamodb:PutItem', 2],
      ['dynamodb:Query', 3],
      ['sqs:SendMessage', 3],
      ['kms:GenerateDataKey', 1],
      ['secretsmanager:GetSecretValue', 1],
      ['s3:GetObject', 1],
    ],
  },
  {
    name: 'orders-worker',
    regions: ['eu-west-1'],
    sdk: SDK.java,
    calls: [
      ['sqs:ReceiveMessage', 6],
      ['sqs:DeleteMessage', 4],
      ['dynamodb:PutItem', 2],
      ['sqs:SendMessage', 1],
      ['kms:Decrypt', 1],
    ],
  },
  {
    name: 'payments-ledger',
    regions: ['eu-west-1', 'eu-central-1'],
    sdk: SDK.go,
    calls: [
      ['dynamodb:PutItem', 4],
      ['dynamodb:GetItem', 3],
      ['kms:Decrypt', 2],
      ['kms:GenerateDataKey', 2],
      ['s3:PutObject', 1],
      ['secretsmanager:GetSecretValue', 1],
    ],
  },
  {
    name: 'catalog-api',
    regions: ['us-east-1', 'eu-central-1'],
    sdk: SDK.node,
    calls: [
      ['s3:GetObject', 6],
      ['dynamodb:Query', 3],
      ['dynamodb:GetItem', 2],
      ['ssm:GetParameter', 1],
      ['kms:GenerateDataKey', 1],
    ],
  },
  {
    name: 'invoice-renderer',
    regions: ['eu-west-1'],
    sdk: SDK.python,
    calls: [
      ['s3:PutObject', 3],
      ['s3:GetObject', 2],
      ['sqs:ReceiveMessage', 3],
      ['sqs:DeleteMessage', 2],
      ['kms:GenerateDataKey', 1],
    ],
  },
  {
    name: 'search-indexer',
    regions: ['us-east-1'],
    sdk: SDK.python,
    calls: [
      ['sqs:ReceiveMessage', 4],
      ['sqs:DeleteMessage', 3],
      ['dynamodb:Query', 3],
      ['s3:GetObject', 1],
      ['sts:GetCallerIdentity', 0.3],
    ],
  },
  {
    name: 'checkout-api',
    regions: ['eu-west-1', 'us-east-1'],
    sdk: SDK.node,
    calls: [
      ['dynamodb:GetItem', 3],
      ['dynamodb:PutItem', 2],
      ['dynamodb:Query', 2],
      ['sqs:SendMessage', 2],
      ['secretsmanager:GetSecretValue', 1],
      ['kms:Decrypt', 1],
    ],
  },
  {
    name: 'inventory-sync',
    regions: ['eu-central-1'],
    sdk: SDK.go,
    calls: [
      ['dynamodb:PutItem', 3],
      ['dynamodb:Query', 2],
      ['sqs:SendMessage', 2],
      ['secretsmanager:GetSecretValue', 1],
      ['ssm:GetParameter', 1],
    ],
  },
];

/** The parts of a record that depend on the operation. */
export interface Call {
  source: string;
  name: string;
  readOnly: boolean;
  data?: boolean;
  request: Json | null;
  response?: Json | null;
  resources?: Json[];
  additionalEventData?: Json;
  sharedEventID?: string;
  host?: string;
}

export interface Task {
  id: string;
  app: App;
  startedAt: number;
  taskKey: string;
  executionKey: string;
}

export const objectArn = (call: Call) => String(call.resources?.[0]?.ARN);
export const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
export const bucketName = (region: string, app: App) => `${app.name}-${ACCOUNT}-${region}`;
export const tableArn = (region: string, app: App) =>
  `arn:aws:dynamodb:${region}:${ACCOUNT}:table/${app.name}`;
export const queueArn = (region: string, app: App) => `arn:aws:sqs:${region}:${ACCOUNT}:${app.name}-events`;
export const queueUrl = (region: string, app: App) =>
  `https://sqs.${region}.amazonaws.com/${ACCOUNT}/${app.name}-events`;
export const keyArn = (region: string, app: App) =>
  `arn:aws:kms:${region}:${ACCOUNT}:key/${app.keyIds[region]}`;
export const secretArn = (region: string, app: App) =>
  `arn:aws:secretsmanager:${region}:${ACCOUNT}:secret:${app.name}/api-key-${app.secretSuffix}`;
export const repositoryArn = (region: string, app: App) =>
  `arn:aws:ecr:${region}:${ACCOUNT}:repository/${app.name}`;
export const taskArn = (region: string, task: Task) =>
  `arn:aws:ecs:${region}:${ACCOUNT}:task/prod/${task.id}`;
export const parameterNames = (app: App) => [`/${app.name}/db-password`, `/${app.name}/feature-flags`];

/** IAM's unique ids are stable per principal, so derive them from the name. */
export function stableId(prefix: string, name: string): string {
  return prefix + new Random(`id:${name}`).upper(17);
}

export function serviceHost(source: string, region: string): string {
  return source === 'ecr' ? `api.ecr.${region}.amazonaws.com` : `${source}.${region}.amazonaws.com`;
}

/** Request parameters, response elements and resources for one operation, as CloudTrail logs them. */
export function callShape(rng: Random, operation: string, region: Region, app: App, task?: Task): Call {
  const r = region.name;
  const [source = '', name = ''] = operation.split(':');
  const base = { source, name, readOnly: true };
  const table = { accountId: ACCOUNT, type: 'AWS::DynamoDB::Table', ARN: tableArn(r, app) };
  const queue = { accountId: ACCOUNT, type: 'AWS::SQS::Queue', ARN: queueArn(r, app) };
  const key = { accountId: ACCOUNT, type: 'AWS::KMS::Key', ARN: keyArn(r, app) };
  const repository = { accountId: ACCOUNT, ARN: repositoryArn(r, app) };
  const hidden = 'HIDDEN_DUE_TO_SECURITY_REASONS';
  const taskRef = () => (task ? taskArn(r, task) : `arn:aws:ecs:${r}:${ACCOUNT}:task/prod/${rng.hex(32)}`);
  switch (operation) {
    case 's3:GetObject':
    case 's3:PutObject': {
      const bucket = bucketName(r, app);
      const objectKey = `${rng.pick(['images', 'exports', 'config', 'invoices'])}/${rng.hex(12)}.${rng.pick(['json', 'pdf', 'png'])}`;
      const bytes = rng.between(200, 900_000);
      return {
        ...base,
        readOnly: name === 'GetObject',
        data: true,
        request: { bucketName: bucket, Host: `${bucket}.s3.${r}.amazonaws.com`, key: objectKey },
        response: name === 'PutObject' ? { 'x-amz-server-side-encryption': 'aws:kms' } : null,
        additionalEventData: {
          SignatureVersion: 'SigV4',
          CipherSuite: 'TLS_AES_128_GCM_SHA256',
          bytesTransferredIn: name === 'PutObject' ? bytes : 0,
          AuthenticationMethod: 'AuthHeader',
          'x-amz-id-2': rng.base64(76),
          bytesTransferredOut: name === 'GetObject' ? bytes : 0,
        },
        resources: [
          { type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${bucket}/${objectKey}` },
          { accountId: ACCOUNT, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${bucket}` },
        ],
        host: `${bucket}.s3.${r}.amazonaws.com`,
      };
    }
    case 'dynamodb:GetItem':
      return {
        ...base,
        data: true,
        request: { tableName: app.name, key: { pk: hidden, sk: hidden }, consistentRead: false },
        resources: [table],
      };
    case 'dynamodb:PutItem':
      return {
        ...base,
        readOnly: false,
        data: true,
        request: { tableName: app.name, key: { pk: hidden, sk: hidden }, item: [hidden] },
        resources: [table],
      };
    case 'dynamodb:Query':
      return {
        ...base,
        data: true,
        request: {
          tableName: app.name,
          ...(rng.chance(0.5) ? { indexName: 'by-customer' } : {}),
          keyConditionExpression: '#pk = :pk',
          expressionAttributeNames: { '#pk': 'pk' },
          expressionAttributeValues: { ':pk': hidden },
          limit: 50,
        },
        resources: [table],
      };
    case 'dynamodb:DescribeTable':
      return { ...base, request: { tableName: app.name }, resources: [table] };
    case 'sqs:SendMessage':
      return {
        ...base,
        readOnly: false,
        data: true,
        request: { queueUrl: queueUrl(r, app), messageBody: hidden, delaySeconds: 0 },
        response: { mD5OfMessageBody: rng.hex(32), messageId: rng.uuid() },
        resources: [queue],
      };
    case 'sqs:ReceiveMessage':
      return {
        ...base,
        data: true,
        request: {
          queueUrl: queueUrl(r, app),
          maxNumberOfMessages: 10,
          waitTimeSeconds: 20,
          messageSystemAttributeNames: ['All'],
        },
        resources: [queue],
      };
    case 'sqs:DeleteMessage':
      return {
        ...base,
        readOnly: false,
        data: true,
        request: { queueUrl: queueUrl(r, app), receiptHandle: hidden },
        resources: [queue],
      };
    case 'kms:Decrypt':
      return {
        ...base,
        request: {
          encryptionAlgorithm: 'SYMMETRIC_DEFAULT',
          encryptionContext: { 'aws:dynamodb:tableName': app.name, 'aws:dynamodb:subscriberId': ACCOUNT },
        },
        resources: [key],
      };
    case 'kms:GenerateDataKey':
      return {
        ...base,
        request: {
          keyId: `alias/${app.name}`,
          keySpec: 'AES_256',
          encryptionContext: { service: app.name, purpose: 'envelope' },
        },
        resources: [key],
      };
    case 'secretsmanager:GetSecretValue':
      return { ...base, request: { secretId: secretArn(r, app) } };
    case 'ssm:GetParameters':
      return { ...base, request: { names: parameterNames(app), withDecryption: true } };
    case 'ssm:GetParameter':
      return { ...base, request: { name: rng.pick(parameterNames(app)), withDecryption: true } };
    case 'ecr:GetAuthorizationToken':
      return { ...base, request: { registryIds: [ACCOUNT] } };
    case 'ecr:BatchGetImage':
      return {
        ...base,
        request: {
          registryId: ACCOUNT,
          repositoryName: app.name,
          imageIds: [{ imageTag: `v${app.revision}.0.${rng.int(20)}` }],
          acceptedMediaTypes: [
            'application/vnd.docker.distribution.manifest.v2+json',
            'application/vnd.oci.image.manifest.v1+json',
          ],
        },
        resources: [repository],
      };
    case 'ecr:GetDownloadUrlForLayer':
      return {
        ...base,
        request: { registryId: ACCOUNT, repositoryName: app.name, layerDigest: `sha256:${rng.hex(64)}` },
        resources: [repository],
      };
    case 'ecr:BatchCheckLayerAvailability':
      return {
        ...base,
        request: {
          registryId: ACCOUNT,
          repositoryName: app.name,
          layerDigests: [`sha256:${rng.hex(64)}`, `sha256:${rng.hex(64)}`],
        },
        resources: [repository],
      };
    case 'ecr:PutImage': {
      const digest = `sha256:${rng.hex(64)}`;
      const tag = `v${app.revision}.1.${rng.int(50)}`;
      return {
        ...base,
        readOnly: false,
        request: {
          registryId: ACCOUNT,
          repositoryName: app.name,
          imageTag: tag,
          imageManifestMediaType: 'application/vnd.oci.image.manifest.v1+json',
        },
        response: {
          image: {
            registryId: ACCOUNT,
            repositoryName: app.name,
            imageId: { imageDigest: digest, imageTag: tag },
          },
        },
        resources: [repository],
      };
    }
    case 'logs:CreateLogStream':
      return {
        ...base,
        readOnly: false,
        request: {
          logGroupName: `/ecs/${app.name}`,
          logStreamName: `ecs/${app.name}/${task?.id ?? rng.hex(32)}`,
        },
      };
    case 'logs:DescribeLogStreams':
      return {
        ...base,
        request: {
          logGroupName: `/ecs/${app.name}`,
          orderBy: 'LastEventTime',
          descending: true,
          limit: 50,
        },
      };
    case 'sts:GetCallerIdentity':
      return { ...base, request: null };
    case 'sts:AssumeRole': {
      const role = 'staging-deployer';
      const session = `ci-${rng.hex(8)}`;
      return {
        ...base,
        request: { roleArn: roleArn(role), roleSessionName: session, durationSeconds: 3600 },
        response: {
          credentials: {
            accessKeyId: `ASIA${rng.upper(16)}`,
            sessionToken: `IQoJb3JpZ2luX2Vj${rng.base64(120)}`,
            expiration: 'Nov 21, 2026, 11:00:00 PM',
          },
          assumedRoleUser: {
            assumedRoleId: `${stableId('AROA', role)}:${session}`,
            arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/${session}`,
          },
        },
        resources: [{ accountId: ACCOUNT, type: 'AWS::IAM::Role', ARN: roleArn(role) }],
      };
    }
    case 'ec2:DescribeInstances':
      return {
        ...base,
        request: {
          instancesSet: {},
          filterSet: { items: [{ name: 'tag:ecs-cluster', valueSet: { items: [{ value: 'prod' }] } }] },
        },
      };
    case 'ec2:DescribeSecurityGroups':
      return {
        ...base,
        request: {
          securityGroupSet: {},
          securityGroupIdSet: { items: [{ groupId: `sg-0${rng.hex(16)}` }] },
          filterSet: {},
        },
      };
    case 'ec2:DescribeNetworkInterfaces':
      return {
        ...base,
        request: {
          networkInterfaceIdSet: { items: [{ networkInterfaceId: `eni-0${rng.hex(16)}` }] },
          filterSet: {},
        },
      };
    case 'ec2:CreateNetworkInterface': {
      const eni = `eni-0${rng.hex(16)}`;
      const subnet = `subnet-0${rng.hex(16)}`;
      const description = `arn:aws:ecs:${r}:${ACCOUNT}:attachment/${rng.uuid()}`;
      const privateIp = `10.0.${rng.int(64)}.${rng.between(4, 250)}`;
      return {
        ...base,
        readOnly: false,
        request: {
          subnetId: subnet,
          description,
          groupSet: { items: [{ groupId: `sg-0${rng.hex(16)}` }] },
          privateIpAddressesSet: {},
          ipv6AddressCount: 0,
          clientToken: rng.uuid(),
        },
        response: {
          requestId: rng.uuid(),
          networkInterface: {
            networkInterfaceId: eni,
            subnetId: subnet,
            vpcId: `vpc-0${rng.hex(16)}`,
            availabilityZone: `${r}${rng.pick(['a', 'b', 'c'])}`,
            description,
            ownerId: ACCOUNT,
            requesterId: '578734482556',
            requesterManaged: true,
            status: 'pending',
            macAddress: `0a:${rng.hex(2)}:${rng.hex(2)}:${rng.hex(2)}:${rng.hex(2)}:${rng.hex(2)}`,
            privateIpAddress: privateIp,
            sourceDestCheck: true,
            interfaceType: 'interface',
            privateIpAddressesSet: { item: [{ privateIpAddress: privateIp, primary: true }] },
            tagSet: {},
          },
        },
      };
    }
    case 'ec2:DeleteNetworkInterface':
      return {
        ...base,
        readOnly: false,
        request: { networkInterfaceId: `eni-0${rng.hex(16)}` },
        response: { requestId: rng.uuid(), _return: true },
      };
    case 'ecs:DescribeServices':
      return { ...base, request: { cluster: 'prod', services: [app.name], include: ['TAGS'] } };
    case 'ecs:DescribeTasks':
      return { ...base, request: { cluster: 'prod', tasks: [taskRef()] } };
    case 'ecs:ListTasks':
      return { ...base, request: { cluster: 'prod', serviceName: app.name, desiredStatus: 'RUNNING' } };
    case 'ecs:DescribeClusters':
      return { ...base, request: { clusters: ['prod'], include: ['SETTINGS'] } };
    case 'ecs:DescribeTaskDefinition':
      return { ...base, request: { taskDefinition: `${app.name}:${app.revision}` } };
    case 'ecs:DiscoverPollEndpoint':
      return {
        ...base,
        request: {
          containerInstance: `arn:aws:ecs:${r}:${ACCOUNT}:container-instance/prod/${rng.hex(32)}`,
          cluster: 'prod',
        },
      };
    case 'ecs:SubmitTaskStateChange':
      return {
        ...base,
        readOnly: false,
        request: {
          cluster: 'prod',
          task: taskRef(),
          status: 'RUNNING',
          pullStartedAt: 'Nov 21, 2026, 9:00:00 AM',
        },
        response: { acknowledgment: 'ACK' },
      };
    case 'ecs:UpdateService': {
      const definition = `arn:aws:ecs:${r}:${ACCOUNT}:task-definition/${app.name}:${app.revision}`;
      return {
        ...base,
        readOnly: false,
        request: {
          cluster: 'prod',
          service: app.name,
          taskDefinition: definition,
          forceNewDeployment: false,
        },
        response: {
          service: {
            serviceArn: `arn:aws:ecs:${r}:${ACCOUNT}:service/prod/${app.name}`,
            serviceName: app.name,
            clusterArn: `arn:aws:ecs:${r}:${ACCOUNT}:cluster/prod`,
            status: 'ACTIVE',
            desiredCount: TASKS_PER_SERVICE,
            runningCount: TASKS_PER_SERVICE,
            launchType: 'FARGATE',
            taskDefinition: definition,
            deployments: [
              {
                id: `ecs-svc/${rng.chars('0123456789', 19)}`,
                status: 'PRIMARY',
                rolloutState: 'IN_PROGRESS',
              },
            ],
          },
        },
      };
    }
    case 'ecs:RegisterTaskDefinition': {
      const image = `${ACCOUNT}.dkr.ecr.${r}.amazonaws.com/${app.name}:v${app.revision}.1.0`;
      const container = {
        name: app.name,
        image,
        essential: true,
        portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
        secrets: [
          {
            name: 'DB_PASSWORD',
            valueFrom: `arn:aws:ssm:${r}:${ACCOUNT}:parameter/${app.name}/db-password`,
          },
        ],
        logConfiguration: {
          logDriver: 'awslogs',
          options: {
            'awslogs-group': `/ecs/${app.name}`,
            'awslogs-region': r,
            'awslogs-stream-prefix': 'ecs',
          },
        },
      };
      const definition = {
        family: app.name,
        taskRoleArn: roleArn(`${app.name}-task-role`),
        executionRoleArn: roleArn(`${app.name}-execution-role`),
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '512',
        memory: '1024',
        containerDefinitions: [container],
      };
      return {
        ...base,
        readOnly: false,
        request: definition,
        response: {
          taskDefinition: {
            ...definition,
            taskDefinitionArn: `arn:aws:ecs:${r}:${ACCOUNT}:task-definition/${app.name}:${app.revision + 1}`,
            revision: app.revision + 1,
            status: 'ACTIVE',
          },
        },
      };
    }
    default:
      throw new Error(`no call shape for ${operation}`);
  }
}
