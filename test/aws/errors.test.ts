/**
 * Failures a user can fix, said plainly: no credentials, an expired SSO session, no region,
 * the wrong region, AccessDenied on whydenied's own call. The credential chain is the real
 * one, pointed at empty or made-up config files.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createClients } from '../../src/aws/clients.js';
import { AwsProblemError, translateAwsError } from '../../src/aws/errors.js';
import { analyzeLive } from '../../src/live.js';
import { fakeClients } from '../fake-aws/clients.js';
import { fakeAwsPerTest } from '../fake-aws/per-test.js';

const fake = fakeAwsPerTest('ssm-parameter');
let home: string;

/** A machine with no AWS configuration at all (no env keys, no files, no instance metadata). */
function bareEnvironment(config = '') {
  home = mkdtempSync(join(tmpdir(), 'whydenied-aws-'));
  mkdirSync(join(home, '.aws'));
  writeFileSync(join(home, '.aws', 'config'), config);
  writeFileSync(join(home, '.aws', 'credentials'), '');
  for (const name of [
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'AWS_PROFILE',
    'AWS_DEFAULT_PROFILE',
    'AWS_REGION',
    'AWS_DEFAULT_REGION',
    'AWS_WEB_IDENTITY_TOKEN_FILE',
    'AWS_ROLE_ARN',
    'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
    'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  ]) {
    vi.stubEnv(name, undefined);
  }
  vi.stubEnv('HOME', home);
  vi.stubEnv('AWS_CONFIG_FILE', join(home, '.aws', 'config'));
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(home, '.aws', 'credentials'));
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
}

async function problemOf(run: () => Promise<unknown>) {
  try {
    await run();
  } catch (error) {
    if (error instanceof AwsProblemError) return error.problem;
    throw error;
  }
  throw new Error('expected an AwsProblemError');
}

describe('user-fixable AWS problems', () => {
  it('no credentials: says so and how to provide them, before any call reaches AWS', async () => {
    bareEnvironment();
    const clients = createClients({ endpointUrl: fake().url, region: 'eu-west-1' });
    const problem = await problemOf(() =>
      analyzeLive({ verifyWithIam: false, clients, cluster: 'prod', service: 'orders-api' }),
    );
    clients.destroy();
    expect(problem).toMatchObject({ kind: 'no-credentials', fatal: true });
    expect(problem.tryThis).toMatch(/--profile.*aws sso login/);
    expect(fake().calls).toEqual([]);
  });

  it('an SSO profile not signed in: aws sso login --profile <name>', async () => {
    bareEnvironment(
      [
        '[profile dev]',
        'sso_session = corp',
        'sso_account_id = 111122223333',
        'sso_role_name = ReadOnly',
        'region = eu-west-1',
        '[sso-session corp]',
        'sso_start_url = https://corp.awsapps.com/start',
        'sso_region = eu-west-1',
        '',
      ].join('\n'),
    );
    const clients = createClients({ endpointUrl: fake().url, profile: 'dev' });
    const problem = await problemOf(() =>
      analyzeLive({ verifyWithIam: false, clients, profile: 'dev', cluster: 'prod', service: 'orders-api' }),
    );
    clients.destroy();
    expect(problem.kind).toBe('sso-expired');
    expect(problem.tryThis).toContain('aws sso login --profile dev');
  });

  it('no region anywhere: --region or AWS_REGION', async () => {
    bareEnvironment();
    const clients = createClients({
      endpointUrl: fake().url,
      credentials: { accessKeyId: 'AKIAFAKE', secretAccessKey: 'fake' },
    });
    const problem = await problemOf(() => analyzeLive({ verifyWithIam: false, clients, cluster: 'prod' }));
    clients.destroy();
    expect(problem.kind).toBe('no-region');
    expect(problem.tryThis).toContain('--region');
  });

  it('the wrong region: the cluster is not found there, and the warning says to pass --region', async () => {
    const clients = fakeClients(fake().url, { region: 'us-east-1' });
    const { analysis, partial } = await analyzeLive({
      verifyWithIam: false,
      // LookupEvents paced for the fake, not at CloudTrail's 2 a second: the pacing is not what this checks.
      lookupsPerSecond: 50,
      clients,
      region: 'us-east-1',
      cluster: 'prod',
      service: 'orders-api',
    });
    clients.destroy();
    expect(analysis.warnings[0]).toMatchObject({ origin: 'api:ECS.DescribeServices' });
    expect(analysis.warnings[0]?.problem).toContain('Cluster not found');
    expect(analysis.warnings[0]?.expected).toContain('us-east-1');
    expect(analysis.warnings[0]?.expected).toContain('--region');
    expect(partial.length).toBeGreaterThan(0);
  });

  it('a region that does not resolve: names the host and the region', () => {
    const error = Object.assign(new Error('getaddrinfo ENOTFOUND ecs.eu-wset-1.amazonaws.com'), {
      code: 'ENOTFOUND',
      hostname: 'ecs.eu-wset-1.amazonaws.com',
    });
    const problem = translateAwsError(
      error,
      { service: 'ECS', operation: 'ListTasks' },
      { region: 'eu-wset-1' },
    );
    expect(problem).toMatchObject({ kind: 'unknown-region', fatal: true });
    expect(problem.message).toContain('"eu-wset-1" may not be a region');
  });

  it('AccessDenied on its own call names the permission and lets the run go on', () => {
    const problem = translateAwsError(
      { name: 'AccessDeniedException', message: 'User: x is not authorized to perform: ecs:DescribeTasks' },
      { service: 'ECS', operation: 'DescribeTasks' },
    );
    expect(problem).toEqual({
      kind: 'access-denied',
      origin: 'api:ECS.DescribeTasks',
      message: 'AccessDenied: whydenied may not call ecs:DescribeTasks',
      tryThis: 'add ecs:DescribeTasks to the role running whydenied (see `whydenied permissions`)',
      permission: 'ecs:DescribeTasks',
      fatal: false,
    });
  });

  it('expired keys', () => {
    const problem = translateAwsError(
      { name: 'ExpiredTokenException', message: 'The security token included in the request is expired' },
      { service: 'CloudTrail', operation: 'LookupEvents' },
      { profile: 'prod' },
    );
    expect(problem.kind).toBe('expired-credentials');
    expect(problem.tryThis).toContain('aws sso login --profile prod');
  });
});
