import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { TF_DOCS, awsMeta, lower, ofTypes, requireTrue } from './support.js';

/** Engines that support IAM database authentication. */
function supportsIam(engine: string): boolean {
  return ['mysql', 'mariadb', 'postgres', 'aurora', 'aurora-mysql', 'aurora-postgresql'].includes(engine);
}

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-rds-iam-authentication-disabled',
    title: 'RDS IAM database authentication is not enabled',
    severity: 'low',
    cwe: ['CWE-287'],
    service: 'rds',
    owasp: 'A07:2021',
    description:
      'IAM database authentication replaces long-lived database passwords with 15-minute tokens tied to IAM roles, so access follows IAM and is logged in CloudTrail. Checked on `aws_db_instance` and `aws_rds_cluster` for the engines that support it (MySQL, MariaDB, PostgreSQL and Aurora); unknown engines and read replicas are skipped.',
    help: {
      bad: `resource "aws_db_instance" "app" {
  identifier                  = "app"
  engine                      = "postgres"
  instance_class              = "db.t4g.micro"
  allocated_storage           = 20
  username                    = "app"
  manage_master_user_password = true
  storage_encrypted           = true
}
`,
      good: `resource "aws_db_instance" "app" {
  identifier                          = "app"
  engine                              = "postgres"
  instance_class                      = "db.t4g.micro"
  allocated_storage                   = 20
  username                            = "app"
  manage_master_user_password         = true
  storage_encrypted                   = true
  iam_database_authentication_enabled = true
}
`,
      fix: 'Set `iam_database_authentication_enabled = true` and have applications connect with `rds:GenerateDBAuthToken` tokens.',
    },
    references: [
      'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.html',
      `${TF_DOCS}db_instance#iam_database_authentication_enabled`,
    ],
    checkov: ['CKV_AWS_161', 'CKV_AWS_162'],
    precision: 'medium',
  }),
  check(project, report) {
    for (const db of ofTypes(project, 'aws_db_instance', 'aws_rds_cluster')) {
      const replica = db.block.attributes.replicate_source_db;
      if (replica && replica.value !== null) continue;
      const engine = lower(
        db.block.attributes.engine?.value ?? (db.type === 'aws_rds_cluster' ? 'aurora' : undefined),
      );
      if (engine === undefined || !supportsIam(engine)) continue;
      requireTrue(report, db, db.block, 'iam_database_authentication_enabled');
    }
  },
};
