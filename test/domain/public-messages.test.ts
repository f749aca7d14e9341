/**
 * Real messages from public issues beyond the corpus, for the message forms the corpus does
 * not hold: quoted names (SES), Fluent Bit's output plugins, errors inside JSON log lines.
 */
import { describe, expect, it } from 'vitest';
import { analyzeEvidence } from '../../src/pipeline.js';
import { textEvidence } from '../../src/sources/files/text-input.js';
import { firstFinding } from '../pasted-message.js';

describe('messages from public issues', () => {
  it("SES quotes names `like this' (usdigitalresponse/usdr-gost#3080, an ECS task)", async () => {
    const finding = await firstFinding(
      "AccessDenied: User `arn:aws:sts::357150818708:assumed-role/gost-staging-api-ECSTask-2023021701041477300000000a/969ff5cbe4c14e75a8427065217e836e' is not authorized to perform `ses:SendEmail' on resource `arn:aws:ses:us-west-2:357150818708:configuration-set/gost-staging-default'",
    );
    expect(finding).toMatchObject({
      role: 'task-role',
      step: 'app-call',
      action: 'ses:SendEmail',
      resource: 'arn:aws:ses:us-west-2:357150818708:configuration-set/gost-staging-default',
      taskId: '969ff5cbe4c14e75a8427065217e836e',
    });
  });

  it('SES through SMTP, an IAM user (ministryofjustice/analytical-platform#6944)', async () => {
    const finding = await firstFinding(
      "smtplib.SMTPDataError: (554, b\"Access denied: User `arn:aws:iam::381491960855:user/mwaa-ses' is not authorized to perform `ses:SendRawEmail' on resource `arn:aws:ses:eu-west-2:381491960855:identity/jacob.woffenden@justice.gov.uk'\")",
    );
    expect(finding).toMatchObject({
      role: 'other',
      action: 'ses:SendRawEmail',
      principalArn: 'arn:aws:iam::381491960855:user/mwaa-ses',
    });
  });

  it('a botocore error inside a JSON array log line (HHS/simpler-grants-gov#6013, an ECS task)', async () => {
    const finding = await firstFinding(
      `error: ["<class 'botocore.exceptions.ClientError'>","An error occurred (AccessDeniedException) when calling the ListSuppressedDestinations operation: User: arn:aws:sts::315341936575:assumed-role/api-prod-app/5309b306a2994775a275f9ac8805df05 is not authorized to perform: ses:ListSuppressedDestinations on resource: * because no identity-based policy allows the ses:ListSuppressedDestinations action","<traceback object at 0x7fe2f190fe00>"]`,
    );
    expect(finding).toMatchObject({
      role: 'task-role',
      action: 'ses:ListSuppressedDestinations',
      resource: '*',
      policyType: 'identity',
    });
  });

  it("FireLens's Fluent Bit ships logs with the task role (fluent/fluent-bit-docs#913)", async () => {
    const finding = await firstFinding(
      'User: arn:aws:sts::ACCOUNTID:assumed-role/TASKROLE/f8fe25c51f804adaaaa3822a47476353 is not authorized to perform: logs:DescribeLogStreams on resource: arn:aws:logs:eu-south-1:ACCOUNTID:log-group:LOGGROUP:log-stream: because no identity-based policy allows the logs:DescribeLogStreams action\\n\\tstatus code: 400, request id: 2436cba2-f56a-44f7-b94e-113d217328b6\\n" func="github.com/aws/amazon-cloudwatch-logs-for-fluent-bit/cloudwatch.(*OutputPlugin).AddEvent()" file="cloudwatch.go:389"',
    );
    expect(finding).toMatchObject({
      role: 'task-role',
      step: 'log-delivery',
      action: 'logs:DescribeLogStreams',
      resource: 'arn:aws:logs:eu-south-1:ACCOUNTID:log-group:LOGGROUP:log-stream:',
    });
  });

  it("Fluent Bit's cloudwatch_logs output names only the operation (aws/aws-for-fluent-bit#155)", async () => {
    const finding = await firstFinding(
      "[2021/03/04 16:19:26] [error] [output:cloudwatch_logs:cloudwatch_logs.0] CreateLogGroup API responded with error='AccessDeniedException'",
    );
    expect(finding).toMatchObject({ step: 'log-delivery', action: 'logs:CreateLogGroup' });
  });

  it('an elided session with a task-role name (aws/aws-for-fluent-bit#835)', async () => {
    const finding = await firstFinding(
      'time="2024-06-13T18:48:52Z" level=error msg="AccessDeniedException: User: arn:aws:sts::xxxxxxxxxxxx:assumed-role/fluentbit-task-role/xxxxxxx is not authorized to perform: logs:CreateLogGroup on resource: arn:aws:logs:us-east-1:xxxxxxxxxxxx:log-group:fluent-bit-cloudwatch:log-stream: because no identity-based policy allows the logs:CreateLogGroup action\\n\\tstatus code: 400, request id: xxxxxxxx"',
    );
    expect(finding).toMatchObject({
      role: 'task-role',
      step: 'log-delivery',
      firstSeen: '2024-06-13T18:48:52.000Z',
    });
  });

  it("ECS's own failures to assume a role name the service to trust (metaps/genova#9, 1Password/scim-examples#288)", async () => {
    const serviceRole = await firstFinding(
      "/usr/local/bundle/ruby/2.5.0/gems/aws-sdk-core-3.17.1/lib/seahorse/client/plugins/raise_response_errors.rb:15:in `call': Unable to assume role and validate the specified targetGroupArn. Please verify that the ECS service role being passed has the proper permissions. (Aws::ECS::Errors::InvalidParameterException)",
    );
    expect(serviceRole).toMatchObject({ role: 'other', step: 'trust', action: 'sts:AssumeRole' });
    expect(serviceRole?.fix?.policy?.Statement[0]).toMatchObject({
      Principal: { Service: 'ecs.amazonaws.com' },
    });
    const linkedRole = await firstFinding(
      'Invalid request provided: CreateCluster Invalid Request: Unable to assume the service linked role. Please verify that the ECS service linked role exists.',
    );
    expect(linkedRole).toMatchObject({
      role: 'other',
      step: 'trust',
      action: 'sts:AssumeRole',
      resource: null,
    });
    expect(linkedRole?.reasons.join('\n')).toMatch(
      /create-service-linked-role --aws-service-name ecs\.amazonaws\.com/,
    );
  });

  it("Docker Hub's answer for a repository that does not exist is not an IAM denial (awslabs/ecs-task-kite#8)", async () => {
    const analysis = await analyzeEvidence(
      textEvidence(
        "CannotPullContainerError: Error response from daemon: pull access denied for ecs-task-kite, repository does not exist or may require 'docker login'",
        'pasted.txt',
      ),
      [],
    );
    expect(analysis.findings).toEqual([]);
    expect(analysis.notPermission[0]).toMatchObject({ kind: 'missing-resource' });
  });
});

describe("the AWS console's access-denied details (issue 11, extra cases ed-)", () => {
  it('reads the fields a line as one denial (wazuh/wazuh#20206)', async () => {
    const finding = await firstFinding(
      'User: arn:aws:iam::966237403726:user/iseoluwa.oyeniyi\nService: iam\nAction: ListAccessKeys\nOn resource(s): user\nContext: because no identity-based policy allows the iam:ListAccessKeys action',
    );
    expect(finding).toMatchObject({
      role: 'other',
      action: 'iam:ListAccessKeys',
      principalArn: 'arn:aws:iam::966237403726:user/iseoluwa.oyeniyi',
      policyType: 'identity',
      explicitDeny: false,
    });
  });

  it("CloudWatch Logs' 'CreateLogGroup with Tags' is its refusal of logs:TagResource (aws/aws-parallelcluster#4579)", async () => {
    const finding = await firstFinding(
      'User with accountId: XXX is not authorized to perform CreateLogGroup with Tags (Service: CloudWatchLogs, Status Code: 400, Request ID: 4c848ae1-5ff5-43dc-b67b-fd1a0f8cc33e)',
    );
    expect(finding).toMatchObject({ action: 'logs:TagResource' });
  });

  it("the same from a custom resource's JS SDK error (aws-samples/aws-secure-environment-accelerator#1079)", async () => {
    const finding = await firstFinding(
      'Received response status [FAILED] from custom resource. Message returned: Error: Cannot create log group: \n{"message":"User with accountId: xxxxxxxxxxx is not authorized to perform CreateLogGroup with Tags","code":"AccessDeniedException","time":"2022-10-26T15:49:23.314Z","requestId":"9c9bfc6d-f857-4289-98c0-d5a02fde6792","statusCode":400,"retryable":false,"retryDelay":79.47363060867501} (RequestId: 2a7da7e7-b4d6-40f8-a890-f244240be45c)',
    );
    expect(finding).toMatchObject({ action: 'logs:TagResource' });
  });
});
