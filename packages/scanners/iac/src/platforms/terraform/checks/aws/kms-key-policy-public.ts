import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { awsMeta, emit, isPublicStatement, ofTypes, once, policyOf, TF_DOCS } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-kms-key-policy-public',
    title: 'KMS key policy allows any principal',
    severity: 'high',
    cwe: ['CWE-732'],
    service: 'kms',
    owasp: 'A01:2021',
    description:
      'A key policy statement that allows `Principal = "*"` (or `{"AWS": "*"}`) without a condition such as `kms:CallerAccount`, `kms:ViaService` or `aws:PrincipalOrgID` lets identities in any AWS account use or manage the key, and so decrypt everything it protects. Read from `aws_kms_key.policy` and `aws_kms_key_policy`, as JSON, `jsonencode(...)` or `aws_iam_policy_document`.',
    help: {
      bad: `resource "aws_kms_key" "data" {
  description         = "application data"
  enable_key_rotation = true
  policy              = jsonencode({
    Version   = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}
`,
      good: `resource "aws_kms_key" "data" {
  description         = "application data"
  enable_key_rotation = true
  policy              = jsonencode({
    Version   = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}
`,
      fix: 'Name the account root or specific roles as principals, or add a `kms:CallerAccount` / `aws:PrincipalOrgID` condition to wildcard statements.',
    },
    references: [
      'https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html',
      `${TF_DOCS}kms_key#policy`,
    ],
    checkov: ['CKV_AWS_33'],
    precision: 'high',
  }),
  check(project, report) {
    const emitOnce = once(report);
    for (const owner of [...ofTypes(project, 'aws_kms_key'), ...ofTypes(project, 'aws_kms_key_policy')]) {
      for (const statement of policyOf(project, owner, owner.block.attributes.policy).statements) {
        if (isPublicStatement(statement)) emit(emitOnce, owner.address, statement.at.principal);
      }
    }
  },
};
