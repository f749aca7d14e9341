/**
 * What the commands that analyse need: the pipeline, its listeners and the renderers. The CLI
 * loads this when such a command runs, so that \`whydenied tui\` and \`--help\` start without it.
 */
export { eventsListener, listen, onFinal, progressListener } from './cli-listeners.js';
export { fileAnalysis } from './pipeline.js';
export { IAC_RENDERERS, renderFixes } from './report/fixes.js';
export { renderJson, renderJsonPieces } from './report/json.js';
export { renderMarkdown } from './report/markdown.js';
export { RedactionMap, redactAnalysis, redactText } from './report/redact.js';
export { renderText } from './report/text.js';
