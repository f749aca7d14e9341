import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { MergedFix } from '../../../src/domain/merge-fixes.js';
import { renderTerraform } from '../../../src/report/iac/terraform.js';
import { expectGolden, installed } from './golden.js';
import { sampleFixes } from './sample-fixes.js';

const hasTerraform = installed('terraform', 'version');

/** An IAM policy variable and quotes: both must stay literal in HCL. */
const awkward: MergedFix = {
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
        Resource: 'arn:aws:s3:::b/${aws:username}/"q"',
      },
    ],
  },
  instructions: [],
  findings: [1],
  verified: null,
};

describe('renderTerraform', () => {
  it('renders the sample fixes as in the golden file', async () => {
    expectGolden('samples.tf', renderTerraform(await sampleFixes()));
  });

  it.skipIf(!hasTerraform)('writes what terraform fmt would (terraform fmt -check)', async () => {
    const rendered = renderTerraform([...(await sampleFixes()), awkward]);
    const check = spawnSync('terraform', ['fmt', '-check', '-'], { input: rendered, encoding: 'utf8' });
    const formatted = spawnSync('terraform', ['fmt', '-'], { input: rendered, encoding: 'utf8' }).stdout;
    expect(formatted).toBe(rendered);
    expect(check.status).toBe(0);
  });

  it('attaches inline policies to roles and users by name, never by ARN', async () => {
    const rendered = renderTerraform(await sampleFixes());
    expect(rendered).toContain('role   = "orders-api-execution-role"');
    expect(rendered).toContain('resource "aws_iam_user_policy"');
    expect(rendered).toContain('user   = "parking-airflow-user"');
    expect(rendered).not.toMatch(/role\s+= "arn:/);
  });

  it('never generates a resource that replaces a whole key, repository, bucket or trust policy', async () => {
    const rendered = renderTerraform(await sampleFixes());
    for (const replacing of [
      'aws_kms_key"',
      'aws_kms_key_policy"',
      'aws_ecr_repository_policy"',
      'aws_s3_bucket_policy"',
      'aws_iam_role"',
    ])
      expect(rendered).not.toContain(`resource "${replacing}`);
    expect(rendered).toContain('REPLACES the whole trust policy');
  });

  it('turns placeholders into variables and keeps other ${ literal', async () => {
    const rendered = renderTerraform(await sampleFixes());
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the placeholders and IAM policy variables are literal here
    expect(rendered).toContain('"arn:aws:s3:::${var.bucket_name}/${var.object_name}"');
    expect(rendered).toContain('variable "bucket_name" {');
    expect(renderTerraform([awkward])).toContain('resources = ["arn:aws:s3:::b/$${aws:username}/\\"q\\""]');
  });

  it('says when there is nothing to render', () => {
    expect(renderTerraform([])).toBe('# whydenied: no fixes to propose\n');
  });
});
