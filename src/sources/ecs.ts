/**
 * Live ECS: a service's events and deployments, its stopped tasks (stopped reasons, container
 * reasons) and every task definition revision they reference, plus the revision before the
 * newest of each family so the analysis can say what changed. ECS keeps stopped tasks only
 * about an hour: older failures are found through CloudTrail.
 */
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  type ECSClient,
  paginateListServices,
  paginateListTasks,
} from '@aws-sdk/client-ecs';
import { type AwsProblem, attempt, keepingProblems, type ProblemContext } from '../aws/errors.js';
import { pagesUntilProblem } from '../aws/pages.js';
import { plain } from '../aws/plain.js';
import type { Evidence, TaskDefinitionEvidence } from '../domain/evidence.js';
import { taskIdFromArn } from '../domain/evidence.js';
import { serviceEvidence, taskDefinitionEvidence, taskEvidence } from './files/ecs-outputs.js';

export interface EcsTarget {
  /** Name or ARN; ECS's `default` cluster when only tasks are given. */
  cluster?: string | undefined;
  service?: string | undefined;
  /** Task ids or ARNs to describe whatever their state. */
  tasks?: string[] | undefined;
}

export type EcsProgress = { type: 'ecs-call'; operation: string; items: number };

export interface EcsFindings {
  evidence: Evidence[];
  /** Calls that failed without ending the run (AccessDenied on one call, a task not found). */
  problems: AwsProblem[];
  /** Ids of the tasks described: their role sessions are named after them in CloudTrail. */
  taskIds: string[];
  /** The roles and secrets the task definitions name: lookups by resource name. */
  roleArns: string[];
  secrets: string[];
}

export interface EcsReadOptions {
  onProgress?: (event: EcsProgress) => void;
  context?: ProblemContext;
}

const TASK_BATCH = 100;
const SERVICE_BATCH = 10;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += size) out.push(items.slice(index, index + size));
  return out;
}

/** `family:revision` of a task definition ARN. */
function familyRevision(arn: string): { family: string; revision: number } | null {
  const match = /(?:task-definition\/)?([^/:]+):(\d+)$/.exec(arn);
  return match?.[1] && match[2] ? { family: match[1], revision: Number(match[2]) } : null;
}

/** A task ARN names its cluster (`task/<cluster>/<id>`): use it when no --cluster is given. */
function clusterOfTask(task: string): string | undefined {
  return /:task\/([^/]+)\/[^/]+$/.exec(task)?.[1];
}

export async function readEcs(
  client: ECSClient,
  target: EcsTarget,
  options: EcsReadOptions = {},
): Promise<EcsFindings> {
  const cluster = target.cluster ?? target.tasks?.map(clusterOfTask).find(Boolean);
  const found: EcsFindings = { evidence: [], problems: [], taskIds: [], roleArns: [], secrets: [] };
  const progress = (operation: string, items: number) =>
    options.onProgress?.({ type: 'ecs-call', operation, items });

  /** Non-fatal failures are kept and the run goes on; fatal ones (no credentials) end it. */
  const call = keepingProblems('ECS', found.problems, options.context);

  const definitions = new Set<string>();
  const serviceNames = target.service ? [target.service] : cluster ? await listServices() : [];
  let serviceIndex = 0;
  for (const batch of chunks(serviceNames, SERVICE_BATCH)) {
    const output = await call('DescribeServices', () =>
      client.send(new DescribeServicesCommand({ cluster, services: batch })),
    );
    for (const service of output?.services ?? []) {
      const json = plain(service);
      found.evidence.push(...serviceEvidence(json, 'api:ECS.DescribeServices', `services[${serviceIndex}]`));
      serviceIndex += 1;
      if (service.taskDefinition) definitions.add(service.taskDefinition);
      for (const deployment of service.deployments ?? []) {
        if (deployment.taskDefinition) definitions.add(deployment.taskDefinition);
      }
    }
    progress('DescribeServices', output?.services?.length ?? 0);
  }

  const taskArns = new Set(target.tasks ?? []);
  if (cluster && (target.service || !target.tasks?.length)) {
    for (const arn of await listStoppedTasks(target.service)) taskArns.add(arn);
  }
  let taskIndex = 0;
  for (const batch of chunks([...taskArns], TASK_BATCH)) {
    const output = await call('DescribeTasks', () =>
      client.send(new DescribeTasksCommand({ cluster, tasks: batch })),
    );
    for (const task of output?.tasks ?? []) {
      found.evidence.push(...taskEvidence(plain(task), 'api:ECS.DescribeTasks', `tasks[${taskIndex}]`));
      taskIndex += 1;
      if (task.taskArn) found.taskIds.push(taskIdFromArn(task.taskArn));
      if (task.taskDefinitionArn) definitions.add(task.taskDefinitionArn);
    }
    for (const failure of output?.failures ?? []) {
      found.problems.push({
        kind: 'not-found',
        origin: 'api:ECS.DescribeTasks',
        message: `task ${failure.arn ?? '?'} not found (${failure.reason ?? 'MISSING'})`,
        tryThis:
          'ECS keeps stopped tasks only about an hour: look for it in CloudTrail (--since) or pass its cluster and region',
        permission: null,
        fatal: false,
      });
    }
    progress('DescribeTasks', output?.tasks?.length ?? 0);
  }

  await describeDefinitions(definitions);
  return found;

  async function listServices(): Promise<string[]> {
    const arns: string[] = [];
    const pages = paginateListServices({ client, pageSize: 100 }, { cluster });
    for await (const page of listing('ListServices', pages)) arns.push(...(page.serviceArns ?? []));
    progress('ListServices', arns.length);
    return arns;
  }

  async function listStoppedTasks(serviceName: string | undefined): Promise<string[]> {
    const arns: string[] = [];
    const pages = paginateListTasks(
      { client, pageSize: 100 },
      { cluster, serviceName, desiredStatus: 'STOPPED' },
    );
    for await (const page of listing('ListTasks', pages)) arns.push(...(page.taskArns ?? []));
    progress('ListTasks', arns.length);
    return arns;
  }

  /** A listing's pages; a problem is kept like a call's and ends that listing only. */
  function listing<T>(operation: string, pages: AsyncIterable<T>): AsyncGenerator<T> {
    return pagesUntilProblem({ service: 'ECS', operation }, pages, options.context, (problem) =>
      found.problems.push(problem),
    );
  }

  async function describeDefinitions(referenced: Set<string>): Promise<void> {
    const seen = new Map<string, TaskDefinitionEvidence>();
    const describe = async (name: string, optional: boolean) => {
      const run = () => client.send(new DescribeTaskDefinitionCommand({ taskDefinition: name }));
      // The revision before the newest may have been deleted: not finding it is no problem.
      const output = optional
        ? await attempt({ service: 'ECS', operation: 'DescribeTaskDefinition' }, run, options.context).then(
            (result) => (result.ok ? result.value : null),
          )
        : await call('DescribeTaskDefinition', run);
      if (!output?.taskDefinition) return;
      const definition = taskDefinitionEvidence(
        plain(output.taskDefinition),
        `api:ECS.DescribeTaskDefinition(${name.replace(/^.*task-definition\//, '')})`,
        'taskDefinition',
      );
      if (definition) seen.set(definition.taskDefinitionArn, definition);
    };
    for (const name of referenced) await describe(name, false);
    const newest = new Map<string, number>();
    for (const name of referenced) {
      const parsed = familyRevision(name);
      if (parsed && parsed.revision > (newest.get(parsed.family) ?? 0))
        newest.set(parsed.family, parsed.revision);
    }
    for (const [family, revision] of newest) {
      const previous = `${family}:${revision - 1}`;
      const known = [...referenced].some(
        (name) => name.endsWith(`task-definition/${previous}`) || name === previous,
      );
      if (revision > 1 && !known) await describe(previous, true);
    }
    progress('DescribeTaskDefinition', seen.size);
    for (const definition of seen.values()) {
      found.evidence.push(definition);
      for (const role of [definition.executionRoleArn, definition.taskRoleArn]) {
        if (role && !found.roleArns.includes(role)) found.roleArns.push(role);
      }
      for (const container of definition.containers) {
        for (const secret of [...container.secrets, container.registryCredentials]) {
          if (secret && !found.secrets.includes(secret)) found.secrets.push(secret);
        }
      }
    }
  }
}
