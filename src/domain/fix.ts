/**
 * The smallest change that makes a denied request succeed, and where it goes: the role's own
 * policy, a KMS key or ECR repository policy, the role's trust policy, the deployer's policy,
 * or, for an explicit deny in an SCP, RCP, boundary, session or endpoint policy, no Allow at
 * all but the policy that must change.
 */

/** The placeholders fix synthesis leaves (`${BucketName}`); IAM policy variables (`${aws:username}`) have a colon and are not ours. */
export const PLACEHOLDER = /\$\{([A-Za-z][A-Za-z0-9]*)\}/g;

/** Placeholder names in a part's target and policy, in order of first appearance. */
export function placeholdersIn(part: Pick<FixPart, 'target' | 'policy'>): string[] {
  const text = `${part.target ?? ''} ${JSON.stringify(part.policy ?? {})}`;
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1] ?? ''))];
}

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  /** `"*"`: everyone the other policies allow (a VPC endpoint policy takes nothing else). */
  Principal?: { AWS: string } | { Service: string } | '*';
  Action: string[];
  Resource: string[] | string;
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

export type Placement =
  /** An inline or managed policy of the denied role (or user). */
  | 'identity-policy'
  /** The KMS key's key policy. */
  | 'key-policy'
  /** The ECR repository's policy, in the registry's account. */
  | 'repository-policy'
  /** Another resource's policy (bucket, secret, queue, topic). */
  | 'resource-policy'
  /** The role's trust policy (who may assume it). */
  | 'trust-policy'
  /** The policy of whoever registers task definitions or runs tasks. */
  | 'deployer-policy'
  /** An explicit deny no Allow can override: the named policy must change instead. */
  | 'policy-change';

export interface FixPart {
  placement: Placement;
  /** What to attach it to: a role ARN, a key or repository ARN, or the denying policy's ARN. */
  target: string | null;
  /** The statements to add; empty for a policy-change, which says what to change instead. */
  policy: PolicyDocument | null;
  /** One sentence on what to do with it. */
  instruction: string;
}

export interface Verification {
  /** true: the denial reproduces with the known policies and the fix allows it; false: it does not; null: not checked. */
  verified: boolean | null;
  reason: string;
}

export interface Fix extends FixPart, Verification {
  /** Further changes the same denial needs (a cross-account pull needs both sides). */
  alsoRequired: FixPart[];
}
