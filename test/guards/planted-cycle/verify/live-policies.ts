// A comment that names '../domain/analysis.js' is not an import.
/* import { nothing } from '../domain/timeline.js'; */
import { readPolicyDocument } from '../sources/policy-document.js';
import type { PolicyJson } from './known-policies.js';

export async function livePolicy(text: string): Promise<PolicyJson> {
  const { firstTime } = await import('../domain/timeline.js');
  void firstTime;
  return readPolicyDocument(text);
}
