/**
 * The policies the user gave (--policies), keyed so that the evidence's principals and
 * resources find them: a role's session ARN, its role ARN with or without an IAM path, and
 * an IAM user ARN all meet at the same key.
 */

/** A statement as AWS stores it: any element may be a string or a list, and Sid may be missing. */
export type PolicyStatementJson = Record<string, unknown> & { Sid?: string; Effect?: string };

export interface PolicyJson {
  Version?: string;
  Id?: string;
  Statement: PolicyStatementJson[];
}

export interface NamedPolicy {
  name: string;
  document: PolicyJson;
  /** `file#pointer` of the document, for citing it. */
  origin: string;
}

export interface KnownPolicies {
  /** principalKey → inline and attached managed (default version) policies. */
  identity: Map<string, NamedPolicy[]>;
  /** principalKey → permissions boundary document. */
  boundaries: Map<string, NamedPolicy>;
  /** principalKey(roleArn) → trust (assume role) policy. */
  trust: Map<string, NamedPolicy>;
  /** Service control policies, applied to every account because the OU path is unknown. */
  scps: NamedPolicy[];
  /**
   * SCPs level by level when the account's place in the organization is known (read live):
   * the root first, the account last. Each level must allow, so these replace `scps`.
   */
  scpLevels?: ScpLevel[];
  rcps: NamedPolicy[];
  /** RCPs level by level over the resource's account (read live), root first; replace `rcps`. */
  rcpLevels?: ScpLevel[];
  /** VPC endpoint id (vpce-…) → its policy, for a request whose aws:SourceVpce is that endpoint. */
  endpoints?: Map<string, NamedPolicy>;
  /**
   * The organization of the principals whose policies were given (describe-organization, or the
   * organization of the SCPs given): the aws:PrincipalOrgID an organization perimeter reads.
   */
  organizationId?: string;
  /** The principals' account is in no organization: aws:PrincipalOrgID is absent, and known to be. */
  noOrganization?: boolean;
  /** Resource ARN → resource policy (bucket, KMS key, ECR repository, secret, queue, topic). */
  resources: Map<string, NamedPolicy>;
}

export interface ScpLevel {
  /** The root, OU or account id the policies are attached to. */
  target: string;
  policies: NamedPolicy[];
}

export function emptyPolicies(): KnownPolicies {
  return {
    identity: new Map(),
    boundaries: new Map(),
    trust: new Map(),
    scps: [],
    rcps: [],
    resources: new Map(),
  };
}

/** Account placeholder for a role known only by name (get-role-policy prints no account). */
export const UNKNOWN_ACCOUNT = '?';

const PRINCIPAL_ARN = /^arn:[\w-]+:(iam|sts)::(\d{12}|[^:]*):(role|user|assumed-role)\/(.+)$/i;

/**
 * `<account>:<name>`, lower-cased: IAM names are case-insensitive, and an assumed-role session
 * omits the role's path, so the path is dropped everywhere for the two to meet.
 */
export function principalKey(arn: string): string {
  const match = PRINCIPAL_ARN.exec(arn.trim());
  if (!match) return arn.trim().toLowerCase();
  const [, , account, kind, rest] = match as unknown as [string, string, string, string, string];
  const parts = rest.split('/');
  // assumed-role/<name>/<session>; role/<path>/<name>; user/<path>/<name>
  const name = kind.toLowerCase() === 'assumed-role' ? parts[0] : parts[parts.length - 1];
  return `${account}:${name ?? ''}`.toLowerCase();
}

/** The key a role gets when only its name is known. */
export function nameOnlyKey(name: string): string {
  return `${UNKNOWN_ACCOUNT}:${name}`.toLowerCase();
}

/** Looks a principal up by its full key, then by its name alone (policies read without an account). */
export function lookupPrincipal<T>(map: Map<string, T>, arn: string): T | undefined {
  const key = principalKey(arn);
  const exact = map.get(key);
  if (exact !== undefined) return exact;
  const name = key.slice(key.indexOf(':') + 1);
  return map.get(nameOnlyKey(name));
}

/**
 * The key a resource's policy is stored under: an S3 object or prefix belongs to its bucket's
 * policy; everything else is its own ARN.
 */
export function resourcePolicyKey(resourceArn: string): string {
  const s3 = /^(arn:[\w-]+:s3:::[^/]+)(\/.*)?$/.exec(resourceArn);
  if (s3?.[1]) return s3[1];
  return resourceArn;
}

/** A secret's ARN without its random 6-character suffix, so a partial ARN finds the full one. */
function secretStem(arn: string): string | null {
  const match = /^(arn:[\w-]+:secretsmanager:[^:]*:[^:]*:secret:.+?)(-[A-Za-z0-9]{6})?$/.exec(arn);
  return match?.[1] ?? null;
}

export function lookupResourcePolicy(policies: KnownPolicies, resourceArn: string): NamedPolicy | undefined {
  const key = resourcePolicyKey(resourceArn);
  const exact = policies.resources.get(key);
  if (exact) return exact;
  const stem = secretStem(key);
  if (stem === null) return undefined;
  for (const [arn, policy] of policies.resources) if (secretStem(arn) === stem) return policy;
  return undefined;
}
