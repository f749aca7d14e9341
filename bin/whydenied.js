#!/usr/bin/env node
// The CLI bundled in dist/bundle/ (built by `npm run build`, which `npm ci` runs through `prepare`;
// scripts/bundle.ts says why a bundle).
import { setFlagsFromString } from 'node:v8';

// V8 lets a heap grow to several times what survived its last full collection before it collects
// again: in a run that keeps a few MB of findings while it reads gigabytes, that headroom was most
// of the peak memory, and it grew with what was kept. V8's setting for memory-constrained devices
// keeps it (and the young generation) small: peak RSS on the bench archives 115 -> 94 MB at 200 MB,
// 151 -> 119 at 1 GB, 171 -> 125 at 2 GB, 226 -> 155 at 4 GB, for 0-11% more CPU. Before any thread starts.
setFlagsFromString('--optimize-for-size');
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.env.NODE_ENV ??= 'production';
// Node's own exit for an error thrown outside main (a stream's, a timer's) is 1, which reads
// as "denials found": whatever escapes is an internal error, exit 4, as main says it.
let internalError = (error) => {
  process.stderr.write(`whydenied: internal error: ${error instanceof Error ? error.message : error}\n`);
  return 4;
};
const lastResort = (error) => process.exit(internalError(error));
process.on('uncaughtException', lastResort);
process.on('unhandledRejection', lastResort);
// A run over a tree of files starts its reader threads first: they load while the CLI does.
const readers = await import('../dist/bundle/reader-threads.js').catch(lastResort);
readers.startForArguments(process.argv.slice(2));
const cli = await import('../dist/bundle/cli.js').catch(lastResort);
internalError = cli.internalError;
process.exitCode = await cli.main(process.argv.slice(2));
