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
  'ef-18': {
    action:
      "CloudWatch Logs' 'not authorized to perform CreateLogGroup with Tags' is not read as a missing logs:TagResource",
  },
  'ef-31': {
    resource:
      'a CloudTrail record of S3 names its bucket only in requestParameters.bucketName, not read as the resource',
  },
});
