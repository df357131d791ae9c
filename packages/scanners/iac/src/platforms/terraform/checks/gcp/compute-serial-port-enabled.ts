import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import {
  INSTANCE_TYPES,
  flagValue,
  gcpMeta,
  mapEntry,
  projectMetadata,
  reportRange,
  resourcesOf,
} from './support.js';

export const check: IacCheck<TfProject> = {
  meta: gcpMeta({
    id: 'iac/gcp-compute-serial-port-enabled',
    title: 'Compute instance enables interactive serial port access',
    severity: 'medium',
    cwe: ['CWE-284'],
    description:
      '`serial-port-enable = true` in instance or project metadata opens the interactive serial console. It ' +
      'accepts connections from any IP address and is not governed by VPC firewall rules, so anyone with the ' +
      "right SSH key or IAM role can reach the instance's console from anywhere.",
    help: {
      bad: 'resource "google_compute_instance" "vm" {\n  name         = "vm"\n  machine_type = "e2-medium"\n  zone         = "europe-west1-b"\n\n  boot_disk {\n    initialize_params {\n      image = "debian-cloud/debian-12"\n    }\n  }\n\n  network_interface {\n    network = "default"\n  }\n\n  metadata = {\n    serial-port-enable = true\n  }\n}\n',
      good: 'resource "google_compute_instance" "vm" {\n  name         = "vm"\n  machine_type = "e2-medium"\n  zone         = "europe-west1-b"\n\n  boot_disk {\n    initialize_params {\n      image = "debian-cloud/debian-12"\n    }\n  }\n\n  network_interface {\n    network = "default"\n  }\n\n  metadata = {\n    serial-port-enable = false\n  }\n}\n',
      fix: 'Remove `serial-port-enable` from the metadata or set it to `false`; turn it on temporarily only while debugging.',
    },
    references: [
      'https://cloud.google.com/compute/docs/troubleshooting/troubleshooting-using-serial-console',
      'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_instance#metadata',
    ],
    checkov: ['CKV_GCP_35'],
  }),
  check(project, report) {
    for (const resource of resourcesOf(project, ...INSTANCE_TYPES)) {
      const entry = mapEntry(resource.block, 'metadata', 'serial-port-enable');
      if (entry.kind === 'value' && flagValue(entry.value) === true)
        reportRange(report, resource, entry.range, entry.path);
    }
    for (const entry of projectMetadata(project, 'serial-port-enable'))
      if (flagValue(entry.value) === true)
        reportRange(
          report,
          entry.resource,
          entry.range,
          entry.path,
          'Project metadata enables serial port access on every instance',
        );
  },
};
