/**
 * The principals ECS acts as besides a task's two roles, and the duty each was denied in: the
 * infrastructure role (EBS volumes of tasks, Service Connect TLS, VPC Lattice, Managed
 * Instances), the container instance's role (the ECS agent's own calls), ECS's service-linked
 * role AWSServiceRoleForECS, and Fargate using a customer managed key for a task's ephemeral
 * storage. Their role kind is `other` and their step `other` (DOMAIN.md); the duty says which
 * part of ECS's work failed, and decides the fix.
 */
import { isAgentOwnAction } from './ecs-steps.js';
import type { Principal } from './principal.js';

export type EcsPrincipal =
  | 'infrastructure-role'
  | 'container-instance-role'
  | 'service-linked-role'
  | 'fargate-service';

export type EcsDutyName =
  | 'ebs-volumes'
  | 'connect-tls'
  | 'vpc-lattice'
  | 'managed-instances'
  | 'ecs-agent'
  | 'service-linked'
  | 'ephemeral-storage';

export interface EcsDuty {
  principal: EcsPrincipal;
  name: EcsDutyName;
  /** What ECS was doing, in words ("managing the EBS volumes attached to tasks"). */
  doing: string;
  /** The AWS managed policy that holds every call of the duty, when AWS publishes one. */
  managedPolicy: string | null;
}

/**
 * ECS names the infrastructure role's sessions after the duty (the developer guide's
 * "Amazon ECS infrastructure IAM role" page: "the CloudTrail log roleSessionName will be …").
 */
const INFRASTRUCTURE_SESSIONS: Record<string, Omit<EcsDuty, 'principal'>> = {
  ecstaskvolumesforebs: {
    name: 'ebs-volumes',
    doing: 'creating, attaching and deleting the Amazon EBS volumes of tasks',
    managedPolicy: 'AmazonECSInfrastructureRolePolicyForVolumes',
  },
  ecsserviceconnectfortls: {
    name: 'connect-tls',
    doing:
      "issuing Service Connect's TLS certificates from AWS Private CA and keeping them in Secrets Manager",
    managedPolicy: 'AmazonECSInfrastructureRolePolicyForServiceConnectTransportLayerSecurity',
  },
  ecsnetworkingwithvpclattice: {
    name: 'vpc-lattice',
    doing: 'creating VPC Lattice target groups for a service',
    managedPolicy: 'AmazonECSInfrastructureRolePolicyForVpcLattice',
  },
  ecsmanagedinstancesforcompute: {
    name: 'managed-instances',
    doing: 'launching and managing the EC2 instances of ECS Managed Instances',
    managedPolicy: 'AmazonECSInfrastructureRolePolicyForManagedInstances',
  },
};

/** ECS's service-linked role: `role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS`. */
export const ECS_SERVICE_LINKED_ROLE = 'AWSServiceRoleForECS';

/** What the service-linked role was doing, from the service the denied action belongs to. */
function serviceLinkedDoing(action: string | null): string {
  const lower = action?.toLowerCase() ?? '';
  if (/^ec2:\w*networkinterface/.test(lower)) return 'attaching a network interface to an awsvpc task';
  if (lower.startsWith('elasticloadbalancing:'))
    return "registering a service's tasks with its load balancer";
  if (/^(servicediscovery|route53):/.test(lower)) return "registering a service's tasks in Cloud Map";
  if (lower.startsWith('kms:')) return 'using a KMS key on behalf of a service';
  return "managing a service's resources";
}

/** The ECS principal and duty of a denied call, or null for a task's roles and everyone else. */
export function ecsDutyOf(principal: Principal | null, action: string | null): EcsDuty | null {
  if (!principal) return null;
  if (principal.type === 'service' && /^fargate\.amazonaws\.com$/i.test(principal.raw)) {
    return {
      principal: 'fargate-service',
      name: 'ephemeral-storage',
      doing: "encrypting a task's ephemeral storage with the cluster's customer managed key",
      managedPolicy: null,
    };
  }
  if (principal.type !== 'assumed-role' && principal.type !== 'role') return null;
  if (principal.roleName === ECS_SERVICE_LINKED_ROLE) {
    return {
      principal: 'service-linked-role',
      name: 'service-linked',
      doing: serviceLinkedDoing(action),
      managedPolicy: 'AmazonECSServiceRolePolicy',
    };
  }
  const infrastructure = INFRASTRUCTURE_SESSIONS[principal.session?.toLowerCase() ?? ''];
  if (principal.type === 'assumed-role' && infrastructure) {
    return { principal: 'infrastructure-role', ...infrastructure };
  }
  // The instance's SSM agent makes its own calls the same way; only the ECS agent's are ECS's.
  if (principal.sessionKind === 'instance' && isAgentOwnAction(action) && /^ecs:/i.test(action ?? '')) {
    return {
      principal: 'container-instance-role',
      name: 'ecs-agent',
      doing: /^ecs:listtagsforresource$/i.test(action ?? '')
        ? "the ECS agent reading the container instance's tags for the task metadata endpoint"
        : 'the ECS agent registering the container instance and keeping its connection to ECS',
      managedPolicy: 'AmazonEC2ContainerServiceforEC2Role',
    };
  }
  return null;
}

/** Who the principal is, in words, for a reason or a report. */
export function ecsPrincipalWords(duty: EcsDuty): string {
  switch (duty.principal) {
    case 'infrastructure-role':
      return "ECS's infrastructure role";
    case 'container-instance-role':
      return "the container instance's role";
    case 'service-linked-role':
      return "ECS's service-linked role";
    case 'fargate-service':
      return 'Fargate (fargate.amazonaws.com)';
  }
}

/** Why the finding is this principal's, and what decides its fix. */
export function dutyReasons(duty: EcsDuty, principal: Principal, action: string | null): string[] {
  const name = principal.roleName ? ` ${principal.roleName}` : '';
  const call = action ?? 'the call';
  const head = `${ecsPrincipalWords(duty)}${name} was denied ${call} while ${duty.doing}`;
  switch (duty.principal) {
    case 'infrastructure-role':
      return [
        `${head} (its session name ${principal.session} is the one ECS gives that duty): not a task's role`,
        `the infrastructure role needs what ${duty.managedPolicy} grants, scoped to resources ECS tags AmazonECSManaged`,
      ];
    case 'container-instance-role':
      return [
        `${head}: the agent calls ECS with the instance's role, not a task's`,
        `the agent needs its whole set of calls on the cluster (${duty.managedPolicy} holds them)`,
      ];
    case 'service-linked-role':
      return [
        `${head}: ECS's own role, not a task's`,
        `its permissions are AWS's (${duty.managedPolicy}) and cannot be edited, and SCPs do not restrict service-linked roles: the policy that refused it is the resource's own (a KMS key policy, for one)`,
      ];
    case 'fargate-service':
      return [
        `${head}: Fargate calls KMS as the service fargate.amazonaws.com, not with a task's role`,
        "the key policy must let fargate.amazonaws.com generate data keys and create grants for this cluster's encryption context",
      ];
  }
}
