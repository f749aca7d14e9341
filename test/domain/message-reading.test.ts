import { describe, expect, it } from 'vitest';
import { type DenialReading, readMessage } from '../../src/domain/message-reading.js';
import { corpusCases, corpusMessage } from '../corpus-cases.js';

const denial = (message: string) => readMessage(message)[0] as DenialReading;

describe('ECS start-up templates (ECS-MESSAGES.md) name the step', () => {
  it.each([
    ['ecs-01', 'secret-injection', 'ssm:GetParameters'],
    ['ecs-02', 'secret-injection', 'secretsmanager:GetSecretValue'],
    ['ecs-12', 'log-delivery', 'logs:CreateLogGroup'],
    ['ecs-15', 'log-delivery', 'logs:CreateLogGroup'],
    ['ecs-20', 'registry-auth', 'ecr:GetAuthorizationToken'],
    ['ecs-21', 'image-pull', null],
    ['ecs-27', 'secret-injection', 'ssm:GetParameters'],
    ['ecs-04', 'trust', 'sts:AssumeRole'],
  ])('%s: %s', (id, step, impliedAction) => {
    const reading = denial(corpusMessage(id));
    expect(reading.template?.step).toBe(step);
    expect(reading.template?.impliedAction ?? null).toBe(impliedAction);
  });

  it('reads the EC2 agent templates quoted in ECS-MESSAGES.md', () => {
    const env =
      'unable to download env file with key app.env from bucket my-bucket, error: operation error S3: GetObject, https response error StatusCode: 403, RequestID: 1, HostID: 2, api error AccessDenied: Access Denied';
    expect(denial(env).template?.step).toBe('env-files');
    expect(denial(env).operation).toBe('GetObject');
    const firelens =
      'unable to download firelens s3 config file: unable to download s3 config fluent.conf from bucket b: operation error S3: GetObject, https response error StatusCode: 403, RequestID: 1, HostID: 2, api error AccessDenied: Access Denied';
    expect(denial(firelens).template?.step).toBe('env-files');
    const pull =
      "CannotPullContainerError: The task can’t pull the image. Check that the role has the permissions to pull images from the registry. Error response from daemon: pull access denied for 444455556666.dkr.ecr.eu-west-1.amazonaws.com/payments, repository does not exist or may require 'docker login': denied: User: arn:aws:sts::111122223333:assumed-role/r/3f1c9a0b7d2e4c8f9a1b2c3d4e5f6a7b is not authorized to perform: ecr:BatchGetImage on resource: arn:aws:ecr:eu-west-1:444455556666:repository/payments";
    expect(denial(pull)).toMatchObject({
      writtenAction: 'ecr:BatchGetImage',
      template: { step: 'image-pull' },
    });
  });

  it('infers kms:Decrypt from the relayed KMS messages', () => {
    expect(denial(corpusMessage('ecs-02')).impliedAction?.action).toBe('kms:Decrypt');
    expect(denial(corpusMessage('app-30')).impliedAction?.action).toBe('kms:Decrypt');
  });
});

describe('SDK errors that name no principal', () => {
  it('reads the operation and service of a botocore error (app-08)', () => {
    expect(denial(corpusMessage('app-08'))).toMatchObject({ operation: 'PutObject', services: ['s3'] });
  });

  it('reads the SQS endpoint as the service (ecs-50)', () => {
    expect(denial(corpusMessage('ecs-50'))).toMatchObject({ operation: 'ReceiveMessage', services: ['sqs'] });
  });

  it('reads the upload verb of an S3 error that names no operation (ecs-49)', () => {
    expect(denial(corpusMessage('ecs-49'))).toMatchObject({ operation: 'PutObject' });
  });

  it('reads Java SDK service names (app-26, app-25)', () => {
    expect(denial(corpusMessage('app-26')).services).toContain('ec2');
    expect(denial(corpusMessage('ecs-25')).services).toContain('sqs');
  });

  it("does not take the caller's sts ARN for the service called (raster-foundry/raster-foundry#1229)", () => {
    const cut =
      'An error occurred (AccessDeniedException) when calling the DescribeJobDefinitions operation: User: arn:aws:sts::615874746523:assumed-role/StagingContainerInstanceProfile/i-0ba52d178d30f0e42 is not authorized to perform';
    expect(denial(cut)).toMatchObject({ operation: 'DescribeJobDefinitions', services: [] });
    // Named in prose, STS is the service: "STS" in an error about the call itself.
    expect(denial('AccessDenied: STS AssumeRoleWithWebIdentity failed').services).toEqual(['sts']);
  });
});

describe('look-alikes are not permission failures', () => {
  it.each([
    ['ecs-16', 'missing-resource'],
    ['ecs-18', 'network'],
    ['ecs-34', 'missing-resource'],
    ['ecs-46', 'placement'],
    ['ecs-47', 'missing-resource'],
  ])('%s is a %s look-alike', (id, kind) => {
    const [reading] = readMessage(corpusMessage(id));
    expect(reading).toMatchObject({ type: 'look-alike', kind });
  });

  it('does not call an ordinary app line with "not found" a look-alike', () => {
    expect(readMessage('GET /favicon.ico 404 not found')).toEqual([]);
  });

  it('reports a throttling error from any log line', () => {
    const [reading] = readMessage(
      'An error occurred (ThrottlingException) when calling the GetParameters operation (reached max retries: 4): Rate exceeded',
    );
    expect(reading).toMatchObject({ type: 'look-alike', kind: 'throttling' });
  });
});

describe('every error read gets an answer (issue 11)', () => {
  it.each([
    // sil-org/ecs-deploy#145, Cloud-CV/EvalAI#2419
    [
      'An error occurred (ClientException) when calling the DescribeTaskDefinition operation: Unable to describe task definition.',
      'missing-resource',
    ],
    [
      'ClientException: An error occurred (ClientException) when calling the CreateService operation: TaskDefinition not found.',
      'missing-resource',
    ],
    // fabfuel/ecs-deploy#231
    [
      'An error occurred (ClientException) when calling the RegisterTaskDefinition operation: Role is not valid',
      'invalid-request',
    ],
    // pulumi/pulumi-awsx#188
    [
      "error: Plan apply failed: ClientException: The 'memory' setting for container 'blah' is greater than for the task.",
      'invalid-request',
    ],
    // aws/amazon-ssm-agent#536
    [
      'An error occurred (TargetNotConnectedException) when calling the ExecuteCommand operation: The execute command failed due to an internal error. Try again later.',
      'other',
    ],
    // keidarcy/e1s#206: ECS Exec not enabled when the task started
    [
      'An error occurred (InvalidParameterException) when calling the ExecuteCommand operation: The execute command failed because execute command was not enabled when the task was run or the execute command agent isn’t running.',
      'other',
    ],
    // convox/rack#655: the Go SDK v1's own validation
    [
      'ERROR: InvalidParameter: 1 validation errors:\n- field too short, minimum length 1: LogGroupName',
      'invalid-request',
    ],
    // buildkite/elastic-ci-stack-for-aws#178: a stale ECR login
    [
      "ERROR: denied: Your Authorization Token has expired. Please run 'aws ecr get-login' to fetch a new one.",
      'credentials',
    ],
    // aws/amazon-ecs-agent#1513: the agent signing with a skewed clock
    [
      '[ERROR] Unable to discover poll endpoint, err: InvalidSignatureException: Signature expired: 20180822T133046Z is now earlier than 20180822T133148Z (20180822T133648Z - 5 min.)',
      'credentials',
    ],
    // ECS developer guide, "Example Service task placement failure event", as the reader words it
    ['SERVICE_TASK_PLACEMENT_FAILURE: RESOURCE:FARGATE', 'placement'],
  ])('%s is a %s look-alike', (message, kind) => {
    expect(readMessage(message)[0]).toMatchObject({ type: 'look-alike', kind });
  });

  it('says what was read and not recognised, naming the ECS step when its template was read (m-20)', () => {
    const [cut] = readMessage(
      'Stopped reason ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 5 time(s): failed to fetch secret arn:aws:secretsmanager:eu-west-2:788375279931...',
    );
    expect(cut).toMatchObject({ type: 'look-alike', kind: 'unrecognised' });
    expect((cut as { likelyCause: string }).likelyCause).toMatch(/Secrets Manager secret.*cut or unknown/);
    expect(readMessage('##[error]Process completed with exit code 254.')[0]).toMatchObject({
      kind: 'unrecognised',
      likelyCause: expect.stringMatching(/read as an error/),
    });
  });

  it('leaves alone lines that only look like errors: an INFO line of a logger named error, a table row', () => {
    expect(readMessage('[2026-11-21 10:11:41,902] INFO uvicorn.error: Started server process [1]')).toEqual(
      [],
    );
    expect(readMessage('| `trust-policy` | ECS cannot assume it, so no task launches. |')).toEqual([]);
  });

  it("reads other services' failures to assume a role as trust failures (aws/aws-cdk#11353, pulumi/pulumi#12417)", () => {
    const pipeline = denial(
      'arn:aws:iam::ACCOUNT_NUMBER:role/IAM_ROLE_NAME is not authorized to perform AssumeRole on role arn:aws:iam::ACCOUNT_NUMBER:role/IAM_ROLE_NAME (Service: AWSCodePipeline; Status Code: 400; Error Code: InvalidStructureException',
    );
    expect(pipeline.template).toMatchObject({ step: 'trust', impliedAction: 'sts:AssumeRole' });
    expect(pipeline.resource).toBe('arn:aws:iam::ACCOUNT_NUMBER:role/IAM_ROLE_NAME');
    const appRunner = denial(
      '* error creating App Runner Service (node-app): InvalidRequestException: Error in assuming access role arn:aws:iam::402228412873:role/apprunner-role-83c64cban',
    );
    expect(appRunner.template).toMatchObject({
      step: 'trust',
      roleArn: 'arn:aws:iam::402228412873:role/apprunner-role-83c64cban',
      trustedService: 'build.apprunner.amazonaws.com',
    });
    // hashicorp/terraform-provider-aws#38538: ECS's infrastructure role for EBS volumes.
    expect(
      denial(
        "Error: creating ECS Service (YYYYYY): InvalidParameterException: ECS was unable to assume the configured ECS Infrastructure Role 'arn:aws:iam::XXXXX:role/ZZZZZZ'. Please verify that the role being passed has the proper trust relationship with Amazon ECS.",
      ).template,
    ).toMatchObject({
      step: 'trust',
      roleArn: 'arn:aws:iam::XXXXX:role/ZZZZZZ',
      trustedService: 'ecs.amazonaws.com',
    });
  });

  it("reads CloudFormation's and a load balancer's service role that cannot be assumed (awslabs/aws-sam-codepipeline-cd#22, hashicorp/terraform#5442)", () => {
    const stackRole = denial(
      'Role arn:aws:iam::721762887512:role/codedeploy is invalid or cannot be assumed (Service: AmazonCloudFormation; Status Code: 400; Error Code: ValidationError; Request ID: 330e47b1-6a29-4df6-93e5-75b60c388c97; Proxy: null)',
    );
    expect(stackRole.template).toMatchObject({
      step: 'trust',
      trustedService: 'cloudformation.amazonaws.com',
    });
    expect(stackRole.resource).toBe('arn:aws:iam::721762887512:role/codedeploy');
    expect(
      denial('Error: ❌  <stack> failed: ValidationError: Role <role-arn> is invalid or cannot be assumed')
        .resource,
    ).toBeNull();
    const listeners = denial(
      'Trying to create ECS service again: "Unable to assume role and validate the listeners configured on your load balancer.  Please verify the role being passed has the proper permissions."',
    );
    expect(listeners.template).toMatchObject({ step: 'trust', trustedService: 'ecs.amazonaws.com' });
  });

  it('names the operation a program words around an error that names none (q-02)', () => {
    const reading = denial(
      'caller=ec2.go:170 component="discovery manager scrape" discovery=ec2 msg="Refresh failed" err="could not describe instances: UnauthorizedOperation: You are not authorized to perform this operation.',
    );
    expect(reading.operation).toBe('DescribeInstances');
    expect(reading.services).toContain('ec2');
  });
});

describe('where a log was written (issue 11, extra cases ed-)', () => {
  it("reads a stack through Lambda's runtime (/var/runtime) as a function's (aws/aws-sdk-js#4346)", () => {
    const reading = denial(
      '{\n  "errorType": "AccessDeniedException",\n  "errorMessage": "[RSLVR-01605] Missing permission to log:* Trace Id: \\"1-63ea6c69-72dba1d115a5667b40a202a4\\"",\n  "trace": [\n    "AccessDeniedException: [RSLVR-01605] Missing permission to log:* Trace Id: \\"1-63ea6c69-72dba1d115a5667b40a202a4\\"",\n    "    at Request.extractError (/var/runtime/node_modules/aws-sdk/lib/protocol/json.js:52:27)",',
    );
    expect(reading.fromLambda).toBe(true);
  });

  it("reads no task's app log of the corpus as a function's", () => {
    const apps = corpusCases().filter(
      (item) => item.kind === 'app-log' && item.expected.role === 'task-role',
    );
    expect(apps.length).toBeGreaterThan(0);
    for (const item of apps) {
      const readings = readMessage(corpusMessage(item.id)).filter((reading) => reading.type === 'denial');
      expect(readings.some((reading) => reading.fromLambda)).toBe(false);
    }
  });

  it("reads the IAM console's denial details, one field a line (wazuh/wazuh#20206)", () => {
    expect(
      denial(
        'User: arn:aws:iam::966237403726:user/iseoluwa.oyeniyi\nService: iam\nAction: ListAccessKeys\nOn resource(s): user\nContext: because no identity-based policy allows the iam:ListAccessKeys action',
      ),
    ).toMatchObject({
      principal: 'arn:aws:iam::966237403726:user/iseoluwa.oyeniyi',
      writtenAction: 'iam:ListAccessKeys',
      policyType: 'identity',
      explicitDeny: false,
    });
  });
});
