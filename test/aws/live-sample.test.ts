/**
 * The samples/ssm-parameter scenario served live by the fake equals its offline analysis:
 * the same recorded outputs, read through the real SDK instead of from files.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { analyzeLive } from '../../src/live.js';
import { analyzeFiles } from '../../src/pipeline.js';
import { fakeCliArgs, fakeClients } from '../fake-aws/clients.js';
import { essentials } from '../fake-aws/essentials.js';
import { SSM_PARAMETER_LIVE, scenarioFromSample } from '../fake-aws/scenario.js';
import { type FakeAws, startFakeAws } from '../fake-aws/server.js';
import { runCli } from '../run-cli.js';

const SAMPLE = new URL('../../samples/ssm-parameter/', import.meta.url).pathname;

let fake: FakeAws | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await fake?.close();
  fake = undefined;
});

describe('live analysis of a sample', () => {
  it('ssm-parameter served live gives the offline findings', async () => {
    fake = await startFakeAws(scenarioFromSample('ssm-parameter'));
    const clients = fakeClients(fake.url);
    const live = await analyzeLive({
      verifyWithIam: false,
      clients,
      ...SSM_PARAMETER_LIVE,
    });
    clients.destroy();
    const offline = await analyzeFiles([SAMPLE]);
    expect(live.partial).toEqual([]);
    expect(live.analysis.warnings).toEqual([]);
    expect(essentials(live.analysis)).toEqual(essentials(offline.analysis));
    expect(essentials(live.analysis)[0]).toMatchObject({
      action: 'ssm:GetParameters',
      taskDefinition: 'orders-api:43',
    });
    expect(live.analysis.findings[0]?.evidence[0]?.origin).toMatch(
      /^api:ECS\.DescribeTasks#tasks\[\d\]\.stoppedReason$/,
    );
    const operations = fake.calls.map((call) => call.target);
    expect(operations).toContain('ECS.DescribeServices');
    expect(operations).toContain('ECS.ListTasks');
    expect(operations).toContain('ECS.DescribeTasks');
    expect(
      fake.callsTo('ECS.DescribeTaskDefinition').map((call) => call.request.taskDefinition),
    ).toHaveLength(2);
  });
});

describe('live options through the CLI', () => {
  it('repeatable --task, a file input merged, and --policies verifying the fix', async () => {
    fake = await startFakeAws(scenarioFromSample('ssm-parameter'));
    const policies = new URL(
      '../fixtures/policies/orders-api-execution-role-before-fix.json',
      import.meta.url,
    ).pathname;
    const offline = await analyzeFiles([SAMPLE], { policies: [policies] });
    const { code, stdout } = await runCli([
      'analyze',
      '--task',
      'arn:aws:ecs:eu-west-1:111122223333:task/prod/3f1c9a0b7d2e4c8f9a1b2c3d4e5f6a7b',
      '--task',
      'arn:aws:ecs:eu-west-1:111122223333:task/prod/8d2e4f6a0b1c4d3e9f8a7b6c5d4e3f21',
      `${SAMPLE}describe-task-definition-orders-api-42.json`,
      '--policies',
      policies,
      ...fakeCliArgs(fake.url),
      '--since',
      '10m',
      '--quiet',
      '--format',
      'json',
    ]);
    expect(code).toBe(1);
    const output = JSON.parse(stdout);
    expect(fake.callsTo('ECS.DescribeTasks')[0]?.request.tasks).toHaveLength(2);
    expect(output.stats.evidence['task-definition']).toBeGreaterThanOrEqual(2);
    expect(output.findings[0].fix.verified).toBe(offline.analysis.findings[0]?.fix?.verified);
    expect(output.findings[0].fix.verified).not.toBeNull();
  });
});
