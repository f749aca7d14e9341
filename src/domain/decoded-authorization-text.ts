/**
 * A decoded authorization message pasted as text: the JSON `aws sts decode-authorization-message`
 * prints, with its context's quotes escaped inside "DecodedMessage", or the bare JSON of
 * `--output text`, often cut or elided by whoever pasted it. Its "context" is the request IAM
 * refused: who called, which action on which resource. Read from the words, since a paste is
 * rarely whole JSON any more.
 */
import type { IamDenial } from './iam-denial-message.js';

/** The context object opening with its principal: `"context":{"principal":{…` (a paste may drop the colon). */
export const DECODED_CONTEXT = /"context"?\s*:?\s*\{\s*"principal"\s*:\s*\{/i;

const PRINCIPAL_ARN = /"principal"\s*:\s*\{[^{}]*?"arn"\s*:\s*"(arn:[^"\s]+)"/i;
/** The context's action and resource are singular; the matched statements' are lists ("actions"). */
const ACTION = /"action"\s*:\s*"([^"\s]+)"/i;
const RESOURCE = /"resource"\s*:\s*"([^"\s]+)"/i;
const SERVICE =
  /"key"\s*:\s*"aws:Service"\s*,\s*"values"\s*:\s*\{\s*"items"\s*:\s*\[\s*\{\s*"value"\s*:\s*"([a-z0-9-]+)"/i;
const EXPLICIT_DENY = /"explicitDeny"\s*:\s*(true|false)/i;

/** The refused request a pasted decoded message describes, or null when the text holds none. */
export function decodedDenialOf(text: string): IamDenial | null {
  const unescaped = text.replace(/\\+"/g, '"');
  const context = DECODED_CONTEXT.exec(unescaped);
  if (!context) return null;
  const after = unescaped.slice(context.index);
  const bare = ACTION.exec(after)?.[1] ?? null;
  if (!bare) return null;
  // The context names most actions bare ("RunInstances"); aws:Service gives the prefix.
  const service = SERVICE.exec(after)?.[1];
  const action = bare.includes(':') || !service ? bare : `${service}:${bare}`;
  const explicit = EXPLICIT_DENY.exec(unescaped)?.[1];
  return {
    principal: PRINCIPAL_ARN.exec(after)?.[1] ?? null,
    action,
    actionMayBeCut: false,
    resource: RESOURCE.exec(after)?.[1] ?? null,
    policyType: null,
    explicitDeny: explicit === undefined ? null : explicit === 'true',
    policyArn: null,
    authorizationId: null,
    detailsUrl: null,
  };
}
