/**
 * The folded analysis (evidence observed batch by batch, denials kept as classes with a bounded
 * sample) equals the analysis of every piece at once that it replaced (batch-analysis-oracle.ts),
 * on the samples, on every corpus case and on a generated CloudTrail archive with thousands of
 * denials, task definitions and deployments interleaved.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateArchive } from '../../bench/cloudtrail-archive.js';
import { analyzeFold } from '../../src/analyze-fold.js';
import type { Analysis, Finding } from '../../src/domain/analysis.js';
import { AnalysisFold } from '../../src/domain/analysis-fold.js';
import type { Evidence, InputWarning } from '../../src/domain/evidence.js';
import { readFiles } from '../../src/sources/files/index.js';
import { corpusCases, corpusMessage } from '../corpus-cases.js';
import { batchAnalysis } from './batch-analysis-oracle.js';

const directory = mkdtempSync(join(tmpdir(), 'whydenied-fold-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

interface Batches {
  batches: { evidence: Evidence[]; warnings: InputWarning[] }[];
}

async function batchesOf(paths: string[]): Promise<Batches> {
  const batches: Batches['batches'] = [];
  for await (const batch of readFiles(paths))
    batches.push({ evidence: batch.evidence, warnings: batch.warnings });
  return { batches };
}

async function folded({ batches }: Batches, evidenceSample: number | 'all'): Promise<Analysis> {
  const fold = new AnalysisFold({ evidenceSample });
  for (const batch of batches) fold.add(batch.evidence, batch.warnings);
  return analyzeFold(fold);
}

function oracle({ batches }: Batches): Promise<Analysis> {
  return batchAnalysis(
    batches.flatMap((batch) => batch.evidence),
    batches.flatMap((batch) => batch.warnings),
  );
}

/** A finding without what the sample changes: its evidence list. */
function withoutEvidence({ evidence: _e, evidenceOmitted: _o, evidenceOrigins: _r, ...rest }: Finding) {
  return rest;
}

/** The compacted origins (`file#Records[3-7,12]`, `file:10-14`) name this one. */
function covers(described: string[], origin: string): boolean {
  const split = (text: string, digits: string) =>
    new RegExp(`^(.*#.*\\[)(${digits})(\\][^[]*)$|^([^#]*:)(${digits})()$`).exec(text);
  const piece = split(origin, '\\d+');
  if (!piece) return described.includes(origin);
  const [before, at, after] = [piece[1] ?? piece[4], Number(piece[2] ?? piece[5]), piece[3] ?? piece[6]];
  return described.some((entry) => {
    const range = split(entry, '[\\d,-]+');
    if (!range || (range[1] ?? range[4]) !== before || (range[3] ?? range[6]) !== after) return false;
    return (range[2] ?? range[5] ?? '').split(',').some((part) => {
      const [start, end = start] = part.split('-').map(Number);
      return at >= (start as number) && at <= (end as number);
    });
  });
}

/** Sampled at `size`: every field as the oracle's, and the evidence its first and last `size` denials. */
function expectSampled(actual: Analysis, expected: Analysis, size: number) {
  expect(actual.findings.map(withoutEvidence)).toEqual(expected.findings.map(withoutEvidence));
  expect(actual.timeline).toEqual(expected.timeline);
  expect(actual.notPermission).toEqual(expected.notPermission);
  expect(actual.stats).toEqual(expected.stats);
  actual.findings.forEach((finding, index) => {
    const whole = expected.findings[index] as Finding;
    if (whole.count <= 2 * size) {
      expect(finding.evidence).toEqual(whole.evidence);
      expect(finding.evidenceOmitted).toBeUndefined();
      return;
    }
    const denials = whole.evidence.slice(0, whole.count);
    const cited = finding.evidence.slice(0, 2 * size);
    expect(cited).toEqual([...denials.slice(0, size), ...denials.slice(-size)]);
    expect(finding.evidenceOmitted).toBe(whole.count - 2 * size);
    for (const piece of denials) expect(covers(finding.evidenceOrigins ?? [], piece.origin)).toBe(true);
  });
}

describe('the folded analysis equals the analysis of every piece at once', () => {
  it('on the samples, batch by batch, with every piece kept and with a sample of 1', async () => {
    const input = await batchesOf(['samples']);
    const expected = await oracle(input);
    expect(expected.findings.length).toBeGreaterThan(10);
    expect(await folded(input, 'all')).toEqual(expected);
    expectSampled(await folded(input, 1), expected, 1);
  });

  it('on every corpus case, each saved as a user would, read as one set of inputs', async () => {
    const cases = join(directory, 'cases');
    rmSync(cases, { recursive: true, force: true });
    mkdirSync(cases);
    for (const item of corpusCases()) {
      writeFileSync(
        join(cases, `${item.id}.input`),
        item.kind === 'cloudtrail-record' ? JSON.stringify({ Records: [item.raw] }) : String(item.raw),
      );
    }
    const input = await batchesOf([cases]);
    const expected = await oracle(input);
    expect(expected.findings.length).toBeGreaterThan(50);
    expect(await folded(input, 'all')).toEqual(expected);
    expectSampled(await folded(input, 2), expected, 2);
  });

  describe('on a generated CloudTrail archive', () => {
    const archive = join(directory, 'archive');
    let input: Batches;
    let expected: Analysis;
    beforeAll(async () => {
      await generateArchive({ root: archive, targetBytes: 20_000_000, seed: 'fold-test' });
      input = await batchesOf([archive]);
      expected = await oracle(input);
    });

    it('has findings seen hundreds of times, among task definitions and deployments', () => {
      expect(expected.stats.evidence['task-definition']).toBeGreaterThan(0);
      expect(expected.stats.evidence['ecs-deployment']).toBeGreaterThan(0);
      expect(Math.max(...expected.findings.map((finding) => finding.count))).toBeGreaterThan(20);
    });

    it('is equal with every piece kept', async () => {
      expect(await folded(input, 'all')).toEqual(expected);
    });

    it('cites the first and last ten of each finding, its exact count and every origin', async () => {
      const sampled = await folded(input, 10);
      expectSampled(sampled, expected, 10);
      const largest = Math.max(...sampled.findings.map((finding) => finding.evidence.length));
      expect(largest).toBeLessThanOrEqual(20);
    });
  });
});

describe('a denial that every task of a service repeats is one class, whatever the number of tasks', () => {
  /**
   * ecs-01, a real stopped reason, as the tasks of one service would each write it: each task's
   * session (its id) and task ARN its own, at its own time.
   */
  function stoppedTasks(count: number): Evidence[] {
    const message = corpusMessage('ecs-01');
    const session = 'f83b93a4dc3442a18eaaf8c2a235cd37';
    expect(message).toContain(session);
    return Array.from({ length: count }, (_, i) => {
      const task = (0x10000000 + i * 7919).toString(16).padStart(32, 'a');
      return {
        kind: 'ecs-stopped-task',
        context: 'stopped-reason',
        message: message.replaceAll(session, task),
        time: new Date(Date.UTC(2026, 10, 21, 0, 0, count - i)).toISOString(),
        origin: { source: 'tasks.json', pointer: `tasks[${i}].stoppedReason` },
        raw: message.replaceAll(session, task),
        taskArn: `arn:aws:ecs:eu-west-2:111122223333:task/demo/${task}`,
        taskDefinitionArn: null,
        cluster: 'demo',
        service: null,
      };
    });
  }

  it('counts every sighting, cites a bounded sample and names the earliest task', async () => {
    const evidence = stoppedTasks(600);
    const fold = new AnalysisFold({ evidenceSample: 10 });
    fold.add(evidence.slice(0, 300));
    fold.add(evidence.slice(300));
    const classes = fold.observations().denials;
    expect(classes).toHaveLength(1);
    expect(classes[0]?.count).toBe(600);
    const { findings } = await analyzeFold(fold);
    expect(findings).toHaveLength(1);
    const [finding] = findings as [Finding];
    expect(finding.count).toBe(600);
    expect(finding.evidence).toHaveLength(20);
    expect(finding.evidenceOmitted).toBe(580);
    expect(finding.evidenceOrigins).toEqual(['tasks.json#tasks[0-599].stoppedReason']);
    // Times run backwards: the last task written is the first seen.
    const earliest = evidence[599] as Evidence & { taskArn: string };
    expect(finding.taskId).toBe(earliest.taskArn.split('/').pop());
    expect(finding.principalArn).toContain(earliest.taskArn.split('/').pop());
    expect(finding.evidence[0]?.origin).toBe('tasks.json#tasks[599].stoppedReason');
    expect(finding.firstSeen).toBe(earliest.time);
    expect(finding.lastSeen).toBe(evidence[0]?.time);
  });

  it('keeps as many classes on a generated archive twice as long', async () => {
    const classes = async (targetBytes: number, seed: string) => {
      const root = join(directory, seed);
      await generateArchive({ root, targetBytes, seed });
      const fold = new AnalysisFold();
      for await (const batch of readFiles([root])) fold.add(batch.evidence, batch.warnings);
      const { denials, denialCount } = fold.observations();
      return { classes: denials.length, denials: denialCount };
    };
    const short = await classes(10_000_000, 'classes-short');
    const long = await classes(20_000_000, 'classes-long');
    expect(long.denials).toBeGreaterThan(1.8 * short.denials);
    expect(long.classes).toBe(short.classes);
  });
});

describe('a revision read again and again', () => {
  it('is kept once: the analysis is as when it was read once', async () => {
    const once = await batchesOf(['samples/one-role-both-jobs']);
    const definitions = once.batches.filter((batch) =>
      batch.evidence.some((piece) => piece.kind === 'task-definition'),
    );
    expect(definitions.length).toBeGreaterThan(0);
    const again = { batches: [...once.batches, ...Array.from({ length: 300 }, () => definitions).flat()] };
    const fold = new AnalysisFold();
    for (const batch of again.batches) fold.add(batch.evidence, batch.warnings);
    const read = fold.observations().taskDefinitions;
    expect(read.length).toBeLessThanOrEqual(2 * definitions.length);
    const expected = await folded(once, 10);
    const actual = await analyzeFold(fold);
    expect(expected.advisories.length).toBeGreaterThan(0);
    expect(actual.advisories).toEqual(expected.advisories);
    expect(actual.findings).toEqual(expected.findings);
    expect(actual.timeline).toEqual(expected.timeline);
  });
});
