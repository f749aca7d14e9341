/**
 * Services that make a call themselves, with their own service principal or a role of theirs,
 * and say so in their own words: a pull of the image a job runs (SageMaker, EMR Serverless), a
 * state machine's role (Step Functions), App Runner's instance role. None is an ECS task's role.
 * Sources: gm-01 aws/deep-learning-containers#5657, gm-02 aws/sagemaker-spark-container#158,
 * gm-07 re:Post's EMR Serverless article, gn-03 Qiita (sam deploy), gm-13 and gm-25 openillumi's
 * write-ups, go-03 aws/copilot-cli#3950, gx-20 the Firehose guide's delivery errors, hd-12
 * fdmsantos/terraform-aws-kinesis-firehose#26, hl-01 aws/aws-cdk#27007, hl-23 terraform-aws-modules/terraform-aws-eks#2912,
 * hi-03 aws-samples/amazon-eks-security-immersion-day's pod identity lab, gx-01 CodeBuild's
 * EFS troubleshooting.
 */
import { expect, it } from 'vitest';
import { findServiceAssumeFailure } from '../../src/domain/service-assume-role.js';
import { firstFinding, publishedCase } from '../pasted-message.js';

const OTHER = { role: 'other', step: 'other' };
const PULL = { role: 'other', step: 'image-pull' };

it.each([
  ['gm-01', "SageMaker's repository grants its principal no pull", { ...PULL, policyType: 'resource' }],
  ['gm-02', "SageMaker's 'Access denied for repository … in registry ID'", PULL],
  [
    'gm-07',
    "EMR Serverless's principal refused ECR:DescribeImages",
    { ...PULL, action: 'ecr:DescribeImages' },
  ],
  ['gn-03', "Step Functions' state machine IAM role refused the log destination", OTHER],
  ['gm-13', "Step Functions' named role 'is not authorized to create managed-rule'", OTHER],
  [
    'gm-25',
    "App Runner's instance role, its ARN left out",
    { role: 'other', step: 'trust', action: 'sts:AssumeRole' },
  ],
  ['gx-20', "Firehose's delivery error: the access policy of the role it was given", OTHER],
  ['hd-12', "Firehose's delivery error: its delivery role and the bucket's KMS key", OTHER],
  ['hl-01', "Lambda's refusal of a function's image its repository does not grant", PULL],
  ['hl-23', "EKS's Fargate scheduler refusing a profile's pod execution role", OTHER],
  [
    'hi-03',
    "EKS Pod Identity unable to assume a pod's role",
    { role: 'other', step: 'trust', action: 'sts:AssumeRole' },
  ],
  ['gx-01', "CodeBuild's EFS mount refused by the file system's policy", { role: 'other', step: 'efs' }],
  [
    'go-03',
    "CloudFormation's refused S3 read of a function's code, no comma",
    { ...OTHER, action: 's3:GetObject' },
  ],
] as const)("reads %s (%s) as the service's own call", async (id, _, expected) => {
  expect(await firstFinding(publishedCase(id))).toMatchObject(expected);
});

it("reads Lambda's refusal of an ECR image, relayed by CloudFormation, as Lambda's own pull (aws-samples/bedrock-access-gateway#127)", async () => {
  const message =
    'Resource handler returned message: "Lambda does not have permission to access the ECR image. Check the ECR permissions. (Service: Lambda, Status Code: 403, Request ID: xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx) (SDK Attempt Count: 1)" (RequestToken: xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, HandlerErrorCode: AccessDenied)';
  expect(await firstFinding(message)).toMatchObject(PULL);
});

it.each([
  ['hn-04', 'the infrastructure role ECS-native blue/green manages the load balancers with'],
  ['hn-08', "a lifecycle hook's role, unquoted"],
])(
  "reads ECS's blue/green rollback for a role it could not use as ECS's trust failure (%s: %s, ECS's blue/green troubleshooting page)",
  async (id) => {
    expect(await firstFinding(publishedCase(id))).toMatchObject({
      role: 'other',
      step: 'trust',
      action: 'sts:AssumeRole',
      resource: 'arn:aws:iam::123456789012:role/Admin',
    });
  },
);

it("keeps a sentence's full stop out of a lifecycle hook's unquoted role (hn-08's rollback, ended as a sentence)", async () => {
  const message = `${publishedCase('hn-08')}.`;
  expect(await firstFinding(message)).toMatchObject({ resource: 'arn:aws:iam::123456789012:role/Admin' });
});

it("reads EKS's check that a node role trusts the Region's EC2 principal as a trust failure of that role (hw-12: awslabs/cdk-eks-blueprints#558, hard-wrapped inside 'relationships')", async () => {
  expect(await firstFinding(publishedCase('hw-12'))).toMatchObject({
    role: 'other',
    step: 'trust',
    action: 'sts:AssumeRole',
    resource:
      'arn:aws-cn:iam::6990*****31:role/QuickstartStack2-eks-blue-QuickstartStack2eksbluep-1RF9XFQCGDOU4',
  });
});

it("reads App Mesh's 'Call requires the acm:DescribeCertificate permission' as a refusal of that action, the elided ARN no resource (hz-16: aws/aws-app-mesh-examples#339)", async () => {
  expect(await firstFinding(publishedCase('hz-16'))).toMatchObject({
    action: 'acm:DescribeCertificate',
    resource: null,
  });
  const named =
    'ForbiddenException: Call requires the acm:DescribeCertificate permission for the certificate with the ARN arn:aws:acm:us-west-2:111122223333:certificate/abc.';
  expect(await firstFinding(named)).toMatchObject({
    action: 'acm:DescribeCertificate',
    resource: 'arn:aws:acm:us-west-2:111122223333:certificate/abc',
  });
});

it.each([
  ['id-06', "Datadog's integration tile (DataDog/documentation's FAQ)", null],
  [
    'ic-11',
    "kiam's server (ministryofjustice/cloud-platform-infrastructure#577)",
    'arn:aws:iam::754256621582:role/',
  ],
])(
  "reads a product naming itself refused sts:AssumeRole as its trust failure, not an app's call (%s: %s)",
  async (id, _, resource) => {
    expect(await firstFinding(publishedCase(id))).toMatchObject({
      role: 'other',
      step: 'trust',
      action: 'sts:AssumeRole',
      resource,
    });
  },
);

it("does not take the name in IAM's own sentence for a product's ('User: bob is not authorized to perform: sts:AssumeRole')", () => {
  expect(
    findServiceAssumeFailure(
      'User: bob is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/x',
    ),
  ).toBeNull();
  expect(
    findServiceAssumeFailure('Error: Datadog is not authorized to perform sts:AssumeRole')?.assumer,
  ).toBe('Datadog');
});

it.each([
  [
    'ih-25',
    "MWAA's 'Please ensure your role is assumable by …' (idealo/terraform-aws-mwaa#156)",
    'arn:aws:iam::REDACTED:role/mwaa-prod-execution-role',
  ],
  [
    'ii-03',
    "EKS's 'Role with arn: …, could not be assumed because …' (crossplane-contrib/provider-aws#218)",
    'arn:aws:iam::609897127049:role/aws-service-role/eks.amazonaws.com/AWSServiceRoleForAmazonEKS',
  ],
  [
    'ii-19',
    "the AWS provider's 'The role \"arn:…\" cannot be assumed.' (runatlantis/atlantis#856)",
    'arn:aws:iam::<account>:role/myrole',
  ],
  [
    'ij-17',
    "CloudTrail's 'Access denied. Check the trust relationships for your role.' (cloudposse/terraform-aws-cloudtrail-cloudwatch-alarms#2)",
    null,
  ],
] as const)('reads %s as a trust failure of the role it was given: %s', async (id, _, resource) => {
  expect(await firstFinding(publishedCase(id))).toMatchObject({
    role: 'other',
    step: 'trust',
    action: 'sts:AssumeRole',
    resource,
  });
});

it.each([
  [
    'ih-52',
    "Step Functions' 'is not authorized to create managed-rule' with its role's name cut (serverless-operations/serverless-step-functions#385)",
  ],
  [
    'ih-23',
    "MWAA's 'Provided role does not have sufficient permissions for s3 location' (094459/innovateaiml-airflow#1)",
  ],
] as const)("reads %s as the service's own role refused, not an app's: %s", async (id, _) => {
  expect(await firstFinding(publishedCase(id))).toMatchObject({ role: 'other', step: 'other' });
});
