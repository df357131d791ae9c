import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractor } from '../../src/extractors/bundler/extract.js';
import { ExtractError } from '../../src/model.js';
import { extractFile, runCase, sharedCases } from '../support/conformance.js';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/bundler/${name}`, import.meta.url));

async function expectError(name: string, message: RegExp, line: number): Promise<void> {
  const error: unknown = await extractFile(extractor, fixture(name)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ExtractError);
  expect((error as ExtractError).message).toMatch(message);
  expect((error as ExtractError).line).toBe(line);
}

describe('Gemfile.lock', () => {
  it('reads every source section, platform variants once, git revisions and edges', async () => {
    const result = await extractFile(extractor, fixture('Gemfile.lock'));
    expect(result.packages.map((p) => [p.id, p.commit ?? '', p.dependencies])).toEqual([
      ['billing@0.1.0', '', ['rails@7.1.3']],
      ['concurrent-ruby@1.2.3', '', []],
      ['mini_portile2@2.8.5', '', []],
      ['nokogiri@1.16.0', '', ['mini_portile2@2.8.5', 'racc@1.7.3']],
      ['private-widget@2.0.0', '', []],
      ['racc@1.7.3', '', []],
      ['rack@3.0.8', '', []],
      ['rails@7.1.3', '', ['nokogiri@1.16.0', 'rack@3.0.8']],
      ['rspec-core@3.12.2', '', []],
      ['rspec@3.12.0', '', ['rspec-core@3.12.2']],
      [
        'sprockets@4.2.1',
        '4ee5a4b8c09a1e3d4c8bd1a3e7e3f6b2f44a9a7b',
        ['concurrent-ruby@1.2.3', 'rack@3.0.8'],
      ],
    ]);
    expect(result.roots).toEqual([
      'billing@0.1.0',
      'nokogiri@1.16.0',
      'rails@7.1.3',
      'rspec@3.12.0',
      'sprockets@4.2.1',
    ]);
    expect(result.packages.every((p) => p.ecosystem === 'RubyGems' && p.depGroups.length === 0)).toBe(true);
  });

  it('spans a spec with its dependency lines', async () => {
    const text = readFileSync(fixture('Gemfile.lock'), 'utf8');
    const result = await extractFile(extractor, fixture('Gemfile.lock'));
    const rails = result.packages.find((p) => p.name === 'rails');
    expect(text.slice(rails?.start, rails?.end)).toBe(
      'rails (7.1.3)\n      nokogiri (>= 1.6)\n      rack (>= 2.2.4)',
    );
  });

  it('handles CRLF line endings and empty files', async () => {
    const result = await extractFile(extractor, fixture('crlf.lock'));
    expect(result.packages.map((p) => p.id)).toEqual(['rack@3.0.8']);
    expect(result.roots).toEqual(['rack@3.0.8']);
    expect(await extractor.extract({ path: 'Gemfile.lock', text: '' })).toEqual({ packages: [], roots: [] });
  });

  it('rejects malformed files with the line', async () => {
    await expectError('not-a-lockfile.txt', /expected a section header/, 1);
    await expectError('bad-spec.lock', /malformed gem spec 'rack 3.0.8'/, 4);
    await expectError('conflict.lock', /merge conflict/, 4);
    expect(() =>
      extractor.extract({ path: 'Gemfile.lock', text: 'GEM\n  remote: x\n    rack (1.0)\n' }),
    ).toThrow(/before 'specs:'/);
  });
});

const cases = sharedCases()?.filter((c) => c.parser === 'ParseGemfileLock');
describe.skipIf(!cases)('osv-scanner v1.9.2 conformance: ParseGemfileLock', () => {
  it.each(cases ?? [])('$test', async (c) => {
    expect(await runCase(extractor, c)).toEqual({ ok: true });
  });
});
if (!cases)
  console.warn('bundler: skipping osv-scanner conformance cases (../shared/data/lockfiles not present)');
