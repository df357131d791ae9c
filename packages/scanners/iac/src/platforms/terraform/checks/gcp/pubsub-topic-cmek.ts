import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { reportAt } from '../../query.js';
import { gcpMeta, lookup, ofType } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: gcpMeta({
    id: 'iac/gcp-pubsub-topic-cmek',
    title: 'Pub/Sub topic is not encrypted with a customer-managed key',
    severity: 'low',
    cwe: ['CWE-311'],
    description:
      'Pub/Sub encrypts messages with Google-managed keys. A customer-managed Cloud KMS key (`kms_key_name`) ' +
      'puts access to message data under your own key policy and audit logs, and lets you revoke it. Required ' +
      'by some compliance regimes for sensitive data.',
    help: {
      bad: 'resource "google_pubsub_topic" "orders" {\n  name = "orders"\n}\n',
      good: 'resource "google_pubsub_topic" "orders" {\n  name         = "orders"\n  kms_key_name = "projects/acme/locations/europe-west1/keyRings/pubsub/cryptoKeys/orders"\n}\n',
      fix: 'Set `kms_key_name` to a Cloud KMS key the Pub/Sub service agent can use.',
    },
    references: [
      'https://cloud.google.com/pubsub/docs/encryption',
      'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/pubsub_topic#kms_key_name',
    ],
    checkov: ['CKV_GCP_83'],
    tags: ['owasp:A02:2021'],
  }),
  check(project, report) {
    for (const resource of ofType(project, 'google_pubsub_topic')) {
      const key = lookup(resource.block, 'kms_key_name');
      if (key.kind === 'absent' || (key.kind === 'value' && (key.value === null || key.value === '')))
        reportAt(report, resource, undefined);
    }
  },
};
