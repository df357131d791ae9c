import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { awsMeta, forbidTrue, ofTypes, TF_DOCS } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-redshift-publicly-accessible',
    title: 'Redshift cluster is publicly accessible',
    severity: 'high',
    cwe: ['CWE-284'],
    service: 'redshift',
    owasp: 'A01:2021',
    description:
      '`publicly_accessible = true` gives the cluster a public IP address, so the data warehouse is one permissive security group rule away from the internet. Older AWS provider versions defaulted to `true`; only an explicit `true` is flagged here, since current versions and the AWS API default to private clusters.',
    help: {
      bad: `resource "aws_redshift_cluster" "dwh" {
  cluster_identifier     = "dwh"
  node_type              = "ra3.xlplus"
  master_username        = "admin_user"
  manage_master_password = true
  encrypted              = true
  publicly_accessible    = true
}
`,
      good: `resource "aws_redshift_cluster" "dwh" {
  cluster_identifier     = "dwh"
  node_type              = "ra3.xlplus"
  master_username        = "admin_user"
  manage_master_password = true
  encrypted              = true
  publicly_accessible    = false
}
`,
      fix: 'Set `publicly_accessible = false` and reach the cluster from inside the VPC.',
    },
    references: [
      'https://docs.aws.amazon.com/redshift/latest/mgmt/managing-clusters-vpc.html',
      `${TF_DOCS}redshift_cluster#publicly_accessible`,
    ],
    checkov: ['CKV_AWS_87'],
    precision: 'high',
  }),
  check(project, report) {
    for (const cluster of ofTypes(project, 'aws_redshift_cluster'))
      forbidTrue(report, cluster, cluster.block, 'publicly_accessible');
  },
};
