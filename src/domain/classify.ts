/**
 * Whose request was denied (execution role, task role, other) and in which step, from the
 * strongest signal available: the task definition's roles, ECS's own wrapper around the
 * error, CloudTrail's record of who called, then the principal's session and name.
 */

import { AWS_SERVICE_HOST } from './cloudtrail-fields.js';
import { type DeployTool, stepOfTool } from './deploy-tool.js';
import { dutyReasons, type EcsDuty, ecsDutyOf } from './ecs-principals.js';
import {
  type EcsTemplate,
  isAgentOwnAction,
  type Step,
  startUpStepOfAction,
  TASKS_SERVICE,
  taskRoleStepOfAction,
} from './ecs-steps.js';
import type { CloudTrailCall } from './evidence.js';
import { isSignInName } from './iam-denial-message.js';
import {
  instancePlatformOf,
  maskedWhole,
  type Principal,
  roleNameHint,
  serviceOfSession,
  visibleRoleName,
} from './principal.js';

export type RoleKind = 'execution-role' | 'task-role' | 'other';

export type ObservationContext = 'stopped-reason' | 'service-event' | 'log-line' | 'cloudtrail';

/** What the task definitions among the inputs say about the denied role. */
export interface RoleJobs {
  /** Task definitions naming the role as executionRoleArn / taskRoleArn. */
  asExecutionRole: string[];
  asTaskRole: string[];
}

export interface ClassifyInput {
  principal: Principal | null;
  action: string | null;
  template: EcsTemplate | null;
  context: ObservationContext;
  call: CloudTrailCall | null;
  roleJobs: RoleJobs | null;
  /** The linked task definition has no task role (so app calls fall back to the instance role). */
  taskHasNoTaskRole: boolean;
  /** The message is a line of AWS Lambda's log format. */
  fromLambda: boolean;
  /** Where the program ran, when the text shows a host no ECS task runs on (a developer's Mac, Kubernetes). */
  ranOn?: string | null;
  /** The message is a deployment tool's output (Terraform, CloudFormation). */
  deployTool: DeployTool | null;
  /** The message is a service's log of its own delivery (SNS's delivery status): that service called. */
  deliveredBy?: string | null;
  /** The message is a service's status of what it runs (AWS Batch's compute environment, CodeBuild's build). */
  statusBy?: string | null;
  /** The step the service's words are about, when one (SageMaker's pull of the image it runs). */
  statusStep?: 'image-pull' | null;
  /** The message is a language SDK's typed exception, as a program logs it. */
  programException: boolean;
  /** The message is in an SDK's own words (botocore's sentence too): an app's, not a log shipper's plugin's. */
  sdkWords: boolean;
  /** For iam:PassRole, the principal of the service the call passed the role to, when the call names it. */
  passedTo?: string | null;
}

export interface Classification {
  role: RoleKind;
  step: Step;
  reasons: string[];
  /** How strong the deciding signal was: task definition 3, ECS's own words 2, hints 1, default 0. */
  confidence: number;
  /** One of ECS's own principals (its infrastructure role, …) and the duty it was denied in. */
  duty?: EcsDuty;
}

/** The ECS container agent's user agent in CloudTrail ("Amazon ECS Agent - v1.53.1 (…)"). */
const ECS_AGENT = /Amazon ECS Agent/i;
const ECS_CALLER = new RegExp(
  String.raw`ecs-tasks\.amazonaws\.com|ecs\.amazonaws\.com|${ECS_AGENT.source}`,
  'i',
);

/** CloudTrail says ECS (the agent or Fargate) made the call, not the app. */
export function calledByEcs(call: CloudTrailCall | null): boolean {
  if (!call) return false;
  return [call.invokedBy, call.userAgent, call.sourceIpAddress].some(
    (field) => field && ECS_CALLER.test(field),
  );
}

/** The AWS service, other than ECS, that CloudTrail says made the call (invokedBy, source address). */
function callingService(call: CloudTrailCall | null): string | null {
  if (!call || calledByEcs(call)) return null;
  return (
    [call.invokedBy, call.sourceIpAddress].find((field) => field && AWS_SERVICE_HOST.test(field)) ?? null
  );
}

function principalName(principal: Principal | null): string {
  if (!principal) return 'the caller';
  return principal.roleName ? `role ${principal.roleName}` : principal.raw;
}

/**
 * CloudTrail's userIdentity types that are never an ECS task's role session (AssumedRole) nor an
 * AWS service: read when the record gives no ARN (elided by its author, or none: an anonymous caller).
 */
const PEOPLE_AND_ACCOUNTS = new Set([
  'IAMUser',
  'Root',
  'FederatedUser',
  'AWSAccount',
  'SAMLUser',
  'WebIdentityUser',
  'IdentityCenterUser',
  'Directory',
]);

/**
 * The calls a role's trust policy governs along with its assumption: the assume itself, and the
 * session tags and source identity passed with it (IAM User Guide, "Passing session tags in AWS STS").
 */
const TRUST_ACTIONS = new Set(['sts:assumerole', 'sts:tagsession', 'sts:setsourceidentity']);

export function classify(input: ClassifyInput): Classification {
  const classification = classifyCaller(input);
  // Someone other than a task's app failing to assume a role: the role's trust policy (or the
  // caller's permission to assume it) is the step, whoever the caller was.
  const action = input.action?.toLowerCase() ?? '';
  if (classification.role === 'other' && classification.step === 'other' && TRUST_ACTIONS.has(action)) {
    classification.step = 'trust';
    classification.reasons.push(
      `the role's trust policy must name this caller and allow ${input.action}, and the caller's own policy must allow it on the role`,
    );
  }
  return classification;
}

function classifyCaller(input: ClassifyInput): Classification {
  const { action, template, context, call } = input;
  // A role session whose name and session are both masked tells no more than a message naming none.
  const masked = input.principal !== null && maskedWhole(input.principal);
  const principal = masked ? null : input.principal;
  const lowerAction = action?.toLowerCase() ?? '';
  const result = (role: RoleKind, step: Step, confidence: number, ...reasons: string[]): Classification => ({
    role,
    step,
    confidence,
    reasons,
  });

  if (template?.step === 'trust' && template.advice) {
    return result('other', 'trust', 2, `the message is about ${template.doing}`, template.advice);
  }
  if (template?.step === 'trust') {
    const assumer = template.assumer ?? 'ECS';
    return result(
      'other',
      'trust',
      2,
      `${assumer} could not assume ${template.roleArn || 'the role'}: the role's trust policy must allow ${template.trustedService ?? TASKS_SERVICE} to call sts:AssumeRole (with conditions that match), and the role must exist`,
      assumer === 'ECS'
        ? 'if the trust policy is right, check that whoever created the service or ran the task may pass the role (iam:PassRole)'
        : `if the trust policy is right, check that the caller's own policy allows sts:AssumeRole on the role`,
    );
  }
  // A web identity (an OIDC token: a CI pipeline, an EKS service account) or a SAML assertion
  // exchanged for the role: ECS gives a task its roles' credentials itself, never through these.
  if (lowerAction === 'sts:assumerolewithwebidentity' || lowerAction === 'sts:assumerolewithsaml') {
    return result(
      'other',
      'trust',
      2,
      `${action} is how a federated identity (an OIDC token from a CI pipeline or an EKS service account, a SAML assertion) gets a role, which no ECS task does: the role's trust policy must allow that provider, with conditions (aud, sub) that match the token`,
    );
  }
  if (template?.actor === 'ecs-service') {
    return result(
      'other',
      template.step,
      2,
      `the message is ECS's own, about ${template.doing}: no task was running yet`,
      ...(template.advice ? [template.advice] : []),
    );
  }
  // ECS's own principals (its infrastructure role, the container instance's agent, its
  // service-linked role, Fargate): the duty names what ECS was doing; passing the instance
  // profile's role to EC2 is still a pass-role step.
  const duty = lowerAction === 'sts:assumerole' ? null : ecsDutyOf(principal, action);
  if (duty && principal) {
    const step = lowerAction === 'iam:passrole' ? 'pass-role' : 'other';
    return { ...result('other', step, 2, ...dutyReasons(duty, principal, action)), duty };
  }
  if (lowerAction === 'iam:passrole') {
    const passedTo = input.passedTo ?? null;
    return result(
      'other',
      'pass-role',
      2,
      passedTo === TASKS_SERVICE
        ? `${principalName(principal)} registers or runs tasks and may not pass the role to ECS: it needs iam:PassRole on that role (condition iam:PassedToService = ${TASKS_SERVICE})`
        : passedTo === null
          ? `${principalName(principal)} may not pass the role, and nothing read names the service it was passing it to: it needs iam:PassRole on that role, best with the condition iam:PassedToService = that service's principal`
          : `${principalName(principal)} may not pass the role to ${passedTo}, which the refused call configures: it needs iam:PassRole on that role (condition iam:PassedToService = ${passedTo})`,
    );
  }
  if (lowerAction === 'ecs:executecommand') {
    return result(
      'other',
      'exec',
      2,
      `ecs:ExecuteCommand is called by whoever runs \`aws ecs execute-command\` (a person, Copilot, a script), not by the task: ${principalName(principal)} needs it on the cluster and the task`,
      'ECS Exec also needs the task started with enableExecuteCommand (Copilot: `exec: true`), and its task role the ssmmessages channel actions',
    );
  }
  if (
    lowerAction === 'sts:assumerole' &&
    call &&
    calledByEcs(call) &&
    call.userIdentityType === 'AWSService'
  ) {
    return result(
      'other',
      'trust',
      2,
      "CloudTrail shows ECS (ecs-tasks.amazonaws.com) failing to assume the role: fix the role's trust policy",
    );
  }
  if (principal && ['user', 'root', 'federated-user'].includes(principal.type)) {
    return result(
      'other',
      template && template.step !== 'other' ? template.step : 'other',
      2,
      `the denied principal is ${principal.raw}, an IAM ${principal.type.replace('-', ' ')}, not an ECS task's role`,
    );
  }
  if (!principal && call?.userIdentityType && PEOPLE_AND_ACCOUNTS.has(call.userIdentityType)) {
    return result(
      'other',
      template && template.step !== 'other' ? template.step : 'other',
      2,
      `CloudTrail's userIdentity is of type ${call.userIdentityType}, not an ECS task's role session`,
    );
  }
  const byTaskDefinition = classifyByTaskDefinition(input);
  if (byTaskDefinition) return byTaskDefinition;

  // ECS names its role sessions after the task (or `i-...` for the instance role): a session named
  // otherwise is someone else's use of the role, even in Docker's words (a CI build pulling an image).
  // ECS's own words still name the step: the agent pulling with the execution role, whatever its session.
  if (
    principal?.type === 'assumed-role' &&
    principal.sessionKind === 'other' &&
    (!template || template.dockerWording)
  )
    return classifyBySession(principal, input);

  // A service's status of what it manages outranks the Docker or ECS words it quotes (CodeBuild's
  // build image: 'CannotPullContainerError' is Docker's as much as ECS's).
  if ((!principal || principal.type === 'unknown') && input.statusBy) {
    if (input.statusStep === 'image-pull') {
      return result(
        'other',
        'image-pull',
        1,
        `the message is ${input.statusBy}'s own answer about an image it runs: ${input.statusBy} pulls it itself, with its service principal or the job's role, not an ECS task's execution role; the repository's policy (for another account's image) and that principal's must allow the pull`,
      );
    }
    const assumeRole = lowerAction === 'sts:assumerole';
    return result(
      'other',
      assumeRole ? 'trust' : template && template.step !== 'other' ? template.step : 'other',
      1,
      `the message is ${input.statusBy}'s status of what it runs (a compute environment, a build, an automation, a state machine, a delivery stream): ${input.statusBy} made the call with its service role, not an ECS task's role${assumeRole ? " (it could not assume that role: the role's name or path, or its trust of the service)" : ''}`,
    );
  }
  if (template) {
    if (template.actor === 'task-role' && template.step === 'efs' && template.dockerWording && !principal) {
      return result(
        'other',
        'efs',
        1,
        "the mount's own words, without ECS's wrapper ('failed to invoke EFS utils commands'): a host's, a Kubernetes node's or a CodeBuild build's mount prints them so, with the host's, the driver's or the build's role; in a task, ECS's wrapper says so and the task role mounts",
      );
    }
    if (template.actor === 'task-role') {
      // ECS hands a task its task role's credentials, never the instance's: the instance's own
      // session doing the same (Session Manager to the host, a host's mount) is the host's role.
      if (principal?.sessionKind === 'instance') {
        return result(
          'other',
          template.step,
          2,
          `the denied principal is the EC2 instance's own role (${principal.roleName}), which no task is given for ${template.doing}`,
        );
      }
      return result('task-role', template.step, 2, `ECS uses the task role for ${template.doing}`);
    }
    const reasons = [
      `the message is ECS's error for ${template.doing}, which ECS does with the execution role`,
    ];
    if (principal?.sessionKind === 'instance') {
      reasons.push(
        `the denied principal is the EC2 container instance's role (${principal.roleName}): it stood in because the task has no execution role or the agent was not asked to use it`,
      );
    }
    // The action is more precise than the wrapper: a pull that failed on its ECR token is registry auth.
    const byAction = startUpStepOfAction(lowerAction);
    const step =
      template.step === 'other' || (template.step === 'image-pull' && byAction === 'registry-auth')
        ? (byAction ?? template.step)
        : template.step;
    return result('execution-role', step, 2, ...reasons);
  }
  if (context === 'stopped-reason') {
    return result(
      'execution-role',
      startUpStepOfAction(lowerAction) ?? 'other',
      2,
      'the failure is in the stopped reason, written by the ECS agent while starting the task with the execution role',
    );
  }
  // The agent's own calls (registering, polling, creating the default cluster) are not the
  // execution role's, whatever CloudTrail's user agent says: the instance's, below.
  const agentOwnCall = isAgentOwnAction(action);
  if (calledByEcs(call) && !(agentOwnCall && ECS_AGENT.test(call?.userAgent ?? ''))) {
    return result(
      'execution-role',
      startUpStepOfAction(lowerAction) ?? 'other',
      2,
      'CloudTrail shows ECS made the call (invokedBy / user agent), which it does with the execution role',
    );
  }
  if (input.deployTool) {
    return result(
      'other',
      stepOfTool(input.deployTool),
      1,
      `the message is ${input.deployTool}'s output: the caller is whoever ran it (a person, a pipeline, the stack's role or a resource handler), not an ECS task's role`,
    );
  }
  if (!principal && input.deliveredBy) {
    return result(
      'other',
      'other',
      1,
      `the record is ${input.deliveredBy}'s log of its own delivery to an endpoint: ${input.deliveredBy} made the call, and the endpoint's resource policy (a queue's, a function's) must allow ${input.deliveredBy} to deliver there, not an ECS task's role`,
    );
  }
  const service = principal ? null : callingService(call);
  if (service) {
    return result(
      'other',
      'other',
      1,
      `CloudTrail shows ${service} made the call, with a role of its own (its service role), not an ECS task's`,
    );
  }
  if (agentOwnCall && (!principal || ECS_AGENT.test(call?.userAgent ?? ''))) {
    return result(
      'other',
      'other',
      1,
      `${action} is a call an agent on the container instance makes for itself (the ECS agent, or Service Connect's relay through it), with the instance's role: give that role the permission (AmazonEC2ContainerServiceforEC2Role has the ECS agent's)`,
    );
  }
  if ((!principal || principal.type === 'unknown') && input.fromLambda) {
    return result(
      'other',
      'other',
      1,
      "the message is in AWS Lambda's forms (a request id after the time, the function's log group first, or the runtime's errorType and errorMessage JSON): a Lambda function's role was denied, not an ECS task's",
    );
  }
  if ((!principal || principal.type === 'unknown') && input.ranOn) {
    return result(
      'other',
      'other',
      1,
      `the paste shows the program ran on ${input.ranOn}, where no ECS task runs: its own credentials were denied, not a task's role`,
    );
  }
  // An image's pull is ECS's to make (Fargate's with the execution role); an app seldom pulls one
  // itself, and when it does, its SDK's exception says so (fl-09: a reason retyped alone).
  if (!principal && !input.programException && startUpStepOfAction(lowerAction) === 'image-pull') {
    return result(
      'execution-role',
      'image-pull',
      0,
      `the message names no principal, and ${action} is part of pulling an image, which ECS does with the task's execution role`,
    );
  }
  if (!principal) {
    return result(
      'task-role',
      taskRoleStepOfAction(action, input.sdkWords),
      0,
      masked
        ? `the principal is masked whole (${input.principal?.raw}), so nothing says it is not the task's; an SDK error in a task's logs comes from the app, which runs as the task role`
        : "the message names no principal; an SDK error in a task's logs comes from the app, which runs as the task role",
    );
  }
  // A person's sign-in name where IAM writes an ARN (Pulumi's provider, pulumi/pulumi-aws#4849): a person called.
  if (principal.type === 'unknown' && isSignInName(principal.raw)) {
    return result(
      'other',
      'other',
      1,
      `the caller is written as a person's sign-in name (${principal.raw}): a person's call, not an ECS task's role`,
    );
  }
  // A role's session is always STS's ARN: one in IAM's namespace, however hidden, is a user's or a role's own.
  const inIamNamespace = /^arn:[\w-]+:iam::/i.test(principal.raw);
  if (principal.type === 'unknown' && input.programException && !inIamNamespace) {
    return result(
      'task-role',
      taskRoleStepOfAction(action, input.sdkWords),
      0,
      `the principal is hidden (${principal.raw}), but the message is an SDK exception a program logged; in a task's logs that is the app, which runs as the task role`,
    );
  }
  // A writer's shortening of the ARN to the role's bare name ("User: ecsTaskExecutionRole is not
  // authorized …", et-03): the name says whose, when the call is that role's to make.
  const bareName = principal.type === 'unknown' && /^[\w+=,.@-]+$/.test(principal.raw);
  const hint = bareName ? roleNameHint(principal.raw) : null;
  const startUpStep = startUpStepOfAction(lowerAction);
  if (hint === 'execution' && startUpStep) {
    return result(
      'execution-role',
      startUpStep,
      1,
      `the principal is written as a bare name (${principal.raw}), an execution role's, and ${action} is a call ECS makes with the execution role to start a task`,
    );
  }
  if (hint === 'task' && !startUpStep) {
    return result(
      'task-role',
      taskRoleStepOfAction(action, input.sdkWords),
      1,
      `the principal is written as a bare name (${principal.raw}), a task role's, and ${action ?? 'the call'} is no call ECS makes to start a task: the app's own`,
    );
  }
  if (principal.type === 'unknown') {
    return result(
      'other',
      'other',
      0,
      `the principal is hidden (${principal.raw}), so nothing ties the call to an ECS task's role`,
    );
  }
  return classifyBySession(principal, input);
}

function classifyByTaskDefinition(input: ClassifyInput): Classification | null {
  const jobs = input.roleJobs;
  if (!jobs || (jobs.asExecutionRole.length === 0 && jobs.asTaskRole.length === 0)) return null;
  const { action, template, context, call } = input;
  const startUp =
    (template !== null && template.actor === 'execution-role') ||
    context === 'stopped-reason' ||
    calledByEcs(call);
  const asExecution = jobs.asExecutionRole.length > 0;
  const asTask = jobs.asTaskRole.length > 0;
  const useExecution = asExecution && (!asTask || startUp);
  if (useExecution) {
    const step =
      template && template.step !== 'other' ? template.step : (startUpStepOfAction(action ?? '') ?? 'other');
    const reasons = [`the role is the execution role of ${jobs.asExecutionRole.join(', ')}`];
    if (asTask) reasons.push(`it is also the task role there; this call was ECS starting the task`);
    return { role: 'execution-role', step, reasons, confidence: 3 };
  }
  const step = template?.actor === 'task-role' ? template.step : taskRoleStepOfAction(action, input.sdkWords);
  const reasons = [`the role is the task role of ${jobs.asTaskRole.join(', ')}`];
  if (asExecution)
    reasons.push(
      'it is also the execution role there, and nothing shows ECS made this call: taken as the app',
    );
  // With one role in both jobs, only a sign of ECS at work decides; without one this is a guess.
  return { role: 'task-role', step, reasons, confidence: asExecution ? 1 : 3 };
}

function classifyBySession(principal: Principal, input: ClassifyInput): Classification {
  const { action, context, taskHasNoTaskRole } = input;
  const lowerAction = action?.toLowerCase() ?? '';
  const hint = roleNameHint(visibleRoleName(principal));
  const name = visibleRoleName(principal) ?? principal.raw;
  const startUpStep = startUpStepOfAction(lowerAction);

  if (principal.sessionKind === 'instance') {
    if (hint === 'kubernetes') {
      return {
        role: 'other',
        step: 'other',
        confidence: 1,
        reasons: [`${name} is a Kubernetes node's instance role, not an ECS task's`],
      };
    }
    const platform = instancePlatformOf(visibleRoleName(principal));
    if (platform) {
      return {
        role: 'other',
        step: 'other',
        confidence: 1,
        reasons: [
          `${name} is named as ${platform} names the roles of its own EC2 instances, not an ECS cluster's: the program ran on such a host with its instance profile`,
        ],
      };
    }
    if (isAgentOwnAction(action)) {
      return {
        role: 'other',
        step: 'other',
        confidence: 1,
        reasons: [`${name} is the EC2 container instance's role, denied on the ECS agent's own call`],
      };
    }
    // Elastic Beanstalk, Nomad and plain EC2 hosts look the same: only ECS evidence makes it a container instance.
    const ecsHost = /ecs/i.test(name) || taskHasNoTaskRole;
    // Pulling images is a host's job; reading a secret or parameter in a log line is an app's.
    const hostJob = startUpStep !== null && (context !== 'log-line' || startUpStep !== 'secret-injection');
    // The SSM agent's channel (ssmmessages, ec2messages) and assuming another role (a CI runner's
    // credentials step) are what a host does with its own profile, not a container's fallback.
    const hostCall = /^(?:ssmmessages|ec2messages):|^sts:(?:assumerole|tagsession)$/.test(lowerAction);
    if (!ecsHost && (context === 'cloudtrail' || hostJob || hostCall)) {
      return {
        role: 'other',
        step: 'other',
        confidence: 1,
        reasons: [
          `the session ${principal.session} is an EC2 instance profile, and nothing ties ${name} to ECS (Elastic Beanstalk, Nomad and plain EC2 hosts look the same)`,
        ],
      };
    }
    if (startUpStep && startUpStep !== 'secret-injection') {
      return {
        role: 'execution-role',
        step: startUpStep,
        confidence: 1,
        reasons: [
          `${name} is an EC2 instance role doing the execution role's job (${startUpStep}): the task has no execution role or the agent was not asked to use it`,
        ],
      };
    }
    return {
      role: 'task-role',
      step: taskRoleStepOfAction(action, input.sdkWords),
      confidence: 1,
      reasons: [
        `the app's call ran as the EC2 container instance's role ${name} (session ${principal.session}): the task has no task role, so its SDK fell back to the instance profile; give the task a task role with this permission`,
      ],
    };
  }

  // The execution role only ever pulls images, writes awslogs and reads secrets: any other
  // action was the app's, whatever the role is called.
  const startUpReason = `${action} is a call ECS makes with the execution role to start a task`;
  const appReason = `${action ?? 'the call'} is not one ECS makes to start a task, so it was the app's, made with the task role`;

  if (principal.sessionKind === 'task-id' || principal.sessionKind === 'uuid') {
    const sessionReason =
      principal.sessionKind === 'task-id'
        ? `the session name ${principal.session} is an ECS task id`
        : `the session name ${principal.session} is a UUID, as old-format ECS task ids are (App Runner uses them too: a hint)`;
    // In a task's own logs the caller is the app; in CloudTrail it may be ECS starting the task.
    if (context === 'cloudtrail' && startUpStep !== null && hint !== 'task') {
      return {
        role: 'execution-role',
        step: startUpStep,
        confidence: 1,
        reasons: [
          sessionReason,
          hint === 'execution' ? `the role's name ${name} says execution role (a hint)` : startUpReason,
          'a task definition among the inputs would settle which role this is',
        ],
      };
    }
    return {
      role: 'task-role',
      step: taskRoleStepOfAction(action, input.sdkWords),
      confidence: 1,
      reasons: [
        sessionReason,
        context === 'cloudtrail'
          ? appReason
          : "the call came from the task's app, which runs as the task role",
      ],
    };
  }

  if (principal.sessionKind === 'unknown') {
    if (hint === 'execution' && startUpStep !== null) {
      return {
        role: 'execution-role',
        step: startUpStep,
        confidence: 1,
        reasons: [
          `the session is not shown, but the role's name ${name} says execution role (a hint)`,
          startUpReason,
        ],
      };
    }
    if (hint === 'task' || hint === 'both' || hint === 'execution') {
      return {
        role: 'task-role',
        step: taskRoleStepOfAction(action, input.sdkWords),
        confidence: 1,
        reasons: [
          hint === 'execution'
            ? `the session is not shown; the role's name ${name} says execution role, but ${appReason}: the task role seems to be that role (one role for both jobs, or named after the wrong one)`
            : `the session is not shown, but the role's name ${name} says task role (a hint)`,
        ],
      };
    }
    return {
      role: 'other',
      step: 'other',
      confidence: 0,
      reasons: [`the session of ${name} is not shown, and nothing ties the role to an ECS task`],
    };
  }

  if (hint === 'task' && startUpStep === null) {
    return {
      role: 'task-role',
      step: taskRoleStepOfAction(action, input.sdkWords),
      confidence: 0,
      reasons: [
        `the session name ${principal.session} is not an ECS task id, so ${name} was assumed again outside ECS (by the app itself, a script or a person)`,
        `the role's name says task role (a hint): its policy is the one that lacks the permission`,
      ],
    };
  }
  const service = serviceOfSession(principal.session);
  return {
    role: 'other',
    step: 'other',
    confidence: 1,
    reasons: [
      service
        ? `the session name ${principal.session} is the one AWS ${service} gives the role it assumes: the call was that service's, not an ECS task's`
        : `the session name ${principal.session} is not an ECS task id (ECS names role sessions after the task), so ${name} was used by something else: a deployer, a Lambda function, a script or a person`,
    ],
  };
}
