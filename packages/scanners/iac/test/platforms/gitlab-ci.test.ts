import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { IacFinding } from '../../src/check.js';
import { imageTag } from '../../src/platforms/gitlab-ci/checks/image-latest.js';
import { platform } from '../../src/platforms/gitlab-ci/index.js';
import { scriptNodes, variableEntries, type GitlabDoc } from '../../src/platforms/gitlab-ci/model.js';
import { runFixtures } from '../support/fixtures.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, '../fixtures/gitlab-ci');
const checksDir = join(here, '../../src/platforms/gitlab-ci/checks');
const PREFIX = 'iac/gitlab-';

function findingsOf(checkId: string, path: string, text: string): IacFinding[] {
  const check = platform.checks.find((c) => c.meta.id === checkId);
  if (!check) throw new Error(checkId);
  const { docs, errors } = platform.parse([{ path, text }]);
  expect(errors).toEqual([]);
  const out: IacFinding[] = [];
  for (const doc of docs) check.check(doc, (f) => out.push(f));
  return out;
}

function parseOne(text: string, path = '.gitlab-ci.yml'): GitlabDoc {
  const { docs, errors } = platform.parse([{ path, text }]);
  expect(errors).toEqual([]);
  const doc = docs[0];
  if (!doc) throw new Error('no document');
  return doc;
}

describe('gitlab-ci checks (fixtures)', () => {
  for (const check of platform.checks) {
    const name = check.meta.id.slice(PREFIX.length);
    describe(check.meta.id, () => {
      const dir = join(fixtures, name);
      it('has ng and ok fixtures', () => {
        expect(existsSync(dir)).toBe(true);
        const entries = readdirSync(dir);
        expect(entries.some((e) => e.startsWith('ng.'))).toBe(true);
        expect(entries.some((e) => e.startsWith('ok.'))).toBe(true);
      });
      if (!existsSync(dir)) return;
      for (const result of runFixtures(platform, check, dir))
        it(result.name, () => {
          expect(result.errors).toEqual([]);
          if (result.kind === 'ng') expect(result.expected.length).toBeGreaterThan(0);
          else expect(result.expected).toEqual([]);
          expect(result.actual).toEqual(result.expected);
        });
    });
  }
});

describe('gitlab-ci rule metadata', () => {
  it('ids are unique, prefixed and sorted', () => {
    const ids = platform.checks.map((c) => c.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) expect(id.startsWith(PREFIX)).toBe(true);
    expect(ids.length).toBeGreaterThanOrEqual(5);
  });

  it('every file in checks/ is registered', () => {
    const files = readdirSync(checksDir)
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => f.slice(0, -3))
      .sort();
    expect(platform.checks.map((c) => c.meta.id.slice(PREFIX.length)).sort()).toEqual(files);
  });

  for (const check of platform.checks)
    describe(check.meta.id, () => {
      const { meta } = check;
      it('has complete metadata', () => {
        expect(meta.platform).toBe('gitlab-ci');
        expect(meta.description.length).toBeGreaterThan(40);
        expect(meta.cwe.length).toBeGreaterThan(0);
        for (const cwe of meta.cwe) expect(cwe).toMatch(/^CWE-\d+$/);
        expect(meta.references.length).toBeGreaterThan(0);
        expect(meta.help.fix.length).toBeGreaterThan(0);
        expect(meta.tags).toContain('gitlab-ci');
      });
      it('flags help.bad', () => {
        expect(findingsOf(meta.id, '.gitlab-ci.yml', meta.help.bad).length).toBeGreaterThan(0);
      });
      it('does not flag help.good', () => {
        expect(findingsOf(meta.id, '.gitlab-ci.yml', meta.help.good)).toEqual([]);
      });
    });
});

describe('gitlab-ci files and parsing', () => {
  it('matches GitLab CI files', () => {
    expect(platform.matches('.gitlab-ci.yml', '')).toBe(true);
    expect(platform.matches('services/api/.gitlab-ci.yml', '')).toBe(true);
    expect(platform.matches('deploy.gitlab-ci.yml', '')).toBe(true);
    expect(platform.matches('.gitlab/ci/build.yml', '')).toBe(true);
    expect(platform.matches('sub/.gitlab/ci/jobs/test.yaml', '')).toBe(true);
    expect(platform.matches('.gitlab/issue_templates/bug.md', '')).toBe(false);
    expect(platform.matches('.gitlab/agents/a/config.yaml', '')).toBe(false);
    expect(platform.matches('ci.yml', '')).toBe(false);
    expect(platform.matches('.github/workflows/ci.yml', '')).toBe(false);
  });

  it('reports invalid YAML with its line and goes on', () => {
    const { docs, errors } = platform.parse([
      { path: '.gitlab-ci.yml', text: 'build:\n  script:\n    - make\n  image: [a,\n' },
      { path: '.gitlab/ci/ok.yml', text: 'test:\n  script: make test\n' },
    ]);
    expect(docs.map((d) => d.path)).toEqual(['.gitlab/ci/ok.yml']);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.level).toBe('warning');
    expect(errors[0]?.line).toBeGreaterThanOrEqual(4);
  });

  it('reports templated files as info and non-mappings as warnings', () => {
    const { errors } = platform.parse([
      {
        path: 'a.gitlab-ci.yml',
        text: 'build:\n  script:\n{% for s in steps %}\n    - {{ s }}\n{% endfor %}\n',
      },
      { path: 'b.gitlab-ci.yml', text: '- just\n- a list\n' },
    ]);
    expect(errors.map((e) => [e.path, e.level])).toEqual([
      ['a.gitlab-ci.yml', 'info'],
      ['b.gitlab-ci.yml', 'warning'],
    ]);
  });

  it('separates global keywords from jobs, keeps hidden templates, reads component spec headers', () => {
    const text = [
      'spec:',
      '  inputs:',
      '    stage:',
      '      default: test',
      '---',
      'stages: [test]',
      'variables:',
      '  A: "1"',
      '  <<: *nothing-here',
      '.base: &base',
      '  variables:',
      '    B: { value: "2", description: b }',
      'test:',
      '  <<: *base',
      '  stage: $[[ inputs.stage ]]',
      '  script:',
      '    - !reference [.base, script]',
      '    - echo test',
      '',
    ].join('\n');
    const { docs, errors } = platform.parse([
      { path: 'templates/comp.gitlab-ci.yml', text: text.replace('  <<: *nothing-here\n', '') },
    ]);
    expect(errors).toEqual([]);
    expect(docs).toHaveLength(2);
    const doc = docs[1]!;
    expect(doc.jobs.map((j) => [j.name, j.hidden, j.label])).toEqual([
      ['.base', true, 'template .base'],
      ['test', false, 'job test'],
    ]);
    expect(variableEntries(doc).map((v) => [v.name, v.value, v.resource])).toEqual([
      ['A', '1', 'global'],
      ['B', '2', 'template .base'],
    ]);
    expect(scriptNodes(doc).map((n) => n.path.join('.'))).toEqual(['test.script.1']);
  });

  it('does not throw on odd shapes', () => {
    const doc = parseOne(
      'include: 3\nimage: {}\nservices: nope\nvariables: [1]\nbuild:\n  script: {a: 1}\n  image: 5\n  allow_failure: true\n  extends: 7\n',
    );
    for (const check of platform.checks) check.check(doc, () => undefined);
  });

  it('reads image tags', () => {
    expect(imageTag('node')).toBeUndefined();
    expect(imageTag('node:22')).toBe('22');
    expect(imageTag('registry:5000/a/b')).toBeUndefined();
    expect(imageTag('registry:5000/a/b:1')).toBe('1');
    expect(imageTag('a@sha256:abc')).toBe('@');
  });
});
