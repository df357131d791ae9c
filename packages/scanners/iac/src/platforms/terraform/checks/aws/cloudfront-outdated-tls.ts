import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { block } from '../../query.js';
import { atAttr, atBlock, awsMeta, emit, known, ofTypes, TF_DOCS } from './support.js';

const OUTDATED = new Set(['SSLv3', 'TLSv1', 'TLSv1_2016', 'TLSv1.1_2016']);

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-cloudfront-outdated-tls',
    title: 'CloudFront distribution accepts TLS versions older than 1.2',
    severity: 'medium',
    cwe: ['CWE-327'],
    service: 'cloudfront',
    owasp: 'A02:2021',
    description:
      'With a custom certificate (`acm_certificate_arn` or `iam_certificate_id`), `viewer_certificate.minimum_protocol_version` defaults to `TLSv1`, so viewers can negotiate SSLv3/TLS 1.0/1.1 (deprecated by RFC 8996, refused by PCI DSS). Distributions on the default `*.cloudfront.net` certificate cannot choose the version and are not flagged.',
    help: {
      bad: `resource "aws_cloudfront_distribution" "site" {
  enabled = true
  aliases = ["www.example.com"]

  origin {
    domain_name = "origin.example.com"
    origin_id   = "site"
    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
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
    minimum_protocol_version = "TLSv1"
  }
}
`,
      good: `resource "aws_cloudfront_distribution" "site" {
  enabled = true
  aliases = ["www.example.com"]

  origin {
    domain_name = "origin.example.com"
    origin_id   = "site"
    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
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
      fix: 'Set `minimum_protocol_version = "TLSv1.2_2021"` (or newer) in `viewer_certificate`.',
    },
    references: [
      'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html',
      `${TF_DOCS}cloudfront_distribution#minimum_protocol_version`,
    ],
    checkov: ['CKV_AWS_174'],
    precision: 'high',
  }),
  check(project, report) {
    for (const distribution of ofTypes(project, 'aws_cloudfront_distribution')) {
      const certificate = block(distribution.block, 'viewer_certificate');
      if (!certificate) continue;
      const defaultCertificate = certificate.attributes.cloudfront_default_certificate?.value;
      if (
        defaultCertificate === true ||
        defaultCertificate === 'true' ||
        (defaultCertificate !== undefined && !known(defaultCertificate))
      )
        continue;
      const version = certificate.attributes.minimum_protocol_version;
      if (!version) {
        emit(
          report,
          distribution.address,
          atBlock(certificate),
          'CloudFront viewer certificate does not set minimum_protocol_version (defaults to TLSv1)',
        );
      } else if (typeof version.value === 'string' && OUTDATED.has(version.value.trim()))
        emit(report, distribution.address, atAttr(version));
    }
  },
};
