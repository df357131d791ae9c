import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { atAttr, awsMeta, emit, ofTypes, TF_DOCS } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-redshift-not-encrypted',
    title: 'Redshift cluster encryption is turned off',
    severity: 'medium',
    cwe: ['CWE-311'],
    service: 'redshift',
    owasp: 'A02:2021',
    description:
      '`encrypted = false` stores the data warehouse, its backups and snapshots unencrypted. Since January 2025 Redshift encrypts new provisioned clusters by default (and AWS provider v6 defaults `encrypted` to `true`), so only an explicit `false` is flagged.',
    help: {
      bad: `resource "aws_redshift_cluster" "dwh" {
  cluster_identifier     = "dwh"
  node_type              = "ra3.xlplus"
  master_username        = "admin_user"
  manage_master_password = true
  encrypted              = false
}
`,
      good: `resource "aws_redshift_cluster" "dwh" {
  cluster_identifier     = "dwh"
  node_type              = "ra3.xlplus"
  master_username        = "admin_user"
  manage_master_password = true
  encrypted              = true
  kms_key_id             = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}
`,
      fix: 'Set `encrypted = true` (with `kms_key_id` for a customer managed key).',
    },
    references: [
      'https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html',
      `${TF_DOCS}redshift_cluster#encrypted`,
    ],
    checkov: ['CKV_AWS_64'],
    precision: 'high',
  }),
  check(project, report) {
    for (const cluster of ofTypes(project, 'aws_redshift_cluster')) {
      const encrypted = cluster.block.attributes.encrypted;
      if (encrypted && (encrypted.value === false || encrypted.value === 'false'))
        emit(report, cluster.address, atAttr(encrypted));
    }
  },
};
