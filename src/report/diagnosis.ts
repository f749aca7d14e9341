/**
 * A finding in one sentence an on-call engineer can paste: who cannot do what, which policy
 * says no, and since which revision.
 */
import type { Finding } from '../domain/analysis.js';
import { policyName } from '../domain/policy-verdict.js';
import { roleNameFromArn } from '../domain/principal.js';

function who(finding: Finding): string {
  const name = finding.roleArn ? roleNameFromArn(finding.roleArn) : null;
  if (finding.role === 'execution-role') return name ? `The execution role ${name}` : 'The execution role';
  if (finding.role === 'task-role') return name ? `The task role ${name}` : "The task's app";
  return finding.principalArn ?? (name ? `Role ${name}` : 'A principal outside the task');
}

/** The resource's name as people say it: the part after the ARN's type. */
function shortResource(resource: string | null): string {
  if (!resource) return '';
  if (resource === '*') return '';
  const afterType = /^arn:[^:]*:[^:]*:[^:]*:[^:]*:(?:[^/:]+[/:])?(.+)$/.exec(resource)?.[1];
  return afterType ? ` ${afterType}` : ` ${resource}`;
}

function what(finding: Finding): string {
  const target = shortResource(finding.resource);
  switch (finding.step) {
    case 'image-pull':
      return `cannot pull the image${target ? ` from${target}` : ''}`;
    case 'registry-auth':
      return 'cannot get the registry credentials to pull the image';
    case 'log-delivery':
      return `cannot deliver the task's logs${target ? ` to${target}` : ''}`;
    case 'secret-injection':
      return `cannot read the secret${target}`;
    case 'env-files':
      return `cannot read the environment file${target}`;
    case 'efs':
      return `cannot mount the EFS file system${target}`;
    case 'exec':
      return 'cannot open an ECS Exec session';
    case 'trust':
      return `cannot be assumed by ECS`;
    case 'pass-role':
      return `may not pass${target} to ECS`;
    default:
      return `is denied ${finding.action ?? 'the call'}${target ? ` on${target}` : ''}`;
  }
}

function whichPolicy(finding: Finding): string {
  const action = finding.action ?? 'the call';
  if (finding.explicitDeny && finding.policyType) {
    return `an explicit deny in a ${policyName(finding.policyType)}${finding.policyArn ? ` (${finding.policyArn})` : ''} blocks ${action}, and no Allow can fix that`;
  }
  if (finding.explicitDeny) return `an explicit deny blocks ${action}`;
  if (finding.policyType) return `no ${policyName(finding.policyType)} allows ${action}`;
  return `${action} is not allowed (the message does not say by which policy)`;
}

export function diagnosisSentence(finding: Finding): string {
  const subject =
    finding.step === 'trust' && finding.roleArn
      ? `The role ${roleNameFromArn(finding.roleArn)}`
      : who(finding);
  let sentence = `${subject} ${what(finding)}: ${whichPolicy(finding)}.`;
  const change = finding.revisionChange?.changes[0];
  if (finding.taskDefinition && change)
    sentence += ` Introduced in ${finding.taskDefinition}, where ${change}.`;
  return sentence;
}
