/**
 * The service a refused iam:PassRole was passing its role to. IAM's sentence names only the role;
 * the call that carried it names the service (a CloudTrail record's eventSource, an SDK error's
 * "operation error Bedrock: PutModelInvocationLoggingConfiguration"). A fix conditioned on
 * iam:PassedToService must name that service's principal, or it allows nothing the caller asked.
 */
import { servicePrefixFromEventSource } from './action-catalog.js';
import { TASKS_SERVICE } from './ecs-steps.js';
import { roleNameFromArn } from './principal.js';

/** Services whose principal is not `<prefix>.amazonaws.com`. */
const PRINCIPAL_OF_SERVICE: Record<string, string> = {
  ecs: TASKS_SERVICE,
};

/** Not a service a role is passed to: the pass itself, or a token call. */
const NO_TARGET = new Set(['iam', 'sts']);

/**
 * The principal of the service the call passed the role to, or null when nothing names the call's
 * service (IAM's sentence alone: see passedRoleIsTasks).
 */
export function passRoleTarget(eventSource: string | null, services: string[]): string | null {
  const prefix = eventSource ? servicePrefixFromEventSource(eventSource) : (services[0] ?? null);
  if (!prefix || NO_TARGET.has(prefix.toLowerCase())) return null;
  const service = prefix.toLowerCase();
  return PRINCIPAL_OF_SERVICE[service] ?? `${service}.amazonaws.com`;
}

/**
 * With IAM's sentence alone, the passed role still tells ECS when a task definition among the
 * inputs gives it a job, or when its name says it is a task's (AWS's `ecsTaskExecutionRole`,
 * CDK's `TaskDefTaskRole…`, Copilot's `…-TaskRole-…`). Any other role (Copilot's
 * `CFNExecutionRole`, a Lambda's role) may be passed to any service: guessing ECS there would
 * write a fix conditioned on the wrong service, which allows nothing the caller asked.
 */
export function passedRoleIsTasks(roleArn: string | null, hasTaskDefinitionJob: boolean): boolean {
  if (hasTaskDefinitionJob) return true;
  if (!roleArn?.includes(':role/')) return false;
  return /ecs|task/i.test(roleNameFromArn(roleArn));
}
