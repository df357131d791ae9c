import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { awsMeta, ofTypes, requirePresent, TF_DOCS } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-cloudfront-no-waf',
    title: 'CloudFront distribution has no WAF web ACL',
    severity: 'low',
    cwe: ['CWE-693'],
    service: 'cloudfront',
    description:
      'A WAF web ACL (`web_acl_id`) in front of a distribution blocks common exploits (SQL injection, known bad inputs such as Log4Shell), bad bots and request floods at the edge, before they reach the origin. Distributions that serve only static public files may not need one, hence the low severity.',
    help: {
      bad: `resource "aws_cloudfront_distribution" "app" {
  enabled = true

  origin {
    domain_name = "app.example.com"
    origin_id   = "app"
    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  default_cache_behavior {
    target_origin_id       = "app"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    cache_policy_id        = "658327ea-f89d-4fab-a63d-7e88639e58f6"
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    cloudfront_default_certificate = true
  }
}
`,
      good: `resource "aws_cloudfront_distribution" "app" {
  enabled    = true
  web_acl_id = "arn:aws:wafv2:us-east-1:111122223333:global/webacl/app/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"

  origin {
    domain_name = "app.example.com"
    origin_id   = "app"
    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  default_cache_behavior {
    target_origin_id       = "app"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    cache_policy_id        = "658327ea-f89d-4fab-a63d-7e88639e58f6"
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    cloudfront_default_certificate = true
  }
}
`,
      fix: 'Create an `aws_wafv2_web_acl` with scope `CLOUDFRONT` (in us-east-1), for example with the AWS managed rule groups, and set `web_acl_id` to its ARN.',
    },
    references: [
      'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/distribution-web-awswaf.html',
      `${TF_DOCS}cloudfront_distribution#web_acl_id`,
    ],
    checkov: ['CKV_AWS_68'],
    precision: 'medium',
  }),
  check(project, report) {
    for (const distribution of ofTypes(project, 'aws_cloudfront_distribution'))
      requirePresent(report, distribution, distribution.block, 'web_acl_id');
  },
};
