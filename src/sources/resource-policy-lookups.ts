/**
 * The resource policies a denial names: a key, repository or bucket whose own policy denied
 * the call explicitly ("with an explicit deny in a resource-based policy"). Their writes
 * (PutKeyPolicy, SetRepositoryPolicy, PutBucketPolicy, a key disabled) are recorded in the
 * resource's region, so they are looked up there by the resource's name. Only then: an
 * implicit refusal ("because no resource-based policy allows", KMS's usual one) is as often
 * the role's own policy missing the grant, whose writes the role lookups read already, and a
 * 3-task incident must stay within its 5 calls; and only for a role none of whose own policy
 * writes were found, so an incident of identity denials costs no call more.
 */
import type { Evidence } from '../domain/evidence.js';
import { findIamDenials } from '../domain/iam-denial-message.js';
import { parsePrincipal } from '../domain/principal.js';
import type { PlannedLookup } from './lookup-plan.js';

/** At most this many resources' writes are looked up: each is one LookupEvents call or more. */
const MAX_RESOURCES = 3;

function messagesOf(item: Evidence): string[] {
  if (item.kind === 'cloudtrail-record') return item.call.errorMessage ? [item.call.errorMessage] : [];
  if ('message' in item && typeof item.message === 'string') return [item.message];
  return [];
}

/** The name LookupEvents finds the resource's policy writes by, in the region read, or null. */
export function resourceLookupName(arn: string, region: string | null): string | null {
  const kms = /^arn:aws[\w-]*:kms:([\w-]+):\d{12}:key\/[\w-]+$/.exec(arn);
  const ecr = /^arn:aws[\w-]*:ecr:([\w-]+):\d{12}:repository\/\S+$/.exec(arn);
  const regional = kms ?? ecr;
  // A resource in another region records its writes there: not in the region this run reads.
  if (regional) return !region || regional[1] === region ? arn : null;
  // S3 ARNs name no region; the request names the bucket.
  return /^arn:aws[\w-]*:s3:::([^/\s]+)/.exec(arn)?.[1] ?? null;
}

export function resourceChangeLookups(
  evidence: Evidence[],
  region: string | null,
  /** Roles whose own policy writes were found: their resource denials are not looked up. */
  rolesWithWrites: Set<string> = new Set(),
): PlannedLookup[] {
  const names = new Set<string>();
  for (const item of evidence) {
    for (const message of messagesOf(item)) {
      for (const denial of findIamDenials(message)) {
        if (denial.policyType !== 'resource' || denial.explicitDeny !== true || !denial.resource) continue;
        const role = denial.principal ? parsePrincipal(denial.principal).roleName : null;
        if (role && rolesWithWrites.has(role)) continue;
        const name = resourceLookupName(denial.resource, region);
        if (name) names.add(name);
      }
    }
  }
  return [...names].slice(0, MAX_RESOURCES).map((value) => ({
    attribute: 'ResourceName',
    value,
    place: 'regional',
    purpose: 'resource-changes',
  }));
}
