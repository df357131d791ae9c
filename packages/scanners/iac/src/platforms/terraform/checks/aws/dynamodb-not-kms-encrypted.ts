import type { IacCheck } from '../../../../check.js';
import type { TfProject } from '../../model.js';
import { awsMeta, ofTypes, requireTrueAt, TF_DOCS } from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-dynamodb-not-kms-encrypted',
    title: 'DynamoDB table is encrypted with an AWS owned key only',
    severity: 'low',
    cwe: ['CWE-311'],
    service: 'dynamodb',
    owasp: 'A02:2021',
    description:
      'DynamoDB always encrypts at rest, by default with a key AWS owns, which gives no separate permission, audit trail or way to revoke access. `server_side_encryption { enabled = true }` switches to a KMS key (the AWS managed `aws/dynamodb` key, or a customer managed key with `kms_key_arn`).',
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

  server_side_encryption {
    enabled     = true
    kms_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }
}
`,
      fix: 'Add `server_side_encryption { enabled = true, kms_key_arn = <customer managed key> }`.',
    },
    references: [
      'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html',
      `${TF_DOCS}dynamodb_table#server_side_encryption`,
    ],
    checkov: ['CKV_AWS_119'],
    precision: 'high',
  }),
  check(project, report) {
    for (const table of ofTypes(project, 'aws_dynamodb_table'))
      requireTrueAt(report, table, 'server_side_encryption.enabled');
  },
};
