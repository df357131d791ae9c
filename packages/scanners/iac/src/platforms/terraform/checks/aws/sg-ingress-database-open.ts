import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { TF_DOCS, awsMeta, emit, once, openIngressRules, opensTcpPort } from './support.js';

const DATABASE_PORTS: [number, string][] = [
  [1433, 'SQL Server'],
  [1521, 'Oracle'],
  [3306, 'MySQL'],
  [5432, 'PostgreSQL'],
  [6379, 'Redis'],
  [9200, 'Elasticsearch'],
  [27017, 'MongoDB'],
];

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-sg-ingress-database-open',
    title: 'Security group allows a database port from the internet',
    severity: 'high',
    cwe: ['CWE-284'],
    service: 'ec2',
    description:
      'An ingress rule that allows a database port (MySQL 3306, PostgreSQL 5432, SQL Server 1433, Oracle 1521, MongoDB 27017, Redis 6379, Elasticsearch 9200) from `0.0.0.0/0` or `::/0` puts the data store within reach of mass scanners that try default credentials and known exploits. Security group rules are read from inline `ingress` blocks, `aws_security_group_rule` and `aws_vpc_security_group_ingress_rule`; rules that open all traffic are reported by `iac/aws-sg-ingress-all-open` instead.',
    help: {
      bad: `resource "aws_security_group_rule" "postgres" {
  type              = "ingress"
  security_group_id = "sg-0123456789abcdef0"
  protocol          = "tcp"
  from_port         = 5432
  to_port           = 5432
  cidr_blocks       = ["0.0.0.0/0"]
}
`,
      good: `resource "aws_security_group_rule" "postgres" {
  type                     = "ingress"
  security_group_id        = "sg-0123456789abcdef0"
  protocol                 = "tcp"
  from_port                = 5432
  to_port                  = 5432
  source_security_group_id = "sg-0fedcba9876543210"
}
`,
      fix: 'Allow the database port only from the application tier security group or private CIDR ranges; keep databases in private subnets.',
    },
    references: [
      'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
      `${TF_DOCS}security_group_rule`,
    ],
    precision: 'high',
  }),
  check(project, report) {
    const emitOnce = once(report);
    for (const rule of openIngressRules(project)) {
      const ports = DATABASE_PORTS.filter(([port]) => opensTcpPort(rule, port));
      if (ports.length === 0) continue;
      const message = `Security group allows ${ports.map(([port, name]) => `${name} (${port})`).join(', ')} from the internet`;
      for (const where of rule.open) emit(emitOnce, rule.owner.address, where, message);
    }
  },
};
