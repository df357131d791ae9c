import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { awsMeta, emit, isPublicStatement, ofTypes, once, policyOf, TF_DOCS } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-ecr-repository-policy-public',
    title: 'ECR repository policy allows any principal',
    severity: 'high',
    cwe: ['CWE-732'],
    service: 'ecr',
    owasp: 'A01:2021',
    description:
      'A repository policy statement that allows `Principal = "*"` without a condition such as `aws:PrincipalOrgID` lets every AWS account pull the images (and their embedded code and secrets), or push over them when write actions are allowed. Read from `aws_ecr_repository_policy`.',
    help: {
      bad: `resource "aws_ecr_repository_policy" "api" {
  repository = "api"
  policy     = jsonencode({
    Version   = "2012-10-17"
    Statement = [{
      Sid       = "pull"
      Effect    = "Allow"
      Principal = "*"
      Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    }]
  })
}
`,
      good: `resource "aws_ecr_repository_policy" "api" {
  repository = "api"
  policy     = jsonencode({
    Version   = "2012-10-17"
    Statement = [{
      Sid       = "pull"
      Effect    = "Allow"
      Principal = "*"
      Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }
    }]
  })
}
`,
      fix: 'Name the accounts or roles that may pull, or restrict the wildcard with an `aws:PrincipalOrgID` condition; publish public images in ECR Public instead.',
    },
    references: [
      'https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policies.html',
      `${TF_DOCS}ecr_repository_policy`,
    ],
    checkov: ['CKV_AWS_32'],
    precision: 'high',
  }),
  check(project, report) {
    const emitOnce = once(report);
    for (const owner of ofTypes(project, 'aws_ecr_repository_policy')) {
      for (const statement of policyOf(project, owner, owner.block.attributes.policy).statements) {
        if (isPublicStatement(statement)) emit(emitOnce, owner.address, statement.at.principal);
      }
    }
  },
};
