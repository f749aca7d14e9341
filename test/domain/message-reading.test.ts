import { describe, expect, it } from 'vitest';
import { type DenialReading, readMessage } from '../../src/domain/message-reading.js';
import { analyzeEvidence } from '../../src/pipeline.js';
import { textEvidence } from '../../src/sources/files/text-input.js';
import { corpusCases, corpusMessage } from '../corpus-cases.js';
import { publishedCase } from '../pasted-message.js';

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

  it.each([
    // hashicorp/terraform-provider-aws#22384 (Windows containers on Fargate)
    'Error: error creating app-name service: error waiting for ECS service (app-name) creation: AccessDeniedException: You do not have authorization to access the specified platform.',
    // hashicorp/terraform-provider-aws#48128: the SDK v2 tail, a Fargate platform version ECS does not offer
    'Error: creating ECS Service (tf-acc-test-6541801265724313883): operation error ECS: CreateService, https response error StatusCode: 400, RequestID: 99b39a8b-9ed2-4530-b55b-e5e492635e2b, AccessDeniedException: You do not have authorization to access the specified platform.',
  ])("reads ECS refusing a platform as no IAM denial, whatever the exception's name: %s", (message) => {
    expect(readMessage(message)).toEqual([
      expect.objectContaining({
        type: 'look-alike',
        kind: 'invalid-request',
        likelyCause: expect.stringMatching(/platform/),
      }),
    ]);
  });

  it.each([
    // ECS developer guide, status reasons for EBS volume attachment (troubleshoot-ebs-volumes-scenarios)
    'ECS timed out while configuring the EBS volume attachment to your\n Task',
    // ECS developer guide, stopped tasks error codes
    'ContainerRuntimeTimeoutError: Could not transition to running; timed out after waiting 1m: <reason>',
  ])('reads ECS giving up waiting as a look-alike with its cause: %s', (message) => {
    expect(readMessage(message)).toEqual([
      expect.objectContaining({
        type: 'look-alike',
        kind: 'other',
        likelyCause: expect.stringMatching(/gave up waiting/),
      }),
    ]);
  });

  it('reads a pasted status reason that says only that ECS timed out (troubleshoot-ebs-volumes-scenarios)', async () => {
    const pasted = 'ECS timed out while configuring the EBS volume attachment to your\n Task';
    const analysis = await analyzeEvidence(textEvidence(pasted, 'reason.txt'), []);
    expect(analysis.findings).toEqual([]);
    expect(analysis.notPermission).toEqual([
      expect.objectContaining({ likelyCause: expect.stringMatching(/gave up waiting/) }),
    ]);
  });

  it("reads the ECS agent refused on its own telemetry websocket as the instance role's ecs:StartTelemetrySession (aws/amazon-ecs-agent#102)", async () => {
    const log = [
      '2015-06-08T08:59:12Z [WARN] Error creating a websocket client module="ws client" err="websocket: bad handshake"',
      '2015-06-08T08:59:12Z [ERROR] Error connecting to TCS: {"AccessDeniedException":"Forbidden"}, websocket: bad handshake module="tcs handler"',
    ].join('\n');
    const [finding] = (await analyzeEvidence(textEvidence(log, 'ecs-agent.log'), [])).findings;
    expect(finding).toMatchObject({ role: 'other', step: 'other', action: 'ecs:StartTelemetrySession' });
  });

  it('keeps the agent failing to reach ACS for other reasons a look-alike (aws/amazon-ecs-agent#1845, #438)', () => {
    for (const line of [
      '2019-02-13T09:26:53Z [ERROR] Error connecting to ACS: websocket client: unable to dial ecs-a-1.cn-north-1.amazonaws.com.cn response: : x509: certificate signed by unknown authority',
      '2016-06-28T09:19:26Z [ERROR] Error connecting to ACS: ServerException: Internal Server Error',
    ]) {
      expect(readMessage(line)).toEqual([expect.objectContaining({ type: 'look-alike' })]);
    }
  });

  it.each([
    // aws/amazon-ecs-agent#1187 and #3021: the OOM killer, after start and at start
    ['Status reason\tOutOfMemoryError: Container killed due to memory usage Exit Code\t137', /out of memory/],
    [
      'Status reason | CannotStartContainerError: Error response from daemon: OCI runtime create failed: container_linux.go:380: starting container process caused: container init was OOM-killed (memory limit too low?): unknown',
      /out of memory/,
    ],
    // aws/containers-roadmap#1120, runatlantis/atlantis#2001: an image for another platform
    ['CannotPullContainerError: failed to find a descriptor for platform {linux/amd64}', /CPU architecture/],
    ['standard_init_linux.go:228: exec user process caused: exec format error', /CPU architecture/],
    // aviswerdlow/relay#71: a placement event's reason is read, not the placement
    [
      "(service relay-temporal-worker) was unable to place a task. Reason: CannotPullContainerError: pull image manifest has been retried 7 time(s): image Manifest does not contain descriptor matching platform 'linux/amd64'.",
      /CPU architecture/,
    ],
    // TechToSpeech/terraform-aws-serverless-static-wordpress#74: awslogs-region not a region
    [
      "ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed to create Cloudwatch log stream: MissingEndpoint: 'Endpoint' configuration is required for t",
      /region or endpoint/,
    ],
    // Shippable/support#4234: the agent's own line for a repository that does not exist
    [
      '2018-04-01T16:21:13Z [ERROR] Managed task [arn:aws:ecs:us-east-1:066245240757:task/436501b9-5759-46e4-ada1-192f08892cc6]: Error while pulling container deploy-ecs-basic-image, will try to run anyway: API error (404): repository 066245240757.dkr.ecr.us-east-1.amazonaws.com/deploy-ecs-basic not found',
      /does not exist/,
    ],
    // boltops-tools/ufo#171, hackforla/CivicTechJobs#436: the load balancer's health checks
    ['Task Stopped Reason: Task failed ELB health checks in (target-group...)', /failed its health check/],
    [
      '(service civictechjobs-fullstack-stage) (port 8000) is unhealthy in (target-group arn:aws:elasticloadbalancing:us-west-2:035866691871:targetgroup/civictechjobs-fullstack-stage/555a47e25c5a1850) due to (reason Health checks failed).',
      /failed its health check/,
    ],
    // aws/aws-parallelcluster#707, appleboy/scp-action#164: an entrypoint not executable, quoted or not
    [
      'starting container process caused "exec: \\"/usr/bin/entrypoint.sh\\": permission denied": unknown',
      /not an IAM permission/,
    ],
    [
      'docker: Error response from daemon: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec /bin/entrypoint.sh: permission denied: unknown.',
      /not an IAM permission/,
    ],
    // awsdocs/amazon-ecr-user-guide#16 (cut as quoted) and the ECS guide's stopped task error codes
    ['STOPPED (DockerTimeoutError: Could not transition to starte)', /did not reach RUNNING/],
    [
      'ContainerRuntimeTimeoutError: Could not transition to running; timed out after waiting 1m: <reason>',
      /did not reach RUNNING/,
    ],
    // repost.aws/knowledge-center/ecs-task-stopped: alone, and behind the container's own message (z-01)
    ['Essential container in task exited', /exit code/],
    [
      'Status reason: Essential container in task exited\nContainer message: CannotPullContainerError: API error (404): repository serverless-batch not found: does not exist or no pull access',
      /does not exist/,
    ],
    // The ECS guide's CannotPullContainer errors (r-25) and its service throttle logic page
    [
      'CannotPullContainerError: write /var/lib/docker/tmp/GetImageBlob111111111: no space left on device',
      /disk/,
    ],
    ['CannotCreateContainerError: API error (500): devmapper', /disk/],
    // Extra cases x-13 and p-17: amazon-efs-utils failing to mount, for a missing path and for DNS
    [
      "ResourceInitializationError: failed to invoke EFS utils commands to set up EFS volumes: stderr: b'mount.nfs4: mounting fs-<some numbers>.efs.<region>.amazonaws.com:/grafana failed, reason given by server: No such file or directory' : unsuccessful EFS utils command execution; code: 32",
      /EFS volume could not be mounted/,
    ],
    [
      'Resourceinitializationerror: failed to invoke EFS utils commands to set up EFS volumes: stderr: Failed to resolve "fs-<id>.efs.us-east-1.amazonaws.com" - check that your file system ID is correct, and ensure that the VPC has an EFS mount target for this file system ID. See https://docs.aws.amazon.com/console/efs/mount-dns-name for more detail. Attempting to lookup mount target ip address using botocore. Failed to import necessary dependency botocore, please install botocore first. : unsuccessful EFS utils command execution; code: 1',
      /EFS volume could not be mounted/,
    ],
    // Extra case q-25: the Go SDK v2's request that never left (StatusCode: 0)
    [
      'CannotPullECRContainerError: operation error ECR: GetAuthorizationToken, exceeded maximum number of attempts, 3, https response error StatusCode: 0, RequestID: , request send failed, Post "/ecr-fips.us-gov-west-1.amazonaws.com": unsupported protocol schema',
      /never reached AWS/,
    ],
    // Extra case z-14: the PHP SDK's credential provider, 404 from the task credentials endpoint
    [
      '2019/12/19 13:43:10 [error] 38#38: *5 FastCGI sent in stderr: "PHP message: [2019-12-19 13:43:10] stg.ERROR: Aws\\Exception\\CredentialsException: Error retrieving credential from ECS (Client error: `GET http://169.254.170.2` resulted in a `404 Not Found` response:\n404 page not found\n) in /var/www/vendor/aws/aws-sdk-php/src/Credentials/EcsCredentialProvider.php:65',
      /no valid credentials/,
    ],
    // Extra case z-13: ECS's service throttle event, pasted from the console
    [
      '72cd49ee-4d88-4a52-a4c5-d3b2239e5ee9\n2018-07-16 09:22:16 -0500\nservice carealign-admin is unable to consistently start tasks successfully. For more information, see the Troubleshooting section.\n623f1fb0-ad3e-4a73-91cf-eb8052b7cc68\n2018-07-16 09:09:45 -0500\nservice carealign-admin has started 1 tasks: task 1a4459fa-2bba-482b-a63e-1189b4363da7.',
      /keep failing to start/,
    ],
    // aws-quickstart/quickstart-illumina-dragen#35: a Batch compute environment's AMI
    ['INVALID - CLIENT_ERROR - AMI cannot be described', /does not exist/],
    // widdix/mastodon-on-aws#30 and aws/session-manager-plugin#49: ECS Exec's client, then the container's agent
    [
      'SessionManagerPlugin is not found. Please refer to SessionManager Documentation here: \n\nhttp://docs.aws.amazon.com/console/systems-manager/session-manager-plugin-not-found',
      /has no Session Manager plugin/,
    ],
    [
      'SessionId: ecs-execute-command-0228164ca8ff6e2c1 : Plugin with name InteractiveCommands not found. Step name: InteractiveCommands',
      /could not start the session's plugin: in ECS Exec's container/,
    ],
    // jenkinsci/amazon-ecs-plugin#105: task definition revisions registered too fast
    [
      'com.amazonaws.services.ecs.model.ClientException: Too many concurrent attempts to create a new revision of the specified family. (Service: AmazonECS; Status Code: 400; Error Code: ClientException; Request ID: bb3cafd7-97b2-11e9-9e00-5ff346cf8ee8)',
      /throttled/,
    ],
    // convox/praxis#276: ECS's placement reason, as a tool printed it
    ['ERROR: [unable to start process: RESOURCE:CPU]', /could not place the task/],
    // meedan/check-web#789, chaostoolkit-incubator/chaostoolkit-aws#65, naomichi-y/ecs_deployer#6: the SDK's own checks
    [
      'botocore.exceptions.ParamValidationError: Parameter validation failed:\nUnknown parameter in input: "registeredAt", must be one of: family, taskRoleArn',
      /refused the call before sending it/,
    ],
    [
      "[2020-04-08 14:51:25 ERROR]   => failed: botocore.exceptions.ParamValidationError: Parameter validation failed:\n    Invalid type for parameter clusters, value: lab-ha, type: <class 'str'>, valid types: <class 'list'>, <class 'tuple'>",
      /refused the call before sending it/,
    ],
    [
      'ArgumentError: parameter validator found 2 errors:\n  - expected params[:container_definitions][0][:environment][9][:value] to be a String, got value 6379 (class: Fixnum) instead.',
      /refused the call before sending it/,
    ],
  ])('names the cause of %s', (message, cause) => {
    const [reading] = readMessage(message);
    expect(reading).toMatchObject({ type: 'look-alike' });
    expect(reading?.type === 'look-alike' && reading.kind).not.toBe('unrecognised');
    expect((reading as { likelyCause: string }).likelyCause).toMatch(cause);
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

  it("reads any service's refusal of the role it was given as that service's trust failure (ec-24 to ec-28)", () => {
    // lumigo-io/lumigo-CLI#83, Motiva-AI/stepwise#22: Step Functions, in both its wordings.
    for (const message of [
      'Neither the global service principal states.amazonaws.com, nor the regional one is authorized to assume the provided role.',
      'The principal states.amazonaws.com is not authorized to assume the provided role.',
    ]) {
      expect(denial(message).template).toMatchObject({
        step: 'trust',
        impliedAction: 'sts:AssumeRole',
        trustedService: 'states.amazonaws.com',
      });
    }
    // Miserlou/Zappa#381: EventBridge names the role and the principal it tried as.
    const events = denial(
      "ClientError: An error occurred (ValidationException) when calling the PutRule operation: Provided role 'arn:aws:iam::00000000000:role/theRole' cannot be assumed by principal 'events.amazonaws.com'.",
    );
    expect(events.template).toMatchObject({ step: 'trust', trustedService: 'events.amazonaws.com' });
    expect(events.resource).toBe('arn:aws:iam::00000000000:role/theRole');
    // pdomala/LambdaCDDemo#1 and aws/aws-sdk-ruby#772: Lambda and CodeDeploy name neither.
    for (const message of [
      'The role defined for the function cannot be assumed by Lambda. (Service: AWSLambdaInternal; Status Code: 400; Error Code: InvalidParameterValueException; Request ID: d98cedb2-1dd2-11e9-a5ce-a9684da8c5c4)',
      'Cannot assume role provided. (Aws::CodeDeploy::Errors::InvalidRoleException',
    ]) {
      expect(denial(message)).toMatchObject({ template: { step: 'trust' }, resource: null });
    }
    // A program's own words for its failed AssumeRole are its call, not a service's trust (app-31).
    expect(
      denial(
        'Failed to assume Quilt user role arn:aws:iam::850787717197:role/ReadWriteQuiltBucket: An error occurred (AccessDenied) when calling the AssumeRole operation: Access denied',
      ).template,
    ).toBeNull();
  });

  it('reads a service that says it is unable to assume the role it was given (ec-36)', () => {
    // antstanley/blogwright's Firehose delivery role, as its CLI printed the refusal.
    const firehose = denial(
      '× firehose: InvalidArgumentException - createDeliveryStream "<env>-<site>-analytics-firehose":\n  Firehose is unable to assume role arn:aws:iam::…:role/<env>-<site>-analytics-firehose-role.\n  Please check the role provided. (HTTP 400)',
    );
    expect(firehose.template).toMatchObject({ step: 'trust', assumer: 'Firehose' });
    expect(firehose.resource).toBe('arn:aws:iam::…:role/<env>-<site>-analytics-firehose-role');
    // A program's own "Unable to assume role" has no service for subject: not a service's trust failure.
    expect(readMessage('botocore: Unable to assume role arn:aws:iam::1:role/x')[0]).toMatchObject({
      type: 'look-alike',
    });
  });

  it("does not take an app's own failed health check for ECS's", () => {
    expect(readMessage('WARN redis health check failed, retrying in 5s')[0]).toMatchObject({
      kind: 'unrecognised',
    });
  });

  it('reads a service saying what the role it was given must allow (ec-38)', () => {
    // openillumi.com's EventBridge Scheduler post: the execution role's trust policy lacks scheduler.amazonaws.com.
    expect(
      denial('The execution role you provide must allow AWS EventBridge Scheduler to assume the role.'),
    ).toMatchObject({
      template: { step: 'trust', impliedAction: 'sts:AssumeRole', assumer: 'AWS EventBridge Scheduler' },
      resource: null,
    });
  });

  it("reads STS's short sentence with no principal as a denial of the action it names (ec-44)", () => {
    // aws-actions/configure-aws-credentials#318: GitHub Actions' OIDC token refused.
    expect(
      denial(
        'Error: Could not assume role with OIDC: Not authorized to perform sts:AssumeRoleWithWebIdentity',
      ),
    ).toMatchObject({ type: 'denial', writtenAction: 'sts:AssumeRoleWithWebIdentity', principal: null });
  });

  it('reads the principal of an IAM sentence written without "User:", or run into "is" (ec-29, ec-19)', () => {
    // serverless-operations/serverless-step-functions#656, wrapped as published.
    expect(
      denial(
        'arn:aws:sts::xxxxxxxxxxxx:assumed-role/service-name-AutomationsCoreProcessor-1IMJM3BVQIC19/BItoDlWozsClkJYiaNnkTWqvqBfygBMa\n  is not authorized to perform: ecs:TagResource on resource: arn:aws:ecs:us-east-1:521944920347:task/task-name* \n  because no identity-based policy allows the ecs:TagResource action',
      ),
    ).toMatchObject({
      principal:
        'arn:aws:sts::xxxxxxxxxxxx:assumed-role/service-name-AutomationsCoreProcessor-1IMJM3BVQIC19/BItoDlWozsClkJYiaNnkTWqvqBfygBMa',
      writtenAction: 'ecs:TagResource',
    });
    // aws-samples/aws-refarch-shibboleth#19: the CodeBuild session's id runs into "is".
    expect(
      denial(
        'An error occurred (AccessDenied) when calling the AssumeRole operation: User: arn:aws:sts::123456789:assumed-role/idp-DeploymentPipeli-CodeBuildServiceRole-12345abcde/AWSCodeBuild-abd1234-abcd-1234-abcd-abcd1234is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789:role/idp-DeploymentPipeli-CodeBuildServiceRole-abcd1234',
      ).principal,
    ).toBe(
      'arn:aws:sts::123456789:assumed-role/idp-DeploymentPipeli-CodeBuildServiceRole-12345abcde/AWSCodeBuild-abd1234-abcd-1234-abcd-abcd1234',
    );
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

  it("reads Lambda's refusal to decrypt a function's environment as a function's (cattle-ops/terraform-aws-gitlab-runner#1253)", () => {
    const reading = denial(
      "Calling the invoke API action failed with this message: Lambda was unable to decrypt the environment variables\nbecause KMS access was denied. Please check the function's KMS key settings. KMS Exception:\nAccessDeniedExceptionKMS Message: User: <arn here> is not authorized to perform: kms:Decrypt on resource:\n<arn here> because no identity-based policy allows the kms:Decrypt action (Service: Kms, Status Code: 400,\nRequest ID: <request id here>)",
    );
    expect(reading.fromLambda).toBe(true);
    expect(reading.writtenAction).toBe('kms:Decrypt');
  });

  it("reads the same refusal with KMS's invalid-token answer as a denial, not a look-alike (AWS Knowledge Center, lambda-kmsaccessdeniedexception-errors)", () => {
    const readings = readMessage(
      "Calling the invoke API action failed with this message: Lambda was unable to decrypt the environment variables because KMS access was denied. Please check the function's AWS KMS key settings. KMS Exception: UnrecognizedClientExceptionKMS Message: The security token included in the request is invalid.",
    );
    expect(readings).toHaveLength(1);
    expect(readings[0]).toMatchObject({
      type: 'denial',
      fromLambda: true,
      impliedAction: { action: 'kms:Decrypt' },
    });
  });

  it("reads Lambda's 'RequestId: <uuid>' as its sign, and not the Go SDK v2's 'RequestID: <uuid>' (em-13, fs-07)", () => {
    expect(denial(publishedCase('em-13')).fromLambda).toBe(false);
    expect(denial(publishedCase('fs-07')).fromLambda).toBe(false);
    // A function's log line naming its request (ef-18).
    expect(denial(publishedCase('ef-18')).fromLambda).toBe(true);
  });

  it.each([
    // CodeBuild's '[Container] <time>' lines (eh-14: a CDK-made project's `aws ecr get-login`).
    'eh-14',
    // GitHub Actions' '##[error]' annotation, after a denial (ft-06) and after Terraform's step (ft-07).
    'ft-06',
    'ft-07',
  ])("%s: reads a CI runner's log as a build's, not a task's", (id) => {
    expect(denial(publishedCase(id)).ranOn).toMatch(/CI runner/);
  });

  it.each([
    // The PHP SDK's older heading, its status first (thephpleague/flysystem-aws-s3-v3#29, fu-02).
    ['fu-02', 'HeadObject'],
    // The .NET SDK's refusal with no body, named by its status alone (aws/aws-sdk-net#1443, fu-23).
    ['fu-23', null],
  ])('%s: reads an SDK refusal that names only its 403 as a denial', (id, operation) => {
    const readings = readMessage(publishedCase(id));
    expect(readings.map((reading) => reading.type)).toContain('denial');
    const refusal = readings.find((reading) => reading.type === 'denial') as DenialReading;
    expect(refusal.operation).toBe(operation);
  });

  it("reads no task's app log of the corpus as a CI runner's", () => {
    for (const item of corpusCases().filter((c) => c.kind === 'app-log' && c.expected.role === 'task-role')) {
      const readings = readMessage(corpusMessage(item.id)).filter((reading) => reading.type === 'denial');
      expect(readings.some((reading) => reading.ranOn?.includes('CI runner'))).toBe(false);
    }
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

describe('a hostile run of backslashes after exec', () => {
  // The entrypoint rule read escaped quotes with two unbounded backslash runs around the path,
  // which also takes backslashes: each split of the run was tried, a cube of its length.
  it('an ECS reason with 5,000 backslashes after "exec:" is read, not retried for minutes', () => {
    const reason = `CannotStartContainerError: starting container process caused "exec: ${'\\'.repeat(5_000)}`;
    const [reading] = readMessage(reason, true);
    expect(reading?.type).toBe('look-alike');
    expect(reading?.type === 'look-alike' && reading.likelyCause).not.toMatch(/not an IAM permission/);
  });
});

describe('a long dotted run after a service refusing its role', () => {
  // The service principal's pattern let each label be any length and took any number of them:
  // tried from every label of a run that never reaches '.amazonaws.com', a square of its length.
  it('a 240 KB run of dotted labels after CodeDeploy\'s "Cannot assume role provided" is read', () => {
    const message = `Cannot assume role provided. ${'a.'.repeat(120_000)}`;
    const [reading] = readMessage(message, false);
    expect(reading?.type).toBe('denial');
  });
});

describe('a long hyphenated run before no service refusing its role', () => {
  // "<Service> is unable to assume role" let the service's name be any length: tried from every
  // word boundary of a run of hyphenated words, each try read the run to its end.
  it('a 240 KB run of hyphenated words is read as no denial', () => {
    const message = `Firehose ${'a-'.repeat(120_000)} is unable to reach the stream`;
    expect(readMessage(message, false).filter((reading) => reading.type === 'denial')).toEqual([]);
  });
});

describe("an SDK's credential chain that found nothing to sign with, in a task (el-41 to el-46, eo-)", () => {
  it.each([
    // aws/aws-sdk-go-v2#2066: Go v2 on Fargate with no task role, falling through to EC2's instance metadata
    'operation error Marketplace Metering: ResolveCustomer, exceeded maximum number of attempts, 3, failed to sign request: failed to retrieve credentials: failed to refresh cached credentials, no EC2 IMDS role found, operation error ec2imds: GetMetadata, exceeded maximum number of attempts, 3, request send failed, Get \\"http://169.254.169.254/latest/meta-data/iam/security-credentials/\\": dial tcp 169.254.169.254:80: connect: invalid argument',
    // aws/amazon-ecs-agent#1780: botocore asking the agent's endpoint for credentials it did not have
    'botocore.exceptions.CredentialRetrievalError: Error when retrieving credentials from container-role: Error retrieving metadata: Received non 200 response (400) from ECS metadata: \n{\n    "code": "InvalidIdInRequest",\n    "message": "CredentialsV2Request: Credentials not found",\n    "HTTPErrorCode": 400\n}',
    // aws/amazon-ecs-agent#1146: the agent's endpoint not answering
    "Error when retrieving credentials from container-role: Error retrieving metadata: Received error when attempting to retrieve ECS metadata: HTTPConnectionPool(host='169.254.170.2', port=80): Max retries exceeded with url: /v2/credentials/7f147da7-f2d9-4bad-a297-e1e085b4a2f5 (Caused by ConnectTimeoutError(<botocore.awsrequest.AWS",
    // aws/aws-sdk-net#3864: .NET keeping a task role's credentials past their expiry
    'Amazon.Runtime.AmazonClientException: The retrieved credentials have already expired: Now = 05/19/2025 06:43:19, Credentials expiration = 05/16/2025 23:49:10 at \nAmazon.Runtime.RefreshingAWSCredentials.UpdateToGeneratedCredentials(CredentialsRefreshState state, TimeSpan preemptExpiryTime) at ',
    // pulumi/pulumi#10303: the AWS provider in a task finding no credential source
    '    Error: invocation of aws:lb/getLoadBalancer:getLoadBalancer returned an error: 1 error occurred:\n    \t* error configuring Terraform AWS Provider: no valid credential sources for Terraform AWS Provider found.\n    \n    Please see https://registry.terraform.io/providers/hashicorp/aws\n    for more information about providing credentials.\n    \n    Error: no EC2 IMDS role found, operation error ec2imds: GetMetadata, canceled, context deadline exceeded',
    // aws/aws-sdk-net#2455 (its title)
    'Unable to get IAM security credentials from EC2 Instance Metadata Service.',
    // rusoto/rusoto#1964 (eo-25): rusoto in a Fargate task that had no task role
    'Credentials(CredentialsError { message: "Couldn\'t find AWS credentials in environment, credentials file, or IAM role." })',
    // brendanhay/amazonka#455 (eo-27): an old amazonka on Fargate looking only for the shared file
    'executable: MissingFileError "/root/.aws/credentials"',
    // openillumi.com/en/en-eks-spring-boot-auth-error-sdk-v1-v2-fix: the Java SDK v2's chain, as a blog quotes it
    'Unable to load credentials from any of the providers in the chain AwsCredentialsProviderChain',
    // carnivalmobile/demo-breaking-ecs-iam (eo-28): the Ruby SDK in an ECS task whose role's credentials never arrived
    'Aws::Errors::MissingCredentialsError: unable to sign request without credentials set',
    // taourl.com/read-2952719.html (eo-29): the JavaScript SDK v2's empty chain, in backticks
    '`CredentialsError: Missing credentials in config`.',
    // repost.aws/zh-Hans/knowledge-center/ecs-fargate-metadata-errors (eo-12): the JavaScript SDKs' wordings, a task with no task role
    '“Missing credentials in config or Could not load credentials from any providers or Fail to retrieve token(配置中缺少凭证或无法从任何提供商加载凭证或无法检索令牌)”',
  ])('is a credentials look-alike naming the task role: %s', async (message) => {
    const analysis = await analyzeEvidence(textEvidence(message, 'pasted.txt'), []);
    expect(analysis.findings).toHaveLength(0);
    expect(analysis.notPermission.map((note) => note.kind)).toContain('credentials');
    expect(analysis.notPermission.every((note) => note.kind !== 'unrecognised')).toBe(true);
    expect(analysis.notPermission[0]?.likelyCause).toMatch(/task role/);
  });
});
