import type { IacCheck } from '../../../../check.js';
import type { TfAttribute, TfBlock, TfProject, TfResource } from '../../model.js';
import { block } from '../../query.js';
import { TF_DOCS, atResource, awsMeta, emit, exists, linked, ofTypes, refersTo } from './support.js';

/** Attributes that name where logs are delivered. */
const LOG_DESTINATIONS = new Set([
  'target_bucket',
  's3_bucket_name',
  'log_destination',
  'log_destination_configs',
]);
/** Blocks whose `bucket` names where logs are delivered. */
const LOG_BLOCKS = new Set(['access_logs', 'logging_config', 'logging', 'logs']);

/** An attribute that names where logs go, and for `aws_s3_bucket_acl` with `log-delivery-write`, the bucket. */
type Destination = TfAttribute;

/** Every attribute in the project that names a log destination: collected once per project, not per bucket. */
const destinationsCache = new WeakMap<TfProject, Destination[]>();

function logDestinations(project: TfProject): Destination[] {
  const cached = destinationsCache.get(project);
  if (cached) return cached;
  const out: Destination[] = [];
  for (const resource of project.resources.filter(exists)) {
    const visit = (b: TfBlock, inLogBlock: boolean): void => {
      for (const [attrName, attribute] of Object.entries(b.attributes)) {
        const aclLog =
          resource.type === 'aws_s3_bucket_acl' &&
          attrName === 'acl' &&
          attribute.value === 'log-delivery-write';
        const target = b.attributes.bucket;
        if (aclLog && target) out.push(target);
        if (LOG_DESTINATIONS.has(attrName) || (inLogBlock && attrName === 'bucket')) out.push(attribute);
      }
      for (const nested of b.blocks) visit(nested, LOG_BLOCKS.has(nested.type));
    };
    visit(resource.block, false);
  }
  destinationsCache.set(project, out);
  return out;
}

/** Whether the bucket receives logs (access logs, CloudTrail, load balancer or CloudFront logs, flow logs). */
function isLogTarget(project: TfProject, bucket: TfResource): boolean {
  const name = bucket.block.attributes.bucket?.value;
  const names = (value: unknown): boolean =>
    typeof name === 'string' && typeof value === 'string' && (value === name || value.includes(`:::${name}`));
  if (bucket.block.attributes.acl?.value === 'log-delivery-write') return true;
  return logDestinations(project).some((attribute) => refersTo(attribute, bucket) || names(attribute.value));
}

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-s3-bucket-access-logging-disabled',
    title: 'S3 bucket access logging is not enabled',
    severity: 'low',
    cwe: ['CWE-778'],
    service: 's3',
    owasp: 'A09:2021',
    description:
      'Server access logs record every request made to the bucket and are the evidence needed to investigate a leak. Logging is enabled by the legacy inline `logging` block or a separate `aws_s3_bucket_logging` resource (AWS provider v4+). Buckets that themselves receive logs (targets of access logging, CloudTrail, load balancer, CloudFront or flow logs) are not flagged, since logging them into themselves or another log bucket adds little.',
    help: {
      bad: `resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}
`,
      good: `resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket" "logs" {
  bucket = "example-logs"
}

resource "aws_s3_bucket_logging" "data" {
  bucket        = aws_s3_bucket.data.id
  target_bucket = aws_s3_bucket.logs.id
  target_prefix = "s3/data/"
}
`,
      fix: 'Add an `aws_s3_bucket_logging` resource that delivers the access logs to a dedicated log bucket (or use CloudTrail S3 data events).',
    },
    references: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html',
      `${TF_DOCS}s3_bucket_logging`,
    ],
    checkov: ['CKV_AWS_18'],
    precision: 'medium',
  }),
  check(project, report) {
    for (const bucket of ofTypes(project, 'aws_s3_bucket')) {
      if (block(bucket.block, 'logging')) continue;
      const logging = linked(project, bucket, 'aws_s3_bucket_logging', 'bucket', 'bucket');
      if (logging.resources.length > 0 || logging.maybe) continue;
      if (isLogTarget(project, bucket)) continue;
      emit(report, bucket.address, atResource(bucket));
    }
  },
};
