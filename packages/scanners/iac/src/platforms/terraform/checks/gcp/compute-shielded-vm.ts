import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { INSTANCE_TYPES, boolAt, gcpMeta, resourcesOf } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: gcpMeta({
    id: 'iac/gcp-compute-shielded-vm',
    title: 'Compute instance turns off Shielded VM protections',
    severity: 'medium',
    cwe: ['CWE-693'],
    description:
      "Shielded VM's virtual TPM and integrity monitoring detect boot-level tampering (rootkits, bootkits) by " +
      'measuring the boot sequence. They are on by default for Shielded VM images; setting `enable_vtpm` or ' +
      '`enable_integrity_monitoring` to `false` removes that protection.',
    help: {
      bad: 'resource "google_compute_instance" "vm" {\n  name         = "vm"\n  machine_type = "e2-medium"\n  zone         = "europe-west1-b"\n\n  boot_disk {\n    initialize_params {\n      image = "debian-cloud/debian-12"\n    }\n  }\n\n  network_interface {\n    network = "default"\n  }\n\n  shielded_instance_config {\n    enable_vtpm                 = false\n    enable_integrity_monitoring = false\n  }\n}\n',
      good: 'resource "google_compute_instance" "vm" {\n  name         = "vm"\n  machine_type = "e2-medium"\n  zone         = "europe-west1-b"\n\n  boot_disk {\n    initialize_params {\n      image = "debian-cloud/debian-12"\n    }\n  }\n\n  network_interface {\n    network = "default"\n  }\n\n  shielded_instance_config {\n    enable_secure_boot          = true\n    enable_vtpm                 = true\n    enable_integrity_monitoring = true\n  }\n}\n',
      fix: 'Set `enable_vtpm = true` and `enable_integrity_monitoring = true` (and `enable_secure_boot = true` where drivers allow) in `shielded_instance_config`.',
    },
    references: [
      'https://cloud.google.com/compute/shielded-vm/docs/shielded-vm',
      'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_instance#shielded_instance_config',
    ],
    checkov: ['CKV_GCP_39'],
  }),
  check(project, report) {
    for (const resource of resourcesOf(project, ...INSTANCE_TYPES)) {
      const vtpm = boolAt(resource.block, 'shielded_instance_config.enable_vtpm');
      const integrity = boolAt(resource.block, 'shielded_instance_config.enable_integrity_monitoring');
      if (vtpm.state === false) reportAt(report, resource, vtpm.found);
      else if (integrity.state === false) reportAt(report, resource, integrity.found);
    }
  },
};
