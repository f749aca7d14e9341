/**
 * More real cases from public issues and documentation (test/extra-cases/cases.jsonl, same
 * format as the corpus, collected for this project with their sources), to see whether the
 * grammar generalises beyond the corpus. A softer gate: several expectations here are
 * judgement calls the message alone cannot settle (see each case's note).
 */
import { runCaseFile } from '../case-runner.js';

runCaseFile('extra real cases', new URL('./cases.jsonl', import.meta.url).pathname, 0.85);
