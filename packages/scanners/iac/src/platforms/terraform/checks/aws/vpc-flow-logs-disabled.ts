import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { atResource, awsMeta, emit, linked, ofTypes, TF_DOCS } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-vpc-flow-logs-disabled',
    title: 'VPC has no flow logs',
    severity: 'low',
    cwe: ['CWE-778'],
    service: 'vpc',
    owasp: 'A09:2021',
    description:
      'VPC flow logs record the IP traffic of every network interface in the VPC (accepted and rejected), the evidence needed to spot scanning, exfiltration or lateral movement after the fact. A VPC is covered by an `aws_flow_log` whose `vpc_id` refers to it; a flow log whose VPC cannot be resolved keeps the rule silent.',
    help: {
      bad: `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
`,
      good: `resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_flow_log" "main" {
  vpc_id               = aws_vpc.main.id
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = "arn:aws:s3:::example-flow-logs"
}
`,
      fix: 'Add an `aws_flow_log` with `vpc_id` set to the VPC and `traffic_type = "ALL"`.',
    },
    references: ['https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html', `${TF_DOCS}flow_log`],
    checkov: ['CKV2_AWS_11'],
    precision: 'medium',
  }),
  check(project, report) {
    for (const vpc of ofTypes(project, 'aws_vpc')) {
      const logs = linked(project, vpc, 'aws_flow_log', 'vpc_id');
      if (logs.resources.length === 0 && !logs.maybe) emit(report, vpc.address, atResource(vpc));
    }
  },
};
