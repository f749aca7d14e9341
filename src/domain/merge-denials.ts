/**
 * What is one denial seen several times (a CloudTrail record and the stopped reason of the same
 * task, retries, the same grant missing on many objects of a bucket) becomes one group.
 */
import { type Draft, roleKey } from './denial-draft.js';

function identityOf(draft: Draft): string {
  if (draft.roleArn) return roleKey(draft.roleArn);
  if (draft.principal) return draft.principal.raw.toLowerCase();
  return `unnamed:${draft.classification.role}`;
}

function keyOf(draft: Draft): { identity: string; what: string; resource: string } {
  return {
    identity: identityOf(draft),
    what: draft.action?.toLowerCase() ?? `step:${draft.classification.step}`,
    resource: resourceFamily(resourceOf(draft) ?? ''),
  };
}

export function resourceOf(draft: Pick<Draft, 'observation'>): string | null {
  return draft.observation.reading.resource ?? resourceOfCall(draft);
}

/**
 * Denials of one action on many objects of a bucket, or on the log streams of one log group
 * (one per task), are one misconfiguration: they group under the bucket or the group.
 */
export function resourceFamily(resource: string): string {
  const object = /^(arn:[\w-]+:s3:::[^/]+)\/.+$/.exec(resource);
  if (object) return `${object[1]}/*`;
  const stream = /^(arn:[\w-]+:logs:[^:]*:[^:]*:log-group:[^:]+:log-stream:).+$/.exec(resource);
  if (stream) return `${stream[1]}*`;
  return resource;
}

export function resourceOfCall(draft: Pick<Draft, 'observation'>): string | null {
  const { evidence, reading } = draft.observation;
  const call = evidence.kind === 'cloudtrail-record' ? evidence.call : reading.recordCall;
  return call?.resources[0] ?? null;
}

/**
 * One group per (role, action, resource). A group that lacks the resource (a cut message, a
 * principal-less one) joins the only group of the same action that has one and whose denied
 * role is of the same kind: a task role's own kms:Decrypt and an execution role's relayed
 * "Access to KMS is not allowed" are two findings.
 */
export function mergeDrafts(drafts: Draft[]): Draft[][] {
  const groups = new Map<string, { key: ReturnType<typeof keyOf>; drafts: Draft[] }>();
  for (const draft of drafts) {
    const key = keyOf(draft);
    const id = `${key.identity}|${key.what}|${key.resource}`;
    const group = groups.get(id) ?? { key, drafts: [] };
    group.drafts.push(draft);
    groups.set(id, group);
  }
  const all = [...groups.values()];
  const absorbed = new Set<(typeof all)[number]>();
  for (const group of all) {
    const { identity, what, resource } = group.key;
    const unnamed = identity.startsWith('unnamed:');
    if (resource !== '' && !unnamed) continue;
    const homes = all.filter(
      (other) =>
        other !== group &&
        !absorbed.has(other) &&
        other.key.what === what &&
        (unnamed ? !other.key.identity.startsWith('unnamed:') : other.key.identity === identity) &&
        sameRoleKind(group.drafts, other.drafts) &&
        (resource === '' || other.key.resource === resource) &&
        (!unnamed || sameTaskOrUnknown(group.drafts, other.drafts)),
    );
    const home = homes.length === 1 ? homes[0] : undefined;
    if (home) {
      home.drafts.push(...group.drafts);
      absorbed.add(group);
    }
  }
  return all.filter((group) => !absorbed.has(group)).map((group) => group.drafts);
}

function sameRoleKind(a: Draft[], b: Draft[]): boolean {
  const kinds = new Set([...a, ...b].map((draft) => draft.classification.role));
  return kinds.size === 1;
}

function sameTaskOrUnknown(a: Draft[], b: Draft[]): boolean {
  const tasksOf = (drafts: Draft[]) => new Set(drafts.flatMap((d) => d.taskIds));
  const left = tasksOf(a);
  const right = tasksOf(b);
  if (left.size === 0 || right.size === 0) return true;
  return [...left].some((id) => right.has(id));
}
