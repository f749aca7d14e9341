/**
 * A refused iam:PassRole is fixed by a statement conditioned on the service the role was passed
 * to. IAM's sentence names only the role; the call that carried it names the service, and a fix
 * that allowed the pass to ECS's tasks alone would be refused again for any other service.
 */
import { describe, expect, it } from 'vitest';
import { passedRoleIsTasks, passRoleTarget } from '../../src/domain/pass-role-target.js';
import { diagnosisSentence } from '../../src/report/diagnosis.js';
import { requestContext } from '../../src/verify/request-context.js';
import { firstFinding } from '../pasted-message.js';

describe('the service a refused PassRole passed the role to', () => {
  it("is the refused call's service: its CloudTrail eventSource, else the service the SDK error names", () => {
    expect(passRoleTarget('lambda.amazonaws.com', [])).toBe('lambda.amazonaws.com');
    expect(passRoleTarget('ecs.amazonaws.com', [])).toBe('ecs-tasks.amazonaws.com');
    expect(passRoleTarget(null, ['bedrock'])).toBe('bedrock.amazonaws.com');
    // IAM's sentence alone, or the pass itself: nothing names the service.
    expect(passRoleTarget(null, [])).toBeNull();
    expect(passRoleTarget('iam.amazonaws.com', [])).toBeNull();
  });

  // alphagov/govuk-infrastructure#2439: Terraform Cloud configuring Bedrock's invocation logging (ei-14).
  const BEDROCK =
    'operation error Bedrock: PutModelInvocationLoggingConfiguration, https response error StatusCode: 403, User: arn:aws:sts::210287912431:assumed-role/terraform-cloud/terraform-run-h7rD1XcGWxHMDCG7 is not authorized to perform: iam:PassRole on resource: arn:aws:iam::210287912431:role/govuk-chat-bedrock-access-role because no identity-based policy allows the iam:PassRole action';

  it("gives the fix's condition, the diagnosis and the simulated request the same service (Bedrock)", async () => {
    const finding = await firstFinding(BEDROCK);
    expect(finding).toMatchObject({ step: 'pass-role', passedToService: 'bedrock.amazonaws.com' });
    const statement = finding?.fix?.policy?.Statement[0];
    expect(statement).toMatchObject({
      Action: ['iam:PassRole'],
      Resource: ['arn:aws:iam::210287912431:role/govuk-chat-bedrock-access-role'],
      Condition: { StringEquals: { 'iam:PassedToService': 'bedrock.amazonaws.com' } },
    });
    expect(finding?.reasons[0]).toContain('bedrock.amazonaws.com');
    expect(finding && diagnosisSentence(finding)).toContain('to bedrock.amazonaws.com');
    const context = requestContext(
      null,
      'arn:aws:sts::210287912431:assumed-role/terraform-cloud/x',
      'r',
      'iam:PassRole',
      finding?.passedToService,
    );
    expect(context['iam:PassedToService']).toBe('bedrock.amazonaws.com');
  });

  it("is ECS's tasks, with nothing naming the call, only for a task's role: one a task definition gives a job, or named as a task's", () => {
    expect(passedRoleIsTasks('arn:aws:iam::123456789012:role/app-env-CFNExecutionRole', true)).toBe(true);
    expect(passedRoleIsTasks('arn:aws:iam::120038763019:role/ecsTaskExecutionRole', false)).toBe(true);
    expect(
      passedRoleIsTasks('arn:aws:iam::123456789012:role/Stack-TaskDefTaskRole1EDB4A67-1X2Y', false),
    ).toBe(true);
    expect(passedRoleIsTasks('arn:aws:iam::123456789012:role/service-role/my-app-task-role', false)).toBe(
      true,
    );
    expect(passedRoleIsTasks('arn:aws:iam:::role/*-CFNExecutionRole', false)).toBe(false);
    expect(passedRoleIsTasks('arn:aws:iam::123456789012:role/my-function-role', false)).toBe(false);
    expect(passedRoleIsTasks(null, false)).toBe(false);
  });

  it("leaves the service open, and the fix unconditioned, when nothing names it and the role is no task's (eh-15, Copilot)", async () => {
    // https://github.com/aws/copilot-cli/issues/4849: `copilot env deploy`, the environment
    // manager passing CloudFormation's execution role; a fix for ECS's tasks allowed nothing.
    const finding = await firstFinding(
      'Getting this error: AccessDenied: User: arn:aws:sts:::assumed-role/*-EnvManagerRole/* is not authorized to perform: iam:PassRole on resource: arn:aws:iam:::role/*-CFNExecutionRole because no identity-based policy allows the iam:PassRole action',
    );
    expect(finding?.passedToService).toBeNull();
    const statement = finding?.fix?.policy?.Statement[0];
    expect(statement).toMatchObject({
      Action: ['iam:PassRole'],
      Resource: ['arn:aws:iam:::role/*-CFNExecutionRole'],
    });
    expect(statement?.Condition).toBeUndefined();
    expect(finding?.fix?.instruction).toContain('iam:PassedToService');
    expect(finding?.reasons[0]).toContain('nothing read names the service');
    expect(finding && diagnosisSentence(finding)).not.toContain('ECS');
    const context = requestContext(null, 'arn:aws:sts::1:assumed-role/r/s', 'r', 'iam:PassRole', null);
    expect(context['iam:PassedToService']).toBeUndefined();
  });

  it("keeps ECS's tasks for a pass in an ECS call, and when nothing names the service (ecs-09, ecs-10)", async () => {
    const runTask = await firstFinding(
      'botocore.errorfactory.AccessDeniedException: An error occurred (AccessDeniedException) when calling the RunTask operation: User: arn:aws:iam::120038763019:user/parking-airflow-user is not authorized to perform: iam:PassRole on resource: arn:aws:iam::120038763019:role/ecsTaskExecutionRole',
    );
    expect(runTask?.passedToService).toBeUndefined();
    expect(runTask?.fix?.policy?.Statement[0]?.Condition).toEqual({
      StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' },
    });
  });
});
