/**
 * The analysis folded batch by batch: each batch of evidence is observed once, as it arrives,
 * and what the conclusion needs is kept in a bounded form. Denials that say the same thing
 * (the same message, caller and call, seen at other times and places) are one `DenialClass`
 * with a count, a bounded sample of its evidence and the ranges it was read from; look-alikes
 * are counted as they come. Concluding (conclude.ts) then costs the number of distinct
 * denials, not the number of records, so a view can conclude again as often as it draws.
 */
import type { EvidenceCitation, NotPermission } from './analysis.js';
import { classKeyOf } from './denial-class-key.js';
import type { Evidence, InputWarning, TaskDefinitionEvidence } from './evidence.js';
import { formatOrigin } from './evidence.js';
import {
  bySightingOrder,
  EVIDENCE_SAMPLE,
  FirstSeen,
  OriginRanges,
  OriginTemplates,
  type Sighting,
  SightingSample,
} from './evidence-sample.js';
import { type DenialObservation, type LookAlikeObservation, type Observations, observe } from './observe.js';

/**
 * Every sighting of one denial: equal in all a finding is made of, apart from when and where,
 * the task and the object (denial-class-key.ts). A few fields, however many sightings.
 */
export interface DenialClass {
  /** The earliest sighting in time order, as observed, without its raw text. */
  observation: DenialObservation;
  count: number;
  /** The earliest sighting in time order (undated last, then input order). */
  first: { time: string | null; order: number };
  /** The earliest and latest dated sightings. */
  earliestTime: string | null;
  latestTime: string | null;
  sample: SightingSample;
  /** Where every sighting, and every line said beside one, was read. */
  origins: OriginRanges;
  /** The tasks the sightings ran in, each once. */
  tasks: FirstSeen;
  /** The resources denied (objects of one bucket, streams of one log group), each once. */
  resources: FirstSeen;
}

/** What the conclusion reads: the context evidence whole, the denials as classes, look-alikes counted. */
export interface FoldedObservations extends Omit<Observations, 'denials' | 'lookAlikes'> {
  denials: DenialClass[];
  notPermission: NotPermission[];
  /** Denials seen, each sighting counted. */
  denialCount: number;
}

export interface FoldOptions {
  /** Pieces of evidence cited first and last per finding; `all` keeps every piece (--all-evidence). */
  evidenceSample?: number | 'all';
}

export class AnalysisFold {
  readonly sampleSize: number;
  private order = 0;
  private readonly classes = new Map<string, DenialClass>();
  private readonly lookAlikes = new Map<string, NotPermission>();
  private readonly originTemplates = new OriginTemplates();
  /**
   * Each revision once however often it is read (every RegisterTaskDefinition, describe output
   * beside the trail): the copy read first, which the timeline dates, and the fullest, which
   * the conclusion reads (revisions.ts fullestByArn).
   */
  private readonly revisions = new Map<
    string,
    { first: TaskDefinitionEvidence; fullest: TaskDefinitionEvidence }
  >();
  private readonly state: Omit<FoldedObservations, 'denials' | 'notPermission'> = {
    taskDefinitions: [],
    deployments: [],
    tasks: [],
    policyChanges: [],
    listedRevisions: [],
    taskDefinitionOfTask: new Map(),
    evidenceCounts: {},
    denialCount: 0,
  };
  readonly warnings: InputWarning[] = [];
  /** Bumped by every batch that changes the result: a view concludes again only then. */
  version = 0;

  constructor(options: FoldOptions = {}) {
    const sample = options.evidenceSample ?? EVIDENCE_SAMPLE;
    this.sampleSize = sample === 'all' ? Number.POSITIVE_INFINITY : sample;
  }

  /** Folds in one batch (one input file, one page of a live source), in input order. */
  add(evidence: readonly Evidence[], warnings: readonly InputWarning[] = []): void {
    if (evidence.length === 0 && warnings.length === 0) return;
    this.version += 1;
    this.warnings.push(...warnings);
    // A batch is one source, and a denial's neighbour lines are of its own source: observing
    // batch by batch finds the same neighbours as observing everything at once.
    const observed = observe(evidence, this.order);
    this.order += evidence.length;
    const { state } = this;
    for (const [kind, count] of Object.entries(observed.evidenceCounts))
      state.evidenceCounts[kind] = (state.evidenceCounts[kind] ?? 0) + count;
    // Read for their fields only: their raw text (a whole record each, kept for every revision
    // and deployment of a long trail) is cited nowhere.
    for (const definition of observed.taskDefinitions) this.addTaskDefinition({ ...definition, raw: '' });
    for (const deployment of observed.deployments) state.deployments.push({ ...deployment, raw: '' });
    state.tasks.push(...observed.tasks);
    state.policyChanges.push(...observed.policyChanges);
    state.listedRevisions.push(...observed.listedRevisions);
    for (const [task, definition] of observed.taskDefinitionOfTask)
      state.taskDefinitionOfTask.set(task, definition);
    for (const denial of observed.denials) this.addDenial(denial);
    for (const lookAlike of observed.lookAlikes) this.addLookAlike(lookAlike);
  }

  get evidenceCount(): number {
    return this.order;
  }

  observations(): FoldedObservations {
    return {
      ...this.state,
      taskDefinitions: [...this.revisions.values()].flatMap(({ first, fullest }) =>
        fullest === first ? [first] : [first, fullest],
      ),
      denials: [...this.classes.values()],
      notPermission: [...this.lookAlikes.values()],
    };
  }

  private addTaskDefinition(definition: TaskDefinitionEvidence): void {
    const known = this.revisions.get(definition.taskDefinitionArn);
    if (!known) this.revisions.set(definition.taskDefinitionArn, { first: definition, fullest: definition });
    else if (definition.containers.length > known.fullest.containers.length) known.fullest = definition;
  }

  private addDenial(denial: DenialObservation): void {
    const { evidence } = denial;
    const { key, task, resource } = classKeyOf(denial);
    const at = { time: evidence.time, order: denial.order };
    let group = this.classes.get(key);
    if (!group) {
      group = {
        observation: withoutRaw(denial),
        count: 0,
        first: at,
        earliestTime: null,
        latestTime: null,
        sample: new SightingSample(this.sampleSize),
        origins: new OriginRanges(this.originTemplates),
        tasks: new FirstSeen(),
        resources: new FirstSeen(),
      };
      this.classes.set(key, group);
    } else if (bySightingOrder(at, group.first) < 0) {
      // The class's task, principal and message are its earliest sighting's, as a finding's are.
      group.first = at;
      group.observation = withoutRaw(denial);
    }
    this.state.denialCount += 1;
    group.count += 1;
    if (task !== null) group.tasks.add(task, at);
    if (resource !== null) group.resources.add(resource, at);
    const origin = formatOrigin(evidence.origin);
    const citation: EvidenceCitation = { origin, kind: evidence.kind, raw: evidence.raw };
    const sighting: Sighting = { ...at, citation };
    if (evidence.time !== null) {
      if (group.earliestTime === null || evidence.time < group.earliestTime)
        group.earliestTime = evidence.time;
      if (group.latestTime === null || evidence.time > group.latestTime) group.latestTime = evidence.time;
    }
    group.origins.add(origin);
    if (denial.related.length > 0) {
      // Kept with the sighting, so only while it is in the sample.
      sighting.related = denial.related;
      for (const line of denial.related) group.origins.add(formatOrigin(line.origin));
    }
    group.sample.add(sighting);
  }

  /** One entry per message (or per API and error code for CloudTrail's other failures), counted. */
  private addLookAlike({ reading, evidence, groupKey }: LookAlikeObservation): void {
    const key = groupKey ?? reading.text;
    const existing = this.lookAlikes.get(key);
    if (existing) {
      existing.count += 1;
      if (evidence.time && (!existing.time || evidence.time < existing.time)) existing.time = evidence.time;
      return;
    }
    this.lookAlikes.set(key, {
      message: reading.text,
      kind: reading.kind,
      likelyCause: reading.likelyCause,
      origin: formatOrigin(evidence.origin),
      time: evidence.time,
      count: 1,
    });
  }
}

/** The raw text lives in the sample only: a class keeps one copy of the rest. */
function withoutRaw(denial: DenialObservation): DenialObservation {
  return { ...denial, evidence: { ...denial.evidence, raw: '' }, related: [] };
}
