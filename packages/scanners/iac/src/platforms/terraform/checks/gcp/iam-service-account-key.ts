import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { gcpMeta, ofType } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: gcpMeta({
    id: 'iac/gcp-iam-service-account-key',
    title: 'User-managed service account key',
    severity: 'low',
    cwe: ['CWE-522'],
    description:
      'A `google_service_account_key` is a long-lived credential: it does not expire by default, is easily ' +
      'copied into CI variables and laptops, and the private key is stored in the Terraform state. Leaked keys ' +
      'are a leading cause of GCP compromises.',
    help: {
      bad: 'resource "google_service_account" "ci" {\n  account_id = "ci"\n}\n\nresource "google_service_account_key" "ci" {\n  service_account_id = google_service_account.ci.name\n}\n',
      good: 'resource "google_service_account" "ci" {\n  account_id = "ci"\n}\n\nresource "google_service_account_iam_member" "ci_wif" {\n  service_account_id = google_service_account.ci.name\n  role               = "roles/iam.workloadIdentityUser"\n  member             = "principalSet://iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/ci/attribute.repository/acme/app"\n}\n',
      fix: 'Use Workload Identity Federation (CI, other clouds), attached service accounts (GCP workloads) or impersonation instead of keys.',
    },
    references: [
      'https://cloud.google.com/iam/docs/best-practices-for-managing-service-account-keys',
      'https://cloud.google.com/iam/docs/workload-identity-federation',
    ],
    checkov: ['CKV2_GCP_3'],
    tags: ['owasp:A07:2021'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'google_service_account_key'))
      reportAt(report, resource, undefined);
  },
};
