import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { awsMeta, ofTypes, requirePresent, TF_DOCS } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-cloudtrail-no-cloudwatch-logs',
    title: 'CloudTrail trail does not send events to CloudWatch Logs',
    severity: 'low',
    cwe: ['CWE-778'],
    service: 'cloudtrail',
    owasp: 'A09:2021',
    description:
      'Without `cloud_watch_logs_group_arn`, trail events only land in S3 and cannot drive CloudWatch metric filters and alarms (root login, IAM policy changes, console sign-in failures) that CIS AWS Foundations recommends.',
    help: {
      bad: `resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = "example-cloudtrail"
}
`,
      good: `resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = "example-cloudtrail"
  cloud_watch_logs_group_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:cloudtrail:*"
  cloud_watch_logs_role_arn  = "arn:aws:iam::111122223333:role/cloudtrail-to-cloudwatch"
}
`,
      fix: 'Set `cloud_watch_logs_group_arn` and `cloud_watch_logs_role_arn` to deliver the trail to a log group, and add metric filters with alarms.',
    },
    references: [
      'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/best-practices-security.html',
      `${TF_DOCS}cloudtrail`,
    ],
    checkov: ['CKV2_AWS_10'],
    precision: 'high',
  }),
  check(project, report) {
    for (const trail of ofTypes(project, 'aws_cloudtrail'))
      requirePresent(report, trail, trail.block, 'cloud_watch_logs_group_arn');
  },
};
