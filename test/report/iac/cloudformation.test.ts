import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MergedFix } from '../../../src/domain/merge-fixes.js';
import { renderCloudFormation } from '../../../src/report/iac/cloudformation.js';
import { principalOf } from '../../../src/report/iac/fix-facts.js';
import { expectGolden, installed } from './golden.js';
import { sampleFixes } from './sample-fixes.js';

const hasCfnLint = installed('cfn-lint');

/** PyYAML comes with cfn-lint; it reads `!Sub x` as {"Fn::Sub": x}, as CloudFormation does. */
const YAML_TO_JSON = `
import json, sys, yaml
class Loader(yaml.SafeLoader): pass
Loader.add_constructor('!Sub', lambda loader, node: {'Fn::Sub': loader.construct_scalar(node)})
print(json.dumps(yaml.load(sys.stdin, Loader=Loader)))
`;
const hasPyYaml = spawnSync('python3', ['-c', 'import yaml']).status === 0;

function lint(template: string): { status: number | null; output: string } {
  const folder = mkdtempSync(join(tmpdir(), 'whydenied-cfn-'));
  try {
    const path = join(folder, 'template.yaml');
    writeFileSync(path, template);
    const run = spawnSync('cfn-lint', [path], { encoding: 'utf8' });
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const fullTemplate = (fragment: string) => `AWSTemplateFormatVersion: "2010-09-09"\n${fragment}`;

/** `{"Fn::Sub": s}` back to the string it substitutes into: our placeholders are the parameters' names. */
function unSub(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unSub);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0]?.[0] === 'Fn::Sub') return entries[0][1];
    return Object.fromEntries(entries.map(([key, item]) => [key, unSub(item)]));
  }
  return value;
}

describe('renderCloudFormation', () => {
  it('renders the sample fixes as in the golden file', async () => {
    expectGolden('samples.cfn.yaml', renderCloudFormation(await sampleFixes()));
  });

  it.skipIf(!hasCfnLint)('is a valid template once given a format version (cfn-lint)', async () => {
    const result = lint(fullTemplate(renderCloudFormation(await sampleFixes())));
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  });

  it.skipIf(!hasPyYaml)(
    'parses back to the fixes: one policy resource per inline fix, same documents',
    async () => {
      const fixes = await sampleFixes();
      const parsed = spawnSync('python3', ['-c', YAML_TO_JSON], {
        input: renderCloudFormation(fixes),
        encoding: 'utf8',
      });
      expect(parsed.stderr).toBe('');
      const template = JSON.parse(parsed.stdout) as {
        Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
        Parameters: Record<string, unknown>;
      };
      const inline = fixes.filter(
        (fix) =>
          fix.policy &&
          principalOf(fix.target) &&
          ['identity-policy', 'deployer-policy'].includes(fix.placement),
      );
      const resources = Object.values(template.Resources);
      expect(resources).toHaveLength(inline.length);
      resources.forEach((resource, index) => {
        const fix = inline[index] as MergedFix;
        const principal = principalOf(fix.target);
        expect(resource.Type).toBe(
          principal?.kind === 'role' ? 'AWS::IAM::RolePolicy' : 'AWS::IAM::UserPolicy',
        );
        expect(resource.Properties[principal?.kind === 'role' ? 'RoleName' : 'UserName']).toBe(
          principal?.name,
        );
        expect(unSub(resource.Properties.PolicyDocument)).toEqual(fix.policy);
      });
      expect(Object.keys(template.Parameters)).toEqual([
        'BucketName',
        'ObjectName',
        'Region',
        'StackName',
        'Id',
      ]);
    },
  );

  it('keeps IAM policy variables literal inside !Sub', () => {
    const fix: MergedFix = {
      placement: 'identity-policy',
      target: 'arn:aws:iam::111122223333:role/app',
      policy: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'Own',
            Effect: 'Allow',
            Action: ['s3:GetObject'],
            // biome-ignore lint/suspicious/noTemplateCurlyInString: the placeholders and IAM policy variables are literal here
            Resource: 'arn:aws:s3:::${BucketName}/${aws:username}/*',
          },
        ],
      },
      instructions: [],
      findings: [1],
      verified: null,
    };
    expect(renderCloudFormation([fix])).toContain(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the placeholders and IAM policy variables are literal here
      'Resource: !Sub "arn:aws:s3:::${BucketName}/${!aws:username}/*"',
    );
  });

  it('never declares a resource that replaces a whole key, repository, bucket or trust policy', async () => {
    const rendered = renderCloudFormation(await sampleFixes());
    expect(rendered).not.toMatch(/^\s+Type: AWS::(KMS::Key|ECR::Repository|S3::BucketPolicy|IAM::Role)$/m);
    expect(rendered).toContain('# merge into KeyPolicy of the AWS::KMS::Key');
    expect(rendered).toContain(
      '# merge into AssumeRolePolicyDocument of the AWS::IAM::Role search-indexer-task-role',
    );
  });
});
