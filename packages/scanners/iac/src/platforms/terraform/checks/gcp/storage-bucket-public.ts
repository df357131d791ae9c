import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import {
  gcpMeta,
  isPublicPrincipal,
  lookup,
  publicIamGrant,
  reportRange,
  resourcesOf,
  stringItems,
} from './support.js';
import { asString } from '../../query.js';

const PUBLIC_PREDEFINED_ACLS = new Set(['publicread', 'publicreadwrite']);

export const check: IacCheck<TfProject> = {
  meta: gcpMeta({
    id: 'iac/gcp-storage-bucket-public',
    title: 'Cloud Storage bucket is publicly accessible',
    severity: 'high',
    cwe: ['CWE-284', 'CWE-200'],
    description:
      'An IAM grant or ACL gives `allUsers` (anyone on the internet) or `allAuthenticatedUsers` (anyone with ' +
      'a Google account) access to a bucket or its objects. Public buckets are a common source of data leaks; ' +
      'anything written to them later is exposed too.',
    help: {
      bad: 'resource "google_storage_bucket" "reports" {\n  name     = "acme-reports"\n  location = "EU"\n}\n\nresource "google_storage_bucket_iam_member" "public" {\n  bucket = google_storage_bucket.reports.name\n  role   = "roles/storage.objectViewer"\n  member = "allUsers"\n}\n',
      good: 'resource "google_storage_bucket" "reports" {\n  name     = "acme-reports"\n  location = "EU"\n}\n\nresource "google_storage_bucket_iam_member" "readers" {\n  bucket = google_storage_bucket.reports.name\n  role   = "roles/storage.objectViewer"\n  member = "group:report-readers@example.com"\n}\n',
      fix: 'Grant access to specific users, groups or service accounts; serve public content through Cloud CDN or signed URLs, and enforce `public_access_prevention` on buckets that must stay private.',
    },
    references: [
      'https://cloud.google.com/storage/docs/access-control/making-data-public',
      'https://cloud.google.com/storage/docs/public-access-prevention',
      'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/storage_bucket_iam',
    ],
    checkov: ['CKV_GCP_28'],
  }),
  check(project, report) {
    for (const resource of resourcesOf(
      project,
      'google_storage_bucket_iam_binding',
      'google_storage_bucket_iam_member',
    )) {
      const grant = publicIamGrant(resource);
      if (grant)
        reportRange(
          report,
          resource,
          grant.range,
          grant.path,
          `Bucket IAM grants access to ${grant.principal}`,
        );
    }
    for (const resource of resourcesOf(
      project,
      'google_storage_bucket_acl',
      'google_storage_default_object_acl',
      'google_storage_object_acl',
    )) {
      const predefined = lookup(resource.block, 'predefined_acl');
      if (
        predefined.kind === 'value' &&
        PUBLIC_PREDEFINED_ACLS.has(asString(predefined.value)?.toLowerCase() ?? '')
      ) {
        reportRange(
          report,
          resource,
          predefined.found.range,
          predefined.found.path,
          'Bucket ACL makes data public',
        );
        continue;
      }
      const entities = lookup(resource.block, 'role_entity');
      if (entities.kind !== 'value') continue;
      const publicEntity = stringItems(entities.value).items.find((entry) =>
        isPublicPrincipal(entry.slice(entry.indexOf(':') + 1)),
      );
      if (publicEntity !== undefined)
        reportRange(
          report,
          resource,
          entities.found.range,
          entities.found.path,
          `Bucket ACL grants ${publicEntity}`,
        );
    }
    for (const resource of resourcesOf(
      project,
      'google_storage_bucket_access_control',
      'google_storage_default_object_access_control',
      'google_storage_object_access_control',
    )) {
      const entity = lookup(resource.block, 'entity');
      if (entity.kind === 'value' && isPublicPrincipal(asString(entity.value) ?? ''))
        reportRange(
          report,
          resource,
          entity.found.range,
          entity.found.path,
          `Bucket ACL grants access to ${asString(entity.value)}`,
        );
    }
  },
};
