import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { get } from '../../query.js';
import { atAttr, awsMeta, emit, findAccessKeyId, objectEntryAt, ofTypes, TF_DOCS } from './support.js';

/** Parts of a variable name that announce a secret. */
const SECRET_WORDS = [
  'PASSWORD',
  'PASSWD',
  'SECRET',
  'TOKEN',
  'API_KEY',
  'APIKEY',
  'PRIVATE_KEY',
  'ACCESS_KEY',
  'CREDENTIAL',
  'AUTH_KEY',
];
/** Name endings that say the value only points to a secret, or is not one. */
const NOT_SECRET_SUFFIXES = [
  '_ARN',
  '_NAME',
  '_ID',
  '_PATH',
  '_PARAM',
  '_PARAMETER',
  '_URL',
  '_URI',
  '_FILE',
  '_TTL',
  '_EXPIRY',
  '_EXPIRATION',
  '_LENGTH',
  '_HEADER',
  '_REGION',
  '_ENABLED',
  '_TYPE',
  '_VERSION',
];
/** Values that point to a secret store instead of holding the secret. */
const REFERENCE_PREFIXES = ['arn:', 'ssm:', 'secretsmanager:', '{{resolve:', '/'];

function secretName(name: string): boolean {
  const upper = name.toUpperCase();
  if (NOT_SECRET_SUFFIXES.some((suffix) => upper.endsWith(suffix))) return false;
  return SECRET_WORDS.some((word) => upper.includes(word));
}

function looksLikeSecret(value: string): boolean {
  const v = value.trim();
  if (v.length < 8 || v.includes(' ')) return false;
  if (REFERENCE_PREFIXES.some((prefix) => v.toLowerCase().startsWith(prefix))) return false;
  if (/^\d+$/.test(v) || v === 'true' || v === 'false') return false;
  return true;
}

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-lambda-environment-secrets',
    title: 'Lambda environment variable holds a hard-coded secret',
    severity: 'high',
    cwe: ['CWE-798'],
    service: 'lambda',
    owasp: 'A07:2021',
    description:
      'Environment variables of `aws_lambda_function` are stored in the Terraform state and the repository, and are visible to anyone allowed `lambda:GetFunctionConfiguration`. A literal value for a variable named like a secret (`*PASSWORD*`, `*SECRET*`, `*TOKEN*`, `*API_KEY*`, ...) or any value holding an AWS access key ID is a leaked credential. Values that reference a secret store (ARNs, SSM parameter names) and values that cannot be known (resource attributes, variables without defaults) are not flagged.',
    help: {
      bad: `resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = "arn:aws:iam::111122223333:role/api-lambda"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "api.zip"

  environment {
    variables = {
      DB_HOST     = "db.internal.example.com"
      DB_PASSWORD = "s3cr3t-Passw0rd!"
    }
  }
}
`,
      good: `resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = "arn:aws:iam::111122223333:role/api-lambda"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "api.zip"

  environment {
    variables = {
      DB_HOST       = "db.internal.example.com"
      DB_SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:api/db-AbCdEf"
    }
  }
}
`,
      fix: 'Store the secret in Secrets Manager or SSM Parameter Store (SecureString), pass its ARN or name, and read it at run time (for example with the Parameters and Secrets Lambda extension). Rotate the exposed value.',
    },
    references: [
      'https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-encryption',
      'https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html',
      `${TF_DOCS}lambda_function#environment`,
    ],
    checkov: ['CKV_AWS_45'],
    precision: 'medium',
  }),
  check(project, report) {
    for (const fn of ofTypes(project, 'aws_lambda_function')) {
      const found = get(fn.block, 'environment.variables');
      const variables = found?.value;
      if (
        !found?.attribute ||
        variables === null ||
        typeof variables !== 'object' ||
        Array.isArray(variables)
      )
        continue;
      for (const [name, value] of Object.entries(variables)) {
        if (typeof value !== 'string') continue;
        if (!findAccessKeyId(value) && !(secretName(name) && looksLikeSecret(value))) continue;
        const where = objectEntryAt(found.attribute, name) ?? atAttr(found.attribute);
        emit(report, fn.address, where, `Lambda environment variable ${name} holds a hard-coded secret`);
      }
    }
  },
};
