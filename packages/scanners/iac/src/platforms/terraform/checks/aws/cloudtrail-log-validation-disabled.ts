import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { awsMeta, ofTypes, requireTrue, TF_DOCS } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-cloudtrail-log-validation-disabled',
    title: 'CloudTrail log file validation is not enabled',
    severity: 'low',
    cwe: ['CWE-354'],
    service: 'cloudtrail',
    owasp: 'A09:2021',
    description:
      'Log file integrity validation writes signed digest files, so tampering with or deleting delivered CloudTrail logs can be proven. `enable_log_file_validation` defaults to `false`.',
    help: {
      bad: `resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = "example-cloudtrail"
}
`,
      good: `resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = "example-cloudtrail"
  enable_log_file_validation = true
}
`,
      fix: 'Set `enable_log_file_validation = true`.',
    },
    references: [
      'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/best-practices-security.html',
      `${TF_DOCS}cloudtrail`,
    ],
    checkov: ['CKV_AWS_36'],
    precision: 'high',
  }),
  check(project, report) {
    for (const trail of ofTypes(project, 'aws_cloudtrail'))
      requireTrue(report, trail, trail.block, 'enable_log_file_validation');
  },
};
