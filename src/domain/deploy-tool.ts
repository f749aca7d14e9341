/**
 * Whether a message is a deployment tool's output: Terraform's diagnostics, CloudFormation's
 * resource and stack events, the CDK toolkit's and SAM's own lines, the Copilot CLI's failed steps,
 * the Serverless Framework's errors, CodePipeline's failed actions, Pulumi's diagnostics, a GitHub
 * Actions job getting its role, an Ansible playbook, a command-line tool's lines as Go's logrus writes them to a terminal. Such a line comes from a
 * deployer's terminal or pipeline, so the denied caller is whoever ran the tool (or the stack's
 * service role, or a resource type's handler), not an ECS task's role, even when the session
 * name looks like a task id: CloudFormation's handlers name theirs after a request token, a
 * UUID like an older task id.
 *
 * Only the tools' own framing counts, never the SDK text inside it: an app can print
 * "operation error ECS: ..." or a Java SDK's "(Service: ...; Status Code: ...)" as well.
 */

import { CHECKER_DENY } from './simulated-decision-text.js';

export type DeployTool =
  | 'Terraform'
  | 'CloudFormation'
  | 'Copilot'
  | 'the CDK'
  | 'SAM'
  | 'the Serverless Framework'
  | 'the Amplify CLI'
  | 'CodePipeline'
  | 'Pulumi'
  | "GitHub Actions' configure-aws-credentials"
  | 'Ansible'
  | "Docker's image push"
  | 'a Docker client'
  | 'a Lambda code deployment'
  | "AWS's ECS Exec Checker"
  | "the EC2 console's launch"
  | 'eksctl'
  | 'Packer'
  | 'kops'
  | 'Docker Machine'
  | 'Test Kitchen'
  | 'Chef'
  | 'a terminal command';

/**
 * The step a tool's output is about, when it is one: every verdict of AWS's ECS Exec Checker is
 * about opening an ECS Exec session (a deployer's failure is no step of a task's life).
 */
const TOOL_STEPS: Partial<Record<DeployTool, 'exec'>> = { "AWS's ECS Exec Checker": 'exec' };
export function stepOfTool(tool: DeployTool): 'exec' | 'other' {
  return TOOL_STEPS[tool] ?? 'other';
}

/**
 * The AWS provider v5's heading for the resource it was acting on: a title-cased resource type,
 * its id in brackets ("putting S3 Bucket (name) Policy", "putting WAFv2 WebACL Logging
 * Configuration (arn:aws:wafv2:…)", "associating CloudWatch Logs Log Group (name) KMS key", hs-02). The id is read as the resource when IAM names none.
 */
const PROVIDER_HEADING = String.raw`\b(?:creating|reading|updating|deleting|putting|waiting for|listing|describing|setting|tagging|importing|finding|associating|disassociating|attaching|detaching|modifying|enabling|disabling|registering|deregistering)(?: [A-Z][\w.]*){1,6} \(([^()\n]+)\)`;
/** Read in any case: a lower-cased paste keeps the heading's shape. */
const PROVIDER_RESOURCE_ARN = new RegExp(`${PROVIDER_HEADING}:`, 'i');

/** The ARN the AWS provider's heading names as the resource it was acting on (ft-09). */
export function providerResourceArnOf(text: string): string | null {
  const id = PROVIDER_RESOURCE_ARN.exec(text)?.[1];
  return id?.startsWith('arn:') ? id : null;
}

const TERRAFORM: RegExp[] = [
  // Terraform ≥ 0.15 frames each diagnostic in a box: "│ Error: ...", "│   with aws_ecs_service.api,".
  /│\s*Error:/,
  /\bwith (?:module\.[\w-]+(?:\[[^\]]*\])?\.)*(?:data\.)?aws_[a-z0-9_]+\.[\w-]+(?:\[[^\]]*\])?,/,
  /\bon [\w./-]+\.tf(?:\.json)? line \d+/,
  // Terraform ≤ 0.11: "Error applying plan:" and "* aws_ecs_task_definition.app: ...".
  /\bError applying plan:/,
  /(?:^|\s)\*\s+(?:module\.[\w-]+\.)*aws_[a-z0-9_]+\.[\w-]+(?:\.\d+)?:\s/,
  // The AWS provider before v5 wrote "Error creating ..." / "error reading ..." under Terraform's own "Error: ".
  /\bError: [Ee]rror (?:creating|reading|updating|deleting|launching|waiting|putting|describing|listing|getting|registering|attaching|fetching)\b/,
  // Its plan's first line, printed before any refusal a refresh meets (lingrino/infra-personal#23, ii-73);
  // the provider before v5's "Error fetching Availability Zones" (runatlantis/atlantis#3526, ig-34) is above.
  /\bRefreshing Terraform state in-memory prior to plan\b/,
  // Its aws_instance's RunInstances failure, quoted without Terraform's own "Error: " or "* aws_instance.x:".
  /\bError launching source instance:/,
  // Its progress lines: "aws_launch_template.ecs_instance: Creating...".
  /\baws_[a-z0-9_]+\.[\w-]+: (?:Creating|Modifying|Destroying|Refreshing state|Reading|Still creating)\.{3}/,
  // The provider v5 names the resource it was acting on before the SDK's error, with or without
  // "Error: " in front (Pulumi's bridge runs the same provider): "putting S3 Bucket (name) Policy:
  // operation error S3: PutBucketPolicy, ...". A title-cased resource type, its id in brackets.
  new RegExp(String.raw`${PROVIDER_HEADING}[^:\n]{0,60}:\s+operation error [\w ]+: \w+,`),
  // The same heading straight after Terraform's own "Error: ", whatever SDK error follows it
  // ("Error: creating CloudWatch Logs Log Group (vpc-flow-logs): AccessDeniedException: …",
  // hashicorp/terraform-provider-aws#29282, hs-03).
  new RegExp(String.raw`\bError: ${PROVIDER_HEADING}[^:\n]{0,60}:\s`),
  // Its debug log (TF_LOG) of a failed graph node: '[ERROR] vertex "aws_s3_bucket_policy.x" error: ...'.
  /\[ERROR\] vertex "[^"\n]*\baws_[a-z0-9_]+\.[^"\n]*" error:/,
  // Its state backend: "Error inspecting states in the "s3" backend:", "Error reloading remote state:".
  /\bError (?:inspecting states in the "\w+" backend|reloading remote state|refreshing state|loading state|acquiring the state lock)\b/,
  /\bFailed to get existing workspaces:/,
];

const CLOUDFORMATION: RegExp[] = [
  // A registry resource type's handler failed: "Resource handler returned message: "..." (RequestToken: ..., HandlerErrorCode: ...)".
  /\bResource handler returned message:/i,
  /\bHandlerErrorCode:/,
  // A stack named as the one that failed, or its events quoted: "Failed to create the
  // CloudFormation stack: …", "the CloudFormation Event log shows that: …". Not the API's
  // name in an action (cloudformation:DescribeStacks), which an app calls too.
  /\bCloudFormation (?:stack|stack's|stack events?|events?(?: log)?)\b/i,
  // A stack event's status, as the console, `describe-stack-events` and the CDK print it.
  /\b(?:CREATE|UPDATE|DELETE|IMPORT)_FAILED\b/,
  // A stack's status reason: "The following resource(s) failed to create: [LambdaExecutionRole, …]."
  /\bThe following resource\(s\) failed to (?:create|update|delete): \[/,
  /\b(?:UPDATE_)?ROLLBACK_(?:IN_PROGRESS|COMPLETE|FAILED)\b/,
  // Its older resource failure, the IAM action first: "API: iam:CreateRole User: … is not authorized …",
  // on a line of its own or after the sentence a console put before it, when a log's lines are joined,
  // or as an event's StatusReason field ("StatusReason : API: s3:PutBucketVersioning Access Denied",
  // awslabs/service-workbench-on-aws#824).
  /(?:^|\||[.!?]\s|\bStatusReason\s*:\s*)\s*API: [a-z0-9-]+:[A-Za-z]+ /m,
  // A template or artifact it read from S3 for the caller: "S3 error: Access Denied For more information check http://…/ErrorResponses.html".
  // (Its link may be cut by a wrap: the words before it say as much.)
  /\bS3 error: [^\n]{1,120}?\s+For more information check\b/,
  // Its own refusal while it validates a template with the caller's permissions (resolving an SSM
  // parameter, looking up a load balancer): "AccessDenied. User doesn't have permission to call ssm:GetParameters".
  /\bAccessDenied\.\s+User doesn't have permission to call\s+[a-z0-9-]+:[A-Za-z]+/,
];

/** The Copilot CLI marks a failed step with ✘ and names its command: "✘ execute svc deploy: …". */
const COPILOT: RegExp[] = [
  /✘ [^:\n]{0,40}\b(?:svc|env|app|job|pipeline|task) (?:deploy|init|run|package|delete|upgrade)\b/,
  /\bcopilot (?:svc|env|app|job|pipeline|task) \w+/,
  // Its deploy steps' own words: "✘ upload deploy resources for job testjob: upload custom resources …",
  // "✘ upload artifacts for environment staging: …" (aws/copilot-cli#4733).
  /\bupload (?:deploy resources|artifacts) for (?:service|job|environment) [\w-]+:/,
];

/**
 * The CDK toolkit's stack failure ("❌  MyStack failed: …"), its trace of an SDK call ("Call failed:
 * getBucketLocation({…}) => Access Denied (code=AccessDenied)") and its bootstrap check.
 */
const CDK: RegExp[] = [
  /❌\s+[\w-]+ failed: /,
  /\bCall failed: \w+\(.*\) => .*\(code=\w+\)/,
  /\bThis CDK deployment requires bootstrap stack version\b/,
  // Its asset publishing's progress, a line an asset ("[0%] start: Publishing <hash>:current",
  // "[25%] fail: Access Denied", aws/amazon-genomics-cli#87).
  /\[\s?\d{1,3}%\] (?:start|fail): /,
];

/** The Serverless Framework's error banner and its AWS provider plugin in a stack trace. */
const SERVERLESS: RegExp[] = [
  // Markdown may set it in italics: "_ServerlessError: …_".
  /(?:\b|_)ServerlessError\b/,
  /\bServerless Error -{3,}/,
  /\/serverless\/lib\/plugins\/aws\//,
  // Its line for a stack resource that failed: "An error occurred: WebsiteDistribution - <reason>."
  // (a logical id, never an exception's name: an app's own "An error occurred: ClientError - …" is not it).
  /\bAn error occurred: (?![A-Za-z0-9]*(?:Error|Exception)\b)[A-Za-z][A-Za-z0-9]* - /,
  // Its check of the deployment bucket before it uploads (lib/plugins/aws/deploy: "Could not
  // locate deployment bucket[: "<name>"]. Error: …", serverless/serverless#12036).
  /\b(?:Could not locate|Can not create) deployment bucket\b/,
];

/**
 * The Amplify CLI's `amplify push` failing on a category's resources: "An error occurred during
 * the push operation: …" (aws-amplify/amplify-category-api#704, a container API's push).
 */
const AMPLIFY: RegExp[] = [/\bAn error occurred during the push operation\b/];

/**
 * Pulumi's diagnostics head each failure with the resource's type token and name, then its
 * "error:" ("aws:s3:BucketObject (index.html):\n    error: …"); its state backend says "failed
 * to load checkpoint".
 */
const PULUMI: RegExp[] = [
  /(?:^|\s)(?:aws|aws-native|awsx):[\w.-]+(?:\/\w+)?:[A-Z]\w* \([^()\n]+\):\s+error:/,
  /\bfailed to load checkpoint: blob \(key /,
];

/**
 * CodePipeline's refusal for the role an action ran with (the pipeline's service role, or the
 * action's own role): "The provided role does not have sufficient permissions to access
 * CodeDeploy", "… does not have permissions to perform this action." after an S3 source, "… does
 * not have sufficient permissions." after a connection or an artifact it could not use. Lambda's
 * check of a function's role says "execution role", so it is not this.
 */
export const CODEPIPELINE_ROLE_LACKS =
  /\bThe provided role does not have (?:sufficient |the )?permissions?\b|\bThe service role or action role (?:doesn['’]t|does not) have the permissions required\b/i;

/**
 * CodePipeline's console and API words for an action that failed, on a line of their own, or
 * with the error it heads run on after them when a ticket flattened the lines ("Action execution
 * failed Access Denied (Service: Amazon S3; …", eb-28's lines joined).
 */
const CODEPIPELINE: RegExp[] = [
  /^\s*Action execution failed(?:\s*$|\s+(?=Access Denied\b|User:|[A-Z]\w*(?:Exception|Error)\b))/m,
  CODEPIPELINE_ROLE_LACKS,
];

/**
 * An Ansible playbook's run: its task banner ("TASK [role : name] ****", 1.x's "TASK: [name] ****")
 * and a host's failure ("fatal: [localhost]: FAILED! =>", 1.x's "failed: [127.0.0.1] =>").
 */
const ANSIBLE: RegExp[] = [
  /^\s*TASK:? \[[^\]\n]+\] \*{3,}/m,
  // A module's exception, as the playbook's run prints it before the host's failure (trailofbits/algo#1321, hc-05).
  /\bAn exception occurred during task execution\. To see the full traceback, use -vvv\b/,
  /^\s*(?:fatal|failed): \[[^\]\n]+\](?:: FAILED!)? =>/m,
  /\bFATAL: all hosts have already failed\b/,
];

/**
 * The configure-aws-credentials action of a GitHub Actions job, failing to get the role it was
 * given: "Could not assume role with OIDC: …", "Could not assume role with user credentials: …".
 */
const CONFIGURE_AWS_CREDENTIALS =
  /\bCould not assume role with (?:OIDC|user credentials|web identity token file)\b/;

/**
 * Lambda answering a deployment (CreateFunction, UpdateFunctionCode, CloudFormation's function
 * resource) whose caller may not read the code's object: "Your access has been denied by S3,
 * please make sure your request credentials have permission to GetObject for <bucket/key>"
 * (aws/aws-cdk#3765). A function's code is deployed, never fetched by a running task.
 */
export const LAMBDA_CODE_REFUSED =
  /\bYour access has been denied by S3,? please make sure your request credentials have permission to GetObject\b/i;

/** SAM's (and `aws cloudformation package`'s) upload of a resource's code to the deployment bucket. */
const SAM: RegExp[] = [/\bUnable to upload artifact \S+ referenced by \w+ parameter of \S+ resource\b/];

/**
 * Docker's, buildx's and containerd's push of an image, naming the image it pushes: "failed to push
 * <registry>/<repository>:<tag>: …", the CLI's "The push refers to repository [<image>]". Whoever
 * pushes (a CI job, a person) is the caller: ECS's roles only ever pull.
 */
const IMAGE_PUSH: RegExp[] = [
  // The registry's refusal of a push's first call, as Docker prints it ("denied: User: … is not
  // authorized to perform: ecr:InitiateLayerUpload", hc-02): a layer upload is only ever a push.
  /(?:^|\s)denied:\s+User:\s+\S+\s+is\s+not\s+authori[sz]ed\s+to\s+perform:\s+ecr:(?:InitiateLayerUpload|UploadLayerPart|CompleteLayerUpload|PutImage)\b/,
  /\bfailed to push\s+[\w.*-]+(?::\d+)?\/[\w./-]+(?::[\w.-]+)?(?:@sha256:[0-9a-f]+)?:/,
  // Kaniko's check before it pushes ('checking push permission for "<account>.dkr.ecr.…"',
  // GoogleContainerTools/kaniko#1455).
  /\bchecking push permission for "/,
  /\bThe push refers to (?:a )?repository \[/,
];

/**
 * A registry client's own words for a 403 (Docker's, containerd's, compose's): "error parsing HTTP
 * 403 response body: unexpected end of JSON input" (ECR's empty body, aws/aws-toolkit-azure-devops#311),
 * "unexpected status code [manifests latest]: 403 Forbidden" (docker/compose-cli#1173). ECS's pull
 * says them inside its own "CannotPullContainerError: …", which is read first; alone, they are
 * whoever ran the client: a person, a pipeline.
 */
export const REGISTRY_CLIENT_FORBIDDEN =
  /\berror parsing HTTP 403 response body: unexpected end of JSON input\b|\bunexpected status (?:code \[manifests [^\]\n]{1,120}\]|from [A-Z]{3,7} request to \S{1,400}): 403 Forbidden\b/i;

/**
 * The EC2 console's launch wizard refusing a launch to whoever is signed in: "Launch Failed - You are
 * not authorized to perform this operation. Encoded authorization failure message: …" (the Knowledge
 * Center's ec2-not-auth-launch, hk-12). A person clicked it; no task launches instances so.
 */
const EC2_CONSOLE_LAUNCH = /\bLaunch Failed\s*-\s*You are not authori[sz]ed to perform this operation\b/;

/**
 * eksctl marks each line of its progress with a sign in brackets after the time: "[ℹ]" a step,
 * "[✔]" one done, "[✖]" one failed ("2021-09-22 07:30:42 [✖]  failed to create addon "vpc-cni":
 * AccessDeniedException: …", eksctl-io/eksctl#4239, hw-09). Whoever ran it creates a cluster's parts.
 */
const EKSCTL = /(?:^|\s)\[[✖ℹ✔]\]\s/;

/**
 * Tools that build or provision machines and clusters, each in its own framing; whoever runs them
 * is the caller:
 * - Packer's builders ("==> amazon-ebs: Error querying AMI: …", "Build 'amazon-ebs' errored after …",
 *   hashicorp/packer-plugin-amazon#177);
 * - kops's task graph ('error running task "IAMInstanceProfile/nodes…" (9m57s remaining to succeed)',
 *   kubernetes/kops#5156);
 * - Docker Machine's driver, as GitLab's autoscaling runner drives it ("Error creating machine: Error
 *   in driver during machine creation", cattle-ops/terraform-aws-gitlab-runner#523);
 * - Test Kitchen's failed action ("Class: Kitchen::ActionFailed", test-kitchen/kitchen-ec2#120);
 * - Chef's command resource ("---- Begin output of aws s3 cp …", Esri/arcgis-cookbook#310).
 */
const PACKER = /(?:^|\n)\s*==> [\w-]+: |Build\s*'[\w-]+'\s*errored\b/;
const KOPS = /\berror running task "[A-Za-z]+\/[^"\n]{1,200}" \(\d+m\d+s remaining to succeed\)/;
const DOCKER_MACHINE = /\bError creating machine: Error in driver during machine creation\b/;
const TEST_KITCHEN = /\bKitchen::ActionFailed\b/;
const CHEF = /[-–—]{2,4} ?Begin output of /;

/**
 * Go's logrus writes "ERRO[0000] …" (level, seconds since start) only to a terminal; to a pipe or
 * a log driver it writes "time=… level=error …". The ECS CLI prints so: someone ran a command.
 */
const LOGRUS_TERMINAL = /(?:^|\s)(?:DEBU|INFO|WARN|ERRO|FATA|PANI)\[\d{4,}\]\s/;

/**
 * A shell prompt running the AWS CLI, as a terminal session is pasted: "$ aws ec2 start-instances …",
 * "ubuntu@host:~$ aws …", PowerShell's "PS C:\> aws …". Someone typed the command; a task's
 * entrypoint does not print a prompt (a shell's trace is "+ aws …").
 */
export const SHELL_PROMPT_AWS_CLI = /(?:(?<![\w$])\$|\bPS [^\n>]{0,80}>)\s+aws\s+[a-z0-9-]+\s+[a-z0-9-]+/;

/**
 * Each tool's framing, in any case: a paste may come lower-cased, and a tool's words are still
 * its own ("│ error:", "create_failed", "erro[0000]").
 */
const TOOLS: [DeployTool, RegExp[]][] = (
  [
    ['Terraform', TERRAFORM],
    ['Copilot', COPILOT],
    ['the CDK', CDK],
    ['SAM', SAM],
    ['the Serverless Framework', SERVERLESS],
    ['the Amplify CLI', AMPLIFY],
    ['CodePipeline', CODEPIPELINE],
    ['Pulumi', PULUMI],
    ["GitHub Actions' configure-aws-credentials", [CONFIGURE_AWS_CREDENTIALS]],
    ['Ansible', ANSIBLE],
    ["Docker's image push", IMAGE_PUSH],
    ['a Docker client', [REGISTRY_CLIENT_FORBIDDEN]],
    ['a Lambda code deployment', [LAMBDA_CODE_REFUSED]],
    ['CloudFormation', CLOUDFORMATION],
    // Someone runs check-ecs-exec.sh with their own credentials: its verdicts are that caller's.
    ["AWS's ECS Exec Checker", [/Can I ExecuteCommand\?\s*\|/, CHECKER_DENY]],
    ["the EC2 console's launch", [EC2_CONSOLE_LAUNCH]],
    ['eksctl', [EKSCTL]],
    ['Packer', [PACKER]],
    ['kops', [KOPS]],
    ['Docker Machine', [DOCKER_MACHINE]],
    ['Test Kitchen', [TEST_KITCHEN]],
    ['Chef', [CHEF]],
    ['a terminal command', [LOGRUS_TERMINAL, SHELL_PROMPT_AWS_CLI]],
  ] as const
).map(([tool, patterns]) => [
  tool,
  patterns.map(
    (pattern) =>
      new RegExp(pattern.source, pattern.flags.includes('i') ? pattern.flags : `${pattern.flags}i`),
  ),
]);

export function deployToolOf(text: string): DeployTool | null {
  return TOOLS.find(([, patterns]) => patterns.some((pattern) => pattern.test(text)))?.[0] ?? null;
}
