import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { IacCheck, IacFinding, SourceText } from '../../src/check.js';
import { platform } from '../../src/platforms/compose/index.js';
import type { ComposeFile } from '../../src/platforms/compose/model.js';
import { runFixtures } from '../support/fixtures.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixtureRoot = join(here, '../fixtures/compose');
const checksDir = join(here, '../../src/platforms/compose/checks');
const PREFIX = 'iac/compose-';

function run(
  check: IacCheck<ComposeFile>,
  files: SourceText[],
): { findings: IacFinding[]; errors: string[] } {
  const { docs, errors } = platform.parse(files);
  const findings: IacFinding[] = [];
  for (const doc of docs) check.check(doc, (finding) => findings.push(finding));
  return { findings, errors: errors.map((e) => e.message) };
}

describe('compose checks', () => {
  it('has at least 10 checks with unique, sorted ids', () => {
    const ids = platform.checks.map((c) => c.meta.id);
    expect(ids.length).toBeGreaterThanOrEqual(10);
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

  for (const check of platform.checks) {
    const { meta } = check;
    const name = meta.id.slice(PREFIX.length);
    describe(meta.id, () => {
      it('has complete metadata', () => {
        expect(meta.platform).toBe('compose');
        expect(meta.title.length).toBeGreaterThan(0);
        expect(meta.description.length).toBeGreaterThan(40);
        expect(meta.cwe.length).toBeGreaterThan(0);
        for (const cwe of meta.cwe) expect(cwe).toMatch(/^CWE-\d+$/);
        expect(meta.references.length).toBeGreaterThan(0);
        expect(meta.help.fix.length).toBeGreaterThan(0);
        expect(meta.tags).toContain('compose');
      });

      it('flags help.bad and not help.good', () => {
        const bad = run(check, [{ path: 'docker-compose.yml', text: meta.help.bad }]);
        expect(bad.errors).toEqual([]);
        expect(bad.findings.length).toBeGreaterThan(0);
        const good = run(check, [{ path: 'docker-compose.yml', text: meta.help.good }]);
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

describe('compose platform', () => {
  const compose = 'services:\n  web:\n    image: nginx:1.27\n';

  it('matches compose files by name and by content', () => {
    expect(platform.matches('docker-compose.yml', '')).toBe(true);
    expect(platform.matches('deploy/docker-compose.prod.yaml', '')).toBe(true);
    expect(platform.matches('compose.yaml', '')).toBe(true);
    expect(platform.matches('compose.override.yml', '')).toBe(true);
    expect(platform.matches('stack.yml', compose)).toBe(true);
    expect(platform.matches('stack.yml', 'version: "3.8"\nservices:\n  app:\n    build: .\n')).toBe(true);
    expect(platform.matches('composer.yml', 'name: x\n')).toBe(false);
    expect(platform.matches('docker-compose.json', compose)).toBe(false);
    expect(platform.matches('.github/workflows/ci.yml', compose)).toBe(false);
    expect(platform.matches('.gitlab-ci.yml', compose)).toBe(false);
    // GitLab CI's global services list, Kubernetes manifests and unrelated YAML.
    expect(
      platform.matches('ci.yml', 'image: node:20\nservices:\n  - postgres:16\ntest:\n  script: npm test\n'),
    ).toBe(false);
    expect(
      platform.matches('k8s.yaml', 'apiVersion: v1\nkind: Service\nservices:\n  a:\n    image: x\n'),
    ).toBe(false);
    expect(platform.matches('config.yml', 'services:\n  mail:\n    host: smtp.example.com\n')).toBe(false);
  });

  it('parses services and resolves merge keys to the << line', () => {
    const text = [
      'x-defaults: &defaults',
      '  privileged: true',
      '  restart: always',
      'services:',
      '  web:',
      '    <<: *defaults',
      '    image: nginx:1.27',
      '  worker:',
      '    <<: [*defaults]',
      '    privileged: false',
      '    image: worker:1.0',
      '  empty:',
      '',
    ].join('\n');
    const { docs, errors } = platform.parse([{ path: 'docker-compose.yml', text }]);
    expect(errors).toEqual([]);
    const file = docs[0];
    expect(file?.services.map((s) => s.name)).toEqual(['web', 'worker']);
    expect(file?.services[0]?.value.privileged).toBe(true);
    expect(file?.services[1]?.value.privileged).toBe(false);
    const privileged = platform.checks.find((c) => c.meta.id === 'iac/compose-privileged');
    const lines: number[] = [];
    if (file && privileged)
      privileged.check(file, (f) => lines.push(text.slice(0, f.start).split('\n').length));
    expect(lines).toEqual([6]);
  });

  it('reports invalid YAML with its line, templates at info level, and never throws', () => {
    const { docs, errors } = platform.parse([
      { path: 'docker-compose.yml', text: 'services:\n  web:\n    image: "nginx\n' },
      {
        path: 'compose.yaml',
        text: 'services:\n  web:\n    image: nginx:{{ .Tag }}\n{{- if .Debug }}\n    privileged: true\n{{- end }}\n',
      },
      { path: 'compose.ok.yaml', text: compose },
    ]);
    expect(errors.map((e) => [e.path, e.level])).toEqual([
      ['docker-compose.yml', 'warning'],
      ['compose.yaml', 'info'],
    ]);
    expect(errors[0]?.line).toBeGreaterThanOrEqual(3);
    expect(errors[1]?.line).toBe(3);
    expect(docs.map((d) => d.path)).toEqual(['compose.ok.yaml']);
  });

  it('never throws on odd shapes', () => {
    const odd = [
      'services: 3\n',
      'services:\n  a: null\n  b: [1]\n  c:\n    volumes: 3\n    ports: {a: 1}\n    environment: 7\n    cap_add: x\n',
      'services:\n  a:\n    <<: 5\n    volumes: [1, {source: 2}, {type: volume, source: /etc}]\n    ports: [null, "a:b:c:d", {target: x}]\n    user: [0]\n',
      '- a\n- b\n',
    ];
    for (const text of odd) {
      const { docs } = platform.parse([{ path: 'docker-compose.yml', text }]);
      for (const check of platform.checks)
        for (const doc of docs) expect(() => check.check(doc, () => undefined)).not.toThrow();
    }
  });
});
