import type { PolicyJson } from '../verify/known-policies.js';

export function readPolicyDocument(text: string): PolicyJson {
  return JSON.parse(text) as PolicyJson;
}
