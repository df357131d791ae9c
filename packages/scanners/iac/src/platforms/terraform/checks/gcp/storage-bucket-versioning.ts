import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { boolAt, gcpMeta, lookup, ofType } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: gcpMeta({
    id: 'iac/gcp-storage-bucket-versioning',
    title: 'Cloud Storage bucket versioning is not enabled',
    severity: 'low',
    cwe: ['CWE-693'],
    description:
      'Without object versioning, an overwritten or deleted object is gone: a faulty deployment, a compromised ' +
      'credential or ransomware can destroy the bucket contents with no way to restore them.',
    help: {
      bad: 'resource "google_storage_bucket" "backups" {\n  name     = "acme-backups"\n  location = "EU"\n\n  uniform_bucket_level_access = true\n}\n',
      good: 'resource "google_storage_bucket" "backups" {\n  name     = "acme-backups"\n  location = "EU"\n\n  uniform_bucket_level_access = true\n\n  versioning {\n    enabled = true\n  }\n}\n',
      fix: 'Add `versioning { enabled = true }`, with a lifecycle rule that deletes old noncurrent versions to bound the cost.',
    },
    references: [
      'https://cloud.google.com/storage/docs/object-versioning',
      'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/storage_bucket#versioning',
    ],
    checkov: ['CKV_GCP_78'],
    tags: ['owasp:A05:2021', 'resilience'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'google_storage_bucket')) {
      if (lookup(resource.block, 'versioning').kind === 'unknown') continue;
      const enabled = boolAt(resource.block, 'versioning.enabled');
      if (enabled.state === false || enabled.state === 'absent') reportAt(report, resource, enabled.found);
    }
  },
};
