/**
 * The corpus of real AccessDenied evidence (test/corpus/cases.jsonl, a copy of
 * ../shared/corpus/) through the CLI. Issue 2 gates on 95% role accuracy.
 */
import { runCaseFile } from '../case-runner.js';

runCaseFile('corpus of real AccessDenied evidence', new URL('./cases.jsonl', import.meta.url).pathname, 0.95);
