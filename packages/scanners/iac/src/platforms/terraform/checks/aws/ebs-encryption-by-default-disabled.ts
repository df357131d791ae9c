import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { atAttr, awsMeta, emit, ofTypes, TF_DOCS } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-ebs-encryption-by-default-disabled',
    title: 'EBS encryption by default is turned off',
    severity: 'medium',
    cwe: ['CWE-311'],
    service: 'ec2',
    owasp: 'A02:2021',
    description:
      '`aws_ebs_encryption_by_default` with `enabled = false` lets every new volume and snapshot in the region be created unencrypted unless each one asks for encryption.',
    help: {
      bad: `resource "aws_ebs_encryption_by_default" "this" {
  enabled = false
}
`,
      good: `resource "aws_ebs_encryption_by_default" "this" {
  enabled = true
}
`,
      fix: 'Set `enabled = true` in every region you use.',
    },
    references: [
      'https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html',
      `${TF_DOCS}ebs_encryption_by_default`,
    ],
    checkov: ['CKV_AWS_106'],
    precision: 'high',
  }),
  check(project, report) {
    for (const setting of ofTypes(project, 'aws_ebs_encryption_by_default')) {
      const enabled = setting.block.attributes.enabled;
      if (enabled && (enabled.value === false || enabled.value === 'false'))
        emit(report, setting.address, atAttr(enabled));
    }
  },
};
