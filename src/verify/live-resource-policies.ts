/**
 * The resource policies on a denied request's path, read live so the local check evaluates
 * them as IAM does: a KMS key's key policy (GetKeyPolicy), an ECR repository's policy
 * (GetRepositoryPolicy), a secret's resource policy (GetResourcePolicy, never its value), a
 * bucket's policy (GetBucketPolicy).
 * Each is read in the resource's own region and account. A resource with no policy is known
 * to have none (an empty document); one whose policy cannot be read is named with the reason,
 * so the finding says which policy stayed unverified and why.
 */
import { ECRClient, GetRepositoryPolicyCommand } from '@aws-sdk/client-ecr';
import { GetKeyPolicyCommand, KMSClient } from '@aws-sdk/client-kms';
import { GetBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { GetResourcePolicyCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { AwsClients } from '../aws/clients.js';
import { type AwsCall, attempt, warningOf, whyUnread } from '../aws/errors.js';
import type { InputWarning } from '../domain/evidence.js';
import { type NamedPolicy, resourcePolicyKey } from '../domain/known-policies.js';
import { readPolicyDocument } from '../domain/policy-document.js';

export interface ResourcePolicies {
  /** resourcePolicyKey → the policy read; a resource without one has an empty Statement list. */
  resources: Map<string, NamedPolicy>;
  warnings: InputWarning[];
  /** resourcePolicyKey → why its policy is not known ("the key policy of … could not be read: …"). */
  unreadable: Map<string, string>;
}

interface PolicyRead {
  /** What the policy is called in a reason: "key policy", "repository policy", "resource policy". */
  kind: string;
  call: AwsCall;
  /** The document as the service returns it; null when the resource has no policy. */
  read: () => Promise<string | null>;
}

const ARN = /^arn:([\w-]+):([\w-]+):([a-z0-9-]*):(\d{12}):(.+)$/;
const BUCKET = /^arn:[\w-]+:s3:::([^/]+)$/;

/** Absent, the answer that a resource has no policy of this kind: none to read, not a failed read. */
function orNone(read: () => Promise<string | null>, noPolicy: string): () => Promise<string | null> {
  return async () => {
    try {
      return await read();
    } catch (error) {
      if ((error as { name?: string }).name === noPolicy) return null;
      throw error;
    }
  };
}

/** How to read the policy of one resource, or null for a resource whose policy is not read live. */
function policyReadOf(clients: Pick<AwsClients, 'other'>, arn: string): PolicyRead | null {
  const bucket = BUCKET.exec(arn)?.[1];
  if (bucket) {
    // A bucket's ARN has no region: S3 redirects to it. An endpoint override (tests, LocalStack) is path style.
    const s3 = clients.other(
      's3',
      null,
      (config) =>
        new S3Client({ ...config, forcePathStyle: 'endpoint' in config, followRegionRedirects: true }),
    );
    return {
      kind: 'bucket policy',
      call: { service: 'S3', operation: 'GetBucketPolicy' },
      read: orNone(
        async () => (await s3.send(new GetBucketPolicyCommand({ Bucket: bucket }))).Policy ?? null,
        'NoSuchBucketPolicy',
      ),
    };
  }
  const match = ARN.exec(arn);
  if (!match) return null;
  const [, , service, region, account, rest] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (service === 'kms' && rest.startsWith('key/')) {
    const kms = clients.other('kms', region || null, (config) => new KMSClient(config));
    return {
      kind: 'key policy',
      call: { service: 'KMS', operation: 'GetKeyPolicy' },
      // "default" is the only name a key policy has.
      read: async () =>
        (await kms.send(new GetKeyPolicyCommand({ KeyId: arn, PolicyName: 'default' }))).Policy ?? null,
    };
  }
  if (service === 'ecr' && rest.startsWith('repository/')) {
    const ecr = clients.other('ecr', region || null, (config) => new ECRClient(config));
    const repositoryName = rest.slice('repository/'.length);
    return {
      kind: 'repository policy',
      call: { service: 'ECR', operation: 'GetRepositoryPolicy' },
      read: orNone(
        async () =>
          (await ecr.send(new GetRepositoryPolicyCommand({ registryId: account, repositoryName })))
            .policyText ?? null,
        'RepositoryPolicyNotFoundException',
      ),
    };
  }
  if (service === 'secretsmanager' && rest.startsWith('secret:')) {
    const secrets = clients.other(
      'secretsmanager',
      region || null,
      (config) => new SecretsManagerClient(config),
    );
    return {
      kind: 'resource policy',
      call: { service: 'SecretsManager', operation: 'GetResourcePolicy' },
      // A secret without a policy answers without ResourcePolicy.
      read: async () =>
        (await secrets.send(new GetResourcePolicyCommand({ SecretId: arn }))).ResourcePolicy ?? null,
    };
  }
  return null;
}

/** Reads each resource's policy once, one at a time (a handful per run). */
export async function fetchResourcePolicies(
  clients: Pick<AwsClients, 'other'>,
  resourceArns: string[],
): Promise<ResourcePolicies> {
  const result: ResourcePolicies = { resources: new Map(), warnings: [], unreadable: new Map() };
  const keys = [...new Set(resourceArns.map(resourcePolicyKey))];
  for (const key of keys) {
    const how = policyReadOf(clients, key);
    if (!how) continue;
    const origin = `api:${how.call.service}.${how.call.operation}#${key}`;
    const read = await attempt(how.call, how.read);
    if (!read.ok) {
      result.unreadable.set(key, `the ${how.kind} of ${key} could not be read: ${whyUnread(read.problem)}`);
      const seen = result.warnings.some(
        (warning) => warning.origin === read.problem.origin && warning.problem === read.problem.message,
      );
      if (!seen) {
        result.warnings.push(warningOf(read.problem));
      }
      continue;
    }
    if (read.value === null) {
      result.resources.set(key, { name: `${how.kind} (none)`, document: { Statement: [] }, origin });
      continue;
    }
    const parsed = readPolicyDocument(read.value);
    if ('problem' in parsed) {
      result.unreadable.set(key, `the ${how.kind} of ${key} could not be read: ${parsed.problem}`);
      result.warnings.push({
        origin,
        problem: `${how.kind}: ${parsed.problem}`,
        expected: `a ${how.kind} document (JSON, as ${how.call.service} returns it)`,
      });
      continue;
    }
    result.resources.set(key, { name: how.kind, document: parsed.document, origin });
  }
  return result;
}
