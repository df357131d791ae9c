import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { block } from '../../query.js';
import { atResource, awsMeta, emit, linked, ofTypes, TF_DOCS } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-secretsmanager-rotation-disabled',
    title: 'Secrets Manager secret is not rotated automatically',
    severity: 'low',
    cwe: ['CWE-324'],
    service: 'secretsmanager',
    owasp: 'A07:2021',
    description:
      'A secret that is never rotated stays valid for as long as it has leaked. A secret is rotated when an `aws_secretsmanager_secret_rotation` refers to it (or, with old providers, the inline `rotation_rules` block is set). Secrets managed by another service (`RDS`-managed master passwords) do not appear as `aws_secretsmanager_secret` and are not concerned; a rotation whose secret cannot be resolved keeps the rule silent.',
    help: {
      bad: `resource "aws_secretsmanager_secret" "db" {
  name = "app/db"
}
`,
      good: `resource "aws_secretsmanager_secret" "db" {
  name = "app/db"
}

resource "aws_secretsmanager_secret_rotation" "db" {
  secret_id           = aws_secretsmanager_secret.db.id
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:111122223333:function:rotate-db"

  rotation_rules {
    automatically_after_days = 30
  }
}
`,
      fix: 'Add an `aws_secretsmanager_secret_rotation` with a rotation function and `rotation_rules`.',
    },
    references: [
      'https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html',
      `${TF_DOCS}secretsmanager_secret_rotation`,
    ],
    checkov: ['CKV2_AWS_57'],
    precision: 'medium',
  }),
  check(project, report) {
    for (const secret of ofTypes(project, 'aws_secretsmanager_secret')) {
      if (block(secret.block, 'rotation_rules')) continue;
      const rotation = linked(project, secret, 'aws_secretsmanager_secret_rotation', 'secret_id', 'name');
      if (rotation.resources.length === 0 && !rotation.maybe)
        emit(report, secret.address, atResource(secret));
    }
  },
};
