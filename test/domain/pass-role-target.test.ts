/**
 * A refused iam:PassRole is fixed by a statement conditioned on the service the role was passed
 * to. IAM's sentence names only the role; the call that carried it names the service, and a fix
 * that allowed the pass to ECS's tasks alone would be refused again for any other service.
 */
import { describe, expect, it } from 'vitest';
import { passRoleTarget } from '../../src/domain/pass-role-target.js';
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
