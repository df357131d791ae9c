import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { TF_DOCS, atAttr, awsMeta, emit, ofTypes } from './support.js';

/** ELB security policies that still accept TLS 1.0 or 1.1. */
const OUTDATED = new Set([
  'ELBSecurityPolicy-2016-08',
  'ELBSecurityPolicy-2015-05',
  'ELBSecurityPolicy-2015-03',
  'ELBSecurityPolicy-2015-02',
  'ELBSecurityPolicy-2014-10',
  'ELBSecurityPolicy-2014-01',
  'ELBSecurityPolicy-2011-08',
  'ELBSecurityPolicy-TLS-1-0-2015-04',
  'ELBSecurityPolicy-TLS-1-1-2017-01',
  'ELBSecurityPolicy-FS-2018-06',
  'ELBSecurityPolicy-FS-1-1-2019-08',
]);
const OUTDATED_PREFIXES = ['ELBSecurityPolicy-TLS13-1-0-', 'ELBSecurityPolicy-TLS13-1-1-'];

function isOutdatedTlsPolicy(name: string): boolean {
  return OUTDATED.has(name) || OUTDATED_PREFIXES.some((prefix) => name.startsWith(prefix));
}

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-lb-outdated-tls-policy',
    title: 'Load balancer listener accepts TLS 1.0 or 1.1',
    severity: 'medium',
    cwe: ['CWE-327'],
    service: 'elb',
    owasp: 'A02:2021',
    description:
      'Security policies such as `ELBSecurityPolicy-2016-08`, `ELBSecurityPolicy-TLS-1-1-2017-01` or `ELBSecurityPolicy-TLS13-1-0-2021-06` still negotiate TLS 1.0/1.1, deprecated by RFC 8996 and refused by PCI DSS. Checked on the `ssl_policy` of `aws_lb_listener` and `aws_alb_listener`; listeners that do not set it get the current AWS default and are not flagged.',
    help: {
      bad: `resource "aws_lb_listener" "web" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188"
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-2016-08"
  certificate_arn   = "arn:aws:acm:eu-west-1:111122223333:certificate/9f3e6a9c-2b1d-4c6e-8f0a-1234567890ab"

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/73e2d6bc24d8a067"
  }
}
`,
      good: `resource "aws_lb_listener" "web" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188"
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = "arn:aws:acm:eu-west-1:111122223333:certificate/9f3e6a9c-2b1d-4c6e-8f0a-1234567890ab"

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/73e2d6bc24d8a067"
  }
}
`,
      fix: 'Use `ELBSecurityPolicy-TLS13-1-2-2021-06` (or another TLS 1.2+ policy).',
    },
    references: [
      'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html',
      `${TF_DOCS}lb_listener#ssl_policy`,
    ],
    checkov: ['CKV_AWS_103'],
    precision: 'high',
  }),
  check(project, report) {
    for (const listener of ofTypes(project, 'aws_lb_listener', 'aws_alb_listener')) {
      const policy = listener.block.attributes.ssl_policy;
      if (policy && typeof policy.value === 'string' && isOutdatedTlsPolicy(policy.value.trim()))
        emit(
          report,
          listener.address,
          atAttr(policy),
          `Load balancer listener uses ${policy.value.trim()}, which accepts TLS 1.0 or 1.1`,
        );
    }
  },
};
