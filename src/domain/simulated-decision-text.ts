/**
 * The IAM policy simulator's verdict, as `aws iam simulate-principal-policy` (or
 * simulate-custom-policy) prints one of its EvaluationResults: the action, the resource, the
 * decision, and whether the organization's SCPs and the permissions boundary allowed it. The
 * simulated principal is not in the result, only in the command's `--policy-source-arn`, which a
 * terminal paste keeps before it (aws-containers/amazon-ecs-exec-checker#70). Read from the words,
 * like a decoded authorization message, so a cut or re-indented paste still reads.
 */
import type { IamDenial, PolicyType } from './iam-denial-message.js';

/** A result the simulator did not allow: the sign that a text is one. */
export const SIMULATED_DENY = /"EvalDecision"\s*:\s*"(implicitDeny|explicitDeny)"/i;

const ACTION = /"EvalActionName"\s*:\s*"([^"\s]+)"/i;
const RESOURCE = /"EvalResourceName"\s*:\s*"([^"\s]+)"/i;
const SOURCE_ARN = /--policy-source-arn[\s=]+["']?(arn:[^\s"']+)/i;
const NOT_BY_ORGANIZATIONS = /"AllowedByOrganizations"\s*:\s*false\b/i;
const NOT_BY_BOUNDARY = /"AllowedByPermissionsBoundary"\s*:\s*false\b/i;
/** A matched statement's policy: `user`, `group`, `role`, `aws-managed`, `user-managed`, `resource` or `none`. */
const SOURCE_POLICY_TYPE = /"SourcePolicyType"\s*:\s*"([\w-]+)"/i;

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
    policyType: simulatedPolicyType(text, explicitDeny),
    explicitDeny,
    policyArn: null,
    authorizationId: null,
    detailsUrl: null,
  };
}

/**
 * Which policy decided: the organization's SCPs or the boundary when the simulator says they did
 * not allow it; else, for an explicit deny, the matched statement's policy; else no identity
 * policy of the principal allowed it.
 */
function simulatedPolicyType(text: string, explicitDeny: boolean): PolicyType {
  if (NOT_BY_ORGANIZATIONS.test(text)) return 'scp';
  if (NOT_BY_BOUNDARY.test(text)) return 'boundary';
  const source = explicitDeny ? SOURCE_POLICY_TYPE.exec(text)?.[1]?.toLowerCase() : undefined;
  return source === 'resource' ? 'resource' : 'identity';
}
