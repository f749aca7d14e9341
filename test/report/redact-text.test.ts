/** The detectors' edges: what counts as an account, an address or a key, and what does not. */
import { describe, expect, it } from 'vitest';
import { findSensitive, redactText } from '../../src/report/redact.js';

describe('redactText', () => {
  it.each([
    ['arn:aws:iam::111122223333:role/app', 'arn:aws:iam::ACCOUNT-1:role/app'],
    [
      '111122223333.dkr.ecr.eu-west-1.amazonaws.com/api:1.4',
      'ACCOUNT-1.dkr.ecr.eu-west-1.amazonaws.com/api:1.4',
    ],
    [
      'AWSLogs/111122223333/CloudTrail/111122223333_CloudTrail_x.gz',
      'AWSLogs/ACCOUNT-1/CloudTrail/ACCOUNT-1_CloudTrail_x.gz',
    ],
    ['cdk-hnb659fds-assets-111122223333-eu-west-1', 'cdk-hnb659fds-assets-ACCOUNT-1-eu-west-1'],
    [
      '{"accountId":"111122223333","recipientAccountId":"444455556666"}',
      '{"accountId":"ACCOUNT-1","recipientAccountId":"ACCOUNT-2"}',
    ],
    ['dial tcp 10.0.1.23:443: i/o timeout', 'dial tcp PRIVATE-IP-1:443: i/o timeout'],
    ['from 52.1.2.3. Retry', 'from IP-1. Retry'],
    ['http://52.1.2.3/health', 'http://IP-1/health'],
    [
      'ip-10-0-1-23.eu-west-1.compute.internal has 10.0.1.23',
      'PRIVATE-IP-1.eu-west-1.compute.internal has PRIVATE-IP-1',
    ],
    ['dial tcp [2600:1f18:4a3:6902::5]:443', 'dial tcp [IPV6-1]:443'],
    ['2600:1F18:04A3:6902:0:0:0:5 is 2600:1f18:4a3:6902::5', 'IPV6-1 is IPV6-1'],
    ['key AKIAIOSFODNN7EXAMPLE, session ASIA5FT70HUNVN3S06AX', 'key AKIA-KEY-1, session ASIA-KEY-1'],
    ['"principalId":"AROA8VWPME0RQSPYA0JU2:3f1c9a0b"', '"principalId":"AROA-ID-1:3f1c9a0b"'],
    [
      'policy/o-a1b2c3d4e5/service_control_policy/p-abcd1234',
      'policy/o-ORG-1/service_control_policy/p-abcd1234',
    ],
    ['assumed-role/platform-admin/Jane.Doe@example.com', 'assumed-role/platform-admin/EMAIL-1'],
    ['"sessionToken":"IQoJb3JpZ2luX2VjEYIcuZPiE4UGDBe2R9Xt1CNa6KFM"', '"sessionToken":"SESSION-TOKEN-1"'],
    // The console's way of writing an account id (the Glacier API reference warns against
    // pasting it with its hyphens: https://docs.aws.amazon.com/sdkfornet1/latest/apidocs/html/P_Amazon_Glacier_Model_ListVaultsRequest_AccountId.htm).
    ['signed in to account 1111-2222-3333 as admin', 'signed in to account ACCOUNT-1 as admin'],
    [
      'arn:aws:iam::111122223333:role/app is in 1111-2222-3333; 4444-5555-6666 is not',
      'arn:aws:iam::ACCOUNT-1:role/app is in ACCOUNT-1; ACCOUNT-2 is not',
    ],
  ])('%s', (input, output) => {
    expect(redactText(input)).toBe(output);
  });

  it.each([
    'aws-sdk-go-v2/1.36.3 os/linux lang/go#1.23.8 api/ssm#1.58.0',
    'Fluent Bit v1.5.6',
    'Mozilla/5.0 AppleWebKit/537.36 Chrome/142.0.0.0 Safari/537.36',
    'os/linux#5.10.228-219.884.amzn2.x86_64',
    'OID 1.2.840.113549.1.1.11 and 1.2.3.4.5',
    'orders-api:2026.11.21-rc2',
    'seen 10:05:33 to 10:10:43, arn:aws:s3:::bucket/key, Aws::S3::Errors, A::B',
    'task 3f1c9a0b7d2e4c8f9a1b2c3d4e5f6a7b and 123456789012abcdef0123456789abcd',
    'request id: 663ac66f-fd41-49f1-8174-123456789012',
    'event id: 663ac66f-1234-5678-9012-a1b2c3d4e5f6, card 4111-1111-1111-1111, 2026-11-21',
    'epoch 1763719533000, serial 1234567890123',
    'ACCOUNT-1 IP-2 PRIVATE-IP-3 IPV6-4 ASIA-KEY-5 AROA-ID-6 o-ORG-7 EMAIL-8 SESSION-TOKEN-9',
  ])('leaves %s alone', (input) => {
    expect(findSensitive(input)).toEqual([]);
    expect(redactText(input)).toBe(input);
  });

  it('numbers each kind of original by first appearance', () => {
    expect(redactText('444455556666 111122223333 444455556666 10.0.0.1 8.8.8.8 10.0.0.2')).toBe(
      'ACCOUNT-1 ACCOUNT-2 ACCOUNT-1 PRIVATE-IP-1 IP-1 PRIVATE-IP-2',
    );
  });
});
