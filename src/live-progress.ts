/**
 * Live mode's progress in words, for the CLI's stderr and the terminal UI's header: which
 * source is being read and how far it has got.
 */
import type { OtherDenial } from './domain/scope.js';
import type { LiveProgress } from './live.js';
import { MIN_BILLED_BYTES, USD_PER_TB } from './sources/athena-query.js';

/** Two significant digits below a cent, so the 10 MB minimum ($0.000048) does not read as $0.0000. */
export function formatUsd(usd: number): string {
  if (usd >= 0.01) return `$${usd.toFixed(2)}`;
  return `$${usd.toPrecision(2)}`;
}

export function describeLiveProgress(event: LiveProgress): string {
  switch (event.type) {
    case 'ecs-call':
      return `ECS ${event.operation}: ${event.items}`;
    case 'cloudtrail-plan':
      return event.purpose === 'sessions'
        ? `CloudTrail: ${event.lookups} task session lookup(s) planned, at most ${event.budget.pagesPerLookup} pages each and ${event.budget.calls} LookupEvents calls in all (about 2 a second)`
        : event.purpose === 'role-sessions'
          ? `CloudTrail: ${event.lookups} role(s) no known task uses: their AssumeRole events looked up to find their sessions`
          : event.purpose === 'resource-changes'
            ? `CloudTrail: ${event.lookups} lookup(s) of the policy changes of the keys, repositories or buckets whose own policy refused a call`
            : `CloudTrail: ${event.lookups} lookup(s) of the denied roles' policy changes planned in us-east-1`;
    case 'cloudtrail-page':
      return `CloudTrail ${event.lookup.attribute}=${event.lookup.value}${event.region ? ` in ${event.region}` : ''} page ${event.page} of at most ${event.maxPages}: ${event.calls}${Number.isFinite(event.maxCalls) ? ` of ${event.maxCalls}` : ''} calls, ${event.events} events${event.skipped ? `; ${event.skipped} lookup(s) cut by the budget so far` : ''}`;
    case 'cloudtrail-skipped':
      return event.reason === 'page-budget'
        ? `CloudTrail ${event.lookups.map((lookup) => `${lookup.attribute}=${lookup.value}`).join(', ')}${event.region ? ` in ${event.region}` : ''}: page budget (${event.maxPages}) reached; skipped the window before ${event.readBackTo ?? 'its last page'}`
        : `CloudTrail: call budget (${event.maxCalls}) spent; skipped ${event.lookups.length} lookup(s)${event.region ? ` in ${event.region}` : ''}: ${event.lookups
            .slice(0, 3)
            .map((lookup) => `${lookup.attribute}=${lookup.value}`)
            .join(', ')}${event.lookups.length > 3 ? ` and ${event.lookups.length - 3} more` : ''}`;
    case 'file-read':
      return `read ${event.source}: ${event.evidence} evidence`;
    case 'analysing':
      return `analysing ${event.evidence} evidence`;
    case 'athena-started':
      return event.fullScan
        ? `Athena query ${event.queryId} started over the whole trail (--athena-full-scan; ${event.layout})`
        : `Athena query ${event.queryId} started (${event.days} day partition(s); table ${event.layout})`;
    case 'athena-state':
      return `Athena query ${event.queryId}: ${event.state}`;
    case 'athena-done':
      return `Athena query ${event.queryId}: ${event.rows} rows, ${formatBytes(event.scannedBytes)} scanned, about ${formatUsd(event.estimatedCostUsd)} (at $${USD_PER_TB}/TB${event.scannedBytes < MIN_BILLED_BYTES ? ', billed as the 10 MB minimum' : ''})`;
    case 'insights-started':
      return `Logs Insights query ${event.queryId} on ${event.group} started`;
    case 'insights-done':
      return `Logs Insights query ${event.queryId}: ${event.rows} rows, ${formatBytes(event.bytesScanned)} scanned`;
    case 'container-logs':
      return `container logs ${event.group}: ${event.events} matching events in ${event.pages} page(s)`;
  }
}

/** How many other principals' denials are listed after the count; the rest are counted only. */
const OTHER_DENIALS_SHOWN = 10;

/** The denials of principals outside the run's scope, apart from the findings. */
export function describeOtherDenials(others: OtherDenial[]): string[] {
  if (others.length === 0) return [];
  const principals = new Set(others.map((other) => other.principalArn)).size;
  const total = others.reduce((sum, other) => sum + other.count, 0);
  const lines = [
    `other principals' denials in the window (not findings of this run): ${total} by ${principals} principal(s)`,
    ...others
      .slice(0, OTHER_DENIALS_SHOWN)
      .map(
        (other) =>
          `  ${other.principalArn}: ${other.call} ${other.errorCode ?? ''} x${other.count}${other.lastSeen ? `, last ${other.lastSeen}` : ''}`,
      ),
  ];
  if (others.length > OTHER_DENIALS_SHOWN) lines.push(`  and ${others.length - OTHER_DENIALS_SHOWN} more`);
  return lines;
}

function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}
