/**
 * `whydenied fix --format cli`: `aws iam put-role-policy` / `put-user-policy` for inline fixes,
 * ready to run. Every other policy is one document that the put command replaces whole (the
 * trust policy, a key, repository or bucket policy), so those are commented steps: get the
 * current policy, merge the statements shown, then put it back.
 */
import type { PolicyDocument } from '../../domain/fix.js';
import type { MergedFix } from '../../domain/merge-fixes.js';
import { describe, policyNameOf, principalOf, serviceOf, shortName, splitPlaceholders } from './fix-facts.js';

/** POSIX single quotes keep everything literal (`$`, `*`, `"`); only a single quote needs closing, escaping and reopening. */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}

const json = (policy: PolicyDocument) => JSON.stringify(policy);
const comments = (lines: string[]) => lines.map((line) => `# ${line}`.trimEnd());

interface MergeSteps {
  get: string;
  put: string;
}

/** How to read and write the one policy document a fix must be merged into; null when no CLI command holds it. */
function mergeSteps(fix: MergedFix): MergeSteps | null {
  const arn = shellQuote(fix.target ?? '');
  const name = shellQuote(shortName(fix.target));
  const service = serviceOf(fix.target);
  if (fix.placement === 'trust-policy') {
    const role = shellQuote(principalOf(fix.target)?.name ?? shortName(fix.target));
    return {
      get: `aws iam get-role --role-name ${role} --query Role.AssumeRolePolicyDocument > trust-policy.json`,
      put: `aws iam update-assume-role-policy --role-name ${role} --policy-document file://trust-policy.json`,
    };
  }
  if (fix.placement === 'key-policy' && fix.target) {
    return {
      get: `aws kms get-key-policy --key-id ${arn} --policy-name default --query Policy --output text > key-policy.json`,
      put: `aws kms put-key-policy --key-id ${arn} --policy-name default --policy file://key-policy.json`,
    };
  }
  if (fix.placement === 'repository-policy' && fix.target) {
    const region = `--region ${fix.target.split(':')[3] ?? ''}`;
    return {
      get: `aws ecr get-repository-policy ${region} --repository-name ${name} --query policyText --output text > repository-policy.json`,
      put: `aws ecr set-repository-policy ${region} --repository-name ${name} --policy-text file://repository-policy.json`,
    };
  }
  if (fix.placement === 'resource-policy' && service === 's3') {
    return {
      get: `aws s3api get-bucket-policy --bucket ${name} --query Policy --output text > bucket-policy.json`,
      put: `aws s3api put-bucket-policy --bucket ${name} --policy file://bucket-policy.json`,
    };
  }
  if (fix.placement === 'policy-change' && service === 'organizations') {
    return {
      get: `aws organizations describe-policy --policy-id ${name} --query Policy.Content --output text > policy.json`,
      put: `aws organizations update-policy --policy-id ${name} --content file://policy.json`,
    };
  }
  return null;
}

/** Shell variables for the placeholders: `${Name:?...}` stops the command until the reader sets them. */
function documentArgument(policy: PolicyDocument): string {
  return splitPlaceholders(json(policy))
    .map((part) => (part.placeholder ? `"\${${part.text}:?set ${part.text} first}"` : shellQuote(part.text)))
    .join('');
}

function render(fix: MergedFix): string[] {
  if (!fix.policy) {
    const why =
      'no Allow statement helps: an explicit Deny wins over every Allow, so the Deny itself must change';
    const steps = mergeSteps(fix);
    return comments([...describe(fix), why, ...(steps ? ['read it with:', `  ${steps.get}`] : [])]);
  }
  const principal = principalOf(fix.target);
  const inline = fix.placement === 'identity-policy' || fix.placement === 'deployer-policy';
  if (inline && principal) {
    return [
      ...comments(describe(fix)),
      `aws iam put-${principal.kind}-policy --${principal.kind}-name ${shellQuote(principal.name)} \\`,
      `  --policy-name ${policyNameOf(fix)} \\`,
      `  --policy-document ${documentArgument(fix.policy)}`,
    ];
  }
  const steps = inline ? null : mergeSteps(fix);
  const how = inline
    ? [
        `put it on that role: aws iam put-role-policy --role-name NAME --policy-name ${policyNameOf(fix)} --policy-document:`,
      ]
    : steps
      ? [
          'the put command REPLACES the whole policy: get it, add the statements below to its Statement list,',
          'and put it back (keep every statement already there):',
          `  ${steps.get}`,
          `  ${steps.put}`,
        ]
      : [
          'that policy is one document: get it, add the statements below to its Statement list, and put it back',
        ];
  return comments([...describe(fix), ...how, `  ${JSON.stringify(fix.policy.Statement)}`]);
}

export function renderAwsCli(fixes: MergedFix[]): string {
  if (fixes.length === 0) return '# whydenied: no fixes to propose\n';
  const blocks = fixes.map((fix) => render(fix).join('\n'));
  return `${blocks.join('\n\n')}\n`;
}
