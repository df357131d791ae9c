import { PackageURL } from 'packageurl-js';
import type { Ecosystem } from './model.js';

const PURL_TYPE: Record<Ecosystem, string> = {
  npm: 'npm',
  PyPI: 'pypi',
  Go: 'golang',
  'crates.io': 'cargo',
  RubyGems: 'gem',
  Packagist: 'composer',
  Maven: 'maven',
  NuGet: 'nuget',
  Pub: 'pub',
  Hex: 'hex',
  ConanCenter: 'conan',
  CRAN: 'cran',
  Alpine: 'apk',
  Debian: 'deb',
};

/** Split a package name into a purl namespace and name, per the purl type's rules. */
function splitName(ecosystem: Ecosystem, name: string): [string | undefined, string] {
  const cut = (separator: string): [string | undefined, string] => {
    const at = name.lastIndexOf(separator);
    return at > 0 ? [name.slice(0, at), name.slice(at + 1)] : [undefined, name];
  };
  switch (ecosystem) {
    case 'npm':
      return name.startsWith('@') ? cut('/') : [undefined, name];
    case 'Go':
    case 'Packagist':
      return cut('/');
    case 'Maven':
      return cut(':');
    case 'Alpine':
      return ['alpine', name];
    case 'Debian':
      return ['debian', name];
    default:
      return [undefined, name];
  }
}

/** The distro qualifier for OS packages: `Debian:12` → `debian-12`, `Alpine:v3.20` → `alpine-3.20`. */
function distro(variant: string | undefined): Record<string, string> | undefined {
  if (!variant) return undefined;
  const [base, release] = variant.split(':');
  if (!release || !base) return undefined;
  return { distro: `${base.toLowerCase()}-${release.replace(/^v/, '')}` };
}

/**
 * npm names and versions that packageurl-js leaves as they are (lower case, no characters it encodes
 * or trims), so that their purl can be written directly: the library takes microseconds a purl, which
 * adds up over a 50,000-package lockfile. `purl.test.ts` checks that both agree.
 */
const PLAIN_NPM_NAME = /^(?:@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/;
const PLAIN_VERSION = /^[0-9A-Za-z][0-9A-Za-z.+-]*$/;

/** Package URL of a package (https://github.com/package-url/purl-spec). Version omitted when unknown. */
export function purlOf(ecosystem: Ecosystem, name: string, version: string, variant?: string): string {
  if (
    ecosystem === 'npm' &&
    !variant &&
    PLAIN_NPM_NAME.test(name) &&
    (version === '' || PLAIN_VERSION.test(version))
  ) {
    const purl = name.startsWith('@') ? `pkg:npm/%40${name.slice(1)}` : `pkg:npm/${name}`;
    return version === '' ? purl : `${purl}@${version}`;
  }
  const [namespace, short] = splitName(ecosystem, name);
  let v = version || undefined;
  // Go module versions carry their `v` (pkg:golang/golang.org/x/net@v0.17.0), except the toolchain.
  if (v && ecosystem === 'Go' && name !== 'stdlib' && name !== 'toolchain' && /^\d/.test(v)) v = `v${v}`;
  return new PackageURL(PURL_TYPE[ecosystem], namespace, short, v, distro(variant), undefined).toString();
}

/** Our ecosystem for a purl type, or undefined for types we do not scan. */
export function ecosystemOfPurlType(type: string): Ecosystem | undefined {
  for (const [ecosystem, t] of Object.entries(PURL_TYPE)) if (t === type) return ecosystem as Ecosystem;
  return undefined;
}
