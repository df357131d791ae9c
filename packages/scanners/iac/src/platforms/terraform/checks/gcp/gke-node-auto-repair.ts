import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { boolAt, gcpMeta, nodePools, reportRange } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: gcpMeta({
    id: 'iac/gcp-gke-node-auto-repair',
    title: 'GKE node pool has automatic repair turned off',
    severity: 'low',
    cwe: ['CWE-693'],
    description:
      'With `management { auto_repair = false }` GKE no longer recreates nodes that fail health checks; broken ' +
      'nodes keep their pods unschedulable or degraded until someone notices, which hurts availability.',
    help: {
      bad: 'resource "google_container_node_pool" "default" {\n  name       = "default"\n  cluster    = "main"\n  location   = "europe-west1"\n  node_count = 3\n\n  management {\n    auto_repair  = false\n    auto_upgrade = true\n  }\n}\n',
      good: 'resource "google_container_node_pool" "default" {\n  name       = "default"\n  cluster    = "main"\n  location   = "europe-west1"\n  node_count = 3\n\n  management {\n    auto_repair  = true\n    auto_upgrade = true\n  }\n}\n',
      fix: 'Set `management { auto_repair = true }`.',
    },
    references: [
      'https://cloud.google.com/kubernetes-engine/docs/how-to/node-auto-repair',
      'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_node_pool#management',
    ],
    checkov: ['CKV_GCP_9'],
    tags: ['owasp:A05:2021', 'resilience'],
  }),
  check(project, report) {
    for (const { resource, pool } of nodePools(project)) {
      const repair = boolAt(pool, 'management.auto_repair');
      if (repair.state === false && repair.found)
        reportRange(report, resource, repair.found.range, repair.found.path);
    }
  },
};
