import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { block } from '../../query.js';
import {
  atAttr,
  atBlock,
  atResource,
  awsMeta,
  emit,
  ofTypes,
  strings,
  TF_DOCS,
  type Where,
} from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-eks-public-endpoint',
    title: 'EKS cluster API endpoint is open to the internet',
    severity: 'medium',
    cwe: ['CWE-284'],
    service: 'eks',
    description:
      'By default the Kubernetes API server of an EKS cluster is reachable from any IP address (`endpoint_public_access = true`, `public_access_cidrs = ["0.0.0.0/0"]`), so a leaked kubeconfig token or an API server vulnerability can be exploited from anywhere. An empty `public_access_cidrs` also means everywhere. Not flagged when the public endpoint is disabled or limited to specific CIDR ranges.',
    help: {
      bad: `resource "aws_eks_cluster" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::111122223333:role/eks-cluster"

  vpc_config {
    subnet_ids = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]
  }
}
`,
      good: `resource "aws_eks_cluster" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::111122223333:role/eks-cluster"

  vpc_config {
    subnet_ids              = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]
    endpoint_private_access = true
    endpoint_public_access  = false
  }
}
`,
      fix: 'Set `endpoint_public_access = false` and reach the API through the VPC (VPN, bastion), or limit `public_access_cidrs` to your office or CI ranges.',
    },
    references: [
      'https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html',
      `${TF_DOCS}eks_cluster#vpc_config`,
    ],
    checkov: ['CKV_AWS_38', 'CKV_AWS_39'],
    precision: 'high',
  }),
  check(project, report) {
    for (const cluster of ofTypes(project, 'aws_eks_cluster')) {
      const vpc = block(cluster.block, 'vpc_config');
      const access = vpc?.attributes.endpoint_public_access;
      if (access && access.value !== true && access.value !== 'true') continue;
      const cidrs = vpc?.attributes.public_access_cidrs;
      let where: Where;
      if (cidrs) {
        const list = strings(cidrs.value);
        if (list.unknown || (list.values.length > 0 && !list.values.some((c) => c.trim() === '0.0.0.0/0')))
          continue;
        where = atAttr(cidrs);
      } else where = access ? atAttr(access) : vpc ? atBlock(vpc) : atResource(cluster);
      emit(report, cluster.address, where);
    }
  },
};
