/**
 * The service control policies over a denied role's account, read live: the account's parents
 * up to the root (ListParents), the SCPs attached to each (ListPoliciesForTarget), and each
 * policy's document (DescribePolicy). Organizations answers only the management account or a
 * delegated administrator; anywhere else the SCPs stay unread and the reason says why.
 *
 * The policies are kept level by level, root first: AWS requires an Allow at every level, and
 * an explicit deny at any.
 */
import {
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  OrganizationsClient,
  paginateListParents,
  paginateListPoliciesForTarget,
} from '@aws-sdk/client-organizations';
import type { AwsClients } from '../aws/clients.js';
import { type AwsCall, attempt, whyUnread } from '../aws/errors.js';
import { allItems } from '../aws/pages.js';
import type { NamedPolicy, ScpLevel } from '../domain/known-policies.js';
import { readPolicyDocument } from '../domain/policy-document.js';

export type AccountScps = { ok: true; levels: ScpLevel[] } | { ok: false; reason: string };

/** SCPs limit the account's principals; RCPs (resource control policies) the account's resources. */
export type OrganizationPolicyType = 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';
const SHORT: Record<OrganizationPolicyType, string> = {
  SERVICE_CONTROL_POLICY: 'SCPs',
  RESOURCE_CONTROL_POLICY: 'RCPs',
};

/** An organization is a handful of levels deep (AWS allows five OUs under the root). */
const MAX_DEPTH = 10;

class Unreadable extends Error {}

/** Each run's Organizations client → account → its path to the root (a failed walk fails both reads). */
const PATHS = new WeakMap<object, Map<string, Promise<string[]>>>();

async function read<T>(call: AwsCall, run: () => Promise<T>): Promise<T> {
  const result = await attempt(call, run);
  if (result.ok) return result.value;
  throw new Unreadable(whyUnread(result.problem));
}

/** Reads the SCPs over each account once; policies shared by several levels or accounts are read once. */
export async function fetchAccountScps(
  clients: Pick<AwsClients, 'other'>,
  accounts: string[],
  type: OrganizationPolicyType = 'SERVICE_CONTROL_POLICY',
): Promise<Map<string, AccountScps>> {
  const organizations = clients.other('organizations', null, (config) => new OrganizationsClient(config));
  const documents = new Map<string, NamedPolicy>();
  const result = new Map<string, AccountScps>();

  async function policy(id: string, arn: string, name: string): Promise<NamedPolicy> {
    const known = documents.get(id);
    if (known) return known;
    const described = await read({ service: 'Organizations', operation: 'DescribePolicy' }, () =>
      organizations.send(new DescribePolicyCommand({ PolicyId: id })),
    );
    const parsed = readPolicyDocument(described.Policy?.Content ?? '');
    if ('problem' in parsed) throw new Unreadable(`the policy ${arn}: ${parsed.problem}`);
    const named: NamedPolicy = {
      name: arn,
      document: parsed.document,
      origin: `api:Organizations.DescribePolicy#${id} (${name})`,
    };
    documents.set(id, named);
    return named;
  }

  /** The account, then its parents up to the root; the walk is shared by the SCP and RCP reads of a run. */
  function pathOf(account: string): Promise<string[]> {
    let paths = PATHS.get(organizations);
    if (!paths) {
      paths = new Map();
      PATHS.set(organizations, paths);
    }
    let path = paths.get(account);
    if (!path) {
      path = walkUp(account);
      paths.set(account, path);
    }
    return path;
  }

  async function walkUp(account: string): Promise<string[]> {
    const targets = [account];
    let child = account;
    for (let depth = 0; depth < MAX_DEPTH; depth += 1) {
      const parents = await read({ service: 'Organizations', operation: 'ListParents' }, () =>
        allItems(
          paginateListParents({ client: organizations }, { ChildId: child }),
          (page) => page.Parents,
        ).catch((error: { name?: string }) => {
          // An account in no organization has no SCPs: nothing to read, not a failed read.
          if (error.name === 'AWSOrganizationsNotInUseException') return null;
          throw error;
        }),
      );
      if (parents === null) return [];
      const parent = parents[0];
      if (!parent?.Id) break;
      targets.push(parent.Id);
      if (parent.Type === 'ROOT') break;
      child = parent.Id;
    }
    return targets;
  }

  async function scpsOver(account: string): Promise<ScpLevel[]> {
    const targets = await pathOf(account);
    const levels: ScpLevel[] = [];
    for (const target of targets) {
      const summaries = await read({ service: 'Organizations', operation: 'ListPoliciesForTarget' }, () =>
        allItems(
          paginateListPoliciesForTarget({ client: organizations }, { TargetId: target, Filter: type }),
          (page) => page.Policies,
        ),
      );
      const policies: NamedPolicy[] = [];
      for (const summary of summaries) {
        if (!summary.Id) continue;
        policies.push(await policy(summary.Id, summary.Arn ?? summary.Id, summary.Name ?? summary.Id));
      }
      // Every level has at least one SCP in AWS (RCPFullAWSAccess is implied): an empty answer adds nothing.
      if (policies.length > 0) levels.push({ target, policies });
    }
    return levels.reverse();
  }

  for (const account of new Set(accounts)) {
    try {
      result.set(account, { ok: true, levels: await scpsOver(account) });
    } catch (error) {
      if (!(error instanceof Unreadable)) throw error;
      result.set(account, { ok: false, reason: `cannot read ${SHORT[type]}: ${error.message}` });
    }
  }
  return result;
}

/** The organization of whydenied's own account: an id, none (no organization), or why it could not be read. */
export type CallerOrganization = { ok: true; id: string | null } | { ok: false; reason: string };

/**
 * DescribeOrganization answers any member account with its organization (the management account
 * and delegated administrators alike); an account in no organization gets
 * AWSOrganizationsNotInUseException, which is an answer, not a failure.
 */
export async function fetchCallerOrganization(
  clients: Pick<AwsClients, 'other'>,
): Promise<CallerOrganization> {
  const organizations = clients.other('organizations', null, (config) => new OrganizationsClient(config));
  try {
    const described = await read({ service: 'Organizations', operation: 'DescribeOrganization' }, () =>
      organizations
        .send(new DescribeOrganizationCommand({}))
        .then((answer) => answer.Organization?.Id ?? null)
        .catch((error: { name?: string }) => {
          if (error.name === 'AWSOrganizationsNotInUseException') return null;
          throw error;
        }),
    );
    return { ok: true, id: described };
  } catch (error) {
    if (!(error instanceof Unreadable)) throw error;
    return { ok: false, reason: `cannot read the organization: ${error.message}` };
  }
}
