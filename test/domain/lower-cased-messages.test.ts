import { describe, expect, it } from 'vitest';
import { readRecordFields } from '../../src/domain/cloudtrail-fields.js';
import { deployToolOf } from '../../src/domain/deploy-tool.js';
import { type DenialReading, readMessage } from '../../src/domain/message-reading.js';
import { flattenText, groupLines, isoTime, stripLinePrefix } from '../../src/domain/message-text.js';
import { readSdkError } from '../../src/domain/sdk-error.js';
import { firstFinding, publishedCase as published } from '../pasted-message.js';

const lowered = (id: string) => published(id).toLowerCase();

function denialOf(text: string): DenialReading {
  const [reading] = readMessage(flattenText(text));
  if (reading?.type !== 'denial') throw new Error(`no denial read in: ${text.slice(0, 120)}`);
  return reading;
}

describe('an action or an operation written in lower case', () => {
  it.each([
    // teralytics/prometheus-ecs-discovery#45 (x-28): the action named in a redacted sentence.
    ['x-28', 'ecs:DescribeClusters'],
    // aws/copilot-cli#5984 (m-22): a headless policy clause names the action.
    ['m-22', 'secretsmanager:GetSecretValue'],
    // ministryofjustice/modernisation-platform-environments#18323 (ee-31): Bedrock names Marketplace's actions.
    ['ee-31', 'aws-marketplace:ViewSubscriptions'],
    // aws-quickstart/quickstart-cloudbees-ci#56 (eb-22): CloudFormation's "API: s3:PutBucketPolicy".
    ['eb-22', 's3:PutBucketPolicy'],
    // vumdao/aws-force-mfa-enabled README (eh-37): the SDK's name for ELB's v2 API.
    ['eh-37', 'elasticloadbalancing:DescribeLoadBalancers'],
  ])('%s: the action the message names resolves to the catalog spelling, %s', async (id, action) => {
    expect((await firstFinding(lowered(id)))?.action).toBe(action);
  });

  it.each([
    // rundeck-plugins/rundeck-ec2-nodes-plugin#67 (n-34): Java v1's AmazonEC2Client.describeInstances frame.
    ['n-34', 'describeinstances'],
    // aws/aws-sdk-js-v3#2778 (eb-13): JS v3's deserializer named after the command.
    ['eb-13', 'putobjecttagging'],
    // coinbase/fenrir#1 (eh-54): Lambda's check of a function's role, "to call PutTraceSegments on XRAY".
    ['eh-54', 'puttracesegments'],
    // symphonists/s3upload_field#16 (eh-34): a PHP S3 class's warning, "S3::putObject(): [AccessDenied]".
    ['eh-34', 'putobject'],
    // aws/aws-cdk#23041 (t-06): the CDK toolkit's trace, "Call failed: getBucketLocation(…)".
    ['t-06', 'getbucketlocation'],
  ])('%s: the operation %s is read from the SDK text', (id, operation) => {
    expect(readSdkError(flattenText(lowered(id))).operation?.toLowerCase()).toBe(operation);
  });

  it.each([
    // awslabs/aws-well-architected-labs#745 (gr-07): CloudWatch Logs' "perform CreateLogGroup with Tags".
    'gr-07',
    // DataDog/cloudformation-template#61 (ef-17)
    'ef-17',
  ])('%s: a service sentence naming its operation, refused for its tags, is logs:TagResource', async (id) => {
    const reading = denialOf(lowered(id));
    expect([reading.operation?.toLowerCase(), reading.tagsRefused]).toEqual(['createloggroup', true]);
    expect((await firstFinding(lowered(id)))?.action).toBe('logs:TagResource');
  });
});

describe("an error code or an SDK's exception in lower case", () => {
  it.each([
    // boto/boto3#2047 (eb-51): EC2's code, which names EC2 as the service.
    ['eb-51', 'UnauthorizedOperation'],
    ['x-28', 'AccessDeniedException'],
    // SWO-GS/auto-tag#19 (x-34)
    ['x-34', 'AccessDenied'],
  ])('%s: the code is read in its own spelling, %s', (id, code) => {
    expect(readSdkError(flattenText(lowered(id))).errorCode).toBe(code);
  });

  it('eb-51: unauthorizedoperation names EC2, so DescribeRegions is ec2:DescribeRegions', async () => {
    expect(readSdkError(flattenText(lowered('eb-51'))).services).toContain('ec2');
    expect((await firstFinding(lowered('eb-51')))?.action).toBe('ec2:DescribeRegions');
  });

  // x-30, n-20, m-17, eh-41: an SDK's typed exception, which a task's app logs (the task role).
  it.each(['x-30', 'n-20', 'm-17', 'eh-41'])('%s: still a program exception', (id) => {
    expect(readSdkError(flattenText(published(id))).programException).toBe(true);
    expect(readSdkError(flattenText(lowered(id))).programException).toBe(true);
  });
});

describe("a deployment tool's framing in lower case", () => {
  it.each([
    // hashicorp/terraform-provider-aws and others' Terraform errors (eb-20, eb-23, eb-54), CloudFormation's
    // events (m-15 aws-amplify/amplify-cli#10116, eb-35, r-19), SAM (t-01 aws/aws-sam-cli#1949), the CDK
    // (t-06), Pulumi (eb-47 pulumi/pulumi-yaml#523), the Serverless Framework (eh-42), configure-aws-credentials
    // (eh-36 wazuh/wazuh#37407), Ansible (eh-57 StreisandEffect/streisand#92), CodePipeline (eb-28
    // adcreare/cloudformation#4), the ECS CLI's logrus line (ed-14 aws/amazon-ecs-cli#755).
    'eb-20',
    'eb-23',
    'eb-54',
    'm-15',
    'eb-35',
    'r-19',
    't-01',
    't-06',
    'eb-47',
    'eh-42',
    'eh-36',
    'eh-57',
    'eb-28',
    'ed-14',
  ])('%s: the same tool', (id) => {
    // The tool of the first message that names one: a line may frame the message after it (eb-28).
    const toolOf = (text: string) =>
      groupLines(text)
        .map((message) => deployToolOf(flattenText(message.text)))
        .find((tool) => tool !== null) ?? null;
    const tool = toolOf(published(id));
    expect(tool).not.toBeNull();
    expect(toolOf(lowered(id))).toBe(tool);
  });
});

describe("Lambda's forms in lower case", () => {
  it.each([
    // aws/aws-sdk-js-v3#2778 (eb-13), aws-samples/api-gateway-secure-pet-store#14 (ee-44): errorType and errorMessage.
    'eb-13',
    'ee-44',
  ])("%s: the runtime's error JSON is a function's", (id) => {
    expect(denialOf(lowered(id)).fromLambda).toBe(true);
  });

  it("x-34: RFC 3339 allows a lower-case 't' and 'z', so the time is the line's prefix", () => {
    const line = lowered('x-34').split('\n')[0] ?? '';
    const prefix = stripLinePrefix(line);
    expect(prefix.shape).toBe('time');
    expect(isoTime(prefix.timeText)).toBe('2017-06-02T17:40:35.538Z');
    expect(prefix.body.startsWith('6cca367d-47ba-11e7-81aa-e3668cf6c658')).toBe(true);
  });
});

describe("a CloudTrail record's fields in lower case", () => {
  it.each([
    // DataBiosphere/azul (ed-22, ed-26), gr-11, gr-12, ed-25, ed-11: records pasted as text.
    'ed-22',
    'ed-26',
    'gr-11',
    'gr-12',
    'ed-25',
    'ed-11',
  ])('%s: the call and its S3 resource are read', (id) => {
    const call = readRecordFields(flattenText(published(id)));
    const lowerCall = readRecordFields(flattenText(lowered(id)));
    expect(call).not.toBeNull();
    expect([lowerCall?.eventSource, lowerCall?.eventName.toLowerCase(), lowerCall?.resources]).toEqual([
      call?.eventSource,
      call?.eventName.toLowerCase(),
      call?.resources.map((arn) => arn.toLowerCase()),
    ]);
  });

  it.each([
    // gr-11 ("type": "IAMUser"), gr-12 ("AWSAccount"): the caller's type, in CloudTrail's spelling, says it is no task.
    ['gr-11', 'IAMUser'],
    ['gr-12', 'AWSAccount'],
  ])("%s: userIdentity's type is %s", async (id, type) => {
    expect(readRecordFields(flattenText(lowered(id)))?.userIdentityType).toBe(type);
    expect((await firstFinding(lowered(id)))?.role).toBe('other');
  });
});

describe("the ECS agent's relay in lower case", () => {
  it.each([
    // aws/amazon-ecs-service-connect-agent#142 (q-19, ea-24): "Unauthorized to perform ecs:Poll for arn:…".
    'q-19',
    'ea-24',
  ])('%s: the action and the task set are read', (id) => {
    const reading = denialOf(lowered(id));
    expect([reading.writtenAction, reading.resource]).toEqual(
      [denialOf(published(id)).writtenAction, denialOf(published(id)).resource].map((value) =>
        value?.toLowerCase(),
      ),
    );
  });
});

describe('where a message ends, in lower case', () => {
  it.each([
    // eb-34 ("[ERROR]: … [FATAL]: …") and ei-15 (convox: "denied: User: … ERROR: build error"): a log level heads a record.
    'eb-34',
    'ei-15',
    // wazuh/wazuh#20206 (ed-23): the console's access-denied details, a field a line.
    'ed-23',
  ])('%s: as many messages as published', (id) => {
    expect(groupLines(lowered(id)).length).toBe(groupLines(published(id)).length);
  });
});
