/**
 * Live verification: the denied roles' policies read from IAM, and the key, repository and
 * secret policies on each request's path, go through the same local check as --policies, then
 * IAM's own simulator checks each identity-policy fix. IAM's word
 * wins where the two differ (it sees SCPs and policies whydenied may not read), and the
 * reason says so.
 */
import type { AwsClients } from '../aws/clients.js';
import { type AwsProblem, warningOf } from '../aws/errors.js';
import type { Finding } from '../domain/analysis.js';
import type { InputWarning } from '../domain/evidence.js';
import type { Fix } from '../domain/fix.js';
import {
  type KnownPolicies,
  principalKey,
  resourcePolicyKey,
  type ScpLevel,
} from '../domain/known-policies.js';
import { accountOfArn } from '../domain/principal.js';
import { type IamVerdict, simulateWithIam } from './iam-simulate-live.js';
import type { EndpointRead } from './live-endpoint-policies.js';
import type { AccountScps, CallerOrganization, OrganizationPolicyType } from './live-org-policies.js';
import { fetchRolePolicies, type RolePolicies, roleArnOf } from './live-policies.js';
import { DISAGREE } from './simulate.js';
import { cloudTrailRecordOf, verifyFindings } from './verify-findings.js';

export interface LiveVerifyOptions {
  /** Receives the IAM reads whydenied could not make (the permission to add), as input warnings. */
  warnings?: InputWarning[];
}

/**
 * The role whose policies decide the finding: the assumed role for a trust denial, else the
 * denied session's role. A user (a deployer) is not read here; IAM's simulator reads it.
 */
function deniedRole(finding: Finding): string | null {
  if (finding.step === 'trust' || !finding.principalArn) return roleArnOf(finding.roleArn ?? '');
  return roleArnOf(finding.principalArn);
}

/** An IAM user denied iam:PassRole: a deployer whose policies only IAM's simulator evaluates. */
function deployerUser(finding: Finding): string | null {
  const target = finding.fix?.placement === 'deployer-policy' ? finding.fix.target : null;
  return target && /^arn:[\w-]+:iam::\d{12}:user\//.test(target) ? target : null;
}

type Local = { verified: boolean | null; reason: string };

/** Whether a policy read on a request's path has an organization condition (aws:PrincipalOrgID, aws:PrincipalOrgPaths). */
function readsOrganization(policies: KnownPolicies, guardrails: AccountScps[]): boolean {
  const documents = [
    ...[...policies.identity.values()].flat(),
    ...policies.boundaries.values(),
    ...policies.resources.values(),
    ...(policies.endpoints?.values() ?? []),
    ...guardrails.flatMap((read) => (read.ok ? read.levels.flatMap((level) => level.policies) : [])),
  ];
  return documents.some((policy) => /aws:PrincipalOrg(ID|Paths)/i.test(JSON.stringify(policy.document)));
}

/** The organization of whydenied's own account; Organizations' SDK loads only when needed. */
async function readCallerOrganization(clients: Pick<AwsClients, 'other'>): Promise<CallerOrganization> {
  const { fetchCallerOrganization } = await import('./live-org-policies.js');
  return fetchCallerOrganization(clients);
}

/**
 * The organization of an account whose SCPs were read: a customer SCP's ARN names it
 * (arn:aws:organizations::<management>:policy/o-…/service_control_policy/p-…), and the account
 * is in it, the aws:PrincipalOrgID of its roles.
 */
function organizationOf(levels: ScpLevel[]): string | null {
  for (const policy of levels.flatMap((level) => level.policies)) {
    const organization = /^arn:[\w-]+:organizations::\d{12}:policy\/(o-[a-z0-9]{10,32})\//.exec(
      policy.name,
    )?.[1];
    if (organization) return organization;
  }
  return null;
}

function combine(local: Local, iam: IamVerdict): Local {
  if (iam.verified === null) {
    return { verified: local.verified, reason: `${local.reason}; ${iam.reason}` };
  }
  if (local.verified === null) {
    return { verified: iam.verified, reason: `${iam.reason} (${local.reason})` };
  }
  if (local.verified === iam.verified) {
    return {
      verified: iam.verified,
      reason: iam.verified
        ? `verified locally and by IAM's simulator: ${local.reason}; ${iam.reason}`
        : `${iam.reason}; locally: ${local.reason}`,
    };
  }
  return {
    verified: iam.verified,
    reason: `IAM's simulator disagrees with the local check, and IAM decides: ${iam.reason}; locally: ${local.reason}`,
  };
}

function unreadableReason(why: string): Local {
  return { verified: null, reason: `not verified: ${why}` };
}

/** The resources whose own policy decides with the role's: the denied one and where the fix goes. */
const POLICY_PLACEMENTS = new Set(['key-policy', 'repository-policy', 'resource-policy']);
/** The services whose resource policies are read live (live-resource-policies.ts). */
const LIVE_POLICY_ARN = /^arn:[\w-]+:(kms|ecr|secretsmanager|s3):/;

function policyResources(finding: Finding): string[] {
  const fix = finding.fix;
  if (!fix || finding.step === 'trust') return [];
  const targets = [fix, ...fix.alsoRequired]
    .filter((part) => POLICY_PLACEMENTS.has(part.placement))
    .flatMap((part) => (part.target ? [part.target] : []));
  const arns = [...(finding.resource ? [finding.resource] : []), ...targets];
  return [...new Set(arns.map(resourcePolicyKey))].filter((arn) => LIVE_POLICY_ARN.test(arn));
}

/** The VPC endpoint a finding's CloudTrail record says the request went through, and its region. */
function endpointOf(finding: Finding): EndpointRead | null {
  const record = cloudTrailRecordOf(finding) as { vpcEndpointId?: unknown; awsRegion?: unknown } | null;
  const id = record?.vpcEndpointId;
  if (typeof id !== 'string' || !/^vpce-[0-9a-f]+$/.test(id)) return null;
  return { id, region: typeof record?.awsRegion === 'string' ? record.awsRegion : null };
}

async function readEndpointPolicies(
  findings: Finding[],
  clients: Pick<AwsClients, 'other'>,
  policies: KnownPolicies,
): Promise<{ warnings: InputWarning[]; unreadable: Map<string, string> }> {
  const reads = findings.flatMap((finding) => {
    const endpoint = finding.fix ? endpointOf(finding) : null;
    return endpoint ? [endpoint] : [];
  });
  if (reads.length === 0) return { warnings: [], unreadable: new Map() };
  const { fetchEndpointPolicies } = await import('./live-endpoint-policies.js');
  const read = await fetchEndpointPolicies(clients, reads);
  policies.endpoints = read.endpoints;
  return { warnings: read.warnings, unreadable: read.unreadable };
}

/** SCPs over the roles' accounts, or RCPs over the resources'; Organizations' SDK loads only when needed. */
async function readOrganizationPolicies(
  arns: string[],
  clients: Pick<AwsClients, 'other'>,
  type: OrganizationPolicyType,
): Promise<Map<string, AccountScps>> {
  const accounts = [...new Set(arns.flatMap((arn) => accountOfArn(arn) ?? []))];
  if (accounts.length === 0) return new Map();
  const { fetchAccountScps } = await import('./live-org-policies.js');
  return fetchAccountScps(clients, accounts, type);
}

export interface LivePolicies extends RolePolicies {
  /** resourcePolicyKey → why that resource's policy is not in `policies`. */
  resourcesUnreadable: Map<string, string>;
}

/**
 * The roles' policies from IAM and the resource policies on their requests' path, read into the
 * one set the local check sees (`verifyFindingsLive`, and `whydenied check`'s live reader); what
 * cannot be read is a warning naming the permission. The resource SDKs load only when needed.
 */
export async function readLivePolicies(
  clients: Pick<AwsClients, 'iam' | 'other'>,
  roleArns: string[],
  resourceArns: string[],
): Promise<LivePolicies> {
  const roles = await fetchRolePolicies(clients.iam, roleArns);
  if (resourceArns.length === 0) return { ...roles, resourcesUnreadable: new Map() };
  const { fetchResourcePolicies } = await import('./live-resource-policies.js');
  const read = await fetchResourcePolicies(clients, resourceArns);
  for (const [key, policy] of read.resources) roles.policies.resources.set(key, policy);
  return { ...roles, warnings: [...roles.warnings, ...read.warnings], resourcesUnreadable: read.unreadable };
}

/**
 * The fix as IAM's simulator finds it, its verdict combined with the local one (`local`), and
 * the simulator call that failed, if one did. `arn`: the principal to simulate, when the
 * finding's own ARN lacks the role's path.
 */
export async function checkedByIam(
  iam: AwsClients['iam'],
  finding: Finding,
  fix: Fix,
  local: Local,
  arn?: string,
): Promise<{ fix: Fix; problem: AwsProblem | undefined }> {
  const verdict = await simulateWithIam(iam, finding, fix, arn);
  return { fix: { ...fix, ...combine(local, verdict) }, problem: verdict.problem };
}

export async function verifyFindingsLive(
  findings: Finding[],
  clients: Pick<AwsClients, 'iam' | 'other'>,
  options: LiveVerifyOptions = {},
): Promise<Finding[]> {
  // Worked out once per finding: every read, the guardrails and both checks below go by it.
  const roleOf = findings.map((finding) => (finding.fix ? deniedRole(finding) : null));
  const roles = [...new Set(roleOf.filter((role): role is string => role !== null))];
  if (roles.length === 0 && !findings.some((finding) => deployerUser(finding))) return findings;
  const iam = clients.iam;
  const { policies, warnings, unreadable, arns, resourcesUnreadable } = await readLivePolicies(
    clients,
    roles,
    [...new Set(findings.flatMap(policyResources))],
  );
  options.warnings?.push(...warnings);
  const throughEndpoints = await readEndpointPolicies(findings, clients, policies);
  options.warnings?.push(...throughEndpoints.warnings);
  const scps = await readOrganizationPolicies(roles, clients, 'SERVICE_CONTROL_POLICY');
  const rcps = await readOrganizationPolicies(
    findings.flatMap((finding) => (finding.fix && finding.resource ? [finding.resource] : [])),
    clients,
    'RESOURCE_CONTROL_POLICY',
  );
  // Each finding sees the SCPs over its role's account and the RCPs over its resource's account.
  const guardrailsOf = findings.map((finding, index) => {
    const role = roleOf[index];
    return {
      over: role ? scps.get(accountOfArn(role) ?? '') : undefined,
      overResource: rcps.get(accountOfArn(finding.resource ?? '') ?? ''),
    };
  });
  const caller = readsOrganization(policies, [...scps.values(), ...rcps.values()])
    ? await readCallerOrganization(clients)
    : null;
  const local: Finding[] = [];
  for (const [index, finding] of findings.entries()) {
    const { over, overResource } = guardrailsOf[index] ?? {};
    const role = roleOf[index] ?? null;
    // IAM reads only the roles of whydenied's own account: a role read is in the caller's organization.
    const readRole =
      role !== null && policies.identity.has(principalKey(role)) && !unreadable.has(principalKey(role));
    const fromScps = over?.ok ? organizationOf(over.levels) : null;
    const fromCaller = readRole && caller?.ok ? caller.id : undefined;
    const organizationId = fromScps ?? fromCaller ?? null;
    const seen = {
      ...policies,
      ...(over?.ok ? { scpLevels: over.levels } : {}),
      ...(overResource?.ok ? { rcpLevels: overResource.levels } : {}),
      ...(organizationId ? { organizationId } : {}),
      ...(!fromScps && fromCaller === null ? { noOrganization: true } : {}),
    };
    const [verified] = await verifyFindings([finding], seen);
    const unread =
      caller && !caller.ok && verified?.fix?.reason.includes('aws:PrincipalOrg') ? caller.reason : null;
    local.push(
      verified?.fix && unread
        ? { ...verified, fix: { ...verified.fix, reason: `${verified.fix.reason}; ${unread}` } }
        : (verified ?? finding),
    );
  }

  // A simulator call whydenied may not make is said once, like any of its own calls denied.
  const reported = new Set(options.warnings?.map((warning) => `${warning.origin}\n${warning.problem}`));
  const simulate = async (finding: Finding, fix: Fix, local: Local, arn: string) => {
    const checked = await checkedByIam(iam, finding, fix, local, arn);
    const problem = checked.problem;
    if (problem && !reported.has(`${problem.origin}\n${problem.message}`)) {
      reported.add(`${problem.origin}\n${problem.message}`);
      options.warnings?.push(warningOf(problem));
    }
    return checked.fix;
  };

  const verified: Finding[] = [];
  for (const [index, finding] of local.entries()) {
    const fix = finding.fix;
    const original = findings[index];
    const role = roleOf[index] ?? null;
    const user = original && !role ? deployerUser(original) : null;
    if (fix && original && user) {
      const local = unreadableReason(`the policies of the IAM user ${user} are not read`);
      verified.push({ ...finding, fix: await simulate(original, fix, local, user) });
      continue;
    }
    if (!fix || !original || !role) {
      verified.push(finding);
      continue;
    }
    // A policy on the path that could not be read leaves the local check blind to it: say which, and why.
    const why = [
      unreadable.get(principalKey(role)),
      ...policyResources(original).map((arn) => resourcesUnreadable.get(arn)),
      throughEndpoints.unreadable.get(endpointOf(original)?.id ?? ''),
    ].filter((reason): reason is string => reason !== undefined);
    const { over, overResource } = guardrailsOf[index] ?? {};
    const guardrails = [
      { unread: over && !over.ok ? over.reason : null, type: 'scp' },
      { unread: overResource && !overResource.ok ? overResource.reason : null, type: 'rcp' },
    ];
    const disagrees = fix.verified === false && fix.reason.startsWith(DISAGREE);
    // SCPs and RCPs out of reach are the usual case outside the management account: said, and held
    // against the verdict only where one may be what denied (the evidence says so, or the rest allows it).
    const decides = guardrails.some(
      (guardrail) => guardrail.unread !== null && (original.policyType === guardrail.type || disagrees),
    );
    const notes = guardrails.flatMap((guardrail) => (guardrail.unread ? [guardrail.unread] : []));
    if (decides || why.length > 0) why.push(...notes);
    const localResult: Local =
      why.length > 0
        ? unreadableReason(why.join('; '))
        : { verified: fix.verified, reason: [fix.reason, ...notes].join('; ') };
    verified.push({
      ...finding,
      fix: await simulate(original, fix, localResult, arns.get(principalKey(role)) ?? role),
    });
  }
  return verified;
}
