import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { block } from '../../query.js';
import { TF_DOCS, atAttr, atResource, awsMeta, emit, known, lower, ofTypes } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-lb-access-logs-disabled',
    title: 'Load balancer access logs are not enabled',
    severity: 'low',
    cwe: ['CWE-778'],
    service: 'elb',
    owasp: 'A09:2021',
    description:
      'Access logs record every request the load balancer receives (client IP, path, status, TLS details) and are often the only record of an attack against the application. For `aws_lb` / `aws_alb` the `access_logs` block must set `enabled = true` (its default is `false` even when a bucket is given); for classic `aws_elb` an `access_logs` block is enabled unless it says otherwise. Gateway load balancers, which have no access logs, are skipped.',
    help: {
      bad: `resource "aws_lb" "web" {
  name    = "web"
  subnets = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]
}
`,
      good: `resource "aws_lb" "web" {
  name    = "web"
  subnets = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]

  access_logs {
    bucket  = "example-lb-logs"
    prefix  = "web"
    enabled = true
  }
}
`,
      fix: 'Add an `access_logs` block with a bucket and `enabled = true`.',
    },
    references: [
      'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html',
      `${TF_DOCS}lb#access_logs`,
    ],
    checkov: ['CKV_AWS_91', 'CKV_AWS_92'],
    precision: 'medium',
  }),
  check(project, report) {
    for (const lb of ofTypes(project, 'aws_lb', 'aws_alb', 'aws_elb')) {
      const type = lb.block.attributes.load_balancer_type?.value;
      if (type !== undefined && (!known(type) || lower(type) === 'gateway')) continue;
      const logs = block(lb.block, 'access_logs');
      if (!logs) {
        emit(report, lb.address, atResource(lb));
        continue;
      }
      const enabled = logs.attributes.enabled;
      if (!enabled) {
        if (lb.type !== 'aws_elb')
          emit(report, lb.address, {
            path: logs.path,
            start: logs.headerRange.start,
            end: logs.headerRange.end,
          });
      } else if (enabled.value === false || enabled.value === 'false')
        emit(report, lb.address, atAttr(enabled));
    }
  },
};
