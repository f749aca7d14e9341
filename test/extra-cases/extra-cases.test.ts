/**
 * More real cases from public issues and documentation (test/extra-cases/cases.jsonl, same
 * format as the corpus, collected for this project with their sources), to see whether the
 * grammar generalises beyond the corpus. Every field a case states must be right (issue 11);
 * a case that misses goes in the list below with why, and the test fails once it reads right.
 */
import { runCaseFile } from '../case-runner.js';

runCaseFile('extra real cases', new URL('./cases.jsonl', import.meta.url).pathname, {
  'ed-11': {
    role: 'CloudTrail fields pasted as text (not a record object) are not read: the service that called is missed',
    step: 'CloudTrail fields pasted as text are not read',
    action: "CloudTrail's eventSource and eventName pasted as text are not read",
  },
  'ed-14': { role: "logrus's terminal format (ERRO[0000]) is not read as a command run at a terminal" },
  'ed-22': {
    role: "a CloudTrail record inside a query's table is not read: its IAM user is missed",
    action: "CloudTrail's eventSource and eventName inside a query's table are not read",
  },
});
