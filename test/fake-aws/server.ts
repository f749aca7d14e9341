/**
 * A loopback AWS for tests: the real SDK clients point at it (`endpoint`, static fake
 * credentials) so signing, serialisation, pagination, retries and error types are the SDK's
 * own. JSON 1.1 services are routed on `X-Amz-Target`, IAM (XML query protocol) on `Action=`.
 * Answers come from explicit routes first (recorded responses, pagination tokens, errors),
 * then from the scenario's ECS, CloudTrail, Logs and Athena stores.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AwsService, IAM_PREFIX } from '../../src/aws/errors.js';
import { type LogEvent, type QueryStoreOptions, QueryStores } from './query-stores.js';
import { answerEcs, answerLookupEvents, type EcsStore, type Json, type StoreAnswer } from './stores.js';

/** The fake answers every service whydenied calls. */
export type FakeService = AwsService;

const TARGET_PREFIXES: Record<string, FakeService> = {
  CloudTrail_20131101: 'CloudTrail',
  'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101': 'CloudTrail',
  AmazonEC2ContainerServiceV20141113: 'ECS',
  Logs_20140328: 'CloudWatchLogs',
  AmazonAthena: 'Athena',
  TrentService: 'KMS',
  AmazonEC2ContainerRegistry_V20150921: 'ECR',
  secretsmanager: 'SecretsManager',
  AWSOrganizationsV20161128: 'Organizations',
};

/** A recorded answer for `Service.Operation` calls whose request contains `request`. */
export interface FakeRoute {
  /** `ECS.DescribeTasks`, `CloudTrail.LookupEvents`, `IAM.GetRole`. */
  target: string;
  /** A subset the request must contain (deep); absent: every call. */
  request?: Json;
  /** The JSON body (or, for IAM, the XML text) to answer with. */
  response?: Json | string;
  /** An error to answer with instead: `__type` and message, HTTP 400 unless said. */
  error?: { type: string; message: string; status?: number };
  /** Answer this many calls only, then fall through to the next route or store. */
  times?: number;
}

export interface Scenario {
  routes?: FakeRoute[];
  ecs?: Partial<EcsStore>;
  /** CloudTrail records (the `Records[]` shape) that LookupEvents searches and the Athena table holds. */
  cloudTrailEvents?: Json[];
  /** Log events that FilterLogEvents and Logs Insights search. */
  logEvents?: LogEvent[];
}

export interface FakeCall {
  service: FakeService;
  operation: string;
  target: string;
  request: Json;
  status: number;
  /** Milliseconds since the fake started. */
  at: number;
  region: string;
  accessKeyId: string;
}

export interface FakeAwsOptions {
  /** LookupEvents calls allowed a second per access key and region (AWS: 2); past it, throttled. */
  lookupEventsPerSecond?: number;
  /** Query timing, page sizes and failures of the Logs and Athena stores. */
  queries?: QueryStoreOptions;
}

/**
 * How an endpoint can fail to answer: `no-response` accepts the connection and the request and
 * never says a word; `stalled-body` sends the status line, the headers and the start of the
 * body, then nothing more; `trickle` sends the headers, then one byte of blank every 100 ms
 * and never the end, so the connection never idles.
 */
export type HangMode = 'no-response' | 'stalled-body' | 'trickle';

export interface FakeAws {
  url: string;
  calls: FakeCall[];
  callsTo(target: string): FakeCall[];
  /** Answer the next `times` calls to `target` with ThrottlingException. */
  throttle(target: string, times?: number): void;
  /** Answer calls to `target` with AccessDenied, as AWS does when the caller lacks the permission. */
  deny(target: string, times?: number): void;
  addRoute(route: FakeRoute): void;
  /** Each Athena query started: the bytes its partitions let it read, and whether that was the whole trail. */
  athenaScans(): ReturnType<QueryStores['athenaScans']>;
  /** Calls to `target` (or `*`: every call) hang as `mode` says; the call is recorded with status 0. */
  hang(target: string, mode: HangMode): void;
  close(): Promise<void>;
}

function contains(actual: unknown, wanted: unknown): boolean {
  if (Array.isArray(wanted)) {
    return (
      Array.isArray(actual) &&
      wanted.length === actual.length &&
      wanted.every((w, i) => contains(actual[i], w))
    );
  }
  if (wanted !== null && typeof wanted === 'object') {
    if (actual === null || typeof actual !== 'object') return false;
    return Object.entries(wanted).every(([key, value]) => contains((actual as Json)[key], value));
  }
  return actual === wanted;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Region and access key from the SigV4 `Authorization` header's credential scope. */
function signer(request: IncomingMessage): { region: string; accessKeyId: string } {
  const header = String(request.headers.authorization ?? '');
  const scope = /Credential=([^/]+)\/\d{8}\/([^/]+)\//.exec(header);
  return { accessKeyId: scope?.[1] ?? '', region: scope?.[2] ?? '' };
}

interface Parsed {
  service: FakeService;
  operation: string;
  body: Json;
}

/** S3's REST calls by path and query (path style, as the clients reach an endpoint override). */
function parseS3(request: IncomingMessage): Parsed | null {
  const url = new URL(request.url ?? '/', 'http://fake');
  const bucket = decodeURIComponent(url.pathname.split('/')[1] ?? '');
  if (request.method === 'GET' && bucket && url.searchParams.has('policy')) {
    return { service: 'S3', operation: 'GetBucketPolicy', body: { Bucket: bucket } };
  }
  return null;
}

function ec2Error(type: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${type}</Code><Message>${message}</Message></Error></Errors><RequestID>${randomUUID()}</RequestID></Response>`;
}

function s3Error(type: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${type}</Code><Message>${message}</Message><RequestId>${randomUUID().slice(0, 16).toUpperCase()}</RequestId><HostId>${randomUUID()}</HostId></Error>`;
}

function parse(request: IncomingMessage, text: string): Parsed | null {
  const target = String(request.headers['x-amz-target'] ?? '');
  if (!target && request.method === 'GET') return parseS3(request);
  if (target) {
    const dot = target.lastIndexOf('.');
    const service = TARGET_PREFIXES[target.slice(0, dot)];
    if (!service) return null;
    return { service, operation: target.slice(dot + 1), body: text ? (JSON.parse(text) as Json) : {} };
  }
  const form = new URLSearchParams(text);
  const action = form.get('Action');
  if (!action) return null;
  // EC2 and STS speak the same query protocol as IAM, under their own API versions.
  const version = form.get('Version');
  const service = version === '2016-11-15' ? 'EC2' : version === '2011-06-15' ? 'STS' : 'IAM';
  return { service, operation: action, body: Object.fromEntries(form.entries()) };
}

function iamError(type: string, message: string): string {
  return `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>${type}</Code><Message>${message}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`;
}

/** A token bucket per key: AWS's "2 calls a second" lets a burst of 2, then refills at 2/s. */
class RateLimit {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(private readonly perSecond: number) {}
  take(key: string, now: number): boolean {
    const bucket = this.buckets.get(key) ?? { tokens: this.perSecond, at: now };
    bucket.tokens = Math.min(this.perSecond, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}

export async function startFakeAws(scenario: Scenario = {}, options: FakeAwsOptions = {}): Promise<FakeAws> {
  const routes: FakeRoute[] = [...(scenario.routes ?? [])];
  const ecs: EcsStore = {
    services: scenario.ecs?.services ?? [],
    tasks: scenario.ecs?.tasks ?? [],
    taskDefinitions: scenario.ecs?.taskDefinitions ?? [],
  };
  const records = scenario.cloudTrailEvents ?? [];
  const queryStores = new QueryStores(scenario.logEvents ?? [], records, options.queries);
  const limit = options.lookupEventsPerSecond ? new RateLimit(options.lookupEventsPerSecond) : null;
  const calls: FakeCall[] = [];
  const started = Date.now();
  const hangs = new Map<string, HangMode>();

  function answer(parsed: Parsed, key: string, region: string): StoreAnswer & { xml?: string } {
    const target = `${parsed.service}.${parsed.operation}`;
    if (target === 'CloudTrail.LookupEvents' && limit && !limit.take(key, Date.now())) {
      return { status: 400, body: { __type: 'ThrottlingException', message: 'Rate exceeded' } };
    }
    const route = routes.find(
      (candidate) =>
        candidate.target === target &&
        (candidate.times === undefined || candidate.times > 0) &&
        (!candidate.request || contains(parsed.body, candidate.request)),
    );
    if (route) {
      if (route.times !== undefined) route.times -= 1;
      if (route.error) {
        const status =
          route.error.status ?? (['IAM', 'S3', 'EC2', 'STS'].includes(parsed.service) ? 403 : 400);
        if (parsed.service === 'S3')
          return { status, body: {}, xml: s3Error(route.error.type, route.error.message) };
        if (parsed.service === 'EC2')
          return { status, body: {}, xml: ec2Error(route.error.type, route.error.message) };
        return parsed.service === 'IAM' || parsed.service === 'STS'
          ? { status, body: {}, xml: iamError(route.error.type, route.error.message) }
          : { status, body: { __type: route.error.type, message: route.error.message } };
      }
      return typeof route.response === 'string'
        ? { status: 200, body: {}, xml: route.response }
        : { status: 200, body: route.response ?? {} };
    }
    if (parsed.service === 'ECS') {
      const fromStore = answerEcs(ecs, parsed.operation, parsed.body, region);
      if (fromStore) return fromStore;
    }
    if (target === 'CloudTrail.LookupEvents') return answerLookupEvents(records, parsed.body, region);
    const fromQueries =
      parsed.service === 'CloudWatchLogs'
        ? queryStores.answerLogs(parsed.operation, parsed.body)
        : parsed.service === 'Athena'
          ? queryStores.answerAthena(parsed.operation, parsed.body)
          : null;
    if (fromQueries) return fromQueries;
    return {
      status: 400,
      body: { __type: 'UnknownOperationException', message: `the fake has no answer for ${target}` },
    };
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const text = await readBody(request);
    const parsed = parse(request, text);
    const requestId = randomUUID();
    if (!parsed) {
      response.writeHead(400, { 'content-type': 'application/json', 'x-amzn-requestid': requestId });
      response.end(
        JSON.stringify({ __type: 'UnknownOperationException', message: 'no X-Amz-Target or Action' }),
      );
      return;
    }
    const { region, accessKeyId } = signer(request);
    const target = `${parsed.service}.${parsed.operation}`;
    const hang = hangs.get(target) ?? hangs.get('*');
    if (hang) {
      calls.push({ ...callOf(parsed, region, accessKeyId), status: 0 });
      if (hang !== 'no-response') {
        response.writeHead(200, {
          'content-type': 'application/x-amz-json-1.1',
          'x-amzn-requestid': requestId,
        });
        // The start of a real answer; the rest never comes.
        if (hang === 'stalled-body') response.write(parsed.service === 'IAM' ? '<' : '{"');
        if (hang === 'trickle') {
          const drip = setInterval(() => response.write(' '), 100);
          response.on('close', () => clearInterval(drip));
        }
      }
      return;
    }
    const result = answer(parsed, `${accessKeyId}/${region}`, region);
    calls.push({
      service: parsed.service,
      operation: parsed.operation,
      target: `${parsed.service}.${parsed.operation}`,
      request: parsed.body,
      status: result.status,
      at: Date.now() - started,
      region,
      accessKeyId,
    });
    if (parsed.service === 'S3') {
      // GetBucketPolicy's payload is the policy itself; its errors are XML.
      const json = result.status === 200;
      response.writeHead(result.status, {
        'content-type': json ? 'application/json' : 'application/xml',
        'x-amz-request-id': requestId,
      });
      response.end(result.xml ?? '');
      return;
    }
    if (parsed.service === 'IAM' || parsed.service === 'EC2' || parsed.service === 'STS') {
      response.writeHead(result.status, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId });
      response.end(result.xml ?? '');
      return;
    }
    response.writeHead(result.status, {
      'content-type': 'application/x-amz-json-1.1',
      'x-amzn-requestid': requestId,
    });
    response.end(JSON.stringify(result.body));
  }

  function callOf(parsed: Parsed, region: string, accessKeyId: string) {
    return {
      service: parsed.service,
      operation: parsed.operation,
      target: `${parsed.service}.${parsed.operation}`,
      request: parsed.body,
      at: Date.now() - started,
      region,
      accessKeyId,
    };
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ __type: 'InternalFailure', message: String(error) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    callsTo: (target) => calls.filter((call) => call.target === target),
    athenaScans: () => queryStores.athenaScans(),
    throttle(target, times = 1) {
      routes.unshift({ target, times, error: { type: 'ThrottlingException', message: 'Rate exceeded' } });
    },
    deny(target, times) {
      const [service, operation] = target.split('.');
      const prefix = IAM_PREFIX[service as AwsService];
      const message = `User: arn:aws:sts::111122223333:assumed-role/oncall/whydenied is not authorized to perform: ${prefix}:${operation} on resource: * because no identity-based policy allows the ${prefix}:${operation} action`;
      const type =
        service === 'EC2'
          ? 'UnauthorizedOperation'
          : service === 'IAM' || service === 'S3' || service === 'STS'
            ? 'AccessDenied'
            : 'AccessDeniedException';
      // S3 and EC2 say no more than this to a caller they refuse.
      const text =
        service === 'S3'
          ? 'Access Denied'
          : service === 'EC2'
            ? 'You are not authorized to perform this operation.'
            : message;
      routes.unshift({ target, ...(times === undefined ? {} : { times }), error: { type, message: text } });
    },
    addRoute(route) {
      routes.push(route);
    },
    hang(target, mode) {
      hangs.set(target, mode);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
