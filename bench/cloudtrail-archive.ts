/**
 * A synthetic but realistic CloudTrail archive in the S3 delivery layout, for the benchmark:
 * ECS task and execution roles, EC2 container instances, the ECS service-linked role, a CI
 * deployer, SSO users and IAM users calling the services an ECS workload touches, with about
 * 2% AccessDenied records from a fixed set of misconfigurations and a few other errors.
 * Everything comes from seeded PRNGs, so the same seed and size give the same files.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import {
  ACCOUNT,
  APP_SPECS,
  type App,
  type Call,
  callShape,
  type Json,
  keyArn,
  objectArn,
  queueArn,
  REGIONS,
  type Region,
  roleArn,
  SDK,
  secretArn,
  serviceHost,
  stableId,
  TASKS_PER_SERVICE,
  type Task,
  tableArn,
} from './cloudtrail-calls.js';
import { Random } from './random.js';

const gzip = promisify(gzipCallback);

/** Bump when the generated content changes, so cached archives are regenerated. */
export const GENERATOR_VERSION = 2;
const FIRST_DAY = Date.UTC(2026, 10, 21);
/** The fewest days an archive spans; a larger one spans more, at most BYTES_PER_DAY a day. */
const MIN_DAYS = 4;
/**
 * Past about 100 MB a day the busiest intervals all deliver already, and a larger target would
 * come out smaller than asked (four days hold at most about 950 MB): a larger archive spans more days.
 */
const BYTES_PER_DAY = 100_000_000;
const MINUTE = 60_000;
const DELIVERY_INTERVAL = 5 * MINUTE;
const RECORDS_PER_FILE = { min: 50, max: 300 } as const;
const DENIAL_RATE = 0.02;
const OTHER_ERROR_RATE = 0.005;
const TASK_LIFETIME = 4 * 60 * MINUTE;
const INSTANCE_CREDENTIALS = 6 * 60 * MINUTE;
/** gzip runs in libuv's thread pool, so a few files compress while the next is generated. */
const WRITES_IN_FLIGHT = 4;

/** Who made a call, rendered as CloudTrail's userIdentity plus where the call came from. */
interface Session {
  identity: Json;
  userAgent: string;
  sourceIp: string;
  /** Set when an AWS service made the call for the principal (no TLS details then). */
  viaService: boolean;
}

interface Scenario {
  region: string;
  app: string;
  principal: 'task' | 'execution' | 'instance' | 'deployer' | 'user';
  call: string;
  action: string;
  /** The resource as the message names it; gets the call so an S3 message names the object requested. */
  resource: (region: string, app: App, call: Call) => string;
  errorCode: 'AccessDenied' | 'AccessDeniedException';
  /** What follows the resource in IAM's message; '' for the old form without a reason. */
  reason: string;
  weight: number;
  /** S3 without a detailed message says only this. */
  plainMessage?: string;
}

const noIdentityPolicy = (action: string) => `because no identity-based policy allows the ${action} action`;

/** The misconfigurations behind the denials: each recurs, as a broken deployment's would. */
const SCENARIOS: Scenario[] = [
  {
    region: 'eu-west-1',
    app: 'orders-api',
    principal: 'execution',
    call: 'ssm:GetParameters',
    action: 'ssm:GetParameters',
    resource: (region) => `arn:aws:ssm:${region}:${ACCOUNT}:parameter/orders-api/db-password`,
    errorCode: 'AccessDeniedException',
    reason: noIdentityPolicy('ssm:GetParameters'),
    weight: 6,
  },
  {
    region: 'eu-west-1',
    app: 'invoice-renderer',
    principal: 'execution',
    call: 'ecr:GetAuthorizationToken',
    action: 'ecr:GetAuthorizationToken',
    resource: () => '*',
    errorCode: 'AccessDeniedException',
    reason: noIdentityPolicy('ecr:GetAuthorizationToken'),
    weight: 4,
  },
  {
    region: 'eu-west-1',
    app: 'checkout-api',
    principal: 'execution',
    call: 'kms:Decrypt',
    action: 'kms:Decrypt',
    resource: (region, app) => keyArn(region, app),
    errorCode: 'AccessDeniedException',
    reason: 'because no resource-based policy allows the kms:Decrypt action',
    weight: 3,
  },
  {
    region: 'eu-central-1',
    app: 'payments-ledger',
    principal: 'task',
    call: 'dynamodb:PutItem',
    action: 'dynamodb:PutItem',
    resource: (region, app) => tableArn(region, app),
    errorCode: 'AccessDeniedException',
    reason: 'with an explicit deny in a service control policy',
    weight: 5,
  },
  {
    region: 'us-east-1',
    app: 'catalog-api',
    principal: 'task',
    call: 's3:GetObject',
    action: 's3:GetObject',
    // S3's detailed messages quote the resource.
    resource: (_region, _app, call) => `"${objectArn(call)}"`,
    errorCode: 'AccessDenied',
    reason: noIdentityPolicy('s3:GetObject'),
    weight: 5,
  },
  {
    // SQS names the action in lower case in its messages.
    region: 'eu-west-1',
    app: 'orders-worker',
    principal: 'task',
    call: 'sqs:SendMessage',
    action: 'sqs:sendmessage',
    resource: (region, app) => queueArn(region, app),
    errorCode: 'AccessDenied',
    reason: noIdentityPolicy('sqs:sendmessage'),
    weight: 4,
  },
  {
    region: 'us-east-1',
    app: 'search-indexer',
    principal: 'deployer',
    call: 'ecs:RegisterTaskDefinition',
    action: 'iam:PassRole',
    resource: (_region, app) => roleArn(`${app.name}-task-role`),
    errorCode: 'AccessDeniedException',
    reason: noIdentityPolicy('iam:PassRole'),
    weight: 1,
  },
  {
    region: 'eu-central-1',
    app: 'inventory-sync',
    principal: 'task',
    call: 'secretsmanager:GetSecretValue',
    action: 'secretsmanager:GetSecretValue',
    resource: (region, app) => secretArn(region, app),
    errorCode: 'AccessDeniedException',
    reason: 'with an explicit deny in an identity-based policy',
    weight: 3,
  },
  {
    region: 'eu-west-1',
    app: 'orders-worker',
    principal: 'instance',
    call: 'logs:CreateLogStream',
    action: 'logs:CreateLogStream',
    resource: (region, _app, call) => {
      const { logGroupName, logStreamName } = call.request as { logGroupName: string; logStreamName: string };
      return `arn:aws:logs:${region}:${ACCOUNT}:log-group:${logGroupName}:log-stream:${logStreamName}`;
    },
    errorCode: 'AccessDeniedException',
    reason: noIdentityPolicy('logs:CreateLogStream'),
    weight: 2,
  },
  {
    region: 'us-east-1',
    app: 'orders-api',
    principal: 'user',
    call: 'sts:AssumeRole',
    action: 'sts:AssumeRole',
    resource: () => roleArn('prod-deployer'),
    errorCode: 'AccessDenied',
    reason: '',
    weight: 1,
  },
  {
    region: 'us-east-1',
    app: 'checkout-api',
    principal: 'task',
    call: 'dynamodb:Query',
    action: 'dynamodb:Query',
    resource: (region, app) => tableArn(region, app),
    errorCode: 'AccessDeniedException',
    reason: 'because no VPC endpoint policy allows the dynamodb:Query action',
    weight: 3,
  },
  {
    region: 'eu-west-1',
    app: 'payments-ledger',
    principal: 'task',
    call: 's3:PutObject',
    action: 's3:PutObject',
    resource: (_region, _app, call) => `"${objectArn(call)}"`,
    errorCode: 'AccessDenied',
    reason: 'because no permissions boundary allows the s3:PutObject action',
    weight: 2,
  },
  {
    region: 'eu-central-1',
    app: 'catalog-api',
    principal: 'task',
    call: 'kms:GenerateDataKey',
    action: 'kms:GenerateDataKey',
    resource: (region, app) => keyArn(region, app),
    errorCode: 'AccessDeniedException',
    reason: noIdentityPolicy('kms:GenerateDataKey'),
    weight: 2,
  },
  {
    region: 'eu-west-1',
    app: 'orders-api',
    principal: 'task',
    call: 's3:GetObject',
    action: 's3:GetObject',
    resource: (_region, _app, call) => objectArn(call),
    errorCode: 'AccessDenied',
    reason: '',
    plainMessage: 'Access Denied',
    weight: 1,
  },
];

const isoTime = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

/** STS prints credential expiry as "Nov 21, 2026, 4:05:08 PM". */
function stsExpiration(ms: number): string {
  const date = new Date(ms);
  const month = date.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  const hours = date.getUTCHours();
  const pad = (n: number) => String(n).padStart(2, '0');
  const clock = `${hours % 12 === 0 ? 12 : hours % 12}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  return `${month} ${date.getUTCDate()}, ${date.getUTCFullYear()}, ${clock} ${hours < 12 ? 'AM' : 'PM'}`;
}

function roleSession(role: string, session: string, created: number, accessKeyId: string): Json {
  const roleId = stableId('AROA', role);
  return {
    type: 'AssumedRole',
    principalId: `${roleId}:${session}`,
    arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/${session}`,
    accountId: ACCOUNT,
    accessKeyId,
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: roleId,
        arn: roleArn(role),
        accountId: ACCOUNT,
        userName: role,
      },
      attributes: { creationDate: isoTime(created), mfaAuthenticated: 'false' },
    },
  };
}

function iamUser(name: string, accessKeyId: string): Json {
  return {
    type: 'IAMUser',
    principalId: stableId('AIDA', name),
    arn: `arn:aws:iam::${ACCOUNT}:user/${name}`,
    accountId: ACCOUNT,
    accessKeyId,
    userName: name,
  };
}

export interface ArchiveTotals {
  files: number;
  records: number;
  uncompressedBytes: number;
  compressedBytes: number;
  denials: number;
  otherErrors: number;
}

export function emptyTotals(): ArchiveTotals {
  return { files: 0, records: 0, uncompressedBytes: 0, compressedBytes: 0, denials: 0, otherErrors: 0 };
}

/** What a generated bench input was made from: an input whose manifest differs is generated again. */
export interface GeneratedManifest {
  generator: number;
  seed: string;
  sizeMb: number;
  totals: ArchiveTotals;
}

/** The state that evolves over the archive's days: running tasks, instances, the record counts. */
class World {
  readonly apps: App[];
  private readonly tasks = new Map<string, Task[]>();
  private readonly instances = new Map<string, { id: string; phase: number }[]>();
  private readonly lastWindow = new Map<string, number>();
  private readonly deployerKey: string;
  private readonly ssoKeys: Record<string, string>;
  private readonly userKeys: Record<string, string>;
  denials = 0;
  otherErrors = 0;

  private readonly scenarios: Scenario[];

  /** `exclude`: apps left out, so that a test's own service is not also the background's. */
  constructor(
    private readonly rng: Random,
    exclude: string[] = [],
  ) {
    this.scenarios = SCENARIOS.filter((scenario) => !exclude.includes(scenario.app));
    this.apps = APP_SPECS.filter((spec) => !exclude.includes(spec.name)).map((spec) => ({
      ...spec,
      secretSuffix: rng.alnum(6),
      keyIds: Object.fromEntries(spec.regions.map((region) => [region, rng.uuid()])),
      revision: rng.between(3, 60),
    }));
    for (const scenario of this.scenarios) {
      if (!this.app(scenario.app).regions.includes(scenario.region)) {
        throw new Error(`scenario ${scenario.action}: ${scenario.app} does not run in ${scenario.region}`);
      }
    }
    for (const region of REGIONS) {
      const tasks: Task[] = [];
      for (const app of this.appsIn(region.name)) {
        for (let i = 0; i < TASKS_PER_SERVICE; i++)
          tasks.push(this.newTask(app, FIRST_DAY - rng.int(TASK_LIFETIME)));
      }
      this.tasks.set(region.name, tasks);
      this.instances.set(
        region.name,
        Array.from({ length: 3 }, () => ({ id: `i-0${rng.hex(16)}`, phase: rng.int(INSTANCE_CREDENTIALS) })),
      );
    }
    this.deployerKey = `ASIA${rng.upper(16)}`;
    this.ssoKeys = {
      'alice.ng@example.com': `ASIA${rng.upper(16)}`,
      'rahul.s@example.com': `ASIA${rng.upper(16)}`,
    };
    this.userKeys = { terraform: `AKIA${rng.upper(16)}`, 'ci-legacy': `AKIA${rng.upper(16)}` };
  }

  private app(name: string): App {
    const app = this.apps.find((candidate) => candidate.name === name);
    if (!app) throw new Error(`no app ${name}`);
    return app;
  }

  private appsIn(region: string): App[] {
    return this.apps.filter((app) => app.regions.includes(region));
  }

  private newTask(app: App, startedAt: number): Task {
    return {
      id: this.rng.hex(32),
      app,
      startedAt,
      taskKey: `ASIA${this.rng.upper(16)}`,
      executionKey: `ASIA${this.rng.upper(16)}`,
    };
  }

  private tasksIn(region: string): Task[] {
    const tasks = this.tasks.get(region);
    if (!tasks) throw new Error(`no tasks in ${region}`);
    return tasks;
  }

  /** The records of one delivery file: the calls of the five minutes before `end`, in time order. */
  fileRecords(region: Region, end: number, count: number): string[] {
    return this.fileEvents(region, end, count).map((record) => JSON.stringify(record));
  }

  fileEvents(region: Region, end: number, count: number): Json[] {
    const start = end - DELIVERY_INTERVAL;
    const events: { time: number; record: Json }[] = [];
    this.replaceTasks(region, start, end, events);
    while (events.length < count) {
      const time = start + this.rng.int(DELIVERY_INTERVAL);
      events.push({ time, record: this.event(region, time) });
    }
    events.sort((a, b) => a.time - b.time);
    return events.map((event) => event.record);
  }

  /** Tasks stop and are replaced; each new task's start-up calls land in this file. */
  private replaceTasks(
    region: Region,
    start: number,
    end: number,
    events: { time: number; record: Json }[],
  ): void {
    const elapsed = end - (this.lastWindow.get(region.name) ?? start);
    this.lastWindow.set(region.name, end);
    const replaceChance = 1 - Math.exp(-elapsed / TASK_LIFETIME);
    const tasks = this.tasksIn(region.name);
    tasks.forEach((task, index) => {
      if (!this.rng.chance(replaceChance)) return;
      const startedAt = start + this.rng.int(DELIVERY_INTERVAL - 30_000);
      const next = this.newTask(task.app, startedAt);
      tasks[index] = next;
      events.push(...this.startup(region, next));
    });
  }

  /** What a Fargate task's start produces: the execution role pulls and fetches, then the task role is assumed. */
  private startup(region: Region, task: Task): { time: number; record: Json }[] {
    const at = task.startedAt;
    const execution = this.taskSession(region, task, 'execution');
    const byExecutionRole = (offset: number, operation: string) => ({
      time: at + offset,
      record: this.record(region, execution, this.callShape(operation, region, task.app, task), at + offset),
    });
    return [
      { time: at, record: this.assumedByEcs(region, task, 'execution', at) },
      byExecutionRole(1500, 'ecr:GetAuthorizationToken'),
      byExecutionRole(2200, 'ecr:BatchGetImage'),
      byExecutionRole(2900, 'ecr:GetDownloadUrlForLayer'),
      byExecutionRole(3100, 'ecr:GetDownloadUrlForLayer'),
      byExecutionRole(9400, 'ssm:GetParameters'),
      byExecutionRole(9600, 'secretsmanager:GetSecretValue'),
      { time: at + 9700, record: this.kmsForSecretsManager(region, task, at + 9700) },
      byExecutionRole(10_800, 'logs:CreateLogStream'),
      { time: at + 12_000, record: this.assumedByEcs(region, task, 'task', at + 12_000) },
    ];
  }

  private taskSession(region: Region, task: Task, kind: 'task' | 'execution'): Session {
    const role = `${task.app.name}-${kind}-role`;
    const key = kind === 'task' ? task.taskKey : task.executionKey;
    return {
      identity: roleSession(role, task.id, task.startedAt, key),
      userAgent: kind === 'task' ? task.app.sdk : SDK.fargate,
      sourceIp: region.natIp,
      viaService: false,
    };
  }

  /** An instance profile's credentials are replaced every few hours: a new creation date and key. */
  private instanceSession(region: Region, time: number): Session {
    const instance = this.rng.pick(this.instances.get(region.name) ?? []);
    const created = time - ((time - instance.phase) % INSTANCE_CREDENTIALS);
    const key = `ASIA${new Random(`${instance.id}/${created}`).upper(16)}`;
    return {
      identity: roleSession('ecs-instance-role', instance.id, created, key),
      userAgent: SDK.agent,
      sourceIp: region.natIp,
      viaService: false,
    };
  }

  private deployerSession(time: number): Session {
    return {
      identity: roleSession(
        'github-actions-deployer',
        'GitHubActions',
        time - this.rng.int(10 * MINUTE),
        this.deployerKey,
      ),
      userAgent: SDK.cli,
      sourceIp: `20.${this.rng.between(25, 230)}.${this.rng.int(256)}.${this.rng.int(256)}`,
      viaService: false,
    };
  }

  private ssoSession(time: number): Session {
    const user = this.rng.pick(Object.keys(this.ssoKeys));
    return {
      identity: roleSession(
        'AWSReservedSSO_PlatformEngineer_5f3e2a1b9c8d7e6f',
        user,
        time - this.rng.int(60 * MINUTE),
        this.ssoKeys[user] ?? '',
      ),
      userAgent: SDK.ssoCli,
      sourceIp: '203.0.113.24',
      viaService: false,
    };
  }

  private userSession(name: 'terraform' | 'ci-legacy'): Session {
    return {
      identity: iamUser(name, this.userKeys[name] ?? ''),
      userAgent: name === 'terraform' ? SDK.terraform : SDK.python.replace('exec-env/AWS_ECS_FARGATE ', ''),
      sourceIp: name === 'terraform' ? '198.51.100.7' : '198.51.100.12',
      viaService: false,
    };
  }

  private ecsServiceLinkedRole(time: number): Session {
    const identity = roleSession('AWSServiceRoleForECS', 'ecs-service-scheduler', time - 30 * MINUTE, '');
    identity.arn = `arn:aws:sts::${ACCOUNT}:assumed-role/AWSServiceRoleForECS/ecs-service-scheduler`;
    const issuer = (identity.sessionContext as { sessionIssuer: Json }).sessionIssuer;
    issuer.arn = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS`;
    delete identity.accessKeyId;
    identity.invokedBy = 'ecs.amazonaws.com';
    return { identity, userAgent: 'ecs.amazonaws.com', sourceIp: 'ecs.amazonaws.com', viaService: true };
  }

  /** One call at `time`: mostly successes, about 2% denials and a few other errors. */
  private event(region: Region, time: number): Json {
    const roll = this.rng.next();
    if (roll < DENIAL_RATE) return this.denial(region, time);
    if (roll < DENIAL_RATE + OTHER_ERROR_RATE) return this.otherError(region, time);
    const app = this.rng.pick(this.appsIn(region.name));
    const kind = this.rng.weighted<string>([
      ['task', 62],
      ['instance', 12],
      ['ecs', 6],
      ['deployer', 7],
      ['sso', 6],
      ['user', 7],
    ]);
    switch (kind) {
      case 'task': {
        const task = this.rng.pick(this.tasksIn(region.name));
        const call = this.callShape(this.rng.weighted(task.app.calls), region, task.app, task);
        return this.record(region, this.taskSession(region, task, 'task'), call, time);
      }
      case 'instance': {
        const task = this.rng.pick(this.tasksIn(region.name));
        const name = this.rng.weighted<string>([
          ['ecs:DiscoverPollEndpoint', 4],
          ['ecs:SubmitTaskStateChange', 2],
          ['ecr:GetAuthorizationToken', 1],
          ['logs:CreateLogStream', 1],
        ]);
        return this.record(
          region,
          this.instanceSession(region, time),
          this.callShape(name, region, task.app, task),
          time,
        );
      }
      case 'ecs': {
        const name = this.rng.weighted<string>([
          ['ec2:CreateNetworkInterface', 2],
          ['ec2:DeleteNetworkInterface', 2],
          ['ec2:DescribeNetworkInterfaces', 3],
        ]);
        return this.record(region, this.ecsServiceLinkedRole(time), this.callShape(name, region, app), time);
      }
      case 'deployer': {
        const name = this.rng.weighted<string>([
          ['ecs:DescribeServices', 4],
          ['ecs:DescribeTaskDefinition', 2],
          ['ecs:RegisterTaskDefinition', 1],
          ['ecs:UpdateService', 1],
          ['ecr:BatchCheckLayerAvailability', 2],
          ['ecr:PutImage', 1],
          ['ecr:GetAuthorizationToken', 1],
          ['sts:GetCallerIdentity', 1],
        ]);
        return this.record(region, this.deployerSession(time), this.callShape(name, region, app), time);
      }
      case 'sso': {
        const task = this.rng.pick(this.tasksIn(region.name));
        const name = this.rng.weighted<string>([
          ['ecs:DescribeServices', 3],
          ['ecs:ListTasks', 2],
          ['ecs:DescribeTasks', 2],
          ['ec2:DescribeInstances', 1],
          ['logs:DescribeLogStreams', 2],
          ['ssm:GetParameter', 1],
        ]);
        return this.record(region, this.ssoSession(time), this.callShape(name, region, task.app, task), time);
      }
      default: {
        const user = this.rng.chance(0.7) ? 'terraform' : 'ci-legacy';
        const name =
          user === 'terraform'
            ? this.rng.weighted<string>([
                ['ec2:DescribeInstances', 2],
                ['ec2:DescribeSecurityGroups', 3],
                ['ecs:DescribeClusters', 2],
                ['ecs:DescribeServices', 2],
                ['dynamodb:DescribeTable', 2],
                ['sts:GetCallerIdentity', 1],
              ])
            : this.rng.weighted<string>([
                ['sts:GetCallerIdentity', 1],
                ['ecr:GetAuthorizationToken', 2],
                ['sts:AssumeRole', 1],
              ]);
        return this.record(region, this.userSession(user), this.callShape(name, region, app), time);
      }
    }
  }

  private denial(region: Region, time: number): Json {
    const scenarios = this.scenarios.filter((scenario) => scenario.region === region.name);
    if (scenarios.length === 0) return this.otherError(region, time);
    const scenario = this.rng.weighted(scenarios.map((s) => [s, s.weight] as const));
    const app = this.app(scenario.app);
    const task = this.rng.pick(this.tasksIn(region.name).filter((candidate) => candidate.app === app));
    let session: Session;
    switch (scenario.principal) {
      case 'task':
      case 'execution':
        session = this.taskSession(region, task, scenario.principal);
        break;
      case 'instance':
        session = this.instanceSession(region, time);
        break;
      case 'deployer':
        session = this.deployerSession(time);
        break;
      case 'user':
        session = this.userSession('ci-legacy');
        break;
    }
    const arn = String(session.identity.arn);
    const call = this.callShape(scenario.call, region, app, task);
    const resource = scenario.resource(region.name, app, call);
    const message =
      scenario.plainMessage ??
      `User: ${arn} is not authorized to perform: ${scenario.action} on resource: ${resource}${scenario.reason ? ` ${scenario.reason}` : ''}`;
    this.denials += 1;
    return this.record(region, session, call, time, {
      code: scenario.errorCode,
      message,
    });
  }

  private otherError(region: Region, time: number): Json {
    const task = this.rng.pick(this.tasksIn(region.name));
    const app = task.app;
    this.otherErrors += 1;
    switch (this.rng.int(4)) {
      case 0:
        return this.record(
          region,
          this.taskSession(region, task, 'execution'),
          this.callShape('ssm:GetParameters', region, app),
          time,
          { code: 'ThrottlingException', message: 'Rate exceeded' },
        );
      case 1:
        return this.record(
          region,
          this.deployerSession(time),
          this.callShape('ecs:DescribeServices', region, app),
          time,
          {
            code: 'ThrottlingException',
            message: 'Rate exceeded',
          },
        );
      case 2: {
        const call = this.callShape('secretsmanager:GetSecretValue', region, app);
        call.request = { secretId: `${app.name}/legacy-api-key` };
        return this.record(region, this.taskSession(region, task, 'task'), call, time, {
          code: 'ResourceNotFoundException',
          message: "Secrets Manager can't find the specified secret.",
        });
      }
      default: {
        const call = this.callShape('dynamodb:DescribeTable', region, app);
        call.request = { tableName: `${app.name}-archive` };
        return this.record(region, this.userSession('terraform'), call, time, {
          code: 'ResourceNotFoundException',
          message: `Requested resource not found: Table: ${app.name}-archive not found`,
        });
      }
    }
  }

  /** The AWSService record of ECS assuming a task's role for it. */
  private assumedByEcs(region: Region, task: Task, kind: 'task' | 'execution', time: number): Json {
    const role = `${task.app.name}-${kind}-role`;
    const roleId = stableId('AROA', role);
    return this.record(
      region,
      {
        identity: { type: 'AWSService', invokedBy: 'ecs-tasks.amazonaws.com' },
        userAgent: 'ecs-tasks.amazonaws.com',
        sourceIp: 'ecs-tasks.amazonaws.com',
        viaService: true,
      },
      {
        source: 'sts',
        name: 'AssumeRole',
        readOnly: true,
        request: { roleArn: roleArn(role), roleSessionName: task.id },
        response: {
          credentials: {
            accessKeyId: kind === 'task' ? task.taskKey : task.executionKey,
            sessionToken: `IQoJb3JpZ2luX2Vj${this.rng.base64(120)}`,
            expiration: stsExpiration(time + 6 * 60 * MINUTE),
          },
          assumedRoleUser: {
            assumedRoleId: `${roleId}:${task.id}`,
            arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/${task.id}`,
          },
        },
        resources: [{ accountId: ACCOUNT, type: 'AWS::IAM::Role', ARN: roleArn(role) }],
        sharedEventID: this.rng.uuid(),
      },
      time,
    );
  }

  /** Secrets Manager decrypts with the caller's credentials: KMS logs the caller, invoked by Secrets Manager. */
  private kmsForSecretsManager(region: Region, task: Task, time: number): Json {
    const session = this.taskSession(region, task, 'execution');
    session.identity.invokedBy = 'secretsmanager.amazonaws.com';
    session.userAgent = 'secretsmanager.amazonaws.com';
    session.sourceIp = 'secretsmanager.amazonaws.com';
    session.viaService = true;
    const call = this.callShape('kms:Decrypt', region, task.app);
    call.request = {
      encryptionAlgorithm: 'SYMMETRIC_DEFAULT',
      encryptionContext: { SecretARN: secretArn(region.name, task.app), SecretVersionId: this.rng.uuid() },
    };
    return this.record(region, session, call, time);
  }

  private callShape(operation: string, region: Region, app: App, task?: Task): Call {
    return callShape(this.rng, operation, region, app, task);
  }

  /** A whole record, keys in CloudTrail's order. Failed calls have no response elements. */
  private record(
    region: Region,
    session: Session,
    call: Call,
    time: number,
    error?: { code: string; message?: string },
  ): Json {
    const rng = this.rng;
    const record: Json = {
      eventVersion: '1.09',
      userIdentity: session.identity,
      eventTime: isoTime(time),
      eventSource: `${call.source}.amazonaws.com`,
      eventName: call.name,
      awsRegion: region.name,
      sourceIPAddress: session.sourceIp,
      userAgent: session.userAgent,
    };
    if (error) {
      record.errorCode = error.code;
      if (error.message !== undefined) record.errorMessage = error.message;
    }
    record.requestParameters = call.request;
    record.responseElements = error ? null : (call.response ?? null);
    if (call.additionalEventData) record.additionalEventData = call.additionalEventData;
    // S3 and DynamoDB request ids are not UUIDs.
    record.requestID =
      call.source === 's3' ? rng.upper(16) : call.source === 'dynamodb' ? rng.upper(52) : rng.uuid();
    record.eventID = rng.uuid();
    record.readOnly = call.readOnly;
    if (call.resources) record.resources = call.resources;
    record.eventType = 'AwsApiCall';
    record.managementEvent = !call.data;
    record.recipientAccountId = ACCOUNT;
    if (call.sharedEventID) record.sharedEventID = call.sharedEventID;
    record.eventCategory = call.data ? 'Data' : 'Management';
    if (!session.viaService) {
      record.tlsDetails = {
        tlsVersion: 'TLSv1.3',
        cipherSuite: 'TLS_AES_128_GCM_SHA256',
        clientProvidedHostHeader: call.host ?? serviceHost(call.source, region.name),
      };
    }
    return record;
  }
}

export interface ActivityOptions {
  seed: string;
  region: string;
  start: number;
  end: number;
  /** Management events an hour: what CloudTrail's event history (LookupEvents) holds. */
  managementPerHour: number;
  /** Apps left out of the background (the service under investigation). */
  excludeApps?: string[];
}

/**
 * One region's CloudTrail as LookupEvents sees it over a window: the archive's principals and
 * calls, about 2% of them denials, management events only (the event history has no data
 * events), `managementPerHour` of them an hour, oldest first.
 */
export function accountActivity(options: ActivityOptions): Json[] {
  const region = REGIONS.find((candidate) => candidate.name === options.region);
  if (!region) throw new Error(`no workload in ${options.region}`);
  const rng = new Random(`${options.seed}/${options.region}`);
  const world = new World(rng, options.excludeApps ?? []);
  const perDelivery = Math.round((options.managementPerHour * DELIVERY_INTERVAL) / (60 * MINUTE));
  const records: Json[] = [];
  for (let end = options.start + DELIVERY_INTERVAL; end <= options.end; end += DELIVERY_INTERVAL) {
    const management: Json[] = [];
    while (management.length < perDelivery) {
      for (const record of world.fileEvents(region, end, RECORDS_PER_FILE.max)) {
        if (record.managementEvent !== false && management.length < perDelivery) management.push(record);
      }
    }
    records.push(...management.sort((a, b) => String(a.eventTime).localeCompare(String(b.eventTime))));
  }
  return records;
}

/** Traffic follows the working day of each region's users. */
function activity(region: Region, time: number): number {
  const hour = new Date(time).getUTCHours() + new Date(time).getUTCMinutes() / 60;
  return 0.35 + 0.65 * (0.5 + 0.5 * Math.cos((2 * Math.PI * (hour - region.peakHourUtc)) / 24));
}

/** Average serialized record size, from a throwaway world, to decide how many files make the target size. */
function bytesPerRecord(seed: string): number {
  const world = new World(new Random(`${seed}/calibration`));
  let bytes = 0;
  let records = 0;
  for (let i = 0; i < 20; i++) {
    const region = REGIONS[i % REGIONS.length] as Region;
    for (const record of world.fileRecords(region, FIRST_DAY + (i + 1) * 20 * MINUTE, 175)) {
      bytes += Buffer.byteLength(record) + 1;
      records += 1;
    }
  }
  return bytes / records;
}

interface Delivery {
  region: Region;
  end: number;
}

/**
 * Which region delivers a file at which five-minute mark. Real trails deliver every five
 * minutes per region; to reach the target size over a few days without tiny files, quiet
 * intervals are skipped, more of them at night and in the smaller regions. The archive spans
 * MIN_DAYS, or as many more as keep it within BYTES_PER_DAY a day (up to 400 MB the same four days
 * and files as before), so that it comes out at the size asked.
 */
function schedule(seed: string, targetBytes: number): Delivery[] {
  const averageRecords = (RECORDS_PER_FILE.min + RECORDS_PER_FILE.max) / 2;
  const filesWanted = targetBytes / (averageRecords * bytesPerRecord(seed));
  const days = Math.max(MIN_DAYS, Math.ceil(targetBytes / BYTES_PER_DAY));
  const slots: Delivery[] = [];
  for (
    let end = FIRST_DAY + DELIVERY_INTERVAL;
    end <= FIRST_DAY + days * 24 * 60 * MINUTE;
    end += DELIVERY_INTERVAL
  ) {
    for (const region of REGIONS) slots.push({ region, end });
  }
  const weight = (slot: Delivery) => slot.region.weight * activity(slot.region, slot.end);
  const scale = filesWanted / slots.reduce((sum, slot) => sum + weight(slot), 0);
  const rng = new Random(`${seed}/schedule`);
  return slots.filter((slot) => rng.chance(scale * weight(slot)));
}

function deliveryPath(root: string, delivery: Delivery, suffix: string): string {
  const stamp = new Date(delivery.end).toISOString();
  const [year, month, day] = [stamp.slice(0, 4), stamp.slice(5, 7), stamp.slice(8, 10)];
  const hhmm = stamp.slice(11, 13) + stamp.slice(14, 16);
  const region = delivery.region.name;
  return join(
    root,
    'AWSLogs',
    ACCOUNT,
    'CloudTrail',
    region,
    year,
    month,
    day,
    `${ACCOUNT}_CloudTrail_${region}_${year}${month}${day}T${hhmm}Z_${suffix}.json.gz`,
  );
}

export interface GenerateOptions {
  root: string;
  targetBytes: number;
  seed: string;
  onProgress?: (done: number, total: number) => void;
}

/** Writes the archive under `root` (which should be empty) and returns its totals. */
export async function generateArchive(options: GenerateOptions): Promise<ArchiveTotals> {
  const deliveries = schedule(options.seed, options.targetBytes);
  const rng = new Random(options.seed);
  const world = new World(rng);
  const totals = emptyTotals();
  const directories = new Set<string>();
  const inFlight: Promise<void>[] = [];
  for (const delivery of deliveries) {
    const count = rng.between(RECORDS_PER_FILE.min, RECORDS_PER_FILE.max);
    const records = world.fileRecords(delivery.region, delivery.end, count);
    const body = `{"Records":[${records.join(',')}]}`;
    const path = deliveryPath(options.root, delivery, rng.alnum(16));
    const directory = path.slice(0, path.lastIndexOf('/'));
    if (!directories.has(directory)) {
      await mkdir(directory, { recursive: true });
      directories.add(directory);
    }
    totals.files += 1;
    totals.records += records.length;
    totals.uncompressedBytes += Buffer.byteLength(body);
    if (inFlight.length >= WRITES_IN_FLIGHT) await inFlight.shift();
    inFlight.push(
      gzip(body).then(async (compressed) => {
        totals.compressedBytes += compressed.length;
        await writeFile(path, compressed);
      }),
    );
    options.onProgress?.(totals.files, deliveries.length);
  }
  await Promise.all(inFlight);
  totals.denials = world.denials;
  totals.otherErrors = world.otherErrors;
  return totals;
}

/**
 * The archive's kind of records as one JSON Lines stream (what `jq -c '.Records[]'` over the
 * archive prints), five-minute deliveries of every region in turn until `targetBytes`.
 * `totals` is kept up to date as the chunks are taken.
 */
export function* jsonLinesStream(
  seed: string,
  targetBytes: number,
  totals: ArchiveTotals,
): Generator<string> {
  const rng = new Random(seed);
  const world = new World(rng);
  for (let end = FIRST_DAY + DELIVERY_INTERVAL; ; end += DELIVERY_INTERVAL) {
    for (const region of REGIONS) {
      if (totals.uncompressedBytes >= targetBytes) return;
      const records = world.fileRecords(region, end, rng.between(RECORDS_PER_FILE.min, RECORDS_PER_FILE.max));
      const chunk = `${records.join('\n')}\n`;
      totals.files += 1;
      totals.records += records.length;
      totals.uncompressedBytes += Buffer.byteLength(chunk);
      totals.denials = world.denials;
      totals.otherErrors = world.otherErrors;
      yield chunk;
    }
  }
}
