/**
 * The request context rebuilt from real CloudTrail records (test/fixtures/aws/SOURCES.md and
 * test/fixtures/aws/policies/SOURCES.md), and principal keys.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { principalKey } from '../../src/domain/known-policies.js';
import { requestContext } from '../../src/verify/simulate.js';

const record = (path: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../fixtures/aws/${path}`, import.meta.url), 'utf8'));

describe('requestContext', () => {
  it('a KMS call Secrets Manager made for a role session: kms:ViaService and aws:CalledVia', () => {
    const decrypt = record('policies/cloudtrail-kms-decrypt-invokedby-secretsmanager-awsdocs.json');
    const key = 'arn:aws:kms:us-east-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const context = requestContext(decrypt, 'arn:aws:sts::111122223333:assumed-role/Admin/user01', key);
    expect(context).toMatchObject({
      'aws:RequestedRegion': 'us-east-2',
      'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/Admin',
      'aws:PrincipalAccount': '111122223333',
      'aws:ResourceAccount': '111122223333',
      'aws:SecureTransport': 'true',
      'aws:CurrentTime': '2018-05-31T23:36:09Z',
      'aws:CalledVia': ['secretsmanager.amazonaws.com'],
      'aws:ViaAWSService': 'true',
      'kms:ViaService': 'secretsmanager.us-east-2.amazonaws.com',
    });
    // sourceIPAddress is the service's name, not an address.
    expect(context['aws:SourceIp']).toBeUndefined();
  });

  it('a role session with its IAM path in sessionIssuer, called from an address', () => {
    const file = record('cloudtrail-flaws2-logs-createlogstream-accessdenied.json') as { Records: unknown[] };
    const call = file.Records[0];
    const context = requestContext(
      call,
      'arn:aws:sts::653711331788:assumed-role/level1/level1',
      'arn:aws:logs:us-east-1:653711331788:log-group:/aws/lambda/level1',
    );
    expect(context['aws:PrincipalArn']).toBe('arn:aws:iam::653711331788:role/service-role/level1');
    expect(context['aws:SourceIp']).toBe('34.234.236.212');
    expect(context['aws:ViaAWSService']).toBe('false');
  });

  it('through a VPC endpoint: aws:SourceVpce and aws:VpcSourceIp instead of aws:SourceIp', () => {
    const file = record('cloudtrail-flaws2-logs-createlogstream-accessdenied.json') as {
      Records: Record<string, unknown>[];
    };
    // The same record as if it had come through an interface endpoint (CloudTrail adds vpcEndpointId).
    const call = {
      ...file.Records[0],
      vpcEndpointId: 'vpce-0123456789abcdef0',
      sourceIPAddress: '10.0.1.15',
    };
    const context = requestContext(call, 'arn:aws:sts::653711331788:assumed-role/level1/level1', '*');
    expect(context).toMatchObject({
      'aws:SourceVpce': 'vpce-0123456789abcdef0',
      'aws:VpcSourceIp': '10.0.1.15',
    });
    expect(context['aws:SourceIp']).toBeUndefined();
  });

  it('no record: only what the principal says', () => {
    expect(requestContext(null, 'arn:aws:iam::123456789012:user/Bob', 'arn:aws:s3:::b/k')).toEqual({
      'aws:SecureTransport': 'true',
      'aws:PrincipalArn': 'arn:aws:iam::123456789012:user/Bob',
      'aws:PrincipalAccount': '123456789012',
      'aws:PrincipalType': 'User',
      'aws:ViaAWSService': 'false',
    });
  });
});

describe('principalKey', () => {
  it('a role, its path and its sessions meet at one key', () => {
    expect(principalKey('arn:aws:iam::653711331788:role/service-role/Level1')).toBe('653711331788:level1');
    expect(principalKey('arn:aws:sts::653711331788:assumed-role/level1/level1')).toBe('653711331788:level1');
    expect(principalKey('arn:aws:iam::123456789012:user/division/Bob')).toBe('123456789012:bob');
  });
});
