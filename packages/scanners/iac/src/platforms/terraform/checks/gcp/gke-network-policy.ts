import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { asString, reportAt } from '../../query.js';
import { boolAt, gcpMeta, lookup, ofType } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: gcpMeta({
    id: 'iac/gcp-gke-network-policy',
    title: 'GKE cluster does not enforce network policies',
    severity: 'medium',
    cwe: ['CWE-284'],
    description:
      'Without network policy enforcement every pod can reach every other pod, so one compromised workload can ' +
      'probe databases and internal services across namespaces. Clusters on Dataplane V2 ' +
      '(`datapath_provider = "ADVANCED_DATAPATH"`) and Autopilot clusters enforce policies natively and are not ' +
      'reported.',
    help: {
      bad: 'resource "google_container_cluster" "main" {\n  name               = "main"\n  location           = "europe-west1"\n  initial_node_count = 1\n\n  network_policy {\n    enabled = false\n  }\n}\n',
      good: 'resource "google_container_cluster" "main" {\n  name               = "main"\n  location           = "europe-west1"\n  initial_node_count = 1\n  datapath_provider  = "ADVANCED_DATAPATH"\n}\n',
      fix: 'Use Dataplane V2 (`datapath_provider = "ADVANCED_DATAPATH"`), or set `network_policy { enabled = true }` with `addons_config.network_policy_config.disabled = false`.',
    },
    references: [
      'https://cloud.google.com/kubernetes-engine/docs/how-to/network-policy',
      'https://cloud.google.com/kubernetes-engine/docs/concepts/dataplane-v2',
      'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_cluster#network_policy',
    ],
    checkov: ['CKV_GCP_12'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'google_container_cluster')) {
      const b = resource.block;
      const autopilot = boolAt(b, 'enable_autopilot');
      if (autopilot.state === true || autopilot.state === 'unknown') continue;
      const datapath = lookup(b, 'datapath_provider');
      if (datapath.kind === 'unknown') continue;
      if (datapath.kind === 'value' && asString(datapath.value)?.toUpperCase() === 'ADVANCED_DATAPATH')
        continue;
      const enabled = boolAt(b, 'network_policy.enabled');
      if (enabled.state === false || enabled.state === 'absent') reportAt(report, resource, enabled.found);
    }
  },
};
