/**
 * The requests a task definition implies before its app runs a line: what ECS asks AWS for with
 * the execution role to pull the image, deliver logs, inject secrets (and decrypt them), read
 * environment files; the two roles' trust of ecs-tasks.amazonaws.com; and the task role's calls
 * the user declares. Each is checked by simulation before the deploy (`whydenied check`).
 */

import type { Step } from './ecs-steps.js';
import { TASKS_SERVICE } from './ecs-steps.js';
import type { TaskDefinitionEvidence } from './evidence.js';
import { ecrRepositoryOfImage } from './fix-synthesis.js';

export interface StartupRequest {
  role: 'execution-role' | 'task-role';
  /** The role that makes the request; for a trust request, the role to assume. */
  roleArn: string;
  step: Step;
  action: string;
  resource: string;
  /** The container whose configuration asks for it, or null for the task's own. */
  container: string | null;
  /** Why ECS makes this request, in words. */
  why: string;
  /** The service that calls KMS on ECS's behalf (kms:ViaService), for a secret's decryption. */
  via?: 'secretsmanager' | 'ssm';
}

export interface StartupFacts {
  /** The region the task runs in: from the definition's ARN, awslogs-region, or --region. */
  region: string;
  account: string;
  /** Secret or parameter (ARN or name) → the ARN of the customer managed key that encrypts it. */
  keys: ReadonlyMap<string, string>;
  /** The task role's own calls the user declares (`--expect dynamodb:PutItem=arn:…`). */
  expected: readonly { action: string; resource: string }[];
}

/**
 * A secret as it is evaluated: ECS strips the JSON key and version it appends; a Secrets Manager
 * name without its random suffix is checked on a suffixed ARN, as IAM sees the real secret.
 */
function secretRequestOf(valueFrom: string, facts: StartupFacts): { action: string; resource: string } {
  const asm = /^(arn:[\w-]+:secretsmanager:[^:]*:[^:]*:secret:[^:]+)/.exec(valueFrom);
  if (asm?.[1]) {
    const secret = /-[A-Za-z0-9]{6}$/.test(asm[1]) ? asm[1] : `${asm[1]}-AbC123`;
    return { action: 'secretsmanager:GetSecretValue', resource: secret };
  }
  if (valueFrom.startsWith('arn:')) return { action: 'ssm:GetParameters', resource: valueFrom };
  return {
    action: 'ssm:GetParameters',
    resource: `arn:aws:ssm:${facts.region}:${facts.account}:parameter/${valueFrom.replace(/^\//, '')}`,
  };
}

/**
 * What a secret or parameter is called, whichever way it was written: a secret's ARN without its
 * random suffix, a parameter's name without the leading slash its ARN drops
 * (`/app/db` is `arn:…:parameter/app/db`). A parameter's name is never cut: `db-passwd` is a name.
 */
function secretIdentity(value: string): string {
  const secret = /^arn:[\w-]+:secretsmanager:[^:]*:[^:]*:secret:(.+?)(-[A-Za-z0-9]{6})?$/.exec(value);
  if (secret?.[1]) return `secret:${secret[1]}`;
  const parameter = /^arn:[\w-]+:ssm:[^:]*:[^:]*:parameter\/(.+)$/.exec(value);
  return `parameter:${(parameter?.[1] ?? value).replace(/^\//, '')}`;
}

/** The customer managed key of a secret, when the user gave describe-secret or describe-parameters output. */
function keyOf(valueFrom: string, resource: string, facts: StartupFacts): string | null {
  const wanted = secretIdentity(resource);
  for (const [secret, key] of facts.keys) {
    if (secret === valueFrom || secret === resource || secretIdentity(secret) === wanted) return key;
  }
  return null;
}

export function startupRequests(definition: TaskDefinitionEvidence, facts: StartupFacts): StartupRequest[] {
  const requests: StartupRequest[] = [];
  const execution = definition.executionRoleArn;
  const add = (request: Omit<StartupRequest, 'role' | 'roleArn'>) => {
    if (execution) requests.push({ role: 'execution-role', roleArn: execution, ...request });
  };
  for (const container of definition.containers) {
    const name = container.name;
    const repository = ecrRepositoryOfImage(container.image ?? '');
    if (repository) {
      add({
        step: 'registry-auth',
        action: 'ecr:GetAuthorizationToken',
        resource: '*',
        container: name,
        why: `container ${name} pulls ${container.image} from a private ECR registry: ECS first gets a registry token`,
      });
      for (const action of [
        'ecr:BatchCheckLayerAvailability',
        'ecr:GetDownloadUrlForLayer',
        'ecr:BatchGetImage',
      ]) {
        add({
          step: 'image-pull',
          action,
          resource: repository,
          container: name,
          why: `container ${name} pulls ${container.image}`,
        });
      }
    }
    if (container.registryCredentials) {
      const secret = secretRequestOf(container.registryCredentials, facts);
      add({
        step: 'registry-auth',
        ...secret,
        container: name,
        why: `container ${name} logs in to its private registry with ${container.registryCredentials}`,
      });
    }
    if (container.logDriver === 'awslogs' && container.logOptions['awslogs-group']) {
      const group = container.logOptions['awslogs-group'];
      const region = container.logOptions['awslogs-region'] ?? facts.region;
      const prefix = container.logOptions['awslogs-stream-prefix'];
      // The stream ECS writes: prefix/container/task-id (a task id stands for any).
      const stream = `${prefix ? `${prefix}/` : ''}${name}/0123456789abcdef0123456789abcdef`;
      const base = `arn:aws:logs:${region}:${facts.account}:log-group:${group}`;
      if (container.logOptions['awslogs-create-group'] === 'true') {
        add({
          step: 'log-delivery',
          action: 'logs:CreateLogGroup',
          resource: `${base}:log-stream:`,
          container: name,
          why: `container ${name} has awslogs-create-group: ECS creates ${group} if it is missing`,
        });
      }
      for (const action of ['logs:CreateLogStream', 'logs:PutLogEvents']) {
        add({
          step: 'log-delivery',
          action,
          resource: `${base}:log-stream:${stream}`,
          container: name,
          why: `container ${name} sends its output to ${group} with awslogs`,
        });
      }
    }
    for (const valueFrom of container.secrets) {
      const secret = secretRequestOf(valueFrom, facts);
      add({
        step: 'secret-injection',
        ...secret,
        container: name,
        why: `container ${name} gets a secret from ${valueFrom}`,
      });
      const key = keyOf(valueFrom, secret.resource, facts);
      if (key) {
        add({
          step: 'secret-injection',
          action: 'kms:Decrypt',
          resource: key,
          container: name,
          why: `${valueFrom} is encrypted with the customer managed key ${key}`,
          via: secret.action.startsWith('ssm:') ? 'ssm' : 'secretsmanager',
        });
      }
    }
    for (const file of container.environmentFiles) {
      add({
        step: 'env-files',
        action: 's3:GetObject',
        resource: file,
        container: name,
        why: `container ${name} reads the environment file ${file}`,
      });
      const bucket = /^(arn:[\w-]+:s3:::[^/]+)\//.exec(file)?.[1];
      if (bucket) {
        add({
          step: 'env-files',
          action: 's3:GetBucketLocation',
          resource: bucket,
          container: name,
          why: `ECS finds the region of the bucket of ${file}`,
        });
      }
    }
  }
  for (const [role, arn] of [
    ['execution-role', execution],
    ['task-role', definition.taskRoleArn],
  ] as const) {
    if (!arn) continue;
    requests.push({
      role,
      roleArn: arn,
      step: 'trust',
      action: 'sts:AssumeRole',
      resource: arn,
      container: null,
      why: `ECS assumes the ${role === 'execution-role' ? 'execution' : 'task'} role as ${TASKS_SERVICE}`,
    });
  }
  const taskRole = definition.taskRoleArn;
  for (const call of facts.expected) {
    if (!taskRole) continue;
    requests.push({
      role: 'task-role',
      roleArn: taskRole,
      step: 'app-call',
      action: call.action,
      resource: call.resource,
      container: null,
      why: `the app calls ${call.action} (declared with --expect)`,
    });
  }
  return requests;
}
