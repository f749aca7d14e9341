/**
 * The TUI on live sources: the header follows what the sources are doing while they are read,
 * then the findings show (the loopback fake serving samples/ssm-parameter).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { LoadSnapshot } from '../../tui/load-inputs.js';
import { liveLoader, VERIFICATION_PENDING } from '../../tui/load-live.js';
import { fakeClients } from '../fake-aws/clients.js';
import { SSM_PARAMETER_LIVE, scenarioFromSample } from '../fake-aws/scenario.js';
import { type FakeAws, startFakeAws } from '../fake-aws/server.js';

const POLICY = new URL('../fixtures/policies/orders-api-execution-role-before-fix.json', import.meta.url)
  .pathname;

let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('live loader', () => {
  it('reports each source in words, then the findings', async () => {
    fake = await startFakeAws(scenarioFromSample('ssm-parameter'));
    const clients = fakeClients(fake.url);
    const load = liveLoader({
      verifyWithIam: false,
      clients,
      ...SSM_PARAMETER_LIVE,
    });
    const snapshots: LoadSnapshot[] = [];
    for await (const snapshot of load([])) snapshots.push(snapshot);
    clients.destroy();
    const progress = snapshots.map((snapshot) => snapshot.progress ?? '');
    expect(progress[0]).toBe('connecting to AWS');
    expect(progress.some((text) => /^ECS /.test(text))).toBe(true);
    expect(progress.some((text) => /^CloudTrail /.test(text))).toBe(true);
    const last = snapshots.at(-1);
    expect(last?.done).toBe(true);
    expect(last?.analysis?.findings.map((finding) => finding.action)).toEqual(['ssm:GetParameters']);
  });

  it('shows findings as the sources yield evidence, before the lookups end; verified at the end', async () => {
    fake = await startFakeAws(scenarioFromSample('ssm-parameter'));
    const clients = fakeClients(fake.url);
    const load = liveLoader({
      verifyWithIam: false,
      policies: [POLICY],
      clients,
      ...SSM_PARAMETER_LIVE,
    });
    const snapshots: LoadSnapshot[] = [];
    for await (const snapshot of load([])) snapshots.push(snapshot);
    clients.destroy();
    const first = snapshots.findIndex((snapshot) => snapshot.analysis?.findings.length);
    const lookups = snapshots.map((snapshot, index) =>
      /^CloudTrail /.test(snapshot.progress ?? '') ? index : -1,
    );
    const lastLookup = Math.max(...lookups);
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(lastLookup);
    const interim = snapshots[first];
    expect(interim?.done).toBe(false);
    expect(interim?.analysis?.findings.map((finding) => finding.action)).toEqual(['ssm:GetParameters']);
    expect(interim?.analysis?.findings[0]?.fix).toMatchObject({
      verified: null,
      reason: VERIFICATION_PENDING,
    });
    const last = snapshots.at(-1);
    expect(last?.done).toBe(true);
    expect(last?.analysis?.findings[0]?.fix).toMatchObject({
      verified: true,
      reason: expect.stringMatching(/"SsmParametersForSecrets"/),
    });
  });

  it('a live note (a fallback taken) reaches the snapshots, the way the CLI says it', async () => {
    // A Logs Insights query that never finishes: the run falls back to LookupEvents and says so.
    fake = await startFakeAws({}, { queries: { pollsBeforeDone: 1000 } });
    const clients = fakeClients(fake.url);
    const load = liveLoader({
      verifyWithIam: false,
      clients,
      logsGroup: 'trail',
      queryPoll: { initialMs: 1, maxMs: 2, timeoutMs: 30 },
      // The fallback's lookups paced for the fake, not at CloudTrail's 2 a second.
      lookupsPerSecond: 50,
    });
    const snapshots: LoadSnapshot[] = [];
    for await (const snapshot of load([])) snapshots.push(snapshot);
    clients.destroy();
    const fallback =
      'CloudTrail: Logs Insights (trail) could not be used, so LookupEvents read the window instead';
    const firstNoted = snapshots.findIndex((snapshot) => snapshot.notes?.includes(fallback));
    expect(firstNoted).toBeGreaterThan(0);
    // Said while the run goes on, not only at its end.
    expect(snapshots[firstNoted]?.done).toBe(false);
    expect(snapshots.at(-1)?.notes).toContain(fallback);
  });
});
