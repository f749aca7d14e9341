/**
 * The command line's outputs as listeners of the one event stream (run-analysis.ts): progress
 * on stderr, the report renderers on the final event, and `--format events`, the stream itself
 * as JSON Lines for a CI or another tool. `listen` drives a run and hands every event to each
 * listener in turn, so what a listener writes comes out in the order the events happened.
 */
import { type RedactionMap, redactValue } from './report/redact.js';
import { visibleJson } from './report/visible-text.js';
import { type AnalysisEvent, finalAnalysis } from './run-analysis.js';

export type FinalEvent<P> = Extract<AnalysisEvent<P>, { type: 'final' }>;
export type Listener<P> = (event: AnalysisEvent<P>) => void | Promise<void>;

/** Runs the stream to its end through the listeners; resolves to the final event. */
export async function listen<P>(
  events: AsyncIterable<AnalysisEvent<P>>,
  listeners: Listener<P>[],
): Promise<FinalEvent<P>> {
  return finalAnalysis(events, async (event) => {
    for (const listener of listeners) await listener(event);
  });
}

/** A listener of the final event only: a renderer, or what is said once the run is over. */
export function onFinal<P>(act: (event: FinalEvent<P>) => void | Promise<void>): Listener<P> {
  return (event) => (event.type === 'final' ? act(event) : undefined);
}

/**
 * Progress lines (`whydenied: ...`): what a source is doing, in the words `describe` gives its
 * progress, and the count being analysed once every source is read.
 */
export function progressListener<P>(
  write: (text: string) => void,
  describe: (progress: P) => string,
  describeAnalysing: (evidence: number) => string,
): Listener<P> {
  return (event) => {
    if (event.type === 'progress') write(`whydenied: ${describe(event.progress)}\n`);
    else if (event.type === 'analysing') write(`whydenied: ${describeAnalysing(event.evidence)}\n`);
  };
}

/** One event as a JSON Lines record: its code, level and type, and the rest as its payload. */
export function eventLine<P>(event: AnalysisEvent<P>, redaction?: RedactionMap): string {
  const { code, level, type, ...rest } = event;
  const payload = redaction ? redactValue(rest, redaction) : rest;
  // Evidence quotes whatever the inputs held: nothing in it may act on the terminal reading the stream.
  return `${visibleJson(JSON.stringify({ code, level, type, payload }))}\n`;
}

/**
 * `--format events`: every event of the run, one JSON object a line, as it happens. With
 * --redact each payload is redacted with the run's one map, so a token means the same on every
 * line and on stderr.
 */
export function eventsListener<P>(write: (text: string) => void, redaction?: RedactionMap): Listener<P> {
  return (event) => write(eventLine(event, redaction));
}
