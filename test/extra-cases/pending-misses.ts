/**
 * The extra cases' known misses, case id → field → why: each a family the grammar does not read
 * yet, or a reading the case and whydenied disagree on with a reason. The test fails when one of
 * them reads right, so the list only shrinks.
 */
import type { PendingMisses } from '../case-runner.js';

export const PENDING_MISSES: PendingMisses = {
  'ei-09': {
    role: 'RabbitMQ\'s plugin logs only \'Error fetching autoscaling group instance list: "Forbidden"\': no IAM sentence, no principal, no action; a bare "Forbidden" after a program\'s words is said by many non-AWS services too, and no general rule tells an AWS refusal from them here',
    step: 'the same: nothing read, so no step',
  },
  'ej-23': {
    resource:
      "the title retypes IAM's sentence without 'resource:' ('perform: ssm:GetParametersByPath on arn:…'); no real message of that form was found, so the grammar reads no resource there",
  },
  'es-23': {
    role: 'the ECS best-practices guide prints this throttled record with its fields nested under userIdentity (and eventName padded with blanks): no eventSource or eventName at the top, so it is no CloudTrail record, and the answer is a warning naming the record and what was expected, not a look-alike; a well-formed record of the same call reads as throttling',
    step: 'the same',
    answered: 'the same: a warning, which the case runner does not count as an answer',
  },
  'ey-06': {
    role: "the console's access-denied panel localised into Japanese: its labels (アクション, コンテキスト) are not read, so the caller's ARN, the action and the resource, each on a line of its own, are not joined to the Context line, whose English clause alone is read (an SCP's explicit deny)",
    step: 'the same',
    action: 'the same',
    resource: 'the same',
  },
  'ez-10': {
    role: 'a record of a call that succeeded (no errorCode): nothing was refused, so nothing is reported; a trail holds millions of such records, which are counted, not named',
    step: 'the same',
    answered: 'the same',
  },
  'ez-13': {
    role: "EC2's CreateInstanceExportTask answering Client.AuthFailure with 'vm-import-export@amazon.com must have WRITE and READ_ACL permission on the S3 bucket': a service's grant on a bucket's ACL, in neither IAM form, read as the authentication look-alike its code names",
  },
  'ez-15': {
    role: 'a record of a call that succeeded (no errorCode), as ez-10',
    step: 'the same',
    answered: 'the same',
  },
  'fj-01': {
    role: "ECS's status reason machine-translated whole into Japanese ('ECS は、設定された ECS インフラストラクチャロール「arn:…」を引き受けることができませんでした'): the grammar reads AWS's English; ECS writes it in English, and only the translated documentation shows it otherwise",
    step: 'the same',
    action: 'the same',
    resource: 'the same',
    answered: 'the same',
  },
  'fj-07': {
    action:
      "Secrets Manager's 'Access to KMS is not allowed' translated into Japanese ('KMS へのアクセスは許可されていません'): the grammar reads AWS's English",
    answered: 'the same',
  },
  'fj-09': {
    step: "ECS's secrets failure translated into Chinese ('无法从 asm 检索密钥'): the grammar reads AWS's English",
  },
  'fj-12': {
    step: "ECS's secrets failure translated into French ('impossible de récupérer le secret depuis asm'), cut before its cause: the grammar reads AWS's English",
  },
  'fj-16': {
    role: "an ECS service event translated into Japanese: the grammar reads AWS's English, and ECS writes its events in English",
    step: 'the same',
    answered: 'the same',
  },
  'fj-17': {
    role: "an ECS service event translated into Portuguese ('não conseguiu posicionar uma tarefa'): the grammar reads AWS's English",
    step: 'the same',
    answered: 'the same',
  },
  'fk-04': {
    role: "Airflow logs 'Cannot find log stream yet …' at INFO: a line its own level calls no error is not answered",
    step: 'the same',
    answered: 'the same',
  },
  'fr-16': {
    role: "IAM's sentence translated into Italian on a Knowledge Center page ('l'utente: … non è autorizzato a eseguire: … sulla risorsa: …'): the grammar reads AWS's English, so only the botocore sentence around it is read, naming no caller",
    step: 'the same',
    resource: 'the same',
    explicitDeny: "the same ('con una negazione esplicita')",
  },
  'fr-17': {
    role: "IAM's sentence translated into Japanese: the grammar reads AWS's English",
    step: 'the same',
    explicitDeny: 'the same',
  },
  'fs-10': {
    answered:
      "ACM's 'The signing certificate for the CA you specified in the request has expired.' says nothing of a permission: only the thread found the missing Private CA permission for ACM behind it; no error word, so the line is not read as an error at all",
  },
  'fv-12': {
    answered:
      "the console's Switch Role page says only 'Invalid information in one or more fields': no refusal is named; only the article says an AssumeRole was refused; no error word, so the line is not read as an error at all",
  },
  'gb-06': {
    role: "IAM's sentence translated into Japanese on the ECS guide's Service Connect page: the grammar reads AWS's English",
    step: 'the same',
    policyType: 'the same',
    explicitDeny: 'the same',
  },
  'gd-13': {
    role: "the scheduler's 'has reached a steady state' is no error: no answer is the right one, which a case of role none cannot state",
    step: 'the same',
    answered: 'the same',
  },
  'ge-14': {
    role: "CodeBuild's 'the service role no longer has permission to called s3:GetBucketAcl' (the guide's typo) names no service and none of IAM's or a service's refusal forms",
    step: 'the same',
    action: 'the same',
  },
  'gg-33': {
    answered:
      "a deploy action's own 'Unknown task definition arn' names no refusal and reads as no error; a later commenter only guessed at a missing ecs:ListTaskDefinitions",
  },
  'gi-08': {
    role: "Bedrock's 'Your account is not authorized to invoke this API operation' is the account's model access, named as that look-alike (no policy to fix); the case counts the notebook's caller as the finding's",
  },
  'gl-07': {
    policyType:
      "IAM's sentence translated into Chinese by the Knowledge Center's page ('因为没有基于身份的策略允许'): AWS's services answer in English, and the grammar reads AWS's English",
    explicitDeny: 'the same',
  },
  'gq-06': {
    role: "Docker's 'pull access denied for <account>.dkr.ecr…' on a line of its own is ECS's pull as much as a build's: the CodeBuild log's '[Container] …' line before it, which says a build pulled, is no error and is not read with it",
  },
  'gt-17': {
    answered:
      "'service s-registry has started 1 tasks: task …' is ECS's news that all went well: only the agent's log, which the thread quotes in words, says the instance's role could not submit the container's state; no error, so no answer",
  },
  'gv-05': {
    role: "AWS's documentation machine-translated into Portuguese (a placement event): the grammar reads AWS's English, which ECS and the other services write",
    step: 'the same',
    answered: 'the same: no English error word, so no answer',
  },
  'gv-06': {
    role: "AWS's documentation machine-translated into Portuguese (the 'unable to consistently start tasks' event): the grammar reads AWS's English, which ECS and the other services write",
    step: 'the same',
    answered: 'the same: no English error word, so no answer',
  },
  'gv-07': {
    role: "AWS's documentation machine-translated into Portuguese (a placement event for the task quota): the grammar reads AWS's English, which ECS and the other services write",
    step: 'the same',
    answered: 'the same: no English error word, so no answer',
  },
  'gv-08': {
    role: "AWS's documentation machine-translated into Portuguese (Fargate's placement event for a CPU setting): the grammar reads AWS's English, which ECS and the other services write",
    step: 'the same',
    answered: 'the same: no English error word, so no answer',
  },
  'gv-09': {
    role: "AWS's documentation machine-translated into Japanese (a placement event): the grammar reads AWS's English, which ECS and the other services write",
    step: 'the same',
    answered: 'the same: no English error word, so no answer',
  },
  'gv-10': {
    role: "AWS's documentation machine-translated into Japanese (a placement event for the task quota): the grammar reads AWS's English, which ECS and the other services write",
    step: 'the same',
    answered: 'the same: no English error word, so no answer',
  },
  'gw-07': {
    step: "ECS's secrets failure translated into Spanish by the Knowledge Center ('no se pudo recuperar el secreto de asm'), cut before its cause: the grammar reads AWS's English",
  },
  'gx-13': {
    role: "CodeBuild's mount refusal translated into Spanish by its guide ('no se ha podido montar … Permiso denegado'): the grammar reads AWS's English; the English one (gx-01) reads right",
    step: 'the same',
  },
  'gx-14': {
    role: "CodeBuild's mount refusal translated into Chinese by its guide ('挂载 … 失败。权限被拒绝'): the grammar reads AWS's English",
    step: 'the same',
  },
  'gx-16': {
    role: "CodeBuild's VPC_CLIENT_ERROR translated into Chinese with full-width colons ('VPC_CLIENT_ERROR:未預期的 EC2 錯誤:UnauthorizedOperation'): the English one (gx-03, gx-15) is named; here only EC2's code is read, an app's refusal",
    step: 'the same',
  },
  'gx-18': {
    role: 'Storage Gateway\'s health log names its refusal as a type (\'"type": "S3AccessDenied"\') beside the role and the operation in JSON fields: no sentence or code the grammar reads as a denial; read as an error and not recognised',
    step: 'the same',
    action: 'the same',
  },
  'gx-21': {
    answered:
      "Firehose's S3.MethodNotAllowed text ('The specified method is not allowed against this resource') is S3's 405 in its own words, which a bucket's policy, a method S3 does not take or a wrong endpoint all give: only the guide's advice says it was the bucket's policy; no error word ('not allowed' is no refusal of a caller), so no answer",
  },
  'gx-25': {
    role: "Redshift's 'The user does not have permissions to load data into the table' is a database grant (INSERT), no IAM refusal and no error word: not answered",
    step: 'the same',
    answered: 'the same',
  },
  'ha-25': {
    role: "EC2's UnauthorizedOperation translated into Italian by the Knowledge Center ('durante la chiamata all'operazione RunInstances'): the code is read, the operation is not, and a caller-less refusal reads as an app's",
    action: 'the same',
  },
  'hl-01': {
    step: "the case calls Lambda's refusal of a function's image 'other'; whydenied gives a service's pull of the image it runs the step image-pull, as SageMaker's (gm-01) and the case's own hl-26",
  },
  'ho-01': {
    role: "ECS's routine service events ('stopped 1 running tasks', 'has reached a steady state', 'has begun draining connections') are no error: no answer is the right one, which a case of role none cannot state (as gd-13)",
    step: 'the same',
    answered: 'the same',
  },
  'ho-02': {
    role: "ECS's routine service events ('stopped 1 running tasks', 'has reached a steady state', 'has begun draining connections') are no error: no answer is the right one, which a case of role none cannot state (as gd-13)",
    step: 'the same',
    answered: 'the same',
  },
  'ho-17': {
    role: "ECS's routine service events ('stopped 1 running tasks', 'has reached a steady state', 'has begun draining connections') are no error: no answer is the right one, which a case of role none cannot state (as gd-13)",
    step: 'the same',
    answered: 'the same',
  },
  'ho-06': {
    role: "'CannotPullContainerError: Authentication is required.' is Docker Hub refusing an anonymous pull: named the registry's login, as a pull answered 401 is (the en- fixes), not the execution role's IAM; the case reads it as the execution role's pull",
    step: 'the same',
  },
  // The held-out ib- to ie- sample (60, collected without running the tool; 45 right before its fixes): the misses left.
  'ib-12': {
    role: "OpenSearch's security plugin refusing a user ('HTTP 403 Forbidden: Permission denied. Please ensure that the correct credentials …') is the domain's own grant, no AWS policy's: it is read as not recognised, as Redshift's grant (gx-25) is",
    step: 'the same',
  },
  'ic-03': {
    action:
      "the paste wrote the action's name apart from its service, in quotes ('aps: \"RemoteWrite\"'), a form no AWS message writes: the action is not read",
  },
  'ic-05': {
    action:
      "EC2's UnauthorizedOperation names no action; 'Could not attach volume' is the EBS CSI driver's own words, which the grammar does not map to an operation",
  },
  // The held-out ig- to ij- sample (219, collected without running the tool; 110 right before its fixes): the misses left.
  ...Object.fromEntries(
    ['ih-28', 'ih-30'].map((id) => [
      id,
      {
        role: "EMR's 'VALIDATION_ERROR: EMR service role <arn> is invalid' says neither that its trust nor that its permissions failed (nor that it exists): not read as a refusal yet",
        step: 'the same',
        resource: 'the same',
      },
    ]),
  ),
  'ih-35': {
    role: "SageMaker's pipeline error printed by Python's pprint, its string cut into adjacent literals ('the pipeline ' 'execution role does not have ' …): the quotes part the words the rule reads",
    step: 'the same',
  },
  'ih-63': {
    answered:
      "SageMaker's 'Please make sure all images … exist, and that the execution role … has permissions to access them' holds no error word: it is not read as an error, though it names two causes",
  },
};
