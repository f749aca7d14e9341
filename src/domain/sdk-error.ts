/**
 * What the AWS SDKs and CLIs print around a service's error: the operation called, the
 * service (IAM prefix), and the error code. These name the call when the service's own
 * message does not (S3's bare "Access Denied", EC2's UnauthorizedOperation).
 */

export interface SdkErrorHints {
  /** The API operation, e.g. `PutObject` (botocore, Go v2, JS). */
  operation: string | null;
  /** IAM service prefixes the text points at, most specific first. */
  services: string[];
  /** The service's error code (`AccessDenied`, `AccessDeniedException`, `UnauthorizedOperation`). */
  errorCode: string | null;
  /** The error is a language SDK's typed exception, as a program logs it (not the AWS CLI's plain line). */
  programException: boolean;
  /**
   * The error is in an SDK's own words: a program's exception, or botocore's sentence ("An error
   * occurred (X) when calling the Y operation"), which boto3 and the AWS CLI write, and a log
   * shipper's plugin (FireLens) does not.
   */
  sdkWords: boolean;
}

/** Exception classes and error shapes of the SDKs, as programs log them (a paste may lower-case them). */
const PROGRAM_EXCEPTION =
  /\bcom\.amazonaws\.|\bsoftware\.amazon\.awssdk\.|\(Service: [\w ]+[,;] Status Code: \d+|\bAmazon\.\w+\.(?:Model\.)?\w*Exception\b|\b(?:Aws|AWS)::\w+::Errors::|\bAws\\\w+\\Exception\\|@aws-sdk\/|\bbotocore\.(?:exceptions|errorfactory)\.|\boperation error [\w ]+: \w+, https response error|\/aws-sdk\/lib\/\w+/i;
const BOTOCORE_SENTENCE = /\bAn error occurred \([\w.]+\) when calling the \w+ operation\b/i;

/** SDK service ids, Java client names and host names → IAM service prefix. */
const SERVICE_NAMES: Record<string, string> = {
  s3: 's3',
  amazons3: 's3',
  sqs: 'sqs',
  amazonsqs: 'sqs',
  queue: 'sqs',
  sns: 'sns',
  amazonsns: 'sns',
  dynamodb: 'dynamodb',
  dynamodbv2: 'dynamodb',
  amazondynamodb: 'dynamodb',
  amazondynamodbv2: 'dynamodb',
  kms: 'kms',
  awskms: 'kms',
  secretsmanager: 'secretsmanager',
  awssecretsmanager: 'secretsmanager',
  ssm: 'ssm',
  awssimplesystemsmanagement: 'ssm',
  ecr: 'ecr',
  amazonecr: 'ecr',
  ecs: 'ecs',
  amazonecs: 'ecs',
  ec2: 'ec2',
  amazonec2: 'ec2',
  sts: 'sts',
  awssecuritytokenservice: 'sts',
  securitytoken: 'sts',
  cloudwatchlogs: 'logs',
  logs: 'logs',
  awslogs: 'logs',
  cloudwatch: 'cloudwatch',
  amazoncloudwatch: 'cloudwatch',
  monitoring: 'cloudwatch',
  firehose: 'firehose',
  amazonkinesisfirehose: 'firehose',
  kinesisfirehose: 'firehose',
  kinesisstreams: 'kinesis',
  kinesis: 'kinesis',
  amazonkinesis: 'kinesis',
  lambda: 'lambda',
  awslambda: 'lambda',
  resourcegroupstaggingapi: 'tag',
  cloudformation: 'cloudformation',
  amazoncloudformation: 'cloudformation',
  iam: 'iam',
  amazonidentitymanagement: 'iam',
  ses: 'ses',
  email: 'ses',
  eventbridge: 'events',
  events: 'events',
  stepfunctions: 'states',
  sfn: 'states',
  states: 'states',
  athena: 'athena',
  glue: 'glue',
  bedrock: 'bedrock',
  bedrockruntime: 'bedrock',
  elasticfilesystem: 'elasticfilesystem',
  efs: 'elasticfilesystem',
  rds: 'rds',
  elasticache: 'elasticache',
  memorydb: 'memorydb',
  // CloudFormation writes the SDK's name for ELB's v2 API: "elasticloadbalancingv2:DescribeLoadBalancers".
  elasticloadbalancing: 'elasticloadbalancing',
  elasticloadbalancingv2: 'elasticloadbalancing',
  elbv2: 'elasticloadbalancing',
  xray: 'xray',
};

/** Maps an SDK's or host's name for a service to its IAM prefix, if known. */
export function serviceFromName(name: string): string | null {
  const key = name
    .toLowerCase()
    .replace(/^(?:amazon|aws)\s*/, '')
    .replace(/[\s_-]+/g, '');
  return SERVICE_NAMES[key] ?? SERVICE_NAMES[name.toLowerCase().replace(/[\s_-]+/g, '')] ?? null;
}

const OPERATION_PATTERNS: RegExp[] = [
  /when calling the (\w+) operation/i, // botocore, AWS CLI
  /when calling the ([A-Z][A-Za-z0-9]*)\s*$/im, // the same cut after the name, at its line's end
  /\bAWS Error \w+ during ([A-Z][A-Za-z0-9]*) operation\b/i, // Arrow's S3 filesystem (the C++ SDK's error)
  /operation error [\w ]+?: (\w+),/i, // Go SDK v2
  /(?:^|\W)(\w+) failed with (?:AccessDenied|Unauthorized)/i, // Fluent Bit and similar loggers
  /\b(\w+) API responded with error/i, // Fluent Bit's cloudwatch_logs output
  /Error executing "(\w+)"/i, // AWS SDK for PHP
  /\bCall failed: (\w+)\(/i, // the CDK toolkit's trace of an SDK v2 call
  // The SSM agent's S3 utility: "Encountered an error while calling S3 API GetBucketEncryption AccessDenied" (fs-18).
  /\bwhile calling (?:the )?[A-Za-z0-9]{2,20} API ([A-Z][A-Za-z0-9]+)\b/i,
  // SSM Automation's step failure: "Get Exception from RunInstances API of ec2 Service" (its troubleshooting guide, ge-10).
  /\bException from ([A-Z][A-Za-z0-9]+) API of [\w-]+ Service\b/i,
  // The SSM agent and the session-manager-plugin naming the message gateway's call they made.
  /\b((?:Create|Open)(?:Control|Data)Channel) (?:failed with|request failed)\b/i,
  // JS SDK v3's deserializer of the command's error, named after the command in its stack frames
  // until v3 made it one generic de_CommandError: deserializeAws_restXmlPutObjectTaggingCommandError.
  /\b(?:deserializeAws_(?:restXml|restJson1|json1_0|json1_1|awsJson1_0|awsJson1_1|query|ec2)|de_)([A-Z]\w*?)CommandError\b/i,
  // Java stack frames: v1's AmazonEC2Client.describeInstances (or executeDescribeInstances), v2's DefaultEc2Client.
  /\bservices\.\w+\.(?:Amazon\w+Client|Default\w+Client)\.(?!invoke\(|doInvoke\(|beforeClientExecution\()(?:execute)?([a-zA-Z]\w*)\(/i,
  // The Java SDKs' request class, which Hadoop's s3a names in its refusal: "…s3.model.GetObjectMetadataRequest;".
  /\b(?:com\.amazonaws|software\.amazon\.awssdk)\.services\.\w+\.model\.([A-Z]\w*?)Request\b/i,
  // A PHP S3 class's warning names its method and S3's code: "S3::putObject(): [AccessDenied] …".
  /\b[A-Z][A-Za-z0-9]*::([a-z][A-Za-z]+)\(\):\s*\[\w+\]/i,
  // Lambda checking a function's execution role: "… does not have permissions to call PutTraceSegments on XRAY".
  /\bdoes not have permissions? to call ([A-Z]\w+)/i,
  // Lambda refusing a deployment whose code it could not read: "… have permission to GetObject for <bucket/key>".
  /\brequest credentials have permission to\s*([A-Z]\w+) for\b/i,
  // The Rust SDK's error type is named after the operation: "ServiceError { err: HeadObjectError {"
  // (its wrappers, ServiceError and DispatchFailure, are not operations).
  /\b(?:err|source):\s*(?!Service|Sdk|Dispatch|Timeout|Response|Construction|Connector)([A-Z][A-Za-z]+?)Error\s*(?:\{|::|\()/i,
  // A Query API call's URL (EC2, CloudWatch, STS, SQS, SNS, IAM): the operation is its Action parameter.
  /\bamazonaws\.com(?:\.cn)?\/?\?(?:[^\s#]*?&)?Action=([A-Z][A-Za-z0-9]+)/i,
];

/**
 * The Ruby SDK's backtrace: its client's operation methods, generated by v1 (`(eval):3:in
 * `get_object'`) and written out in v2 and v3 (`aws-sdk-s3/client.rb:1234:in `put_object'`).
 * Read only from a text that is the Ruby SDK's error, so an app's own frames are never taken.
 */
const RUBY_SDK_ERROR = /\bAws::\w+::Errors::|\bgems\/aws-sdk-/i;
const RUBY_OPERATION_FRAME =
  /(?:\(eval\):\d+|\/aws-sdk-[a-z0-9-]+\/client\.rb:\d+):in\s*[`'](?:[\w:]+[#.])?([a-z][a-z0-9]*(?:_[a-z0-9]+)*)'/;

function rubyOperation(message: string): string | null {
  if (!RUBY_SDK_ERROR.test(message)) return null;
  const name = RUBY_OPERATION_FRAME.exec(message)?.[1];
  return name
    ? name
        .split('_')
        .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
        .join('')
    : null;
}

/** S3 in a program's own identifiers: its types (S3Error, S3ResponseError) and modules (django_s3_storage, aws_s3). */
export const S3_IN_PROGRAM_NAMES = `(?:^|[^A-Za-z0-9])(S3(?=[A-Z][a-z])|[Ss]3(?=_))`;

const GO_SERVICE_ID = /operation error ([\w ]+?): \w+,/i;

const SERVICE_PATTERNS: RegExp[] = [
  // Lambda relaying S3's refusal of a function's code, before its own "(Service: AWSLambdaInternal" tail.
  /\bYour access has been denied by (S3)\b/i,
  GO_SERVICE_ID, // Go SDK v2 service id
  /\(Service: ([\w ]+?)[;,)]/i, // Java SDK v1 and v2
  /\b(?:com\.amazonaws|software\.amazon\.awssdk)\.services\.(\w+)\./i, // Java exception class
  /\bhttps?:\/\/(?:[\w-]+\.)*?([a-z0-9-]+)\.(?:[a-z]{2}-[a-z]+-\d\.)?amazonaws\.com/i, // endpoint host
  /@aws-sdk\/client-([\w-]+)/i, // JS v3 stack frames
  /\bAmazon\.(\w+)\.(?:Model\.)?\w*Exception/i, // AWS SDK for .NET
  /\bAws::(\w+)::Errors/i, // AWS SDK for Ruby (v1 spells it AWS::S3::Errors)
  /\b(\w+)::[a-z][A-Za-z]+\(\):\s*\[\w+\]/i, // a PHP class named after its service: "S3::putObject(): [AccessDenied]"
  /\[output:(\w+):/, // Fluent Bit output plugins (cloudwatch_logs, kinesis_firehose, s3)
  /\bto (S3|SQS|SNS|DynamoDB|Kinesis|Firehose)\b/i, // "error uploading ... to S3"
  /\bpermissions? to call [A-Z]\w+ on ([A-Za-z0-9]+)\b/i, // Lambda's check: "… to call PutTraceSegments on XRAY"
  /"server":\s*"Amazon(S3)"/i, // a raw response's headers, as the Rust SDK's Debug prints them
  new RegExp(S3_IN_PROGRAM_NAMES), // a program's S3 types and modules: S3Error, S3Storage, django_s3_storage
];

/** A service named in prose; read with the ARNs taken out, whose `sts`/`iam` name the caller, not the call. */
const SERVICE_IN_PROSE = /\b(S3|SQS|SNS|DynamoDB|KMS|ECR|SSM|EC2|STS)\b/i;
const ARN = /\barn:aws[\w-]*:[^\s"',)]+/gi;

/** Operations only STS has: a refusal of one is STS's, whatever else the text names. */
const STS_OPERATION =
  /^(?:AssumeRole(?:WithWebIdentity|WithSAML)?|GetSessionToken|GetFederationToken|DecodeAuthorizationMessage)$/i;

const ERROR_CODES = [
  'AccessDeniedException',
  'AccessDenied',
  'Client.UnauthorizedOperation',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
  'AuthorizationError',
  'AuthorizationErrorException',
  'UnrecognizedClientException',
  'Forbidden',
];
/** The codes in any case (a paste may lower-case them), each given back in the service's spelling. */
const ERROR_CODE = new RegExp(
  `\\b(${ERROR_CODES.map((code) => code.replace('.', '\\.')).join('|')})\\b`,
  'i',
);
const ERROR_CODE_SPELLING = new Map(ERROR_CODES.map((code) => [code.toLowerCase(), code]));

/**
 * CloudFormation's resource failure names the call it made in IAM's own form, then the service's
 * answer: "API: s3:PutPublicAccessBlock Access Denied" (aws-samples/aws-serverless-saas-workshop#39)
 * refused that call. An answer that names what it refused ("API: autoscaling:CreateAutoScalingGroup
 * You are not authorized to use launch template", es-17) or IAM's sentence says more than the call.
 */
const CLOUDFORMATION_API = /(?:^|\s)API: ([a-z0-9-]+):([A-Z][A-Za-z0-9]+)\s+Access Denied\b/i;

/** The operation an SDK's or a tool's frame around the error names. */
function operationOf(message: string): string | null {
  for (const pattern of OPERATION_PATTERNS) {
    const name = pattern.exec(message)?.[1];
    // A Java or PHP method is the operation in lower camel case.
    if (name) return capitalised(name);
  }
  return rubyOperation(message);
}

/**
 * The service an error code belongs to alone: UnauthorizedOperation is EC2's (its API's own, with
 * "You are not authorized to perform this operation."), whatever operation it answered.
 */
export function errorCodeService(errorCode: string | null): string | null {
  return errorCode?.endsWith('UnauthorizedOperation') ? 'ec2' : null;
}

export function readSdkError(message: string): SdkErrorHints {
  const api = CLOUDFORMATION_API.exec(message);
  const operation = api?.[2] ?? operationOf(message);
  const services: string[] = api?.[1] ? [serviceFromName(api[1]) ?? api[1]] : [];
  const prose = message.replace(ARN, ' ');
  for (const [pattern, text] of [
    ...SERVICE_PATTERNS.map((pattern) => [pattern, message] as const),
    [SERVICE_IN_PROSE, prose] as const,
  ]) {
    const match = pattern.exec(text);
    const service = match?.[1] ? serviceFromName(match[1]) : null;
    if (service && !services.includes(service)) services.push(service);
  }
  // The Go SDK v2's service id is the IAM prefix for most services ('WAFV2' is wafv2, ft-09): a
  // guess, kept only when no name above was known; the catalog decides whether it has the operation.
  const goServiceId = GO_SERVICE_ID.exec(message)?.[1]?.toLowerCase().replace(/\s+/g, '');
  if (services.length === 0 && goServiceId && /^[a-z][a-z0-9-]*$/.test(goServiceId))
    services.push(goServiceId);
  // STS's operations are its own (its bare refusal, "Access denied", reads like S3's, fe-01); S3
  // is the service whose denial reads exactly "Access Denied".
  const sts = operation !== null && STS_OPERATION.test(operation);
  if (sts && !services.includes('sts')) services.unshift('sts');
  if (!sts && /\bAccess Denied(?! by server)\b/i.test(message) && !services.includes('s3'))
    services.push('s3');
  const written = ERROR_CODE.exec(message)?.[1];
  const errorCode = written ? (ERROR_CODE_SPELLING.get(written.toLowerCase()) ?? written) : null;
  // The service of an operation other services share a name with.
  const codeService = errorCodeService(errorCode);
  if (codeService && !services.includes(codeService)) services.push(codeService);
  const programException = PROGRAM_EXCEPTION.test(message);
  return {
    operation,
    services,
    errorCode,
    programException,
    sdkWords: programException || BOTOCORE_SENTENCE.test(message),
  };
}

/**
 * The operation a program's own words name around an error that names none: "could not describe
 * instances" (Prometheus's EC2 discovery), "unable to list tasks". Only a verb of the APIs' own
 * and the word after it; the catalog decides whether that is an operation at all.
 */
const OPERATION_IN_WORDS =
  /\b(?:could not|couldn't|cannot|can't|unable to|failed to|error(?:s)? (?:while )?)\s+(describe|list|get|put|create|delete|update|send|receive|start|stop|run|invoke|publish|register|assume)((?:\s+[a-z]{2,}){1,3})\b/i;

/** Words that end an operation's name in prose: "put metric data using …", "describe instances in …". */
const NOT_IN_AN_OPERATION = new Set(
  'a an the to from in into on onto for of with at by via using because due and or but while when'.split(' '),
);

/**
 * A program naming the service, then the operation in spaced words, then its failure: "SQS receive
 * message failed: …", "S3 get object failed: …". The service's name must be one the SDKs use.
 */
const SERVICE_OPERATION_FAILED =
  /\b([A-Za-z][A-Za-z0-9]{1,30})\s+(describe|list|get|put|create|delete|update|send|receive|start|stop|run|invoke|publish|register|assume)((?:\s+[a-z]{2,}){1,3}?)\s+(?:failed|error)\b/i;

/** The verb and the words after it, of the operation a message names in words. */
function operationInWords(message: string): [string | undefined, string | undefined] {
  const named = SERVICE_OPERATION_FAILED.exec(message);
  if (named?.[1] && serviceFromName(named[1])) return [named[2], named[3]];
  const match = OPERATION_IN_WORDS.exec(message);
  return [match?.[1], match?.[2]];
}

/** The operation in words, longest first ("PutMetricData", "PutMetric"): the catalog keeps the first it knows. */
export function operationsFromWords(message: string): string[] {
  const [verb, rest] = operationInWords(message);
  if (!verb || !rest) return [];
  const word = (text: string) => text.charAt(0).toUpperCase() + text.slice(1).toLowerCase();
  const words: string[] = [];
  for (const next of rest.trim().split(/\s+/)) {
    if (NOT_IN_AN_OPERATION.has(next.toLowerCase())) break;
    words.push(word(next));
  }
  const names: string[] = [];
  for (let count = words.length; count >= 1; count -= 1)
    names.push(`${word(verb)}${words.slice(0, count).join('')}`);
  return names;
}

export function operationFromWords(message: string): string | null {
  return operationsFromWords(message)[0] ?? null;
}

/**
 * A bucket's own setting as a tool words its call ("Error putting S3 ACL", "error getting S3
 * Bucket replication"): the verb and the setting make the SDK operation (PutBucketAcl), which the
 * catalog's table turns into IAM's action where the names differ.
 */
const BUCKET_SETTING =
  /\b(put(?:ting)?|set(?:ting)?|get(?:ting)?|read(?:ing)?|delet(?:e|ing))\s+S3\s+(?:bucket\s+)?(?:\([^()\n]*\)\s+)?(ACL|policy|versioning|logging|tags|tagging|CORS|website|notification|replication|lifecycle|(?:server[ -]side )?encryption|accelerat(?:e|ion))\b/i;

const SETTING_OPERATION: Record<string, string> = {
  acl: 'Acl',
  policy: 'Policy',
  versioning: 'Versioning',
  logging: 'Logging',
  tags: 'Tagging',
  tagging: 'Tagging',
  cors: 'Cors',
  website: 'Website',
  notification: 'NotificationConfiguration',
  replication: 'Replication',
  lifecycle: 'LifecycleConfiguration',
  encryption: 'Encryption',
  accelerate: 'AccelerateConfiguration',
  acceleration: 'AccelerateConfiguration',
};

function bucketSettingOperation(message: string): string | null {
  const match = BUCKET_SETTING.exec(message);
  if (!match?.[1] || !match[2]) return null;
  const verb = /^(?:put|set)/i.test(match[1]) ? 'Put' : /^(?:get|read)/i.test(match[1]) ? 'Get' : 'Delete';
  const setting = SETTING_OPERATION[match[2].toLowerCase().replace(/^server[ -]side /, '')];
  return setting ? `${verb}Bucket${setting}` : null;
}

/**
 * The AWS provider's (Terraform's, Pulumi's) phrase before an SDK error that names no operation:
 * "error creating Lambda Function (name): AccessDeniedException:", "Error creating Lambda function:".
 * The leading words name the service, the rest the resource: the verb and the resource make the
 * operation, which the catalog accepts only when the service has such an action.
 */
const PROVIDER_PHRASE =
  /\b[Ee]rror (creating|reading|updating|deleting|describing|listing|getting|putting|tagging) ((?:[A-Za-z][\w-]*\s+){0,5}?[A-Za-z][\w-]*)\s*[(:]/;

const PROVIDER_VERB: Record<string, string> = {
  creating: 'Create',
  reading: 'Get',
  getting: 'Get',
  updating: 'Update',
  deleting: 'Delete',
  describing: 'Describe',
  listing: 'List',
  putting: 'Put',
  tagging: 'Tag',
};

/** EC2's word for RunInstances, in its console, its docs and the provider's "Error launching source instance". */
const LAUNCH_INSTANCE = /\blaunch(?:ing)? (?:source |EC2 |new |an? )?instances?\b/i;

export function providerCall(
  message: string,
  errorService: string | null = null,
): { service: string; operation: string } | null {
  if (LAUNCH_INSTANCE.test(message)) return { service: 'ec2', operation: 'RunInstances' };
  const match = PROVIDER_PHRASE.exec(message);
  const verb = PROVIDER_VERB[match?.[1] ?? ''];
  const words = match?.[2]?.split(/\s+/) ?? [];
  if (!verb) return null;
  // The longest run of leading words that names a service ("CloudWatch Logs" before "CloudWatch").
  for (let split = words.length - 1; split >= 1; split -= 1) {
    const service = serviceFromName(words.slice(0, split).join(' '));
    if (!service) continue;
    return { service, operation: `${verb}${words.slice(split).map(capitalised).join('')}` };
  }
  // No service's name leads ("Error creating VPC: UnauthorizedOperation: …"): the service is the
  // one whose error code follows, and the words name its resource.
  if (errorService && words.length > 0)
    return { service: errorService, operation: `${verb}${words.map(capitalised).join('')}` };
  return null;
}

function capitalised(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** For an S3 error that names no operation: the verb around it ("error uploading … to S3"). */
export function s3OperationFromWords(message: string): string | null {
  const setting = bucketSettingOperation(message);
  if (setting) return setting;
  // "Cannot get bucket region of …" (FireLens's init process): S3 answers that with GetBucketLocation.
  if (/\bbucket (?:region|location)\b/i.test(message)) return 'GetBucketLocation';
  if (/\b(?:upload(?:ing|ed)?|put(?:ting)?|writ(?:e|ing))\b/i.test(message)) return 'PutObject';
  if (/\b(?:download(?:ing|ed)?|fetch(?:ing)?)\b/i.test(message)) return 'GetObject';
  if (/\bdelet(?:e|ing)\b/i.test(message)) return 'DeleteObject';
  return null;
}
