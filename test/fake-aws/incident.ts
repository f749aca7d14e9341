/**
 * A typical incident for counting LookupEvents calls: three tasks of checkout-api stop over
 * two hours because the execution role may not decrypt the secret's KMS key, in an account
 * where other workloads keep calling the same start-up services. Every record is a copy of
 * the real-shaped records in samples/secret-cmk with its session, time and id changed.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { scenarioFromSample } from './scenario.js';
import type { Scenario } from './server.js';
import type { Json } from './stores.js';

const SAMPLE = new URL('../../samples/secret-cmk/', import.meta.url).pathname;

export const INCIDENT_NOW = new Date('2026-11-21T15:00:00Z');

/** Successful calls by other workloads in the two hours, per start-up service (with the name they call). */
export const BACKGROUND: Record<string, { eventName: string; count: number }> = {
  'kms.amazonaws.com': { eventName: 'Decrypt', count: 240 },
  'sts.amazonaws.com': { eventName: 'AssumeRole', count: 180 },
  'ecr.amazonaws.com': { eventName: 'GetAuthorizationToken', count: 150 },
  'logs.amazonaws.com': { eventName: 'CreateLogStream', count: 90 },
  'ssm.amazonaws.com': { eventName: 'GetParameters', count: 75 },
  'secretsmanager.amazonaws.com': { eventName: 'GetSecretValue', count: 60 },
};

const TASKS = [
  { id: 'd58f1e2a7b3c4d9e8f6a5b4c3d2e1f0a', stoppedAt: '2026-11-21T13:41:46.338Z' },
  { id: '7c1e9b3a5d2f4e6a8b0c2d4e6f8a1b3c', stoppedAt: '2026-11-21T14:12:31.904Z' },
  { id: '2b4d6f8a0c1e4a3b5c7d9e1f3a5b7c9d', stoppedAt: '2026-11-21T14:47:09.117Z' },
];

function hex(seed: number, length: number): string {
  return createHash('sha256').update(`incident-${seed}`).digest('hex').slice(0, length);
}

function uuid(seed: number): string {
  const h = hex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
}

function isoSeconds(millis: number): string {
  return new Date(Math.floor(millis / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function readSampleRecords(): Json[] {
  const file = JSON.parse(readFileSync(`${SAMPLE}filter-log-events-cloudtrail.json`, 'utf8')) as {
    events: { message: string }[];
  };
  return file.events.map((event) => JSON.parse(event.message) as Json);
}

function retarget(record: Json, session: string, time: number, seed: number): Json {
  const text = JSON.stringify(record).replaceAll('d58f1e2a7b3c4d9e8f6a5b4c3d2e1f0a', session);
  const copy = JSON.parse(text) as Json;
  return { ...copy, eventTime: isoSeconds(time), eventID: uuid(seed), requestID: uuid(seed + 7) };
}

export function incidentScenario(): Scenario {
  const base = scenarioFromSample('secret-cmk');
  const [template] = base.ecs?.tasks ?? [];
  if (!template) throw new Error('samples/secret-cmk has no task');
  const tasks = TASKS.map(({ id, stoppedAt }) => {
    const stopped = Date.parse(stoppedAt) / 1000;
    const text = JSON.stringify(template).replaceAll('d58f1e2a7b3c4d9e8f6a5b4c3d2e1f0a', id);
    return {
      ...(JSON.parse(text) as Json),
      createdAt: stopped - 41,
      stoppingAt: stopped - 12,
      stoppedAt: stopped,
    };
  });
  const sample = readSampleRecords();
  const denied = sample.filter((record) => record.errorCode);
  const succeeded = sample.find((record) => !record.errorCode) ?? sample[0];
  let seed = 1;
  const records: Json[] = [];
  for (const task of TASKS) {
    const stopped = Date.parse(task.stoppedAt);
    denied.forEach((record, index) => {
      records.push(retarget(record, task.id, stopped - 32_000 + index * 1000, seed++));
    });
  }
  const start = INCIDENT_NOW.getTime() - 2 * 3600_000;
  for (const [eventSource, { eventName, count }] of Object.entries(BACKGROUND)) {
    for (let index = 0; index < count; index += 1) {
      const session = hex(seed, 32);
      const time = start + ((index + 0.5) * 2 * 3600_000) / count;
      const record = retarget(succeeded as Json, session, time, seed++);
      records.push({
        ...record,
        eventSource,
        eventName,
        requestParameters: null,
        resources: eventSource === 'kms.amazonaws.com' ? record.resources : [],
      });
    }
  }
  return { ...base, ecs: { ...base.ecs, tasks }, cloudTrailEvents: records };
}
