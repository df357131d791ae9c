import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { TF_DOCS, awsMeta, ofTypes, requireTrue } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-rds-deletion-protection-disabled',
    title: 'RDS deletion protection is not enabled',
    severity: 'low',
    cwe: ['CWE-693'],
    service: 'rds',
    description:
      'With `deletion_protection` off (the default), a `terraform destroy`, a renamed resource or a compromised credential can delete the database in one call. Checked on `aws_db_instance` and `aws_rds_cluster`.',
    help: {
      bad: `resource "aws_rds_cluster" "orders" {
  cluster_identifier          = "orders"
  engine                      = "aurora-mysql"
  master_username             = "app"
  manage_master_user_password = true
  storage_encrypted           = true
}
`,
      good: `resource "aws_rds_cluster" "orders" {
  cluster_identifier          = "orders"
  engine                      = "aurora-mysql"
  master_username             = "app"
  manage_master_user_password = true
  storage_encrypted           = true
  deletion_protection         = true
}
`,
      fix: 'Set `deletion_protection = true` for production databases.',
    },
    references: [
      'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeleteInstance.DeletionProtection',
      `${TF_DOCS}rds_cluster#deletion_protection`,
    ],
    checkov: ['CKV_AWS_293', 'CKV_AWS_139'],
    precision: 'medium',
  }),
  check(project, report) {
    for (const db of ofTypes(project, 'aws_db_instance', 'aws_rds_cluster'))
      requireTrue(report, db, db.block, 'deletion_protection');
  },
};
