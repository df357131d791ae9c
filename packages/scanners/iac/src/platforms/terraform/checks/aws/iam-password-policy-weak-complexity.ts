import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { isFalse } from '../../query.js';
import { atAttr, atResource, awsMeta, emit, ofTypes, TF_DOCS, type Where } from './support.js';

const REQUIREMENTS = [
  'require_lowercase_characters',
  'require_uppercase_characters',
  'require_numbers',
  'require_symbols',
];

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-iam-password-policy-weak-complexity',
    title: 'IAM password policy does not require character classes',
    severity: 'low',
    cwe: ['CWE-521'],
    service: 'iam',
    owasp: 'A07:2021',
    description:
      'CIS AWS Foundations (v1.x) asks the IAM password policy to require lowercase and uppercase letters, numbers and symbols; each `require_*` setting of `aws_iam_account_password_policy` defaults to `false`. Length matters more than composition (see `iac/aws-iam-password-policy-short`), hence the low severity. One finding per policy: on the first setting written as `false`, else on the resource.',
    help: {
      bad: `resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length = 14
  require_symbols         = false
}
`,
      good: `resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length      = 14
  require_lowercase_characters = true
  require_uppercase_characters = true
  require_numbers              = true
  require_symbols              = true
}
`,
      fix: 'Set `require_lowercase_characters`, `require_uppercase_characters`, `require_numbers` and `require_symbols` to `true`.',
    },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html',
      `${TF_DOCS}iam_account_password_policy`,
    ],
    checkov: ['CKV_AWS_11', 'CKV_AWS_12', 'CKV_AWS_14', 'CKV_AWS_15'],
    precision: 'high',
  }),
  check(project, report) {
    for (const policy of ofTypes(project, 'aws_iam_account_password_policy')) {
      const missing: string[] = [];
      let where: Where | undefined;
      for (const name of REQUIREMENTS) {
        const attribute = policy.block.attributes[name];
        if (!attribute) missing.push(name);
        else if (isFalse(attribute.value)) {
          missing.push(name);
          where ??= atAttr(attribute);
        }
      }
      if (missing.length === 0) continue;
      emit(
        report,
        policy.address,
        where ?? atResource(policy),
        `IAM password policy does not set ${missing.join(', ')}`,
      );
    }
  },
};
