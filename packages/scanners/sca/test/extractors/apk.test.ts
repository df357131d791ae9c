import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractor } from '../../src/extractors/apk/extract.js';
import { constraintName, releaseBranch } from '../../src/extractors/apk/schema.js';
import { extractFile, runCase, sharedCases } from '../support/conformance.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/apk/${name}`, import.meta.url));
const ROOTFS_DB = fixture('rootfs/lib/apk/db/installed');

describe('lib/apk/db/installed', () => {
  it('reads installed packages with commit, license, edges, release and world', async () => {
    const result = await extractFile(extractor, ROOTFS_DB, fixture('rootfs'));
    expect(result.packages.map((p) => [p.id, p.commit, p.licenses, p.dependencies, p.direct])).toEqual([
      [
        'busybox@1.36.1-r15',
        '1dbf7a793afae640ea643a055b6dd4f430ac116b',
        ['GPL-2.0-only'],
        ['musl@1.2.4_git20230717-r4'],
        true,
      ],
      [
        'libcrypto3@3.1.4-r5',
        '8cde07c8bb3a3a3f1e2c4b5a6d7e8f9a0b1c2d3e',
        ['Apache-2.0'],
        ['musl@1.2.4_git20230717-r4'],
        false,
      ],
      [
        'libssl3@3.1.4-r5',
        '8cde07c8bb3a3a3f1e2c4b5a6d7e8f9a0b1c2d3e',
        ['Apache-2.0'],
        ['libcrypto3@3.1.4-r5', 'musl@1.2.4_git20230717-r4'],
        true,
      ],
      ['musl@1.2.4_git20230717-r4', '3a3a1f1c2c4a0d3e0c3e5f4f3c1b7c6b0b8a0e7e', ['MIT'], [], false],
    ]);
    expect(result.roots).toEqual(['busybox@1.36.1-r15', 'libssl3@3.1.4-r5']);
    for (const p of result.packages) {
      expect(p.ecosystem).toBe('Alpine');
      expect(p.ecosystemVariant).toBe('Alpine:v3.19');
      expect(p.depGroups).toEqual([]);
    }
  });

  it('spans each record', async () => {
    const text = readFileSync(ROOTFS_DB, 'utf8');
    const { packages } = await extractFile(extractor, ROOTFS_DB, fixture('rootfs'));
    const libssl = packages.find((p) => p.name === 'libssl3');
    expect(text.slice(libssl?.start, libssl?.end).split('\n')).toEqual([
      'C:Q1Nw4xyz0Rb+jHLMzU4ZrnSk0lnzg=',
      'P:libssl3',
      'V:3.1.4-r5',
      'A:x86_64',
      'L:Apache-2.0',
      'o:openssl',
      'c:8cde07c8bb3a3a3f1e2c4b5a6d7e8f9a0b1c2d3e',
      'D:so:libc.musl-x86_64.so.1 so:libcrypto.so.3',
      'p:so:libssl.so.3=3',
    ]);
  });

  it('falls back to v3.20 without alpine-release and reads CRLF files', async () => {
    const text = readFileSync(fixture('bare/lib/apk/db/installed'), 'utf8');
    const result = await extractFile(extractor, fixture('bare/lib/apk/db/installed'), fixture('bare'));
    expect(result.packages.map((p) => [p.id, p.ecosystemVariant, p.commit, p.dependencies])).toEqual([
      ['curl@8.5.0-r0', 'Alpine:v3.20', undefined, ['zlib@1.3.1-r0']],
      ['zlib@1.3.1-r0', 'Alpine:v3.20', 'f54c6e61c1a6be8e0f5e8e5c6c2c4e3b0e1e9a0b', []],
    ]);
    expect(result.roots).toBeUndefined();
    const zlib = result.packages[1];
    expect(text.slice(zlib?.start, zlib?.end)).toBe(
      'P:zlib\r\nV:1.3.1-r0\r\nc:f54c6e61c1a6be8e0f5e8e5c6c2c4e3b0e1e9a0b',
    );
  });

  it('treats a refused or failing sibling read as absent', async () => {
    const result = await extractor.extract({
      path: 'lib/apk/db/installed',
      text: 'P:zlib\nV:1.3.1-r0\n',
      readRelative: () => Promise.reject(new Error('outside the scan root')),
    });
    expect(result.packages.map((p) => p.ecosystemVariant)).toEqual(['Alpine:v3.20']);
  });

  it('parses constraints and releases', () => {
    expect(constraintName('musl>=1.2')).toBe('musl');
    expect(constraintName('so:libc.musl-x86_64.so.1')).toBe('so:libc.musl-x86_64.so.1');
    expect(constraintName('cmd:apk=2.12.10-r1')).toBe('cmd:apk');
    expect(constraintName('curl@edge')).toBe('curl');
    expect(constraintName('py3-foo~1.2')).toBe('py3-foo');
    expect(constraintName('!busybox-static')).toBeUndefined();
    expect(releaseBranch('3.20.3\n')).toBe('v3.20');
    expect(releaseBranch('3.21_alpha20240807')).toBe('v3.21');
    expect(releaseBranch('edge')).toBeUndefined();
  });
});

const cases = sharedCases()?.filter((c) => c.parser === 'ParseApkInstalled');
describe.skipIf(!cases)('osv-scanner v1.9.2 conformance: ParseApkInstalled', () => {
  it.each(cases ?? [])('$test', async (c) => {
    expect(await runCase(extractor, c)).toEqual({ ok: true });
  });
});
if (!cases)
  console.warn('apk: skipping osv-scanner conformance cases (../shared/data/lockfiles not present)');
