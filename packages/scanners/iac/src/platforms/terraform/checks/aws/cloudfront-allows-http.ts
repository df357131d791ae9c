import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { atAttr, awsMeta, emit, ofTypes, TF_DOCS } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-cloudfront-allows-http',
    title: 'CloudFront distribution serves content over plain HTTP',
    severity: 'medium',
    cwe: ['CWE-319'],
    service: 'cloudfront',
    owasp: 'A02:2021',
    description:
      '`viewer_protocol_policy = "allow-all"` in the default or an ordered cache behavior lets viewers fetch the content over HTTP, where it can be read and altered in transit (script injection, session theft). Use `redirect-to-https` or `https-only`.',
    help: {
      bad: `resource "aws_cloudfront_distribution" "site" {
  enabled = true

  origin {
    domain_name = "example-site.s3.eu-west-1.amazonaws.com"
    origin_id   = "site"
  }

  default_cache_behavior {
    target_origin_id       = "site"
    viewer_protocol_policy = "allow-all"
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
    acm_certificate_arn      = "arn:aws:acm:us-east-1:111122223333:certificate/9f3e6a9c-2b1d-4c6e-8f0a-1234567890ab"
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }
}
`,
      good: `resource "aws_cloudfront_distribution" "site" {
  enabled = true

  origin {
    domain_name = "example-site.s3.eu-west-1.amazonaws.com"
    origin_id   = "site"
  }

  default_cache_behavior {
    target_origin_id       = "site"
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
    acm_certificate_arn      = "arn:aws:acm:us-east-1:111122223333:certificate/9f3e6a9c-2b1d-4c6e-8f0a-1234567890ab"
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }
}
`,
      fix: 'Set `viewer_protocol_policy = "redirect-to-https"` (or `"https-only"`) in every cache behavior.',
    },
    references: [
      'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-viewers-to-cloudfront.html',
      `${TF_DOCS}cloudfront_distribution#viewer_protocol_policy`,
    ],
    checkov: ['CKV_AWS_34'],
    precision: 'high',
  }),
  check(project, report) {
    for (const distribution of ofTypes(project, 'aws_cloudfront_distribution')) {
      for (const behavior of distribution.block.blocks) {
        if (behavior.type !== 'default_cache_behavior' && behavior.type !== 'ordered_cache_behavior')
          continue;
        const policy = behavior.attributes.viewer_protocol_policy;
        if (policy && policy.value === 'allow-all') emit(report, distribution.address, atAttr(policy));
      }
    }
  },
};
