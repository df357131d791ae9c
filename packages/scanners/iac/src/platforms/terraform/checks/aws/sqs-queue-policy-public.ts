import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { awsMeta, emit, isPublicStatement, ofTypes, once, policyOf, TF_DOCS } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-sqs-queue-policy-public',
    title: 'SQS queue policy allows any principal',
    severity: 'high',
    cwe: ['CWE-732'],
    service: 'sqs',
    owasp: 'A01:2021',
    description:
      'A queue policy statement that allows `Principal = "*"` without a condition that limits the caller (for example `aws:SourceArn` for an SNS topic or S3 bucket, `aws:SourceAccount`, `aws:PrincipalOrgID`) lets any AWS account send, read or delete messages. Read from `aws_sqs_queue_policy` and the `policy` argument of `aws_sqs_queue`, as JSON, `jsonencode(...)` or `aws_iam_policy_document`.',
    help: {
      bad: `resource "aws_sqs_queue_policy" "events" {
  queue_url = "https://sqs.eu-west-1.amazonaws.com/111122223333/jobs"
  policy    = jsonencode({
    Version   = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "sqs:SendMessage"
      Resource  = "arn:aws:sqs:eu-west-1:111122223333:jobs"
    }]
  })
}
`,
      good: `resource "aws_sqs_queue_policy" "events" {
  queue_url = "https://sqs.eu-west-1.amazonaws.com/111122223333/jobs"
  policy    = jsonencode({
    Version   = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "sqs:SendMessage"
      Resource  = "arn:aws:sqs:eu-west-1:111122223333:jobs"
      Condition = { ArnEquals = { "aws:SourceArn" = "arn:aws:sns:eu-west-1:111122223333:events" } }
    }]
  })
}
`,
      fix: 'Name the principals, or add an `aws:SourceArn` / `aws:SourceAccount` / `aws:PrincipalOrgID` condition to wildcard statements.',
    },
    references: [
      'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-basic-examples-of-sqs-policies.html',
      `${TF_DOCS}sqs_queue_policy`,
    ],
    checkov: ['CKV_AWS_168'],
    precision: 'high',
  }),
  check(project, report) {
    const emitOnce = once(report);
    for (const owner of [...ofTypes(project, 'aws_sqs_queue_policy'), ...ofTypes(project, 'aws_sqs_queue')]) {
      for (const statement of policyOf(project, owner, owner.block.attributes.policy).statements) {
        if (isPublicStatement(statement)) emit(emitOnce, owner.address, statement.at.principal);
      }
    }
  },
};
