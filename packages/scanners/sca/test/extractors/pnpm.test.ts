import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readSubset, readWithLibrary } from '../../src/extractors/npm/lockyaml.js';
import { extractor } from '../../src/extractors/pnpm/extract.js';
import { ExtractError, type Extraction } from '../../src/model.js';
import { extractFile, runCase, sharedCases, SHARED_LOCKFILES } from '../support/conformance.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/pnpm/${name}`, import.meta.url));
const IS_NUMBER = 'is-number@7.0.0#98e8ff1da1a89f93d1397a24d7413ed15421c139';

async function expectError(name: string, message: RegExp, line?: number): Promise<void> {
  const error: unknown = await extractFile(extractor, fixture(name)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ExtractError);
  expect((error as ExtractError).message).toMatch(message);
  expect((error as ExtractError).line).toBe(line);
}

const summary = (result: Extraction): unknown[] =>
  result.packages.map((p) => [p.id, p.scope, p.depGroups, p.dependencies]);

describe('pnpm-lock.yaml v9', () => {
  it('reads packages with their snapshots, aliases and git tarballs', async () => {
    const result = await extractFile(extractor, fixture('workspace.v9.yaml'));
    expect(summary(result)).toEqual([
      ['ansi-regex@5.0.1', 'prod', [], []],
      ['emoji-regex@8.0.0', 'prod', [], []],
      ['fsevents@2.3.3', 'optional', [], []],
      ['is-fullwidth-code-point@3.0.0', 'prod', [], []],
      [IS_NUMBER, 'prod', [], []],
      ['js-tokens@4.0.0', 'prod', [], []],
      ['loose-envify@1.4.0', 'prod', [], ['js-tokens@4.0.0']], // a dev dependency of lib, needed by react
      ['react-dom@18.3.1', 'prod', [], ['loose-envify@1.4.0', 'react@18.3.1', 'scheduler@0.23.2']],
      ['react@18.3.1', 'prod', [], ['loose-envify@1.4.0']],
      ['scheduler@0.23.2', 'prod', [], ['loose-envify@1.4.0']],
      [
        'string-width@4.2.3',
        'prod',
        [],
        ['emoji-regex@8.0.0', 'is-fullwidth-code-point@3.0.0', 'strip-ansi@6.0.1'],
      ],
      ['strip-ansi@6.0.1', 'prod', [], ['ansi-regex@5.0.1']],
      ['typescript@5.6.3', 'dev', [], []],
    ]);
    expect(result.packages.find((p) => p.id === IS_NUMBER)?.commit).toBe(
      '98e8ff1da1a89f93d1397a24d7413ed15421c139',
    );
    for (const p of result.packages) {
      expect(p.ecosystem).toBe('npm');
      expect(p.direct).toBeUndefined();
    }
  });

  it("takes every importer's dependencies as roots, skipping workspace links", async () => {
    const result = await extractFile(extractor, fixture('workspace.v9.yaml'));
    expect(result.roots).toEqual([
      'fsevents@2.3.3',
      IS_NUMBER,
      'loose-envify@1.4.0',
      'react-dom@18.3.1',
      'react@18.3.1',
      'string-width@4.2.3',
      'typescript@5.6.3',
    ]);
  });

  it('spans the packages entry', async () => {
    const text = readFileSync(fixture('workspace.v9.yaml'), 'utf8');
    const result = await extractFile(extractor, fixture('workspace.v9.yaml'));
    const react = result.packages.find((p) => p.name === 'react');
    expect(text.slice(react?.start, react?.end)).toBe(
      [
        'react@18.3.1:',
        '    resolution: {integrity: sha512-wS+hAgJShR0KhEvPJArfuPVN1+Hz1t0Y6n5jLrGQbkb4urgPE/0Rve+1kMB1v/oWgHgm4WIcV+i7F2pTVj+2iQ==}',
        "    engines: {node: '>=0.10.0'}",
        '',
      ].join('\n'),
    );
  });

  it('reads peer-resolved variants as one package', async () => {
    const result = await extractFile(extractor, fixture('upstream/peer-dependencies-advanced.v9.yaml'));
    expect(result.packages.filter((p) => p.name === '@typescript-eslint/eslint-plugin')).toHaveLength(1);
    expect(result.roots).toContain('@typescript-eslint/parser@5.62.0');
  });
});

describe('pnpm-lock.yaml v6 and v5', () => {
  it('reads v6 paths, dev flags and aliased dependency paths', async () => {
    const result = await extractFile(extractor, fixture('dev-flags.v6.yaml'));
    expect(summary(result)).toEqual([
      ['@babel/code-frame@7.22.13', 'prod', [], ['@babel/highlight@7.22.20', 'chalk@2.4.2']],
      ['@babel/highlight@7.22.20', 'prod', [], ['chalk@2.4.2']],
      ['@voidzero/vitest-fork@0.34.6', 'dev', ['dev'], []],
      ['chalk@2.4.2', 'prod', [], []],
      ['fsevents@2.3.3', 'optional', [], []],
      ['js-tokens@4.0.0', 'prod', [], []],
      ['loose-envify@1.4.0', 'prod', [], ['js-tokens@4.0.0']],
      ['react-dom@18.2.0', 'prod', [], ['loose-envify@1.4.0', 'react@18.2.0']],
      ['react@18.2.0', 'prod', [], ['loose-envify@1.4.0']], // a dev dependency, but react-dom needs it
    ]);
    expect(result.roots).toEqual([
      '@babel/code-frame@7.22.13',
      '@voidzero/vitest-fork@0.34.6',
      'fsevents@2.3.3',
      'react-dom@18.2.0',
      'react@18.2.0',
    ]);
  });

  it('reads v5 paths with peer suffixes', async () => {
    const result = await extractFile(extractor, fixture('peers.v5.yaml'));
    expect(summary(result)).toEqual([
      ['@testing-library/react@13.4.0', 'dev', ['dev'], ['react-dom@18.2.0', 'react@18.2.0']],
      ['js-tokens@4.0.0', 'prod', [], []],
      ['loose-envify@1.4.0', 'prod', [], ['js-tokens@4.0.0']],
      ['react-dom@18.2.0', 'prod', [], ['loose-envify@1.4.0', 'react@18.2.0', 'scheduler@0.23.0']],
      ['react@18.2.0', 'prod', [], ['loose-envify@1.4.0']],
      ['scheduler@0.23.0', 'prod', [], ['loose-envify@1.4.0']],
    ]);
    expect(result.roots).toEqual(['@testing-library/react@13.4.0', 'react-dom@18.2.0', 'react@18.2.0']);
  });

  it('skips paths that name no version and reads other registries', async () => {
    const result = await extractFile(extractor, fixture('upstream/exotic.yaml'));
    expect(result.packages.map((p) => p.id)).toEqual([
      '@foo/bar@1.0.0',
      '@foo/bar@1.1.0',
      'foo@1.0.0',
      'foo@1.1.0',
      'foo@1.2.0',
      'foo@1.3.0',
      'foo@1.4.0',
    ]);
  });

  it('reads an empty file and a lockfile without packages', async () => {
    expect(await extractor.extract({ path: 'pnpm-lock.yaml', text: '# nothing yet\n' })).toEqual({
      packages: [],
    });
    expect(
      await extractor.extract({
        path: 'pnpm-lock.yaml',
        text: 'lockfileVersion: 5.3\n\nspecifiers:\n\npackages:\n',
      }),
    ).toEqual({ packages: [], roots: [] });
  });
});

describe('malformed pnpm-lock.yaml', () => {
  it('rejects files with a clear message and the line', async () => {
    await expectError('unsupported-version.yaml', /unsupported lockfileVersion "4.0"/, 1);
    await expectError('bad-yaml.yaml', /invalid YAML/, 7);
    await expectError('bad-shape.yaml', /packages\["ms@2.1.3"\]: version must be string/, 4);
    await expectError('not-a-mapping.yaml', /expected a mapping/, 1);
    await expectError('upstream/invalid-package-path.yaml', /invalid package path "axios@1.2.5"/, 44);
  });

  it('refuses absurd nesting with an ExtractError', () => {
    for (const text of [
      `a: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`,
      `a: ${'[x, '.repeat(2_000)}x${']'.repeat(2_000)}\n`,
    ]) {
      expect(() => extractor.extract({ path: 'pnpm-lock.yaml', text })).toThrow(ExtractError);
    }
  });

  it('requires lockfileVersion', () => {
    expect(() => extractor.extract({ path: 'pnpm-lock.yaml', text: 'packages: {}\n' })).toThrow(
      /required property 'lockfileVersion'/,
    );
  });
});

describe('YAML lockfile reader', () => {
  const folders = [
    fixture(''),
    fixture('upstream'),
    fileURLToPath(new URL('../fixtures/yarn/', import.meta.url)),
    fileURLToPath(new URL('../fixtures/yarn/upstream/', import.meta.url)),
    `${SHARED_LOCKFILES}/fixtures/pnpm`,
    `${SHARED_LOCKFILES}/fixtures/yarn`,
  ];
  const files = folders.flatMap((folder) => {
    try {
      return readdirSync(folder)
        .filter((name) => /\.(?:yaml|v2\.lock|v8\.lock)$/.test(name))
        .map((name) => `${folder}/${name}`);
    } catch {
      return []; // ../shared is absent
    }
  });

  it.each(files)('reads %s as the yaml library does', (file) => {
    const text = readFileSync(file, 'utf8');
    let expected: ReturnType<typeof readWithLibrary>;
    try {
      expected = readWithLibrary(text);
    } catch {
      expect(readSubset(text)).toBeUndefined(); // invalid YAML is left to the library to report
      return;
    }
    const got = readSubset(text);
    if (got === undefined) return; // outside the subset: the library reads it
    expect(got.data).toEqual(expected.data);
    for (const section of [undefined, 'importers', 'packages', 'snapshots']) {
      expect([...got.spans(section)]).toEqual([...expected.spans(section)]);
    }
  });

  it('leaves YAML outside the lockfile subset to the yaml library', () => {
    const outside = [
      'a: &x {b: c}\nd: *x\n', // anchors and aliases
      'a: |\n  text\n', // block scalars
      'a: !!str b\n', // tags
      'a:\n\tb: c\n', // tabs (which YAML refuses)
      'a: b\n  c\n', // a multi-line plain scalar
      'a: {b: c,\n  d: e}\n', // a multi-line flow mapping
      'a:\n- b\n', // a sequence at its key's indentation
      'a:\n  - b: c\n', // a sequence of mappings
      '--- \na: b\n', // document markers
      'a: b # comment\n',
      'a: "\\x41"\n', // a YAML-only escape
    ];
    for (const text of outside) expect(readSubset(text), text).toBeUndefined();
    expect(readSubset('a: "\\u0041"\nb: \'it\'\'s\'\nc: [x, "y"]\nd: {e: f}\n')?.data).toEqual({
      a: 'A',
      b: "it's",
      c: ['x', 'y'],
      d: { e: 'f' },
    });
  });

  it('keeps a __proto__ key as data', () => {
    const data = readSubset('__proto__:\n  polluted: yes\n')?.data as Record<string, unknown>;
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(Object.keys(data)).toEqual(['__proto__']);
  });
});

const cases = sharedCases()?.filter((c) => c.parser === 'ParsePnpmLock');
describe.skipIf(!cases)('osv-scanner v1.9.2 conformance: ParsePnpmLock', () => {
  it.each(cases ?? [])('$test', async (c) => {
    expect(await runCase(extractor, c)).toEqual({ ok: true });
  });
});
if (!cases)
  console.warn('pnpm: skipping osv-scanner conformance cases (../shared/data/lockfiles not present)');
