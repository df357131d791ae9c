import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { TF_DOCS, atAttr, awsMeta, emit, num, ofTypes } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-rds-backup-disabled',
    title: 'RDS automated backups are disabled',
    severity: 'medium',
    cwe: ['CWE-693'],
    service: 'rds',
    description:
      '`backup_retention_period = 0` turns off automated backups and point-in-time recovery: a bad migration, a deleted table or ransomware leaves nothing to restore from. Read replicas (`replicate_source_db`) are not flagged, since they are commonly run without their own backups.',
    help: {
      bad: `resource "aws_db_instance" "app" {
  identifier                  = "app"
  engine                      = "mysql"
  instance_class              = "db.t4g.micro"
  allocated_storage           = 20
  username                    = "app"
  manage_master_user_password = true
  storage_encrypted           = true
  backup_retention_period     = 0
}
`,
      good: `resource "aws_db_instance" "app" {
  identifier                  = "app"
  engine                      = "mysql"
  instance_class              = "db.t4g.micro"
  allocated_storage           = 20
  username                    = "app"
  manage_master_user_password = true
  storage_encrypted           = true
  backup_retention_period     = 14
}
`,
      fix: 'Set `backup_retention_period` to 7 days or more (up to 35).',
    },
    references: [
      'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html',
      `${TF_DOCS}db_instance#backup_retention_period`,
    ],
    checkov: ['CKV_AWS_133'],
    precision: 'high',
  }),
  check(project, report) {
    for (const db of ofTypes(project, 'aws_db_instance', 'aws_rds_cluster')) {
      const replica = db.block.attributes.replicate_source_db;
      if (replica && replica.value !== null) continue;
      const retention = db.block.attributes.backup_retention_period;
      if (retention && num(retention.value) === 0) emit(report, db.address, atAttr(retention));
    }
  },
};
