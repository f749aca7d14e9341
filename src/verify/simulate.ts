/**
 * Checks a proposed fix offline: the denial must reproduce with the given policies, and the
 * policies plus the fix must allow the request. Cross-account requests, KMS key policies, SCPs,
 * RCPs and boundaries are left to the simulator, which knows how they combine.
 */
import {
  getDenialReasons,
  getGrantReasons,
  type RequestAnalysis,
  type RequestDenial,
  type RequestGrant,
  runSimulation,
  type Simulation,
} from '@cloud-copilot/iam-simulate';
import { isCatalogAction } from '../domain/action-catalog.js';
import { loadActionDetails } from '../domain/action-details.js';
import { TASKS_SERVICE } from '../domain/ecs-steps.js';
import type { FixPart, Placement, PolicyDocument } from '../domain/fix.js';
import {
  type KnownPolicies,
  lookupPrincipal,
  lookupResourcePolicy,
  type NamedPolicy,
  type PolicyJson,
  principalKey,
  resourcePolicyKey,
} from '../domain/known-policies.js';
import { accountOfArn as accountOf } from '../domain/principal.js';

export { requestContext } from './request-context.js';

export interface SimulationRequest {
  principalArn: string;
  action: string;
  resource: string;
  context: Record<string, string | string[]>;
}

export interface VerificationResult {
  verified: boolean | null;
  reason: string;
  /** The simulator's decision with the given policies ('Allowed', 'ImplicitlyDenied', 'ExplicitlyDenied'), or 'not simulated'. */
  before: string;
  /** The decision with the fix added; null when the fix was not simulated. */
  after: string | null;
  /** The Sid (or `#n` position) of the statement that allows the request once the fix is in. */
  grantingStatement: string | null;
}

export interface FixToVerify {
  placement: Placement;
  target: string | null;
  policy: PolicyDocument | null;
  alsoRequired: FixPart[];
  /** The kind of policy the evidence says denied (a guardrail's fix goes in it). */
  deniedBy?: string | null;
}

type SimulatedPart = Pick<FixPart, 'placement' | 'target' | 'policy'>;

const FIX_POLICY = 'whydenied-fix';
const ROLE_POLICIES_UNKNOWN = "the role's policies were not given (--policies)";
/** The local check's word when the policies allow what the evidence says was denied. */
export const DISAGREE =
  'evidence and policies disagree: these policies allow the request (a policy may have been changed since)';
/** AWS attaches FullAWSAccess to every root, OU and account unless someone detached it. */
const FULL_AWS_ACCESS: NamedPolicy = {
  name: 'FullAWSAccess',
  document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
  origin: 'AWS managed SCP (assumed attached)',
};

type Outcome =
  | { kind: 'error'; message: string }
  | { kind: 'done'; decision: string; analysis: RequestAnalysis | undefined };

function asSimulationPolicies(policies: NamedPolicy[]): { name: string; policy: PolicyJson }[] {
  const seen = new Map<string, number>();
  return policies.map((policy) => {
    // The simulator names decisive statements by policy name, so two "inline policy"s must differ.
    const count = (seen.get(policy.name) ?? 0) + 1;
    seen.set(policy.name, count);
    return { name: count === 1 ? policy.name : `${policy.name} (${count})`, policy: policy.document };
  });
}

function hasAllow(policies: NamedPolicy[]): boolean {
  return policies.some((policy) =>
    policy.document.Statement.some((statement) => statement.Effect === 'Allow'),
  );
}

function principalRequest(request: SimulationRequest, policies: KnownPolicies): Simulation {
  const principalAccount = accountOf(request.principalArn) ?? '';
  // An S3 ARN has no account: without better knowledge the bucket is the caller's own.
  const resourceAccount = accountOf(request.resource) ?? principalAccount;
  const boundary = lookupPrincipal(policies.boundaries, request.principalArn);
  // SCPs given as denials alone would deny everything without the allow AWS attaches by default.
  const scps = hasAllow(policies.scps) ? policies.scps : [FULL_AWS_ACCESS, ...policies.scps];
  const simulation: Simulation = {
    request: {
      principal: request.principalArn,
      action: request.action,
      resource: { resource: request.resource, accountId: resourceAccount },
      contextVariables: request.context,
    },
    identityPolicies: asSimulationPolicies(lookupPrincipal(policies.identity, request.principalArn) ?? []),
    serviceControlPolicies: policies.scpLevels?.length
      ? policies.scpLevels.map((level) => ({
          orgIdentifier: level.target,
          policies: asSimulationPolicies(level.policies),
        }))
      : policies.scps.length > 0
        ? [{ orgIdentifier: 'organization', policies: asSimulationPolicies(scps) }]
        : [],
    resourceControlPolicies: policies.rcpLevels?.length
      ? policies.rcpLevels.map((level) => ({
          orgIdentifier: level.target,
          policies: asSimulationPolicies(level.policies),
        }))
      : policies.rcps.length > 0
        ? [{ orgIdentifier: 'organization', policies: asSimulationPolicies(policies.rcps) }]
        : [],
  };
  if (boundary) simulation.permissionBoundaryPolicies = asSimulationPolicies([boundary]);
  const vpce = request.context['aws:SourceVpce'];
  const endpoint = typeof vpce === 'string' ? policies.endpoints?.get(vpce) : undefined;
  if (endpoint) simulation.vpcEndpointPolicies = asSimulationPolicies([endpoint]);
  const resourcePolicy = assumesRole(request)
    ? lookupPrincipal(policies.trust, request.resource)
    : lookupResourcePolicy(policies, request.resource);
  if (resourcePolicy) simulation.resourcePolicy = resourcePolicy.document;
  return simulation;
}

/** sts:AssumeRole on a role: the role's trust policy is the resource policy that decides with the caller's. */
function assumesRole(request: SimulationRequest): boolean {
  return request.action.toLowerCase() === 'sts:assumerole' && /:iam::\d{12}:role\//.test(request.resource);
}

/**
 * ECS assumes the role as the service principal: only the trust policy decides. The tasks' service
 * unless the request names another service (ECS itself, for its infrastructure role).
 */
function trustRequest(
  roleArn: string,
  context: SimulationRequest['context'],
  trust: NamedPolicy,
  service: string = TASKS_SERVICE,
): Simulation {
  return {
    request: {
      principal: service,
      action: 'sts:AssumeRole',
      resource: { resource: roleArn, accountId: accountOf(roleArn) ?? '' },
      contextVariables: context,
    },
    identityPolicies: [],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: trust.document,
  };
}

async function simulate(simulation: Simulation): Promise<Outcome> {
  // The simulator reads iam-data by the names it is given: a name it cannot read is no verdict, not a crash.
  const result = await runSimulation(simulation, {}).catch((error: Error) => ({
    resultType: 'error' as const,
    errors: { message: error.message },
  }));
  if (result.resultType === 'error') return { kind: 'error', message: result.errors.message };
  const analysis = result.resultType === 'single' ? result.result.analysis : result.results[0]?.analysis;
  return { kind: 'done', decision: result.overallResult, analysis };
}

/** A finding's policyType in words. */
const POLICY_NAME: Record<string, string> = {
  scp: 'service control policy',
  rcp: 'resource control policy',
  boundary: 'permissions boundary',
  'vpc-endpoint': 'VPC endpoint policy',
  session: 'session policy',
};

const POLICY_KIND: Record<string, string> = {
  identity: 'identity policy',
  resource: 'resource policy',
  scp: 'SCP',
  rcp: 'RCP',
  pb: 'permissions boundary',
  vpce: 'VPC endpoint policy',
  's3-bpa': 'S3 Block Public Access',
};

function statementName(statementId: string | undefined, index: number): string {
  return statementId ? `"${statementId}"` : `#${index}`;
}

function describeGrant(grant: RequestGrant): string {
  const owner = 'policyIdentifier' in grant ? ` ${grant.policyIdentifier}` : '';
  return `statement ${statementName(grant.statementId, grant.statementIndex)} of the ${POLICY_KIND[grant.policyType]}${owner}`;
}

function describeDenial(denial: RequestDenial): string {
  const kind = POLICY_KIND[denial.policyType] ?? denial.policyType;
  if (denial.denialType === 'Implicit') {
    return `no ${kind}${denial.identifier ? ` (${denial.identifier})` : ''} allows it`;
  }
  const owner = denial.policyIdentifier ? ` ${denial.policyIdentifier}` : '';
  return `the ${kind}${owner} explicitly denies it (statement ${statementName(denial.statementId, denial.statementIndex)})`;
}

function denials(outcome: Outcome): string {
  if (outcome.kind !== 'done' || !outcome.analysis) return 'the simulator gave no reason';
  const reasons = getDenialReasons(outcome.analysis).map(describeDenial);
  return reasons.length > 0 ? reasons.join('; ') : 'the simulator gave no reason';
}

function fixSids(parts: SimulatedPart[]): Set<string> {
  return new Set(parts.flatMap((part) => part.policy?.Statement.map((statement) => statement.Sid) ?? []));
}

/** The decisive grant, preferring a statement the fix added over one that was already there. */
function decisiveGrant(outcome: Outcome, sids: Set<string>): RequestGrant | null {
  if (outcome.kind !== 'done' || !outcome.analysis) return null;
  const grants = getGrantReasons(outcome.analysis);
  return (
    grants.find((grant) => grant.statementId !== undefined && sids.has(grant.statementId)) ??
    grants[0] ??
    null
  );
}

/** The fix's typed document as the loose shape AWS documents are read into. */
function asPolicyJson(document: PolicyDocument): PolicyJson {
  return { Version: document.Version, Statement: document.Statement.map((statement) => ({ ...statement })) };
}

function merged(existing: NamedPolicy | undefined, added: PolicyDocument, origin: string): NamedPolicy {
  const statements = [...(existing?.document.Statement ?? []), ...asPolicyJson(added).Statement];
  const document: PolicyJson = {
    ...(existing?.document ?? { Version: '2012-10-17' }),
    Statement: statements,
  };
  return { name: existing?.name ?? 'resource policy', document, origin: existing?.origin ?? origin };
}

/** A copy of the policies with the fix's statements where they would be put. */
function withFix(
  policies: KnownPolicies,
  parts: SimulatedPart[],
  request: SimulationRequest,
  deniedBy: string | null = null,
): KnownPolicies {
  const next: KnownPolicies = {
    ...policies,
    identity: new Map(policies.identity),
    boundaries: new Map(policies.boundaries),
    trust: new Map(policies.trust),
    resources: new Map(policies.resources),
  };
  for (const part of parts) {
    if (!part.policy) continue;
    switch (part.placement) {
      case 'identity-policy':
      case 'deployer-policy': {
        const principal = part.target ?? request.principalArn;
        const existing = lookupPrincipal(next.identity, principal) ?? [];
        const added = { name: FIX_POLICY, document: asPolicyJson(part.policy), origin: 'proposed fix' };
        next.identity.set(principalKey(principal), [...existing, added]);
        break;
      }
      case 'key-policy':
      case 'repository-policy':
      case 'resource-policy': {
        const resource = part.target ?? request.resource;
        const existing = lookupResourcePolicy(next, resource);
        next.resources.set(resourcePolicyKey(resource), merged(existing, part.policy, 'proposed fix'));
        break;
      }
      case 'trust-policy': {
        const role = part.target ?? request.resource;
        next.trust.set(
          principalKey(role),
          merged(lookupPrincipal(next.trust, role), part.policy, 'proposed fix'),
        );
        break;
      }
      case 'policy-change':
        // A guardrail's Allow goes in the guardrail: the principal's boundary, or the endpoint the request went through.
        if (deniedBy === 'boundary') {
          const existing = lookupPrincipal(next.boundaries, request.principalArn);
          if (existing)
            next.boundaries.set(
              principalKey(request.principalArn),
              merged(existing, part.policy, 'proposed fix'),
            );
        } else if (deniedBy === 'vpc-endpoint' && typeof request.context['aws:SourceVpce'] === 'string') {
          const endpoint = request.context['aws:SourceVpce'];
          const existing = next.endpoints?.get(endpoint);
          if (existing)
            next.endpoints = new Map(next.endpoints).set(
              endpoint,
              merged(existing, part.policy, 'proposed fix'),
            );
        }
        break;
    }
  }
  return next;
}

/** Whether the policies given hold the guardrail that denied the request: it cannot reproduce without it. */
function guardrailGiven(deniedBy: string, request: SimulationRequest, policies: KnownPolicies): boolean {
  switch (deniedBy) {
    case 'scp':
      return policies.scps.length > 0 || (policies.scpLevels?.length ?? 0) > 0;
    case 'rcp':
      return policies.rcps.length > 0 || (policies.rcpLevels?.length ?? 0) > 0;
    case 'boundary':
      return lookupPrincipal(policies.boundaries, request.principalArn) !== undefined;
    case 'vpc-endpoint': {
      const endpoint = request.context['aws:SourceVpce'];
      return typeof endpoint === 'string' && policies.endpoints?.has(endpoint) === true;
    }
    case 'session':
      return false;
    default:
      return true;
  }
}

function result(
  verified: boolean | null,
  reason: string,
  before: string,
  after: string | null = null,
  grantingStatement: string | null = null,
): VerificationResult {
  return { verified, reason, before, after, grantingStatement };
}

function simulatorError(outcome: { message: string }): string {
  return `the simulator could not evaluate the policies: ${outcome.message}`;
}

function simulatorFailed(outcome: { message: string }, before: string): VerificationResult {
  return result(null, simulatorError(outcome), before);
}

/** Whose resource policy the request cannot do without: a KMS key's always, anything else's across accounts. */
function missingResourcePolicy(
  request: SimulationRequest,
  policies: KnownPolicies,
  parts: SimulatedPart[],
): string | null {
  const resourceAccount = accountOf(request.resource);
  const crossAccount = resourceAccount !== null && resourceAccount !== accountOf(request.principalArn);
  if (!crossAccount && !request.action.toLowerCase().startsWith('kms:')) return null;
  if (lookupResourcePolicy(policies, request.resource)) return null;
  const key = resourcePolicyKey(request.resource);
  const supplied = parts.some(
    (part) =>
      ['key-policy', 'repository-policy', 'resource-policy'].includes(part.placement) &&
      resourcePolicyKey(part.target ?? request.resource) === key,
  );
  return supplied ? null : key;
}

async function verifyTrust(
  request: SimulationRequest,
  fix: FixToVerify,
  policies: KnownPolicies,
): Promise<VerificationResult> {
  const role = fix.target ?? request.resource;
  const trust = lookupPrincipal(policies.trust, role);
  if (!trust) return result(null, `the trust policy of ${role} was not given (--policies)`, 'not simulated');
  const service = /^[\w.-]+\.amazonaws\.com$/.test(request.principalArn)
    ? request.principalArn
    : TASKS_SERVICE;
  const before = await simulate(trustRequest(role, request.context, trust, service));
  if (before.kind === 'error') return simulatorFailed(before, 'not simulated');
  if (before.decision === 'Allowed') return result(false, DISAGREE, before.decision);
  const parts = [fix, ...fix.alsoRequired].filter((part) => part.placement === 'trust-policy');
  const fixed =
    lookupPrincipal(withFix(policies, parts, { ...request, resource: role }).trust, role) ?? trust;
  const after = await simulate(trustRequest(role, request.context, fixed, service));
  if (after.kind === 'error') return simulatorFailed(after, before.decision);
  return conclusion(before.decision, after, fixSids(parts));
}

function conclusion(before: string, after: Outcome, sids: Set<string>): VerificationResult {
  if (after.kind === 'error') return simulatorFailed(after, before);
  if (after.decision === 'Allowed') {
    const grant = decisiveGrant(after, sids);
    const name = grant ? (grant.statementId ?? `#${grant.statementIndex}`) : null;
    const how = grant ? describeGrant(grant) : 'the fix';
    return result(true, `the denial reproduces and ${how} allows it`, before, after.decision, name);
  }
  return result(false, `still ${after.decision} with the fix: ${denials(after)}`, before, after.decision);
}

/**
 * The request as IAM evaluates it: an action that takes no resource (ssmmessages' channels) is
 * evaluated on "*", whatever ARN the message printed (ECS Exec's names the task), and the
 * simulator refuses any other.
 */
async function asEvaluated(request: SimulationRequest): Promise<SimulationRequest> {
  if (request.resource === '*') return request;
  // A secret named without its random suffix (a partial ARN, as ECS and apps may call it) is
  // evaluated by IAM on its full ARN: some six characters stand in for the suffix.
  if (
    /^arn:[\w-]+:secretsmanager:[^:]*:[^:]*:secret:[^:]+$/.test(request.resource) &&
    !/-[A-Za-z0-9]{6}$/.test(request.resource)
  )
    return { ...request, resource: `${request.resource}-${SUFFIX_STAND_IN}` };
  const details = await loadActionDetails([request.action]);
  return details.wildcardOnly(request.action) ? { ...request, resource: '*' } : request;
}

/** Six characters in a secret's suffix's place, when the evidence gave its name without one. */
const SUFFIX_STAND_IN = 'Wd0Ab1';

/** Condition keys IAM sets from the caller's organization, which no evidence records. */
const ORGANIZATION_KEYS = ['aws:PrincipalOrgID', 'aws:PrincipalOrgPaths'] as const;
/** An organization no policy names: the caller outside every organization a condition lists. */
const NO_ORGANIZATION = 'o-whydeniednone';

/** The caller's organization, when the policies given say it (a service principal has none). */
function withOrganization(request: SimulationRequest, policies: KnownPolicies): SimulationRequest {
  const organization = policies.organizationId;
  if (!organization || 'aws:PrincipalOrgID' in request.context || !/^arn:/.test(request.principalArn))
    return request;
  return { ...request, context: { ...request.context, 'aws:PrincipalOrgID': organization } };
}

/** Every policy document the simulator evaluates for a request. */
function documentsOf(simulation: Simulation): PolicyJson[] {
  const named = [
    ...(simulation.identityPolicies ?? []),
    ...(simulation.permissionBoundaryPolicies ?? []),
    ...(simulation.vpcEndpointPolicies ?? []),
    ...(simulation.serviceControlPolicies ?? []).flatMap((level) => level.policies),
    ...(simulation.resourceControlPolicies ?? []).flatMap((level) => level.policies),
  ];
  const documents = named.map((policy) => policy.policy as PolicyJson);
  if (simulation.resourcePolicy) documents.push(simulation.resourcePolicy as PolicyJson);
  return documents;
}

/** The values conditions compare a key with, or null when no condition reads it. */
function conditionValues(documents: PolicyJson[], key: string): string[] | null {
  let read = false;
  const values = new Set<string>();
  for (const statement of documents.flatMap((document) => document.Statement ?? [])) {
    const condition = statement.Condition;
    if (!condition || typeof condition !== 'object') continue;
    for (const block of Object.values(condition as Record<string, unknown>)) {
      if (!block || typeof block !== 'object') continue;
      for (const [name, value] of Object.entries(block as Record<string, unknown>)) {
        if (name.toLowerCase() !== key.toLowerCase()) continue;
        read = true;
        for (const item of [value].flat()) if (typeof item === 'string') values.add(item);
      }
    }
  }
  return read ? [...values] : null;
}

/**
 * The organization keys the policies read and the context lacks, each with the values worth
 * trying: every value a condition names, and one none does. A verdict the same under all of
 * them does not depend on the unknown organization.
 */
function unknownOrganization(
  context: SimulationRequest['context'],
  documents: PolicyJson[],
): { keys: string[]; contexts: SimulationRequest['context'][] } {
  const keys: string[] = [];
  let contexts: SimulationRequest['context'][] = [context];
  for (const key of ORGANIZATION_KEYS) {
    if (key in context) continue;
    const values = conditionValues(documents, key);
    if (values === null) continue;
    keys.push(key);
    // aws:PrincipalOrgPaths is multivalued: one path, o-…/r-…/ou-…/.
    const tried: (string | string[])[] =
      key === 'aws:PrincipalOrgID'
        ? [...values, NO_ORGANIZATION]
        : [...values, `${NO_ORGANIZATION}/r-none/`].map((value) => [value]);
    contexts = contexts.flatMap((known) => tried.map((value) => ({ ...known, [key]: value })));
  }
  return { keys, contexts: contexts.slice(0, 32) };
}

function organizationUnknown(keys: string[], principal: string): string {
  return `not verified: a policy on the request's path has a condition on ${keys.join(' and ')}, the verdict depends on it, and the organization of ${principal} is not known (give aws organizations describe-organization output, or the SCPs, with --policies)`;
}

export async function verifyFix(
  request: SimulationRequest,
  fix: FixToVerify,
  policies: KnownPolicies,
): Promise<VerificationResult> {
  if (fix.placement === 'trust-policy') return verifyTrust(request, fix, policies);
  const known = withOrganization(await asEvaluated(request), policies);
  const parts: SimulatedPart[] = [fix, ...fix.alsoRequired];
  const documents = documentsOf(principalRequest(known, withFix(policies, parts, known)));
  const { keys, contexts } = policies.noOrganization
    ? { keys: [], contexts: [known.context] }
    : unknownOrganization(known.context, documents);
  if (keys.length === 0) return verifyKnown(known, fix, policies);
  const results: VerificationResult[] = [];
  for (const context of contexts) results.push(await verifyKnown({ ...known, context }, fix, policies));
  const [first] = results;
  if (first && results.every((each) => each.verified === first.verified)) return first;
  return result(null, organizationUnknown(keys, request.principalArn), first?.before ?? 'not simulated');
}

async function verifyKnown(
  request: SimulationRequest,
  fix: FixToVerify,
  policies: KnownPolicies,
): Promise<VerificationResult> {
  // The simulator looks the action up in iam-data: an action it lacks is no verdict, and its
  // service name must not reach iam-data's file reads.
  if (!(await isCatalogAction(request.action))) {
    return result(
      null,
      `${request.action} is not in the IAM action catalog, so it cannot be simulated`,
      'not simulated',
    );
  }
  if (!lookupPrincipal(policies.identity, request.principalArn)) {
    return result(null, ROLE_POLICIES_UNKNOWN, 'not simulated');
  }
  const before = await simulate(principalRequest(request, policies));
  if (before.kind === 'error') return simulatorFailed(before, 'not simulated');
  const deniedBy = fix.deniedBy ?? null;
  if (before.decision === 'Allowed' && deniedBy && !guardrailGiven(deniedBy, request, policies)) {
    return result(
      null,
      `the ${POLICY_NAME[deniedBy] ?? deniedBy} that denied it was not given (--policies): the denial cannot reproduce without it`,
      before.decision,
    );
  }
  if (before.decision === 'Allowed') return result(false, DISAGREE, before.decision);

  if (
    fix.placement === 'policy-change' &&
    fix.policy &&
    (deniedBy === 'boundary' || deniedBy === 'vpc-endpoint') &&
    before.decision === 'ImplicitlyDenied'
  ) {
    // A guardrail that allows too little: its fix is an Allow in it, simulated like any other.
    const after = await simulate(principalRequest(request, withFix(policies, [fix], request, deniedBy)));
    return conclusion(before.decision, after, fixSids([fix]));
  }
  if (fix.placement === 'policy-change') {
    if (before.decision === 'ExplicitlyDenied') {
      return result(false, `no Allow can fix this: ${denials(before)}`, before.decision);
    }
    const policy = fix.target ? ` (${fix.target})` : '';
    return result(
      null,
      `the explicit deny does not reproduce: the denying policy${policy} was not given (--policies)`,
      before.decision,
    );
  }

  // A trust policy part counts only where the request is the role's assumption by the caller.
  const parts: SimulatedPart[] = [fix, ...fix.alsoRequired].filter(
    (part) =>
      (part.placement !== 'trust-policy' || assumesRole(request)) && part.placement !== 'policy-change',
  );
  if (assumesRole(request) && !lookupPrincipal(policies.trust, request.resource)) {
    return result(
      null,
      `the trust policy of ${request.resource} was not given (--policies)`,
      before.decision,
    );
  }
  const missing = assumesRole(request) ? null : missingResourcePolicy(request, policies, parts);
  if (missing)
    return result(null, `the resource policy of ${missing} was not given (--policies)`, before.decision);
  const after = await simulate(principalRequest(request, withFix(policies, parts, request)));
  return conclusion(before.decision, after, fixSids(parts));
}

export interface Decision {
  /** 'Allowed', 'ImplicitlyDenied', 'ExplicitlyDenied', or null when the policies needed were not given. */
  decision: string | null;
  reason: string;
  /** The kind of policy that denied it, as the JSON contract names it; null when allowed or not known. */
  policyType: 'identity' | 'resource' | 'scp' | 'rcp' | 'boundary' | 'vpc-endpoint' | null;
  explicitDeny: boolean | null;
}

const POLICY_TYPE: Record<string, Decision['policyType']> = {
  identity: 'identity',
  resource: 'resource',
  scp: 'scp',
  rcp: 'rcp',
  pb: 'boundary',
  vpce: 'vpc-endpoint',
};

/** No decision: the policies needed were not given, or the simulator could not read them. */
function undecided(reason: string): Decision {
  return { decision: null, reason, policyType: null, explicitDeny: null };
}

function decisionOf(outcome: Outcome): Decision {
  if (outcome.kind === 'error') return undecided(simulatorError(outcome));
  if (outcome.decision === 'Allowed') {
    const grant = decisiveGrant(outcome, new Set());
    return {
      decision: 'Allowed',
      reason: grant ? `allowed by ${describeGrant(grant)}` : 'allowed',
      policyType: null,
      explicitDeny: null,
    };
  }
  const first = outcome.analysis ? getDenialReasons(outcome.analysis)[0] : undefined;
  return {
    decision: outcome.decision,
    reason: denials(outcome),
    policyType: first ? (POLICY_TYPE[first.policyType] ?? null) : null,
    explicitDeny: outcome.decision === 'ExplicitlyDenied',
  };
}

/** Whether the given policies allow a request, before it is made (`whydenied check`). */
export async function decideRequest(request: SimulationRequest, policies: KnownPolicies): Promise<Decision> {
  if (!lookupPrincipal(policies.identity, request.principalArn))
    return undecided(`the policies of ${request.principalArn} were not given (--policies)`);
  const missing = missingResourcePolicy(request, policies, []);
  if (missing) return undecided(`the resource policy of ${missing} was not given (--policies)`);
  const known = withOrganization(await asEvaluated(request), policies);
  const { keys, contexts } = policies.noOrganization
    ? { keys: [], contexts: [known.context] }
    : unknownOrganization(known.context, documentsOf(principalRequest(known, policies)));
  const decisions: Decision[] = [];
  for (const context of contexts)
    decisions.push(decisionOf(await simulate(principalRequest({ ...known, context }, policies))));
  const [first] = decisions;
  if (!first) return undecided('the simulator gave no decision');
  if (keys.length === 0 || decisions.every((each) => each.decision === first.decision)) return first;
  return undecided(organizationUnknown(keys, request.principalArn).replace(/^not verified: /, ''));
}

/** Whether ECS (ecs-tasks.amazonaws.com) may assume the role, with the context it sends. */
export async function decideTrust(
  roleArn: string,
  context: SimulationRequest['context'],
  policies: KnownPolicies,
): Promise<Decision> {
  const trust = lookupPrincipal(policies.trust, roleArn);
  if (!trust) return undecided(`the trust policy of ${roleArn} was not given (--policies)`);
  const decided = decisionOf(await simulate(trustRequest(roleArn, context, trust)));
  return decided.decision && decided.decision !== 'Allowed'
    ? { ...decided, policyType: 'resource' }
    : decided;
}
