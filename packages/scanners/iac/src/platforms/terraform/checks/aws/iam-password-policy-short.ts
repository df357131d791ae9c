import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { atAttr, atResource, awsMeta, emit, num, ofTypes, TF_DOCS } from './support.js';

const MINIMUM = 14;

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-iam-password-policy-short',
    title: 'IAM password policy allows passwords shorter than 14 characters',
    severity: 'medium',
    cwe: ['CWE-521'],
    service: 'iam',
    owasp: 'A07:2021',
    description:
      'Length is what makes a password hard to guess. `aws_iam_account_password_policy` defaults `minimum_password_length` to 6 characters; CIS AWS Foundations asks for at least 14.',
    help: {
      bad: `resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length   = 8
  password_reuse_prevention = 24
}
`,
      good: `resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length   = 14
  password_reuse_prevention = 24
}
`,
      fix: 'Set `minimum_password_length = 14` or more; prefer IAM Identity Center with MFA over IAM user passwords.',
    },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html',
      `${TF_DOCS}iam_account_password_policy`,
    ],
    checkov: ['CKV_AWS_10'],
    precision: 'high',
  }),
  check(project, report) {
    for (const policy of ofTypes(project, 'aws_iam_account_password_policy')) {
      const attribute = policy.block.attributes.minimum_password_length;
      if (!attribute) {
        emit(
          report,
          policy.address,
          atResource(policy),
          'IAM password policy does not set minimum_password_length (defaults to 6)',
        );
        continue;
      }
      const length = num(attribute.value);
      if (length !== undefined && length < MINIMUM) emit(report, policy.address, atAttr(attribute));
    }
  },
};
