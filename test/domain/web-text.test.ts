/**
 * Messages as web pages show them (the page's typography, HTML left in, the list item or code
 * span around them) read as the text the console or the log printed. Each message is a real
 * one from the page named beside it; the plain text it is compared with is the same message
 * with only the page's marks undone by hand.
 */
import { describe, expect, it } from 'vitest';
import { plainWebText } from '../../src/domain/web-text.js';
import { analysePasted, publishedCase } from '../pasted-message.js';
import { curlyQuotes } from '../web-mangles.js';

/** What a text is read as: each finding's fields, each look-alike's kind. */
async function reading(text: string) {
  const { findings, notPermission } = await analysePasted(text);
  return {
    findings: findings.map(({ role, step, action, resource, policyType, explicitDeny }) => ({
      role,
      step,
      action,
      resource,
      policyType,
      explicitDeny,
    })),
    lookAlikes: notPermission.map((item) => item.kind),
  };
}

/** https://github.com/doctorray117/minecraft-ondemand/issues/53: the Lambda's error in a code span, a comma after it. */
const MINECRAFT_PLAIN =
  '"errorMessage": "An error occurred (AccessDeniedException) when calling the DescribeServices operation: User: arn:aws:sts::XXXX:assumed-role/minecraft-launcher-role-mijbep5x/minecraft-launcher is not authorized to perform: ecs:DescribeServices on resource: arn:aws:ecs:us-west-1:XXXX:service/minecraft/minecraft-server because no identity-based policy allows the ecs:DescribeServices action"';

/**
 * https://github.com/LBHackney-IT/Data-Platform/pull/1818, as a page's editor would set it: the
 * botocore message (a user's RunTask) with its quotes and apostrophes made typographic.
 */
const RUN_TASK =
  'An error occurred (AccessDeniedException) when calling the RunTask operation: User: arn:aws:iam::120038763019:user/child-fam-services-airflow-user is not authorized to perform: ecs:RunTask on resource: arn:aws:ecs:eu-west-2:120038763019:task-definition/a_test_task:9 because no identity-based policy allows the ecs:RunTask action';

/**
 * https://www.repost.aws/fr/knowledge-center/ecs-unable-to-pull-secrets: the French Knowledge
 * Center lists each stopped reason as a bullet, inside « » with non-breaking spaces.
 */
const FRENCH_BULLET =
  '  \u2022 \u00ab\u00a0ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret arn:aws:secretsmanager:<region>:<accountID>:secret:<secretName> from secrets manager: InvalidParameter: 1 validation error(s) found. \u2013 (minimum field size of 32/ maximum field size of 64), GetSecretValueInput.VersionId.\u00a0\u00bb';

/**
 * The stopped reason of issue #1 of the same page's family, a denial (corpus r-01's message),
 * set as that page sets a reason.
 */
const SECRET_DENIED =
  'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret arn:aws:secretsmanager:us-east-1:111122223333:secret:ReportWriter_ADC_DB from secrets manager: AccessDeniedException: User: arn:aws:sts::111122223333:assumed-role/streamlit-sample-test-front-end-ExecutionRole-qXmoAXceH13T/a7438eb04296469cbb925934135fa489 is not authorized to perform: secretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:us-east-1:111122223333:secret:ReportWriter_ADC_DB because no identity-based policy allows the secretsmanager:GetSecretValue action';

describe('a message copied from a web page reads as the plain text', () => {
  // exercism/website#7983: Rails's error page (an HTML page) with the resource in quotes.
  const quoted = publishedCase('x-25');
  const quotedResource = 'arn:aws:s3:::exercism-v3-attachments/wzwhr9tc2cgfezvve7irhnc80h6u';

  it('typographic quotes and apostrophes (hatchjs.com and the Portuguese RAM guide set them)', async () => {
    const plain = await reading(quoted);
    expect(plain.findings[0]?.resource).toBe(quotedResource);
    expect(await reading(curlyQuotes(quoted))).toEqual(plain);
    expect(await reading(`\u201c${RUN_TASK}\u201d`)).toEqual(await reading(`"${RUN_TASK}"`));
  });

  it('HTML entities a page left in (&quot;, &lt;, &gt;)', async () => {
    expect(await reading(quoted.replace(/"/g, '&quot;'))).toEqual(await reading(quoted));
    const placeholders = RUN_TASK.replace(/120038763019/g, '&lt;account-id&gt;');
    expect((await reading(placeholders)).findings[0]?.resource).toBe(
      'arn:aws:ecs:eu-west-2:<account-id>:task-definition/a_test_task:9',
    );
  });

  it('non-breaking and zero-width spaces', async () => {
    expect(await reading(quoted.replace(/ /g, '\u00a0'))).toEqual(await reading(quoted));
    const plain = await reading(SECRET_DENIED);
    expect(plain.findings[0]?.role).toBe('execution-role');
    expect(plain.findings[0]?.resource).toBe(
      'arn:aws:secretsmanager:us-east-1:111122223333:secret:ReportWriter_ADC_DB',
    );
    expect(await reading(SECRET_DENIED.replace(/([:/])(?=\S)/g, '$1\u200b'))).toEqual(plain);
  });

  it('an en dash for the hyphen between a resource and its message (the French Knowledge Center sets one)', async () => {
    // silvermine/serverless-plugin-cloudfront-lambda-edge#51: Serverless's "An error occurred: <resource> - <message>".
    const serverless = publishedCase('eh-42');
    const plain = await reading(serverless);
    expect(plain.findings[0]?.action).toBe('iam:CreateServiceLinkedRole');
    expect(await reading(serverless.replace(' - ', ' \u2013 '))).toEqual(plain);
  });

  it('a bullet and French quotes (the French Knowledge Center)', async () => {
    const plainText =
      'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret arn:aws:secretsmanager:<region>:<accountID>:secret:<secretName> from secrets manager: InvalidParameter: 1 validation error(s) found. - (minimum field size of 32/ maximum field size of 64), GetSecretValueInput.VersionId.';
    expect(plainWebText(FRENCH_BULLET)).toBe(plainText);
    // adcreare/cloudformation#4: CodePipeline's console, whose heading line names the caller.
    const pipeline = publishedCase('eb-28');
    const plain = await reading(pipeline);
    expect(plain.findings[0]?.role).toBe('other');
    expect(await reading(`  \u2022 \u00ab\u00a0${pipeline}\u00a0\u00bb`)).toEqual(plain);
  });

  it('a list mark or number in front of a message of several lines', async () => {
    // AntonShuvaev/intellij-dynamodb#29: the exception's name, IAM's sentence on the next line.
    const dynamo = publishedCase('ee-43');
    expect(await reading(`1. ${dynamo}`)).toEqual(await reading(dynamo));
    // Lambda's line must open with its time and request id to be read as Lambda's.
    const lambda = publishedCase('x-34');
    expect(await reading(`- ${lambda}`)).toEqual(await reading(lambda));
  });

  it('<br> where the page broke the lines (the IAM User Guide breaks its example)', async () => {
    // awsdocs/iam-user-guide, troubleshoot_access-denied.md: the message as the page lays it out.
    const guide = publishedCase('app-17');
    const plain = await reading(guide);
    expect(plain.findings[0]?.policyType).toBe('vpc-endpoint');
    expect(await reading(guide.replace(/\n/g, '<br>'))).toEqual(plain);
    expect(await reading(guide.replace(/\n/g, '<br />\n'))).toEqual(plain);
  });

  it('a code span or a fenced block around the message', async () => {
    // aws/amazon-ecs-service-connect-agent#142: the ARN ends the sentence, its period after it.
    const envoy = publishedCase('q-19');
    const plain = await reading(envoy);
    expect(plain.findings[0]?.resource).toBe(
      'arn:aws:ecs:eu-central-1:XXX:task-set/XXX-platform-cluster/XXX-stage/ecs-svc/XXX',
    );
    expect(await reading(`\`${envoy}\``)).toEqual(plain);
    expect(await reading(`\`\`\`\n${envoy}\n\`\`\``)).toEqual(plain);
    // doctorray117/minecraft-ondemand#53: a Lambda's error in a code span, a comma after it.
    expect(await reading(`\`${MINECRAFT_PLAIN},\``)).toEqual(await reading(MINECRAFT_PLAIN));
  });

  it("a log with none of a page's marks is given back as it is, and a message's own backticks stay", () => {
    const log = 'Jan  5 10:00:00 ip-10-0-0-1 app[1]: AccessDenied: User: arn:aws:sts::1:assumed-role/r/s';
    expect(plainWebText(log)).toBe(log);
    const go = "failed to resolve `name' in service `app'";
    expect(plainWebText(go)).toBe(go);
  });
});
