import type { IacCheck } from '../../../../check.js';
import { UNKNOWN, type TfProject } from '../../model.js';
import { block, get } from '../../query.js';
import {
  atAttr,
  atResource,
  awsMeta,
  emit,
  linked,
  ofTypes,
  TF_DOCS,
  trueOrUnknown,
  type Where,
} from './support.js';

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-s3-bucket-versioning-disabled',
    title: 'S3 bucket versioning is not enabled',
    severity: 'low',
    cwe: ['CWE-693'],
    service: 's3',
    description:
      'Without versioning, an overwrite or delete (by mistake, by a compromised credential or by ransomware) destroys the only copy of an object. Versioning is enabled either by the legacy inline `versioning { enabled = true }` block or by a separate `aws_s3_bucket_versioning` resource (AWS provider v4+) with `status = "Enabled"`. Buckets with S3 Object Lock are versioned by definition and not flagged.',
    help: {
      bad: `resource "aws_s3_bucket" "backups" {
  bucket = "example-backups"
}

resource "aws_s3_bucket_versioning" "backups" {
  bucket = aws_s3_bucket.backups.id
  versioning_configuration {
    status = "Suspended"
  }
}
`,
      good: `resource "aws_s3_bucket" "backups" {
  bucket = "example-backups"
}

resource "aws_s3_bucket_versioning" "backups" {
  bucket = aws_s3_bucket.backups.id
  versioning_configuration {
    status = "Enabled"
  }
}
`,
      fix: 'Add an `aws_s3_bucket_versioning` resource with `status = "Enabled"` (and a lifecycle rule that expires old versions).',
    },
    references: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html',
      `${TF_DOCS}s3_bucket_versioning`,
    ],
    checkov: ['CKV_AWS_21'],
    precision: 'high',
  }),
  check(project, report) {
    for (const bucket of ofTypes(project, 'aws_s3_bucket')) {
      if (trueOrUnknown(bucket.block.attributes.object_lock_enabled?.value)) continue;
      if (block(bucket.block, 'object_lock_configuration')) continue;
      let where: Where | undefined;
      const inline = get(bucket.block, 'versioning.enabled');
      if (inline?.attribute) {
        if (trueOrUnknown(inline.value)) continue;
        where = atAttr(inline.attribute);
      }
      const separate = linked(project, bucket, 'aws_s3_bucket_versioning', 'bucket', 'bucket');
      if (separate.maybe) continue;
      let enabled = false;
      for (const versioning of separate.resources) {
        const status = get(versioning.block, 'versioning_configuration.status');
        if (status === undefined) continue;
        if (status.value === UNKNOWN || status.value === 'Enabled') enabled = true;
        else if (status.attribute) where = atAttr(status.attribute);
      }
      if (!enabled) emit(report, bucket.address, where ?? atResource(bucket));
    }
  },
};
