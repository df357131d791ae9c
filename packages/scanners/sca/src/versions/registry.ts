/**
 * Ecosystem name → version ordering. OSV ecosystem names may carry a release suffix
 * (`Debian:12`, `Alpine:v3.20`, `Ubuntu:22.04:LTS`); only the part before the first `:` selects the
 * ordering. Names are matched case-insensitively.
 */
import { alpineScheme } from './alpine.js';
import { conanScheme } from './conan.js';
import { cranScheme } from './cran.js';
import { cratesScheme } from './crates.js';
import { debianScheme } from './debian.js';
import { goScheme } from './go.js';
import { hexScheme } from './hex.js';
import { mavenScheme } from './maven.js';
import { npmScheme } from './npm.js';
import { nugetScheme } from './nuget.js';
import { packagistScheme } from './packagist.js';
import { pubScheme } from './pub.js';
import { pypiScheme } from './pypi.js';
import { rubygemsScheme } from './rubygems.js';
import { CachedScheme, UnknownEcosystemError, type VersionScheme } from './scheme.js';
import { semverRangeScheme } from './semver-range.js';

/** Type-erased: callers only ever hand a scheme's own parse results back to its compare. */
function cached<T>(scheme: VersionScheme<T>): CachedScheme {
  return new CachedScheme(scheme);
}

const npm = cached(npmScheme);
const debian = cached(debianScheme);
const alpine = cached(alpineScheme);

/** Lower-cased ecosystem name → ordering. */
const BY_NAME = new Map<string, CachedScheme>([
  ['npm', npm],
  ['pypi', cached(pypiScheme)],
  ['go', cached(goScheme)],
  ['crates.io', cached(cratesScheme)],
  ['rubygems', cached(rubygemsScheme)],
  ['packagist', cached(packagistScheme)],
  ['maven', cached(mavenScheme)],
  ['nuget', cached(nugetScheme)],
  ['pub', cached(pubScheme)],
  ['hex', cached(hexScheme)],
  ['conancenter', cached(conanScheme)],
  ['cran', cached(cranScheme)],
  ['debian', debian],
  ['alpine', alpine],
  // Distributions whose packages use the same version syntax.
  ['ubuntu', debian],
  ['wolfi', alpine],
  ['chainguard', alpine],
]);

/** The ordering of OSV `SEMVER` ranges. */
export const SEMVER = cached(semverRangeScheme);

/** The ordering for an OSV ecosystem name; throws `UnknownEcosystemError` when there is none. */
export function schemeFor(ecosystem: string): CachedScheme {
  const colon = ecosystem.indexOf(':');
  const base = (colon >= 0 ? ecosystem.slice(0, colon) : ecosystem).trim().toLowerCase();
  const scheme = BY_NAME.get(base);
  if (!scheme) throw new UnknownEcosystemError(ecosystem);
  return scheme;
}

/** The base ecosystem names with an ordering. */
export const SUPPORTED_ECOSYSTEMS: readonly string[] = [
  'npm',
  'PyPI',
  'Go',
  'crates.io',
  'RubyGems',
  'Packagist',
  'Maven',
  'NuGet',
  'Pub',
  'Hex',
  'ConanCenter',
  'CRAN',
  'Debian',
  'Alpine',
  'Ubuntu',
  'Wolfi',
  'Chainguard',
];
