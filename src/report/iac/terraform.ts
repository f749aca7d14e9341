/**
 * `whydenied fix --format terraform`: each merged fix as an `aws_iam_policy_document`, attached
 * with `aws_iam_role_policy` / `aws_iam_user_policy` where an inline policy is the whole change.
 * Key, repository, bucket and trust policies are one document per resource in Terraform, so
 * for those the snippet is only the statements, with where to merge them: generating the
 * policy resource would silently drop every statement already there.
 */
import type { PolicyStatement } from '../../domain/fix.js';
import type { MergedFix } from '../../domain/merge-fixes.js';
import {
  describe,
  labelWords,
  placeholdersOf,
  policyNameOf,
  principalOf,
  serviceOf,
  uniqueLabels,
} from './fix-facts.js';
import {
  attribute,
  block,
  comment,
  type HclItem,
  hclList,
  hclString,
  renderHcl,
  variableName,
} from './hcl.js';

const asList = (value: string | string[]): string[] => (Array.isArray(value) ? value : [value]);

function statementBlock(statement: PolicyStatement): HclItem {
  const body: HclItem[] = [
    attribute('sid', hclString(statement.Sid)),
    attribute('effect', hclString(statement.Effect)),
    attribute('actions', hclList(statement.Action)),
  ];
  if (statement.Resource !== undefined)
    body.push(attribute('resources', hclList(asList(statement.Resource))));
  // Terraform writes IAM's `"Principal": "*"` as the type "*" with the identifier "*".
  const principal = statement.Principal === '*' ? { '*': '*' } : (statement.Principal ?? {});
  for (const [type, identifiers] of Object.entries(principal)) {
    body.push(
      block('principals', [
        attribute('type', hclString(type)),
        attribute('identifiers', hclList(asList(identifiers))),
      ]),
    );
  }
  for (const [test, variables] of Object.entries(statement.Condition ?? {})) {
    for (const [variable, values] of Object.entries(variables)) {
      body.push(
        block('condition', [
          attribute('test', hclString(test)),
          attribute('variable', hclString(variable)),
          attribute('values', hclList(asList(values))),
        ]),
      );
    }
  }
  return block('statement', body);
}

/** Where the statements go when Terraform holds the whole policy in one argument. */
function mergeAdvice(fix: MergedFix): string[] {
  const service = serviceOf(fix.target);
  switch (fix.placement) {
    case 'trust-policy':
      return [
        `merge into assume_role_policy of the aws_iam_role named ${principalOf(fix.target)?.name ?? 'above'}:`,
        'that argument REPLACES the whole trust policy, so keep its other statements',
        '(list the current one in source_policy_documents to merge)',
      ];
    case 'key-policy':
      return [
        'merge into the key policy (aws_kms_key.policy or aws_kms_key_policy): either REPLACES the',
        "whole key policy, and a policy without the key administrators' statements locks them out;",
        'list the current policy in source_policy_documents to merge',
      ];
    case 'repository-policy':
      return [
        'merge into the aws_ecr_repository_policy of this repository: it REPLACES the whole',
        'repository policy; list the current one in source_policy_documents to merge',
      ];
    case 'resource-policy':
      return [
        `merge into the ${resourcePolicyResource(service)} of this resource: it REPLACES the whole`,
        'resource policy; list the current one in source_policy_documents to merge',
      ];
    default:
      return [
        `add these statements to ${service === 'organizations' ? 'the content of this aws_organizations_policy' : 'that policy'}:`,
        'it is one document, so merge them into its statements rather than replacing it',
      ];
  }
}

function resourcePolicyResource(service: string | null): string {
  const byService: Record<string, string> = {
    s3: 'aws_s3_bucket_policy',
    sqs: 'aws_sqs_queue_policy',
    sns: 'aws_sns_topic_policy',
    secretsmanager: 'aws_secretsmanager_secret_policy',
    lambda: 'aws_lambda_permission',
  };
  return (service && byService[service]) || 'resource policy';
}

function render(fix: MergedFix, label: string): HclItem[] {
  if (!fix.policy) {
    return [
      comment([
        ...describe(fix),
        'no Allow statement helps: an explicit Deny wins over every Allow, so the Deny itself must change',
      ]),
    ];
  }
  const document = block(
    `data "aws_iam_policy_document" "${label}"`,
    fix.policy.Statement.map(statementBlock),
  );
  const principal = principalOf(fix.target);
  const inline = fix.placement === 'identity-policy' || fix.placement === 'deployer-policy';
  if (inline && principal) {
    const kind = principal.kind;
    return [
      comment(describe(fix)),
      document,
      { kind: 'blank' },
      block(`resource "aws_iam_${kind}_policy" "${label}"`, [
        attribute('name', hclString(policyNameOf(fix))),
        attribute(kind, hclString(principal.name)),
        attribute('policy', `data.aws_iam_policy_document.${label}.json`),
      ]),
    ];
  }
  const advice = inline
    ? [
        `attach it as an inline policy (aws_iam_role_policy) of that role: policy = data.aws_iam_policy_document.${label}.json`,
      ]
    : mergeAdvice(fix);
  return [comment([...describe(fix), ...advice]), document];
}

function variables(fixes: MergedFix[]): HclItem[] {
  const names = [...new Set(fixes.flatMap(placeholdersOf))];
  return names.flatMap((name) => [
    block(`variable "${variableName(name)}"`, [
      attribute('type', 'string'),
      attribute('description', hclString(`${name} in the fixes below: the evidence did not name it`)),
    ]),
    { kind: 'blank' } as const,
  ]);
}

export function renderTerraform(fixes: MergedFix[]): string {
  const labels = uniqueLabels(fixes, (fix) => `whydenied_${labelWords(fix).join('_').toLowerCase()}`, '_');
  const items: HclItem[] = [...variables(fixes)];
  fixes.forEach((fix, index) => {
    if (index > 0) items.push({ kind: 'blank' });
    items.push(...render(fix, labels[index] ?? 'whydenied_fix'));
  });
  if (fixes.length === 0) items.push(comment(['whydenied: no fixes to propose']));
  return `${renderHcl(items).join('\n')}\n`;
}
