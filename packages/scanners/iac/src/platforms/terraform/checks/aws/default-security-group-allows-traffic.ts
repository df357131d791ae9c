import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { atAttr, atBlock, awsMeta, emit, ofTypes, TF_DOCS } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-default-security-group-allows-traffic',
    title: 'Default security group has rules',
    severity: 'medium',
    cwe: ['CWE-284'],
    service: 'ec2',
    description:
      'Resources launched without an explicit security group land in the VPC default security group, so any rule on it silently applies to them. CIS AWS Foundations recommends that the default security group allows no traffic. Terraform removes every rule from the default group that `aws_default_security_group` does not declare, so declaring it with no `ingress`/`egress` rules is the fix.',
    help: {
      bad: `resource "aws_default_security_group" "default" {
  vpc_id = "vpc-0123456789abcdef0"

  ingress {
    protocol  = "-1"
    self      = true
    from_port = 0
    to_port   = 0
  }
}
`,
      good: `resource "aws_default_security_group" "default" {
  vpc_id = "vpc-0123456789abcdef0"
}
`,
      fix: 'Declare `aws_default_security_group` without rules and attach dedicated security groups to every resource.',
    },
    references: [
      'https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html',
      `${TF_DOCS}default_security_group`,
    ],
    checkov: ['CKV2_AWS_12'],
    precision: 'high',
  }),
  check(project, report) {
    for (const group of ofTypes(project, 'aws_default_security_group')) {
      for (const rule of group.block.blocks) {
        if (rule.type === 'ingress' || rule.type === 'egress') emit(report, group.address, atBlock(rule));
      }
      for (const name of ['ingress', 'egress']) {
        const attribute = group.block.attributes[name];
        if (attribute && Array.isArray(attribute.value) && attribute.value.length > 0)
          emit(report, group.address, atAttr(attribute));
      }
    }
  },
};
