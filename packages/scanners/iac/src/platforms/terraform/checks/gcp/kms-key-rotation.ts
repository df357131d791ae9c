import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { asString, reportAt } from '../../query.js';
import { gcpMeta, lookup, ofType } from './support.js';

const NINETY_DAYS = 90 * 24 * 3600;

/** Seconds of a duration like `"7776000s"` (the provider's format); undefined when not understood. */
function seconds(text: string): number | undefined {
  const t = text.trim();
  if (!/^\d+(?:\.\d+)?s$/.test(t)) return undefined;
  return Number(t.slice(0, -1));
}

export const check: IacCheck<TfProject> = {
  meta: gcpMeta({
    id: 'iac/gcp-kms-key-rotation',
    title: 'KMS key is not rotated at least every 90 days',
    severity: 'medium',
    cwe: ['CWE-324'],
    description:
      'A symmetric Cloud KMS key without `rotation_period` (or with one longer than 90 days) keeps encrypting ' +
      'new data with the same key version for its whole life, which widens the impact of a compromised key ' +
      'version. Asymmetric and MAC keys, which cannot rotate automatically, are not reported.',
    help: {
      bad: 'resource "google_kms_crypto_key" "data" {\n  name     = "data"\n  key_ring = "projects/acme/locations/europe/keyRings/main"\n}\n',
      good: 'resource "google_kms_crypto_key" "data" {\n  name            = "data"\n  key_ring        = "projects/acme/locations/europe/keyRings/main"\n  rotation_period = "7776000s"\n}\n',
      fix: 'Set `rotation_period` to 7776000s (90 days) or less.',
    },
    references: [
      'https://cloud.google.com/kms/docs/key-rotation',
      'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/kms_crypto_key#rotation_period',
    ],
    checkov: ['CKV_GCP_43'],
    tags: ['owasp:A02:2021'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'google_kms_crypto_key')) {
      const purpose = lookup(resource.block, 'purpose');
      if (purpose.kind === 'unknown') continue;
      if (purpose.kind === 'value' && asString(purpose.value)?.toUpperCase() !== 'ENCRYPT_DECRYPT') continue;
      const period = lookup(resource.block, 'rotation_period');
      if (period.kind === 'unknown') continue;
      if (period.kind === 'absent' || period.value === null) {
        reportAt(report, resource, undefined, 'KMS key has no rotation period');
        continue;
      }
      const value = seconds(asString(period.value) ?? '');
      if (value !== undefined && value > NINETY_DAYS)
        reportAt(
          report,
          resource,
          period.found,
          `KMS key rotation period is ${Math.round(value / 86400)} days`,
        );
    }
  },
};
