import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { blocks } from '../../query.js';
import { awsMeta, forbidTrue, ofTypes, TF_DOCS } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-ec2-public-ip',
    title: 'EC2 instance gets a public IP address',
    severity: 'low',
    cwe: ['CWE-284'],
    service: 'ec2',
    description:
      '`associate_public_ip_address = true` puts the instance directly on the internet, where its security group is the only barrier. Most workloads belong in private subnets behind a load balancer or NAT gateway. Checked on `aws_instance`, `aws_launch_configuration` and the `network_interfaces` of `aws_launch_template`.',
    help: {
      bad: `resource "aws_instance" "worker" {
  ami                         = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  associate_public_ip_address = true
}
`,
      good: `resource "aws_instance" "worker" {
  ami                         = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  subnet_id                   = "subnet-0123456789abcdef0"
  associate_public_ip_address = false
}
`,
      fix: 'Launch into a private subnet with `associate_public_ip_address = false`; expose services through a load balancer.',
    },
    references: [
      'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-instance-addressing.html#concepts-public-addresses',
      `${TF_DOCS}instance#associate_public_ip_address`,
    ],
    checkov: ['CKV_AWS_88'],
    precision: 'high',
  }),
  check(project, report) {
    for (const resource of [
      ...ofTypes(project, 'aws_instance'),
      ...ofTypes(project, 'aws_launch_configuration'),
    ])
      forbidTrue(report, resource, resource.block, 'associate_public_ip_address');
    for (const template of ofTypes(project, 'aws_launch_template')) {
      for (const nic of blocks(template.block, 'network_interfaces'))
        forbidTrue(report, template, nic, 'associate_public_ip_address');
    }
  },
};
