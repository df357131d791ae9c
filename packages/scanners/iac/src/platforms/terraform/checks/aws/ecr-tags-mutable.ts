import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { atAttr, atResource, awsMeta, emit, ofTypes, TF_DOCS } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-ecr-tags-mutable',
    title: 'ECR repository allows image tags to be overwritten',
    severity: 'low',
    cwe: ['CWE-494'],
    service: 'ecr',
    owasp: 'A08:2021',
    description:
      'With mutable tags (`image_tag_mutability = "MUTABLE"`, the default), anyone allowed to push can replace the image behind `v1.2.3` or `prod`, and every deployment that pulls by tag silently runs the new image. Immutable tags make a tag always mean the same image.',
    help: {
      bad: `resource "aws_ecr_repository" "api" {
  name = "api"

  image_scanning_configuration {
    scan_on_push = true
  }
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
      fix: 'Set `image_tag_mutability = "IMMUTABLE"` (or `IMMUTABLE_WITH_EXCLUSION` for a few moving tags such as `latest`), and deploy by digest.',
    },
    references: [
      'https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html',
      `${TF_DOCS}ecr_repository#image_tag_mutability`,
    ],
    checkov: ['CKV_AWS_51'],
    precision: 'high',
  }),
  check(project, report) {
    for (const repository of ofTypes(project, 'aws_ecr_repository')) {
      const mutability = repository.block.attributes.image_tag_mutability;
      if (!mutability) emit(report, repository.address, atResource(repository));
      else if (mutability.value === 'MUTABLE' || mutability.value === 'MUTABLE_WITH_EXCLUSION')
        emit(report, repository.address, atAttr(mutability));
    }
  },
};
