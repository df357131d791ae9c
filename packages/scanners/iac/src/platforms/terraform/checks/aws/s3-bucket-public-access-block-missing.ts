import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { atResource, awsMeta, emit, linked, ofTypes, TF_DOCS } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-s3-bucket-public-access-block-missing',
    title: 'S3 bucket has no Block Public Access configuration',
    severity: 'low',
    cwe: ['CWE-284'],
    service: 's3',
    owasp: 'A01:2021',
    description:
      'S3 Block Public Access is the guard rail that stops a later ACL or bucket policy change from making the bucket public. Since April 2023 AWS turns it on for new buckets, so a missing `aws_s3_bucket_public_access_block` is a defence-in-depth gap rather than an exposure: the setting is not written in code, so drift or an older bucket goes unnoticed. Not flagged when the project sets `aws_s3_account_public_access_block`, or when a public access block names its bucket through a value that cannot be resolved.',
    help: {
      bad: `resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}
`,
      good: `resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_public_access_block" "data" {
  bucket                  = aws_s3_bucket.data.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
`,
      fix: 'Add an `aws_s3_bucket_public_access_block` for the bucket with all four settings `true` (or an account-level `aws_s3_account_public_access_block`).',
    },
    references: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
      `${TF_DOCS}s3_bucket_public_access_block`,
    ],
    checkov: ['CKV2_AWS_6'],
    precision: 'medium',
  }),
  check(project, report) {
    if (ofTypes(project, 'aws_s3_account_public_access_block').length > 0) return;
    for (const bucket of ofTypes(project, 'aws_s3_bucket')) {
      const blocks = linked(project, bucket, 'aws_s3_bucket_public_access_block', 'bucket', 'bucket');
      if (blocks.resources.length > 0 || blocks.maybe) continue;
      emit(report, bucket.address, atResource(bucket));
    }
  },
};
