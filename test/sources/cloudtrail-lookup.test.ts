/**
 * CloudTrail lookups against the fake with CloudTrail's own limit (2 LookupEvents a second
 * per account and region) switched on: the plan, paging, dedupe, pacing and the SDK's retry.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Evidence } from '../../src/domain/evidence.js';
import { analyzeLive, type LiveProgress } from '../../src/live.js';
import { lookupCloudTrail } from '../../src/sources/cloudtrail-lookup.js';
import { IAM_LOOKBACK_MS } from '../../src/sources/iam-lookback.js';
import { fakeClients } from '../fake-aws/clients.js';
import { BACKGROUND, INCIDENT_NOW, incidentScenario } from '../fake-aws/incident.js';
import { type FakeAws, startFakeAws } from '../fake-aws/server.js';

let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const WINDOW = { start: new Date(INCIDENT_NOW.getTime() - 2 * 3600_000), end: INCIDENT_NOW };

describe('lookupCloudTrail', () => {
  it('pages an event source to the end of the window, 50 events a page, deduplicated', async () => {
    const streamed: { pages: number; evidence: Evidence[] }[] = [];
    let pagesRead = 0;
    const pagesSoFar = () => pagesRead;
    fake = await startFakeAws(incidentScenario());
    const clients = fakeClients(fake.url);
    const result = await lookupCloudTrail(
      clients.cloudTrail,
      [
        { attribute: 'EventSource', value: 'kms.amazonaws.com' },
        { attribute: 'Username', value: 'd58f1e2a7b3c4d9e8f6a5b4c3d2e1f0a' },
      ],
      WINDOW,
      {
        perSecond: 50,
        onEvidence: (evidence) => streamed.push({ pages: pagesSoFar(), evidence }),
        onProgress: (event) => {
          if (event.type === 'cloudtrail-page') pagesRead = event.pages;
        },
      },
    );
    clients.destroy();
    const kms = (BACKGROUND['kms.amazonaws.com']?.count ?? 0) + 6;
    // Handed over page by page, before the page's progress, and all of it once.
    expect(streamed.flatMap((part) => part.evidence)).toEqual(result.evidence);
    expect(streamed[0]?.pages).toBeLessThan(result.stats.pages);
    expect(result.stats.pages).toBe(Math.ceil(kms / 50) + 1);
    // The task's two denials were already read in the kms sweep.
    expect(result.stats.events).toBe(kms);
    expect(result.evidence).toHaveLength(6);
    for (const call of fake.callsTo('CloudTrail.LookupEvents')) {
      expect(call.request.LookupAttributes).toHaveLength(1);
      expect(call.request.MaxResults).toBe(50);
      expect(call.request.StartTime).toBe(WINDOW.start.getTime() / 1000);
    }
  });

  it('stops at the page budget and says so', async () => {
    fake = await startFakeAws(incidentScenario());
    const clients = fakeClients(fake.url);
    const lookup = { attribute: 'EventSource' as const, value: 'sts.amazonaws.com' };
    const result = await lookupCloudTrail(clients.cloudTrail, [lookup], WINDOW, {
      perSecond: 50,
      maxPages: 2,
    });
    clients.destroy();
    expect(result.stats.calls).toBe(2);
    expect(result.truncated).toEqual([lookup]);
  });

  it('a throttled CloudTrail: the fake throttles, whydenied retries and completes', async () => {
    fake = await startFakeAws(incidentScenario());
    fake.throttle('CloudTrail.LookupEvents', 2);
    const clients = fakeClients(fake.url);
    const result = await lookupCloudTrail(
      clients.cloudTrail,
      [{ attribute: 'Username', value: '7c1e9b3a5d2f4e6a8b0c2d4e6f8a1b3c' }],
      WINDOW,
      { perSecond: 50 },
    );
    clients.destroy();
    const statuses = fake.callsTo('CloudTrail.LookupEvents').map((call) => call.status);
    expect(statuses).toEqual([400, 400, 200]);
    expect(result.problems).toEqual([]);
    expect(result.evidence).toHaveLength(2);
  });

  it("the SDK's retries of a throttled call wait for the same limiter: no two calls closer than it allows", async () => {
    fake = await startFakeAws(incidentScenario());
    // Three throttles in a row: the SDK (here retrying 10 ms apart) retries each one.
    fake.throttle('CloudTrail.LookupEvents', 3);
    const clients = fakeClients(fake.url);
    const result = await lookupCloudTrail(
      clients.cloudTrail,
      [
        { attribute: 'Username', value: '7c1e9b3a5d2f4e6a8b0c2d4e6f8a1b3c' },
        { attribute: 'Username', value: 'd58f1e2a7b3c4d9e8f6a5b4c3d2e1f0a' },
      ],
      WINDOW,
      { perSecond: 5 },
    );
    clients.destroy();
    const calls = fake.callsTo('CloudTrail.LookupEvents');
    expect(calls.map((call) => call.status)).toEqual([400, 400, 400, 200, 200]);
    expect(result.problems).toEqual([]);
    const gaps = calls.slice(1).map((call, index) => call.at - (calls[index]?.at ?? 0));
    console.log(
      `[limiter] 5 LookupEvents/s, 3 throttles retried by the SDK: gaps at the fake ${gaps.join(', ')} ms`,
    );
    // 5 a second is one every 200 ms at the limiter; a call's trip to the fake varies by some
    // milliseconds, which one gap loses and the next gains. Unpaced retries came 10-30 ms apart.
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(120);
    expect((calls.at(-1)?.at ?? 0) - (calls[0]?.at ?? 0)).toBeGreaterThanOrEqual(4 * 200 - 40);
  });

  it('counts the calls for a typical incident: 3 tasks over 2 hours with the 2/s limit on', async () => {
    fake = await startFakeAws(incidentScenario(), { lookupEventsPerSecond: 2 });
    // The SDK's standard retry (not the tests' fast one): the wall time a user would see.
    const clients = fakeClients(fake.url, { retryStrategy: undefined, retryMode: 'standard' });
    const progress: LiveProgress[] = [];
    const started = performance.now();
    const { analysis, partial } = await analyzeLive(
      { verifyWithIam: false, clients, cluster: 'prod', since: '2h', now: INCIDENT_NOW },
      { onProgress: (event) => progress.push(event) },
    );
    const seconds = (performance.now() - started) / 1000;
    clients.destroy();
    const lookups = fake.callsTo('CloudTrail.LookupEvents');
    const throttled = lookups.filter((call) => call.status !== 200).length;
    const pages = progress.filter((event) => event.type === 'cloudtrail-page');
    const plan = progress.find((event) => event.type === 'cloudtrail-plan');
    console.log(
      `[incident] 3 tasks, 2-hour window, fake limit 2 LookupEvents/s: ${lookups.length} LookupEvents calls ` +
        `(${throttled} throttled), ${plan?.type === 'cloudtrail-plan' ? plan.lookups : '?'} lookups, ` +
        `${pages.length} pages, ${pages.at(-1)?.type === 'cloudtrail-page' ? pages.at(-1)?.events : 0} events read, ` +
        `wall time ${seconds.toFixed(1)} s; ECS calls: ${fake.calls.filter((call) => call.service === 'ECS').length}`,
    );
    expect(partial).toEqual([]);
    expect(throttled).toBe(0);
    expect(analysis.findings[0]).toMatchObject({ action: 'kms:Decrypt', taskDefinition: 'checkout-api:27' });
    // Each task's sessions where it ran, then the denied execution role's policy writes where IAM records them.
    expect(lookups.map((call) => [call.region, call.request.LookupAttributes])).toEqual([
      ...[
        '2b4d6f8a0c1e4a3b5c7d9e1f3a5b7c9d',
        '7c1e9b3a5d2f4e6a8b0c2d4e6f8a1b3c',
        'd58f1e2a7b3c4d9e8f6a5b4c3d2e1f0a',
      ].map((id) => ['eu-west-1', [{ AttributeKey: 'Username', AttributeValue: id }]]),
      ['us-east-1', [{ AttributeKey: 'ResourceName', AttributeValue: 'checkout-api-execution-role' }]],
    ]);
    // Never faster than CloudTrail allows.
    const times = lookups.map((call) => call.at);
    for (let index = 2; index < times.length; index += 1) {
      expect((times[index] ?? 0) - (times[index - 2] ?? 0)).toBeGreaterThanOrEqual(900);
    }
  }, 120_000);
});

describe('lookupIamChanges (IAM records its events in us-east-1)', () => {
  it("reads the roles' policy writes from us-east-1, a week before the window, and the change becomes the finding's cause", async () => {
    const scenario = incidentScenario();
    // The narrowed-policy fixture's PutRolePolicy (Terraform's record shape), moved onto this
    // incident's execution role three days before: its new document no longer allows kms:Decrypt.
    const [, narrowed] = JSON.parse(readFileSync('test/fixtures/cause/narrowed-inline-policy.json', 'utf8'))
      .Records as Record<string, unknown>[];
    const put = {
      ...narrowed,
      eventTime: new Date(INCIDENT_NOW.getTime() - 3 * 24 * 3600_000).toISOString().replace('.000', ''),
      requestParameters: {
        roleName: 'checkout-api-execution-role',
        policyName: 'checkout-api-secrets',
        policyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*' }],
        }),
      },
    };
    fake = await startFakeAws({ ...scenario, cloudTrailEvents: [...(scenario.cloudTrailEvents ?? []), put] });
    const clients = fakeClients(fake.url);
    const { analysis } = await analyzeLive({
      verifyWithIam: false,
      clients,
      cluster: 'prod',
      since: '2h',
      now: INCIDENT_NOW,
      lookupsPerSecond: 50,
    });
    clients.destroy();
    const iam = fake.callsTo('CloudTrail.LookupEvents').filter((call) => call.region === 'us-east-1');
    expect(iam.map((call) => call.request.LookupAttributes)).toEqual(
      expect.arrayContaining([
        [{ AttributeKey: 'ResourceName', AttributeValue: 'checkout-api-execution-role' }],
      ]),
    );
    for (const call of iam) {
      expect(call.request.StartTime).toBe((WINDOW.start.getTime() - IAM_LOOKBACK_MS) / 1000);
    }
    // The regional lookups still read the region the user named.
    expect(fake.callsTo('CloudTrail.LookupEvents').some((call) => call.region === 'eu-west-1')).toBe(true);
    expect(analysis.stats.evidence['policy-change']).toBe(1);
    const finding = analysis.findings.find((item) => item.action === 'kms:Decrypt');
    expect(finding?.cause).toMatchObject({
      kind: 'iam-change',
      event: 'PutRolePolicy',
      target: 'role checkout-api-execution-role, inline policy checkout-api-secrets',
    });
  });
});
