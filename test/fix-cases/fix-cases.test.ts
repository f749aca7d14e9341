/**
 * Fix cases kept apart (issue 12): each case in cases/ is a real message or record, the task
 * definition it came from and the policies in place, run through the whole program (files in,
 * fix out, simulated). Every fix must be
 * - placed right: the placement, the policy it goes in, and the principal a resource policy names;
 * - minimal: no `*` action, no `*` resource but for an action that takes none, no wildcard account
 *   or region, and every placeholder said in the instruction;
 * - sufficient: the program's own simulation verifies it against the policies given, and this
 *   harness's simulation (written apart from the program's) allows what the workload needs once the
 *   fix is applied where it says;
 * - tight: the neighbouring requests (another account, another secret, other actions on the key)
 *   stay denied with the fix applied;
 * - keeping conditions: the conditions the case names are in the fix's statement.
 * See README.md for the case format and where each case's message comes from.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/domain/analysis.js';
import type { FixPart, PolicyDocument } from '../../src/domain/fix.js';
import {
  type KnownPolicies,
  lookupPrincipal,
  lookupResourcePolicy,
  type NamedPolicy,
  type PolicyJson,
  principalKey,
  resourcePolicyKey,
} from '../../src/domain/known-policies.js';
import { loadPolicies } from '../../src/sources/files/policies.js';
import { runCli } from '../run-cli.js';

interface Request {
  principal: string;
  action: string;
  resource: string;
  context?: Record<string, string | string[]>;
  why?: string;
}

interface FixCase {
  id: string;
  source: string;
  note: string;
  evidence: Record<string, unknown>;
  policies: Record<string, unknown>;
  /** Endpoint policies by vpce id: no AWS output read offline carries one, so the harness holds them. */
  endpointPolicies?: Record<string, PolicyJson>;
  finding: { action: string; role?: string; step?: string };
  fix: {
    placement: FixPart['placement'];
    target: string | null;
    verified: boolean | null;
    /** The principal a key, repository or trust statement must name. */
    principal?: unknown;
    /** Conditions the fix's first statement must carry (a subset). */
    conditions?: Record<string, unknown>;
    /** Other parts the fix must have. */
    also?: { placement: FixPart['placement']; target: string | null }[];
    /** Words the instruction must say (a guardrail's policy, what to fill). */
    says?: string[];
    /** What the user fills the placeholders with, as the instruction tells them. */
    fill?: Record<string, string>;
    /** Where a part whose target the evidence does not name goes, by placement, as the instruction tells the user. */
    fillTargets?: Partial<Record<FixPart['placement'], string>>;
  };
  mustAllow: Request[];
  mustDeny: Request[];
}

/** Actions whose service authorization reference lists no resource type: `*` is their only resource. */
const NO_RESOURCE = new Set([
  'ecr:getauthorizationtoken',
  'ssmmessages:createcontrolchannel',
  'ssmmessages:createdatachannel',
  'ssmmessages:opencontrolchannel',
  'ssmmessages:opendatachannel',
  'sagemaker:listmodels',
  'codecommit:listrepositories',
]);

const CASES_DIR = new URL('./cases/', import.meta.url).pathname;
const cases: FixCase[] = readdirSync(CASES_DIR)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => JSON.parse(readFileSync(join(CASES_DIR, name), 'utf8')));

function writeAll(dir: string, files: Record<string, unknown>): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files))
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
}

interface Run {
  finding: Finding | undefined;
  findings: Finding[];
  policies: KnownPolicies;
}

const runs = new Map<string, Promise<Run>>();

/** The whole program on the case's files, once per case. */
function run(fixCase: FixCase): Promise<Run> {
  const known = runs.get(fixCase.id);
  if (known) return known;
  const started = (async () => {
    const dir = mkdtempSync(join(tmpdir(), `whydenied-fix-case-${fixCase.id}-`));
    writeAll(join(dir, 'evidence'), fixCase.evidence);
    writeAll(join(dir, 'policies'), fixCase.policies);
    const { stdout } = await runCli([
      'analyze',
      join(dir, 'evidence'),
      '--policies',
      join(dir, 'policies'),
      '--format',
      'json',
    ]);
    const findings: Finding[] = JSON.parse(stdout).findings;
    const finding = findings.find(
      (each) => each.action?.toLowerCase() === fixCase.finding.action.toLowerCase(),
    );
    const { policies } = await loadPolicies([join(dir, 'policies')]);
    return { finding, findings, policies };
  })();
  runs.set(fixCase.id, started);
  return started;
}

function partsOf(finding: Finding | undefined): FixPart[] {
  const fix = finding?.fix;
  return fix ? [fix, ...fix.alsoRequired] : [];
}

function filled(document: PolicyDocument, values: Record<string, string> = {}): PolicyJson {
  let text = JSON.stringify(document);
  for (const [name, value] of Object.entries(values)) text = text.replaceAll(`\${${name}}`, value);
  return JSON.parse(text);
}

function merged(existing: NamedPolicy | undefined, added: PolicyJson): NamedPolicy {
  return {
    name: existing?.name ?? 'fix',
    origin: 'fix',
    document: {
      Version: '2012-10-17',
      Statement: [...(existing?.document.Statement ?? []), ...added.Statement],
    },
  };
}

/** The case's policies with the fix put where it says, as a user would apply it. */
function applied(fixCase: FixCase, policies: KnownPolicies, parts: FixPart[], principal: string) {
  const next = {
    identity: new Map(policies.identity),
    boundaries: new Map(policies.boundaries),
    trust: new Map(policies.trust),
    resources: new Map(policies.resources),
    endpoints: new Map(
      Object.entries(fixCase.endpointPolicies ?? {}).map(([id, document]) => [
        id,
        { name: id, origin: 'case', document } as NamedPolicy,
      ]),
    ),
  };
  for (const part of parts) {
    if (!part.policy) continue;
    const document = filled(part.policy, fixCase.fix.fill);
    const target = part.target ?? fixCase.fix.fillTargets?.[part.placement] ?? principal;
    switch (part.placement) {
      case 'identity-policy':
      case 'deployer-policy': {
        const key = principalKey(target);
        next.identity.set(key, [
          ...(lookupPrincipal(next.identity, target) ?? []),
          { name: 'fix', origin: 'fix', document },
        ]);
        break;
      }
      case 'key-policy':
      case 'repository-policy':
      case 'resource-policy':
        next.resources.set(
          resourcePolicyKey(target),
          merged(next.resources.get(resourcePolicyKey(target)), document),
        );
        break;
      case 'trust-policy': {
        // As the instruction says: the statement for the same service is amended (its conditions
        // made to match), not left beside the new one.
        const existing = lookupPrincipal(next.trust, target);
        const services = new Set(document.Statement.map((statement) => JSON.stringify(statement.Principal)));
        const kept = existing && {
          ...existing,
          document: {
            ...existing.document,
            Statement: existing.document.Statement.filter(
              (statement) => !services.has(JSON.stringify(statement.Principal)),
            ),
          },
        };
        next.trust.set(principalKey(target), merged(kept, document));
        break;
      }
      case 'policy-change': {
        // A guardrail's Allow: the endpoint's policy, or the principal's boundary.
        const endpoint = [...next.endpoints.keys()][0];
        if (endpoint) next.endpoints.set(endpoint, merged(next.endpoints.get(endpoint), document));
        else
          next.boundaries.set(
            principalKey(principal),
            merged(lookupPrincipal(next.boundaries, principal), document),
          );
        break;
      }
    }
  }
  return { ...policies, ...next };
}

async function decide(policies: ReturnType<typeof applied>, request: Request): Promise<string> {
  const accountOf = (arn: string) => /^arn:[\w-]+:[\w-]+:[^:]*:(\d{12}):/.exec(arn)?.[1];
  const service = !request.principal.startsWith('arn:');
  const context = request.context ?? {};
  const assumes = request.action.toLowerCase() === 'sts:assumerole' && /:role\//.test(request.resource);
  const resourcePolicy = assumes
    ? lookupPrincipal(policies.trust, request.resource)
    : lookupResourcePolicy(policies, request.resource);
  const vpce = context['aws:SourceVpce'];
  const endpoint = typeof vpce === 'string' ? policies.endpoints.get(vpce) : undefined;
  const boundary = service ? undefined : lookupPrincipal(policies.boundaries, request.principal);
  const simulation: Simulation = {
    request: {
      principal: request.principal,
      action: request.action,
      resource: {
        resource: request.resource,
        accountId: accountOf(request.resource) ?? accountOf(request.principal) ?? '',
      },
      contextVariables: context,
    },
    identityPolicies: service
      ? []
      : (lookupPrincipal(policies.identity, request.principal) ?? []).map((policy, index) => ({
          name: `${policy.name} ${index}`,
          policy: policy.document,
        })),
    serviceControlPolicies: policies.scps.length
      ? [
          {
            orgIdentifier: 'organization',
            policies: [
              {
                name: 'FullAWSAccess',
                policy: {
                  Version: '2012-10-17',
                  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
                },
              },
              ...policies.scps.map((policy, index) => ({ name: `scp ${index}`, policy: policy.document })),
            ],
          },
        ]
      : [],
    resourceControlPolicies: [],
    ...(resourcePolicy ? { resourcePolicy: resourcePolicy.document } : {}),
    ...(boundary ? { permissionBoundaryPolicies: [{ name: 'boundary', policy: boundary.document }] } : {}),
    ...(endpoint ? { vpcEndpointPolicies: [{ name: 'endpoint', policy: endpoint.document }] } : {}),
  };
  const result = await runSimulation(simulation, {});
  if (result.resultType === 'error') throw new Error(`${request.action}: ${result.errors.message}`);
  return result.overallResult;
}

it('there are at least 20 fix cases, each with a source', () => {
  expect(cases.length).toBeGreaterThanOrEqual(20);
  for (const fixCase of cases) expect(fixCase.source, fixCase.id).toMatch(/^https:\/\//);
});

describe.each(cases.map((fixCase) => [fixCase.id, fixCase] as const))('fix case %s', (_id, fixCase) => {
  it('the denial is found', async () => {
    const { finding, findings } = await run(fixCase);
    expect(finding, JSON.stringify(findings.map((each) => each.action))).toBeDefined();
    if (fixCase.finding.role) expect(finding?.role).toBe(fixCase.finding.role);
    if (fixCase.finding.step) expect(finding?.step).toBe(fixCase.finding.step);
  });

  it('is placed right', async () => {
    const { finding } = await run(fixCase);
    expect(finding?.fix?.placement).toBe(fixCase.fix.placement);
    expect(finding?.fix?.target).toBe(fixCase.fix.target);
    for (const also of fixCase.fix.also ?? [])
      expect(
        finding?.fix?.alsoRequired.map(({ placement, target }) => ({ placement, target })),
      ).toContainEqual(also);
    if (fixCase.fix.principal !== undefined)
      expect(finding?.fix?.policy?.Statement[0]?.Principal).toEqual(fixCase.fix.principal);
    for (const words of fixCase.fix.says ?? []) expect(finding?.fix?.instruction).toContain(words);
  });

  it('is minimal', async () => {
    const { finding } = await run(fixCase);
    for (const part of partsOf(finding)) {
      for (const statement of part.policy?.Statement ?? []) {
        for (const action of statement.Action) expect(action, part.placement).not.toContain('*');
        // A key policy's "*" is the key itself.
        if (part.placement === 'key-policy' || statement.Resource === undefined) continue;
        for (const resource of [statement.Resource].flat()) {
          if (resource === '*') {
            for (const action of statement.Action)
              expect(NO_RESOURCE, `${action} on *`).toContain(action.toLowerCase());
            continue;
          }
          const [, , , region, account] = resource.split(':');
          expect(region, resource).not.toContain('*');
          expect(account, resource).not.toContain('*');
        }
      }
      const placeholders = [...JSON.stringify(part.policy ?? {}).matchAll(/\$\{([A-Za-z]+)\}/g)].map(
        (match) => match[0],
      );
      for (const placeholder of placeholders) expect(part.instruction).toContain(placeholder);
    }
  });

  it("is verified (or not) by the program's own simulation as the case expects", async () => {
    const { finding } = await run(fixCase);
    expect(finding?.fix?.verified, finding?.fix?.reason).toBe(fixCase.fix.verified);
  });

  it('keeps the conditions it must', async () => {
    const { finding } = await run(fixCase);
    if (!fixCase.fix.conditions) return;
    expect(finding?.fix?.policy?.Statement[0]?.Condition).toMatchObject(fixCase.fix.conditions);
  });

  it('with the fix applied, allows what the workload needs and nothing next to it', async () => {
    const { finding, policies } = await run(fixCase);
    const principal = finding?.principalArn ?? finding?.roleArn ?? '';
    const fixed = applied(fixCase, policies, partsOf(finding), principal);
    for (const request of fixCase.mustAllow)
      expect(await decide(fixed, request), `${request.action} on ${request.resource}`).toBe('Allowed');
    for (const request of fixCase.mustDeny)
      expect(
        await decide(fixed, request),
        `${request.why ?? ''} ${request.action} on ${request.resource}`,
      ).not.toBe('Allowed');
  });
});
