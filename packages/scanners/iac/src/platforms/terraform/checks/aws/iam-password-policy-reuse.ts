import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { atAttr, atResource, awsMeta, emit, num, ofTypes, TF_DOCS } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-iam-password-policy-reuse',
    title: 'IAM password policy allows password reuse',
    severity: 'low',
    cwe: ['CWE-521'],
    service: 'iam',
    owasp: 'A07:2021',
    description:
      'Without `password_reuse_prevention`, users can cycle back to a password that has already leaked. CIS AWS Foundations asks to remember the last 24 passwords (the maximum).',
    help: {
      bad: `resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length = 14
}
`,
      good: `resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length   = 14
  password_reuse_prevention = 24
}
`,
      fix: 'Set `password_reuse_prevention = 24`.',
    },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html',
      `${TF_DOCS}iam_account_password_policy`,
    ],
    checkov: ['CKV_AWS_13'],
    precision: 'high',
  }),
  check(project, report) {
    for (const policy of ofTypes(project, 'aws_iam_account_password_policy')) {
      const attribute = policy.block.attributes.password_reuse_prevention;
      if (!attribute) {
        emit(report, policy.address, atResource(policy));
        continue;
      }
      const remembered = num(attribute.value);
      if (remembered !== undefined && remembered < 24)
        emit(
          report,
          policy.address,
          atAttr(attribute),
          `IAM password policy remembers only ${remembered} previous passwords`,
        );
    }
  },
};
