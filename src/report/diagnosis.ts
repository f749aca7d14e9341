/**
 * A finding in one sentence an on-call engineer can paste: who cannot do what, which policy
 * says no, and since which revision.
 */
import type { Finding } from '../domain/analysis.js';
import { type EcsDuty, ecsPrincipalWords } from '../domain/ecs-principals.js';
import { TASKS_SERVICE } from '../domain/ecs-steps.js';
import { policyName } from '../domain/policy-verdict.js';
import { parsePrincipal, resourceAfterAccount, roleNameFromArn } from '../domain/principal.js';

/** ECS's own principal and its duty, when one of them was denied (its infrastructure role, …). */
function dutyOf(finding: Finding): EcsDuty | null {
  return finding.ecsDuty ?? null;
}

function who(finding: Finding): string {
  const name = finding.roleArn ? roleNameFromArn(finding.roleArn) : null;
  const principal = finding.principalArn ? parsePrincipal(finding.principalArn) : null;
  if (finding.step === 'trust') return name ? `The role ${name}` : 'The role';
  const duty = dutyOf(finding);
  if (duty) {
    const words = ecsPrincipalWords(duty);
    return `${words[0]?.toUpperCase()}${words.slice(1)}${name && duty.principal !== 'fargate-service' ? ` ${name}` : ''}`;
  }
  if (finding.role === 'execution-role') return name ? `The execution role ${name}` : 'The execution role';
  if (finding.role === 'task-role') {
    if (principal?.sessionKind === 'instance')
      return `The app, running as the EC2 instance role ${name} because the task has no task role,`;
    return name ? `The task role ${name}` : "The task's app";
  }
  if (principal?.type === 'assumed-role' && principal.roleName) return `The role ${principal.roleName}`;
  if (principal?.type === 'user') return `The IAM user ${finding.principalArn?.split('/').pop()}`;
  return finding.principalArn ?? 'A principal outside the task';
}

/** The resource as people say it: the part of the ARN after the account (`key/1234...`, `bucket/key`). */
function shortResource(resource: string | null): string {
  if (!resource) return '';
  if (resource === '*') return '';
  return ` ${resourceAfterAccount(resource)}`;
}

function what(finding: Finding): string {
  const target = shortResource(finding.resource);
  const duty = dutyOf(finding);
  if (duty) {
    const call =
      finding.step === 'pass-role'
        ? `may not pass${target} to EC2`
        : `is denied ${finding.action ?? 'the call'}${target ? ` on${target}` : ''}`;
    return `${call} while ${duty.doing}`;
  }
  switch (finding.step) {
    case 'image-pull':
      return `cannot pull the image${target ? ` from${target}` : ''}`;
    case 'registry-auth':
      return 'cannot get the registry credentials to pull the image';
    case 'log-delivery': {
      const group = /:log-group:([^:]+)/.exec(finding.resource ?? '')?.[1];
      return `cannot deliver the task's logs${group ? ` to log group ${group}` : target ? ` to${target}` : ''}`;
    }
    case 'secret-injection':
      return finding.action === 'kms:Decrypt'
        ? `cannot decrypt a secret with${target || ' its KMS key'}`
        : `cannot read the secret${target}`;
    case 'env-files':
      return `cannot read the environment file${target}`;
    case 'efs':
      return `cannot mount the EFS file system${target}`;
    case 'exec':
      return 'cannot open an ECS Exec session';
    case 'trust':
      return 'cannot be assumed by ECS';
    case 'pass-role':
      return finding.passedToService === null
        ? `may not pass${target || ' the role'}`
        : `may not pass${target} to ${finding.passedToService ?? 'ECS'}`;
    default:
      return `is denied ${finding.action ?? 'the call'}${target ? ` on${target}` : ''}`;
  }
}

/** The service the trust fix names (the analysis decided it); a view does not read the evidence again. */
function trustedService(finding: Finding): string {
  const principal = finding.fix?.policy?.Statement[0]?.Principal;
  return typeof principal === 'object' && 'Service' in principal ? principal.Service : TASKS_SERVICE;
}

function whichPolicy(finding: Finding): string {
  const action = finding.action ?? 'the call';
  if (finding.step === 'trust')
    return `its trust policy must let ${trustedService(finding)} call sts:AssumeRole`;
  if (finding.explicitDeny && finding.policyType) {
    return `an explicit deny in the ${policyName(finding.policyType)}${finding.policyArn ? ` ${finding.policyArn}` : ''} blocks ${action}, and no Allow can fix that`;
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
