import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { boolAt, gcpMeta, ofType } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: gcpMeta({
    id: 'iac/gcp-gke-shielded-nodes',
    title: 'GKE cluster has Shielded GKE Nodes turned off',
    severity: 'medium',
    cwe: ['CWE-693'],
    description:
      'Shielded GKE Nodes give nodes a verifiable identity and integrity (secure boot, vTPM). Without them an ' +
      "attacker who steals a node's bootstrap credentials from a pod can impersonate a node and read secrets " +
      'scheduled to it. The provider turns them on by default; `enable_shielded_nodes = false` turns them off.',
    help: {
      bad: 'resource "google_container_cluster" "main" {\n  name                  = "main"\n  location              = "europe-west1"\n  initial_node_count    = 1\n  enable_shielded_nodes = false\n}\n',
      good: 'resource "google_container_cluster" "main" {\n  name                  = "main"\n  location              = "europe-west1"\n  initial_node_count    = 1\n  enable_shielded_nodes = true\n}\n',
      fix: 'Remove `enable_shielded_nodes = false` (the default is `true`).',
    },
    references: [
      'https://cloud.google.com/kubernetes-engine/docs/how-to/shielded-gke-nodes',
      'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_cluster#enable_shielded_nodes',
    ],
    checkov: ['CKV_GCP_71'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'google_container_cluster')) {
      const shielded = boolAt(resource.block, 'enable_shielded_nodes');
      if (shielded.state === false) reportAt(report, resource, shielded.found);
    }
  },
};
