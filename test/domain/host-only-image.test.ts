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

it('the same refusal for an image with a repository stays an ECR pull denial', async () => {
  const analysis = await analyse(
    "Error response from daemon: pull access denied for 123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/chat-server, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
  );
  expect(analysis.findings[0]).toMatchObject({ role: 'execution-role', step: 'image-pull' });
});
