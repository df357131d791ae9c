import type { IacCheck, IacReport } from '../../../../check.js';
import type { TfBlock, TfProject, TfResource } from '../../model.js';
import { blocks } from '../../query.js';
import {
  atAttr,
  awsMeta,
  bucketsOf,
  emit,
  ofTypes,
  publicAccessBlocked,
  TF_DOCS,
  type Where,
} from './support.js';

const PUBLIC_ACLS: Record<string, string> = {
  'public-read': 'canned ACL public-read lets anyone list and read the objects',
  'public-read-write': 'canned ACL public-read-write lets anyone read, write and delete objects',
  'authenticated-read': 'canned ACL authenticated-read lets any AWS account read the objects',
};

const PUBLIC_GROUPS = [
  'http://acs.amazonaws.com/groups/global/AllUsers',
  'http://acs.amazonaws.com/groups/global/AuthenticatedUsers',
];

function publicGrants(block: TfBlock): Where[] {
  const out: Where[] = [];
  const visit = (b: TfBlock): void => {
    const uri = b.attributes.uri;
    if (uri && typeof uri.value === 'string' && PUBLIC_GROUPS.includes(uri.value.trim()))
      out.push(atAttr(uri));
    for (const nested of b.blocks) visit(nested);
  };
  for (const grant of [...blocks(block, 'grant'), ...blocks(block, 'access_control_policy')]) visit(grant);
  return out;
}

function inspect(project: TfProject, resource: TfResource, report: IacReport): void {
  if (publicAccessBlocked(project, resource, 'ignore_public_acls')) return;
  // Findings name the bucket (the thing that is public) when the ACL resource names exactly one.
  const buckets = resource.type === 'aws_s3_bucket' ? [resource] : bucketsOf(project, resource);
  const subject = buckets.length === 1 ? buckets[0]!.address : resource.address;
  const acl = resource.block.attributes.acl;
  if (acl && typeof acl.value === 'string') {
    const why = PUBLIC_ACLS[acl.value.trim()];
    if (why !== undefined) emit(report, subject, atAttr(acl), `S3 bucket ACL is public: ${why}`);
  }
  for (const where of publicGrants(resource.block))
    emit(report, subject, where, 'S3 bucket ACL grants access to all users or all AWS accounts');
}

export const check: IacCheck<TfProject> = {
  meta: awsMeta({
    id: 'iac/aws-s3-bucket-public-acl',
    title: 'S3 bucket ACL grants public access',
    severity: 'high',
    cwe: ['CWE-732'],
    service: 's3',
    owasp: 'A01:2021',
    description:
      'A canned ACL such as `public-read`, `public-read-write` or `authenticated-read` (or a grant to the AllUsers / AuthenticatedUsers groups) exposes the bucket to anyone on the internet or to every AWS account. Both the legacy `acl` argument of `aws_s3_bucket` and the separate `aws_s3_bucket_acl` resource (AWS provider v4+) are checked. A bucket whose S3 Block Public Access sets `ignore_public_acls = true` is not flagged, because S3 then ignores public ACLs.',
    help: {
      bad: `resource "aws_s3_bucket" "assets" {
  bucket = "example-assets"
}

resource "aws_s3_bucket_acl" "assets" {
  bucket = aws_s3_bucket.assets.id
  acl    = "public-read"
}
`,
      good: `resource "aws_s3_bucket" "assets" {
  bucket = "example-assets"
}

resource "aws_s3_bucket_acl" "assets" {
  bucket = aws_s3_bucket.assets.id
  acl    = "private"
}
`,
      fix: 'Use the `private` ACL (or disable ACLs with `aws_s3_bucket_ownership_controls` set to `BucketOwnerEnforced`) and serve public content through CloudFront with origin access control.',
    },
    references: [
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl',
      `${TF_DOCS}s3_bucket_acl`,
    ],
    checkov: ['CKV_AWS_20'],
    precision: 'high',
  }),
  check(project, report) {
    for (const resource of [...ofTypes(project, 'aws_s3_bucket'), ...ofTypes(project, 'aws_s3_bucket_acl')])
      inspect(project, resource, report);
  },
};
