import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
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
    id: 'iac/gcp-compute-project-ssh-keys',
    title: 'Compute instance accepts project-wide SSH keys',
    severity: 'low',
    cwe: ['CWE-284'],
    description:
      'Without `block-project-ssh-keys = true`, every SSH key in the project metadata can log in to the ' +
      'instance, so one leaked project key opens every VM. Instances that use OS Login (on the instance or ' +
      'project-wide in the same configuration) ignore metadata keys and are not reported.',
    help: {
      bad: 'resource "google_compute_instance" "vm" {\n  name         = "vm"\n  machine_type = "e2-medium"\n  zone         = "europe-west1-b"\n\n  boot_disk {\n    initialize_params {\n      image = "debian-cloud/debian-12"\n    }\n  }\n\n  network_interface {\n    network = "default"\n  }\n}\n',
      good: 'resource "google_compute_instance" "vm" {\n  name         = "vm"\n  machine_type = "e2-medium"\n  zone         = "europe-west1-b"\n\n  boot_disk {\n    initialize_params {\n      image = "debian-cloud/debian-12"\n    }\n  }\n\n  network_interface {\n    network = "default"\n  }\n\n  metadata = {\n    block-project-ssh-keys = true\n  }\n}\n',
      fix: 'Set `block-project-ssh-keys = true` in the instance metadata, or better, enable OS Login.',
    },
    references: [
      'https://cloud.google.com/compute/docs/connect/restrict-ssh-keys#block-keys',
      'https://cloud.google.com/compute/docs/oslogin',
    ],
    checkov: ['CKV_GCP_32'],
  }),
  check(project, report) {
    if (projectMetadata(project, 'enable-oslogin').some((entry) => flagValue(entry.value) === true)) return;
    for (const resource of resourcesOf(project, ...INSTANCE_TYPES)) {
      const osLogin = mapEntry(resource.block, 'metadata', 'enable-oslogin');
      if (osLogin.kind === 'unknown' || (osLogin.kind === 'value' && flagValue(osLogin.value) !== false))
        continue;
      const blocked = mapEntry(resource.block, 'metadata', 'block-project-ssh-keys');
      if (blocked.kind === 'unknown') continue;
      if (blocked.kind === 'absent') reportAt(report, resource, undefined);
      else if (flagValue(blocked.value) === false) reportRange(report, resource, blocked.range, blocked.path);
    }
  },
};
