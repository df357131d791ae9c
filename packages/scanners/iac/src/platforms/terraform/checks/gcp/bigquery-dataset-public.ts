import type { IacCheck } from '../../../../check.js';
import type { TfBlock, TfProject, TfResource } from '../../model.js';
import { asString } from '../../query.js';
import {
  gcpMeta,
  isOpaque,
  isPublicPrincipal,
  lookup,
  ofType,
  publicIamGrant,
  reportRange,
  resourcesOf,
} from './support.js';

/** Reports an `access` entry (block or `google_bigquery_dataset_access` resource) that names a public principal. */
function checkAccess(
  resource: TfResource,
  access: TfBlock,
  report: Parameters<IacCheck<TfProject>['check']>[1],
): void {
  for (const name of ['special_group', 'iam_member']) {
    const l = lookup(access, name);
    if (l.kind === 'value' && isPublicPrincipal(asString(l.value) ?? '')) {
      reportRange(
        report,
        resource,
        l.found.range,
        l.found.path,
        `BigQuery dataset access granted to ${asString(l.value)}`,
      );
      return;
    }
  }
}

export const check: IacCheck<TfProject> = {
  meta: gcpMeta({
    id: 'iac/gcp-bigquery-dataset-public',
    title: 'BigQuery dataset is publicly accessible',
    severity: 'high',
    cwe: ['CWE-284', 'CWE-200'],
    description:
      'An `access` entry or IAM grant gives `allUsers` or `allAuthenticatedUsers` access to a dataset: every ' +
      'table in it can be queried by anyone (with a Google account), and query costs may be billed to the ' +
      'dataset owner.',
    help: {
      bad: 'resource "google_bigquery_dataset" "analytics" {\n  dataset_id = "analytics"\n  location   = "EU"\n\n  access {\n    role          = "READER"\n    special_group = "allAuthenticatedUsers"\n  }\n}\n',
      good: 'resource "google_bigquery_dataset" "analytics" {\n  dataset_id = "analytics"\n  location   = "EU"\n\n  access {\n    role           = "READER"\n    group_by_email = "analysts@example.com"\n  }\n}\n',
      fix: 'Grant dataset access to specific users, groups or service accounts; publish shared data through Analytics Hub or authorized views.',
    },
    references: [
      'https://cloud.google.com/bigquery/docs/control-access-to-resources-iam',
      'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/bigquery_dataset#access',
    ],
    checkov: ['CKV_GCP_15'],
    tags: ['owasp:A01:2021'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'google_bigquery_dataset'))
      for (const access of resource.block.blocks.filter((b) => b.type === 'access' && !isOpaque(b)))
        checkAccess(resource, access, report);
    for (const resource of ofType(project, 'google_bigquery_dataset_access'))
      checkAccess(resource, resource.block, report);
    for (const resource of resourcesOf(
      project,
      'google_bigquery_dataset_iam_binding',
      'google_bigquery_dataset_iam_member',
    )) {
      const grant = publicIamGrant(resource);
      if (grant)
        reportRange(
          report,
          resource,
          grant.range,
          grant.path,
          `BigQuery dataset IAM grants access to ${grant.principal}`,
        );
    }
  },
};
