/**
 * Real messages of applications and deployers (the `ee-` extra cases) whose form needed a rule:
 * each is the message as published, with its source.
 */
import { describe, expect, it } from 'vitest';
import { analyzeEvidence } from '../../src/pipeline.js';
import { textEvidence } from '../../src/sources/files/text-input.js';

async function firstFinding(message: string) {
  const analysis = await analyzeEvidence(textEvidence(message, 'pasted.txt'), []);
  return analysis.findings[0];
}

describe("applications' and deployers' own denials", () => {
  it("a line behind a Lambda's log group name is a function's, even with the principal redacted (praetorian-inc/chariot-ui#208)", async () => {
    const finding = await firstFinding(
      '[/aws/lambda/chariot-ReportFunction] 2024/07/02 17:11:27 ERROR failed to insert item error="operation error DynamoDB: PutItem, https response error StatusCode: 400, RequestID: *redacted*, api error AccessDeniedException: User: arn:aws:sts::*redacted* is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:us-east-2:*redacted* because no identity-based policy allows the dynamodb:PutItem action"',
    );
    expect(finding).toMatchObject({ role: 'other', action: 'dynamodb:PutItem' });
  });
});
