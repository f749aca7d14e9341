/**
 * A deployment tool's output is a deployer's call, whatever the session name looks like:
 * real Terraform and CloudFormation messages from public issues, and real app lines that
 * must not be taken for one.
 */
import { describe, expect, it } from 'vitest';
import { deployToolOf } from '../../src/domain/deploy-tool.js';
import { foldAtSpaces } from '../fold-text.js';
import { analysePasted, firstFinding, publishedCase } from '../pasted-message.js';

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

describe("deployers' framings without a principal to tell them (issue 11 family 4, extra cases eb-)", () => {
  it.each([
    // pulumi/pulumi#14413: the Terraform AWS provider v5 under Pulumi, no "Error:" in front.
    [
      'putting S3 Bucket (frenzza-iris-assets-1306709) Policy: operation error S3: PutBucketPolicy, https response error StatusCode: 403, RequestID: BX26C8V22KHV3Y28, HostID: nuceQUgbjzVywvNtqjtevOC0Ge4+Wv9raOCSw8zTibjvlPiHNetYhtdaN4xZqqMNcnGMYxlrGiI=, api error AccessDenied: Access Denied',
      'Terraform',
    ],
    // terraform-redhat/terraform-provider-rhcs#244: Terraform's debug log of a failed graph vertex.
    [
      '2023-10-24T13:48:04.185Z [ERROR] vertex "module.oidc_config_input_resources.module.rosa_oidc_config_resources[0].aws_s3_bucket_policy.allow_access_from_another_account" error: putting S3 Bucket (oidc-l1x6) Policy: operation error S3: PutBucketPolicy, https response error StatusCode: 403, RequestID: XVKX5BJF6YSHM3FF, api error AccessDenied: Access Denied',
      'Terraform',
    ],
    // cloudposse/terraform-aws-tfstate-backend#5: the S3 state backend.
    [
      'Error inspecting states in the "s3" backend:\n    AccessDenied: Access Denied\n\tstatus code: 403, request id: 47E272D927CA9A6A',
      'Terraform',
    ],
    // hashicorp/terraform#4115: remote state.
    [
      'Error reloading remote state: AccessDenied: Access Denied\n\tstatus code: 403, request id:',
      'Terraform',
    ],
    // serverless/serverless#4981
    [
      'ServerlessError: Access Denied\n    at BbPromise.fromCallback.catch.err (/usr/local/lib/node_modules/serverless/lib/plugins/aws/provider/awsProvider.js:262:11)',
      'the Serverless Framework',
    ],
    // adcreare/cloudformation#4: a pipeline's failed action.
    [
      'Action execution failed\nAccess Denied (Service: Amazon S3; Status Code: 403; Error Code: AccessDenied; Request ID: 25B458BA4187FD7E)',
      'CodePipeline',
    ],
    // The same with its two lines run together, as a ticket flattens them.
    [
      'Action execution failed Access Denied (Service: Amazon S3; Status Code: 403; Error Code: AccessDenied; Request ID: 25B458BA4187FD7E)',
      'CodePipeline',
    ],
  ])('%s is %s', (text, tool) => {
    expect(deployToolOf(text)).toBe(tool);
  });

  it("names the deployer, not a task role, for S3's bare Access Denied under them (eb-20, eb-23, eb-27, eb-28)", async () => {
    const finding = await firstFinding(
      'putting S3 Bucket (frenzza-iris-assets-1306709) Policy: operation error S3: PutBucketPolicy, https response error StatusCode: 403, RequestID: BX26C8V22KHV3Y28, HostID: nuceQUgbjzVywvNtqjtevOC0Ge4+Wv9raOCSw8zTibjvlPiHNetYhtdaN4xZqqMNcnGMYxlrGiI=, api error AccessDenied: Access Denied',
    );
    expect(finding).toMatchObject({ role: 'other', action: 's3:PutBucketPolicy' });
  });

  it('leaves an app that logs a verb and a name in brackets alone', () => {
    // app-14's Fluent Bit line and an app's own progress words are not the provider's framing.
    expect(
      deployToolOf(
        'time="2025-12-14T01:59:54Z" level=error msg="[firehose 0] PutRecordBatch failed with AccessDeniedException: User: arn:aws:sts::253490795979:assumed-role/task/abc is not authorized to perform: firehose:PutRecordBatch"',
      ),
    ).toBeNull();
    expect(deployToolOf('reading config (prod): AccessDenied: Access Denied')).toBeNull();
    // CodePipeline's words run on into something that is no error are an app's own.
    expect(
      deployToolOf('Action execution failed for job 42, retrying: AccessDenied: Access Denied'),
    ).toBeNull();
  });
});

describe("CloudFormation's own words around another service's refusal", () => {
  it.each([
    // phonghuule/connect-lex-integration-bookappointment#2: a stack launched from a template URL the caller may not read.
    [
      'S3 error: Access Denied For more information check http://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html',
    ],
    // afloesch/rfactor2-server-setup#3: the same framing around S3's AllAccessDisabled.
    [
      'S3 error: All access to this object has been disabled For more information check http://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html',
    ],
    // aws-quickstart/quickstart-cloudbees-ci#56 without its event columns, and aws/serverless-application-model#448.
    ['API: s3:PutBucketPolicy Access Denied'],
    [
      'API: iam:CreateRole User: arn:aws:sts::AccountId:assumed-role/CodeStarWorker-test-CloudFormation/AWSCloudFormation is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::AccountId:role/awscodestar-test-lambda-helloWorldRole-V5QUHYDCDRBA',
    ],
  ])('%s', (text) => {
    expect(deployToolOf(text)).toBe('CloudFormation');
  });

  it("makes the template bucket refusal the deployer's, not a task role's", async () => {
    const finding = await firstFinding(
      'S3 error: Access Denied For more information check http://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html',
    );
    expect(finding?.role).toBe('other');
  });
});

describe("Pulumi's diagnostics name the resource it was acting on", () => {
  it.each([
    // pulumi/pulumi-yaml#523
    '  aws:s3:BucketObject (index.html):\n    error: 1 error occurred:\n    \t* Error uploading object to S3 bucket (my-bucket-24e22aa): AccessDenied: Access Denied\n    \tstatus code: 403, request id: NSX6691CZQP7919P',
    // pulumi/pulumi-aws#907
    '  aws:lambda:Function (some-fn-name):\n    error: 1 error occurred:\n    \t* error creating Lambda Function (1): AccessDeniedException:\n    \tstatus code: 403, request id: 470b4118-6237-43b7-b6de-9a815ab4cf66',
    // pulumi/pulumi#6769: its state backend.
    'error: failed to load checkpoint: blob (key "xxxxxx") (code=Unknown): AccessDenied: Access Denied',
  ])('%s', (text) => {
    expect(deployToolOf(text)).toBe('Pulumi');
  });

  it("names the deployer for S3's bare Access Denied under Pulumi's header (pulumi/pulumi-yaml#523)", async () => {
    const finding = await firstFinding(
      '  aws:s3:BucketObject (index.html):\n    error: 1 error occurred:\n    \t* Error uploading object to S3 bucket (my-bucket-24e22aa): AccessDenied: Access Denied\n    \tstatus code: 403, request id: NSX6691CZQP7919P',
    );
    expect(finding).toMatchObject({ role: 'other', action: 's3:PutObject' });
  });

  it("leaves an app's own word 'error:' alone", () => {
    // pulumi/pulumi-yaml#523 without Pulumi's header is the provider's line, which an app does not print.
    expect(deployToolOf('error: 1 error occurred: AccessDenied: Access Denied')).toBeNull();
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

describe("CloudFormation's own refusal while it validates a template, and a CI step's (extra cases eh-)", () => {
  /** aws/aws-cdk#20959: CloudFormation resolving an SSM parameter with the deployer's permissions, as the CDK prints it. */
  const CDK_VALIDATION = `cdk-workshop failed: Error [ValidationError]: AccessDenied. User doesn't have permission to call ssm:GetParameters
    at Request.extractError (/usr/local/lib/node_modules/aws-sdk/lib/protocol/query.js:50:29)
    at Request.callListeners (/usr/local/lib/node_modules/aws-sdk/lib/sequential_executor.js:106:20) {
  code: 'ValidationError',`;

  /** wazuh/wazuh#37407: configure-aws-credentials fell back to the runner's own credentials. */
  const CONFIGURE_CREDENTIALS =
    'Could not assume role with user credentials: ... is not authorized to perform: sts:TagSession on resource: ***';

  it("reads CloudFormation's 'AccessDenied. User doesn't have permission to call' as its own words", () => {
    expect(deployToolOf(CDK_VALIDATION)).toBe('CloudFormation');
    expect(deployToolOf("AccessDenied. User doesn't have permission to call iam:GetRole")).toBe(
      'CloudFormation',
    );
  });

  it("names the deployer, not a task role, for CloudFormation's refusal under the CDK", async () => {
    expect(await firstFinding(CDK_VALIDATION)).toMatchObject({ role: 'other', action: 'ssm:GetParameters' });
  });

  it("reads configure-aws-credentials' 'Could not assume role with …' as a CI job's", async () => {
    expect(deployToolOf(CONFIGURE_CREDENTIALS)).toBe("GitHub Actions' configure-aws-credentials");
    expect(
      deployToolOf(
        'Error: Could not assume role with OIDC: Not authorized to perform sts:AssumeRoleWithWebIdentity',
      ),
    ).toBe("GitHub Actions' configure-aws-credentials");
    expect(await firstFinding(CONFIGURE_CREDENTIALS)).toMatchObject({
      role: 'other',
      action: 'sts:TagSession',
    });
  });

  it("leaves an app's own 'could not assume role' alone", () => {
    expect(
      deployToolOf('ERROR could not assume role arn:aws:iam::123456789012:role/reader: AccessDenied'),
    ).toBeNull();
  });
});

describe("the Serverless Framework's line for a stack resource that failed (extra cases eh-)", () => {
  /** silvermine/serverless-plugin-cloudfront-lambda-edge#51 */
  const FAILED_RESOURCE =
    '  An error occurred: WebsiteDistribution - The user is not authorized to create or assume a service linked role. (Service: AmazonCloudFront; Status Code: 403; Error Code: AccessDenied; Request ID: [xxxxx]).';

  it("reads 'An error occurred: <LogicalId> - <reason>' as the Framework's", async () => {
    expect(deployToolOf(FAILED_RESOURCE)).toBe('the Serverless Framework');
    expect(await firstFinding(FAILED_RESOURCE)).toMatchObject({ role: 'other' });
  });

  it("leaves botocore's 'An error occurred (Code) when calling' alone", () => {
    expect(
      deployToolOf(
        'An error occurred (AccessDenied) when calling the GetObject operation: Access Denied - check the key',
      ),
    ).toBeNull();
  });
});

describe("an Ansible playbook's framing, and the Serverless Framework's line inside Markdown (extra cases eh-)", () => {
  it.each([
    // StreisandEffect/streisand#92: Ansible 1.x's banner and failure line.
    ['TASK: [ec2-security-group | Create the EC2 security group] ********************', 'Ansible'],
    ['failed: [127.0.0.1 -> 127.0.0.1] => {"failed": true, "parsed": false}', 'Ansible'],
    // Ansible 2's forms.
    [
      'TASK [nagios : gather ec2 facts for nagios] ****************************************************************************',
      'Ansible',
    ],
    ['fatal: [localhost]: FAILED! => {"changed": false, "msg": "Failed to describe instances"}', 'Ansible'],
    // functionalone/serverless-iam-roles-per-function#39, italicised by the reporter.
    [
      '_ServerlessError: An error occurred: ProcessESDataLoadEventLambdaFunction - The provided execution role does not have permissions to call PutTraceSegments on XRAY',
      'the Serverless Framework',
    ],
  ])('%s is %s', (line, tool) => {
    expect(deployToolOf(line)).toBe(tool);
  });

  it("does not take an app's own bracketed task name for Ansible", () => {
    expect(deployToolOf('[TASK] upload failed: AccessDenied: Access Denied')).toBeNull();
  });
});

describe("the Serverless Framework's failed-resource line is told from an app's own", () => {
  it("does not take an exception's name for a logical id", () => {
    expect(
      deployToolOf(
        'An error occurred: ClientError - An error occurred (AccessDenied) when calling the GetObject operation: Access Denied',
      ),
    ).toBeNull();
  });
});

describe('a message that says the refusal came from a CloudFormation stack (extra case ej-33)', () => {
  const STACK_EVENT_QUOTED =
    'Create sub task stack failed.\nAnd the CloudFormation Event log shows that: "xxxxxxx is not authorized to perform: dynamodb:TagResource on resource xxxx"';
  const BROKER_CREATING_STACK =
    'E1204 17:30:51.289739       1 util.go:269] Status: 500; ErrorMessage: <nil>; Description: Failed to create the CloudFormation stack: AccessDenied: Access denied\n\tstatus code: 403, request id: 5862fc30-f7ea-11e8-9bed-e94e95f61919; ResponseError: <nil>';

  it("reads a stack's events quoted, or a stack a program failed to create, as CloudFormation's (awslabs/data-transfer-hub#141, awslabs/aws-servicebroker#76)", async () => {
    expect(deployToolOf(STACK_EVENT_QUOTED)).toBe('CloudFormation');
    expect(deployToolOf(BROKER_CREATING_STACK)).toBe('CloudFormation');
    expect(await firstFinding(STACK_EVENT_QUOTED)).toMatchObject({
      role: 'other',
      action: 'dynamodb:TagResource',
    });
    expect(await firstFinding(BROKER_CREATING_STACK)).toMatchObject({ role: 'other' });
  });

  it("leaves an app's own call to CloudFormation's API alone (runs-on/runs-on#27)", () => {
    expect(
      deployToolOf(
        '03-05-2024 04:16:08 PM AccessDenied: User: arn:aws:sts::066661520573:assumed-role/runs-on-RunsOnServiceRole-tWs7cLY5ltn3/5c525838-279e-4302-80c7-aecb074ef4db is not authorized to perform: cloudformation:DescribeStacks on resource: arn:aws:cloudformation:us-east-1:066661520573:stack/runs-on/3c011e80-db35-11ee-adc6-0efc3927b4df because no identity-based policy allows the cloudformation:DescribeStacks action',
      ),
    ).toBeNull();
  });
});

describe("ECR refusing an image pushed to it: the pusher's, never an ECS role's (ECS's roles only pull)", () => {
  it.each([
    [
      "docker/build-push-action's own e2e workflow with GitHub's masking (em-08: docker/build-push-action run 5055894659)",
      'buildx failed with: ERROR: failed to solve: failed to push ***.dkr.ecr.***.amazonaws.com/sandbox/test-docker-action:master: failed commit on ref "manifest-sha256:9a28d79de56fc6db70fba418419c3a217749220c5652af9703ad23834464b333": unexpected status: 403 Forbidden',
    ],
    [
      "a CI build's manifest PUT, refused at the repository's image limit (medic/cht-core#9175)",
      'ERROR: failed to push 720541322708.dkr.ecr.eu-west-2.amazonaws.com/medic/cht-api:4.9.0-alpha.9462328284: failed commit on ref "manifest-sha256:fdcb9b1b802acfcf184946ea5e6cc782a5c545866f2d154e6663252aa06f6948": unexpected status from PUT request to https://720541322708.dkr.ecr.eu-west-2.amazonaws.com/v2/medic/cht-api/manifests/sha256:fdcb9b1b802acfcf184946ea5e6cc782a5c545866f2d154e6663252aa06f6948: 403 Forbidden',
    ],
  ])('%s', async (_, message) => {
    expect(deployToolOf(message)).toBe("Docker's image push");
    expect(await firstFinding(message)).toMatchObject({ role: 'other', action: null });
  });

  it("an app's own 'failed to push' naming no image is no image push", () => {
    expect(deployToolOf('failed to push metrics: AccessDenied: User is not authorized')).toBeNull();
  });
});

describe("a registry client's own words for a 403, alone: whoever ran the client, not ECS's pull", () => {
  it.each([
    [
      "Azure DevOps' ECR push task, a bare 403 whose body ECR left empty (gg-14: aws/aws-toolkit-azure-devops#311)",
      'gg-14',
    ],
    [
      "the .NET deploy tool's push, after its layers' 'Waiting' lines (gg-03: aws/aws-dotnet-deploy#474)",
      'gg-03',
    ],
    ["compose-cli resolving an image's manifest (gg-08: docker/compose-cli#1173)", 'gg-08'],
  ])('%s', async (_, id) => {
    expect(deployToolOf(publishedCase(id))).toBe('a Docker client');
    expect(await firstFinding(publishedCase(id))).toMatchObject({
      role: 'other',
      step: 'other',
      action: null,
    });
  });

  it("inside ECS's CannotPullContainerError the same words are the execution role's pull (x-02)", async () => {
    expect(await firstFinding(publishedCase('x-02'))).toMatchObject({
      role: 'execution-role',
      step: 'image-pull',
    });
  });
});

it("reads Copilot's environment deploy, its upload of artifacts refused, as the deployer's (gg-09: aws/copilot-cli#4733)", async () => {
  expect(deployToolOf(publishedCase('gg-09'))).toBe('Copilot');
  expect(await firstFinding(publishedCase('gg-09'))).toMatchObject({ role: 'other', action: 's3:PutObject' });
});

describe('the held-out hb- to hg- sample: a push and a playbook, whatever the session', () => {
  it("reads Docker's 'denied:' for a layer upload as the push's, though the session is an ECS host's (hc-02: davidkorea/AWS's ECR notes)", async () => {
    expect(deployToolOf(publishedCase('hc-02'))).toBe("Docker's image push");
    expect(await firstFinding(publishedCase('hc-02'))).toMatchObject({
      role: 'other',
      step: 'other',
      action: 'ecr:InitiateLayerUpload',
    });
  });

  it("leaves the same words for a pull to ECS's pull on the host (m-23)", () => {
    expect(deployToolOf(publishedCase('m-23'))).toBeNull();
  });

  it.each([
    ['hc-05', 'trailofbits/algo#1321', 'lightsail:GetRegions', 'arn:aws:lightsail:us-east-1:762540811739:*'],
    [
      'hc-06',
      'trailofbits/algo#14438',
      'cloudformation:UpdateStack',
      'arn:aws:cloudformation:eu-north-1:XXX',
    ],
  ])(
    "reads Ansible's 'An exception occurred during task execution' as the playbook's (%s: %s), the host's 'fatal:' line a record of its own",
    async (id, _, action, resource) => {
      expect(deployToolOf(publishedCase(id))).toBe('Ansible');
      const output = await analysePasted(publishedCase(id));
      expect(output.findings).toHaveLength(1);
      expect(output.findings[0]).toMatchObject({ role: 'other', step: 'other', action, resource });
    },
  );
});

it("reads the EC2 console's 'Launch Failed - You are not authorized …' as the signed-in person's (hk-12: the Knowledge Center's ec2-not-auth-launch)", async () => {
  expect(deployToolOf(publishedCase('hk-12'))).toBe("the EC2 console's launch");
  expect(await firstFinding(publishedCase('hk-12'))).toMatchObject({ role: 'other', step: 'other' });
});

it.each([
  ['hs-03', 'hashicorp/terraform-provider-aws#29282', (raw: string) => raw],
  // Folded at 80, the box's mark is off the message's first line: the provider's heading still says it.
  ['hs-02', 'ministryofjustice/modernisation-platform#7870', (raw: string) => foldAtSpaces(raw, 80)],
])(
  "reads the AWS provider's heading after Terraform's 'Error: ' as the deployer's (%s: %s)",
  async (id, _, shape) => {
    expect(await firstFinding(shape(publishedCase(id)))).toMatchObject({ role: 'other', step: 'other' });
  },
);

it("reads eksctl's failed step ('[✖]  failed to create addon …: AccessDeniedException') as whoever ran eksctl (hw-09: eksctl-io/eksctl#4239)", async () => {
  expect(deployToolOf(publishedCase('hw-09'))).toBe('eksctl');
  expect(await firstFinding(publishedCase('hw-09'))).toMatchObject({ role: 'other', step: 'other' });
});

it.each([
  ['ii-05', 'Packer', 'hashicorp/packer-plugin-amazon#177'],
  ['ii-14', 'kops', 'kubernetes/kops#5156'],
  ['ig-13', 'Docker Machine', 'cattle-ops/terraform-aws-gitlab-runner#523'],
  ['ii-26', 'Test Kitchen', 'test-kitchen/kitchen-ec2#120'],
  ['ii-69', 'Chef', 'Esri/arcgis-cookbook#310'],
  ['ig-34', 'Terraform', 'runatlantis/atlantis#3526'],
  ['ih-68', 'CloudFormation', 'awslabs/service-workbench-on-aws#824'],
] as const)("reads %s as %s's output, whoever ran it the caller (%s)", async (id, tool, _) => {
  expect(deployToolOf(publishedCase(id))).toBe(tool);
  expect(await firstFinding(publishedCase(id))).toMatchObject({ role: 'other', step: 'other' });
});
