/**
 * The VPC endpoint policies a denied request went through, read live (EC2 DescribeVpcEndpoints)
 * by the endpoint id its CloudTrail record names (`vpcEndpointId`), in the record's region: an
 * endpoint policy limits every request through the endpoint, whatever the role's policies grant.
 */
import { DescribeVpcEndpointsCommand, EC2Client } from '@aws-sdk/client-ec2';
import type { AwsClients } from '../aws/clients.js';
import { attempt, warningOf, whyUnread } from '../aws/errors.js';
import type { InputWarning } from '../domain/evidence.js';
import type { NamedPolicy } from '../domain/known-policies.js';
import { readPolicyDocument } from '../domain/policy-document.js';

export interface EndpointRead {
  id: string;
  region: string | null;
}

export interface EndpointPolicies {
  /** vpce id → its policy (an endpoint without a custom policy has AWS's full-access one). */
  endpoints: Map<string, NamedPolicy>;
  warnings: InputWarning[];
  /** vpce id → why its policy is not known. */
  unreadable: Map<string, string>;
}

export async function fetchEndpointPolicies(
  clients: Pick<AwsClients, 'other'>,
  reads: EndpointRead[],
): Promise<EndpointPolicies> {
  const result: EndpointPolicies = { endpoints: new Map(), warnings: [], unreadable: new Map() };
  const seen = new Set<string>();
  for (const { id, region } of reads) {
    if (seen.has(id)) continue;
    seen.add(id);
    const ec2 = clients.other('ec2', region, (config) => new EC2Client(config));
    const call = { service: 'EC2' as const, operation: 'DescribeVpcEndpoints' };
    const described = await attempt(call, () =>
      ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [id] })),
    );
    if (!described.ok) {
      const problem = described.problem;
      const why = whyUnread(problem);
      result.unreadable.set(id, `the VPC endpoint policy of ${id} could not be read: ${why}`);
      if (!result.warnings.some((warning) => warning.origin === problem.origin)) {
        result.warnings.push(warningOf(problem));
      }
      continue;
    }
    const endpoint = described.value.VpcEndpoints?.find((item) => item.VpcEndpointId === id);
    // Gateway Load Balancer endpoints and the like have no policy: nothing limits the request there.
    if (!endpoint?.PolicyDocument) {
      if (!endpoint) result.unreadable.set(id, `the VPC endpoint ${id} was not found`);
      continue;
    }
    const parsed = readPolicyDocument(endpoint.PolicyDocument);
    const origin = `api:EC2.DescribeVpcEndpoints#${id}`;
    if ('problem' in parsed) {
      result.unreadable.set(id, `the VPC endpoint policy of ${id} could not be read: ${parsed.problem}`);
      result.warnings.push({
        origin,
        problem: parsed.problem,
        expected: 'a VPC endpoint policy document (JSON)',
      });
      continue;
    }
    result.endpoints.set(id, { name: `VPC endpoint policy ${id}`, document: parsed.document, origin });
  }
  return result;
}
