# identity-policy of arn:aws:iam::111122223333:role/notifications-api-execution-role (finding 1)
# apply in account 111122223333
# add as an inline policy, or to a customer managed policy attached to it
aws iam put-role-policy --role-name 'notifications-api-execution-role' \
  --policy-name whydenied-fix-cdcb7ba1 \
  --policy-document '{"Version":"2012-10-17","Statement":[{"Sid":"AwslogsDelivery","Effect":"Allow","Action":["logs:CreateLogStream","logs:PutLogEvents"],"Resource":["arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/notifications-api:log-stream:*"]}]}'

# identity-policy of arn:aws:iam::111122223333:role/orders-worker-execution-role (finding 2)
# apply in account 111122223333
# add as an inline policy, or to a customer managed policy attached to it
aws iam put-role-policy --role-name 'orders-worker-execution-role' \
  --policy-name whydenied-fix-9fbe594e \
  --policy-document '{"Version":"2012-10-17","Statement":[{"Sid":"EnvironmentFiles","Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::orders-config-111122223333/orders-worker/prod.env"]},{"Sid":"EnvironmentFilesBucketLocation","Effect":"Allow","Action":["s3:GetBucketLocation"],"Resource":["arn:aws:s3:::orders-config-111122223333"]}]}'

# identity-policy of arn:aws:iam::111122223333:role/invoice-renderer-execution-role (finding 3)
# apply in account 111122223333
# add as an inline policy, or to a customer managed policy attached to it
aws iam put-role-policy --role-name 'invoice-renderer-execution-role' \
  --policy-name whydenied-fix-4d7a1681 \
  --policy-document '{"Version":"2012-10-17","Statement":[{"Sid":"EcrAuthorizationToken","Effect":"Allow","Action":["ecr:GetAuthorizationToken"],"Resource":"*"},{"Sid":"EcrImagePull","Effect":"Allow","Action":["ecr:BatchCheckLayerAvailability","ecr:GetDownloadUrlForLayer","ecr:BatchGetImage"],"Resource":["arn:aws:ecr:eu-west-1:111122223333:repository/invoice-renderer"]}]}'

# identity-policy of arn:aws:iam::111122223333:role/orders-api-execution-role (finding 4)
# apply in account 111122223333
# add as an inline policy, or to a customer managed policy attached to it
aws iam put-role-policy --role-name 'orders-api-execution-role' \
  --policy-name whydenied-fix-82055bc2 \
  --policy-document '{"Version":"2012-10-17","Statement":[{"Sid":"SsmParametersForSecrets","Effect":"Allow","Action":["ssm:GetParameters"],"Resource":["arn:aws:ssm:eu-west-1:111122223333:parameter/orders/api/partner-token","arn:aws:ssm:eu-west-1:111122223333:parameter/orders/db-password"]}]}'

# identity-policy of arn:aws:iam::111122223333:role/fulfilment-task-role (findings 5, 6, 7)
# apply in account 111122223333
# add as an inline policy, or to a customer managed policy attached to it. The evidence does not
# say it: replace ${BucketName} with the bucket name; ${ObjectName} with the object name
# add as an inline policy, or to a customer managed policy attached to it
# the evidence did not say ${BucketName}, ${ObjectName}: fill in
aws iam put-role-policy --role-name 'fulfilment-task-role' \
  --policy-name whydenied-fix-2e4f1c70 \
  --policy-document '{"Version":"2012-10-17","Statement":[{"Sid":"AppPutObject","Effect":"Allow","Action":["s3:PutObject"],"Resource":["arn:aws:s3:::'"${BucketName:?set BucketName first}"'/'"${ObjectName:?set ObjectName first}"'"]},{"Sid":"AppReceiveMessage","Effect":"Allow","Action":["sqs:ReceiveMessage"],"Resource":["arn:aws:sqs:eu-west-1:111122223333:fulfilment-order-events"]},{"Sid":"AppPutItem","Effect":"Allow","Action":["dynamodb:PutItem"],"Resource":["arn:aws:dynamodb:eu-west-1:111122223333:table/fulfilment-ledger"]}]}'

# key-policy of arn:aws:kms:eu-west-1:111122223333:key/5d2f8a3e-91c4-4b7a-a0e6-3c8f1d9b2e47 (finding 8)
# apply in account 111122223333
# the key policy must let the role decrypt (or delegate to IAM policies)
# the put command REPLACES the whole policy: get it, add the statements below to its Statement list,
# and put it back (keep every statement already there):
#   aws kms get-key-policy --key-id 'arn:aws:kms:eu-west-1:111122223333:key/5d2f8a3e-91c4-4b7a-a0e6-3c8f1d9b2e47' --policy-name default --query Policy --output text > key-policy.json
#   aws kms put-key-policy --key-id 'arn:aws:kms:eu-west-1:111122223333:key/5d2f8a3e-91c4-4b7a-a0e6-3c8f1d9b2e47' --policy-name default --policy file://key-policy.json
#   [{"Sid":"AllowDecryptByCheckoutApiExecutionRole","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/checkout-api-execution-role"},"Action":["kms:Decrypt"],"Resource":"*"}]

# identity-policy of arn:aws:iam::111122223333:role/checkout-api-execution-role (finding 8)
# apply in account 111122223333
# add as an inline policy, or to a customer managed policy attached to it
aws iam put-role-policy --role-name 'checkout-api-execution-role' \
  --policy-name whydenied-fix-715fa3b4 \
  --policy-document '{"Version":"2012-10-17","Statement":[{"Sid":"SecretsManagerSecrets","Effect":"Allow","Action":["secretsmanager:GetSecretValue"],"Resource":["arn:aws:secretsmanager:eu-west-1:111122223333:secret:checkout/stripe-api-key-Hq3ZtL"]},{"Sid":"KmsDecryptSecrets","Effect":"Allow","Action":["kms:Decrypt"],"Resource":["arn:aws:kms:eu-west-1:111122223333:key/5d2f8a3e-91c4-4b7a-a0e6-3c8f1d9b2e47"]}]}'

# deployer-policy of arn:aws:iam::111122223333:role/github-actions-deployer (finding 9)
# apply in account 111122223333
# the deployer registers task definitions or runs tasks and services: it must be allowed to pass
# both roles to ECS
aws iam put-role-policy --role-name 'github-actions-deployer' \
  --policy-name whydenied-deployer-fix-1ff9772c \
  --policy-document '{"Version":"2012-10-17","Statement":[{"Sid":"PassEcsTaskRoles","Effect":"Allow","Action":["iam:PassRole"],"Resource":["arn:aws:iam::111122223333:role/orders-api-execution-role","arn:aws:iam::111122223333:role/orders-api-task-role"],"Condition":{"StringEquals":{"iam:PassedToService":"ecs-tasks.amazonaws.com"}}}]}'

# repository-policy of arn:aws:ecr:eu-west-1:444455556666:repository/payments (finding 10)
# apply in account 444455556666
# in account 444455556666: a cross-account pull needs both the role's and the repository's Allow
# the put command REPLACES the whole policy: get it, add the statements below to its Statement list,
# and put it back (keep every statement already there):
#   aws ecr get-repository-policy --region eu-west-1 --repository-name 'payments' --query policyText --output text > repository-policy.json
#   aws ecr set-repository-policy --region eu-west-1 --repository-name 'payments' --policy-text file://repository-policy.json
#   [{"Sid":"AllowPullByPaymentsApiExecutionRole","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/payments-api-execution-role"},"Action":["ecr:BatchCheckLayerAvailability","ecr:GetDownloadUrlForLayer","ecr:BatchGetImage"]}]

# identity-policy of arn:aws:iam::111122223333:role/payments-api-execution-role (finding 10)
# apply in account 111122223333
# add as an inline policy, or to a customer managed policy attached to it
aws iam put-role-policy --role-name 'payments-api-execution-role' \
  --policy-name whydenied-fix-db35e9a7 \
  --policy-document '{"Version":"2012-10-17","Statement":[{"Sid":"EcrAuthorizationToken","Effect":"Allow","Action":["ecr:GetAuthorizationToken"],"Resource":"*"},{"Sid":"EcrImagePull","Effect":"Allow","Action":["ecr:BatchCheckLayerAvailability","ecr:GetDownloadUrlForLayer","ecr:BatchGetImage"],"Resource":["arn:aws:ecr:eu-west-1:444455556666:repository/payments"]}]}'

# policy-change of an unknown target (finding 11)
# the VPC endpoint policy must allow this as well: add the statement there
# that policy is one document: get it, add the statements below to its Statement list, and put it back
#   [{"Sid":"AllowGetParameters","Effect":"Allow","Action":["ssm:GetParameters"],"Resource":["arn:aws:ssm:eu-west-1:111122223333:parameter/audit/db-url"],"Principal":"*","Condition":{"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/audit-api-execution-role"}}}]

# resource-policy of arn:aws:s3:::partner-exports-444455556666 (finding 12)
# the resource refused the request: its policy must name the role
# the put command REPLACES the whole policy: get it, add the statements below to its Statement list,
# and put it back (keep every statement already there):
#   aws s3api get-bucket-policy --bucket 'partner-exports-444455556666' --query Policy --output text > bucket-policy.json
#   aws s3api put-bucket-policy --bucket 'partner-exports-444455556666' --policy file://bucket-policy.json
#   [{"Sid":"AllowGetObjectByReportsExporterTaskRole","Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::partner-exports-444455556666/daily/2026-11-21.csv"],"Principal":{"AWS":"arn:aws:iam::111122223333:role/reports-exporter-task-role"}}]

# identity-policy of arn:aws:iam::111122223333:role/reports-exporter-task-role (finding 12)
# apply in account 111122223333
# add as an inline policy, or to a customer managed policy attached to it
aws iam put-role-policy --role-name 'reports-exporter-task-role' \
  --policy-name whydenied-fix-6004a23b \
  --policy-document '{"Version":"2012-10-17","Statement":[{"Sid":"AllowGetObject","Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::partner-exports-444455556666/daily/2026-11-21.csv"]}]}'

# identity-policy of an unknown target (finding 13)
# create a task role (trusting ecs-tasks.amazonaws.com) with this policy and set it as taskRoleArn
# of customer-profile; do not widen the instance role, which every task on the host shares
# put it on that role: aws iam put-role-policy --role-name NAME --policy-name whydenied-fix-5642c7f6 --policy-document:
#   [{"Sid":"AppGetItem","Effect":"Allow","Action":["dynamodb:GetItem"],"Resource":["arn:aws:dynamodb:eu-west-1:111122223333:table/customer-profiles"]}]

# identity-policy of arn:aws:iam::111122223333:role/catalog-api-task-role (finding 14)
# apply in account 111122223333
# add as an inline policy, or to a customer managed policy attached to it
aws iam put-role-policy --role-name 'catalog-api-task-role' \
  --policy-name whydenied-fix-a11cc263 \
  --policy-document '{"Version":"2012-10-17","Statement":[{"Sid":"AppPutRecordBatch","Effect":"Allow","Action":["firehose:PutRecordBatch"],"Resource":["arn:aws:firehose:eu-west-1:111122223333:deliverystream/catalog-api-logs"]}]}'

# identity-policy of arn:aws:iam::111122223333:role/inventory-sync-role (finding 15)
# apply in account 111122223333
# add as an inline policy, or to a customer managed policy attached to it
aws iam put-role-policy --role-name 'inventory-sync-role' \
  --policy-name whydenied-fix-e42cf471 \
  --policy-document '{"Version":"2012-10-17","Statement":[{"Sid":"SecretsManagerSecrets","Effect":"Allow","Action":["secretsmanager:GetSecretValue"],"Resource":["arn:aws:secretsmanager:eu-west-1:111122223333:secret:inventory/supplier-api-key-Q7rT2k"]}]}'

# policy-change of arn:aws:organizations::777788889999:policy/o-a1b2c3d4e5/service_control_policy/p-abcd1234 (finding 16)
# apply in account 777788889999
# no Allow can fix this: change the service control policy (SCP)
# arn:aws:organizations::777788889999:policy/o-a1b2c3d4e5/service_control_policy/p-abcd1234 so
# that its Deny no longer matches kms:GenerateDataKey on
# arn:aws:kms:eu-west-1:111122223333:key/9e1b4c7a-2d5f-4a8e-b3c6-7f0a2d4e6b81 for
# arn:aws:iam::111122223333:role/payments-ledger-task-role (narrow the Deny, or add an exception
# condition)
# no Allow statement helps: an explicit Deny wins over every Allow, so the Deny itself must change
# read it with:
#   aws organizations describe-policy --policy-id 'p-abcd1234' --query Policy.Content --output text > policy.json

# trust-policy of arn:aws:iam::111122223333:role/search-indexer-task-role (finding 17)
# apply in account 111122223333
# make this a statement of the trust policy (aws iam update-assume-role-policy); where a statement
# for ecs-tasks.amazonaws.com is there already, keep its aws:SourceAccount / aws:SourceArn
# conditions and make them match account 111122223333 and region eu-west-1
# the put command REPLACES the whole policy: get it, add the statements below to its Statement list,
# and put it back (keep every statement already there):
#   aws iam get-role --role-name 'search-indexer-task-role' --query Role.AssumeRolePolicyDocument > trust-policy.json
#   aws iam update-assume-role-policy --role-name 'search-indexer-task-role' --policy-document file://trust-policy.json
#   [{"Sid":"EcsTasksAssumeRole","Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":["sts:AssumeRole"],"Condition":{"StringEquals":{"aws:SourceAccount":"111122223333"},"ArnLike":{"aws:SourceArn":"arn:aws:ecs:eu-west-1:111122223333:*"}}}]

# identity-policy of arn:aws:iam::111122223333:role/search-api-execution-role (finding 18)
# apply in account 111122223333
# add as an inline policy, or to a customer managed policy attached to it
aws iam put-role-policy --role-name 'search-api-execution-role' \
  --policy-name whydenied-fix-e6901223 \
  --policy-document '{"Version":"2012-10-17","Statement":[{"Sid":"AwslogsDelivery","Effect":"Allow","Action":["logs:CreateLogStream","logs:PutLogEvents"],"Resource":["arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/search-api:log-stream:*"]},{"Sid":"AwslogsCreateLogGroup","Effect":"Allow","Action":["logs:CreateLogGroup"],"Resource":["arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/search-api:*"]}]}'

# identity-policy of arn:aws:iam::123456789012:user/jangirg-limited (finding 19)
# apply in account 123456789012
# add as an inline policy, or to a customer managed policy attached to it. The evidence does not
# say it: replace ${Region} with the task's region; ${StackName} with the stack name; ${Id} with
# the id
# the evidence did not say ${Region}, ${StackName}, ${Id}: fill in
aws iam put-user-policy --user-name 'jangirg-limited' \
  --policy-name whydenied-fix-d4621706 \
  --policy-document '{"Version":"2012-10-17","Statement":[{"Sid":"AllowDescribeStacks","Effect":"Allow","Action":["cloudformation:DescribeStacks"],"Resource":["arn:aws:cloudformation:'"${Region:?set Region first}"':123456789012:stack/'"${StackName:?set StackName first}"'/'"${Id:?set Id first}"'"]}]}'

# deployer-policy of arn:aws:iam::120038763019:user/parking-airflow-user (finding 20)
# apply in account 120038763019
# the deployer registers task definitions or runs tasks and services: it must be allowed to pass
# both roles to ECS
aws iam put-user-policy --user-name 'parking-airflow-user' \
  --policy-name whydenied-deployer-fix-c9c44e90 \
  --policy-document '{"Version":"2012-10-17","Statement":[{"Sid":"PassEcsTaskRoles","Effect":"Allow","Action":["iam:PassRole"],"Resource":["arn:aws:iam::120038763019:role/dataplatform-stg-ecs-parking"],"Condition":{"StringEquals":{"iam:PassedToService":"ecs-tasks.amazonaws.com"}}}]}'
