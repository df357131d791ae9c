import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { awsMeta, emit, isPublicStatement, ofTypes, once, policyOf, TF_DOCS } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-iam-role-trust-any-principal',
    title: 'IAM role can be assumed by any AWS principal',
    severity: 'critical',
    cwe: ['CWE-284'],
    service: 'iam',
    owasp: 'A01:2021',
    description:
      'A trust policy (`assume_role_policy`) that allows `Principal = {"AWS": "*"}` (or `"*"`) without a condition such as `sts:ExternalId`, `aws:PrincipalOrgID` or `aws:PrincipalAccount` lets an identity in any AWS account assume the role and use its permissions.',
    help: {
      bad: `resource "aws_iam_role" "integration" {
  name               = "integration"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "*" }
    }]
  })
}
`,
      good: `resource "aws_iam_role" "integration" {
  name               = "integration"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::444455556666:root" }
      Condition = { StringEquals = { "sts:ExternalId" = "c0ffee-partner" } }
    }]
  })
}
`,
      fix: 'Name the trusted account or role ARNs in `Principal`, and add `sts:ExternalId` for third parties.',
    },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html',
      `${TF_DOCS}iam_role`,
    ],
    checkov: ['CKV_AWS_60'],
    precision: 'high',
  }),
  check(project, report) {
    const emitOnce = once(report);
    for (const role of ofTypes(project, 'aws_iam_role')) {
      for (const statement of policyOf(project, role, role.block.attributes.assume_role_policy).statements) {
        if (isPublicStatement(statement)) emit(emitOnce, role.address, statement.at.principal);
      }
    }
  },
};
