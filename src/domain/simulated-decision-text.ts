/**
 * The IAM policy simulator's verdict, as `aws iam simulate-principal-policy` prints one of its
 * EvaluationResults: the action, the resource, the decision, and whether the organization's SCPs
 * allowed it. The simulated principal is not in the result, only in the command's
 * `--policy-source-arn`, which a terminal paste keeps before it (aws-containers/amazon-ecs-exec-checker#70;
 * the AWS CLI's own example, examples/iam/simulate-principal-policy.rst). Read from the words, like
 * a decoded authorization message, so a cut or re-indented paste still reads.
 */
import type { IamDenial } from './iam-denial-message.js';

/** A result the simulator did not allow: the sign that a text is one. */
export const SIMULATED_DENY = /"EvalDecision"\s*:\s*"(implicitDeny|explicitDeny)"/i;

const ACTION = /"EvalActionName"\s*:\s*"([^"\s]+)"/i;
const RESOURCE = /"EvalResourceName"\s*:\s*"([^"\s]+)"/i;
const SOURCE_ARN = /--policy-source-arn[\s=]+["']?(arn:[^\s"']+)/i;
const NOT_BY_ORGANIZATIONS = /"AllowedByOrganizations"\s*:\s*false\b/i;

/** The refusal a pasted simulator result describes, or null when the text holds none. */
export function simulatedDenialOf(text: string): IamDenial | null {
  const decision = SIMULATED_DENY.exec(text)?.[1];
  const action = ACTION.exec(text)?.[1];
  if (!decision || !action) return null;
  const explicitDeny = decision.toLowerCase() === 'explicitdeny';
  const resource = RESOURCE.exec(text)?.[1];
  return {
    principal: SOURCE_ARN.exec(text)?.[1] ?? null,
    action,
    actionMayBeCut: false,
    resource: resource && resource !== '*' ? resource : null,
    // The organization's SCPs when the simulator says they did not allow it; else the principal's
    // own policies, which are what it simulates.
    policyType: NOT_BY_ORGANIZATIONS.test(text) ? 'scp' : 'identity',
    explicitDeny,
    policyArn: null,
    authorizationId: null,
    detailsUrl: null,
  };
}
