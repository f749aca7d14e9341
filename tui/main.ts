/**
 * `node dist/tui/main.js [inputs…] [--watch SECONDS]`: the TUI on its own, for the end-to-end
 * test, the screenshot and the benchmark (the CLI's `whydenied tui` calls runTui the same way).
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.env.NODE_ENV ??= 'production';

const args = process.argv.slice(2);
const watchAt = args.indexOf('--watch');
const watchSeconds = watchAt >= 0 ? Number(args[watchAt + 1] ?? 10) : undefined;
const inputs = watchAt < 0 ? args : args.filter((_arg, index) => index !== watchAt && index !== watchAt + 1);

const { canRunTui, runTui } = await import('./index.js');
if (!canRunTui()) {
  process.stderr.write('whydenied tui needs a terminal; run `whydenied report` for the text report\n');
  process.exitCode = 2;
} else {
  process.exitCode = await runTui({
    inputs: inputs.length > 0 ? inputs : ['samples'],
    ...(watchSeconds ? { watchSeconds } : {}),
  });
}
