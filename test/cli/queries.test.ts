/** `whydenied queries`: the DDL filled in, the denial query as it would be sent, the Lake query. */
import { describe, expect, it } from 'vitest';
import { runCli as run } from '../run-cli.js';

describe('whydenied queries', () => {
  it('athena-ddl for an organization trail, with accounts as an enum', async () => {
    const { code, stdout } = await run([
      'queries',
      'athena-ddl',
      '--bucket',
      'my-trail-bucket',
      '--org',
      'o-abc123defg',
      '--account',
      '111122223333,444455556666',
      '--database',
      'security',
      '--table',
      'trail',
      '--regions',
      'eu-west-1,us-east-1',
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^CREATE EXTERNAL TABLE IF NOT EXISTS security\.trail \(/);
    expect(stdout).toContain("'projection.account.values' = '111122223333,444455556666'");
    expect(stdout).toContain("'projection.region.values' = 'eu-west-1,us-east-1'");
    expect(stdout).toContain("'projection.day.format' = 'yyyy/MM/dd'");
    expect(stdout).toContain("STORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'");
    expect(stdout.trimEnd().endsWith(');')).toBe(true);
  });

  it('athena-ddl refuses a bucket that is not one, with exit 2', async () => {
    const { code, stderr } = await run([
      'queries',
      'athena-ddl',
      '--bucket',
      "b' OR 1=1",
      '--account',
      '111122223333',
    ]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--bucket "b' OR 1=1": expected an S3 bucket name/);
  });

  it('athena-denials shows the query with its bound parameters', async () => {
    const { code, stdout } = await run([
      'queries',
      'athena-denials',
      '--since',
      '2h',
      '--role-arn',
      'arn:aws:iam::111122223333:role/orders-task',
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/"day" >= '\d{4}\/\d\d\/\d\d' AND "day" <= '\d{4}\/\d\d\/\d\d'/);
    expect(stdout).toMatch(
      /-- ExecutionParameters, in order: '.+T00:00:00Z' '.+Z' '.+Z' 'arn:aws:iam::111122223333:role\/orders-task'/,
    );
    // The policy writes are selected too, from the first day the window reads.
    expect(stdout).toContain('errorcode IS NULL');
    expect(stdout).toContain("'UpdateAssumeRolePolicy'");
  });

  it('athena-denials --iam-lookback pins the week before the window too', async () => {
    const { code, stdout } = await run(['queries', 'athena-denials', '--since', '2h', '--iam-lookback']);
    expect(code).toBe(0);
    const [first = '', last = ''] =
      /"day" >= '([\d/]+)' AND "day" <= '([\d/]+)'/.exec(stdout)?.slice(1) ?? [];
    const days =
      (Date.parse(last.replaceAll('/', '-')) - Date.parse(first.replaceAll('/', '-'))) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(7);
  });

  it('logs-insights prints the denials query, then the policy writes query', async () => {
    const { code, stdout } = await run(['queries', 'logs-insights']);
    expect(code).toBe(0);
    const denials = stdout.indexOf('filter errorCode in [');
    const writes = stdout.indexOf('filter not ispresent(errorCode)');
    expect(denials).toBeGreaterThan(-1);
    expect(writes).toBeGreaterThan(denials);
    expect(stdout).toContain('"UpdateAssumeRolePolicy"');
  });

  it('cloudtrail-lake prints the Lake query with its placeholder', async () => {
    const { code, stdout } = await run(['queries', 'cloudtrail-lake']);
    expect(code).toBe(0);
    expect(stdout).toContain('FROM <event-data-store-id>');
    expect(stdout).toContain("errorCode IN ('AccessDenied'");
  });
});
