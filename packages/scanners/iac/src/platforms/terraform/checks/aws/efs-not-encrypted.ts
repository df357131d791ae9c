import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { awsMeta, ofTypes, requireTrue, TF_DOCS } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-efs-not-encrypted',
    title: 'EFS file system is not encrypted at rest',
    severity: 'medium',
    cwe: ['CWE-311'],
    service: 'efs',
    owasp: 'A02:2021',
    description:
      '`aws_efs_file_system` is created unencrypted unless `encrypted = true` (the console default is on, the API default is off), and encryption at rest cannot be added to an existing file system.',
    help: {
      bad: `resource "aws_efs_file_system" "shared" {
  creation_token = "shared"
}
`,
      good: `resource "aws_efs_file_system" "shared" {
  creation_token = "shared"
  encrypted      = true
}
`,
      fix: 'Set `encrypted = true` (optionally with `kms_key_id`); migrate existing data to a new encrypted file system.',
    },
    references: [
      'https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html',
      `${TF_DOCS}efs_file_system#encrypted`,
    ],
    checkov: ['CKV_AWS_42'],
    precision: 'high',
  }),
  check(project, report) {
    for (const fs of ofTypes(project, 'aws_efs_file_system')) requireTrue(report, fs, fs.block, 'encrypted');
  },
};
