import { describe, expect, it } from 'vitest';
import { scopeFromGroups, toComponents } from '../src/graph.js';
import type { LockPackage } from '../src/model.js';

const pkg = (id: string, deps: string[] = [], extra: Partial<LockPackage> = {}): LockPackage => ({
  id,
  name: id,
  version: '1.0.0',
  ecosystem: 'npm',
  depGroups: [],
  dependencies: deps,
  ...extra,
});

describe('toComponents', () => {
  it('marks roots direct, gives shortest paths (one per parent, at most three) and purls', () => {
    const components = toComponents('package-lock.json', {
      roots: ['app-a', 'app-b'],
      packages: [
        pkg('app-a', ['mid', 'leaf']),
        pkg('app-b', ['mid']),
        pkg('mid', ['leaf', 'deep']),
        pkg('leaf'),
        pkg('deep'),
      ],
    });
    const by = new Map(components.map((c) => [c.name, c]));
    expect(by.get('app-a')).toMatchObject({
      direct: true,
      paths: [['app-a@1.0.0']],
      purl: 'pkg:npm/app-a@1.0.0',
    });
    expect(by.get('leaf')).toMatchObject({ direct: false, paths: [['app-a@1.0.0', 'leaf@1.0.0']] });
    expect(by.get('mid')!.paths).toEqual([
      ['app-a@1.0.0', 'mid@1.0.0'],
      ['app-b@1.0.0', 'mid@1.0.0'],
    ]);
    expect(by.get('deep')!.paths).toEqual([['app-a@1.0.0', 'mid@1.0.0', 'deep@1.0.0']]);
    expect(by.get('mid')!.dependsOn).toEqual(['package-lock.json#deep', 'package-lock.json#leaf']);
    expect(components.map((c) => c.ref)).toEqual([...components.map((c) => c.ref)].sort());
    // Paths survive copying and JSON.
    expect(JSON.parse(JSON.stringify(by.get('deep'))).paths).toEqual(by.get('deep')!.paths);
  });

  it('derives scope from the roots that reach a package: prod wins over dev', () => {
    const components = toComponents('pnpm-lock.yaml', {
      roots: ['lib', 'tool'],
      packages: [
        pkg('lib', ['shared']),
        pkg('tool', ['shared', 'only-dev'], { scope: 'dev' }),
        pkg('shared'),
        pkg('only-dev', ['cycle']),
        pkg('cycle', ['only-dev']),
      ],
    });
    const scope = Object.fromEntries(components.map((c) => [c.name, c.scope]));
    expect(scope).toEqual({ lib: 'prod', tool: 'dev', shared: 'prod', 'only-dev': 'dev', cycle: 'dev' });
  });

  it('takes packages nothing depends on as roots when the lockfile records edges but no roots', () => {
    const components = toComponents('yarn.lock', { packages: [pkg('a', ['b']), pkg('b')] });
    expect(components.map((c) => [c.name, c.direct])).toEqual([
      ['a', true],
      ['b', false],
    ]);
  });

  it('reads scope from groups, including requirements file names', () => {
    expect(scopeFromGroups(['dev'])).toBe('dev');
    expect(scopeFromGroups(['requirements-dev'])).toBe('dev');
    expect(scopeFromGroups(['build-requires'])).toBe('dev');
    expect(scopeFromGroups(['requirements'])).toBeUndefined();
    expect(scopeFromGroups(['requirements', 'requirements-dev'])).toBeUndefined();
    expect(scopeFromGroups(['optional', 'dev'])).toBe('optional');
    expect(scopeFromGroups([])).toBeUndefined();
  });
});
