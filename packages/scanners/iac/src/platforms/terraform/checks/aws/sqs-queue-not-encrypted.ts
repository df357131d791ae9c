import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { atAttr, awsMeta, emit, ofTypes, TF_DOCS } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-sqs-queue-not-encrypted',
    title: 'SQS queue encryption is turned off',
    severity: 'low',
    cwe: ['CWE-311'],
    service: 'sqs',
    owasp: 'A02:2021',
    description:
      'New SQS queues are encrypted with SQS-managed keys (SSE-SQS) by default; `sqs_managed_sse_enabled = false` without a `kms_master_key_id` turns server-side encryption off, so messages are stored unencrypted.',
    help: {
      bad: `resource "aws_sqs_queue" "jobs" {
  name                    = "jobs"
  sqs_managed_sse_enabled = false
}
`,
      good: `resource "aws_sqs_queue" "jobs" {
  name                    = "jobs"
  sqs_managed_sse_enabled = true
}
`,
      fix: 'Remove `sqs_managed_sse_enabled = false`, or set `kms_master_key_id` to use a KMS key.',
    },
    references: [
      'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html',
      `${TF_DOCS}sqs_queue#sqs_managed_sse_enabled`,
    ],
    checkov: ['CKV_AWS_27'],
    precision: 'high',
  }),
  check(project, report) {
    for (const queue of ofTypes(project, 'aws_sqs_queue')) {
      const kms = queue.block.attributes.kms_master_key_id;
      if (kms && kms.value !== null) continue;
      const sse = queue.block.attributes.sqs_managed_sse_enabled;
      if (sse && (sse.value === false || sse.value === 'false')) emit(report, queue.address, atAttr(sse));
    }
  },
};
