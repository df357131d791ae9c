import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { IAC_RULES } from '../src/all-rules.js';
import scanner from '../src/index.js';
import { PLATFORMS } from '../src/platforms.js';

const platformsDir = fileURLToPath(new URL('../src/platforms/', import.meta.url));

describe('iac platform registry', () => {
  it('registers one platform per folder under src/platforms', () => {
    const folders = readdirSync(platformsDir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect(PLATFORMS.map((p) => p.id).sort()).toEqual(folders);
  });

  it('has unique rule ids under the scanner prefix, each with docs and a CWE', async () => {
    const ids = IAC_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of IAC_RULES) {
      expect(rule.id).toMatch(/^iac\/[a-z0-9-]+$/);
      expect(rule.cwe.length, rule.id).toBeGreaterThan(0);
      expect(rule.help?.bad, rule.id).toBeTruthy();
      expect(rule.help?.good, rule.id).toBeTruthy();
    }
    // The definition's rules are the summaries; its docs load on request (ScannerDefinition.ruleDocs).
    expect(scanner.rules.map((r) => r.id)).toEqual(ids);
    expect(await scanner.ruleDocs?.()).toEqual(IAC_RULES);
  });

  it('meets the check counts per platform', () => {
    const count = (id: string) => PLATFORMS.find((p) => p.id === id)?.checks.length ?? 0;
    expect(count('dockerfile')).toBeGreaterThanOrEqual(30);
    expect(count('kubernetes')).toBeGreaterThanOrEqual(40);
    expect(count('compose')).toBeGreaterThanOrEqual(10);
    expect(count('github-actions')).toBeGreaterThanOrEqual(12);
    expect(count('gitlab-ci')).toBeGreaterThanOrEqual(5);
    const terraform = PLATFORMS.find((p) => p.id === 'terraform')?.checks ?? [];
    const byCloud = (cloud: string) => terraform.filter((c) => c.meta.provider === cloud).length;
    expect(byCloud('aws')).toBeGreaterThanOrEqual(60);
    expect(byCloud('gcp')).toBeGreaterThanOrEqual(20);
    expect(byCloud('azure')).toBeGreaterThanOrEqual(20);
  });

  it('has ng. and ok. fixtures for every check', () => {
    const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
    for (const rule of IAC_RULES) {
      const name = rule.id.slice('iac/'.length).replace(/^[a-z0-9]+-/, '');
      const dir = join(fixtures, rule.platform, rule.provider ?? '', name);
      const cases = existsSync(dir) ? readdirSync(dir) : [];
      expect(
        cases.some((c) => c.startsWith('ng.')),
        `${rule.id}: no ng. case in ${dir}`,
      ).toBe(true);
      expect(
        cases.some((c) => c.startsWith('ok.')),
        `${rule.id}: no ok. case in ${dir}`,
      ).toBe(true);
    }
  });

  it('claims each file for one platform at most', () => {
    const samples: [string, string][] = [
      ['.github/workflows/ci.yml', 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n'],
      ['.gitlab-ci.yml', 'stages: [build]\nbuild:\n  script: make\n'],
      ['compose.yaml', 'services:\n  web:\n    image: nginx:1.27\n'],
      ['k8s/pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n'],
      ['Dockerfile', 'FROM node:20\n'],
      ['main.tf', 'resource "aws_s3_bucket" "b" {}\n'],
    ];
    for (const [path, text] of samples) {
      const owners = PLATFORMS.filter((p) => p.matches(path, text)).map((p) => p.id);
      expect(owners, path).toHaveLength(1);
    }
  });
});
