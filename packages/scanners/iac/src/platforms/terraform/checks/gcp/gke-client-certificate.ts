import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { boolAt, gcpMeta, ofType } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: gcpMeta({
    id: 'iac/gcp-gke-client-certificate',
    title: 'GKE cluster issues a client certificate',
    severity: 'medium',
    cwe: ['CWE-287'],
    description:
      '`issue_client_certificate = true` creates a cluster-admin client certificate that cannot be revoked or ' +
      'rotated short of rotating the cluster CA, and that ends up in the Terraform state. Anyone who reads the ' +
      'state gets permanent admin access to the cluster.',
    help: {
      bad: 'resource "google_container_cluster" "main" {\n  name               = "main"\n  location           = "europe-west1"\n  initial_node_count = 1\n\n  master_auth {\n    client_certificate_config {\n      issue_client_certificate = true\n    }\n  }\n}\n',
      good: 'resource "google_container_cluster" "main" {\n  name               = "main"\n  location           = "europe-west1"\n  initial_node_count = 1\n\n  master_auth {\n    client_certificate_config {\n      issue_client_certificate = false\n    }\n  }\n}\n',
      fix: 'Set `issue_client_certificate = false` and authenticate with Google identities (gcloud / GKE auth plugin).',
    },
    references: [
      'https://cloud.google.com/kubernetes-engine/docs/how-to/api-server-authentication#legacy-auth',
      'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_cluster#master_auth',
    ],
    checkov: ['CKV_GCP_13'],
    tags: ['owasp:A07:2021'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'google_container_cluster')) {
      const issue = boolAt(resource.block, 'master_auth.client_certificate_config.issue_client_certificate');
      if (issue.state === true) reportAt(report, resource, issue.found);
    }
  },
};
