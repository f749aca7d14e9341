/**
 * Key, repository and secret policies for the fake, as routes the server takes: the JSON 1.1
 * answers of KMS GetKeyPolicy, ECR GetRepositoryPolicy and Secrets Manager GetResourcePolicy in
 * the shapes of botocore's examples-1.json (see SOURCES-resource-policies.md). The documents go
 * out as JSON strings, as these services send them.
 */
import type { FakeIamPolicyDocument } from './iam.js';
import type { FakeRoute } from './server.js';

/** KMS writes its documents pretty-printed with a blank before each colon (`"Version" : "2012-10-17"`). */
function kmsText(document: FakeIamPolicyDocument): string {
  return JSON.stringify(document, null, 2).replace(/": /g, '" : ');
}

/**
 * The key policy KMS writes by default (botocore's GetKeyPolicy example,
 * test/fixtures/aws/policies/get-key-policy-botocore-example.json): the account delegates the key
 * to its IAM policies.
 */
export function delegatingKeyPolicy(account: string): FakeIamPolicyDocument {
  return {
    Version: '2012-10-17',
    Id: 'key-default-1',
    Statement: [
      {
        Sid: 'Enable IAM User Permissions',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${account}:root` },
        Action: 'kms:*',
        Resource: '*',
      },
    ],
  };
}

export function keyPolicyRoute(keyArn: string, document: FakeIamPolicyDocument): FakeRoute {
  return {
    target: 'KMS.GetKeyPolicy',
    request: { KeyId: keyArn, PolicyName: 'default' },
    response: { Policy: kmsText(document), PolicyName: 'default' },
  };
}

const REPOSITORY = /^arn:[\w-]+:ecr:[^:]*:(\d{12}):repository\/(.+)$/;

/** A repository's policy, or (document null) the error ECR answers for a repository without one. */
export function repositoryPolicyRoute(
  repositoryArn: string,
  document: FakeIamPolicyDocument | null,
): FakeRoute {
  const [, registryId = '', repositoryName = ''] = REPOSITORY.exec(repositoryArn) ?? [];
  const request = { registryId, repositoryName };
  if (!document) {
    return {
      target: 'ECR.GetRepositoryPolicy',
      request,
      error: {
        type: 'RepositoryPolicyNotFoundException',
        message: `Repository policy does not exist for the repository with name '${repositoryName}' in the registry with id '${registryId}'`,
      },
    };
  }
  return {
    target: 'ECR.GetRepositoryPolicy',
    request,
    response: { registryId, repositoryName, policyText: JSON.stringify(document, null, 2) },
  };
}

/** A secret's resource policy; without a document, the answer of a secret that has none. */
export function secretPolicyRoute(secretArn: string, document: FakeIamPolicyDocument | null): FakeRoute {
  const name = /:secret:(.+?)(-[A-Za-z0-9]{6})?$/.exec(secretArn)?.[1] ?? secretArn;
  return {
    target: 'SecretsManager.GetResourcePolicy',
    request: { SecretId: secretArn },
    response: {
      ARN: secretArn,
      Name: name,
      ...(document ? { ResourcePolicy: JSON.stringify(document) } : {}),
    },
  };
}

/** A bucket's policy (S3 answers with the document itself, compact); without one, NoSuchBucketPolicy (404). */
export function bucketPolicyRoute(bucket: string, document: FakeIamPolicyDocument | null): FakeRoute {
  if (!document) {
    return {
      target: 'S3.GetBucketPolicy',
      request: { Bucket: bucket },
      error: { type: 'NoSuchBucketPolicy', message: 'The bucket policy does not exist', status: 404 },
    };
  }
  return { target: 'S3.GetBucketPolicy', request: { Bucket: bucket }, response: JSON.stringify(document) };
}

export interface FakeScp {
  id: string;
  name: string;
  arn: string;
  awsManaged?: boolean;
  document: FakeIamPolicyDocument;
}

export interface FakeOrganization {
  /** The account, then its parents up to the root (the last, an `r-` id). */
  path: string[];
  /** Target id (account, OU or root) → the SCPs attached to it directly. */
  attached: Record<string, FakeScp[]>;
  /** Target id → the RCPs attached to it directly (none unless given). */
  rcps?: Record<string, FakeScp[]>;
}

/** Organizations' answers for ListParents, ListPoliciesForTarget and DescribePolicy (botocore's examples' shapes). */
export function organizationRoutes(organization: FakeOrganization): FakeRoute[] {
  const routes: FakeRoute[] = [];
  const { path } = organization;
  for (const [index, child] of path.slice(0, -1).entries()) {
    const parent = path[index + 1] ?? '';
    routes.push({
      target: 'Organizations.ListParents',
      request: { ChildId: child },
      response: { Parents: [{ Id: parent, Type: parent.startsWith('r-') ? 'ROOT' : 'ORGANIZATIONAL_UNIT' }] },
    });
  }
  const summary = (scp: FakeScp, Type: string) => ({
    Arn: scp.arn,
    AwsManaged: scp.awsManaged ?? false,
    Description: '',
    Id: scp.id,
    Name: scp.name,
    Type,
  });
  const kinds = [
    ['SERVICE_CONTROL_POLICY', organization.attached],
    ['RESOURCE_CONTROL_POLICY', organization.rcps ?? {}],
  ] as const;
  for (const [type, attached] of kinds) {
    for (const target of path) {
      const policies = attached[target] ?? [];
      routes.push({
        target: 'Organizations.ListPoliciesForTarget',
        request: { TargetId: target, Filter: type },
        response: { Policies: policies.map((policy) => summary(policy, type)) },
      });
      for (const policy of policies) {
        routes.push({
          target: 'Organizations.DescribePolicy',
          request: { PolicyId: policy.id },
          response: {
            Policy: {
              Content: JSON.stringify(policy.document, null, 2),
              PolicySummary: summary(policy, type),
            },
          },
        });
      }
    }
  }
  return routes;
}

const EC2_NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';

/** DescribeVpcEndpoints for one interface endpoint, in EC2's XML (the AWS CLI example's fields). */
export function vpcEndpointRoute(
  endpoint: { id: string; vpcId: string; serviceName: string; ownerId: string },
  document: FakeIamPolicyDocument,
): FakeRoute {
  const escaped = JSON.stringify(document, null, 2)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
  return {
    target: 'EC2.DescribeVpcEndpoints',
    request: { 'VpcEndpointId.1': endpoint.id },
    response: `<?xml version="1.0" encoding="UTF-8"?>\n<DescribeVpcEndpointsResponse xmlns="${EC2_NS}"><requestId>${crypto.randomUUID()}</requestId><vpcEndpointSet><item><vpcEndpointId>${endpoint.id}</vpcEndpointId><vpcEndpointType>Interface</vpcEndpointType><vpcId>${endpoint.vpcId}</vpcId><serviceName>${endpoint.serviceName}</serviceName><state>available</state><policyDocument>${escaped}</policyDocument><privateDnsEnabled>true</privateDnsEnabled><requesterManaged>false</requesterManaged><ownerId>${endpoint.ownerId}</ownerId><creationTimestamp>2026-01-10T09:00:00.000Z</creationTimestamp></item></vpcEndpointSet></DescribeVpcEndpointsResponse>`,
  };
}
