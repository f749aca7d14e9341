/**
 * LookupEvents for a denied resource's policy writes: planned only when a resource policy
 * denied explicitly, by the name CloudTrail indexes, in the region read.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Evidence } from '../../src/domain/evidence.js';
import { lookupIncident } from '../../src/sources/lookup-incident.js';
import { resourceChangeLookups, resourceLookupName } from '../../src/sources/resource-policy-lookups.js';
import { fakeClients } from '../fake-aws/clients.js';
import { type FakeAws, startFakeAws } from '../fake-aws/server.js';

const KEY = 'arn:aws:kms:eu-west-1:111122223333:key/5d2f8a3e-91c4-4b7a-a0e6-3c8f1d9b2e47';
const ROLE =
  'arn:aws:sts::111122223333:assumed-role/orders-api-execution-role/7c1e9b3a5d2f4e6a8b0c2d4e6f8a1b3c';
// samples/secret-cmk: KMS's implicit refusal, as CloudTrail recorded it.
const IMPLICIT = `User: ${ROLE} is not authorized to perform: kms:Decrypt on resource: ${KEY} because no resource-based policy allows the kms:Decrypt action`;
// The explicit clause as Secrets Manager words it (corpus, cloud-custodian PR 10055), on the same key.
const EXPLICIT = `User: ${ROLE} is not authorized to perform: kms:Decrypt on resource: ${KEY} with an explicit deny in a resource-based policy`;

const line = (message: string): Evidence =>
  ({
    kind: 'app-log-line',
    context: 'log-line',
    message,
    time: null,
    origin: { source: 'x.log', line: 1 },
    raw: message,
    taskArn: null,
    taskDefinitionArn: null,
    cluster: null,
    service: null,
  }) as Evidence;

describe('resource policy write lookups', () => {
  it("an explicit deny in a key policy: one lookup of the key's writes in its region", () => {
    expect(resourceChangeLookups([line(EXPLICIT)], 'eu-west-1')).toEqual([
      { attribute: 'ResourceName', value: KEY, place: 'regional', purpose: 'resource-changes' },
    ]);
  });

  it('no lookup for an implicit refusal, a key in another region, or a role whose writes were found', () => {
    expect(resourceChangeLookups([line(IMPLICIT)], 'eu-west-1')).toEqual([]);
    expect(resourceChangeLookups([line(EXPLICIT)], 'us-east-2')).toEqual([]);
    expect(
      resourceChangeLookups([line(EXPLICIT)], 'eu-west-1', new Set(['orders-api-execution-role'])),
    ).toEqual([]);
  });

  it('names a repository by its ARN and a bucket by its name', () => {
    expect(resourceLookupName('arn:aws:ecr:eu-west-1:112233445566:repository/community', 'eu-west-1')).toBe(
      'arn:aws:ecr:eu-west-1:112233445566:repository/community',
    );
    expect(resourceLookupName('arn:aws:s3:::myawsbucket/reports/a.csv', 'eu-west-1')).toBe('myawsbucket');
    expect(resourceLookupName('my-example-secret', 'eu-west-1')).toBeNull();
  });
});

describe('served by the fake', () => {
  let fake: FakeAws | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  it("finds the key policy write of a key whose policy denied explicitly, in the key's region, after the role's lookups", async () => {
    // KMS's documented PutKeyPolicy record, moved to the incident's key and region.
    const put = JSON.parse(
      readFileSync('test/fixtures/aws/cloudtrail-kms-putkeypolicy-awsdocs.json', 'utf8'),
    );
    put.awsRegion = 'eu-west-1';
    put.eventTime = '2026-11-20T09:00:00Z';
    put.requestParameters.keyId = KEY;
    put.resources[0].ARN = KEY;
    fake = await startFakeAws({ cloudTrailEvents: [put] });
    const clients = fakeClients(fake.url);
    const window = { start: new Date('2026-11-21T08:30:00Z'), end: new Date('2026-11-21T10:30:00Z') };
    const roleArn = 'arn:aws:iam::111122223333:role/orders-api-execution-role';
    const result = await lookupIncident(
      clients,
      { evidence: [line(EXPLICIT)], roleArns: [roleArn], ecsRoleArns: [], window, region: 'eu-west-1' },
      { perSecond: 50 },
    );
    clients.destroy();
    const lookups = fake
      .callsTo('CloudTrail.LookupEvents')
      .map((call) => [call.region, call.request.LookupAttributes]);
    expect(lookups.at(-1)).toEqual(['eu-west-1', [{ AttributeKey: 'ResourceName', AttributeValue: KEY }]]);
    const change = result.evidence.find((item) => item.kind === 'policy-change');
    expect(change).toMatchObject({
      eventName: 'PutKeyPolicy',
      resource: KEY,
      who: 'arn:aws:iam::111122223333:user/Alice',
    });
  });
});
