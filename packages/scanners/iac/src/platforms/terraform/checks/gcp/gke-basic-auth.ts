import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { asString, reportAt } from '../../query.js';
import { gcpMeta, lookup, ofType } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: gcpMeta({
    id: 'iac/gcp-gke-basic-auth',
    title: 'GKE cluster enables basic authentication',
    severity: 'high',
    cwe: ['CWE-287', 'CWE-798'],
    description:
      'A `username`/`password` in `master_auth` turns on HTTP basic authentication to the Kubernetes API: a ' +
      'static admin password that cannot be tied to a person, is not protected by MFA and is stored in the ' +
      'Terraform state. GKE removed basic authentication in 1.19; configurations that still set it are a ' +
      'liability.',
    help: {
      bad: 'resource "google_container_cluster" "main" {\n  name               = "main"\n  location           = "europe-west1"\n  initial_node_count = 1\n\n  master_auth {\n    username = "admin"\n    password = var.cluster_password\n  }\n}\n',
      good: 'resource "google_container_cluster" "main" {\n  name               = "main"\n  location           = "europe-west1"\n  initial_node_count = 1\n\n  master_auth {\n    client_certificate_config {\n      issue_client_certificate = false\n    }\n  }\n}\n',
      fix: 'Remove `username` and `password` from `master_auth` (or set them to empty strings) and authenticate with Google identities.',
    },
    references: [
      'https://cloud.google.com/kubernetes-engine/docs/how-to/api-server-authentication#legacy-auth',
      'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_cluster#master_auth',
    ],
    checkov: ['CKV_GCP_19'],
    tags: ['owasp:A07:2021'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'google_container_cluster')) {
      for (const name of ['username', 'password']) {
        const value = lookup(resource.block, `master_auth.${name}`);
        // Only a known, non-empty value: an empty string is how configurations turned basic auth off.
        if (value.kind !== 'value' || value.value === null || asString(value.value) === '') continue;
        reportAt(report, resource, value.found);
        break;
      }
    }
  },
};
