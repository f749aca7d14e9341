/**
 * The execution role's start-up failures and their look-alikes, with the real text of extra
 * cases ek- (test/extra-cases/cases.jsonl, sources there): Docker's pull refusal read by the
 * registry's own reason after "denied:", and ECR's layer storage read as the image pull.
 */
import { describe, expect, it } from 'vitest';
import { analysePasted, lookAlikeOf } from '../pasted-message.js';

describe("Docker's pull refusal, read by the registry's reason after 'denied:'", () => {
  it("a pull through cache's upstream registry refusing its login is no denial of the puller (aws/containers-roadmap#2354)", async () => {
    const lookAlike = await lookAlikeOf(
      "Example of pull that fail: docker pull <awsid>.dkr.ecr.eu-west-1.amazonaws.com/docker-hub/library/percona/percona-xtradb-cluster-operator:1.14.0 Error response from daemon: pull access denied for <awsid>.dkr.ecr.eu-west-1.amazonaws.com/docker-hub/library/percona/percona-xtradb-cluster-operator, repository does not exist or may require 'docker login': denied: The authentication to the upstream registry failed. Verify that the credentials provided in the pull through cache rule are correct, and try again.",
    );
    expect(lookAlike).toMatchObject({ kind: 'credentials' });
    expect(lookAlike?.likelyCause).toMatch(/pull through cache/);
  });

  it("an ECR token older than 12 hours, in a Swarm agent's log line (portainer/portainer#6764)", async () => {
    const lookAlike = await lookAlikeOf(
      `level=error msg="pulling image failed" error="pull access denied for 123123.dkr.ecr.us-east-2.amazonaws.com/test, repository does not exist or may require 'docker login': denied: Your authorization token has expired. Reauthenticate and try again." module=node/agent/taskmanager node.id=123123service.id=123123task.id=123123`,
    );
    expect(lookAlike).toMatchObject({ kind: 'credentials' });
  });

  it("IAM's sentence as the reason stays the execution role's denial (the agent's own test fixture)", async () => {
    const { findings } = await analysePasted(
      "CannotPullContainerError: Error response from daemon: pull access denied for 123123123123.dkr.ecr.us-east-1.amazonaws.com/my_image, repository does not exist or may require 'docker login': denied: User: arn:aws:sts::123123123123:assumed-role/MyBrokenRole/xyz is not authorized to perform: ecr:BatchGetImage on resource: arn:aws:ecr:us-east-1:123123123123:repository/test_image because no identity-based policy allows the ecr:BatchGetImage action",
    );
    expect(findings[0]).toMatchObject({
      role: 'execution-role',
      step: 'image-pull',
      action: 'ecr:BatchGetImage',
    });
  });
});

describe("containerd's pull refusal, read by the registry's reason after 'may require authorization:'", () => {
  it.each([
    [
      "an app driving its host's Docker to pull from ECR with no login (em-04: https://rst0070.github.io/notes/26-06-02-how-aws-inject-cred-for-ecr.md)",
      'Internal Server Error ("failed to resolve reference "----.dkr.ecr.ap-northeast-1.amazonaws.com/----:----": pull access denied, repository does not exist or may require authorization: authorization failed: no basic auth credentials")',
    ],
    [
      'kubelet pulling an ECR image with no pull secret, wrapped as kubectl describe prints it (a Korean post-mortem: Logssey/infrastructure, docs/troubleshooting/09-ecr-credential-provider.md)',
      'Warning  Failed     21s (x2 over 37s)  kubelet  Failed to pull image "...":\n  failed to resolve image: pull access denied, repository does not exist or\n  may require authorization: authorization failed: no basic auth credentials',
    ],
  ])('no login sent is no denial of the execution role: %s', async (_, message) => {
    const lookAlike = await lookAlikeOf(message);
    expect(lookAlike).toMatchObject({ kind: 'credentials', likelyCause: expect.stringMatching(/no login/) });
  });
});

describe("ECR's layer storage", () => {
  it("s3:GetObject on ECR's starport layer bucket is the image pull (bidhya/greenland-glacier-flow, VPC_ENDPOINT_FIX.md)", async () => {
    const { findings } = await analysePasted(
      'User: arn:aws:sts::812812325446:assumed-role/storage-access-role-prod-us-west-2/...\nis not authorized to perform: s3:GetObject on resource: \n"arn:aws:s3:::prod-us-west-2-starport-layer-bucket/..." \nbecause no VPC endpoint policy allows the s3:GetObject action',
    );
    expect(findings[0]).toMatchObject({
      step: 'image-pull',
      action: 's3:GetObject',
      policyType: 'vpc-endpoint',
    });
  });
});

describe('look-alikes of the image pull, named and not only read', () => {
  it('Docker pulling from ECR with no login at all (coreos/coreos-kubernetes#461)', async () => {
    const lookAlike = await lookAlikeOf(
      'docker pull /<account number>.dkr.ecr.eu-west-1.amazonaws.com/zre\nUsing default tag: latest\nError response from daemon: Get https:///<account number>.dkr.ecr.eu-west-1.amazonaws.com/v2/zre/manifests/latest: no basic auth credentials',
    );
    expect(lookAlike).toMatchObject({ kind: 'credentials' });
    expect(lookAlike?.likelyCause).toMatch(/login/);
  });

  it('an image reference Docker cannot parse (nextflow-io/nextflow#1537)', async () => {
    const lookAlike = await lookAlikeOf('CannotPullContainerError: invalid reference format');
    expect(lookAlike).toMatchObject({ kind: 'invalid-request' });
    expect(lookAlike?.likelyCause).toMatch(/image/);
  });

  it("the pull's panic the ECS guide ties to no route to Amazon S3 (the ECS guide's CannotPullContainer errors)", async () => {
    const lookAlike = await lookAlikeOf(
      'pull command failed: panic: runtime error: invalid memory address or nil pointer dereference',
    );
    expect(lookAlike).toMatchObject({ kind: 'network' });
    expect(lookAlike?.likelyCause).toMatch(/S3/);
  });

  it("Docker Hub's 'requested access to the resource is denied' under another program's words (epi2me-labs/wf-basecalling#59)", async () => {
    const lookAlike = await lookAlikeOf(
      "ERROR ~ Error executing process > 'prepare_reference:cram_cache (1)'\nCaused by:\n  Task failed to start - CannotPullImageManifestError: Error response from daemon: errors:\n  denied: requested access to the resource is denied\n  unauthorized: authentication required",
    );
    expect(lookAlike).toMatchObject({ kind: 'missing-resource' });
  });
});

describe("the EC2 agent's own secret wording (aws/amazon-ecs-agent, agent/asm/asm.go)", () => {
  // Since agent 1.84.0 a failed GetSecretValue is "secret <valueFrom>: <the SDK's error>" with no other
  // wrapper (asm_test.go: "secret %s: InternalServiceError: uhoh"); the SDK error here is v2's, as ea-01 has it.
  it("IAM's refusal under the agent's 'secret <arn>:' is the execution role's secret injection", async () => {
    const { findings } = await analysePasted(
      'secret arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf: operation error Secrets Manager: GetSecretValue, https response error StatusCode: 400, RequestID: 24460c33-1d7d-4ee9-99cf-c259d53e7b44, api error AccessDeniedException: User: arn:aws:sts::111122223333:assumed-role/ecsTaskExecutionRole/a5209a25e2424cafa8d2f56406f57b35 is not authorized to perform: secretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf because no identity-based policy allows the secretsmanager:GetSecretValue action',
    );
    expect(findings[0]).toMatchObject({
      role: 'execution-role',
      step: 'secret-injection',
      action: 'secretsmanager:GetSecretValue',
    });
  });
});

describe('the agent with no credentials for the execution role is no denial', () => {
  // The agent's resources say so before any call (asmsecret.go, ssmsecret.go, envfile.go; task.go's
  // HostConfigError for awslogs); a Documenso deployer's script was written to fix the first.
  it.each([
    'ASM secret resource: unable to find execution role credentials',
    'ssm secret resource: unable to find execution role credentials',
    'environment file resource: unable to find execution role credentials',
    'HostConfigError: Unable to get execution role credentials for task',
  ])('%s', async (message) => {
    const lookAlike = await lookAlikeOf(message);
    expect(lookAlike).toMatchObject({ kind: 'credentials' });
    expect(lookAlike?.likelyCause).toMatch(/executionRoleArn/);
  });
});

describe('start-up errors with no error word still get an answer', () => {
  // The EC2 agent's task reasons are its raw strings (ECS-MESSAGES.md, 3.4 and 3.3): ssmsecret.go's
  // "fetching secret data from SSM Parameter Store in %s: %v" around ssm.go's "invalid parameters: %s",
  // and asm.go's "retrieved secret from Secrets Manager did not contain json key %s".
  it.each([
    [
      'Fetching secret data from SSM Parameter Store in us-east-1: invalid parameters: /app/db_password',
      'missing-resource',
    ],
    ['retrieved secret from Secrets Manager did not contain json key MY_SECRET', 'missing-resource'],
  ])('%s', async (message, kind) => {
    const lookAlike = await lookAlikeOf(message);
    expect(lookAlike).toMatchObject({ kind });
  });
});

describe("ECS Exec's KMS handshake inside the task", () => {
  // tedsmitt/ecsgo#12 (ea-28's frame): the SSM agent in the task decrypts the session's data key
  // with the task role; here with KMS's refusal in IAM's words, as the handshake relays it.
  it('the task role refused kms:Decrypt in an ecs-execute-command session is the exec step', async () => {
    const { findings } = await analysePasted(
      'SessionId: ecs-execute-command-12345 : ----------ERROR-------\nEncountered error while initiating handshake. Fetching data key failed: Unable to retrieve data key, Error when decrypting data key AccessDeniedException: User: arn:aws:sts::111122223333:assumed-role/ecsTaskRole/9b2c3d4e5f60718a1b2c3d4e5f607181 is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab because no identity-based policy allows the kms:Decrypt action',
    );
    expect(findings[0]).toMatchObject({ role: 'task-role', step: 'exec', action: 'kms:Decrypt' });
  });

  // department-of-veterans-affairs/va.gov-team#54885 quotes the same handshake for Session Manager
  // to an EC2 host (cut there after "AccessDenie"): there the instance's own role decrypts.
  it("the same refusal to an EC2 instance's own session is the host's role, not a task's", async () => {
    const { findings } = await analysePasted(
      'Encountered error while initiating handshake. Fetching data key failed: Unable to retrieve data key, Error when decrypting data key AccessDeniedException: User: arn:aws:sts::111122223333:assumed-role/app-host-role/i-0abc123def4567890 is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab because no identity-based policy allows the kms:Decrypt action',
    );
    expect(findings[0]).toMatchObject({ role: 'other', action: 'kms:Decrypt' });
  });
});

describe("the held-out ej- sample's start-up misses (main's test/extra-cases, sources there)", () => {
  it("'CannotPullContainer' retyped without its 'Error' still names the image pull (ej-06, nathanpeck/aws-cloudformation-fargate#13)", async () => {
    const { findings } = await analysePasted('CannotPullContainer AccessDenied');
    expect(findings[0]).toMatchObject({ role: 'execution-role', step: 'image-pull' });
  });

  it("the secret Fargate names when IAM's sentence is cut before 'on resource' (ej-41, a Korean troubleshooting page)", async () => {
    const { findings } = await analysePasted(
      'ResourceInitializationError: unable to pull secrets or registry auth: \nexecution resource retrieval failed: unable to retrieve secret from asm: \nservice call has been retried 1 time(s): failed to fetch secret \narn:aws:secretsmanager:ap-northeast-2:205070775242:secret:bitcoin-auto-trader/binance-UMl6GF \nfrom secrets manager: AccessDeniedException: User: arn:aws:sts::205070775242:assumed-role/bitcoin-auto-trader-ecs-execution-role/259ab992ff9d4af08a4fc104adda511d \nis not authorized to perform: secretsmanager:GetSecretValue',
    );
    expect(findings[0]).toMatchObject({
      role: 'execution-role',
      step: 'secret-injection',
      action: 'secretsmanager:GetSecretValue',
      resource:
        'arn:aws:secretsmanager:ap-northeast-2:205070775242:secret:bitcoin-auto-trader/binance-UMl6GF',
    });
  });

  it.each([
    [
      "the account a placeholder (em-23, a blog on Copilot's secrets: https://blog.gitcode.com/0a091f48c7ef6b8cdca1add2aa09facb.html)",
      'arn:aws:secretsmanager:us-east-1:<account-id>:secret:SecretName',
    ],
    [
      "a numbered account (a public /ecs-debug runbook's example of a stopped task's logs: mgweaver/devops-ai-toolkit, .claude/commands/infra/ecs-debug.md)",
      'arn:aws:secretsmanager:us-east-1:123456789:secret:lease-processor/db-password-abc123',
    ],
  ])(
    "the secret Fargate names when the stopped reason ends at 'AccessDeniedException': %s",
    async (_, secret) => {
      const { findings } = await analysePasted(
        `ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret ${secret} from secrets manager: AccessDeniedException`,
      );
      expect(findings[0]).toMatchObject({
        role: 'execution-role',
        step: 'secret-injection',
        action: 'secretsmanager:GetSecretValue',
        resource: secret,
      });
    },
  );

  it("KMS's refusal relayed for that secret keeps no resource: the key, not the secret, was refused (GiamPy5/terraform-aws-directus#10)", async () => {
    const { findings } = await analysePasted(
      'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret arn:aws:secretsmanager:eu-central-1:account_id:secret:algo-dev-directus-secret20240626183203358800000004-EaPYTy from secrets manager: AccessDeniedException: Access to KMS is not allowed status code: 400, request id: a87a66d9-f839-4353-b8c2-9984b1465695',
    );
    expect(findings[0]).toMatchObject({ action: 'kms:Decrypt', resource: null });
  });
});
