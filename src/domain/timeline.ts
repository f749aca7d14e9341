/**
 * What happened when: revisions registered and rolled out, tasks stopped, and the first and
 * last sight of each denial, each with the evidence it comes from.
 */
import type { Finding, NotPermission, TimelineEvent, TimelineKind } from './analysis.js';
import { formatOrigin } from './evidence.js';
import type { Observations } from './observe.js';
import { labelOf, revisionLabelOf } from './revisions.js';

function shortTask(taskArn: string): string {
  return taskArn.slice(taskArn.lastIndexOf('/') + 1);
}

function describe(finding: Finding): string {
  const role = finding.role === 'other' ? 'other principal' : finding.role.replace('-', ' ');
  return `${role}: ${finding.step} ${finding.action ?? '(action not named)'}${finding.taskDefinition ? ` (${finding.taskDefinition})` : ''}`;
}

export function timelineOf(
  observations: Pick<Observations, 'taskDefinitions' | 'deployments' | 'tasks'>,
  findings: Finding[],
  lookAlikes: NotPermission[],
): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  const push = (
    time: string | null,
    kind: TimelineKind,
    text: string,
    origin: string,
    finding: number | null = null,
  ) => {
    if (time) events.push({ time, kind, text, origin, finding });
  };
  const registered = new Set<string>();
  for (const definition of observations.taskDefinitions) {
    // The same revision read from several inputs is registered once.
    if (registered.has(definition.taskDefinitionArn)) continue;
    registered.add(definition.taskDefinitionArn);
    push(
      definition.time,
      'revision-registered',
      `${labelOf(definition)} registered`,
      formatOrigin(definition.origin),
    );
  }
  for (const deployment of observations.deployments) {
    const service = deployment.service ? `service ${deployment.service}` : 'a service';
    push(
      deployment.time,
      'deployment',
      `${service} starts rolling out ${revisionLabelOf(deployment.taskDefinitionArn)}`,
      formatOrigin(deployment.origin),
    );
  }
  const stopped = new Set<string>();
  for (const task of observations.tasks) {
    if (!task.stoppedAt || stopped.has(task.taskArn)) continue;
    stopped.add(task.taskArn);
    const revision = task.taskDefinitionArn ? ` (${revisionLabelOf(task.taskDefinitionArn)})` : '';
    push(
      task.stoppedAt,
      'task-stopped',
      `task ${shortTask(task.taskArn)}${revision} stopped`,
      formatOrigin(task.origin),
    );
  }
  const changes = new Set<string>();
  findings.forEach((finding, index) => {
    // The IAM change a finding's cause names, once however many findings it caused.
    const cause = finding.cause;
    if (!cause?.event || !cause.when || changes.has(`${cause.origin}|${cause.event}`)) return;
    changes.add(`${cause.origin}|${cause.event}`);
    const removed = cause.removed.length > 0 ? `, removing ${cause.removed.join(', ')}` : '';
    push(
      cause.when,
      'policy-change',
      `${cause.event} on ${cause.target ?? 'a policy'} by ${cause.who ?? 'an unknown caller'}${removed}`,
      cause.origin ?? '',
      index + 1,
    );
  });
  findings.forEach((finding, index) => {
    const origin = finding.evidence[0]?.origin ?? '';
    push(finding.firstSeen, 'denial-first-seen', `first seen: ${describe(finding)}`, origin, index + 1);
    if (finding.lastSeen && finding.lastSeen !== finding.firstSeen) {
      // The denials come first in the evidence, one each, before the app's lines cited beside them.
      const last = finding.evidence[finding.count - (finding.evidenceOmitted ?? 0) - 1]?.origin ?? origin;
      push(
        finding.lastSeen,
        'denial-last-seen',
        `last seen (${finding.count} in all): ${describe(finding)}`,
        last,
        index + 1,
      );
    }
  });
  for (const lookAlike of lookAlikes) {
    push(
      lookAlike.time,
      'look-alike',
      `not a permission failure (${lookAlike.kind}): ${lookAlike.message.slice(0, 100)}`,
      lookAlike.origin,
    );
  }
  return events.sort((a, b) => a.time.localeCompare(b.time));
}
