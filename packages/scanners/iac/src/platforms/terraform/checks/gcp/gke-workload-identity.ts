import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { boolAt, gcpMeta, lookup, ofType } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: gcpMeta({
    id: 'iac/gcp-gke-workload-identity',
    title: 'GKE cluster does not use Workload Identity',
    severity: 'medium',
    cwe: ['CWE-522'],
    description:
      "Without Workload Identity every pod can fetch the node service account's OAuth token from the metadata " +
      "server, so all workloads share the node's permissions and any SSRF or container compromise yields cloud " +
      'credentials. Workload Identity gives each Kubernetes service account its own IAM identity. Autopilot ' +
      'clusters always use it.',
    help: {
      bad: 'resource "google_container_cluster" "main" {\n  name               = "main"\n  location           = "europe-west1"\n  initial_node_count = 1\n}\n',
      good: 'resource "google_container_cluster" "main" {\n  name               = "main"\n  location           = "europe-west1"\n  initial_node_count = 1\n\n  workload_identity_config {\n    workload_pool = "acme-prod.svc.id.goog"\n  }\n}\n',
      fix: 'Add `workload_identity_config { workload_pool = "<project>.svc.id.goog" }` and run node pools with `workload_metadata_config { mode = "GKE_METADATA" }`.',
    },
    references: [
      'https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity',
      'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/container_cluster#workload_identity_config',
    ],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'google_container_cluster')) {
      const autopilot = boolAt(resource.block, 'enable_autopilot');
      if (autopilot.state === true || autopilot.state === 'unknown') continue;
      if (lookup(resource.block, 'workload_identity_config').kind === 'absent')
        reportAt(report, resource, undefined);
    }
  },
};
