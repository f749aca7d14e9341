/**
 * IAM's own policy simulator as the second, authoritative check of an identity-policy fix:
 * it evaluates the role's real policies, boundary and the account's SCPs server-side, which
 * whydenied may not be allowed to read. Two calls: without the fix it must deny (else the
 * evidence and the role's current policies disagree), with the fix it must allow.
 */
import {
  type ContextEntry,
  type ContextKeyTypeEnum,
  type EvaluationResult,
  type IAMClient,
  SimulatePrincipalPolicyCommand,
  type Statement,
} from '@aws-sdk/client-iam';
import { type AwsProblem, attempt, whyUnread } from '../aws/errors.js';
import type { Finding } from '../domain/analysis.js';
import type { Fix, PolicyDocument } from '../domain/fix.js';
import { roleArnOf } from './live-policies.js';
import { requestContext } from './request-context.js';
import { cloudTrailRecordOf } from './verify-findings.js';

export interface IamVerdict {
  /** true: IAM denies without the fix and allows with it; false: it does not; null: not asked or undecided. */
  verified: boolean | null;
  reason: string;
  /** The simulator call that failed (denied to whydenied, timed out...): a warning for the run. */
  problem?: AwsProblem;
}

export const IAM_DISAGREES =
  "evidence and policies disagree: IAM's simulator allows the request without the fix (a policy may have been changed since)";

/** Condition operators read these keys as other than strings; the simulator wants the type said. */
const KEY_TYPES: Record<string, ContextKeyTypeEnum> = {
  'aws:SourceIp': 'ip',
  'aws:VpcSourceIp': 'ip',
  'aws:CurrentTime': 'date',
  'aws:EpochTime': 'numeric',
  'aws:SecureTransport': 'boolean',
  'aws:ViaAWSService': 'boolean',
};

/** The keys the CloudTrail record gives, typed; IAM derives the aws:Principal* keys from PolicySourceArn. */
export function contextEntries(context: Record<string, string | string[]>): ContextEntry[] {
  return Object.entries(context)
    .filter(([name]) => !name.startsWith('aws:Principal'))
    .map(([name, value]) => ({
      ContextKeyName: name,
      ContextKeyValues: Array.isArray(value) ? value : [value],
      ContextKeyType: Array.isArray(value) ? 'stringList' : (KEY_TYPES[name] ?? 'string'),
    }));
}

/** Where a fix is an identity policy: the denied role's, or the deployer's (a role or a user). */
const IDENTITY_PLACEMENTS = new Set(['identity-policy', 'deployer-policy']);

/** The fix's identity statements as one policy document for PolicyInputList. */
function identityDocument(fix: Fix): PolicyDocument | null {
  const parts = [fix, ...fix.alsoRequired].filter((part) => IDENTITY_PLACEMENTS.has(part.placement));
  const statements = parts.flatMap((part) => part.policy?.Statement ?? []);
  return statements.length > 0 ? { Version: '2012-10-17', Statement: statements } : null;
}

function statementName(statement: Statement): string {
  const line = statement.StartPosition?.Line;
  const where = line === undefined ? '' : ` at line ${line}`;
  return `${statement.SourcePolicyId ?? 'a policy'}${where}`;
}

/** Why IAM decided as it did, from the parts of the result that say. */
function explain(result: EvaluationResult): string {
  const why: string[] = [];
  if (result.OrganizationsDecisionDetail?.AllowedByOrganizations === false) {
    why.push('an SCP does not allow it');
  }
  if (result.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary === false) {
    why.push('the permissions boundary does not allow it');
  }
  const matched = result.MatchedStatements ?? [];
  if (matched.length > 0) why.push(`decided by ${matched.map(statementName).join(', ')}`);
  const missing = result.MissingContextValues ?? [];
  if (missing.length > 0) why.push(`without context values for ${missing.join(', ')}`);
  return why.length > 0 ? ` (${why.join('; ')})` : '';
}

/** The result for our one action and resource; newer IAM aggregates per action and lists resources apart. */
function decisionOf(results: EvaluationResult[], action: string, resource: string) {
  const result =
    results.find((item) => item.EvalActionName?.toLowerCase() === action.toLowerCase()) ?? results[0];
  if (!result) return null;
  const specific = result.ResourceSpecificResults?.find((item) => item.EvalResourceName === resource);
  return { result, decision: specific?.EvalResourceDecision ?? result.EvalDecision ?? 'unknown' };
}

const PART_WORDS: Record<string, string> = {
  'key-policy': 'a key policy statement',
  'repository-policy': 'a repository policy statement',
  'resource-policy': 'a resource policy statement',
  'trust-policy': 'a trust policy statement',
  'policy-change': 'a change to another policy',
};

const accountIn = (arn: string | null | undefined) =>
  /^arn:[\w-]+:[\w-]+:[a-z0-9-]*:(\d{12}):/.exec(arn ?? '')?.[1];

/**
 * Why a fix with a part beyond identity policies is not asked: SimulatePrincipalPolicy weighs one
 * resource policy, and only with an IAM user as the caller (its API reference), and it cannot
 * stand in for another account's policies at all.
 */
function notSimulatedWith(part: Fix['alsoRequired'][number], source: string | null): string {
  const what = PART_WORDS[part.placement] ?? 'a policy other than an identity policy';
  const theirs = accountIn(part.target);
  const ours = accountIn(source);
  if (theirs && ours && theirs !== ours) {
    return `not checked by IAM's simulator: the fix also needs ${what} in account ${theirs}, which SimulatePrincipalPolicy cannot add for a cross-account request`;
  }
  const where = theirs && theirs === ours ? ' in the same account' : '';
  return `not checked by IAM's simulator: the fix also needs ${what}${where}, which SimulatePrincipalPolicy weighs only when an IAM user is the caller; the identity part alone cannot say whether the fix works`;
}

export async function simulateWithIam(
  iam: IAMClient,
  finding: Finding,
  fix: Fix,
  /** The role's ARN with its IAM path, as GetRole gave it (a session ARN lacks the path), or a deployer user's. */
  roleArn?: string,
): Promise<IamVerdict> {
  if (!IDENTITY_PLACEMENTS.has(fix.placement)) {
    return {
      verified: null,
      reason:
        "not checked by IAM's simulator: it adds identity policies only, and cannot stand in for a key, repository, resource or trust policy (in another account least of all)",
    };
  }
  const source = roleArn ?? fix.target ?? roleArnOf(finding.roleArn ?? finding.principalArn ?? '');
  const other = fix.alsoRequired.find((part) => !IDENTITY_PLACEMENTS.has(part.placement));
  if (other) return { verified: null, reason: notSimulatedWith(other, source) };
  const document = identityDocument(fix);
  if (!source || !finding.action || !finding.resource || !document) {
    return {
      verified: null,
      reason: "not checked by IAM's simulator: the role, action or resource is unknown",
    };
  }
  const action = finding.action;
  const resource = finding.resource;
  const caller = finding.principalArn ?? source;
  const record = cloudTrailRecordOf(finding);
  // Without a CloudTrail record the context would be guessed; IAM lists what it misses instead.
  // PassRole's service is known from the step, record or not.
  const entries =
    record || action.toLowerCase() === 'iam:passrole'
      ? contextEntries(requestContext(record, caller, resource, action, finding.passedToService))
      : [];
  const simulate = (withFix: boolean) =>
    attempt({ service: 'IAM', operation: 'SimulatePrincipalPolicy' }, async () => {
      const output = await iam.send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: source,
          ActionNames: [action],
          ResourceArns: [resource],
          ...(withFix ? { PolicyInputList: [JSON.stringify(document)] } : {}),
          ...(entries.length > 0 ? { ContextEntries: entries } : {}),
        }),
      );
      return decisionOf(output.EvaluationResults ?? [], action, resource);
    });

  const before = await simulate(false);
  if (!before.ok) {
    const why = whyUnread(before.problem);
    return { verified: null, reason: `not checked by IAM's simulator: ${why}`, problem: before.problem };
  }
  if (!before.value) return { verified: null, reason: "not checked: IAM's simulator returned no result" };
  if (before.value.decision === 'allowed') {
    return { verified: false, reason: `${IAM_DISAGREES}${explain(before.value.result)}` };
  }
  if (before.value.decision === 'explicitDeny') {
    return {
      verified: false,
      reason: `IAM's simulator finds an explicit deny no Allow can override${explain(before.value.result)}`,
    };
  }
  const after = await simulate(true);
  if (!after.ok) {
    return {
      verified: null,
      reason: `not checked by IAM's simulator: ${after.problem.message}`,
      problem: after.problem,
    };
  }
  if (!after.value) return { verified: null, reason: "not checked: IAM's simulator returned no result" };
  if (after.value.decision === 'allowed') {
    return {
      verified: true,
      reason: `IAM's simulator denies it without the fix and allows it with it${explain(after.value.result)}`,
    };
  }
  const missing = after.value.result.MissingContextValues ?? [];
  return {
    verified: missing.length > 0 ? null : false,
    reason: `IAM's simulator still says ${after.value.decision} with the fix${explain(after.value.result)}`,
  };
}
