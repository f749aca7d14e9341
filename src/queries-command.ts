/**
 * `whydenied queries`: the texts whydenied sends to Athena, CloudTrail Lake and Logs
 * Insights, printed so a user can create the table, review the query, or run it elsewhere.
 */
import type { Command } from 'commander';
import { parseSince } from './live-options.js';
import { QueryInputError, renderDdl, renderDenialQuery, writesSince } from './sources/athena-query.js';
import { queryFile } from './sources/query-text.js';

interface Io {
  stdout: (text: string) => void;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').filter(Boolean)];
}

export function queriesCommand(root: Command, io: Io, result: { code: number }): void {
  const queries = root
    .command('queries')
    .description('print the Athena, CloudTrail Lake and Logs Insights texts whydenied uses');
  queries
    .command('athena-ddl')
    .description('the CREATE EXTERNAL TABLE for your CloudTrail bucket, with partition projection')
    .requiredOption('--bucket <name>', 'the S3 bucket the trail writes to')
    .option('--org <id>', 'an organization trail (AWSLogs/<org-id>/<account>/...)')
    .option('--account <id>', 'an account whose logs to read, repeatable (required without --org)', collect)
    .option('--database <name>', 'the Glue database', 'default')
    .option('--table <name>', 'the table name', 'cloudtrail_logs')
    .option('--regions <list>', 'the regions to project, comma-separated (default: the commercial regions)')
    .option('--start-day <yyyy/MM/dd>', 'the first day partition projection knows', '2020/01/01')
    .action(
      (options: {
        bucket: string;
        org?: string;
        account?: string[];
        database: string;
        table: string;
        regions?: string;
        startDay: string;
      }) => {
        io.stdout(
          renderDdl({
            bucket: options.bucket,
            org: options.org,
            accounts: options.account,
            database: options.database,
            table: options.table,
            regions: options.regions?.split(',').filter(Boolean),
            startDay: options.startDay,
          }),
        );
        result.code = 0;
      },
    );
  queries
    .command('athena-denials')
    .description('the denial query whydenied would send for a window (values shown as bound parameters)')
    .option('--table <name>', 'the table (or database.table)', 'cloudtrail_logs')
    .option('--since <duration>', 'the window (30m, 2h, 1d, 7d)', '2h')
    .option('--account <id>', 'an account, repeatable', collect)
    .option('--region <region>', 'a region, repeatable', collect)
    .option('--role-arn <arn>', 'a role, repeatable', collect)
    .option(
      '--iam-lookback',
      'select the policy writes of the week before the window too (as whydenied --iam-lookback)',
    )
    .action(
      (options: {
        table: string;
        since: string;
        account?: string[];
        region?: string[];
        roleArn?: string[];
        iamLookback?: boolean;
      }) => {
        const end = new Date();
        const start = parseSince(options.since, end);
        if (!start)
          throw new QueryInputError(`--since ${options.since}: expected a duration such as 2h or 7d`);
        const rendered = renderDenialQuery({
          table: options.table,
          window: { start, end },
          accounts: options.account,
          regions: options.region,
          roleArns: options.roleArn,
          writesSince: writesSince({ start, end }, options.iamLookback === true),
        });
        io.stdout(
          `${rendered.queryString}\n-- ExecutionParameters, in order: ${rendered.executionParameters.join(' ')}\n`,
        );
        result.code = 0;
      },
    );
  queries
    .command('logs-insights')
    .description(
      'the Logs Insights queries for the log group CloudTrail delivers to (--logs-group): denials, then policy writes',
    )
    .action(() => {
      io.stdout(queryFile('cloudwatch-logs/cloudtrail-denials.insights'));
      io.stdout(`\n${queryFile('cloudwatch-logs/cloudtrail-policy-writes.insights')}`);
      result.code = 0;
    });
  queries
    .command('cloudtrail-lake')
    .description('the equivalent denial query for a CloudTrail Lake event data store')
    .action(() => {
      io.stdout(queryFile('cloudtrail-lake/denials.sql'));
      result.code = 0;
    });
}
