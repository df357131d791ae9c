import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { block } from '../../query.js';
import { atResource, awsMeta, emit, ofTypes, TF_DOCS } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-lambda-tracing-disabled',
    title: 'Lambda function has no X-Ray tracing configuration',
    severity: 'low',
    cwe: ['CWE-778'],
    service: 'lambda',
    owasp: 'A09:2021',
    description:
      'X-Ray tracing (`tracing_config`) records invocations and their calls to other services, which helps to follow a suspicious request across a serverless application. `mode = "Active"` samples requests itself; `"PassThrough"` traces the requests that arrive already sampled (from API Gateway, say). A function without `tracing_config` is not traced.',
    help: {
      bad: `resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = "arn:aws:iam::111122223333:role/api-lambda"
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = "api.zip"
}
`,
      good: `resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = "arn:aws:iam::111122223333:role/api-lambda"
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = "api.zip"

  tracing_config {
    mode = "Active"
  }
}
`,
      fix: 'Add `tracing_config { mode = "Active" }` and allow the role `xray:PutTraceSegments` (the `AWSXRayDaemonWriteAccess` policy).',
    },
    references: [
      'https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html',
      `${TF_DOCS}lambda_function#tracing_config`,
    ],
    checkov: ['CKV_AWS_50'],
    precision: 'high',
  }),
  check(project, report) {
    for (const fn of ofTypes(project, 'aws_lambda_function')) {
      const tracing = block(fn.block, 'tracing_config');
      if (!tracing) emit(report, fn.address, atResource(fn));
    }
  },
};
