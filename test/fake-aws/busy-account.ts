/**
 * The typical incident (three checkout-api tasks denied kms:Decrypt, test/fake-aws/incident.ts)
 * in a busy account: about 20,000 unrelated management events an hour in the task's region,
 * from other services' task and execution roles, EC2 container instances, ECS's service-linked
 * role, a CI deployer, SSO users and IAM users, about 2% of them denials of their own; and a
 * quieter us-east-1, where IAM's events are. The records are the benchmark archive's
 * (bench/cloudtrail-archive.ts), generated from a seed, so every run sees the same account.
 */
import { accountActivity } from '../../bench/cloudtrail-archive.js';
import { INCIDENT_NOW, incidentScenario } from './incident.js';
import type { Scenario } from './server.js';
import type { Json } from './stores.js';

export const BUSY_EVENTS_PER_HOUR = 20_000;
const US_EAST_1_EVENTS_PER_HOUR = 4_000;
/** The background starts a little before the 2-hour window, so lookups meet events older than it. */
const BEFORE_WINDOW_MS = 10 * 60_000;

export interface BusyAccount {
  scenario: Scenario;
  /** Denials by principals other than checkout-api's roles, in both regions. */
  otherDenials: Json[];
}

let cached: BusyAccount | undefined;

export function busyIncidentScenario(): BusyAccount {
  if (cached) return cached;
  const base = incidentScenario();
  const incident = (base.cloudTrailEvents ?? []).filter((record) => record.errorCode);
  const start = INCIDENT_NOW.getTime() - 2 * 3600_000 - BEFORE_WINDOW_MS;
  const activity = (region: string, managementPerHour: number) =>
    accountActivity({
      seed: 'busy-account',
      region,
      start,
      end: INCIDENT_NOW.getTime(),
      managementPerHour,
      excludeApps: ['checkout-api'],
    });
  const regional = activity('eu-west-1', BUSY_EVENTS_PER_HOUR);
  const global = activity('us-east-1', US_EAST_1_EVENTS_PER_HOUR);
  cached = {
    scenario: { ...base, cloudTrailEvents: [...incident, ...regional, ...global] },
    otherDenials: [...regional, ...global].filter((record) =>
      /AccessDenied/.test(String(record.errorCode ?? '')),
    ),
  };
  return cached;
}
