import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { asString, reportAt } from '../../query.js';
import { gcpMeta, lookup, mayExist, ofType } from './support.js';

/** Cloud Logging sinks: a bucket they export to is a log archive, not a data bucket. */
const LOG_SINKS = [
  'google_logging_project_sink',
  'google_logging_folder_sink',
  'google_logging_organization_sink',
  'google_logging_billing_account_sink',
];

export const check: IacCheck<TfProject> = {
  meta: gcpMeta({
    id: 'iac/gcp-storage-bucket-logging',
    title: 'Cloud Storage bucket has no usage logging',
    severity: 'low',
    cwe: ['CWE-778'],
    description:
      'Usage logs record every request to the bucket (who, what, when). Without them (or Data Access audit ' +
      'logs), it is hard to tell after an incident which objects were read or changed. Buckets that receive ' +
      "other buckets' usage logs or a Cloud Logging sink's exports are not reported.",
    help: {
      bad: 'resource "google_storage_bucket" "data" {\n  name                        = "acme-data"\n  location                    = "EU"\n  uniform_bucket_level_access = true\n}\n',
      good: 'resource "google_storage_bucket" "logs" {\n  name                        = "acme-access-logs"\n  location                    = "EU"\n  uniform_bucket_level_access = true\n}\n\nresource "google_storage_bucket" "data" {\n  name                        = "acme-data"\n  location                    = "EU"\n  uniform_bucket_level_access = true\n\n  logging {\n    log_bucket = google_storage_bucket.logs.name\n  }\n}\n',
      fix: 'Add a `logging { log_bucket = ... }` block pointing at a dedicated log bucket, or enable Data Access audit logs for Cloud Storage.',
    },
    references: [
      'https://cloud.google.com/storage/docs/access-logs',
      'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/storage_bucket#logging',
    ],
    checkov: ['CKV_GCP_62'],
    tags: ['owasp:A09:2021'],
  }),
  check(project, report) {
    const buckets = ofType(project, 'google_storage_bucket');
    // Buckets that receive logs: by reference (`google_storage_bucket.logs.name`) or by literal name.
    const logTargets = new Set<string>();
    for (const bucket of buckets) {
      const target = lookup(bucket.block, 'logging.log_bucket');
      if (target.kind !== 'value' && target.kind !== 'unknown') continue;
      for (const ref of target.found?.attribute?.references ?? []) logTargets.add(`${bucket.module}|${ref}`);
      const name = target.kind === 'value' ? asString(target.value) : undefined;
      if (name !== undefined) logTargets.add(`name:${name}`);
    }
    for (const bucket of buckets) {
      if (lookup(bucket.block, 'logging').kind !== 'absent') continue;
      if (LOG_SINKS.some((type) => project.referencing(bucket, type).some(mayExist))) continue;
      const name = lookup(bucket.block, 'name');
      const literal = name.kind === 'value' ? asString(name.value) : undefined;
      const local = bucket.module === '' ? bucket.address : bucket.address.slice(bucket.module.length + 1);
      if (
        logTargets.has(`${bucket.module}|${local}`) ||
        (literal !== undefined && logTargets.has(`name:${literal}`))
      )
        continue;
      reportAt(report, bucket, undefined);
    }
  },
};
