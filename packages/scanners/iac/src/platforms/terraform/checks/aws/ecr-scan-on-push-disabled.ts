import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { awsMeta, ofTypes, requireTrueAt, TF_DOCS } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-ecr-scan-on-push-disabled',
    title: 'ECR repository does not scan images on push',
    severity: 'low',
    cwe: ['CWE-1104'],
    service: 'ecr',
    owasp: 'A06:2021',
    description:
      'Scanning on push reports known vulnerabilities (CVEs) in the OS packages of every image as it is pushed. `image_scanning_configuration.scan_on_push` defaults to `false`. Repositories in a project that configures registry-level scanning (`aws_ecr_registry_scanning_configuration`, for example Amazon Inspector enhanced scanning) are not flagged.',
    help: {
      bad: `resource "aws_ecr_repository" "api" {
  name                 = "api"
  image_tag_mutability = "IMMUTABLE"
}
`,
      good: `resource "aws_ecr_repository" "api" {
  name                 = "api"
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }
}
`,
      fix: 'Add `image_scanning_configuration { scan_on_push = true }`, or configure enhanced scanning for the registry.',
    },
    references: [
      'https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html',
      `${TF_DOCS}ecr_repository#image_scanning_configuration`,
    ],
    checkov: ['CKV_AWS_163'],
    precision: 'high',
  }),
  check(project, report) {
    if (ofTypes(project, 'aws_ecr_registry_scanning_configuration').length > 0) return;
    for (const repository of ofTypes(project, 'aws_ecr_repository'))
      requireTrueAt(report, repository, 'image_scanning_configuration.scan_on_push');
  },
};
