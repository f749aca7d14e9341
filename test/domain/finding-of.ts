import type { Finding } from '../../src/domain/analysis.js';

/** A finding with every fact empty but the ones a test names: the cause tests vary one fact at a time. */
export function finding(facts: Partial<Finding> = {}): Finding {
  return {
    role: 'task-role',
    step: 'app-call',
    action: 's3:GetObject',
    resource: null,
    resources: [],
    principalArn: null,
    roleArn: null,
    taskId: null,
    taskDefinitionArn: null,
    service: null,
    taskDefinition: null,
    revisionChange: null,
    fix: null,
    policyType: null,
    policyArn: null,
    authorizationId: null,
    explicitDeny: null,
    firstSeen: '2026-01-01T00:00:00.000Z',
    lastSeen: null,
    count: 1,
    reasons: [],
    evidence: [],
    ...facts,
  };
}
