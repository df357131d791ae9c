import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { TF_DOCS, awsMeta, emit, once, openIngressRules, opensTcpPort } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-sg-ingress-rdp-open',
    title: 'Security group allows RDP (port 3389) from the internet',
    severity: 'high',
    cwe: ['CWE-284'],
    service: 'ec2',
    description:
      'An ingress rule that allows TCP port 3389 from `0.0.0.0/0` or `::/0` exposes Remote Desktop, a favourite entry point for ransomware operators, to the whole internet. Security group rules are read from inline `ingress` blocks of `aws_security_group` and `aws_default_security_group`, `aws_security_group_rule` (type `ingress`) and `aws_vpc_security_group_ingress_rule`. Rules that open every protocol or the whole port range are reported by `iac/aws-sg-ingress-all-open` instead. Egress rules are not checked.',
    help: {
      bad: `resource "aws_security_group" "admin" {
  name   = "admin"
  vpc_id = "vpc-0123456789abcdef0"

  ingress {
    from_port   = 3389
    to_port     = 3389
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`,
      good: `resource "aws_security_group" "admin" {
  name   = "admin"
  vpc_id = "vpc-0123456789abcdef0"

  ingress {
    from_port   = 3389
    to_port     = 3389
    protocol    = "tcp"
    cidr_blocks = ["10.20.0.0/16"]
  }
}
`,
      fix: 'Allow RDP only from a VPN or corporate range, or use Fleet Manager / Session Manager port forwarding instead of inbound RDP.',
    },
    references: [
      'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
      `${TF_DOCS}security_group`,
    ],
    checkov: ['CKV_AWS_25'],
    precision: 'high',
  }),
  check(project, report) {
    const emitOnce = once(report);
    for (const rule of openIngressRules(project)) {
      if (!opensTcpPort(rule, 3389)) continue;
      for (const where of rule.open) emit(emitOnce, rule.owner.address, where);
    }
  },
};
