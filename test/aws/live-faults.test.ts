/**
 * An endpoint that takes the connection and never answers, or sends headers and stalls the
 * body, must end like any other source failure: within the configured timeouts, with what the
 * other sources read, exit code 3 and a warning that names the source that did not answer.
 */
import { describe, expect, it, vi } from 'vitest';
import { translateAwsError } from '../../src/aws/errors.js';
import { RateLimiter } from '../../src/aws/rate-limiter.js';
import { analyzeLive } from '../../src/live.js';
import { isRegionName } from '../../src/live-options.js';
import { lookupCloudTrail } from '../../src/sources/cloudtrail-lookup.js';
import { fakeCliArgs, fakeClients } from '../fake-aws/clients.js';
import { fakeAwsPerTest } from '../fake-aws/per-test.js';
import { analyzeOrdersApi, runCli } from '../run-cli.js';

const TIMEOUTS = { connectTimeoutMs: 200, requestTimeoutMs: 300 };
const NOW = new Date('2026-11-21T10:30:00Z');

const fake = fakeAwsPerTest('ssm-parameter');

async function liveRun() {
  const clients = fakeClients(fake().url, TIMEOUTS);
  const started = performance.now();
  try {
    const result = await analyzeLive({
      verifyWithIam: false,
      clients,
      cluster: 'prod',
      service: 'orders-api',
      now: NOW,
      lookupsPerSecond: 50,
    });
    return { ...result, seconds: (performance.now() - started) / 1000 };
  } finally {
    clients.destroy();
  }
}

describe('an endpoint that does not answer', () => {
  it('no response to DescribeTasks: the run ends with a partial result naming ECS DescribeTasks', async () => {
    fake().hang('ECS.DescribeTasks', 'no-response');
    const { analysis, partial, seconds } = await liveRun();
    console.log(
      `[hang] DescribeTasks never answers, 0.3 s request timeout: run ended in ${seconds.toFixed(2)} s`,
    );
    // ECS stalled: its next call (the task definitions) is refused at once, not waited for.
    expect(analysis.warnings).toEqual([
      expect.objectContaining({
        origin: 'api:ECS.DescribeTasks',
        problem: 'ECS DescribeTasks: no answer within 300 ms',
      }),
      expect.objectContaining({
        origin: 'api:ECS.DescribeTaskDefinition',
        problem: 'ECS DescribeTaskDefinition: no answer within 300 ms',
      }),
    ]);
    expect(partial[0]).toMatch(/^api:ECS\.DescribeTasks: ECS DescribeTasks: no answer within 300 ms; Check/);
    // The rest was read: the service's deployments, and CloudTrail.
    expect(analysis.stats.evidence['ecs-deployment']).toBe(2);
    expect(
      fake()
        .callsTo('CloudTrail.LookupEvents')
        .every((call) => call.status === 200),
    ).toBe(true);
    expect(fake().callsTo('CloudTrail.LookupEvents').length).toBeGreaterThan(0);
    // Two attempts time out, then ECS counts as unresponsive: no third wait, no more ECS calls.
    expect(fake().callsTo('ECS.DescribeTasks')).toHaveLength(2);
    expect(fake().callsTo('ECS.DescribeTaskDefinition')).toHaveLength(0);
  }, 15_000);

  it('headers sent, body stalled on LookupEvents: the run ends naming CloudTrail LookupEvents', async () => {
    fake().hang('CloudTrail.LookupEvents', 'stalled-body');
    const { analysis, seconds } = await liveRun();
    console.log(
      `[hang] LookupEvents body stalls, 0.3 s request timeout: run ended in ${seconds.toFixed(2)} s`,
    );
    expect(analysis.warnings.map((warning) => warning.origin)).toEqual(['api:CloudTrail.LookupEvents']);
    expect(analysis.warnings[0]?.problem).toMatch(/^CloudTrail LookupEvents: no answer within 300 ms/);
    expect(analysis.stats.evidence['task-definition']).toBe(2);
    // Every lookup after the first two waits is refused at once, not sent.
    expect(fake().callsTo('CloudTrail.LookupEvents')).toHaveLength(2);
  }, 15_000);

  it('an answer that trickles a byte at a time (never idle) still ends within connect + request timeout', async () => {
    fake().hang('ECS.DescribeServices', 'trickle');
    const { analysis, seconds } = await liveRun();
    console.log(`[hang] DescribeServices trickles a byte every 100 ms: run ended in ${seconds.toFixed(2)} s`);
    expect(analysis.warnings[0]).toMatchObject({
      origin: 'api:ECS.DescribeServices',
      problem: 'ECS DescribeServices: no answer within 500 ms',
    });
    expect(fake().callsTo('ECS.DescribeServices')).toHaveLength(2);
  }, 15_000);

  it('lookups after CloudTrail stalled are refused without waiting for a slot of the limiter', async () => {
    fake().hang('CloudTrail.LookupEvents', 'no-response');
    const clients = fakeClients(fake().url, TIMEOUTS);
    let slots = 0;
    const limiter = new RateLimiter({ perSecond: 2 });
    const take = limiter.take.bind(limiter);
    limiter.take = () => {
      slots += 1;
      return take();
    };
    const lookups = [
      '3f1c9a0b7d2e4c8f9a1b2c3d4e5f6a7b',
      '5a0c2e4b6d8f4a1c9e3b5d7f0a2c4e6b',
      'd58f1e2a7b3c4d9e8f6a5b4c3d2e1f0a',
      '7c1e9b3a5d2f4e6a8b0c2d4e6f8a1b3c',
      '2b4d6f8a0c1e4a3b5c7d9e1f3a5b7c9d',
      '9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b',
    ].map((value) => ({ attribute: 'Username' as const, value }));
    const result = await lookupCloudTrail(
      clients.cloudTrail,
      lookups,
      { start: new Date(NOW.getTime() - 3600_000), end: NOW },
      { limiter },
    );
    clients.destroy();
    expect(lookups.length).toBeGreaterThan(5);
    expect(result.problems).toHaveLength(lookups.length);
    // The two attempts that stalled took slots; the refused ones did not wait half a second each.
    expect(fake().callsTo('CloudTrail.LookupEvents')).toHaveLength(2);
    expect(slots).toBe(2);
  }, 15_000);

  it('the CLI with every endpoint hanging: exit 3 within the timeouts, the sources named on stderr', async () => {
    fake().hang('*', 'no-response');
    const started = performance.now();
    const { code, stdout, stderr } = await analyzeOrdersApi([
      ...fakeCliArgs(fake().url),
      '--connect-timeout',
      '0.2',
      '--request-timeout',
      '0.3',
      '--format',
      'json',
    ]);
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `[hang] every endpoint silent, CLI with --request-timeout 0.3: exit ${code} in ${seconds.toFixed(2)} s`,
    );
    expect(code).toBe(3);
    const warnings = JSON.parse(stdout).warnings as { origin: string }[];
    expect(warnings.map((warning) => warning.origin)).toContain('api:ECS.DescribeServices');
    expect(warnings.map((warning) => warning.origin)).toContain('api:CloudTrail.LookupEvents');
    expect(stderr).toMatch(
      /partial: api:ECS\.DescribeServices: ECS DescribeServices: no answer within 300 ms/,
    );
  }, 20_000);

  it('the timeouts come from the environment when no option says', async () => {
    fake().hang('*', 'stalled-body');
    vi.stubEnv('WHYDENIED_REQUEST_TIMEOUT', '0.25');
    vi.stubEnv('WHYDENIED_CONNECT_TIMEOUT', '0.2');
    const { code, stderr } = await runCli(['analyze', '--task', TASK, ...fakeCliArgs(fake().url)]);
    expect(code).toBe(3);
    expect(stderr).toMatch(/ECS DescribeTasks: no answer within 250 ms/);
  }, 20_000);

  it('a timeout that is not a number is a usage error', async () => {
    const { code, stderr } = await runCli([
      'analyze',
      '--task',
      TASK,
      ...fakeCliArgs(fake().url),
      '--request-timeout',
      'soon',
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain('--request-timeout soon: expected a number of seconds');
    expect(fake().calls).toEqual([]);
  });
});

describe('the SDK timeouts, said plainly', () => {
  // The texts @smithy/node-http-handler (4.x) throws: set-connection-timeout.js, set-request-timeout.js
  // and set-socket-timeout.js. The fake cannot refuse a connection's handshake, so the connect
  // timeout is shown with the SDK's own words.
  it.each([
    [
      '@smithy/node-http-handler - the request socket did not establish a connection with the server within the configured timeout of 200 ms.',
      'ECS DescribeTasks: could not connect within 200 ms',
    ],
    [
      '@smithy/node-http-handler - [ERROR] a request has exceeded the configured 300 ms requestTimeout.',
      'ECS DescribeTasks: no answer within 300 ms',
    ],
    [
      '@smithy/node-http-handler - the request socket timed out after 300 ms of inactivity (configured by client requestHandler).',
      'ECS DescribeTasks: no answer within 300 ms',
    ],
  ])('%s', (message, said) => {
    const error = Object.assign(new Error(message), { name: 'TimeoutError' });
    const problem = translateAwsError(error, { service: 'ECS', operation: 'DescribeTasks' });
    expect(problem).toMatchObject({
      kind: 'timeout',
      message: said,
      fatal: false,
      origin: 'api:ECS.DescribeTasks',
    });
  });
});

describe('a region that is not one', () => {
  it('--region "not a region!" is a usage error, before any call', async () => {
    const args = fakeCliArgs(fake().url);
    const { code, stderr } = await runCli(['analyze', '--task', TASK, ...args, '--region', 'not a region!']);
    expect(code).toBe(2);
    expect(stderr).toContain('--region not a region!: expected a region name such as eu-west-1');
    expect(stderr).not.toContain('try again');
    expect(fake().calls).toEqual([]);
  });

  it('AWS_REGION that is not one (no --region): a plain message naming it, exit 2, not "try again"', async () => {
    const args = fakeCliArgs(fake().url).filter(
      (arg, index, all) => arg !== '--region' && all[index - 1] !== '--region',
    );
    vi.stubEnv('AWS_REGION', 'not a region!');
    const { code, stderr } = await runCli(['analyze', '--task', TASK, ...args]);
    expect(code).toBe(2);
    expect(stderr).toContain('"not a region!" is not an AWS region');
    expect(stderr).toContain('try: Check --region / AWS_REGION');
    expect(stderr).not.toMatch(/try again/i);
  });

  it('the names of every partition are regions; look-alikes are not', () => {
    for (const region of [
      'us-east-1',
      'eu-central-2',
      'us-gov-west-1',
      'cn-northwest-1',
      'us-isob-east-1',
      'eu-isoe-west-1',
      'mx-central-1',
    ]) {
      expect(isRegionName(region), region).toBe(true);
    }
    for (const text of [
      'not a region!',
      'eu-west',
      'EU-WEST-1',
      'eu_west_1',
      'eu-west-1a',
      'https://eu-west-1',
      '',
    ]) {
      expect(isRegionName(text), text).toBe(false);
    }
  });
});

const TASK = 'arn:aws:ecs:eu-west-1:111122223333:task/prod/3f1c9a0b7d2e4c8f9a1b2c3d4e5f6a7b';
