import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { asString, reportAt } from '../../query.js';
import { boolAt, gcpMeta, lookup, ofType } from './support.js';

const ENCRYPTED_MODES = new Set(['ENCRYPTED_ONLY', 'TRUSTED_CLIENT_CERTIFICATE_REQUIRED']);

export const check: IacCheck<TfProject> = {
  meta: gcpMeta({
    id: 'iac/gcp-sql-ssl-not-required',
    title: 'Cloud SQL instance accepts unencrypted connections',
    severity: 'medium',
    cwe: ['CWE-319'],
    description:
      'Unless `ssl_mode` is `ENCRYPTED_ONLY` or `TRUSTED_CLIENT_CERTIFICATE_REQUIRED` (or, in provider versions ' +
      'before 6.0, `require_ssl = true`), clients may connect without TLS, and credentials and query results ' +
      'cross the network in clear text.',
    help: {
      bad: 'resource "google_sql_database_instance" "main" {\n  name             = "main"\n  database_version = "MYSQL_8_0"\n  region           = "europe-west1"\n\n  settings {\n    tier = "db-n1-standard-1"\n\n    ip_configuration {\n      ssl_mode = "ALLOW_UNENCRYPTED_AND_ENCRYPTED"\n    }\n  }\n}\n',
      good: 'resource "google_sql_database_instance" "main" {\n  name             = "main"\n  database_version = "MYSQL_8_0"\n  region           = "europe-west1"\n\n  settings {\n    tier = "db-n1-standard-1"\n\n    ip_configuration {\n      ssl_mode = "ENCRYPTED_ONLY"\n    }\n  }\n}\n',
      fix: 'Set `ssl_mode = "ENCRYPTED_ONLY"` (or `TRUSTED_CLIENT_CERTIFICATE_REQUIRED`) in `settings.ip_configuration`; with provider versions before 6.0, `require_ssl = true`.',
    },
    references: [
      'https://cloud.google.com/sql/docs/mysql/configure-ssl-instance',
      'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/sql_database_instance#ssl_mode',
    ],
    checkov: ['CKV_GCP_6'],
    tags: ['owasp:A02:2021'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'google_sql_database_instance')) {
      const mode = lookup(resource.block, 'settings.ip_configuration.ssl_mode');
      if (mode.kind === 'unknown') continue;
      if (mode.kind === 'value') {
        const text = asString(mode.value)?.toUpperCase();
        if (text === undefined || ENCRYPTED_MODES.has(text)) continue;
        if (text === 'ALLOW_UNENCRYPTED_AND_ENCRYPTED') reportAt(report, resource, mode.found);
        continue;
      }
      const required = boolAt(resource.block, 'settings.ip_configuration.require_ssl');
      if (required.state === false || required.state === 'absent') reportAt(report, resource, required.found);
    }
  },
};
