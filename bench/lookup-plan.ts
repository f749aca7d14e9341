/**
 * What a live run's CloudTrail LookupEvents plan costs in a busy account: the typical 3-task,
 * 2-hour incident (test/fake-aws/incident.ts) among ~20,000 unrelated events an hour
 * (test/fake-aws/busy-account.ts), against the project's AWS fake with CloudTrail's limit of
 * 2 LookupEvents a second per account and region enforced, and the SDK's standard retry.
 * Prints the calls, throttles, wall time, and whose denials came out as findings.
 *
 *   npx tsx bench/lookup-plan.ts                 # this tree
 *   WHYDENIED_TREE=/work/main npx tsx bench/lookup-plan.ts   # another checkout's src, for a before/after
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { busyIncidentScenario } from '../test/fake-aws/busy-account.js';
import { INCIDENT_NOW } from '../test/fake-aws/incident.js';
import { startFakeAws } from '../test/fake-aws/server.js';

const tree = resolve(process.env.WHYDENIED_TREE ?? new URL('..', import.meta.url).pathname);
const load = (path: string) => import(pathToFileURL(`${tree}/src/${path}`).href);

const { analyzeLive } = await load('live.ts');
const { createClients } = await load('aws/clients.ts');

const generated = performance.now();
const { scenario, otherDenials } = busyIncidentScenario();
const records = scenario.cloudTrailEvents?.length ?? 0;
console.log(
  `busy account: ${records} CloudTrail events (${otherDenials.length} denials of other principals), generated in ${((performance.now() - generated) / 1000).toFixed(1)} s`,
);

const fake = await startFakeAws(scenario, { lookupEventsPerSecond: 2 });
const clients = createClients({
  endpointUrl: fake.url,
  region: 'eu-west-1',
  credentials: { accessKeyId: 'AKIAFAKEFAKEFAKEFAKE', secretAccessKey: 'fake-secret' },
  retryMode: 'standard',
});
let lastProgress = '';
const started = performance.now();
const { analysis, partial } = await analyzeLive(
  { verifyWithIam: false, clients, cluster: 'prod', since: '2h', now: INCIDENT_NOW, containerLogs: false },
  {
    onProgress: (event: { type: string }) => {
      if (event.type.startsWith('cloudtrail')) lastProgress = JSON.stringify(event).slice(0, 200);
    },
  },
);
const seconds = (performance.now() - started) / 1000;
clients.destroy();
await fake.close();

const lookups = fake.callsTo('CloudTrail.LookupEvents');
const throttled = lookups.filter((call) => call.status !== 200).length;
const byRegion = Object.entries(
  lookups.reduce<Record<string, number>>((counts, call) => {
    counts[call.region] = (counts[call.region] ?? 0) + 1;
    return counts;
  }, {}),
)
  .map(([region, count]) => `${region} ${count}`)
  .join(', ');
const findings = analysis.findings as { principalArn: string | null; action: string | null; count: number }[];
const ours = (finding: { principalArn: string | null }) =>
  /assumed-role\/checkout-api-(execution|task)-role\//.test(finding.principalArn ?? '');
const others = findings.filter((finding) => finding.principalArn && !ours(finding));
console.log(`tree: ${tree}`);
console.log(
  `LookupEvents: ${lookups.length} calls (${throttled} throttled; ${byRegion}), wall time ${seconds.toFixed(1)} s`,
);
console.log(
  `findings: ${findings.length}; checkout-api's: ${findings
    .filter(ours)
    .map((finding) => `${finding.action} x${finding.count}`)
    .join(
      ', ',
    )}; other principals' findings: ${others.length} (${new Set(others.map((f) => f.principalArn)).size} principals)`,
);
console.log(`last CloudTrail progress: ${lastProgress}`);
for (const line of partial) console.log(`partial: ${line}`);
