import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { flagValue, gcpMeta, mapEntry, nodeConfigs, reportRange } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: gcpMeta({
    id: 'iac/gcp-gke-legacy-metadata-endpoints',
    title: 'GKE nodes enable the legacy metadata server endpoints',
    severity: 'medium',
    cwe: ['CWE-522'],
    description:
      'The legacy Compute Engine metadata endpoints (`v0.1`, `v1beta1`) answer requests without the ' +
      "`Metadata-Flavor: Google` header, so a simple server-side request forgery in any pod can read the node's " +
      'service account token and kubelet credentials. `disable-legacy-endpoints = "false"` in the node metadata ' +
      'turns them back on.',
    help: {
      bad: 'resource "google_container_node_pool" "default" {\n  name       = "default"\n  cluster    = "main"\n  location   = "europe-west1"\n  node_count = 3\n\n  node_config {\n    machine_type = "e2-standard-4"\n    metadata = {\n      disable-legacy-endpoints = "false"\n    }\n  }\n}\n',
      good: 'resource "google_container_node_pool" "default" {\n  name       = "default"\n  cluster    = "main"\n  location   = "europe-west1"\n  node_count = 3\n\n  node_config {\n    machine_type = "e2-standard-4"\n    metadata = {\n      disable-legacy-endpoints = "true"\n    }\n  }\n}\n',
      fix: 'Set `disable-legacy-endpoints = "true"` in `node_config.metadata` (or leave it out: GKE disables the endpoints by default).',
    },
    references: [
      'https://cloud.google.com/kubernetes-engine/docs/how-to/protecting-cluster-metadata',
      'https://cloud.google.com/compute/docs/metadata/querying-metadata#legacy_metadata_server_endpoints',
    ],
    checkov: ['CKV_GCP_67'],
  }),
  check(project, report) {
    for (const { resource, config } of nodeConfigs(project)) {
      const entry = mapEntry(config, 'metadata', 'disable-legacy-endpoints');
      if (entry.kind === 'value' && flagValue(entry.value) === false)
        reportRange(report, resource, entry.range, entry.path);
    }
  },
};
