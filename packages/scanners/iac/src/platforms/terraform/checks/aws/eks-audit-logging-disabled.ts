import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { atAttr, atResource, awsMeta, emit, ofTypes, strings, TF_DOCS } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-eks-audit-logging-disabled',
    title: 'EKS control plane audit logging is not enabled',
    severity: 'low',
    cwe: ['CWE-778'],
    service: 'eks',
    owasp: 'A09:2021',
    description:
      'EKS sends no control plane logs unless `enabled_cluster_log_types` lists them. The `audit` log records who did what through the Kubernetes API (reading secrets, creating privileged pods, changing RBAC) and `authenticator` maps those requests to IAM identities; without them an intrusion into the cluster leaves no trace.',
    help: {
      bad: `resource "aws_eks_cluster" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::111122223333:role/eks-cluster"

  vpc_config {
    subnet_ids             = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]
    endpoint_public_access = false
  }
}
`,
      good: `resource "aws_eks_cluster" "main" {
  name                      = "main"
  role_arn                  = "arn:aws:iam::111122223333:role/eks-cluster"
  enabled_cluster_log_types = ["api", "audit", "authenticator"]

  vpc_config {
    subnet_ids             = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]
    endpoint_public_access = false
  }
}
`,
      fix: 'Set `enabled_cluster_log_types` to include at least `audit` and `authenticator` (all five types for full coverage).',
    },
    references: [
      'https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html',
      `${TF_DOCS}eks_cluster#enabled_cluster_log_types`,
    ],
    checkov: ['CKV_AWS_37'],
    precision: 'high',
  }),
  check(project, report) {
    for (const cluster of ofTypes(project, 'aws_eks_cluster')) {
      const types = cluster.block.attributes.enabled_cluster_log_types;
      if (!types) {
        emit(report, cluster.address, atResource(cluster));
        continue;
      }
      const list = strings(types.value);
      if (list.unknown) continue;
      const missing = ['audit', 'authenticator'].filter((t) => !list.values.includes(t));
      if (missing.length > 0)
        emit(
          report,
          cluster.address,
          atAttr(types),
          `EKS control plane logging does not include ${missing.join(', ')}`,
        );
    }
  },
};
