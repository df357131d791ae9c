import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { awsMeta, ofTypes, requireTrue, TF_DOCS } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-cloudtrail-not-multi-region',
    title: 'CloudTrail trail does not cover all regions',
    severity: 'medium',
    cwe: ['CWE-778'],
    service: 'cloudtrail',
    owasp: 'A09:2021',
    description:
      'A single-region trail misses API activity in every other region, which is exactly where an intruder creates resources to stay unnoticed. `is_multi_region_trail` defaults to `false`.',
    help: {
      bad: `resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = "example-cloudtrail"
}
`,
      good: `resource "aws_cloudtrail" "main" {
  name                  = "main"
  s3_bucket_name        = "example-cloudtrail"
  is_multi_region_trail = true
}
`,
      fix: 'Set `is_multi_region_trail = true` (and `include_global_service_events = true`).',
    },
    references: [
      'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/best-practices-security.html',
      `${TF_DOCS}cloudtrail`,
    ],
    checkov: ['CKV_AWS_67'],
    precision: 'high',
  }),
  check(project, report) {
    for (const trail of ofTypes(project, 'aws_cloudtrail'))
      requireTrue(report, trail, trail.block, 'is_multi_region_trail');
  },
};
