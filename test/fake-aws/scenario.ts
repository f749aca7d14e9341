/**
 * Scenarios for the fake: a folder of recorded responses, or a sample folder of CLI outputs
 * served as the API would serve them. The CLI prints ISO times; the API's JSON carries epoch
 * seconds, so recorded CLI outputs are turned back into the wire shape here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FakeRoute, Scenario } from './server.js';
import type { Json } from './stores.js';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

/** The API wire shape of a CLI output: ISO timestamps back to epoch seconds. */
export function toApiShape<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => toApiShape(item)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        typeof item === 'string' && ISO.test(item) && /(At|Time|Date)$/.test(key)
          ? Date.parse(item) / 1000
          : toApiShape(item),
      ]),
    ) as T;
  }
  return value;
}

function readJson(path: string): Json {
  return JSON.parse(readFileSync(path, 'utf8')) as Json;
}

const list = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);

/**
 * A folder of responses: `routes*.json` (a route or a list of routes, with their pagination
 * tokens), `describe-*.json` outputs for the ECS store, and `cloudtrail-events.json`
 * (CloudTrail records for LookupEvents).
 */
export function loadScenario(dir: string): Scenario {
  const routes: FakeRoute[] = [];
  const services: Json[] = [];
  const tasks: Json[] = [];
  const taskDefinitions: Json[] = [];
  const cloudTrailEvents: Json[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.json') || name === 'expected.json') continue;
    const content = readJson(join(dir, name));
    if (name.startsWith('routes')) {
      const found = Array.isArray(content) ? content : [content];
      routes.push(...(found as FakeRoute[]).map((route) => ({ ...route, response: route.response })));
    } else if (name === 'cloudtrail-events.json') {
      cloudTrailEvents.push(...list(Array.isArray(content) ? content : content.Records));
    } else {
      const api = toApiShape(content);
      services.push(...list(api.services));
      tasks.push(...list(api.tasks));
      if (api.taskDefinition) taskDefinitions.push(api.taskDefinition as Json);
    }
  }
  return { routes, ecs: { services, tasks, taskDefinitions }, cloudTrailEvents };
}

/** A bundled sample served live: the same recorded outputs the offline analysis reads. */
export function scenarioFromSample(name: string): Scenario {
  return loadScenario(new URL(`../../samples/${name}/`, import.meta.url).pathname);
}

/**
 * The live options that read samples/ssm-parameter as the fake serves it: the cluster and
 * service of its evidence, a window ending 20 minutes after its denials, lookups unthrottled.
 */
export const SSM_PARAMETER_LIVE = {
  cluster: 'prod',
  service: 'orders-api',
  since: '2h',
  now: new Date('2026-11-21T10:30:00Z'),
  lookupsPerSecond: 20,
} as const;
