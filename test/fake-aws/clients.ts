/** Real SDK clients pointed at the fake: static credentials, fast retries. */
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
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
