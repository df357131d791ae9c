import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { block } from '../../query.js';
import { atAttr, atBlock, atResource, awsMeta, emit, known, lower, ofTypes, TF_DOCS } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-ec2-imdsv1-enabled',
    title: 'EC2 instance metadata service allows IMDSv1',
    severity: 'medium',
    cwe: ['CWE-918'],
    service: 'ec2',
    owasp: 'A10:2021',
    description:
      'With IMDSv1 the instance role\'s credentials can be read by a single unauthenticated GET to `169.254.169.254`, so any server-side request forgery in an application on the instance leaks them (as in the Capital One breach). IMDSv2 requires a session token obtained with a PUT. Checked on `aws_instance`, `aws_launch_template` and `aws_launch_configuration`: `metadata_options.http_tokens` must be `"required"` unless the endpoint is disabled. Instances launched from a launch template without their own `metadata_options`, and projects that set `aws_ec2_instance_metadata_defaults` with `http_tokens = "required"`, are not flagged.',
    help: {
      bad: `resource "aws_instance" "web" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  metadata_options {
    http_tokens = "optional"
  }
}
`,
      good: `resource "aws_instance" "web" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }
}
`,
      fix: 'Add `metadata_options { http_tokens = "required" }` (or set the account default with `aws_ec2_instance_metadata_defaults`).',
    },
    references: [
      'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html',
      `${TF_DOCS}instance#metadata-options`,
    ],
    checkov: ['CKV_AWS_79'],
    precision: 'high',
  }),
  check(project, report) {
    const accountDefault = project
      .ofType('aws_ec2_instance_metadata_defaults')
      .some(
        (d) =>
          lower(d.block.attributes.http_tokens?.value) === 'required' ||
          !known(d.block.attributes.http_tokens?.value),
      );
    for (const type of ['aws_instance', 'aws_launch_template', 'aws_launch_configuration']) {
      for (const resource of ofTypes(project, type)) {
        const options = block(resource.block, 'metadata_options');
        if (!options) {
          if (accountDefault) continue;
          if (type === 'aws_instance' && block(resource.block, 'launch_template')) continue;
          emit(report, resource.address, atResource(resource));
          continue;
        }
        const endpoint = options.attributes.http_endpoint?.value;
        if (lower(endpoint) === 'disabled' || (endpoint !== undefined && !known(endpoint))) continue;
        const tokens = options.attributes.http_tokens;
        if (!tokens) {
          if (!accountDefault) emit(report, resource.address, atBlock(options));
        } else if (lower(tokens.value) === 'optional') emit(report, resource.address, atAttr(tokens));
      }
    }
  },
};
