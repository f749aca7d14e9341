/**
 * `report --redact` on the bundled samples: nothing identifying survives anywhere in the
 * value, one original is one token everywhere, and what the engineer reads is left alone.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Analysis } from '../../src/domain/analysis.js';
import { analyzeFiles } from '../../src/pipeline.js';
import { RedactionMap, redactAnalysis, redactText, redactValue } from '../../src/report/redact.js';
import { filesAsText, leaks, originalsIn } from './redact-leaks.js';

const SAMPLES = new URL('../../samples/', import.meta.url).pathname;

let analysis: Analysis;
let unredactedJson: string;
let map: RedactionMap;
let redacted: Analysis;
let redactedJson: string;

beforeAll(async () => {
  ({ analysis } = await analyzeFiles([SAMPLES]));
  unredactedJson = JSON.stringify(analysis);
  map = new RedactionMap();
  redacted = redactAnalysis(analysis, map);
  redactedJson = JSON.stringify(redacted);
});

function accountToken(account: string): string {
  const token = map.lookup('account', account);
  if (token === undefined) throw new Error(`no token for ${account}`);
  return token;
}

const occurrences = (text: string, pattern: RegExp): number => text.match(pattern)?.length ?? 0;

describe('redactAnalysis on the samples', () => {
  it('finds something to redact in every category the samples have', () => {
    const kinds = new Set(originalsIn(unredactedJson).map((match) => match.kind));
    expect([...kinds].sort()).toEqual(['access-key', 'account', 'ipv4', 'organization', 'unique-id']);
  });

  it('leaves no account id, address, key or id of the analysis anywhere', () => {
    expect(leaks(redactedJson, originalsIn(unredactedJson))).toEqual([]);
  });

  it('leaves none of those found in the raw sample files either', () => {
    const originals = filesAsText(SAMPLES).flatMap(originalsIn);
    expect(new Set(originals.map((match) => match.kind))).toContain('email');
    expect(leaks(redactedJson, originals)).toEqual([]);
  });

  it('gives one account the same token wherever it appears', () => {
    for (const account of ['111122223333', '444455556666', '777788889999']) {
      const token = accountToken(account);
      const before = occurrences(unredactedJson, new RegExp(account, 'g'));
      expect(before).toBeGreaterThan(0);
      expect(occurrences(redactedJson, new RegExp(`${token}(?!\\d)`, 'g'))).toBe(before);
    }
    const first = redacted.findings[0];
    const token = accountToken('111122223333');
    expect(first?.roleArn).toBe(`arn:aws:iam::${token}:role/notifications-api-execution-role`);
    expect(first?.fix?.target).toBe(first?.roleArn);
    expect(first?.principalArn).toContain(`arn:aws:sts::${token}:assumed-role/`);
    expect(first?.evidence[0]?.raw).toContain(`arn:aws:logs:eu-west-1:${token}:log-group:`);
    expect(JSON.stringify(first?.fix?.policy)).toContain(`:${token}:log-group:/ecs/notifications-api`);
  });

  it('gives different accounts different tokens, ARNs and registry hosts staying readable', () => {
    const tokens = ['111122223333', '444455556666', '777788889999'].map(accountToken);
    expect(new Set(tokens).size).toBe(3);
    for (const token of tokens) expect(token).toMatch(/^ACCOUNT-\d+$/);
    const crossAccount = redacted.findings.find((finding) =>
      finding.resource?.includes(':repository/payments'),
    );
    expect(crossAccount?.resource).toMatch(/^arn:aws:ecr:eu-west-1:ACCOUNT-\d+:repository\/payments$/);
    expect(crossAccount?.resource).not.toContain(`:${crossAccount?.roleArn?.split(':')[4]}:`);
    expect(redactedJson).toMatch(/ACCOUNT-\d+\.dkr\.ecr\.eu-west-1\.amazonaws\.com\/payments/);
  });

  it('keeps roles, steps, actions, names, task ids and times', () => {
    expect(redacted.findings).toHaveLength(analysis.findings.length);
    analysis.findings.forEach((finding, index) => {
      const copy = redacted.findings[index];
      expect(copy?.role).toBe(finding.role);
      expect(copy?.step).toBe(finding.step);
      expect(copy?.action).toBe(finding.action);
      expect(copy?.taskId).toBe(finding.taskId);
      expect(copy?.taskDefinition).toBe(finding.taskDefinition);
      expect(copy?.firstSeen).toBe(finding.firstSeen);
      expect(copy?.count).toBe(finding.count);
      // An origin keeps its path, except the account in a CloudTrail delivery path.
      expect(copy?.evidence.map((item) => item.origin)).toEqual(
        finding.evidence.map((item) => redactText(item.origin, map)),
      );
      expect(roleName(copy?.roleArn)).toBe(roleName(finding.roleArn));
      expect(copy?.fix?.policy?.Statement.map((s) => s.Action)).toEqual(
        finding.fix?.policy?.Statement.map((s) => s.Action),
      );
    });
    expect(redacted.stats).toEqual(analysis.stats);
  });

  it('redacts the account in a CloudTrail delivery path', () => {
    const origins = redacted.findings.flatMap((finding) => finding.evidence.map((item) => item.origin));
    const token = accountToken('111122223333');
    expect(origins).toContainEqual(
      expect.stringContaining(`AWSLogs/${token}/CloudTrail/eu-west-1/2026/11/21/`),
    );
  });

  it('does not mangle version numbers', () => {
    for (const version of [
      'aws-sdk-go-v2/1.36.3',
      'Boto3/1.35.80',
      'lang/python#3.12.7',
      '5.10.228-219.884',
    ]) {
      expect(unredactedJson).toContain(version);
      expect(redactedJson).toContain(version);
    }
  });

  it('returns a deep copy and leaves the analysis as it was', () => {
    expect(JSON.stringify(analysis)).toBe(unredactedJson);
    expect(redacted.findings[0]).not.toBe(analysis.findings[0]);
    expect(redacted.findings[0]?.evidence).not.toBe(analysis.findings[0]?.evidence);
  });

  it('is stable: the same analysis gives the same redaction, and redacting twice changes nothing', () => {
    expect(JSON.stringify(redactAnalysis(analysis))).toBe(redactedJson);
    expect(JSON.stringify(redactAnalysis(redacted))).toBe(redactedJson);
  });

  it('shares tokens with text redacted through the same map', () => {
    expect(redactText('aws sts get-caller-identity # 444455556666', map)).toBe(
      `aws sts get-caller-identity # ${accountToken('444455556666')}`,
    );
  });
});

describe('the leak check', () => {
  it('reports an account id planted deep in a copy of the redacted analysis', () => {
    const planted = structuredClone(redacted);
    const statement = planted.findings[0]?.fix?.policy?.Statement[0];
    if (statement === undefined) throw new Error('the first finding has no policy statement');
    statement.Resource = ['arn:aws:s3:::reports-111122223333/*'];
    const found = leaks(JSON.stringify(planted), originalsIn(unredactedJson));
    expect(found).toContain('111122223333');
  });

  it('reports an address planted in a raw record', () => {
    const planted = structuredClone(redacted);
    const evidence = planted.findings.at(-1)?.evidence[0];
    if (evidence === undefined) throw new Error('the last finding has no evidence');
    evidence.raw = evidence.raw.replace('ACCOUNT', '"sourceIPAddress":"34.253.61.142" ACCOUNT');
    expect(leaks(JSON.stringify(planted), [])).toEqual(['34.253.61.142']);
  });
});

describe('redactValue', () => {
  it('walks fields it was never told about, keys included', () => {
    const value = {
      timeline: [
        { at: '2026-11-21T10:05:33Z', note: 'role arn:aws:iam::123456789012:role/app from 198.51.100.7' },
      ],
      byAccount: { '123456789012': 3 },
    };
    expect(redactValue(value)).toEqual({
      timeline: [{ at: '2026-11-21T10:05:33Z', note: 'role arn:aws:iam::ACCOUNT-1:role/app from IP-1' }],
      byAccount: { 'ACCOUNT-1': 3 },
    });
  });
});

function roleName(arn: string | null | undefined): string | undefined {
  return arn?.split(':').slice(5).join(':');
}
