#!/usr/bin/env node
// The compiled CLI lives in dist/src/ (built by `npm run build`, which `npm ci` runs through `prepare`).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.env.NODE_ENV ??= 'production';
const { main } = await import('../dist/src/cli.js');
process.exitCode = await main(process.argv.slice(2));
