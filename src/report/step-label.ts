/**
 * A finding's step as the lists show it: the step, or, for one of ECS's own principals (whose
 * step is `other`), the duty it was denied in (`ebs-volumes`, `ecs-agent`), which says more.
 */
import type { Finding } from '../domain/analysis.js';

export function stepLabel(finding: Pick<Finding, 'step' | 'ecsDuty'>): string {
  return finding.step === 'other' && finding.ecsDuty ? finding.ecsDuty.name : finding.step;
}
