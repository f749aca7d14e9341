/** Real SDK clients pointed at the fake: static credentials, fast retries. */
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { vi } from 'vitest';
import { type AwsClients, type AwsOptions, createClients } from '../../src/aws/clients.js';

export const FAKE_CREDENTIALS = { accessKeyId: 'AKIAFAKEFAKEFAKEFAKE', secretAccessKey: 'fake-secret' };

export function fakeAwsOptions(url: string, overrides: AwsOptions = {}): AwsOptions {
  return {
    endpointUrl: url,
    region: 'eu-west-1',
    credentials: FAKE_CREDENTIALS,
    // Four attempts 10 ms apart: the SDK's own retry path, without its seconds of backoff.
    retryStrategy: new ConfiguredRetryStrategy(4, 10),
    ...overrides,
  };
}

export function fakeClients(url: string, overrides: AwsOptions = {}): AwsClients {
  return createClients(fakeAwsOptions(url, overrides));
}

/** What the CLI needs to reach the fake: its credentials in the environment, its URL and region as options. */
export function fakeCliArgs(url: string): string[] {
  vi.stubEnv('AWS_ACCESS_KEY_ID', FAKE_CREDENTIALS.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', FAKE_CREDENTIALS.secretAccessKey);
  vi.stubEnv('AWS_SESSION_TOKEN', undefined);
  vi.stubEnv('AWS_PROFILE', undefined);
  return ['--region', 'eu-west-1', '--no-iam-verify', '--endpoint-url', url];
}
