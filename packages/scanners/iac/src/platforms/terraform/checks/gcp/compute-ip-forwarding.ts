import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { INSTANCE_TYPES, boolAt, gcpMeta, resourcesOf } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: gcpMeta({
    id: 'iac/gcp-compute-ip-forwarding',
    title: 'Compute instance can forward IP packets',
    severity: 'medium',
    cwe: ['CWE-668'],
    description:
      '`can_ip_forward = true` lets the instance send and receive packets whose addresses are not its own, so ' +
      "it can act as a router and bypass the VPC's anti-spoofing checks. Only NAT gateways, VPN and firewall " +
      'appliances need it.',
    help: {
      bad: 'resource "google_compute_instance" "vm" {\n  name           = "vm"\n  machine_type   = "e2-medium"\n  zone           = "europe-west1-b"\n  can_ip_forward = true\n\n  boot_disk {\n    initialize_params {\n      image = "debian-cloud/debian-12"\n    }\n  }\n\n  network_interface {\n    network = "default"\n  }\n}\n',
      good: 'resource "google_compute_instance" "vm" {\n  name         = "vm"\n  machine_type = "e2-medium"\n  zone         = "europe-west1-b"\n\n  boot_disk {\n    initialize_params {\n      image = "debian-cloud/debian-12"\n    }\n  }\n\n  network_interface {\n    network = "default"\n  }\n}\n',
      fix: 'Remove `can_ip_forward` unless the instance is a network appliance; use Cloud NAT instead of NAT instances.',
    },
    references: [
      'https://cloud.google.com/vpc/docs/using-routes#canipforward',
      'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_instance#can_ip_forward',
    ],
    checkov: ['CKV_GCP_36'],
    precision: 'medium',
  }),
  check(project, report) {
    for (const resource of resourcesOf(project, ...INSTANCE_TYPES)) {
      const forward = boolAt(resource.block, 'can_ip_forward');
      if (forward.state === true) reportAt(report, resource, forward.found);
    }
  },
};
