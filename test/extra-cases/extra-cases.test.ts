/**
 * More real cases from public issues and documentation (test/extra-cases/cases.jsonl, same
 * format as the corpus, collected for this project with their sources), to see whether the
 * grammar generalises beyond the corpus. Every field a case states must be right (issue 11);
 * a case that misses goes in the list of pending misses (pending-misses.ts) with why, and the test
 * fails once it reads right.
 */
import { runCaseFile } from '../case-runner.js';
import { PENDING_MISSES } from './pending-misses.js';

runCaseFile('extra real cases', new URL('./cases.jsonl', import.meta.url).pathname, PENDING_MISSES);
