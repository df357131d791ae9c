import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { awsMeta, ofTypes, requireTrue, TF_DOCS } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-elasticache-not-encrypted-in-transit',
    title: 'ElastiCache replication group does not encrypt traffic',
    severity: 'medium',
    cwe: ['CWE-319'],
    service: 'elasticache',
    owasp: 'A02:2021',
    description:
      'Without `transit_encryption_enabled = true`, clients talk to the cache (and nodes replicate) in clear text, so cached sessions, tokens and personal data can be read or altered by anyone on the network path. It is also a prerequisite for AUTH tokens and RBAC.',
    help: {
      bad: `resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id       = "sessions"
  description                = "session store"
  node_type                  = "cache.t4g.small"
  num_cache_clusters         = 2
  at_rest_encryption_enabled = true
  transit_encryption_enabled = false
}
`,
      good: `resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id       = "sessions"
  description                = "session store"
  node_type                  = "cache.t4g.small"
  num_cache_clusters         = 2
  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
}
`,
      fix: 'Set `transit_encryption_enabled = true` and have clients connect with TLS.',
    },
    references: [
      'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html',
      `${TF_DOCS}elasticache_replication_group#transit_encryption_enabled`,
    ],
    checkov: ['CKV_AWS_30'],
    precision: 'high',
  }),
  check(project, report) {
    for (const group of ofTypes(project, 'aws_elasticache_replication_group'))
      requireTrue(report, group, group.block, 'transit_encryption_enabled');
  },
};
