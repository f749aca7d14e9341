variable "bucket_name" {
  type        = string
  description = "BucketName in the fixes below: the evidence did not name it"
}

variable "object_name" {
  type        = string
  description = "ObjectName in the fixes below: the evidence did not name it"
}

variable "region" {
  type        = string
  description = "Region in the fixes below: the evidence did not name it"
}

variable "stack_name" {
  type        = string
  description = "StackName in the fixes below: the evidence did not name it"
}

variable "id" {
  type        = string
  description = "Id in the fixes below: the evidence did not name it"
}

# identity-policy of arn:aws:iam::111122223333:role/notifications-api-execution-role (finding 1)
# apply in account 111122223333
# add as an inline policy, or to a customer managed policy attached to it
data "aws_iam_policy_document" "whydenied_identity_policy_notifications_api_execution_role" {
  statement {
    sid    = "AwslogsDelivery"
    effect = "Allow"
    actions = [
      "logs:CreateLogStream",
      "logs:PutLogEvents",
    ]
    resources = ["arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/notifications-api:log-stream:*"]
  }
}

resource "aws_iam_role_policy" "whydenied_identity_policy_notifications_api_execution_role" {
  name   = "whydenied-fix-cdcb7ba1"
  role   = "notifications-api-execution-role"
  policy = data.aws_iam_policy_document.whydenied_identity_policy_notifications_api_execution_role.json
}

# identity-policy of arn:aws:iam::111122223333:role/orders-worker-execution-role (finding 2)
# apply in account 111122223333
# add as an inline policy, or to a customer managed policy attached to it
data "aws_iam_policy_document" "whydenied_identity_policy_orders_worker_execution_role" {
  statement {
    sid       = "EnvironmentFiles"
    effect    = "Allow"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::orders-config-111122223333/orders-worker/prod.env"]
  }
  statement {
    sid       = "EnvironmentFilesBucketLocation"
    effect    = "Allow"
    actions   = ["s3:GetBucketLocation"]
    resources = ["arn:aws:s3:::orders-config-111122223333"]
  }
}

resource "aws_iam_role_policy" "whydenied_identity_policy_orders_worker_execution_role" {
  name   = "whydenied-fix-9fbe594e"
  role   = "orders-worker-execution-role"
  policy = data.aws_iam_policy_document.whydenied_identity_policy_orders_worker_execution_role.json
}

# identity-policy of arn:aws:iam::111122223333:role/invoice-renderer-execution-role (finding 3)
# apply in account 111122223333
# add as an inline policy, or to a customer managed policy attached to it
data "aws_iam_policy_document" "whydenied_identity_policy_invoice_renderer_execution_role" {
  statement {
    sid       = "EcrAuthorizationToken"
    effect    = "Allow"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }
  statement {
    sid    = "EcrImagePull"
    effect = "Allow"
    actions = [
      "ecr:BatchCheckLayerAvailability",
      "ecr:GetDownloadUrlForLayer",
      "ecr:BatchGetImage",
    ]
    resources = ["arn:aws:ecr:eu-west-1:111122223333:repository/invoice-renderer"]
  }
}

resource "aws_iam_role_policy" "whydenied_identity_policy_invoice_renderer_execution_role" {
  name   = "whydenied-fix-4d7a1681"
  role   = "invoice-renderer-execution-role"
  policy = data.aws_iam_policy_document.whydenied_identity_policy_invoice_renderer_execution_role.json
}

# identity-policy of arn:aws:iam::111122223333:role/orders-api-execution-role (finding 4)
# apply in account 111122223333
# add as an inline policy, or to a customer managed policy attached to it
data "aws_iam_policy_document" "whydenied_identity_policy_orders_api_execution_role" {
  statement {
    sid     = "SsmParametersForSecrets"
    effect  = "Allow"
    actions = ["ssm:GetParameters"]
    resources = [
      "arn:aws:ssm:eu-west-1:111122223333:parameter/orders/api/partner-token",
      "arn:aws:ssm:eu-west-1:111122223333:parameter/orders/db-password",
    ]
  }
}

resource "aws_iam_role_policy" "whydenied_identity_policy_orders_api_execution_role" {
  name   = "whydenied-fix-82055bc2"
  role   = "orders-api-execution-role"
  policy = data.aws_iam_policy_document.whydenied_identity_policy_orders_api_execution_role.json
}

# identity-policy of arn:aws:iam::111122223333:role/fulfilment-task-role (findings 5, 6, 7)
# apply in account 111122223333
# add as an inline policy, or to a customer managed policy attached to it. The evidence does not
# say it: replace ${BucketName} with the bucket name; ${ObjectName} with the object name
# add as an inline policy, or to a customer managed policy attached to it
# the evidence did not say ${BucketName}, ${ObjectName}: fill in
data "aws_iam_policy_document" "whydenied_identity_policy_fulfilment_task_role" {
  statement {
    sid       = "AppPutObject"
    effect    = "Allow"
    actions   = ["s3:PutObject"]
    resources = ["arn:aws:s3:::${var.bucket_name}/${var.object_name}"]
  }
  statement {
    sid       = "AppReceiveMessage"
    effect    = "Allow"
    actions   = ["sqs:ReceiveMessage"]
    resources = ["arn:aws:sqs:eu-west-1:111122223333:fulfilment-order-events"]
  }
  statement {
    sid       = "AppPutItem"
    effect    = "Allow"
    actions   = ["dynamodb:PutItem"]
    resources = ["arn:aws:dynamodb:eu-west-1:111122223333:table/fulfilment-ledger"]
  }
}

resource "aws_iam_role_policy" "whydenied_identity_policy_fulfilment_task_role" {
  name   = "whydenied-fix-2e4f1c70"
  role   = "fulfilment-task-role"
  policy = data.aws_iam_policy_document.whydenied_identity_policy_fulfilment_task_role.json
}

# key-policy of arn:aws:kms:eu-west-1:111122223333:key/5d2f8a3e-91c4-4b7a-a0e6-3c8f1d9b2e47 (finding 8)
# apply in account 111122223333
# the key policy must let the role decrypt (or delegate to IAM policies)
# merge into the key policy (aws_kms_key.policy or aws_kms_key_policy): either REPLACES the
# whole key policy, and a policy without the key administrators' statements locks them out;
# list the current policy in source_policy_documents to merge
data "aws_iam_policy_document" "whydenied_key_policy_5d2f8a3e_91c4_4b7a_a0e6_3c8f1d9b2e47" {
  statement {
    sid       = "AllowDecryptByCheckoutApiExecutionRole"
    effect    = "Allow"
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:role/checkout-api-execution-role"]
    }
  }
}

# identity-policy of arn:aws:iam::111122223333:role/checkout-api-execution-role (finding 8)
# apply in account 111122223333
# add as an inline policy, or to a customer managed policy attached to it
data "aws_iam_policy_document" "whydenied_identity_policy_checkout_api_execution_role" {
  statement {
    sid       = "SecretsManagerSecrets"
    effect    = "Allow"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = ["arn:aws:secretsmanager:eu-west-1:111122223333:secret:checkout/stripe-api-key-Hq3ZtL"]
  }
  statement {
    sid       = "KmsDecryptSecrets"
    effect    = "Allow"
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:eu-west-1:111122223333:key/5d2f8a3e-91c4-4b7a-a0e6-3c8f1d9b2e47"]
  }
}

resource "aws_iam_role_policy" "whydenied_identity_policy_checkout_api_execution_role" {
  name   = "whydenied-fix-715fa3b4"
  role   = "checkout-api-execution-role"
  policy = data.aws_iam_policy_document.whydenied_identity_policy_checkout_api_execution_role.json
}

# deployer-policy of arn:aws:iam::111122223333:role/github-actions-deployer (finding 9)
# apply in account 111122223333
# the deployer registers task definitions or runs tasks and services: it must be allowed to pass
# both roles to ECS
data "aws_iam_policy_document" "whydenied_deployer_policy_github_actions_deployer" {
  statement {
    sid     = "PassEcsTaskRoles"
    effect  = "Allow"
    actions = ["iam:PassRole"]
    resources = [
      "arn:aws:iam::111122223333:role/orders-api-execution-role",
      "arn:aws:iam::111122223333:role/orders-api-task-role",
    ]
    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "whydenied_deployer_policy_github_actions_deployer" {
  name   = "whydenied-deployer-fix-1ff9772c"
  role   = "github-actions-deployer"
  policy = data.aws_iam_policy_document.whydenied_deployer_policy_github_actions_deployer.json
}

# repository-policy of arn:aws:ecr:eu-west-1:444455556666:repository/payments (finding 10)
# apply in account 444455556666
# in account 444455556666: a cross-account pull needs both the role's and the repository's Allow
# merge into the aws_ecr_repository_policy of this repository: it REPLACES the whole
# repository policy; list the current one in source_policy_documents to merge
data "aws_iam_policy_document" "whydenied_repository_policy_payments" {
  statement {
    sid    = "AllowPullByPaymentsApiExecutionRole"
    effect = "Allow"
    actions = [
      "ecr:BatchCheckLayerAvailability",
      "ecr:GetDownloadUrlForLayer",
      "ecr:BatchGetImage",
    ]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:role/payments-api-execution-role"]
    }
  }
}

# identity-policy of arn:aws:iam::111122223333:role/payments-api-execution-role (finding 10)
# apply in account 111122223333
# add as an inline policy, or to a customer managed policy attached to it
data "aws_iam_policy_document" "whydenied_identity_policy_payments_api_execution_role" {
  statement {
    sid       = "EcrAuthorizationToken"
    effect    = "Allow"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }
  statement {
    sid    = "EcrImagePull"
    effect = "Allow"
    actions = [
      "ecr:BatchCheckLayerAvailability",
      "ecr:GetDownloadUrlForLayer",
      "ecr:BatchGetImage",
    ]
    resources = ["arn:aws:ecr:eu-west-1:444455556666:repository/payments"]
  }
}

resource "aws_iam_role_policy" "whydenied_identity_policy_payments_api_execution_role" {
  name   = "whydenied-fix-db35e9a7"
  role   = "payments-api-execution-role"
  policy = data.aws_iam_policy_document.whydenied_identity_policy_payments_api_execution_role.json
}

# policy-change of an unknown target (finding 11)
# the VPC endpoint policy must allow this as well: add the statement there
# add these statements to that policy:
# it is one document, so merge them into its statements rather than replacing it
data "aws_iam_policy_document" "whydenied_policy_change_unknown_target" {
  statement {
    sid       = "AllowGetParameters"
    effect    = "Allow"
    actions   = ["ssm:GetParameters"]
    resources = ["arn:aws:ssm:eu-west-1:111122223333:parameter/audit/db-url"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "ArnEquals"
      variable = "aws:PrincipalArn"
      values   = ["arn:aws:iam::111122223333:role/audit-api-execution-role"]
    }
  }
}

# resource-policy of arn:aws:s3:::partner-exports-444455556666 (finding 12)
# the resource refused the request: its policy must name the role
# merge into the aws_s3_bucket_policy of this resource: it REPLACES the whole
# resource policy; list the current one in source_policy_documents to merge
data "aws_iam_policy_document" "whydenied_resource_policy_partner_exports_444455556666" {
  statement {
    sid       = "AllowGetObjectByReportsExporterTaskRole"
    effect    = "Allow"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::partner-exports-444455556666/daily/2026-11-21.csv"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:role/reports-exporter-task-role"]
    }
  }
}

# identity-policy of arn:aws:iam::111122223333:role/reports-exporter-task-role (finding 12)
# apply in account 111122223333
# add as an inline policy, or to a customer managed policy attached to it
data "aws_iam_policy_document" "whydenied_identity_policy_reports_exporter_task_role" {
  statement {
    sid       = "AllowGetObject"
    effect    = "Allow"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::partner-exports-444455556666/daily/2026-11-21.csv"]
  }
}

resource "aws_iam_role_policy" "whydenied_identity_policy_reports_exporter_task_role" {
  name   = "whydenied-fix-6004a23b"
  role   = "reports-exporter-task-role"
  policy = data.aws_iam_policy_document.whydenied_identity_policy_reports_exporter_task_role.json
}

# identity-policy of an unknown target (finding 13)
# create a task role (trusting ecs-tasks.amazonaws.com) with this policy and set it as taskRoleArn
# of customer-profile; do not widen the instance role, which every task on the host shares
# attach it as an inline policy (aws_iam_role_policy) of that role: policy = data.aws_iam_policy_document.whydenied_identity_policy_unknown_target.json
data "aws_iam_policy_document" "whydenied_identity_policy_unknown_target" {
  statement {
    sid       = "AppGetItem"
    effect    = "Allow"
    actions   = ["dynamodb:GetItem"]
    resources = ["arn:aws:dynamodb:eu-west-1:111122223333:table/customer-profiles"]
  }
}

# identity-policy of arn:aws:iam::111122223333:role/catalog-api-task-role (finding 14)
# apply in account 111122223333
# add as an inline policy, or to a customer managed policy attached to it
data "aws_iam_policy_document" "whydenied_identity_policy_catalog_api_task_role" {
  statement {
    sid       = "AppPutRecordBatch"
    effect    = "Allow"
    actions   = ["firehose:PutRecordBatch"]
    resources = ["arn:aws:firehose:eu-west-1:111122223333:deliverystream/catalog-api-logs"]
  }
}

resource "aws_iam_role_policy" "whydenied_identity_policy_catalog_api_task_role" {
  name   = "whydenied-fix-a11cc263"
  role   = "catalog-api-task-role"
  policy = data.aws_iam_policy_document.whydenied_identity_policy_catalog_api_task_role.json
}

# identity-policy of arn:aws:iam::111122223333:role/inventory-sync-role (finding 15)
# apply in account 111122223333
# add as an inline policy, or to a customer managed policy attached to it
data "aws_iam_policy_document" "whydenied_identity_policy_inventory_sync_role" {
  statement {
    sid       = "SecretsManagerSecrets"
    effect    = "Allow"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = ["arn:aws:secretsmanager:eu-west-1:111122223333:secret:inventory/supplier-api-key-Q7rT2k"]
  }
}

resource "aws_iam_role_policy" "whydenied_identity_policy_inventory_sync_role" {
  name   = "whydenied-fix-e42cf471"
  role   = "inventory-sync-role"
  policy = data.aws_iam_policy_document.whydenied_identity_policy_inventory_sync_role.json
}

# policy-change of arn:aws:organizations::777788889999:policy/o-a1b2c3d4e5/service_control_policy/p-abcd1234 (finding 16)
# apply in account 777788889999
# no Allow can fix this: change the service control policy (SCP)
# arn:aws:organizations::777788889999:policy/o-a1b2c3d4e5/service_control_policy/p-abcd1234 so
# that its Deny no longer matches kms:GenerateDataKey on
# arn:aws:kms:eu-west-1:111122223333:key/9e1b4c7a-2d5f-4a8e-b3c6-7f0a2d4e6b81 for
# arn:aws:iam::111122223333:role/payments-ledger-task-role (narrow the Deny, or add an exception
# condition)
# no Allow statement helps: an explicit Deny wins over every Allow, so the Deny itself must change

# trust-policy of arn:aws:iam::111122223333:role/search-indexer-task-role (finding 17)
# apply in account 111122223333
# make this a statement of the trust policy (aws iam update-assume-role-policy); where a statement
# for ecs-tasks.amazonaws.com is there already, keep its aws:SourceAccount / aws:SourceArn
# conditions and make them match account 111122223333 and region eu-west-1
# merge into assume_role_policy of the aws_iam_role named search-indexer-task-role:
# that argument REPLACES the whole trust policy, so keep its other statements
# (list the current one in source_policy_documents to merge)
data "aws_iam_policy_document" "whydenied_trust_policy_search_indexer_task_role" {
  statement {
    sid     = "EcsTasksAssumeRole"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = ["111122223333"]
    }
    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:aws:ecs:eu-west-1:111122223333:*"]
    }
  }
}

# identity-policy of arn:aws:iam::111122223333:role/search-api-execution-role (finding 18)
# apply in account 111122223333
# add as an inline policy, or to a customer managed policy attached to it
data "aws_iam_policy_document" "whydenied_identity_policy_search_api_execution_role" {
  statement {
    sid    = "AwslogsDelivery"
    effect = "Allow"
    actions = [
      "logs:CreateLogStream",
      "logs:PutLogEvents",
    ]
    resources = ["arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/search-api:log-stream:*"]
  }
  statement {
    sid       = "AwslogsCreateLogGroup"
    effect    = "Allow"
    actions   = ["logs:CreateLogGroup"]
    resources = ["arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/search-api:*"]
  }
}

resource "aws_iam_role_policy" "whydenied_identity_policy_search_api_execution_role" {
  name   = "whydenied-fix-e6901223"
  role   = "search-api-execution-role"
  policy = data.aws_iam_policy_document.whydenied_identity_policy_search_api_execution_role.json
}

# identity-policy of arn:aws:iam::123456789012:user/jangirg-limited (finding 19)
# apply in account 123456789012
# add as an inline policy, or to a customer managed policy attached to it. The evidence does not
# say it: replace ${Region} with the task's region; ${StackName} with the stack name; ${Id} with
# the id
# the evidence did not say ${Region}, ${StackName}, ${Id}: fill in
data "aws_iam_policy_document" "whydenied_identity_policy_jangirg_limited" {
  statement {
    sid       = "AllowDescribeStacks"
    effect    = "Allow"
    actions   = ["cloudformation:DescribeStacks"]
    resources = ["arn:aws:cloudformation:${var.region}:123456789012:stack/${var.stack_name}/${var.id}"]
  }
}

resource "aws_iam_user_policy" "whydenied_identity_policy_jangirg_limited" {
  name   = "whydenied-fix-d4621706"
  user   = "jangirg-limited"
  policy = data.aws_iam_policy_document.whydenied_identity_policy_jangirg_limited.json
}

# deployer-policy of arn:aws:iam::120038763019:user/parking-airflow-user (finding 20)
# apply in account 120038763019
# the deployer registers task definitions or runs tasks and services: it must be allowed to pass
# both roles to ECS
data "aws_iam_policy_document" "whydenied_deployer_policy_parking_airflow_user" {
  statement {
    sid       = "PassEcsTaskRoles"
    effect    = "Allow"
    actions   = ["iam:PassRole"]
    resources = ["arn:aws:iam::120038763019:role/dataplatform-stg-ecs-parking"]
    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_user_policy" "whydenied_deployer_policy_parking_airflow_user" {
  name   = "whydenied-deployer-fix-c9c44e90"
  user   = "parking-airflow-user"
  policy = data.aws_iam_policy_document.whydenied_deployer_policy_parking_airflow_user.json
}
