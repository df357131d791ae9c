import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractor } from '../../src/extractors/npm/extract.js';
import { parseJsonWithSpans } from '../../src/extractors/npm/json.js';
import { gitCommit } from '../../src/extractors/npm/shared.js';
import { workspaceMatcher } from '../../src/extractors/npm/workspaces.js';
import { ExtractError, type Extraction, type LockPackage } from '../../src/model.js';
import { extractFile, runCase, sharedCases, SHARED_LOCKFILES } from '../support/conformance.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/npm/${name}`, import.meta.url));

async function expectError(name: string, message: RegExp, line?: number): Promise<void> {
  const error: unknown = await extractFile(extractor, fixture(name)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ExtractError);
  expect((error as ExtractError).message).toMatch(message);
  expect((error as ExtractError).line).toBe(line);
}

const summary = (result: Extraction): unknown[] =>
  result.packages.map((p) => [p.id, `${p.name}@${p.version}`, p.scope, p.depGroups, p.dependencies]);

const byId = (result: Extraction, id: string): LockPackage => {
  const found = result.packages.find((p) => p.id === id);
  if (!found) throw new Error(`no package ${id}`);
  return found;
};

describe('package-lock.json v3 with workspaces', () => {
  it('reads packages by install path, with aliases, flags, git commits and file: packages', async () => {
    const result = await extractFile(extractor, fixture('workspaces.v3.json'));
    expect(summary(result)).toEqual([
      ['node_modules/debug', 'debug@2.6.9', 'prod', [], ['node_modules/debug/node_modules/ms']],
      ['node_modules/debug/node_modules/ms', 'ms@2.0.0', 'prod', [], []],
      ['node_modules/eslint', 'eslint@9.14.0', 'dev', ['dev'], ['node_modules/fsevents']],
      [
        'node_modules/eslint-plugin-local',
        'eslint-plugin-import@2.31.0',
        'dev',
        ['dev'],
        ['node_modules/eslint', 'node_modules/lodash'],
      ],
      ['node_modules/express', 'express@4.21.1', 'prod', [], ['node_modules/debug']],
      ['node_modules/fsevents', 'fsevents@2.3.3', 'optional', ['dev', 'optional'], []],
      ['node_modules/is-number', 'is-number@7.0.0', 'dev', ['dev'], []],
      ['node_modules/js-tokens', 'js-tokens@4.0.0', 'prod', [], []],
      ['node_modules/lodash', 'lodash@4.17.20', 'dev', ['dev'], []],
      ['node_modules/loose-envify', 'loose-envify@1.4.0', 'prod', [], ['node_modules/js-tokens']],
      ['node_modules/ms', 'ms@2.1.3', 'prod', [], []],
      ['node_modules/react', 'react@18.3.1', 'prod', [], ['node_modules/loose-envify']],
      ['node_modules/typescript', 'typescript@5.6.3', 'dev', ['dev'], []],
      ['packages/web/node_modules/lodash', 'lodash@4.17.21', 'prod', [], []],
      ['vendor/left-pad', 'left-pad@1.3.0', 'prod', [], []],
    ]);
    expect(byId(result, 'node_modules/is-number').commit).toBe('98e8ff1da1a89f93d1397a24d7413ed15421c139');
    expect(byId(result, 'vendor/left-pad').licenses).toEqual(['WTFPL']);
    expect(byId(result, 'node_modules/typescript').licenses).toEqual(['Apache-2.0']);
    for (const p of result.packages) {
      expect(p.ecosystem).toBe('npm');
      expect(p.direct).toBeUndefined();
    }
    // Workspace projects and the links to them are not packages.
    expect(result.packages.some((p) => p.name.startsWith('@acme/'))).toBe(false);
  });

  it("takes the root's and every workspace's dependencies as roots", async () => {
    const result = await extractFile(extractor, fixture('workspaces.v3.json'));
    expect(result.roots).toEqual([
      'node_modules/eslint-plugin-local',
      'node_modules/express',
      'node_modules/fsevents',
      'node_modules/is-number',
      'node_modules/ms', // @acme/api
      'node_modules/react', // @acme/web
      'node_modules/typescript', // @acme/api's dev dependency
      'packages/web/node_modules/lodash', // @acme/web's own copy, nearer than the hoisted one
      'vendor/left-pad', // through the link node_modules/left-pad
    ]);
  });

  it('spans each entry from its key', async () => {
    const text = readFileSync(fixture('workspaces.v3.json'), 'utf8');
    const result = await extractFile(extractor, fixture('workspaces.v3.json'));
    const express = byId(result, 'node_modules/express');
    const slice = text.slice(express.start, express.end);
    expect(slice.startsWith('"node_modules/express": {')).toBe(true);
    expect(slice.endsWith('}')).toBe(true);
    expect(JSON.parse(slice.slice(slice.indexOf('{')))).toMatchObject({ version: '4.21.1' });
  });

  it('reads npm-shrinkwrap.json, preferring packages over the legacy tree', async () => {
    const result = await extractFile(extractor, fixture('npm-shrinkwrap.json'));
    expect(summary(result)).toEqual([['node_modules/semver', 'semver@7.6.3', 'prod', [], []]]);
    expect(result.roots).toEqual(['node_modules/semver']);
    expect(extractor.files).toEqual(['package-lock.json', 'npm-shrinkwrap.json']);
  });
});

describe('package-lock.json v1', () => {
  it('reads the nested tree, requires edges, aliases, git and file dependencies', async () => {
    const result = await extractFile(extractor, fixture('nested.v1.json'));
    expect(summary(result)).toEqual([
      [
        'node_modules/accepts',
        'accepts@1.3.8',
        'prod',
        [],
        ['node_modules/mime-types', 'node_modules/negotiator'],
      ],
      [
        'node_modules/body-parser',
        'body-parser@1.20.3',
        'prod',
        [],
        ['node_modules/body-parser/node_modules/debug', 'node_modules/bytes'],
      ],
      [
        'node_modules/body-parser/node_modules/debug',
        'debug@2.6.9',
        'prod',
        [],
        ['node_modules/body-parser/node_modules/ms'],
      ],
      ['node_modules/body-parser/node_modules/ms', 'ms@2.0.0', 'prod', [], []],
      ['node_modules/bytes', 'bytes@3.1.2', 'prod', [], []],
      ['node_modules/chalk-cjs', 'chalk@4.1.2', 'prod', [], []],
      ['node_modules/debug', 'debug@4.3.7', 'dev', ['dev'], ['node_modules/ms']],
      ['node_modules/fsevents', 'fsevents@2.3.3', 'optional', ['optional'], []],
      ['node_modules/local-utils', 'local-utils@', 'prod', [], ['node_modules/bytes']],
      ['node_modules/mime-db', 'mime-db@1.52.0', 'prod', [], []],
      ['node_modules/mime-types', 'mime-types@2.1.35', 'prod', [], ['node_modules/mime-db']],
      ['node_modules/ms', 'ms@2.1.3', 'dev', ['dev'], []],
      ['node_modules/my-fork', 'my-fork@', 'dev', ['dev'], []],
      ['node_modules/negotiator', 'negotiator@0.6.3', 'prod', [], []],
    ]);
    expect(byId(result, 'node_modules/my-fork').commit).toBe('0123456789abcdef0123456789abcdef01234567');
    // v1 does not record the project's own dependencies.
    expect(result.roots).toBeUndefined();
  });

  it('reports a package installed at several paths once, in its least restricted group', async () => {
    const result = await extractFile(extractor, fixture('upstream/same-package-different-groups.v2.json'));
    expect(summary(result)).toEqual([
      ['node_modules/eslint', 'eslint@1.2.3', 'dev', ['dev'], []],
      ['node_modules/table', 'table@1.0.0', 'prod', [], []],
      // Five entries; this one, without flags, puts it in production and stands for it.
      ['node_modules/table/node_modules/ajv', 'ajv@5.5.2', 'prod', [], []],
    ]);
  });

  it('keeps git dependencies that differ only by commit apart', async () => {
    const v1 = await extractFile(extractor, fixture('upstream/commits.v1.json'));
    const v2 = await extractFile(extractor, fixture('upstream/commits.v2.json'));
    for (const result of [v1, v2]) {
      const commits = result.packages.filter((p) => p.name === 'is-number-1').map((p) => p.commit);
      expect(commits.sort()).toEqual([
        'af885e2e890b9ef0875edd2b117305119ee5bdc5',
        'be5935f8d2595bcd97b05718ef1eeae08d812e10',
      ]);
    }
    // v1 records only the git spec, v2 also the version.
    expect(v1.packages.find((p) => p.name === 'is-number-2')?.version).toBe('');
    expect(v2.packages.find((p) => p.name === 'is-number-2')?.version).toBe('2.0.0');
  });
});

describe('malformed package-lock.json', () => {
  it('rejects files with a clear message and the line', async () => {
    await expectError('truncated.json', /invalid JSON in truncated.json: unterminated string/, 13);
    await expectError('future-version.json', /unsupported lockfileVersion 4/, 3);
    await expectError('bad-shape.json', /packages\["node_modules\/ms"\]: version must be string/, 6);
    await expectError('invalid-path.json', /invalid package path "node_modules\/"/, 6);
    await expectError('not-an-object.json', /expected a JSON object/, 1);
  });

  it('rejects an empty file and trailing garbage', () => {
    expect(() => extractor.extract({ path: 'package-lock.json', text: '' })).toThrow(/empty/);
    expect(() => extractor.extract({ path: 'package-lock.json', text: '{"lockfileVersion": 3}\n}' })).toThrow(
      /after the end of the document/,
    );
  });

  it('reads a lockfile without packages', async () => {
    expect(
      await extractor.extract({
        path: 'package-lock.json',
        text: '{"lockfileVersion": 3, "packages": {"": {}}}',
      }),
    ).toEqual({ packages: [], roots: [] });
  });
});

describe('JSON reader', () => {
  it('matches JSON.parse on values', () => {
    const text =
      '{"a": [1, -2.5e3, true, false, null], "b": {"c": "x\\"y\\u00e9\\n"}, "__proto__": {"d": 1}}';
    const parsed = parseJsonWithSpans(text, 'test.json');
    expect(parsed.value).toEqual(JSON.parse(text));
    expect(Object.getPrototypeOf(parsed.value)).toBe(Object.prototype);
  });

  it('accepts comments and trailing commas only as JSONC', () => {
    const text = '{\n  // comment\n  "a": [1, 2,], /* more */\n}';
    expect(parseJsonWithSpans(text, 'bun.lock', { jsonc: true }).value).toEqual({ a: [1, 2] });
    expect(() => parseJsonWithSpans(text, 'x.json')).toThrow(ExtractError);
  });

  it('refuses absurd nesting instead of overflowing the stack', () => {
    const text = '['.repeat(10_000) + ']'.repeat(10_000);
    expect(() => parseJsonWithSpans(text, 'deep.json')).toThrow(/too deep/);
  });
});

describe('helpers', () => {
  it('finds commits only in git sources', () => {
    const sha = '98e8ff1da1a89f93d1397a24d7413ed15421c139';
    expect(gitCommit(`git+ssh://git@github.com/a/b.git#${sha}`)).toBe(sha);
    expect(gitCommit(`github:a/b#${sha}`)).toBe(sha);
    expect(gitCommit(`a/b#${sha}`)).toBe(sha);
    expect(gitCommit(`https://github.com/a/b.git#commit=${sha}`)).toBe(sha);
    expect(gitCommit(`https://codeload.github.com/a/b/tar.gz/${sha}`)).toBe(sha);
    expect(gitCommit(`https://gitlab.com/a/b/repository/archive.tar.gz?ref=${sha}`)).toBe(sha);
    expect(gitCommit(`https://github.com/a/b/archive/${sha}.tar.gz`)).toBe(sha);
    expect(gitCommit(`https://registry.yarnpkg.com/ms/-/ms-2.1.3.tgz#${sha}`)).toBeUndefined();
    expect(gitCommit('git+https://github.com/a/b.git#main')).toBeUndefined();
    expect(gitCommit('https://example.com/x.tgz')).toBeUndefined();
  });

  it('matches workspace globs', () => {
    const isWorkspace = workspaceMatcher(['packages/*', 'tools/**', './apps/web/', '!packages/legacy']);
    expect(isWorkspace('packages/api')).toBe(true);
    expect(isWorkspace('packages/api/nested')).toBe(false);
    expect(isWorkspace('tools/a/b')).toBe(true);
    expect(isWorkspace('apps/web')).toBe(true);
    expect(isWorkspace('packages/legacy')).toBe(false);
    expect(isWorkspace('vendor/left-pad')).toBe(false);
  });
});

const cases = sharedCases()?.filter((c) => c.parser === 'ParseNpmLock');
/**
 * The case file lists no packages for this test: upstream asserts only that there are 39 and that
 * three supports-color versions are among them (checked below), which the extraction did not capture.
 */
const ASSERTS_A_COUNT = 'TestParseNpmLock_v1_NestedDependenciesDup';
describe.skipIf(!cases)('osv-scanner v1.9.2 conformance: ParseNpmLock', () => {
  it.each((cases ?? []).filter((c) => c.test !== ASSERTS_A_COUNT))('$test', async (c) => {
    expect(await runCase(extractor, c)).toEqual({ ok: true });
  });

  it(`${ASSERTS_A_COUNT} (as upstream asserts it)`, async () => {
    const result = await extractFile(
      extractor,
      `${SHARED_LOCKFILES}/fixtures/npm/nested-dependencies-dup.v1.json`,
    );
    expect(result.packages).toHaveLength(39);
    const versions = result.packages.filter((p) => p.name === 'supports-color').map((p) => p.version);
    expect(versions.sort()).toEqual(['2.0.0', '5.5.0', '6.1.0']);
  });
});
if (!cases)
  console.warn('npm: skipping osv-scanner conformance cases (../shared/data/lockfiles not present)');
