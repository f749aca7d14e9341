/** Shared by the TUI tests and bench/tui.ts: the samples' analysis, a loader that yields it, generated findings. */
import { relative } from 'node:path';
import { type Analysis, analysisOfFindings, type Finding } from '../../src/domain/analysis.js';
import { analyzeFiles } from '../../src/pipeline.js';
import type { Loader, LoadSnapshot } from '../../tui/load-inputs.js';

const root = new URL('../../', import.meta.url).pathname;
/** As a user types it (`samples`), so that the frames do not depend on where the checkout is. */
const samplesPath = relative(process.cwd(), `${root}samples`) || '.';

/** 15 minutes after the newest sample evidence (2026-11-22 15:03Z): times read "…m ago". */
export const SAMPLES_NOW = Date.parse('2026-11-22T15:20:00Z');

let samples: Promise<Analysis> | null = null;

export function samplesAnalysis(): Promise<Analysis> {
  samples ??= analyzeFiles([samplesPath]).then((result) => result.analysis);
  return samples;
}

/** A loader that yields `snapshots` (default: one complete load of `analysis`). */
export function fixedLoader(analysis: Analysis, snapshots?: LoadSnapshot[]): Loader {
  return async function* () {
    for (const snapshot of snapshots ?? [{ analysis, filesRead: 3, filesTotal: 3, evidence: 10, done: true }])
      yield snapshot;
  };
}

const ROLES: Finding['role'][] = ['execution-role', 'task-role', 'other'];
const STEPS: Finding['step'][] = ['image-pull', 'secret-injection', 'log-delivery', 'app-call', 'pass-role'];
const ACTIONS = [
  'ecr:BatchGetImage',
  'ssm:GetParameters',
  'logs:CreateLogStream',
  's3:GetObject',
  'iam:PassRole',
];

/** `count` findings across 50 revisions, the three roles and five steps, one a minute. */
export function generateFindings(count: number, start = Date.parse('2026-11-20T00:00:00Z')): Finding[] {
  return Array.from({ length: count }, (_unused, index): Finding => {
    const seen = new Date(start + index * 60_000).toISOString();
    const kind = index % 5;
    return {
      role: ROLES[index % 3] as Finding['role'],
      step: STEPS[kind] as Finding['step'],
      action: ACTIONS[kind] as string,
      resource: `arn:aws:s3:::bucket-${index % 97}/object-${index}`,
      resources: [],
      principalArn: `arn:aws:sts::111122223333:assumed-role/role-${index % 13}/task-${index}`,
      roleArn: `arn:aws:iam::111122223333:role/role-${index % 13}`,
      taskId: `task-${index}`,
      taskDefinitionArn: null,
      service: `service-${index % 50}`,
      taskDefinition: `service-${index % 50}:${1 + (index % 7)}`,
      revisionChange: null,
      fix: null,
      policyType: 'identity',
      policyArn: null,
      authorizationId: null,
      explicitDeny: false,
      firstSeen: seen,
      lastSeen: seen,
      count: 1 + (index % 4),
      reasons: [`generated finding ${index}`],
      evidence: [{ origin: `generated.json#${index}`, kind: 'cloudtrail-record', raw: '{}' }],
    };
  });
}

/** An Analysis around `findings`. */
export const analysisOf = (findings: Finding[]): Analysis => analysisOfFindings(findings);
