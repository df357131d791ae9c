import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { boolAt, gcpMeta, lookup, ofType } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: gcpMeta({
    id: 'iac/gcp-sql-backups-disabled',
    title: 'Cloud SQL instance has automated backups disabled',
    severity: 'medium',
    cwe: ['CWE-693'],
    description:
      'Without automated backups (`settings.backup_configuration.enabled = true`) a dropped table, a corrupt ' +
      'migration or ransomware cannot be rolled back, and point-in-time recovery is unavailable. Read replicas ' +
      '(`master_instance_name` set) are not reported: they cannot have backups of their own.',
    help: {
      bad: 'resource "google_sql_database_instance" "main" {\n  name             = "main"\n  database_version = "POSTGRES_15"\n  region           = "europe-west1"\n\n  settings {\n    tier = "db-custom-2-7680"\n\n    backup_configuration {\n      enabled = false\n    }\n  }\n}\n',
      good: 'resource "google_sql_database_instance" "main" {\n  name             = "main"\n  database_version = "POSTGRES_15"\n  region           = "europe-west1"\n\n  settings {\n    tier = "db-custom-2-7680"\n\n    backup_configuration {\n      enabled                        = true\n      point_in_time_recovery_enabled = true\n    }\n  }\n}\n',
      fix: 'Set `settings.backup_configuration.enabled = true` (and `point_in_time_recovery_enabled` or `binary_log_enabled` for point-in-time recovery).',
    },
    references: [
      'https://cloud.google.com/sql/docs/postgres/backup-recovery/backups',
      'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/sql_database_instance#backup_configuration',
    ],
    checkov: ['CKV_GCP_14'],
    tags: ['owasp:A05:2021', 'resilience'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'google_sql_database_instance')) {
      const replicaOf = lookup(resource.block, 'master_instance_name');
      if (replicaOf.kind === 'unknown' || (replicaOf.kind === 'value' && replicaOf.value !== null)) continue;
      const enabled = boolAt(resource.block, 'settings.backup_configuration.enabled');
      if (enabled.state === false || enabled.state === 'absent') reportAt(report, resource, enabled.found);
    }
  },
};
