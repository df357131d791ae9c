import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { block } from '../../query.js';
import { TF_DOCS, atResource, awsMeta, emit, ofTypes } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-api-gateway-stage-no-access-logs',
    title: 'API Gateway stage has no access logging',
    severity: 'low',
    cwe: ['CWE-778'],
    service: 'apigateway',
    owasp: 'A09:2021',
    description:
      'Without an `access_log_settings` block, the stage keeps no record of who called which route, from where and with what result, which leaves abuse of the API uninvestigable. Checked on `aws_api_gateway_stage` (REST) and `aws_apigatewayv2_stage` (HTTP and WebSocket).',
    help: {
      bad: `resource "aws_api_gateway_stage" "prod" {
  rest_api_id   = "a1b2c3d4e5"
  deployment_id = "abc123"
  stage_name    = "prod"
}
`,
      good: `resource "aws_api_gateway_stage" "prod" {
  rest_api_id   = "a1b2c3d4e5"
  deployment_id = "abc123"
  stage_name    = "prod"

  access_log_settings {
    destination_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:api-prod"
    format          = jsonencode({ requestId = "$context.requestId", ip = "$context.identity.sourceIp", status = "$context.status" })
  }
}
`,
      fix: 'Add `access_log_settings` with a CloudWatch Logs group (or Firehose) destination and a format that includes the caller and status.',
    },
    references: [
      'https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html',
      `${TF_DOCS}api_gateway_stage#access_log_settings`,
    ],
    checkov: ['CKV_AWS_76'],
    precision: 'high',
  }),
  check(project, report) {
    for (const stage of ofTypes(project, 'aws_api_gateway_stage', 'aws_apigatewayv2_stage')) {
      if (!block(stage.block, 'access_log_settings')) emit(report, stage.address, atResource(stage));
    }
  },
};
