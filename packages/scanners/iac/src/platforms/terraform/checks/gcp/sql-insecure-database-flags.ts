import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { gcpMeta, ofType, reportRange, sqlFlags, sqlVersion } from './support.js';

/** Flags that weaken isolation when turned on, by engine prefix of `database_version`. */
const INSECURE_WHEN_ON: Record<string, string[]> = {
  mysql: ['local_infile'],
  sqlserver: ['cross db ownership chaining', 'contained database authentication', 'external scripts enabled'],
};

export const check: IacCheck<TfProject> = {
  meta: gcpMeta({
    id: 'iac/gcp-sql-insecure-database-flags',
    title: 'Cloud SQL database flag turns on an insecure feature',
    severity: 'medium',
    cwe: ['CWE-284'],
    description:
      'Some engine flags widen what a database user can do: MySQL `local_infile` lets the server read client ' +
      'files through `LOAD DATA LOCAL` (abused by rogue servers and SQL injection); SQL Server `cross db ' +
      'ownership chaining` lets a user reach objects in other databases, `contained database authentication` ' +
      'lets users authenticate without a server login, and `external scripts enabled` runs R/Python code on the ' +
      'server. Each is off by default.',
    help: {
      bad: 'resource "google_sql_database_instance" "main" {\n  name             = "main"\n  database_version = "MYSQL_8_0"\n  region           = "europe-west1"\n\n  settings {\n    tier = "db-n1-standard-1"\n\n    database_flags {\n      name  = "local_infile"\n      value = "on"\n    }\n  }\n}\n',
      good: 'resource "google_sql_database_instance" "main" {\n  name             = "main"\n  database_version = "MYSQL_8_0"\n  region           = "europe-west1"\n\n  settings {\n    tier = "db-n1-standard-1"\n\n    database_flags {\n      name  = "local_infile"\n      value = "off"\n    }\n  }\n}\n',
      fix: 'Remove the flag or set it to `off`.',
    },
    references: [
      'https://cloud.google.com/sql/docs/mysql/flags',
      'https://cloud.google.com/sql/docs/sqlserver/flags',
      'https://dev.mysql.com/doc/refman/8.0/en/load-data-local-security.html',
    ],
    checkov: ['CKV_GCP_50', 'CKV_GCP_58', 'CKV_GCP_59'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'google_sql_database_instance')) {
      const version = sqlVersion(resource);
      if (version === undefined) continue;
      const insecure = Object.entries(INSECURE_WHEN_ON).find(([engine]) => version.startsWith(engine))?.[1];
      if (!insecure) continue;
      for (const flag of sqlFlags(resource).flags) {
        if (
          insecure.includes(flag.name) &&
          (flag.value === 'on' || flag.value === 'true' || flag.value === '1')
        )
          reportRange(report, resource, flag.range, flag.path, `Database flag "${flag.name}" is on`);
      }
    }
  },
};
