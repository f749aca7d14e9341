/**
 * Services and tools saying, in their own words, that a role could not be assumed: each a
 * trust failure of someone other than the task's two roles, with the principal a trust policy
 * must name when the words name the service.
 */
import { describe, expect, it } from 'vitest';
import { findServiceAssumeFailure, servicePrincipalOf } from '../../src/domain/service-assume-role.js';
import { firstFinding, publishedCase } from '../pasted-message.js';

describe('findServiceAssumeFailure', () => {
  it("reads STS's refusal of the root user as advice, with no trust statement to write (aws/copilot-cli#1690)", () => {
    const template = findServiceAssumeFailure(
      '✘ describe environment test: list deployed services in env test: get resources by Copilot tags: get resource: AccessDenied: Roles may not be assumed by root accounts.',
    );
    expect(template?.step).toBe('trust');
    expect(template?.impliedAction).toBe('sts:AssumeRole');
    expect(template?.advice).toMatch(/root user/);
  });

  it("reads the CDK toolkit's bootstrap role it could not assume, with the role's ARN (aws/aws-cdk#16105)", () => {
    const template = findServiceAssumeFailure(
      "current credentials could not be used to assume 'arn:aws:iam::XXXXXXXXXXXX:role/cdk-hnb659fds-lookup-role-XXXXXXXXXXXX-us-west-2', but are for the right account. Proceeding anyway.",
    );
    expect(template?.roleArn).toBe(
      'arn:aws:iam::XXXXXXXXXXXX:role/cdk-hnb659fds-lookup-role-XXXXXXXXXXXX-us-west-2',
    );
    expect(template?.advice).toMatch(/cdk bootstrap --trust/);
  });

  it("reads Systems Manager Automation's role it could not assume, trusted as ssm.amazonaws.com (miztiik/AWS-Demos#12)", () => {
    const template = findServiceAssumeFailure('The defined assume role is unable to be assumed.');
    expect(template?.assumer).toBe('Systems Manager Automation');
    expect(template?.trustedService).toBe('ssm.amazonaws.com');
  });

  it("reads Firehose's delivery error naming the trust its role needs, trusted as firehose.amazonaws.com (gl-02: the Firehose guide's Lambda.AssumeRoleAccessDenied)", async () => {
    const template = findServiceAssumeFailure(publishedCase('gl-02'));
    expect(template?.assumer).toBe('Kinesis Firehose');
    expect(template?.trustedService).toBe('firehose.amazonaws.com');
    expect(await firstFinding(publishedCase('gl-02'))).toMatchObject({
      role: 'other',
      step: 'trust',
      action: 'sts:AssumeRole',
    });
  });

  it("reads EC2 unable to assume an instance profile's role from the instance metadata's code, trusted as ec2.amazonaws.com (ha-21: the IAM User Guide's EC2 troubleshooting)", async () => {
    const template = findServiceAssumeFailure(publishedCase('ha-21'));
    expect(template?.assumer).toBe('EC2');
    expect(template?.trustedService).toBe('ec2.amazonaws.com');
    expect(await firstFinding(publishedCase('ha-21'))).toMatchObject({ role: 'other', step: 'trust' });
  });

  it('reads no trust failure in a program saying it could not assume a role of its own', () => {
    expect(findServiceAssumeFailure('failed to assume role: context deadline exceeded')).toBeNull();
  });
});

describe('servicePrincipalOf', () => {
  it('maps the names services call themselves by to their principals, and no other name', () => {
    expect(servicePrincipalOf('Lambda')).toBe('lambda.amazonaws.com');
    expect(servicePrincipalOf('AWS EventBridge Scheduler')).toBe('scheduler.amazonaws.com');
    expect(servicePrincipalOf('states.eu-west-1.amazonaws.com')).toBe('states.eu-west-1.amazonaws.com');
    expect(servicePrincipalOf("the pipeline's role")).toBeNull();
    expect(servicePrincipalOf(undefined)).toBeNull();
  });
});
