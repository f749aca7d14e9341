/**
 * The one value every view renders: findings (permission failures, deduplicated), look-alikes
 * that are not permission failures, input warnings and advisories.
 */
import type { RoleKind } from './classify.js';
import type { EcsDuty } from './ecs-principals.js';
import type { Step } from './ecs-steps.js';
import type { InputWarning } from './evidence.js';
import type { Fix } from './fix.js';
import type { PolicyType } from './iam-denial-message.js';
import type { LookAlikeKind } from './message-reading.js';
import type { RevisionChange } from './revisions.js';

/** What started a denial (iam-cause.ts finds it). */
export type CauseKind = 'revision' | 'iam-change' | 'both' | 'unknown';

export interface Cause {
  kind: CauseKind;
  /** Who made the IAM change (null when no IAM change explains the denial). */
  who: string | null;
  /** When CloudTrail recorded the IAM change. */
  when: string | null;
  /** The IAM change's CloudTrail event name (`PutRolePolicy`, `DetachRolePolicy`, …). */
  event: string | null;
  /** What the change was made to: the role's inline policy, a policy ARN, the resource. */
  target: string | null;
  /** Actions the change took away, the denied one first when it is among them. */
  removed: string[];
  /** The cause in words, with what was ruled out. */
  text: string;
  /** Where the IAM change's record was read, to cite it. */
  origin: string | null;
}

/** One moment of the timeline (timeline.ts orders them). */
export type TimelineKind =
  | 'revision-registered'
  | 'deployment'
  | 'task-stopped'
  | 'policy-change'
  | 'denial-first-seen'
  | 'denial-last-seen'
  | 'look-alike';

export interface TimelineEvent {
  time: string;
  kind: TimelineKind;
  text: string;
  origin: string;
  /** 1-based number of the finding the event is about. */
  finding: number | null;
}

export const SCHEMA_VERSION = 1;

/** The first line of the Markdown report: a report read back as input is recognised by it. */
export const REPORT_TITLE = '# whydenied incident report';

export interface EvidenceCitation {
  origin: string;
  kind: string;
  raw: string;
}

export interface Finding {
  role: RoleKind;
  step: Step;
  /**
   * Which of ECS's own principals was denied (infrastructure role, container instance role,
   * service-linked role, Fargate) and in which duty; null for a task's roles and everyone else.
   * Always set by the analysis; absent only on findings made elsewhere (check's predictions).
   */
  ecsDuty?: EcsDuty | null;
  /**
   * For iam:PassRole, the principal of the service the refused call passed the role to, when it is
   * not ECS's tasks (a Lambda's CreateFunction, Bedrock's logging configuration): the fix's condition.
   * Null when nothing read names the service and the role is not known as a task's: the fix then
   * carries no condition. Absent: ECS's tasks, or not a PassRole.
   */
  passedToService?: string | null;
  action: string | null;
  resource: string | null;
  /** Every resource denied in this finding (objects of one bucket, streams of one log group). */
  resources: string[];
  principalArn: string | null;
  roleArn: string | null;
  taskId: string | null;
  taskDefinitionArn: string | null;
  /** The ECS service whose tasks were denied, when the evidence says. */
  service: string | null;
  /** `family:revision` the denial belongs to, or null (the reasons say why). */
  taskDefinition: string | null;
  /** What changed since the revision before, as far as it bears on this denial. */
  revisionChange: RevisionChange | null;
  /**
   * What started the denial: the revision, an IAM change CloudTrail recorded, both, or unknown.
   * Always set by the analysis; absent only on findings made elsewhere (check's predictions).
   */
  cause?: Cause | null;
  /** The smallest change that makes the request succeed, where it goes, and whether it was verified. */
  fix: Fix | null;
  policyType: PolicyType | null;
  policyArn: string | null;
  authorizationId: string | null;
  /** EC2's encoded authorization failure message, as STS decoded it (live mode only). */
  decodedAuthorization?: DecodedAuthorization;
  explicitDeny: boolean | null;
  firstSeen: string | null;
  lastSeen: string | null;
  count: number;
  reasons: string[];
  /**
   * Every piece, in time order, then the app's lines said beside them; past 2 × EVIDENCE_SAMPLE
   * denials, the first and last EVIDENCE_SAMPLE (and the lines beside those) unless every piece
   * was asked for (--all-evidence).
   */
  evidence: EvidenceCitation[];
  /** Denials counted but not cited in `evidence`; absent when every one is. */
  evidenceOmitted?: number;
  /**
   * Where every piece was read (the denials and the app's lines beside them), compacted
   * (`file#Records[3-7,12]`, `file:10-14`); only when some are omitted.
   */
  evidenceOrigins?: string[];
}

export interface NotPermission {
  message: string;
  kind: LookAlikeKind;
  likelyCause: string;
  origin: string;
  time: string | null;
  count: number;
}

/**
 * The look-alikes known not to be permission failures, and the errors read and not recognised:
 * a line not recognised is not known to be harmless, so the reports say it apart.
 */
export function splitNotPermission(items: readonly NotPermission[]): {
  lookAlikes: NotPermission[];
  unrecognised: NotPermission[];
} {
  return {
    lookAlikes: items.filter((item) => item.kind !== 'unrecognised'),
    unrecognised: items.filter((item) => item.kind === 'unrecognised'),
  };
}

/** Something about the configuration worth saying that is not an input problem. */
export interface Advisory {
  origin: string;
  message: string;
}

export interface AnalysisStats {
  inputs: number;
  evidence: Record<string, number>;
  denials: number;
  findings: number;
  notPermission: number;
  warnings: number;
}

export interface Analysis {
  schemaVersion: typeof SCHEMA_VERSION;
  findings: Finding[];
  notPermission: NotPermission[];
  warnings: InputWarning[];
  advisories: Advisory[];
  /** Revisions, deployments, stopped tasks and denials in time order. */
  timeline: TimelineEvent[];
  stats: AnalysisStats;
}

/** An analysis of these findings alone (predicted ones, generated ones): no look-alikes, warnings or timeline. */
export function analysisOfFindings(findings: Finding[], inputs = 1): Analysis {
  return {
    schemaVersion: SCHEMA_VERSION,
    findings,
    notPermission: [],
    warnings: [],
    advisories: [],
    timeline: [],
    stats: {
      inputs,
      evidence: {},
      denials: findings.length,
      findings: findings.length,
      notPermission: 0,
      warnings: 0,
    },
  };
}

/** EC2's encoded authorization failure message, as STS DecodeAuthorizationMessage opens it. */
export interface DecodedStatement {
  statementId: string | null;
  effect: string | null;
  actions: string[];
  resources: string[];
  conditions: string[];
}

/** What DecodedMessage says: the verdict, the statements that decided it, and the request's context. */
export interface DecodedAuthorization {
  allowed: boolean | null;
  explicitDeny: boolean | null;
  matchedStatements: DecodedStatement[];
  failures: string[];
  principalArn: string | null;
  /** `service:Action` (the context says the bare action; the service is its aws:Service key). */
  action: string | null;
  resource: string | null;
  conditions: Record<string, string[]>;
}
