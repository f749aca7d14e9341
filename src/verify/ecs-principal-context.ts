/**
 * What ECS's own principals send with a request, for the simulation of their fixes. AWS's
 * managed policies for the infrastructure role grant only on resources ECS tags
 * AmazonECSManaged = true and AmazonECSCreated = the task (or service) it made them for, and
 * only Service Connect's end-entity certificate template; ECS sends those tags and that
 * template, else its own managed policy would refuse it. Managed Instances pass the instance
 * profile's role to EC2, not to ECS's tasks; an encrypted volume's key is used through EC2.
 */
import type { Finding } from '../domain/analysis.js';

const END_ENTITY_TEMPLATE = 'arn:aws:acm-pca:::template/EndEntityCertificate/V1';

/** The task an ECS-made resource is tagged with (its ARN when the evidence has one). */
function creatorOf(finding: Finding): string {
  const where = /^arn:([\w-]+):[\w-]+:([a-z0-9-]*):(\d{12}):/.exec(finding.resource ?? '');
  const [, partition = 'aws', region = '', account = ''] = where ?? [];
  return `arn:${partition}:ecs:${region || 'unknown'}:${account || 'unknown'}:task/${finding.taskId ?? 'unknown'}`;
}

export function ecsPrincipalContext(finding: Finding): Record<string, string | string[]> {
  if (finding.ecsDuty?.principal !== 'infrastructure-role') return {};
  const action = finding.action?.toLowerCase() ?? '';
  const creator = creatorOf(finding);
  if (action === 'iam:passrole') return { 'iam:PassedToService': 'ec2.amazonaws.com' };
  // An EBS volume's key is used by EC2 on the role's behalf, and its grants are EC2's.
  if (action.startsWith('kms:')) {
    const region = /^arn:[\w-]+:kms:([a-z0-9-]+):/.exec(finding.resource ?? '')?.[1];
    return {
      ...(region ? { 'kms:ViaService': `ec2.${region}.amazonaws.com` } : {}),
      'kms:GrantIsForAWSResource': 'true',
    };
  }
  const context: Record<string, string | string[]> = {
    'aws:ResourceTag/AmazonECSManaged': 'true',
    'aws:ResourceTag/AmazonECSCreated': creator,
    'ec2:ResourceTag/AmazonECSManaged': 'true',
  };
  if (/^(ec2:(create\w+|runinstances)|secretsmanager:(createsecret|tagresource))$/.test(action)) {
    Object.assign(context, {
      'aws:RequestTag/AmazonECSManaged': 'true',
      'aws:RequestTag/AmazonECSCreated': creator,
      'aws:TagKeys': ['AmazonECSManaged', 'AmazonECSCreated'],
    });
  }
  if (action === 'acm-pca:issuecertificate') context['acm-pca:TemplateArn'] = END_ENTITY_TEMPLATE;
  if (action.startsWith('secretsmanager:'))
    context['secretsmanager:ResourceTag/aws:secretsmanager:owningService'] = 'ecs-sc';
  return context;
}
