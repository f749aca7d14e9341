/**
 * The IAM policy simulator's verdict, as `aws iam simulate-principal-policy` prints one of its
 * EvaluationResults: the action, the resource, the decision, and whether the organization's SCPs
 * allowed it. The simulated principal is not in the result, only in the command's
 * `--policy-source-arn`, which a terminal paste keeps before it (aws-containers/amazon-ecs-exec-checker#70;
 * the AWS CLI's own example, examples/iam/simulate-principal-policy.rst). Read from the words, like
 * a decoded authorization message, so a cut or re-indented paste still reads.
 */
import type { IamDenial } from './iam-denial-message.js';

/** A result the simulator did not allow: the sign that a text is one. */
export const SIMULATED_DENY = /"EvalDecision"\s*:\s*"(implicitDeny|explicitDeny)"/i;

const ACTION = /"EvalActionName"\s*:\s*"([^"\s]+)"/i;
const RESOURCE = /"EvalResourceName"\s*:\s*"([^"\s]+)"/i;
const SOURCE_ARN = /--policy-source-arn[\s=]+["']?(arn:[^\s"']+)/i;
const NOT_BY_ORGANIZATIONS = /"AllowedByOrganizations"\s*:\s*false\b/i;

/**
 * AWS's ECS Exec Checker prints the simulator's verdict for the caller running it, one line per
 * action under "Can I ExecuteCommand? | <caller's ARN>": "ecs:ExecuteCommand: implicitDeny",
 * "kms:GenerateDataKey: implicitDeny", "ssm:StartSession denied?: explicitDeny"
 * (aws-containers/amazon-ecs-exec-checker's check-ecs-exec.sh and README).
 */
export const CHECKER_DENY =
  /(?:^|[\s|])([a-z0-9-]{1,64}:[A-Za-z]{1,128})(?: denied\?)?:\s{0,9}(implicitDeny|explicitDeny)\b/i;
const CHECKER_CALLER = /Can I ExecuteCommand\?\s*\|\s*(arn:[^\s|]+)/i;

/**
 * The simulator's results as rows, the action then its decision after blanks (or a table's bar),
 * as a person lines them up ("kms:Decrypt              implicitDeny     <-- here",
 * macanderson/stella#2252, ia-05): the simulated principal's own policies did not allow that action.
 */
export const SIMULATED_ROW =
  /(?:^|[\s|])([a-z0-9-]{1,64}:[A-Za-z*]{1,128})(?:[\t ]{0,60}\|)?[\t ]{1,60}(implicitDeny|explicitDeny)\b/i;

/** The refusal a pasted simulator result describes, or null when the text holds none. */
export function simulatedDenialOf(text: string): IamDenial | null {
  const checked = SIMULATED_DENY.test(text) ? null : (CHECKER_DENY.exec(text) ?? SIMULATED_ROW.exec(text));
  if (checked?.[1] && checked[2]) return checkerDenial(text, checked[1], checked[2]);
  const decision = SIMULATED_DENY.exec(text)?.[1];
  const action = ACTION.exec(text)?.[1];
  if (!decision || !action) return null;
  const explicitDeny = decision.toLowerCase() === 'explicitdeny';
  const resource = RESOURCE.exec(text)?.[1];
  return {
    principal: SOURCE_ARN.exec(text)?.[1] ?? null,
    action,
    actionMayBeCut: false,
    resource: resource && resource !== '*' ? resource : null,
    // The organization's SCPs when the simulator says they did not allow it; else the principal's
    // own policies, which are what it simulates.
    policyType: NOT_BY_ORGANIZATIONS.test(text) ? 'scp' : 'identity',
    explicitDeny,
    policyArn: null,
    authorizationId: null,
    detailsUrl: null,
  };
}

function checkerDenial(text: string, action: string, decision: string): IamDenial {
  return {
    principal: CHECKER_CALLER.exec(text)?.[1] ?? null,
    action,
    actionMayBeCut: false,
    resource: null,
    // The checker simulates the caller's own policies, and does not say which one denied.
    policyType: null,
    explicitDeny: decision.toLowerCase() === 'explicitdeny',
    policyArn: null,
    authorizationId: null,
    detailsUrl: null,
  };
}
