import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { boolAt, gcpMeta, nodePools, reportRange } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: gcpMeta({
    id: 'iac/gcp-gke-node-auto-upgrade',
    title: 'GKE node pool has automatic upgrades turned off',
    severity: 'medium',
    cwe: ['CWE-1104'],
    description:
      'With `management { auto_upgrade = false }` nodes keep their Kubernetes version and node image until ' +
      'someone upgrades them by hand, so kernel, container runtime and kubelet vulnerabilities stay unpatched ' +
      'and the pool drifts out of the supported version window.',
    help: {
      bad: 'resource "google_container_node_pool" "default" {\n  name       = "default"\n  cluster    = "main"\n  location   = "europe-west1"\n  node_count = 3\n\n  management {\n    auto_repair  = true\n    auto_upgrade = false\n  }\n}\n',
      good: 'resource "google_container_node_pool" "default" {\n  name       = "default"\n  cluster    = "main"\n  location   = "europe-west1"\n  node_count = 3\n\n  management {\n    auto_repair  = true\n    auto_upgrade = true\n  }\n}\n',
      fix: 'Set `management { auto_upgrade = true }` and control timing with maintenance windows and a release channel.',
    },
    references: [
      'https://cloud.google.com/kubernetes-engine/docs/how-to/node-auto-upgrades',
      'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_node_pool#management',
    ],
    checkov: ['CKV_GCP_10'],
    tags: ['owasp:A06:2021'],
  }),
  check(project, report) {
    for (const { resource, pool } of nodePools(project)) {
      const upgrade = boolAt(pool, 'management.auto_upgrade');
      if (upgrade.state === false && upgrade.found)
        reportRange(report, resource, upgrade.found.range, upgrade.found.path);
    }
  },
};
