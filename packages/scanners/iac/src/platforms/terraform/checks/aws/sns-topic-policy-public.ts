import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { awsMeta, emit, isPublicStatement, ofTypes, once, policyOf, TF_DOCS } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-sns-topic-policy-public',
    title: 'SNS topic policy allows any principal',
    severity: 'high',
    cwe: ['CWE-732'],
    service: 'sns',
    owasp: 'A01:2021',
    description:
      'A topic policy statement that allows `Principal = "*"` without a condition that limits the caller (for example `aws:SourceOwner`, `aws:SourceAccount`, `aws:SourceArn` or `aws:PrincipalOrgID`) lets any AWS account publish to or subscribe to the topic. Read from `aws_sns_topic_policy` and the `policy` argument of `aws_sns_topic`, as JSON, `jsonencode(...)` or `aws_iam_policy_document`.',
    help: {
      bad: `resource "aws_sns_topic_policy" "events" {
  arn    = "arn:aws:sns:eu-west-1:111122223333:events"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "sns:Publish"
      Resource  = "arn:aws:sns:eu-west-1:111122223333:events"
    }]
  })
}
`,
      good: `resource "aws_sns_topic_policy" "events" {
  arn    = "arn:aws:sns:eu-west-1:111122223333:events"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "sns:Publish"
      Resource  = "arn:aws:sns:eu-west-1:111122223333:events"
      Condition = { ArnEquals = { "aws:SourceArn" = "arn:aws:s3:::example-uploads" } }
    }]
  })
}
`,
      fix: 'Name the principals, or add an `aws:SourceOwner` / `aws:SourceArn` / `aws:PrincipalOrgID` condition to wildcard statements.',
    },
    references: [
      'https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html',
      `${TF_DOCS}sns_topic_policy`,
    ],
    checkov: ['CKV_AWS_169'],
    precision: 'high',
  }),
  check(project, report) {
    const emitOnce = once(report);
    for (const owner of [...ofTypes(project, 'aws_sns_topic_policy'), ...ofTypes(project, 'aws_sns_topic')]) {
      for (const statement of policyOf(project, owner, owner.block.attributes.policy).statements) {
        if (isPublicStatement(statement)) emit(emitOnce, owner.address, statement.at.principal);
      }
    }
  },
};
