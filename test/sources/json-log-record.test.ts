/**
 * A message inside a log record's JSON (Docker's json-file, FireLens's, a JSON logger's): the
 * record's own fields are not words of the message. Real messages (test/extra-cases, source in
 * the comment) in the records' documented shapes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeEvidence } from '../../src/pipeline.js';
import { textEvidence } from '../../src/sources/files/text-input.js';

const byId = new Map<string, string>(
  readFileSync(new URL('../extra-cases/cases.jsonl', import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { id: string; raw: unknown })
    .map((item): [string, string] => [item.id, String(item.raw)]),
);
const published = (id: string) => byId.get(id) ?? '';

/** Docker's json-file record (docs.docker.com, "JSON File logging driver"). */
const dockerRecord = (message: string) =>
  JSON.stringify({ log: message, stream: 'stderr', time: '2019-01-01T11:11:11.111111111Z' });
/** An app's JSON log line inside FireLens's record (ECS Developer Guide, FireLens's ECS metadata). */
const fireLensRecord = (message: string) =>
  JSON.stringify({
    source: 'stderr',
    log: JSON.stringify({ level: 'error', msg: message }),
    container_id: '5d1d6ed2b2e88e8c0b8b4b3a2f0e2c4a',
    container_name: '/ecs-app-1-app-9ae2b3c0d8e1f5a6b700',
    ecs_cluster: 'main',
    ecs_task_arn: 'arn:aws:ecs:us-east-1:111111111111:task/main/0123456789abcdef0123456789abcdef',
    ecs_task_definition: 'app:1',
  });

async function finding(text: string) {
  return (await analyzeEvidence(textEvidence(text, 'record.json'), [])).findings[0];
}

describe("a log record's own fields around the message", () => {
  // awslabs/data-on-eks#775 (eh-50): IAM's sentence ends on "on resource:" with the ARN left out.
  it("eh-50: 'stderr' and the time are not the resource after 'on resource:'", async () => {
    const [evidence] = textEvidence(dockerRecord(published('eh-50')), 'record.json');
    expect(evidence?.message).not.toMatch(/stderr|2019-01-01/);
    expect((await finding(dockerRecord(published('eh-50'))))?.resource).toBe(
      (await finding(published('eh-50')))?.resource,
    );
  });

  // SWO-GS/auto-tag#19 (x-34): Lambda's line opens with its request id; the level put before it hid that.
  it("x-34: the app's level is not put before Lambda's request id", async () => {
    const inRecord = await finding(fireLensRecord(published('x-34')));
    expect([inRecord?.role, inRecord?.step]).toEqual(['other', 'trust']);
  });
});

describe('several messages logged in one field', () => {
  const escaped = (text: string) => text.replace(/\n/g, '\\n').replace(/\t/g, '\\t');
  it.each([
    // adcreare/cloudformation#4 (eb-28): CodePipeline's "Action execution failed" heads S3's error on a line of its own.
    'eb-28',
    // Shippable/support#2950 (n-15): the CLI's throttled GetAuthorizationToken, then the tool's own "ECR get-login failed".
    // (eg-39's two lines were here: they are one stack event, its SDK tail retyped on the next line.)
    'n-15',
  ])('%s: the same messages in a JSON field and escaped in one line as published', (id) => {
    const published = textEvidence(byId.get(id) ?? '', 'pasted.txt').map((item) => item.message);
    const inField = textEvidence(dockerRecord(byId.get(id) ?? ''), 'record.json').map((item) => item.message);
    const inOneLine = textEvidence(escaped(byId.get(id) ?? ''), 'line.txt').map((item) => item.message);
    expect(published.length).toBeGreaterThan(1);
    expect(inField).toEqual(published);
    expect(inOneLine).toEqual(published);
  });
});

describe("Lambda's runtime error, a JSON object", () => {
  // aws/aws-sdk-js-v3#2778 (eb-13): errorType and errorMessage, the runtime's keys, are its sign.
  it.each([
    ['as published', (text: string) => text],
    ['lower-cased', (text: string) => text.toLowerCase()],
  ])("eb-13 %s: read as a function role's denial, as the same text escaped in one line", async (_, form) => {
    const raw = form(byId.get('eb-13') ?? '');
    const escaped = raw.replace(/\n/g, '\\n');
    const [published, inOneLine] = [await finding(raw), await finding(escaped)];
    expect([published?.role, published?.step]).toEqual(['other', 'other']);
    expect([inOneLine?.role, inOneLine?.step]).toEqual(['other', 'other']);
  });
});
