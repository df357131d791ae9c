import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractor } from '../../src/extractors/conan/extract.js';
import { parseRef } from '../../src/extractors/conan/schema.js';
import { ExtractError } from '../../src/model.js';
import { extractFile, runCase, sharedCases } from '../support/conformance.js';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/conan/${name}`, import.meta.url));

async function expectError(name: string, message: RegExp): Promise<void> {
  const error: unknown = await extractFile(extractor, fixture(name)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ExtractError);
  expect((error as ExtractError).message).toMatch(message);
}

describe('conan.lock', () => {
  it('reads a Conan 1 graph lock with edges, roots and build scope', async () => {
    const result = await extractFile(extractor, fixture('v1.conan.lock'));
    expect(result.packages.map((p) => [p.id, p.scope, p.direct, p.dependencies, p.depGroups])).toEqual([
      ['cmake@3.27.7', 'dev', true, ['zlib@1.3'], []],
      ['fmt@10.1.1', 'prod', true, [], []],
      ['nasm@2.15.05', 'dev', false, [], []],
      ['openssl@3.1.4', 'prod', true, ['nasm@2.15.05', 'zlib@1.3'], []],
      ['zlib@1.3', 'prod', false, [], []], // a host and a build node: the host one ships
    ]);
    expect(result.roots).toEqual(['cmake@3.27.7', 'fmt@10.1.1', 'openssl@3.1.4']);
    for (const p of result.packages) expect(p.ecosystem).toBe('ConanCenter');
  });

  it('spans Conan 1 nodes', async () => {
    const text = readFileSync(fixture('v1.conan.lock'), 'utf8');
    const { packages } = await extractFile(extractor, fixture('v1.conan.lock'));
    const fmt = packages.find((p) => p.name === 'fmt');
    expect(JSON.parse(text.slice(fmt?.start, fmt?.end))).toEqual({
      ref: 'fmt/10.1.1@acme/stable#8d2c7fb4e3e0bd9a1d3b5e6c7f8a9b0c',
      context: 'host',
    });
  });

  it('reads a Conan 2 lock with a group per list', async () => {
    const text = readFileSync(fixture('v2.conan.lock'), 'utf8');
    const result = await extractFile(extractor, fixture('v2.conan.lock'));
    expect(result.packages.map((p) => [p.id, p.depGroups, p.scope])).toEqual([
      ['cmake@3.27.7', ['build-requires'], 'dev'],
      ['fmt@10.1.1', ['requires'], 'prod'],
      ['openssl@3.1.4', ['requires'], 'prod'],
      ['pyreq@1.0', ['python-requires'], 'dev'],
      ['zlib@1.3', ['build-requires', 'requires'], 'prod'],
    ]);
    expect(result.roots).toBeUndefined();
    const openssl = result.packages.find((p) => p.name === 'openssl');
    expect(text.slice(openssl?.start, openssl?.end)).toBe(
      '"openssl/3.1.4#a0ba3bfb2ad1e0ce5d4b6a4a3e8e6f4c%1698862337.51"',
    );
  });

  it('parses references', () => {
    expect(parseRef('zlib/1.2.11')).toEqual({ name: 'zlib', version: '1.2.11' });
    expect(parseRef('zlib/1.2.11@user/channel#rrev%1.5')).toEqual({ name: 'zlib', version: '1.2.11' });
    expect(parseRef('zlib/1.2.11@bincrafters/testing#5f49:19729b95#58846c4e')).toEqual({
      name: 'zlib',
      version: '1.2.11',
    });
    expect(parseRef('1.2.3#ffa77daf')).toBeUndefined();
    expect(parseRef('/1.0')).toBeUndefined();
    expect(parseRef('zlib/')).toBeUndefined();
    expect(parseRef('')).toBeUndefined();
  });

  it('rejects files of the wrong shape', async () => {
    await expectError('bad-ref-type.conan.lock', /conan\.lock: requires\.0 must be string/);
    await expectError('bad-nodes.conan.lock', /conan\.lock: graph_lock\.nodes must be object/);
    await expectError('not-a-lock.json', /not a Conan lockfile/);
  });
});

const cases = sharedCases()?.filter((c) => c.parser === 'ParseConanLock');
describe.skipIf(!cases)('osv-scanner v1.9.2 conformance: ParseConanLock', () => {
  it.each(cases ?? [])('$test', async (c) => {
    expect(await runCase(extractor, c)).toEqual({ ok: true });
  });
});
if (!cases)
  console.warn('conan: skipping osv-scanner conformance cases (../shared/data/lockfiles not present)');
