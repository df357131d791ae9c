import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractor } from '../../src/extractors/pub/extract.js';
import { ExtractError } from '../../src/model.js';
import { extractFile, runCase, sharedCases } from '../support/conformance.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/pub/${name}`, import.meta.url));

async function expectError(name: string, message: RegExp, line: number): Promise<void> {
  const error: unknown = await extractFile(extractor, fixture(name)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ExtractError);
  expect((error as ExtractError).message).toMatch(message);
  expect((error as ExtractError).line).toBe(line);
}

describe('pubspec.lock', () => {
  it('reads packages with the direct/dev status and git commits the file states', async () => {
    const result = await extractFile(extractor, fixture('pubspec.lock'));
    expect(result.packages.map((p) => [p.id, p.direct, p.scope, p.depGroups, p.commit ?? ''])).toEqual([
      ['async@2.11.0', false, undefined, [], ''],
      ['build_runner@2.4.8', true, 'dev', ['dev'], ''],
      ['collection@1.18.0', true, undefined, [], ''],
      ['flutter@0.0.0', true, 'prod', [], ''],
      ['http@1.2.0', true, 'prod', [], ''],
      ['local_utils@0.1.0', true, 'prod', [], ''],
      ['window_manager@0.3.8', true, 'prod', [], '88487257cbafc501599ab4f82ec343b46acec020'],
    ]);
    expect(result.roots).toEqual([
      'build_runner@2.4.8',
      'collection@1.18.0',
      'flutter@0.0.0',
      'http@1.2.0',
      'local_utils@0.1.0',
      'window_manager@0.3.8',
    ]);
    expect(result.packages.every((p) => p.ecosystem === 'Pub' && p.dependencies === undefined)).toBe(true);
  });

  it('spans each entry', async () => {
    const text = readFileSync(fixture('pubspec.lock'), 'utf8');
    const result = await extractFile(extractor, fixture('pubspec.lock'));
    const flutter = result.packages.find((p) => p.name === 'flutter');
    expect(text.slice(flutter?.start, flutter?.end)).toBe(
      'flutter:\n    dependency: "direct main"\n    description: flutter\n    source: sdk\n    version: "0.0.0"',
    );
  });

  it('reads empty files and empty package maps', () => {
    expect(extractor.extract({ path: 'pubspec.lock', text: '' })).toEqual({ packages: [], roots: [] });
    expect(extractor.extract({ path: 'pubspec.lock', text: 'packages: {}\n' })).toEqual({
      packages: [],
      roots: [],
    });
    expect(extractor.extract({ path: 'pubspec.lock', text: 'sdks:\n  dart: ">=3.0.0"\n' })).toEqual({
      packages: [],
      roots: [],
    });
  });

  it('keeps an unquoted version as written', () => {
    const result = extractor.extract({ path: 'pubspec.lock', text: 'packages:\n  a:\n    version: 1.10\n' });
    expect('packages' in result && result.packages[0]?.version).toBe('1.10');
  });

  it('rejects malformed files with the line', async () => {
    await expectError('not-yaml.txt', /must be a mapping/, 1);
    await expectError('missing-version.lock', /package 'http' has no version/, 2);
    await expectError('duplicate-key.lock', /invalid YAML.*unique/, 5);
    await expectError('truncated.lock', /invalid YAML/, 5);
    await expectError('packages-list.lock', /packages must be a mapping/, 2);
  });
});

const cases = sharedCases()?.filter((c) => c.parser === 'ParsePubspecLock');
describe.skipIf(!cases)('osv-scanner v1.9.2 conformance: ParsePubspecLock', () => {
  it.each(cases ?? [])('$test', async (c) => {
    expect(await runCase(extractor, c)).toEqual({ ok: true });
  });
});
if (!cases)
  console.warn('pub: skipping osv-scanner conformance cases (../shared/data/lockfiles not present)');
