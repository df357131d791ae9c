import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { awsMeta, ofTypes, requirePresent, TF_DOCS } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-sns-topic-not-encrypted',
    title: 'SNS topic is not encrypted',
    severity: 'low',
    cwe: ['CWE-311'],
    service: 'sns',
    owasp: 'A02:2021',
    description:
      'SNS stores messages unencrypted at rest until they are delivered unless the topic has a KMS key (`kms_master_key_id`, for example `alias/aws/sns`). Worth it for topics that carry personal or business data.',
    help: {
      bad: `resource "aws_sns_topic" "orders" {
  name = "orders"
}
`,
      good: `resource "aws_sns_topic" "orders" {
  name              = "orders"
  kms_master_key_id = "alias/aws/sns"
}
`,
      fix: 'Set `kms_master_key_id` to `alias/aws/sns` or a customer managed key that allows the publishers.',
    },
    references: [
      'https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html',
      `${TF_DOCS}sns_topic#kms_master_key_id`,
    ],
    checkov: ['CKV_AWS_26'],
    precision: 'high',
  }),
  check(project, report) {
    for (const topic of ofTypes(project, 'aws_sns_topic'))
      requirePresent(report, topic, topic.block, 'kms_master_key_id');
  },
};
