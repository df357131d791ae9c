import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { block } from '../../query.js';
import { TF_DOCS, atResource, awsMeta, emit, ofTypes } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-opensearch-not-in-vpc',
    title: 'OpenSearch domain has a public endpoint',
    severity: 'low',
    cwe: ['CWE-284'],
    service: 'opensearch',
    description:
      'A domain without `vpc_options` gets an internet-facing endpoint, protected only by its access policy and fine-grained access control; one permissive policy statement exposes the whole cluster (a frequent source of data leaks). Placing the domain in a VPC adds security groups and keeps it off the internet.',
    help: {
      bad: `resource "aws_opensearch_domain" "search" {
  domain_name    = "search"
  engine_version = "OpenSearch_2.13"
}
`,
      good: `resource "aws_opensearch_domain" "search" {
  domain_name    = "search"
  engine_version = "OpenSearch_2.13"

  vpc_options {
    subnet_ids         = ["subnet-0123456789abcdef0"]
    security_group_ids = ["sg-0123456789abcdef0"]
  }
}
`,
      fix: 'Create the domain with `vpc_options` (subnets and security groups); the choice cannot be changed later.',
    },
    references: [
      'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/vpc.html',
      `${TF_DOCS}opensearch_domain#vpc_options`,
    ],
    checkov: ['CKV_AWS_137'],
    precision: 'high',
  }),
  check(project, report) {
    for (const domain of ofTypes(project, 'aws_opensearch_domain', 'aws_elasticsearch_domain'))
      if (!block(domain.block, 'vpc_options')) emit(report, domain.address, atResource(domain));
  },
};
