import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { TF_DOCS, awsMeta, ofTypes, requireTrueAt } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-opensearch-not-encrypted-at-rest',
    title: 'OpenSearch domain is not encrypted at rest',
    severity: 'medium',
    cwe: ['CWE-311'],
    service: 'opensearch',
    owasp: 'A02:2021',
    description:
      'Encryption at rest protects the indexes, logs, swap files and automated snapshots of an OpenSearch / Elasticsearch domain; it is off unless `encrypt_at_rest { enabled = true }`, and it is required for fine-grained access control. Checked on `aws_opensearch_domain` and `aws_elasticsearch_domain`.',
    help: {
      bad: `resource "aws_opensearch_domain" "search" {
  domain_name    = "search"
  engine_version = "OpenSearch_2.13"
}
`,
      good: `resource "aws_opensearch_domain" "search" {
  domain_name    = "search"
  engine_version = "OpenSearch_2.13"

  encrypt_at_rest {
    enabled = true
  }
}
`,
      fix: 'Add `encrypt_at_rest { enabled = true }` (optionally with `kms_key_id`).',
    },
    references: [
      'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html',
      `${TF_DOCS}opensearch_domain#encrypt_at_rest`,
    ],
    checkov: ['CKV_AWS_5'],
    precision: 'high',
  }),
  check(project, report) {
    for (const domain of ofTypes(project, 'aws_opensearch_domain', 'aws_elasticsearch_domain'))
      requireTrueAt(report, domain, 'encrypt_at_rest.enabled');
  },
};
