/**
 * What a look-alike is named when its words arrive glued by a trimmed wrap, and when only a
 * CloudTrail record's error code says what failed: real cases of the held-out samples (eq- to fd-).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { optionalBlanks } from '../../src/domain/look-alikes.js';
import { analysePasted, lookAlikeOf, publishedCase, publishedRaw } from '../pasted-message.js';
import { runCli } from '../run-cli.js';

describe("a look-alike's blanks made optional, for words a trimmed wrap glued", () => {
  it.each([
    ['Unable to describe task definition', String.raw`Unable\s*to\s*describe\s*task\s*definition`],
    [String.raw`a\s+b\s c`, String.raw`a\s*b\s*\s*c`],
    // Inside a character class a blank is one of the class's characters; \s? and \s{2} keep their count.
    ['[A-Za-z ]{0,30}: x', String.raw`[A-Za-z ]{0,30}:\s*x`],
    [String.raw`a\s?b\s{2}c +d`, String.raw`a\s?b\s{2}c +d`],
    // An escaped backslash before a blank is no \s.
    [String.raw`\\ s`, String.raw`\\\s*s`],
  ])('%s -> %s', (source, loose) => {
    expect(optionalBlanks(source)).toBe(loose);
  });

  it("names ECS's missing task definition whose 'task' + 'definition' a trimmed wrap glued (s-10: sil-org/ecs-deploy#145, trimmed at 58)", async () => {
    const lookAlike = await lookAlikeOf(
      'An error occurred (ClientException) when calling the\nDescribeTaskDefinition operation: Unable to describe task\ndefinition.',
    );
    expect(lookAlike?.kind).toBe('missing-resource');
  });
});

describe('a failed call named by what it says of itself', () => {
  it("S3's ExpiredToken in its own words, printed by the .NET SDK without its code (er-06: aws/aws-sdk-net#3141)", async () => {
    const lookAlike = await lookAlikeOf(publishedCase('er-06'));
    expect(lookAlike?.kind).toBe('credentials');
  });

  it("a CloudTrail record's error code when its message names nothing ('ValidationException' with 'AutoScalingGroup name not found - null', es-18)", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'whydenied-look-alike-names-'));
    writeFileSync(join(dir, 'trail.json'), JSON.stringify({ Records: [publishedRaw('es-18')] }));
    const output = JSON.parse((await runCli(['analyze', dir, '--format', 'json'])).stdout);
    expect(output.findings).toEqual([]);
    expect(output.notPermission[0]).toMatchObject({ kind: 'invalid-request' });
  });

  it("EC2 Auto Scaling refusing a launch template to the cluster's creator names no action: the API it names was called, not refused (es-17: rapidsai/deployment#194)", async () => {
    const [finding] = (await analysePasted(publishedCase('es-17'))).findings;
    expect(finding).toMatchObject({ role: 'other', step: 'other', action: null });
  });
});

describe('look-alikes of the held-out eu- to fb- samples, by their real text', () => {
  it.each([
    // containerd's own level inside ECS's reason does not hide the error (aws/containers-roadmap#1133).
    ['eu-07', 'other'],
    // Go's SDK reaching for the instance metadata's credentials on Fargate (aws/aws-sdk-go-v2#2558).
    ['ev-10', 'credentials'],
    // CloudFormation's handler refusing a task definition's secret name, terminal-wrapped (aws/copilot-cli#3446).
    ['ex-07', 'invalid-request'],
    // TaskFailedToStart followed by an error's name is that error's (a DNS failure), not placement.
    ['ex-08', 'network'],
    // SigV4 signed without the Host header (opensearch-project/opensearch-php#248).
    ['fb-12', 'credentials'],
    // chown refused by an EFS access point's POSIX user (bitnami/bitnami-docker-magento#223).
    ['fb-14', 'other'],
  ])('%s is named %s', async (id, kind) => {
    const lookAlike = await lookAlikeOf(publishedCase(id));
    expect(lookAlike?.kind).toBe(kind);
  });
});
