import type { IacCheck } from '../../../../check.js';
import type { TfBlock, TfProject } from '../../model.js';
import { blocks } from '../../query.js';
import { awsMeta, encryptionByDefault, ofTypes, requireTrue, TF_DOCS } from './support.js';

/** Block devices of a resource that hold EBS volumes (ephemeral instance store devices are excluded). */
function devices(resource: { type: string; block: TfBlock }): TfBlock[] {
  if (resource.type === 'aws_launch_template')
    return blocks(resource.block, 'block_device_mappings').flatMap((mapping) => blocks(mapping, 'ebs'));
  return [...blocks(resource.block, 'root_block_device'), ...blocks(resource.block, 'ebs_block_device')];
}

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-ec2-block-device-not-encrypted',
    title: 'EC2 block device is not encrypted',
    severity: 'medium',
    cwe: ['CWE-311'],
    service: 'ec2',
    owasp: 'A02:2021',
    description:
      'EBS volumes declared in `root_block_device` / `ebs_block_device` of `aws_instance` and `aws_launch_configuration`, or in `block_device_mappings.ebs` of `aws_launch_template`, are unencrypted unless `encrypted = true` (or the account encrypts by default). Devices restored from a snapshot inherit its encryption and are skipped, as are projects that declare `aws_ebs_encryption_by_default` with `enabled = true`. Undeclared root volumes depend on the AMI and are not judged.',
    help: {
      bad: `resource "aws_launch_template" "web" {
  name_prefix = "web-"
  image_id    = "ami-0123456789abcdef0"

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size = 30
    }
  }
}
`,
      good: `resource "aws_launch_template" "web" {
  name_prefix = "web-"
  image_id    = "ami-0123456789abcdef0"

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size = 30
      encrypted   = true
    }
  }
}
`,
      fix: 'Set `encrypted = true` on each EBS block device, or enable `aws_ebs_encryption_by_default`.',
    },
    references: [
      'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html',
      `${TF_DOCS}instance#ebs-ephemeral-and-root-block-devices`,
    ],
    checkov: ['CKV_AWS_8'],
    precision: 'high',
  }),
  check(project, report) {
    if (encryptionByDefault(project)) return;
    for (const type of ['aws_instance', 'aws_launch_configuration', 'aws_launch_template']) {
      for (const resource of ofTypes(project, type)) {
        for (const device of devices(resource)) {
          const snapshot = device.attributes.snapshot_id;
          if (snapshot && snapshot.value !== null) continue;
          requireTrue(report, resource, device, 'encrypted');
        }
      }
    }
  },
};
