/**
 * More real cases from public issues and documentation (test/extra-cases/cases.jsonl, same
 * format as the corpus, collected for this project with their sources), to see whether the
 * grammar generalises beyond the corpus. Every field a case states must be right (issue 11);
 * the pending misses are messages broken over lines, which message-text.ts joins (issue 11's
 * wrapped-line work, done apart).
 */
import { runCaseFile } from '../case-runner.js';

const WRAPPED =
  'a message broken over lines that message-text.ts does not join yet (wrapped-line joining, issue 11)';

runCaseFile('extra real cases', new URL('./cases.jsonl', import.meta.url).pathname, {
  'p-14': { resource: `${WRAPPED}: spaces inside words and the ARN ('ser vice')` },
});
