import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { awsMeta, known, ofTypes, requireTrue, TF_DOCS } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-kms-key-rotation-disabled',
    title: 'KMS key rotation is not enabled',
    severity: 'medium',
    cwe: ['CWE-324'],
    service: 'kms',
    owasp: 'A02:2021',
    description:
      'Automatic rotation gives a customer managed key new key material every year (or the configured period) while old ciphertext stays readable, limiting how much data one compromised key version protects. `enable_key_rotation` defaults to `false`. Only symmetric encryption keys support rotation: asymmetric and HMAC keys (`customer_master_key_spec` other than `SYMMETRIC_DEFAULT`, `key_usage` other than `ENCRYPT_DECRYPT`) are skipped.',
    help: {
      bad: `resource "aws_kms_key" "data" {
  description = "application data"
}
`,
      good: `resource "aws_kms_key" "data" {
  description         = "application data"
  enable_key_rotation = true
}
`,
      fix: 'Set `enable_key_rotation = true` (optionally with `rotation_period_in_days`).',
    },
    references: [
      'https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html',
      `${TF_DOCS}kms_key#enable_key_rotation`,
    ],
    checkov: ['CKV_AWS_7'],
    precision: 'high',
  }),
  check(project, report) {
    for (const key of ofTypes(project, 'aws_kms_key')) {
      const spec = key.block.attributes.customer_master_key_spec?.value;
      const usage = key.block.attributes.key_usage?.value;
      if (spec !== undefined && spec !== 'SYMMETRIC_DEFAULT' && spec !== null) continue;
      if (usage !== undefined && usage !== 'ENCRYPT_DECRYPT' && usage !== null) continue;
      if ((spec !== undefined && !known(spec)) || (usage !== undefined && !known(usage))) continue;
      requireTrue(report, key, key.block, 'enable_key_rotation');
    }
  },
};
