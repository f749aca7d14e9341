/**
 * What makes two sightings of a denial one class (analysis-fold.ts): everything observed except
 * when and where it was read (time, origin, raw text, CloudTrail's event id), and except what
 * every task or object of the same failure says differently: the task (its id as the role's
 * session and in its ARN), the calling address, and which object of a bucket or stream of a log
 * group was refused. Those are returned beside the key, for the class to keep each once; a
 * service's tasks then make one class however many of them ran, as they make one finding.
 */
import { hash } from 'node:crypto';
import { sightingTask } from './denial-draft.js';
import { resourceFamily, resourceOf } from './merge-denials.js';
import type { DenialObservation } from './observe.js';

export interface ClassKey {
  key: string;
  /** The task the sighting ran in, left out of the key. */
  task: string | null;
  /** The resource denied, as the sighting names it (the key has its family). */
  resource: string | null;
}

/** IPv4 or IPv6, as CloudTrail writes a caller's address: a host name (a service's) is kept. */
const ADDRESS = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f]*:[0-9a-f:.]*)$/i;
const TASK_MARK = '\u0000task';

export function classKeyOf(denial: DenialObservation): ClassKey {
  const { reading, evidence, context } = denial;
  const { time: _time, origin: _origin, raw: _raw, ...rest } = evidence;
  const content =
    rest.kind === 'cloudtrail-record'
      ? {
          ...rest,
          call: {
            ...rest.call,
            eventId: null,
            // Only ECS's and other services' host names are read (classify.ts); a task's address is not.
            sourceIpAddress: ADDRESS.test(rest.call.sourceIpAddress ?? '')
              ? 'address'
              : rest.call.sourceIpAddress,
          },
        }
      : rest;
  let text = JSON.stringify([context, reading, content]);
  const resource = resourceOf({ observation: denial });
  const family = resource === null ? null : resourceFamily(resource);
  // Objects of one bucket, streams of one log group: one finding already (merge-denials.ts).
  if (resource !== null && family !== null && family !== resource) text = text.replaceAll(resource, family);
  const task = sightingTask(denial);
  if (task !== null) text = text.replaceAll(task, TASK_MARK);
  // Hashed: the text is a record's worth (2 kB), kept once per class as the map's key. In one
  // call: a Hash object per denial cost 2-3 times as much (13-40 ms against 5-10 for 2,385 denials).
  return { key: hash('sha256', text, 'base64'), task, resource };
}
