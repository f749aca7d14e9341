/** Live progress in words: Athena's cost line honours its 10 MB minimum instead of reading $0.0000. */
import { describe, expect, it } from 'vitest';
import { describeLiveProgress, formatUsd } from '../../src/live-progress.js';
import { estimatedCostUsd } from '../../src/sources/athena.js';

describe("Athena's cost line", () => {
  it('a query that scanned less than 10 MB is billed as 10 MB, and says so', () => {
    const line = describeLiveProgress({
      type: 'athena-done',
      queryId: 'q-1',
      rows: 3,
      scannedBytes: 2048,
      estimatedCostUsd: estimatedCostUsd(2048),
    });
    expect(line).toBe(
      'Athena query q-1: 3 rows, 2.0 KB scanned, about $0.000048 (at $5/TB, billed as the 10 MB minimum)',
    );
    expect(line).not.toContain('$0.0000 ');
  });

  it('cents and dollars read as money', () => {
    expect(formatUsd(estimatedCostUsd(1.3 * 1024 ** 3))).toBe('$0.0063');
    expect(formatUsd(estimatedCostUsd(200 * 1024 ** 3))).toBe('$0.98');
    expect(formatUsd(12.5)).toBe('$12.50');
  });
});

describe("Athena's start line", () => {
  it('names the layout it pinned, and says so when it reads the whole trail', () => {
    expect(
      describeLiveProgress({
        type: 'athena-started',
        queryId: 'q-2',
        days: 2,
        layout: "partitioned by timestamp ('yyyy/MM/dd')",
        fullScan: false,
      }),
    ).toBe("Athena query q-2 started (2 day partition(s); table partitioned by timestamp ('yyyy/MM/dd'))");
    expect(
      describeLiveProgress({
        type: 'athena-started',
        queryId: 'q-3',
        days: 0,
        layout: 'the table has no partitions',
        fullScan: true,
      }),
    ).toBe('Athena query q-3 started over the whole trail (--athena-full-scan; the table has no partitions)');
  });
});
