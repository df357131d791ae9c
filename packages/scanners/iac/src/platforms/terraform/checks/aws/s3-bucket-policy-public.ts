import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import {
  awsMeta,
  emit,
  isPublicStatement,
  ofTypes,
  once,
  policyOf,
  publicAccessBlocked,
  TF_DOCS,
} from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-s3-bucket-policy-public',
    title: 'S3 bucket policy allows access to anyone',
    severity: 'high',
    cwe: ['CWE-732'],
    service: 's3',
    owasp: 'A01:2021',
    description:
      'A bucket policy statement with `Effect = "Allow"` and `Principal = "*"` (or `{"AWS": "*"}`) and no condition that limits the caller (source VPC endpoint, organization, account, IP range, ...) lets anyone on the internet perform its actions. Policies are read from `aws_s3_bucket_policy` and the legacy `policy` argument, written as JSON, `jsonencode(...)` or an `aws_iam_policy_document` data source. A bucket whose Block Public Access sets `block_public_policy` or `restrict_public_buckets` is not flagged.',
    help: {
      bad: `resource "aws_s3_bucket_policy" "site" {
  bucket = "example-site"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::example-site/*"
    }]
  })
}
`,
      good: `resource "aws_s3_bucket_policy" "site" {
  bucket = "example-site"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "cloudfront.amazonaws.com" }
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::example-site/*"
      Condition = {
        StringEquals = { "AWS:SourceArn" = "arn:aws:cloudfront::111122223333:distribution/EDFDVBD6EXAMPLE" }
      }
    }]
  })
}
`,
      fix: 'Grant access to specific principals, or add a condition such as `aws:SourceArn`, `aws:SourceVpce` or `aws:PrincipalOrgID`; serve public files through CloudFront with origin access control.',
    },
    references: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status',
      `${TF_DOCS}s3_bucket_policy`,
    ],
    checkov: ['CKV_AWS_70'],
    precision: 'high',
  }),
  check(project, report) {
    const emitOnce = once(report);
    for (const owner of [...ofTypes(project, 'aws_s3_bucket_policy'), ...ofTypes(project, 'aws_s3_bucket')]) {
      const policy = owner.block.attributes.policy;
      if (!policy) continue;
      if (publicAccessBlocked(project, owner, 'block_public_policy')) continue;
      if (publicAccessBlocked(project, owner, 'restrict_public_buckets')) continue;
      for (const statement of policyOf(project, owner, policy).statements) {
        if (isPublicStatement(statement)) emit(emitOnce, owner.address, statement.at.principal);
      }
    }
  },
};
