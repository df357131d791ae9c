import { describe, expect, it } from 'vitest';
import type { Block, Expr, TemplatePart } from '../../src/platforms/terraform/hcl/ast.js';
import { T, tokenize } from '../../src/platforms/terraform/hcl/lexer.js';
import { parseHcl, parseHclExpression } from '../../src/platforms/terraform/hcl/parser.js';

/** A compact S-expression of an expression, for structure assertions. */
function show(e: Expr): string {
  switch (e.type) {
    case 'literal':
      return JSON.stringify(e.value);
    case 'template':
      return `(tpl ${e.parts.map(showPart).join(' ')})`;
    case 'variable':
      return e.name;
    case 'getattr':
      return `${show(e.object)}.${e.name}`;
    case 'index':
      return `${show(e.object)}[${show(e.key)}]`;
    case 'splat':
      return `(splat${e.full ? '' : '-attr'} ${show(e.object)} ${e.steps.map((s) => (s.kind === 'attr' ? `.${s.name}` : `[${show(s.key)}]`)).join('')})`;
    case 'call':
      return `(${e.name} ${e.args.map(show).join(' ')}${e.expand ? ' ...' : ''})`;
    case 'tuple':
      return `[${e.items.map(show).join(' ')}]`;
    case 'object':
      return `{${e.items.map((i) => `${show(i.key)}=${show(i.value)}`).join(' ')}}`;
    case 'unary':
      return `(${e.op} ${show(e.operand)})`;
    case 'binary':
      return `(${e.op} ${show(e.left)} ${show(e.right)})`;
    case 'conditional':
      return `(? ${show(e.cond)} ${show(e.then)} ${show(e.else)})`;
    case 'for':
      return `(for ${e.keyVar ? `${e.keyVar},` : ''}${e.valueVar} ${show(e.collection)} ${e.key ? `${show(e.key)} => ` : ''}${show(e.value)}${e.grouping ? '...' : ''}${e.cond ? ` if ${show(e.cond)}` : ''})`;
    case 'paren':
      return `(paren ${show(e.expr)})`;
  }
}

function showPart(p: TemplatePart): string {
  switch (p.kind) {
    case 'text':
      return JSON.stringify(p.value);
    case 'interp':
      return `\${${show(p.expr)}}`;
    case 'if':
      return `%{if ${show(p.cond)} ${p.then.map(showPart).join(' ')}${p.else ? ` else ${p.else.map(showPart).join(' ')}` : ''}}`;
    case 'for':
      return `%{for ${p.keyVar ? `${p.keyVar},` : ''}${p.valueVar} in ${show(p.collection)} ${p.body.map(showPart).join(' ')}}`;
  }
}

function expr(src: string): string {
  const { expr: e, errors } = parseHclExpression(src);
  expect(errors).toEqual([]);
  return show(e!);
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

describe('HCL lexer', () => {
  it('tokenizes identifiers with dashes, numbers, operators and comments', () => {
    const src = 'a-b = 1.5e3 # c\n// d\n/* e\n f */ x >= 2 && !y || z != "s"';
    const tk = tokenize(src);
    const types: T[] = [];
    const texts: string[] = [];
    for (let i = 0; i < tk.count; i++) {
      types.push(tk.types[i] as T);
      texts.push(src.slice(tk.starts[i], tk.ends[i]));
    }
    expect(texts).toEqual([
      'a-b',
      '=',
      '1.5e3',
      '\n',
      '\n',
      'x',
      '>=',
      '2',
      '&&',
      '!',
      'y',
      '||',
      'z',
      '!=',
      '"',
      's',
      '"',
      '',
    ]);
    expect(types[0]).toBe(T.Ident);
    expect(types[2]).toBe(T.Number);
    expect(types.at(-1)).toBe(T.EOF);
  });

  it('lexes only an integer after a dot (legacy index a.0.1)', () => {
    const src = 'a.0.1';
    const tk = tokenize(src);
    const texts = Array.from({ length: tk.count }, (_, i) => src.slice(tk.starts[i], tk.ends[i]));
    expect(texts).toEqual(['a', '.', '0', '.', '1', '']);
  });

  it('switches modes inside templates and heredocs', () => {
    const src = 'x = "a${b}c%{ if d }e%{ endif }"\ny = <<EOT\nline ${z}\nEOT\n';
    const tk = tokenize(src);
    const types = Array.from(tk.types.slice(0, tk.count));
    expect(types).toContain(T.TemplateInterp);
    expect(types).toContain(T.TemplateControl);
    expect(types).toContain(T.OHeredoc);
    expect(types).toContain(T.CHeredoc);
    expect(types).toContain(T.StringLit);
    expect(tk.invalid.size).toBe(0);
  });

  it('reports unexpected characters and unterminated strings as invalid tokens', () => {
    const tk = tokenize('a = "abc\nb = @');
    expect([...tk.invalid.values()].join('; ')).toMatch(/unterminated string.*unexpected character '@'/);
  });
});

describe('HCL parser: structure', () => {
  it('parses attributes, blocks with quoted and bare labels, one-line and empty blocks', () => {
    const src = [
      'region = "eu-west-1"',
      'resource "aws_s3_bucket" "logs" {',
      '  bucket = "x"',
      '  versioning { enabled = true }',
      '  lifecycle {}',
      '}',
      'locals {',
      '}',
      'provider aws {',
      '  alias = "east"',
      '}',
      '',
    ].join('\n');
    const { body, errors } = parseHcl(src);
    expect(errors).toEqual([]);
    expect(body.attributes.map((a) => a.name)).toEqual(['region']);
    expect(body.blocks.map((b) => [b.type, b.labels.map((l) => l.value)])).toEqual([
      ['resource', ['aws_s3_bucket', 'logs']],
      ['locals', []],
      ['provider', ['aws']],
    ]);
    const resource = body.blocks[0]!;
    expect(resource.labels.map((l) => l.quoted)).toEqual([true, true]);
    expect(body.blocks[2]!.labels[0]!.quoted).toBe(false);
    expect(resource.body.blocks.map((b) => b.type)).toEqual(['versioning', 'lifecycle']);
    expect(resource.body.blocks[0]!.body.attributes[0]!.name).toBe('enabled');
    // exact offsets
    expect(src.slice(resource.start, resource.end)).toBe(
      src.slice(src.indexOf('resource'), src.indexOf('}\nlocals') + 1),
    );
    const bucket = resource.body.attributes[0]!;
    expect(src.slice(bucket.start, bucket.end)).toBe('bucket = "x"');
    expect(src.slice(bucket.nameStart, bucket.nameEnd)).toBe('bucket');
    expect(src.slice(bucket.expr.start, bucket.expr.end)).toBe('"x"');
    expect(src[resource.openBrace]).toBe('{');
    const label = resource.labels[1]!;
    expect(src.slice(label.start, label.end)).toBe('"logs"');
  });

  it('handles comments everywhere, CRLF line endings and a BOM', () => {
    const src =
      '\uFEFF# top\r\nresource "a" "b" { # trailing\r\n  // line\r\n  x = 1 /* inline */\r\n  /* multi\r\n  line */\r\n  y = [ # in list\r\n    1, // one\r\n    2,\r\n  ]\r\n}\r\n';
    const { body, errors } = parseHcl(src);
    expect(errors).toEqual([]);
    expect(body.blocks[0]!.body.attributes.map((a) => a.name)).toEqual(['x', 'y']);
  });

  it('parses a file without a trailing newline and an empty file', () => {
    expect(parseHcl('a = 1').errors).toEqual([]);
    expect(parseHcl('').body.blocks).toEqual([]);
    expect(parseHcl('  \n\n# only a comment').errors).toEqual([]);
  });
});

describe('HCL parser: expressions', () => {
  it('parses literals', () => {
    expect(expr('42')).toBe('42');
    expect(expr('-1.5e2')).toBe('-150');
    expect(expr('true')).toBe('true');
    expect(expr('null')).toBe('null');
    expect(expr('"plain"')).toBe('"plain"');
  });

  it('applies string escapes', () => {
    expect(expr('"a\\nb\\t\\"q\\" \\\\ \\u00e9 \\U0001F600"')).toBe(JSON.stringify('a\nb\t"q" \\ é 😀'));
    expect(expr('"$${literal} %%{literal}"')).toBe(JSON.stringify('${literal} %{literal}'));
  });

  it('gives operators their precedence and left associativity', () => {
    expect(expr('1 + 2 * 3')).toBe('(+ 1 (* 2 3))');
    expect(expr('1 - 2 - 3')).toBe('(- (- 1 2) 3)');
    expect(expr('a || b && c')).toBe('(|| a (&& b c))');
    expect(expr('a == b && c != d')).toBe('(&& (== a b) (!= c d))');
    expect(expr('a < b == c >= d')).toBe('(== (< a b) (>= c d))');
    expect(expr('!a && -b > 1')).toBe('(&& (! a) (> (- b) 1))');
    expect(expr('a + b % c / d')).toBe('(+ a (/ (% b c) d))');
    expect(expr('(1 + 2) * 3')).toBe('(* (paren (+ 1 2)) 3)');
    expect(expr('a ? b : c ? d : e')).toBe('(? a b (? c d e))');
    expect(expr('x > 0 ? "a" : "b"')).toBe('(? (> x 0) "a" "b")');
  });

  it('parses traversals: attributes, indexes, legacy indexes and splats', () => {
    expect(expr('aws_s3_bucket.b.id')).toBe('aws_s3_bucket.b.id');
    expect(expr('var.list[0]["k"]')).toBe('var.list[0]["k"]');
    expect(expr('a.0.b')).toBe('a[0].b');
    expect(expr('a.b[*].c.d[0]')).toBe('(splat a.b .c.d[0])');
    expect(expr('a.*.id')).toBe('(splat-attr a .id)');
    expect(expr('a.*.id[0]')).toBe('(splat-attr a .id)[0]');
    expect(expr('a[*][*].x')).toBe('(splat (splat a ) .x)');
  });

  it('parses function calls, namespaced functions and argument expansion', () => {
    expect(expr('lower(format("%s-%d", var.n, 2))')).toBe('(lower (format "%s-%d" var.n 2))');
    expect(expr('provider::aws::arn_parse(x)')).toBe('(provider::aws::arn_parse x)');
    expect(expr('max(var.list...)')).toBe('(max var.list ...)');
    expect(expr('concat(\n  a,\n  b,\n)')).toBe('(concat a b)');
  });

  it('parses tuples and objects with = and :, quoted and parenthesised keys', () => {
    expect(expr('[1, "two", [3],]')).toBe('[1 "two" [3]]');
    expect(expr('{ a = 1, "b" = 2, (c.d) = 3 }')).toBe('{"a"=1 "b"=2 (paren c.d)=3}');
    expect(expr('{ a: 1, b: 2 }')).toBe('{"a"=1 "b"=2}');
    expect(expr('{\n  a = 1\n  b = {\n    c = [\n      1,\n    ]\n  }\n}')).toBe('{"a"=1 "b"={"c"=[1]}}');
    expect(expr('{}')).toBe('{}');
    expect(expr('[]')).toBe('[]');
  });

  it('parses for expressions', () => {
    expect(expr('[for s in var.list : upper(s)]')).toBe('(for s var.list (upper s))');
    expect(expr('[for i, s in var.list : "${i}=${s}" if s != ""]')).toBe(
      '(for i,s var.list (tpl ${i} "=" ${s}) if (!= s ""))',
    );
    expect(expr('{for k, v in var.map : k => v}')).toBe('(for k,v var.map k => v)');
    expect(expr('{for v in var.users : v.role => v.name...}')).toBe('(for v var.users v.role => v.name...)');
    expect(expr('[\n  for x in y :\n  x\n]')).toBe('(for x y x)');
    // `for` as an object key is not a for expression
    expect(expr('{ for = 1 }')).toBe('{"for"=1}');
  });

  it('parses templates with interpolation, directives and strip markers', () => {
    expect(expr('"arn:aws:s3:::${var.name}/*"')).toBe('(tpl "arn:aws:s3:::" ${var.name} "/*")');
    expect(expr('"${x}"')).toBe('(tpl ${x})');
    expect(expr('"a ${ {b = "}"}.b } c"')).toBe('(tpl "a " ${{"b"="}"}.b} " c")');
    expect(expr('"%{ if x }yes%{ else }no%{ endif }"')).toBe('(tpl %{if x "yes" else "no"})');
    expect(expr('"%{ for k, v in m }${k}=${v};%{ endfor }"')).toBe('(tpl %{for k,v in m ${k} "=" ${v} ";"})');
    expect(expr('"a  ${~ x ~}  b"')).toBe('(tpl "a" ${x} "b")');
    expect(expr('"nested ${"inner ${y}"}"')).toBe('(tpl "nested " ${(tpl "inner " ${y})})');
  });

  it('parses heredocs, indented heredocs and interpolation in them', () => {
    const src =
      'a = <<EOF\n  {\n    "k": "${v}"\n  }\nEOF\nb = <<-EOT\n    line1\n      line2\n    EOT\nc = <<EOF\nEOF\n';
    const { body, errors } = parseHcl(src);
    expect(errors).toEqual([]);
    const [a, b, c] = body.attributes;
    expect(show(a!.expr)).toBe(
      `(tpl ${JSON.stringify('  {\n    "k": "')} \${v} ${JSON.stringify('"\n  }\n')})`,
    );
    expect(show(b!.expr)).toBe(JSON.stringify('line1\n  line2\n'));
    expect(show(c!.expr)).toBe('""');
    expect(src.slice(b!.expr.start, b!.expr.end)).toBe('<<-EOT\n    line1\n      line2\n    EOT');
  });

  it('accepts a heredoc closing line with trailing blanks', () => {
    const { body, errors } = parseHcl('p = <<POLICY\n{}\nPOLICY  \nq = 1\n');
    expect(errors).toEqual([]);
    expect(body.attributes.map((a) => a.name)).toEqual(['p', 'q']);
  });

  it('reads a block written inside an object (accepted by some tools) as a nested object', () => {
    const { body, errors } = parseHcl('x = [{\n  a = 1\n  opts {\n    "t" = 3\n  }\n}]\n');
    expect(errors).toEqual([]);
    expect(show(body.attributes[0]!.expr)).toBe('[{"a"=1 "opts"={"t"=3}}]');
  });
});

describe('HCL parser: errors and recovery', () => {
  it('reports an error with its line and keeps the other blocks', () => {
    const src = [
      'resource "a" "one" {',
      '  x = 1',
      '}',
      'resource "a" "two" {',
      '  y = ', // missing value
      '}',
      'resource "a" "three" {',
      '  z = 3',
      '}',
      '',
    ].join('\n');
    const { body, errors } = parseHcl(src);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.line).toBe(5);
    expect(errors[0]!.message).toMatch(/expected an expression/);
    expect(body.blocks.map((b) => b.labels[1]!.value)).toEqual(['one', 'three']);
  });

  it('recovers after a block that is missing its closing brace', () => {
    const src = 'resource "a" "one" {\n  x = {\n    k = 1\n  }\n\nresource "a" "two" {\n  y = 2\n}\n';
    const { body, errors } = parseHcl(src);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.line).toBe(6);
    expect(errors[0]!.message).toMatch(/missing '}'/);
    expect(body.blocks.map((b) => b.labels[1]!.value)).toEqual(['two']);
  });

  it('reports unterminated strings, heredocs and comments with their line', () => {
    const cases: [string, number, RegExp][] = [
      ['a = 1\nb = "open\nc = 2\n', 2, /unterminated string/],
      ['a = 1\nb = <<EOF\nnever closed\n', 2, /unterminated heredoc/],
      ['a = 1\n/* open comment\nb = 2\n', 2, /unterminated comment/],
      ['a = 1\nb = "${x"\n', 2, /expected|unterminated/],
      ['a = [1, 2\nb = 3\n', 2, /expected/],
      ['a = 1 b = 2\n', 1, /expected a newline/],
      ['}\na = 1\n', 1, /unexpected '}'/],
      ['a = "%{ if x }y"\n', 1, /endif/],
      ['resource "a" "${x}" {\n}\n', 1, /label/],
    ];
    for (const [src, line, message] of cases) {
      const { errors } = parseHcl(src);
      expect(errors.length, src).toBeGreaterThan(0);
      expect(errors[0]!.line, src).toBe(line);
      expect(errors[0]!.message, src).toMatch(message);
    }
  });

  it('never throws on garbage, deep nesting or a templated file', () => {
    const inputs = [
      '{{ .Values.x }}\nresource "a" "b" {\n  x = "{{ .Values.name }}"\n}\n',
      '['.repeat(5000),
      '('.repeat(5000) + '1',
      'a = ' + '-'.repeat(5000) + '1',
      '\u0000\u0001 ~~ ::: <<<< >>>',
      'a = <<\n',
      '"unterminated',
    ];
    for (const src of inputs) {
      const file = parseHcl(src);
      expect(file.errors.length, src.slice(0, 20)).toBeGreaterThan(0);
    }
    const templated = parseHcl(inputs[0]!);
    expect(lineOf(inputs[0]!, templated.errors[0]!.offset)).toBe(templated.errors[0]!.line);
    // the block after the template line is still read
    expect(templated.body.blocks.map((b: Block) => b.type)).toEqual(['resource']);
  });
});
