import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { atAttr, atResource, awsMeta, emit, ofTypes, strings, TF_DOCS } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-iam-policy-attached-to-user',
    title: 'IAM policy is attached directly to a user',
    severity: 'low',
    cwe: ['CWE-269'],
    service: 'iam',
    owasp: 'A01:2021',
    description:
      'Permissions attached to individual users (`aws_iam_user_policy`, `aws_iam_user_policy_attachment`, `users` of `aws_iam_policy_attachment`) are hard to review and tend to outlive the need for them. Granting permissions through groups or roles keeps access consistent and easy to revoke; long-lived IAM users are best replaced by IAM Identity Center or roles altogether.',
    help: {
      bad: `resource "aws_iam_user_policy_attachment" "alice_read" {
  user       = "alice"
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
`,
      good: `resource "aws_iam_group_policy_attachment" "readers" {
  group      = "readers"
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
`,
      fix: 'Attach the policy to a group (and add the user to it) or to a role the user assumes.',
    },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#use-groups-for-permissions',
      `${TF_DOCS}iam_user_policy_attachment`,
    ],
    checkov: ['CKV_AWS_40'],
    precision: 'high',
  }),
  check(project, report) {
    for (const resource of [
      ...ofTypes(project, 'aws_iam_user_policy'),
      ...ofTypes(project, 'aws_iam_user_policy_attachment'),
    ])
      emit(report, resource.address, atResource(resource));
    for (const resource of ofTypes(project, 'aws_iam_policy_attachment')) {
      const users = resource.block.attributes.users;
      if (users && strings(users.value).values.length > 0) emit(report, resource.address, atAttr(users));
    }
  },
};
