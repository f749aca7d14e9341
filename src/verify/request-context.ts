/**
 * The request context IAM evaluates conditions against. The local simulator does not derive
 * any of it from the request, so it is rebuilt here from the CloudTrail record: a condition
 * on aws:SourceVpce or aws:RequestedRegion that the real request met must meet it here too.
 */

import { TASKS_SERVICE } from '../domain/ecs-steps.js';
import { isObject, text } from '../domain/json-value.js';
import { accountOfArn } from '../domain/principal.js';

const IP = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-f:]+:[0-9a-f:]*)$/i;

/** Services that assume the role themselves rather than forward the caller's session (no aws:CalledVia). */
const ROLE_ASSUMING_SERVICES = new Set([TASKS_SERVICE, 'ecs.amazonaws.com']);

/** aws:PrincipalArn of a role session is the role's ARN (with its path when CloudTrail gives it), not the session's. */
function principalArnKey(principalArn: string, issuerArn: string | null): string {
  if (issuerArn) return issuerArn;
  const session = /^arn:([\w-]+):sts::(\d{12}):assumed-role\/([^/]+)\//.exec(principalArn);
  if (session) return `arn:${session[1]}:iam::${session[2]}:role/${session[3]}`;
  return principalArn;
}

function principalType(principalArn: string): string | null {
  if (/:assumed-role\//.test(principalArn)) return 'AssumedRole';
  if (/:user\//.test(principalArn)) return 'User';
  if (/:root$/.test(principalArn)) return 'Account';
  return null;
}

export function requestContext(
  record: unknown,
  principalArn: string,
  resource: string,
  action: string | null = null,
  passedToService: string | null = TASKS_SERVICE,
): Record<string, string | string[]> {
  const call = isObject(record) ? record : {};
  const identity = isObject(call.userIdentity) ? call.userIdentity : {};
  const session = isObject(identity.sessionContext) ? identity.sessionContext : {};
  const issuer = isObject(session.sessionIssuer) ? text(session.sessionIssuer.arn) : null;
  const context: Record<string, string | string[]> = {
    // Every AWS API endpoint is HTTPS-only, so a recorded call was made over TLS.
    'aws:SecureTransport': 'true',
    'aws:PrincipalArn': principalArnKey(principalArn, issuer),
  };
  const principalAccount = accountOfArn(principalArn) ?? text(identity.accountId);
  if (principalAccount) context['aws:PrincipalAccount'] = principalAccount;
  const type = principalType(principalArn);
  if (type) context['aws:PrincipalType'] = type;
  const resourceAccount = accountOfArn(resource) ?? text(call.recipientAccountId);
  if (resourceAccount) context['aws:ResourceAccount'] = resourceAccount;

  const region = text(call.awsRegion);
  if (region) context['aws:RequestedRegion'] = region;
  const time = text(call.eventTime);
  if (time && !Number.isNaN(Date.parse(time))) {
    context['aws:CurrentTime'] = new Date(time).toISOString().replace(/\.000Z$/, 'Z');
    context['aws:EpochTime'] = String(Math.floor(Date.parse(time) / 1000));
  }

  const sourceIp = text(call.sourceIPAddress);
  const endpoint = text(call.vpcEndpointId);
  if (endpoint) {
    context['aws:SourceVpce'] = endpoint;
    // Through an endpoint IAM sees the private address as aws:VpcSourceIp, and no aws:SourceIp.
    if (sourceIp && IP.test(sourceIp)) context['aws:VpcSourceIp'] = sourceIp;
  } else if (sourceIp && IP.test(sourceIp)) {
    context['aws:SourceIp'] = sourceIp;
  }

  const invokedBy = text(identity.invokedBy);
  if (invokedBy?.endsWith('.amazonaws.com') && !ROLE_ASSUMING_SERVICES.has(invokedBy)) {
    context['aws:CalledVia'] = [invokedBy];
    context['aws:CalledViaFirst'] = invokedBy;
    context['aws:CalledViaLast'] = invokedBy;
    context['aws:ViaAWSService'] = 'true';
    if (text(call.eventSource) === 'kms.amazonaws.com' && region) {
      // kms:ViaService names the calling service's regional endpoint.
      context['kms:ViaService'] = `${invokedBy.replace(/\.amazonaws\.com$/, '')}.${region}.amazonaws.com`;
    }
  } else {
    context['aws:ViaAWSService'] = 'false';
  }
  // A deployer passes the task's roles to ECS's tasks (or the role to the service the finding
  // names): the key the PassRole fix's condition reads.
  // A pass to a service nothing named sets no key: a condition on it decides nothing either way.
  if (action?.toLowerCase() === 'iam:passrole' && passedToService)
    context['iam:PassedToService'] = passedToService;
  return context;
}

/**
 * What ECS sends when it assumes a task's role: the account and the task's ARN as the source, the
 * keys a trust policy's confused-deputy conditions read. Without them a correct trust policy with
 * those conditions would seem to deny, and the denial would "reproduce" when it does not.
 */
export function ecsSourceContext(
  roleArn: string,
  taskDefinitionArn: string | null,
  taskId: string | null,
  /** The task's region when the definition has no ARN yet (as registered). */
  region: string | null = null,
): Record<string, string> {
  const account = accountOfArn(roleArn);
  if (!account) return {};
  const context: Record<string, string> = { 'aws:SourceAccount': account };
  const where = /^arn:([\w-]+):ecs:([a-z0-9-]+):(\d{12}):/.exec(taskDefinitionArn ?? '');
  const partition = where?.[1] ?? 'aws';
  const taskRegion = where?.[2] ?? region;
  if (taskRegion)
    context['aws:SourceArn'] = `arn:${partition}:ecs:${taskRegion}:${account}:task/${taskId ?? 'unknown'}`;
  return context;
}
