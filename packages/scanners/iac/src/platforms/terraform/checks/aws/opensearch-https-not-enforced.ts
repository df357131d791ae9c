import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { block } from '../../query.js';
import { TF_DOCS, atAttr, awsMeta, emit, ofTypes } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-opensearch-https-not-enforced',
    title: 'OpenSearch domain accepts plain HTTP',
    severity: 'medium',
    cwe: ['CWE-319'],
    service: 'opensearch',
    owasp: 'A02:2021',
    description:
      '`domain_endpoint_options { enforce_https = false }` lets clients send queries, documents and credentials to the domain endpoint over plain HTTP. The provider defaults `enforce_https` to `true`, so only an explicit `false` is flagged. Checked on `aws_opensearch_domain` and `aws_elasticsearch_domain`.',
    help: {
      bad: `resource "aws_opensearch_domain" "search" {
  domain_name    = "search"
  engine_version = "OpenSearch_2.13"

  domain_endpoint_options {
    enforce_https = false
  }
}
`,
      good: `resource "aws_opensearch_domain" "search" {
  domain_name    = "search"
  engine_version = "OpenSearch_2.13"

  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"
  }
}
`,
      fix: 'Add `domain_endpoint_options { enforce_https = true, tls_security_policy = "Policy-Min-TLS-1-2-2019-07" }`.',
    },
    references: [
      'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/infrastructure-security.html',
      `${TF_DOCS}opensearch_domain#domain_endpoint_options`,
    ],
    checkov: ['CKV_AWS_83'],
    precision: 'high',
  }),
  check(project, report) {
    for (const domain of ofTypes(project, 'aws_opensearch_domain', 'aws_elasticsearch_domain')) {
      const options = block(domain.block, 'domain_endpoint_options');
      const enforce = options?.attributes.enforce_https;
      if (enforce && (enforce.value === false || enforce.value === 'false'))
        emit(report, domain.address, atAttr(enforce));
    }
  },
};
