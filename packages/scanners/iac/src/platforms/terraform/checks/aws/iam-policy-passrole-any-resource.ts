import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import {
  TF_DOCS,
  actionMatches,
  allowsOnAnyResource,
  awsMeta,
  emit,
  identityStatements,
  isStarAction,
  once,
} from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-iam-policy-passrole-any-resource',
    title: 'IAM policy allows iam:PassRole on any role',
    severity: 'high',
    cwe: ['CWE-269'],
    service: 'iam',
    owasp: 'A01:2021',
    description:
      '`iam:PassRole` on `Resource = "*"` lets the holder hand any role in the account, including administrator roles, to a service they control (a Lambda function, an EC2 instance, a Glue job) and then act with that role: a classic privilege escalation path. Statements whose actions are `*` or `iam:*` are reported by `iac/aws-iam-policy-admin` and `iac/aws-iam-policy-service-wildcard` instead.',
    help: {
      bad: `data "aws_iam_policy_document" "ci" {
  statement {
    actions   = ["lambda:UpdateFunctionConfiguration", "iam:PassRole"]
    resources = ["*"]
  }
}
`,
      good: `data "aws_iam_policy_document" "ci" {
  statement {
    actions   = ["lambda:UpdateFunctionConfiguration"]
    resources = ["arn:aws:lambda:eu-west-1:111122223333:function:app"]
  }

  statement {
    actions   = ["iam:PassRole"]
    resources = ["arn:aws:iam::111122223333:role/app-lambda"]

    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["lambda.amazonaws.com"]
    }
  }
}
`,
      fix: 'Limit `iam:PassRole` to the ARNs of the roles the principal must pass, and add an `iam:PassedToService` condition.',
    },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html',
      `${TF_DOCS}iam_policy`,
    ],
    precision: 'high',
  }),
  check(project, report) {
    const emitOnce = once(report);
    for (const statement of identityStatements(project)) {
      if (statement.notActions || !allowsOnAnyResource(statement)) continue;
      const actions = statement.actions?.values ?? [];
      const broad = actions.some((a) => isStarAction(a) || a.trim().toLowerCase() === 'iam:*');
      if (broad || !actions.some((a) => actionMatches(a.trim(), 'iam:PassRole'))) continue;
      emit(emitOnce, statement.owner.address, statement.at.actions);
    }
  },
};
