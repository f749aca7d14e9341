/**
 * `whydenied check` without --policies: the policies a task definition's start-up depends on,
 * read live by the readers live verification uses (IAM's GetRole, ListRolePolicies,
 * GetRolePolicy, ListAttachedRolePolicies, GetPolicy, GetPolicyVersion; KMS GetKeyPolicy,
 * Secrets Manager GetResourcePolicy, ECR GetRepositoryPolicy, S3 GetBucketPolicy), and IAM's
 * simulator (SimulatePrincipalPolicy, which stores nothing) on each identity-policy fix. Reads
 * only: what cannot be read is a warning naming the permission, and the request stays undecided.
 */
import type { AwsClients, AwsOptions } from './aws/clients.js';
import type { LivePolicyReader } from './check.js';

/**
 * A reader over clients made on first use, in the task's region unless one was given; close()
 * ends them.
 */
export function livePolicyReader(options: AwsOptions): LivePolicyReader & { close(): void } {
  let clients: AwsClients | null = null;
  const clientsIn = async (region: string) => {
    if (!clients) {
      const { createClients } = await import('./aws/clients.js');
      clients = createClients({ ...options, region: options.region ?? (region || undefined) });
    }
    return clients;
  };
  return {
    async read({ roleArns, resourceArns, region }) {
      const { readLivePolicies } = await import('./verify/verify-live.js');
      const { policies, warnings } = await readLivePolicies(await clientsIn(region), roleArns, resourceArns);
      return { policies, warnings };
    },
    async verifyWithIam(finding) {
      const fix = finding.fix;
      if (!fix) return { fix, warnings: [] };
      const [{ checkedByIam }, { warningOf }] = await Promise.all([
        import('./verify/verify-live.js'),
        import('./aws/errors.js'),
      ]);
      const aws = await clientsIn('');
      const checked = await checkedByIam(aws.iam, finding, fix, {
        verified: fix.verified,
        reason: fix.reason,
      });
      return { fix: checked.fix, warnings: checked.problem ? [warningOf(checked.problem)] : [] };
    },
    close() {
      clients?.destroy();
    },
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
