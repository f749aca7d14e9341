/**
 * `tsx bench/tui-load.ts <inputs…>`: the TUI's full load of the inputs as the built TUI does it
 * (dist/tui/load-inputs.js, the same fold and interim analyses the screen gets), printing the
 * time to the first finding and to the end as JSON. Run by bench/tui.ts in its own process, so
 * that its peak memory is its own.
 */
import { pathToFileURL } from 'node:url';

const root = new URL('../', import.meta.url).pathname;
const { loadFiles } = (await import(pathToFileURL(`${root}dist/tui/load-inputs.js`).href)) as {
  loadFiles: (inputs: string[]) => AsyncIterable<{ analysis: { findings: unknown[] } | null; done: boolean }>;
};
const started = performance.now();
let firstFinding: number | null = null;
let snapshots = 0;
for await (const snapshot of loadFiles(process.argv.slice(2))) {
  snapshots += 1;
  if (firstFinding === null && snapshot.analysis?.findings.length) firstFinding = performance.now() - started;
  if (snapshot.done) {
    const total = performance.now() - started;
    console.log(
      JSON.stringify({
        firstFindingMs: firstFinding,
        totalMs: total,
        snapshots,
        findings: snapshot.analysis?.findings.length ?? 0,
      }),
    );
  }
}
