import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { boolAt, gcpMeta, ofType } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: gcpMeta({
    id: 'iac/gcp-gke-legacy-abac',
    title: 'GKE cluster enables legacy ABAC authorization',
    severity: 'high',
    cwe: ['CWE-285'],
    description:
      'Legacy attribute-based access control grants broad, static permissions that bypass Kubernetes RBAC: with ' +
      'it on, service accounts and users can receive cluster-wide rights that RBAC policies never show. It is ' +
      'disabled by default on clusters since GKE 1.8.',
    help: {
      bad: 'resource "google_container_cluster" "main" {\n  name               = "main"\n  location           = "europe-west1"\n  initial_node_count = 1\n  enable_legacy_abac = true\n}\n',
      good: 'resource "google_container_cluster" "main" {\n  name               = "main"\n  location           = "europe-west1"\n  initial_node_count = 1\n}\n',
      fix: 'Remove `enable_legacy_abac` (or set it to `false`) and grant access with Kubernetes RBAC and IAM.',
    },
    references: [
      'https://cloud.google.com/kubernetes-engine/docs/how-to/hardening-your-cluster#leave_abac_disabled',
      'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_cluster#enable_legacy_abac',
    ],
    checkov: ['CKV_GCP_7'],
    tags: ['owasp:A01:2021'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'google_container_cluster')) {
      const abac = boolAt(resource.block, 'enable_legacy_abac');
      if (abac.state === true) reportAt(report, resource, abac.found);
    }
  },
};
