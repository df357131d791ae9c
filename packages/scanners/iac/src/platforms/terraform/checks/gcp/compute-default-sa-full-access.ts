import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { asString } from '../../query.js';
import {
  INSTANCE_TYPES,
  gcpMeta,
  isOpaque,
  lookup,
  reportRange,
  resourcesOf,
  stringItems,
} from './support.js';

const FULL_SCOPES = new Set(['cloud-platform', 'https://www.googleapis.com/auth/cloud-platform']);

export const check: IacCheck<TfProject> = {
  meta: gcpMeta({
    id: 'iac/gcp-compute-default-sa-full-access',
    title: 'Compute instance uses the default service account with full API access',
    severity: 'high',
    cwe: ['CWE-250', 'CWE-269'],
    description:
      'The Compute Engine default service account holds the Editor role on the project. With the ' +
      '`cloud-platform` scope, anyone who gets code execution on the instance (or an SSRF to the metadata ' +
      'server) can use its token to modify almost anything in the project.',
    help: {
      bad: 'resource "google_compute_instance" "vm" {\n  name         = "vm"\n  machine_type = "e2-medium"\n  zone         = "europe-west1-b"\n\n  boot_disk {\n    initialize_params {\n      image = "debian-cloud/debian-12"\n    }\n  }\n\n  network_interface {\n    network = "default"\n  }\n\n  service_account {\n    scopes = ["cloud-platform"]\n  }\n}\n',
      good: 'resource "google_service_account" "vm" {\n  account_id = "vm-runtime"\n}\n\nresource "google_compute_instance" "vm" {\n  name         = "vm"\n  machine_type = "e2-medium"\n  zone         = "europe-west1-b"\n\n  boot_disk {\n    initialize_params {\n      image = "debian-cloud/debian-12"\n    }\n  }\n\n  network_interface {\n    network = "default"\n  }\n\n  service_account {\n    email  = google_service_account.vm.email\n    scopes = ["cloud-platform"]\n  }\n}\n',
      fix: 'Run the instance as a dedicated service account with only the roles it needs (the `cloud-platform` scope is fine then: IAM limits access).',
    },
    references: [
      'https://cloud.google.com/compute/docs/access/service-accounts#default_service_account',
      'https://cloud.google.com/compute/docs/access/create-enable-service-accounts-for-instances',
    ],
    checkov: ['CKV_GCP_31'],
    tags: ['owasp:A01:2021'],
  }),
  check(project, report) {
    for (const resource of resourcesOf(project, ...INSTANCE_TYPES)) {
      const account = resource.block.blocks.find((b) => b.type === 'service_account');
      if (!account || isOpaque(account)) continue;
      const email = lookup(account, 'email');
      if (email.kind === 'unknown') continue;
      if (email.kind === 'value' && email.value !== null) {
        const text = asString(email.value)?.toLowerCase();
        if (
          text === undefined ||
          !(text === 'default' || text.endsWith('-compute@developer.gserviceaccount.com'))
        )
          continue;
      }
      const scopes = lookup(account, 'scopes');
      if (scopes.kind !== 'value') continue;
      if (stringItems(scopes.value).items.some((scope) => FULL_SCOPES.has(scope.trim().toLowerCase())))
        reportRange(report, resource, scopes.found.range, scopes.found.path);
    }
  },
};
