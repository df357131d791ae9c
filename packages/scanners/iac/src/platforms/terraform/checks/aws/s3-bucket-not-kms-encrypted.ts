import type { IacCheck } from '../../../../check.js';
import type { TfBlock, TfProject } from '../../model.js';
import { UNKNOWN } from '../../model.js';
import { block, blocks } from '../../query.js';
import { atAttr, atResource, awsMeta, emit, linked, ofTypes, TF_DOCS, type Where } from './support.js';

/** The `sse_algorithm` settings of the rules of a server-side encryption configuration. */
function algorithms(configuration: TfBlock): { kms: boolean; plain: Where | undefined } {
  let kms = false;
  let plain: Where | undefined;
  for (const rule of blocks(configuration, 'rule')) {
    const defaults = block(rule, 'apply_server_side_encryption_by_default');
    const algorithm = defaults?.attributes.sse_algorithm;
    if (!algorithm) continue;
    if (
      algorithm.value === UNKNOWN ||
      (typeof algorithm.value === 'string' && algorithm.value.startsWith('aws:kms'))
    )
      kms = true;
    else plain ??= atAttr(algorithm);
  }
  return { kms, plain };
}

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-s3-bucket-not-kms-encrypted',
    title: 'S3 bucket is not encrypted with a KMS key',
    severity: 'low',
    cwe: ['CWE-311'],
    service: 's3',
    owasp: 'A02:2021',
    description:
      'Since January 2023 S3 encrypts every new object with S3-managed keys (SSE-S3), so a bucket can no longer be unencrypted and this rule does not report a missing encryption configuration as an exposure. SSE-KMS (`aws:kms` or `aws:kms:dsse`) adds a separate permission on the key, CloudTrail records of key use and the option to revoke access by disabling the key. Both the legacy inline `server_side_encryption_configuration` block and the separate `aws_s3_bucket_server_side_encryption_configuration` resource count.',
    help: {
      bad: `resource "aws_s3_bucket" "records" {
  bucket = "example-records"
}
`,
      good: `resource "aws_s3_bucket" "records" {
  bucket = "example-records"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "records" {
  bucket = aws_s3_bucket.records.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
    bucket_key_enabled = true
  }
}
`,
      fix: 'Configure default encryption with `sse_algorithm = "aws:kms"` and a customer managed key for buckets holding sensitive data.',
    },
    references: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html',
      `${TF_DOCS}s3_bucket_server_side_encryption_configuration`,
    ],
    checkov: ['CKV_AWS_145'],
    precision: 'high',
  }),
  check(project, report) {
    for (const bucket of ofTypes(project, 'aws_s3_bucket')) {
      const inline = block(bucket.block, 'server_side_encryption_configuration');
      const found = inline ? algorithms(inline) : { kms: false, plain: undefined };
      if (found.kms) continue;
      const separate = linked(
        project,
        bucket,
        'aws_s3_bucket_server_side_encryption_configuration',
        'bucket',
        'bucket',
      );
      if (separate.maybe) continue;
      let plain = found.plain;
      let kms = false;
      for (const configuration of separate.resources) {
        const result = algorithms(configuration.block);
        kms ||= result.kms;
        plain ??= result.plain;
      }
      if (kms) continue;
      emit(report, bucket.address, plain ?? atResource(bucket));
    }
  },
};
