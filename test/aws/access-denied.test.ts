/**
 * AccessDenied on whydenied's own ECS call: the rest is still read and analysed, the warning
 * names the permission to add, and the exit code is 3 (partial).
 */
import { describe, expect, it, vi } from 'vitest';
import { analyzeLive } from '../../src/live.js';
import { fakeCliArgs, fakeClients } from '../fake-aws/clients.js';
import { fakeAwsPerTest } from '../fake-aws/per-test.js';
import { analyzeOrdersApi, runCli } from '../run-cli.js';

const fake = fakeAwsPerTest('ssm-parameter');

const WARNING = {
  origin: 'api:ECS.DescribeTasks',
  problem: 'AccessDenied: whydenied may not call ecs:DescribeTasks',
  expected: 'add ecs:DescribeTasks to the role running whydenied (see `whydenied permissions`)',
};

describe("AccessDenied on whydenied's own ECS call", () => {
  it('gives a partial result with the permission to add', async () => {
    fake().deny('ECS.DescribeTasks');
    const clients = fakeClients(fake().url);
    const { analysis, partial } = await analyzeLive({
      verifyWithIam: false,
      clients,
      cluster: 'prod',
      service: 'orders-api',
      now: new Date('2026-11-21T10:30:00Z'),
      lookupsPerSecond: 50,
    });
    clients.destroy();
    expect(analysis.warnings).toEqual([WARNING]);
    expect(partial).toEqual([`${WARNING.origin}: ${WARNING.problem}; ${WARNING.expected}`]);
    // What could be read still was: the service, both revisions, and CloudTrail.
    expect(analysis.stats.evidence['task-definition']).toBe(2);
    expect(analysis.stats.evidence['ecs-deployment']).toBe(2);
    expect(fake().callsTo('CloudTrail.LookupEvents').length).toBeGreaterThan(0);
    // Not retried: AccessDenied is not transient.
    expect(fake().callsTo('ECS.DescribeTasks')).toHaveLength(1);
  });

  it('the CLI: exit code 3, the warning in the JSON, the permission on stderr', async () => {
    fake().deny('ECS.DescribeTasks');
    const { code, stdout, stderr } = await analyzeOrdersApi([
      ...fakeCliArgs(fake().url),
      '--since',
      '30m',
      '--format',
      'json',
    ]);
    expect(code).toBe(3);
    expect(JSON.parse(stdout).warnings).toEqual([WARNING]);
    expect(stderr).toContain('add ecs:DescribeTasks to the role running whydenied');
    expect(stderr).toContain('ECS DescribeServices');
  });

  it('the CLI with the live sources readable: the sample is found and exit code is 1', async () => {
    const { code, stdout } = await analyzeOrdersApi([
      ...fakeCliArgs(fake().url),
      '--since',
      '30m',
      '--quiet',
      '--format',
      'json',
    ]);
    expect(code).toBe(1);
    expect(JSON.parse(stdout).findings[0]).toMatchObject({
      action: 'ssm:GetParameters',
      taskDefinition: 'orders-api:43',
    });
  });

  it('no credentials through the CLI: a plain message, exit code 2, no stack', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', undefined);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', undefined);
    vi.stubEnv('AWS_PROFILE', undefined);
    vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/config');
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', '/nonexistent/credentials');
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
    vi.stubEnv('AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', undefined);
    vi.stubEnv('AWS_CONTAINER_CREDENTIALS_FULL_URI', undefined);
    vi.stubEnv('AWS_WEB_IDENTITY_TOKEN_FILE', undefined);
    const { code, stderr } = await runCli([
      'analyze',
      '--task',
      'arn:aws:ecs:eu-west-1:111122223333:task/prod/3f1c9a0b7d2e4c8f9a1b2c3d4e5f6a7b',
      '--region',
      'eu-west-1',
      '--no-iam-verify',
      '--endpoint-url',
      fake().url,
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain('No AWS credentials were found');
    expect(stderr).toContain('try:');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
