import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { asString, reportAt } from '../../query.js';
import { boolAt, gcpMeta, isOpaque, isWorldCidr, lookup, ofType, reportRange } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: gcpMeta({
    id: 'iac/gcp-gke-master-authorized-networks',
    title: 'GKE control plane is reachable from any IP address',
    severity: 'medium',
    cwe: ['CWE-284'],
    description:
      "Without `master_authorized_networks_config` (or with a 0.0.0.0/0 entry in it), the cluster's public " +
      'Kubernetes API endpoint accepts connections from the whole internet, exposing it to credential attacks ' +
      'and to API server vulnerabilities. Clusters with only a private endpoint are not reported.',
    help: {
      bad: 'resource "google_container_cluster" "main" {\n  name               = "main"\n  location           = "europe-west1"\n  initial_node_count = 1\n}\n',
      good: 'resource "google_container_cluster" "main" {\n  name               = "main"\n  location           = "europe-west1"\n  initial_node_count = 1\n\n  master_authorized_networks_config {\n    cidr_blocks {\n      cidr_block   = "203.0.113.0/24"\n      display_name = "office"\n    }\n  }\n}\n',
      fix: 'Add a `master_authorized_networks_config` block listing the networks that administer the cluster, or make the endpoint private.',
    },
    references: [
      'https://cloud.google.com/kubernetes-engine/docs/how-to/authorized-networks',
      'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_cluster#master_authorized_networks_config',
    ],
    checkov: ['CKV_GCP_20'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'google_container_cluster')) {
      const b = resource.block;
      const privateEndpoint = boolAt(b, 'private_cluster_config.enable_private_endpoint');
      if (privateEndpoint.state === true || privateEndpoint.state === 'unknown') continue;
      const publicEndpoint = boolAt(b, 'control_plane_endpoints_config.ip_endpoints_config.enabled');
      if (publicEndpoint.state === false || publicEndpoint.state === 'unknown') continue;
      const config = lookup(b, 'master_authorized_networks_config');
      if (config.kind === 'absent') {
        reportAt(report, resource, undefined);
        continue;
      }
      const configBlock = config.kind === 'value' ? config.found.block : undefined;
      if (!configBlock) continue;
      for (const cidrs of configBlock.blocks.filter((x) => x.type === 'cidr_blocks')) {
        if (isOpaque(cidrs)) continue;
        const cidr = lookup(cidrs, 'cidr_block');
        if (cidr.kind === 'value' && isWorldCidr(asString(cidr.value) ?? ''))
          reportRange(
            report,
            resource,
            cidr.found.range,
            cidr.found.path,
            'Master authorized networks include 0.0.0.0/0',
          );
      }
    }
  },
};
