/**
 * `--redact` on a live run: the progress and "partial" lines on stderr are redacted too (CI
 * logs keep stderr), with the same tokens as the report on stdout.
 */
import { describe, expect, it } from 'vitest';
import { findSensitive } from '../../src/report/redact.js';
import { fakeCliArgs } from '../fake-aws/clients.js';
import { fakeAwsPerTest } from '../fake-aws/per-test.js';
import { runCli } from '../run-cli.js';

const fake = fakeAwsPerTest('ssm-parameter');

describe('--redact on a live run', () => {
  it("redacts the progress and partial lines on stderr, with the report's tokens", async () => {
    const { stdout, stderr } = await runCli([
      'report',
      '--cluster',
      'prod',
      '--service',
      'orders-api',
      // Looked up first, so its account is the first one stderr shows.
      '--role-arn',
      'arn:aws:iam::444455556666:role/deployer',
      // A task ECS no longer has: a partial line naming its ARN.
      '--task',
      'arn:aws:ecs:eu-west-1:111122223333:task/prod/00000000000000000000000000000000',
      ...fakeCliArgs(fake().url),
      '--since',
      '30m',
      '--format',
      'json',
      '--redact',
    ]);
    expect(findSensitive(stderr)).toEqual([]);
    expect(stderr).not.toMatch(/111122223333|444455556666/);
    // The deployer's sessions are looked for in its AssumeRole events, by its ARN.
    expect(stderr).toContain(
      'CloudTrail ResourceName=arn:aws:iam::ACCOUNT-1:role/deployer in eu-west-1 page 1',
    );
    expect(stderr).toContain(
      'partial: api:ECS.DescribeTasks: task arn:aws:ecs:eu-west-1:ACCOUNT-2:task/prod/00000000000000000000000000000000 not found',
    );
    // One map for both streams: the report, whose first account is the finding's, numbers it
    // as stderr did, not afresh.
    expect(findSensitive(stdout)).toEqual([]);
    expect(JSON.parse(stdout).findings[0].roleArn).toBe(
      'arn:aws:iam::ACCOUNT-2:role/orders-api-execution-role',
    );
  });
});
