import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractor } from '../../src/extractors/dpkg/extract.js';
import { debianRelease, isInstalled, parseSource, relationNames } from '../../src/extractors/dpkg/schema.js';
import { extractFile, runCase, sharedCases } from '../support/conformance.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/dpkg/${name}`, import.meta.url));
const status = (root: string): [string, string] => [fixture(`${root}/var/lib/dpkg/status`), fixture(root)];

describe('var/lib/dpkg/status', () => {
  it('reads installed packages by source name and version, once per source, with edges', async () => {
    const result = await extractFile(extractor, ...status('debian'));
    const GLIBC = 'glibc@2.36-9+deb12u4';
    expect(result.packages.map((p) => [p.id, p.dependencies])).toEqual([
      ['base-files@12.4+deb12u5', ['mawk@1.3.4.20200120-3.1']], // Pre-Depends: awk, provided by mawk
      ['gcc-12@12.2.0-14', [GLIBC]], // a folded Depends field
      [GLIBC, ['gcc-12@12.2.0-14']], // libc6 and libc-bin
      ['mawk@1.3.4.20200120-3.1', [GLIBC]],
      ['openssl@3.0.11-1~deb12u2', [GLIBC]], // held, still installed
      ['util-linux@2.38.1-5', [GLIBC]], // bsdutils: the source version, not 1:2.38.1-5+b1
    ]);
    expect(result.roots).toBeUndefined();
    for (const p of result.packages) {
      expect(p.ecosystem).toBe('Debian');
      expect(p.ecosystemVariant).toBe('Debian:12');
      expect(p.depGroups).toEqual([]);
    }
  });

  it('spans the first stanza of each package', async () => {
    const [file, root] = status('debian');
    const text = readFileSync(file, 'utf8');
    const { packages } = await extractFile(extractor, file, root);
    const glibc = packages.find((p) => p.name === 'glibc');
    const stanza = text.slice(glibc?.start, glibc?.end).split('\n');
    expect(stanza[0]).toBe('Package: libc6');
    expect(stanza.at(-1)).toBe('Description: GNU C Library: Shared libraries');
  });

  it('leaves the release out for a derivative', async () => {
    const result = await extractFile(extractor, ...status('ubuntu'));
    expect(result.packages.map((p) => [p.id, p.ecosystemVariant])).toEqual([
      ['base-files@13ubuntu10.1', undefined],
      ['openssl@3.0.13-0ubuntu3.1', undefined],
    ]);
  });

  it('takes the release from os-release without base-files, and reads CRLF files', async () => {
    const result = await extractFile(extractor, ...status('bullseye-no-base-files'));
    expect(result.packages.map((p) => [p.id, p.ecosystemVariant])).toEqual([
      ['zlib@1:1.2.11.dfsg-2+deb11u2', 'Debian:11'],
    ]);
  });

  it('reads a file with a byte-order mark, keeping offsets', async () => {
    const text = '\uFEFFPackage: zlib1g\nStatus: install ok installed\nVersion: 1.2.13\n';
    const { packages } = await extractor.extract({ path: 'var/lib/dpkg/status', text });
    expect(packages.map((p) => [p.id, text.slice(p.start, p.end)])).toEqual([
      ['zlib1g@1.2.13', 'Package: zlib1g\nStatus: install ok installed\nVersion: 1.2.13'],
    ]);
  });

  it('parses fields', () => {
    expect(isInstalled('install ok installed')).toBe(true);
    expect(isInstalled('hold ok installed')).toBe(true);
    expect(isInstalled('install ok not-installed')).toBe(false);
    expect(isInstalled('deinstall ok config-files')).toBe(false);
    expect(isInstalled('install reinstreq half-installed')).toBe(false);
    expect(isInstalled(undefined)).toBe(false);
    expect(parseSource('util-linux (2.38.1-5)')).toEqual({ name: 'util-linux', version: '2.38.1-5' });
    expect(parseSource('glibc')).toEqual({ name: 'glibc' });
    expect(
      relationNames('libc6:amd64 (>= 2.34), libsystemd0 | libelogind0 [linux-any], foo<!nocheck>'),
    ).toEqual(['libc6', 'libsystemd0', 'libelogind0', 'foo']);
    expect(debianRelease('12.4+deb12u5')).toBe('12');
    expect(debianRelease('11.1+deb11u9')).toBe('11');
    expect(debianRelease('13.5')).toBe('13');
    expect(debianRelease('13ubuntu10.1')).toBeUndefined();
  });
});

const cases = sharedCases()?.filter((c) => c.parser === 'ParseDpkgStatus');
describe.skipIf(!cases)('osv-scanner v1.9.2 conformance: ParseDpkgStatus', () => {
  it.each(cases ?? [])('$test', async (c) => {
    expect(await runCase(extractor, c)).toEqual({ ok: true });
  });
});
if (!cases)
  console.warn('dpkg: skipping osv-scanner conformance cases (../shared/data/lockfiles not present)');
