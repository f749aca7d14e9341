/**
 * AWS managed policies whose documents a template names only by ARN. Only the one ECS's own guide
 * attaches to every execution role is kept here; any other managed policy's document must come
 * with --policies, since it cannot be known offline.
 *
 * AmazonECSTaskExecutionRolePolicy, version v1, as the AWS Managed Policy Reference Guide prints it
 * (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonECSTaskExecutionRolePolicy.html)
 * and the AWS Batch User Guide quotes it ("Amazon ECS provides the AmazonECSTaskExecutionRolePolicy
 * managed policy", https://docs.aws.amazon.com/batch/latest/userguide/execution-IAM-role.html).
 */
import type { PolicyJson } from '../../domain/known-policies.js';

export const AMAZON_ECS_TASK_EXECUTION_ROLE_POLICY_NAME = 'AmazonECSTaskExecutionRolePolicy';

export const AMAZON_ECS_TASK_EXECUTION_ROLE_POLICY: PolicyJson = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: [
        'ecr:GetAuthorizationToken',
        'ecr:BatchCheckLayerAvailability',
        'ecr:GetDownloadUrlForLayer',
        'ecr:BatchGetImage',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
      ],
      Resource: '*',
    },
  ],
};

/** The document of an AWS managed policy known here, by its ARN in any partition. */
export function knownManagedPolicy(arn: string): PolicyJson | null {
  return /^arn:[\w-]+:iam::aws:policy\/service-role\/AmazonECSTaskExecutionRolePolicy$/.test(arn)
    ? AMAZON_ECS_TASK_EXECUTION_ROLE_POLICY
    : null;
}
