import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { boolAt, gcpMeta, ofType } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: gcpMeta({
    id: 'iac/gcp-gke-private-nodes',
    title: 'GKE cluster nodes have public IP addresses',
    severity: 'medium',
    cwe: ['CWE-284'],
    description:
      'Without `private_cluster_config { enable_private_nodes = true }`, every node gets an external IP address, ' +
      'so the kubelet, NodePorts and anything listening on the host network are one firewall mistake away from ' +
      'the internet. Private nodes reach the internet through Cloud NAT instead.',
    help: {
      bad: 'resource "google_container_cluster" "main" {\n  name               = "main"\n  location           = "europe-west1"\n  initial_node_count = 1\n}\n',
      good: 'resource "google_container_cluster" "main" {\n  name               = "main"\n  location           = "europe-west1"\n  initial_node_count = 1\n\n  private_cluster_config {\n    enable_private_nodes    = true\n    enable_private_endpoint = false\n    master_ipv4_cidr_block  = "172.16.0.0/28"\n  }\n}\n',
      fix: 'Add `private_cluster_config { enable_private_nodes = true }` (with a `master_ipv4_cidr_block`) and give the nodes egress through Cloud NAT.',
    },
    references: [
      'https://cloud.google.com/kubernetes-engine/docs/concepts/private-cluster-concept',
      'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_cluster#private_cluster_config',
    ],
    checkov: ['CKV_GCP_25', 'CKV_GCP_64'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'google_container_cluster')) {
      const privateNodes = boolAt(resource.block, 'private_cluster_config.enable_private_nodes');
      if (privateNodes.state !== false && privateNodes.state !== 'absent') continue;
      // Newer clusters can set the default per node pool instead.
      const defaults = boolAt(resource.block, 'node_pool_defaults.node_config_defaults.enable_private_nodes');
      if (defaults.state === true || defaults.state === 'unknown') continue;
      reportAt(report, resource, privateNodes.found);
    }
  },
};
