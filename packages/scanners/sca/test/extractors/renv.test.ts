import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractor } from '../../src/extractors/renv/extract.js';
import { ExtractError } from '../../src/model.js';
import { extractFile, runCase, sharedCases } from '../support/conformance.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/renv/${name}`, import.meta.url));

async function expectError(name: string, message: RegExp, line?: number): Promise<void> {
  const error: unknown = await extractFile(extractor, fixture(name)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ExtractError);
  expect((error as ExtractError).message).toMatch(message);
  expect((error as ExtractError).line).toBe(line);
}

describe('renv.lock', () => {
  it('reads packages from CRAN-like repositories with their requirements', async () => {
    const result = await extractFile(extractor, fixture('renv.lock'));
    expect(result.packages.map((p) => [p.id, p.dependencies])).toEqual([
      ['cli@3.6.1', []], // from RSPM, a CRAN mirror
      ['glue@1.6.2', []],
      ['legacy@0.2', []], // older lockfiles have no Source
      ['lifecycle@1.0.4', ['cli@3.6.1', 'glue@1.6.2', 'rlang@1.1.2']], // base R and the GitHub package left out
      ['rlang@1.1.2', []],
    ]);
    expect(result.roots).toBeUndefined();
    for (const p of result.packages) {
      expect(p.ecosystem).toBe('CRAN');
      expect(p.depGroups).toEqual([]);
    }
  });

  it('spans each package entry', async () => {
    const text = readFileSync(fixture('renv.lock'), 'utf8');
    const { packages } = await extractFile(extractor, fixture('renv.lock'));
    const legacy = packages.find((p) => p.name === 'legacy');
    expect(JSON.parse(text.slice(legacy?.start, legacy?.end))).toEqual({
      Package: 'legacy',
      Version: '0.2',
      Repository: 'CRAN',
    });
  });

  it('rejects packages without a version and invalid JSON', async () => {
    await expectError(
      'missing-version.lock',
      /renv\.lock: Packages\.glue must have required property 'Version'/,
    );
    await expectError('truncated.lock', /invalid JSON/, 9); // the end of the file
  });
});

const cases = sharedCases()?.filter((c) => c.parser === 'ParseRenvLock');
describe.skipIf(!cases)('osv-scanner v1.9.2 conformance: ParseRenvLock', () => {
  it.each(cases ?? [])('$test', async (c) => {
    expect(await runCase(extractor, c)).toEqual({ ok: true });
  });
});
if (!cases)
  console.warn('renv: skipping osv-scanner conformance cases (../shared/data/lockfiles not present)');
