import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { TF_DOCS, awsMeta, emit, isAllTraffic, once, openIngressRules } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-sg-ingress-all-open',
    title: 'Security group allows all traffic from the internet',
    severity: 'high',
    cwe: ['CWE-284'],
    service: 'ec2',
    description:
      'An ingress rule with protocol `-1` (all traffic), or TCP/UDP ports 0-65535, from `0.0.0.0/0` or `::/0` exposes every service listening on the attached instances, including administration and database ports, to the whole internet. Security group rules are read from inline `ingress` blocks of `aws_security_group` and `aws_default_security_group`, `aws_security_group_rule` (type `ingress`) and `aws_vpc_security_group_ingress_rule`. Egress to everywhere is normal and not checked.',
    help: {
      bad: `resource "aws_vpc_security_group_ingress_rule" "any" {
  security_group_id = "sg-0123456789abcdef0"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}
`,
      good: `resource "aws_vpc_security_group_ingress_rule" "https" {
  security_group_id = "sg-0123456789abcdef0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}
`,
      fix: 'Open only the ports the service needs (for example 443), and only to the networks that need them.',
    },
    references: [
      'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
      `${TF_DOCS}security_group`,
    ],
    checkov: ['CKV_AWS_277'],
    precision: 'high',
  }),
  check(project, report) {
    const emitOnce = once(report);
    for (const rule of openIngressRules(project)) {
      if (!isAllTraffic(rule)) continue;
      for (const where of rule.open) emit(emitOnce, rule.owner.address, where);
    }
  },
};
