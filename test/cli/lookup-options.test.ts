/**
 * The LookupEvents budgets from the command line: `--lookup-budget` bounds the run's calls and
 * `--lookup-pages` each lookup's pages; what they cut off is on stderr; a value that is no
 * whole number above 0 is bad usage.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeCliArgs } from '../fake-aws/clients.js';
import { INCIDENT_NOW, incidentScenario } from '../fake-aws/incident.js';
import { type FakeAws, startFakeAws } from '../fake-aws/server.js';
import { runCli } from '../run-cli.js';

let fake: FakeAws | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
  vi.unstubAllEnvs();
});

const since = new Date(INCIDENT_NOW.getTime() - 2 * 3600_000).toISOString();

/** `analyze` of the incident's cluster since two hours before it, against the fake, with `options`. */
function analyzeAgainst(aws: FakeAws, options: string[]) {
  return runCli(['analyze', '--cluster', 'prod', '--since', since, ...options, ...fakeCliArgs(aws.url)]);
}

describe('--lookup-budget and --lookup-pages', () => {
  it('a budget of 1 call: one LookupEvents call, the lookups it left named on stderr', async () => {
    fake = await startFakeAws(incidentScenario());
    const { code, stderr } = await analyzeAgainst(fake, ['--lookup-budget', '1', '--lookup-pages', '2']);
    expect(fake.callsTo('CloudTrail.LookupEvents')).toHaveLength(1);
    expect(stderr).toMatch(/CloudTrail Username=\w+ in eu-west-1 page 1 of at most 2: 1 of 1 calls/);
    expect(stderr).toContain('CloudTrail: call budget (1) spent; skipped 2 lookup(s) in eu-west-1');
    expect(stderr).toContain(
      'partial: api:CloudTrail.LookupEvents: the call budget (1 LookupEvents calls) ran out',
    );
    // ECS's stopped reasons still show the denial, but lookups were left unread: a partial result,
    // which wins over "denials found" (exit codes in --help).
    expect(code).toBe(3);
  });

  it('--format events: the cut of the budget is one warning event on the stream, not said again as a note', async () => {
    fake = await startFakeAws(incidentScenario());
    const { stdout } = await analyzeAgainst(fake, ['--lookup-budget', '1', '--format', 'events']);
    const events = stdout
      .split('\n')
      .filter(Boolean)
      .map(
        (line) =>
          JSON.parse(line) as {
            code: string;
            type: string;
            payload: { text?: string; warning?: { origin: string; problem: string; expected: string } };
          },
      );
    const cuts = events.filter(
      (event) =>
        event.type === 'warning' &&
        event.payload.warning?.origin === 'api:CloudTrail.LookupEvents' &&
        /the call budget \(1 LookupEvents calls\) ran out/.test(event.payload.warning.problem),
    );
    expect(cuts).toHaveLength(1);
    expect(cuts[0]?.code).toBe('WHYDENIED_W2000');
    const notes = events.filter((event) => event.type === 'note').map((event) => event.payload.text ?? '');
    expect(notes.filter((text) => /the call budget/.test(text))).toEqual([]);
  });

  it('a page budget that stops a lookup is a partial result too: a warning in JSON, exit 3', async () => {
    // A task session with more events than one page (LookupEvents gives 50 a page).
    const scenario = incidentScenario();
    const [denied] = scenario.cloudTrailEvents ?? [];
    const busy = Array.from({ length: 60 }, (_, index) => ({
      ...(denied as object),
      eventID: `0a1b2c3d-0000-4000-8000-${String(index).padStart(12, '0')}`,
    }));
    fake = await startFakeAws({
      ...scenario,
      cloudTrailEvents: [...(scenario.cloudTrailEvents ?? []), ...busy],
    });
    const { code, stdout } = await analyzeAgainst(fake, ['--lookup-pages', '1', '--format', 'json']);
    const warnings: { origin: string; problem: string; expected: string }[] = JSON.parse(stdout).warnings;
    const cut = warnings.filter((warning) => warning.origin === 'api:CloudTrail.LookupEvents');
    expect(cut.length).toBeGreaterThan(0);
    for (const warning of cut) {
      expect(warning.problem).toMatch(/the page budget \(1 pages\) ran out; events before .+ were not read$/);
      expect(warning.expected).toContain('raise --lookup-pages');
    }
    expect(code).toBe(3);
  });

  it('a run whose budgets cut nothing is not partial', async () => {
    fake = await startFakeAws(incidentScenario());
    const { code, stderr } = await analyzeAgainst(fake, []);
    expect(stderr).not.toContain('budget');
    expect(code).toBe(1);
  });

  it('0, a fraction or a word is bad usage', async () => {
    for (const value of ['0', '2.5', 'many']) {
      const { code, stderr } = await runCli(['analyze', '--cluster', 'prod', '--lookup-budget', value]);
      expect(code).toBe(2);
      expect(stderr).toContain(`--lookup-budget ${value}: expected a whole number above 0`);
    }
    const pages = await runCli(['analyze', '--cluster', 'prod', '--lookup-pages', '0']);
    expect(pages.code).toBe(2);
  });
});
