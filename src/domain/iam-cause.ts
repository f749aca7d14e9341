/**
 * What started a denial: a new task definition revision (revisions.ts), an IAM change read
 * from CloudTrail (an inline policy narrowed, a managed policy detached, a boundary set, a
 * trust, key, repository, bucket or secret policy replaced), both, or nothing the inputs show.
 * Documents are compared by the actions they allow, wildcards expanded against the denied
 * action; resources and conditions are not compared.
 */
import type { Cause, CauseKind, Finding } from './analysis.js';
import { TASKS_SERVICE } from './ecs-steps.js';
import { formatOrigin, type PolicyChangeEvidence } from './evidence.js';
import { strings } from './json-value.js';
import { roleNameFromArn } from './principal.js';
import { trustTemplateOf } from './service-assume-role.js';

/**
 * The cause on one line, for the text report, the Markdown report and the TUI; where the
 * revision's changes are shown beside it, a cause that is the revision alone says so briefly.
 */
export function causeLine(cause: Cause, revisionShown = false): string {
  if (revisionShown && cause.kind === 'revision') return "revision: the revision's changes above";
  const removed = cause.removed.length > 0 ? ` (removed: ${cause.removed.join(', ')})` : '';
  return `${cause.kind}: ${cause.text}${removed}`;
}

type Statements = Record<string, unknown>[];

/** IAM's action match: case-insensitive, `*` any run of characters, `?` one. */
export function actionMatches(pattern: string, action: string): boolean {
  const source = pattern
    .toLowerCase()
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`).test(action.toLowerCase());
}

function matchesStatement(statement: Record<string, unknown>, action: string): boolean {
  if ('NotAction' in statement) return !strings(statement.NotAction).some((p) => actionMatches(p, action));
  return strings(statement.Action).some((pattern) => actionMatches(pattern, action));
}

const effect = (statement: Record<string, unknown>) => String(statement.Effect ?? '').toLowerCase();

/** Whether some Allow statement names the action (its resources and conditions aside). */
export function allowsAction(statements: Statements, action: string): boolean {
  return statements.some((s) => effect(s) === 'allow' && matchesStatement(s, action));
}

export function deniesAction(statements: Statements, action: string): boolean {
  return statements.some((s) => effect(s) === 'deny' && matchesStatement(s, action));
}

/**
 * The actions `before` allowed that `after` no longer does: the denied action (a wildcard
 * before may have covered it), then each action written in `before`'s Allows that `after`
 * does not allow.
 */
export function removedActions(before: Statements, after: Statements, denied: string | null): string[] {
  const removed: string[] = [];
  if (denied && allowsAction(before, denied) && !allowsAction(after, denied)) removed.push(denied);
  const afterPatterns = new Set(
    after.filter((s) => effect(s) === 'allow').flatMap((s) => strings(s.Action).map((a) => a.toLowerCase())),
  );
  for (const statement of before) {
    if (effect(statement) !== 'allow') continue;
    for (const action of strings(statement.Action)) {
      const gone =
        action.includes('*') || action.includes('?')
          ? !afterPatterns.has(action.toLowerCase())
          : !allowsAction(after, action);
      if (gone && !removed.some((known) => known.toLowerCase() === action.toLowerCase()))
        removed.push(action);
    }
  }
  return removed;
}

interface Assessment {
  change: PolicyChangeEvidence;
  /** true: it took the denied action away; false: it did not; null: the records cannot say. */
  explains: boolean | null;
  removed: string[];
  note: string;
}

const ROLE_EVENTS = new Set(['PutRolePolicy', 'DeleteRolePolicy', 'AttachRolePolicy', 'DetachRolePolicy']);
/** Writes that take a whole document away: what it allowed is what they removed. */
const REMOVING_EVENTS = new Set(['DeleteRolePolicy', 'DetachRolePolicy', 'DeleteBucketPolicy']);
/** KMS state changes: the key refuses every request while disabled or pending deletion. */
const KEY_STATE_EVENTS: Record<string, string> = {
  DisableKey: 'disabled the key: every request with it fails until it is enabled again',
  ScheduleKeyDeletion: 'scheduled the key for deletion: it cannot be used while pending deletion',
};
const ORGANIZATIONS = 'organizations.amazonaws.com';

const sameName = (a: string | null, b: string | null) =>
  a !== null && b !== null && a.toLowerCase() === b.toLowerCase();

/** Whether a resource ARN the finding names is the key, repository, bucket or secret the change names. */
function namesResource(arn: string, resource: string, eventSource: string): boolean {
  if (arn === resource) return true;
  switch (eventSource) {
    case 'kms.amazonaws.com':
      return arn.endsWith(`:key/${resource}`);
    case 's3.amazonaws.com':
      return arn === `arn:aws:s3:::${resource}` || arn.startsWith(`arn:aws:s3:::${resource}/`);
    case 'ecr.amazonaws.com':
      return arn.endsWith(`:repository/${resource}`);
    default:
      return false;
  }
}

/** The managed policies the records attach to the role (any time) or set as its boundary. */
function attachedTo(roleName: string, changes: PolicyChangeEvidence[]): Set<string> {
  return new Set(
    changes
      .filter((change) => sameName(change.roleName, roleName) && change.policyArn)
      .filter((change) => change.eventName === 'AttachRolePolicy')
      .map((change) => change.policyArn as string),
  );
}

/** An SCP denial and a write to a service control policy: the one the denial names, or any when it names none. */
function touchesScp(finding: Finding, policyId: string | null): boolean {
  if (finding.policyType !== 'scp' || !policyId) return false;
  return !finding.policyArn || finding.policyArn.endsWith(`/${policyId}`);
}

function touches(finding: Finding, change: PolicyChangeEvidence, attached: Set<string>): boolean {
  const roleName = finding.roleArn ? roleNameFromArn(finding.roleArn) : null;
  if (change.eventSource === ORGANIZATIONS) return touchesScp(finding, change.resource);
  if (change.eventSource === 'iam.amazonaws.com') {
    // The trust policy decides only who may assume the role: a trust denial's, no other.
    if (change.eventName === 'UpdateAssumeRolePolicy') {
      const target = finding.roleArn ?? finding.resource;
      return finding.step === 'trust' && sameName(change.roleName, target ? roleNameFromArn(target) : null);
    }
    if (ROLE_EVENTS.has(change.eventName)) {
      return sameName(change.roleName, roleName);
    }
    if (change.eventName === 'CreatePolicyVersion' && change.policyArn)
      return change.policyArn === finding.policyArn || attached.has(change.policyArn);
    return false;
  }
  const resource = change.resource;
  return (
    resource !== null && finding.resources.some((arn) => namesResource(arn, resource, change.eventSource))
  );
}

/** The same document's previous version among the records: the policy before this change. */
function previousDocument(change: PolicyChangeEvidence, changes: PolicyChangeEvidence[]): Statements | null {
  const same = (other: PolicyChangeEvidence) => {
    if (other.statements === null || other === change) return false;
    if (other.time && change.time && other.time > change.time) return false;
    if (change.eventName === 'UpdateAssumeRolePolicy')
      return other.eventName === 'UpdateAssumeRolePolicy' && sameName(other.roleName, change.roleName);
    if (other.eventName === 'UpdateAssumeRolePolicy') return false;
    if (change.policyName !== null || other.policyName !== null) {
      // An inline policy is the role's and its name: PutRolePolicy, then PutRolePolicy or DeleteRolePolicy.
      return (
        other.eventName === 'PutRolePolicy' &&
        sameName(other.roleName, change.roleName) &&
        other.policyName === change.policyName
      );
    }
    if (change.policyArn)
      return other.policyArn === change.policyArn && other.eventName.startsWith('CreatePolicyVersion');
    return other.eventSource === change.eventSource && other.resource === change.resource;
  };
  const earlier = changes.filter(same).sort((a, b) => (a.time ?? '').localeCompare(b.time ?? ''));
  return earlier[earlier.length - 1]?.statements ?? null;
}

/** Whether an Allow of sts:AssumeRole names the principal (or `*`) among its Principal's values. */
function trustsPrincipal(statements: Statements, principal: string): boolean {
  return statements.some((statement) => {
    if (effect(statement) !== 'allow' || !matchesStatement(statement, 'sts:AssumeRole')) return false;
    const named = statement.Principal;
    if (named === '*') return true;
    const values = Object.values(typeof named === 'object' && named !== null ? named : {}).flatMap(strings);
    return values.some((value) => value === '*' || value.toLowerCase() === principal.toLowerCase());
  });
}

/** A trust policy replaced: whether the principal that failed to assume the role is still trusted. */
function assessTrust(
  finding: Finding,
  change: PolicyChangeEvidence,
  before: Statements | null,
  after: Statements,
): Assessment {
  const service = trustTemplateOf(finding.evidence.map((item) => item.raw))?.trustedService ?? TASKS_SERVICE;
  const trustedAfter = trustsPrincipal(after, service);
  if (trustedAfter)
    return { change, explains: false, removed: [], note: `the new trust policy still trusts ${service}` };
  if (!before)
    return {
      change,
      explains: null,
      removed: [],
      note: `the new trust policy does not trust ${service}; the one before is not among the inputs`,
    };
  return trustsPrincipal(before, service)
    ? {
        change,
        explains: true,
        removed: ['sts:AssumeRole'],
        note: `the trust policy before trusted ${service} to assume the role, the new one does not`,
      }
    : {
        change,
        explains: false,
        removed: [],
        note: `the trust policy before did not trust ${service} either`,
      };
}

/**
 * A service control policy attached or detached. Every SCP above the account must allow an
 * action: one attached that does not allow it (or denies it) takes it away, and one detached
 * that allowed it (FullAWSAccess) may have been its only allow. CloudTrail's AttachPolicy and
 * DetachPolicy name the policy only; its content is known when an UpdatePolicy among the
 * records carries it.
 */
function assessScp(finding: Finding, change: PolicyChangeEvidence, document: Statements | null): Assessment {
  const what = finding.action ?? 'the denied action';
  const attach = change.eventName === 'AttachPolicy';
  if (!document)
    return {
      change,
      explains: null,
      removed: [],
      note: `${attach ? 'attached' : 'detached'} a service control policy whose content the records do not hold`,
    };
  const allows = finding.action ? allowsAction(document, finding.action) : null;
  const denies = finding.action ? deniesAction(document, finding.action) : null;
  if (attach)
    return denies || allows === false
      ? {
          change,
          explains: true,
          removed: [],
          note: `attached a service control policy that ${denies ? 'denies' : 'does not allow'} ${what}`,
        }
      : {
          change,
          explains: false,
          removed: [],
          note: `attached a service control policy that allows ${what}`,
        };
  return allows && !denies
    ? {
        change,
        explains: null,
        removed: [],
        note: `detached a service control policy that allowed ${what}: another must allow it now`,
      }
    : {
        change,
        explains: false,
        removed: [],
        note: `detached a service control policy that did not allow ${what}`,
      };
}

/** The SCP's content in force at the first denial: the last UpdatePolicy of it before then. */
function scpDocument(
  finding: Finding,
  change: PolicyChangeEvidence,
  changes: PolicyChangeEvidence[],
): Statements | null {
  const updates = changes
    .filter((other) => other.eventName === 'UpdatePolicy' && other.resource === change.resource)
    .filter((other) => other.statements !== null)
    .filter((other) => !finding.firstSeen || !other.time || other.time <= finding.firstSeen)
    .sort((a, b) => (a.time ?? '').localeCompare(b.time ?? ''));
  return updates[updates.length - 1]?.statements ?? null;
}

function assess(finding: Finding, change: PolicyChangeEvidence, changes: PolicyChangeEvidence[]): Assessment {
  const action = finding.action;
  const before = previousDocument(change, changes);
  const after = change.statements;
  const what = action ?? 'the denied action';
  const keyState =
    change.eventSource === 'kms.amazonaws.com' ? KEY_STATE_EVENTS[change.eventName] : undefined;
  if (keyState) return { change, explains: null, removed: [], note: keyState };
  if (change.eventSource === ORGANIZATIONS && change.eventName !== 'UpdatePolicy')
    return assessScp(finding, change, scpDocument(finding, change, changes));
  if (change.eventName === 'UpdateAssumeRolePolicy' && after)
    return assessTrust(finding, change, before, after);
  const removing = REMOVING_EVENTS.has(change.eventName);
  if (removing) {
    if (!before)
      return {
        change,
        explains: null,
        removed: [],
        note: `took a policy away whose document is not among the inputs`,
      };
    const removed = removedActions(before, [], action);
    const explains = action ? allowsAction(before, action) : null;
    return {
      change,
      explains,
      removed,
      note: explains
        ? `the policy it took away allowed ${what}`
        : `the policy it took away did not allow ${what}`,
    };
  }
  if (!after) {
    if (change.eventName === 'AttachRolePolicy')
      return {
        change,
        explains: finding.explicitDeny === true ? null : false,
        removed: [],
        note:
          finding.explicitDeny === true
            ? 'attached a policy, which may hold the Deny'
            : 'attached a policy, which adds permissions',
      };
    return {
      change,
      explains: null,
      removed: [],
      note: change.documentProblem
        ? `its document could not be read (${change.documentProblem})`
        : change.documentHidden
          ? 'CloudTrail hides its document (HIDDEN_DUE_TO_SECURITY_REASONS)'
          : 'the records do not hold its document',
    };
  }
  if (action && deniesAction(after, action) && !(before && deniesAction(before, action)))
    return {
      change,
      explains: true,
      removed: before ? removedActions(before, after, action) : [],
      note: `its new document denies ${action}`,
    };
  if (change.eventName === 'AttachRolePolicy')
    return { change, explains: false, removed: [], note: 'attached a policy, which adds permissions' };
  if (before) {
    const removed = removedActions(before, after, action);
    const explains = action ? allowsAction(before, action) && !allowsAction(after, action) : null;
    const note = explains
      ? `narrowed the policy: the document before allowed ${what}, the new one does not`
      : removed.length > 0
        ? `narrowed the policy, but ${action && allowsAction(after, action) ? `the new document still allows ${what}` : `the document before did not allow ${what} either`}`
        : 'took no action away';
    return { change, explains, removed, note };
  }
  if (action && allowsAction(after, action))
    return { change, explains: false, removed: [], note: `the new document still allows ${action}` };
  return {
    change,
    explains: null,
    removed: [],
    note: `the new document does not allow ${what}; the one before is not among the inputs, so whether it did is not known`,
  };
}

function targetOf(change: PolicyChangeEvidence): string | null {
  if (change.eventName === 'UpdateAssumeRolePolicy' && change.roleName)
    return `role ${change.roleName}, trust policy`;
  if (change.eventSource === ORGANIZATIONS && change.resource)
    return `service control policy ${change.resource}`;
  if (change.policyName && change.roleName)
    return `role ${change.roleName}, inline policy ${change.policyName}`;
  if (change.policyArn && change.roleName) return `role ${change.roleName}, policy ${change.policyArn}`;
  return change.policyArn ?? change.resource ?? change.roleName;
}

function describeChange(assessment: Assessment): string {
  const { change } = assessment;
  const at = change.time ? ` at ${change.time}` : '';
  const by = change.who ? ` by ${change.who}` : '';
  return `${change.eventName} on ${targetOf(change) ?? 'a policy'}${at}${by}: ${assessment.note}`;
}

/** The finding's cause, from the policy changes among the evidence and its revision change. */
export function causeOf(finding: Finding, changes: PolicyChangeEvidence[]): Cause {
  const roleName = finding.roleArn ? roleNameFromArn(finding.roleArn) : null;
  const attached = roleName ? attachedTo(roleName, changes) : new Set<string>();
  const first = finding.firstSeen;
  const assessments = changes
    .filter((change) => !change.eventName.includes('not set as default'))
    .filter((change) => !first || !change.time || change.time <= first)
    .filter((change) => touches(finding, change, attached))
    .map((change) => assess(finding, change, changes))
    .sort((a, b) => (b.change.time ?? '').localeCompare(a.change.time ?? ''));
  // A change shown to take the action away wins over one that may have; the newest of each.
  const candidate =
    assessments.find((item) => item.explains === true) ?? assessments.find((item) => item.explains === null);
  // What came after the candidate and did not explain it is worth saying; what came before it, not.
  const ruledOut = assessments
    .filter((item) => item.explains === false)
    .filter((item) => !candidate || (item.change.time ?? '') > (candidate.change.time ?? ''))
    .map(describeChange);
  const revisionChanges = finding.revisionChange?.changes ?? [];
  const revision =
    revisionChanges.length > 0
      ? `${finding.taskDefinition} changed since ${finding.revisionChange?.previous}: ${revisionChanges.join('; ')}`
      : null;
  const kind: CauseKind = candidate ? (revision ? 'both' : 'iam-change') : revision ? 'revision' : 'unknown';
  const said = [candidate ? describeChange(candidate) : null, revision].filter(Boolean).join('; and ');
  const none =
    "no new revision or policy change among the inputs explains it (CloudTrail's policy writes from before the first denial would show one)";
  const text = [said || none, ...ruledOut.map((item) => `ruled out: ${item}`)].join('; ');
  return {
    kind,
    who: candidate?.change.who ?? null,
    when: candidate?.change.time ?? null,
    event: candidate?.change.eventName ?? null,
    target: candidate ? targetOf(candidate.change) : null,
    removed: candidate?.removed ?? [],
    text,
    origin: candidate ? formatOrigin(candidate.change.origin) : null,
  };
}

/** When the change removed exactly the denied action, the fix says to restore it, and who removed it. */
export function restoreInstruction(finding: Finding): string | null {
  const cause = finding.cause;
  const action = finding.action;
  if (!cause || !action || !cause.event) return null;
  if (!cause.removed.some((removed) => removed.toLowerCase() === action.toLowerCase())) return null;
  return `restore ${action} (removed by ${cause.event} at ${cause.when ?? 'an unknown time'} by ${cause.who ?? 'an unknown caller'})`;
}

/** Findings whose fix starts with restoring what an IAM change removed. */
export function withRestoreFixes(findings: Finding[]): Finding[] {
  return findings.map((finding) => {
    const restore = restoreInstruction(finding);
    if (!restore || !finding.fix || finding.fix.instruction.startsWith(restore)) return finding;
    return { ...finding, fix: { ...finding.fix, instruction: `${restore}; ${finding.fix.instruction}` } };
  });
}
