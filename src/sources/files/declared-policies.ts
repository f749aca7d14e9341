/**
 * Policies that infrastructure code declares (a CloudFormation template's roles, a Terraform
 * plan's): they join the policies given with --policies, keyed the same way, so a check can
 * predict from the template alone when it holds the roles.
 */
import { type KnownPolicies, type NamedPolicy, principalKey } from '../../domain/known-policies.js';

/** A policy the deployed stack will hold, for one of its roles. */
export interface DeclaredPolicy {
  kind: 'identity' | 'trust';
  roleArn: string;
  policy: NamedPolicy;
}

/** The given policies plus the declared ones; a trust policy given with --policies wins over the declared one. */
export function withDeclaredPolicies(
  given: KnownPolicies,
  declared: readonly DeclaredPolicy[],
): KnownPolicies {
  const identity = new Map([...given.identity].map(([key, list]) => [key, [...list]]));
  const trust = new Map(given.trust);
  for (const { kind, roleArn, policy } of declared) {
    const key = principalKey(roleArn);
    if (kind === 'trust') {
      if (!trust.has(key)) trust.set(key, policy);
      continue;
    }
    identity.set(key, [...(identity.get(key) ?? []), policy]);
  }
  return { ...given, identity, trust };
}
