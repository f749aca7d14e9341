/**
 * ECS's own messages, and Docker Hub's and AWS Auto Scaling's, that carry none of the usual error
 * words, with the real text of extra cases eg- (test/extra-cases/cases.jsonl, sources there).
 */
import { describe, expect, it } from 'vitest';
import { analysePasted, firstFinding, lookAlikeOf, publishedCase } from '../pasted-message.js';

describe('look-alikes with no error word', () => {
  it("ECS's service event for its own throttled calls (the ECS guide's service event messages)", async () => {
    const lookAlike = await lookAlikeOf(
      'service (service-name) operations are being throttled. Will try again later.',
    );
    expect(lookAlike).toMatchObject({ kind: 'throttling' });
  });

  it("Docker Hub's pull rate limit in its own words (the ECS guide's CannotPullContainer errors)", async () => {
    const lookAlike = await lookAlikeOf(
      'You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limits.',
    );
    expect(lookAlike).toMatchObject({ kind: 'throttling' });
  });

  it('a target group with no load balancer, cut by the reporter (TeliaSoneraNorge/divx-terraform-modules#133)', async () => {
    const lookAlike = await lookAlikeOf(
      'module.application.module.service.aws_ecs_service.main\nThe target group ... does not have an associated load balancer',
    );
    expect(lookAlike).toMatchObject({ kind: 'invalid-request' });
    expect(lookAlike?.likelyCause).toMatch(/listener/);
  });

  it("the same refusal in Terraform's error names the listener too (cloudposse/terraform-aws-ecs-web-app#226)", async () => {
    const lookAlike = await lookAlikeOf(
      'Error: creating ECS Service (mvv-esports-fe-development-app): InvalidParameterException: The target group with targetGroupArn * does not have an associated load balancer.',
    );
    expect(lookAlike?.likelyCause).toMatch(/listener/);
  });
});

describe('look-alikes named, not only read', () => {
  it.each([
    ['gz-09', 'the CDK CLI finding no credentials configured', 'credentials'],
    ['gy-05', "Go's v2 RDS token builder handed no credentials provider", 'credentials'],
    ['ha-22', "the instance metadata's InstanceProfileNotFound code", 'missing-resource'],
    ['gx-22', "Firehose's KMS key not found", 'missing-resource'],
    ['gx-24', "S3's 'The specified bucket does not exist'", 'missing-resource'],
    ['gx-23', "Firehose's KMS request-per-second limit", 'throttling'],
    [
      'gx-03',
      "CodeBuild's VPC_CLIENT_ERROR for public subnets, despite EC2's UnauthorizedOperation",
      'other',
    ],
    [
      'fh-07',
      "DynamoDB's and ECS's InvalidSignatureException, never the last resort's Invalid…Exception",
      'credentials',
    ],
    ['gx-02', "CodeBuild's EFS mount failed for a connection reset, not refused", 'network'],
    ['gz-07', "the CDK CLI's ProcessCredentialsProviderFailure", 'credentials'],
    ['gy-10', "duckdb's 'Unable to generate RDS IAM token'", 'credentials'],
    ['gz-08', "the JavaScript SDK's 'EC2 Metadata roleName request returned error'", 'other'],
    ['ha-19', "Python's 'certificate verify failed' in the AWS CLI", 'network'],
    ['ha-20', "the AWS CLI's 'SSL validation failed for'", 'network'],
    ['gx-10', "efs-utils' 'Failed to resolve \"fs-…\"'", 'network'],
    ['ha-14', "STS's DurationSeconds over the role's MaxSessionDuration", 'invalid-request'],
    ['ha-15', "STS's SAML issuer not in the provider", 'credentials'],
    ['ha-16', "a rotation function's database login, single user", 'other'],
    ['ha-17', "a rotation function's database login, multi-user", 'other'],
    ['gv-11', "ECS's deployment hook failures", 'other'],
    [
      'gz-19',
      "CodeDeploy's InvalidFileExistsBehaviorException, the last resort's Invalid…Exception",
      'invalid-request',
    ],
    ['gz-20', "ECS's 'Cannot update a service to add/remove a load balancer'", 'invalid-request'],
    ['gb-05', "Python's '[Errno 13] Permission denied' on a path", 'other'],
    ['gd-22', "Fluent Bit's 'read error, check permissions' on a file", 'other'],
    ['fv-03', "Docker's 'filesystem layer verification failed for digest'", 'other'],
    ['gd-09', "KMS's data key refused from an asymmetric key", 'invalid-request'],
    ['ge-06', "S3's PermanentRedirect to the bucket's Region", 'invalid-request'],
    ['gs-12', "the Support API's SubscriptionRequiredException", 'other'],
    ['gs-17', "AppSync's WAFForbiddenException", 'other'],
    ['gd-03', "ECS's load balancer container name or port changed", 'invalid-request'],
  ] as const)('%s: %s', async (id, _, kind) => {
    expect((await lookAlikeOf(publishedCase(id)))?.kind).toBe(kind);
  });

  it("SSM's TargetNotConnected on an ECS task target is ECS Exec's agent (aws/session-manager-plugin#72)", async () => {
    const lookAlike = await lookAlikeOf(
      'An error occurred (TargetNotConnected) when calling the StartSession operation: ecs:sample-cluster_ef***a9e0_efe**536 is not connected.',
    );
    expect(lookAlike).toMatchObject({ kind: 'other' });
    expect(lookAlike?.likelyCause).toMatch(/SSM agent/);
  });

  it("the ECS console refusing a capacity provider's setting (aws/containers-roadmap#653)", async () => {
    const lookAlike = await lookAlikeOf(
      'There was an error creating the capacity provider. Fix the following error and try again.\nThe managed termination protection setting for the capacity provider is invalid. To enable managed termination protection for a capacity provider, the Auto Scaling group must have instance protection from scale in enabled.',
    );
    expect(lookAlike).toMatchObject({ kind: 'invalid-request' });
  });

  it("ECS's deployment events: scale-in protection and the deployment's percentages (the ECS guide)", async () => {
    for (const event of [
      'service (service-name) was unable to reach steady state because task set (taskSet-ID) was unable to scale in. Reason: The number of protected tasks are more than the desired count of tasks.',
      'service (service-name) was unable to stop or start tasks during a deployment because of the service deployment configuration. Update the minimumHealthyPercent or maximumPercent value and try again.',
    ]) {
      const lookAlike = await lookAlikeOf(event);
      expect(lookAlike).toMatchObject({ kind: 'other' });
      expect(lookAlike?.likelyCause).toMatch(/minimumHealthyPercent|protect/);
    }
  });
});

describe('a denial written as the permissions the caller lacks', () => {
  it("AWS Auto Scaling's 'User is missing the following permissions' (awsdocs/aws-auto-scaling-user-guide#3)", async () => {
    const analysis = await analysePasted('User is missing the following permissions: [ecs:UpdateService]');
    expect(analysis.findings[0]).toMatchObject({ role: 'other', action: 'ecs:UpdateService' });
  });

  it("CodeDeploy's service role lacking permissions in another service (the CodeDeploy guide)", async () => {
    const analysis = await analysePasted(
      'CodeDeployRole does not give you permission to perform operations in the following AWS service: AmazonAutoScaling',
    );
    expect(analysis.findings[0]).toMatchObject({ role: 'other', action: null });
    expect(analysis.findings[0]).toMatchObject({ principalArn: 'CodeDeployRole' });
  });

  it("the same sentence naming the role by its ARN keeps the ARN (the CodeDeploy guide's form, an ECS service)", async () => {
    const analysis = await analysePasted(
      'The IAM role arn:aws:iam::123456789012:role/ecsCodeDeployRole does not give you permission to perform operations in the following AWS service: AmazonECS. Contact your AWS administrator if you need help.',
    );
    expect(analysis.findings[0]).toMatchObject({
      role: 'other',
      roleArn: 'arn:aws:iam::123456789012:role/ecsCodeDeployRole',
    });
  });

  it('reads every action of the list, not only the first', async () => {
    const analysis = await analysePasted(
      'User is missing the following permissions: [ecs:UpdateService, application-autoscaling:RegisterScalableTarget]',
    );
    expect(analysis.findings.map((finding) => finding.action).sort()).toEqual([
      'application-autoscaling:RegisterScalableTarget',
      'ecs:UpdateService',
    ]);
  });
});

describe("ECS's stopped reasons that are no error, and task networking on the instance", () => {
  it('a task ECS stopped on purpose is named as such (the ECS guide, DefangLabs/defang#1581)', async () => {
    for (const reason of [
      'Scaling activity initiated by (deployment deployment-id)',
      'Host EC2 (instance id) stopped/terminated',
      'Container instance deregistration forced by user',
      'Error: deployment failed for service "auth": TASK_DEACTIVATING Your Spot Task was interrupted. : dc639a5d21af465ea9af1869dbb319b9',
    ]) {
      const lookAlike = await lookAlikeOf(reason);
      expect(lookAlike, reason).toMatchObject({ kind: 'other' });
      expect(lookAlike?.likelyCause, reason).toMatch(
        /on purpose|reclaimed|stopped or terminated|deregistered/,
      );
    }
  });

  it("the task's network interface on the instance (aws/amazon-ecs-agent#4825, aws/amazon-ecs-cni-plugins#93)", async () => {
    for (const reason of [
      'Timeout waiting for network interface provisioning to complete.',
      'failed to setup network namespace: cni setup: invoke eni plugin failed: getInterfaceDeviceName engine: unable to get device with hardware address...',
    ]) {
      const lookAlike = await lookAlikeOf(reason);
      expect(lookAlike, reason).toMatchObject({ kind: 'network' });
    }
  });

  it("a Classic Load Balancer's failed checks in ECS's service event (the ECS guide)", async () => {
    const lookAlike = await lookAlikeOf(
      'service (service-name) (instance instance-id) is unhealthy in (elb elb-name) due to (reason Instance has failed at least the UnhealthyThreshold number of health checks consecutively.)',
    );
    expect(lookAlike?.likelyCause).toMatch(/health check/);
  });
});

describe('a registry other than ECR refusing the pull', () => {
  it("ghcr.io's refusals are the registry's credentials, not the execution role's (extra cases eg-32 to eg-35)", async () => {
    for (const message of [
      'Error response from daemon: Head "https://ghcr.io/v2/ipnet-mesh/meshcore-hub/manifests/latest": unauthorized',
      'Error response from daemon: Head "https://ghcr.io/v2/riverqueue/riverui/manifests/latest": denied: denied',
      'Error response from daemon: failed to resolve reference "ghcr.io/jbenshetler/mcp-ragex:cpu-latest": unexpected status from HEAD request to https://ghcr.io/v2/jbenshetler/mcp-ragex/manifests/cpu-latest: 403 Forbidden',
      "Error response from daemon: pull access denied for ghcr.io/kedacore/http-add-on-operator, repository does not exist or may require 'docker login': denied: permission_denied: read_package",
    ]) {
      const lookAlike = await lookAlikeOf(message);
      expect(lookAlike, message).toMatchObject({ kind: 'credentials' });
      expect(lookAlike?.likelyCause, message).toMatch(/registry/);
    }
  });

  it("ECR's own 403 is still the execution role's pull (extra case ea-09)", async () => {
    const analysis = await analysePasted(
      'CannotPullContainerError: ref pull has been retried 1 time(s): failed to pull\nand unpack image "123456789.dkr.ecr.us-east-1.amazonaws.com/myapp:latest":\nfailed to resolve reference: unexpected status code 403 Forbidden',
    );
    expect(analysis.findings[0]).toMatchObject({ role: 'execution-role', step: 'image-pull' });
  });
});

describe('Application Auto Scaling unable to assume its role', () => {
  it("reads the trust failure and the role in CloudFormation's and EMR's forms (extra cases eg-37, eg-38)", async () => {
    const cases: [string, string | null][] = [
      [
        'Stack deployment fails at StreamlitAutoScalingTarget with error "Resource handler returned message: "Unable to assume IAM role: arn:aws:iam::942514891246:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService (Service: ApplicationAutoScaling, Status Code: 400, Request ID: 8e0a21e4-bcba-42dc-9649-a637db947a72)" (RequestToken: cd83145c-37e2-74b0-84d5-5e70b2fcb052, HandlerErrorCode: InvalidRequest)"',
        'arn:aws:iam::942514891246:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService',
      ],
      [
        'Failed to provision the AutoScaling policy: Unable to assume IAM role: arn:aws:iam::216727*****:role/emr-stage-dataorc-emr-ec2-autoscaling',
        'arn:aws:iam::216727*****:role/emr-stage-dataorc-emr-ec2-autoscaling',
      ],
    ];
    for (const [message, role] of cases) {
      const analysis = await analysePasted(message);
      expect(analysis.findings[0], message).toMatchObject({
        role: 'other',
        step: 'trust',
        action: 'sts:AssumeRole',
        resource: role,
      });
    }
  });
});

describe('Application Auto Scaling named by the Java SDK', () => {
  it("reads 'AWSApplicationAutoScaling' in the SDK's tail as the service (extra case eg-39)", async () => {
    // The AWS SDK for Java names the service AWSApplicationAutoScaling in its tail
    // (aws-samples/aws-application-auto-scaling-kinesis#1: "(Service: AWSApplicationAutoScaling;
    // Status Code: 400; Error Code: AccessDeniedException; …)"); CloudFormation's stack event
    // in 1Strategy/fargate-cloudformation-example#1, retyped on lines, lost the tail's "(Service: ".
    for (const message of [
      'unable to assume role. (Service: AWSApplicationAutoScaling; Status Code: 400; Error Code: ValidationException)',
      publishedCase('eg-39'),
    ]) {
      const analysis = await analysePasted(message);
      expect(analysis.findings[0], message).toMatchObject({
        role: 'other',
        step: 'trust',
        action: 'sts:AssumeRole',
      });
    }
  });
});

describe('an exec or a command naming no file in the image', () => {
  it('is named as such, not only read (extra cases eg-40 to eg-42)', async () => {
    for (const message of [
      'OCI runtime exec failed: exec failed: unable to start container process: exec: "/bin/bash": stat /bin/bash: no such file or directory: unknown',
      'STOPPED Reason: CannotStartContainerError: API error (500): Cannot start container 54b6caa1f3d8476a7b3538827d4d5017596d696b0877925d1d28a9de735b2433: [8] System error: exec: "node index.js -t sockets_transport -i 0": executable file not found in $PATH',
      'System error: exec: \\"echo hi\\": executable file not found in $PATH" ',
    ]) {
      const lookAlike = await lookAlikeOf(message);
      expect(lookAlike, message).toMatchObject({ kind: 'other' });
      expect(lookAlike?.likelyCause, message).toMatch(/not in the image|one string/);
    }
  });
});

describe("service discovery's and Service Connect's own refusals", () => {
  it('a Cloud Map registration that timed out (techservicesillinois/terraform-aws-ecs-service#14)', async () => {
    const lookAlike = await lookAlikeOf(
      'Timeout waiting for service discovery instance provisioning to complete.',
    );
    expect(lookAlike).toMatchObject({ kind: 'other' });
    expect(lookAlike?.likelyCause).toMatch(/Cloud Map/);
  });

  it('any AWS "...NotFoundException" is a missing resource (terraform-aws-modules/terraform-aws-ecs#116)', async () => {
    const lookAlike = await lookAlikeOf(
      'creating ECS Service (ecsdemo-frontend): NamespaceNotFoundException: Failed to retrieve namespace for example\n│ \n│   with module.ecs.module.service["ecsdemo-frontend"].aws_ecs_service.this[0],',
    );
    expect(lookAlike).toMatchObject({ kind: 'missing-resource' });
  });
});

describe('the secret the ECS agent names before the error it got', () => {
  it("is the resource of a GetSecretValue denial cut before its own 'on resource' (SecretJuJu/python-binance-auto-trade TROUBLESHOOTING.md)", async () => {
    const [finding] = (
      await analysePasted(
        'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret arn:aws:secretsmanager:ap-northeast-2:205070775242:secret:bitcoin-auto-trader/binance-UMl6GF from secrets manager: AccessDeniedException: User: arn:aws:sts::205070775242:assumed-role/bitcoin-auto-trader-ecs-execution-role/259ab992ff9d4af08a4fc104adda511d is not authorized to perform: secretsmanager:GetSecretValue',
      )
    ).findings;
    expect(finding).toMatchObject({
      role: 'execution-role',
      step: 'secret-injection',
      action: 'secretsmanager:GetSecretValue',
      resource:
        'arn:aws:secretsmanager:ap-northeast-2:205070775242:secret:bitcoin-auto-trader/binance-UMl6GF',
    });
  });

  it('is not the resource of a KMS refusal Secrets Manager relayed: that denial is of the key (GiamPy5/terraform-aws-directus#10)', async () => {
    const [finding] = (
      await analysePasted(
        'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret arn:aws:secretsmanager:eu-central-1:account_id:secret:algo-dev-directus-secret20240626183203358800000004-EaPYTy from secrets manager: AccessDeniedException: Access to KMS is not allowed status code: 400, request id: a87a66d9-f839-4353-b8c2-9984b1465695',
      )
    ).findings;
    expect(finding).toMatchObject({ role: 'execution-role', action: 'kms:Decrypt', resource: null });
  });
});

describe("Bedrock's model-access gate, answered as AccessDeniedException", () => {
  // The model is not enabled for the account in this Region (Bedrock's Model access page), or the
  // client calls another Region: each thread was settled there, not in a policy.
  it.each([
    [
      'a botocore traceback (dirkpetersen/our-chat#3)',
      "botocore.errorfactory.AccessDeniedException: An error occurred (AccessDeniedException) when calling the InvokeModel operation: You don't have access to the model with the specified model ID.",
    ],
    [
      "a Lambda function's log line (aws-samples/amazon-bedrock-audio-summarizer#15)",
      "[ERROR]\t2024-08-14T20:22:05.431Z\t930587f4-631c-4afc-81dd-840def9cc233\tAn error occurred (AccessDeniedException) when calling the InvokeModel operation: You don't have access to the model with the specified model ID.",
    ],
    [
      "the Anthropic SDK's 403 (gaiin-platform/amplify-genai-backend#62)",
      "Error invoking Bedrock Anthropic:  PermissionDeniedError: 403 You don't have access to the model with the specified model ID.",
    ],
    [
      "the Swift SDK's error, access enabled in another Region (aws-samples/amazon-bedrock-client-for-mac#1)",
      'Error invoking the model: AccessDeniedException(properties: AWSBedrockRuntime.AccessDeniedException.Properties(message: Optional("Your account is not authorized to invoke this API operation.")), httpResponse: Status Code: http_status_403 x-amzn-ErrorType: AccessDeniedException:http://internal.amazon.com/coral/com.amazon.bedrock/, Content-Type: application/json, Content-Length: 74)',
    ],
    [
      'the preview-era gate on listing the models (aws-samples/amazon-bedrock-workshop#20)',
      'botocore.errorfactory.AccessDeniedException: An error occurred (AccessDeniedException) when calling the ListFoundationModels operation: Your account is not authorized to invoke this API operation.',
    ],
  ])("is a look-alike, not a role's denial: %s", async (_source, message) => {
    const lookAlike = await lookAlikeOf(message);
    expect(lookAlike?.likelyCause).toMatch(/model access/i);
  });

  it("stays a denial when IAM's own sentence names the caller (tinovyatkin/amazon-bedrock-copilot-chat#396)", async () => {
    const [finding] = (
      await analysePasted(
        'User: arn:aws:sts::1111111111:assumed-role/user_role is not authorized to perform: bedrock:InvokeModelWithResponseStream on resource: arn:aws:bedrock:::foundation-model/anthropic.claude-opus-4-6-v1 with an explicit deny in a service control policy',
      )
    ).findings;
    expect(finding).toMatchObject({ action: 'bedrock:InvokeModelWithResponseStream', explicitDeny: true });
  });
});

describe("ECS's pull error by the name its guide gives the family ('CannotPullContainer task errors')", () => {
  it("reads 'CannotPullContainer' without its 'Error' as ECS's image pull, with the execution role (nathanpeck/aws-cloudformation-fargate#13)", async () => {
    const [finding] = (
      await analysePasted(
        'I am getting error: CannotPullContainer AccessDenied, when using an image hosted on ECR.',
      )
    ).findings;
    expect(finding).toMatchObject({ role: 'execution-role', step: 'image-pull' });
  });
});

describe("RunTask's failure reasons and EC2's metadata out of a task's reach, with no error word", () => {
  it.each([
    [
      "RunTask's failure quoted by the knowledge center (em-17: https://repost.aws/knowledge-center/ecs-fargate-runtask-capacity)",
      '"Capacity is unavailable at this time. Please try again later or in a different availability zone"',
      /Fargate had no capacity/,
    ],
    [
      "the same reason in a service event (the ECS guide's service event messages)",
      'service (service-name) was unable to place a task. Reason: Capacity is unavailable at this time. Please try again later or in a different availability zone.',
      /Fargate had no capacity/,
    ],
    [
      "the ECS guide's API failure reasons (em-18: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/api_failures_messages.html)",
      'TaskFailedToStart: AGENT',
      /agent disconnected/,
    ],
    [
      'a capacity provider with no instance to take the task (https://openillumi.com/en/en-ecs-empty-capacity-provider-fix-resource-issue, quoting a Stack Overflow question)',
      'TaskFailedToStart: EMPTY CAPACITY PROVIDER',
      /Auto Scaling group/,
    ],
  ])('%s', async (_, message, cause) => {
    const lookAlike = await lookAlikeOf(message);
    expect(lookAlike).toMatchObject({ kind: 'placement', likelyCause: expect.stringMatching(cause) });
  });

  it.each([
    [
      "the CloudWatch agent on Fargate at Telegraf's E! level (em-06: aws-samples/amazon-cloudwatch-container-insights#8)",
      '2019/10/10 14:09:58 E! ec2metadata is not available',
    ],
    [
      'the same inside an I! line of the agent on EKS with IMDS blocked (aws-samples/amazon-cloudwatch-container-insights#56)',
      '2020/11/12 15:56:28 I! 2020/11/12 15:56:25 E! ec2metadata is not available',
    ],
    [
      "the agent's SDK failing the identity document on Fargate (aws/amazon-cloudwatch-agent#864)",
      'Error: cannot start pipelines: EC2MetadataRequestError: failed to get EC2 instance identity document',
    ],
  ])('%s', async (_, message) => {
    const lookAlike = await lookAlikeOf(message);
    expect(lookAlike).toMatchObject({
      kind: 'other',
      likelyCause: expect.stringMatching(/instance metadata/),
    });
  });
});

describe("AppSync unable to assume a data source's service role, in its GraphQL errors", () => {
  it.each([
    [
      'a GraphQL response pasted line by line (em-26: https://pastebin.com/ThhNbYzi)',
      '{\n"data": {\n"createMessage": null\n},\n"errors": [\n{\n"path": [\n"createMessage"\n],\n"data": null,\n"errorType": "Unauthorized",\n"errorInfo": null,\n"locations": [\n{\n"line": 31,\n"column": 3,\n"sourceName": null\n}\n],\n"message": "Unable to assume role arn:aws:iam::872619544959:role/service-role/zilzalApis_createMessage-role-1zbllwd3."\n}\n]\n}',
      'arn:aws:iam::872619544959:role/service-role/zilzalApis_createMessage-role-1zbllwd3',
    ],
    [
      "Apollo's client naming it a GraphQL error (serverless/serverless-graphql#351)",
      'GraphQL error: Unable to assume role ',
      null,
    ],
  ])("is a trust failure of the role, not a program's own call: %s", async (_, message, role) => {
    const [finding] = (await analysePasted(message)).findings;
    expect(finding).toMatchObject({ role: 'other', step: 'trust', action: 'sts:AssumeRole', resource: role });
  });
});

describe("Session Manager's message gateway refusing a channel (ssmmessages)", () => {
  it.each([
    [
      "the SSM agent's control channel on an instance (em-34: aws/amazon-ssm-agent#121)",
      '2018-09-21 09:15:14 ERROR [MessageGatewayService] Failed to get controlchannel token, error: CreateControlChannel failed with error: createControlChannel request failed: unexpected response from the service <BadRequest xmlns=""><message>Unauthorized request.</message></BadRequest>',
      'ssmmessages:CreateControlChannel',
    ],
    [
      "start-session's data channel, 'Request is not authenticated.' (em-35: aws/amazon-ssm-agent#272)",
      'Setting up data channel with id XXXXXXXXX-0627c9857b1571d79 failed: failed to create websocket for datachannel with error: CreateDataChannel failed with no output or error: createDataChannel request failed: unexpected response from the service <BadRequest xmlns=""><message>964c3550: Request is not authenticated.</message></BadRequest>',
      'ssmmessages:CreateDataChannel',
    ],
    [
      "the data channel refused to an EKS node role (a cluster's setup notes: alexei-led/kube-ssm-agent, README.md)",
      '----------ERROR-------\nSetting up data channel with id alexei-0f1f1d0f80f2432b8 failed: failed to create websocket for datachannel with error: CreateDataChannel failed with no output or error: createDataChannel request failed: unexpected response from the service <BadRequest xmlns=""><message>Unauthorized request.</message></BadRequest>',
      'ssmmessages:CreateDataChannel',
    ],
  ])('is a refusal of the call named: %s', async (_, message, action) => {
    const [finding] = (await analysePasted(message)).findings;
    expect(finding).toMatchObject({ action });
  });

  it("a session already terminated is no refusal (the Session Manager guide's Remote Desktop note)", async () => {
    const { findings } = await analysePasted(
      'Setting up data channel with id SESSION_ID failed: failed to create websocket for datachannel with error: CreateDataChannel failed with no output or error: createDataChannel request failed: unexpected response from the service <BadRequest>\n<ClientErrorMessage>Session is already terminated</ClientErrorMessage>\n</BadRequest>',
    );
    expect(findings).toEqual([]);
  });
});

describe("KMS's throttling in its own words", () => {
  it("names 'You have exceeded the rate at which you may call KMS' throttling without its code (the body in hyperlane-xyz/hyperlane-monorepo#2391)", async () => {
    const lookAlike = await lookAlikeOf(
      '"message":"You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls."',
    );
    expect(lookAlike?.kind).toBe('throttling');
  });
});

describe('ECS unable to assume a role it names unquoted', () => {
  it("reads '… assume the role X that was provided for this task' as ECS's trust failure, no ARN made of the word (gv-12: telia-oss/terraform-aws-ecs-fargate#58)", async () => {
    const finding = await firstFinding(publishedCase('gv-12'));
    expect(finding).toMatchObject({ role: 'other', step: 'trust', action: 'sts:AssumeRole', resource: null });
  });

  it('keeps an unquoted ARN as the role', async () => {
    const finding = await firstFinding(
      'ECS was unable to assume the role arn:aws:iam::123456789012:role/app-task that was provided for this task. Please verify that the role being passed has the proper trust relationship and permissions and that your IAM user has permissions to pass this role.',
    );
    expect(finding?.resource).toBe('arn:aws:iam::123456789012:role/app-task');
  });
});
