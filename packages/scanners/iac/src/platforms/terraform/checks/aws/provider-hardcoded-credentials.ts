import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { atAttr, awsMeta, emit, findAccessKeyId, trueOrUnknown } from './support.js';

/** Values used by mock setups (LocalStack, moto) rather than real credentials. */
const PLACEHOLDERS = [
  'test',
  'mock',
  'fake',
  'dummy',
  'example',
  'placeholder',
  'changeme',
  'localstack',
  'xxx',
  'foo',
  'bar',
];

function isPlaceholder(value: string): boolean {
  const v = value.trim().toLowerCase();
  return (
    v === '' ||
    PLACEHOLDERS.some((p) => v === p || v.startsWith(`${p}_`) || v.startsWith(`${p}-`) || v.endsWith(`_${p}`))
  );
}

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-provider-hardcoded-credentials',
    title: 'AWS provider has hard-coded access keys',
    severity: 'critical',
    cwe: ['CWE-798'],
    service: 'iam',
    owasp: 'A07:2021',
    description:
      'An `access_key` / `secret_key` written in the `provider "aws"` block (directly or through a variable default) is committed with the code, copied to every clone and CI log, and grants whatever the key can do until it is rotated. Providers that point at a mock endpoint (`skip_credentials_validation = true`) or use placeholder values such as `"test"` are not flagged.',
    help: {
      bad: `provider "aws" {
  region     = "eu-west-1"
  access_key = "AKIAQWERTYUIOPASDFGH"
  secret_key = "q9T4zW2mXr7LpB8vN3cK6yH1dJ5sF0gA2eU7iO4w"
}
`,
      good: `provider "aws" {
  region  = "eu-west-1"
  profile = "deploy"
}
`,
      fix: 'Delete the keys from the code and deactivate them; use environment variables, a shared credentials profile, SSO or an assumed role (OIDC in CI) instead.',
    },
    references: [
      'https://registry.terraform.io/providers/hashicorp/aws/latest/docs#authentication-and-configuration',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-workloads-use-roles',
    ],
    checkov: ['CKV_AWS_41'],
    precision: 'high',
  }),
  check(project, report) {
    for (const provider of project.providers) {
      if (provider.labels[0] !== 'aws') continue;
      if (trueOrUnknown(provider.attributes.skip_credentials_validation?.value)) continue;
      const accessKey = provider.attributes.access_key;
      const secretKey = provider.attributes.secret_key;
      const resource = `provider.aws${typeof provider.attributes.alias?.value === 'string' ? `.${provider.attributes.alias.value}` : ''}`;
      if (accessKey && typeof accessKey.value === 'string' && findAccessKeyId(accessKey.value))
        emit(report, resource, atAttr(accessKey));
      if (
        secretKey &&
        typeof secretKey.value === 'string' &&
        secretKey.value.trim().length >= 20 &&
        !isPlaceholder(secretKey.value)
      )
        emit(report, resource, atAttr(secretKey));
    }
  },
};
