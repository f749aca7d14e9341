/**
 * A CloudTrail record's fields written in a message's text, where no record object can be
 * parsed: a fragment pasted from the middle of a record, a record with a comma lost, a record in
 * a log line or a query's table, cut at a column's edge. Its eventSource and eventName still
 * name the call; userIdentity's ARN, or the AWS service in sourceIPAddress / invokedBy, who
 * made it.
 */
import type { CloudTrailCall } from './evidence.js';

/**
 * `"key": "value"` as JSON writes it, with any spacing; the value without its quotes. The key in
 * any case: a record pasted into a chat or a ticket may come lower-cased ("eventsource").
 */
function field(text: string, key: string): string | null {
  return new RegExp(`"${key}"\\s*:\\s*"([^"\\n]*)"`, 'i').exec(text)?.[1] ?? null;
}

/** How far after a key its object's own fields can be: that object, not the rest of the record. */
const OBJECT_SPAN = 800;

/** The object written after `"key": {` (userIdentity, requestParameters); '' if none. */
function objectAt(text: string, key: string): string {
  const start = text.search(new RegExp(`"${key}"\\s*:\\s*\\{`, 'i'));
  if (start < 0) return '';
  const span = text.slice(start, start + OBJECT_SPAN);
  // The object ends at the first "}" that closes it; sessionContext nests objects inside.
  let depth = 0;
  let end = span.length;
  for (let index = span.indexOf('{'); index < span.length; index += 1) {
    if (span[index] === '{') depth += 1;
    if (span[index] === '}') depth -= 1;
    if (depth === 0) {
      end = index + 1;
      break;
    }
  }
  return span.slice(0, end);
}

/**
 * The bucket or object an S3 request names: CloudTrail gives S3's resources only in
 * requestParameters (bucketName, and key for an object's operations), not as ARNs.
 */
export function s3RequestArn(eventSource: string | null, bucketName: unknown, key: unknown): string | null {
  if (eventSource !== 's3.amazonaws.com' || typeof bucketName !== 'string' || bucketName === '') return null;
  return typeof key === 'string' && key !== ''
    ? `arn:aws:s3:::${bucketName}/${key}`
    : `arn:aws:s3:::${bucketName}`;
}

/** An AWS service's host name, as CloudTrail writes it for an event's source or a calling service. */
export const AWS_SERVICE_HOST = /^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.amazonaws\.com$/;

/**
 * userIdentity's types as CloudTrail spells them (CloudTrail User Guide, "CloudTrail userIdentity
 * element"; SAMLUser and WebIdentityUser for the STS calls that federate): a lower-cased paste's
 * type is given back in that spelling.
 */
const USER_IDENTITY_TYPES = new Map(
  [
    'Root',
    'IAMUser',
    'AssumedRole',
    'Role',
    'FederatedUser',
    'Directory',
    'AWSAccount',
    'AWSService',
    'IdentityCenterUser',
    'SAMLUser',
    'WebIdentityUser',
    'Unknown',
  ].map((type) => [type.toLowerCase(), type]),
);

function identityType(written: string | null): string | null {
  return written === null ? null : (USER_IDENTITY_TYPES.get(written.toLowerCase()) ?? written);
}

/** The call a text's CloudTrail fields describe, or null when it names no event source and name. */
export function readRecordFields(text: string): CloudTrailCall | null {
  const eventSource = field(text, 'eventSource');
  const eventName = field(text, 'eventName');
  if (!eventSource || !AWS_SERVICE_HOST.test(eventSource) || !eventName) return null;
  const identity = objectAt(text, 'userIdentity');
  const request = objectAt(text, 'requestParameters');
  const s3Arn = s3RequestArn(eventSource, field(request, 'bucketName'), field(request, 'key'));
  const principalArn = field(identity, 'arn');
  return {
    eventId: field(text, 'eventID'),
    eventSource,
    eventName,
    errorCode: field(text, 'errorCode'),
    errorMessage: field(text, 'errorMessage'),
    userIdentityType: identityType(field(identity, 'type')),
    principalArn: principalArn?.startsWith('arn:') ? principalArn : null,
    sessionIssuerArn: null,
    invokedBy: field(identity, 'invokedBy'),
    userAgent: field(text, 'userAgent'),
    sourceIpAddress: field(text, 'sourceIPAddress'),
    awsRegion: field(text, 'awsRegion'),
    accountId: field(identity, 'accountId') ?? field(text, 'recipientAccountId'),
    resources: s3Arn ? [s3Arn] : [],
    requestedRoleArn: null,
  };
}
