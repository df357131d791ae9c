import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { awsMeta, known, lower, ofTypes, requireTrue, TF_DOCS } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-elasticache-not-encrypted-at-rest',
    title: 'ElastiCache replication group is not encrypted at rest',
    severity: 'medium',
    cwe: ['CWE-311'],
    service: 'elasticache',
    owasp: 'A02:2021',
    description:
      'For Redis OSS, `aws_elasticache_replication_group` stores data, swap and backups unencrypted unless `at_rest_encryption_enabled = true`, and the setting cannot be changed after creation. Valkey replication groups are encrypted by default and are only flagged when they turn it off explicitly.',
    help: {
      bad: `resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id       = "sessions"
  description                = "session store"
  engine                     = "redis"
  node_type                  = "cache.t4g.small"
  num_cache_clusters         = 2
  transit_encryption_enabled = true
}
`,
      good: `resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id       = "sessions"
  description                = "session store"
  engine                     = "redis"
  node_type                  = "cache.t4g.small"
  num_cache_clusters         = 2
  transit_encryption_enabled = true
  at_rest_encryption_enabled = true
}
`,
      fix: 'Set `at_rest_encryption_enabled = true` (with `kms_key_id` for a customer managed key); existing groups must be recreated.',
    },
    references: [
      'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html',
      `${TF_DOCS}elasticache_replication_group#at_rest_encryption_enabled`,
    ],
    checkov: ['CKV_AWS_29'],
    precision: 'high',
  }),
  check(project, report) {
    for (const group of ofTypes(project, 'aws_elasticache_replication_group')) {
      const engine = group.block.attributes.engine?.value;
      if (engine !== undefined && !known(engine)) continue;
      const attribute = group.block.attributes.at_rest_encryption_enabled;
      if (lower(engine) === 'valkey' && !attribute) continue;
      requireTrue(report, group, group.block, 'at_rest_encryption_enabled');
    }
  },
};
