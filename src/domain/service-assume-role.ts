/**
 * Services other than ECS saying, in their own words, that they could not assume a role they
 * were given: CodePipeline's validation ("<pipeline role> is not authorized to perform AssumeRole
 * on role <action role>"), App Runner's ("Error in assuming access role <arn>") and
 * CloudFormation's ("Role <arn> is invalid or cannot be assumed"). These are trust failures of a
 * deployer's service, never an ECS task's roles.
 */
import { type EcsTemplate, findEcsTemplate } from './ecs-steps.js';
import { flattenText } from './message-text.js';
import { isServicePrincipal } from './principal.js';

const ARN = String.raw`arn:[\w-]+:iam::[^\s:'"()]*:role/[^\s'"()]+`;

/**
 * A service principal (`events.amazonaws.com`, `states.eu-west-1.amazonaws.com`). Its labels
 * are DNS's (63 at most) and few: unbounded, a long dotted run was read to its end from each label.
 */
const SERVICE_PRINCIPAL = /\b[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,3}\.amazonaws\.com(?:\.cn)?\b/i;

/** The first role ARN a message quotes (a sentence's full stop or comma is not the ARN's). */
function roleArnIn(message: string): string | undefined {
  return new RegExp(ARN).exec(message)?.[0]?.replace(/[.,]$/, '');
}

interface AssumeRule {
  pattern: RegExp;
  /** Words the message must also hold, when the pattern alone is a program's as much as a service's. */
  when?: RegExp;
  /** Words that, in the message, make the pattern IAM's own sentence rather than the service's. */
  unless?: RegExp;
  template: (match: RegExpExecArray) => EcsTemplate;
}

function trust(doing: string, assumer: string, trusted: string, roleArn: string | undefined): EcsTemplate {
  return {
    step: 'trust',
    doing,
    impliedAction: 'sts:AssumeRole',
    actor: 'ecs-service',
    roleArn: roleArn ?? '',
    assumer,
    trustedService: trusted,
  };
}

const RULES: AssumeRule[] = [
  {
    // CodePipeline's InvalidStructureException: the pipeline's role may not assume an action's role.
    pattern: new RegExp(
      String.raw`(?:(${ARN})\s+)?is\s+not\s+authori[sz]ed\s+to\s+perform\s+AssumeRole\s+on\s+role\b(?:\s+(${ARN}))?`,
      'i',
    ),
    template: (match) =>
      trust(
        "CodePipeline's role assuming an action's role",
        match[1] ? `the pipeline's role ${match[1]}` : "the pipeline's role",
        match[1] ?? "the pipeline's role",
        match[2],
      ),
  },
  {
    // CodeBuild's CreateProject refusing the role it was given, in IAM's words but naming itself:
    // "CodeBuild is not authorized to perform: sts:AssumeRole on arn:…" (SageMaker's run-notebook tooling, fv-04).
    pattern: new RegExp(
      String.raw`\bCodeBuild\s+is\s+not\s+authori[sz]ed\s+to\s+perform:?\s+sts:AssumeRole\s+on\s+(${ARN})`,
      'i',
    ),
    template: (match) =>
      trust('CodeBuild assuming the role it was given', 'CodeBuild', 'codebuild.amazonaws.com', match[1]),
  },
  {
    // A product naming itself as the caller refused the role it assumes: "Error: Datadog is not
    // authorized to perform sts:AssumeRole" (its AWS integration's tile, DataDog/documentation's
    // FAQ, id-06), kiam's server "kiam-kiam is not authorized to perform: sts:AssumeRole on resource:
    // arn:…" (ministryofjustice/cloud-platform-infrastructure#577, ic-11). IAM names a caller by its
    // ARN: a bare name before "is" is the product's own sentence, not a principal IAM wrote.
    pattern:
      /(?:^|[\s:'"])(?!(?:user|role|principal|caller|client|account|request|it|this|that|which|who|identity|session)\s)([A-Za-z][\w.-]{1,63})\s+is\s+not\s+authori[sz]ed\s+to\s+perform:?\s+sts:AssumeRole\b/i,
    unless: /\b(?:User|Principal):\s*\S+\s+is\s+not\s+authori[sz]ed/i,
    template: (match) => givenRole(match.input, match[1]),
  },
  {
    // App Runner's CreateService: its access role (ECR pulls) or instance role could not be assumed.
    // (The role's ARN may be left out, as a write-up elides it: "Error in assuming instance role ...".)
    pattern: new RegExp(`Error in assuming (access|instance) role(?: (${ARN}))?`, 'i'),
    template: (match) =>
      trust(
        `App Runner assuming its ${match[1]?.toLowerCase()} role`,
        'App Runner',
        match[1]?.toLowerCase() === 'access'
          ? 'build.apprunner.amazonaws.com'
          : 'tasks.apprunner.amazonaws.com',
        match[2],
      ),
  },
  {
    // CloudFormation's ValidationError for a stack's service role (the CDK's cfn-exec-role too).
    // The sentence alone still says it when a terminal broke the ARN onto lines of its own.
    // Its subject is the role's ARN, with or without the word "Role" (a paste may have left that behind).
    pattern: new RegExp(
      `(?:(?:\\bRole\\s+)?(${ARN})\\s+|\\bRole\\s+\\S+\\s+)?\\bis invalid or cannot be assumed`,
      'i',
    ),
    template: (match) =>
      trust(
        "CloudFormation assuming the stack's service role",
        'CloudFormation',
        'cloudformation.amazonaws.com',
        match[1],
      ),
  },
  {
    // Any service refusing the role it was given to assume, in the words services share: "The
    // principal states.amazonaws.com is not authorized to assume the provided role" (Step
    // Functions), "Cannot assume role provided" (CodeDeploy), "Provided role '<arn>' cannot be
    // assumed by principal 'events.amazonaws.com'" (EventBridge), "The role defined for the
    // function cannot be assumed by Lambda". A program's own "failed to assume role X" is not
    // one: it names neither the provided role nor who assumes it.
    pattern:
      /\b(?:(?:cannot|can't|could\s+not|unable\s+to|(?:not\s+)?authori[sz]ed\s+to)\s+assume\s+(?:the\s+)?(?:provided|given|specified|supplied|passed)\s+(?:IAM\s+)?role|assume\s+(?:the\s+)?role\s+(?:provided|given|specified|supplied|passed)\b|cannot\s+be\s+assumed\s+by\s+(?:(?:the\s+)?(?:service\s+)?principal\s+)?[\x60'"]?([A-Za-z][\w.-]*[\w]))/i,
    template: (match) => givenRole(match.input, match[1] ?? SERVICE_PRINCIPAL.exec(match.input)?.[0]),
  },
  {
    // STS refusing AssumeRole to an account's root user, whatever the role's trust says (a
    // deployer run with the root's keys, as Copilot's EnvManagerRole was, ew-22).
    pattern: /\bRoles may not be assumed by root accounts\b/i,
    template: (match) => ({
      ...trust(
        "the account's root user assuming a role",
        "the account's root user",
        'the root user',
        roleArnIn(match.input),
      ),
      advice:
        "STS never lets an account's root user assume a role, whatever the role's trust policy says: run the tool with an IAM user's or a role's credentials (an SSO session, a profile), not the root's access keys",
    }),
  },
  {
    // The CDK toolkit's credentials refused one of the bootstrap roles it assumes to deploy or
    // look up (aws/aws-cdk#16105, ew-07): "current credentials could not be used to assume
    // '<arn>', but are for the right account".
    pattern: new RegExp(`\\bcould not be used to assume '(${ARN})'`, 'i'),
    template: (match) => ({
      ...trust(
        'the CDK toolkit assuming a bootstrap role',
        "the CDK toolkit's credentials",
        "the CDK toolkit's caller",
        match[1]?.replace(/\.$/, ''),
      ),
      advice:
        'the credentials the CDK runs with must be allowed sts:AssumeRole on the bootstrap roles (arn:…:role/cdk-*), and those roles trust only the accounts they were bootstrapped to trust: for a pipeline or a caller in another account, bootstrap the target with `cdk bootstrap --trust <account>`',
    }),
  },
  {
    // A service's words for the role it was given, as the subject: Systems Manager Automation's
    // "The defined assume role is unable to be assumed." (miztiik/AWS-Demos#12, ew-16).
    pattern:
      /\b(?:defined|provided|given|specified|supplied|passed)\s+(?:assume\s+)?role\s+(?:is\s+unable\s+to|cannot|could\s+not|can't)\s+be\s+assumed\b/i,
    template: (match) =>
      givenRole(
        match.input,
        /\bassume role is unable\b/i.test(match.input) ? 'Systems Manager Automation' : undefined,
      ),
  },
  {
    // A service saying what the role's trust must allow: "The execution role you provide must
    // allow AWS EventBridge Scheduler to assume the role."; Firehose's delivery errors, "Access
    // was denied. Ensure that the trust policy for the provided IAM role allows Kinesis Firehose
    // to assume the role." (the Firehose guide's S3.AccessDenied and Lambda.AssumeRoleAccessDenied).
    pattern:
      // (Its blanks optional: a trimmed wrap glues the words it broke between, 'providedIAM role'.)
      /\b(?:must\s+allow|trust\s*policy\s*for\s*the\s*(?:provided|given)\s*(?:IAM\s*)?role\s*allows)\s*(.{1,60}?)\s*to\s*assume\s*(?:the|this|that)\s*role\b/i,
    template: (match) => givenRole(match.input, match[1]),
  },
  {
    // Application Auto Scaling (a scalable target, a scaling policy, its ECS service-linked role):
    // "Unable to assume IAM role: <arn>". Without its name in the message the same words are any program's.
    // (The AWS SDK for Java names it AWSApplicationAutoScaling in its "(Service: …)" tail.)
    pattern: /\bunable\s+to\s+assume\s+(?:IAM\s+)?role\b/i,
    when: /\b(?:AWS)?ApplicationAutoScaling\b|application-autoscaling|\bAutoScaling\s*(?:policy|Target)\b/i,
    template: (match) =>
      trust(
        'Application Auto Scaling assuming its role',
        'Application Auto Scaling',
        /ecs\.application-autoscaling/i.test(match.input)
          ? 'ecs.application-autoscaling.amazonaws.com'
          : 'application-autoscaling.amazonaws.com',
        roleArnIn(match.input),
      ),
  },
  {
    // AppSync unable to assume a data source's service role, in the GraphQL errors it answers
    // with: "errorType": "Unauthorized" beside "message": "Unable to assume role <arn>." (and its
    // "locations"), or a client's "GraphQL error: Unable to assume role". Elsewhere the words are any program's.
    pattern: /\bunable\s+to\s+assume\s+(?:IAM\s+)?role\b/i,
    when: /\bGraphQL\b|\bAppSync\b|\bUnauthorized\W{1,10}Unable\s+to\s+assume\s+role\b|\\?"locations\\?"\s*:/i,
    template: (match) =>
      trust(
        "AppSync assuming a data source's service role",
        'AppSync',
        'appsync.amazonaws.com',
        roleArnIn(match.input),
      ),
  },
  {
    // EC2 unable to assume an instance profile's role, as the instance metadata's
    // iam/security-credentials/<role> document gives its code: "Code":"AssumeRoleUnauthorizedAccess"
    // (the IAM User Guide's EC2 troubleshooting, ha-21). The role's trust policy does not name ec2.amazonaws.com.
    pattern: /\bAssumeRoleUnauthorizedAccess\b/i,
    template: (match) =>
      trust("EC2 assuming an instance profile's role", 'EC2', 'ec2.amazonaws.com', roleArnIn(match.input)),
  },
  {
    // EKS Pod Identity's agent answering a pod's credentials request: "(AccessDeniedException):
    // Unauthorized Exception! EKS does not have permissions to assume the associated role." (the EKS
    // security immersion day's pod identity lab, hi-03). The role's trust must allow
    // pods.eks.amazonaws.com sts:AssumeRole and sts:TagSession, with any condition it sets met.
    pattern: /\bEKS does not have permissions to assume the associated role\b/i,
    template: (match) =>
      trust(
        "EKS Pod Identity assuming the role associated with the pod's service account",
        'EKS Pod Identity',
        'pods.eks.amazonaws.com',
        roleArnIn(match.input),
      ),
  },
  {
    // EKS checking, before it creates a node group (or a cluster), that the role it was given
    // trusts the service that will assume it: "Following required service principals
    // [ec2.amazonaws.com.cn] were not found in the trust relationships of nodeRole <arn>" (a China
    // Region's EC2 principal, awslabs/cdk-eks-blueprints#558, hw-12, hard-wrapped inside 'relationships').
    pattern:
      // (Its blanks optional: a trimmed wrap glues the words it broke between.)
      /\brequired\s*service\s*principals?\s*\[\s*([a-z0-9.-]{1,253})[^\]]{0,200}\]\s*(?:were|was)\s*not\s*found\s*in\s*the\s*trust\s*relation\s*ships\s*of\s*(?:the\s+)?(\w{1,40})?/i,
    template: (match) =>
      trust(
        `EKS checking that its ${match[2] ?? 'role'} trusts ${match[1]}`,
        'EKS',
        match[1] ?? 'the service',
        roleArnIn(match.input),
      ),
  },
  {
    // A service that could not assume the role it was given, naming the principal the role must
    // trust: MWAA's "Failed to assume role arn:…/mwaa-prod-execution-role. This could be due to the
    // role's trust policy. Please ensure your role is assumable by 'airflow-env.amazonaws.com'
    // Service Principal" (idealo/terraform-aws-mwaa#156).
    pattern:
      /\bPlease\s*ensure\s*(?:your|the)\s*role\s*is\s*assumable\s*by\s*'([a-z0-9.-]{1,253}\.amazonaws\.com(?:\.cn)?)'/i,
    template: (match) => givenRole(match.input, match[1]),
  },
  {
    // EKS refusing the role it was given ("InvalidParameterException: Role with arn: <arn>, could not
    // be assumed because it does not exist or the trusted entity is not correct", a cluster's role
    // as Crossplane passed it, crossplane-contrib/provider-aws#218).
    pattern:
      /\bRole with arn:\s*arn:\S{1,400}?,? could not be assumed because it does not exist or the trusted entity is not correct\b/i,
    template: (match) => givenRole(match.input, 'EKS'),
  },
  {
    // The AWS provider (Terraform's, OpenTofu's) refused the role its assume_role block names: "The
    // role "arn:…" cannot be assumed. There are a number of possible causes of this - …"
    // (runatlantis/atlantis#856): its caller's credentials were refused sts:AssumeRole on that role.
    pattern: new RegExp(`\\bThe role "(${ARN})" cannot be assumed\\.`, 'i'),
    template: (match) =>
      trust(
        "the AWS provider's assume_role",
        'the credentials the AWS provider runs with',
        "the provider's caller",
        match[1],
      ),
  },
  {
    // CloudTrail refusing the role it was given to deliver a trail to CloudWatch Logs:
    // "InvalidCloudWatchLogsRoleArnException: Access denied. Check the trust relationships for your
    // role." (cloudposse/terraform-aws-cloudtrail-cloudwatch-alarms#2).
    pattern: /\bAccess denied\. Check the trust relationships for your role\b/i,
    template: (match) =>
      givenRole(
        match.input,
        /\bInvalidCloudWatchLogsRoleArn/i.test(match.input) ? 'cloudtrail.amazonaws.com' : undefined,
      ),
  },
  {
    // A service naming itself: "Firehose is unable to assume role <arn>", "AWS IoT
    // (iot.amazonaws.com) is unable to assume role", Glue's "Service is unable to assume role".
    // A program says "Unable to assume role" or "failed to assume role", with no subject.
    // (The name bounded: tried at every word boundary, an open one read a hyphenated run to its end.)
    pattern:
      /\b([A-Za-z][\w-]{0,63})(?:\s+\(([a-z0-9.-]{1,253}\.amazonaws\.com)\))?\s+is\s+unable\s+to\s+assume\s+(?:the\s+)?(?:IAM\s+)?role\b/i,
    template: (match) =>
      givenRole(match.input, match[2] ?? (/^service$/i.test(match[1] ?? '') ? undefined : match[1])),
  },
];

/**
 * The service principals of services that name themselves, not their principal, when they cannot
 * assume a role (the names their messages use). A name not here gets no trust statement: a
 * principal made up from it would be refused by IAM, or trust the wrong service.
 */
const SERVICE_NAMES: [RegExp, string][] = [
  [/^EKS$/i, 'eks.amazonaws.com'],
  [/^(?:AWS\s+)?Lambda$/i, 'lambda.amazonaws.com'],
  [/^(?:AWS\s+|Amazon\s+)?EventBridge Scheduler$/i, 'scheduler.amazonaws.com'],
  [/^Systems Manager Automation$/i, 'ssm.amazonaws.com'],
  [/^(?:Amazon\s*)?(?:Kinesis\s*)?(?:Data\s*)?Firehose$/i, 'firehose.amazonaws.com'],
];

/** The principal a trust policy names for the assumer, or null when the message does not tell it. */
export function servicePrincipalOf(assumer: string | undefined): string | null {
  if (!assumer) return null;
  if (isServicePrincipal(assumer)) return assumer;
  return SERVICE_NAMES.find(([name]) => name.test(assumer.trim()))?.[1] ?? null;
}

/** A service's trust failure on the role it was given: the role's ARN when the message quotes one. */
function givenRole(message: string, assumer: string | undefined): EcsTemplate {
  const principal = servicePrincipalOf(assumer);
  return trust(
    `${assumer ?? 'a service'} assuming the role it was given`,
    assumer ?? 'the service given the role',
    principal ?? `${assumer ?? 'the service'}'s service principal`,
    roleArnIn(message),
  );
}

export function findServiceAssumeFailure(message: string): EcsTemplate | null {
  for (const rule of RULES) {
    const match = rule.pattern.exec(message);
    if (match && (!rule.when || rule.when.test(message)) && !rule.unless?.test(message))
      return rule.template(match);
  }
  return null;
}

/** The first trust failure among a finding's messages, ECS's own or another service's. */
export function trustTemplateOf(messages: string[]): EcsTemplate | null {
  for (const message of messages) {
    const text = flattenText(message);
    const template = findEcsTemplate(text) ?? findServiceAssumeFailure(text);
    if (template?.step === 'trust') return template;
  }
  return null;
}
