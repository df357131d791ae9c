/**
 * The syntax tree of HCL native syntax (the language of `.tf` and `.tfvars` files). Every node carries the
 * offsets of its source text (`start` inclusive, `end` exclusive).
 */

export interface Node {
  start: number;
  end: number;
}

export interface Body extends Node {
  attributes: Attribute[];
  blocks: Block[];
}

export interface Attribute extends Node {
  name: string;
  /** Offsets of the name. */
  nameStart: number;
  nameEnd: number;
  expr: Expr;
}

export interface BlockLabel extends Node {
  value: string;
  quoted: boolean;
}

export interface Block extends Node {
  type: string;
  labels: BlockLabel[];
  body: Body;
  /** Offset of the opening `{`. */
  openBrace: number;
}

/** A step of a traversal after a splat: `.name`, `[index]` (or `.0`, which is index 0). */
export type Step =
  | { kind: 'attr'; name: string; start: number; end: number }
  | { kind: 'index'; key: Expr; start: number; end: number };

export type TemplatePart =
  | { kind: 'text'; value: string; start: number; end: number }
  | { kind: 'interp'; expr: Expr; start: number; end: number }
  | {
      kind: 'if';
      cond: Expr;
      then: TemplatePart[];
      else: TemplatePart[] | undefined;
      start: number;
      end: number;
    }
  | {
      kind: 'for';
      keyVar: string | undefined;
      valueVar: string;
      collection: Expr;
      body: TemplatePart[];
      start: number;
      end: number;
    };

export type BinaryOp = '||' | '&&' | '==' | '!=' | '<' | '>' | '<=' | '>=' | '+' | '-' | '*' | '/' | '%';

export type Expr =
  | (Node & { type: 'literal'; value: null | boolean | number | string })
  /** A quoted string or heredoc with interpolations or directives (a plain one is a `literal`). */
  | (Node & { type: 'template'; parts: TemplatePart[]; heredoc: boolean })
  /** A root name: `var`, `local`, `aws_s3_bucket`, `each`, an iterator. */
  | (Node & { type: 'variable'; name: string })
  | (Node & { type: 'getattr'; object: Expr; name: string })
  | (Node & { type: 'index'; object: Expr; key: Expr; legacy: boolean })
  /** `object[*].steps` (full) or `object.*.steps` (attribute-only). */
  | (Node & { type: 'splat'; object: Expr; steps: Step[]; full: boolean })
  /** `name(args)`; `name` may be namespaced (`provider::aws::arn_parse`). */
  | (Node & { type: 'call'; name: string; args: Expr[]; expand: boolean })
  | (Node & { type: 'tuple'; items: Expr[] })
  | (Node & { type: 'object'; items: ObjectItem[] })
  | (Node & { type: 'unary'; op: '!' | '-'; operand: Expr })
  | (Node & { type: 'binary'; op: BinaryOp; left: Expr; right: Expr })
  | (Node & { type: 'conditional'; cond: Expr; then: Expr; else: Expr })
  | (Node & {
      type: 'for';
      keyVar: string | undefined;
      valueVar: string;
      collection: Expr;
      /** Key expression of an object `for` (`k => v`); undefined for a tuple `for`. */
      key: Expr | undefined;
      value: Expr;
      cond: Expr | undefined;
      /** `...` after the value of an object `for`: values are grouped into lists. */
      grouping: boolean;
    })
  | (Node & { type: 'paren'; expr: Expr });

export interface ObjectItem extends Node {
  /** A bare identifier key is a `literal` string; `(expr)` keys are `paren`. */
  key: Expr;
  value: Expr;
}

export interface HclSyntaxError {
  message: string;
  offset: number;
  /** 1-based line and column. */
  line: number;
  column: number;
}

export interface HclFile {
  body: Body;
  errors: HclSyntaxError[];
}
