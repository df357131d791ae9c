import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { atAttr, awsMeta, emit, findAwsSecret, ofTypes, TF_DOCS } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-ec2-user-data-secrets',
    title: 'EC2 user data contains AWS credentials',
    severity: 'critical',
    cwe: ['CWE-798'],
    service: 'ec2',
    owasp: 'A07:2021',
    description:
      'User data is readable by anyone who can describe the instance or reach its metadata service, is kept in the Terraform state and is often logged. An AWS access key ID (`AKIA...`/`ASIA...`) or an `aws_secret_access_key` assignment in it is a leaked credential. Checked in `user_data` and `user_data_base64` (decoded) of `aws_instance`, `aws_launch_template` and `aws_launch_configuration` when the value is known.',
    help: {
      bad: `resource "aws_instance" "worker" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    #!/bin/bash
    export AWS_ACCESS_KEY_ID=AKIAQWERTYUIOPASDFGH
    /opt/app/start
  EOT
}
`,
      good: `resource "aws_instance" "worker" {
  ami                  = "ami-0123456789abcdef0"
  instance_type        = "t3.micro"
  iam_instance_profile = "worker"
  user_data            = <<-EOT
    #!/bin/bash
    /opt/app/start
  EOT
}
`,
      fix: 'Remove the keys (and rotate them); give the instance an IAM instance profile, and fetch other secrets from Secrets Manager or SSM Parameter Store at boot.',
    },
    references: [
      'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/user-data.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html',
      `${TF_DOCS}instance#user_data`,
    ],
    checkov: ['CKV_AWS_46'],
    precision: 'high',
  }),
  check(project, report) {
    for (const type of ['aws_instance', 'aws_launch_template', 'aws_launch_configuration']) {
      for (const resource of ofTypes(project, type)) {
        for (const name of ['user_data', 'user_data_base64']) {
          const attribute = resource.block.attributes[name];
          if (!attribute || typeof attribute.value !== 'string') continue;
          const found = findAwsSecret(attribute.value);
          if (found) emit(report, resource.address, atAttr(attribute), `EC2 user data contains ${found}`);
        }
      }
    }
  },
};
