/**
 * Input shapes recognised by content, on real published outputs (test/fixtures/aws/SOURCES.md).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type {
  CloudTrailEvidence,
  MessageEvidence,
  TaskDefinitionEvidence,
  TaskEvidence,
} from '../../src/domain/evidence.js';
import { detectAndRead } from '../../src/sources/files/detect-format.js';
import { readFiles } from '../../src/sources/files/index.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/aws/${name}`, import.meta.url), 'utf8');
const read = (name: string) => detectAndRead(fixture(name), name);

describe('input formats, detected by content', () => {
  it('CloudTrail S3 delivery file: only records with an error become evidence', () => {
    const result = read('cloudtrail-flaws2-mixed-accessdenied-ecr.json');
    expect(result.format).toBe('cloudtrail');
    expect(result.records).toBe(6);
    expect(result.evidence).toHaveLength(4);
    const first = result.evidence[0] as CloudTrailEvidence;
    expect(first.call).toMatchObject({
      eventSource: 'logs.amazonaws.com',
      eventName: 'CreateLogStream',
      errorCode: 'AccessDenied',
      principalArn: 'arn:aws:sts::653711331788:assumed-role/level1/level1',
    });
    expect(first.origin).toEqual({
      source: 'cloudtrail-flaws2-mixed-accessdenied-ecr.json',
      pointer: 'Records[0]',
    });
  });

  it('CloudTrail records of ECS assuming task roles carry no error and are skipped', () => {
    const result = read('cloudtrail-flaws2-ecs-tasks-assumerole.json');
    expect(result).toMatchObject({ format: 'cloudtrail', records: 2, evidence: [], warnings: [] });
  });

  it('lookup-events output: the CloudTrailEvent strings are parsed', () => {
    const result = read('lookup-events-awscli-example.json');
    expect(result.format).toBe('cloudtrail-lookup-events');
    expect(result.records).toBeGreaterThan(0);
    expect(result.warnings).toEqual([]);
  });

  it('filter-log-events output of an ordinary log group: messages are log lines', () => {
    const result = read('filter-log-events-awscli-example.json');
    expect(result.format).toBe('cloudwatch-logs-events');
    expect(result.warnings).toEqual([]);
  });

  it('describe-tasks output links the task id to its task definition', () => {
    const result = read('describe-tasks-running-awscli-example.json');
    expect(result.format).toBe('ecs-describe-tasks');
    const task = result.evidence.find((item) => item.kind === 'ecs-task') as TaskEvidence;
    expect(task.taskDefinitionArn).toMatch(/^arn:aws:ecs:.*:task-definition\//);
  });

  it('a stopped task from describe-tasks and stop-task: the stopped reason is a message', () => {
    const stopped = read('describe-tasks-stopped-taskfailedtostart-ufo-docs.json');
    expect(stopped.evidence.some((item) => item.kind === 'ecs-stopped-task')).toBe(true);
    const stop = read('stop-task-stopped-awscli-example.json');
    expect(stop.format).toBe('ecs-task');
    const reason = stop.evidence.find((item) => item.kind === 'ecs-stopped-task') as MessageEvidence;
    expect(reason.context).toBe('stopped-reason');
    expect(reason.time).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('EventBridge ECS Task State Change events', () => {
    for (const name of [
      'eventbridge-task-state-change-running-awsdocs.json',
      'eventbridge-task-state-change-stopped-elb-public-readme.json',
    ]) {
      const result = read(name);
      expect(result.format).toBe('eventbridge');
      expect(result.evidence.some((item) => item.kind === 'ecs-task')).toBe(true);
    }
  });

  it('EventBridge "AWS API Call via CloudTrail": the record inside is read like any other', () => {
    const result = read('eventbridge-cloudtrail-s3-putobject-awsdocs.json');
    expect(result.format).toBe('eventbridge');
    expect(result.warnings).toEqual([]);
    // A successful call: nothing to report.
    expect(result.evidence).toEqual([]);
  });

  it('describe-services output: events become service-event messages with their times', () => {
    const result = read('describe-services-placement-failure-botocore-example.json');
    expect(result.format).toBe('ecs-describe-services');
    const event = result.evidence[0] as MessageEvidence;
    expect(event).toMatchObject({ kind: 'ecs-service-event', context: 'service-event' });
    expect(event.message).toMatch(/was unable to place a task/);
  });

  it('task definitions, described and as registered', () => {
    const described = read('describe-task-definition-botocore-example.json')
      .evidence[0] as TaskDefinitionEvidence;
    expect(described.kind).toBe('task-definition');
    expect(described.revision).not.toBeNull();
    const registered = read('task-definition-secrets-tutorial-awsdocs.json')
      .evidence[0] as TaskDefinitionEvidence;
    expect(registered.executionRoleArn).toMatch(/:role\//);
  });

  it('list-task-definitions output: the revisions that exist', () => {
    const result = read('list-task-definitions-awscli-example.json');
    expect(result).toMatchObject({ format: 'ecs-list-task-definitions', warnings: [] });
    expect(result.evidence[0]).toMatchObject({
      kind: 'task-definition-list',
      taskDefinitionArns: expect.arrayContaining([expect.stringMatching(/wordpress:6$/)]),
    });
  });

  it('a policy file among the evidence: a warning says to give it with --policies', () => {
    const result = read('policies/get-account-authorization-details-awscli-example.json');
    expect(result.format).toBe('policies');
    expect(result.warnings).toEqual([
      {
        origin: 'policies/get-account-authorization-details-awscli-example.json',
        problem: 'IAM policies, not evidence',
        expected: 'policies given with --policies, to verify the fixes',
      },
    ]);
  });

  it('an S3-layout tree of gzipped CloudTrail files is walked and read', async () => {
    const root = mkdtempSync(join(tmpdir(), 'whydenied-s3-'));
    const day = join(root, 'AWSLogs', '653711331788', 'CloudTrail', 'us-east-1', '2018', '11', '28');
    mkdirSync(day, { recursive: true });
    const name = '653711331788_CloudTrail_us-east-1_20181128T2305Z_83VTWZ8Z0kiEC7Lq.json.gz';
    writeFileSync(
      join(day, name),
      gzipSync(fixture('cloudtrail-flaws2-logs-createlogstream-accessdenied.json')),
    );
    const batches = [];
    for await (const batch of readFiles([root])) batches.push(batch);
    expect(batches).toHaveLength(1);
    expect(batches[0]).toMatchObject({ source: join(day, name), format: 'cloudtrail', warnings: [] });
    expect(batches[0]?.evidence.length).toBeGreaterThan(0);
  });
});

describe('CloudWatch Logs Insights results exported from the console (issue 11, extra cases ed-)', () => {
  // The console's JSON export is an array of rows, "@timestamp" in UTC without a zone and
  // "@message" the event: an object when the event was JSON, as in DataBiosphere/azul#6208 and
  // #6141 (a CloudTrail log group), else the line as a string. The record inside is a real one.
  const record = JSON.parse(fixture('cloudtrail-flaws2-logs-createlogstream-accessdenied.json')).Records[0];

  it('reads a CloudTrail record given as @message like any other record', () => {
    const result = detectAndRead(
      JSON.stringify([{ '@timestamp': '2018-11-28 23:03:12.000', '@message': record }], null, 4),
      'insights.json',
    );
    expect(result.warnings).toEqual([]);
    expect(result.evidence).toHaveLength(1);
    expect((result.evidence[0] as CloudTrailEvidence).call).toMatchObject({
      eventSource: 'logs.amazonaws.com',
      eventName: 'CreateLogStream',
      errorCode: 'AccessDenied',
    });
  });

  it("reads a string @message as a log line, in the row's time and stream", () => {
    // ministryofjustice/analytical-platform#6944's line, as an app's log group would hold it.
    const line =
      "smtplib.SMTPDataError: (554, b\"Access denied: User `arn:aws:iam::381491960855:user/mwaa-ses' is not authorized to perform `ses:SendRawEmail' on resource `arn:aws:ses:eu-west-2:381491960855:identity/jacob.woffenden@justice.gov.uk'\")";
    const result = detectAndRead(
      JSON.stringify([
        {
          '@timestamp': '2024-04-26 16:29:16.205',
          '@logStream': 'ecs/app/969ff5cbe4c14e75a8427065217e836e',
          '@message': line,
        },
      ]),
      'insights.json',
    );
    expect(result.warnings).toEqual([]);
    expect(result.evidence[0]).toMatchObject({
      kind: 'app-log-line',
      time: '2024-04-26T16:29:16.205Z',
      message: expect.stringContaining('ses:SendRawEmail'),
    });
  });

  it('warns about a row whose @message is neither a string nor an object', () => {
    const result = detectAndRead(
      JSON.stringify([{ '@timestamp': '2024-04-26 16:29:16.205', '@message': 42 }]),
      'x.json',
    );
    expect(result.warnings[0]).toMatchObject({ origin: 'x.json#[0]' });
  });
});

describe("a tool's own JSON report, an array of objects of no known shape (issue 11, fe-10)", () => {
  // keydra's output (Athena-Home-Loans/keydra#28): its message is in "msg".
  const keydra = JSON.stringify([
    {
      status: 'fail',
      msg: 'Failed to read keydra/github from Secrets Manager: An error occurred (AccessDeniedException) when calling the GetSecretValue operation: User: arn:aws:sts::123456789012:assumed-role/batch-keydra/keydra is not authorized to perform: secretsmanager:GetSecretValue on resource: keydra/github',
    },
  ]);

  it('is read as text: its message is evidence, with no warning', () => {
    const result = detectAndRead(keydra, 'keydra.json');
    expect(result.warnings).toEqual([]);
    expect(result.evidence).toHaveLength(1);
    expect(result.evidence[0]).toMatchObject({
      kind: 'app-log-line',
      message: expect.stringContaining('assumed-role/batch-keydra/keydra is not authorized'),
    });
  });

  it('names each element it could not read when its text holds no message either', () => {
    const result = detectAndRead(JSON.stringify([{ status: 'ok' }, { status: 'ok' }]), 'x.json');
    expect(result.evidence).toEqual([]);
    expect(result.warnings.map((warning) => warning.origin)).toEqual(['x.json#[0]', 'x.json#[1]']);
  });
});
