/**
 * The evaluated Terraform model that checks read. The parser (`hcl/`) and the evaluator (`evaluate.ts`)
 * build it from a directory's `.tf` and `.tfvars` files (plus local modules); checks only query it.
 *
 * Values are evaluated where Terraform's inputs are known here (variable defaults, tfvars, locals, literal
 * expressions, common functions, references to other resources' literal attributes). Anything else is
 * UNKNOWN, and a check never fires on an unknown value unless its rule says so.
 */

/** A value we cannot know statically (a data source result, an unset variable, `timestamp()`). */
export const UNKNOWN: unique symbol = Symbol('unknown');
export type Unknown = typeof UNKNOWN;

export type TfValue = null | boolean | number | string | Unknown | TfValue[] | { [key: string]: TfValue };

/** Offsets into the text of `path` (end exclusive). */
export interface Range {
  start: number;
  end: number;
}

export interface TfAttribute {
  name: string;
  value: TfValue;
  /** The whole `name = expression` span. */
  range: Range;
  /** File (repository-relative) holding the attribute. */
  path: string;
  /** Source text of the expression (for messages and pattern checks). */
  source: string;
  /** Addresses the expression refers to: `aws_s3_bucket.logs`, `data.aws_iam_policy_document.p`, `module.vpc`. */
  references: string[];
}

export interface TfBlock {
  /** Block type: `resource`, `versioning`, `ingress`, ... */
  type: string;
  labels: string[];
  attributes: Record<string, TfAttribute>;
  /** Nested blocks in source order (`dynamic "x"` blocks are expanded to `x` blocks with unknown content). */
  blocks: TfBlock[];
  /** The whole block. */
  range: Range;
  /** The block's first line: type and labels, for reporting a missing attribute. */
  headerRange: Range;
  path: string;
}

export interface TfResource {
  mode: 'resource' | 'data';
  type: string;
  name: string;
  /** `aws_s3_bucket.logs`, `module.storage.aws_s3_bucket.logs`, `data.aws_iam_policy_document.p`. */
  address: string;
  /** `''` for the root module, else `module.<name>` (nested: `module.a.module.b`). */
  module: string;
  block: TfBlock;
  path: string;
}

export interface TfProject {
  /** The root module's directory (repository-relative, `''` for the scan root). */
  dir: string;
  resources: TfResource[];
  /** Resources (mode `resource`) of one type, in address order. */
  ofType(type: string): TfResource[];
  /**
   * Resources whose attributes refer to `target` (e.g. every `aws_s3_bucket_public_access_block` whose
   * `bucket = aws_s3_bucket.b.id`), optionally only of one type.
   */
  referencing(target: TfResource, type?: string): TfResource[];
  /** `provider` blocks of the root module. */
  providers: TfBlock[];
}
