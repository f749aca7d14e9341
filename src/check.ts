/**
 * `whydenied check`: before the deploy, every start-up request a task definition implies is
 * simulated against the policies; the ones that would be denied become predicted findings, in
 * the shape `analyze` reports, each with its fix, itself simulated.
 */
import { type ActionDetails, loadActionDetails } from './domain/action-details.js';
import type { Finding } from './domain/analysis.js';
import { TASKS_SERVICE } from './domain/ecs-steps.js';
import type { InputWarning, TaskDefinitionEvidence } from './domain/evidence.js';
import { fixOf } from './domain/fix-synthesis.js';
import { type KnownPolicies, lookupPrincipal, lookupResourcePolicy } from './domain/known-policies.js';
import { accountOfArn } from './domain/principal.js';
import { type StartupRequest, startupRequests } from './domain/startup-requests.js';
import { readCheckInputs } from './sources/files/check-inputs.js';
import { withDeclaredPolicies } from './sources/files/declared-policies.js';
import { loadPolicies } from './sources/files/policies.js';
import { ecsSourceContext, requestContext } from './verify/request-context.js';
import { type Decision, decideRequest, decideTrust, verifyFix } from './verify/simulate.js';

/**
 * Reads, read-only, the policies no input gave: the roles' identity, boundary and trust
 * policies, and the resource policies (key, secret, repository, bucket) on the requests' path.
 */
export interface LivePolicyReader {
  read(needs: {
    roleArns: string[];
    resourceArns: string[];
    region: string;
  }): Promise<{ policies: KnownPolicies; warnings: InputWarning[] }>;
  /** IAM's own simulator on a predicted finding's identity-policy fix, as analyze's live verification asks it. */
  verifyWithIam(finding: Finding): Promise<{ fix: Finding['fix']; warnings: InputWarning[] }>;
}

export interface CheckOptions {
  policies: string[];
  /** Used when --policies is not given and a role of a definition has no policies from the inputs. */
  live?: LivePolicyReader | undefined;
  /** `action=resource` pairs the task role must be allowed. */
  expect: { action: string; resource: string }[];
  region?: string | undefined;
  /** The account a template deploys to (its AWS::AccountId). */
  account?: string | undefined;
}

export interface CheckedRequest extends StartupRequest {
  decision: Decision['decision'];
  reason: string;
}

export interface CheckedDefinition {
  taskDefinition: string;
  requests: CheckedRequest[];
  findings: Finding[];
}

export interface CheckResult {
  schemaVersion: 1;
  predicted: true;
  definitions: CheckedDefinition[];
  warnings: InputWarning[];
  /** What reading the inputs assumed: a role's generated name, a parameter's default. */
  notes: string[];
}

const ARN = /^arn:[\w-]+:[\w-]+:([a-z0-9-]*):(\d{12}):/;

function whereOf(definition: TaskDefinitionEvidence, region: string | undefined) {
  const arns = [
    definition.taskDefinitionArn,
    definition.executionRoleArn ?? '',
    definition.taskRoleArn ?? '',
    ...definition.containers.flatMap((container) => container.secrets),
  ];
  const fromArn = arns.map((arn) => ARN.exec(arn)).find((match) => match?.[1]);
  const awslogs = definition.containers
    .map((container) => container.logOptions['awslogs-region'])
    .find(Boolean);
  const account = arns.map(accountOfArn).find(Boolean) ?? '';
  return { region: region ?? fromArn?.[1] ?? awslogs ?? '', account };
}

/**
 * The context ECS's own requests carry: for assuming a role, the task as the source a trust
 * policy's confused-deputy conditions read; otherwise the region and, for a secret's key,
 * the kms:ViaService a key policy's condition reads.
 */
function contextOf(
  request: StartupRequest,
  definition: TaskDefinitionEvidence,
  region: string,
): Record<string, string | string[]> {
  if (request.step === 'trust')
    return ecsSourceContext(request.roleArn, definition.taskDefinitionArn, null, region || null);
  const context = requestContext({ awsRegion: region }, request.roleArn, request.resource, request.action);
  if (request.via) {
    context['kms:ViaService'] = `${request.via}.${region}.amazonaws.com`;
    context['aws:ViaAWSService'] = 'true';
  }
  return context;
}

async function decide(
  request: StartupRequest,
  definition: TaskDefinitionEvidence,
  region: string,
  policies: KnownPolicies,
): Promise<Decision> {
  if (request.step === 'trust') {
    return decideTrust(request.roleArn, contextOf(request, definition, region), policies);
  }
  return decideRequest(
    {
      principalArn: request.roleArn,
      action: request.action,
      resource: request.resource,
      context: contextOf(request, definition, region),
    },
    policies,
  );
}

/** One predicted finding per role and step, so that the fix covers the whole step. */
function predictedFindings(
  definition: TaskDefinitionEvidence,
  denied: CheckedRequest[],
  decisions: Decision[],
): Finding[] {
  const groups = new Map<string, { requests: CheckedRequest[]; decisions: Decision[] }>();
  denied.forEach((request, index) => {
    const key = `${request.roleArn}|${request.step}`;
    const group = groups.get(key) ?? { requests: [], decisions: [] };
    group.requests.push(request);
    group.decisions.push(decisions[index] as Decision);
    groups.set(key, group);
  });
  return [...groups.values()].map(({ requests, decisions: why }) => {
    const [first] = requests as [CheckedRequest];
    const [decision] = why as [Decision];
    const label = `${definition.family}${definition.revision ? `:${definition.revision}` : ''}`;
    return {
      role: first.step === 'trust' ? 'other' : first.role,
      step: first.step,
      action: first.action,
      resource: first.resource,
      resources: [...new Set(requests.map((request) => request.resource))],
      principalArn: null,
      roleArn: first.roleArn,
      taskId: null,
      taskDefinitionArn: definition.taskDefinitionArn,
      service: null,
      taskDefinition: label,
      revisionChange: null,
      fix: null,
      policyType: decision.policyType,
      policyArn: null,
      authorizationId: null,
      explicitDeny: decision.explicitDeny,
      firstSeen: null,
      lastSeen: null,
      count: requests.length,
      reasons: [
        first.step === 'app-call'
          ? `predicted, not seen: the running app of ${label} makes this call with its task role (--expect)`
          : `predicted, not seen: ${label} asks for it before the app starts`,
        ...requests.map(
          (request) =>
            `${request.why}: ${request.action} on ${request.resource} would be denied (${request.reason})`,
        ),
      ],
      evidence: [{ origin: `${definition.origin.source}`, kind: 'task-definition', raw: definition.raw }],
    } satisfies Finding;
  });
}

/** The fix is verified when it lets every denied request of its step through. */
async function withVerifiedFix(
  finding: Finding,
  denied: CheckedRequest[],
  definition: TaskDefinitionEvidence,
  region: string,
  policies: KnownPolicies,
  details: ActionDetails,
): Promise<Finding> {
  const fix = fixOf(finding, definition, details);
  if (!fix) return finding;
  const mine = denied.filter(
    (request) => request.roleArn === finding.roleArn && request.step === finding.step,
  );
  for (const request of mine) {
    const result = await verifyFix(
      {
        principalArn: request.step === 'trust' ? TASKS_SERVICE : request.roleArn,
        action: request.action,
        resource: request.resource,
        context: contextOf(request, definition, region),
      },
      fix,
      policies,
    );
    if (result.verified !== true)
      return { ...finding, fix: { ...fix, verified: result.verified, reason: result.reason } };
  }
  return {
    ...finding,
    fix: {
      ...fix,
      verified: true,
      reason: `simulated: with the fix, all ${mine.length} denied request(s) of this step are allowed`,
    },
  };
}

/** The resources whose own policy decides with the role's, as the live readers know them. */
const RESOURCE_WITH_POLICY = /^arn:[\w-]+:(kms|secretsmanager|ecr|s3):/;

interface Planned {
  definition: TaskDefinitionEvidence;
  region: string;
  requests: StartupRequest[];
}

/**
 * What no input gave, read live: the roles of the definitions with no policies of their own in
 * the inputs, and the resource policies on their requests' path. Nothing is read when the
 * inputs hold every role (a template with its roles).
 */
async function readLive(reader: LivePolicyReader, planned: Planned[], known: KnownPolicies) {
  const requests = planned.flatMap((plan) => plan.requests);
  const roleArns = [...new Set(requests.map((request) => request.roleArn))].filter(
    (arn) => !lookupPrincipal(known.identity, arn) && !lookupPrincipal(known.trust, arn),
  );
  if (roleArns.length === 0) return null;
  const resourceArns = [
    ...new Set(
      requests
        .filter((request) => roleArns.includes(request.roleArn) && request.step !== 'trust')
        .map((request) => request.resource)
        .filter((arn) => RESOURCE_WITH_POLICY.test(arn) && !lookupResourcePolicy(known, arn)),
    ),
  ];
  const region = planned.map((plan) => plan.region).find(Boolean) ?? '';
  return reader.read({ roleArns, resourceArns, region });
}

/** The policies read live join the inputs'; what an input says of the same role or resource wins. */
function withLivePolicies(known: KnownPolicies, live: KnownPolicies): KnownPolicies {
  const fill = <T>(mine: Map<string, T>, theirs: Map<string, T>) => new Map([...theirs, ...mine]);
  return {
    ...known,
    identity: fill(known.identity, live.identity),
    boundaries: fill(known.boundaries, live.boundaries),
    trust: fill(known.trust, live.trust),
    resources: fill(known.resources, live.resources),
  };
}

function plan(
  definition: TaskDefinitionEvidence,
  options: CheckOptions,
  keys: Map<string, string>,
  warnings: InputWarning[],
): Planned {
  const { region, account } = whereOf(definition, options.region);
  if (!region) {
    warnings.push({
      origin: definition.origin.source,
      problem: 'the region the task runs in is not in the task definition',
      expected: '--region (or a describe-task-definition output, whose ARN names it)',
    });
  }
  if (options.expect.length > 0 && !definition.taskRoleArn) {
    warnings.push({
      origin: definition.origin.source,
      problem: `${definition.family} has no taskRoleArn: the app's calls (--expect) would be made with no role of its own`,
      expected: 'a taskRoleArn in the task definition',
    });
  }
  const requests = startupRequests(definition, { region, account, keys, expected: options.expect });
  return { definition, region, requests };
}

export async function checkTaskDefinitions(inputs: string[], options: CheckOptions): Promise<CheckResult> {
  const [read, loaded] = await Promise.all([
    readCheckInputs(inputs, { region: options.region, account: options.account }),
    loadPolicies(options.policies),
  ]);
  const warnings = [...read.warnings, ...loaded.warnings];
  let policies = withDeclaredPolicies(loaded.policies, read.policies);
  const planned = read.definitions.map((definition) => plan(definition, options, read.keys, warnings));
  let fromAccount = false;
  if (options.live && options.policies.length === 0) {
    const live = await readLive(options.live, planned, policies);
    if (live) {
      warnings.push(...live.warnings);
      policies = withLivePolicies(policies, live.policies);
      fromAccount = true;
    }
  }
  const definitions: CheckedDefinition[] = [];
  for (const { definition, region, requests } of planned) {
    const checked: CheckedRequest[] = [];
    const deniedDecisions: Decision[] = [];
    for (const request of requests) {
      const decision = await decide(request, definition, region, policies);
      checked.push({ ...request, decision: decision.decision, reason: decision.reason });
      if (decision.decision && decision.decision !== 'Allowed') deniedDecisions.push(decision);
    }
    const denied = checked.filter((request) => request.decision && request.decision !== 'Allowed');
    const findings: Finding[] = [];
    if (denied.length > 0) {
      // One catalogue lookup for all the definition's fixes, not one per finding.
      const details = await loadActionDetails([
        ...denied.map((request) => request.action),
        'ecr:GetAuthorizationToken',
      ]);
      for (const finding of predictedFindings(definition, denied, deniedDecisions)) {
        const verified = await withVerifiedFix(finding, denied, definition, region, policies, details);
        if (!(fromAccount && options.live && verified.fix)) {
          findings.push(verified);
          continue;
        }
        // The roles were read from the account: IAM's simulator, which sees what may not be read, decides too.
        const iam = await options.live.verifyWithIam(verified);
        for (const warning of iam.warnings)
          if (!warnings.some((seen) => seen.origin === warning.origin && seen.problem === warning.problem))
            warnings.push(warning);
        findings.push({ ...verified, fix: iam.fix });
      }
    }
    definitions.push({ taskDefinition: definition.taskDefinitionArn, requests: checked, findings });
  }
  if (read.definitions.length === 0) {
    warnings.push({
      origin: inputs.join(' '),
      problem: 'no task definition among the inputs',
      expected: 'a task definition to check',
    });
  }
  return { schemaVersion: 1, predicted: true, definitions, warnings, notes: read.notes };
}

/** 1 when a start-up request would be denied; 3 when something could not be checked; else 0. */
export function checkExitCode(result: CheckResult): number {
  const requests = result.definitions.flatMap((definition) => definition.requests);
  if (requests.some((request) => request.decision && request.decision !== 'Allowed')) return 1;
  if (result.warnings.length > 0 || requests.some((request) => request.decision === null)) return 3;
  return 0;
}
