/**
 * What an error that is not a permission failure most likely is (a network failure, a missing
 * resource, throttling, bad credentials, placement, a request refused as invalid), and, for an
 * error none of these names, a note that it was read and not recognised: a pasted error always
 * gets an answer (issue 11).
 */
import type { EcsTemplate } from './ecs-steps.js';
import { wordsOfPattern } from './pattern-words.js';

export type LookAlikeKind =
  | 'network'
  | 'missing-resource'
  | 'throttling'
  | 'credentials'
  | 'placement'
  | 'invalid-request'
  | 'other'
  /** Read as an error, but neither a permission failure nor a known look-alike. */
  | 'unrecognised';

export interface LookAlikeReading {
  type: 'look-alike';
  kind: LookAlikeKind;
  likelyCause: string;
  text: string;
}

interface LookAlikeRule {
  kind: LookAlikeKind;
  pattern: RegExp;
  /** Specific to AWS/ECS, so safe to report from any log line (others need an ECS wrapper). */
  awsSpecific: boolean;
  /** A cause more precise than the kind's, when the message says it. */
  cause?: string;
  /** Read only when no other rule names the message, even with its blanks made optional. */
  lastResort?: boolean;
}

/**
 * ECS refusing the requested platform (a retired Fargate platform version, an operating system
 * family the account or Region cannot run) names its answer AccessDeniedException, though no
 * policy grants a platform: it is a look-alike even with the exception's name.
 */
const PLATFORM_REFUSED = /do not have authori[sz]ation to access the specified platform/i;

/**
 * Bedrock's gate on a model (or, in its preview, on the API) for the whole account: the model is
 * not enabled in this Region's Model access page, or the client calls another Region. Answered as
 * AccessDeniedException, but an IAM denial names its caller and action instead.
 */
const BEDROCK_MODEL_ACCESS =
  /(?:don'\s?t|do not) have access to the model with the specified model ID|Your account is not authori[sz]ed to invoke this\s*API\s*operation/i;

/**
 * A service's access for the whole account, answered as AccessDeniedException: "Your account is
 * not authorized to make this call." (Amazon Q Developer without its subscription, fr-14).
 */
const ACCOUNT_NOT_ENABLED = /\bYour account is not authori[sz]ed to make this call\b/i;

/**
 * Credentials the service would not take, answered as AccessDeniedException: an invalid bearer
 * token (Amazon Q's CLI, fr-15), plain role credentials where Q Business wants identity-aware
 * ones (fr-37). No policy was evaluated.
 */
const CREDENTIALS_NOT_TAKEN =
  /\bbearer token included in the request is invalid\b|\bidentity-aware credentials must be passed\b/i;

/**
 * A service's answer that it would not take the caller's keys or token at all (an invalid or
 * expired token, an unknown key, a bad signature): a 403 too, but no policy was evaluated, so the
 * status said with it ("403 Forbidden … InvalidClientTokenId", getsentry/sentry-laravel#22) is no denial.
 */
const CREDENTIALS_REJECTED =
  /\b(?:InvalidClientTokenId|UnrecognizedClientException|ExpiredToken(?:Exception)?|InvalidAccessKeyId|SignatureDoesNotMatch)\b|security token included in the request is (?:invalid|expired)/i;

/**
 * CodeBuild's build phase failing to place a VPC build's network interface: its EFS troubleshooting
 * page gives "VPC_CLIENT_ERROR: Unexpected EC2 error: UnauthorizedOperation" for a project whose
 * subnets are all public (gx-03), though EC2 names its answer a refusal.
 */
const CODEBUILD_PUBLIC_SUBNETS = /\bVPC_CLIENT_ERROR:\s*Unexpected EC2 error:\s*UnauthorizedOperation\b/i;

/** S3 answering for a bucket in another Region than the request's, whatever the error's name. */
const S3_WRONG_REGION =
  /\bPermanentRedirect\b|\bThe bucket is in this region\b|\bmust be addressed using the specified endpoint\b/i;

/**
 * Glue refusing an account whose Athena catalog was never upgraded to the Glue Data Catalog:
 * "AccessDeniedException: Please migrate your Catalog to enable access to this database"
 * (awslabs/sagemaker-explaining-credit-decisions#2, fixed by the upgrade in Athena's console).
 */
const GLUE_CATALOG_NOT_MIGRATED = /\bPlease migrate your Catalog to enable access to this database\b/i;

/** Refusals in a service's words that no policy made: answered as AccessDeniedException, read as look-alikes. */
export const REFUSED_BY_NO_POLICY = [
  S3_WRONG_REGION,
  GLUE_CATALOG_NOT_MIGRATED,
  PLATFORM_REFUSED,
  BEDROCK_MODEL_ACCESS,
  ACCOUNT_NOT_ENABLED,
  CREDENTIALS_NOT_TAKEN,
  CREDENTIALS_REJECTED,
  CODEBUILD_PUBLIC_SUBNETS,
];

const NO_REGISTRY_LOGIN =
  'the client (Docker, podman, buildah) sent the registry no login: nothing ran `docker login` (or the ECR credential helper) for that registry, or the token it had was for another registry or region or had expired; for ECR, get a token (aws ecr get-login-password) with a role allowed ecr:GetAuthorizationToken. No policy refused anything yet';

const LOOK_ALIKES: LookAlikeRule[] = [
  {
    kind: 'other',
    pattern: GLUE_CATALOG_NOT_MIGRATED,
    awsSpecific: true,
    cause:
      "the account's Athena data catalog was never upgraded to the AWS Glue Data Catalog, so Glue refuses every caller: upgrade it in Athena's console (Data sources, Upgrade); no role's policy needs a change",
  },
  {
    kind: 'other',
    pattern: CODEBUILD_PUBLIC_SUBNETS,
    awsSpecific: true,
    cause:
      "CodeBuild could not set up the build's network interface in the project's VPC: CodeBuild's guide gives this error when every subnet in the project's VPC configuration is public; give it at least one private subnet (with a NAT gateway for the internet). If they are private, the service role's ec2:CreateNetworkInterface and ec2:CreateNetworkInterfacePermission come next",
  },
  {
    kind: 'other',
    pattern: ACCOUNT_NOT_ENABLED,
    awsSpecific: true,
    cause:
      "the service is not enabled for the account (a subscription, an opt-in or the service's own access page), not a role's policy: enable it for the account or the user's group; a policy that lacks the action is refused in IAM's own words, naming the caller",
  },
  {
    kind: 'credentials',
    pattern: CREDENTIALS_NOT_TAKEN,
    awsSpecific: true,
    cause:
      'the service would not take the credentials it got (an expired or invalid sign-in token, or plain role credentials where it needs identity-aware ones from IAM Identity Center): sign in again, or pass the credentials it asks for. No policy was evaluated',
  },
  {
    kind: 'other',
    pattern: BEDROCK_MODEL_ACCESS,
    awsSpecific: true,
    cause:
      "Bedrock's model access for the account, not a role's policy: enable the model on Bedrock's Model access page in the Region the client calls (or use a Region or inference profile where it is enabled); once it is, a policy that lacks bedrock:InvokeModel is refused in IAM's own words, naming the caller",
  },
  {
    kind: 'invalid-request',
    pattern: PLATFORM_REFUSED,
    awsSpecific: true,
    cause:
      'ECS does not offer the platform asked for to this account or Region: a retired or unknown Fargate platform version, or an operating system family (Windows on Fargate) not available there; set a current platform version and a supported Region. Not an IAM denial',
  },
  {
    kind: 'other',
    pattern: /ECS timed out while configuring/i,
    awsSpecific: true,
    cause:
      "ECS gave up waiting for the task's EBS volume: most often a file system type that does not suit the task's operating system (or the snapshot's own). Not a permission problem",
  },
  {
    kind: 'other',
    pattern:
      /TargetNotConnected(?:Exception)?\b|execute command failed due to an internal error|execute command was not enabled when the task was run|execute command agent isn.t running/i,
    awsSpecific: true,
    cause:
      "ECS Exec could not reach the SSM agent in the container: the task started before enableExecuteCommand was set, the agent is not running or cannot reach ssmmessages (network), or the local AWS credentials differ; run amazon-ecs-exec-checker. The task role's ssmmessages permissions are one of its checks",
  },
  {
    kind: 'other',
    // ECS Exec's client side: the AWS CLI found no Session Manager plugin to hand the session to.
    pattern: /SessionManagerPlugin is not found|session-manager-plugin-not-found/i,
    awsSpecific: true,
    cause:
      'the AWS CLI running `aws ecs execute-command` has no Session Manager plugin: install session-manager-plugin on that machine (not in the container); not a permission problem',
  },
  {
    kind: 'other',
    // Session Manager reached the target (ECS Exec's container, an instance), whose SSM agent could
    // not start the session's plugin: "Plugin with name InteractiveCommands not found", "… Standard_Stream
    // not found. Step name: Standard_Stream" (an instance whose agent broke on its inotify limits,
    // vumdao/ssm-agent's troubleshoot/README.md, hz-08).
    pattern: /\bPlugin with name \w{1,64} not found\b/i,
    awsSpecific: true,
    cause:
      "Session Manager reached the target, but its SSM agent could not start the session's plugin: in ECS Exec's container, an agent or session-manager-plugin version mismatch or the container's /tmp full; on an instance, an agent that failed to restart (a full disk, inotify limits). Update the plugin, restart the task or the agent; not a permission problem",
  },
  {
    kind: 'credentials',
    // The JavaScript SDK v3 reading a profile that assumes a role, given no function to assume it
    // with: "Role Arn '<arn>' needs to be assumed with web identity, but no role assumption
    // callback was provided." (Flowise on EKS, FlowiseAI/Flowise#2782, hx-13).
    pattern: /\bbut no role assumption callback was provided\b/i,
    awsSpecific: true,
    cause:
      "the JavaScript SDK v3 was built to assume a role (a profile's role_arn, a web identity token file) without the STS function that assumes it, so no role was assumed and no policy asked: use fromNodeProviderChain (or pass roleAssumerWithWebIdentity / roleAssumer from @aws-sdk/client-sts); in ECS, leave the task role to the default chain",
  },
  {
    kind: 'credentials',
    // ECR's pull through cache answering for the upstream registry it fetches from, not for the puller.
    pattern:
      /authentication to the upstream registry failed|credentials provided in the pull through cache rule|UnableToGetUpstream(?:Image|Layer)Exception/i,
    awsSpecific: true,
    cause:
      "ECR's pull through cache could not fetch the image from the upstream registry: the login in the cache rule's Secrets Manager secret (ecr-pullthroughcache/...) is wrong or expired, or the upstream path is one the rule cannot cache (a name with more levels than the upstream has); fix the rule's secret or the image path. Not a denial of the role that pulls",
  },
  {
    kind: 'credentials',
    // The ECS agent holding no credentials for the task's execution role, before it calls anything:
    // its resources' words (secrets, environment files, credential specs, FSx) and the awslogs setup's.
    pattern:
      /\bunable to (?:find|get) execution role credentials\b|\bNo execution credentials set for the task\b|\buses execution credentials, but the credentials are empty\b|\bTimed out waiting for execution role credentials\b/i,
    awsSpecific: true,
    cause:
      "the ECS agent had no credentials for the task's execution role, so it called nothing: the task definition has no executionRoleArn, or on EC2 the agent never got the role's credentials (ECS_ENABLE_TASK_IAM_ROLE off, an old agent, no connection to ECS); set the execution role, then check the agent. No policy refused anything",
  },
  {
    kind: 'credentials',
    // Docker sending a registry no login at all (no `docker login`, no ECR credential helper).
    pattern: /\bno basic auth credentials\b/i,
    awsSpecific: true,
    cause: NO_REGISTRY_LOGIN,
  },
  {
    kind: 'invalid-request',
    // ECS checking the instance identity document the agent registers with (aws/amazon-ecs-agent#3604).
    pattern: /\bidentity document and identity document signature were not valid\b/i,
    awsSpecific: true,
    cause:
      "ECS did not accept the instance identity document the ECS agent sent to register the container instance: the ECS Anywhere install was run on an EC2 instance (whose agent then registers with the EC2 instance's own document and role), or the document is from another account or Region; register an EC2 instance as an EC2 container instance, not as an external one. Not a permission problem",
  },
  {
    kind: 'missing-resource',
    // Fluent Bit's cloudwatch_logs output (FireLens) told not to create its group (aws/eks-charts#1096).
    pattern: /\bLog Group \S+ not found and auto_create_group disabled\b/i,
    awsSpecific: true,
    cause:
      "Fluent Bit's cloudwatch_logs output (FireLens) found no such log group and may not create one (auto_create_group is off): create the group, or turn auto_create_group on, which needs logs:CreateLogGroup for the role Fluent Bit runs with (the task role under FireLens). Not a denial",
  },
  {
    kind: 'network',
    // Fluent Bit's AWS client, in aws-for-fluent-bit's debugging guide's "Common Network Errors".
    pattern: /\[aws_client\] connection initialization error\b/i,
    awsSpecific: true,
    cause:
      "Fluent Bit's AWS client could not open a connection to the service's endpoint: the task's network path (NAT, VPC endpoints, DNS), or a passing failure it retries. Not a permission problem",
  },
  {
    kind: 'throttling',
    // Part of a Firehose or Kinesis batch refused (aws-for-fluent-bit's debugging guide): a denial refuses all of it.
    pattern: /\b\d+ out of \d+ records failed to be delivered, will retry this batch\b/i,
    awsSpecific: true,
    cause:
      "part of a batch Fluent Bit put to Firehose or Kinesis was refused, most often over the stream's throughput: it retries; raise the shards or the quota. Not a permission problem (a denial refuses the whole batch, with AccessDenied)",
  },
  {
    kind: 'invalid-request',
    // The ECS agent building FireLens's configuration from the log options (amazon-ecs-firelens-examples#12).
    pattern: /\bunable to generate firelens config\b/i,
    awsSpecific: true,
    cause:
      "the ECS agent could not build the FireLens configuration from the container's logConfiguration options (one it requires, such as fluentbit's 'Name', is missing or misspelled): fix the options in the task definition. Not a permission problem",
  },
  {
    kind: 'credentials',
    // Systems Manager's hybrid activation, the first step of registering an ECS Anywhere instance (aws/amazon-ssm-agent#134).
    pattern: /\bActivationExpired\b/i,
    awsSpecific: true,
    cause:
      "Systems Manager's hybrid activation, with which an ECS Anywhere (or any on-premises) instance registers, has expired, or its code and ID do not match: create a new activation; if it has not expired, the agent may be reaching a proxy or a firewall instead of Systems Manager. Not a permission problem",
  },
  {
    kind: 'invalid-request',
    // BuildKit exporting its cache to ECR (docker/build-push-action#858).
    pattern: /\berror writing manifest blob\b[^\n]{0,300}?\b400 Bad Request\b/i,
    awsSpecific: true,
    cause:
      "the registry refused the manifest as invalid (400 Bad Request): ECR takes BuildKit's cache manifest only with image-manifest=true and oci-mediatypes=true on the cache export. Not a permission problem",
  },
  {
    kind: 'invalid-request',
    // CodePipeline's ECS deploy action and its input artifact (YumaInaura/YumaInaura#3424).
    pattern:
      /\bException while trying to read the (?:task definition|image definitions?|image) artifact file\b/i,
    awsSpecific: true,
    cause:
      "CodePipeline's deploy action could not read the file it was told to from its input artifact: the build did not put it there (list it under artifacts.files in the buildspec), or the action names another file. Not a permission problem",
  },
  {
    kind: 'missing-resource',
    // GitHub's render and deploy actions for ECS (aws-actions/amazon-ecs-render-task-definition#68).
    pattern: /\bTask definition file does not exist: /i,
    awsSpecific: true,
    cause:
      "the GitHub Action found no task definition file at the path it was given in the runner's workspace (a path relative to the repository, which must be checked out first). Not a permission problem",
  },
  {
    kind: 'credentials',
    // The JavaScript SDK refusing what the ECS credentials endpoint answered (aws/amazon-ecs-agent#531).
    pattern: /\bECSCredentialsProviderFailure\b/i,
    awsSpecific: true,
    cause:
      "the SDK could not use the ECS credentials endpoint's answer (an agent too old for the SDK sends no Token): update the ECS agent (or the SDK). Not a permission problem",
  },
  {
    kind: 'other',
    // ecs-init restarting the agent's container, which exits at once (aws/amazon-ecs-agent#1309, aws/containers-roadmap#670).
    // (ecs-init's own log format, "[INFO] Agent exited with code 1": another program's agent exits in other words.)
    pattern:
      /\[(?:INFO|WARN|ERROR)\] Agent exited with code [1-9]\d*\b|\bECS Agent failed to start, retrying\b/i,
    awsSpecific: true,
    cause:
      "ecs-init keeps restarting the ECS agent, which exits at once: the agent's own log (/var/log/ecs/ecs-agent.log) says why: most often the instance's role (missing, or a trust policy that does not name ec2.amazonaws.com), instance metadata it cannot reach (IMDSv2 required with a hop limit of 1 on an old agent), or the cluster it is told to join. No call of a task was refused",
  },
  {
    kind: 'credentials',
    // The agent's credentials endpoint asked for credentials it does not hold: its log's "ID not
    // found" (aws/amazon-ecs-agent#738), its audit log's 400s (#3485), efs-utils' failed lookups (#2810).
    pattern:
      /\bCredentialsV\d+Request: ID not found\b|\b400 \S+ "\/v2\/credentials\b|\bFailed to retrieve AWS security credentials using lookup method: ecs:/i,
    awsSpecific: true,
    cause:
      "the ECS agent's credentials endpoint was asked for credentials it does not hold: a task that has stopped (a client, or the EFS mount helper, still asking with its old ID), or a container asking before the agent had its task's credentials; retry, and check that the program reads AWS_CONTAINER_CREDENTIALS_RELATIVE_URI afresh. No policy refused anything",
  },
  {
    kind: 'network',
    // A TLS certificate the client would not trust: a proxy or firewall intercepting TLS (aws/amazon-ecs-agent#4530).
    // Python's words for the same, as the AWS CLI prints them: "[SSL: CERTIFICATE_VERIFY_FAILED]
    // certificate verify failed", and "SSL validation failed for <endpoint>" (the CLI guide's troubleshooting, ha-19, ha-20).
    pattern:
      /\bx509: certificate signed by unknown authority\b|\btls: failed to verify certificate\b|\bcertificate verify failed\b|\bSSL validation failed for\b/i,
    awsSpecific: true,
    cause:
      'the client would not trust the TLS certificate it was shown: a proxy or firewall between the host and AWS intercepting TLS (its certificate must be trusted by the host, or the endpoint reached without it), or a wrong endpoint. Not a permission problem',
  },
  {
    kind: 'network',
    // efs-utils' mount helper unable to resolve the file system's DNS name: "Failed to resolve
    // "fs-….efs.<region>.amazonaws.com" - check that your file system ID is correct" (no mount target
    // in the instance's Availability Zone yet, or the VPC's DNS; jjno91/terraform-aws-ecs-linux, gx-10).
    // (Its blanks optional: a trimmed wrap glues '" -' to 'check', ff-02 at 80.)
    pattern:
      /\bFailed\s*to\s*resolve\s*\W{0,3}fs-[0-9a-z]+\.efs\.\S+?\s*-\s*check\s*that\s*your\s*file\s*system\b/i,
    awsSpecific: true,
    cause:
      "the mount helper could not resolve the file system's DNS name: the file system has no mount target in the Availability Zone of the host or task (or it was created after the host started), or the VPC has DNS resolution or hostnames turned off. Not a permission problem",
  },
  {
    kind: 'invalid-request',
    // STS refusing a session longer than the role allows: "Requested DurationSeconds exceeds
    // MaxSessionDuration set for this role." (the IAM User Guide's SAML troubleshooting, ha-14).
    pattern: /\bDurationSeconds exceeds (?:the )?MaxSessionDuration\b/i,
    awsSpecific: true,
    cause:
      "the session asked for is longer than the role's maximum session duration: ask for a shorter one (DurationSeconds, the SDK's or the CLI's duration setting) or raise the role's MaxSessionDuration. No policy refused anything",
  },
  {
    kind: 'credentials',
    // STS refusing a SAML response whose issuer is not the provider's: "Issuer not present in
    // specified provider" (AuthSamlInvalidSamlResponseException; the IAM User Guide's SAML troubleshooting, ha-15).
    pattern: /\bIssuer not present in specified provider\b|\bAuthSamlInvalidSamlResponseException\b/i,
    awsSpecific: true,
    cause:
      "STS would not take the identity provider's SAML response (its issuer, signature or metadata do not match the IAM SAML provider): update the provider's metadata in IAM or the IdP's settings. No policy was evaluated",
  },
  {
    kind: 'other',
    // A Secrets Manager rotation function unable to log in to the database it rotates for: "setSecret:
    // Unable to log into database with previous, current, or pending secret of secret arn …" (the
    // Secrets Manager guide's rotation troubleshooting, ha-16, ha-17).
    pattern: /\bUnable to log into database\b/i,
    awsSpecific: true,
    cause:
      "the rotation function could not log in to the database with the secret's credentials: the stored password no longer matches, the database requires TLS the function does not use, or the function cannot reach the database (its VPC, subnets, security groups). Not an IAM denial",
  },
  {
    kind: 'other',
    // ECS's deployment stopped by a lifecycle hook (its Lambda answered FAILED, or could not be run):
    // "deployment failed: hook execution failure(s) detected." (aws/containers-roadmap#2664, gv-11).
    pattern: /\bhook\s+execution\s+failure\(s\)|\bdeployment failed: hook execution\b/i,
    awsSpecific: true,
    cause:
      "a lifecycle hook of the ECS deployment failed (the hook's Lambda function returned FAILED, timed out or could not be invoked): the function's own logs say why. Not a permission failure of the task's roles",
  },
  {
    kind: 'other',
    // The operating system refusing a file to the process, in a program's words: Python's "[Errno 13]
    // Permission denied: '/home/appuser'" (gb-05), Fluent Bit's tail input "read error, check
    // permissions: <path>" (gd-22). A file's mode, not IAM.
    pattern: /\[Errno 13\] Permission denied\b|\bread error, check permissions: \//i,
    awsSpecific: true,
    cause:
      "the operating system refused the process a file or directory (its owner and mode, or a volume mounted read-only or owned by root): run the container as a user that owns the path, or set the path's ownership in the image or the volume. Not an IAM denial",
  },
  {
    kind: 'other',
    // Docker's or containerd's check of a layer it downloaded: "filesystem layer verification failed
    // for digest sha256:…" (fv-03, gd-05). The bytes did not match the digest the manifest names.
    pattern: /\bfilesystem (?:layer )?verification failed\b/i,
    awsSpecific: true,
    cause:
      'a layer the registry served did not match the digest its manifest names: a download cut or altered on the way (a proxy, a full disk), or an image pushed twice under one tag mid-pull; pull again, and push the image again if it persists. Not a permission problem',
  },
  {
    kind: 'invalid-request',
    // KMS refusing a data key from an asymmetric key (InvalidKeyUsageException's words, the KMS guide, gd-09).
    pattern: /\bCannot generate a data key with an asymmetric KMS key\b/i,
    awsSpecific: true,
    cause:
      'KMS makes data keys only with a symmetric encryption key: give the service or the app a symmetric KMS key (an asymmetric key encrypts, decrypts or signs directly). No policy refused anything',
  },
  {
    kind: 'invalid-request',
    // S3 answering a request sent to another Region than the bucket's: "PermanentRedirect … The
    // bucket is in this region: us-east-2" (Systems Manager's GetObject, ge-06); CloudFormation's
    // "S3 error: Access Denied: bucket you are attempting to access must be addressed using the
    // specified endpoint." says it under the name of a refusal (aws-quickstart/quickstart-taskcat-ci#38).
    pattern: S3_WRONG_REGION,
    awsSpecific: true,
    cause:
      "S3 answered that the bucket is in another Region than the request was sent to: call it in the bucket's Region (the client's region setting, or the endpoint it names). Not a permission problem",
  },
  {
    kind: 'other',
    // A service behind a subscription the account has not: "SubscriptionRequiredException … AWS
    // Premium Support Subscription is required to use this service." (the Support API, gs-12).
    pattern: /\bSubscriptionRequiredException\b/i,
    awsSpecific: true,
    cause:
      'the service needs a subscription the account does not have (the Support API needs a Business, Enterprise On-Ramp or Enterprise support plan): subscribe, or do without the call. No policy refused it',
  },
  {
    kind: 'other',
    // AppSync's answer when its web ACL (AWS WAF) blocks a request: "errorType" : "WAFForbiddenException" (gs-17).
    pattern: /\bWAFForbiddenException\b/i,
    awsSpecific: true,
    cause:
      "AWS WAF's web ACL in front of the API blocked the request (a rule on its IP, headers, body or rate): see which rule matched in the web ACL's sampled requests or logs. No IAM policy refused it",
  },
  {
    kind: 'invalid-request',
    // Creating ECS's service-linked role where it already is (bcgov/startup-sample-project-aws-containers#13).
    pattern: /\bAWSServiceRoleFor\w+ has been taken in this account\b/i,
    awsSpecific: true,
    cause:
      'the service-linked role already exists in the account (an account has one, made by the service or an earlier stack): use it instead of creating it again (drop the aws_iam_service_linked_role resource or import it). Not a permission problem',
  },
  {
    kind: 'invalid-request',
    // CodePipeline's ECS deploy action reading the build's image definitions file (aws/aws-cdk#8894).
    pattern: /\bimage definition file\b[^\n]{0,80}?\binvalid JSON\b/i,
    awsSpecific: true,
    cause:
      'CodePipeline\'s ECS deploy action could not read the image definitions file the build produced (imagedefinitions.json: a JSON list of {"name", "imageUri"}, the name the action\'s configuration gives): fix what the build writes. Not a permission problem',
  },
  {
    kind: 'invalid-request',
    // Docker (or containerd) refusing an image reference it cannot parse, before asking any registry.
    pattern: /\binvalid reference format\b/i,
    awsSpecific: true,
    cause:
      'the image reference is not one Docker can parse (a scheme such as docker:// in front, upper-case letters, a space, an empty tag): fix the image URI in the task or job definition; no registry was asked, so no permission either',
  },
  {
    kind: 'other',
    // The file system refusing a change of owner or mode inside the container: an EFS access
    // point enforcing its own POSIX user, a FUSE mount (Mountpoint for S3) that has no owners.
    pattern:
      /\b(?:chown|chmod|chgrp): changing (?:ownership|permissions|group) of\b[^\n]{0,400}?\bOperation not permitted\b/i,
    awsSpecific: true,
    cause:
      "the container's file system refused a change of owner or mode (POSIX, not IAM): an EFS access point enforces the user and group it names, a FUSE file system such as Mountpoint for Amazon S3 has no owners to change; run the container as the access point's user, or drop the chown. No policy refused anything",
  },
  {
    kind: 'credentials',
    // An SDK in the container failing to connect to ECS's credentials endpoint for the task role (the
    // Java SDK's 'IOException … connecting to service endpoint: http://169.254.170.2/v2/credentials/…');
    // an answer from it (a 404 for a task with no role) is the credentials rule's below.
    pattern:
      /\b(?:IOException|timed? ?out|refused|unreachable|no route to host|(?:unable|failed) to connect)\b[^\n]{0,200}?\b169\.254\.170\.2\b|\b169\.254\.170\.2\b[^\n]{0,200}?\b(?:timed? ?out|refused|unreachable|no route to host)\b/i,
    awsSpecific: true,
    cause:
      "the SDK in the container could not reach ECS's credentials endpoint (169.254.170.2, named by AWS_CONTAINER_CREDENTIALS_RELATIVE_URI): the task has no task role, the process lost the container's environment (cron, su, a supervisor), the address is blocked (a proxy or iptables; on EC2, ECS_ENABLE_TASK_IAM_ROLE off or a network mode without it), or the SDK is too old; no policy was checked",
  },
  {
    kind: 'credentials',
    // The ECS agent's registration with no credentials at all: the instance's own, from its profile.
    pattern: /\bError registering\b[^\n]{0,80}?\bNoCredentialProviders\b/i,
    awsSpecific: true,
    cause:
      'the ECS agent on the container instance found no credentials to register with: the instance has no instance profile, its role does not trust ec2.amazonaws.com, or the instance metadata service is out of its reach (the hop limit, a proxy); no policy refused anything yet',
  },
  {
    kind: 'other',
    // KMS refusing a key for its state, not for who asks: 'DisabledException … key/… is disabled'.
    pattern:
      /\b(?:DisabledException|KMSInvalidStateException)\b|\bkey\/[\w-]+ is (?:disabled|pending deletion)\b/i,
    awsSpecific: true,
    cause:
      'KMS refused the key for its state, not the caller: the key is disabled, pending deletion or not yet imported; enable it (or cancel its deletion) or point the resource at another key. No policy refused anything',
  },
  {
    kind: 'missing-resource',
    // ECS answering for a service or revision that was deleted or deregistered.
    pattern: /\bCannot update inactive service\b|\bTaskDefinition is inactive\b/i,
    awsSpecific: true,
    cause:
      'the ECS service or task definition revision is INACTIVE (deleted, or deregistered): create the service again, or deploy an ACTIVE revision; not a permission problem',
  },
  {
    kind: 'network',
    // ECS's pull cancelled before it finished: the registry or its S3 layers never answered in time.
    pattern: /\bCannotPullContainerError:[^\n]{0,200}?\bcontext canceled\b/i,
    awsSpecific: true,
    cause:
      "the image pull was cancelled before it finished: most often the task's network has no path to the registry (for ECR: the ecr.api, ecr.dkr and S3 endpoints, or a NAT or public IP) and the pull ran out of time, else the task was stopped while it pulled; not a permission problem",
  },
  {
    kind: 'other',
    // Docker's notice before it pulls an image the host lacks: its 'Unable' is no failure.
    pattern: /\bUnable to find image '[^'\s]+' locally\b/i,
    awsSpecific: true,
    cause:
      "Docker's notice that the host had no copy of the image, so it pulls one: no failure itself; the lines after it say how the pull went",
  },
  {
    kind: 'missing-resource',
    // Docker's answer for an image that was built for other platforms only.
    pattern: /\bno matching manifest for [\w/.-]+ in the manifest list entries\b/i,
    awsSpecific: true,
    cause:
      "the image has no build for this platform (operating system and CPU architecture): build and push one for it (docker buildx --platform), or set the task's runtimePlatform to one the image has; not a permission problem",
  },
  {
    kind: 'other',
    // containerd (or Docker) unpacking a layer it had downloaded: the registry already served it.
    pattern: /\bfailed to (?:extract|register|apply) layer\b/i,
    awsSpecific: true,
    cause:
      "the image was downloaded, but the container runtime could not unpack a layer: the instance's or the task's ephemeral storage ran out, the layer is corrupt or of a media type the runtime does not take, or the pull was cancelled as the task stopped ('context canceled'); retry, check the storage and the image. No registry or policy refused it",
  },
  {
    kind: 'network',
    // The ECS guide's CannotPullContainer page: the pull crashing this way means it could not reach S3.
    // (Its 'runtime' may end the message when a wrap parts 'error: …' from it, ek-05 at 40.)
    pattern: /\bpull command failed: panic: runtime(?:\s+error\b|\s*$)/i,
    awsSpecific: true,
    cause:
      "the image pull could not reach Amazon S3, where ECR keeps the layers (the ECS guide ties this panic to it): allow HTTPS to S3 in the task's security group and, with a gateway endpoint, route the subnets' table to it. Not a permission problem",
  },
  {
    kind: 'credentials',
    // AWS's authentication and signing refusals in their own words, which pages quote without
    // the error code before them (AuthFailure, MissingAuthenticationToken, SignatureDoesNotMatch,
    // a credential scope for another date, Region or service): no identity was established, so no
    // policy was read.
    pattern:
      /\bAuthFailure\b|not able to validate the provided access\b|\bmust be a 'SignedHeader'|Missing Authentication Token|request signature we calculated does not match|Credential should be scoped (?:to|with)\b|Date in Credential scope does not match/i,
    awsSpecific: true,
    cause:
      'AWS could not authenticate the request, so no policy was evaluated: the access key is unknown, deactivated or for another account, the request was not signed at all, or it was signed with the wrong secret key or for another date, Region or service (a proxy changing the request, a client set to the wrong Region); fix the credentials or the signing, not a policy',
  },
  {
    kind: 'credentials',
    // STS refusing a web identity token itself (InvalidIdentityToken, IDPRejectedClaim,
    // IDPCommunicationError), before any role's trust policy is read.
    pattern:
      /\b(?:InvalidIdentityToken|IDPRejectedClaim|IDPCommunicationError)(?:Exception)?\b|No OpenIDConnect provider found in your account|Couldn't retrieve verification key from your identity provider/i,
    awsSpecific: true,
    cause:
      "STS refused the web identity token itself, before reading any role's trust policy: IAM has no OIDC identity provider for the token's issuer (or the call names another account's), the provider's audience or thumbprint does not match the token, or STS could not fetch the issuer's keys (its .well-known/openid-configuration and jwks_uri must be reachable from the internet); fix the identity provider, then check the role's trust policy",
  },
  {
    kind: 'invalid-request',
    // CloudFormation's answer for a template that creates IAM resources or uses macros without
    // the caller acknowledging it: "Requires capabilities : [CAPABILITY_IAM]".
    pattern: /\bRequires capabilities\s*:\s*\[|\bInsufficientCapabilities(?:Exception)?\b/i,
    awsSpecific: true,
    cause:
      'CloudFormation wants the caller to acknowledge what the template creates: pass --capabilities CAPABILITY_IAM (CAPABILITY_NAMED_IAM for IAM resources with custom names, CAPABILITY_AUTO_EXPAND for macros and nested applications) on the same call that creates or updates the stack or change set; not a permission problem',
  },
  {
    kind: 'missing-resource',
    // The CDK reading its bootstrap stack's version parameter before it deploys.
    pattern:
      /\bHas the environment been bootstrapped\b|\/cdk-bootstrap\/[\w-]+\/version\b[^\n]{0,40}?\bnot found\b/i,
    awsSpecific: true,
    cause:
      "the CDK found no bootstrap stack in this account and Region (or one bootstrapped with another qualifier than the app's): run `cdk bootstrap aws://ACCOUNT/REGION` with the app's qualifier; not a permission problem",
  },
  {
    kind: 'credentials',
    pattern: /InvalidSignatureException|Signature expired:|Signature not yet current/i,
    awsSpecific: true,
    cause:
      "AWS refused the request's signature: the host's clock is off by more than five minutes (sync it with chrony and the Amazon Time Sync Service) or the signing keys are wrong; not a permission problem",
  },
  {
    kind: 'missing-resource',
    pattern:
      /Unable to describe task definition|TaskDefinition not found|ClusterNotFoundException|ServiceNotFoundException|ServiceNotActiveException|Cluster not found|Service not found/i,
    awsSpecific: true,
    cause:
      'ECS found no task definition, cluster or service by that name (a typo, another region or account, or not registered yet); not a permission problem',
  },
  {
    kind: 'missing-resource',
    // DescribeServices' failure reason for a service the cluster does not hold, as the
    // amazon-ecs-deploy-task-definition action prints it: "Error: arn:aws:ecs:…:service/<name> is MISSING".
    pattern: /\barn:aws[\w-]*:ecs:\S*:(?:service|cluster)\/[^\n]{1,200}?\bis MISSING\b/i,
    awsSpecific: true,
    cause:
      'ECS answered MISSING: the cluster asked holds no service by that name (the wrong cluster, a cluster given as an ARN where a name was expected, another Region, or a service not created yet); not a permission problem',
  },
  {
    kind: 'network',
    // The ECS agent's pull, or its check of the awslogs options, killed when it ran out of time
    // (the Knowledge Center's first reason for it, ej-40; a VPC without NAT for CloudWatch Logs, ej-28).
    pattern: /\b(?:pull command failed|failed to validate logger args):\s*:?\s*signal:\s*killed\b/i,
    awsSpecific: true,
    cause:
      "the ECS agent's call was killed when it ran out of time: the task's network has no path to ECR, Secrets Manager or CloudWatch Logs (add their VPC endpoints, or a NAT gateway or public IP, and allow HTTPS out); not a permission problem",
  },
  {
    kind: 'network',
    // The ECS agent's control channel to ECS (ACS): a TLS-intercepting proxy, the path, or ECS's side.
    // (A hard wrap may cut the name itself: 'connecting to A' + 'CS'.)
    pattern: /\bconnecting to\s*A\s?CS\b|\bError getting message from\s*acs\b/i,
    awsSpecific: true,
    cause:
      "the ECS agent on the container instance could not keep its connection to ECS (ACS): the network path, a proxy that intercepts TLS (x509), or ECS's own side (a server error); the agent retries. Not a permission problem",
  },
  {
    kind: 'invalid-request',
    pattern: /\bOne or more of the requested capabilities are not supported\b/i,
    awsSpecific: true,
    cause:
      'ECS cannot give the task what its definition requires where it was asked to run (a launch type, platform version, network mode or feature that cluster or Fargate does not offer): check requiresCompatibilities and the features the definition uses; not a permission problem',
  },
  {
    kind: 'invalid-request',
    pattern: /\bNetwork Configuration is not valid for the given\b/i,
    awsSpecific: true,
    cause:
      "the request's network configuration does not suit the task definition's network mode (awsvpc takes one; bridge and host take none): send it only for awsvpc; not a permission problem",
  },
  {
    kind: 'other',
    // An image whose index holds a build attestation (docker buildx adds provenance by default).
    pattern: /\bunsupported media type application\/vnd\.in-toto\+json\b/i,
    awsSpecific: true,
    cause:
      "the image's index holds a build attestation (in-toto provenance, which docker buildx adds by default) that this pull cannot handle: build with --provenance=false, or push a plain image; not a permission problem",
  },
  {
    kind: 'network',
    pattern: /\bCould not reach any registry endpoint\b/i,
    awsSpecific: true,
    cause:
      'the registry did not answer at all: an outage on its side, or no network path from the task to it; not a permission problem',
  },
  {
    kind: 'other',
    // A deploy giving up on a service or a stack whose tasks never became stable: a waiter's
    // servicesStable; CloudFormation's resource and stack timeouts (aws/aws-app-mesh-examples#419,
    // docker-archive/ecs-plugin#217: ho-21, hq-21) and its 'Service … did not stabilize.'
    // (remind101/empire#522, ho-05); the ECS CLI's 'Running count has not changed'
    // (aws/amazon-ecs-cli#401, ho-18); ecs-deploy rolling the service back to the revision before
    // (sil-org/ecs-deploy#102, hg-12) and ecs_deployer finding no running task (naomichi-y/ecs_deployer#4, hf-11).
    pattern:
      /\bResource is not in the state servicesStable\b|\bResource timed out waiting for completion\b|\bStack creation time exceeded the specified timeout\b|\barn:aws[\w-]*:ecs:[^\s:]*:[^\s:]*:service\/\S+?\s*did\s*not\s*stabili[sz]e\b|\bDeployment has not completed: Running count has not changed\b|Rolling back to arn:aws[\w-]*:ecs:[^\s:]*:[^\s:]*:task-definition\/|\bEcsDeployer::TaskRunningError\b/i,
    awsSpecific: true,
    cause:
      "the deploy tool gave up waiting: the service's tasks never became stable (they kept stopping, or failing health checks), and a tool that rolls back returned the service to the revision before; a wait whose own describe call is refused (ecs:DescribeServices) times out the same way. The service's events and the stopped tasks' reasons (describe-tasks stoppedReason) name the cause, which may be a denial",
  },
  {
    kind: 'placement',
    // The ECS guide's service event for the account's quota of concurrent Fargate tasks or vCPUs (gd-04, fx-01).
    pattern: /\breached the limit on the number of (?:tasks|vCPUs) you can run concurrently\b/i,
    awsSpecific: true,
    cause:
      'the account reached its quota of concurrent Fargate tasks or vCPUs in the Region (new accounts start lower): request an increase in Service Quotas, or run fewer tasks; not a permission problem',
  },
  {
    kind: 'missing-resource',
    // Docker before 1.9 for a pull that failed (the ECR guide's 'Troubleshooting errors with Docker commands', gd-06).
    pattern: /(?:^|\s)404: Image not found\b/i,
    awsSpecific: true,
    cause:
      'the image or its layers could not be found or downloaded (an old Docker client, a full disk, or the network to the layer store); not a permission problem',
  },
  {
    kind: 'invalid-request',
    // S3's PermanentRedirect, CodeBuild's source download quoting it (its troubleshooting guide, ge-16).
    pattern: /\bThe bucket you are attempting to access must be addressed using the specified endpoint\b/i,
    awsSpecific: true,
    cause:
      "the bucket is in another Region than the request was sent to: call the bucket's own Region (the build project's, the client's region setting); not a permission problem",
  },
  {
    kind: 'invalid-request',
    // Service Connect naming a port the task definition does not name (a bootcamp journal, ge-20).
    pattern: /\bportName\([^)\n]{0,100}\) does not refer to any named PortMapping\b/i,
    awsSpecific: true,
    cause:
      'Service Connect\'s portName must be the name of a port mapping in the task definition: add that "name" to the container\'s portMappings, or use the name it has; not a permission problem',
  },
  {
    kind: 'other',
    // AWS's ECS Exec Checker: the task runs without ECS Exec enabled (its README, gd-20).
    pattern: /\bExec Enabled for Task\s*\|\s*NO\b/i,
    awsSpecific: true,
    cause:
      'the task was started without ECS Exec (enableExecuteCommand on the service or the run-task call, then new tasks): nothing is refused, there is no channel to open; not a permission problem',
  },
  {
    kind: 'network',
    // AWS's ECS Exec Checker: the VPC has interface endpoints but none for ssmmessages (its README, gd-21).
    pattern: /\bSSM PrivateLink\s+"?com\.amazonaws\.[^"\s]{1,40}\.ssmmessages"?\s+not found\b/i,
    awsSpecific: true,
    cause:
      "the task's subnets reach AWS through interface endpoints but have none for ssmmessages, and ECS Exec's channel has no other way out: add that endpoint (or a route to the internet); not a permission problem",
  },
  {
    kind: 'missing-resource',
    // CloudFormation resolving a nested stack's output its template does not declare (aws-samples/ecs-refarch-cloudformation, fy-13).
    pattern: /\bOutput '[^'\n]{1,200}' not found in stack\b/i,
    awsSpecific: true,
    cause:
      'a template asks a stack for an output that stack does not declare (a misspelt name, an output not exported, or the other stack not updated yet): fix the name or add the output; not a permission problem',
  },
  {
    kind: 'other',
    // CodeDeploy's blue/green deployment to ECS, as its troubleshooting page quotes it (fx-08).
    pattern: /\bThe deployment timed out while waiting for the replacement task set to become healthy\b/i,
    awsSpecific: true,
    cause:
      "CodeDeploy gave up on the replacement task set: its tasks kept stopping or failing the target group's health checks (an image that cannot be pulled, a bad task definition, a wrong health check); the service's events and the stopped tasks' reasons name the cause, which may be a denial",
  },
  {
    kind: 'placement',
    pattern: /\bINSUFFICIENT_INSTANCE_CAPACITY\b/i,
    awsSpecific: true,
    cause:
      'EC2 had no capacity for the instance types asked for in that Availability Zone: allow more instance types or zones, or retry later; not a permission problem',
  },
  {
    kind: 'other',
    pattern: /\bCgroupError: Agent could not create task's platform resources\b/i,
    awsSpecific: true,
    cause:
      "the ECS agent on the container instance could not create the task's cgroup (the host's own trouble): retry the task, or drain and replace the instance; not a permission problem",
  },
  {
    kind: 'other',
    // ECS Exec's agent missing from a container instance, its session's handshake, and the SSM
    // agent's channels to Session Manager failing for a cause it names after them.
    pattern:
      /\bssm-cli(?:\.exe)?\s*not found\b|\bmanaged-agents\\+execute-command\\+[^\n]{0,200}?not found\b|\bHandshake timed out\b[^\n]{0,160}?\bsession manager plugin\b|\bEncountered error while initiating handshake\b|\bCreate(?:Control|Data)Channel\b[^\n]{0,300}?\bfailed\b/i,
    awsSpecific: true,
    cause:
      "ECS Exec's (or Session Manager's) session could not be set up: the agent's binary missing from the container instance, a session-manager-plugin too old for the credentials the client uses, or the SSM agent's channel refused for the reason its message gives (throttling, expired credentials); run amazon-ecs-exec-checker. An IAM refusal of ssmmessages would say AccessDenied",
  },
  {
    kind: 'other',
    pattern: /\bEnvoy readiness check failed\b/i,
    awsSpecific: true,
    cause:
      "Service Connect's agent found its Envoy proxy not ready in time (its admin endpoint did not answer): a sidecar start-up problem; update the platform and see the agent's log. Not a permission problem",
  },
  {
    kind: 'other',
    // Fluent Bit (the FireLens log router) refusing its own configuration, or its init process unable to write it.
    pattern:
      /\[FluentBit Init Process\]|\[error\]\s*\[config\]|\bcould not open parser configuration file\b/i,
    awsSpecific: true,
    cause:
      "Fluent Bit (the FireLens log router) refused its own configuration or could not write it: a section or property this image's version does not know, a config file it cannot open, or a read-only root file system under its init process; fix the configuration or the image's version. Not a permission problem",
  },
  {
    kind: 'other',
    pattern: /\bEmail address is not verified\b/i,
    awsSpecific: true,
    cause:
      'SES refused the sender: the address or its domain is not a verified identity in this Region (and an account in the SES sandbox can send only to verified addresses too); verify it, or ask for production access. Not a permission problem',
  },
  {
    kind: 'other',
    // A file inside the container refusing the program (its user), not an AWS call.
    pattern: /\bopen \/[^:\n]{1,200}: permission denied\b/i,
    awsSpecific: true,
    cause:
      "a file inside the container refused the program (POSIX permissions: the image runs as a user that cannot read or write that path); change the path's owner or mode in the image, or the user. Not an IAM permission",
  },
  {
    kind: 'credentials',
    // The Java SDK failing to reach the EC2 instance metadata service, as from a task it often cannot.
    pattern: /\bEC2MetadataUtils\b[^\n]{0,200}?\b(?:Unable to retrieve|Failed to connect)\b/i,
    awsSpecific: true,
    cause:
      "the SDK could not reach the EC2 instance metadata service (169.254.169.254): from a task it is often blocked (awsvpc, Fargate, a hop limit of 1), and the task role's credentials come from ECS's endpoint instead; no request reached IAM",
  },
  {
    kind: 'credentials',
    pattern: /\bURIBasedRefreshingCredentialHelper\b/i,
    awsSpecific: true,
    cause:
      "the .NET SDK could not read the task role's credentials from ECS's endpoint (its reply did not deserialise: an SDK or serializer version problem); update the SDK. No request reached IAM",
  },
  {
    kind: 'credentials',
    // A registry answering 401 to a program that pulled with no login of its own (not the Docker daemon's).
    pattern: /\b(?:unexpected|unsupported) status code\b[^\n]{0,60}?\b401\b/i,
    awsSpecific: true,
    cause:
      "the registry got no valid login (401): the program that pulled had no registry credentials of its own (docker login's are the user's and the host's), or its token expired; for ECR, give it a token from ecr:GetAuthorizationToken. No policy refused anything yet",
  },
  {
    kind: 'invalid-request',
    // The secret was fetched; its value is not the JSON the task definition's key reads (x-16).
    pattern:
      /\bunable to retrieve secret from asm\b[^\n]{0,300}?\binvalid character\b[^\n]{0,60}?\blooking for\b/i,
    awsSpecific: true,
    cause:
      'Secrets Manager gave the secret, but its value is not valid JSON, so the JSON key the task definition names could not be read (stray quotes from a shell are common): store valid JSON, or drop the key from valueFrom; not a permission problem',
  },
  {
    kind: 'other',
    // The ECS agent on a Windows container instance losing Docker's named pipe: Windows' privileges.
    pattern: /\bthe docker client must be run with elevated privileges\b/i,
    awsSpecific: true,
    cause:
      "the ECS agent lost its connection to Docker on the Windows container instance (the daemon stopped, or its pipe is gone): restart the Docker and ECS services, or replace the instance; Windows' privileges, not IAM's",
  },
  {
    kind: 'other',
    // runc resolving a container user given by name in an image with no /etc/passwd (ea-19).
    pattern: /\/etc\/passwd: no such file or directory\b/i,
    awsSpecific: true,
    cause:
      'the container\'s user is given by name, and the image has no /etc/passwd to resolve it: give a numeric UID (user: "1000"), or add the user to the image; not a permission problem',
  },
  {
    kind: 'invalid-request',
    pattern: /\bSerializationException\b/i,
    awsSpecific: true,
    cause:
      'the service could not read the request it got (a malformed body: an SDK bug, or a value it cannot encode); update the SDK or fix the value. Not a permission problem',
  },
  {
    kind: 'other',
    // Docker's ECS integration checking the account's ECS settings (docker/compose-cli's `docker ecs setup`, ft-19).
    pattern: /\brequires the "new ARN resource ID format"/i,
    awsSpecific: true,
    cause:
      "the account's ECS setting for the long ARN and resource ID format is off for this principal: opt in (aws ecs put-account-setting-default --name serviceLongArnFormat --value enabled, and the same for taskLongArnFormat and containerInstanceLongArnFormat); not a permission problem",
  },
  {
    kind: 'other',
    // AWS's own failure, a 5xx: "Internal server error (Service: AWSBatch; Status Code: 500; Error
    // Code: AuthorizerConfigurationException …)" (nextflow-io/nextflow#5516), InternalFailure.
    pattern:
      /\bInternal server error\b[^\n]{0,80}?\bStatus Code: 5\d\d\b|\bServerException\b|\bService Unavailable\. Please try again later\b|\bStatus Code: 5\d\d; Error Code: \w+|\bInternal(?:Failure|ServerError|Error)Exception\b|\bInternalFailure\b/i,
    awsSpecific: true,
    cause:
      "AWS's service failed on its side (an HTTP 5xx), whatever its error's name says: retry, and look at the service's health; not a permission problem",
  },
  {
    kind: 'invalid-request',
    // KMS refusing a ciphertext it cannot decrypt (a wrong key, region or encryption context), and
    // IAM refusing to attach a service role's policy to a role of one's own (PolicyNotAttachable).
    pattern: /\bInvalidCiphertextException\b|\bPolicyNotAttachable\b/i,
    awsSpecific: true,
    cause:
      "the service refused the request's content, not its caller: KMS cannot decrypt that ciphertext with that key and encryption context (a data key made for another key or Region), or IAM does not attach an AWS service role's policy to a customer role; not a permission problem",
  },
  {
    kind: 'other',
    // The ECS agent unable to build a container's Docker host configuration ("HostConfigError:
    // Unable to resolve volume mounts; invalid path: …", aws/amazon-ecs-agent#321).
    pattern: /\bHostConfigError\b/i,
    awsSpecific: true,
    cause:
      "the ECS agent could not build the container's Docker host configuration: a volume's name or host path is invalid (a blank in it, a mount point naming no volume), or the instance's Docker storage is full; fix the task definition's volumes and mount points. Not a permission problem",
  },
  {
    kind: 'network',
    // Envoy's configuration stream to App Mesh closed with another gRPC status than 7 (PERMISSION_DENIED).
    pattern: /\bgRPC config stream\b[^\n]{0,160}?\bclosed: (?!7\b)\d+/i,
    awsSpecific: true,
    cause:
      "Envoy lost its configuration stream to App Mesh's management endpoint for a reason other than a refusal (gRPC's 7): the task cannot reach it on port 443 (egress, a VPC endpoint, or the proxy configuration redirecting that traffic: add 443 to EgressIgnoredPorts); not a permission problem",
  },
  {
    kind: 'other',
    // ECS refusing to delete a cluster that still holds tasks, services or container instances.
    pattern:
      /\bClusterContains[A-Za-z]+Exception\b|\bCluster cannot be deleted while (?:Tasks|Services|Container Instances) are active\b/i,
    awsSpecific: true,
    cause:
      'ECS does not delete a cluster while it still holds tasks, services or container instances: stop the tasks (a PENDING one counts), delete the services and deregister the instances first; not a permission problem',
  },
  {
    kind: 'invalid-request',
    // ECS's front end unable to read the request's JSON into RegisterTaskDefinitionRequest (or
    // another): a field of the wrong type, such as a list where an object was expected.
    pattern: /\bUnrecognized collection type class com\.amazonaws\.\S+Request\b/i,
    awsSpecific: true,
    cause:
      'ECS could not read the request: a field has the wrong type (a list where an object belongs, or the reverse), usually in a rendered task definition; fix the JSON. Not a permission problem',
  },
  {
    kind: 'invalid-request',
    // S3 refusing an ACL on a bucket whose Object Ownership is "bucket owner enforced" (the
    // default for new buckets since April 2023).
    pattern: /\bAccessControlListNotSupported\b|\bThe bucket does not allow ACLs\b/i,
    awsSpecific: true,
    cause:
      "the bucket has ACLs disabled (Object Ownership 'bucket owner enforced', the default for buckets made since April 2023) and the request set one: drop the ACL (acl, --acl, ObjectCannedACL) or change the bucket's Object Ownership; not a permission problem",
  },
  {
    kind: 'throttling',
    // A service quota reached, as Lambda's runtime error and the SDKs name it.
    pattern: /\bLimitExceededException\b|\bResource limit exceeded\b/i,
    awsSpecific: true,
    cause:
      'a service quota was reached (concurrent executions, tasks, resources of a kind): wait for capacity or ask for a higher quota in Service Quotas; not a permission problem',
  },
  {
    kind: 'invalid-request',
    pattern: /Role is not valid|Invalid role ARN|is not a valid role|Invalid Role/i,
    awsSpecific: true,
    cause:
      'ECS rejected the role ARN given for the task or service: it is malformed, names a role that does not exist, or is not a role ARN; not a permission problem',
  },
  {
    kind: 'other',
    // The kernel's OOM killer, as ECS reports it (a container's reason) and as runc does at start.
    pattern:
      /OutOfMemoryError: Container killed|killed due to memory usage|\bOOM[- ]?kill(?:ed)?\b|memory limit too low/i,
    awsSpecific: true,
    cause:
      "the container ran out of memory and the kernel killed it (exit code 137): raise the container's or the task's memory, or make the app use less; not a permission problem",
  },
  {
    kind: 'other',
    // An image built for another CPU or OS: containerd's and Docker's words at the pull, the kernel's at exec.
    pattern:
      /descriptor (?:matching|for) platform|no match(?:ing manifest)? for (?:current )?platform|image's platform \([^)]*\) does not match|exec format error/i,
    awsSpecific: true,
    cause:
      "the image was built for another CPU architecture or OS than the task runs on (an arm64 image on X86_64, or the reverse): build it for the task's platform (docker buildx --platform linux/amd64) or set the task definition's runtimePlatform to match; not a permission problem",
  },
  {
    kind: 'other',
    // ECS stopping a task its target group (or its container's own check) found unhealthy, and
    // the service event saying so, its target group in brackets or not ("is unhealthy in target-group
    // <name> due to (reason Health checks failed with these codes: [404])", nathanpeck/nodejs-aws-workshop#5,
    // hg-03); an app's own "health check failed" is not ECS's.
    pattern:
      /failed (?:ELB|container) health checks|is unhealthy in \(?(?:target-group|elb)\b|\(reason Health checks? failed(?:\)| with these codes\b)|failed at least the UnhealthyThreshold/i,
    awsSpecific: true,
    cause:
      "the task failed its health check: the app did not answer the target group's check (or the container's healthCheck command) in time (a wrong port or path, a grace period too short, a security group); not a permission problem",
  },
  {
    kind: 'other',
    // runc refusing to exec the image's entrypoint or command: a file's mode, not an IAM permission.
    // The path takes no backslash and the escapes around it are bounded: two open runs of
    // backslashes either side of one that takes them too were tried at every split (cubic).
    pattern: /\bexec:?\s*\\{0,3}"?[^\s"\\]*\\{0,3}"?:\s*permission denied/i,
    awsSpecific: true,
    cause:
      "the container's entrypoint or command is not executable inside the image (make it executable in the Dockerfile, chmod +x): a file permission, not an IAM permission",
  },
  {
    kind: 'other',
    // runc or Docker finding no file for the command or the exec: a shell a scratch image lacks,
    // or a command given as one string ("node index.js") looked up as a single program's name.
    pattern:
      /executable file not found in \$PATH|\b(?:stat|fork\/exec) \/[^\s:]{1,200}: no such file or directory/i,
    awsSpecific: true,
    cause:
      "the container's command, entrypoint or exec names a program that is not in the image: a shell the image lacks (exec /bin/sh, or none in a scratch image), or a command written as one string instead of a list of words; not a permission problem",
  },
  {
    kind: 'other',
    // After the rules that read runc's cause: runc failing to start the container, its cause cut or its own.
    pattern:
      /\bOCI runtime (?:create|start|exec) failed\b|\brunc (?:create|start) failed\b|\bstarting container process caused\b/i,
    awsSpecific: true,
    cause:
      "the container runtime (runc) could not start the container's process: most often the entrypoint or command is missing from the image or hidden by a volume mounted over its path, else the runtime failed setting the container up (devices, mounts); read the cause after 'caused:' or 'error during container init:'. Not a permission problem",
  },
  {
    kind: 'other',
    // Docker's daemon failing on the container instance, in its API's words: 'API error (500): Untar'.
    pattern: /\bAPI error \(500\)/i,
    awsSpecific: true,
    cause:
      "Docker's daemon on the container instance failed creating or starting the container (unpacking the image, its storage driver, the host's disk): retry, or drain and replace the instance; not a permission problem",
  },
  {
    kind: 'other',
    // The ECS volume plugin that mounts a task's EFS (or EBS) volume on EC2 container instances.
    // Its socket is named in a URL-encoded path ("%2Famazon-ecs-volume-plugin.sock"): no word boundary before it.
    pattern:
      /amazon-ecs-volume-plugin\b[^\n]{0,300}?\b(?:not found|context deadline exceeded|timed? ?out)\b/i,
    awsSpecific: true,
    cause:
      "Docker could not use the ECS volume plugin to mount the task's volume on the container instance: the plugin is not installed or not running (systemctl enable --now amazon-ecs-volume-plugin), or it timed out reaching the file system (its mount target's security group must allow NFS, port 2049, from the instance); not a permission problem",
  },
  {
    kind: 'other',
    // CloudFormation relaying ECS's rollback of a deployment whose tasks kept failing, and the
    // service's rollout reason itself ("ECS deployment circuit breaker: tasks failed to start.",
    // aws/containers-roadmap#1488, hg-11; 'task failed to start.' in EventBridge's example, hh-02).
    // No boundary before it: a trimmed wrap may glue it to "ECS" ("ECSDeployment Circuit Breaker").
    pattern:
      /Deployment Circuit Breaker was triggered\b|deployment circuit breaker: tasks? failed to start\b/i,
    awsSpecific: true,
    cause:
      "ECS rolled the deployment back because its new tasks kept failing to start or to pass health checks: the stopped tasks' reasons (describe-tasks stoppedReason) name the cause, which may be a denial, a missing image or an app that exits",
  },
  {
    kind: 'other',
    // The container runtime giving up on a container that did not start or stop in time (Docker's prefix, then containerd's).
    pattern: /\b(?:ContainerRuntime|Docker)TimeoutError\b|Could not transition to (?:running|start|stop)/i,
    awsSpecific: true,
    cause:
      'the container runtime gave up waiting: the container did not reach RUNNING (or STOPPED) in time: a slow start, often a log driver, volume or image layer waiting on an endpoint the task cannot reach (a VPC endpoint for CloudWatch Logs, ECR or S3); the reason after the colon says what it waited on. Not a permission problem',
  },
  {
    kind: 'other',
    // Docker's storage full on the container instance, as the kernel and devicemapper say it.
    pattern: /no space left on device|\bdevmapper\b|Thin Pool has \d+ free data blocks/i,
    awsSpecific: true,
    cause:
      "the container instance's disk (Docker's storage) is full: free space (remove unused images, shorten the agent's ECS_ENGINE_TASK_CLEANUP_WAIT_DURATION, or enlarge the volume); not a permission problem",
  },
  {
    kind: 'invalid-request',
    // The SDK inside the agent or the app had no region or endpoint to call (awslogs-region unset or not a region).
    pattern:
      /\bMissing(?:Endpoint|Region)\b|'Endpoint' configuration is required|could not find region configuration/i,
    awsSpecific: true,
    cause:
      'the client had no valid region or endpoint to call (for the awslogs driver, the awslogs-region option is missing or not a region name): fix the configuration; not a permission problem',
  },
  {
    kind: 'invalid-request',
    // ECS refusing a capacity provider's settings (the console says "error creating the capacity provider").
    pattern:
      /\bcapacity provider\b[^.]{0,120}\bis (?:invalid|not valid)\b|\berror (?:creating|updating) the capacity provider\b/i,
    awsSpecific: true,
    cause:
      "ECS refused the capacity provider's settings: managed termination protection needs the Auto Scaling group's scale-in protection on (and managed scaling), and the group must not be another provider's; fix the group or the setting. Not a permission problem",
  },
  {
    kind: 'invalid-request',
    // ECS (or ELB) refusing a service's target group that no listener attaches to a load balancer yet.
    pattern:
      /target group\b.{0,300}?\b(?:does not have an associated load balancer|is not associated with (?:a|any|the) load balancer)/is,
    awsSpecific: true,
    cause:
      "the service's target group is not attached to a load balancer yet: create the listener (or listener rule) that forwards to it before the service (in Terraform or CloudFormation, make the service depend on the listener); not a permission problem",
  },
  {
    kind: 'other',
    // ECS's service events for a deployment it cannot carry out: the service's own settings stop it.
    pattern:
      /unable to (?:stop or start tasks during a deployment|reach steady state because task set)|number of protected tasks are more than the desired count/i,
    awsSpecific: true,
    cause:
      "the service's own settings keep ECS from replacing tasks: minimumHealthyPercent and maximumPercent leave no room for a new task, or tasks under scale-in protection outnumber the desired count (update the percentages, the desired count, or the tasks' protection); not a permission problem",
  },
  {
    kind: 'other',
    // ECS giving up on registering the task in Cloud Map (service discovery) before it starts.
    pattern: /Timeout waiting for service discovery instance provisioning/i,
    awsSpecific: true,
    cause:
      "ECS gave up registering the task in Cloud Map (service discovery): the service's namespace or Cloud Map service is wrong or was deleted, or its health check never passed; check the service registry. Not a permission problem",
  },
  {
    kind: 'other',
    // Fargate Spot taking its capacity back: ECS's stopped reason, and the notice before it.
    pattern: /Your Spot Task was interrupted|\bSpotInterruption\b|\bTerminationNotice\b/i,
    awsSpecific: true,
    cause:
      'Fargate Spot reclaimed its capacity and stopped the task (after a two-minute SIGTERM notice): retry it, or give the service a FARGATE capacity provider beside FARGATE_SPOT; not a permission problem',
  },
  {
    kind: 'other',
    // ECS's stopped reasons for a task stopped on purpose, by the service, a person or the host's end.
    pattern:
      /Scaling activity initiated by \(deployment|Host EC2 \(instance [^)]*\) stopped\/terminated|Container instance deregistration forced by user|Task stopped by user|ECS is performing maintenance on the underlying infrastructure/i,
    awsSpecific: true,
    cause:
      'ECS stopped the task on purpose: the service scaled in or a deployment replaced it, its container instance was stopped or terminated or deregistered, someone stopped it, or AWS retired the host under it; not a failure of the task, let alone a permission',
  },
  {
    kind: 'placement',
    // RunTask's answer when Fargate has nothing of the task's size left where its subnets are.
    pattern: /\bCapacity is unavailable at this time\b/i,
    awsSpecific: true,
    cause:
      "Fargate had no capacity of the task's size in the Availability Zones of its subnets at that moment: retry later (with backoff, or from Step Functions), give the task subnets in more Availability Zones, or another CPU and memory size; not a permission problem",
  },
  {
    kind: 'placement',
    // The ECS guide's API failure reasons for RunTask and StartTask ("TaskFailedToStart: AGENT").
    pattern: /\bTaskFailedToStart:\s*AGENT\b/i,
    awsSpecific: true,
    cause:
      "the container instance chosen has its ECS agent disconnected, and ECS refused the task rather than wait for it: restart the agent or replace the instance (the knowledge center's guide to a disconnected agent); not a permission problem",
  },
  {
    kind: 'placement',
    pattern: /\bTaskFailedToStart:\s*ATTRIBUTE\b/i,
    awsSpecific: true,
    cause:
      'no container instance has an attribute the task definition requires (a capability of a newer ECS agent, or an attribute its placement constraints name): update the agent or the AMI, or set the attribute; not a permission problem',
  },
  {
    kind: 'placement',
    pattern: /\bTaskFailedToStart:\s*EMPTY CAPACITY PROVIDER\b/i,
    awsSpecific: true,
    cause:
      'the capacity provider had no container instance to take the task: its Auto Scaling group runs none (or none registered to the cluster), or none with the CPU and memory the task asks; scale the group or use larger instances. Not a permission problem',
  },
  {
    kind: 'placement',
    pattern:
      /unable to place a task|no container instance met|doesn't have the agent connected|No Container Instances were found|\b[A-Z_]*(?:PLACEMENT_FAILURE|PLACEMENT_CONSTRAINT_VIOLATED)\b|\bRESOURCE:(?:CPU|MEMORY|PORTS(?:_TCP|_UDP)?|ENI|GPU|FARGATE)\b/i,
    awsSpecific: true,
  },
  {
    kind: 'placement',
    // Any other of RunTask's and StartTask's failure reasons (a constraint unsatisfied, a location).
    // (In capitals, as the guide lists them: an error's name after it, 'TaskFailedToStart:
    // CannotPullContainerError: …' in a service event, ex-08, is that error's.)
    pattern: /\bTaskFailedToStart:\s*[A-Z]{2,}(?:[\s:_]|$)/,
    awsSpecific: true,
    cause:
      "ECS refused to start the task on the capacity it had (the reason after 'TaskFailedToStart:' is one of the ECS guide's API failure reasons: an agent disconnected, an attribute or a placement constraint no instance meets, not enough CPU, memory, ports or ENIs); not a permission problem",
  },
  {
    kind: 'throttling',
    // KMS's own words too: "You have exceeded the rate at which you may call KMS" (its body in
    // hyperlane-xyz/hyperlane-monorepo#2391), and Firehose's
    // delivery error for it, "The KMS request per second limit was exceeded …" (its guide, gx-23).
    pattern:
      /ThrottlingException|Rate exceeded|TooManyRequestsException|RequestLimitExceeded|SlowDown|toomanyrequests|pull rate limit|Too many concurrent attempts|\b[A-Z_]*OPERATION_THROTTLED\b|\b(?:is|are|being|was|were) throttled\b|\brequests? per second limit (?:was |has been )?exceeded\b|\bexceeded the rate at which you may call\b/i,
    awsSpecific: true,
  },
  {
    // An SDK's credential chain that found nothing to sign with, or could not get the task role's
    // credentials from the ECS agent's endpoint: no request reached AWS to be refused. Each SDK
    // words the empty chain its own way ('Couldn't find AWS credentials in …' in rusoto, 'Unable
    // to load credentials from any of the providers' in Java's, 'Missing credentials in config' in
    // JavaScript's v2, 'unable to sign request without credentials set' in Ruby's), or names the
    // shared file it looked for alone ('MissingFileError "/root/.aws/credentials"' in an old amazonka),
    // or names the instance metadata's credentials path it could not reach (Go's v2 on Fargate, ev-10),
    // or says none were configured (the CDK CLI's 'Need to perform AWS calls for account …, but no
    // credentials have been configured', gz-09) or handed it none (Go's v2 RDS token builder's
    // 'credentials provider must not be nil', gy-05), or could not run the profile's credential process
    // (the CDK CLI's ProcessCredentialsProviderFailure, gz-07). An RDS IAM token is signed where the
    // program runs, with no call to refuse: "Unable to generate RDS IAM token" is credentials not found (duckdb-aws, gy-10).
    kind: 'credentials',
    pattern:
      /no EC2 IMDS role found|Error (?:when )?retrieving credentials from container-role|CredentialsV2Request: Credentials not found|retrieved credentials have already expired|Unable to get IAM security credentials from EC2 Instance Metadata Service|no valid credential sources|\b(?:could(?:n'?t| not)|unable to|failed to) (?:find|load) (?:any )?(?:AWS )?credentials (?:in|from)\b|\bMissing ?File\w*\W{1,3}[\w/.~-]*\.aws\/credentials\b|\bMissing ?credentials(?:Error| in config)\b|\bsign(?:ing)? (?:the )?request without credentials\b|\/meta-data\/iam\/security-credentials\/?[^\s"]*"?:\s*dial tcp\b|\bno credentials have been configured\b|\bcredentials provider must not be nil\b|\bProcessCredentialsProviderFailure\b|\bUnable to generate RDS IAM token\b/i,
    awsSpecific: true,
    cause:
      "the app's SDK got no usable credentials from its chain: in a task, the task definition names no task role (the SDK then tries the instance metadata, which Fargate, and awsvpc tasks under ECS_AWSVPC_BLOCK_IMDS, cannot reach), the container lost AWS_CONTAINER_CREDENTIALS_RELATIVE_URI (an entrypoint or sudo dropped it), or the ECS agent's credentials endpoint did not answer; give the task a task role and keep that variable. Not a policy",
  },
  {
    // A program (the CloudWatch agent, an SDK guessing its region, the CDK CLI's JavaScript SDK v2:
    // "EC2 Metadata roleName request returned error", gz-08; the request's name left open, as
    // 'roleName' among the grammar's words would join a wrapped "role name") asking EC2's instance metadata,
    // which Fargate does not serve and an awsvpc task or a hop limit of 1 may not reach (the MongoDB
    // driver's "Network request to http://169.254.169.254/latest/api/token timed out", mongodb/specifications#1467).
    kind: 'other',
    pattern:
      /\bec2 ?metadata (?:is )?not available\b|\bdial tcp 169\.254\.169\.254:\d+:|\b169\.254\.169\.254\/latest\/[^\s]{0,80} timed out|\bEC2Metadata(?:Request)?Error\b|failed to get EC2 instance identity document|\bEC2 Metadata \w{1,20} request returned error\b/i,
    awsSpecific: true,
    cause:
      "the program asked EC2's instance metadata (169.254.169.254) and got no answer: Fargate does not serve it, and on EC2 an awsvpc task (ECS_AWSVPC_BLOCK_IMDS) or an IMDSv2 hop limit of 1 keeps containers from it; configure the program for a task instead (its region, the task role through the ECS credentials endpoint, an ECS mode such as the CloudWatch agent's). Not a permission problem",
  },
  {
    kind: 'credentials',
    // S3's ExpiredToken in its own words, which the .NET SDK prints without the code: "The
    // provided token has expired." (aws/aws-sdk-net#3141, a task on Fargate). A signature the service
    // computed otherwise is the credentials' too (DynamoDB's and Kinesis's InvalidSignatureException),
    // not an invalid request, whatever the last resort's Invalid…Exception says. So are the Rust
    // SDK's "SigningStageError { kind: MissingCredentials }" (awslabs/aws-sdk-rust#760), S3's words
    // for an unknown key, "The AWS Access Key Id you provided does not exist in our records"
    // (modin-project/modin#3383), the JavaScript SDK v2 finding no credentials to sign with
    // ("TypeError: Cannot read property 'accessKeyId' of null", aws/aws-sdk-js#2433), and Transfer
    // Family's log of a user it does not know ("AUTH_FAILURE … The user is unrecognized",
    // darren-reddick/terraform-aws-transfer#12).
    pattern:
      /\bMissingCredentials\b|\bThe AWS Access Key Id you provided does not exist in our records\b|\bCannot read propert(?:y|ies) (?:of null \(reading )?'accessKeyId'|\bAUTH_FAILURE\b[^\n]{0,200}?\bThe user is unrecognized\b|security token included in the request is (?:invalid|expired)|authorization token has expired|provided token has expired|ExpiredToken|\bInvalidToken\b|provided token is malformed|InvalidClientTokenId|UnrecognizedClientException|SignatureDoesNotMatch|InvalidSignatureException|InvalidAccessKeyId|Unable to locate credentials|credentials could not be obtained|NoCredentialProviders|Could not load credentials|CredentialsException|Error retrieving credentials? from/i,
    awsSpecific: true,
  },
  {
    kind: 'other',
    // An SDK's waiter giving up on a resource's state (Go v1's ResourceNotReady, boto3's Waiter …
    // failed, the JavaScript SDK v3's 'Waiter has timed out' as a task runner quotes it,
    // geekcell/github-action-aws-ecs-run-task#35, ho-10; v2's 'Resource is not in the state
    // tasksStopped', noelzubin/aws-ecs-run-task#4, hz-09): the client stopped waiting; why the task never
    // got there is in its own stopped reason.
    pattern:
      /\bResourceNotReady: (?:failed waiting for successful resource state|exceeded wait attempts)|\bWaiter \w+ failed: (?:Max attempts exceeded|Waiter encountered a terminal failure state)|\bWaiter has timed out\b|\bResource is not in the state \w+\b|\bTask did not start successfully\.\s*Error:\s*\{"state":"TIMEOUT"/i,
    awsSpecific: true,
    cause:
      "the client's SDK gave up waiting for the resource's state (a task that never reached RUNNING): the waiter says nothing of why; the task's own stopped reason does (describe-tasks stoppedReason), and that may be a denial, a pull that failed or an app that exited. A waiter whose own describe call is refused (ecs:DescribeTasks) times out the same way instead of saying so",
  },
  {
    kind: 'other',
    // Terraform's resource waiter finding a state it does not wait for ("error waiting for ECS
    // Cluster (<arn>) to become Available: unexpected state 'INACTIVE', wanted target 'ACTIVE'",
    // cloudposse/terraform-aws-ecs-codepipeline#79, hy-10): the resource exists and is elsewhere.
    pattern: /\bunexpected state '[\w -]{1,40}', wanted target '[\w -]{1,40}'/i,
    awsSpecific: true,
    cause:
      "Terraform waited for the resource to reach a state and found it in another it does not wait through (a cluster INACTIVE: deleted, or being deleted under the same name): the resource's own status and events say why; not a permission problem",
  },
  {
    kind: 'invalid-request',
    // ECS's ClientException for a field the request must fill: "Family can not be blank." as the
    // deploy-task-definition action relays it (aws-actions/amazon-ecs-deploy-task-definition#630, hy-01).
    pattern: /\bFailed to register task definition in ECS:[^\n]{0,40}\bcan ?not be blank\b/i,
    awsSpecific: true,
    cause:
      "ECS refused the task definition for a field it must have (family, containerDefinitions' name or image): fill it in the task definition file; not a permission problem",
  },
  {
    kind: 'other',
    // A Windows container's image built on another Windows version than the host's, which process
    // isolation cannot run ("a Windows version 10.0.18363-based image is incompatible with a
    // 10.0.17763 host", aws/amazon-ecs-agent#2466, hz-05 and hz-06).
    // (From the clause on: a wrap may leave the image's version opening a line of its own.)
    pattern: /\bbased image is incompatible with a\s*[\d.]{3,20}\s*host\b/i,
    awsSpecific: true,
    cause:
      "the image's Windows version differs from the container instance's: Windows containers run only on a host of the same version (build the image FROM the host's version, or run an ECS-optimized Windows AMI of the image's); not a permission problem",
  },
  {
    kind: 'other',
    // App Runner's own verdict on a service whose instances never passed the health check ("Your
    // service failed to create. Review the application logs …", aws-samples/redcap-on-aws#11, hy-05).
    pattern: /\bYour service failed to (?:create|update|deploy)\. Review the application logs\b/i,
    awsSpecific: true,
    cause:
      "App Runner started the service's instances and they never became healthy: the application's logs (the service's application log group) say why, often a port, a health check or a crash at start; a refused image pull says so in the service's event log. Not a permission problem read here",
  },
  {
    kind: 'other',
    // FUSE inside a container with no /dev/fuse: Mountpoint for Amazon S3 on Fargate ("fuse: device
    // not found, try 'modprobe fuse' first", awslabs/mountpoint-s3#450, hx-12). Fargate gives no FUSE device.
    pattern: /\bfuse: device not found\b/i,
    awsSpecific: true,
    cause:
      'the container has no FUSE device, which a FUSE file system (Mountpoint for Amazon S3, s3fs) needs: Fargate gives none; on EC2, run the container with /dev/fuse and SYS_ADMIN, or read S3 through the SDK. Not a permission problem',
  },
  {
    kind: 'other',
    // The Java SDK v1 building a client with no Region from anywhere ("SdkClientException: Unable to
    // find a region via the region provider chain. Must provide an explicit region in the builder or
    // setup environment to supply a region.", Spinnaker's clouddriver, spinnaker/clouddriver#4968).
    pattern: /\bUnable to find a region via the region provider chain\b/i,
    awsSpecific: true,
    cause:
      "the SDK found no Region to call (no AWS_REGION, no profile's region, no instance metadata to ask): set the Region in the client or the environment; in a task, set AWS_REGION (Fargate sets AWS_REGION and AWS_DEFAULT_REGION). No request was sent, no permission checked",
  },
  {
    kind: 'missing-resource',
    // CloudFormation's import of another stack's output that no stack exports ("No export named
    // game-ci:ECSTaskExecutionRole found. Rollback requested by user.", game-ci/unity-builder#527).
    pattern: /\bNo\s*export\s*named\s*\S{1,255}?\s*found\b/i,
    awsSpecific: true,
    cause:
      'the template imports (Fn::ImportValue) an output no stack in this account and Region exports under that name: deploy the stack that exports it first, or fix the name; not a permission problem',
  },
  {
    kind: 'invalid-request',
    // Cognitect's aws-api for Clojure answers with an anomaly map, its category saying the request
    // was refused as wrong ("{:cognitect.aws.http/status 400, :cognitect.anomalies/category
    // :cognitect.anomalies/incorrect}", cognitect-labs/aws-api#241).
    pattern: /:cognitect\.anomalies\/category\s+:cognitect\.anomalies\/incorrect\b/i,
    awsSpecific: true,
  },
  {
    kind: 'invalid-request',
    // ECS refusing a platform version that does not exist for the launch type ("PlatformUnknownException:
    // The specified platform does not exist.", the Jenkins ECS plugin, jenkinsci/amazon-ecs-plugin#218).
    pattern: /\bPlatformUnknownException\b|\bThe specified platform does not exist\b/i,
    awsSpecific: true,
    cause:
      "ECS has no such platform version for the task's launch type or operating system (a mistyped or retired Fargate version, a Linux version asked for Windows): use LATEST or a version the Fargate guide lists; not a permission problem",
  },
  {
    kind: 'other',
    // Session Manager starting a shell as its Run As user, which the instance does not have ("Unable
    // to start shell: failed to start pty since RunAs user ubuntu does not exist", aws/amazon-ssm-agent#219,
    // brentley/appmeshworkshop#127).
    pattern: /\bfailed to start pty since RunAs user \S+ does not exist\b/i,
    awsSpecific: true,
    cause:
      "Session Manager's Run As setting names an operating system user the instance does not have (ubuntu on Amazon Linux, ec2-user on Ubuntu): set the preferences' Run As user, or the SSMSessionRunAs tag, to one that exists; not a permission problem",
  },
  {
    kind: 'invalid-request',
    // IAM refusing a policy document whose principal it cannot resolve: a role or account that does
    // not exist, or one of another partition (New Relic's trust for a role made in a China Region,
    // newrelic/docs-website's invalid-principal page, id-07). Nothing was refused a caller.
    pattern: /\bInvalid principal in policy\b/i,
    awsSpecific: true,
    cause:
      'IAM refused the policy document (MalformedPolicyDocument): a principal it names does not exist (a role deleted or not yet made, a mistyped account) or belongs to another partition (aws-cn, aws-us-gov); fix the principal; no permission was refused',
  },
  {
    kind: 'other',
    // Vault's AWS auth method refusing a login whose caller does not match the Vault role's bound
    // principal ('IAM Principal "arn:…" does not belong to the role "xxx"', hashicorp/vault#2729, id-12).
    pattern: /\bIAM Principal\s*"[^"\n]{1,400}"\s*does not belong to the role\b/i,
    awsSpecific: true,
    cause:
      "Vault's AWS auth method refused the login: the caller's ARN (a task role's session too) does not match the Vault role's bound_iam_principal_arn, which Vault compares without the role's path; bind the role's ARN with its path or a wildcard. No AWS policy refused it",
  },
  {
    kind: 'other',
    // Docker refusing a host port that another container on the instance already holds.
    pattern: /\bport is already allocated\b/i,
    awsSpecific: true,
    cause:
      'another container on the container instance already holds the host port the task asks for (bridge or host networking): let Docker pick one (hostPort 0, the load balancer follows it) or use awsvpc; not a permission problem',
  },
  {
    kind: 'other',
    // The ECS guide's CannotStartContainerError reason for a container that could not be started.
    pattern: /\bfailed to get container status\b/i,
    awsSpecific: true,
    cause:
      "the container could not be started (the ECS guide ties this to a container that tries to use more memory than its task definition gives it): raise the container's memory; the reason after the colon says more. Not a permission problem",
  },
  {
    kind: 'network',
    // Docker unable to reach a registry's endpoint at all (login or pull): DNS or the route to it.
    pattern:
      /\b(?:invalid registry endpoint|unable to ping registry endpoint|ping attempt failed with error)\b/i,
    awsSpecific: true,
    cause:
      "Docker could not reach the registry's endpoint (DNS or the route to it, a proxy, a VPN that changed the host's routes): check the host's network and DNS; not a permission problem",
  },
  {
    kind: 'other',
    // The ECS guide's container runtime errors for a container it could not stop or describe.
    pattern: /\bCannot(?:Stop|Inspect)ContainerError\b|\bfailed sending SIGTERM to container\b/i,
    awsSpecific: true,
    cause:
      'the container runtime (Docker on EC2, containerd on Fargate) could not stop or describe the container: the reason after the colon says why (a hung process, the runtime itself); not a permission problem',
  },
  {
    kind: 'network',
    // The EFS mount helper (mount.nfs4) cut off by the mount target: NFS blocked on the way, whoever prints it.
    pattern:
      /\bmount\.nfs4?:[^\n]{0,120}?\b(?:Connection (?:reset by peer|refused|timed out)|No route to host|timed out)\b/i,
    awsSpecific: true,
    cause:
      "NFS between the task and the EFS mount target did not get through: the mount target's security group must allow TCP 2049 from the task's (and the task's allow it out), with a mount target in each of the task's subnets' Availability Zones; not a permission problem",
  },
  {
    kind: 'network',
    // The task's own network interface (awsvpc) not coming up on the container instance.
    pattern:
      /network interface provisioning|failed to set ?up network namespace|\bcni setup\b|invoke eni plugin failed|\bENI attachment\b[^.]{0,60}(?:timed out|timeout|failed)/i,
    awsSpecific: true,
    cause:
      "the task's elastic network interface (awsvpc) never came up on the container instance: the instance's ENI limit or trunking, the ECS agent's ENI plugin, or an attachment that timed out; replace the instance or check its ENI capacity. Not a permission problem",
  },
  {
    kind: 'network',
    pattern:
      // (Go's network error ends 'i/o timeout', on a line of its own when a wrap parts it, et-04.)
      /RequestError: send request failed|request send failed|RequestCanceled|connection issue between the task|check your (?:task )?network configuration|(?:^|:\s*)i\/o timeout\b|\bnet\/http: TLS handshake timeout\b/i,
    awsSpecific: true,
  },
  {
    kind: 'network',
    // Go's SDK v2 with no answer at all: 'https response error StatusCode: 0, … canceled, context deadline exceeded'.
    // (Written 'Status\s?Code': the look-alikes' words teach the wrap joiner, and 'StatusCode' would glue Java's 'Status' + 'Code'.)
    pattern: /\bhttps response error Status\s?Code: 0\b/i,
    awsSpecific: true,
    cause:
      'the SDK got no answer at all (StatusCode 0): the request was cancelled or timed out before AWS replied, a network path or a deadline too short; not a permission problem',
  },
  {
    kind: 'network',
    // Go's resolver or dialer in its own words ("dial tcp: lookup <host> on <dns>:53: no such host"):
    // a connection that was never made, whichever program and endpoint it was for.
    // A wrap that parts the lookup from its answer still reads: Go prints "dial tcp: lookup" only failing.
    pattern:
      /\bdial tcp(?::\s*lookup\b|\b[^\n]{0,200}?:\s*(?:no such host|i\/o timeout|connect: connection refused)\b)/i,
    awsSpecific: true,
    cause:
      "the connection was never made: the endpoint's name did not resolve (DNS: a wrong or masked endpoint, no route to a resolver, a VPC without DNS resolution) or nothing answered on it; check the endpoint and the network path. Not a permission problem",
  },
  {
    kind: 'other',
    // AWS's ECS Exec Checker finding ECS Exec's managed agent stopped in a container ("Managed Agent
    // Status … STOPPED (Reason: null) for "api"", aws/aws-cli#6903, hj-11).
    pattern: /\bManaged Agent Status\b[\s\S]{0,400}?\bSTOPPED \(Reason:/i,
    awsSpecific: true,
    cause:
      "ECS Exec's managed agent (ExecuteCommandAgent) is not running in that container: it failed to start there (a read-only root file system, a container that was not up when the agent started, a platform too old); start a new task. Not a permission problem",
  },
  {
    kind: 'other',
    // The ECS CLI looking up the service it has just created, before ECS lists it ("Please use
    // 'create' command to create the service '<name>' first", aws/amazon-ecs-cli#436 and #79, hj-12, hj-13).
    pattern: /\bPlease use 'create' command to create the service\b/i,
    awsSpecific: true,
    cause:
      'the ECS CLI created the service and then did not find it yet (ECS lists a new service a moment later): run the command again, or use a newer ecs-cli; not a permission problem',
  },
  {
    kind: 'unrecognised',
    // Spring Boot's config import of a parameter or a secret through Spring Cloud AWS: "Config data
    // resource '…aws-parameterstore:/petclinic/dev/customers' does not exist" reads the same for a
    // wrong name and for a refused read (hyh528/PetClinic-AWS-Migration's notes: hk-06 a wrong
    // path, hk-07 the task role without ssm:GetParametersByPath).
    pattern:
      /\bConfig data resource\b[^\n]{0,300}?\baws-(?:parameterstore|secretsmanager):[^\n]{0,300}?\bdoes not exist\b|'aws-(?:parameterstore|secretsmanager):[^'\n]{0,300}'\s*does not exist\b/i,
    awsSpecific: true,
    cause:
      "Spring Cloud AWS reports any failure to load a parameter or secret this way: a name that is not there, the task role refused (ssm:GetParametersByPath, secretsmanager:GetSecretValue, kms:Decrypt), or no network path to the service; the exception's cause in the log (Caused by: …) says which",
  },
  {
    kind: 'credentials',
    // The CodeDeploy agent on an instance with no credentials (the CodeDeploy guide's troubleshooting, hl-14).
    pattern:
      /\bCodeDeployPlugin::CommandPoller: Missing credentials\b|\bplease check if this instance was started with an IAM instance profile\b/i,
    awsSpecific: true,
    cause:
      'the CodeDeploy agent found no credentials on the instance: attach an instance profile (and restart the agent); a profile whose role lacks permissions is refused with AccessDenied instead',
  },
  {
    kind: 'other',
    // Application Auto Scaling's activity in a service's events: a scaling policy set the desired
    // count, nothing was refused (aws/amazon-ecs-agent#862, hl-22).
    pattern: /\bSuccessfully set desired count to \d+\. Change successfully fulfilled by ecs\b/i,
    awsSpecific: true,
    cause:
      "Application Auto Scaling changed the service's desired count as a scaling policy asked (the alarm and policy it names): nothing was refused; check the scalable target's minimum and the policy if the count is wrong",
  },
  {
    kind: 'missing-resource',
    // CodePipeline's ECS deploy action: the image definitions file names a container the task
    // definition lacks ("The AWS ECS container web does not exist", aws-samples/aws-modern-application-workshop#153, hl-25).
    pattern: /\bThe AWS ECS container \S+ does not exist\b/i,
    awsSpecific: true,
    cause:
      'the image definitions file (imagedefinitions.json) names a container the service\'s task definition does not have: make its "name" the container\'s name in the task definition; not a permission problem',
  },
  {
    kind: 'invalid-request',
    // Lambda refusing the image URI of a container image function: a tag or repository that is not
    // there, or an image in another Region (aws-samples/bedrock-access-gateway#205, aws/aws-cdk#24648,
    // binxio/cfn-ses-provider#27: hl-31, hl-32, hl-34).
    pattern:
      /\bSource image \S+ (?:is not valid|does not exist)\b|(?:is not valid|does not exist)\.\s*Provide a valid source image\b/i,
    awsSpecific: true,
    cause:
      "Lambda cannot use that image URI: the tag or the repository is not there, or the image is in another Region (a function takes its image from its own Region's registry); a refused pull says 'does not have permission to access' instead. Not a permission problem",
  },
  {
    kind: 'invalid-request',
    // ECS-native blue/green refusing its load balancer setup, in the rollback's words (ECS's
    // blue/green troubleshooting page, hn-12, hn-13); its infrastructure role's refusal reads first, as a denial.
    pattern: /\bService deployment rolled back because of invalid networking configuration\b/i,
    awsSpecific: true,
    cause:
      'ECS rolled the blue/green deployment back because its load balancer setup is wrong (a target group not on the production or test listener rule, a rule serving two target groups): the message says which; fix the listener rules. Not a permission problem',
  },
  {
    kind: 'missing-resource',
    // ECS finding no capacity provider by the name it was given (an Auto Scaling group's ARN where a
    // provider's name goes, terraform-aws-modules/terraform-aws-ecs#53, hq-11).
    pattern: /\bThe specified capacity provider was not found\b/i,
    awsSpecific: true,
    cause:
      "ECS has no capacity provider by that name in the Region: give the capacity provider's name (not its Auto Scaling group), create it first, or associate it with the cluster; not a permission problem",
  },
  {
    kind: 'invalid-request',
    // CloudFormation refusing a template's property the resource type does not have (TaskRoleArn inside
    // ContainerDefinitions, amazon-archives/amazon-ecs-interstella-workshop#2, hq-17).
    pattern: /\bEncountered unsupported property\b/i,
    awsSpecific: true,
    cause:
      "CloudFormation refused a property the resource type does not have there (a role's ARN inside ContainerDefinitions instead of on the task definition, a misspelt or misplaced key): fix the template; not a permission problem",
  },
  {
    kind: 'other',
    // CloudFormation's events of a stack rolled back, without the failed resource's line (aws/amazon-ecs-agent#1996, ho-04).
    pattern: /\bUPDATE_ROLLBACK_(?:IN_PROGRESS|COMPLETE)\b/i,
    awsSpecific: true,
    cause:
      'CloudFormation rolled the stack back: the first event with a FAILED status, and its reason, say why (for an ECS service, often tasks that never became stable, which may be a denial)',
  },
  {
    kind: 'invalid-request',
    // Copilot refusing to deploy a service before its environment (a developer's note,
    // ilakkmanoharan/tts-next-fast-aws, hr-01), and a load balancer's listener port taken
    // (bookmd/mcp-gateway's deployment issues, ht-03).
    pattern:
      /\bcannot deploy a service to an undeployed environment\b|\bListener port '?\d+'? is already in use\b/i,
    awsSpecific: true,
    cause:
      "the request does not fit what is there yet: deploy the environment before its services (copilot env deploy), or free or change the listener's port; not a permission problem",
  },
  {
    kind: 'throttling',
    // SQS's 403 whose code is OverLimit: too many messages received and not deleted
    // (Cbsoftware/pressureNET-server#74, hr-02), a quota, not a refusal.
    pattern: /<Code>OverLimit<\/Code>|\bOverLimit\b[^\n]{0,80}?\bToo many messages\b/i,
    awsSpecific: true,
    cause:
      'SQS answered 403 with OverLimit: the queue holds too many messages received and not yet deleted (in flight): delete what was processed, or let their visibility time out; not a permission problem',
  },
  {
    kind: 'credentials',
    // The ECS CLI's profile, which holds only keys (aws/amazon-ecs-cli#548, hp-29).
    pattern: /\bsecret-key can not be empty\b/i,
    awsSpecific: true,
    cause:
      "the ECS CLI's configure profile stores an access key and a secret key and refuses to save without them; on a host or in a task with a role no profile is needed; no request reached IAM",
  },
  {
    kind: 'credentials',
    // Docker Hub refusing an anonymous pull of a private image, in ECS's reason (remind101/empire#522, ho-06).
    pattern: /\bCannotPullContainerError:\s*Authentication is required\b/i,
    awsSpecific: true,
    cause: NO_REGISTRY_LOGIN,
  },
  {
    kind: 'network',
    // The same words where the call was to AWS: an AWS endpoint named ('Post "https://aps-workspaces.
    // eu-central-1.amazonaws.com/…": context deadline exceeded', the ADOT collector's remote write,
    // aws-observability/aws-otel-collector#2351, hd-01)
    // or the Go SDK's call ('operation error STS: AssumeRole, request canceled, context deadline
    // exceeded', open-telemetry/opentelemetry-collector-contrib#42343, hd-13), whoever logs it; macOS's
    // resolver says 'nodename nor servname provided, or not known' (cognitect-labs/aws-api#8).
    pattern:
      /(?:\.amazonaws\.com(?:\.cn)?\b|\boperation error [A-Z][\w ]{1,40}:)[^\n]{0,400}?\b(?:context deadline exceeded|i\/o timeout|request canceled|connection (?:reset|refused|timed out)|no such host|nodename nor servname provided)\b/i,
    awsSpecific: true,
    cause:
      "the call to AWS got no answer in time or no connection at all: no route from the caller to the endpoint (a task's subnets without a NAT gateway, public IP or VPC endpoint; a security group), DNS, or a deadline too short; not a permission problem",
  },
  {
    kind: 'network',
    // cURL's own numbers for a connection never made (6: host not resolved, 7: could not connect,
    // 28: timed out), as the PHP SDK's Guzzle prints them ('cURL error 7:  (see http://curl.haxx.se/
    // libcurl/c/libcurl-errors.html)', aws/aws-sdk-php#1920, #1886, #1867: he-04 to he-06), and
    // Guzzle's exception for any connection not made, which a wrap may part from cURL's number.
    pattern: /\bcURL error (?:6|7|28):|\bGuzzleHttp\\+Exception\\+ConnectException\b/i,
    awsSpecific: true,
    cause:
      "the HTTP client (cURL) could not resolve the host, connect to it or finish in time: from a task, the network path to the endpoint or to ECS's credentials endpoint (169.254.170.2, which an app's own proxy or firewall settings may catch); not a permission problem",
  },
  {
    kind: 'credentials',
    // SDKs that found no credentials in any source they tried: .NET's 'Unable to reach credentials
    // server' (aws/amazon-ecs-agent#3022, hc-01), Kotlin's 'No credentials could be loaded from the
    // chain' (aws/aws-sdk-kotlin#697, he-08), OpenDAL's reqsign 'loading credential to sign http request'
    // (apache/opendal#4964, he-09).
    pattern:
      /\bUnable to reach credentials server\b|\bNo credentials could be loaded from the chain\b|\bloading credential to sign http request\b/i,
    awsSpecific: true,
    cause:
      "the SDK got no credentials from any source it tried: in a task, ECS's credentials endpoint (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI) was not reached or not used (an SDK or library too old for it, the variable lost by a process that clears its environment, or the instance metadata tried instead); no request reached IAM",
  },
  {
    kind: 'missing-resource',
    // A 404 whose JSON body names what was not found: Amazon Managed Service for Prometheus's
    // '404 Not Found; err = …: {"Message":"Workspace not found"}' behind a remote write (the ADOT
    // collector on ECS, aws-observability/aws-otel-collector#2155, hd-02). (The status first: an
    // app's own JSON saying 'not found' is no answer of AWS's.)
    pattern: /\b404 Not Found\b[^\n]{0,200}?\\?"Message\\?"\s*:\s*\\?"[^"\\\n]{0,80}\bnot found\b/i,
    awsSpecific: true,
  },
  {
    kind: 'throttling',
    // Fluent Bit's Kinesis Data Streams output when a whole batch was refused, and its warning of
    // the stream's throughput (a Fargate task's FireLens sidecar, aws/amazon-kinesis-streams-for-fluent-bit#270, hd-03): PutRecords fails a
    // record only for its shard's throughput or an internal error.
    // Its Firehose output says the same of PutRecordBatch, 'Thoughput' misspelt as it prints it
    // (aws/aws-for-fluent-bit#334, hz-11).
    pattern:
      /\bPutRecord(?:s|Batch) request returned with no records successfully rec(?:ie|ei)ved\b|\bThr?oughput limits (?:for the stream )?may have been exceeded\b/i,
    awsSpecific: true,
    cause:
      "Kinesis or Firehose refused the records for the stream's throughput (ProvisionedThroughputExceeded, a delivery stream's quota): the output retries; add shards, use on-demand capacity, raise the quota or send less at once. Not a permission problem",
  },
  {
    kind: 'invalid-request',
    // ECS's own refusals of a request's values (service event or CLI): an awsvpc task with no
    // network configuration (genova, metaps/genova#122, hg-18); a blue/green listener given where
    // a listener rule's ARN is wanted (ECS's blue/green troubleshooting page, hf-14); a Managed
    // Instances capacity provider's roles, a malformed ARN or none (its errors page, hn-17 to hn-19).
    pattern:
      /\bNetwork Configuration must be provided when\s*networkMode\b|\bhas an invalid ARN format\b|\bThe specified (?:infrastructure role|instance profile role) arn is invalid\b|\bcapacity provider must specify an InfrastructureRole\b/i,
    awsSpecific: true,
  },
  {
    kind: 'placement',
    // ECS on EC2 placing an awsvpc task on an instance with no free network interface slot (aws/containers-roadmap#1545, hg-09).
    pattern: /\bUnable to attach network interface to unused device index\b/i,
    awsSpecific: true,
    cause:
      "the container instance had no free slot for the awsvpc task's network interface (each instance type takes a few ENIs): turn on ENI trunking (awsvpcTrunking), use larger instances or fewer awsvpc tasks per instance; not a permission problem",
  },
  {
    kind: 'other',
    // The ECS agent unable to create a task's pause container, whose image the agent loads on the
    // host itself ('… No such image: amazon/amazon-ecs-pause:0.1.0', agent 1.32's log,
    // aws/amazon-ecs-agent#2193, hc-07): an agent installed by hand without it.
    pattern: /\berror creating container\s*\[~internal~ecs~pause\]/i,
    awsSpecific: true,
    cause:
      "the ECS agent's pause image (amazon/amazon-ecs-pause), which every awsvpc task needs, is not loaded on the container instance: install the agent with ecs-init or the ECS-optimized AMI, which load it; not a permission problem",
  },
  {
    kind: 'missing-resource',
    // A deploy tool finding no service by the name it was given in the cluster (Shippable's, Shippable/support#4024, hf-09).
    pattern: /\bUnable to find service \S+(?: \S+){0,2} in cluster\b/i,
    awsSpecific: true,
    cause:
      'the deploy looked for a service by a name the cluster does not have (a name built from unset values, a service not created yet, another cluster or Region); not a permission problem',
  },
  {
    kind: 'network',
    pattern:
      /context deadline exceeded|i\/o timeout|dial tcp|send request failed|request canceled|connection (?:reset|refused|timed out)|no such host|TLS handshake timeout/i,
    awsSpecific: false,
  },
  {
    kind: 'missing-resource',
    // A code field alone says it too: the instance metadata's "Code":"InstanceProfileNotFound" for a deleted
    // instance profile (the IAM User Guide, ha-22). So do S3's messages for its NoSuchBucket and
    // NoSuchKey, and Firehose's for a key that is not there ("The provided AWS KMS key was not
    // found", its guide, gx-22; "The specified bucket does not exist", gx-24). A CloudTrail record's
    // code alone names it: IAM's NoSuchEntity, KMS's bare NotFoundException (Panther's fixtures, fk-16, fk-17),
    // and so a service's prefixed one ('S3.NotFoundException'), or a code with no suffix before its
    // message ('DBInstanceNotFound: DBInstance xxx not found.', pganalyze/collector#142), and
    // Secrets Manager's "can't find the specified secret" as a tool relays it (basecamp/kamal#1292).
    pattern:
      /\b[A-Z][A-Za-z]{2,60}NotFound: |\bcan't find the specified secret\b|ResourceNotFoundException|ParameterNotFound|RepositoryNotFoundException|ImageNotFoundException|\b[A-Z][A-Za-z]{2,60}NotFound(?:Exception|Fault)\b|\\?"Code\\?"\s*:\s*\\?"[A-Z][A-Za-z]{2,60}NotFound\\?"|The specified (?:bucket|key) does not exist|\bKMS key was not found\b|NoSuchBucket|NoSuchKey|\bNoSuchEntity\b|\bNotFoundException\b|invalid (?:ssm )?parameters|did not contain json key|cannot be described|API error \(404\)|An error occurred \(404\) when calling the \w+ operation|\b(?:repository|manifest for|image) \S+ not found/i,
    awsSpecific: true,
  },
  {
    kind: 'missing-resource',
    // Docker Hub's and other registries' answer for a repository that is not there or is private to
    // others: only a container registry says it, whoever prints it.
    pattern: /requested access to the resource is denied/i,
    awsSpecific: true,
    cause:
      "the registry has no repository by that name, or it is private (Docker Hub answers both the same way): check the image name and tag; a private registry other than ECR needs the container's repositoryCredentials. Not an IAM denial",
  },
  {
    kind: 'credentials',
    // The registry API's words for the same, as podman prints them (serverless/serverless#11120);
    // after Docker Hub's "requested access …", which says first that no such repository is there.
    pattern: /\bunauthorized: authentication required\b/i,
    awsSpecific: true,
    cause: NO_REGISTRY_LOGIN,
  },
  {
    kind: 'missing-resource',
    pattern: /does not exist|not found|manifest unknown/i,
    awsSpecific: false,
  },
  {
    // After the network rules: amazon-efs-utils failing to mount the volume, for a cause other than a denial.
    kind: 'other',
    pattern: /failed to invoke EFS utils commands|unsuccessful EFS utils command|\bmount\.nfs4?:/i,
    awsSpecific: true,
    cause:
      "the EFS volume could not be mounted: the file system ID, its mount target in the task's subnets (DNS), the root directory or access point path, or NFS (port 2049) between the task and the mount target; an EFS IAM refusal would say access denied",
  },
  {
    // ECS backing off a service whose tasks keep stopping before they run: the stopped tasks say why.
    // EventBridge names the same event SERVICE_TASK_START_IMPAIRED (the ECS guide's example, hh-01).
    kind: 'other',
    pattern: /is unable to consistently start tasks successfully|\bSERVICE_TASK_START_IMPAIRED\b/i,
    awsSpecific: true,
    cause:
      "ECS is spacing out the launches of a service whose tasks keep failing to start: the stopped tasks' reasons (describe-tasks stoppedReason) name the cause, which may be a denial, a missing image or an app that exits",
  },
  {
    // After the rules that read the container's own message: ECS says only that an essential container stopped.
    kind: 'other',
    pattern: /Essential container in task exited/i,
    awsSpecific: true,
    cause:
      'an essential container stopped, so ECS stopped the task: its exit code and its own log say why (137 is out of memory or a SIGKILL, 1 an error of the app); not a permission failure unless that log shows one',
  },
  {
    // The SDK's own check of a call's parameters, before any request: botocore's, the Ruby SDK's
    // ('unexpected value at params[:network_configuration]', hg-19), the JavaScript SDK's v2 for a
    // parameter newer than it ('UnexpectedParameter: Unexpected key …', aws/aws-sdk-js#3310, hf-08; #3255, hg-15).
    kind: 'invalid-request',
    pattern:
      /ParamValidationError|Parameter validation failed|parameter validator found|(?:Unknown|Missing required) parameter in (?:input|[\w.[\]]{1,200}):|Invalid type for parameter|UnexpectedParameter: Unexpected key\b|\bunexpected value at\s*params\[/i,
    awsSpecific: true,
    cause:
      "the SDK refused the call before sending it: a parameter is missing, unknown to this SDK version or of the wrong type (fix the call, or the SDK's version); AWS never saw it, so no permission was checked",
  },
  {
    // After the specific rules: a request the service refused as invalid, whatever its detail,
    // and in any case: a paste may lower-case the code ('clientexception: fargate requires …').
    // Any service's Invalid…Exception names a request it refused as invalid (CodeDeploy's
    // InvalidFileExistsBehaviorException, gz-19); so does ECS's older "Cannot update a service to
    // add/remove a load balancer" (the Buildkite ecs-deploy plugin, gz-20), and "Load balancer container
    // name or port changed in task definition" (gd-03).
    kind: 'invalid-request',
    lastResort: true,
    pattern:
      /\b(?:ClientException|InvalidParameter(?:Exception|Value(?:Exception)?|Combination)?|ValidationException|\w*ValidationError|InvalidRequestException|InvalidStructureException|MalformedPolicyDocument(?:Exception)?|Invalid[A-Z]\w{2,60}Exception)\b|\bInvalid request provided:|\bCannot update a service to add\/remove a load balancer\b|\bLoad\s*balancer\s*container\s*name\s*or\s*port\s*changed\s*in\s*task\s*definition\b/i,
    awsSpecific: true,
  },
];

const SPECIFIC = LOOK_ALIKES.filter((rule) => !rule.lastResort);

/**
 * Whether a rule names the text as written: a reader that skips lines by a list of words keeps
 * such a line, whose words the list may lack ('The managed termination protection setting for
 * the capacity provider is invalid.', eg-03).
 */
export function namesLookAlike(text: string): boolean {
  return ANY_LOOK_ALIKE.test(text);
}

/**
 * Every rule's pattern in one, ignoring case (a superset of what the rules name as written): one
 * test per line of a log's windows instead of one per rule.
 */
const ANY_LOOK_ALIKE = new RegExp(LOOK_ALIKES.map((rule) => `(?:${rule.pattern.source})`).join('|'), 'i');
const LAST_RESORT = LOOK_ALIKES.filter((rule) => rule.lastResort);

/** The words of the look-alikes' wording, for telling a line break between them from one inside a word. */
export function lookAlikeWords(): string[] {
  return LOOK_ALIKES.flatMap((rule) => wordsOfPattern(rule.pattern));
}

/**
 * A line that reads as an error: it gets an answer, if only that it was read and not recognised.
 * Telegraf's and the CloudWatch agent's logs mark an error's level `E!` ("… E! ec2metadata is not
 * available").
 */
export const READS_AS_ERROR =
  /\b(?:error|errors?:|exception|denied|forbidden|fail(?:ed|ure|s)?|unable|cannot|can't|could not|couldn't|not authori[sz]ed)\b|\w(?:Error|Exception)\b|_(?:FAILURE|FAILED|ERROR)\b|(?:^|\s)E!\s|\bTaskFailedToStart\b/i;

const LIKELY_CAUSE: Record<LookAlikeKind, string> = {
  network:
    'the call never reached AWS: check the task network (VPC endpoints or NAT/public IP, security groups, DNS); not a permission problem',
  'missing-resource':
    'the image, secret, parameter or log group named does not exist (wrong name, ARN, tag or region); not a permission problem',
  throttling: 'AWS throttled the calls: retry with backoff or raise the quota; not a permission problem',
  credentials:
    'the caller had no valid credentials (missing, expired or wrong keys; an SDK too old for the task role endpoint): fix how it gets credentials, not a policy',
  placement:
    'ECS could not place the task (capacity, constraints or a disconnected agent); not a permission problem',
  'invalid-request':
    'the service refused the request as invalid (a parameter, a value or a combination it does not accept); not a permission problem: fix the request',
  other: 'not a permission failure',
  unrecognised:
    'read as an error, and recognised neither as a permission failure nor as a known look-alike: whydenied cannot say what caused it',
};

/** The look-alike a message that is no denial reads as, or null when it does not read as an error. */
export function readLookAlike(
  text: string,
  fromEcs: boolean,
  template: EcsTemplate | null,
): LookAlikeReading | null {
  // A placement failure that gives its reason ("unable to place a task. Reason: <error>") is that reason's.
  const reason = PLACEMENT_REASON.exec(text)?.[1];
  const applies = (rule: LookAlikeRule, words: string, loose = false) =>
    (loose ? gluedPattern(rule.pattern) : rule.pattern).test(words) &&
    (rule.awsSpecific || fromEcs || template !== null);
  const lookAlike =
    (reason ? LOOK_ALIKES.find((rule) => rule.kind !== 'placement' && applies(rule, reason)) : undefined) ??
    SPECIFIC.find((rule) => applies(rule, text));
  const named = (rule: LookAlikeRule): LookAlikeReading => ({
    type: 'look-alike',
    kind: rule.kind,
    likelyCause: rule.cause ?? LIKELY_CAUSE[rule.kind],
    text,
  });
  if (lookAlike) return named(lookAlike);
  const readsAsError = readsAsErrorLine(text);
  const glued = readsAsError ? SPECIFIC.find((rule) => applies(rule, text, true)) : undefined;
  const fallback = glued ?? LAST_RESORT.find((rule) => applies(rule, text));
  if (fallback) return named(fallback);
  if (readsAsError)
    return { type: 'look-alike', kind: 'unrecognised', likelyCause: unrecognisedCause(template), text };
  return null;
}

const PLACEMENT_REASON = /unable to place a task\b.*?\bReason:\s*(.+)/is;

/**
 * A rule's pattern with its blanks optional: a paste trimmed of the blank each wrapped line
 * ended with leaves nothing to say whether a break fell between two words or inside one, so the
 * lines are sometimes joined with no space ('Unable to describe task' + 'definition.' read as
 * 'taskdefinition'). Tried only after every rule failed as written.
 */
const GLUED = new Map<RegExp, RegExp>();
function gluedPattern(pattern: RegExp): RegExp {
  let glued = GLUED.get(pattern);
  if (!glued) {
    glued = new RegExp(optionalBlanks(pattern.source), pattern.flags);
    GLUED.set(pattern, glued);
  }
  return glued;
}

/** A regular expression's source with each blank outside a character class (' ', \s, \s+) made \s*. */
export function optionalBlanks(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i] as string;
    if (char === '\\') {
      const next = source[i + 1] ?? '';
      if (!inClass && next === 's') {
        const quantifier = source[i + 2] ?? '';
        if (quantifier === '+' || quantifier === '*') i += 1;
        else if (quantifier === '?' || quantifier === '{') {
          out += '\\s';
          i += 1;
          continue;
        }
        out += '\\s*';
        i += 1;
        continue;
      }
      out += char + next;
      i += 1;
      continue;
    }
    if (char === '[') inClass = true;
    else if (char === ']') inClass = false;
    out += !inClass && char === ' ' && !/[*+?{]/.test(source[i + 1] ?? '') ? '\\s*' : char;
  }
  return out;
}

/**
 * A line that reads as an error and is not one its logger marked informational before the
 * error's words: a level inside the error's own text is a tool's it quotes (containerd's
 * 'level=info msg="apply failure"' inside ECS's CannotPullContainerError, eu-07).
 */
function readsAsErrorLine(text: string): boolean {
  const error = READS_AS_ERROR.exec(text);
  if (!error || TABLE_ROW.test(text)) return false;
  const quiet = QUIET_LEVEL.exec(text);
  return !quiet || quiet.index > error.index;
}

/** A log line its own logger marks informational ("INFO uvicorn.error: Started server process"). */
const QUIET_LEVEL =
  /(?:^|[\s\]])(?:INFO|DEBUG|TRACE|NOTICE)\s|\blevel=(?:info|debug|trace)\b|\[\s*(?:info|debug|trace)\s*\]/;

/** A row of a Markdown table ("| `trust-policy` | … cannot assume it … |"): a document's words, not a log's. */
const TABLE_ROW = /^\|(?:[^|]*\|){2,}\s*$/;

/** What was read and not recognised, with the ECS step when its template was read. */
function unrecognisedCause(template: EcsTemplate | null): string {
  if (!template) return LIKELY_CAUSE.unrecognised;
  return `read as ECS's error for ${template.doing}, but its cause is cut or unknown: it may be a denial, a network failure or a missing resource; find the full message (describe-tasks stoppedReason, the agent's log) or the CloudTrail record`;
}
