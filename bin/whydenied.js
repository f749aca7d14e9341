#!/usr/bin/env node
// The CLI bundled in dist/bundle/ (built by `npm run build`, which `npm ci` runs through `prepare`;
// scripts/bundle.ts says why a bundle).
import { setFlagsFromString } from 'node:v8';

// V8 lets a heap grow to several times what survived its last full collection before it collects
// again: in a run that keeps a few MB of findings while it reads gigabytes, that headroom was most
// of the peak memory, and it grew with what was kept. Growing it by a fifth at a time bounds that
// headroom. V8's setting for memory-constrained devices (--optimize-for-size) did too, and more,
// but cost a tenth to a sixth of the time: on the bench archives, two runs each in turn on a quiet
// machine, wall and peak RSS at 200 MB, 1 GB and 2 GB were 0.95 s 114 MB, 3.21 s 144 MB, 5.76 s
// 151 MB with this setting; 1.00 s 106 MB, 3.60 s 109 MB, 6.71 s 116 MB with --optimize-for-size;
// 0.93 s 121 MB, 3.21 s 159 MB, 5.53 s 186 MB with neither. Before any thread starts.
setFlagsFromString('--heap-growing-percent=20');
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
