import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { gcpMeta, ofType, reportRange, sqlFlags, sqlVersion } from './support.js';

/** Flags CIS asks to turn on for Cloud SQL for PostgreSQL. */
const REQUIRED_ON = ['log_checkpoints', 'log_connections', 'log_disconnections', 'log_lock_waits'];

export const check: IacCheck<TfProject> = {
  meta: gcpMeta({
    id: 'iac/gcp-sql-postgres-log-flags',
    title: 'Cloud SQL for PostgreSQL does not log connections, disconnections, checkpoints or lock waits',
    severity: 'low',
    cwe: ['CWE-778'],
    description:
      'The PostgreSQL flags `log_connections`, `log_disconnections`, `log_checkpoints` and `log_lock_waits` ' +
      'record who connected and when, and the events needed to investigate an incident or a performance ' +
      'problem. Cloud SQL leaves most of them off. A flag set to `off` is reported on its line; flags never set ' +
      'are reported together on the instance.',
    help: {
      bad: 'resource "google_sql_database_instance" "main" {\n  name             = "main"\n  database_version = "POSTGRES_15"\n  region           = "europe-west1"\n\n  settings {\n    tier = "db-custom-2-7680"\n\n    database_flags {\n      name  = "log_connections"\n      value = "off"\n    }\n  }\n}\n',
      good:
        'resource "google_sql_database_instance" "main" {\n  name             = "main"\n  database_version = "POSTGRES_15"\n  region           = "europe-west1"\n\n  settings {\n    tier = "db-custom-2-7680"\n\n' +
        '    database_flags {\n      name  = "log_checkpoints"\n      value = "on"\n    }\n\n    database_flags {\n      name  = "log_connections"\n      value = "on"\n    }\n\n    database_flags {\n      name  = "log_disconnections"\n      value = "on"\n    }\n\n    database_flags {\n      name  = "log_lock_waits"\n      value = "on"\n    }\n  }\n}\n',
      fix: 'Add `database_flags` blocks setting `log_checkpoints`, `log_connections`, `log_disconnections` and `log_lock_waits` to `on`.',
    },
    references: [
      'https://cloud.google.com/sql/docs/postgres/flags',
      'https://www.postgresql.org/docs/current/runtime-config-logging.html',
    ],
    checkov: ['CKV_GCP_51', 'CKV_GCP_52', 'CKV_GCP_53', 'CKV_GCP_54'],
    tags: ['owasp:A09:2021'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'google_sql_database_instance')) {
      if (!sqlVersion(resource)?.startsWith('postgres')) continue;
      const { flags, complete } = sqlFlags(resource);
      const missing: string[] = [];
      for (const name of REQUIRED_ON) {
        const flag = flags.find((f) => f.name === name);
        if (!flag) missing.push(name);
        else if (flag.value === 'off' || flag.value === 'false' || flag.value === '0')
          reportRange(report, resource, flag.range, flag.path, `PostgreSQL flag ${name} is off`);
      }
      if (complete && missing.length > 0)
        reportAt(report, resource, undefined, `PostgreSQL flags not turned on: ${missing.join(', ')}`);
    }
  },
};
