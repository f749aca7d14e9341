/**
 * Real messages of applications and deployers (the `ee-` extra cases) whose form needed a rule:
 * each is the message as published, with its source.
 */
import { describe, expect, it } from 'vitest';
import { foldAtSpaces, foldTrimmed } from '../fold-text.js';
import { firstFinding, publishedCase } from '../pasted-message.js';

describe("applications' and deployers' own denials", () => {
  it("a line behind a Lambda's log group name is a function's, even with the principal redacted (praetorian-inc/chariot-ui#208)", async () => {
    const finding = await firstFinding(
      '[/aws/lambda/chariot-ReportFunction] 2024/07/02 17:11:27 ERROR failed to insert item error="operation error DynamoDB: PutItem, https response error StatusCode: 400, RequestID: *redacted*, api error AccessDeniedException: User: arn:aws:sts::*redacted* is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:us-east-2:*redacted* because no identity-based policy allows the dynamodb:PutItem action"',
    );
    expect(finding).toMatchObject({ role: 'other', action: 'dynamodb:PutItem' });
  });

  it('the log group on a line of its own still labels the record folded under it (chariot-ui#208, fold -s at 45)', async () => {
    const finding = await firstFinding(
      foldAtSpaces(
        '[/aws/lambda/chariot-ReportFunction] 2024/07/02 17:11:27 ERROR failed to insert item error="operation error DynamoDB: PutItem, https response error StatusCode: 400, RequestID: *redacted*, api error AccessDeniedException: User: arn:aws:sts::*redacted* is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:us-east-2:*redacted* because no identity-based policy allows the dynamodb:PutItem action"',
        45,
      ),
    );
    expect(finding).toMatchObject({ role: 'other', action: 'dynamodb:PutItem' });
  });

  it('the log group and the time alone on a line label the record under it (chariot-ui#208, fold -s at 60)', async () => {
    const finding = await firstFinding(
      foldAtSpaces(
        '[/aws/lambda/chariot-ReportFunction] 2024/07/02 17:11:27 ERROR failed to insert item error="operation error DynamoDB: PutItem, https response error StatusCode: 400, RequestID: *redacted*, api error AccessDeniedException: User: arn:aws:sts::*redacted* is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:us-east-2:*redacted* because no identity-based policy allows the dynamodb:PutItem action"',
        60,
      ),
    );
    expect(finding).toMatchObject({ role: 'other', action: 'dynamodb:PutItem' });
  });

  it("a line of blanks that fold left after 'User:' is the wrap's, not the message's end (awsdocs/aws-ios-developer-guide#12, fold -s at 50)", async () => {
    const folded = foldAtSpaces(
      '{"__type":"AccessDeniedException","Message":"User: arn:aws:sts::XXXX:assumed-role/XXXX/CognitoIdentityCredentials is not authorized to perform: firehose:PutRecordBatch on resource: arn:aws:firehose:eu-west-1:XXXX:deliverystream/Events-Delivery-Stream"}',
      50,
    );
    expect(folded).toContain('User:\n \n');
    const finding = await firstFinding(folded);
    expect(finding).toMatchObject({
      role: 'other',
      action: 'firehose:PutRecordBatch',
      resource: 'arn:aws:firehose:eu-west-1:XXXX:deliverystream/Events-Delivery-Stream',
    });
  });

  it('an ARN cut before its account goes on on the line that starts with the colon, however short the line before (anomalyco/sst#1502, fold -s at 80)', async () => {
    const published =
      'botocore.exceptions.ClientError: An error occurred (AccessDeniedException) when calling the PutItem operation: User: arn:aws:sts::450266975445:assumed-role/serverless-admin-backend-CronJo\nbServiceRole742AEF-2CJ880FW7FPF/serverless-admin-backend-services--CronJob6D181881-jgSPpqsBFH5O is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:ap-southeast-1\n:450266975445:table/stocks';
    const folded = foldAtSpaces(published, 80);
    expect(folded).toContain('resource: \narn:aws:dynamodb:ap-southeast-1\n:450266975445');
    const finding = await firstFinding(folded);
    expect(finding).toMatchObject({
      action: 'dynamodb:PutItem',
      resource: 'arn:aws:dynamodb:ap-southeast-1:450266975445:table/stocks',
    });
  });

  it("an action at a line's end is not run into the JS stack frame under it (pulumi/examples#259)", async () => {
    const finding = await firstFinding(
      ' 2019-03-13T18:03:03.417+08:00[AmazonRekognitionTopic_labelRe] { AccessDeniedException: User: arn:aws:sts::760647938248:assumed-role/AmazonRekognitionTopic_labelResults-3a251b2/AmazonRekognitionTopic_labelResults-979f14d is not authorized to perform: rekognition:GetLabelDetection\n    at Request.extractError (/var/runtime/node_modules/aws-sdk/lib/protocol/json.js:48:27)\n    at Request.callListeners (/var/runtime/node_modules/aws-sdk/lib/sequential_executor.js:105:20)',
    );
    expect(finding).toMatchObject({ role: 'other', action: 'rekognition:GetLabelDetection' });
  });

  it("Lambda's error JSON (errorMessage, errorType, stackTrace) is a function's, even when the message names no one (aws-samples/api-gateway-secure-pet-store#14)", async () => {
    const finding = await firstFinding(
      '{\n  "errorMessage": "null (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: AccessDeniedException; Request ID: 1TM4POAKDQ2KIEIUEPIOLTH0RNVV4KQNSO5AEMVJF66Q9ASUAAJG)",\n  "errorType": "com.amazonaws.AmazonServiceException",\n  "stackTrace": [\n    "com.amazonaws.http.AmazonHttpClient.handleErrorResponse(AmazonHttpClient.java:1182)",\n    "com.amazonaws.http.AmazonHttpClient.executeOneRequest(AmazonHttpClient.java:770)",\n    "com.amazonaws.http.AmazonHttpClient.executeHelper(AmazonHttpClient.java:489)",\n    "com.amazonaws.http.AmazonHttpClient.execute(AmazonHttpClient.java:310)",\n    "com.amazonaws.services.dynamodbv2.AmazonDynamoDBClient.invoke(AmazonDynamoDBClient.java:1772)",\n    "com.amazonaws.services.dynamodbv2.AmazonDynamoDBClient.getItem(AmazonDynamoDBClient.java:1141)",',
    );
    expect(finding).toMatchObject({ role: 'other', action: 'dynamodb:GetItem' });
  });

  it('a line of blanks that fold left inside an open bracket does not end the message (secure-pet-store#14, fold -s at 80)', async () => {
    const folded = foldAtSpaces(
      '{\n  "errorMessage": "null (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: AccessDeniedException; Request ID: 1TM4POAKDQ2KIEIUEPIOLTH0RNVV4KQNSO5AEMVJF66Q9ASUAAJG)",\n  "errorType": "com.amazonaws.AmazonServiceException",\n  "stackTrace": [\n    "com.amazonaws.http.AmazonHttpClient.handleErrorResponse(AmazonHttpClient.java:1182)",\n    "com.amazonaws.http.AmazonHttpClient.executeOneRequest(AmazonHttpClient.java:770)",\n    "com.amazonaws.http.AmazonHttpClient.executeHelper(AmazonHttpClient.java:489)",\n    "com.amazonaws.http.AmazonHttpClient.execute(AmazonHttpClient.java:310)",\n    "com.amazonaws.services.dynamodbv2.AmazonDynamoDBClient.invoke(AmazonDynamoDBClient.java:1772)",\n    "com.amazonaws.services.dynamodbv2.AmazonDynamoDBClient.getItem(AmazonDynamoDBClient.java:1141)",',
      80,
    );
    expect(folded).toContain('"stackTrace": [\n    \n');
    const finding = await firstFinding(folded);
    expect(finding).toMatchObject({ role: 'other', action: 'dynamodb:GetItem' });
  });

  it("the policy clause is read after a resource the author elided with ' ... ' (anomalyco/sst#4469)", async () => {
    const finding = await firstFinding(
      '"error": "User: arn:aws:sts:: ... :assumed-role/...-APIHandlerKmerRole-useast1/...-APIHandlerKmerFunction is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:us-east-1: ... :table/AuthTable because no identity-based policy allows the dynamodb:PutItem action"',
    );
    expect(finding).toMatchObject({
      action: 'dynamodb:PutItem',
      policyType: 'identity',
      explicitDeny: false,
    });
  });

  it("a viewer's continuation bar left alone on its line by a fold still marks the frame (aws/aws-lambda-dotnet#853, fold -s at 80)", async () => {
    const folded = foldAtSpaces(
      '"Message":"User: arn:aws:sts::8xxxxxxxxx4:assumed-role/example-GetBlogsRole-TF8JQS710Q8H/example-GetBlogs-2K8167JQPX14 is not authorized to perform:\n     | dynamodb:DescribeTable on resource:\n     | arn:aws:dynamodb:us-west-2:8xxxxxxxxx4table/example-BlogTable-1QOLWPD4OM63Y"',
      80,
    );
    expect(folded).toContain('resource:\n     | \narn:');
    const finding = await firstFinding(folded);
    expect(finding).toMatchObject({
      action: 'dynamodb:DescribeTable',
      resource: 'arn:aws:dynamodb:us-west-2:8xxxxxxxxx4table/example-BlogTable-1QOLWPD4OM63Y',
    });
  });

  it("a Firehose put thrown through a program's SDK (the JS SDK's stack) is the app's call, not FireLens shipping logs (pkallos/winston-firehose#24)", async () => {
    const finding = await firstFinding(
      'UnhandledPromiseRejectionWarning: AccessDeniedException: User: arn:aws:sts::xxxxxxxx:assumed-role/nonprod-contentservice-role/i-instanceId is not authorized to perform: firehose:PutRecord on resource: arn:aws:firehose:us-east-1:xxxxxxxx:deliverystream/arn:aws:firehose:us-east-1:yyyyyyyyyy:deliverystream/es-cs\n    at Request.extractError (/var/app/current/node_modules/aws-sdk/lib/protocol/json.js:51:27)\n    at Request.callListeners (/var/app/current/node_modules/aws-sdk/lib/sequential_executor.js:106:20)',
    );
    expect(finding).toMatchObject({ role: 'task-role', step: 'app-call', action: 'firehose:PutRecord' });
    // FireLens' Firehose plugin's own line (app-14, terraform-aws-ecs#381) is still the log router's delivery.
    const fireLens = await firstFinding(
      'time="2025-12-14T01:59:54Z" level=error msg="[firehose 0] PutRecordBatch failed with AccessDeniedException: User: arn:aws:sts::253490795979:assumed-role/ex-fargate-20251213034002048000000008/13227c9d448647f19db7d235b43bb287 is not authorized to perform: firehose:PutRecordBatch on resource: arn:aws:firehose:us-east-1:253490795979:deliverystream/my-stream because no identity-based policy allows the firehose:PutRecordBatch action\\n\\tstatus code: 400, request id: f2c00aa0-a955-26bd-9378-16fa4f5192d3"',
    );
    expect(fireLens).toMatchObject({ role: 'task-role', step: 'log-delivery' });
  });

  it("a principal hidden inside IAM's namespace (arn:aws:iam::___) is a user or a role, never a task's session, even under the JS SDK's stack (peterkimzz/aws-ssm-send-command, eb-26)", async () => {
    const finding = await firstFinding(
      '/home/runner/work/_actions/peterkimzz/aws-ssm-send-command/master/node_modules/aws-sdk/lib/request.js:31\n            throw err;\n            ^\n\nAccessDeniedException: User: arn:aws:iam::_____________ is not authorized to perform: ssm:SendCommand on resource: arn:aws:ec2:________________________\n    at Request.extractError (/home/runner/work/_actions/peterkimzz/aws-ssm-send-command/master/node_modules/aws-sdk/lib/protocol/json.js:52:27)',
    );
    expect(finding).toMatchObject({ role: 'other', action: 'ssm:SendCommand' });
  });

  it("the ECS Exec Checker's verdict under its caller's line is that caller's, for ECS Exec (aws-containers/amazon-ecs-exec-checker's check-ecs-exec.sh)", async () => {
    // The script's own layout: 'printf "  Can I ExecuteCommand?  | ${MY_IAM_ARN}\n"', then
    // showEvalResult's line per action it simulated, indented under it.
    const finding = await firstFinding(
      [
        '  Cluster Configuration  | Audit Logging Not Configured',
        '  Can I ExecuteCommand?  | arn:aws:iam::123456789012:user/yamada',
        '     ecs:ExecuteCommand: implicitDeny',
        '     ssm:StartSession denied?: allowed',
        '  Task Status            | RUNNING',
      ].join('\n'),
    );
    expect(finding).toMatchObject({
      role: 'other',
      step: 'exec',
      action: 'ecs:ExecuteCommand',
      explicitDeny: false,
      principalArn: 'arn:aws:iam::123456789012:user/yamada',
    });
  });

  it("the policy simulator's rows as a person lines them up ('kms:Decrypt   implicitDeny') name the action it did not allow (ia-05: macanderson/stella#2252)", async () => {
    expect(await firstFinding(publishedCase('ia-05'))).toMatchObject({
      action: 'kms:Decrypt',
      explicitDeny: false,
    });
    // Its rows the simulator allowed, alone, are no refusal.
    const allowed = publishedCase('ia-05')
      .split('\n')
      .filter((row) => /\ballowed\b/.test(row))
      .join('\n');
    expect(allowed).toContain('allowed');
    expect(await firstFinding(allowed)).toBeUndefined();
  });

  it("the Java SDK v2's S3Exception with no message ('null (Service: S3, Status Code: 403') is S3's refusal, as for a HEAD (hx-16: kestra-io/plugin-aws#582)", async () => {
    expect(await firstFinding(publishedCase('hx-16'))).toMatchObject({ role: 'task-role', step: 'app-call' });
  });

  it("a stack through /var/task, where Lambda unpacks a function, is a function's (ia-08: serverless/serverless#3040)", async () => {
    expect(await firstFinding(publishedCase('ia-08'))).toMatchObject({
      role: 'other',
      action: 'sts:AssumeRole',
    });
  });

  it("a Kubernetes controller's reconciler error under controller-runtime's logger is the controller's, not a task's (hw-07: kubernetes-sigs/aws-load-balancer-controller#2900)", async () => {
    expect(await firstFinding(publishedCase('hw-07'))).toMatchObject({ role: 'other', step: 'other' });
  });

  it("STS refusing an MFA code is a person's session, not a task's (hw-11: sam701/awstools#31)", async () => {
    expect(await firstFinding(publishedCase('hw-11'))).toMatchObject({ role: 'other', step: 'other' });
  });

  it("Karpenter's status and log for a refused RunInstances are its controller's, the SCP's clause after the author's elision read (ib-15, ib-16: aws-samples/eks-workshop-v2#1859)", async () => {
    expect(await firstFinding(publishedCase('ib-15'))).toMatchObject({
      role: 'other',
      action: 'ec2:RunInstances',
    });
    expect(await firstFinding(publishedCase('ib-16'))).toMatchObject({
      role: 'other',
      action: 'ec2:RunInstances',
      policyType: 'scp',
      explicitDeny: true,
    });
  });

  it("kubectl's events of a volume claim are a Kubernetes cluster's, though a trimmed wrap glued 'StorageClass' to its name (ic-06: kubernetes-sigs/aws-ebs-csi-driver#963, fold -s at 80 trimmed)", async () => {
    const folded = foldTrimmed(publishedCase('ic-06'), 80);
    expect(await firstFinding(folded)).toMatchObject({ role: 'other', action: 'ec2:CreateVolume' });
  });

  it("the ECS agent's 'secret <arn>:' and the refusal after a wrap's line of blanks trimmed to nothing are one message (id-04: New Relic's ECS troubleshooting page, fold -s at 80 trimmed)", async () => {
    const folded = foldTrimmed(publishedCase('id-04'), 80);
    expect(folded).toContain('\n\n');
    expect(await firstFinding(folded)).toMatchObject({
      role: 'execution-role',
      step: 'secret-injection',
      action: 'secretsmanager:GetSecretValue',
    });
  });

  it("Logstash's 403 from an OpenSearch Serverless endpoint is a refusal (ib-11: opensearch-project/logstash-output-opensearch#228)", async () => {
    expect(await firstFinding(publishedCase('ib-11'))).toBeDefined();
  });

  it("the Go SDK v1's request error printed whole with its 403 is a refusal (id-13: hashicorp/vault#2852)", async () => {
    expect(await firstFinding(publishedCase('id-13'))).toBeDefined();
  });

  it.each([
    ['ii-50', 'a Crossplane managed resource (crossplane-contrib/provider-aws#1612)'],
    ['ii-55', "an ACK controller's reconciler (aws-controllers-k8s/community#1861)"],
    ['ig-24', "Argo's executor saving a step's outputs (awslabs/kubeflow-manifests#225)"],
    ['ii-45', "the cluster autoscaler's template node (kubernetes/autoscaler#1943)"],
    [
      'ii-58',
      "kops's masters' role behind the load balancer controller's ingress event (kubernetes/kops#13361)",
    ],
    [
      'ij-09',
      "Amplify's StorageAccessDeniedException with its recoverySuggestion (aws-amplify/amplify-flutter#4288)",
    ],
    ['ig-23', "Jenkins' CodeBuild plugin (awslabs/aws-codebuild-jenkins-plugin#66)"],
  ] as const)("%s is no task's app: %s", async (id, _) => {
    expect(await firstFinding(publishedCase(id))).toMatchObject({ role: 'other' });
  });

  it("the Java SDK v1's fields laid out a line each ('AWS Error Code: 403 Forbidden') are a refusal (ig-18: JetBrains/teamcity-s3-artifact-storage-plugin#4)", async () => {
    expect(await firstFinding(publishedCase('ig-18'))).toBeDefined();
  });
});
