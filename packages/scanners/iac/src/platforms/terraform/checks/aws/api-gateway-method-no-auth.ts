import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { atAttr, awsMeta, emit, lower, ofTypes, TF_DOCS, trueOrUnknown } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-api-gateway-method-no-auth',
    title: 'API Gateway method has no authorization',
    severity: 'medium',
    cwe: ['CWE-306'],
    service: 'apigateway',
    owasp: 'A01:2021',
    description:
      'An `aws_api_gateway_method` with `authorization = "NONE"` can be called by anyone who finds the URL, reaching the back end (Lambda, HTTP service, AWS integration) without any identity. `OPTIONS` methods (CORS preflight) and methods that require an API key are not flagged; public endpoints that are meant to be anonymous can be suppressed with a reason.',
    help: {
      bad: `resource "aws_api_gateway_method" "orders_post" {
  rest_api_id   = "a1b2c3d4e5"
  resource_id   = "f6g7h8"
  http_method   = "POST"
  authorization = "NONE"
}
`,
      good: `resource "aws_api_gateway_method" "orders_post" {
  rest_api_id   = "a1b2c3d4e5"
  resource_id   = "f6g7h8"
  http_method   = "POST"
  authorization = "AWS_IAM"
}
`,
      fix: 'Use `AWS_IAM`, `COGNITO_USER_POOLS` or a `CUSTOM` Lambda authorizer.',
    },
    references: [
      'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html',
      `${TF_DOCS}api_gateway_method#authorization`,
    ],
    checkov: ['CKV_AWS_59'],
    precision: 'medium',
  }),
  check(project, report) {
    for (const method of ofTypes(project, 'aws_api_gateway_method')) {
      const authorization = method.block.attributes.authorization;
      if (!authorization || lower(authorization.value) !== 'none') continue;
      const verb = method.block.attributes.http_method?.value;
      if (lower(verb) === 'options' || (verb !== undefined && lower(verb) === undefined)) continue;
      const apiKey = method.block.attributes.api_key_required?.value;
      if (apiKey !== undefined && trueOrUnknown(apiKey)) continue;
      emit(report, method.address, atAttr(authorization));
    }
  },
};
