/**
 * AWS SDK clients built the way every live source needs them: the standard credential chain
 * (env, shared files, SSO, --profile), the region from --region / AWS_REGION / the profile,
 * one endpoint override for tests and LocalStack, the SDK's own retry, and timeouts (see
 * timeouts.ts) so that an endpoint that never answers cannot hang the run.
 */
import { AthenaClient } from '@aws-sdk/client-athena';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ECSClient, type ECSClientConfig } from '@aws-sdk/client-ecs';
import { IAMClient } from '@aws-sdk/client-iam';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { Pluggable } from '@smithy/types';
import {
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  giveUpOnStalls,
  requestHandlerOptions,
} from './timeouts.js';

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
  /** Per attempt: connecting (default 5 s), and waiting for the answer or its next byte (default 30 s). */
  connectTimeoutMs?: number | undefined;
  requestTimeoutMs?: number | undefined;
}

function timeoutsOf(options: AwsOptions) {
  return {
    connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
  };
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
    requestHandler: requestHandlerOptions(timeoutsOf(options)),
  };
}

/** The region whose CloudTrail holds IAM's events, whatever region the rest is read in. */
export const IAM_EVENTS_REGION = 'us-east-1';

export type ClientConfig = ReturnType<typeof clientConfig>;

/** What every SDK client has: destroy(), and a middleware stack typed by its own service's shapes. */
interface StallGuarded {
  destroy(): void;
  middlewareStack: object;
}

export interface AwsClients {
  ecs: ECSClient;
  cloudTrail: CloudTrailClient;
  /** CloudTrail in us-east-1, where IAM (a global service) records its events. */
  cloudTrailIam: CloudTrailClient;
  logs: CloudWatchLogsClient;
  athena: AthenaClient;
  iam: IAMClient;
  /**
   * A client of another service, built on first use with the same configuration in `region`
   * (a key or repository is read in its own region): the modules that alone need a service
   * import its SDK, so a run that never verifies never loads it.
   */
  other<T extends StallGuarded>(service: string, region: string | null, make: (config: ClientConfig) => T): T;
  /** The region the clients resolved (from options, env or profile); null when none is set. */
  region(): Promise<string | null>;
  destroy(): void;
}

/** Clients are created on first use, so a run that only reads ECS never resolves the others. */
export function createClients(options: AwsOptions = {}): AwsClients {
  const config = clientConfig(options);
  const timeouts = timeoutsOf(options);
  const cache = new Map<string, { destroy(): void }>();
  function lazy<T extends { destroy(): void }>(name: string, make: () => T): T {
    let client = cache.get(name) as T | undefined;
    if (!client) {
      client = make();
      cache.set(name, client);
    }
    return client;
  }
  // Each service gives up on its own stalls: a stalled Athena leaves ECS alone. CloudTrail's two
  // clients (the region's, and us-east-1's for IAM's events) count as one service.
  const cloudTrailStalls = giveUpOnStalls(timeouts);
  function guarded<T extends StallGuarded>(
    client: T,
    stalls: Pluggable<object, object> = giveUpOnStalls(timeouts),
  ): T {
    // The stall guard reads no input or output shape, so it fits any service's stack.
    (client.middlewareStack as { use(pluggable: unknown): void }).use(stalls);
    return client;
  }
  const clients: AwsClients = {
    get ecs() {
      return lazy('ecs', () => guarded(new ECSClient(config)));
    },
    get cloudTrail() {
      return lazy('cloudtrail', () => guarded(new CloudTrailClient(config), cloudTrailStalls));
    },
    get cloudTrailIam() {
      return lazy('cloudtrail-iam', () =>
        guarded(new CloudTrailClient({ ...config, region: IAM_EVENTS_REGION }), cloudTrailStalls),
      );
    },
    get logs() {
      return lazy('logs', () => guarded(new CloudWatchLogsClient(config)));
    },
    get athena() {
      return lazy('athena', () => guarded(new AthenaClient(config)));
    },
    get iam() {
      return lazy('iam', () => guarded(new IAMClient(config)));
    },
    other(service, region, make) {
      return lazy(`${service}@${region ?? ''}`, () => guarded(make(region ? { ...config, region } : config)));
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
