import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { atAttr, atBlock, atResource, awsMeta, emit, known, ofTypes, refersTo, TF_DOCS } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-default-security-group-allows-traffic',
    title: 'Default security group has rules',
    severity: 'medium',
    cwe: ['CWE-284'],
    service: 'ec2',
    description:
      'Resources launched without an explicit security group land in the VPC default security group, so any rule on it silently applies to them. CIS AWS Foundations recommends that the default security group allows no traffic. Terraform removes every rule from the default group that `aws_default_security_group` does not declare, so declaring it with no `ingress`/`egress` rules is the fix. A VPC created without such a declaration keeps the AWS default rules (all traffic between members of the group, all egress) and is reported too, as are rules attached to the default group as separate resources.',
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
    const defaults = ofTypes(project, 'aws_default_security_group');
    // A VPC whose default group is not declared keeps AWS's rules: all traffic between members, all egress.
    const unresolved = defaults.some((group) => {
      const vpcId = group.block.attributes.vpc_id;
      return (
        !vpcId || (!known(vpcId.value) && !vpcId.references.some((ref) => /(^|\.)aws_vpc\.[^.]+$/.test(ref)))
      );
    });
    if (!unresolved)
      for (const vpc of ofTypes(project, 'aws_vpc')) {
        if (defaults.some((group) => refersTo(group.block.attributes.vpc_id, vpc))) continue;
        emit(
          report,
          vpc.address,
          atResource(vpc),
          "VPC's default security group keeps AWS's default rules (all traffic between its members, all egress): declare it with aws_default_security_group and no rules",
        );
      }
    // Rules attached to the default group as separate resources.
    for (const rule of ofTypes(
      project,
      'aws_security_group_rule',
      'aws_vpc_security_group_ingress_rule',
      'aws_vpc_security_group_egress_rule',
    )) {
      const group = defaults.find((g) => refersTo(rule.block.attributes.security_group_id, g));
      if (group) emit(report, group.address, atResource(rule));
    }
    for (const group of defaults) {
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
