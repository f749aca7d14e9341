/**
 * Which policy denied the request, in words that tell the engineer what must change: an
 * explicit deny in an SCP, RCP, boundary, session or endpoint policy cannot be fixed by
 * adding an Allow to the role.
 */
import type { PolicyType } from './iam-denial-message.js';

const POLICY_NAMES: Record<PolicyType, string> = {
  identity: 'identity-based policy',
  resource: 'resource-based policy',
  scp: 'service control policy (SCP)',
  rcp: 'resource control policy (RCP)',
  boundary: 'permissions boundary',
  session: 'session policy',
  'vpc-endpoint': 'VPC endpoint policy',
};

export function policyName(type: PolicyType): string {
  return POLICY_NAMES[type];
}

export interface PolicyFacts {
  policyType: PolicyType | null;
  explicitDeny: boolean | null;
  policyArn: string | null;
  action: string | null;
  resource: string | null;
  roleName: string | null;
  /** An IAM user's name when the caller is a user (a deployer), not a role. */
  userName?: string | null;
}

/** One sentence saying which policy denied and where the change must go. */
export function policyReason(facts: PolicyFacts): string | null {
  const { policyType, explicitDeny, policyArn, action, resource, roleName } = facts;
  const userName = roleName ? null : (facts.userName ?? null);
  // The resource is a field of its own; repeating a long ARN here would bury the sentence.
  const what = `${action ?? 'the call'}${resource ? ` on ${resource === '*' ? '*' : 'this resource'}` : ''}`;
  const named = policyArn ? ` (${policyArn})` : '';
  const role = roleName ? `role ${roleName}` : userName ? `user ${userName}` : 'the role';
  const whose = userName ? "the user's" : "the role's";
  const own = `${whose} policy`;
  if (policyType === null) {
    if (explicitDeny) {
      return `an explicit deny blocks ${what}; the message does not say which policy holds it, so look at ${whose} policies, its permissions boundary, SCPs and the resource's policy: no Allow can override it`;
    }
    return null;
  }
  const name = POLICY_NAMES[policyType];
  if (explicitDeny) {
    if (policyType === 'identity') {
      return `a Deny statement in an identity-based policy of ${role}${named} blocks ${what}: remove or narrow that Deny; adding an Allow will not help`;
    }
    if (policyType === 'resource') {
      return `the resource's own policy${named} explicitly denies ${what}: that policy must change; no Allow in ${role} can fix it`;
    }
    return `an explicit deny in a ${name}${named} blocks ${what}: no Allow in ${role} can fix it; the ${name} must change to permit it`;
  }
  switch (policyType) {
    case 'identity':
      return `no identity-based policy of ${role} allows ${what}: add an Allow statement to ${own}`;
    case 'resource':
      return `the resource's policy (a KMS key policy, repository, bucket, queue or secret policy) does not allow ${role} ${what}: grant it there (and in ${own} for cross-account access)`;
    case 'boundary':
      return `the permissions boundary${named} of ${role} does not allow ${what}: the boundary must allow it as well as ${own}`;
    case 'session':
      return `the session policy passed when ${userName ? 'the session was made' : 'the role was assumed'} does not allow ${what}: widen the session policy`;
    case 'vpc-endpoint':
      return `the VPC endpoint policy${named} of the endpoint the call went through does not allow ${what}: allow it in the endpoint policy`;
    default:
      return `no ${name}${named} allows ${what}: the ${name} must allow it; an Allow in ${role} alone is not enough`;
  }
}

/** How the message says the policy denied: an explicit deny, no Allow, or null when it does not say. */
export function denyWords(explicitDeny: boolean | null): string | null {
  if (explicitDeny === true) return 'explicit deny';
  return explicitDeny === false ? 'no Allow (implicit deny)' : null;
}
