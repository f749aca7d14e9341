/**
 * More real cases from public issues and documentation (test/extra-cases/cases.jsonl, same
 * format as the corpus, collected for this project with their sources), to see whether the
 * grammar generalises beyond the corpus. Every field a case states must be right (issue 11);
 * a case that misses goes in the list below with why, and the test fails once it reads right.
 */
import { runCaseFile } from '../case-runner.js';

runCaseFile('extra real cases', new URL('./cases.jsonl', import.meta.url).pathname, {
  'ef-13': {
    role: "an IAM user whose ARN the paste garbled ('arn:aws:I am::...:user/s3-iam') is not read as a principal",
  },
  'ef-15': {
    role: "Lambda's own refusal to decrypt a function's environment ('Lambda was unable to decrypt') is not read as a Lambda's",
  },
  'gr-01': {
    resource:
      'an ARN whose account the paste replaced by quoted words with blanks (\'"another account number"\') is cut at the quote',
  },
  'gr-04': { role: "Lambda's own refusal to decrypt a function's environment is not read as a Lambda's" },
  'gr-05': { role: "Lambda's own refusal to decrypt a function's environment is not read as a Lambda's" },
  'gr-06': {
    role: "Lambda's refusal to decrypt a function's environment with KMS's invalid-token answer is read as a look-alike",
  },
});
