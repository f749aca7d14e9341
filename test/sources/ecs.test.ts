/**
 * Live ECS against the fake: stopped tasks described in batches of 100, a task given by ARN
 * alone, a task ECS no longer keeps, and the revision before the newest for the diff.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeLive } from '../../src/live.js';
import { readEcs } from '../../src/sources/ecs.js';
import { fakeClients } from '../fake-aws/clients.js';
import { scenarioFromSample } from '../fake-aws/scenario.js';
import { type FakeAws, startFakeAws } from '../fake-aws/server.js';
import type { Json } from '../fake-aws/stores.js';

let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const TASK = 'arn:aws:ecs:eu-west-1:111122223333:task/prod/3f1c9a0b7d2e4c8f9a1b2c3d4e5f6a7b';

describe('readEcs', () => {
  it('describes 150 stopped tasks in two DescribeTasks calls of at most 100', async () => {
    const sample = scenarioFromSample('ssm-parameter');
    const [template] = sample.ecs?.tasks ?? [];
    const tasks = Array.from({ length: 150 }, (_, index) => {
      const id = index.toString(16).padStart(32, '0');
      return { ...(template as Json), taskArn: `arn:aws:ecs:eu-west-1:111122223333:task/prod/${id}` };
    });
    fake = await startFakeAws({ ...sample, ecs: { ...sample.ecs, tasks } });
    const clients = fakeClients(fake.url);
    const found = await readEcs(clients.ecs, { cluster: 'prod', service: 'orders-api' });
    clients.destroy();
    expect(fake.callsTo('ECS.ListTasks')).toHaveLength(2);
    expect(fake.callsTo('ECS.DescribeTasks').map((call) => (call.request.tasks as string[]).length)).toEqual([
      100, 50,
    ]);
    expect(found.taskIds).toHaveLength(150);
    const origins = found.evidence
      .filter((item) => item.kind === 'ecs-stopped-task')
      .map((item) => item.origin.pointer);
    expect(new Set(origins).size).toBe(150);
    expect(origins.at(-1)).toBe('tasks[149].stoppedReason');
  });

  it('looks up the sessions of the newest stopped tasks within the call budget, keeps calls for the roles, and says what it left', async () => {
    const sample = scenarioFromSample('ssm-parameter');
    const [template] = sample.ecs?.tasks ?? [];
    const tasks = Array.from({ length: 150 }, (_, index) => ({
      ...(template as Json),
      taskArn: `arn:aws:ecs:eu-west-1:111122223333:task/prod/${index.toString(16).padStart(32, '0')}`,
    }));
    fake = await startFakeAws({ ...sample, ecs: { ...sample.ecs, tasks } });
    const clients = fakeClients(fake.url);
    const { partial } = await analyzeLive({
      verifyWithIam: false,
      clients,
      cluster: 'prod',
      service: 'orders-api',
      now: new Date('2026-11-21T10:30:00Z'),
      lookupsPerSecond: 200,
    });
    clients.destroy();
    const sessions = fake
      .callsTo('CloudTrail.LookupEvents')
      .filter((call) => JSON.stringify(call.request).includes('"Username"'));
    // 20 calls, 2 of them kept for the two roles' policy writes; the 150 tasks and the one the
    // template's stopped reason names are 151 sessions.
    expect(sessions).toHaveLength(18);
    expect(partial).toEqual([
      expect.stringContaining('the call budget (20 LookupEvents calls) ran out; 133 lookup(s) not made'),
    ]);
  });

  it('a task by ARN alone: its cluster from the ARN, no listing', async () => {
    fake = await startFakeAws(scenarioFromSample('ssm-parameter'));
    const clients = fakeClients(fake.url);
    const found = await readEcs(clients.ecs, { tasks: [TASK] });
    clients.destroy();
    expect(fake.callsTo('ECS.DescribeTasks')[0]?.request).toEqual({ cluster: 'prod', tasks: [TASK] });
    expect(fake.callsTo('ECS.ListTasks')).toEqual([]);
    expect(found.taskIds).toEqual(['3f1c9a0b7d2e4c8f9a1b2c3d4e5f6a7b']);
    expect(found.roleArns).toEqual([
      'arn:aws:iam::111122223333:role/orders-api-execution-role',
      'arn:aws:iam::111122223333:role/orders-api-task-role',
    ]);
    expect(found.secrets).toContain('arn:aws:ssm:eu-west-1:111122223333:parameter/orders/db-password');
    // orders-api:43 from the task, and 42 for the diff.
    expect(found.evidence.filter((item) => item.kind === 'task-definition')).toHaveLength(2);
  });

  it('a task ECS no longer keeps: a problem that says stopped tasks last about an hour', async () => {
    fake = await startFakeAws(scenarioFromSample('ssm-parameter'));
    const clients = fakeClients(fake.url);
    const found = await readEcs(clients.ecs, {
      cluster: 'prod',
      tasks: ['0123456789abcdef0123456789abcdef'],
    });
    clients.destroy();
    expect(found.problems).toHaveLength(1);
    expect(found.problems[0]).toMatchObject({
      kind: 'not-found',
      origin: 'api:ECS.DescribeTasks',
      fatal: false,
    });
    expect(found.problems[0]?.tryThis).toContain('about an hour');
  });
});
