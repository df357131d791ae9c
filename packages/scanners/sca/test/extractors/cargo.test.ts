import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractor } from '../../src/extractors/cargo/extract.js';
import { ExtractError } from '../../src/model.js';
import { extractFile, runCase, sharedCases } from '../support/conformance.js';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/cargo/${name}`, import.meta.url));
const REGISTRY = 'registry+https://github.com/rust-lang/crates.io-index';
const SERDE_GIT =
  'git+https://github.com/serde-rs/serde?rev=ede9762#ede9762a583c3cc3b87c10a53551828fad339525';

async function expectError(name: string, message: RegExp, line?: number): Promise<void> {
  const error: unknown = await extractFile(extractor, fixture(name)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ExtractError);
  expect((error as ExtractError).message).toMatch(message);
  expect((error as ExtractError).line).toBe(line);
}

describe('Cargo.lock', () => {
  it('reads packages, edges, git commits and the workspace roots', async () => {
    const result = await extractFile(extractor, fixture('Cargo.lock'));
    expect(result.packages.map((p) => [p.id, p.commit ?? '', p.dependencies])).toEqual([
      ['app@0.1.0', '', ['log@0.4.20', `serde@1.0.196 (${REGISTRY})`, 'util@0.1.0']],
      ['log@0.4.20', '', []],
      ['proc-macro2@1.0.78', '', ['unicode-ident@1.0.12']],
      [`serde@1.0.196 (${SERDE_GIT})`, 'ede9762a583c3cc3b87c10a53551828fad339525', ['serde_derive@1.0.196']],
      [`serde@1.0.196 (${REGISTRY})`, '', ['serde_derive@1.0.196']],
      ['serde_derive@1.0.196', '', ['proc-macro2@1.0.78', 'syn@2.0.48']],
      ['syn@1.0.109', '', ['proc-macro2@1.0.78', 'unicode-ident@1.0.12']],
      ['syn@2.0.48', '', ['proc-macro2@1.0.78', 'unicode-ident@1.0.12']],
      ['unicode-ident@1.0.12', '', []],
      ['util@0.1.0', '', [`serde@1.0.196 (${SERDE_GIT})`, 'syn@1.0.109']],
    ]);
    expect(result.roots).toEqual([
      'log@0.4.20',
      `serde@1.0.196 (${SERDE_GIT})`,
      `serde@1.0.196 (${REGISTRY})`,
      'syn@1.0.109',
      'util@0.1.0',
    ]);
    for (const p of result.packages) {
      expect(p.ecosystem).toBe('crates.io');
      expect(p.direct).toBeUndefined();
    }
  });

  it('spans each [[package]] table', async () => {
    const text = readFileSync(fixture('Cargo.lock'), 'utf8');
    const result = await extractFile(extractor, fixture('Cargo.lock'));
    const log = result.packages.find((p) => p.name === 'log');
    expect(text.slice(log?.start, log?.end)).toBe(
      [
        '[[package]]',
        'name = "log"',
        'version = "0.4.20"',
        `source = "${REGISTRY}"`,
        'checksum = "b5e6163cb8c49088c2c36f57875e58ccd8c87c7427f7fbd50ea6710b2f3f2e8f"',
      ].join('\n'),
    );
    const util = result.packages.find((p) => p.name === 'util');
    expect(text.slice(util?.start, util?.end).endsWith(']')).toBe(true);
  });

  it('reads the v1 format with its [root] table', async () => {
    const result = await extractFile(extractor, fixture('v1.lock'));
    expect(result.packages.map((p) => p.id)).toEqual(['legacy@0.2.0', 'libc@0.2.40']);
    expect(result.roots).toEqual(['libc@0.2.40']);
  });

  it('reads an empty lockfile', async () => {
    expect(await extractor.extract({ path: 'Cargo.lock', text: 'version = 3\n' })).toEqual({
      packages: [],
      roots: [],
    });
  });

  it('rejects malformed files with the line', async () => {
    await expectError('not-toml.txt', /invalid TOML in Cargo.lock/, 1);
    await expectError('missing-version.lock', /package #2: .*must have required property 'version'/, 7);
    await expectError('version-5.lock', /unsupported Cargo.lock version 5/, 2);
    await expectError('truncated.lock', /invalid TOML/, 8);
  });
});

const cases = sharedCases()?.filter((c) => c.parser === 'ParseCargoLock');
describe.skipIf(!cases)('osv-scanner v1.9.2 conformance: ParseCargoLock', () => {
  it.each(cases ?? [])('$test', async (c) => {
    expect(await runCase(extractor, c)).toEqual({ ok: true });
  });
});
if (!cases)
  console.warn('cargo: skipping osv-scanner conformance cases (../shared/data/lockfiles not present)');
