/**
 * Services that make a call themselves, with their own service principal or a role of theirs,
 * and say so in their own words: a pull of the image a job runs (SageMaker, EMR Serverless), a
 * state machine's role (Step Functions), App Runner's instance role. None is an ECS task's role.
 */
import { describe, expect, it } from 'vitest';
import { firstFinding, publishedCase } from '../pasted-message.js';

describe("services' own words for their own calls", () => {
  it.each([
    [
      'SageMaker: the repository does not grant its service principal the pull (gm-01: aws/deep-learning-containers#5657)',
      'gm-01',
      { role: 'other', step: 'image-pull', policyType: 'resource' },
    ],
    [
      "SageMaker's CreateTrainingJob: 'Access denied for repository … in registry ID …' (gm-02: aws/sagemaker-spark-container#158)",
      'gm-02',
      { role: 'other', step: 'image-pull' },
    ],
    [
      "EMR Serverless's service principal refused ECR:DescribeImages (gm-07: re:Post's article)",
      'gm-07',
      { role: 'other', step: 'image-pull', action: 'ecr:DescribeImages' },
    ],
    [
      "Step Functions' 'The state machine IAM Role is not authorized to access the Log Destination' from sam deploy (gn-03: Qiita)",
      'gn-03',
      { role: 'other', step: 'other' },
    ],
    [
      "Step Functions naming the state machine's role it refused, 'is not authorized to create managed-rule' (gm-13)",
      'gm-13',
      { role: 'other', step: 'other' },
    ],
    [
      "App Runner's instance role it could not assume, the role's ARN left out by the write-up (gm-25)",
      'gm-25',
      { role: 'other', step: 'trust', action: 'sts:AssumeRole' },
    ],
    [
      "CloudFormation's refused read of a Lambda's code from S3, its comma left out (go-03: aws/copilot-cli#3950)",
      'go-03',
      { role: 'other', step: 'other', action: 's3:GetObject' },
    ],
  ] as const)('%s', async (_, id, expected) => {
    expect(await firstFinding(publishedCase(id))).toMatchObject(expected);
  });
});
