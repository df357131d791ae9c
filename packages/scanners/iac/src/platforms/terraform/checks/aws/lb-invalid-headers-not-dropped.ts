import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { TF_DOCS, awsMeta, known, lower, ofTypes, requireTrue } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-lb-invalid-headers-not-dropped',
    title: 'Application load balancer does not drop invalid HTTP headers',
    severity: 'low',
    cwe: ['CWE-444'],
    service: 'elb',
    description:
      'With `drop_invalid_header_fields = false` (the default), an application load balancer forwards header names that do not conform to RFC 7230, which helps HTTP request smuggling and header injection against back ends that parse them differently. Checked on `aws_lb` / `aws_alb` of type `application` (the default type).',
    help: {
      bad: `resource "aws_lb" "web" {
  name               = "web"
  load_balancer_type = "application"
  subnets            = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]
}
`,
      good: `resource "aws_lb" "web" {
  name                       = "web"
  load_balancer_type         = "application"
  subnets                    = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]
  drop_invalid_header_fields = true
}
`,
      fix: 'Set `drop_invalid_header_fields = true`.',
    },
    references: [
      'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-attributes',
      `${TF_DOCS}lb#drop_invalid_header_fields`,
    ],
    checkov: ['CKV_AWS_131'],
    precision: 'high',
  }),
  check(project, report) {
    for (const lb of ofTypes(project, 'aws_lb', 'aws_alb')) {
      const type = lb.block.attributes.load_balancer_type?.value;
      if (type !== undefined && (!known(type) || lower(type) !== 'application')) continue;
      requireTrue(report, lb, lb.block, 'drop_invalid_header_fields');
    }
  },
};
