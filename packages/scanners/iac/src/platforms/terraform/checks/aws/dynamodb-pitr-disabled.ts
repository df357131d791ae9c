import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { awsMeta, ofTypes, requireTrueAt, TF_DOCS } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-dynamodb-pitr-disabled',
    title: 'DynamoDB table has no point-in-time recovery',
    severity: 'low',
    cwe: ['CWE-693'],
    service: 'dynamodb',
    description:
      'Point-in-time recovery keeps continuous backups for up to 35 days, so a table can be restored to the second before a faulty deployment, a bulk delete or a malicious overwrite. It is off unless `point_in_time_recovery { enabled = true }`.',
    help: {
      bad: `resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }
}
`,
      good: `resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }
}
`,
      fix: 'Add `point_in_time_recovery { enabled = true }`.',
    },
    references: [
      'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html',
      `${TF_DOCS}dynamodb_table#point_in_time_recovery`,
    ],
    checkov: ['CKV_AWS_28'],
    precision: 'high',
  }),
  check(project, report) {
    for (const table of ofTypes(project, 'aws_dynamodb_table'))
      requireTrueAt(report, table, 'point_in_time_recovery.enabled');
  },
};
