import type { IacCheck } from '../../../../check.js';
import { UNKNOWN, type TfProject } from '../../model.js';
import { get } from '../../query.js';
import { TF_DOCS, awsMeta, num, ofTypes, requireTrueAt } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-opensearch-node-to-node-encryption-disabled',
    title: 'OpenSearch domain does not encrypt traffic between nodes',
    severity: 'medium',
    cwe: ['CWE-319'],
    service: 'opensearch',
    owasp: 'A02:2021',
    description:
      'Without `node_to_node_encryption { enabled = true }`, the nodes of an OpenSearch / Elasticsearch domain exchange documents and queries in clear text inside the VPC. It is off by default and required for fine-grained access control. Single-node domains (`cluster_config.instance_count` of 1, the default) are skipped.',
    help: {
      bad: `resource "aws_opensearch_domain" "search" {
  domain_name    = "search"
  engine_version = "OpenSearch_2.13"

  cluster_config {
    instance_count = 3
  }
}
`,
      good: `resource "aws_opensearch_domain" "search" {
  domain_name    = "search"
  engine_version = "OpenSearch_2.13"

  cluster_config {
    instance_count = 3
  }

  node_to_node_encryption {
    enabled = true
  }
}
`,
      fix: 'Add `node_to_node_encryption { enabled = true }`.',
    },
    references: [
      'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ntn.html',
      `${TF_DOCS}opensearch_domain#node_to_node_encryption`,
    ],
    checkov: ['CKV_AWS_6'],
    precision: 'high',
  }),
  check(project, report) {
    for (const domain of ofTypes(project, 'aws_opensearch_domain', 'aws_elasticsearch_domain')) {
      // A single-node domain (the default) has no traffic between nodes.
      const count = get(domain.block, 'cluster_config.instance_count');
      if (count === undefined || (count.value !== UNKNOWN && (num(count.value) ?? 2) <= 1)) continue;
      requireTrueAt(report, domain, 'node_to_node_encryption.enabled');
    }
  },
};
