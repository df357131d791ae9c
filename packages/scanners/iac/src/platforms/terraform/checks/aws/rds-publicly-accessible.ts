import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { TF_DOCS, awsMeta, forbidTrue, ofTypes } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-rds-publicly-accessible',
    title: 'RDS database instance is publicly accessible',
    severity: 'high',
    cwe: ['CWE-284'],
    service: 'rds',
    owasp: 'A01:2021',
    description:
      '`publicly_accessible = true` gives the database instance a public DNS name and IP address, so anyone can reach its port whenever a security group or network ACL allows it, and attackers only need a password. Checked on `aws_db_instance` and Aurora `aws_rds_cluster_instance`; the default (`false`) is fine.',
    help: {
      bad: `resource "aws_db_instance" "app" {
  identifier                  = "app"
  engine                      = "postgres"
  instance_class              = "db.t4g.micro"
  allocated_storage           = 20
  username                    = "app"
  manage_master_user_password = true
  storage_encrypted           = true
  publicly_accessible         = true
}
`,
      good: `resource "aws_db_instance" "app" {
  identifier                  = "app"
  engine                      = "postgres"
  instance_class              = "db.t4g.micro"
  allocated_storage           = 20
  username                    = "app"
  manage_master_user_password = true
  storage_encrypted           = true
  publicly_accessible         = false
}
`,
      fix: 'Set `publicly_accessible = false`, place the database in private subnets and reach it through the application, a VPN or Session Manager port forwarding.',
    },
    references: [
      'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Hiding',
      `${TF_DOCS}db_instance#publicly_accessible`,
    ],
    checkov: ['CKV_AWS_17'],
    precision: 'high',
  }),
  check(project, report) {
    for (const db of ofTypes(project, 'aws_db_instance', 'aws_rds_cluster_instance'))
      forbidTrue(report, db, db.block, 'publicly_accessible');
  },
};
