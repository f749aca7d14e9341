/**
 * A CloudFormation template (JSON, as written or as CDK synthesises it into cdk.out) read for
 * `whydenied check`: its AWS::ECS::TaskDefinition resources become task definitions, its IAM
 * roles and policies become the policies they will be. Intrinsics are resolved where the
 * template alone says the value (a role or secret of the same template, a parameter's default,
 * the pseudo parameters the user gives); what only CloudFormation knows at deploy time is a
 * warning naming the logical id.
 */
import type { InputWarning, TaskDefinitionEvidence } from '../../domain/evidence.js';
import { isObject, type Json, object } from '../../domain/json-value.js';
import type { NamedPolicy } from '../../domain/known-policies.js';
import { readPolicyDocument } from '../../domain/policy-document.js';
import { knownManagedPolicy } from './aws-managed-policies.js';
import type { DeclaredPolicy } from './declared-policies.js';
import { taskDefinitionEvidence } from './ecs-outputs.js';

export interface DeclaredInputs {
  definitions: TaskDefinitionEvidence[];
  policies: DeclaredPolicy[];
  warnings: InputWarning[];
  /** What the reading assumed, said to the user (a role's generated name, a placeholder). */
  notes: string[];
}

export interface Deployment {
  region?: string | undefined;
  account?: string | undefined;
  /** Parameter values the stack is deployed with; a parameter not given is taken at its default. */
  parameters?: Record<string, string> | undefined;
}

/** Stand-ins for the pseudo parameters the user did not give; without colons, so ARNs still split. */
export const ACCOUNT_PLACEHOLDER = 'aws-account-id';
export const REGION_PLACEHOLDER = 'aws-region';

/** A template is an object whose Resources are objects with a Type string. */
export function isCloudFormationTemplate(value: Json): boolean {
  const resources = value.Resources;
  if (!isObject(resources)) return false;
  const entries = Object.values(resources);
  return entries.length > 0 && entries.every((resource) => typeof object(resource).Type === 'string');
}

/**
 * Parameter values as CloudFormation takes them from a file: a template configuration file
 * (`{"Parameters": {"Name": "value"}}`, CodePipeline's and Copilot's), or the list that
 * `aws cloudformation create-stack --parameters file://…` reads. Null for anything else.
 */
export function templateParameters(value: unknown): Record<string, string> | null {
  const scalar = (item: unknown) =>
    typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean';
  if (Array.isArray(value)) {
    const entries = value.map(object);
    if (entries.length === 0 || !entries.every((entry) => typeof entry.ParameterKey === 'string'))
      return null;
    return Object.fromEntries(
      entries
        .filter((entry) => scalar(entry.ParameterValue))
        .map((entry) => [entry.ParameterKey as string, String(entry.ParameterValue)]),
    );
  }
  if (!isObject(value) || 'Resources' in value || !isObject(value.Parameters)) return null;
  const entries = Object.entries(value.Parameters);
  if (!entries.every(([, item]) => scalar(item))) return null;
  return Object.fromEntries(entries.map(([name, item]) => [name, String(item)]));
}

class Unresolved extends Error {}

/** `Ref AWS::NoValue`: the property or list element it stands in is removed. */
const NO_VALUE = Symbol('AWS::NoValue');

function withoutNoValue(list: unknown[]): unknown[] {
  return list.filter((item) => item !== NO_VALUE);
}

class TemplateReader {
  readonly out: DeclaredInputs = { definitions: [], policies: [], warnings: [], notes: [] };
  private readonly resources: Json;
  private readonly parameters: Json;
  private readonly given: Record<string, string>;
  private readonly conditions: Json;
  private readonly mappings: Json;
  /** Warnings about a role's own policies, said only when a task definition uses the role. */
  private readonly roleWarnings = new Map<string, InputWarning[]>();
  private readingRole: string | null = null;
  private readonly region: string;
  private readonly account: string;
  private readonly said = new Set<string>();
  private readonly resolving = new Set<string>();

  constructor(
    template: Json,
    private readonly source: string,
    deployment: Deployment,
  ) {
    this.resources = object(template.Resources);
    this.parameters = object(template.Parameters);
    this.given = deployment.parameters ?? {};
    this.conditions = object(template.Conditions);
    this.mappings = object(template.Mappings);
    this.region = deployment.region ?? REGION_PLACEHOLDER;
    this.account = deployment.account ?? ACCOUNT_PLACEHOLDER;
  }

  private note(line: string): void {
    if (this.said.has(line)) return;
    this.said.add(line);
    this.out.notes.push(line);
  }

  private warn(logicalId: string, problem: string, expected: string): void {
    const warning = { origin: `${this.source}#Resources.${logicalId}`, problem, expected };
    if (this.readingRole === null) {
      this.out.warnings.push(warning);
      return;
    }
    // A role no task definition uses (a custom resource's, an autoscaling role) is not checked.
    const pending = this.roleWarnings.get(this.readingRole) ?? [];
    pending.push(warning);
    this.roleWarnings.set(this.readingRole, pending);
  }

  private pseudo(name: string): string | null {
    switch (name) {
      case 'AWS::Region':
        if (this.region === REGION_PLACEHOLDER)
          this.note(
            `${this.source}: AWS::Region is not known; the ARNs hold "${REGION_PLACEHOLDER}" (give --region)`,
          );
        return this.region;
      case 'AWS::AccountId':
        if (this.account === ACCOUNT_PLACEHOLDER)
          this.note(
            `${this.source}: AWS::AccountId is not known; the ARNs hold "${ACCOUNT_PLACEHOLDER}" (give --account)`,
          );
        return this.account;
      case 'AWS::Partition':
        return 'aws';
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      default:
        return null;
    }
  }

  private resource(logicalId: string): Json | null {
    const resource = this.resources[logicalId];
    return isObject(resource) ? resource : null;
  }

  /** A role's ARN: its RoleName when set, else its logical id standing for the name CloudFormation generates. */
  roleArn(logicalId: string): string {
    const properties = object(this.resource(logicalId)?.Properties);
    const path = typeof properties.Path === 'string' ? properties.Path : '/';
    const named =
      properties.RoleName === undefined || this.resolving.has(logicalId)
        ? null
        : this.withGuard(logicalId, () => this.resolve(properties.RoleName, logicalId));
    if (typeof named === 'string' && named) return `arn:aws:iam::${this.account}:role${path}${named}`;
    this.note(
      `role ${logicalId} has no RoleName: CloudFormation generates one, and the role stands here as arn:aws:iam::${this.account}:role${path}${logicalId}`,
    );
    return `arn:aws:iam::${this.account}:role${path}${logicalId}`;
  }

  private withGuard<T>(logicalId: string, run: () => T): T {
    this.resolving.add(logicalId);
    try {
      return run();
    } finally {
      this.resolving.delete(logicalId);
    }
  }

  /** What `Ref` to a resource of the template returns, where the template alone says it. */
  private refOf(logicalId: string, at: string): string {
    // A name that refers to its own resource would never end resolving.
    if (this.resolving.has(logicalId)) throw new Unresolved(`Ref to ${logicalId}, which refers to itself`);
    return this.withGuard(logicalId, () => this.refOfResource(logicalId, at));
  }

  private refOfResource(logicalId: string, at: string): string {
    const resource = this.resource(logicalId);
    if (!resource)
      throw new Unresolved(`Ref to ${logicalId}, which is no parameter or resource of the template`);
    const properties = object(resource.Properties);
    const named = (key: string) =>
      properties[key] === undefined ? null : (this.resolve(properties[key], at) as string | null);
    switch (resource.Type) {
      case 'AWS::IAM::Role': {
        const name = named('RoleName');
        if (name) return name;
        throw new Unresolved(`Ref to role ${logicalId}, whose name CloudFormation generates`);
      }
      case 'AWS::IAM::ManagedPolicy':
        return `arn:aws:iam::${this.account}:policy/${named('ManagedPolicyName') ?? logicalId}`;
      case 'AWS::SecretsManager::Secret': {
        // Secrets Manager appends six random characters; the stand-in keeps the ARN's real shape.
        const name = named('Name') ?? logicalId;
        this.note(
          `secret ${logicalId} does not exist yet: its ARN stands here as arn:aws:secretsmanager:${this.region}:${this.account}:secret:${name}-AbC123 (the last 6 characters are random)`,
        );
        return `arn:aws:secretsmanager:${this.region}:${this.account}:secret:${name}-AbC123`;
      }
      case 'AWS::SSM::Parameter': {
        const name = named('Name');
        if (name) return name;
        throw new Unresolved(`Ref to parameter ${logicalId}, whose name CloudFormation generates`);
      }
      case 'AWS::Logs::LogGroup': {
        const name = named('LogGroupName');
        if (name) return name;
        throw new Unresolved(`Ref to log group ${logicalId}, whose name CloudFormation generates`);
      }
      case 'AWS::KMS::Key':
        throw new Unresolved(`Ref to key ${logicalId}, whose id KMS generates`);
      default:
        throw new Unresolved(
          `Ref to ${logicalId} (${String(resource.Type)}), which the template alone does not say`,
        );
    }
  }

  private getAtt(logicalId: string, attribute: string, at: string): string {
    const resource = this.resource(logicalId);
    if (!resource) throw new Unresolved(`Fn::GetAtt ${logicalId}.${attribute}: no such resource`);
    if (attribute === 'Arn') {
      if (resource.Type === 'AWS::IAM::Role') return this.roleArn(logicalId);
      if (resource.Type === 'AWS::Logs::LogGroup')
        return `arn:aws:logs:${this.region}:${this.account}:log-group:${this.refOf(logicalId, at)}:*`;
      if (resource.Type === 'AWS::SSM::Parameter')
        return `arn:aws:ssm:${this.region}:${this.account}:parameter/${this.refOf(logicalId, at).replace(/^\//, '')}`;
    }
    if (attribute === 'Id' && resource.Type === 'AWS::SecretsManager::Secret')
      return this.refOf(logicalId, at);
    throw new Unresolved(
      `Fn::GetAtt ${logicalId}.${attribute} (${String(resource.Type)}), known only once deployed`,
    );
  }

  private ref(name: string, at: string): string | string[] | typeof NO_VALUE {
    if (name === 'AWS::NoValue') return NO_VALUE;
    const pseudo = this.pseudo(name);
    if (pseudo !== null) return pseudo;
    if (name.startsWith('AWS::')) throw new Unresolved(`Ref ${name}, known only once deployed`);
    const parameter = this.parameters[name];
    if (isObject(parameter)) {
      const given = this.given[name];
      const fallback = parameter.Default;
      let value: string;
      if (given !== undefined) value = given;
      else if (
        typeof fallback === 'string' ||
        typeof fallback === 'number' ||
        typeof fallback === 'boolean'
      ) {
        this.note(`${this.source}: parameter ${name} is taken at its default, ${JSON.stringify(fallback)}`);
        value = String(fallback);
      } else throw new Unresolved(`parameter ${name} has no default and no value was given`);
      // A list parameter's Ref is the list (CommaDelimitedList, List<AWS::EC2::Subnet::Id>).
      const type = String(parameter.Type ?? '');
      if (type === 'CommaDelimitedList' || type.startsWith('List<'))
        return value === '' ? [] : value.split(',').map((item) => item.trim());
      return value;
    }
    return this.refOf(name, at);
  }

  /** A named condition of the template's Conditions, evaluated with the parameter values. */
  private condition(name: string, at: string): boolean {
    const expression = this.conditions[name];
    if (expression === undefined)
      throw new Unresolved(`condition ${name}, which the template does not define`);
    const key = `Condition ${name}`;
    if (this.resolving.has(key)) throw new Unresolved(`condition ${name}, which refers to itself`);
    return this.withGuard(key, () => this.truth(this.resolveStrict(expression, at), name));
  }

  private truth(value: unknown, what: string): boolean {
    if (value === true || value === 'true') return true;
    if (value === false || value === 'false') return false;
    throw new Unresolved(`${what}, which is no condition (${JSON.stringify(value)})`);
  }

  private sub(template: string, variables: Json, at: string): string {
    return template.replace(/\$\{([^}]*)\}/g, (_whole, name: string) => {
      if (name.startsWith('!')) return `\${${name.slice(1)}}`;
      if (name in variables) return String(this.resolveStrict(variables[name], at));
      const dot = name.indexOf('.');
      if (dot > 0 && !name.startsWith('AWS::'))
        return this.getAtt(name.slice(0, dot), name.slice(dot + 1), at);
      const value = this.ref(name, at);
      if (typeof value !== 'string') throw new Unresolved(`\${${name}} in Fn::Sub, which is no string`);
      return value;
    });
  }

  private list(node: unknown, at: string, what: string): unknown[] {
    const value = this.resolveStrict(node, at);
    if (!Array.isArray(value)) throw new Unresolved(`${what} of something that is no list`);
    return value;
  }

  /** The value of a template fragment, or throws Unresolved naming what is not known. */
  resolveStrict(node: unknown, at: string): unknown {
    if (Array.isArray(node)) return withoutNoValue(node.map((item) => this.resolveStrict(item, at)));
    if (!isObject(node)) return node;
    const keys = Object.keys(node);
    const [key] = keys;
    if (keys.length === 1 && key && (key === 'Ref' || key === 'Condition' || key.startsWith('Fn::')))
      return this.intrinsic(key, node[key], at);
    const entries = Object.entries(node).map(([name, value]) => [name, this.resolveStrict(value, at)]);
    return Object.fromEntries(entries.filter(([, value]) => value !== NO_VALUE));
  }

  private intrinsic(key: string, argument: unknown, at: string): unknown {
    const args = Array.isArray(argument) ? argument : [];
    switch (key) {
      case 'Ref':
        return this.ref(String(argument), at);
      case 'Condition':
        return this.condition(String(argument), at);
      case 'Fn::GetAtt': {
        const [id, attribute] = Array.isArray(argument)
          ? (argument as unknown[]).map(String)
          : String(argument).split(/\.(.*)/);
        return this.getAtt(id ?? '', attribute ?? '', at);
      }
      case 'Fn::Sub': {
        if (typeof argument === 'string') return this.sub(argument, {}, at);
        const [template, variables] = args;
        return this.sub(String(template), object(variables), at);
      }
      case 'Fn::Join': {
        const [separator, parts] = args;
        return this.list(parts, at, 'Fn::Join')
          .map(String)
          .join(String(separator ?? ''));
      }
      case 'Fn::Select': {
        const [index, list] = args;
        const items = this.list(list, at, 'Fn::Select');
        const position = Number(this.resolveStrict(index, at));
        if (!Number.isInteger(position) || position < 0 || position >= items.length)
          throw new Unresolved(`Fn::Select index ${position} of a list of ${items.length}`);
        return items[position];
      }
      case 'Fn::Split': {
        const [separator, source] = args;
        const value = this.resolveStrict(source, at);
        if (typeof value !== 'string') throw new Unresolved('Fn::Split of something that is no string');
        return value.split(String(separator));
      }
      case 'Fn::FindInMap': {
        const [map, top, second] = args.map((item) => this.resolveStrict(item, at));
        const value = object(object(this.mappings[String(map)])[String(top)])[String(second)];
        if (value === undefined)
          throw new Unresolved(`Fn::FindInMap ${map}.${top}.${second}: no such entry in Mappings`);
        return this.resolveStrict(value, at);
      }
      case 'Fn::Base64': {
        const value = this.resolveStrict(argument, at);
        if (typeof value !== 'string') throw new Unresolved('Fn::Base64 of something that is no string');
        return Buffer.from(value, 'utf8').toString('base64');
      }
      case 'Fn::If': {
        const [name, whenTrue, whenFalse] = args;
        return this.resolveStrict(this.condition(String(name), at) ? whenTrue : whenFalse, at);
      }
      case 'Fn::Equals': {
        const [left, right] = args.map((item) => this.resolveStrict(item, at));
        return JSON.stringify(left) === JSON.stringify(right) || String(left) === String(right);
      }
      case 'Fn::Not': {
        const [operand] = args;
        return !this.truth(this.resolveStrict(operand, at), 'Fn::Not');
      }
      case 'Fn::And':
        return args.every((item) => this.truth(this.resolveStrict(item, at), 'Fn::And'));
      case 'Fn::Or':
        return args.some((item) => this.truth(this.resolveStrict(item, at), 'Fn::Or'));
      case 'Fn::ImportValue':
        throw new Unresolved(`Fn::ImportValue ${JSON.stringify(argument)}, another stack's export`);
      default:
        throw new Unresolved(`${key}, which is decided at deploy time`);
    }
  }

  /** The value, or null with a warning naming the logical id and what could not be resolved. */
  resolve(node: unknown, at: string): unknown {
    try {
      const value = this.resolveStrict(node, at);
      return value === NO_VALUE ? null : value;
    } catch (error) {
      if (!(error instanceof Unresolved)) throw error;
      this.warn(
        at,
        `cannot resolve ${error.message}`,
        'a value the template itself says, or a parameter default',
      );
      return null;
    }
  }

  /**
   * The elements of a list property as written, except that an element chosen by a condition
   * (`Fn::If`) is the branch it takes, and one that is `AWS::NoValue` is gone.
   */
  private elements(list: unknown, at: string): unknown[] {
    if (!Array.isArray(list)) return [];
    return list.flatMap((item) => {
      if (!isObject(item) || Object.keys(item).length !== 1 || !('Fn::If' in item || 'Ref' in item))
        return [item];
      if ('Ref' in item && item.Ref !== 'AWS::NoValue') return [item];
      const chosen = this.resolve(item, at);
      return chosen === null ? [] : [chosen];
    });
  }

  /** Each element resolved on its own, so one unknown element does not lose the rest. */
  private resolveEach(list: unknown, at: string): unknown[] {
    return (Array.isArray(list) ? list : [list])
      .map((item) => this.resolve(item, at))
      .filter((item) => item !== null);
  }

  private document(raw: unknown, at: string, what: string): NamedPolicy['document'] | null {
    const resolved = this.resolve(raw, at);
    if (resolved === null) return null;
    const read = readPolicyDocument(resolved);
    if ('problem' in read) {
      this.warn(
        at,
        `${what}: ${read.problem}`,
        'an IAM policy document {"Version": ..., "Statement": [...]}',
      );
      return null;
    }
    return read.document;
  }

  private identity(roleArn: string, name: string, document: NamedPolicy['document'], at: string): void {
    this.out.policies.push({
      kind: 'identity',
      roleArn,
      policy: { name, document, origin: `${this.source}#Resources.${at}` },
    });
  }

  private role(logicalId: string, resource: Json): void {
    const arn = this.roleArn(logicalId);
    this.readingRole = arn;
    try {
      this.rolePolicies(logicalId, resource, arn);
    } finally {
      this.readingRole = null;
    }
  }

  private rolePolicies(logicalId: string, resource: Json, arn: string): void {
    const properties = object(resource.Properties);
    const trust = this.document(properties.AssumeRolePolicyDocument, logicalId, 'AssumeRolePolicyDocument');
    if (trust)
      this.out.policies.push({
        kind: 'trust',
        roleArn: arn,
        policy: {
          name: `${logicalId} trust policy`,
          document: trust,
          origin: `${this.source}#Resources.${logicalId}.Properties.AssumeRolePolicyDocument`,
        },
      });
    this.elements(properties.Policies, logicalId).forEach((inline, index) => {
      const entry = object(inline);
      const name = String(this.resolve(entry.PolicyName, logicalId) ?? `inline policy ${index}`);
      const document = this.document(entry.PolicyDocument, logicalId, `inline policy ${name}`);
      if (document) this.identity(arn, name, document, `${logicalId}.Properties.Policies[${index}]`);
    });
    const managed = this.elements(properties.ManagedPolicyArns, logicalId);
    managed.forEach((raw, index) => {
      // A managed policy of the same template is read where it is declared (its Roles or a Ref here).
      if (
        isObject(raw) &&
        typeof raw.Ref === 'string' &&
        this.resource(raw.Ref)?.Type === 'AWS::IAM::ManagedPolicy'
      ) {
        const policy = object(this.resource(raw.Ref)?.Properties);
        const document = this.document(policy.PolicyDocument, raw.Ref, 'PolicyDocument');
        if (document) this.identity(arn, raw.Ref, document, `${raw.Ref}.Properties.PolicyDocument`);
        return;
      }
      const policyArn = this.resolve(raw, logicalId);
      if (typeof policyArn !== 'string') return;
      const known = knownManagedPolicy(policyArn);
      if (known) {
        this.identity(
          arn,
          policyArn.split('/').pop() ?? policyArn,
          known,
          `${logicalId}.Properties.ManagedPolicyArns[${index}]`,
        );
        this.note(
          `${policyArn} is read as AWS publishes its version v1 (the AWS Managed Policy Reference Guide)`,
        );
        return;
      }
      this.warn(
        logicalId,
        `the managed policy ${policyArn} is attached to role ${logicalId}, but its document is not in the template`,
        `its document with --policies: {"principalArn": "${arn}", "policy": <aws iam get-policy-version output>}`,
      );
    });
  }

  /** AWS::IAM::Policy and AWS::IAM::ManagedPolicy name the roles they attach to. */
  private attachedPolicy(logicalId: string, resource: Json): void {
    const properties = object(resource.Properties);
    const roles = this.elements(properties.Roles, logicalId);
    if (roles.length === 0) return;
    const document = this.document(properties.PolicyDocument, logicalId, 'PolicyDocument');
    if (!document) return;
    const name =
      (this.resolve(properties.PolicyName ?? properties.ManagedPolicyName ?? logicalId, logicalId) as
        | string
        | null) ?? logicalId;
    for (const role of roles) {
      const roleArn =
        isObject(role) && typeof role.Ref === 'string' && this.resource(role.Ref)?.Type === 'AWS::IAM::Role'
          ? this.roleArn(role.Ref)
          : (() => {
              const roleName = this.resolve(role, logicalId);
              return typeof roleName === 'string' ? `arn:aws:iam::${this.account}:role/${roleName}` : null;
            })();
      if (roleArn) this.identity(roleArn, name, document, `${logicalId}.Properties.PolicyDocument`);
    }
  }

  private taskDefinition(logicalId: string, resource: Json): void {
    const properties = object(resource.Properties);
    const field = (key: string) => {
      if (properties[key] === undefined) return null;
      const value = this.resolve(properties[key], logicalId);
      return typeof value === 'string' ? value : null;
    };
    let family = field('Family');
    if (!family) {
      this.note(
        `task definition ${logicalId} has no Family: CloudFormation generates one; it stands here as ${logicalId}`,
      );
      family = logicalId;
    }
    const containers = this.elements(properties.ContainerDefinitions, logicalId).map((container, index) =>
      this.container(object(container), `${logicalId}`, index),
    );
    // ECS takes a role's name or ARN; `Ref` to a role gives its name, generated when RoleName is unset.
    const role = (key: string) => {
      const raw = properties[key];
      if (isObject(raw) && typeof raw.Ref === 'string' && this.resource(raw.Ref)?.Type === 'AWS::IAM::Role')
        return this.roleArn(raw.Ref);
      const value = field(key);
      return value && !value.startsWith('arn:') ? `arn:aws:iam::${this.account}:role/${value}` : value;
    };
    const definition = {
      family,
      executionRoleArn: role('ExecutionRoleArn'),
      taskRoleArn: role('TaskRoleArn'),
      containerDefinitions: containers,
      volumes: camel(this.resolve(properties.Volumes ?? [], logicalId)),
    };
    const evidence = taskDefinitionEvidence(definition, this.source, `Resources.${logicalId}`);
    if (evidence) this.out.definitions.push(evidence);
  }

  /** A container in the API's camelCase, each property resolved on its own. */
  private container(container: Json, logicalId: string, index: number): Json {
    const at = logicalId;
    const value = (key: string) =>
      container[key] === undefined ? undefined : this.resolve(container[key], at);
    const log = object(container.LogConfiguration);
    const options = object(log.Options);
    return {
      name: value('Name') ?? `container ${index}`,
      image: value('Image'),
      secrets: this.elements(container.Secrets, at).map((secret) => ({
        valueFrom: this.resolve(object(secret).ValueFrom, at),
      })),
      repositoryCredentials: {
        credentialsParameter: this.resolve(object(container.RepositoryCredentials).CredentialsParameter, at),
      },
      logConfiguration: {
        logDriver: this.resolve(log.LogDriver, at),
        // Option names are the log driver's own (awslogs-group): kept as they are.
        options: Object.fromEntries(
          Object.entries(options).map(([name, option]) => [name, this.resolve(option, at)]),
        ),
      },
      environmentFiles: this.resolveEach(container.EnvironmentFiles ?? [], at).map((file) => ({
        value: object(file).Value,
        type: object(file).Type,
      })),
    };
  }

  read(): DeclaredInputs {
    for (const [logicalId, raw] of Object.entries(this.resources)) {
      const resource = object(raw);
      if (resource.Type === 'AWS::IAM::Role') this.role(logicalId, resource);
      else if (resource.Type === 'AWS::IAM::Policy' || resource.Type === 'AWS::IAM::ManagedPolicy')
        this.attachedPolicy(logicalId, resource);
    }
    for (const [logicalId, raw] of Object.entries(this.resources)) {
      const resource = object(raw);
      if (resource.Type === 'AWS::ECS::TaskDefinition') this.taskDefinition(logicalId, resource);
    }
    const used = new Set(
      this.out.definitions.flatMap((definition) => [definition.executionRoleArn, definition.taskRoleArn]),
    );
    for (const [roleArn, warnings] of this.roleWarnings)
      if (used.has(roleArn)) this.out.warnings.push(...warnings);
    return this.out;
  }
}

/** The API's spelling of a CloudFormation property tree: ContainerPath → containerPath. */
function camel(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camel);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key.charAt(0).toLowerCase() + key.slice(1), camel(inner)]),
  );
}

export function readCloudFormationTemplate(
  template: Json,
  source: string,
  deployment: Deployment,
): DeclaredInputs {
  return new TemplateReader(template, source, deployment).read();
}
