#!/usr/bin/env node
// The CLI bundled in dist/bundle/ (built by `npm run build`, which `npm ci` runs through `prepare`;
// scripts/bundle.ts says why a bundle).
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
const cli = await import('../dist/bundle/cli.js').catch(lastResort);
internalError = cli.internalError;
process.exitCode = await cli.main(process.argv.slice(2));
