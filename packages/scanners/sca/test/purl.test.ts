import { PackageURL } from 'packageurl-js';
import { describe, expect, it } from 'vitest';
import { purlOf } from '../src/purl.js';

/** What packageurl-js makes of an npm package, as `purlOf` asked it before its shortcut for plain names. */
function library(name: string, version: string): string {
  const at = name.startsWith('@') ? name.lastIndexOf('/') : -1;
  const [namespace, short] = at > 0 ? [name.slice(0, at), name.slice(at + 1)] : [undefined, name];
  return new PackageURL('npm', namespace, short, version || undefined, undefined, undefined).toString();
}

describe('purlOf', () => {
  it('writes plain npm purls as packageurl-js does', () => {
    const names = [
      'a',
      'lodash',
      'lodash.merge',
      'a_b',
      'x-1',
      '0',
      '@types/node',
      '@a.b/c_d',
      '@s-1/p.2',
      'a..b',
    ];
    const versions = ['', '1.0.0', '1.0.0-rc.1', '1.0.0+build.5', '0.0.0-2024.1', 'V1', '1.2.3-Beta-2'];
    for (const name of names)
      for (const version of versions)
        expect(purlOf('npm', name, version), `${name}@${version}`).toBe(library(name, version));
  });

  it('leaves other names to packageurl-js', () => {
    expect(purlOf('npm', '@Scope/Pkg', '1.0.0')).toBe(library('@Scope/Pkg', '1.0.0'));
    expect(purlOf('npm', 'a b', '1.0.0 ')).toBe(library('a b', '1.0.0 '));
    expect(purlOf('npm', 'é', '1:2')).toBe(library('é', '1:2'));
    expect(purlOf('npm', '@s/n', '1.0.0%2')).toBe(library('@s/n', '1.0.0%2'));
  });
});
