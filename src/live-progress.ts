/**
 * Live mode's progress in words, for the CLI's stderr and the terminal UI's header: which
 * source is being read and how far it has got.
 */
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
      return `CloudTrail: ${event.lookups} lookups planned (about 2 a second)`;
    case 'cloudtrail-page':
      return `CloudTrail ${event.lookup.attribute}=${event.lookup.value} page ${event.page}: ${event.calls} calls, ${event.events} events`;
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
