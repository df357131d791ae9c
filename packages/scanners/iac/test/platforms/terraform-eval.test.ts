import { describe, expect, it } from 'vitest';
import { EVALUATED_FUNCTIONS, Evaluator } from '../../src/platforms/terraform/evaluate.js';
import { parseHclExpression } from '../../src/platforms/terraform/hcl/parser.js';
import { platform } from '../../src/platforms/terraform/index.js';
import {
  UNKNOWN,
  type TfProject,
  type TfResource,
  type TfValue,
} from '../../src/platforms/terraform/model.js';

/** Evaluates one expression with no names in scope (`var.x` and friends are UNKNOWN). */
function ev(src: string): TfValue {
  const { expr, errors } = parseHclExpression(src);
  expect(errors).toEqual([]);
  return new Evaluator({ root: () => UNKNOWN }).value(expr!);
}

function parse(files: Record<string, string>): { docs: TfProject[]; errors: string[] } {
  const { docs, errors } = platform.parse(Object.entries(files).map(([path, text]) => ({ path, text })));
  return { docs, errors: errors.map((e) => `${e.path}:${e.line ?? '?'} ${e.message}`) };
}

function only(files: Record<string, string>): TfProject {
  const { docs, errors } = parse(files);
  expect(errors).toEqual([]);
  expect(docs).toHaveLength(1);
  return docs[0]!;
}

function resource(project: TfProject, address: string): TfResource {
  const found = project.resources.find((r) => r.address === address);
  if (!found) throw new Error(`no ${address} in ${project.resources.map((r) => r.address).join(', ')}`);
  return found;
}

function value(project: TfProject, address: string, name: string): TfValue | undefined {
  return resource(project, address).block.attributes[name]?.value;
}

describe('expression evaluation', () => {
  it('evaluates arithmetic, comparison, logic and conditionals', () => {
    expect(ev('1 + 2 * 3')).toBe(7);
    expect(ev('(1 + 2) * 3')).toBe(9);
    expect(ev('7 % 4 - 10 / 4')).toBe(0.5);
    expect(ev('"2" + 3')).toBe(5);
    expect(ev('-(-4)')).toBe(4);
    expect(ev('1 < 2 && 2 >= 2 && !(3 <= 1)')).toBe(true);
    expect(ev('"a" == "a" && [1, 2] == [1, 2] && {a = 1} != {a = 2}')).toBe(true);
    expect(ev('1 == "1"')).toBe(false);
    expect(ev('true ? "yes" : "no"')).toBe('yes');
    expect(ev('"false" ? 1 : 2')).toBe(2);
    expect(ev('1 / 0')).toBe(UNKNOWN);
  });

  it('keeps unknowns unknown, except where the result is certain', () => {
    expect(ev('var.x + 1')).toBe(UNKNOWN);
    expect(ev('var.x == "a"')).toBe(UNKNOWN);
    expect(ev('var.x ? "a" : "b"')).toBe(UNKNOWN);
    expect(ev('var.x ? "same" : "same"')).toBe('same');
    expect(ev('false && var.x')).toBe(false);
    expect(ev('true || var.x')).toBe(true);
    expect(ev('var.x && true')).toBe(UNKNOWN);
    expect(ev('"prefix-${var.x}"')).toBe(UNKNOWN);
    expect(ev('[1, var.x]')).toEqual([1, UNKNOWN]);
    expect(ev('{ a = var.x, b = 2 }')).toEqual({ a: UNKNOWN, b: 2 });
    expect(ev('{ (var.k) = 1 }')).toBe(UNKNOWN);
  });

  it('evaluates templates, directives and heredocs', () => {
    expect(ev('"a-${1 + 1}-${true}"')).toBe('a-2-true');
    expect(ev('"${[1]}"')).toEqual([1]);
    expect(ev('"%{ if 1 > 0 }big%{ else }small%{ endif }"')).toBe('big');
    expect(ev('"%{ for k, v in { a = 1, b = 2 } }${k}${v},%{ endfor }"')).toBe('a1,b2,');
    expect(ev('"%{ for x in ["a", "b"] ~}\\n  ${x}\\n%{~ endfor }"')).toBe('ab');
    const { expr } = parseHclExpression('<<-EOT\n    {\n      "a": "${upper("b")}"\n    }\n    EOT');
    expect(new Evaluator({ root: () => UNKNOWN }).value(expr!)).toBe('{\n  "a": "B"\n}\n');
  });

  it('evaluates traversals, splats and for expressions', () => {
    expect(ev('{ a = [10, 20] }.a[1]')).toBe(20);
    expect(ev('[{ id = 1 }, { id = 2 }][*].id')).toEqual([1, 2]);
    expect(ev('[{ id = 1 }, { id = 2 }].*.id')).toEqual([1, 2]);
    expect(ev('[[1, 2], [3]][*][0]')).toEqual([1, 3]);
    expect(ev('null[*]')).toEqual([]);
    expect(ev('{ a = 1 }[*].a')).toEqual([1]);
    expect(ev('[for s in ["a", "", "b"] : upper(s) if s != ""]')).toEqual(['A', 'B']);
    expect(ev('{ for k, v in { a = 1, b = 2 } : v => k }')).toEqual({ '1': 'a', '2': 'b' });
    expect(ev('{ for p in [{ r = "x", n = 1 }, { r = "x", n = 2 }] : p.r => p.n... }')).toEqual({
      x: [1, 2],
    });
    expect(ev('[for i, v in ["a", "b"] : "${i}:${v}"]')).toEqual(['0:a', '1:b']);
    expect(ev('[for s in var.list : s]')).toBe(UNKNOWN);
    expect(ev('{ a = 1 }.missing')).toBe(UNKNOWN);
  });

  it('evaluates common functions', () => {
    const cases: [string, TfValue][] = [
      ['lower("ABC")', 'abc'],
      ['upper("abc")', 'ABC'],
      ['format("%s-%03d-%v-%q-%t", "a", 7, 1.5, "q", true)', 'a-007-1.5-"q"-true'],
      ['format("%%s")', '%s'],
      ['join(",", ["a", "b"], ["c"])', 'a,b,c'],
      ['split(",", "a,b,,c")', ['a', 'b', '', 'c']],
      ['concat([1], [2, 3])', [1, 2, 3]],
      ['merge({ a = 1, b = 1 }, { b = 2 }, null)', { a: 1, b: 2 }],
      ['lookup({ a = 1 }, "a", 0)', 1],
      ['lookup({ a = 1 }, "z", 0)', 0],
      ['element(["a", "b"], 3)', 'b'],
      ['length("héllo")', 5],
      ['length({ a = 1, b = 2 })', 2],
      ['contains(["a", "b"], "b")', true],
      ['contains(["a", var.x], "c")', UNKNOWN],
      ['contains(["a", var.x], "a")', true],
      ['coalesce("", null, "x")', 'x'],
      ['tostring(12)', '12'],
      ['tonumber("1.5")', 1.5],
      ['tobool("true")', true],
      ['toset(["a", "b", "a"])', ['a', 'b']],
      ['tolist(toset(["x"]))', ['x']],
      ['tomap({ a = 1 })', { a: 1 }],
      ['jsonencode({ b = [1, true, null], a = "x" })', '{"a":"x","b":[1,true,null]}'],
      ['jsonencode({ a = var.x })', UNKNOWN],
      ['jsondecode("{\\"a\\": [1, 2]}")', { a: [1, 2] }],
      ['jsondecode("not json")', UNKNOWN],
      ['keys({ b = 1, a = 2 })', ['a', 'b']],
      ['values({ b = 1, a = 2 })', [2, 1]],
      ['try(var.x.y, "fallback")', UNKNOWN],
      ['try({ a = 1 }.b, "fallback")', 'fallback'],
      ['try({ a = 1 }.a, "fallback")', 1],
      ['can({ a = 1 }.b)', false],
      ['can({ a = 1 }.a)', true],
      ['replace("a-b-c", "-", "_")', 'a_b_c'],
      ['replace("abc", "/b/", "x")', UNKNOWN],
      ['trimspace("  x \\n")', 'x'],
      ['substr("hello", 1, 3)', 'ell'],
      ['substr("hello", -3, -1)', 'llo'],
      ['startswith("arn:aws", "arn:")', true],
      ['endswith("file.tf", ".tf")', true],
      ['flatten([[1, [2]], 3])', [1, 2, 3]],
      ['distinct([1, 2, 1])', [1, 2]],
      ['compact(["a", "", null, "b"])', ['a', 'b']],
      ['range(3)', [0, 1, 2]],
      ['range(1, 7, 2)', [1, 3, 5]],
      ['zipmap(["a", "b"], [1, 2])', { a: 1, b: 2 }],
      ['max(1, 5, 3)', 5],
      ['min([4, 2]...)', 2],
      ['one([])', null],
      ['alltrue([true, "true"])', true],
      ['anytrue([false, var.x])', UNKNOWN],
      ['trimprefix("hello", "he")', 'llo'],
      ['trimsuffix("hello", "lo")', 'hel'],
      ['sensitive("s")', 's'],
      ['nonsensitive(sensitive(1))', 1],
      ['base64encode("hi")', 'aGk='],
      ['base64decode("aGk=")', 'hi'],
      ['sha256("")', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
      ['urlencode("a b&c")', 'a%20b%26c'],
      ['setintersection(["a", "b"], ["b", "c"])', ['b']],
      ['setsubtract(["a", "b"], ["b"])', ['a']],
      ['chunklist([1, 2, 3], 2)', [[1, 2], [3]]],
      ['formatlist("%s:%d", ["a", "b"], 80)', ['a:80', 'b:80']],
      ['file("policy.json")', UNKNOWN],
      ['templatefile("x.tpl", {})', UNKNOWN],
      ['timestamp()', UNKNOWN],
      ['cidrsubnet("10.0.0.0/16", 8, 1)', UNKNOWN],
      ['no_such_function(1)', UNKNOWN],
      ['provider::aws::arn_parse("x")', UNKNOWN],
      ['lower(var.x)', UNKNOWN],
      ['length(var.x)', UNKNOWN],
    ];
    for (const [src, expected] of cases) expect(ev(src), src).toEqual(expected);
    expect(EVALUATED_FUNCTIONS).toContain('jsonencode');
  });

  it('is safe with __proto__ keys and runaway loops', () => {
    const proto = ev('{ "__proto__" = { polluted = true } }');
    expect(Object.keys(proto as object)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(ev('range(100000)')).toBe(UNKNOWN);
    // the evaluation budget runs out: the rest is UNKNOWN instead of hanging
    const big = ev('[for a in range(2000) : [for b in range(2000) : a * b]]') as TfValue[];
    expect(big.at(-1)).toBe(UNKNOWN);
  });
});

describe('module evaluation', () => {
  it('resolves variables from defaults, terraform.tfvars and *.auto.tfvars (later files win)', () => {
    const p = only({
      'variables.tf':
        'variable "a" { default = "from-default" }\nvariable "b" { default = "from-default" }\nvariable "c" { default = "from-default" }\nvariable "d" {}\nvariable "e" {\n  type    = list(string)\n  default = null\n}\n',
      'main.tf':
        'resource "t" "r" {\n  a = var.a\n  b = var.b\n  c = var.c\n  d = var.d\n  e = var.e\n  u = var.undeclared\n}\n',
      'terraform.tfvars': 'b = "from-tfvars"\nc = "from-tfvars"\n',
      'z.auto.tfvars': 'c = "from-auto"\n',
      'prod.tfvars': 'a = "not loaded automatically"\n',
    });
    expect(value(p, 't.r', 'a')).toBe('from-default');
    expect(value(p, 't.r', 'b')).toBe('from-tfvars');
    expect(value(p, 't.r', 'c')).toBe('from-auto');
    expect(value(p, 't.r', 'd')).toBe(UNKNOWN);
    expect(value(p, 't.r', 'e')).toBe(null);
    expect(value(p, 't.r', 'u')).toBe(UNKNOWN);
  });

  it('resolves locals in any order and gives UNKNOWN for cycles', () => {
    const p = only({
      'main.tf': [
        'locals {',
        '  full = "${local.prefix}-${local.suffix}"',
        '  prefix = upper(var.env)',
        '}',
        'locals {',
        '  suffix = "logs"',
        '  loop_a = local.loop_b',
        '  loop_b = local.loop_a',
        '  self = local.self',
        '}',
        'variable "env" { default = "prod" }',
        'resource "t" "r" {',
        '  name = local.full',
        '  loop = local.loop_a',
        '  self = local.self',
        '  missing = local.nope',
        '}',
        '',
      ].join('\n'),
    });
    expect(value(p, 't.r', 'name')).toBe('PROD-logs');
    expect(value(p, 't.r', 'loop')).toBe(UNKNOWN);
    expect(value(p, 't.r', 'self')).toBe(UNKNOWN);
    expect(value(p, 't.r', 'missing')).toBe(UNKNOWN);
  });

  it("resolves other resources' literal attributes, records references, and keeps computed ones UNKNOWN", () => {
    const p = only({
      'main.tf': [
        'resource "aws_s3_bucket" "logs" {',
        '  bucket = "my-logs"',
        '  versioning {',
        '    enabled = true',
        '  }',
        '}',
        'resource "aws_s3_bucket_public_access_block" "logs" {',
        '  bucket            = aws_s3_bucket.logs.id',
        '  name              = aws_s3_bucket.logs.bucket',
        '  versioned         = aws_s3_bucket.logs.versioning[0].enabled',
        '  block_public_acls = true',
        '}',
        'locals {',
        '  bucket_arn = aws_s3_bucket.logs.arn',
        '}',
        'resource "aws_s3_bucket_policy" "p" {',
        '  bucket = local.bucket_arn',
        '  policy = data.aws_iam_policy_document.p.json',
        '  depends_on = [aws_s3_bucket.other]',
        '}',
        'resource "aws_s3_bucket" "other" {',
        '  bucket = "other"',
        '}',
        'data "aws_iam_policy_document" "p" {',
        '  statement {',
        '    resources = ["${aws_s3_bucket.logs.arn}/*"]',
        '  }',
        '}',
        'module "m" {',
        '  source = "git::https://example.com/m.git"',
        '}',
        'resource "t" "uses_module" {',
        '  x = module.m.output',
        '}',
        '',
      ].join('\n'),
    });
    const pab = resource(p, 'aws_s3_bucket_public_access_block.logs');
    expect(pab.block.attributes.bucket!.value).toBe(UNKNOWN);
    expect(pab.block.attributes.bucket!.references).toEqual(['aws_s3_bucket.logs']);
    expect(pab.block.attributes.bucket!.source).toBe('aws_s3_bucket.logs.id');
    expect(pab.block.attributes.name!.value).toBe('my-logs');
    expect(pab.block.attributes.versioned!.value).toBe(true);
    expect(pab.block.attributes.block_public_acls!.references).toEqual([]);
    const policy = resource(p, 'aws_s3_bucket_policy.p');
    expect(policy.block.attributes.bucket!.references).toEqual(['aws_s3_bucket.logs']);
    expect(policy.block.attributes.policy!.references).toEqual(['data.aws_iam_policy_document.p']);
    expect(policy.block.attributes.depends_on!.references).toEqual(['aws_s3_bucket.other']);
    expect(resource(p, 't.uses_module').block.attributes.x!.references).toEqual(['module.m']);
    const data = resource(p, 'data.aws_iam_policy_document.p');
    expect(data.mode).toBe('data');
    expect(data.block.blocks[0]!.attributes.resources!.references).toEqual(['aws_s3_bucket.logs']);

    const logs = resource(p, 'aws_s3_bucket.logs');
    expect(p.referencing(logs).map((r) => r.address)).toEqual([
      'aws_s3_bucket_policy.p',
      'aws_s3_bucket_public_access_block.logs',
      'data.aws_iam_policy_document.p',
    ]);
    expect(p.referencing(logs, 'aws_s3_bucket_public_access_block').map((r) => r.address)).toEqual([
      'aws_s3_bucket_public_access_block.logs',
    ]);
    // depends_on alone does not count as referencing
    expect(p.referencing(resource(p, 'aws_s3_bucket.other'))).toEqual([]);
    expect(p.ofType('aws_s3_bucket').map((r) => r.address)).toEqual([
      'aws_s3_bucket.logs',
      'aws_s3_bucket.other',
    ]);
    expect(p.ofType('aws_iam_policy_document')).toEqual([]);
  });

  it('merges count / for_each instances: equal values stay, differing ones are UNKNOWN', () => {
    const p = only({
      'main.tf': [
        'variable "buckets" {',
        '  default = {',
        '    logs = { acl = "private", versioning = true }',
        '    data = { acl = "private", versioning = false }',
        '  }',
        '}',
        'resource "aws_s3_bucket" "b" {',
        '  for_each = var.buckets',
        '  bucket   = "corp-${each.key}"',
        '  acl      = each.value.acl',
        '  versioned = each.value.versioning',
        '}',
        'resource "aws_instance" "i" {',
        '  count         = 2',
        '  instance_type = count.index == 0 ? "t3.micro" : "t3.micro"',
        '  name          = "web-${count.index}"',
        '}',
        'resource "aws_instance" "unknown_count" {',
        '  count = var.n',
        '  name  = "web-${count.index}"',
        '  type  = "t3.micro"',
        '}',
        'variable "n" {}',
        'resource "aws_iam_user" "u" {',
        '  for_each = toset(["alice"])',
        '  name     = each.key',
        '}',
        'resource "t" "ref" {',
        '  x = aws_s3_bucket.b["logs"].acl',
        '  y = aws_instance.i[0].instance_type',
        '}',
        '',
      ].join('\n'),
    });
    expect(value(p, 'aws_s3_bucket.b', 'acl')).toBe('private');
    expect(value(p, 'aws_s3_bucket.b', 'bucket')).toBe(UNKNOWN);
    expect(value(p, 'aws_s3_bucket.b', 'versioned')).toBe(UNKNOWN);
    expect(value(p, 'aws_instance.i', 'instance_type')).toBe('t3.micro');
    expect(value(p, 'aws_instance.i', 'name')).toBe(UNKNOWN);
    expect(value(p, 'aws_instance.unknown_count', 'name')).toBe(UNKNOWN);
    expect(value(p, 'aws_instance.unknown_count', 'type')).toBe('t3.micro');
    expect(value(p, 'aws_iam_user.u', 'name')).toBe('alice');
    expect(value(p, 't.ref', 'x')).toBe('private');
    expect(value(p, 't.ref', 'y')).toBe('t3.micro');
    expect(p.resources.filter((r) => r.type === 'aws_s3_bucket')).toHaveLength(1);
  });

  it('expands dynamic blocks: one block per known element, one with unknown content otherwise', () => {
    const text = [
      'variable "rules" {',
      '  default = [{ port = 22, cidr = "0.0.0.0/0" }, { port = 443, cidr = "10.0.0.0/8" }]',
      '}',
      'variable "unknown_rules" {}',
      'resource "aws_security_group" "sg" {',
      '  dynamic "ingress" {',
      '    for_each = var.rules',
      '    content {',
      '      from_port   = ingress.value.port',
      '      cidr_blocks = [ingress.value.cidr]',
      '      protocol    = "tcp"',
      '    }',
      '  }',
      '  dynamic "egress" {',
      '    for_each = var.unknown_rules',
      '    iterator = rule',
      '    content {',
      '      from_port = rule.value.port',
      '      protocol  = "-1"',
      '    }',
      '  }',
      '  dynamic "none" {',
      '    for_each = []',
      '    content {',
      '      x = 1',
      '    }',
      '  }',
      '  dynamic "setting" {',
      '    for_each = { a = "1", b = "2" }',
      '    content {',
      '      name  = setting.key',
      '      value = setting.value',
      '    }',
      '  }',
      '}',
      '',
    ].join('\n');
    const p = only({ 'main.tf': text });
    const sg = resource(p, 'aws_security_group.sg');
    const ingress = sg.block.blocks.filter((b) => b.type === 'ingress');
    expect(ingress.map((b) => [b.attributes.from_port!.value, b.attributes.cidr_blocks!.value])).toEqual([
      [22, ['0.0.0.0/0']],
      [443, ['10.0.0.0/8']],
    ]);
    const egress = sg.block.blocks.filter((b) => b.type === 'egress');
    expect(egress).toHaveLength(1);
    expect(egress[0]!.attributes.from_port!.value).toBe(UNKNOWN);
    expect(egress[0]!.attributes.protocol!.value).toBe('-1');
    expect(sg.block.blocks.filter((b) => b.type === 'none')).toEqual([]);
    expect(
      sg.block.blocks
        .filter((b) => b.type === 'setting')
        .map((b) => [b.attributes.name!.value, b.attributes.value!.value]),
    ).toEqual([
      ['a', '1'],
      ['b', '2'],
    ]);
    // the generated block's header is the `dynamic "ingress" {` line; attributes point into `content`
    expect(text.slice(ingress[0]!.headerRange.start, ingress[0]!.headerRange.end)).toBe(
      'dynamic "ingress" {',
    );
    expect(
      text.slice(ingress[0]!.attributes.protocol!.range.start, ingress[0]!.attributes.protocol!.range.end),
    ).toBe('protocol    = "tcp"');
  });

  it('evaluates local modules as children with module addresses and inputs, without double-reporting them', () => {
    const { docs, errors } = parse({
      'envs/prod/main.tf': [
        'variable "env" { default = "prod" }',
        'module "storage" {',
        '  source      = "../../modules/storage"',
        '  bucket_name = "corp-${var.env}"',
        '  logging     = aws_s3_bucket.central.id',
        '}',
        'resource "aws_s3_bucket" "central" {',
        '  bucket = "central"',
        '}',
        'resource "t" "uses_output" {',
        '  name = module.storage.name',
        '  id   = module.storage.id',
        '}',
        '',
      ].join('\n'),
      'modules/storage/main.tf': [
        'variable "bucket_name" {}',
        'variable "logging" { default = null }',
        'variable "acl" { default = "private" }',
        'resource "aws_s3_bucket" "this" {',
        '  bucket = var.bucket_name',
        '  acl    = var.acl',
        '  log    = var.logging',
        '}',
        'module "nested" {',
        '  source = "./nested"',
        '  prefix = var.bucket_name',
        '}',
        'output "name" { value = aws_s3_bucket.this.bucket }',
        'output "id" { value = aws_s3_bucket.this.id }',
        '',
      ].join('\n'),
      'modules/storage/nested/main.tf':
        'variable "prefix" {}\nresource "aws_sqs_queue" "q" {\n  name = "${var.prefix}-queue"\n}\n',
      'standalone/main.tf': 'resource "aws_sqs_queue" "alone" {\n  name = "alone"\n}\n',
    });
    expect(errors).toEqual([]);
    expect(docs.map((d) => d.dir)).toEqual(['envs/prod', 'standalone']);
    const prod = docs[0]!;
    expect(prod.resources.map((r) => `${r.address} @${r.module}`)).toEqual([
      'aws_s3_bucket.central @',
      'module.storage.aws_s3_bucket.this @module.storage',
      'module.storage.module.nested.aws_sqs_queue.q @module.storage.module.nested',
      't.uses_output @',
    ]);
    const child = resource(prod, 'module.storage.aws_s3_bucket.this');
    expect(child.path).toBe('modules/storage/main.tf');
    expect(child.block.attributes.bucket!.value).toBe('corp-prod');
    expect(child.block.attributes.acl!.value).toBe('private');
    expect(child.block.attributes.log!.value).toBe(UNKNOWN);
    expect(child.block.attributes.log!.references).toEqual(['aws_s3_bucket.central']);
    expect(prod.referencing(resource(prod, 'aws_s3_bucket.central')).map((r) => r.address)).toEqual([
      'module.storage.aws_s3_bucket.this',
    ]);
    expect(value(prod, 'module.storage.module.nested.aws_sqs_queue.q', 'name')).toBe('corp-prod-queue');
    const uses = resource(prod, 't.uses_output');
    expect(uses.block.attributes.name!.value).toBe('corp-prod');
    expect(uses.block.attributes.id!.references).toEqual([
      'module.storage',
      'module.storage.aws_s3_bucket.this',
    ]);
  });

  it('evaluates a module directory on its own when nothing scanned calls it, and survives module cycles', () => {
    const { docs, errors } = parse({
      'a/main.tf': 'module "b" {\n  source = "../b"\n}\nresource "t" "a" {}\n',
      'b/main.tf': 'module "a" {\n  source = "../a"\n}\nresource "t" "b" {}\n',
      'c/main.tf': 'module "self" {\n  source = "./"\n}\nresource "t" "c" {}\n',
    });
    expect(errors).toEqual([]);
    expect(docs.map((d) => d.dir).sort()).toEqual(['a', 'c']);
    expect(docs.find((d) => d.dir === 'a')!.resources.map((r) => r.address)).toEqual(['module.b.t.b', 't.a']);
  });

  it('gives UNKNOWN instead of overflowing on very long chains and cycles through module outputs', () => {
    const chain = Array.from({ length: 3000 }, (_, i) => `  l${i} = local.l${i + 1}`).join('\n');
    const p = only({
      'main.tf': `locals {\n${chain}\n  l3000 = "end"\n  short = local.l2990\n}\nresource "t" "r" {\n  long  = local.l0\n  short = local.short\n}\n`,
    });
    expect(value(p, 't.r', 'long')).toBe(UNKNOWN);
    expect(value(p, 't.r', 'short')).toBe('end');
    const cyclic = only({
      'main.tf':
        'module "a" {\n  source = "./a"\n  x = module.b.out\n}\nmodule "b" {\n  source = "./b"\n  x = module.a.out\n}\n',
      'a/main.tf': 'variable "x" {}\noutput "out" { value = var.x }\nresource "t" "a" {\n  v = var.x\n}\n',
      'b/main.tf':
        'variable "x" {}\noutput "out" { value = "${var.x}-b" }\nresource "t" "b" {\n  v = var.x\n}\n',
    });
    expect(value(cyclic, 'module.a.t.a', 'v')).toBe(UNKNOWN);
    expect(value(cyclic, 'module.b.t.b', 'v')).toBe(UNKNOWN);
  });

  it('exposes root provider blocks and block ranges', () => {
    const text =
      'provider "aws" {\n  region = "us-east-1"\n}\nresource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n';
    const p = only({ 'main.tf': text });
    expect(p.providers.map((b) => [b.labels, b.attributes.region!.value])).toEqual([[['aws'], 'us-east-1']]);
    const b = resource(p, 'aws_s3_bucket.b');
    expect(text.slice(b.block.headerRange.start, b.block.headerRange.end)).toBe(
      'resource "aws_s3_bucket" "b" {',
    );
    expect(text.slice(b.block.range.start, b.block.range.end)).toBe(
      'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}',
    );
    expect(b.block.type).toBe('resource');
    expect(b.block.labels).toEqual(['aws_s3_bucket', 'b']);
    expect(b.path).toBe('main.tf');
    expect(b.module).toBe('');
  });
});
