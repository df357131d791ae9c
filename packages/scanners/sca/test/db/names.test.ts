import { describe, expect, it } from 'vitest';
import { defaultDbPath, groupAliases, normalizeName, splitEcosystem } from '../../src/db/index.js';
import type { OsvRecord } from '../../src/osv.js';

describe('normalizeName', () => {
  it('applies PEP 503 to PyPI names', () => {
    expect(normalizeName('PyPI', 'Flask_Login')).toBe('flask-login');
    expect(normalizeName('PyPI', 'zope.interface')).toBe('zope-interface');
    expect(normalizeName('PyPI', 'A-_.-b__c')).toBe('a-b-c');
    expect(normalizeName('PyPI', 'Jinja2')).toBe('jinja2');
  });

  it('lower-cases Packagist and NuGet names', () => {
    expect(normalizeName('Packagist', 'Symfony/Http-Kernel')).toBe('symfony/http-kernel');
    expect(normalizeName('NuGet', 'Newtonsoft.Json')).toBe('newtonsoft.json');
  });

  it('leaves case-sensitive ecosystems alone, suffixes included', () => {
    expect(normalizeName('npm', 'JSONStream')).toBe('JSONStream');
    expect(normalizeName('Go', 'github.com/BurntSushi/toml')).toBe('github.com/BurntSushi/toml');
    expect(normalizeName('crates.io', 'Inflector')).toBe('Inflector');
    expect(normalizeName('Maven', 'org.apache.logging.log4j:log4j-core')).toBe(
      'org.apache.logging.log4j:log4j-core',
    );
    expect(normalizeName('Debian:12', 'libssl3')).toBe('libssl3');
  });
});

describe('splitEcosystem', () => {
  it('splits at the first colon', () => {
    expect(splitEcosystem('Debian:12')).toEqual({ base: 'Debian', full: 'Debian:12', suffix: '12' });
    expect(splitEcosystem('Alpine:v3.20')).toEqual({ base: 'Alpine', full: 'Alpine:v3.20', suffix: 'v3.20' });
    expect(splitEcosystem('Ubuntu:Pro:22.04:LTS')).toMatchObject({ base: 'Ubuntu', suffix: 'Pro:22.04:LTS' });
    expect(splitEcosystem('npm')).toEqual({ base: 'npm', full: 'npm' });
  });
});

describe('groupAliases', () => {
  const r = (id: string, aliases?: string[]): OsvRecord => ({
    id,
    modified: '2024-01-01T00:00:00Z',
    aliases,
  });

  it('joins records sharing an id or alias, transitively, in a stable order', () => {
    const ghsa = r('GHSA-1', ['CVE-1']);
    const pysec = r('PYSEC-1', ['CVE-1', 'GHSA-2']);
    const other = r('GHSA-2');
    const alone = r('GO-9', ['CVE-9']);
    const cve = r('CVE-1');
    const groups = groupAliases([alone, other, pysec, ghsa, cve]);
    expect(groups.map((g) => g.map((x) => x.id))).toEqual([
      ['CVE-1', 'GHSA-1', 'GHSA-2', 'PYSEC-1'],
      ['GO-9'],
    ]);
    expect(groupAliases([cve, ghsa, other, pysec, alone])).toEqual(groups);
  });

  it('lists a record loaded twice once', () => {
    const a = r('GHSA-1');
    expect(groupAliases([a, { ...a }])).toEqual([[a]]);
    expect(groupAliases([])).toEqual([]);
  });
});

describe('defaultDbPath', () => {
  it('prefers RAMPART_DB', () => {
    expect(defaultDbPath({ RAMPART_DB: '/data/osv.db', XDG_CACHE_HOME: '/c' }, 'linux', '/home/u')).toBe(
      '/data/osv.db',
    );
  });

  it('uses the platform cache directory', () => {
    expect(defaultDbPath({}, 'linux', '/home/u')).toBe('/home/u/.cache/rampart/osv.db');
    expect(defaultDbPath({ XDG_CACHE_HOME: '/xdg' }, 'linux', '/home/u')).toBe('/xdg/rampart/osv.db');
    expect(defaultDbPath({ XDG_CACHE_HOME: 'relative' }, 'freebsd', '/home/u')).toBe(
      '/home/u/.cache/rampart/osv.db',
    );
    expect(defaultDbPath({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Caches/rampart/osv.db');
    expect(defaultDbPath({ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32', 'C:\\Users\\u')).toBe(
      'C:\\Users\\u\\AppData\\Local\\rampart\\osv.db',
    );
    expect(defaultDbPath({}, 'win32', 'C:\\Users\\u')).toBe('C:\\Users\\u\\AppData\\Local\\rampart\\osv.db');
  });
});
