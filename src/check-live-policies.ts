/**
 * `whydenied check` without --policies: the policies a task definition's start-up depends on,
 * read live by the readers live verification uses (IAM's GetRole, ListRolePolicies,
 * GetRolePolicy, ListAttachedRolePolicies, GetPolicy, GetPolicyVersion; KMS GetKeyPolicy,
 * Secrets Manager GetResourcePolicy, ECR GetRepositoryPolicy, S3 GetBucketPolicy). Reads only:
 * what cannot be read is a warning naming the permission, and the request stays undecided.
 */
import type { AwsOptions } from './aws/clients.js';
import type { LivePolicyReader } from './check.js';

/** A reader over clients made on first use, in the task's region unless one was given. */
export function livePolicyReader(options: AwsOptions): LivePolicyReader {
  return async ({ roleArns, resourceArns, region }) => {
    const [{ createClients }, { fetchRolePolicies }, { fetchResourcePolicies }] = await Promise.all([
      import('./aws/clients.js'),
      import('./verify/live-policies.js'),
      import('./verify/live-resource-policies.js'),
    ]);
    const clients = createClients({ ...options, region: options.region ?? (region || undefined) });
    try {
      const roles = await fetchRolePolicies(clients.iam, roleArns);
      const resources = await fetchResourcePolicies(clients, resourceArns);
      for (const [key, policy] of resources.resources) roles.policies.resources.set(key, policy);
      return { policies: roles.policies, warnings: [...roles.warnings, ...resources.warnings] };
    } finally {
      clients.destroy();
    }
  };
}

/** Whether the environment holds credentials the standard chain would find without a network call. */
export function hasCredentialsInEnvironment(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(
    env.AWS_ACCESS_KEY_ID ||
      env.AWS_PROFILE ||
      env.AWS_WEB_IDENTITY_TOKEN_FILE ||
      env.AWS_CONTAINER_CREDENTIALS_FULL_URI ||
      env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI,
  );
}
