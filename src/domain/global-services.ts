/**
 * Where CloudTrail's event history keeps a service's events. Since 22 November 2021 the
 * events of AWS's global services (IAM, STS called on its global endpoint, CloudFront, console
 * sign-in) are found by LookupEvents in us-east-1 only, whatever region the caller runs in
 * (AWS's notice: https://github.com/SummitRoute/aws_breaking_changes/issues/51; the CloudTrail
 * user guide, "Viewing CloudTrail events with the AWS CLI"). Organizations and Route 53 have
 * their one endpoint in us-east-1, so their events are recorded there too.
 */

import { serviceOfAction } from './action-catalog.js';

export const GLOBAL_EVENTS_REGION = 'us-east-1';

/** IAM prefixes (`iam:GetRole`) of the services whose events are in us-east-1's history. */
const GLOBAL_PREFIXES = new Set(['iam', 'sts', 'cloudfront', 'signin', 'organizations', 'route53']);

/**
 * Whether a `service:Action` may be recorded in us-east-1 only. STS answers on regional
 * endpoints too (recorded in their region): its calls are looked for in both.
 */
export function isGlobalServiceAction(action: string): boolean {
  return GLOBAL_PREFIXES.has(serviceOfAction(action) ?? '');
}
