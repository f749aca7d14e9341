/**
 * Reads one message (a stopped reason, a service event, an SDK error line) into what it says
 * about a permission failure, or into a look-alike that is not one.
 */
import { readRecordFields } from './cloudtrail-fields.js';
import { DECODED_CONTEXT, decodedDenialOf } from './decoded-authorization-text.js';
import {
  CODEPIPELINE_ROLE_LACKS,
  type DeployTool,
  deployToolOf,
  LAMBDA_CODE_REFUSED,
  providerResourceArnOf,
  REGISTRY_CLIENT_FORBIDDEN,
} from './deploy-tool.js';
import {
  APP_MESH_REFUSED,
  CHECKER_NO_TASK_ROLE,
  type EcsTemplate,
  findEcsTemplate,
  SERVICE_LINKED_ROLE_MISSING,
} from './ecs-steps.js';
import type { CloudTrailCall } from './evidence.js';
import {
  CONSOLE_DETAILS,
  findBareOperation,
  findCutPrincipal,
  findIamDenials,
  headlessDenial,
  type IamDenial,
  SERVICE_NAMED_REFUSAL,
  unreadDenial,
} from './iam-denial-message.js';
import { type LookAlikeReading, REFUSED_BY_NO_POLICY, readLookAlike } from './look-alikes.js';
import { flattenText } from './message-text.js';
import {
  errorCodeService,
  operationFromWords,
  providerCall,
  readSdkError,
  S3_IN_PROGRAM_NAMES,
  type SdkErrorHints,
  s3OperationFromWords,
  serviceFromName,
} from './sdk-error.js';
import { findServiceAssumeFailure } from './service-assume-role.js';
import { CHECKER_DENY, SIMULATED_DENY, SIMULATED_ROW, simulatedDenialOf } from './simulated-decision-text.js';

/** What IAM's sentence says, carried as read (the resource may come from ECS's template instead). */
type SentenceFacts = Pick<
  IamDenial,
  'principal' | 'resource' | 'policyType' | 'explicitDeny' | 'policyArn' | 'authorizationId' | 'detailsUrl'
>;

export interface DenialReading extends SentenceFacts {
  type: 'denial';
  /** The action as the message writes it. */
  writtenAction: string | null;
  actionMayBeCut: boolean;
  /** The action the wrapper or the message's form implies when none is written, and why. */
  impliedAction: { action: string; why: string } | null;
  /** The operation and the services the SDK text names, to derive an action from. */
  operation: string | null;
  /** True when the operation was guessed from the words around an S3 error, not named. */
  operationFromWords: boolean;
  /** True when the service refused the operation for the tags it carries ("CreateLogGroup with Tags"). */
  tagsRefused: boolean;
  /** `service:Action` tokens the message names outside IAM's sentence (redacted or reworded messages). */
  mentionedActions: string[];
  /** The line is in AWS Lambda's log format (`<time> <request id> ...`): a function, not a task. */
  fromLambda: boolean;
  /** Where the program ran, when the text shows a host no ECS task runs on (a developer's Mac, Kubernetes). */
  ranOn: string | null;
  /** The message is framed by a deployment tool (Terraform, CloudFormation): a deployer's call. */
  deployTool: DeployTool | null;
  /** A service's own log of its delivery to an endpoint (SNS's delivery status): the service was the caller. */
  deliveredBy: string | null;
  /** A service's status of what it runs (AWS Batch's compute environment, CodeBuild's build): that service called. */
  statusBy: string | null;
  /** The step of a task's life the service's words are about, when one (a pull of an image it runs itself). */
  statusStep: 'image-pull' | null;
  /** A language SDK's typed exception: a program's error, not the AWS CLI's. */
  programException: boolean;
  /** The error is in an SDK's own words (botocore's sentence too, which the AWS CLI writes). */
  sdkWords: boolean;
  services: string[];
  errorCode: string | null;
  template: EcsTemplate | null;
  /** A CloudTrail record's fields written in the message (a record pasted as text, cut or in a table). */
  recordCall: CloudTrailCall | null;
  /** The message as one line, for display. */
  text: string;
}

export type { LookAlikeKind, LookAlikeReading } from './look-alikes.js';

export type MessageReading = DenialReading | LookAlikeReading;

/**
 * A service checking its caller's permissions before it acts, and naming the ones missing
 * ("User is missing the following permissions: [ecs:UpdateService]", AWS Auto Scaling's plans).
 * The subject is the caller, named by its kind alone or by its ARN.
 */
const MISSING_PERMISSIONS =
  /\b(User|Role|Caller|Principal|You|arn:[\w-]+:(?:iam|sts)::\S{1,300})\s+(?:is|are)\s+missing\s+(?:the\s+following\s+|required\s+)?permissions?\b[^:[\n]{0,40}:?\s*\[?\s*((?:[a-z0-9-]+:[A-Za-z0-9*]+(?:\s*,\s*)?)+)/i;
const MISSING_PERMISSIONS_SIGNAL =
  /\bmissing\s+(?:the\s+following\s+|required\s+)?permissions?\b[^.\n]{0,40}?\b[a-z0-9-]+:[A-Za-z]/i;

/**
 * A service acting with its service role (CodeDeploy) saying the role lacks permissions in
 * another service: "<role name or ARN> does not give you permission to perform operations in
 * the following AWS service: AmazonECS". The subject is that role; no action is named. The
 * sentence is read up to "operations": a paste may break the service's name onto a line of its own.
 */
const ROLE_LACKS_SERVICE =
  /(?:\bThe IAM role\s+)?(arn:[\w-]+:iam::[^\s]{1,300}|[\w+=,.@-]{1,128})\s*does\s*not\s*give\s*you\s*permission\s*to\s*perform\s*operations\b/i;

/**
 * A service checking, before it acts, a principal it was given against another service:
 * SageMaker's "The role '<ARN>' does not have BatchGetImage permission for the image: '<URI>'"
 * (its endpoint's role and ECR, fr-26), and Elastic Load Balancing's "elasticloadbalancing
 * principal does not have permission to invoke <function ARN> from target group <ARN>" (the
 * function's resource policy, fs-11).
 */
const ROLE_LACKS_IMAGE_PERMISSION =
  /\bThe role '(arn:[\w-]+:iam::[^'\s]{1,300})' does not have ([A-Za-z]+) permission for the image\b/i;
const PRINCIPAL_MAY_NOT_INVOKE =
  /\b([a-z][a-z0-9-]{1,40}) principal does not have permission to invoke (arn:[\w-]+:lambda:[^\s'"]+?)(?=\s+from\b|[\s'"]|$)/i;

/**
 * PostgreSQL on RDS checks an IAM authentication token through PAM, and answers a token whose
 * signer may not connect as that user with PAM's words alone: "FATAL:  PAM authentication failed
 * for user "backup_user"" (aws/aws-cli#3639; the Knowledge Center's "PAM authentication failed for
 * user" page puts a policy without rds-db:connect first among its causes).
 */
const RDS_IAM_LOGIN_REFUSED = /\bPAM authentication failed for user\b/i;

/**
 * A service checking, before it acts, that its caller may use a resource it names, and naming
 * the permission: App Mesh's "ForbiddenException: Call requires the acm:DescribeCertificate
 * permission for the certificate with the ARN <arn>" (a virtual node's TLS certificate,
 * aws/aws-app-mesh-examples#339, hz-16). The caller is whoever made the call, not named.
 */
const CALL_REQUIRES_PERMISSION =
  /\bCall requires the ([a-z0-9-]{1,64}:[A-Za-z0-9]{1,128}) permission\b(?: for the [\w -]{1,60}? with the ARN (arn:[^\s'"]+))?/i;

function serviceCheckDenials(text: string): IamDenial[] {
  const required = CALL_REQUIRES_PERMISSION.exec(text);
  if (required?.[1]) {
    // A reviewer's elision ("arn:aws:acm:...") names no resource.
    const resource = required[2]?.replace(/[.,;]$/, '') ?? null;
    return [
      { ...unreadDenial(null), action: required[1], resource: resource?.endsWith('..') ? null : resource },
    ];
  }
  const role = ROLE_LACKS_IMAGE_PERMISSION.exec(text);
  if (role?.[1] && role[2]) return [{ ...unreadDenial(role[1]), action: `ecr:${role[2]}` }];
  const invoke = PRINCIPAL_MAY_NOT_INVOKE.exec(text);
  if (invoke?.[1] && invoke[2])
    return [
      {
        ...unreadDenial(`${invoke[1].toLowerCase()}.amazonaws.com`),
        action: 'lambda:InvokeFunction',
        resource: invoke[2],
        policyType: 'resource',
      },
    ];
  return [];
}

/** One denial for each permission the service says its caller is missing. */
function missingPermissionDenials(text: string): IamDenial[] {
  const match = MISSING_PERMISSIONS.exec(text);
  if (!match?.[1] || !match[2]) return [];
  const caller = match[1];
  return match[2]
    .split(/\s*,\s*/)
    .filter(Boolean)
    .map((action) => ({ ...unreadDenial(caller), action }));
}

/**
 * A service refusing a call because the caller may not create the service-linked role it needs:
 * EC2's "AuthFailure.ServiceLinkedRoleCreationNotPermitted … do not have permission to create the
 * service-linked role", CloudFront's "not authorized to create or assume a service linked role".
 */
// (EMR's own words too: "Service-linked role 'AWSServiceRoleForEMRCleanup' for EMR is required.
// Please create this role directly or add permission to create it in IAM entity", awslabs/aws-emr-launch#4.)
const SERVICE_LINKED_ROLE_NOT_CREATABLE =
  /\bServiceLinkedRoleCreationNotPermitted\b|\bPlease create this role directly or add permission to create it\b|\b(?:not (?:authori[sz]ed|permitted|allowed)|(?:do|does) not have (?:the )?permissions?) to create (?:or assume )?(?:the |a |an )?service[- ]linked role\b/i;

/**
 * Lambda checking, as it creates or updates a function, that the function's execution role may
 * make the calls it needs: "The provided execution role does not have permissions to call
 * PutTraceSegments on XRAY". The role is a Lambda function's (Lambda's word "execution role").
 */
const LAMBDA_ROLE_CHECK = /\bexecution role does not have permissions? to call\b/i;

/**
 * AWS Batch's status reason of a compute environment gone INVALID: "CLIENT_ERROR - <the answer
 * Batch got>" (aws-samples/aws-batch-genomics#9, aws/aws-cdk#6427, the Batch guide's
 * troubleshooting page). Batch made the call, with its service role.
 */
const BATCH_STATUS_REASON = /(?:^|[\s:'"(])CLIENT_ERROR - \S/i;
/**
 * SSM Automation's status of a step that failed on a call it made with the automation's assume
 * role: "Automation Step Execution fails when it is launching the instance(s). Get Exception from
 * RunInstances API of ec2 Service. …" (Systems Manager's Automation troubleshooting guide, ge-10).
 */
const AUTOMATION_STATUS = /\bAutomation Step Execution fails\b/i;
/**
 * CodeBuild's status of a build whose own build image it could not pull, with Docker's words
 * after it: "BUILD_CONTAINER_UNABLE_TO_PULL_IMAGE: Unable to pull customer's container image.
 * CannotPullContainerError: …" (awslabs/aws-codebuild-jenkins-plugin#106), or whose source it could
 * not download (below). CodeBuild called, with the project's service role, not ECS with a task's
 * execution role.
 */
const CODEBUILD_STATUS =
  /\bBUILD_CONTAINER_UNABLE_TO_PULL_IMAGE\b|\bfor primary source and source version\b/i;
/**
 * CodeBuild's status of a source it could not download, S3's answer first: "AccessDenied: Access
 * Denied status code: 403, … for primary source and source version arn:aws:s3:::<bucket>/<key>"
 * (a CodePipeline artifact, ga-11). The object is the resource refused.
 */
const CODEBUILD_SOURCE = /\bfor primary source and source version (arn:[\w-]+:s3:::[^\s'"]+)/i;

/**
 * Step Functions refusing a state machine's own role: "The state machine IAM Role is not authorized
 * to access the Log Destination" (DevelopersIO's and Qiita's CloudFormation and SAM deploys), and
 * its check of that role before it makes the EventBridge rule a `.sync` integration needs:
 * "'<role>' is not authorized to create managed-rule." (gm-13), the role's name cut by a paste
 * (serverless-operations/serverless-step-functions#385).
 */
const STATE_MACHINE_ROLE =
  /\bThe state machine IAM Role is not authori[sz]ed\b|\bis not authori[sz]ed to create managed-rule\b/i;
/**
 * Services that pull an image themselves, with their own service principal or a job's role, and
 * say so in their own words: SageMaker's "The repository of your image … does not grant
 * ecr:GetDownloadUrlForLayer, … permission to sagemaker.amazonaws.com service principal."
 * (aws/deep-learning-containers#5657) and its CreateTrainingJob's "Access denied for repository:
 * <name> in registry ID: <account>" (aws/sagemaker-spark-container#158); EMR Serverless's "EMR
 * Serverless service principal is not authorized to perform: ECR:DescribeImages" (re:Post's article).
 * (Their blanks optional, and the registry's account any word: a trimmed wrap glues the words it
 * broke between, and a paste masks the account.)
 */
const SAGEMAKER_PULL =
  /\bThe repository of your image \S+?\s*does not grant\b[^.]{0,200}?\bpermission to sagemaker\.amazonaws\.com\b|\bAccess\s*denied\s*for\s*repository:\s*\S+?\s*in\s*registry\s*ID:\s*\S/i;
const EMR_SERVERLESS_PULL =
  /\bEMR\s*Serverless\s*service\s*principal\s*is\s*not\s*authori[sz]ed\s*to\s*perform:\s*ECR:/i;
/**
 * Lambda refusing a container image function whose repository does not let Lambda's service
 * principal pull it: "The function does not have permission to access the specified image."
 * (aws/aws-cdk#27007, hl-01), "Lambda does not have permission to access the ECR image. Check the
 * ECR permissions." (CloudFormation relaying it, aws-samples/bedrock-access-gateway#127). The
 * repository's policy must grant lambda.amazonaws.com the pull.
 */
const LAMBDA_IMAGE_PULL =
  /\b(?:The\s+function|Lambda)\s+does\s+not\s+have\s+permission\s+to\s+access\s+the\s+(?:specified|ECR)\s+image\b/i;
/**
 * EKS's Fargate scheduler refusing a profile whose pod execution role it cannot use ("Misconfigured
 * Fargate Profile: … Pod execution role is not found in auth config or does not have all required
 * permissions for launching fargate pods", terraform-aws-modules/terraform-aws-eks#2912, hl-23).
 */
const EKS_FARGATE_POD_ROLE =
  /\bPod\s+execution\s+role\s+is\s+not\s+found\s+in\s+auth\s+config\s+or\s+does\s+not\s+have\s+all\s+required\s+permissions\b/i;

/**
 * Firehose's delivery error for a destination its role may not reach: "The COPY command was unable
 * to access the S3 bucket. Ensure that the access policy for the provided IAM role allows access to
 * the S3 bucket." (the Firehose guide's Redshift.S3BucketAccessDenied, gx-20), "Access was denied.
 * Ensure that the delivery role has sufficient permissions to use the KMS key." (fdmsantos/terraform-aws-kinesis-firehose#26,
 * hd-12). The role is the one the delivery stream was given.
 */
const FIREHOSE_ROLE_ACCESS =
  /\bEnsure\s+that\s+the\s+(?:access\s+policy\s+for\s+the\s+provided\s+IAM\s+role\s+allows|delivery\s+role\s+has\s+sufficient\s+permissions)\b/i;

/**
 * The services whose status of what they run names them as the caller, each by its own words, and
 * the step it is of, when one. `refusal`: the words say by themselves that the service was
 * refused, with no error code or IAM sentence beside them, so they are a denial's signal too.
 */
const SERVICE_STATUSES: { service: string; pattern: RegExp; step?: 'image-pull'; refusal?: true }[] = [
  { service: 'AWS Batch', pattern: BATCH_STATUS_REASON },
  { service: 'CodeBuild', pattern: CODEBUILD_STATUS },
  { service: 'SSM Automation', pattern: AUTOMATION_STATUS },
  { service: 'Step Functions', pattern: STATE_MACHINE_ROLE },
  { service: 'Firehose', pattern: FIREHOSE_ROLE_ACCESS, refusal: true },
  { service: 'SageMaker', pattern: SAGEMAKER_PULL, step: 'image-pull', refusal: true },
  { service: 'EMR Serverless', pattern: EMR_SERVERLESS_PULL, step: 'image-pull' },
  { service: 'Lambda', pattern: LAMBDA_IMAGE_PULL, step: 'image-pull', refusal: true },
  { service: 'EKS Fargate', pattern: EKS_FARGATE_POD_ROLE, refusal: true },
  // A SageMaker pipeline's step refused for the pipeline's own role ("ClientError: the pipeline
  // execution role does not have sufficient permissions …", data-science-on-aws/data-science-on-aws#223),
  // and MWAA's check of its environment's role on the DAGs' bucket ("Invalid request provided:
  // Provided role does not have sufficient permissions for s3 location …", 094459/innovateaiml-airflow#1).
  {
    service: 'SageMaker Pipelines',
    pattern: /\bthe pipeline execution role does not have sufficient permissions\b/i,
    refusal: true,
  },
  {
    service: 'Amazon MWAA',
    pattern: /\bProvided\s*role\s*does\s*not\s*have\s*sufficient\s*permissions\s*for\s*s3\b/i,
    refusal: true,
  },
];

/**
 * SNS's delivery status log: a record per delivery attempt, with the endpoint's answer in
 * `providerResponse` (SNS Developer Guide, "Amazon SNS message delivery status"). The caller
 * there is SNS, delivering a topic's message to a subscription (MassTransit/MassTransit#1525).
 */
export const SNS_DELIVERY_STATUS =
  /"deliveryId"\s*:[\s\S]*"providerResponse"\s*:|"providerResponse"\s*:[\s\S]*"deliveryId"\s*:/i;

/**
 * EC2 Auto Scaling refusing a group's launch template to its creator, who may not launch with it
 * (ec2:RunInstances, the pass of its instance profile's role, tagging): "You are not authorized to
 * use launch template: lt-…", under the ECS console's "There was an error creating cluster". The
 * API it names (autoscaling:CreateAutoScalingGroup) was called, not refused: no action is read.
 */
const LAUNCH_TEMPLATE_REFUSED =
  /\bnot authori[sz]ed to use (?:the (?:requested |specified )?)?launch template\b/i;

const DENIAL_SIGNALS: RegExp[] = [
  /is not authori[sz]ed to perform/i,
  /not authori[sz]ed to perform this operation/i,
  /\bAccessDenied(?:Exception)?\b/i,
  /\bAccess Denied\b/i,
  // The C++ SDK's error name as Arrow's S3 filesystem prints it: "AWS Error ACCESS_DENIED during HeadObject operation".
  /\bAWS Error ACCESS_DENIED\b/i,
  /Access to KMS is not allowed/i,
  /\bbecause\s+KMS\s+access\s+was\s+denied\b/i,
  // IAM's reason retyped alone ("I'm getting the `no resource-based policy allows the
  // ecr:BatchGetImage` error.", aws/containers-roadmap#2053).
  /\bno\s+[a-z -]{1,40}?polic(?:y|ies)\s+allows?\s+the\s+[a-z0-9-]+:[A-Za-z*]+/i,
  /you are not allowed to access/i,
  /ECS was unable to assume the (?:configured ECS Infrastructure )?role/i,
  /Error in assuming (?:access|instance) role/i,
  /\bis invalid or cannot be assumed\b/i,
  // Elastic Beanstalk's answer for a call its caller may not make ("… for IAM PassRole Action.").
  /\bInsufficientPrivilegesException\b|\bInsufficient privileges for\b/i,
  /Unable to assume role and validate/i,
  SERVICE_LINKED_ROLE_MISSING,
  /Insufficient permissions to execute command/i,
  LAUNCH_TEMPLATE_REFUSED,
  /\b(?:Client\.)?UnauthorizedOperation\b/i,
  /\bUnauthorizedAccess\b/i,
  /\bAuthorizationError\b/i,
  /Access to the resource \S+ is denied/i,
  // The PHP SDK's heading for a call S3 (or any REST service) answered 403, its body on the lines
  // after it, when a paste stops there ("Error executing "PutObject" on "…"; AWS HTTP error: Client
  // error: `PUT …` resulted in a `403 Forbidden` response:", pixelfed/pixelfed#2913).
  /\bAWS HTTP error: Client error: [^\n]{0,2000}?resulted in a [`']?403 Forbidden[`']? response\b/i,
  // The PHP SDK's older heading, its status first: "AWS HTTP error: Client error: 403 (client): 403 Forbidden" (fu-02).
  /\bAWS HTTP error: Client error: 403 \(client\)/i,
  // The .NET SDK's refusal with no body: "Error making request with Error Code Forbidden and Http Status Code Forbidden" (fu-23).
  /\bError making request with Error Code Forbidden\b/i,
  REGISTRY_CLIENT_FORBIDDEN,
  ...SERVICE_STATUSES.filter((status) => status.refusal).map((status) => status.pattern),
  // A service naming the role it refused: "'arn:…:role/<state machine's role>' is not authorized to create managed-rule".
  SERVICE_NAMED_REFUSAL,
  // The console's access-denied panel's Context line ("a service control policy explicitly denies the action").
  /\bexplicitly\s+denies\s+the\s+action\b/i,
  // Envoy's xDS stream closed with gRPC's PERMISSION_DENIED: App Mesh refused the proxy's role.
  APP_MESH_REFUSED,
  // Lambda relaying S3's refusal of a function's code to the deployer (aws/aws-cdk#3765).
  LAMBDA_CODE_REFUSED,
  /does not have permissions to assume/i,
  RDS_IAM_LOGIN_REFUSED,
  ROLE_LACKS_IMAGE_PERMISSION,
  PRINCIPAL_MAY_NOT_INVOKE,
  CALL_REQUIRES_PERMISSION,
  /denied: User:/i,
  // A fragment that lost "User: … is", and the ECS agent's relay refusing Service Connect's Envoy.
  // STS's own short form has no principal and may have no colon: "Not authorized to perform sts:AssumeRoleWithWebIdentity".
  /\bnot authori[sz]ed to perform:?\s+[a-z0-9-]+:[A-Za-z]/i,
  /\bUnauthorized to perform [a-z0-9-]+:[A-Za-z]+/i,
  // A client's own record of a 403 from an AWS endpoint, the status before the address: Logstash's
  // OpenSearch output '{:code=>403, :url=>"https://….aoss.amazonaws.com:443/_bulk"' (its
  // OpenSearch Serverless data access refused, opensearch-project/logstash-output-opensearch#228).
  /\bcode\W{1,4}403\b[^\n]{0,60}?\burl\W{1,4}https?:\/\/[\w.-]{1,200}\.amazonaws\.com\b/i,
  // The Java SDK v1's AmazonServiceException as a tool lays its fields out, one a line: "Service:
  // Amazon S3 / HTTP Status Code: 403 / AWS Error Code: 403 Forbidden" (TeamCity's S3 artifact
  // storage, JetBrains/teamcity-s3-artifact-storage-plugin#4).
  /\bAWS Error Code:\s*(?:403 Forbidden|AccessDenied(?:Exception)?)\b/i,
  // The Go SDK v1's request error printed whole (%#v), a 403 its caller did not unwrap:
  // "&awserr.requestError{awsError:(*awserr.baseError)(0xc426ae5c00), statusCode:403, …}" (Vault's
  // IAM lookup of a bound role, hashicorp/vault#2852).
  /\bawserr\.requestError\{[^}\n]{0,300}\bstatusCode:403\b/i,
  // Karpenter's status and log for a call its controller's role was refused: "Controller isn't
  // authorized to call ec2:RunInstances", "unauthorized to call ec2:RunInstances" (aws-samples/eks-workshop-v2#1859).
  /\b(?:(?:is not|isn't|not) authori[sz]ed|unauthori[sz]ed) to call [a-z0-9-]+:[A-Za-z]/i,
  // The Go SDK v2's error for a refusal whose body named no error code: "operation error ECS:
  // ListTasks, https response error StatusCode: 403" and no "api error …" after it (that names
  // its own code). STS's GetCallerIdentity needs no permission: its 403 is the credentials'.
  /\boperation error (?!STS: GetCallerIdentity\b)[\w ]+: \w+, https response error StatusCode: ?403\b(?![^\n]{0,300}\bapi error\b)/i,
  // Session Manager's message gateway refusing a channel the SSM agent or the client opens: "…
  // createControlChannel request failed: unexpected response from the service <BadRequest
  // xmlns=""><message>Unauthorized request.</message></BadRequest>" ("Request is not authenticated.").
  /<message>(?:[0-9a-f]{8}: )?(?:Unauthori[sz]ed request|Request is not authenticated)\.?<\/message>/i,
  // ECR refusing an image pushed to it with a bare 403 (buildx: "failed to push <account>.dkr.ecr.…:
  // failed commit on ref …: unexpected status: 403 Forbidden").
  /\bfailed to push\s+\S*\.dkr\.ecr\.[^\n]{0,600}?\b403 Forbidden\b/i,
  // S3 answers a denied HEAD with a bare 403 (no body for an error code): the SDKs say Forbidden,
  // and the Java SDK v2 gives the exception no message at all ("S3Exception: null (Service: S3,
  // Status Code: 403, …", kestra-io/plugin-aws#582, hx-16).
  /(?:StatusCode|Status Code|status code):? 403\b.{0,200}?\bForbidden\b|\bapi error Forbidden\b|An error occurred \(403\) when calling|\b\w{1,60}Exception: null \(Service: [\w ]{1,40}, Status Code: 403\b/i,
  CONSOLE_DETAILS,
  MISSING_PERMISSIONS_SIGNAL,
  ROLE_LACKS_SERVICE,
  SERVICE_LINKED_ROLE_NOT_CREATABLE,
  LAMBDA_ROLE_CHECK,
  CODEPIPELINE_ROLE_LACKS,
  // A decoded authorization message pasted as text names the request IAM refused.
  DECODED_CONTEXT,
  // So does the policy simulator's result it did not allow, as the CLI or the ECS Exec Checker prints it.
  SIMULATED_DENY,
  CHECKER_DENY,
  SIMULATED_ROW,
  CHECKER_NO_TASK_ROLE,
  // The Rust SDK's Debug of a service error that came with no code or message, only the raw
  // response: "ServiceError { err: HeadObjectError { … raw: Response { … status: 403,".
  /\bServiceError\b.{0,3000}?\bstatus: 403\b/i,
  // Python's requests library raising for a call AWS refused: "403 Client Error: Forbidden for url:
  // https://monitoring.us-east-2.amazonaws.com/…" (a wrap trimmed at its blank may rejoin "Client"
  // and "Error" as one word); another site's 403 is no AWS denial.
  /\b403 Client ?Error: ?Forbidden for url: ?https?:\/\/[^\s/]*amazonaws\.com/i,
  // A client library naming S3 in its own types or functions around an HTTP 403 (R's aws.s3:
  // "parse_aws_s3_response(…) : Forbidden (Http 403)"): S3's refusal in the library's words.
  new RegExp(
    String.raw`${S3_IN_PROGRAM_NAMES}[^\n]{0,200}?\b(?:Forbidden\b[^\n]{0,20}?\b403|403\b[^\n]{0,20}?\bForbidden)\b`,
    'i',
  ),
];

/**
 * Lambda refusing to run a function whose environment variables it cannot decrypt, which it does
 * with the function's own role ("Lambda was unable to decrypt the environment variables because
 * KMS access was denied"): a function's denial, whatever KMS answered after it.
 */
const LAMBDA_ENVIRONMENT = /\bLambda\s+was\s+unable\s+to\s+decrypt\s+the\s+environment\s+variables\b/i;

/** A service refusing a role of another account passed to it (CloudFormation, Lambda, MediaConvert). */
const CROSS_ACCOUNT_PASS_ROLE = /\bCross-account pass role is not allowed\b/i;

/** What a KMS refusal looks like when another service relays it without a principal or action. */
const KMS_RELAYED = /Access to KMS is not allowed|ciphertext refers to a customer master key/i;

/**
 * Docker's answer for an image it cannot find: "pull access denied for <image>, repository does
 * not exist or may require 'docker login'". From ECR it goes on with IAM's sentence; from Docker
 * Hub or another registry it ends there, and means a wrong name or a private repository.
 */
const REGISTRY_REPOSITORY_MISSING =
  /pull access denied(?: for \S+?)?,? repository does not exist or may require/i;
const IAM_OR_ECR = /is not authori[sz]ed|denied: User|\.dkr\.ecr\.|AccessDeniedException/i;
const REPOSITORY_MISSING_CAUSE =
  "the image's repository does not exist on its registry (a misspelt name or tag) or is private there: check the image name; a private registry other than ECR needs the container's repositoryCredentials. Not an IAM denial";

/**
 * Docker's refusal for an image reference that is a registry host and nothing more ("pull access
 * denied for <account>.dkr.ecr.<region>.amazonaws.com,"): no repository was named, so no policy
 * was asked about one. A host has a dot and a top-level name; a reference with a path has a slash.
 */
const HOST_ONLY_IMAGE = /pull access denied for ([^\s,/]+\.[a-z]{2,}(?::\d+)?),/i;
const HOST_ONLY_IMAGE_CAUSE =
  'the image reference names a registry host and no repository (the repository name, and a tag, are missing after the host): fix the image URI. Not an IAM denial';

/**
 * A registry other than ECR (GitHub's, Docker Hub, Quay, Google's, Azure's, GitLab's) refusing a
 * pull answers for its own credentials: a private package, an expired or missing token, a
 * repositoryCredentials secret with the wrong login. No AWS role is asked, whatever the status.
 */
const OTHER_REGISTRY =
  /\b(?:ghcr\.io|(?:registry-1\.|index\.)?docker\.io|quay\.io|gcr\.io|(?<![a-z0-9-])[a-z0-9-]{1,63}\.(?:pkg\.dev|azurecr\.io)|registry\.gitlab\.com|nvcr\.io)\b/i;
const REGISTRY_REFUSED =
  /\bunauthori[sz]ed\b|authentication required|incorrect username or password|\bpermission_denied\b|\bdenied: denied\b|\b40[13] (?:Forbidden|Unauthorized)\b/i;
/**
 * ECS's pull from such a registry that failed for a reason the text does not keep (cut after
 * "unexpected status code …", aws/aws-for-fluent-bit#234 and #194): no AWS role was asked.
 */
const OTHER_REGISTRY_PULL_CAUSE =
  "read as ECS's pull of an image, with its cause cut or unknown; the image is pulled from a registry other than ECR, so no AWS policy was asked: the reason is the registry's or the network's (Docker Hub's pull rate limit answers 429, a private image 401 or 403, a task with no route to the internet times out); pull the image from ECR (ECR Public mirrors many, amazon/aws-for-fluent-bit among them) or give the container repositoryCredentials";
const REGISTRY_REFUSED_CAUSE =
  "a container registry other than ECR refused the pull with its own credentials: the package is private, the token is missing, expired or lacks read access (GitHub's read:packages), or the task's repositoryCredentials secret holds the wrong login. No AWS role is involved";

/**
 * containerd or Docker asking a registry for a pull token and refused one (containerd's "failed to
 * authorize: failed to fetch anonymous token: unexpected status: 401 Unauthorized"): the registry
 * wants a login it was not given (a private registry with no repositoryCredentials, an ECR login
 * past its 12 hours). The token is the registry's own, asked before any image call; an ECR pull a
 * policy refused gets its token and is refused after it (403 Forbidden, or IAM's sentence).
 */
// (Blanks optional: a trimmed wrap glues 'anonymous' + 'token', gk-05.)
const REGISTRY_TOKEN_REFUSED = /failed\s*to\s*fetch\s*(?:anonymous|oauth)\s*token\b(?![\s\S]{0,40}\b403\b)/i;
/**
 * The words that say a step's own failure was a refusal, without IAM's sentence or an error code:
 * a pull answered 401 or 403, a mount "permission denied" (CodeBuild's "mounting '…' failed.
 * permission denied", gx-01).
 */
const STEP_REFUSAL_WORDS: Partial<Record<EcsTemplate['step'], RegExp>> = {
  'image-pull': /\b40[13]\b|forbidden|unauthorized/i,
  efs: /\bpermission denied\b/i,
};
/** A pull answered 401 (the registry's login), not 403 (a policy's refusal, ECR's with IAM's sentence). */
const PULL_UNAUTHORIZED = /\b401\b|\bunauthori[sz]ed\b/i;
const PULL_FORBIDDEN = /\b403\b|\bforbidden\b/i;
const IAM_SENTENCE = /is not authori[sz]ed|denied: User|AccessDeniedException/i;
const REGISTRY_TOKEN_CAUSE =
  "the registry refused to give a pull token to a caller with no login, or a wrong or expired one: a private registry other than ECR needs the container's repositoryCredentials (a Secrets Manager secret holding its login, which the execution role reads); a docker login to ECR lasts 12 hours. No AWS policy refused the image";

/**
 * Docker ends a refused pull with the registry's own reason: "… may require 'docker login':
 * denied: <reason>", containerd (and Docker since it pulls through containerd) with "… may
 * require authorization: <reason>". ECR's reason is IAM's sentence when a policy refused the
 * pull; any other reason it names (a token past its 12 hours, a pull through cache whose
 * upstream login failed, no login sent at all) is what went wrong, and "pull access denied"
 * around it is only Docker's wording.
 */
const REGISTRY_REASON = /may require (?:'?docker login'?:\s*denied|authorization):\s*(\S[\s\S]*)$/i;
const IAM_REASON = /\bUser:|is not authori[sz]ed|AccessDenied|\bAccess Denied\b/i;

/** The look-alike the registry's reason names, when the reason is not IAM's and is one. */
function registryReasonLookAlike(text: string, fromEcs: boolean): LookAlikeReading | null {
  const reason = REGISTRY_REASON.exec(text)?.[1];
  if (!reason || IAM_REASON.test(reason)) return null;
  const lookAlike = readLookAlike(reason, fromEcs, null);
  return lookAlike && lookAlike.kind !== 'unrecognised' ? { ...lookAlike, text } : null;
}

/**
 * ECR Public serves its images to anyone with no login: a pull it refuses ("pulling from host
 * public.ecr.aws failed with status code: 403 Forbidden", openillumi's docker build, hv-02) was
 * sent with the login Docker kept from an earlier `docker login public.ecr.aws`, past its 12 hours
 * (the maintainer in aws-samples/amazon-eks-cicd-codebuild#188). A push needs a policy; a pull does not.
 */
const PUBLIC_ECR_PULL_REFUSED =
  /\bpublic\.ecr\.aws\b[^\n]{0,400}?(?:\b40[13]\b|\bdenied: Not Authori[sz]ed\b|\bunauthori[sz]ed\b)/i;
const PUBLIC_ECR_PULL_REFUSED_CAUSE =
  'ECR Public lets anyone pull with no login, so a refused pull carried a stale one: Docker sends the login kept from an earlier `docker login public.ecr.aws`, which expires after 12 hours. Run `docker logout public.ecr.aws` (or log in again) and pull; no AWS policy refused the pull';

/** Reads every permission failure a message describes; a look-alike when it describes none. */
export function readMessage(raw: string, fromEcs = false): MessageReading[] {
  const text = flattenText(raw);
  if (OTHER_REGISTRY.test(text) && REGISTRY_REFUSED.test(text) && !IAM_OR_ECR.test(text))
    return [{ type: 'look-alike', kind: 'credentials', likelyCause: REGISTRY_REFUSED_CAUSE, text }];
  if (PUBLIC_ECR_PULL_REFUSED.test(text) && !/\bpush/i.test(text) && !IAM_OR_ECR.test(text))
    return [{ type: 'look-alike', kind: 'credentials', likelyCause: PUBLIC_ECR_PULL_REFUSED_CAUSE, text }];
  if (HOST_ONLY_IMAGE.test(text) && !/is not authori[sz]ed/i.test(text))
    return [{ type: 'look-alike', kind: 'missing-resource', likelyCause: HOST_ONLY_IMAGE_CAUSE, text }];
  // The registry's own reason, when it names one, says more than Docker's "repository does not exist or …".
  const registryRefusal = registryReasonLookAlike(text, fromEcs);
  if (registryRefusal) return [registryRefusal];
  if (REGISTRY_REPOSITORY_MISSING.test(text) && !IAM_OR_ECR.test(text))
    return [{ type: 'look-alike', kind: 'missing-resource', likelyCause: REPOSITORY_MISSING_CAUSE, text }];
  const template = findEcsTemplate(text) ?? findServiceAssumeFailure(text);
  const registryLogin =
    REGISTRY_TOKEN_REFUSED.test(text) ||
    (template?.step === 'image-pull' && PULL_UNAUTHORIZED.test(text) && !PULL_FORBIDDEN.test(text));
  if (registryLogin && !IAM_SENTENCE.test(text))
    return [{ type: 'look-alike', kind: 'credentials', likelyCause: REGISTRY_TOKEN_CAUSE, text }];
  const denied =
    (DENIAL_SIGNALS.some((signal) => signal.test(text)) && !refusedByNoPolicy(text)) ||
    (template !== null && STEP_REFUSAL_WORDS[template.step]?.test(text) === true) ||
    // A service's own words that it could not assume a role are a trust failure, signal or not.
    template?.step === 'trust';
  if (denied) return readDenials(text, template);
  const lookAlike = readLookAlike(text, fromEcs, template);
  if (
    (!lookAlike || lookAlike.kind === 'unrecognised') &&
    template?.step === 'image-pull' &&
    OTHER_REGISTRY.test(text) &&
    !IAM_OR_ECR.test(text)
  )
    // Still not recognised (its cause is cut), but it can say whose the pull was not.
    return [{ type: 'look-alike', kind: 'unrecognised', likelyCause: OTHER_REGISTRY_PULL_CAUSE, text }];
  return lookAlike ? [lookAlike] : [];
}

/**
 * A refusal no policy made (ECS's platform, Bedrock's model access, a service not enabled,
 * credentials not taken), unless the same text also carries IAM's own sentence, or a service's
 * word that KMS refused it: Lambda's "because KMS access was denied" quotes KMS's code for a grant
 * whose role was re-created (UnrecognizedClientException, gr-06), a grant to mend.
 */
function refusedByNoPolicy(text: string): boolean {
  return (
    REFUSED_BY_NO_POLICY.some((refusal) => refusal.test(text)) &&
    !/is not authori[sz]ed to perform|\bbecause\s+KMS\s+access\s+was\s+denied\b/i.test(text)
  );
}

function readDenials(text: string, template: EcsTemplate | null): DenialReading[] {
  const sdk = readSdkError(text);
  const sentences = findIamDenials(text);
  const unique = sentences.filter(
    (sentence, index) => sentences.findIndex((other) => sameSentence(other, sentence)) === index,
  );
  const decoded = unique.length > 0 ? null : (decodedDenialOf(text) ?? simulatedDenialOf(text));
  if (decoded) unique.push(decoded);
  const checked = unique.length > 0 ? [] : serviceCheckDenials(text);
  const missing = unique.length > 0 ? [] : checked.length > 0 ? checked : missingPermissionDenials(text);
  const lacking = unique.length > 0 || missing.length > 0 ? null : ROLE_LACKS_SERVICE.exec(text)?.[1];
  if (lacking) missing.push(unreadDenial(lacking));
  const base: IamDenial[] =
    unique.length > 0
      ? unique
      : missing.length > 0
        ? missing
        : [headlessDenial(text, findCutPrincipal(text))];
  const facts = textFacts(text, template, sdk);
  return base.map((iam) => toReading(iam, text, facts));
}

/** A denial known only from an error code or an unparsed message (a CloudTrail record's). */
export function bareDenialReading(text: string, errorCode: string | null): DenialReading {
  // A clause the message gives without IAM's sentence ("denied due to a VPC endpoint policy") still says which policy.
  return toReading(
    headlessDenial(text, null),
    text,
    textFacts(text, null, { ...readSdkError(text), errorCode }),
  );
}

/** What a message's whole text says, the same for each IAM sentence in it: read once. */
type TextFacts = Omit<
  DenialReading,
  keyof SentenceFacts | 'type' | 'writtenAction' | 'actionMayBeCut' | 'mentionedActions' | 'text'
>;

function textFacts(text: string, template: EcsTemplate | null, sdk: SdkErrorHints): TextFacts {
  const provider = sdk.operation ? null : providerCall(text, errorCodeService(sdk.errorCode));
  const bare = findBareOperation(text);
  const status = SERVICE_STATUSES.find(({ pattern }) => pattern.test(text));
  return {
    impliedAction: impliedAction(text, template),
    operation:
      sdk.operation ??
      bare?.operation ??
      (sdk.services.includes('s3') ? s3OperationFromWords(text) : null) ??
      provider?.operation ??
      operationFromWords(text),
    operationFromWords: !sdk.operation && !bare,
    tagsRefused: bare?.withTags ?? false,
    fromLambda:
      lambdaLine(text) ||
      (LAMBDA_ERROR_TYPE.test(text) && LAMBDA_ERROR_MESSAGE.test(text)) ||
      LAMBDA_ENVIRONMENT.test(text) ||
      LAMBDA_ROLE_CHECK.test(text),
    ranOn: hostOf(text),
    deployTool: deployToolOf(text),
    deliveredBy: SNS_DELIVERY_STATUS.test(text) ? 'SNS' : null,
    statusBy: status?.service ?? null,
    statusStep: status?.step ?? null,
    programException: sdk.programException,
    sdkWords: sdk.sdkWords,
    services: sdk.services.length === 0 && provider ? [provider.service] : sdk.services,
    errorCode: sdk.errorCode,
    template,
    recordCall: readRecordFields(text),
  };
}

function toReading(iam: IamDenial, text: string, facts: TextFacts): DenialReading {
  return {
    ...facts,
    type: 'denial',
    principal: iam.principal,
    writtenAction: iam.action,
    actionMayBeCut: iam.actionMayBeCut,
    mentionedActions: iam.action || LAUNCH_TEMPLATE_REFUSED.test(text) ? [] : mentionedActions(text),
    resource:
      iam.resource ??
      secretOfTemplate(iam.action ?? facts.impliedAction?.action ?? null, facts.template) ??
      (facts.template?.roleArn || null) ??
      (facts.deployTool === 'Terraform' ? providerResourceArnOf(text) : null) ??
      (facts.statusBy === 'CodeBuild' ? (CODEBUILD_SOURCE.exec(text)?.[1] ?? null) : null),
    policyType: iam.policyType,
    explicitDeny: iam.explicitDeny,
    policyArn: iam.policyArn,
    authorizationId: iam.authorizationId,
    detailsUrl: iam.detailsUrl,
    text,
  };
}

/**
 * The secret the ECS template names, for a GetSecretValue refusal whose sentence was cut before
 * its resource, or that ends at the exception's name (the action then the template's own): only
 * for that call, since a relayed KMS refusal concerns the key, not the secret.
 */
function secretOfTemplate(action: string | null, template: EcsTemplate | null): string | null {
  if (!template?.secretArn || action?.toLowerCase() !== 'secretsmanager:getsecretvalue') return null;
  return template.secretArn;
}

/**
 * Lambda's START, END and REPORT lines name the request as `RequestId: <uuid>`, in that case:
 * the Go SDK v2's `RequestID: <uuid>` (em-13, fs-07) and the other SDKs' `Request ID: <uuid>`
 * with its blank lost to a trimmed wrap (fr-24 folded at 179) are no Lambda's.
 */
const LAMBDA_REQUEST_ID = /\bRequestId: [0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}\b/;

/**
 * Lambda's runtimes prefix every line with the request id; START/END/REPORT lines name it too; a
 * log viewer showing several groups puts the group first: `[/aws/lambda/<function>] ...`; a stack
 * through the runtime's own code (/var/runtime, where it keeps its SDK) or the function's
 * (/var/task, where Lambda unpacks it: "at Request.extractError (/var/task/node_modules/aws-sdk/…)",
 * serverless/serverless#3040, ia-08) is a function's.
 */
const LAMBDA_LINE =
  /^[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}\s|(?:^|\n)\[?\/aws\/lambda\/[\w.-]+\]?\s|(?<![\w.-])\/var\/(?:runtime|task)\/|\b\d{4}\/\d{2}\/\d{2}\/\[(?:\$LATEST|\d+)\][0-9a-f]{32}\b/i;
const LAMBDA_LINES = [LAMBDA_LINE, LAMBDA_REQUEST_ID];
function lambdaLine(text: string): boolean {
  return LAMBDA_LINES.some((pattern) => pattern.test(text));
}

/**
 * Where a program ran that no ECS task runs on, as a paste shows it:
 * - a developer's own machine: a Mac's temporary folder (`/var/folders/g4/…`, a deploy tool's
 *   bundle, saksdirect/nova#4) or home (`/Users/<name>/…`, developmentseed/kes#64), a JetBrains
 *   IDE's classes (`com.intellij.…`, aws/aws-toolkit-jetbrains#2846). The home only with its
 *   capital: a web path (`GET /users/42/`) is an app's, and a paste lower-cased whole no longer
 *   tells them apart;
 * - a Kubernetes cluster: the kubectl command that printed the logs
 *   (terraform-aws-modules/terraform-aws-eks#3397), the kubelet's "MountVolume.SetUp failed"
 *   (marcel-dempers/docker-development-youtube-series#133), a volume's StorageClass
 *   (kubernetes-sigs/aws-efs-csi-driver#876), a controller's reconciler logging under
 *   controller-runtime's logger (the AWS Load Balancer Controller, kubernetes-sigs/aws-load-balancer-controller#2900, hw-07),
 *   a claim's events (`persistentvolumeclaim/ebs-claim`, kubernetes-sigs/aws-ebs-csi-driver#963's kubectl events, ic-06),
 *   Karpenter's EC2NodeClass and node pools (aws-samples/eks-workshop-v2#1859, ib-15, ib-16), the
 *   managed resources of Crossplane (…crossplane.io, …upbound.io: crossplane-contrib/provider-aws#1876)
 *   and of the AWS Controllers for Kubernetes (…services.k8s.aws, its runtime's 'ackrt' logger:
 *   aws-controllers-k8s/community#1861), Argo's executor saving a step's outputs
 *   (/tmp/argo/outputs/, awslabs/kubeflow-manifests#225), the load balancer controller's ingress
 *   events (kubernetes/kops#13361) and the cluster autoscaler's template nodes (kubernetes/autoscaler#1943);
 * - a mobile or web app's Amplify library: its exceptions' recoverySuggestion
 *   (aws-amplify/amplify-flutter#4288), called with a Cognito identity's role;
 * - an Android device: logcat's "E/Tag(pid): " before each line (Blasanka/aws_s3_plugin#11).
 */
const HOSTS: [string, RegExp][] = [
  [
    "a developer's own machine (a Mac's path, an IDE's classes)",
    /(?:^|[\s'"(=:])\/var\/folders\/[\w+-]{2}\/[\w+-]+\/|\bcom\.intellij\.[a-z]/i,
  ],
  ["a developer's own machine (a Mac's path)", /(?:^|[\s'"(=:])\/Users\/[\w.-]+\//],
  [
    'a Kubernetes cluster (kubectl, the kubelet, a StorageClass, a controller)',
    /(?:^|[\s$>#])kubectl\s+(?:-{1,2}[\w-]+(?:[\s=]\S+)?\s+)*(?:logs|describe|get|exec)\b|\bMountVolume\.SetUp failed\b|\bwith StorageClass ?"|\bpersistentvolumeclaim\/[\w.-]|\bcontroller-runtime\.manager\.controller\b|\bEC2NodeClass\b|\bnodepools?\b|\b(?:crossplane|upbound)\.io\b|\.services\.k8s\.aws\b|\backrt\b|\/tmp\/argo\/outputs\/|\bFailed build model due to ingress\b|\bUnable to build proper template node\b/i,
  ],
  ['a mobile or web app (the Amplify library)', /\brecoverySuggestion\b/i],
  // STS checking an MFA code only a person types (GetSessionToken, AssumeRole with a serial):
  // "AccessDenied: MultiFactorAuthentication failed, unable to validate MFA code." (sam701/awstools#31, hw-11).
  ["a person's own session (an MFA code typed in)", /\bMultiFactorAuthentication failed\b/i],
  ["an Android device (logcat's lines)", /(?:^|\n)[VDIWEF]\/[\w.$-]+\(\s*\d+\):\s/i],
  // A build's own log: its job runs with the pipeline's role or keys, whatever it deploys to (Jenkins'
  // CodeBuild plugin too, '[AWS CodeBuild Plugin] …', awslabs/aws-codebuild-jenkins-plugin#66).
  [
    'a CI runner (GitHub Actions, CodeBuild, GitLab CI)',
    /##\[error\]|(?:^|[\s'"(=:])\/home\/runner\/work\/|\[Container\] \d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d\b|\bRunning with gitlab-runner\b|\[AWS CodeBuild Plugin\]/i,
  ],
  // The SSM agent of ECS Exec runs sessions only, in a folder named for the task, not an instance (fs-17).
  [
    "an EC2 instance's SSM agent (Run Command's worker, the instance's own folder, its EC2 role provider)",
    /\[ssm-document-worker\]|\/var\/lib\/amazon\/ssm\/i-[0-9a-fx]{8,17}\/|\bEC2RoleProvider\b/i,
  ],
  // An instance's boot: its user data run by cloud-init (fv-14: an ECS cluster's hosts fetching a script).
  [
    "an EC2 instance's boot (cloud-init running its user data)",
    /\bcloud-init\[\d+\]:|\/var\/lib\/cloud\/instances?\//,
  ],
];

/** Where the text shows its program ran, when that is no ECS task's host. */
function hostOf(text: string): string | null {
  return HOSTS.find(([, pattern]) => pattern.test(text))?.[0] ?? null;
}

/**
 * The words of a text that say where its program ran, though they may be no message themselves (a
 * traceback's frame in Lambda's runtime, a Mac's path): read with every message of the same paste.
 */
export function hostSignOf(text: string): string | null {
  for (const pattern of HOST_SIGNS) {
    const sign = pattern.exec(text)?.[0];
    if (sign) return sign;
  }
  // A deployment tool's own framing on a line of the paste (Test Kitchen's 'Class:
  // Kitchen::ActionFailed' above its 'Message:' line, test-kitchen/kitchen-ec2#120; Chef's '----
  // Begin output of aws s3 cp …' above the command's STDERR, Esri/arcgis-cookbook#310): the paste
  // is that tool's run, whose other lines hold the refusal.
  return deployToolOf(text) ? text : null;
}
const HOST_SIGNS = [...LAMBDA_LINES, ...HOSTS.map(([, pattern]) => pattern)];

/** A message read with the words of its paste that show where the program ran, or which tool ran it. */
export function withHostSign(reading: DenialReading, sign: string): DenialReading {
  return {
    ...reading,
    deployTool: reading.deployTool ?? deployToolOf(sign),
    fromLambda: reading.fromLambda || lambdaLine(sign),
    ranOn: reading.ranOn ?? hostOf(sign),
  };
}

/**
 * Lambda's runtimes report a function's failure as JSON with both `errorType` and `errorMessage`
 * (Node, Python, Java alike); two tests, not one pattern spanning the text, keep a long text linear.
 */
const LAMBDA_ERROR_TYPE = /"errorType"\s*:/i;
const LAMBDA_ERROR_MESSAGE = /"errorMessage"\s*:/i;

/**
 * `ecs:DescribeClusters` in a message whose IAM sentence was redacted; condition keys (`aws:...`)
 * are not actions. A service named as its SDK names it (CloudFormation's
 * `elasticloadbalancingv2:DescribeLoadBalancers`) also stands under IAM's prefix, first. Read in
 * any case (a paste may come lower-cased): the catalog keeps only the actions it knows, in its spelling.
 */
function mentionedActions(text: string): string[] {
  const found = [...text.matchAll(/(?:^|[\s(["'`])([a-z][a-z0-9-]*:[A-Za-z][A-Za-z0-9]+)\b/gi)].flatMap(
    (match) => {
      const action = match[1] ?? '';
      const [service = '', name = ''] = action.split(':');
      const prefix = serviceFromName(service);
      return prefix && prefix !== service ? [`${prefix}:${name}`, action] : [action];
    },
  );
  return [...new Set(found.filter((action) => !/^(?:aws|arn):/i.test(action)))];
}

/**
 * The ECS agent's two websockets, as its log names them across versions ("Error connecting to
 * TCS", "Failed to connect to ACS", module="tcs handler"): ACS, where tasks arrive, opens with
 * ecs:Poll; TCS, telemetry, with ecs:StartTelemetrySession.
 */
const AGENT_WEBSOCKET =
  /\b(?:connecting to|connect to|Error from|message from) (ACS|TCS)\b|\bmodule="(acs|tcs) (?:handler|client)"/i;

function impliedAction(text: string, template: EcsTemplate | null): DenialReading['impliedAction'] {
  const websocket = AGENT_WEBSOCKET.exec(text);
  if (websocket) {
    const tcs = (websocket[1] ?? websocket[2] ?? '').toUpperCase() === 'TCS';
    return {
      action: tcs ? 'ecs:StartTelemetrySession' : 'ecs:Poll',
      why: `the ECS agent was refused its ${tcs ? 'telemetry (TCS)' : 'task (ACS)'} websocket, which it opens with the container instance's role`,
    };
  }
  if (CROSS_ACCOUNT_PASS_ROLE.test(text)) {
    return {
      action: 'iam:PassRole',
      why: "the service refuses to be passed a role of another account, whatever the policies allow: pass a role of the account the call is made in (for a cross-account pipeline, the action's role in the target account)",
    };
  }
  if (/Insufficient privileges for IAM PassRole/i.test(text)) {
    return {
      action: 'iam:PassRole',
      why: 'the service says the caller may not pass the role (IAM PassRole)',
    };
  }
  if (/Roles may not be assumed by root accounts/i.test(text)) {
    return { action: 'sts:AssumeRole', why: "STS's answer to a root user calling AssumeRole" };
  }
  if (RDS_IAM_LOGIN_REFUSED.test(text)) {
    return {
      action: 'rds-db:connect',
      why: "PostgreSQL on RDS refuses an IAM authentication token in PAM's words: most often its signer may not rds-db:connect as that database user; else the token is wrong (expired, made for another host, port or user) or the user lacks the rds_iam grant",
    };
  }
  if (LAMBDA_ENVIRONMENT.test(text)) {
    return {
      action: 'kms:Decrypt',
      why: "Lambda decrypts a function's environment variables with the function's role before running it",
    };
  }
  if (SERVICE_LINKED_ROLE_NOT_CREATABLE.test(text)) {
    return {
      action: 'iam:CreateServiceLinkedRole',
      why: 'the service needs its service-linked role, which the caller may not create',
    };
  }
  if (KMS_RELAYED.test(text)) {
    return {
      action: 'kms:Decrypt',
      why: 'KMS refused to decrypt (the message is the one KMS returns through Secrets Manager, SSM or S3)',
    };
  }
  if (template?.impliedAction) {
    return { action: template.impliedAction, why: `the message is ECS's error for ${template.doing}` };
  }
  return null;
}

function sameSentence(a: IamDenial, b: IamDenial): boolean {
  return a.principal === b.principal && a.action === b.action && a.resource === b.resource;
}
