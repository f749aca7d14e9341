/**
 * Every finding's fix checked against the policies the user gave (--policies): the denial must
 * reproduce with them, and the fix must make the request allowed.
 */
import { loadActionDetails } from '../domain/action-details.js';
import type { Finding } from '../domain/analysis.js';
import { TASKS_SERVICE } from '../domain/ecs-steps.js';
import type { KnownPolicies } from '../domain/known-policies.js';
import { isServicePrincipal } from '../domain/principal.js';
import { trustTemplateOf } from '../domain/service-assume-role.js';
import { ecsPrincipalContext } from './ecs-principal-context.js';
import { ecsSourceContext } from './request-context.js';
import { requestContext, verifyFix } from './simulate.js';

/** The CloudTrail record behind a finding, if any: it carries the context keys (region, endpoint, caller). */
export function cloudTrailRecordOf(finding: Finding): unknown {
  const item = finding.evidence.find((evidence) => evidence.kind === 'cloudtrail-record');
  if (!item) return null;
  try {
    return JSON.parse(item.raw);
  } catch {
    return null;
  }
}

/** The service principal a trust failure's message names as the one that could not assume the role. */
function trustedServiceOf(finding: Finding): string | null {
  const service = trustTemplateOf(finding.evidence.map((item) => item.raw))?.trustedService;
  return service && isServicePrincipal(service) ? service : null;
}

async function verifyOne(finding: Finding, policies: KnownPolicies): Promise<Finding> {
  const fix = finding.fix;
  if (!fix) return finding;
  const principalArn = finding.principalArn ?? finding.roleArn;
  const named = finding.step === 'trust' ? (finding.roleArn ?? finding.resource) : finding.resource;
  // An action that takes no resource (sagemaker:ListModels) is evaluated on "*", which IAM's message does not print.
  const resource =
    named ??
    (finding.action && (await loadActionDetails([finding.action])).wildcardOnly(finding.action) ? '*' : null);
  if (!principalArn && finding.step !== 'trust') {
    return {
      ...finding,
      fix: { ...fix, verified: null, reason: 'not verified: the evidence does not name who was denied' },
    };
  }
  if (!finding.action || !resource) {
    return {
      ...finding,
      fix: {
        ...fix,
        verified: null,
        reason: 'not verified: the evidence does not name the denied action and resource',
      },
    };
  }
  // A trust failure is the trusted service's assumption (ECS itself for its infrastructure role).
  const trusted = finding.step === 'trust' ? (trustedServiceOf(finding) ?? TASKS_SERVICE) : null;
  const caller = trusted && trusted !== TASKS_SERVICE ? trusted : (principalArn ?? TASKS_SERVICE);
  const result = await verifyFix(
    {
      principalArn: caller,
      action: finding.action,
      resource,
      context: {
        ...requestContext(
          cloudTrailRecordOf(finding),
          caller,
          resource,
          finding.action,
          finding.passedToService,
        ),
        ...ecsPrincipalContext(finding),
        // Only the tasks' assumption is documented with the source keys (ecsSourceContext).
        ...(trusted === TASKS_SERVICE
          ? ecsSourceContext(resource, finding.taskDefinitionArn, finding.taskId)
          : {}),
      },
    },
    { ...fix, deniedBy: finding.policyType },
    policies,
  );
  return { ...finding, fix: { ...fix, verified: result.verified, reason: result.reason } };
}

export async function verifyFindings(findings: Finding[], policies: KnownPolicies): Promise<Finding[]> {
  const verified: Finding[] = [];
  // One at a time: the simulator is fast (about 2 ms a fix) and the order stays the report's.
  for (const finding of findings) verified.push(await verifyOne(finding, policies));
  return verified;
}
