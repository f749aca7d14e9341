/**
 * The sample fixes hold every case the renderers must handle; if a sample changes so that one
 * disappears, this says which, instead of the renderers' tests silently covering less.
 */
import { describe, expect, it } from 'vitest';
import { sampleFixes } from './sample-fixes.js';

describe('the sample fixes the IaC renderers are tested on', () => {
  it('cover every placement and shape users meet', async () => {
    const fixes = await sampleFixes();
    const has = (test: (fix: (typeof fixes)[number]) => boolean) => fixes.some(test);
    const text = (fix: (typeof fixes)[number]) => JSON.stringify(fix);
    expect({
      multiFinding: has((fix) => fix.findings.length > 1),
      severalRoles:
        fixes.filter((fix) => fix.placement === 'identity-policy' && fix.target?.includes(':role/')).length >
        1,
      crossAccountPull:
        has((fix) => fix.placement === 'repository-policy') &&
        has((fix) => fix.placement === 'identity-policy' && text(fix).includes('ecr:BatchGetImage')),
      keyPolicy: has((fix) => fix.placement === 'key-policy'),
      trustPolicy: has((fix) => fix.placement === 'trust-policy'),
      passRoleCondition: has(
        (fix) => fix.placement === 'deployer-policy' && text(fix).includes('iam:PassedToService'),
      ),
      explicitDeny: has((fix) => fix.placement === 'policy-change' && fix.policy === null),
      nullTarget: has((fix) => fix.target === null),
      placeholders: has((fix) => text(fix).includes('${')),
      user: has((fix) => fix.target?.includes(':user/') === true),
      bucketPolicy: has(
        (fix) => fix.placement === 'resource-policy' && fix.target?.startsWith('arn:aws:s3:::') === true,
      ),
    }).toEqual({
      multiFinding: true,
      severalRoles: true,
      crossAccountPull: true,
      keyPolicy: true,
      trustPolicy: true,
      passRoleCondition: true,
      explicitDeny: true,
      nullTarget: true,
      placeholders: true,
      user: true,
      bucketPolicy: true,
    });
  });
});
