import { describe, expect, it } from 'vitest';
import { type DenialReading, readMessage } from '../../src/domain/message-reading.js';
import { corpusMessage } from '../corpus-cases.js';

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
