/**
 * `whydenied fix --format cloudformation`: a `Resources:` fragment with an `AWS::IAM::RolePolicy`
 * or `AWS::IAM::UserPolicy` per inline fix. A key, repository, bucket or trust policy is one
 * property of a resource the user's template already declares, so those fixes are commented
 * statements to merge there: a resource here would replace the whole policy.
 */
import type { PolicyDocument } from '../../domain/fix.js';
import type { MergedFix } from '../../domain/merge-fixes.js';
import { wrap } from '../wrap.js';
import {
  describe,
  labelWords,
  placeholdersOf,
  policyNameOf,
  principalOf,
  serviceOf,
  uniqueLabels,
} from './fix-facts.js';
import { Sub, type YamlNode, yamlLines } from './yaml.js';

const PLACEHOLDER = /\$\{([^}]*)\}/g;

/** In `!Sub`, our placeholders stay references and anything else in `${...}` (an IAM policy variable) is escaped to stay literal. */
function withSubstitution(text: string, placeholders: Set<string>): YamlNode {
  if (![...text.matchAll(PLACEHOLDER)].some((match) => placeholders.has(match[1] ?? ''))) return text;
  return new Sub(
    text.replace(PLACEHOLDER, (found, name: string) => (placeholders.has(name) ? found : `\${!${name}}`)),
  );
}

function documentNode(policy: PolicyDocument, placeholders: Set<string>): YamlNode {
  const node = (value: unknown): YamlNode => {
    if (typeof value === 'string') return withSubstitution(value, placeholders);
    if (Array.isArray(value)) return value.map(node);
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, node(item)]));
    return String(value);
  };
  return node(policy);
}

function mergeAdvice(fix: MergedFix): string {
  const service = serviceOf(fix.target);
  const role = principalOf(fix.target)?.name;
  switch (fix.placement) {
    case 'trust-policy':
      return `merge into AssumeRolePolicyDocument of the AWS::IAM::Role ${role ?? ''} (it is the whole trust policy: keep its statements):`;
    case 'key-policy':
      return "merge into KeyPolicy of the AWS::KMS::Key (the whole key policy: keep its statements, or the key's administrators lose it):";
    case 'repository-policy':
      return 'merge into RepositoryPolicyText of the AWS::ECR::Repository (the whole repository policy: keep its statements):';
    case 'resource-policy':
      return `merge into ${resourcePolicyProperty(service)} (the whole resource policy: keep its statements):`;
    case 'policy-change':
      return service === 'organizations'
        ? 'merge into Content of the AWS::Organizations::Policy (the whole policy: keep its statements):'
        : 'merge into that policy (one document: keep its statements):';
    default:
      return 'attach it to that role, as an AWS::IAM::RolePolicy or a Policies entry of its AWS::IAM::Role:';
  }
}

function resourcePolicyProperty(service: string | null): string {
  const byService: Record<string, string> = {
    s3: 'PolicyDocument of the AWS::S3::BucketPolicy of this bucket',
    sqs: 'PolicyDocument of the AWS::SQS::QueuePolicy of this queue',
    sns: 'PolicyDocument of the AWS::SNS::TopicPolicy of this topic',
    secretsmanager: 'ResourcePolicy of the AWS::SecretsManager::ResourcePolicy of this secret',
  };
  return (service && byService[service]) || "the resource's policy";
}

const comments = (lines: string[], indent: string) => lines.map((line) => `${indent}# ${line}`.trimEnd());

const WIDTH = 96;

/** `Type: "AWS::IAM::RolePolicy"` is valid YAML, but the unquoted form is what every template shows. */
const unquoteTypes = (lines: string[]) =>
  lines.map((line) => line.replace(/^(\s*Type: )"([\w:]+)"$/, '$1$2'));

function render(fix: MergedFix, logicalId: string): { resource: string[]; parameters: string[] } {
  const indent = '  ';
  const principal = principalOf(fix.target);
  const inline = fix.placement === 'identity-policy' || fix.placement === 'deployer-policy';
  if (!fix.policy) {
    const why =
      'no Allow statement helps: an explicit Deny wins over every Allow, so the Deny itself must change';
    return { resource: comments([...describe(fix), why], indent), parameters: [] };
  }
  if (inline && principal) {
    const placeholders = placeholdersOf(fix);
    const type = principal.kind === 'role' ? 'AWS::IAM::RolePolicy' : 'AWS::IAM::UserPolicy';
    const nameProperty = principal.kind === 'role' ? 'RoleName' : 'UserName';
    const body: YamlNode = {
      [logicalId]: {
        Type: type,
        Properties: {
          [nameProperty]: withSubstitution(principal.name, new Set(placeholders)),
          PolicyName: policyNameOf(fix),
          PolicyDocument: documentNode(fix.policy, new Set(placeholders)),
        },
      },
    };
    const lines = unquoteTypes(yamlLines(body, indent));
    return { resource: [...comments(describe(fix), indent), ...lines], parameters: placeholders };
  }
  const snippet = yamlLines(documentNode(fix.policy, new Set()), '  ');
  return {
    resource: comments([...describe(fix), ...wrap(mergeAdvice(fix), WIDTH), ...snippet], indent),
    parameters: [],
  };
}

export function renderCloudFormation(fixes: MergedFix[]): string {
  if (fixes.length === 0) return '# whydenied: no fixes to propose\n';
  const ids = uniqueLabels(
    fixes,
    (fix) => ['whydenied', ...labelWords(fix)].map((word) => word[0]?.toUpperCase() + word.slice(1)).join(''),
    '',
  );
  const rendered = fixes.map((fix, index) => render(fix, ids[index] ?? 'WhydeniedFix'));
  const parameters = [...new Set(rendered.flatMap((entry) => entry.parameters))];
  const lines: string[] = [];
  if (parameters.length > 0) {
    lines.push('# what the evidence did not name: merge into the Parameters of your template', 'Parameters:');
    for (const name of parameters)
      lines.push(
        ...yamlLines({ [name]: { Type: 'String', Description: `${name} in the fixes below` } }, '  '),
      );
  }
  lines.push('Resources:');
  rendered.forEach((entry, index) => {
    if (index > 0) lines.push('');
    lines.push(...entry.resource);
  });
  return `${lines.join('\n')}\n`;
}
