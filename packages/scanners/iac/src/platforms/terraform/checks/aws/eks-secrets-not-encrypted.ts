import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { blocks } from '../../query.js';
import { atResource, awsMeta, emit, ofTypes, strings, TF_DOCS } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-eks-secrets-not-encrypted',
    title: 'EKS cluster does not encrypt Kubernetes secrets with a KMS key',
    severity: 'low',
    cwe: ['CWE-311'],
    service: 'eks',
    owasp: 'A02:2021',
    description:
      'An `encryption_config` with `resources = ["secrets"]` envelope-encrypts Kubernetes Secrets in etcd with a customer managed KMS key, whose policy then controls who can read them and whose use is logged. Recent EKS versions encrypt all API data with an AWS owned key by default, hence the low severity.',
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
  name     = "main"
  role_arn = "arn:aws:iam::111122223333:role/eks-cluster"

  vpc_config {
    subnet_ids             = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]
    endpoint_public_access = false
  }

  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
  }
}
`,
      fix: 'Add `encryption_config { resources = ["secrets"] provider { key_arn = <KMS key ARN> } }`.',
    },
    references: [
      'https://docs.aws.amazon.com/eks/latest/userguide/envelope-encryption.html',
      `${TF_DOCS}eks_cluster#encryption_config`,
    ],
    checkov: ['CKV_AWS_58'],
    precision: 'high',
  }),
  check(project, report) {
    for (const cluster of ofTypes(project, 'aws_eks_cluster')) {
      const covered = blocks(cluster.block, 'encryption_config').some((config) => {
        const resources = strings(config.attributes.resources?.value);
        return resources.unknown || resources.values.includes('secrets');
      });
      if (!covered) emit(report, cluster.address, atResource(cluster));
    }
  },
};
