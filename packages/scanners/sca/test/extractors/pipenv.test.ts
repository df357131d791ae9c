import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractor } from '../../src/extractors/pipenv/extract.js';
import { ExtractError } from '../../src/model.js';
import { extractFile, runCase, sharedCases } from '../support/conformance.js';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/pipenv/${name}`, import.meta.url));

async function expectError(name: string, message: RegExp, line?: number): Promise<void> {
  const error: unknown = await extractFile(extractor, fixture(name)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ExtractError);
  expect((error as ExtractError).message).toMatch(message);
  expect((error as ExtractError).line).toBe(line);
}

describe('Pipfile.lock', () => {
  it('reads every category: default is the main group, develop is dev, custom ones keep their name', async () => {
    const result = await extractFile(extractor, fixture('project/Pipfile.lock'));
    expect(result.packages.map((p) => [p.id, p.version, p.depGroups, p.commit ?? ''])).toEqual([
      ['certifi@2024.2.2', '2024.2.2', [], ''], // in default and develop: needed at run time
      ['flask@3.0.2', '3.0.2', [], ''],
      ['mkdocs@1.5.3', '1.5.3', ['docs'], ''],
      ['pytest@8.1.1', '8.1.1', ['dev', 'docs'], ''],
      ['requests@2.30.0', '2.30.0', ['dev'], ''],
      ['requests@2.31.0', '2.31.0', [], ''],
      [
        'shared-utils#4f2a9c3e7b1d0e8f6a5b4c3d2e1f0a9b8c7d6e5f',
        '',
        [],
        '4f2a9c3e7b1d0e8f6a5b4c3d2e1f0a9b8c7d6e5f',
      ],
    ]);
    expect(result.roots).toBeUndefined();
    for (const p of result.packages) {
      expect(p.ecosystem).toBe('PyPI');
      expect(p.dependencies).toBeUndefined();
      expect(p.direct).toBeUndefined();
    }
  });

  it('spans each entry, preferring the default section', async () => {
    const text = readFileSync(fixture('project/Pipfile.lock'), 'utf8');
    const result = await extractFile(extractor, fixture('project/Pipfile.lock'));
    const flask = result.packages.find((p) => p.name === 'flask');
    const span = text.slice(flask?.start, flask?.end);
    expect(span.startsWith('"Flask": {')).toBe(true);
    expect(span.endsWith('"version": "==3.0.2"\n        }')).toBe(true);
    const certifi = result.packages.find((p) => p.name === 'certifi');
    expect(text.lastIndexOf('"certifi"', certifi?.start)).toBeLessThan(text.indexOf('"develop"'));
  });

  it('skips local path packages (the project itself)', async () => {
    const result = await extractFile(extractor, fixture('project/Pipfile.lock'));
    expect(result.packages.map((p) => p.name)).not.toContain('myproject');
  });

  it('reads a lockfile with empty sections', async () => {
    const text = '{"_meta": {}, "default": {}, "develop": {}}';
    expect(await extractor.extract({ path: 'Pipfile.lock', text })).toEqual({ packages: [] });
  });

  it('rejects malformed files with the line', async () => {
    await expectError(
      'broken/wrong-type.json',
      /^Pipfile\.lock: default\.requests\.version must be string$/,
      4,
    );
    await expectError('broken/truncated.json', /^invalid JSON in Pipfile\.lock/, 6);
    await expectError('broken/not-a-lock.json', /^Pipfile\.lock: name must be object$/);
    const error: unknown = await (async () =>
      extractor.extract({ path: 'Pipfile.lock', text: '{"_meta": {}}' }))().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExtractError);
    expect((error as Error).message).toMatch(/neither a "default" nor a "develop" section/);
  });
});

/**
 * osv-scanner drops VCS packages, which have no version; this extractor reports them with the commit
 * they are locked to (unknown version), so they appear in the inventory and the SBOM.
 */
const DIVERGENCES: Record<string, RegExp> = {
  TestParsePipenvLock_PackageWithoutVersion: /^missing \[\] extra .*b36054111bc1e8bbadb5d0d60158feb72926f467/,
};

const cases = sharedCases()?.filter((c) => c.parser === 'ParsePipenvLock');

describe.skipIf(!cases)('osv-scanner conformance: ParsePipenvLock', () => {
  it.each(cases ?? [])('$test', async (c) => {
    const outcome = await runCase(extractor, c);
    const divergence = DIVERGENCES[c.test];
    if (divergence) {
      expect(outcome.ok ? '' : outcome.why).toMatch(divergence);
    } else {
      expect(outcome).toEqual({ ok: true });
    }
  });
});

if (!cases)
  it.skip('osv-scanner conformance: ParsePipenvLock (../shared/data/lockfiles is absent)', () => {});
