import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { boolAt, gcpMeta, ofType } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: gcpMeta({
    id: 'iac/gcp-storage-bucket-uniform-access',
    title: 'Cloud Storage bucket does not use uniform bucket-level access',
    severity: 'medium',
    cwe: ['CWE-284'],
    description:
      'Without uniform bucket-level access, every object can carry its own ACL next to the bucket IAM policy. ' +
      'Object ACLs are easy to overlook when reviewing who can read a bucket, and a single object made public ' +
      'by an uploader leaks data. The provider leaves it off unless `uniform_bucket_level_access = true`.',
    help: {
      bad: 'resource "google_storage_bucket" "data" {\n  name     = "acme-data"\n  location = "EU"\n}\n',
      good: 'resource "google_storage_bucket" "data" {\n  name                        = "acme-data"\n  location                    = "EU"\n  uniform_bucket_level_access = true\n}\n',
      fix: 'Set `uniform_bucket_level_access = true` and grant access with IAM only.',
    },
    references: [
      'https://cloud.google.com/storage/docs/uniform-bucket-level-access',
      'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/storage_bucket#uniform_bucket_level_access',
    ],
    checkov: ['CKV_GCP_29'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'google_storage_bucket')) {
      const uniform = boolAt(resource.block, 'uniform_bucket_level_access');
      // `bucket_policy_only` is the pre-3.x name of the same setting.
      const legacy = boolAt(resource.block, 'bucket_policy_only');
      if (uniform.state === true || legacy.state === true) continue;
      if (
        uniform.state === 'unknown' ||
        uniform.state === 'other' ||
        legacy.state === 'unknown' ||
        legacy.state === 'other'
      )
        continue;
      reportAt(report, resource, uniform.found ?? legacy.found);
    }
  },
};
