import type { IacCheck } from '../../../../check.js';
import type { TfProject, TfResource } from '../../model.js';
import { TF_DOCS, awsMeta, known, lower, ofTypes, requireTrue } from './support.js';

/** Settings whose source decides the encryption (a replica, a snapshot, a global cluster member). */
const INHERITED = [
  'replicate_source_db',
  'snapshot_identifier',
  'replication_source_identifier',
  'global_cluster_identifier',
  's3_import',
  'restore_to_point_in_time',
];

function inherits(resource: TfResource): boolean {
  return (
    INHERITED.some(
      (name) =>
        resource.block.attributes[name] !== undefined && resource.block.attributes[name]?.value !== null,
    ) || resource.block.blocks.some((b) => INHERITED.includes(b.type))
  );
}

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-rds-storage-not-encrypted',
    title: 'RDS storage is not encrypted',
    severity: 'high',
    cwe: ['CWE-311'],
    service: 'rds',
    owasp: 'A02:2021',
    description:
      'RDS and Aurora encrypt storage, automated backups, read replicas and snapshots only when `storage_encrypted = true`; the API default is unencrypted, and encryption cannot be turned on later without a snapshot-and-restore migration. Checked on `aws_db_instance` and `aws_rds_cluster`. Read replicas, restores from snapshots and global cluster members inherit their source\'s encryption and are not flagged; neither is Aurora Serverless v1 (`engine_mode = "serverless"`), which is always encrypted.',
    help: {
      bad: `resource "aws_rds_cluster" "app" {
  cluster_identifier          = "app"
  engine                      = "aurora-postgresql"
  master_username             = "app"
  manage_master_user_password = true
}
`,
      good: `resource "aws_rds_cluster" "app" {
  cluster_identifier          = "app"
  engine                      = "aurora-postgresql"
  master_username             = "app"
  manage_master_user_password = true
  storage_encrypted           = true
  kms_key_id                  = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}
`,
      fix: 'Set `storage_encrypted = true` (with `kms_key_id` for a customer managed key). For an existing database, restore an encrypted copy of a snapshot.',
    },
    references: [
      'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html',
      `${TF_DOCS}db_instance#storage_encrypted`,
    ],
    checkov: ['CKV_AWS_16', 'CKV_AWS_96'],
    precision: 'high',
  }),
  check(project, report) {
    for (const db of ofTypes(project, 'aws_db_instance', 'aws_rds_cluster')) {
      if (inherits(db)) continue;
      const mode = db.block.attributes.engine_mode?.value;
      if (lower(mode) === 'serverless' || (mode !== undefined && !known(mode))) continue;
      requireTrue(report, db, db.block, 'storage_encrypted');
    }
  },
};
