import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractor } from '../../src/extractors/composer/extract.js';
import { ExtractError } from '../../src/model.js';
import { extractFile, runCase, sharedCases } from '../support/conformance.js';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/composer/${name}`, import.meta.url));

async function expectError(name: string, message: RegExp, line: number | undefined): Promise<void> {
  const error: unknown = await extractFile(extractor, fixture(name)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ExtractError);
  expect((error as ExtractError).message).toMatch(message);
  expect((error as ExtractError).line).toBe(line);
}

describe('composer.lock', () => {
  it('reads packages, dev packages, commits, licences, edges and the manifest roots', async () => {
    const result = await extractFile(extractor, fixture('project/composer.lock'));
    expect(
      result.packages.map((p) => [p.id, p.scope, p.depGroups, p.commit ?? '', p.licenses, p.dependencies]),
    ).toEqual([
      [
        'monolog/monolog@3.5.0',
        'prod',
        [],
        'c915e2634718dbc8a4a15c61b0e62e7a44e14448',
        ['MIT'],
        ['psr/log@3.0.0'],
      ],
      [
        'phpunit/php-timer@6.0.0',
        'dev',
        ['dev'],
        'e2a2d67966e740530f4a3343fe2e030ffdc1161d',
        ['BSD-3-Clause'],
        [],
      ],
      ['psr/log@3.0.0', 'prod', [], 'fe5ea303b0887d5caefd3d431c3e61ad47037001', ['MIT'], []],
      [
        'symfony/console@v6.4.2',
        'prod',
        [],
        '0254811a143e6bc6c8deea08b589a7e68a37f625',
        ['MIT'],
        ['monolog/monolog@3.5.0', 'symfony/polyfill-mbstring@dev-main'],
      ],
      ['symfony/polyfill-mbstring@dev-main', 'prod', [], '', ['MIT'], []],
    ]);
    expect(result.roots).toEqual([
      'monolog/monolog@3.5.0',
      'phpunit/php-timer@6.0.0',
      'symfony/console@v6.4.2',
    ]);
  });

  it('spans each package object', async () => {
    const text = readFileSync(fixture('project/composer.lock'), 'utf8');
    const result = await extractFile(extractor, fixture('project/composer.lock'));
    for (const p of result.packages) {
      const entry = JSON.parse(text.slice(p.start, p.end)) as { name: string; version: string };
      expect(`${entry.name}@${entry.version}`).toBe(p.id);
    }
  });

  it('leaves roots unknown without a composer.json', async () => {
    const result = await extractFile(extractor, fixture('lock-only/composer.lock'));
    expect(result.roots).toBeUndefined();
    expect(result.packages.map((p) => [p.id, p.commit])).toEqual([['guzzlehttp/psr7@2.6.2', undefined]]);
  });

  it('ignores an unreadable composer.json', async () => {
    const text = readFileSync(fixture('lock-only/composer.lock'), 'utf8');
    const result = await extractor.extract({
      path: 'composer.lock',
      text,
      readRelative: () => Promise.resolve('{ not json'),
    });
    expect(result.roots).toBeUndefined();
    expect(result.packages).toHaveLength(1);
  });

  it('rejects malformed files', async () => {
    // model.ts parseJson only knows the line when V8's message gives a position
    await expectError('not-json.txt', /invalid JSON in composer.lock/, undefined);
    await expectError('missing-version.json', /packages #2: .*required property 'version'/, 7);
    await expectError('packages-not-array.json', /packages must be array/, undefined);
    await expectError('truncated.json', /invalid JSON/, 5);
  });
});

const cases = sharedCases()?.filter((c) => c.parser === 'ParseComposerLock');
describe.skipIf(!cases)('osv-scanner v1.9.2 conformance: ParseComposerLock', () => {
  it.each(cases ?? [])('$test', async (c) => {
    expect(await runCase(extractor, c)).toEqual({ ok: true });
  });
});
if (!cases)
  console.warn('composer: skipping osv-scanner conformance cases (../shared/data/lockfiles not present)');
