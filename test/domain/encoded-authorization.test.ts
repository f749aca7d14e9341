/**
 * EC2's encoded authorization failure messages: found in real texts (wrapped, cut short),
 * offline the finding says the command that decodes them, live STS decodes them (the aws-cli
 * example's DecodedMessage) into the statement and the request context shown with the finding.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DecodedMessageError,
  decodeCommand,
  encodedMessageOf,
  readDecodedMessage,
  withDecodeCommands,
} from '../../src/domain/encoded-authorization.js';
import { analyzeLive } from '../../src/live.js';
import { analyzeFiles } from '../../src/pipeline.js';
import { fakeClients } from '../fake-aws/clients.js';
import { type FakeAws, startFakeAws } from '../fake-aws/server.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/aws/${name}`, import.meta.url), 'utf8');
/** aws-cli's awscli/examples/sts/decode-authorization-message.rst: the message and what STS answered. */
const EXAMPLE_ENCODED = fixture('sts-decode-authorization-message-awscli-example.encoded.txt').trim();
const EXAMPLE_DECODED = (
  JSON.parse(fixture('sts-decode-authorization-message-awscli-example.json')) as { DecodedMessage: string }
).DecodedMessage;

function extraCase(id: string): string {
  const line = readFileSync(new URL('../extra-cases/cases.jsonl', import.meta.url), 'utf8')
    .split('\n')
    .find((text) => text.includes(`"id": "${id}"`));
  return (JSON.parse(line ?? '{}') as { raw: string }).raw;
}

function inputFile(name: string, text: string): string {
  const path = join(tmpdir(), `whydenied-encoded-${process.pid}-${name}`);
  writeFileSync(path, text);
  return path;
}

/** EC2's own wording before the blob (m-15, amplify-cli#10116), with the aws-cli example's blob. */
const EC2_ERROR = `An error occurred (UnauthorizedOperation) when calling the RunInstances operation: You are not authorized to perform this operation. Encoded authorization failure message: ${EXAMPLE_ENCODED}`;

describe('finding the encoded message', () => {
  it('joins a blob a paste wrapped (m-15), and marks one cut short (x-33)', () => {
    const wrapped = encodedMessageOf(extraCase('m-15'));
    expect(wrapped?.truncated).toBe(false);
    expect(wrapped?.encoded).toMatch(/^-ZFWpTAk0R8UY8UlUsRRlLUZ[\w-]+8F06y2FoR29f4yuiDvH7YaL9_[\w-]+2ePg$/);
    expect(wrapped?.encoded).not.toMatch(/\s/);
    expect(encodedMessageOf(extraCase('x-33'))).toEqual({
      encoded: 'g4oZPBqZ4Bni8dE5dGjxYTnOZ',
      truncated: true,
    });
    expect(encodedMessageOf('AccessDenied: not authorized')).toBeNull();
  });

  it('reads the decoded message of the aws-cli example', () => {
    const decoded = readDecodedMessage(EXAMPLE_DECODED);
    expect(decoded).toMatchObject({
      allowed: false,
      explicitDeny: true,
      principalArn: 'arn:aws:sts::111122223333:assumed-role/Developer/Ana',
      // The context names the bare action; aws:Service gives its prefix.
      action: 'ec2:RunInstances',
      resource: 'arn:aws:ec2:us-east-1:111122223333:instance/*',
      matchedStatements: [
        { statementId: 'VisualEditor0', effect: 'DENY', actions: ['ec2:RunInstances'], resources: ['*'] },
      ],
    });
    expect(decoded.conditions['ec2:InstanceType']).toEqual(['t2.micro']);
    expect(Object.keys(decoded.conditions)).toHaveLength(18);
    expect(() => readDecodedMessage('<html>')).toThrow(DecodedMessageError);
    expect(() => readDecodedMessage('{"unrelated": 1}')).toThrow(DecodedMessageError);
  });
});

describe('offline: the finding says which command decodes it', () => {
  it('m-15 (CloudFormation, ec2:DeleteRoute) carries the command', async () => {
    const { analysis } = await analyzeFiles([inputFile('m-15.txt', extraCase('m-15'))]);
    const finding = analysis.findings.find((item) => item.action === 'ec2:DeleteRoute');
    const reason = finding?.reasons.find((item) => item.includes('encoded authorization failure message'));
    // The text reader keeps the first line of the wrapped paste as the message (its second
    // line reads as another, harmless line): the command carries the blob as far as that line.
    expect(reason).toMatch(
      /^the message carries an encoded authorization failure message: `aws sts decode-authorization-message --encoded-message -ZFWpTAk0R8UY8UlUsRRlLUZ[\w-]+ --query DecodedMessage --output text` shows the statement that decided and the request's context \(needs sts:DecodeAuthorizationMessage\)$/,
    );
  });

  it('a look-alike carrying one says the command too', async () => {
    const { analysis } = await analyzeFiles([inputFile('x-33.json', extraCase('x-33'))]);
    const lookAlike = {
      message: EC2_ERROR,
      kind: 'unrecognised' as const,
      likelyCause: 'not recognised',
      origin: 'paste.txt:1',
      time: null,
      count: 1,
    };
    const annotated = withDecodeCommands({ ...analysis, findings: [], notPermission: [lookAlike] });
    expect(annotated.notPermission[0]?.likelyCause).toBe(
      `not recognised; the message carries an encoded authorization failure message: \`${decodeCommand(EXAMPLE_ENCODED)}\` shows the statement that decided and the request's context (needs sts:DecodeAuthorizationMessage)`,
    );
  });

  it('x-33 (cut short) says to decode the whole one from the original output', async () => {
    const { analysis } = await analyzeFiles([inputFile('x-33.json', extraCase('x-33'))]);
    expect(analysis.findings[0]?.reasons.join('\n')).toContain('cut short here');
  });
});

let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const STS_ANSWER = (decoded: string) =>
  `<DecodeAuthorizationMessageResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><DecodeAuthorizationMessageResult><DecodedMessage>${decoded.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('"', '&quot;')}</DecodedMessage></DecodeAuthorizationMessageResult><ResponseMetadata><RequestId>4b7e0a7c-5c6b-4f2a-9a53-0d3b1b1d2f10</RequestId></ResponseMetadata></DecodeAuthorizationMessageResponse>`;

describe('live: STS decodes it', () => {
  async function run() {
    const clients = fakeClients(fake?.url ?? '');
    const result = await analyzeLive({
      verifyWithIam: false,
      clients,
      inputs: [inputFile('runinstances.txt', EC2_ERROR)],
      since: '2h',
    });
    clients.destroy();
    return result;
  }

  it('shows the decoded statement and context with the finding', async () => {
    fake = await startFakeAws({
      routes: [
        {
          target: 'STS.DecodeAuthorizationMessage',
          request: { EncodedMessage: EXAMPLE_ENCODED },
          response: STS_ANSWER(EXAMPLE_DECODED),
        },
      ],
    });
    const { analysis } = await run();
    expect(fake.callsTo('STS.DecodeAuthorizationMessage')).toHaveLength(1);
    const finding = analysis.findings.find((item) => item.decodedAuthorization);
    expect(finding?.decodedAuthorization?.matchedStatements[0]?.statementId).toBe('VisualEditor0');
    expect(finding?.explicitDeny).toBe(true);
    expect(finding?.reasons).toContain(
      "STS decoded EC2's authorization message: an explicit deny decided it; statement VisualEditor0: DENY ec2:RunInstances on *",
    );
    expect(finding?.reasons.join('\n')).toMatch(
      /the request as IAM saw it: arn:aws:sts::111122223333:assumed-role\/Developer\/Ana calling ec2:RunInstances on arn:aws:ec2:us-east-1:111122223333:instance\/\* with .*ec2:InstanceType=t2\.micro/,
    );
    expect(finding?.reasons.join('\n')).not.toContain('aws sts decode-authorization-message');
  });

  it('refused: the finding keeps the command, and the run says which permission would open it', async () => {
    fake = await startFakeAws({});
    fake.deny('STS.DecodeAuthorizationMessage');
    const { analysis, partial } = await run();
    expect(partial.join('\n')).toContain('sts:DecodeAuthorizationMessage');
    const finding = analysis.findings.find((item) =>
      item.reasons.some((reason) => reason.includes('encoded')),
    );
    expect(finding?.decodedAuthorization).toBeUndefined();
    expect(finding?.reasons.join('\n')).toContain(decodeCommand(EXAMPLE_ENCODED));
  });

  it('credentials gone: one warning, no call for the other messages, and the findings keep their commands', async () => {
    fake = await startFakeAws({
      routes: [
        {
          target: 'STS.DecodeAuthorizationMessage',
          error: { type: 'ExpiredToken', message: 'The security token included in the request is expired' },
        },
      ],
    });
    const clients = fakeClients(fake.url);
    const { analysis, partial } = await analyzeLive({
      verifyWithIam: false,
      clients,
      inputs: [inputFile('runinstances.txt', EC2_ERROR), inputFile('m-15.txt', extraCase('m-15'))],
      since: '2h',
    });
    clients.destroy();
    // Every other call would meet the same expired credentials: the first says it for all.
    const sent = new Set(
      fake.callsTo('STS.DecodeAuthorizationMessage').map((call) => call.request.EncodedMessage),
    );
    expect(sent.size).toBe(1);
    expect(partial.filter((line) => line.startsWith('api:STS.DecodeAuthorizationMessage'))).toEqual([
      expect.stringContaining('The AWS credentials have expired.'),
    ]);
    const commands = analysis.findings.flatMap((finding) =>
      finding.reasons.filter((reason) => reason.includes('aws sts decode-authorization-message')),
    );
    expect(commands).toHaveLength(2);
  });
});
