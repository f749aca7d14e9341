/**
 * The fast CloudTrail reader (scan the bytes, parse only the records that can be evidence)
 * against the full parse, record for record: on generated trails, on real records, and on
 * hostile ones built to fool a byte search (the words inside other strings, escaped quotes,
 * keys spelled with escapes, unicode, duplicate keys, records that are no records).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyTotals, jsonLinesStream } from '../../bench/cloudtrail-archive.js';
import { readCloudTrailFile } from '../../src/sources/files/cloudtrail-file.js';
import { EVIDENCE_WORDS, isPolicyChangeRecord } from '../../src/sources/files/cloudtrail-record.js';
import { TrailScanner, WARM_UP_TRAIL } from '../../src/sources/files/cloudtrail-scan.js';
import { detectAndRead } from '../../src/sources/files/detect-format.js';
import { decodeWhole } from '../../src/sources/files/read-inputs.js';
import { corpusCase } from '../corpus-cases.js';

const FIXTURES = new URL('../fixtures/aws/', import.meta.url).pathname;

function fullParse(bytes: Buffer, source: string) {
  const decoded = decodeWhole(bytes, source);
  if ('warning' in decoded) throw new Error('not text');
  return detectAndRead(decoded.content, source);
}

/** The fast reader's result, which must exist, beside the full parse's. */
function both(text: string) {
  const bytes = Buffer.from(text);
  return { fast: readCloudTrailFile(bytes, 'trail.json'), full: fullParse(bytes, 'trail.json') };
}

function expectSame(text: string): void {
  const { fast, full } = both(text);
  expect(fast).not.toBeNull();
  expect(fast).toEqual(full);
}

const trail = (records: unknown[]) => JSON.stringify({ Records: records });

/** Real records: denials from the corpus, successful ECS and policy writes from the fixtures. */
function realRecords(): Record<string, unknown>[] {
  const fromFixtures = readdirSync(FIXTURES)
    .filter((name) => name.startsWith('cloudtrail-') || name.startsWith('eventbridge-cloudtrail'))
    .flatMap((name) => {
      const value = JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Record<string, unknown>;
      if (Array.isArray(value.Records)) return value.Records as Record<string, unknown>[];
      // An array of EventBridge events, or of bare records (Stratus Red Team's detonation logs).
      if (Array.isArray(value))
        return value.map((event) => (event as { detail?: Record<string, unknown> }).detail ?? event);
      return [(value.detail ?? value) as Record<string, unknown>];
    });
  const fromCorpus = ['ct-01', 'ct-02', 'ct-03', 'ct-06', 'ct-08', 'ct-09'].map(
    (id) => corpusCase(id).raw as Record<string, unknown>,
  );
  return [...fromFixtures, ...fromCorpus];
}

const plain = (overrides: Record<string, unknown> = {}) => ({
  eventVersion: '1.08',
  eventTime: '2026-11-21T10:00:00Z',
  eventSource: 's3.amazonaws.com',
  eventName: 'GetObject',
  awsRegion: 'eu-west-1',
  requestParameters: { bucketName: 'orders' },
  ...overrides,
});

describe('the fast CloudTrail reader', () => {
  it('gives the full parse of generated trails, parsing only the records that can be evidence', () => {
    const totals = emptyTotals();
    let files = 0;
    for (const chunk of jsonLinesStream('scan-test', 3_000_000, totals)) {
      const text = `{"Records":[${chunk.trim().split('\n').join(',')}]}`;
      const bytes = Buffer.from(text);
      const scanned = new TrailScanner(EVIDENCE_WORDS).scan(bytes);
      const full = fullParse(bytes, 'generated.json');
      expect(readCloudTrailFile(bytes, 'generated.json')).toEqual(full);
      // Only records with an error or an event name read without one are parsed.
      const parsedRecords = (scanned?.candidates ?? []).map(({ start, end }) =>
        JSON.parse(bytes.toString('utf8', start, end)),
      );
      expect(
        parsedRecords.every((record) => EVIDENCE_WORDS.some((word) => JSON.stringify(record).includes(word))),
      ).toBe(true);
      expect(scanned?.records).toBe(chunk.trim().split('\n').length);
      files += 1;
    }
    expect(totals.denials).toBeGreaterThan(0);
    expect(files).toBeGreaterThan(5);
  });

  it('gives the full parse of real records, one file of them all and one per record', () => {
    const records = realRecords();
    expect(records.length).toBeGreaterThan(10);
    expectSame(trail(records));
    for (const record of records) expectSame(trail([plain(), record, plain()]));
    // Pretty-printed, as a person saves a file, with a byte order mark.
    expectSame(`\ufeff${JSON.stringify({ Records: records }, null, 2)}\n`);
  });

  it('is not fooled by the words where they do not make a denial, nor misses them spelled otherwise', () => {
    const denial = plain({ errorCode: 'AccessDenied', errorMessage: 'User: x is not authorized' });
    const hostile = [
      plain({ requestParameters: { key: '"errorCode":"AccessDenied"' } }),
      plain({ requestParameters: { errorCode: 'AccessDenied', note: 'a nested key' } }),
      plain({ userAgent: 'say \\"errorCode\\" and \\\\" and "quoted" {[' }),
      plain({ requestParameters: { policy: JSON.stringify({ Statement: [{ Effect: 'Deny' }] }) } }),
      plain({ eventName: 'GetObject', requestParameters: { name: 'RunTask' } }),
      plain({
        eventName: 'RunTask',
        eventSource: 'ecs.amazonaws.com',
        requestParameters: { taskDefinition: 'app:3' },
      }),
      plain({ userAgent: 'ünïcödé ✓ 😀 \u2028 \u0000' }),
      plain({ eventSource: 'constructor', eventName: 'keys' }),
      plain({ eventSource: '__proto__', eventName: 'toString' }),
      denial,
      { eventSource: 's3.amazonaws.com' },
      { eventName: 'GetObject', eventSource: 7 },
      {},
    ];
    expectSame(trail(hostile));
    const text = trail([plain(), denial, plain()]);
    // Keys and values spelled with escapes are the same strings to JSON.parse.
    for (const spelled of [
      text.replace('"errorCode"', '"error\\u0043ode"'),
      text.replace('"errorMessage"', '"\\u0065rrorMessage"'),
      text.replace('"eventName":"GetObject"', '"eventName":"Run\\u0054ask"'),
      text.replace('"eventSource":"s3.amazonaws.com"', '"event\\u0053ource":"ecs.amazonaws.com"'),
    ]) {
      expectSame(spelled);
    }
    expect(both(text.replace('"errorCode"', '"error\\u0043ode"')).fast?.evidence).toHaveLength(1);
    // Duplicate keys: the last one counts.
    expectSame('{"Records":[{"eventSource":"s3.amazonaws.com","eventName":"GetObject","eventName":7}]}');
    expectSame(
      '{"Records":[{"eventSource":"s3.amazonaws.com","eventName":"GetObject","errorCode":1,"errorCode":"AccessDenied"}]}',
    );
    expectSame(
      '{"Other":{"Records":[1]},"Records":[ {"eventSource":"a","eventName":"b"} ] , "x": [true,false,null,-1.5e3]}',
    );
  });

  it('gives the full parse of the trail it warms up on, which takes every path of the scan', () => {
    expectSame(WARM_UP_TRAIL.toString('utf8'));
    expect(new TrailScanner(EVIDENCE_WORDS).scan(WARM_UP_TRAIL)?.candidates.length).toBeGreaterThan(0);
  });

  it('leaves to the full parse what it cannot vouch for', () => {
    const record = JSON.stringify(plain());
    for (const text of [
      `{"Records":[${record}],"Records":"replaced"}`,
      `{"Records":[${record}]`,
      `{"Records":[${record},]}`,
      `{"Records":[${record} ${record}]}`,
      `{"Records":[${record}]} trailing`,
      `{"Records":[${record}, 1]}`,
      `{"Records":[${record}, [${record}]]}`,
      `{"Records":{}}`,
      `{"eventSource":"s3.amazonaws.com","eventName":"GetObject","Records":[]}`,
      `[${record}]`,
      `{"Records":[${record.replace('"GetObject"', '"Get\\qObject"')}]}`,
      `{"Records":[${record.replace('"GetObject"', '"Get\\u00Object"')}]}`,
      `{"Records":[${record.replace('1.08', '01.08').replace('"01.08"', '01.08')}]}`,
      `{"Records":[${record.replace('"1.08"', 'tru')}]}`,
      `{"Rec\\u006frds":[${record}]}`,
      `{"Records":[${record.replace('"GetObject"', '"Get\u0001Object"')},${JSON.stringify(plain({ errorCode: 'a\u0001b' })).replace('a\\u0001b', 'a\u0001b')}]}`,
      '',
      '   ',
    ]) {
      const bytes = Buffer.from(text);
      expect(readCloudTrailFile(bytes, 'x.json'), text).toBeNull();
    }
    // Not UTF-8, or a NUL near the start: the full parse says so.
    expect(
      readCloudTrailFile(
        Buffer.concat([Buffer.from('{"Records":[]'), Buffer.from([0xff]), Buffer.from('}')]),
        'x',
      ),
    ).toBeNull();
    expect(
      readCloudTrailFile(
        Buffer.from(
          `{"Records":[${JSON.stringify(plain({ userAgent: '\u0000' })).replace('\\u0000', '\u0000')}]}`,
        ),
        'x',
      ),
    ).toBeNull();
  });

  it('gives the full parse of random records, whatever their strings', () => {
    const word = fc.constantFrom(...EVIDENCE_WORDS, 'eventName', 'eventSource', 'Records', 'AccessDenied');
    const text = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      word,
      word.map((w) => `x${w}`),
      // Near misses of one length, second and last letter, which the scan's sketch cannot tell apart.
      word.map((w) => `Z${w.slice(1)}`),
      word.map((w) => `${w.slice(0, 2)}_${w.slice(3)}`),
    );
    const value = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        text,
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('value'), { maxLength: 3 }),
        fc.dictionary(text, tie('value'), { maxKeys: 3 }),
      ),
    })).value;
    const record = fc.record(
      {
        eventSource: fc.oneof(
          fc.constantFrom('ecs.amazonaws.com', 'iam.amazonaws.com', 's3.amazonaws.com'),
          value,
        ),
        eventName: fc.oneof(word, fc.string()),
        errorCode: fc.oneof(text, value),
        requestParameters: value,
        extra: value,
      },
      { requiredKeys: [] },
    );
    // The fast reader may decline (null) a file; if it declined every one, nothing was compared.
    let compared = 0;
    fc.assert(
      fc.property(fc.array(record, { maxLength: 6 }), fc.boolean(), (records, escapeKeys) => {
        let text = trail(records);
        // Keys and words spelled with \u escapes, as a hostile writer may.
        if (escapeKeys) text = text.replace(/"error/g, '"\\u0065rror').replace(/"Run/g, '"\\u0052un');
        const bytes = Buffer.from(text);
        let full: unknown;
        try {
          full = fullParse(bytes, 'random.json');
        } catch {
          return;
        }
        const fast = readCloudTrailFile(bytes, 'random.json');
        if (fast === null) return;
        compared += 1;
        expect(fast).toEqual(full);
      }),
      { numRuns: 400 },
    );
    expect(compared).toBeGreaterThan(0);
  });
});

describe('policy writes', () => {
  it('are not found on the members every object inherits', () => {
    expect(isPolicyChangeRecord({ eventSource: 'constructor', eventName: 'keys' })).toBe(false);
    expect(isPolicyChangeRecord({ eventSource: '__proto__', eventName: 'toString' })).toBe(false);
    expect(isPolicyChangeRecord({ eventSource: 'iam.amazonaws.com', eventName: 'PutRolePolicy' })).toBe(true);
  });
});
