import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SourceText } from '../../src/check.js';
import { TERRAFORM_CHECKS } from '../../src/platforms/terraform/checks/index.js';
import { platform } from '../../src/platforms/terraform/index.js';
import { UNKNOWN, type TfProject, type TfResource } from '../../src/platforms/terraform/model.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'terraform-core');
const CHECKOV = '/work/shared/data/iac/checkov';

function walk(root: string, keep: (path: string) => boolean): SourceText[] {
  const out: SourceText[] = [];
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (keep(full))
        out.push({ path: relative(root, full).split('\\').join('/'), text: readFileSync(full, 'utf8') });
    }
  };
  visit(root);
  return out;
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

function resource(project: TfProject, address: string): TfResource {
  const found = project.resources.find((r) => r.address === address);
  if (!found) throw new Error(`no ${address}`);
  return found;
}

describe('terraform platform', () => {
  it('reads .tf and .tfvars files and uses the Terraform checks', () => {
    expect(platform.id).toBe('terraform');
    expect(platform.matches('infra/main.tf', '')).toBe(true);
    expect(platform.matches('prod.tfvars', '')).toBe(true);
    expect(platform.matches('main.tf.json', '')).toBe(false);
    expect(platform.matches('values.yaml', '')).toBe(false);
    expect(platform.checks).toBe(TERRAFORM_CHECKS);
  });

  it('evaluates a realistic project: tfvars, locals, jsonencode policies, a local module with dynamic blocks', () => {
    const files = walk(join(fixtures, 'project'), (p) => p.endsWith('.tf') || p.endsWith('.tfvars'));
    const { docs, errors } = platform.parse(files);
    expect(errors).toEqual([]);
    expect(docs.map((d) => d.dir)).toEqual(['']);
    const p = docs[0]!;
    expect(p.resources.map((r) => r.address)).toEqual([
      'aws_s3_bucket.assets',
      'aws_s3_bucket_acl.assets',
      'aws_s3_bucket_policy.assets',
      'module.web.aws_instance.web',
      'module.web.aws_security_group.web',
      'module.web.data.aws_ami.base',
    ]);
    const bucket = resource(p, 'aws_s3_bucket.assets');
    expect(bucket.block.attributes.bucket!.value).toBe('shop-prod-assets');
    expect(bucket.block.attributes.tags!.value).toEqual({
      Owner: 'platform-team',
      Project: 'shop',
      Environment: 'prod',
    });
    // environment = "prod" in terraform.tfvars makes local.public false
    expect(resource(p, 'aws_s3_bucket_acl.assets').block.attributes.acl!.value).toBe('private');
    // the policy needs var.account_id (no value anywhere) and the bucket ARN: UNKNOWN, but its source is kept
    const policy = resource(p, 'aws_s3_bucket_policy.assets').block.attributes.policy!;
    expect(policy.value).toBe(UNKNOWN);
    expect(policy.source).toMatch(/^jsonencode\(\{/);
    expect(policy.references).toEqual(['aws_s3_bucket.assets']);
    expect(p.referencing(bucket).map((r) => r.type)).toEqual(['aws_s3_bucket_acl', 'aws_s3_bucket_policy']);

    const sg = resource(p, 'module.web.aws_security_group.web');
    expect(sg.path).toBe('modules/web/main.tf');
    expect(sg.block.attributes.name!.value).toBe('shop-prod-web');
    expect(
      sg.block.blocks.map((b) => [b.type, b.attributes.from_port!.value, b.attributes.cidr_blocks!.value]),
    ).toEqual([
      ['ingress', 80, ['0.0.0.0/0']],
      ['ingress', 443, ['0.0.0.0/0']],
    ]);
    const web = resource(p, 'module.web.aws_instance.web');
    expect(web.block.attributes.instance_type!.value).toBe('t3.micro');
    expect(web.block.attributes.tags!.value).toEqual({ Name: UNKNOWN });
    expect(p.referencing(sg).map((r) => r.address)).toEqual(['module.web.aws_instance.web']);
    const text = files.find((f) => f.path === 'modules/web/main.tf')!.text;
    expect(lineOf(text, web.block.headerRange.start)).toBe(27);
    expect(lineOf(text, web.block.attributes.instance_type!.range.start)).toBe(30);
    expect(p.providers.map((b) => b.attributes.region!.value)).toEqual(['eu-west-1']);
  });

  it('reports broken files with their line, keeps the good blocks, and marks templated files as info', () => {
    const files = walk(join(fixtures, 'broken'), (p) => p.endsWith('.tf') || p.endsWith('.tfvars'));
    const { docs, errors } = platform.parse(files);
    expect(errors.map((e) => `${e.path}:${e.line} ${e.level}`)).toEqual([
      'main.tf:7 warning',
      'templated.tf:1 info',
      'terraform.tfvars:1 warning',
    ]);
    expect(errors[0]!.message).toMatch(/^HCL syntax error: expected an expression, found '='/);
    expect(errors[1]!.message).toMatch(/template/);
    expect(errors[2]!.message).toMatch(/unterminated string/);
    expect(docs).toHaveLength(1);
    // the templated file's block after the bad line is still read
    expect(docs[0]!.resources.map((r) => r.address)).toEqual([
      'aws_s3_bucket.good_after',
      'aws_s3_bucket.good_before',
      'aws_s3_bucket.templated',
    ]);
  });

  it('reports a syntax error as a warning when the template syntax is elsewhere in the file', () => {
    const text = 'resource "a" "b" {\n  description = "uses {{ braces }} literally"\n  x = = 1\n}\n';
    const { errors } = platform.parse([{ path: 'main.tf', text }]);
    expect(errors.map((e) => `${e.line} ${e.level}`)).toEqual(['3 warning']);
  });

  it('survives truncated and mangled copies of a real project (never throws, errors have lines)', () => {
    const files = walk(join(fixtures, 'project'), (p) => p.endsWith('.tf'));
    const main = files.find((f) => f.path === 'main.tf')!.text;
    let seed = 7;
    const rnd = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    for (let k = 0; k < 300; k++) {
      const pos = Math.floor(rnd() * main.length);
      const mangled =
        k % 3 === 0
          ? main.slice(0, pos)
          : k % 3 === 1
            ? main.slice(0, pos) + main.slice(pos + 1 + Math.floor(rnd() * 30))
            : main.slice(0, pos) + '"{[(<<EOF\n'[k % 10] + main.slice(pos);
      const { errors } = platform.parse([
        ...files.filter((f) => f.path !== 'main.tf'),
        { path: 'main.tf', text: mangled },
      ]);
      for (const e of errors) expect(e.line, mangled).toBeGreaterThan(0);
    }
  });

  it('never throws on odd input', () => {
    const odd = [
      '',
      '\u0000',
      'resource {',
      'resource "a" {}',
      'resource "a" "b" "c" {}',
      'module "m" {\n  source = 42\n}',
      'locals {\n  a = local.a\n}',
      'variable {}',
    ];
    const { docs } = platform.parse(odd.map((text, i) => ({ path: `d${i}/main.tf`, text })));
    expect(docs.length).toBe(odd.length);
  });

  it.skipIf(!existsSync(CHECKOV))('parses every Terraform file of the Checkov corpus', () => {
    const files = walk(CHECKOV, (p) => p.endsWith('.tf') || p.endsWith('.tfvars'));
    expect(files.length).toBeGreaterThan(900);
    const { docs, errors } = platform.parse(files);
    const broken = [...new Set(errors.map((e) => e.path))];
    console.log(
      `checkov corpus: ${files.length} files, ${docs.length} root modules, ${docs.reduce((n, d) => n + d.resources.length, 0)} resources, ${broken.length} files with parse errors`,
    );
    for (const e of errors) console.log(`  ${e.path}:${e.line} ${e.message}`);
    expect(broken).toEqual([]);
  });
  if (!existsSync(CHECKOV)) console.log(`skipped the Checkov corpus smoke test: ${CHECKOV} does not exist`);
});
