import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { awsMeta, encryptionByDefault, ofTypes, requireTrue, TF_DOCS } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-ebs-volume-not-encrypted',
    title: 'EBS volume is not encrypted',
    severity: 'medium',
    cwe: ['CWE-311'],
    service: 'ec2',
    owasp: 'A02:2021',
    description:
      'An unencrypted EBS volume, and every snapshot taken from it, stores data in the clear; a snapshot shared by mistake exposes it all. `aws_ebs_volume` is unencrypted unless `encrypted = true` or the account turns on EBS encryption by default. Volumes created from a snapshot inherit its encryption and are not flagged, nor are volumes in a project that declares `aws_ebs_encryption_by_default` with `enabled = true`.',
    help: {
      bad: `resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 100
}
`,
      good: `resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 100
  encrypted         = true
}
`,
      fix: 'Set `encrypted = true` (and `kms_key_id` for a customer managed key), or enable `aws_ebs_encryption_by_default` in every region.',
    },
    references: [
      'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html',
      `${TF_DOCS}ebs_volume#encrypted`,
    ],
    checkov: ['CKV_AWS_3'],
    precision: 'high',
  }),
  check(project, report) {
    if (encryptionByDefault(project)) return;
    for (const volume of ofTypes(project, 'aws_ebs_volume')) {
      const snapshot = volume.block.attributes.snapshot_id;
      if (snapshot && snapshot.value !== null) continue;
      requireTrue(report, volume, volume.block, 'encrypted');
    }
  },
};
