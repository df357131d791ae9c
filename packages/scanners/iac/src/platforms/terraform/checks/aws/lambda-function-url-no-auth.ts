import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { atAttr, awsMeta, emit, ofTypes, TF_DOCS } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-lambda-function-url-no-auth',
    title: 'Lambda function URL has no authentication',
    severity: 'medium',
    cwe: ['CWE-306'],
    service: 'lambda',
    owasp: 'A01:2021',
    description:
      'A function URL with `authorization_type = "NONE"` is a public HTTPS endpoint: anyone can invoke the function (and run up its cost). It is right only for functions that authenticate requests themselves, such as webhook receivers that verify a signature; suppress those with a reason.',
    help: {
      bad: `resource "aws_lambda_function_url" "api" {
  function_name      = "api"
  authorization_type = "NONE"
}
`,
      good: `resource "aws_lambda_function_url" "api" {
  function_name      = "api"
  authorization_type = "AWS_IAM"
}
`,
      fix: 'Use `authorization_type = "AWS_IAM"` and sign requests with SigV4 (or put API Gateway with an authorizer in front).',
    },
    references: [
      'https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html',
      `${TF_DOCS}lambda_function_url`,
    ],
    checkov: ['CKV_AWS_258'],
    precision: 'medium',
  }),
  check(project, report) {
    for (const url of ofTypes(project, 'aws_lambda_function_url')) {
      const type = url.block.attributes.authorization_type;
      if (type && typeof type.value === 'string' && type.value.trim().toUpperCase() === 'NONE')
        emit(report, url.address, atAttr(type));
    }
  },
};
