/**
 * An image pull through an ECR pull through cache (issue 12, item 2): the first pull imports the
 * upstream image and creates its repository, so a denial of ecr:BatchImportUpstreamImage needs
 * both, on the cache rule's repository prefix, and the simulator must agree.
 *
 * No published message of this denial was found (the issues, pages and code corpora searched for
 * "BatchImportUpstreamImage" with AccessDenied, "pull through cache" with CannotPullContainerError).
 * The message is IAM's documented AccessDenied sentence
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html) with the
 * action and the `<prefix>/<upstream repository>` naming of the ECR User Guide's pull through cache
 * pages (https://docs.aws.amazon.com/AmazonECR/latest/userguide/pull-through-cache-iam.html:
 * "ecr:BatchImportUpstreamImage … ecr:CreateRepository – … required if the repository storing the
 * cached images doesn't already exist").
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/domain/analysis.js';
import type { PolicyStatement } from '../../src/domain/fix.js';
import { AMAZON_ECS_TASK_EXECUTION_ROLE_POLICY } from '../fixtures/ecs-roles.js';
import { analyzeMessage } from '../run-cli.js';

const account = '111122223333';
const role = `arn:aws:iam::${account}:role/web-execution-role`;
const repository = (name: string, owner = account) => `arn:aws:ecr:us-east-1:${owner}:repository/${name}`;
const message = `AccessDeniedException: User: arn:aws:sts::${account}:assumed-role/web-execution-role/3f1c9a0b7d2e4c8f9a1b2c3d4e5f6a7b is not authorized to perform: ecr:BatchImportUpstreamImage on resource: ${repository('ecr-public/nginx/nginx')} because no identity-based policy allows the ecr:BatchImportUpstreamImage action`;

const taskDefinition = {
  taskDefinition: {
    taskDefinitionArn: `arn:aws:ecs:us-east-1:${account}:task-definition/web:4`,
    family: 'web',
    revision: 4,
    executionRoleArn: role,
    containerDefinitions: [
      { name: 'nginx', image: `${account}.dkr.ecr.us-east-1.amazonaws.com/ecr-public/nginx/nginx:latest` },
    ],
  },
};

async function analysed(): Promise<Finding> {
  const dir = mkdtempSync(join(tmpdir(), 'whydenied-pull-through-'));
  const policies = join(dir, 'policies.json');
  writeFileSync(
    policies,
    JSON.stringify({ principalArn: role, policy: AMAZON_ECS_TASK_EXECUTION_ROLE_POLICY }),
  );
  const { stdout } = await analyzeMessage(dir, message, taskDefinition, policies);
  return JSON.parse(stdout).findings[0];
}

describe('a pull through cache denied ecr:BatchImportUpstreamImage', () => {
  it("is the execution role's image pull, and its fix imports and creates under the cache prefix only", async () => {
    const finding = await analysed();
    expect(finding).toMatchObject({
      role: 'execution-role',
      step: 'image-pull',
      action: 'ecr:BatchImportUpstreamImage',
    });
    const statements = finding.fix?.policy?.Statement ?? [];
    const cache = statements.find((statement) => statement.Action.includes('ecr:BatchImportUpstreamImage'));
    expect(cache?.Action).toEqual(['ecr:BatchImportUpstreamImage', 'ecr:CreateRepository']);
    expect(cache?.Resource).toEqual([repository('ecr-public/*')]);
    expect(finding.fix?.instruction).toContain('ecr-public/*');
  });

  it('is verified by simulation against the role as it is', async () => {
    const finding = await analysed();
    expect(finding.fix?.verified).toBe(true);
    expect(finding.fix?.reason).toContain('EcrPullThroughCache');
  });

  it('allows the first pull (import and create) and denies the neighbours', async () => {
    const finding = await analysed();
    const fix = { Version: '2012-10-17', Statement: finding.fix?.policy?.Statement as PolicyStatement[] };
    const decide = async (action: string, resource: string) => {
      const result = await runSimulation(
        {
          request: {
            principal: role,
            action,
            resource: { resource, accountId: /:(\d{12}):/.exec(resource)?.[1] ?? '' },
            contextVariables: {},
          },
          identityPolicies: [
            { name: 'execution', policy: AMAZON_ECS_TASK_EXECUTION_ROLE_POLICY },
            { name: 'fix', policy: fix },
          ],
          serviceControlPolicies: [],
          resourceControlPolicies: [],
        },
        {},
      );
      if (result.resultType === 'error') throw new Error(result.errors.message);
      return result.overallResult;
    };
    expect(await decide('ecr:BatchImportUpstreamImage', repository('ecr-public/nginx/nginx'))).toBe(
      'Allowed',
    );
    expect(await decide('ecr:CreateRepository', repository('ecr-public/nginx/nginx'))).toBe('Allowed');
    expect(
      await decide('ecr:BatchImportUpstreamImage', repository('ecr-public/nginx/nginx', '444455556666')),
    ).not.toBe('Allowed');
    expect(await decide('ecr:CreateRepository', repository('payments'))).not.toBe('Allowed');
    expect(await decide('ecr:CreateRepository', repository('ecr-publicity/nginx'))).not.toBe('Allowed');
    expect(await decide('ecr:DeleteRepository', repository('ecr-public/nginx/nginx'))).not.toBe('Allowed');
    expect(await decide('ecr:PutImage', repository('ecr-public/nginx/nginx'))).not.toBe('Allowed');
  });
});
