import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { IacCheck, IacFinding, SourceText } from '../../src/check.js';
import { platform } from '../../src/platforms/dockerfile/index.js';
import type { DockerDocument } from '../../src/platforms/dockerfile/model.js';
import { runFixtures } from '../support/fixtures.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixtureRoot = join(here, '../fixtures/dockerfile');
const checksDir = join(here, '../../src/platforms/dockerfile/checks');
const PREFIX = 'iac/docker-';

function run(
  check: IacCheck<DockerDocument>,
  files: SourceText[],
): { findings: IacFinding[]; errors: string[] } {
  const { docs, errors } = platform.parse(files);
  const findings: IacFinding[] = [];
  for (const doc of docs) check.check(doc, (finding) => findings.push(finding));
  return { findings, errors: errors.map((e) => e.message) };
}

describe('dockerfile checks', () => {
  it('has at least 30 checks with unique, sorted ids', () => {
    const ids = platform.checks.map((c) => c.meta.id);
    expect(ids.length).toBeGreaterThanOrEqual(30);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('registers every file of checks/', () => {
    const files = readdirSync(checksDir)
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => `${PREFIX}${f.slice(0, -3)}`)
      .sort();
    expect(platform.checks.map((c) => c.meta.id).sort()).toEqual(files);
  });

  it('has a fixture folder for every check and no other', () => {
    const folders = readdirSync(fixtureRoot, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => `${PREFIX}${e.name}`)
      .sort();
    expect(folders).toEqual(platform.checks.map((c) => c.meta.id).sort());
  });

  for (const check of platform.checks) {
    const { meta } = check;
    const name = meta.id.slice(PREFIX.length);
    describe(meta.id, () => {
      it('has complete metadata', () => {
        expect(meta.id.startsWith(PREFIX)).toBe(true);
        expect(meta.platform).toBe('dockerfile');
        expect(meta.title.length).toBeGreaterThan(0);
        expect(meta.description.length).toBeGreaterThan(40);
        expect(meta.cwe.length).toBeGreaterThan(0);
        for (const cwe of meta.cwe) expect(cwe).toMatch(/^CWE-\d+$/);
        expect(meta.references.length).toBeGreaterThan(0);
        for (const ref of meta.references) expect(ref).toMatch(/^https:\/\//);
        expect(meta.help.fix.length).toBeGreaterThan(0);
        expect(meta.tags).toContain('dockerfile');
        expect(meta.tags?.some((t) => t.startsWith('owasp:'))).toBe(true);
      });

      it('flags help.bad and not help.good', () => {
        const bad = run(check, [{ path: 'Dockerfile', text: meta.help.bad }]);
        expect(bad.errors).toEqual([]);
        expect(bad.findings.length).toBeGreaterThan(0);
        const good = run(check, [{ path: 'Dockerfile', text: meta.help.good }]);
        expect(good.errors).toEqual([]);
        expect(good.findings).toEqual([]);
      });

      it('matches its fixtures', () => {
        const dir = join(fixtureRoot, name);
        expect(existsSync(dir)).toBe(true);
        const results = runFixtures(platform, check, dir);
        expect(results.some((r) => r.kind === 'ng')).toBe(true);
        expect(results.some((r) => r.kind === 'ok')).toBe(true);
        for (const result of results) {
          expect({ name: result.name, errors: result.errors }).toEqual({ name: result.name, errors: [] });
          if (result.kind === 'ng') expect(result.expected.length, result.name).toBeGreaterThan(0);
          else expect(result.expected, result.name).toEqual([]);
          expect({ name: result.name, lines: result.actual }).toEqual({
            name: result.name,
            lines: result.expected,
          });
        }
      });
    });
  }
});
