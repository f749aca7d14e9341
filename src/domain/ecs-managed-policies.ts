/**
 * AWS's managed policies for ECS's infrastructure role, as published in the AWS Managed Policy
 * Reference (copied from the snapshots at github.com/udondan/iam-floyd,
 * docs/source/_static/managed-policies/<name>.json): a fix for one duty of the role grants what
 * AWS grants for that duty, with AWS's conditions (only resources ECS tags AmazonECSManaged),
 * narrowed to the role's own account.
 */
import type { PolicyStatement } from './fix.js';

/** IAM's policy variable (not a fix placeholder): the resource must be in the caller's own account. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, written as IAM reads it
const PRINCIPAL_ACCOUNT = '${aws:PrincipalAccount}';

export const MANAGED_POLICY_STATEMENTS: Record<string, PolicyStatement[]> = {
  AmazonECSInfrastructureRolePolicyForVolumes: [
    {
      Sid: 'CreateEBSManagedVolume',
      Effect: 'Allow',
      Action: ['ec2:CreateVolume'],
      Resource: 'arn:aws:ec2:*:*:volume/*',
      Condition: {
        ArnLike: {
          'aws:RequestTag/AmazonECSCreated': 'arn:aws:ecs:*:*:task/*',
        },
        StringEquals: {
          'aws:RequestTag/AmazonECSManaged': 'true',
        },
      },
    },
    {
      Sid: 'CreateEBSManagedVolumeFromSnapshot',
      Effect: 'Allow',
      Action: ['ec2:CreateVolume'],
      Resource: 'arn:aws:ec2:*:*:snapshot/*',
    },
    {
      Sid: 'TagOnCreateVolume',
      Effect: 'Allow',
      Action: ['ec2:CreateTags'],
      Resource: 'arn:aws:ec2:*:*:volume/*',
      Condition: {
        ArnLike: {
          'aws:RequestTag/AmazonECSCreated': 'arn:aws:ecs:*:*:task/*',
        },
        StringEquals: {
          'ec2:CreateAction': 'CreateVolume',
          'aws:RequestTag/AmazonECSManaged': 'true',
        },
      },
    },
    {
      Sid: 'DescribeVolumesForLifecycle',
      Effect: 'Allow',
      Action: ['ec2:DescribeVolumes', 'ec2:DescribeAvailabilityZones'],
      Resource: '*',
    },
    {
      Sid: 'DescribeInstancesForAttachingVolume',
      Effect: 'Allow',
      Action: ['ec2:DescribeInstances'],
      Resource: '*',
    },
    {
      Sid: 'ManageEBSVolumeLifecycle',
      Effect: 'Allow',
      Action: ['ec2:AttachVolume', 'ec2:DetachVolume'],
      Resource: 'arn:aws:ec2:*:*:volume/*',
      Condition: {
        StringEquals: {
          'aws:ResourceTag/AmazonECSManaged': 'true',
        },
      },
    },
    {
      Sid: 'ManageVolumeAttachmentsForEC2',
      Effect: 'Allow',
      Action: ['ec2:AttachVolume', 'ec2:DetachVolume'],
      Resource: 'arn:aws:ec2:*:*:instance/*',
    },
    {
      Sid: 'DeleteEBSManagedVolume',
      Effect: 'Allow',
      Action: ['ec2:DeleteVolume'],
      Resource: 'arn:aws:ec2:*:*:volume/*',
      Condition: {
        ArnLike: {
          'aws:ResourceTag/AmazonECSCreated': 'arn:aws:ecs:*:*:task/*',
        },
        StringEquals: {
          'aws:ResourceTag/AmazonECSManaged': 'true',
        },
      },
    },
  ],
  AmazonECSInfrastructureRolePolicyForServiceConnectTransportLayerSecurity: [
    {
      Sid: 'CreateSecret',
      Effect: 'Allow',
      Action: ['secretsmanager:CreateSecret'],
      Resource: 'arn:aws:secretsmanager:*:*:secret:ecs-sc!*',
      Condition: {
        ArnLike: {
          'aws:RequestTag/AmazonECSCreated': ['arn:aws:ecs:*:*:service/*/*', 'arn:aws:ecs:*:*:task-set/*/*'],
        },
        StringEquals: {
          'aws:RequestTag/AmazonECSManaged': 'true',
          'aws:ResourceAccount': PRINCIPAL_ACCOUNT,
        },
      },
    },
    {
      Sid: 'TagOnCreateSecret',
      Effect: 'Allow',
      Action: ['secretsmanager:TagResource'],
      Resource: 'arn:aws:secretsmanager:*:*:secret:ecs-sc!*',
      Condition: {
        ArnLike: {
          'aws:RequestTag/AmazonECSCreated': ['arn:aws:ecs:*:*:service/*/*', 'arn:aws:ecs:*:*:task-set/*/*'],
        },
        StringEquals: {
          'aws:RequestTag/AmazonECSManaged': 'true',
          'aws:ResourceAccount': PRINCIPAL_ACCOUNT,
        },
      },
    },
    {
      Sid: 'RotateTLSCertificateSecret',
      Effect: 'Allow',
      Action: [
        'secretsmanager:UpdateSecret',
        'secretsmanager:GetSecretValue',
        'secretsmanager:PutSecretValue',
        'secretsmanager:DeleteSecret',
        'secretsmanager:RotateSecret',
        'secretsmanager:UpdateSecretVersionStage',
      ],
      Resource: 'arn:aws:secretsmanager:*:*:secret:ecs-sc!*',
      Condition: {
        StringEquals: {
          'secretsmanager:ResourceTag/aws:secretsmanager:owningService': 'ecs-sc',
          'aws:ResourceAccount': PRINCIPAL_ACCOUNT,
        },
      },
    },
    {
      Sid: 'DescribeTLSCertificateSecret',
      Effect: 'Allow',
      Action: ['secretsmanager:DescribeSecret'],
      Resource: 'arn:aws:secretsmanager:*:*:secret:ecs-sc!*',
      Condition: {
        StringEquals: {
          'aws:ResourceAccount': PRINCIPAL_ACCOUNT,
        },
      },
    },
    {
      Sid: 'ManagePrivateCertificateAuthority',
      Effect: 'Allow',
      Action: [
        'acm-pca:GetCertificate',
        'acm-pca:GetCertificateAuthorityCertificate',
        'acm-pca:DescribeCertificateAuthority',
      ],
      Resource: '*',
      Condition: {
        StringEquals: {
          'aws:ResourceTag/AmazonECSManaged': 'true',
        },
      },
    },
    {
      Sid: 'ManagePrivateCertificateAuthorityForIssuingEndEntityCertificate',
      Effect: 'Allow',
      Action: ['acm-pca:IssueCertificate'],
      Resource: '*',
      Condition: {
        StringEquals: {
          'aws:ResourceTag/AmazonECSManaged': 'true',
          'acm-pca:TemplateArn': 'arn:aws:acm-pca:::template/EndEntityCertificate/V1',
        },
      },
    },
  ],
  AmazonECSInfrastructureRolePolicyForManagedInstances: [
    {
      Sid: 'CreateLaunchTemplateForManagedInstances',
      Effect: 'Allow',
      Action: ['ec2:CreateLaunchTemplate'],
      Resource: ['arn:aws:ec2:*:*:launch-template/*'],
      Condition: {
        StringEquals: {
          'aws:RequestTag/AmazonECSManaged': 'true',
        },
      },
    },
    {
      Sid: 'CreateLaunchTemplateVersionsForManagedInstances',
      Effect: 'Allow',
      Action: ['ec2:CreateLaunchTemplateVersion', 'ec2:ModifyLaunchTemplate'],
      Resource: ['arn:aws:ec2:*:*:launch-template/*'],
      Condition: {
        StringEquals: {
          'ec2:ManagedResourceOperator': 'ecs.amazonaws.com',
        },
      },
    },
    {
      Sid: 'ProvisionEC2InstancesForManagedInstances',
      Effect: 'Allow',
      Action: ['ec2:CreateFleet'],
      Resource: [
        'arn:aws:ec2:*:*:fleet/*',
        'arn:aws:ec2:*:*:instance/*',
        'arn:aws:ec2:*:*:network-interface/*',
        'arn:aws:ec2:*:*:launch-template/*',
        'arn:aws:ec2:*:*:volume/*',
      ],
      Condition: {
        StringEquals: {
          'aws:RequestTag/AmazonECSManaged': 'true',
        },
      },
    },
    {
      Sid: 'CreateFleetForSupportingResources',
      Effect: 'Allow',
      Action: ['ec2:CreateFleet'],
      Resource: ['arn:aws:ec2:*:*:subnet/*', 'arn:aws:ec2:*:*:security-group/*', 'arn:aws:ec2:*::image/*'],
    },
    {
      Sid: 'RunInstancesForManagedInstances',
      Effect: 'Allow',
      Action: ['ec2:RunInstances'],
      Resource: [
        'arn:aws:ec2:*:*:instance/*',
        'arn:aws:ec2:*:*:volume/*',
        'arn:aws:ec2:*:*:network-interface/*',
      ],
      Condition: {
        StringEquals: {
          'aws:RequestTag/AmazonECSManaged': 'true',
        },
      },
    },
    {
      Sid: 'RunInstancesForECSManagedLaunchTemplates',
      Effect: 'Allow',
      Action: ['ec2:RunInstances'],
      Resource: ['arn:aws:ec2:*:*:launch-template/*'],
      Condition: {
        StringEquals: {
          'ec2:ResourceTag/AmazonECSManaged': 'true',
        },
      },
    },
    {
      Sid: 'RunInstancesForSupportingResources',
      Effect: 'Allow',
      Action: ['ec2:RunInstances'],
      Resource: [
        'arn:aws:ec2:*:*:subnet/*',
        'arn:aws:ec2:*:*:security-group/*',
        'arn:aws:ec2:*::image/*',
        'arn:aws:resource-groups:*:*:group/*',
      ],
    },
    {
      Sid: 'TagOnCreateEC2ResourcesForManagedInstances',
      Effect: 'Allow',
      Action: ['ec2:CreateTags'],
      Resource: [
        'arn:aws:ec2:*:*:fleet/*',
        'arn:aws:ec2:*:*:launch-template/*',
        'arn:aws:ec2:*:*:network-interface/*',
        'arn:aws:ec2:*:*:instance/*',
        'arn:aws:ec2:*:*:volume/*',
      ],
      Condition: {
        StringEquals: {
          'ec2:CreateAction': ['CreateFleet', 'CreateLaunchTemplate', 'RunInstances'],
        },
      },
    },
    {
      Sid: 'PassInstanceRoleForManagedInstances',
      Effect: 'Allow',
      Action: ['iam:PassRole'],
      Resource: ['arn:aws:iam::*:role/ecsInstanceRole*'],
      Condition: {
        StringEquals: {
          'iam:PassedToService': 'ec2.amazonaws.com',
        },
      },
    },
    {
      Sid: 'CreateServiceLinkedRoleForEC2Spot',
      Effect: 'Allow',
      Action: ['iam:CreateServiceLinkedRole'],
      Resource: ['arn:aws:iam::*:role/aws-service-role/spot.amazonaws.com/AWSServiceRoleForEC2Spot'],
    },
    {
      Sid: 'DescribeEC2ResourcesManagedByECS',
      Effect: 'Allow',
      Action: [
        'ec2:DescribeInstances',
        'ec2:DescribeInstanceTypes',
        'ec2:DescribeLaunchTemplates',
        'ec2:DescribeNetworkInterfaces',
        'ec2:DescribeInstanceTypeOfferings',
        'ec2:DescribeAvailabilityZones',
        'ec2:DescribeSecurityGroups',
        'ec2:DescribeSubnets',
        'ec2:DescribeVpcs',
        'ec2:DescribeCapacityReservations',
      ],
      Resource: '*',
    },
    {
      Sid: 'ListResourceGroupResources',
      Effect: 'Allow',
      Action: [
        'resource-groups:ListGroupResources',
        'cloudformation:DescribeStacks',
        'cloudformation:ListStackResources',
        'tag:GetResources',
      ],
      Resource: '*',
    },
  ],
};
