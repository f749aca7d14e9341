/**
 * What the fake knows of an account, answered the way ECS and CloudTrail answer: recorded
 * describe-* outputs and CloudTrail records, filtered and paginated per request, so any plan
 * of calls whydenied makes gets the answers AWS would give.
 */
export type Json = Record<string, unknown>;

export interface EcsStore {
  services: Json[];
  tasks: Json[];
  taskDefinitions: Json[];
}

export interface StoreAnswer {
  status: number;
  body: Json;
}

const ok = (body: Json): StoreAnswer => ({ status: 200, body });
const fail = (type: string, message: string): StoreAnswer => ({
  status: 400,
  body: { __type: type, message },
});

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

const lastPart = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);
const clusterName = (value: string | null) => (value ? lastPart(value) : 'default');

function page<T>(items: T[], request: Json, limit: number): { items: T[]; nextToken: string | null } {
  const start = Number(str(request.nextToken) ?? str(request.NextToken) ?? '0') || 0;
  const size = Math.min(Number(request.maxResults ?? request.MaxResults ?? limit) || limit, limit);
  const next = start + size < items.length ? String(start + size) : null;
  return { items: items.slice(start, start + size), nextToken: next };
}

/** Region and name of a cluster ARN (`arn:aws:ecs:<region>:<account>:cluster/<name>`). */
function clusterKey(arn: unknown): string {
  const text = str(arn) ?? '';
  return `${text.split(':')[3] ?? ''}/${clusterName(text)}`;
}

/**
 * ECS answers for the region the request was signed for: asking the right cluster in the
 * wrong region gets ClusterNotFoundException, as it does from AWS.
 */
export function answerEcs(
  store: EcsStore,
  operation: string,
  request: Json,
  region: string,
): StoreAnswer | null {
  const cluster = clusterName(str(request.cluster));
  const inCluster = (item: Json) => clusterKey(item.clusterArn) === `${region}/${cluster}`;
  const known = [...store.services, ...store.tasks].some(inCluster);
  if (!known && ['DescribeServices', 'ListServices', 'ListTasks', 'DescribeTasks'].includes(operation)) {
    return fail('ClusterNotFoundException', 'Cluster not found.');
  }
  switch (operation) {
    case 'DescribeServices': {
      const wanted = strings(request.services);
      const found = store.services.filter(
        (service) =>
          inCluster(service) &&
          wanted.some((name) => name === service.serviceName || name === service.serviceArn),
      );
      const failures = wanted
        .filter((name) => !found.some((s) => name === s.serviceName || name === s.serviceArn))
        .map((name) => ({ arn: name, reason: 'MISSING' }));
      return ok({ services: found, failures });
    }
    case 'ListServices': {
      const arns = store.services.filter(inCluster).map((service) => str(service.serviceArn) ?? '');
      const { items, nextToken } = page(arns, request, 10);
      return ok({ serviceArns: items, ...(nextToken ? { nextToken } : {}) });
    }
    case 'ListTasks': {
      const status = str(request.desiredStatus) ?? 'RUNNING';
      const service = str(request.serviceName);
      const family = str(request.family);
      const arns = store.tasks
        .filter(
          (task) =>
            inCluster(task) &&
            task.desiredStatus === status &&
            (!service || task.group === `service:${service}`) &&
            (!family || (str(task.taskDefinitionArn) ?? '').includes(`task-definition/${family}:`)),
        )
        .map((task) => str(task.taskArn) ?? '');
      const { items, nextToken } = page(arns, request, 100);
      return ok({ taskArns: items, ...(nextToken ? { nextToken } : {}) });
    }
    case 'DescribeTasks': {
      const wanted = strings(request.tasks);
      if (wanted.length > 100)
        return fail('InvalidParameterException', 'Tasks cannot have more than 100 elements');
      const tasks = wanted
        .map((id) =>
          store.tasks.find((task) => task.taskArn === id || lastPart(str(task.taskArn) ?? '') === id),
        )
        .filter((task): task is Json => task !== undefined);
      const failures = wanted
        .filter(
          (id) => !tasks.some((task) => task.taskArn === id || lastPart(str(task.taskArn) ?? '') === id),
        )
        .map((id) => ({ arn: id, reason: 'MISSING' }));
      return ok({ tasks, failures });
    }
    case 'DescribeTaskDefinition': {
      const wanted = str(request.taskDefinition) ?? '';
      const matches = store.taskDefinitions.filter((definition) => {
        const arn = str(definition.taskDefinitionArn) ?? '';
        return arn === wanted || lastPart(arn) === wanted || definition.family === wanted;
      });
      const newest = matches.sort((a, b) => Number(b.revision) - Number(a.revision))[0];
      return newest
        ? ok({ taskDefinition: newest, tags: [] })
        : fail('ClientException', 'Unable to describe task definition.');
    }
    default:
      return null;
  }
}

/** The name LookupEvents matches `Username` against: the session name of an assumed role. */
function userName(record: Json): string {
  const identity = (record.userIdentity ?? {}) as Json;
  const arn = str(identity.arn) ?? '';
  if (str(identity.type) === 'AssumedRole') return lastPart(arn);
  return str(identity.userName) ?? lastPart(arn);
}

function resourcesOf(record: Json): { ResourceType: string; ResourceName: string }[] {
  const listed = Array.isArray(record.resources) ? (record.resources as Json[]) : [];
  const fromList = listed.map((resource) => ({
    ResourceType: str(resource.type) ?? '',
    ResourceName: str(resource.ARN) ?? str(resource.arn) ?? '',
  }));
  // CloudTrail also indexes names from the request (a secret id, a role ARN, a parameter name).
  const request = (record.requestParameters ?? {}) as Json;
  const fromRequest = Object.values(request)
    .flatMap((value) => (Array.isArray(value) ? value : [value]))
    .filter((value): value is string => typeof value === 'string' && value !== '')
    .map((name) => ({ ResourceType: '', ResourceName: name }));
  return [...fromList, ...fromRequest];
}

function eventSeconds(record: Json): number {
  return Date.parse(str(record.eventTime) ?? '') / 1000;
}

function lookupEvent(record: Json): Json {
  return {
    EventId: record.eventID,
    EventName: record.eventName,
    ReadOnly: String(record.readOnly ?? 'false'),
    AccessKeyId: ((record.userIdentity ?? {}) as Json).accessKeyId,
    EventTime: eventSeconds(record),
    EventSource: record.eventSource,
    Username: userName(record),
    Resources: resourcesOf(record).filter((resource) => resource.ResourceType !== ''),
    CloudTrailEvent: JSON.stringify(record),
  };
}

const ATTRIBUTES: Record<string, (record: Json, value: string) => boolean> = {
  EventId: (record, value) => record.eventID === value,
  EventName: (record, value) => record.eventName === value,
  EventSource: (record, value) => record.eventSource === value,
  Username: (record, value) => userName(record) === value,
  ReadOnly: (record, value) => String(record.readOnly ?? 'false') === value,
  AccessKeyId: (record, value) => ((record.userIdentity ?? {}) as Json).accessKeyId === value,
  ResourceName: (record, value) => resourcesOf(record).some((resource) => resource.ResourceName === value),
  ResourceType: (record, value) => resourcesOf(record).some((resource) => resource.ResourceType === value),
};

/**
 * LookupEvents: one attribute at most, newest first, 50 a page, within StartTime/EndTime, and
 * only the events of the region the call was signed for: IAM's and other global services'
 * events (`awsRegion` us-east-1) are found in us-east-1 alone, as AWS answers since November
 * 2021 (https://github.com/SummitRoute/aws_breaking_changes/issues/51). A record without an
 * `awsRegion` is found in every region.
 */
export function answerLookupEvents(records: Json[], request: Json, region?: string): StoreAnswer {
  const attributes = Array.isArray(request.LookupAttributes) ? (request.LookupAttributes as Json[]) : [];
  if (attributes.length > 1) {
    return fail('InvalidLookupAttributesException', 'You cannot specify more than one lookup attribute.');
  }
  const attribute = attributes[0];
  const matcher = attribute ? ATTRIBUTES[str(attribute.AttributeKey) ?? ''] : undefined;
  if (attribute && !matcher) return fail('InvalidLookupAttributesException', 'Invalid lookup attribute key.');
  const start = typeof request.StartTime === 'number' ? request.StartTime : Number.NEGATIVE_INFINITY;
  const end = typeof request.EndTime === 'number' ? request.EndTime : Number.POSITIVE_INFINITY;
  const maxResults = Number(request.MaxResults ?? 50);
  if (maxResults > 50) return fail('InvalidMaxResultsException', 'MaxResults must be 50 or fewer.');
  const matching = records
    .filter((record) => {
      const seconds = eventSeconds(record);
      return seconds >= start && seconds <= end;
    })
    .filter((record) => !region || typeof record.awsRegion !== 'string' || record.awsRegion === region)
    .filter((record) => !attribute || !matcher || matcher(record, str(attribute.AttributeValue) ?? ''))
    .sort((a, b) => eventSeconds(b) - eventSeconds(a));
  const startAt = Number(Buffer.from(str(request.NextToken) ?? '', 'base64').toString() || '0');
  const events = matching.slice(startAt, startAt + maxResults).map(lookupEvent);
  const next = startAt + maxResults < matching.length ? String(startAt + maxResults) : null;
  return ok({ Events: events, ...(next ? { NextToken: Buffer.from(next).toString('base64') } : {}) });
}
