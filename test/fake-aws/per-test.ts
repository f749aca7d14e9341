/** A fresh fake AWS for every test of a file: no test sees another's denials, hangs or calls. */
import { afterEach, beforeEach, vi } from 'vitest';
import { scenarioFromSample } from './scenario.js';
import { type FakeAws, startFakeAws } from './server.js';

/** Serves the sample to each test; the env stubs a test made are undone with the server. */
export function fakeAwsPerTest(sample: string): () => FakeAws {
  let fake: FakeAws | null = null;
  beforeEach(async () => {
    fake = await startFakeAws(scenarioFromSample(sample));
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await fake?.close();
    fake = null;
  });
  return () => {
    if (!fake) throw new Error('the fake AWS runs only inside a test');
    return fake;
  };
}
