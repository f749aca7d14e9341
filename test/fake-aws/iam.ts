/**
 * IAM for the fake, as routes the server already takes (`startFakeAws({ routes })` or
 * `fake.addRoute`): XML query-protocol responses in IAM's real shapes (see
 * test/fake-aws/SOURCES-iam.md). Policy documents go out URL-encoded, as IAM sends them;
 * lists are paginated with IsTruncated/Marker when a page size is given.
 */
import { randomUUID } from 'node:crypto';
import type { FakeRoute } from './server.js';

export interface FakeIamPolicyDocument {
  Version?: string;
  Id?: string;
  Statement: Record<string, unknown>[];
}

export interface FakeIamRole {
  arn: string;
  trust: FakeIamPolicyDocument;
  inline?: Record<string, FakeIamPolicyDocument>;
  /** ARNs of attached managed policies (customer or AWS managed). */
  attached?: string[];
  boundary?: string;
}

export interface FakeManagedPolicy {
  arn: string;
  defaultVersion?: string;
  document: FakeIamPolicyDocument;
}

export interface FakeIamAccount {
  roles: FakeIamRole[];
  managed?: FakeManagedPolicy[];
  /** Items per list page; absent, every list fits one page. */
  pageSize?: number;
}

const NS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const CREATED = '2026-01-10T09:00:00Z';

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** IAM's RFC 3986 encoding, which escapes a little more than encodeURIComponent. */
function urlEncoded(document: FakeIamPolicyDocument): string {
  return encodeURIComponent(JSON.stringify(document)).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export function iamResponse(action: string, result: string): string {
  return `<${action}Response xmlns="${NS}"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${action}Response>`;
}

const nameOf = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);
const pathOf = (arn: string) => {
  const rest = arn.split(':').slice(5).join(':');
  const parts = rest.split('/').slice(1, -1);
  return parts.length > 0 ? `/${parts.join('/')}/` : '/';
};

function roleXml(role: FakeIamRole): string {
  const boundary = role.boundary
    ? `<PermissionsBoundary><PermissionsBoundaryType>PermissionsBoundaryPolicy</PermissionsBoundaryType><PermissionsBoundaryArn>${xml(role.boundary)}</PermissionsBoundaryArn></PermissionsBoundary>`
    : '';
  return `<Role><Path>${xml(pathOf(role.arn))}</Path><AssumeRolePolicyDocument>${urlEncoded(role.trust)}</AssumeRolePolicyDocument><MaxSessionDuration>3600</MaxSessionDuration><RoleId>AROA${nameOf(role.arn).replace(/\W/g, '').toUpperCase().slice(0, 17).padEnd(17, 'X')}</RoleId><RoleName>${xml(nameOf(role.arn))}</RoleName><Arn>${xml(role.arn)}</Arn><CreateDate>${CREATED}</CreateDate>${boundary}<RoleLastUsed/></Role>`;
}

/** One route per page: the first page answers a request without Marker, later ones their Marker. */
function pagedRoutes<T>(
  action: string,
  request: Record<string, unknown>,
  items: T[],
  pageSize: number,
  render: (page: T[]) => string,
): FakeRoute[] {
  const pages: T[][] = [];
  for (let start = 0; start < items.length || pages.length === 0; start += pageSize) {
    pages.push(items.slice(start, start + pageSize));
  }
  return pages.map((page, index) => {
    const more = index < pages.length - 1;
    const marker = more ? `<Marker>page-${index + 1}</Marker>` : '';
    return {
      target: `IAM.${action}`,
      // `Marker: undefined` matches only a request without one: the first page.
      request: { ...request, Marker: index === 0 ? undefined : `page-${index}` },
      response: iamResponse(action, `${render(page)}<IsTruncated>${more}</IsTruncated>${marker}`),
    };
  });
}

function managedRoutes(policy: FakeManagedPolicy): FakeRoute[] {
  const version = policy.defaultVersion ?? 'v1';
  const request = { PolicyArn: policy.arn };
  return [
    {
      target: 'IAM.GetPolicy',
      request,
      response: iamResponse(
        'GetPolicy',
        `<Policy><PolicyName>${xml(nameOf(policy.arn))}</PolicyName><DefaultVersionId>${version}</DefaultVersionId><PolicyId>ANPA${randomUUID().replace(/-/g, '').slice(0, 17).toUpperCase()}</PolicyId><Path>${xml(pathOf(policy.arn))}</Path><Arn>${xml(policy.arn)}</Arn><AttachmentCount>1</AttachmentCount><PermissionsBoundaryUsageCount>0</PermissionsBoundaryUsageCount><IsAttachable>true</IsAttachable><CreateDate>${CREATED}</CreateDate><UpdateDate>${CREATED}</UpdateDate></Policy>`,
      ),
    },
    {
      target: 'IAM.GetPolicyVersion',
      request: { ...request, VersionId: version },
      response: iamResponse(
        'GetPolicyVersion',
        `<PolicyVersion><Document>${urlEncoded(policy.document)}</Document><IsDefaultVersion>true</IsDefaultVersion><VersionId>${version}</VersionId><CreateDate>${CREATED}</CreateDate></PolicyVersion>`,
      ),
    },
  ];
}

/** Every read whydenied makes of these roles and policies, answered. */
export function iamRoutes(account: FakeIamAccount): FakeRoute[] {
  const size = account.pageSize ?? 100;
  const routes: FakeRoute[] = [];
  for (const role of account.roles) {
    const RoleName = nameOf(role.arn);
    routes.push({
      target: 'IAM.GetRole',
      request: { RoleName },
      response: iamResponse('GetRole', roleXml(role)),
    });
    const inline = Object.entries(role.inline ?? {});
    routes.push(
      ...pagedRoutes(
        'ListRolePolicies',
        { RoleName },
        inline.map(([name]) => name),
        size,
        (names) =>
          `<PolicyNames>${names.map((name) => `<member>${xml(name)}</member>`).join('')}</PolicyNames>`,
      ),
    );
    for (const [PolicyName, document] of inline) {
      routes.push({
        target: 'IAM.GetRolePolicy',
        request: { RoleName, PolicyName },
        response: iamResponse(
          'GetRolePolicy',
          `<PolicyName>${xml(PolicyName)}</PolicyName><RoleName>${xml(RoleName)}</RoleName><PolicyDocument>${urlEncoded(document)}</PolicyDocument>`,
        ),
      });
    }
    routes.push(
      ...pagedRoutes(
        'ListAttachedRolePolicies',
        { RoleName },
        role.attached ?? [],
        size,
        (arns) =>
          `<AttachedPolicies>${arns.map((arn) => `<member><PolicyArn>${xml(arn)}</PolicyArn><PolicyName>${xml(nameOf(arn))}</PolicyName></member>`).join('')}</AttachedPolicies>`,
      ),
    );
  }
  for (const policy of account.managed ?? []) routes.push(...managedRoutes(policy));
  return routes;
}

export type FakeEvalDecision = 'allowed' | 'implicitDeny' | 'explicitDeny';

export interface FakeSimulation {
  roleArn: string;
  action: string;
  resource: string;
  /** IAM's decision with the role's policies alone. */
  before: FakeEvalDecision;
  /** With the proposed statement added through PolicyInputList. */
  after: FakeEvalDecision;
  /** SourcePolicyId of the statement that decides `before` when it is allowed or explicitly denied. */
  beforePolicy?: string;
}

function evaluationXml(
  simulation: FakeSimulation,
  decision: FakeEvalDecision,
  policyId: string | null,
  policyType: string,
): string {
  const matched = policyId
    ? `<MatchedStatements><member><SourcePolicyId>${xml(policyId)}</SourcePolicyId><SourcePolicyType>${policyType}</SourcePolicyType><StartPosition><Line>1</Line><Column>38</Column></StartPosition><EndPosition><Line>1</Line><Column>190</Column></EndPosition></member></MatchedStatements>`
    : '<MatchedStatements/>';
  const resource = `<ResourceSpecificResults><member><EvalResourceName>${xml(simulation.resource)}</EvalResourceName><EvalResourceDecision>${decision}</EvalResourceDecision>${matched}<MissingContextValues/><EvalDecisionDetails/></member></ResourceSpecificResults>`;
  return `<IsTruncated>false</IsTruncated><EvaluationResults><member><EvalActionName>${xml(simulation.action)}</EvalActionName><EvalResourceName>${xml(simulation.resource)}</EvalResourceName><EvalDecision>${decision}</EvalDecision>${matched}<MissingContextValues/><OrganizationsDecisionDetail><AllowedByOrganizations>true</AllowedByOrganizations></OrganizationsDecisionDetail><PermissionsBoundaryDecisionDetail><AllowedByPermissionsBoundary>true</AllowedByPermissionsBoundary></PermissionsBoundaryDecisionDetail><EvalDecisionDetails/>${resource}</member></EvaluationResults>`;
}

/**
 * SimulatePrincipalPolicy for one role, action and resource: `before` for a call without
 * PolicyInputList, `after` for one with it (IAM names an input policy "PolicyInputList.1").
 */
export function simulationRoutes(simulation: FakeSimulation): FakeRoute[] {
  const request = {
    PolicySourceArn: simulation.roleArn,
    'ActionNames.member.1': simulation.action,
    'ResourceArns.member.1': simulation.resource,
  };
  const beforePolicy =
    simulation.before === 'implicitDeny' ? null : (simulation.beforePolicy ?? nameOf(simulation.roleArn));
  return [
    {
      target: 'IAM.SimulatePrincipalPolicy',
      request: { ...request, 'PolicyInputList.member.1': undefined },
      response: iamResponse(
        'SimulatePrincipalPolicy',
        evaluationXml(simulation, simulation.before, beforePolicy, 'role'),
      ),
    },
    {
      target: 'IAM.SimulatePrincipalPolicy',
      request,
      response: iamResponse(
        'SimulatePrincipalPolicy',
        evaluationXml(
          simulation,
          simulation.after,
          simulation.after === 'implicitDeny' ? null : 'PolicyInputList.1',
          'none',
        ),
      ),
    },
  ];
}
