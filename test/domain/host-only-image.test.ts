/** An image reference that names a registry host and no repository is a wrong image name, not a denial. */
import { expect, it } from 'vitest';
import { analyzeEvidence } from '../../src/pipeline.js';
import { textEvidence } from '../../src/sources/files/text-input.js';

async function analyse(message: string) {
  return analyzeEvidence(textEvidence(message, 'job.log'), []);
}

it('Docker refusing a pull of an ECR registry host with no repository is a look-alike (ghkdqhrbals/spring-chatting-server#109)', async () => {
  const analysis = await analyse(
    "Error response from daemon: pull access denied for ***.dkr.ecr.ap-northeast-2.amazonaws.com, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
  );
  expect(analysis.findings).toEqual([]);
  expect(analysis.notPermission[0]?.likelyCause).toMatch(/no repository/);
});

// The ECS agent reads this reason as a missing image, not a missing permission (error_messages.go's
// ECRImageDoesNotExist: "The task can't pull the image. Check whether the image exists."): ECR's own
// refusal of a policy says "denied: User: … is not authorized", which stays the pull's denial.
it('the same refusal for an image with a repository is the registry finding no such image', async () => {
  const analysis = await analyse(
    "Error response from daemon: pull access denied for 123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/chat-server, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
  );
  expect(analysis.findings).toEqual([]);
  expect(analysis.notPermission[0]).toMatchObject({ kind: 'missing-resource' });
});

it("ECR's refusal naming IAM's sentence stays the execution role's pull denial", async () => {
  const analysis = await analyse(
    "Error response from daemon: pull access denied for 123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/chat-server, repository does not exist or may require 'docker login': denied: User: arn:aws:sts::123456789012:assumed-role/ecsTaskExecutionRole/a20b735e9bbc41598825b6f0269f6fef is not authorized to perform: ecr:BatchGetImage on resource: arn:aws:ecr:ap-northeast-2:123456789012:repository/chat-server",
  );
  expect(analysis.findings[0]).toMatchObject({ role: 'execution-role', step: 'image-pull' });
});
