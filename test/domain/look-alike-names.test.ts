/**
 * What a look-alike is named when its words arrive glued by a trimmed wrap, and when only a
 * CloudTrail record's error code says what failed: real cases of the held-out samples (eq- to fd-).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { optionalBlanks } from '../../src/domain/look-alikes.js';
import { analysePasted, lookAlikeOf, publishedCase, publishedRaw } from '../pasted-message.js';
import { runCli } from '../run-cli.js';

/** A real case's text is named as a look-alike of that kind, with a cause that says so when given. */
async function expectNamed(id: string, kind: string, cause?: RegExp): Promise<void> {
  const lookAlike = await lookAlikeOf(publishedCase(id));
  expect(lookAlike?.kind).toBe(kind);
  if (cause) expect(lookAlike?.likelyCause).toMatch(cause);
}

describe("a look-alike's blanks made optional, for words a trimmed wrap glued", () => {
  it.each([
    ['Unable to describe task definition', String.raw`Unable\s*to\s*describe\s*task\s*definition`],
    [String.raw`a\s+b\s c`, String.raw`a\s*b\s*\s*c`],
    // Inside a character class a blank is one of the class's characters; \s? and \s{2} keep their count.
    ['[A-Za-z ]{0,30}: x', String.raw`[A-Za-z ]{0,30}:\s*x`],
    [String.raw`a\s?b\s{2}c +d`, String.raw`a\s?b\s{2}c +d`],
    // An escaped backslash before a blank is no \s.
    [String.raw`\\ s`, String.raw`\\\s*s`],
  ])('%s -> %s', (source, loose) => {
    expect(optionalBlanks(source)).toBe(loose);
  });

  it("names ECS's missing task definition whose 'task' + 'definition' a trimmed wrap glued (s-10: sil-org/ecs-deploy#145, trimmed at 58)", async () => {
    const lookAlike = await lookAlikeOf(
      'An error occurred (ClientException) when calling the\nDescribeTaskDefinition operation: Unable to describe task\ndefinition.',
    );
    expect(lookAlike?.kind).toBe('missing-resource');
  });
});

describe('a failed call named by what it says of itself', () => {
  it("S3's ExpiredToken in its own words, printed by the .NET SDK without its code (er-06: aws/aws-sdk-net#3141)", async () => {
    const lookAlike = await lookAlikeOf(publishedCase('er-06'));
    expect(lookAlike?.kind).toBe('credentials');
  });

  it("a CloudTrail record's error code when its message names nothing ('ValidationException' with 'AutoScalingGroup name not found - null', es-18)", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'whydenied-look-alike-names-'));
    writeFileSync(join(dir, 'trail.json'), JSON.stringify({ Records: [publishedRaw('es-18')] }));
    const output = JSON.parse((await runCli(['analyze', dir, '--format', 'json'])).stdout);
    expect(output.findings).toEqual([]);
    expect(output.notPermission[0]).toMatchObject({ kind: 'invalid-request' });
  });

  it.each([
    ['fk-16', "IAM's NoSuchEntity"],
    ['fk-17', "KMS's bare NotFoundException"],
  ])(
    "a CloudTrail record whose code alone names a missing resource (%s: Panther's fixture, %s)",
    async (id) => {
      const dir = mkdtempSync(join(tmpdir(), 'whydenied-look-alike-names-'));
      writeFileSync(join(dir, 'trail.json'), JSON.stringify({ Records: [publishedRaw(id)] }));
      const output = JSON.parse((await runCli(['analyze', dir, '--format', 'json'])).stdout);
      expect(output.findings).toEqual([]);
      expect(output.notPermission[0]).toMatchObject({ kind: 'missing-resource' });
    },
  );

  it("EC2 Auto Scaling refusing a launch template to the cluster's creator names no action: the API it names was called, not refused (es-17: rapidsai/deployment#194)", async () => {
    const [finding] = (await analysePasted(publishedCase('es-17'))).findings;
    expect(finding).toMatchObject({ role: 'other', step: 'other', action: null });
  });
});

describe('look-alikes of the held-out eu- to fb- samples, by their real text', () => {
  it.each([
    // containerd's own level inside ECS's reason does not hide the error (aws/containers-roadmap#1133).
    ['eu-07', 'other'],
    // Go's SDK reaching for the instance metadata's credentials on Fargate (aws/aws-sdk-go-v2#2558).
    ['ev-10', 'credentials'],
    // CloudFormation's handler refusing a task definition's secret name, terminal-wrapped (aws/copilot-cli#3446).
    ['ex-07', 'invalid-request'],
    // TaskFailedToStart followed by an error's name is that error's (a DNS failure), not placement.
    ['ex-08', 'network'],
    // SigV4 signed without the Host header (opensearch-project/opensearch-php#248).
    ['fb-12', 'credentials'],
    // chown refused by an EFS access point's POSIX user (bitnami/bitnami-docker-magento#223).
    ['fb-14', 'other'],
  ])('%s is named %s', (id, kind) => expectNamed(id, kind));
});

describe('look-alikes of the held-out fm- to fp- samples, by their real text', () => {
  it.each([
    // The Java SDK failing to connect to the task role's credentials endpoint (aws/aws-sdk-java#1993).
    ['fp-01', 'credentials', /169\.254\.170\.2/],
    // The ECS agent registering with no credentials at all (openillumi.com, an instance role's trust).
    ['fo-09', 'credentials', /instance profile/],
    // KMS refusing a disabled key (fugue/credstash#86).
    ['fp-05', 'other', /disabled/],
    // ECS answering for a deleted service (Shippable/support#3989).
    ['fp-09', 'missing-resource', /INACTIVE/],
    // A pull cancelled behind locked-down egress (7thzero.com's Fargate note).
    ['fp-27', 'network', /cancelled/],
    // runc's failure, its cause cut ('stat /opt/…...no such file or direct...', aws/amazon-ecs-agent#2954).
    ['fm-03', 'other', /runc/],
    ['fm-04', 'other', /runc/],
    ['fm-05', 'other', /runc/],
    // Docker's daemon in its API's words (aws/amazon-ecs-cli#194, awslabs/amazon-ecr-credential-helper#83).
    ['fm-15', 'other', /daemon/],
    ['fm-28', 'other', /daemon/],
    // The ECS volume plugin timing out, or missing (aws/amazon-ecs-agent#2570, aws/elastic-beanstalk-roadmap#244).
    ['fm-12', 'other', /volume plugin/],
    ['fm-13', 'other', /volume plugin/],
    // CloudFormation relaying ECS's rollback (aws/copilot-cli#2640).
    ['fm-08', 'other', /rolled the deployment back/],
    // AccessDeniedException that no policy made: a service not enabled for the account, a sign-in
    // token it would not take, plain role credentials where it wants identity-aware ones
    // (aws/amazon-q-developer-cli#2100, #3221, aws-samples/amazon-q-business-code-analysis#27).
    ['fr-14', 'other', /not enabled for the account/],
    ['fr-15', 'credentials', /would not take the credentials/],
    ['fr-37', 'credentials', /identity-aware/],
    // Docker's ECS integration checking the account's ARN format (docker-archive/ecs-plugin#175).
    ['ft-19', 'other', /long ARN/],
  ])('%s is named %s', (id, kind, cause) => expectNamed(id, kind, cause));

  it("names a pull's missing platform, after Docker's notice that it pulls (amazonlinux/container-images#127)", async () => {
    const { findings, notPermission } = await analysePasted(publishedCase('fp-31'));
    expect(findings).toEqual([]);
    expect(notPermission.map((item: { kind: string }) => item.kind)).toEqual(['other', 'missing-resource']);
    expect(notPermission[0]?.likelyCause).toMatch(/notice/);
    expect(notPermission[1]?.likelyCause).toMatch(/platform/);
  });

  it('lists a look-alike named before a line read and not recognised, whatever came first (kshcherban/acme-nginx#51)', async () => {
    const { notPermission } = await analysePasted(publishedCase('fp-10'));
    expect(notPermission.map((item: { kind: string }) => item.kind)).toEqual(['credentials', 'unrecognised']);
    expect(notPermission[1]?.message).toMatch(/error creating dns record/);
  });
});

describe('look-alikes of the earlier samples that were read and not recognised, named by their real text', () => {
  it.each([
    // The agent's pull or awslogs check killed on time (re:Post knowledge center, ko and de; a gist).
    ['ej-40', 'network'],
    ['fj-14', 'network'],
    ['ej-28', 'network'],
    // The agent's ACS connection (aws/amazon-ecs-agent#1845, #438, #108).
    ['ea-21', 'network'],
    ['ea-22', 'network'],
    ['ea-25', 'network'],
    // ECS's 5xx (aws/containers-roadmap#187).
    ['ef-20', 'other'],
    ['ei-40', 'invalid-request'],
    ['fk-23', 'invalid-request'],
    // A buildx attestation in the image's index (aws/aws-cdk#30680).
    ['ex-02', 'other'],
    ['ex-09', 'network'],
    ['fc-14', 'other'],
    // AWS Batch's capacity (the Batch user guide).
    ['em-20', 'placement'],
    ['fk-12', 'other'],
    // ECS Exec and Session Manager (aws/amazon-ecs-agent#3130, amazon-ecs-exec-checker#37, amazon-ssm-agent#120, #522).
    ['fi-20', 'other'],
    ['fi-04', 'other'],
    ['em-33', 'other'],
    ['em-36', 'other'],
    ['fi-17', 'other'],
    // FireLens's Fluent Bit configuration (aws/aws-for-fluent-bit#824, #767, #659, amazon-cloudwatch-logs-for-fluent-bit#234).
    ['fi-12', 'other'],
    ['fi-13', 'other'],
    ['fi-15', 'other'],
    ['fb-19', 'other'],
    ['ej-49', 'other'],
    ['ev-14', 'missing-resource'],
    ['fb-02', 'other'],
    ['fd-05', 'credentials'],
    ['fb-20', 'credentials'],
    // Registries answering 401 to a program with no login (YubicoLabs/action-conftest#9, tektoncd/pipeline#2707).
    ['ej-12', 'credentials'],
    ['ej-38', 'credentials'],
    ['x-16', 'invalid-request'],
    ['ea-18', 'other'],
    ['ea-19', 'other'],
    ['fb-11', 'invalid-request'],
    ['fi-08', 'network'],
  ])('%s is named %s', (id, kind) => expectNamed(id, kind));
});

describe('look-alikes of the gf- to gh- sample, each named with its cause', () => {
  it("ECS refusing the agent's instance identity document (gf-01: aws/amazon-ecs-agent#3604)", async () => {
    await expectNamed('gf-01', 'invalid-request', /identity document/);
  });

  it("CodePipeline's ECS deploy action refusing the build's image definitions file (gg-32: aws/aws-cdk#8894)", async () => {
    await expectNamed('gg-32', 'invalid-request', /image definitions file/);
  });

  it("a registry's 'unauthorized: authentication required' to a client that sent no login (gg-34: serverless/serverless#11120)", async () => {
    await expectNamed('gg-34', 'credentials', /no login/);
  });

  it("SQS's 403 whose code is InvalidClientTokenId: the keys were refused, no policy read (gh-07: getsentry/sentry-laravel#22)", async () => {
    await expectNamed('gh-07', 'credentials');
  });

  it("Lambda's 'because KMS access was denied' stays a denial though KMS's code is UnrecognizedClientException (gr-06: a grant to mend)", async () => {
    const analysis = await analysePasted(publishedCase('gr-06'));
    expect(analysis.findings).toHaveLength(1);
    expect(analysis.notPermission).toEqual([]);
  });
});

describe("sidecars', deploy actions', registries' and the ECS agent's own words, named (the gf- to gt- samples)", () => {
  it.each([
    [
      "Fluent Bit's cloudwatch_logs output told not to create its group (gf-02: aws/eks-charts#1096)",
      'gf-02',
      'missing-resource',
      /auto_create_group/,
    ],
    [
      "Fluent Bit's AWS client failing to connect (gf-06: aws-for-fluent-bit's debugging guide)",
      'gf-06',
      'network',
      /endpoint/,
    ],
    [
      "part of a Firehose batch refused (gf-07: aws-for-fluent-bit's debugging guide)",
      'gf-07',
      'throttling',
      /throughput/,
    ],
    [
      "the agent unable to build FireLens's configuration (gf-09: amazon-ecs-firelens-examples#12)",
      'gf-09',
      'invalid-request',
      /FireLens/,
    ],
    [
      "Systems Manager's expired hybrid activation (gf-13: aws/amazon-ssm-agent#134)",
      'gf-13',
      'credentials',
      /activation/,
    ],
    ['a CDK asset push timing out in TLS (gg-05: aws/aws-cdk#30591)', 'gg-05', 'network', undefined],
    [
      "ECR refusing BuildKit's cache manifest (gg-15: docker/build-push-action#858)",
      'gg-15',
      'invalid-request',
      /cache/,
    ],
    [
      'CodePipeline unable to read the task definition from its artifact (gg-29: YumaInaura/YumaInaura#3424)',
      'gg-29',
      'invalid-request',
      /artifact/,
    ],
    [
      "GitHub's render action finding no task definition file (gg-30: aws-actions/amazon-ecs-render-task-definition#68)",
      'gg-30',
      'missing-resource',
      /workspace/,
    ],
    [
      "the JavaScript SDK refusing the ECS credentials endpoint's answer (gh-13: aws/amazon-ecs-agent#531)",
      'gh-13',
      'credentials',
      /ECS agent/,
    ],
    // The ECS agent's and its hosts' own words (the gt- sample, aws/amazon-ecs-agent's issues).
    ['ecs-init restarting an agent that exits at once (gt-04: #1309)', 'gt-04', 'other', /ecs-agent\.log/],
    [
      "the agent's credentials endpoint asked for an ID it does not hold (gt-05: #738)",
      'gt-05',
      'credentials',
      /stopped/,
    ],
    ["its audit log's 400s to /v2/credentials (gt-07: #3485)", 'gt-07', 'credentials', /stopped/],
    [
      "the EFS mount helper's failed lookups at that endpoint (gt-08: #2810)",
      'gt-08',
      'credentials',
      /EFS mount helper/,
    ],
    [
      "TCS's TLS certificate the agent would not trust (gt-11: #4530)",
      'gt-11',
      'network',
      /intercepting TLS/,
    ],
  ] as const)('%s', async (_, id, kind, cause) => {
    await expectNamed(id, kind, cause);
  });
});

it("ECS's pull from Docker Hub cut before its status: not recognised, but no AWS policy was asked (gk-03: aws/aws-for-fluent-bit#234)", async () => {
  const [note] = (await analysePasted(publishedCase('gk-03'))).notPermission;
  expect(note).toMatchObject({ kind: 'unrecognised' });
  expect(note?.likelyCause).toMatch(/registry other than ECR, so no AWS policy was asked/);
});

it("names ECS's service-linked role created again where it already is (gq-03: bcgov/startup-sample-project-aws-containers#13)", async () => {
  await expectNamed('gq-03', 'invalid-request', /already exists/);
});

describe('look-alikes of the held-out hb- to hg- sample, each named with its cause', () => {
  it.each([
    [
      "the ADOT collector's remote write to an AWS endpoint timing out (hd-01: aws-observability/aws-otel-collector#2351)",
      'hd-01',
      'network',
      /no answer in time/,
    ],
    [
      "the Go SDK's AssumeRole cancelled at its deadline (hd-13: open-telemetry/opentelemetry-collector-contrib#42343)",
      'hd-13',
      'network',
      /no answer in time/,
    ],
    ["cURL's 'error 7' under the PHP SDK (he-04: aws/aws-sdk-php#1920)", 'he-04', 'network', /cURL/],
    ["the same in Drupal's error page (he-05: aws/aws-sdk-php#1886)", 'he-05', 'network', /cURL/],
    ['the same, uncaught in WordPress (he-06: aws/aws-sdk-php#1867)', 'he-06', 'network', /cURL/],
    [
      'the .NET SDK unable to reach the credentials server (hc-01: aws/amazon-ecs-agent#3022)',
      'hc-01',
      'credentials',
      /credentials endpoint/,
    ],
    [
      "the Kotlin SDK's empty provider chain (he-08: aws/aws-sdk-kotlin#697)",
      'he-08',
      'credentials',
      /credentials endpoint/,
    ],
    [
      "OpenDAL's reqsign loading no credential (he-09: apache/opendal#4964)",
      'he-09',
      'credentials',
      /credentials endpoint/,
    ],
    [
      "Managed Prometheus's 'Workspace not found' behind a remote write (hd-02: aws-observability/aws-otel-collector#2155)",
      'hd-02',
      'missing-resource',
      undefined,
    ],
    [
      "Fluent Bit's Kinesis output refused a whole batch (hd-03: aws/amazon-kinesis-streams-for-fluent-bit#270)",
      'hd-03',
      'throttling',
      /shards/,
    ],
    [
      "ECS's awsvpc task without a network configuration (hg-18: metaps/genova#122)",
      'hg-18',
      'invalid-request',
      undefined,
    ],
    [
      "ECS's blue/green listener ARN of the wrong kind (hf-14: ECS's blue/green troubleshooting page)",
      'hf-14',
      'invalid-request',
      undefined,
    ],
    [
      "the Ruby SDK's parameter check (hg-19: metaps/genova#122)",
      'hg-19',
      'invalid-request',
      /SDK refused the call/,
    ],
    [
      'the JavaScript SDK older than a parameter (hf-08: aws/aws-sdk-js#3310)',
      'hf-08',
      'invalid-request',
      /SDK refused the call/,
    ],
    [
      "the same in GitHub's deploy action (hg-15: aws/aws-sdk-js#3255)",
      'hg-15',
      'invalid-request',
      /SDK refused the call/,
    ],
    [
      'no free network interface slot on the instance (hg-09: aws/containers-roadmap#1545)',
      'hg-09',
      'placement',
      /ENI trunking/,
    ],
    [
      "the agent's pause image missing on the host (hc-07: aws/amazon-ecs-agent#2193)",
      'hc-07',
      'other',
      /pause image/,
    ],
    [
      'a deploy tool finding no such service (hf-09: Shippable/support#4024)',
      'hf-09',
      'missing-resource',
      /service by a name/,
    ],
    [
      'ecs-deploy rolling back a revision that never settled (hg-12: sil-org/ecs-deploy#102)',
      'hg-12',
      'other',
      /deploy tool gave up/,
    ],
    [
      'ecs_deployer finding no running task (hf-11: naomichi-y/ecs_deployer#4)',
      'hf-11',
      'other',
      /deploy tool gave up/,
    ],
    [
      "ECS's health check event without the brackets (hg-03: nathanpeck/nodejs-aws-workshop#5)",
      'hg-03',
      'other',
      /health check/,
    ],
    [
      "the deployment circuit breaker's rollout reason (hg-11: aws/containers-roadmap#1488)",
      'hg-11',
      'other',
      /rolled the deployment back/,
    ],
  ] as const)('%s', async (_, id, kind, cause) => {
    await expectNamed(id, kind, cause);
  });
});

describe('look-alikes of the held-out hh- to hl- sample, each named with its cause', () => {
  it.each([
    [
      "the ECS Exec Checker's managed agent stopped in a container (hj-11: aws/aws-cli#6903)",
      'hj-11',
      'other',
      /ExecuteCommandAgent/,
    ],
    [
      'the ECS CLI not finding the service it just created (hj-12: aws/amazon-ecs-cli#436)',
      'hj-12',
      'other',
      /run the command again/,
    ],
    ['the same in a Jenkins job (hj-13: aws/amazon-ecs-cli#79)', 'hj-13', 'other', /run the command again/],
    [
      "the CodeDeploy agent with no instance profile (hl-14: the CodeDeploy guide's troubleshooting)",
      'hl-14',
      'credentials',
      /instance profile/,
    ],
    [
      "Application Auto Scaling's activity in a service's events (hl-22: aws/amazon-ecs-agent#862)",
      'hl-22',
      'other',
      /scaling policy/,
    ],
    [
      "CodePipeline's image definitions naming a container the task definition lacks (hl-25: aws-samples/aws-modern-application-workshop#153)",
      'hl-25',
      'missing-resource',
      /imagedefinitions\.json/,
    ],
    [
      'Lambda refusing an image URI as not valid (hl-31: aws-samples/bedrock-access-gateway#205)',
      'hl-31',
      'invalid-request',
      /Region/,
    ],
    ['Lambda finding no image at the URI (hl-32: aws/aws-cdk#24648)', 'hl-32', 'invalid-request', /Region/],
    [
      "an image in another Region's registry (hl-34: binxio/cfn-ses-provider#27)",
      'hl-34',
      'invalid-request',
      /Region/,
    ],
  ] as const)('%s', async (_, id, kind, cause) => {
    await expectNamed(id, kind, cause);
  });

  it.each([
    ["a wrong secret path (hk-06: hyh528/PetClinic-AWS-Migration's notes)", 'hk-06'],
    ['the task role without ssm:GetParametersByPath, in the same words (hk-07: the same notes)', 'hk-07'],
  ])(
    "answers Spring Boot's 'Config data resource … does not exist' with both of its causes: %s",
    async (_, id) => {
      const [note] = (await analysePasted(publishedCase(id))).notPermission;
      expect(note).toMatchObject({ kind: 'unrecognised' });
      expect(note?.likelyCause).toMatch(/task role refused/);
      expect(note?.likelyCause).toMatch(/name that is not there/);
    },
  );
});

describe("EventBridge's ECS events that are no denial, named from their event names (the ECS guide's examples)", () => {
  it.each([
    ['an ECS Service Action of SERVICE_TASK_START_IMPAIRED (hh-01)', 'hh-01', /keep failing to start/],
    [
      "an ECS Deployment State Change of SERVICE_DEPLOYMENT_FAILED, the circuit breaker's reason in the singular (hh-02)",
      'hh-02',
      /rolled the deployment back/,
    ],
  ])('%s', async (_, id, cause) => {
    const dir = mkdtempSync(join(tmpdir(), 'whydenied-ecs-events-'));
    writeFileSync(join(dir, 'event.json'), publishedCase(id));
    const output = JSON.parse((await runCli(['analyze', dir, '--format', 'json'])).stdout);
    expect(output.findings).toEqual([]);
    expect(output.notPermission[0]).toMatchObject({ kind: 'other' });
    expect(output.notPermission[0].likelyCause).toMatch(cause);
  });
});

describe('look-alikes of the held-out hm- to hq- sample, each named with its cause', () => {
  it.each([
    [
      "botocore's parameter check on a nested path (hn-03: aws-samples/sample-amazon-ecs-blue-green-deployment-patterns#8)",
      'hn-03',
      'invalid-request',
      /SDK refused the call/,
    ],
    [
      "ECS's blue/green rollback for its listener rules (hn-12: ECS's blue/green troubleshooting page)",
      'hn-12',
      'invalid-request',
      /listener rules/,
    ],
    ['the same for a rule serving two target groups (hn-13)', 'hn-13', 'invalid-request', /listener rules/],
    [
      "Managed Instances' malformed infrastructure role ARN (hn-17: ECS's Managed Instances errors page)",
      'hn-17',
      'invalid-request',
      undefined,
    ],
    ['its capacity provider without an infrastructure role (hn-18)', 'hn-18', 'invalid-request', undefined],
    ["its malformed instance profile's ARN (hn-19)", 'hn-19', 'invalid-request', undefined],
    [
      'no capacity provider by that name (hq-11: terraform-aws-modules/terraform-aws-ecs#53)',
      'hq-11',
      'missing-resource',
      /capacity provider/,
    ],
    [
      "CloudFormation's unsupported property (hq-17: amazon-archives/amazon-ecs-interstella-workshop#2)",
      'hq-17',
      'invalid-request',
      /template/,
    ],
    [
      "CloudFormation's resource timeout (ho-21: aws/aws-app-mesh-examples#419)",
      'ho-21',
      'other',
      /gave up waiting/,
    ],
    [
      "CloudFormation's stack timeout (hq-21: docker-archive/ecs-plugin#217)",
      'hq-21',
      'other',
      /gave up waiting/,
    ],
    [
      "CloudFormation's 'did not stabilize' for an ECS service (ho-05: remind101/empire#522)",
      'ho-05',
      'other',
      /may be a denial/,
    ],
    [
      "the ECS CLI's unchanged running count (ho-18: aws/amazon-ecs-cli#401)",
      'ho-18',
      'other',
      /gave up waiting/,
    ],
    [
      "a task runner's waiter that may hide a refused DescribeTasks (ho-10: geekcell/github-action-aws-ecs-run-task#35)",
      'ho-10',
      'other',
      /ecs:DescribeTasks/,
    ],
    [
      "CloudFormation's rollback events without the failed one (ho-04: aws/amazon-ecs-agent#1996)",
      'ho-04',
      'other',
      /FAILED/,
    ],
    ["the ECS CLI's profile without keys (hp-29: aws/amazon-ecs-cli#548)", 'hp-29', 'credentials', /profile/],
    [
      "Docker Hub's anonymous pull of a private image in ECS's reason (ho-06: remind101/empire#522)",
      'ho-06',
      'credentials',
      undefined,
    ],
  ] as const)('%s', async (_, id, kind, cause) => {
    await expectNamed(id, kind, cause);
  });
});

describe('look-alikes of the held-out hr- to hu- sample, each named with its cause', () => {
  it.each([
    [
      "Copilot's service before its environment (hr-01: ilakkmanoharan/tts-next-fast-aws's notes)",
      'hr-01',
      'invalid-request',
      /copilot env deploy/,
    ],
    [
      "a listener's port already in use (ht-03: bookmd/mcp-gateway's deployment issues)",
      'ht-03',
      'invalid-request',
      /listener's port/,
    ],
    [
      "SQS's 403 whose code is OverLimit (hr-02: Cbsoftware/pressureNET-server#74)",
      'hr-02',
      'throttling',
      /in flight/,
    ],
  ] as const)('%s', async (_, id, kind, cause) => {
    await expectNamed(id, kind, cause);
  });
});

describe('look-alikes of the held-out hv- to ia- sample, each named with its cause', () => {
  it.each([
    [
      "ECR Public refusing a pull sent with a stale login (hv-02: openillumi's docker build; aws-samples/amazon-eks-cicd-codebuild#188)",
      'hv-02',
      'credentials',
      /docker logout public\.ecr\.aws/,
    ],
    [
      "the JavaScript SDK v3 given no function to assume a profile's role (hx-13: FlowiseAI/Flowise#2782)",
      'hx-13',
      'credentials',
      /fromNodeProviderChain/,
    ],
    [
      "Session Manager's agent missing a session's plugin (hz-08: vumdao/ssm-agent's troubleshooting notes)",
      'hz-08',
      'other',
      /SSM agent could not start the session's plugin/,
    ],
    [
      "ECS's task definition without a family, as the deploy action relays it (hy-01: aws-actions/amazon-ecs-deploy-task-definition#630)",
      'hy-01',
      'invalid-request',
      /must have/,
    ],
    [
      "a Windows image of another Windows version than the host's (hz-06: aws/amazon-ecs-agent#2466)",
      'hz-06',
      'other',
      /same version/,
    ],
    [
      "the JavaScript SDK v2's waiter ('Resource is not in the state tasksStopped', hz-09: noelzubin/aws-ecs-run-task#4)",
      'hz-09',
      'other',
      /gave up waiting/,
    ],
    [
      "Fluent Bit's Firehose output over the stream's throughput (hz-11: aws/aws-for-fluent-bit#334)",
      'hz-11',
      'throttling',
      /throughput/,
    ],
    [
      "Terraform's waiter finding a cluster INACTIVE (hy-10: cloudposse/terraform-aws-ecs-codepipeline#79)",
      'hy-10',
      'other',
      /Terraform waited/,
    ],
    [
      "App Runner's service that never became healthy (hy-05: aws-samples/redcap-on-aws#11)",
      'hy-05',
      'other',
      /never became healthy/,
    ],
    [
      'Mountpoint for S3 on Fargate, which gives no FUSE device (hx-12: awslabs/mountpoint-s3#450)',
      'hx-12',
      'other',
      /FUSE device/,
    ],
  ] as const)('%s', async (_, id, kind, cause) => {
    await expectNamed(id, kind, cause);
  });
});

describe('look-alikes of the held-out ib- to ie- sample, each named with its cause', () => {
  it.each([
    [
      "IAM's 'Invalid principal in policy' (id-07: newrelic/docs-website's invalid-principal page)",
      'id-07',
      'invalid-request',
      /another partition/,
    ],
    [
      "Vault's AWS auth refusing a principal its role does not bind (id-12: hashicorp/vault#2729)",
      'id-12',
      'other',
      /bound_iam_principal_arn/,
    ],
    [
      "Session Manager's Run As user missing on the instance (ic-10: aws/amazon-ssm-agent#219)",
      'ic-10',
      'other',
      /Run As/,
    ],
    [
      "ECS's unknown platform version (ic-15: jenkinsci/amazon-ecs-plugin#218)",
      'ic-15',
      'invalid-request',
      /platform version/,
    ],
    [
      "Secrets Manager's 'can't find the specified secret' as kamal relays it (ie-04: basecamp/kamal#1292)",
      'ie-04',
      'missing-resource',
      undefined,
    ],
    [
      "RDS's 'DBInstanceNotFound: …' (id-10: pganalyze/collector#142)",
      'id-10',
      'missing-resource',
      undefined,
    ],
    [
      "the MongoDB driver's instance metadata request timing out (id-02: mongodb/specifications#1467)",
      'id-02',
      'other',
      /169\.254\.169\.254/,
    ],
  ] as const)('%s', async (_, id, kind, cause) => {
    await expectNamed(id, kind, cause);
  });
});

describe('look-alikes of the held-out ig- to ij- sample, each named with its cause', () => {
  it.each([
    [
      "CloudFormation's import of an output no stack exports (ig-19: game-ci/unity-builder#527)",
      'ig-19',
      'missing-resource',
      /Fn::ImportValue/,
    ],
    [
      "Cognitect's anomaly 'incorrect' (ij-02: cognitect-labs/aws-api#241)",
      'ij-02',
      'invalid-request',
      undefined,
    ],
    ["macOS's resolver on an AWS endpoint (ij-04: cognitect-labs/aws-api#8)", 'ij-04', 'network', undefined],
    ['the Java SDK with no Region (ig-21: spinnaker/clouddriver#4968)', 'ig-21', 'other', /AWS_REGION/],
    [
      "the Rust SDK's MissingCredentials (ij-20: awslabs/aws-sdk-rust#760)",
      'ij-20',
      'credentials',
      undefined,
    ],
    [
      "S3's unknown access key in its own words (ij-39: modin-project/modin#3383)",
      'ij-39',
      'credentials',
      undefined,
    ],
    [
      'the JavaScript SDK v2 with no credentials to sign with (ij-13: aws/aws-sdk-js#2433)',
      'ij-13',
      'credentials',
      undefined,
    ],
    [
      "Transfer Family's unknown user (ih-46: darren-reddick/terraform-aws-transfer#12)",
      'ih-46',
      'credentials',
      undefined,
    ],
    [
      "Glue's catalog never upgraded, though it says AccessDeniedException (ih-39: awslabs/sagemaker-explaining-credit-decisions#2)",
      'ih-39',
      'other',
      /Glue Data Catalog/,
    ],
    [
      "S3's bucket in another Region, though it says Access Denied (ij-21: aws-quickstart/quickstart-taskcat-ci#38)",
      'ij-21',
      'invalid-request',
      /another Region/,
    ],
  ] as const)('%s', async (_, id, kind, cause) => {
    await expectNamed(id, kind, cause);
  });
});
