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

class Unresolved extends Error {}

class TemplateReader {
  readonly out: DeclaredInputs = { definitions: [], policies: [], warnings: [], notes: [] };
  private readonly resources: Json;
  private readonly parameters: Json;
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
    this.region = deployment.region ?? REGION_PLACEHOLDER;
    this.account = deployment.account ?? ACCOUNT_PLACEHOLDER;
  }

  private note(line: string): void {
    if (this.said.has(line)) return;
    this.said.add(line);
    this.out.notes.push(line);
  }

  private warn(logicalId: string, problem: string, expected: string): void {
    this.out.warnings.push({ origin: `${this.source}#Resources.${logicalId}`, problem, expected });
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

  private ref(name: string, at: string): string {
    const pseudo = this.pseudo(name);
    if (pseudo !== null) return pseudo;
    if (name.startsWith('AWS::')) throw new Unresolved(`Ref ${name}, known only once deployed`);
    const parameter = this.parameters[name];
    if (isObject(parameter)) {
      const fallback = parameter.Default;
      if (typeof fallback === 'string' || typeof fallback === 'number') {
        this.note(`${this.source}: parameter ${name} is taken at its default, ${JSON.stringify(fallback)}`);
        return String(fallback);
      }
      throw new Unresolved(`parameter ${name} has no default`);
    }
    return this.refOf(name, at);
  }

  private sub(template: string, variables: Json, at: string): string {
    return template.replace(/\$\{([^}]*)\}/g, (_whole, name: string) => {
      if (name.startsWith('!')) return `\${${name.slice(1)}}`;
      if (name in variables) return String(this.resolve(variables[name], at));
      const dot = name.indexOf('.');
      if (dot > 0 && !name.startsWith('AWS::'))
        return this.getAtt(name.slice(0, dot), name.slice(dot + 1), at);
      return this.ref(name, at);
    });
  }

  /** The value of a template fragment, or throws Unresolved naming what is not known. */
  resolveStrict(node: unknown, at: string): unknown {
    if (Array.isArray(node)) return node.map((item) => this.resolveStrict(item, at));
    if (!isObject(node)) return node;
    const keys = Object.keys(node);
    const [key] = keys;
    if (keys.length === 1 && key && (key === 'Ref' || key.startsWith('Fn::'))) {
      const argument = node[key];
      switch (key) {
        case 'Ref':
          return this.ref(String(argument), at);
        case 'Fn::GetAtt': {
          const [id, attribute] = Array.isArray(argument)
            ? (argument as unknown[]).map(String)
            : String(argument).split(/\.(.*)/);
          return this.getAtt(id ?? '', attribute ?? '', at);
        }
        case 'Fn::Sub': {
          if (typeof argument === 'string') return this.sub(argument, {}, at);
          const [template, variables] = Array.isArray(argument) ? argument : [];
          return this.sub(String(template), object(variables), at);
        }
        case 'Fn::Join': {
          const [separator, parts] = Array.isArray(argument) ? argument : [];
          const list = this.resolveStrict(parts, at);
          if (!Array.isArray(list)) throw new Unresolved('Fn::Join of something that is no list');
          return list.map(String).join(String(separator ?? ''));
        }
        case 'Fn::Select': {
          const [index, list] = Array.isArray(argument) ? argument : [];
          const items = this.resolveStrict(list, at);
          if (!Array.isArray(items)) throw new Unresolved('Fn::Select of something that is no list');
          return items[Number(this.resolveStrict(index, at))];
        }
        case 'Fn::ImportValue':
          throw new Unresolved(`Fn::ImportValue ${JSON.stringify(argument)}, another stack's export`);
        default:
          throw new Unresolved(`${key}, which is decided at deploy time`);
      }
    }
    return Object.fromEntries(
      Object.entries(node).map(([name, value]) => [name, this.resolveStrict(value, at)]),
    );
  }

  /** The value, or null with a warning naming the logical id and what could not be resolved. */
  resolve(node: unknown, at: string): unknown {
    try {
      return this.resolveStrict(node, at);
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
    const properties = object(resource.Properties);
    const arn = this.roleArn(logicalId);
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
    (Array.isArray(properties.Policies) ? properties.Policies : []).forEach((inline, index) => {
      const entry = object(inline);
      const name = String(this.resolve(entry.PolicyName, logicalId) ?? `inline policy ${index}`);
      const document = this.document(entry.PolicyDocument, logicalId, `inline policy ${name}`);
      if (document) this.identity(arn, name, document, `${logicalId}.Properties.Policies[${index}]`);
    });
    const managed = Array.isArray(properties.ManagedPolicyArns) ? properties.ManagedPolicyArns : [];
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
    const roles = Array.isArray(properties.Roles) ? properties.Roles : [];
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
    const containers = (
      Array.isArray(properties.ContainerDefinitions) ? properties.ContainerDefinitions : []
    ).map((container, index) => this.container(object(container), `${logicalId}`, index));
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
      secrets: (Array.isArray(container.Secrets) ? container.Secrets : []).map((secret) => ({
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
