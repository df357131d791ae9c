import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { boolAt, gcpMeta, ofType } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: gcpMeta({
    id: 'iac/gcp-sql-deletion-protection',
    title: 'Cloud SQL instance has deletion protection turned off',
    severity: 'low',
    cwe: ['CWE-693'],
    description:
      '`deletion_protection = false` lets `terraform destroy`, or a change that forces replacement, delete the ' +
      'instance and its backups. The provider protects instances by default; turning it off removes a safety ' +
      'net against accidental data loss.',
    help: {
      bad: 'resource "google_sql_database_instance" "main" {\n  name                = "main"\n  database_version    = "POSTGRES_15"\n  region              = "europe-west1"\n  deletion_protection = false\n\n  settings {\n    tier = "db-custom-2-7680"\n  }\n}\n',
      good: 'resource "google_sql_database_instance" "main" {\n  name             = "main"\n  database_version = "POSTGRES_15"\n  region           = "europe-west1"\n\n  settings {\n    tier                        = "db-custom-2-7680"\n    deletion_protection_enabled = true\n  }\n}\n',
      fix: 'Remove `deletion_protection = false` (the default is `true`), and consider `settings.deletion_protection_enabled = true` to guard against deletion outside Terraform as well.',
    },
    references: [
      'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/sql_database_instance#deletion_protection',
      'https://cloud.google.com/sql/docs/postgres/deletion-protection',
    ],
    tags: ['owasp:A05:2021', 'resilience'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'google_sql_database_instance')) {
      const protection = boolAt(resource.block, 'deletion_protection');
      if (protection.state === false) reportAt(report, resource, protection.found);
    }
  },
};
