/**
 * CloudTrail records pasted as text rather than as a record object: a fragment that starts
 * mid-record, a record cut at a table's column and wrapped inside a word. Their eventSource and
 * eventName still say the call, their userIdentity or source address who made it.
 */
import { describe, expect, it } from 'vitest';
import { readRecordFields } from '../../src/domain/cloudtrail-fields.js';
import { cloudTrailEvidence } from '../../src/sources/files/cloudtrail-record.js';
import { firstFinding } from '../pasted-message.js';

/** aws/aws-parallelcluster#3505: a fragment of a record, EMR's call, its encoded message cut. */
const EMR_FRAGMENT =
  '"eventSource": "ec2.amazonaws.com",\n    "eventName": "CreateFleet",\n    "awsRegion": "us-east-1",\n    "sourceIPAddress": "elasticmapreduce.amazonaws.com",\n    "userAgent": "elasticmapreduce.amazonaws.com",\n    "errorCode": "Client.UnauthorizedOperation",\n    "errorMessage": "You are not authorized to perform this operation. Encoded authorization failure message: F02XfWhIkobgoHSYY8QAcqgb8Gwd-FYjBvgvF5NsDrmJKiWepv8bSsYSsey-GVbdSzLlim8UF4Ndq1pmIw5VJzM9nyNMJyBcmiaWljpTNh_A3HjUxz-diNDmvPYOC-tDOBBvbuooD5bekbumvFbW1h24d--Zh17TZoy-basSWhCqqSRqIt1h66F1ny0Z2lBHSp0rExb035eTgHXWG2gHuLaWM0Lt2WXuyTxiOYvXG86XatRJY-734oNbUA5oO_fdBFGBM3NnfWFZ3EU5YPUWWKzXin5CDXJQoSCn3_lldnkXlyTWB-OMd3yChX5t4lcnQGEikTPb2vq8RrKSAHOTDdGcWS_sAXp30lHjMAryA--OTSQ5wq5IhvNb89kvoLGP8GgKdz857O8yOJ7TE1e1yrZVeOYs_bZwyU_BsYIayrFTpXsaxO1yJYSQKBGGVgwxfLXEOIsKuGlZFR5ABGfRdN2SL6G53-uBjN-OrECfUy-8sE8n2vSzVHcodt6cVOBouNvqc9ws-6c3VaWswLa8pMS8I11Z214v_ErJdUMrk_92o1uFFe-_WMuLa32nC1pbSCT-YtDY3jejU1lOgAB7MZuQ_SiB6JV8AwG9kuGE_cQCfnkl0PXR2s6kli1WjehbpDX';

/** turbot/steampipe-plugin-aws#1136: a CloudWatch Logs query's table row holding a CloudTrail record. */
const TABLE_ROW =
  '| aws-cloudtrail-logs-111122223333-b083b6c5 | 111122223333_CloudTrail_us-east-1_3 | 36952145353015110694428606072354026912066977673427222537 | 2022-07-05T15:25:05+12:00 | 2022-07-05T15:25:05+12:00 | {"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDATB3DWERAT6TLV74PO","arn":"arn:aws:iam::111122223333:user/omero.saienni@turbot.com","accountId":"111122223333","accessKeyId":"ASIATB3DWERA7RW5C5T5","userName":"omero.saienni@turbot.com","sessionContext":{"sessionIssuer":{},"webIdFederationData":{},"attributes":{"creationDate":"2022-07-04T20:26:53Z","mfaAuthenticated":"true"}}},"eventTime":"2022-07-05T03:23:05Z","eventSource":"s3.amazonaws.com","eventName":"GetBucketVersioning","awsRegion":"ap-southeast-2","sourceIPAddress":"203.211.78.159","userAgent":"[S3Console/0.4, aws-internal/3 aws-sdk-java/1.11.1030 Linux/5.4.196-119.356.amzn2int.x86_64 OpenJDK_64-Bit_Server_VM/25.302-b08 java/1.8.0_302 vendor/Oracle_Corporation cfg/retry-mode/standard]","errorCode":"AccessDenie\nd","errorMessage":"Access Denied","requestParameters":{"bucketName":"rex-aab-csm-bucket","Host":"s3.ap-southeast-2.amazonaws.com","versioning":""},"responseElements":null,"additionalEventData":{"SignatureVersion":"SigV4","C |\n|                                           |';

/** gist mattgillard/78d0b010c30964681a1adfb178fc4a53: PutObject refused, its author eliding parts with [...] (not JSON). */
const ELIDED_PUT_OBJECT =
  '{\n"eventVersion": "1.08",\n"userIdentity": {\n"type": "IAMUser",\n[...]\n},\n"eventTime": "2021-08-12T05:06:27Z",\n"eventSource": "s3.amazonaws.com",\n"eventName": "PutObject",\n"awsRegion": "ap-southeast-2",\n"sourceIPAddress": "10.1.1.2",\n"userAgent": "[aws-cli/1.16.113 Python/3.7.3 Linux/4.14.219-161.340.amzn2.x86_64 botocore/1.12.103]",\n"errorCode": "AccessDenied",\n"errorMessage": "Access Denied",\n"requestParameters": {\n"bucketName": "mybucket",\n"x-amz-server-side-encryption-aws-kms-key-id": "arn:aws:kms:ap-southeast-2:xxx:key/xxxxx-xxxx-xxxx-xxxx-xxxxxx",\n"Host": "mybucket.s3.ap-southeast-2.amazonaws.com",\n"x-amz-server-side-encryption": "aws:kms",\n"key": "mykey/test.py"\n},\n"responseElements": null,\n"additionalEventData": {\n[...]\n},\n"requestID": "xxxxx",\n"eventID": "xxxxx",\n"readOnly": false,';

/** DataBiosphere/azul#6142: a Logs Insights export of an anonymous ListObjects, a comment added in its JSON. */
const ANONYMOUS_LIST =
  '[\n    {\n        "@timestamp": "2024-04-06 02:32:17.433",\n        "@message": {\n            "eventVersion": "1.09",\n            "userIdentity": {\n                "type": "AWSAccount",\n                "principalId": "",\n                "accountId": "anonymous"\n            },\n            "eventTime": "2024-04-06T02:28:11Z",\n            "eventSource": "s3.amazonaws.com",\n            "eventName": "ListObjects",\n            "awsRegion": "us-east-1",\n            "sourceIPAddress": "<REDACTED>",  # Verizon Business\n            "userAgent": "[Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36]",\n            "errorCode": "AccessDenied",\n            "errorMessage": "Access Denied",\n            "requestParameters": {\n                "bucketName": "edu-ucsc-gi-platform-anvil-prod-browser.us-east-1",\n                "Host": "edu-ucsc-gi-platform-anvil-prod-browser.us-east-1.s3.us-east-1.amazonaws.com"\n            },\n            "responseElements": null,\n            "additionalEventData": {\n                "bytesTransferredIn": 0,\n                "x-amz-id-2": "1q1CqaQiEtWxAYENt1paBXXQ4c+swaHLn0lFpq0WBsWdFvujtudm0j+6jEfmITEPG0+gnIKHPB8=",\n                "bytesTransferredOut": 243\n            },\n            "requestID": "86DVXNK3D081NHNZ",';

/** https://pastebin.com/kbjzVe51: an IAM user's `aws s3 ls` refused, as a record object (cut before additionalEventData). */
const LIST_OBJECTS_RECORD = {
  eventVersion: '1.09',
  userIdentity: {
    type: 'IAMUser',
    principalId: 'AIDARSCCN4A3X2YWZ37ZI',
    arn: 'arn:aws:iam::107513503799:user/temp-user',
    accountId: '107513503799',
    accessKeyId: 'AKIARSCCN4A3WD4RO4P4',
    userName: 'temp-user',
  },
  eventTime: '2023-08-26T20:35:56Z',
  eventSource: 's3.amazonaws.com',
  eventName: 'ListObjects',
  awsRegion: 'us-east-1',
  sourceIPAddress: '84.32.71.33',
  userAgent: '[aws-cli/1.27.74 Python/3.10.6 Linux/5.15.90.1-microsoft-standard-WSL2 botocore/1.29.74]',
  errorCode: 'AccessDenied',
  errorMessage: 'Access Denied',
  requestParameters: {
    'list-type': '2',
    bucketName: 'emergency-data-recovery',
    'encoding-type': 'url',
    prefix: '',
    delimiter: '/',
    Host: 'emergency-data-recovery.s3.amazonaws.com',
  },
  responseElements: null,
};

describe('CloudTrail fields written in a text', () => {
  it('reads the call and the calling service from a fragment of a record', () => {
    expect(readRecordFields(EMR_FRAGMENT)).toMatchObject({
      eventSource: 'ec2.amazonaws.com',
      eventName: 'CreateFleet',
      errorCode: 'Client.UnauthorizedOperation',
      sourceIpAddress: 'elasticmapreduce.amazonaws.com',
      userAgent: 'elasticmapreduce.amazonaws.com',
      principalArn: null,
    });
  });

  it("reads userIdentity's ARN, not another ARN of the record", () => {
    expect(readRecordFields(TABLE_ROW)).toMatchObject({
      eventSource: 's3.amazonaws.com',
      eventName: 'GetBucketVersioning',
      userIdentityType: 'IAMUser',
      principalArn: 'arn:aws:iam::111122223333:user/omero.saienni@turbot.com',
    });
  });

  it('is nothing without both an event source and an event name', () => {
    expect(readRecordFields('"eventSource": "ec2.amazonaws.com", "errorCode": "AccessDenied"')).toBeNull();
    expect(
      readRecordFields('AccessDeniedException: User: arn:aws:sts::1:assumed-role/r/s is not authorized'),
    ).toBeNull();
  });

  it("names the service's call from a pasted fragment: EMR's role, not a task's", async () => {
    expect(await firstFinding(EMR_FRAGMENT)).toMatchObject({
      role: 'other',
      step: 'other',
      action: 'ec2:CreateFleet',
    });
  });

  it("names the IAM user and the call of a record inside a query's table", async () => {
    expect(await firstFinding(TABLE_ROW)).toMatchObject({
      role: 'other',
      action: 's3:GetBucketVersioning',
      principalArn: 'arn:aws:iam::111122223333:user/omero.saienni@turbot.com',
    });
  });
  it("names S3's bucket, or its object when the request has a key, from requestParameters", async () => {
    expect(readRecordFields(TABLE_ROW)?.resources).toEqual(['arn:aws:s3:::rex-aab-csm-bucket']);
    expect(await firstFinding(TABLE_ROW)).toMatchObject({ resource: 'arn:aws:s3:::rex-aab-csm-bucket' });
    expect(await firstFinding(ELIDED_PUT_OBJECT)).toMatchObject({
      action: 's3:PutObject',
      resource: 'arn:aws:s3:::mybucket/mykey/test.py',
    });
    expect(await firstFinding(ANONYMOUS_LIST)).toMatchObject({
      action: 's3:ListBucket',
      resource: 'arn:aws:s3:::edu-ucsc-gi-platform-anvil-prod-browser.us-east-1',
    });
  });

  it("names S3's bucket of a record object from requestParameters", () => {
    const evidence = cloudTrailEvidence(LIST_OBJECTS_RECORD, { source: 'pastebin' });
    expect(evidence.call.resources).toEqual(['arn:aws:s3:::emergency-data-recovery']);
  });

  it("reads userIdentity's type when the record gives no ARN: an IAM user, an anonymous caller", async () => {
    expect(await firstFinding(ELIDED_PUT_OBJECT)).toMatchObject({ role: 'other' });
    expect(await firstFinding(ANONYMOUS_LIST)).toMatchObject({ role: 'other' });
  });
});
