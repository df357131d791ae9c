import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { TF_DOCS, allowsOnAnyResource, awsMeta, emit, identityStatements, once } from './support.js';

/** Services where `<service>:*` on every resource amounts to account takeover or mass data access. */
const SENSITIVE = new Set([
  'iam',
  'sts',
  'kms',
  'secretsmanager',
  'ssm',
  'organizations',
  's3',
  'dynamodb',
  'ec2',
  'lambda',
]);

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-iam-policy-service-wildcard',
    title: 'IAM policy allows every action of a sensitive service on all resources',
    severity: 'medium',
    cwe: ['CWE-269'],
    service: 'iam',
    owasp: 'A01:2021',
    description:
      'A statement such as `Action = "iam:*"` or `"kms:*"` with `Resource = "*"` grants every present and future action of the service on every resource: `iam:*` and `sts:*` allow privilege escalation, `kms:*`, `secretsmanager:*`, `ssm:*`, `s3:*` and `dynamodb:*` expose every key, secret and data set, `ec2:*` and `lambda:*` allow running code with any attached role. Statements with `Action = "*"` are reported by `iac/aws-iam-policy-admin`.',
    help: {
      bad: `resource "aws_iam_role_policy" "app" {
  name   = "app"
  role   = "app"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "secretsmanager:*"
      Resource = "*"
    }]
  })
}
`,
      good: `resource "aws_iam_role_policy" "app" {
  name   = "app"
  role   = "app"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "secretsmanager:GetSecretValue"
      Resource = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:app/*"
    }]
  })
}
`,
      fix: 'List the specific actions needed and scope `Resource` to the ARNs the principal works on.',
    },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
      `${TF_DOCS}iam_role_policy`,
    ],
    precision: 'high',
  }),
  check(project, report) {
    const emitOnce = once(report);
    for (const statement of identityStatements(project)) {
      if (statement.notActions || !allowsOnAnyResource(statement)) continue;
      const services = (statement.actions?.values ?? [])
        .map((a) => a.trim().toLowerCase())
        .filter((a) => a.endsWith(':*') && SENSITIVE.has(a.slice(0, -2)));
      if (services.length === 0) continue;
      emit(
        emitOnce,
        statement.owner.address,
        statement.at.actions,
        `IAM policy allows ${services.join(', ')} on all resources`,
      );
    }
  },
};
