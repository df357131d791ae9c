import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { atResource, awsMeta, emit, ofTypes, TF_DOCS, trueOrUnknown } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-elasticache-no-auth',
    title: 'ElastiCache replication group requires no authentication',
    severity: 'low',
    cwe: ['CWE-306'],
    service: 'elasticache',
    owasp: 'A07:2021',
    description:
      'A replication group with in-transit encryption but neither an `auth_token` (Redis AUTH) nor `user_group_ids` (RBAC) accepts commands from any client that can reach it on the network, so network controls are the only protection of the data. Groups without in-transit encryption are reported by `iac/aws-elasticache-not-encrypted-in-transit` (AUTH requires it).',
    help: {
      bad: `resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id       = "sessions"
  description                = "session store"
  node_type                  = "cache.t4g.small"
  num_cache_clusters         = 2
  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
}
`,
      good: `resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id       = "sessions"
  description                = "session store"
  node_type                  = "cache.t4g.small"
  num_cache_clusters         = 2
  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
  user_group_ids             = ["sessions-users"]
}
`,
      fix: 'Use RBAC (`user_group_ids` with `aws_elasticache_user_group`) or set `auth_token` from a secret store (never a literal).',
    },
    references: [
      'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth.html',
      `${TF_DOCS}elasticache_replication_group#auth_token`,
    ],
    checkov: ['CKV_AWS_31'],
    precision: 'high',
  }),
  check(project, report) {
    for (const group of ofTypes(project, 'aws_elasticache_replication_group')) {
      const a = group.block.attributes;
      if (!trueOrUnknown(a.transit_encryption_enabled?.value) || !a.transit_encryption_enabled) continue;
      if (
        (a.auth_token && a.auth_token.value !== null) ||
        (a.user_group_ids && a.user_group_ids.value !== null)
      )
        continue;
      emit(report, group.address, atResource(group));
    }
  },
};
