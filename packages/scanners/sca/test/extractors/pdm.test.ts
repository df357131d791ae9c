import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractor } from '../../src/extractors/pdm/extract.js';
import { ExtractError } from '../../src/model.js';
import { extractFile, runCase, sharedCases } from '../support/conformance.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/pdm/${name}`, import.meta.url));

async function expectError(name: string, message: RegExp, line?: number): Promise<void> {
  const error: unknown = await extractFile(extractor, fixture(name)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ExtractError);
  expect((error as ExtractError).message).toMatch(message);
  expect((error as ExtractError).line).toBe(line);
}

const HEADER = '[metadata]\ngroups = ["default"]\nlock_version = "4.4.1"\ncontent_hash = "sha256:00"\n\n';

describe('pdm.lock', () => {
  it('reads packages, groups (classified by the pyproject), commits and edges', async () => {
    const result = await extractFile(extractor, fixture('project/pdm.lock'));
    expect(result.packages.map((p) => [p.id, p.depGroups, p.commit ?? '', p.dependencies])).toEqual([
      ['certifi@2024.2.2', [], '', []],
      ['iniconfig@2.0.0', ['dev'], '', []],
      ['packaging@24.0', ['dev'], '', []],
      ['pysocks@1.7.1', [], '', []],
      ['pytest@8.1.1', ['dev'], '', ['iniconfig@2.0.0', 'packaging@24.0']],
      ['pyyaml@6.0.1', ['optional'], '', []], // the `yaml` extra
      // the requests[socks] entry is merged into requests
      ['requests@2.31.0', [], '', ['certifi@2024.2.2', 'pysocks@1.7.1', 'urllib3@2.2.1']],
      ['ruff@0.3.4', ['dev'], '', []], // [dependency-groups] lint
      ['testkit@0.0.1', ['dev'], 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00', []],
      ['urllib3@2.2.1', [], '', []],
    ]);
    expect(result.roots).toEqual(['pytest@8.1.1', 'pyyaml@6.0.1', 'requests@2.31.0', 'ruff@0.3.4']);
  });

  it('spans the plain entry of a package locked with extras', async () => {
    const text = readFileSync(fixture('project/pdm.lock'), 'utf8');
    const result = await extractFile(extractor, fixture('project/pdm.lock'));
    const requests = result.packages.find((p) => p.name === 'requests');
    const span = text.slice(requests?.start, requests?.end);
    expect(span.startsWith('[[package]]\nname = "requests"\nversion = "2.31.0"\nrequires_python')).toBe(true);
    expect(span).not.toContain('extras');
  });

  it('without a pyproject, takes a group named dev as dev and any other as an optional extra', async () => {
    const text =
      HEADER +
      ['default', 'dev', 'docs']
        .map((g, i) => `[[package]]\nname = "p${i}"\nversion = "1.0"\ngroups = ["${g}"]\n`)
        .join('\n') +
      '\n[[package]]\nname = "both"\nversion = "1.0"\ngroups = ["dev", "default"]\n';
    const result = await extractor.extract({ path: 'pdm.lock', text });
    expect(result.packages.map((p) => [p.id, p.depGroups])).toEqual([
      ['both@1.0', []],
      ['p0@1.0', []],
      ['p1@1.0', ['dev']],
      ['p2@1.0', ['optional']],
    ]);
    expect(result.roots).toBeUndefined();
  });

  it('reads a lock_version 3 file without groups', async () => {
    const text = '[metadata]\nlock_version = "3.1"\n\n[[package]]\nname = "Six"\nversion = "1.16.0"\n';
    const result = await extractor.extract({ path: 'pdm.lock', text });
    expect(result.packages.map((p) => [p.id, p.depGroups])).toEqual([['six@1.16.0', []]]);
  });

  it('rejects malformed files with the line', async () => {
    await expectError('broken/unsupported-version.lock', /^unsupported pdm\.lock lock_version "9\.0"$/, 3);
    await expectError('broken/no-metadata.lock', /required property 'metadata'/);
    await expectError('broken/bad-groups.lock', /^pdm\.lock: package\.0\.groups must be array$/, 6);
  });
});

const cases = sharedCases()?.filter((c) => c.parser === 'ParsePdmLock');

describe.skipIf(!cases)('osv-scanner conformance: ParsePdmLock', () => {
  it.each(cases ?? [])('$test', async (c) => {
    expect(await runCase(extractor, c)).toEqual({ ok: true });
  });
});

if (!cases) it.skip('osv-scanner conformance: ParsePdmLock (../shared/data/lockfiles is absent)', () => {});
