import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { blocks } from '../../query.js';
import { TF_DOCS, atAttr, awsMeta, emit, known, lower, ofTypes } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-lb-http-listener',
    title: 'Load balancer listener serves plain HTTP without redirecting to HTTPS',
    severity: 'medium',
    cwe: ['CWE-319'],
    service: 'elb',
    owasp: 'A02:2021',
    description:
      'A listener with `protocol = "HTTP"` whose default action forwards traffic sends requests, cookies and credentials in clear text across the network. An HTTP listener is fine when its default action redirects to HTTPS. Checked on `aws_lb_listener` and `aws_alb_listener`.',
    help: {
      bad: `resource "aws_lb_listener" "web" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188"
  port              = 80
  protocol          = "HTTP"

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/73e2d6bc24d8a067"
  }
}
`,
      good: `resource "aws_lb_listener" "web" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188"
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "redirect"
    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}
`,
      fix: "Serve the application on an HTTPS listener and make the HTTP listener's default action a redirect to HTTPS.",
    },
    references: [
      'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html#redirect-actions',
      `${TF_DOCS}lb_listener`,
    ],
    checkov: ['CKV_AWS_2', 'CKV2_AWS_20'],
    precision: 'high',
  }),
  check(project, report) {
    for (const listener of ofTypes(project, 'aws_lb_listener', 'aws_alb_listener')) {
      const protocol = listener.block.attributes.protocol;
      if (!protocol || lower(protocol.value) !== 'http') continue;
      const actions = blocks(listener.block, 'default_action');
      const redirects = actions.some((action) => {
        const type = action.attributes.type?.value;
        if (!known(type)) return true;
        if (lower(type) !== 'redirect') return false;
        const target = blocks(action, 'redirect')[0]?.attributes.protocol?.value;
        return (
          target === undefined || !known(target) || lower(target) === 'https' || target === '#{protocol}'
        );
      });
      if (actions.length === 0 || redirects) continue;
      emit(report, listener.address, atAttr(protocol));
    }
  },
};
