/**
 * AWS checks of the Terraform platform: fixtures (`test/fixtures/terraform/aws/<check-name>/`), the docs
 * examples of every rule, the registry and the shared helpers.
 *
 * Line convention of the fixtures: a finding is on the offending attribute when it is written (inside a
 * policy: the `Action` / `Principal` entry), else on the first line of the innermost block that should hold
 * the setting (a nested block when present, else the resource).
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { IacFinding } from '../../src/check.js';
import { AWS_CHECKS } from '../../src/platforms/terraform/checks/aws/index.js';
import {
  actionMatches,
  findAccessKeyId,
  findAwsSecret,
} from '../../src/platforms/terraform/checks/aws/support.js';
import { platform } from '../../src/platforms/terraform/index.js';
import { runFixtures } from '../support/fixtures.js';

const here = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(here, '../fixtures/terraform/aws');
const CHECKS_DIR = join(here, '../../src/platforms/terraform/checks/aws');
const HELPERS = new Set(['index.ts', 'support.ts']);

const nameOf = (id: string): string => id.slice('iac/aws-'.length);

function findingsOf(
  text: string,
  check: (typeof AWS_CHECKS)[number],
): { findings: IacFinding[]; errors: string[] } {
  const { docs, errors } = platform.parse([{ path: 'main.tf', text }]);
  const findings: IacFinding[] = [];
  for (const doc of docs) check.check(doc, (f) => findings.push(f));
  return { findings, errors: errors.map((e) => `${e.line ?? '?'}: ${e.message}`) };
}

describe('terraform aws: fixtures', () => {
  for (const check of AWS_CHECKS) {
    const dir = join(FIXTURES, nameOf(check.meta.id));
    describe(check.meta.id, () => {
      const results = existsSync(dir) ? runFixtures(platform, check, dir) : [];
      it('has ng and ok cases', () => {
        expect(results.some((r) => r.kind === 'ng')).toBe(true);
        expect(results.some((r) => r.kind === 'ok')).toBe(true);
      });
      for (const result of results) {
        it(result.name, () => {
          expect(result.errors).toEqual([]);
          if (result.kind === 'ng') expect(result.expected.length).toBeGreaterThan(0);
          else expect(result.expected).toEqual([]);
          expect(result.actual).toEqual(result.expected);
        });
      }
    });
  }
});

describe('terraform aws: docs examples', () => {
  for (const check of AWS_CHECKS) {
    it(`${check.meta.id}: bad is flagged, good is not`, () => {
      const bad = findingsOf(check.meta.help.bad, check);
      expect(bad.errors).toEqual([]);
      expect(bad.findings.length).toBeGreaterThan(0);
      for (const finding of bad.findings) {
        expect(finding.path).toBe('main.tf');
        expect(finding.resource).toBeTruthy();
      }
      const good = findingsOf(check.meta.help.good, check);
      expect(good.errors).toEqual([]);
      expect(good.findings).toEqual([]);
    });
  }
});

describe('terraform aws: registry', () => {
  it('has at least 60 checks with unique ids, sorted', () => {
    const ids = AWS_CHECKS.map((c) => c.meta.id);
    expect(ids.length).toBeGreaterThanOrEqual(60);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('registers every check file under its id', async () => {
    const files = readdirSync(CHECKS_DIR).filter((f) => f.endsWith('.ts') && !HELPERS.has(f));
    expect(files.map((f) => `iac/aws-${f.slice(0, -3)}`).sort()).toEqual(AWS_CHECKS.map((c) => c.meta.id));
    for (const file of files) {
      const module = (await import(join(CHECKS_DIR, file))) as { check: unknown };
      expect(AWS_CHECKS).toContain(module.check);
    }
  });

  it('has a fixture folder for every check and no stray folder', () => {
    const folders = readdirSync(FIXTURES).sort();
    expect(folders).toEqual(AWS_CHECKS.map((c) => nameOf(c.meta.id)).sort());
  });

  for (const { meta } of AWS_CHECKS) {
    it(`${meta.id}: metadata is complete`, () => {
      expect(meta.id).toMatch(/^iac\/aws-[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(meta.platform).toBe('terraform');
      expect(meta.provider).toBe('aws');
      expect(meta.title.length).toBeGreaterThan(10);
      expect(meta.description.length).toBeGreaterThan(40);
      expect(meta.help.fix.length).toBeGreaterThan(10);
      expect(['critical', 'high', 'medium', 'low', 'info']).toContain(meta.severity);
      expect(meta.cwe.length).toBeGreaterThan(0);
      for (const cwe of meta.cwe) expect(cwe).toMatch(/^CWE-\d+$/);
      expect(meta.references.length).toBeGreaterThan(0);
      for (const ref of meta.references) expect(ref).toMatch(/^https:\/\//);
      for (const id of meta.checkov ?? []) expect(id).toMatch(/^CKV2?_AWS_\d+$/);
      expect(meta.tags).toContain('terraform');
      expect(meta.tags).toContain('aws');
      expect(meta.tags?.some((t) => t.startsWith('owasp:A'))).toBe(true);
    });
  }
});

/** 1-based lines of a check's findings in a `main.tf`. */
function linesOf(text: string, id: string): number[] {
  const check = AWS_CHECKS.find((c) => c.meta.id === id)!;
  const { findings, errors } = findingsOf(text, check);
  expect(errors).toEqual([]);
  return findings.map((f) => text.slice(0, f.start).split('\n').length).sort((a, b) => a - b);
}

describe('terraform aws: places inside policies', () => {
  it('reports the Principal line of a heredoc policy with interpolations', () => {
    const text = `resource "aws_s3_bucket" "site" {
  bucket = "example-site"
}

resource "aws_s3_bucket_policy" "site" {
  bucket = aws_s3_bucket.site.id
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": "*",
      "Action": "s3:GetObject",
      "Resource": "\${aws_s3_bucket.site.arn}/*"
    }
  ]
}
EOF
}
`;
    expect(linesOf(text, 'iac/aws-s3-bucket-policy-public')).toEqual([13]);
  });

  it('reports the Action line of an indented literal heredoc', () => {
    const text = `resource "aws_iam_policy" "admin" {
  name   = "admin"
  policy = <<-JSON
    {
      "Version": "2012-10-17",
      "Statement": {
        "Effect": "Allow",
        "Resource": "*",
        "Action": "*"
      }
    }
  JSON
}
`;
    expect(linesOf(text, 'iac/aws-iam-policy-admin')).toEqual([9]);
  });

  it('reports the attribute of a one-line JSON string', () => {
    const text = `resource "aws_iam_policy" "admin" {
  name   = "admin"
  policy = "{\\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Action\\": \\"*\\", \\"Resource\\": \\"*\\"}]}"
}
`;
    expect(linesOf(text, 'iac/aws-iam-policy-admin')).toEqual([3]);
  });

  it('keeps values from the evaluation and places from the source', () => {
    const text = `locals {
  everything = "*"
}

resource "aws_iam_policy" "admin" {
  name = "admin"
  policy = jsonencode({
    Statement = [
      { Effect = "Allow", Action = "s3:GetObject", Resource = "*" },
      {
        Effect   = "Allow"
        Action   = local.everything
        Resource = local.everything
      },
    ]
  })
}
`;
    expect(linesOf(text, 'iac/aws-iam-policy-admin')).toEqual([12]);
  });

  it('stays silent on a heredoc whose principal is interpolated', () => {
    const text = `variable "reader" {
  type = string
}

resource "aws_s3_bucket_policy" "site" {
  bucket = "example-site"
  policy = <<EOF
{"Statement": [{"Effect": "Allow", "Principal": {"AWS": "\${var.reader}"}, "Action": "s3:GetObject", "Resource": "*"}]}
EOF
}
`;
    expect(linesOf(text, 'iac/aws-s3-bucket-policy-public')).toEqual([]);
  });

  it('tolerates trailing commas in a heredoc policy', () => {
    const text = `resource "aws_sns_topic_policy" "events" {
  arn    = "arn:aws:sns:eu-west-1:111122223333:events"
  policy = <<POLICY
{
  "Statement": [
    {
      "Principal": { "AWS": ["arn:aws:iam::111122223333:root", "*"] },
      "Effect": "Allow",
      "Action": ["SNS:Publish", "SNS:Subscribe",],
    },
  ]
}
POLICY
}
`;
    expect(linesOf(text, 'iac/aws-sns-topic-policy-public')).toEqual([7]);
  });

  it('reads a heredoc with directives over an unknown collection as unknown', () => {
    const text = `variable "accounts" {
  type = list(string)
}

resource "aws_iam_role" "r" {
  name               = "r"
  assume_role_policy = <<EOF
{"Statement": [%{ for a in var.accounts }{"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}%{ endfor }]}
EOF
}
`;
    expect(linesOf(text, 'iac/aws-iam-role-trust-any-principal')).toEqual([]);
  });
});

describe('terraform aws: helpers', () => {
  it('matches IAM action globs case-insensitively', () => {
    expect(actionMatches('iam:PassRole', 'iam:passrole')).toBe(true);
    expect(actionMatches('iam:Pass*', 'iam:PassRole')).toBe(true);
    expect(actionMatches('iam:*Role', 'iam:PassRole')).toBe(true);
    expect(actionMatches('iam:P?ssRole', 'iam:PassRole')).toBe(true);
    expect(actionMatches('iam:Get*', 'iam:PassRole')).toBe(false);
    expect(actionMatches('s3:*', 'iam:PassRole')).toBe(false);
  });

  it('finds AWS access keys but not the documentation example', () => {
    expect(findAccessKeyId('export KEY=AKIAQWERTYUIOPASDFGH;')).toBe('AKIAQWERTYUIOPASDFGH');
    expect(findAccessKeyId('AKIAIOSFODNN7EXAMPLE')).toBeUndefined();
    expect(findAccessKeyId('XAKIAQWERTYUIOPASDFGH')).toBeUndefined();
    expect(findAccessKeyId('AKIAQWERTYUIOPASDFGHJ')).toBeUndefined();
    expect(findAwsSecret('aws_secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKE"')).toBe(
      'an AWS secret access key',
    );
    expect(
      findAwsSecret(Buffer.from('#!/bin/sh\nAWS_ACCESS_KEY_ID=AKIAQWERTYUIOPASDFGH\n').toString('base64')),
    ).toMatch(/access key ID/);
    expect(findAwsSecret('#!/bin/sh\necho hello\n')).toBeUndefined();
  });

  it('never throws on odd shapes', () => {
    const odd = `
resource "aws_s3_bucket" "a" {
  bucket = 42
  versioning = "yes"
  policy = "{not json"
}
resource "aws_security_group" "b" {
  ingress = "nope"
  ingress {
    cidr_blocks = "0.0.0.0/0"
    protocol    = ["tcp"]
  }
}
resource "aws_iam_policy" "c" {
  policy = jsonencode({ Statement = "x" })
}
resource "aws_iam_role" "d" {
  assume_role_policy = <<EOF
{"Statement": [1, "x", {"Principal": {"AWS": ["*", 3]}, "Effect": "Allow", "Condition": "x"}]}
EOF
}
data "aws_iam_policy_document" "e" {
  statement {
    principals {}
    condition {}
  }
}
`;
    const { docs } = platform.parse([{ path: 'main.tf', text: odd }]);
    expect(docs.length).toBe(1);
    for (const doc of docs)
      for (const check of AWS_CHECKS) expect(() => check.check(doc, () => undefined)).not.toThrow();
  });
});
