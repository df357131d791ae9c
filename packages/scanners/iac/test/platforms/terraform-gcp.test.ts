import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { IacCheck, IacFinding } from '../../src/check.js';
import { GCP_CHECKS } from '../../src/platforms/terraform/checks/gcp/index.js';
import { platform } from '../../src/platforms/terraform/index.js';
import type { TfProject } from '../../src/platforms/terraform/model.js';
import { runFixtures } from '../support/fixtures.js';

const PROVIDER = 'gcp';
const CHECKS: readonly IacCheck<TfProject>[] = GCP_CHECKS;
const CHECKS_DIR = fileURLToPath(
  new URL(`../../src/platforms/terraform/checks/${PROVIDER}/`, import.meta.url),
);
const FIXTURES = fileURLToPath(new URL(`../fixtures/terraform/${PROVIDER}/`, import.meta.url));

const nameOf = (check: IacCheck<TfProject>): string => check.meta.id.slice(`iac/${PROVIDER}-`.length);

function findingsOf(check: IacCheck<TfProject>, text: string): { findings: IacFinding[]; errors: string[] } {
  const { docs, errors } = platform.parse([{ path: 'main.tf', text }]);
  const findings: IacFinding[] = [];
  for (const doc of docs) check.check(doc, (f) => findings.push(f));
  return { findings, errors: errors.map((e) => `${e.line ?? '?'}: ${e.message}`) };
}

describe(`terraform ${PROVIDER} registry`, () => {
  it('has unique ids, sorted, with the provider prefix', () => {
    const ids = CHECKS.map((c) => c.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) expect(id).toMatch(new RegExp(`^iac/${PROVIDER}-[a-z0-9]+(?:-[a-z0-9]+)*$`));
  });

  it('registers every check file of the folder', () => {
    const files = readdirSync(CHECKS_DIR)
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.startsWith('support'))
      .map((f) => f.slice(0, -3))
      .sort();
    expect(CHECKS.map(nameOf).sort()).toEqual(files);
  });

  it('has complete metadata', () => {
    for (const { meta } of CHECKS) {
      expect(meta.platform, meta.id).toBe('terraform');
      expect(meta.provider, meta.id).toBe(PROVIDER);
      expect(meta.title.length, meta.id).toBeGreaterThan(10);
      expect(meta.description.length, meta.id).toBeGreaterThan(40);
      expect(meta.cwe.length, meta.id).toBeGreaterThan(0);
      for (const cwe of meta.cwe) expect(cwe, meta.id).toMatch(/^CWE-\d+$/);
      expect(meta.references.length, meta.id).toBeGreaterThan(0);
      for (const ref of meta.references) expect(ref, meta.id).toMatch(/^https:\/\//);
      expect(meta.help.fix.length, meta.id).toBeGreaterThan(10);
      expect(meta.tags, meta.id).toContain('terraform');
      expect(meta.tags, meta.id).toContain(PROVIDER);
      for (const id of meta.checkov ?? []) expect(id, meta.id).toMatch(/^CKV2?_GCP_\d+$/);
    }
  });
});

describe.each(CHECKS.map((check) => [check.meta.id, check] as const))('%s', (_id, check) => {
  it('flags its bad example and not its good one', () => {
    const bad = findingsOf(check, check.meta.help.bad);
    expect(bad.errors).toEqual([]);
    expect(bad.findings.length).toBeGreaterThan(0);
    for (const f of bad.findings) expect(f.resource).toBeTruthy();
    const good = findingsOf(check, check.meta.help.good);
    expect(good.errors).toEqual([]);
    expect(good.findings).toEqual([]);
  });

  it('matches its fixtures', () => {
    const dir = `${FIXTURES}${nameOf(check)}`;
    expect(existsSync(dir), `missing fixtures in ${dir}`).toBe(true);
    const results = runFixtures(platform, check, dir);
    expect(results.some((r) => r.kind === 'ng')).toBe(true);
    expect(results.some((r) => r.kind === 'ok')).toBe(true);
    for (const result of results) {
      expect(result.errors, result.name).toEqual([]);
      if (result.kind === 'ng')
        expect(result.expected.length, `${result.name} marks no line`).toBeGreaterThan(0);
      expect(result.actual, result.name).toEqual(result.expected);
    }
  });
});
