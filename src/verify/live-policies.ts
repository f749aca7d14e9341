/**
 * The denied roles' policies read from IAM, in the shape --policies gives them, so live mode
 * verifies fixes the same way as files do. Only reads: GetRole (trust policy, boundary),
 * inline policies, attached managed policies (AWS managed too) at their default version.
 * A role whose policies cannot all be read is left out rather than half-read: a missing
 * Allow would make the denial "reproduce" with policies IAM does not actually evaluate.
 */
import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  type IAMClient,
  paginateListAttachedRolePolicies,
  paginateListRolePolicies,
} from '@aws-sdk/client-iam';
import { type AwsProblem, attempt, whyUnread } from '../aws/errors.js';
import { allItems } from '../aws/pages.js';
import type { InputWarning } from '../domain/evidence.js';
import {
  emptyPolicies,
  type KnownPolicies,
  type NamedPolicy,
  principalKey,
} from '../domain/known-policies.js';
import { readPolicyDocument } from '../domain/policy-document.js';

export interface RolePolicies {
  policies: KnownPolicies;
  warnings: InputWarning[];
  /** principalKey(role) → why its policies are not in `policies` ("whydenied may not read ... (iam:X)"). */
  unreadable: Map<string, string>;
  /** principalKey(role) → the role's ARN as GetRole gave it, with its IAM path (a session ARN has none). */
  arns: Map<string, string>;
}

type Read<T> =
  | { ok: true; value: T }
  | { ok: false; problem: AwsProblem | { origin: string; message: string } };

/** `arn:...:role/path/name` or `arn:...:assumed-role/name/session` → the role's name, case kept. */
export function roleNameOf(arn: string): string | null {
  const match = /^arn:[\w-]+:(?:iam|sts)::[^:]*:(role|assumed-role)\/(.+)$/.exec(arn.trim());
  if (!match?.[2]) return null;
  const parts = match[2].split('/');
  return (match[1] === 'assumed-role' ? parts[0] : parts[parts.length - 1]) ?? null;
}

/** The role ARN behind a session ARN (without its path, which a session does not carry). */
export function roleArnOf(arn: string): string | null {
  const session = /^arn:([\w-]+):sts::(\d{12}):assumed-role\/([^/]+)\//.exec(arn);
  if (session) return `arn:${session[1]}:iam::${session[2]}:role/${session[3]}`;
  return /^arn:[\w-]+:iam::\d{12}:role\//.test(arn) ? arn : null;
}

function documentOf(raw: string | undefined, name: string, origin: string): Read<NamedPolicy> {
  const read = readPolicyDocument(raw ?? '');
  if ('problem' in read) return { ok: false, problem: { origin, message: `${name}: ${read.problem}` } };
  return { ok: true, value: { name, document: read.document, origin } };
}

function whyNot(problem: AwsProblem | { origin: string; message: string }): string {
  return isProblem(problem) ? whyUnread(problem) : problem.message;
}

function isProblem(problem: AwsProblem | { origin: string; message: string }): problem is AwsProblem {
  return 'kind' in problem;
}

class RoleReader {
  readonly policies = emptyPolicies();
  readonly warnings: InputWarning[] = [];
  readonly unreadable = new Map<string, string>();
  readonly arns = new Map<string, string>();
  /** Managed policies are shared across roles (AWS managed ones by every account): read each once. */
  private readonly managed = new Map<string, Promise<Read<NamedPolicy>>>();

  constructor(private readonly iam: IAMClient) {}

  private managedPolicy(policyArn: string): Promise<Read<NamedPolicy>> {
    let cached = this.managed.get(policyArn);
    if (!cached) {
      cached = this.readManaged(policyArn);
      this.managed.set(policyArn, cached);
    }
    return cached;
  }

  private async readManaged(policyArn: string): Promise<Read<NamedPolicy>> {
    const policy = await attempt({ service: 'IAM', operation: 'GetPolicy' }, () =>
      this.iam.send(new GetPolicyCommand({ PolicyArn: policyArn })),
    );
    if (!policy.ok) return policy;
    const versionId = policy.value.Policy?.DefaultVersionId;
    const name = policy.value.Policy?.PolicyName ?? policyArn;
    if (!versionId) {
      return {
        ok: false,
        problem: { origin: `api:IAM.GetPolicy#${policyArn}`, message: 'no DefaultVersionId' },
      };
    }
    const version = await attempt({ service: 'IAM', operation: 'GetPolicyVersion' }, () =>
      this.iam.send(new GetPolicyVersionCommand({ PolicyArn: policyArn, VersionId: versionId })),
    );
    if (!version.ok) return version;
    return documentOf(
      version.value.PolicyVersion?.Document,
      name,
      `api:IAM.GetPolicyVersion#${policyArn}/${versionId}`,
    );
  }

  async role(roleArn: string): Promise<void> {
    const name = roleNameOf(roleArn);
    if (!name) return;
    const given = principalKey(roleArn);
    const reads: Read<unknown>[] = [];
    const role = await attempt({ service: 'IAM', operation: 'GetRole' }, () =>
      this.iam.send(new GetRoleCommand({ RoleName: name })),
    );
    reads.push(role);
    const arn = (role.ok && role.value.Role?.Arn) || roleArn;
    const key = principalKey(arn);
    this.arns.set(key, arn);
    const identity: NamedPolicy[] = [];
    // The boundary is said apart: it limits what the identity policies grant, so the reason names it.
    let boundaryFailed: { arn: string; problem: AwsProblem | { origin: string; message: string } } | null =
      null;

    if (role.ok) {
      const trust = role.value.Role?.AssumeRolePolicyDocument;
      if (trust) {
        const read = documentOf(trust, 'trust policy', `api:IAM.GetRole#${name}.AssumeRolePolicyDocument`);
        if (read.ok) this.policies.trust.set(key, read.value);
        else this.warnRead(read.problem);
      }
      const boundaryArn = role.value.Role?.PermissionsBoundary?.PermissionsBoundaryArn;
      if (boundaryArn) {
        const boundary = await this.managedPolicy(boundaryArn);
        if (boundary.ok) this.policies.boundaries.set(key, boundary.value);
        else boundaryFailed = { arn: boundaryArn, problem: boundary.problem };
      }
    }

    // IAM's listings may end a page short of MaxItems with more to come: the paginator follows Marker.
    const inlineNames = await attempt({ service: 'IAM', operation: 'ListRolePolicies' }, () =>
      allItems(
        paginateListRolePolicies({ client: this.iam }, { RoleName: name }),
        (page) => page.PolicyNames,
      ),
    );
    reads.push(inlineNames);
    for (const policyName of inlineNames.ok ? inlineNames.value : []) {
      const inline = await attempt({ service: 'IAM', operation: 'GetRolePolicy' }, () =>
        this.iam.send(new GetRolePolicyCommand({ RoleName: name, PolicyName: policyName })),
      );
      const read = inline.ok
        ? documentOf(inline.value.PolicyDocument, policyName, `api:IAM.GetRolePolicy#${name}/${policyName}`)
        : inline;
      reads.push(read);
      if (read.ok) identity.push(read.value);
    }

    const attached = await attempt({ service: 'IAM', operation: 'ListAttachedRolePolicies' }, () =>
      allItems(
        paginateListAttachedRolePolicies({ client: this.iam }, { RoleName: name }),
        (page) => page.AttachedPolicies,
      ),
    );
    reads.push(attached);
    for (const policy of attached.ok ? attached.value : []) {
      if (!policy.PolicyArn) continue;
      const read = await this.managedPolicy(policy.PolicyArn);
      reads.push(read);
      if (read.ok) identity.push(read.value);
    }

    const failed = reads.filter((read): read is Extract<Read<unknown>, { ok: false }> => !read.ok);
    if (failed.length === 0 && !boundaryFailed) {
      this.policies.identity.set(key, identity);
      return;
    }
    for (const { problem } of failed) this.warnRead(problem);
    if (boundaryFailed) this.warnRead(boundaryFailed.problem);
    const because = [
      ...(failed.length > 0 ? [this.unreadableBecause(failed.map((read) => read.problem))] : []),
      ...(boundaryFailed
        ? [
            `the permissions boundary ${boundaryFailed.arn} could not be read: ${whyNot(boundaryFailed.problem)}`,
          ]
        : []),
    ].join('; ');
    this.unreadable.set(key, because);
    if (given !== key) this.unreadable.set(given, because);
    // A partial trust or boundary would mislead as much as partial identity policies.
    this.policies.trust.delete(key);
    this.policies.boundaries.delete(key);
  }

  private unreadableBecause(problems: (AwsProblem | { origin: string; message: string })[]): string {
    const permissions = [
      ...new Set(
        problems.filter(isProblem).flatMap((problem) => (problem.permission ? [problem.permission] : [])),
      ),
    ];
    if (permissions.length > 0)
      return `whydenied may not read the role's policies (${permissions.join(', ')})`;
    const first = problems[0];
    return `the role's policies could not be read (${first ? first.message : 'unknown error'})`;
  }

  private warnRead(problem: AwsProblem | { origin: string; message: string }): void {
    const seen = this.warnings.some(
      (warning) => warning.origin === problem.origin && warning.problem === problem.message,
    );
    if (seen) return;
    this.warnings.push({
      origin: problem.origin,
      problem: problem.message,
      expected: isProblem(problem)
        ? problem.tryThis
        : 'an IAM policy document (URL-encoded JSON, as IAM returns it)',
    });
  }
}

/** Reads each role once, one at a time: IAM's API is global and throttles bursts per account. */
export async function fetchRolePolicies(iam: IAMClient, roleArns: string[]): Promise<RolePolicies> {
  const reader = new RoleReader(iam);
  const seen = new Set<string>();
  for (const arn of roleArns) {
    const key = principalKey(arn);
    if (seen.has(key)) continue;
    seen.add(key);
    await reader.role(arn);
  }
  return {
    policies: reader.policies,
    warnings: reader.warnings,
    unreadable: reader.unreadable,
    arns: reader.arns,
  };
}
