/**
 * A Terraform plan as `terraform show -json plan.out` prints it, read for `whydenied check`: its
 * `aws_ecs_task_definition` resources become task definitions, its IAM roles, role policies,
 * policies and attachments the policies those roles will hold. A value known only after apply
 * (a new role's ARN, a new policy's ARN) is followed through the configuration's references to
 * the resource it names; what cannot be followed is a warning naming the address.
 */
import { isObject, type Json, object, text } from '../../domain/json-value.js';
import type { NamedPolicy } from '../../domain/known-policies.js';
import { readPolicyDocument } from '../../domain/policy-document.js';
import { knownManagedPolicy } from './aws-managed-policies.js';
import { ACCOUNT_PLACEHOLDER, type DeclaredInputs, type Deployment } from './cloudformation.js';
import type { DeclaredPolicy } from './declared-policies.js';
import { taskDefinitionEvidence } from './ecs-outputs.js';

/** A plan has a format_version and planned_values (a state has values instead). */
export function isTerraformPlan(value: Json): boolean {
  return typeof value.format_version === 'string' && isObject(value.planned_values);
}

interface PlannedResource {
  address: string;
  type: string;
  /** The module path the address is in ('' at the root, `module.a.` inside). */
  module: string;
  values: Json;
  unknown: Json;
  expressions: Json;
}

/** `aws_iam_role.x[0]` and `module.m.aws_iam_role.x` → the config address inside its module: `aws_iam_role.x`. */
function configAddress(address: string): { module: string; local: string } {
  const parts = address.replace(/\[[^\]]*\]/g, '').split('.');
  let module = '';
  while (parts[0] === 'module' && parts.length > 2) {
    module += `module.${parts[1]}.`;
    parts.splice(0, 2);
  }
  return { module, local: parts.join('.') };
}

function plannedResources(module: Json, into: Json[] = []): Json[] {
  for (const resource of Array.isArray(module.resources) ? module.resources : []) into.push(object(resource));
  for (const child of Array.isArray(module.child_modules) ? module.child_modules : [])
    plannedResources(object(child), into);
  return into;
}

/** Configuration resources by `<module path><address>`, modules entered through module_calls. */
function configured(module: Json, prefix: string, into: Map<string, Json>): Map<string, Json> {
  for (const resource of Array.isArray(module.resources) ? module.resources : []) {
    const entry = object(resource);
    if (typeof entry.address === 'string') into.set(`${prefix}${entry.address}`, object(entry.expressions));
  }
  for (const [name, call] of Object.entries(object(module.module_calls)))
    configured(object(object(call).module), `${prefix}module.${name}.`, into);
  return into;
}

class PlanReader {
  readonly out: DeclaredInputs = { definitions: [], policies: [], warnings: [], notes: [] };
  private readonly resources: PlannedResource[] = [];
  private readonly account: string;

  constructor(
    plan: Json,
    private readonly source: string,
    deployment: Deployment,
  ) {
    this.account = deployment.account ?? ACCOUNT_PLACEHOLDER;
    const unknown = new Map<string, Json>();
    for (const change of Array.isArray(plan.resource_changes) ? plan.resource_changes : []) {
      const entry = object(change);
      if (typeof entry.address === 'string')
        unknown.set(entry.address, object(object(entry.change).after_unknown));
    }
    const expressions = configured(object(object(plan.configuration).root_module), '', new Map());
    for (const resource of plannedResources(object(object(plan.planned_values).root_module))) {
      if (
        resource.mode !== 'managed' ||
        typeof resource.address !== 'string' ||
        typeof resource.type !== 'string'
      )
        continue;
      const { module, local } = configAddress(resource.address);
      this.resources.push({
        address: resource.address,
        type: resource.type,
        module,
        values: object(resource.values),
        unknown: unknown.get(resource.address) ?? {},
        expressions: expressions.get(`${module}${local}`) ?? {},
      });
    }
  }

  private warn(address: string, problem: string, expected: string): void {
    this.out.warnings.push({ origin: `${this.source}#${address}`, problem, expected });
  }

  private note(line: string): void {
    if (!this.out.notes.includes(line)) this.out.notes.push(line);
  }

  /** The resource a configuration expression refers to (`aws_iam_role.x.arn` → aws_iam_role.x), in the same module. */
  private referenced(resource: PlannedResource, attribute: string, type: string): PlannedResource | null {
    const references = object(resource.expressions[attribute]).references;
    for (const reference of Array.isArray(references) ? references : []) {
      if (typeof reference !== 'string' || !reference.startsWith(`${type}.`)) continue;
      const target = `${resource.module}${reference.split('.').slice(0, 2).join('.')}`;
      const found = this.resources.find(
        (candidate) =>
          candidate.type === type &&
          configAddress(candidate.address).module + configAddress(candidate.address).local === target,
      );
      if (found) return found;
    }
    return null;
  }

  /** A role's ARN: planned, or built from its name when AWS assigns the ARN at apply. */
  private roleArn(role: PlannedResource): string | null {
    const known = text(role.values.arn);
    if (known) return known;
    const name = text(role.values.name);
    if (!name) {
      this.warn(
        role.address,
        'the role name is known only after apply (name_prefix or generated)',
        'a role with a name',
      );
      return null;
    }
    const path = text(role.values.path) ?? '/';
    const arn = `arn:aws:iam::${this.account}:role${path}${name}`;
    this.note(`${role.address}'s ARN is known after apply; it stands here as ${arn}`);
    return arn;
  }

  /** A role given by name, or by a reference to a role of the plan when the name is unknown. */
  private roleOf(resource: PlannedResource, attribute: string): string | null {
    const name = text(resource.values[attribute]);
    if (name) {
      if (name.startsWith('arn:')) return name;
      const role = this.resources.find(
        (candidate) => candidate.type === 'aws_iam_role' && text(candidate.values.name) === name,
      );
      return role ? this.roleArn(role) : `arn:aws:iam::${this.account}:role/${name}`;
    }
    return this.referencedRole(resource, attribute, 'a role of the plan, by name or reference');
  }

  /** The ARN of the plan's role an attribute known only after apply refers to; none: a warning expecting `expected`. */
  private referencedRole(resource: PlannedResource, attribute: string, expected: string): string | null {
    const role = this.referenced(resource, attribute, 'aws_iam_role');
    if (role) return this.roleArn(role);
    this.warn(
      resource.address,
      `${attribute} is known only after apply and refers to no role of the plan`,
      expected,
    );
    return null;
  }

  private document(raw: unknown, address: string, what: string): NamedPolicy['document'] | null {
    const read = readPolicyDocument(raw);
    if ('problem' in read) {
      this.warn(address, `${what}: ${read.problem}`, 'an IAM policy document, as a JSON string');
      return null;
    }
    return read.document;
  }

  private policy(
    kind: DeclaredPolicy['kind'],
    roleArn: string,
    name: string,
    document: NamedPolicy['document'],
    origin: string,
  ): void {
    this.out.policies.push({ kind, roleArn, policy: { name, document, origin: `${this.source}#${origin}` } });
  }

  private role(role: PlannedResource): void {
    const arn = this.roleArn(role);
    if (!arn) return;
    if (role.unknown.assume_role_policy === true) {
      this.warn(
        role.address,
        'assume_role_policy is known only after apply',
        'a trust policy the plan holds',
      );
    } else {
      const trust = this.document(role.values.assume_role_policy, role.address, 'assume_role_policy');
      if (trust)
        this.policy(
          'trust',
          arn,
          `${role.address} assume_role_policy`,
          trust,
          `${role.address}.assume_role_policy`,
        );
    }
    (Array.isArray(role.values.inline_policy) ? role.values.inline_policy : []).forEach((inline, index) => {
      const entry = object(inline);
      const document = this.document(entry.policy, role.address, 'inline_policy');
      if (document)
        this.policy(
          'identity',
          arn,
          text(entry.name) ?? `inline_policy[${index}]`,
          document,
          `${role.address}.inline_policy[${index}]`,
        );
    });
    for (const policyArn of Array.isArray(role.values.managed_policy_arns)
      ? role.values.managed_policy_arns
      : [])
      if (typeof policyArn === 'string') this.attach(arn, policyArn, role.address);
  }

  /** A managed policy attached to a role: one of the plan's aws_iam_policy, or AWS's known one. */
  private attach(
    roleArn: string,
    policyArn: string,
    address: string,
    planned?: PlannedResource | null,
  ): void {
    const policy =
      planned ??
      this.resources.find(
        (candidate) => candidate.type === 'aws_iam_policy' && text(candidate.values.arn) === policyArn,
      );
    if (policy) {
      const document = this.document(policy.values.policy, policy.address, 'policy');
      if (document)
        this.policy(
          'identity',
          roleArn,
          text(policy.values.name) ?? policy.address,
          document,
          `${policy.address}.policy`,
        );
      return;
    }
    const known = knownManagedPolicy(policyArn);
    if (known) {
      this.policy(
        'identity',
        roleArn,
        policyArn.split('/').pop() ?? policyArn,
        known,
        `${address}.policy_arn`,
      );
      this.note(
        `${policyArn} is read as AWS publishes its version v1 (the AWS Managed Policy Reference Guide)`,
      );
      return;
    }
    this.warn(
      address,
      `the managed policy ${policyArn} is attached to ${roleArn}, but its document is not in the plan`,
      `its document with --policies: {"principalArn": "${roleArn}", "policy": <aws iam get-policy-version output>}`,
    );
  }

  private attachment(resource: PlannedResource): void {
    const roleArn = this.roleOf(resource, 'role');
    if (!roleArn) return;
    const policyArn = text(resource.values.policy_arn);
    if (policyArn) {
      this.attach(roleArn, policyArn, resource.address);
      return;
    }
    const policy = this.referenced(resource, 'policy_arn', 'aws_iam_policy');
    if (policy) this.attach(roleArn, `${policy.address}.arn`, resource.address, policy);
    else
      this.warn(
        resource.address,
        'policy_arn is known only after apply and refers to no policy of the plan',
        'a policy_arn the plan holds',
      );
  }

  private rolePolicy(resource: PlannedResource): void {
    const roleArn = this.roleOf(resource, 'role');
    if (!roleArn) return;
    if (resource.unknown.policy === true) {
      this.warn(resource.address, 'policy is known only after apply', 'a policy document the plan holds');
      return;
    }
    const document = this.document(resource.values.policy, resource.address, 'policy');
    if (document)
      this.policy(
        'identity',
        roleArn,
        text(resource.values.name) ?? resource.address,
        document,
        `${resource.address}.policy`,
      );
  }

  private taskDefinition(resource: PlannedResource): void {
    const values = resource.values;
    const roleField = (attribute: string): string | null => {
      const known = text(values[attribute]);
      if (known) return known;
      if (resource.unknown[attribute] !== true) return null;
      return this.referencedRole(resource, attribute, 'a role ARN, or a reference to a role of the plan');
    };
    if (resource.unknown.container_definitions === true) {
      this.warn(
        resource.address,
        'container_definitions is known only after apply',
        'container definitions the plan holds',
      );
      return;
    }
    let containers: unknown;
    try {
      containers = JSON.parse(String(values.container_definitions ?? '[]'));
    } catch (error) {
      this.warn(
        resource.address,
        `container_definitions is not JSON (${(error as Error).message})`,
        'the JSON string the provider plans',
      );
      return;
    }
    const evidence = taskDefinitionEvidence(
      {
        family: values.family,
        executionRoleArn: roleField('execution_role_arn'),
        taskRoleArn: roleField('task_role_arn'),
        containerDefinitions: containers,
      },
      this.source,
      resource.address,
    );
    if (evidence) this.out.definitions.push(evidence);
    else this.warn(resource.address, 'a task definition with no family', 'family');
  }

  read(): DeclaredInputs {
    for (const resource of this.resources) {
      if (resource.type === 'aws_iam_role') this.role(resource);
      else if (resource.type === 'aws_iam_role_policy') this.rolePolicy(resource);
      else if (resource.type === 'aws_iam_role_policy_attachment') this.attachment(resource);
    }
    for (const resource of this.resources)
      if (resource.type === 'aws_ecs_task_definition') this.taskDefinition(resource);
    return this.out;
  }
}

export function readTerraformPlan(plan: Json, source: string, deployment: Deployment): DeclaredInputs {
  const major = /^(\d+)\./.exec(String(plan.format_version))?.[1];
  const reader = new PlanReader(plan, source, deployment);
  if (major !== '0' && major !== '1')
    reader.out.warnings.push({
      origin: source,
      problem: `a plan of format_version ${String(plan.format_version)}, which this reader does not know`,
      expected: 'terraform show -json output of format 0.x or 1.x',
    });
  return reader.read();
}
