/**
 * AWS SDK clients built the way every live source needs them: the standard credential chain
 * (env, shared files, SSO, --profile), the region from --region / AWS_REGION / the profile,
 * one endpoint override for tests and LocalStack, and the SDK's own retry.
 */
import { AthenaClient } from '@aws-sdk/client-athena';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ECSClient, type ECSClientConfig } from '@aws-sdk/client-ecs';
import { IAMClient } from '@aws-sdk/client-iam';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';

// The warning is emitted when the first client is constructed; on Node 20 it would tear the
// TUI's frame and clutter every live run's stderr.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export interface AwsOptions {
  profile?: string | undefined;
  region?: string | undefined;
  /** One endpoint for every service: a loopback fake in tests, LocalStack. */
  endpointUrl?: string | undefined;
  retryMode?: 'standard' | 'adaptive' | undefined;
  maxAttempts?: number | undefined;
  /** Tests pass static credentials (and a fast retry strategy) instead of the chain. */
  credentials?: ECSClientConfig['credentials'];
  retryStrategy?: ECSClientConfig['retryStrategy'];
}

/** The configuration shared by every client; undefined fields let the SDK resolve its defaults. */
export function clientConfig(options: AwsOptions) {
  return {
    ...(options.region ? { region: options.region } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.endpointUrl ? { endpoint: options.endpointUrl } : {}),
    credentials:
      options.credentials ?? fromNodeProviderChain(options.profile ? { profile: options.profile } : {}),
    ...(options.retryStrategy
      ? { retryStrategy: options.retryStrategy }
      : { retryMode: options.retryMode ?? 'standard', maxAttempts: options.maxAttempts ?? 5 }),
  };
}

export interface AwsClients {
  ecs: ECSClient;
  cloudTrail: CloudTrailClient;
  logs: CloudWatchLogsClient;
  athena: AthenaClient;
  iam: IAMClient;
  /** The region the clients resolved (from options, env or profile); null when none is set. */
  region(): Promise<string | null>;
  destroy(): void;
}

/** Clients are created on first use, so a run that only reads ECS never resolves the others. */
export function createClients(options: AwsOptions = {}): AwsClients {
  const config = clientConfig(options);
  const cache = new Map<string, { destroy(): void }>();
  function lazy<T extends { destroy(): void }>(name: string, make: () => T): T {
    let client = cache.get(name) as T | undefined;
    if (!client) {
      client = make();
      cache.set(name, client);
    }
    return client;
  }
  const clients: AwsClients = {
    get ecs() {
      return lazy('ecs', () => new ECSClient(config));
    },
    get cloudTrail() {
      return lazy('cloudtrail', () => new CloudTrailClient(config));
    },
    get logs() {
      return lazy('logs', () => new CloudWatchLogsClient(config));
    },
    get athena() {
      return lazy('athena', () => new AthenaClient(config));
    },
    get iam() {
      return lazy('iam', () => new IAMClient(config));
    },
    async region() {
      try {
        return await clients.ecs.config.region();
      } catch {
        return null;
      }
    },
    destroy() {
      for (const client of cache.values()) client.destroy();
      cache.clear();
    },
  };
  return clients;
}
