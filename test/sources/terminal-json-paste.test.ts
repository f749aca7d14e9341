/**
 * A pasted terminal session: the AWS CLI's command, then the JSON it printed, pretty (issue 11,
 * fg-14: aws-containers/amazon-ecs-exec-checker#70). The document is read as the output it is,
 * and the command goes with what it printed: the policy simulator's results name no principal,
 * its --policy-source-arn does.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulatedDenialOf } from '../../src/domain/simulated-decision-text.js';
import { analyzeEvidence } from '../../src/pipeline.js';
import { detectAndRead } from '../../src/sources/files/detect-format.js';
import { publishedCase } from '../pasted-message.js';

const simulation = publishedCase('fg-14');

describe("the IAM policy simulator's output pasted after its command", () => {
  it('is read as the simulator results, each refused one with the command before it', () => {
    const result = detectAndRead(simulation, 'pasted.txt');
    expect(result.format).toBe('iam-simulation');
    expect(result.warnings).toEqual([]);
    expect(result.evidence).toHaveLength(1);
    expect(result.evidence[0]).toMatchObject({
      kind: 'app-log-line',
      origin: { source: 'pasted.txt', pointer: 'EvaluationResults[0]' },
      message: expect.stringMatching(
        /^> aws iam simulate-principal-policy .*\n\{"EvalActionName":"ecs:ExecuteCommand"/,
      ),
    });
  });

  it("gives the simulated principal's refusal: the action, the resource, an SCP that allowed nothing", async () => {
    const { findings } = await analyzeEvidence(detectAndRead(simulation, 'pasted.txt').evidence, []);
    expect(findings[0]).toMatchObject({
      role: 'other',
      step: 'exec',
      action: 'ecs:ExecuteCommand',
      resource: 'arn:aws:ecs:eu-west-3:<redacted>:task/<redacted>',
      policyType: 'scp',
      explicitDeny: false,
    });
  });

  it('reads no refusal from a result the simulator allowed', () => {
    const allowed = simulation.replace('"implicitDeny"', '"allowed"');
    expect(detectAndRead(allowed, 'pasted.txt').evidence).toEqual([]);
  });
});

describe("the AWS CLI's own example: the command over several lines, then 'Output::' (aws/aws-cli's examples/iam/simulate-principal-policy.rst)", () => {
  const example = readFileSync(
    new URL('../fixtures/aws/simulate-principal-policy-awscli-example.txt', import.meta.url),
    'utf8',
  );

  it('reads the result with the whole command its backslashes continue', () => {
    const { evidence } = detectAndRead(example, 'example.txt');
    expect(evidence).toHaveLength(1);
    expect(evidence[0]).toMatchObject({
      message: expect.stringMatching(
        /^aws iam simulate-principal-policy --policy-source-arn arn:aws:iam::123456789012:user\/alejandro --action-names dynamodb:CreateBackup .*\n\{"EvalActionName":"dynamodb:CreateBackup"/,
      ),
    });
  });

  it("gives the user's implicit deny: no identity policy of theirs allows it", async () => {
    const { findings } = await analyzeEvidence(detectAndRead(example, 'example.txt').evidence, []);
    expect(findings[0]).toMatchObject({
      role: 'other',
      action: 'dynamodb:CreateBackup',
      resource: null,
      policyType: 'identity',
      explicitDeny: false,
      principalArn: 'arn:aws:iam::123456789012:user/alejandro',
    });
  });

  it('reads no refusal from the allowed result of the same page (Example 1)', () => {
    expect(simulatedDenialOf(example.replace('"implicitDeny"', '"allowed"'))).toBeNull();
  });
});

describe('other AWS CLI output pasted after its command', () => {
  it('describe-tasks is read as tasks, not as lines of text', () => {
    const printed = readFileSync(
      new URL('../fixtures/aws/stop-task-stopped-awscli-example.json', import.meta.url),
      'utf8',
    );
    const result = detectAndRead(
      `$ aws ecs stop-task --task 666fdccc2e2d4b6894dd422f4eeee8f8\n${printed}`,
      'pasted.txt',
    );
    expect(result.evidence.map((item) => item.kind)).toEqual(['ecs-task', 'ecs-stopped-task']);
  });

  it('a JSON of no known shape leaves the paste read as text', () => {
    const result = detectAndRead(
      '$ aws sts get-caller-identity\n{\n  "UserId": "AIDA"\n}\nAccessDenied: Access Denied',
      'pasted.txt',
    );
    expect(result.format).toBe('text');
  });
});
