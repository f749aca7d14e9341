/**
 * A deployment tool's output is a deployer's call, whatever the session name looks like:
 * real Terraform and CloudFormation messages from public issues, and real app lines that
 * must not be taken for one.
 */
import { describe, expect, it } from 'vitest';
import { deployToolOf } from '../../src/domain/deploy-tool.js';
import { analyzeEvidence } from '../../src/pipeline.js';
import { textEvidence } from '../../src/sources/files/text-input.js';

async function firstFinding(message: string) {
  const analysis = await analyzeEvidence(textEvidence(message, 'pasted.txt'), []);
  return analysis.findings[0];
}

/** mongodb/awscdk-resources-mongodbatlas#207: a registry resource type's handler, its session a request token. */
const CLOUDFORMATION_HANDLER =
  'Resource handler returned message: "AccessDeniedException: User: arn:aws:sts::903779448426:assumed-role/MongoDB-Atlas-CDK-Excecution/8ce94db6-f347-1447-0e88-762666244885 is not authorized to perform: secretsmanager:GetSecretValue on resource: cfn/atlas/profile/development because no identity-based policy allows the secretsmanager:GetSecretValue action status code: 400, request id: 332c0e26-bdf4-4cc0-add0-805f2acf50e5" (RequestToken: 8ce94db6-f347-1447-0e88-762666244885, HandlerErrorCode: NotFound)';

/** andresriancho/aws-backup#5: the AWS provider (v3) reading a secret whose key the operator may not use. */
const TERRAFORM_PROVIDER_V3 =
  'Error: error reading Secrets Manager Secret Version: AccessDeniedException: Access to KMS is not allowed\n\tstatus code: 400, request id: 4ff6091e-fc13-4e0c-8805-24820cb106f6';

/** techservicesillinois/terraform-aws-ecs-service#4: Terraform 0.11's error list. */
const TERRAFORM_011 = `Error: Error applying plan:

1 error(s) occurred:

* aws_ecs_task_definition.fargate: 1 error(s) occurred:

* aws_ecs_task_definition.fargate: AccessDeniedException: User: arn:aws:sts::224588347132:assumed-role/ASTestPowerUser/ecc@illinois.edu is not authorized to perform: iam:PassRole on resource: arn:aws:iam::224588347132:role/ecsTaskExecutionRole
        status code: 400, request id: c90fdff2-4ee8-11e8-bf30-f79a4fa28fc3`;

/** squidfunk/terraform-aws-cognito-auth#1329: Terraform 0.12 with the provider's "Error creating". */
const TERRAFORM_012 = `Error: Error creating Lambda function: AccessDeniedException: 
        status code: 403, request id: cbe2020f-da7c-436f-a16d-ffe0d833fc94

  on .terraform/modules/cognito-auth/terraform-aws-cognito-auth-0.4.2/modules/web/main.tf line 319, in resource "aws_lambda_function" "_":
 319: resource "aws_lambda_function" "_" {`;

describe('deployToolOf', () => {
  it("knows Terraform's and CloudFormation's framing", () => {
    expect(deployToolOf(CLOUDFORMATION_HANDLER)).toBe('CloudFormation');
    expect(deployToolOf(TERRAFORM_PROVIDER_V3)).toBe('Terraform');
    expect(deployToolOf(TERRAFORM_011)).toBe('Terraform');
    expect(deployToolOf(TERRAFORM_012)).toBe('Terraform');
  });

  it("does not take an app's SDK error for one", () => {
    // HHS/simpler-grants-gov#6013 and aws/aws-sdk-ruby#3091: app lines in ECS tasks.
    expect(
      deployToolOf(
        'botocore.exceptions.ClientError: An error occurred (AccessDenied) when calling the PutObject operation: Access Denied',
      ),
    ).toBeNull();
    expect(deployToolOf('#<Aws::S3::Errors::AccessDenied: Access Denied>')).toBeNull();
    expect(
      deployToolOf(
        'Error: AccessDeniedException: User: arn:aws:sts::111122223333:assumed-role/orders-api-task-role/8d2e4f6a0b1c4d3e9f8a7b6c5d4e3f21 is not authorized to perform: sqs:ReceiveMessage',
      ),
    ).toBeNull();
  });
});

describe('classification of a deployment tool’s denial', () => {
  it('a CloudFormation handler whose session looks like an older task id is not a task role', async () => {
    const finding = await firstFinding(CLOUDFORMATION_HANDLER);
    expect(finding).toMatchObject({ role: 'other', action: 'secretsmanager:GetSecretValue' });
    expect(finding?.reasons.join('\n')).toMatch(/CloudFormation's output/);
  });

  it('Terraform reading a KMS-encrypted secret: the operator, not an app', async () => {
    const finding = await firstFinding(TERRAFORM_PROVIDER_V3);
    expect(finding).toMatchObject({ role: 'other', action: 'kms:Decrypt' });
    expect(finding?.reasons.join('\n')).toMatch(/Terraform's output/);
  });
});

describe("the CDK's, SAM's and Copilot's own lines (issue 11, extra cases t-)", () => {
  it.each([
    // aws/aws-cdk#6430
    [' ❌  MyStack failed: ValidationError: S3 error: Access Denied', 'the CDK'],
    // aws/aws-cdk#23041
    [
      '[13:17:48] Call failed: getBucketLocation({"Bucket":"cdk-hnb659fds-assets-162234902838-us-east-1"}) => Access Denied (code=AccessDenied)',
      'the CDK',
    ],
    // aws/aws-sam-cli#1949
    [
      'Error: Unable to upload artifact ../CognitoPostConfirmation/ referenced by CodeUri parameter of CognitoPostConfirmationFunction resource.',
      'SAM',
    ],
    // aws/copilot-cli#4040
    [
      '✘ upload deploy resources for job testjob: upload custom resources for "testjob": upload custom resource "EnvControllerFunction": upload manual/scripts/custom-resources/envcontrollerfunction/3ffcf0.zip to bucket somebucketname: AccessDenied: Access Denied',
      'Copilot',
    ],
  ])('%s is %s', (line, tool) => {
    expect(deployToolOf(line)).toBe(tool);
  });

  it("takes SAM's line before S3's AccessDenied as the framing of that denial (aws/aws-sam-cli#1949)", async () => {
    const finding = await firstFinding(
      'Error: Unable to upload artifact ../CognitoPostConfirmation/ referenced by CodeUri parameter of CognitoPostConfirmationFunction resource.   \nAn error occurred (AccessDenied) when calling the PutObject operation: Access Denied',
    );
    expect(finding).toMatchObject({ role: 'other', step: 'other', action: 's3:PutObject' });
    expect(finding?.evidence).toHaveLength(2);
  });
});

describe("a command-line tool's lines in logrus's terminal format (issue 11, extra cases ed-)", () => {
  /** aws/amazon-ecs-cli#755: ecs-cli compose run on a container instance, with the instance's role. */
  const ECS_CLI_ON_AN_INSTANCE =
    'ERRO[0000] Error listing tasks                           error="AccessDeniedException: User: arn:aws:sts::xxxxxxxxx:assumed-role/ecsInstanceRole/i-0530d1375c75651a3 is not authorized to perform: ecs:ListTasks';

  it.each([
    [ECS_CLI_ON_AN_INSTANCE],
    // aws/amazon-ecs-cli#754
    [
      'FATA[0000] UnauthorizedOperation: You are not authorized to perform this operation.\n\tstatus code: 403, request id:',
    ],
  ])('%s is a terminal command', (line) => {
    expect(deployToolOf(line)).toBe('a terminal command');
  });

  it("does not take logrus's logfmt (a service's log, no terminal) for one", () => {
    // aws/aws-for-fluent-bit#835, a FireLens container's own log line
    expect(
      deployToolOf(
        'time="2024-06-13T18:48:52Z" level=error msg="AccessDeniedException: User: arn:aws:sts::xxxxxxxxxxxx:assumed-role/fluentbit-task-role/xxxxxxx is not authorized to perform: logs:CreateLogGroup on resource: arn:aws:logs:us-east-1:xxxxxxxxxxxx:log-group:fluent-bit-cloudwatch:log-stream: because no identity-based policy allows the logs:CreateLogGroup action\\n\\tstatus code: 400, request id: xxxxxxxx"',
      ),
    ).toBeNull();
  });

  it("the instance role's call from ecs-cli is whoever ran it, not a task's app", async () => {
    expect(await firstFinding(ECS_CLI_ON_AN_INSTANCE)).toMatchObject({
      role: 'other',
      step: 'other',
      action: 'ecs:ListTasks',
    });
  });
});
