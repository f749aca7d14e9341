/**
 * Issue 11: a pasted error always gets an answer. Every line of an input that reads as an error
 * (error, exception, denied, forbidden, failed, unable, not authorized) ends up in a finding's
 * evidence, in a look-alike, or in a note that says it was read and not recognised.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type AnsweredOutput,
  errorLookingCount,
  unansweredLines,
  unansweredStrings,
} from '../answered-lines.js';
import { runCli } from '../run-cli.js';

const TASK = '5b8e0d2c4a6f48e19c3b7d5f1a2e4c6b';
const STREAM = `ecs/api/${TASK}`;
const READS_AS_ERROR = /\b(?:error|exception|denied|forbidden|failed|unable|not authori[sz]ed)\b/i;

/** An app's `aws logs tail` output: requests, its own errors, SDK denials, a throttled call, noise. */
function appLog(minutes: number): string[] {
  const lines: string[] = [];
  for (let minute = 0; minute < minutes; minute += 1) {
    const at = (second: number) =>
      `2026-11-21T10:${String(minute).padStart(2, '0')}:${String(second).padStart(2, '0')}.000000+00:00 ${STREAM}`;
    lines.push(`${at(1)} 10.0.1.12:51820 - "GET /health HTTP/1.1" 200`);
    lines.push(`${at(2)} [2026-11-21 10:${minute}:02,000] INFO uvicorn.error: request handled`);
    // The app's own words, then the SDK's error (botocore, as app-08 of the corpus).
    lines.push(
      `${at(5)} [2026-11-21 10:${minute}:05,318] ERROR orders.labels: could not store label ${minute}`,
    );
    lines.push(
      `${at(5)} botocore.exceptions.ClientError: An error occurred (AccessDenied) when calling the PutObject operation: Access Denied`,
    );
    if (minute % 3 === 0) {
      lines.push(
        `${at(20)} An error occurred (ThrottlingException) when calling the GetParameters operation (reached max retries: 4): Rate exceeded`,
      );
    }
    if (minute % 4 === 0)
      lines.push(`${at(40)} ERROR orders.pricing: price list ${minute} failed validation`);
    if (minute % 5 === 0)
      lines.push(`${at(50)} worker ${minute} unable to reach the pricing cache, retrying`);
  }
  return lines;
}

describe('every error-looking line is answered', () => {
  it('as a finding, a look-alike or a note, over an hour of an app log', async () => {
    const lines = appLog(60);
    const folder = mkdtempSync(join(tmpdir(), 'whydenied-answered-'));
    const file = join(folder, 'logs-tail-api.txt');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const output = JSON.parse((await runCli(['analyze', file, '--format', 'json'])).stdout) as {
      findings: { evidence: { origin: string }[]; evidenceOrigins?: string[]; count: number }[];
      notPermission: { message: string; kind: string; origin: string }[];
    };
    // Cited in the evidence, or, past the first and last ten, in the lines its origins name.
    const cited = new Set(output.findings.flatMap((finding) => finding.evidence.map((item) => item.origin)));
    for (const finding of output.findings) {
      for (const origin of finding.evidenceOrigins ?? []) {
        const [, path, ranges] = /^(.*):([\d,-]+)$/.exec(origin) ?? [];
        for (const range of ranges?.split(',') ?? []) {
          const [start, end = start] = range.split('-').map(Number);
          for (let line = start as number; line <= (end as number); line += 1) cited.add(`${path}:${line}`);
        }
      }
    }
    const noted = output.notPermission.map((item) => item.message);
    const unanswered = lines
      .map((line, index) => ({ line, origin: `${file}:${index + 1}` }))
      .filter(({ line }) => READS_AS_ERROR.test(line.slice(line.indexOf(STREAM) + STREAM.length)))
      .filter(({ line }) => !/ INFO /.test(line))
      .filter(({ line, origin }) => !cited.has(origin) && !noted.some((message) => line.endsWith(message)));
    expect(unanswered).toEqual([]);
    // The app's own words beside a denial are cited by it, not noted apart; the others are notes.
    // 15 failed validations and 12 unreachable caches, each its own line; one throttled call, 20 times.
    expect(output.notPermission.map((item) => item.kind).sort()).toEqual([
      'throttling',
      ...Array(15 + 12).fill('unrecognised'),
    ]);
    expect(output.findings).toHaveLength(1);
    expect(output.findings[0]?.count).toBe(60);
    // The first and last ten denials, each with the app's line beside it; --all-evidence cites all.
    expect(output.findings[0]?.evidence).toHaveLength(40);
    const all = JSON.parse((await runCli(['analyze', file, '--format', 'json', '--all-evidence'])).stdout);
    expect(all.findings[0]?.evidence).toHaveLength(120);
  });

  it("in CloudTrail too, one entry per API and error code, with its count, a task's own apart", async () => {
    // The CloudTrail user guide's "Error Code and Message Log Example" (extra case r-21), from many callers.
    const record = (index: number, principal: string) => ({
      eventVersion: '1.08',
      userIdentity: { type: 'AssumedRole', arn: principal, accountId: '123456789012' },
      eventTime: `2026-11-21T10:${String(Math.floor(index / 60) % 60).padStart(2, '0')}:${String(index % 60).padStart(2, '0')}Z`,
      eventSource: 'cloudtrail.amazonaws.com',
      eventName: 'UpdateTrail',
      awsRegion: 'us-east-2',
      errorCode: 'TrailNotFoundException',
      errorMessage: `Unknown trail: myTrail${index} for the user: 123456789012`,
      requestID: `5d40662a-49f7-11e6-97e4-${String(index).padStart(12, '0')}`,
    });
    const records = Array.from({ length: 300 }, (_, index) =>
      record(index, `arn:aws:sts::123456789012:assumed-role/ops-${index % 7}/session-${index}`),
    );
    records.push(record(300, `arn:aws:sts::123456789012:assumed-role/orders-task-role/${TASK}`));
    const file = join(mkdtempSync(join(tmpdir(), 'whydenied-answered-')), 'trail.json');
    writeFileSync(file, JSON.stringify({ Records: records }));
    const output = JSON.parse((await runCli(['analyze', file, '--format', 'json'])).stdout) as {
      findings: unknown[];
      notPermission: { message: string; count: number }[];
    };
    expect(output.findings).toEqual([]);
    expect(output.notPermission.map((item) => item.count).sort((a, b) => a - b)).toEqual([1, 300]);
    expect(output.notPermission[0]?.message).toMatch(
      /^cloudtrail\.amazonaws\.com UpdateTrail: TrailNotFoundException: Unknown trail/,
    );
  });
});

/** The real cases of the corpus and the extra cases, each as a user would save it. */
function realCases(): { id: string; kind: string; raw: unknown }[] {
  return ['../corpus/cases.jsonl', '../extra-cases/cases.jsonl'].flatMap((path) =>
    readFileSync(new URL(path, import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line)),
  );
}

async function analysed(path: string): Promise<AnsweredOutput> {
  return JSON.parse((await runCli(['analyze', path, '--format', 'json'])).stdout);
}

/** A pasted JSON document (an event, a describe-tasks output), read by its strings. */
function jsonDocument(text: string): unknown | undefined {
  if (!/^\s*[[{]/.test(text)) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A sample's inputs whose text can be checked: JSON read as strings, text as lines. */
function sampleInputs(folder: string): { path: string; json: unknown | undefined; text: string }[] {
  return readdirSync(folder)
    .filter((name) => name !== 'expected.json' && /\.(?:json|txt|log)$/.test(name))
    .map((name) => {
      const path = join(folder, name);
      const text = readFileSync(path, 'utf8');
      return { path, json: jsonDocument(text), text };
    });
}

describe('every error-looking line of every real case and sample is answered', () => {
  const folder = mkdtempSync(join(tmpdir(), 'whydenied-answered-cases-'));

  it('in the corpus and the extra cases', async () => {
    const unanswered: string[] = [];
    let checked = 0;
    for (const item of realCases()) {
      const path = join(folder, `${item.id}.input`);
      if (item.kind === 'cloudtrail-record') {
        writeFileSync(path, JSON.stringify({ Records: [item.raw] }));
        unanswered.push(...unansweredStrings(item.id, item.raw, await analysed(path)));
      } else {
        const text = String(item.raw);
        writeFileSync(path, text);
        const json = jsonDocument(text);
        checked += errorLookingCount(text, json);
        unanswered.push(
          ...(json === undefined
            ? unansweredLines(path, text, await analysed(path))
            : unansweredStrings(path, json, await analysed(path))),
        );
      }
    }
    expect(unanswered).toEqual([]);
    expect(checked).toBeGreaterThan(300);
  });

  it('in the bundled samples', async () => {
    const samples = new URL('../../samples/', import.meta.url).pathname;
    const unanswered: string[] = [];
    let checked = 0;
    for (const name of readdirSync(samples)) {
      const sample = join(samples, name);
      if (!statSync(sample).isDirectory()) continue;
      const output = await analysed(sample);
      for (const input of sampleInputs(sample)) {
        checked += errorLookingCount(input.text, input.json);
        unanswered.push(
          ...(input.json === undefined
            ? unansweredLines(input.path, input.text, output)
            : unansweredStrings(input.path, input.json, output)),
        );
      }
    }
    expect(unanswered).toEqual([]);
    expect(checked).toBeGreaterThan(10);
  });

  it('and the check finds the line an output left unanswered (planted)', () => {
    // A real paste (Shippable/support#4234, extra case ec-08) with whydenied's output for it,
    // less the look-alike it gave for the agent's error line.
    const planted = new URL('../guards/planted-unanswered/', import.meta.url).pathname;
    const input = join(planted, 'agent.log');
    const output = JSON.parse(readFileSync(join(planted, 'output.json'), 'utf8')) as AnsweredOutput;
    const unanswered = unansweredLines(input, readFileSync(input, 'utf8'), output);
    expect(unanswered).toHaveLength(1);
    expect(unanswered[0]).toMatch(/:1: .*Error while pulling container deploy-ecs-basic-image/);
  });
});
