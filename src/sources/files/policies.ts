/**
 * Reads the policies given with --policies, recognised by content: IAM's account authorization
 * details, get-role / get-role-policy, Organizations' describe-policy (SCPs and RCPs) and
 * describe-organization (the principals' aws:PrincipalOrgID), and the
 * resource-policy outputs of S3, KMS, ECR and Secrets Manager. Outputs that do not say whose
 * policy they are (get-bucket-policy, get-key-policy, get-policy-version, a bare document) are
 * taken inside a wrapper `{"principalArn"|"resourceArn": "...", "policy": ...}`, or keyed by
 * their own Resource when that is unambiguous. Anything else is a warning, never a throw.
 */
import type { InputWarning } from '../../domain/evidence.js';
import { isObject, type Json, text } from '../../domain/json-value.js';
import {
  emptyPolicies,
  type KnownPolicies,
  type NamedPolicy,
  nameOnlyKey,
  type PolicyJson,
  principalKey,
  resourcePolicyKey,
} from '../../domain/known-policies.js';
import {
  type DocumentResult,
  isPolicyDocumentShape,
  namesPrincipal,
  readPolicyDocument,
  statementResources,
} from '../../domain/policy-document.js';
import { accountOfArn as accountOf } from '../../domain/principal.js';
import { readInput, walkPaths } from './read-inputs.js';

const EXPECTED =
  'aws iam get-account-authorization-details, get-role or get-role-policy output; aws organizations ' +
  'describe-policy or describe-organization; aws secretsmanager get-resource-policy; or a wrapper {"principalArn": "...", "policy": ...} ' +
  '/ {"resourceArn": "...", "policy": ...} around a policy document or get-policy-version, get-bucket-policy, ' +
  'get-key-policy or get-repository-policy output';
const EXPECTED_MANAGED =
  'the Policies list of get-account-authorization-details, or {"principalArn": "...", "policy": <get-policy-version output>}';

/** The Organizations API's pattern for an organization id. */
const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;

function list(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  // GroupDetailList.AttachedManagedPolicies is a single object in AWS's own example.
  return isObject(value) ? [value] : [];
}

function isRoleArn(arn: string): boolean {
  return /^arn:[\w-]+:iam::\d{12}:role\//.test(arn);
}

interface PendingAttachment {
  key: string;
  policyArn: string;
  origin: string;
}

interface Group {
  policies: NamedPolicy[];
  attached: string[];
  origin: string;
}

class PolicyCollector {
  readonly policies: KnownPolicies = emptyPolicies();
  readonly warnings: InputWarning[] = [];
  private readonly managed = new Map<string, NamedPolicy>();
  private readonly attachments: PendingAttachment[] = [];
  private readonly boundaryRefs: PendingAttachment[] = [];
  private readonly groups = new Map<string, Group>();
  private readonly userGroups: { key: string; account: string; names: string[]; origin: string }[] = [];
  /** Inline policies from get-role-policy, which names the role but not its account. */
  private readonly byRoleName: { name: string; policy: NamedPolicy }[] = [];
  private readonly roleAccounts = new Map<string, Set<string>>();
  /** Two organizations among the inputs: which one a principal is in cannot be told. */
  private organizationConflict = false;

  warn(origin: string, problem: string, expected: string): void {
    this.warnings.push({ origin, problem, expected });
  }

  file(content: string, source: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(content);
    } catch (error) {
      this.warn(source, `invalid JSON (${(error as Error).message})`, EXPECTED);
      return;
    }
    if (!Array.isArray(parsed)) {
      this.value(parsed, source, '');
      return;
    }
    parsed.forEach((item, index) => {
      this.value(item, source, `[${index}]`);
    });
  }

  private origin(source: string, pointer: string): string {
    return pointer ? `${source}#${pointer}` : source;
  }

  private value(value: unknown, source: string, pointer: string): void {
    const at = (key: string) => (pointer ? `${pointer}.${key}` : key);
    const here = this.origin(source, pointer);
    if (!isObject(value)) {
      this.warn(here, 'not a JSON object', EXPECTED);
      return;
    }
    const principalArn = text(value.principalArn);
    const resourceArn = text(value.resourceArn);
    if ((principalArn || resourceArn) && 'policy' in value) {
      if (principalArn) this.identityFromAny(value.policy, principalArn, source, at('policy'));
      else if (resourceArn) this.resourceFromAny(value.policy, resourceArn, source, at('policy'));
      return;
    }
    if (
      ['RoleDetailList', 'UserDetailList', 'GroupDetailList', 'Policies'].some((k) => Array.isArray(value[k]))
    ) {
      this.authorizationDetails(value, source, pointer);
      return;
    }
    if (isObject(value.Role) && text(value.Role.Arn)) {
      this.role(value.Role, source, at('Role'));
      return;
    }
    if (text(value.RoleName) && text(value.PolicyName) && 'PolicyDocument' in value) {
      const policy = this.named(
        value.PolicyName as string,
        value.PolicyDocument,
        source,
        at('PolicyDocument'),
      );
      if (policy) this.byRoleName.push({ name: value.RoleName as string, policy });
      return;
    }
    if (isObject(value.PolicyVersion)) {
      this.warn(
        here,
        'a managed policy version does not say which policy or principal it belongs to',
        EXPECTED_MANAGED,
      );
      return;
    }
    if (isObject(value.Organization) && text(value.Organization.Id)) {
      this.organization(value.Organization.Id as string, here);
      return;
    }
    if (isObject(value.Policy) && isObject(value.Policy.PolicySummary)) {
      this.organizationsPolicy(value.Policy, source, at('Policy'));
      return;
    }
    if (text(value.ARN) && 'ResourcePolicy' in value) {
      this.resource(value.ARN as string, value.ResourcePolicy, source, at('ResourcePolicy'), 'secret policy');
      return;
    }
    if (text(value.repositoryName) && 'policyText' in value) {
      this.warn(
        here,
        `the ECR repository ${value.repositoryName}'s ARN needs a region, which get-repository-policy does not print`,
        '{"resourceArn": "arn:aws:ecr:<region>:<account>:repository/<name>", "policy": <get-repository-policy output>}',
      );
      return;
    }
    if (typeof value.Policy === 'string') {
      // get-bucket-policy and get-key-policy print the document only; its Resource may still say whose it is.
      this.unlabelledResourcePolicy(value.Policy, source, at('Policy'));
      return;
    }
    if (isPolicyDocumentShape(value)) {
      this.bareDocument(value, source, pointer);
      return;
    }
    this.warn(here, 'JSON of an unknown shape', EXPECTED);
  }

  private named(name: string, raw: unknown, source: string, pointer: string): NamedPolicy | null {
    const result: DocumentResult = readPolicyDocument(raw);
    const origin = this.origin(source, pointer);
    if ('problem' in result) {
      this.warn(origin, result.problem, 'an IAM policy document {"Version": ..., "Statement": [...]}');
      return null;
    }
    return { name, document: result.document, origin };
  }

  private addIdentity(key: string, policy: NamedPolicy | null): void {
    const existing = this.policies.identity.get(key) ?? [];
    if (policy) existing.push(policy);
    this.policies.identity.set(key, existing);
  }

  private noteRole(arn: string): void {
    const name = principalKey(arn).split(':')[1] ?? '';
    const account = accountOf(arn);
    if (!account) return;
    const accounts = this.roleAccounts.get(name) ?? new Set<string>();
    accounts.add(account);
    this.roleAccounts.set(name, accounts);
  }

  private identityFromAny(raw: unknown, principalArn: string, source: string, pointer: string): void {
    const key = principalKey(principalArn);
    if (isRoleArn(principalArn)) this.noteRole(principalArn);
    if (isObject(raw) && isObject(raw.PolicyVersion)) {
      const name = text(raw.PolicyVersion.VersionId)
        ? `managed policy ${raw.PolicyVersion.VersionId}`
        : 'managed policy';
      this.addIdentity(
        key,
        this.named(name, raw.PolicyVersion.Document, source, `${pointer}.PolicyVersion.Document`),
      );
      return;
    }
    if (isObject(raw) && 'PolicyDocument' in raw) {
      const name = text(raw.PolicyName) ?? 'inline policy';
      this.addIdentity(key, this.named(name, raw.PolicyDocument, source, `${pointer}.PolicyDocument`));
      return;
    }
    this.addIdentity(key, this.named('identity policy', raw, source, pointer));
  }

  private resourceFromAny(raw: unknown, resourceArn: string, source: string, pointer: string): void {
    if (isObject(raw)) {
      for (const field of ['Policy', 'policyText', 'ResourcePolicy', 'AssumeRolePolicyDocument']) {
        if (field in raw && !isPolicyDocumentShape(raw)) {
          this.resource(resourceArn, raw[field], source, `${pointer}.${field}`, 'resource policy');
          return;
        }
      }
    }
    this.resource(resourceArn, raw, source, pointer, 'resource policy');
  }

  private resource(arn: string, raw: unknown, source: string, pointer: string, name: string): void {
    if (isRoleArn(arn)) {
      // A role's resource policy is its trust policy.
      this.noteRole(arn);
      const trust = this.named('trust policy', raw, source, pointer);
      if (trust) this.policies.trust.set(principalKey(arn), trust);
      return;
    }
    const policy = this.named(name, raw, source, pointer);
    if (policy) this.policies.resources.set(resourcePolicyKey(arn), policy);
  }

  private unlabelledResourcePolicy(raw: string, source: string, pointer: string): void {
    const result = readPolicyDocument(raw);
    if ('problem' in result) {
      this.warn(this.origin(source, pointer), result.problem, 'a resource policy as a JSON string');
      return;
    }
    this.keyByOwnResource(result.document, source, pointer);
  }

  private bareDocument(value: Json, source: string, pointer: string): void {
    const result = readPolicyDocument(value);
    const here = this.origin(source, pointer);
    if ('problem' in result) {
      this.warn(here, result.problem, EXPECTED);
      return;
    }
    if (!namesPrincipal(result.document)) {
      this.warn(
        here,
        'an identity policy document that does not say which role or user it belongs to',
        '{"principalArn": "arn:aws:iam::<account>:role/<name>", "policy": {...}}',
      );
      return;
    }
    this.keyByOwnResource(result.document, source, pointer);
  }

  /** A resource policy names its resource in Resource; one resource (a bucket and its objects count as one) is enough. */
  private keyByOwnResource(document: PolicyJson, source: string, pointer: string): void {
    const owners = new Set(
      statementResources(document)
        .filter((resource) => resource !== '*')
        .map((resource) => resourcePolicyKey(resource.replace(/\/\*$/, ''))),
    );
    const here = this.origin(source, pointer);
    const [owner] = owners;
    if (owners.size !== 1 || owner === undefined || owner.includes('*')) {
      this.warn(
        here,
        owners.size === 0
          ? 'a resource policy that does not name its resource (Resource is "*" or missing)'
          : `a resource policy naming ${owners.size === 1 ? 'a wildcard' : 'several'} resources (${[...owners].join(', ')})`,
        '{"resourceArn": "<bucket, key, repository, secret, queue or topic ARN>", "policy": ...}',
      );
      return;
    }
    this.policies.resources.set(owner, { name: 'resource policy', document, origin: here });
  }

  private organization(id: string, origin: string): void {
    if (!ORGANIZATION_ID.test(id)) {
      this.warn(
        origin,
        `an organization id ${id} not of AWS's form`,
        'o- followed by 10 to 32 lower-case letters or digits',
      );
      return;
    }
    // Policies of two organizations (SCPs of both, say) do not tell which the principals are in.
    const known = this.policies.organizationId;
    if (known && known !== id) this.organizationConflict = true;
    if (!this.organizationConflict) this.policies.organizationId = id;
    else delete this.policies.organizationId;
  }

  private organizationsPolicy(policy: Json, source: string, pointer: string): void {
    const summary = policy.PolicySummary as Json;
    const type = text(summary.Type);
    const here = this.origin(source, pointer);
    // An organization policy's ARN names its organization: arn:aws:organizations::<management>:policy/o-…/…
    const organization = /:policy\/(o-[a-z0-9]+)\//.exec(text(summary.Arn) ?? '')?.[1];
    if (organization) this.organization(organization, here);
    if (type !== 'SERVICE_CONTROL_POLICY' && type !== 'RESOURCE_CONTROL_POLICY') {
      this.warn(
        here,
        `an Organizations policy of type ${type ?? '(none)'}`,
        'a SERVICE_CONTROL_POLICY or RESOURCE_CONTROL_POLICY',
      );
      return;
    }
    const name = text(summary.Name) ?? text(summary.Arn) ?? text(summary.Id) ?? 'organizations policy';
    const named = this.named(name, policy.Content, source, `${pointer}.Content`);
    if (!named) return;
    if (type === 'SERVICE_CONTROL_POLICY') this.policies.scps.push(named);
    else this.policies.rcps.push(named);
  }

  private role(role: Json, source: string, pointer: string): void {
    const arn = role.Arn as string;
    const key = principalKey(arn);
    this.noteRole(arn);
    if ('AssumeRolePolicyDocument' in role) {
      const trust = this.named(
        'trust policy',
        role.AssumeRolePolicyDocument,
        source,
        `${pointer}.AssumeRolePolicyDocument`,
      );
      if (trust) this.policies.trust.set(key, trust);
    }
    const boundary = isObject(role.PermissionsBoundary)
      ? text(role.PermissionsBoundary.PermissionsBoundaryArn)
      : null;
    if (boundary)
      this.boundaryRefs.push({
        key,
        policyArn: boundary,
        origin: this.origin(source, `${pointer}.PermissionsBoundary`),
      });
  }

  private authorizationDetails(details: Json, source: string, pointer: string): void {
    const at = (key: string) => (pointer ? `${pointer}.${key}` : key);
    list(details.Policies).forEach((policy, index) => {
      this.managedPolicy(policy, source, `${at('Policies')}[${index}]`);
    });
    list(details.GroupDetailList).forEach((group, index) => {
      this.group(group, source, `${at('GroupDetailList')}[${index}]`);
    });
    list(details.RoleDetailList).forEach((role, index) => {
      const where = `${at('RoleDetailList')}[${index}]`;
      if (!isObject(role) || !text(role.Arn)) {
        this.warn(this.origin(source, where), 'a role without Arn', 'a RoleDetailList entry');
        return;
      }
      this.role(role, source, where);
      this.principalDetails(role, 'RolePolicyList', source, where);
    });
    list(details.UserDetailList).forEach((user, index) => {
      const where = `${at('UserDetailList')}[${index}]`;
      if (!isObject(user) || !text(user.Arn)) {
        this.warn(this.origin(source, where), 'a user without Arn', 'a UserDetailList entry');
        return;
      }
      const key = this.principalDetails(user, 'UserPolicyList', source, where);
      const boundary = isObject(user.PermissionsBoundary)
        ? text(user.PermissionsBoundary.PermissionsBoundaryArn)
        : null;
      if (boundary) this.boundaryRefs.push({ key, policyArn: boundary, origin: this.origin(source, where) });
      const names = list(user.GroupList).filter((name): name is string => typeof name === 'string');
      const account = accountOf(user.Arn as string);
      if (names.length > 0 && account)
        this.userGroups.push({ key, account, names, origin: this.origin(source, where) });
    });
  }

  /** Inline policies and attachments of a role or user; returns its key. */
  private principalDetails(entity: Json, inlineField: string, source: string, pointer: string): string {
    const key = principalKey(entity.Arn as string);
    this.addIdentity(key, null);
    list(entity[inlineField]).forEach((inline, index) => {
      if (!isObject(inline)) return;
      const name = text(inline.PolicyName) ?? 'inline policy';
      this.addIdentity(
        key,
        this.named(name, inline.PolicyDocument, source, `${pointer}.${inlineField}[${index}].PolicyDocument`),
      );
    });
    list(entity.AttachedManagedPolicies).forEach((attached, index) => {
      const arn = isObject(attached) ? text(attached.PolicyArn) : null;
      if (arn)
        this.attachments.push({
          key,
          policyArn: arn,
          origin: this.origin(source, `${pointer}.AttachedManagedPolicies[${index}]`),
        });
    });
    return key;
  }

  private group(group: unknown, source: string, pointer: string): void {
    if (!isObject(group) || !text(group.Arn) || !text(group.GroupName)) return;
    const account = accountOf(group.Arn as string) ?? '';
    const policies: NamedPolicy[] = [];
    list(group.GroupPolicyList).forEach((inline, index) => {
      if (!isObject(inline)) return;
      const named = this.named(
        text(inline.PolicyName) ?? 'group policy',
        inline.PolicyDocument,
        source,
        `${pointer}.GroupPolicyList[${index}].PolicyDocument`,
      );
      if (named) policies.push(named);
    });
    const attached = list(group.AttachedManagedPolicies)
      .map((item) => (isObject(item) ? text(item.PolicyArn) : null))
      .filter((arn): arn is string => arn !== null);
    this.groups.set(`${account}:${(group.GroupName as string).toLowerCase()}`, {
      policies,
      attached,
      origin: this.origin(source, pointer),
    });
  }

  private managedPolicy(policy: unknown, source: string, pointer: string): void {
    if (!isObject(policy) || !text(policy.Arn)) return;
    const versions = list(policy.PolicyVersionList);
    const index = versions.findIndex(
      (version) =>
        isObject(version) &&
        (version.IsDefaultVersion === true || version.VersionId === policy.DefaultVersionId),
    );
    const version = versions[index];
    if (!isObject(version)) {
      this.warn(
        this.origin(source, pointer),
        'a managed policy without its default version',
        'PolicyVersionList with IsDefaultVersion: true',
      );
      return;
    }
    const named = this.named(
      text(policy.PolicyName) ?? (policy.Arn as string),
      version.Document,
      source,
      `${pointer}.PolicyVersionList[${index}].Document`,
    );
    if (named) this.managed.set((policy.Arn as string).toLowerCase(), named);
  }

  /** Attachments may name policies listed in another page of the output: resolve once every file is read. */
  resolve(): KnownPolicies {
    for (const { key, policyArn, origin } of this.attachments) {
      const policy = this.managed.get(policyArn.toLowerCase());
      if (policy) this.addIdentity(key, policy);
      else
        this.warn(
          origin,
          `the attached managed policy ${policyArn} is not in the input: its statements are left out`,
          EXPECTED_MANAGED,
        );
    }
    for (const { key, policyArn, origin } of this.boundaryRefs) {
      const policy = this.managed.get(policyArn.toLowerCase());
      if (policy) this.policies.boundaries.set(key, policy);
      else
        this.warn(
          origin,
          `the permissions boundary ${policyArn} is not in the input: it is left out`,
          EXPECTED_MANAGED,
        );
    }
    for (const { key, account, names, origin } of this.userGroups) {
      for (const name of names) {
        const group = this.groups.get(`${account}:${name.toLowerCase()}`);
        if (!group) {
          this.warn(
            origin,
            `the user's group ${name} is not in the input: its policies are left out`,
            'GroupDetailList of get-account-authorization-details',
          );
          continue;
        }
        for (const policy of group.policies) this.addIdentity(key, policy);
        for (const arn of group.attached) {
          const policy = this.managed.get(arn.toLowerCase());
          if (policy) this.addIdentity(key, policy);
          else
            this.warn(
              group.origin,
              `the attached managed policy ${arn} is not in the input: its statements are left out`,
              EXPECTED_MANAGED,
            );
        }
      }
    }
    for (const { name, policy } of this.byRoleName) {
      const accounts = this.roleAccounts.get(name.toLowerCase());
      const [account] = accounts ?? [];
      this.addIdentity(
        accounts?.size === 1 && account ? `${account}:${name}`.toLowerCase() : nameOnlyKey(name),
        policy,
      );
    }
    return this.policies;
  }
}

export async function loadPolicies(
  paths: string[],
): Promise<{ policies: KnownPolicies; warnings: InputWarning[] }> {
  const collector = new PolicyCollector();
  for await (const entry of walkPaths(paths)) {
    if (typeof entry !== 'string') {
      collector.warn(entry.missing, entry.problem, 'a policy file or a directory of them');
      continue;
    }
    const input = await readInput(entry);
    if ('warning' in input) collector.warnings.push(input.warning);
    else collector.file(input.content, input.source);
  }
  return { policies: collector.resolve(), warnings: collector.warnings };
}
