import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { isFalse } from '../../query.js';
import { TF_DOCS, atAttr, atResource, awsMeta, emit, ofTypes } from './support.js';

const FLAGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-s3-public-access-block-disabled',
    title: 'S3 Block Public Access setting is turned off',
    severity: 'medium',
    cwe: ['CWE-284'],
    service: 's3',
    owasp: 'A01:2021',
    description:
      'Each of the four S3 Block Public Access settings (`block_public_acls`, `block_public_policy`, `ignore_public_acls`, `restrict_public_buckets`) defaults to `false` in `aws_s3_bucket_public_access_block` and `aws_s3_account_public_access_block`, so a setting that is left out or set to `false` lets a public ACL or bucket policy expose the data. The finding is on the `false` setting, or on the resource when a setting is missing.',
    help: {
      bad: `resource "aws_s3_bucket_public_access_block" "data" {
  bucket                  = "example-data"
  block_public_acls       = true
  block_public_policy     = false
  ignore_public_acls      = true
  restrict_public_buckets = true
}
`,
      good: `resource "aws_s3_bucket_public_access_block" "data" {
  bucket                  = "example-data"
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
`,
      fix: 'Set all four settings to `true`; host public content behind CloudFront instead of opening the bucket.',
    },
    references: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
      `${TF_DOCS}s3_bucket_public_access_block`,
    ],
    checkov: ['CKV_AWS_53', 'CKV_AWS_54', 'CKV_AWS_55', 'CKV_AWS_56'],
    precision: 'high',
  }),
  check(project, report) {
    for (const resource of ofTypes(
      project,
      'aws_s3_bucket_public_access_block',
      'aws_s3_account_public_access_block',
    )) {
      const missing: string[] = [];
      for (const flag of FLAGS) {
        const attribute = resource.block.attributes[flag];
        if (!attribute) missing.push(flag);
        else if (isFalse(attribute.value))
          emit(report, resource.address, atAttr(attribute), `S3 Block Public Access: ${flag} is false`);
      }
      if (missing.length > 0)
        emit(
          report,
          resource.address,
          atResource(resource),
          `S3 Block Public Access: ${missing.join(', ')} not set (defaults to false)`,
        );
    }
  },
};
