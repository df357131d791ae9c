import type { IacCheck } from '../../../../check.js';
import type { TfBlock, TfProject } from '../../model.js';
import { block, reportAt } from '../../query.js';
import { gcpMeta, isOpaque, lookup, ofType } from './support.js';

const KEY_ATTRIBUTES = [
  'kms_key_self_link',
  'kms_key_name',
  'raw_key',
  'rsa_encrypted_key',
  'disk_encryption_key_raw',
  'disk_encryption_key_rsa',
];

/** Whether a disk-like block names a customer key: true, false, or undefined when unknown. */
function customerKey(disk: TfBlock, keyBlock: string | undefined): boolean | undefined {
  let unknown = false;
  for (const name of KEY_ATTRIBUTES) {
    const l = lookup(disk, name);
    if (l.kind === 'unknown') unknown = true;
    if (l.kind === 'value' && l.value !== null && l.value !== '') return true;
  }
  if (keyBlock !== undefined) {
    const nested = block(disk, keyBlock);
    if (nested) {
      if (isOpaque(nested)) return undefined;
      const inner = customerKey(nested, undefined);
      if (inner !== false) return inner;
    }
  }
  return unknown ? undefined : false;
}

export const check: IacCheck<TfProject> = {
  meta: gcpMeta({
    id: 'iac/gcp-compute-disk-cmek',
    title: 'Compute disk is not encrypted with a customer-managed or customer-supplied key',
    severity: 'low',
    cwe: ['CWE-311'],
    description:
      'Compute Engine encrypts every disk with Google-managed keys. A customer-managed (Cloud KMS) or ' +
      'customer-supplied key adds control: key access is governed and audited separately, and disabling the key ' +
      'makes the data unreadable. Required by some compliance regimes for sensitive workloads.',
    help: {
      bad: 'resource "google_compute_disk" "data" {\n  name = "data"\n  type = "pd-ssd"\n  zone = "europe-west1-b"\n  size = 100\n}\n',
      good: 'resource "google_compute_disk" "data" {\n  name = "data"\n  type = "pd-ssd"\n  zone = "europe-west1-b"\n  size = 100\n\n  disk_encryption_key {\n    kms_key_self_link = "projects/acme/locations/europe-west1/keyRings/disks/cryptoKeys/data"\n  }\n}\n',
      fix: 'Add `disk_encryption_key { kms_key_self_link = ... }` (disks) or `kms_key_self_link` in `boot_disk` (instances).',
    },
    references: [
      'https://cloud.google.com/compute/docs/disks/customer-managed-encryption',
      'https://cloud.google.com/compute/docs/disks/customer-supplied-encryption',
    ],
    checkov: ['CKV_GCP_37', 'CKV_GCP_38'],
    tags: ['owasp:A02:2021'],
  }),
  check(project, report) {
    for (const type of ['google_compute_disk', 'google_compute_region_disk'])
      for (const resource of ofType(project, type))
        if (customerKey(resource.block, 'disk_encryption_key') === false)
          reportAt(report, resource, undefined);
    for (const resource of ofType(project, 'google_compute_instance')) {
      const boot = block(resource.block, 'boot_disk');
      if (!boot || isOpaque(boot)) continue;
      // A boot disk attached from an existing `source` disk is checked on that disk.
      if (lookup(boot, 'source').kind !== 'absent') continue;
      if (customerKey(boot, undefined) === false)
        reportAt(
          report,
          resource,
          undefined,
          'Boot disk is not encrypted with a customer-managed or customer-supplied key',
        );
    }
  },
};
