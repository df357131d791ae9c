import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import {
  atAttr,
  atResource,
  awsMeta,
  emit,
  linked,
  ofTypes,
  policyOf,
  TF_DOCS,
  type Where,
} from './support.js';

const TLS_KEYS = new Set(['aws:securetransport', 's3:tlsversion']);

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-s3-bucket-tls-not-enforced',
    title: 'S3 bucket policy does not require TLS',
    severity: 'low',
    cwe: ['CWE-319'],
    service: 's3',
    owasp: 'A02:2021',
    description:
      'S3 accepts plain HTTP requests unless the bucket policy denies them. A statement that denies requests where `aws:SecureTransport` is `false` (or that tests `s3:TlsVersion`) makes every client use TLS. The bucket is judged by all its policies (`aws_s3_bucket_policy` and the legacy `policy` argument); a policy that cannot be read, or one attached through an unresolved reference, keeps the rule silent.',
    help: {
      bad: `resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}
`,
      good: `resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_policy" "data" {
  bucket = aws_s3_bucket.data.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = ["arn:aws:s3:::example-data", "arn:aws:s3:::example-data/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}
`,
      fix: 'Add a bucket policy statement that denies `s3:*` when `aws:SecureTransport` is `false`.',
    },
    references: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html#transit',
      `${TF_DOCS}s3_bucket_policy`,
    ],
    checkov: ['CKV_AWS_379'],
    precision: 'medium',
  }),
  check(project, report) {
    for (const bucket of ofTypes(project, 'aws_s3_bucket')) {
      const policies = linked(project, bucket, 'aws_s3_bucket_policy', 'bucket', 'bucket');
      if (policies.maybe) continue;
      const owners = [bucket, ...policies.resources];
      let unknown = false;
      let enforced = false;
      let where: Where | undefined;
      for (const owner of owners) {
        const attribute = owner.block.attributes.policy;
        if (!attribute) continue;
        where ??= atAttr(attribute);
        const docs = policyOf(project, owner, attribute);
        unknown ||= docs.unknown;
        enforced ||= docs.statements.some(
          (s) => s.conditions === undefined || s.conditions.some((c) => TLS_KEYS.has(c.key)),
        );
      }
      if (unknown || enforced) continue;
      emit(report, bucket.address, where ?? atResource(bucket));
    }
  },
};
