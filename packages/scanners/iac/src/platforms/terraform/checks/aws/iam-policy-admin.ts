import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import {
  TF_DOCS,
  allowsOnAnyResource,
  awsMeta,
  emit,
  identityStatements,
  isStarAction,
  once,
} from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-iam-policy-admin',
    title: 'IAM policy grants full administrative access',
    severity: 'high',
    cwe: ['CWE-269'],
    service: 'iam',
    owasp: 'A01:2021',
    description:
      'A statement that allows `Action = "*"` on `Resource = "*"` gives its holder every permission in the account, including creating users and keys, so one leaked credential or compromised workload owns the account. Policies are read from `aws_iam_policy`, `aws_iam_role_policy`, `aws_iam_user_policy`, `aws_iam_group_policy`, role `inline_policy` blocks (JSON or `jsonencode(...)`) and `aws_iam_policy_document` data sources that are not used only as resource, trust or organization policies.',
    help: {
      bad: `resource "aws_iam_policy" "deploy" {
  name   = "deploy"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "*"
      Resource = "*"
    }]
  })
}
`,
      good: `resource "aws_iam_policy" "deploy" {
  name   = "deploy"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:PutObject", "s3:GetObject"]
      Resource = "arn:aws:s3:::example-artifacts/*"
    }]
  })
}
`,
      fix: 'Grant only the actions and resources the principal needs; generate a policy from CloudTrail activity with IAM Access Analyzer.',
    },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
      `${TF_DOCS}iam_policy`,
    ],
    checkov: ['CKV_AWS_1', 'CKV_AWS_62'],
    precision: 'high',
  }),
  check(project, report) {
    const emitOnce = once(report);
    for (const statement of identityStatements(project)) {
      if (statement.notActions || !allowsOnAnyResource(statement)) continue;
      if (!statement.actions?.values.some(isStarAction)) continue;
      emit(emitOnce, statement.owner.address, statement.at.actions);
    }
  },
};
