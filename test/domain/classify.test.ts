/**
 * Whose request was denied, on real records and messages. Where a real record of a success
 * is turned into a denial, only errorCode/errorMessage are added, in IAM's real form.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../src/domain/evidence.js';
import { analyzeEvidence } from '../../src/pipeline.js';
import { cloudTrailEvidence } from '../../src/sources/files/cloudtrail-record.js';
import { taskDefinitionEvidence } from '../../src/sources/files/ecs-outputs.js';
import { textEvidence } from '../../src/sources/files/text-input.js';
import { corpusMessage } from '../corpus-cases.js';

type Json = Record<string, unknown>;
const records = (name: string): Json[] =>
  JSON.parse(readFileSync(new URL(`../fixtures/aws/${name}`, import.meta.url), 'utf8')).Records;

async function firstFinding(evidence: Evidence[]) {
  const analysis = await analyzeEvidence(evidence, []);
  return analysis.findings[0];
}

describe('classification', () => {
  it('ECS (AWSService, invokedBy ecs-tasks) failing sts:AssumeRole is a trust failure (flaws2 record, denied)', async () => {
    const [assume] = records('cloudtrail-flaws2-ecs-tasks-assumerole.json');
    const denied = { ...assume, errorCode: 'AccessDenied', errorMessage: 'Access denied' };
    const finding = await firstFinding([cloudTrailEvidence(denied, { source: 'flaws2' })]);
    expect(finding).toMatchObject({ role: 'other', step: 'trust', action: 'sts:AssumeRole' });
    expect(finding?.resource).toMatch(/^arn:aws:iam::\d+:role\//);
  });

  it("a task role's session (old UUID task id) denied on an app call is the task role (flaws2 record, denied)", async () => {
    const [call = {}] = records('cloudtrail-flaws2-task-role-session-listbuckets.json');
    const denied = {
      ...call,
      errorCode: 'AccessDenied',
      errorMessage: `User: ${(call.userIdentity as Json).arn} is not authorized to perform: s3:ListAllMyBuckets because no identity-based policy allows the s3:ListAllMyBuckets action`,
    };
    const finding = await firstFinding([cloudTrailEvidence(denied, { source: 'flaws2' })]);
    expect(finding).toMatchObject({ role: 'task-role', step: 'app-call', action: 's3:ListAllMyBuckets' });
  });

  it("a web identity refused by a role's trust is another principal's trust failure, never a task's (ec-46)", async () => {
    // external-secrets/kubernetes-external-secrets#287: the AWS CLI in an EKS pod (IRSA).
    const message =
      'An error occurred (AccessDenied) when calling the AssumeRoleWithWebIdentity operation: Not authorized to perform sts:AssumeRoleWithWebIdentity';
    const finding = await firstFinding(textEvidence(message, 'paste.txt'));
    expect(finding).toMatchObject({ role: 'other', step: 'trust', action: 'sts:AssumeRoleWithWebIdentity' });
  });

  it('a Lambda role session (session name not a task id) is other (flaws2 CreateLogStream denial)', async () => {
    const [denied] = records('cloudtrail-flaws2-logs-createlogstream-accessdenied.json');
    const finding = await firstFinding([cloudTrailEvidence(denied as Json, { source: 'flaws2' })]);
    expect(finding).toMatchObject({ role: 'other', action: 'logs:CreateLogStream' });
  });

  it('the task definition decides: the same role named as taskRoleArn is the task role', async () => {
    const definition = taskDefinitionEvidence(
      {
        taskDefinitionArn: 'arn:aws:ecs:us-west-2:922673882694:task-definition/gamma:7',
        family: 'gamma',
        revision: 7,
        taskRoleArn: 'arn:aws:iam::922673882694:role/app/ecsTaskRole',
        executionRoleArn: 'arn:aws:iam::922673882694:role/ecsTaskExecutionRole',
        containerDefinitions: [],
      },
      'td.json',
      'taskDefinition',
    );
    const finding = await firstFinding([
      ...(definition ? [definition] : []),
      ...textEvidence(corpusMessage('app-03'), 'app.log'),
    ]);
    expect(finding).toMatchObject({
      role: 'task-role',
      step: 'app-call',
      roleArn: 'arn:aws:iam::922673882694:role/app/ecsTaskRole',
      taskId: 'db6edd7b203645b48e0148d210735bd9',
    });
    expect(finding?.reasons[0]).toBe('the role is the task role of gamma:7');
  });

  it('the EC2 container instance role denied on an app call is a task-role problem (ecs-25)', async () => {
    const finding = await firstFinding(textEvidence(corpusMessage('ecs-25'), 'app.log'));
    expect(finding).toMatchObject({ role: 'task-role', action: 'sqs:CreateQueue' });
    expect(finding?.reasons.join(' ')).toMatch(/no task role/);
  });

  it('the container instance role denied on awslogs is an execution-role problem (ecs-15)', async () => {
    const finding = await firstFinding(textEvidence(corpusMessage('ecs-15'), 'reason.txt'));
    expect(finding).toMatchObject({
      role: 'execution-role',
      step: 'log-delivery',
      action: 'logs:CreateLogGroup',
    });
  });

  it('an explicit deny in an SCP says no Allow in the role can fix it (app-35)', async () => {
    const finding = await firstFinding(textEvidence(corpusMessage('app-35'), 'controller.log'));
    expect(finding).toMatchObject({ policyType: 'scp', explicitDeny: true });
    expect(finding?.reasons.join(' ')).toMatch(/no Allow in .* can fix it/);
  });

  it('iam:PassRole denied to a deployer is pass-role (ecs-09)', async () => {
    const finding = await firstFinding(textEvidence(corpusMessage('ecs-09'), 'airflow.log'));
    expect(finding).toMatchObject({
      role: 'other',
      step: 'pass-role',
      principalArn: 'arn:aws:iam::120038763019:user/parking-airflow-user',
    });
  });
});
