/**
 * A policy document as AWS hands it out: an object (the AWS CLI decodes IAM's), a JSON string
 * (Organizations, S3, KMS, ECR, Secrets Manager), or URL-encoded JSON (IAM's raw API and the SDKs).
 */

import { isObject, strings } from './json-value.js';
import type { PolicyJson, PolicyStatementJson } from './known-policies.js';

export type DocumentResult = { document: PolicyJson } | { problem: string };

function fromText(text: string): DocumentResult {
  let json = text.trim();
  if (json.startsWith('%')) {
    try {
      json = decodeURIComponent(json);
    } catch (error) {
      return { problem: `broken URL encoding (${(error as Error).message})` };
    }
  }
  if (!json.startsWith('{'))
    return { problem: `a string that is not a JSON policy (${JSON.stringify(text.slice(0, 40))})` };
  try {
    return fromObject(JSON.parse(json));
  } catch (error) {
    return { problem: `invalid JSON in the policy string (${(error as Error).message})` };
  }
}

function fromObject(value: unknown): DocumentResult {
  if (!isObject(value)) return { problem: 'the policy is not a JSON object' };
  const statement = value.Statement;
  const statements = Array.isArray(statement) ? statement : isObject(statement) ? [statement] : null;
  if (statements === null || !statements.every(isObject)) {
    return { problem: 'the policy has no Statement object or list' };
  }
  // One statement may stand alone; a list is the one form the rest of the program reads.
  const document: PolicyJson = { Statement: statements as PolicyStatementJson[] };
  if (typeof value.Version === 'string') document.Version = value.Version;
  if (typeof value.Id === 'string') document.Id = value.Id;
  return { document };
}

export function readPolicyDocument(value: unknown): DocumentResult {
  return typeof value === 'string' ? fromText(value) : fromObject(value);
}

export function isPolicyDocumentShape(value: unknown): boolean {
  return (
    isObject(value) && 'Statement' in value && (isObject(value.Statement) || Array.isArray(value.Statement))
  );
}

/** Whether any statement names a Principal: a resource or trust policy, not an identity policy. */
export function namesPrincipal(document: PolicyJson): boolean {
  return document.Statement.some((statement) => 'Principal' in statement || 'NotPrincipal' in statement);
}

/** Every Resource value of every statement, as written. */
export function statementResources(document: PolicyJson): string[] {
  return document.Statement.flatMap((statement) => strings(statement.Resource));
}
