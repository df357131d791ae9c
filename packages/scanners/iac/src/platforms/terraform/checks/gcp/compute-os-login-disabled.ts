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
    id: 'iac/gcp-compute-os-login-disabled',
    title: 'Compute instance turns OS Login off',
    severity: 'medium',
    cwe: ['CWE-284'],
    description:
      '`enable-oslogin = "FALSE"` in instance (or project) metadata overrides OS Login, so SSH access falls ' +
      'back to keys stored in metadata: they are not tied to IAM, not revoked when a person leaves, and any ' +
      'user who can edit metadata can add one.',
    help: {
      bad: 'resource "google_compute_instance" "vm" {\n  name         = "vm"\n  machine_type = "e2-medium"\n  zone         = "europe-west1-b"\n\n  boot_disk {\n    initialize_params {\n      image = "debian-cloud/debian-12"\n    }\n  }\n\n  network_interface {\n    network = "default"\n  }\n\n  metadata = {\n    enable-oslogin = "FALSE"\n  }\n}\n',
      good: 'resource "google_compute_instance" "vm" {\n  name         = "vm"\n  machine_type = "e2-medium"\n  zone         = "europe-west1-b"\n\n  boot_disk {\n    initialize_params {\n      image = "debian-cloud/debian-12"\n    }\n  }\n\n  network_interface {\n    network = "default"\n  }\n\n  metadata = {\n    enable-oslogin = "TRUE"\n  }\n}\n',
      fix: 'Remove the `enable-oslogin = "FALSE"` override, and enable OS Login project-wide (`google_compute_project_metadata_item` with `enable-oslogin = "TRUE"`).',
    },
    references: [
      'https://cloud.google.com/compute/docs/oslogin/set-up-oslogin',
      'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_project_metadata_item',
    ],
    checkov: ['CKV_GCP_34'],
    tags: ['owasp:A07:2021'],
  }),
  check(project, report) {
    for (const resource of resourcesOf(project, ...INSTANCE_TYPES)) {
      const entry = mapEntry(resource.block, 'metadata', 'enable-oslogin');
      if (entry.kind === 'value' && flagValue(entry.value) === false)
        reportRange(report, resource, entry.range, entry.path);
    }
    for (const entry of projectMetadata(project, 'enable-oslogin'))
      if (flagValue(entry.value) === false)
        reportRange(report, entry.resource, entry.range, entry.path, 'Project metadata turns OS Login off');
  },
};
