import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { awsMeta, ofTypes, requirePresent, TF_DOCS } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-cloudtrail-not-kms-encrypted',
    title: 'CloudTrail logs are not encrypted with a KMS key',
    severity: 'low',
    cwe: ['CWE-311'],
    service: 'cloudtrail',
    owasp: 'A02:2021',
    description:
      'CloudTrail logs are encrypted with S3-managed keys by default. A KMS key (`kms_key_id`) adds a separate permission for reading the logs, so read access to the bucket alone no longer reveals the account activity history.',
    help: {
      bad: `resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = "example-cloudtrail"
}
`,
      good: `resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = "example-cloudtrail"
  kms_key_id     = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}
`,
      fix: 'Set `kms_key_id` to a customer managed KMS key whose policy allows CloudTrail to encrypt.',
    },
    references: [
      'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/best-practices-security.html',
      `${TF_DOCS}cloudtrail`,
    ],
    checkov: ['CKV_AWS_35'],
    precision: 'high',
  }),
  check(project, report) {
    for (const trail of ofTypes(project, 'aws_cloudtrail'))
      requirePresent(report, trail, trail.block, 'kms_key_id');
  },
};
