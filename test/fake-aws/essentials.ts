/**
 * What a live analysis must share with the offline analysis of the same recorded outputs: the
 * diagnosis and the fix of every finding (not the origins, which name an API instead of a file).
 */
import type { Analysis } from '../../src/domain/analysis.js';

export function essentials(analysis: Analysis) {
  return analysis.findings.map((finding) => ({
    role: finding.role,
    step: finding.step,
    action: finding.action,
    resource: finding.resource,
    roleArn: finding.roleArn,
    taskId: finding.taskId,
    policyType: finding.policyType,
    explicitDeny: finding.explicitDeny,
    count: finding.count,
    firstSeen: finding.firstSeen,
    taskDefinition: finding.taskDefinition,
    revisionChange: finding.revisionChange,
    fix: finding.fix && {
      placement: finding.fix.placement,
      target: finding.fix.target,
      policy: finding.fix.policy,
    },
  }));
}
